"""Improvement plans: which items to raise, to what score, in which quarter, and what it projects.

A pure engine on frozen dataclasses. Items are taken by potential gain (the scoring model's, with
the plan's goal as the target; ties in rubric order), or with customer importance by priority, as
``score`` ranks its actions (:mod:`svccheck.engine.importance`), and raised to the lowest scale
point that reaches the goal, the larger of the rubric's target and the plan's. Raising a scored
item never changes which items are scored, so every section keeps its effective weight and the
gains add up: the order chosen at the start stays the best order after each step. The projection
after each phase is nevertheless computed by scoring the audit with the planned answers applied, so
it is the scoring model's number, not an estimate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.core.vocabulary import LAST_YEAR
from svccheck.engine import criteria_plan, scoring
from svccheck.engine.criteria import MissingCriterion
from svccheck.model.audit import Answer, Audit
from svccheck.model.rubric import Rubric

if TYPE_CHECKING:
    from svccheck.engine.results import Ratings

_PERIOD = re.compile(r"(\d{4})-(?:Q([1-4])|(\d{2})(?:-\d{2})?)$")
EPSILON = 1e-9  # as in scoring.level_for: 74.99999999 reached by float sums counts as 75


class Status(StrEnum):
    """Where a planned item stands; people set it in the plan file."""

    planned = "planned"
    doing = "doing"
    done = "done"
    dropped = "dropped"


@record
class PlannedItem:
    """One item to raise from its current score to ``to``, with what people fill in."""

    id: str
    from_score: int
    to: int
    actions: tuple[str, ...] = ()
    owner: str | None = None
    due: str | None = None
    status: Status = Status.planned
    note: str | None = None


@record
class Phase:
    """One quarter of the plan: its items and the overall score and level projected after it."""

    period: str
    items: tuple[PlannedItem, ...]
    projected_overall: float | None
    projected_level: str | None


@record
class Plan:
    """A whole plan, as written to and read from a plan file.

    ``rubric`` is the rubric as the audit names it (an id or a path); ``target`` is the plan's
    overall target in percent.
    """

    rubric: str
    rubric_version: int | None
    organization: str | None
    unit: str | None
    baseline_period: str
    baseline_overall: float | None
    target: float
    phases: tuple[Phase, ...]

    def items(self) -> tuple[PlannedItem, ...]:
        """Every planned item, phase by phase."""
        return tuple(item for phase in self.phases for item in phase.items)

    def projected(self) -> float | None:
        """The overall score projected at the end of the plan (the baseline without phases)."""
        return self.phases[-1].projected_overall if self.phases else self.baseline_overall

    @property
    def reached(self) -> bool:
        """Whether the plan's projection reaches its target."""
        end = self.projected()
        return end is not None and end + EPSILON >= self.target


@record
class Planned:
    """A plan with its loaded rubric, for renderers (titles, scale labels, levels), and the
    criteria each step still misses where the audit ticked criteria (by item id; the plan's
    actions name them too, so a plan file keeps them as text)."""

    plan: Plan
    rubric: Rubric
    missing: tuple[tuple[str, tuple[MissingCriterion, ...]], ...] = ()

    def missing_of(self, item_id: str) -> tuple[MissingCriterion, ...] | None:
        """The criteria the step of ``item_id`` still misses; ``None`` where its answer ticked
        none (or they leave nothing missing)."""
        return dict(self.missing).get(item_id)

    def level(self, overall: float | None) -> str | None:
        """The rubric's maturity level of an overall score."""
        return scoring.level_for(self.rubric, overall)

    def title(self, item_id: str) -> str:
        """An item's title; its id when the rubric no longer has it."""
        found = {item.id: item.title for _, item in self.rubric.items()}
        return found.get(item_id, item_id)

    def label(self, score: int) -> str:
        """A score with its scale label: ``4 Managed``."""
        scale = self.rubric.scale
        return f"{score} {scale.label(score)}" if scale.min <= score <= scale.max else str(score)


@record
class Request:
    """What ``svccheck plan`` was asked: the plan's target (None: the rubric's), phases, items."""

    target: float | None = None
    phases: int = 4
    per_phase: int = 3
    importance: Ratings | None = None  # rank by priority instead of gain


def quarter_of(period: str) -> tuple[int, int]:
    """(year, quarter) of a period: ``2026-Q3``, a month ``2026-09`` or a date ``2026-09-30``."""
    match = _PERIOD.match(period)
    if match is None:
        raise UsageError(f"period {period!r}: expected 2026-Q3, 2026-09 or 2026-09-30")
    year, quarter, month = match.groups()
    if quarter is not None:
        return int(year), int(quarter)
    return int(year), (int(month) - 1) // 3 + 1


def quarters_after(period: str, count: int) -> Iterator[str]:
    """The ``count`` quarters following the one ``period`` falls in, as ``YYYY-Qn``, made as
    they are used; a quarter past 9999-Q4, which no file could name, is refused."""
    year, quarter = quarter_of(period)
    for _ in range(count):
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        if year > LAST_YEAR:
            raise UsageError(
                f"period {period!r}: the plan's phases would pass {LAST_YEAR}-Q4, the last "
                "quarter a period can name"
            )
        yield f"{year}-Q{quarter}"


def target_of_level(rubric: Rubric, name: str) -> float:
    """The minimum overall score of the maturity level called ``name`` (case-insensitive)."""
    for level in rubric.levels:
        if level.name.casefold() == name.casefold():
            return level.min
    known = ", ".join(level.name for level in rubric.levels)
    raise UsageError(f"--target-level {name!r}: rubric {rubric.id!r} has the levels {known}")


def lowest_reaching(rubric: Rubric, goal: float) -> int | None:
    """The lowest scale point whose percent reaches ``goal``; ``None`` if none does."""
    for point in rubric.scale.points():
        value = scoring.percent(point, rubric.scale)
        if value is not None and value + EPSILON >= goal:
            return point
    return None


def applied(audit: Audit, items: tuple[PlannedItem, ...]) -> Audit:
    """The audit with every planned item's answer set to its ``to`` score (notes kept)."""
    notes = {answer.item_id: answer.note for answer in audit.answers}
    for item in items:
        audit = audit.with_answer(Answer(item.id, item.to, notes.get(item.id)))
    return audit


def candidates(
    rubric: Rubric, audit: Audit, goal: float, ratings: Ratings | None = None
) -> list[PlannedItem]:
    """Items below the goal, best potential gain first (with ``ratings``, highest priority
    first; ties in rubric order), each raised to the lowest score reaching the goal. Unanswered
    and n/a items have no gain and are left out: a plan cannot say where they start. Where the
    audit ticked criteria, the criteria a step still misses are its first actions and order it
    (:mod:`svccheck.engine.criteria_plan`: quick wins first)."""
    to = lowest_reaching(rubric, goal)
    if to is None:
        return []
    # The scoring model's actions, with the goal as the target: ordered exactly as `score` does.
    report = scoring.score(replace(rubric, target=goal), audit)
    if ratings is not None:
        from svccheck.engine import importance  # only for a plan with importance

        report = importance.apply(report, ratings)
    chosen = {
        result.item.id: PlannedItem(result.item.id, result.answer, to, result.item.actions)
        for result in report.actions
        if isinstance(result.answer, int) and result.answer < to
    }
    steps = ((item.id, item.from_score, item.to) for item in chosen.values())
    missing = criteria_plan.missing_by_item(rubric, audit, steps)
    ordered = [chosen[item_id] for item_id in criteria_plan.phased(list(chosen), missing)]
    return [
        replace(step, actions=(*criteria_plan.actions(missing[step.id]), *step.actions))
        if step.id in missing
        else step
        for step in ordered
    ]


def _projection(rubric: Rubric, audit: Audit) -> tuple[float | None, str | None]:
    report = scoring.score(rubric, audit)
    return report.overall, report.level


def make_plan(rubric: Rubric, audit: Audit, request: Request) -> Plan:
    """A plan for ``audit``: phases of at most ``per_phase`` items, stopping at the target."""
    if audit.period is None:
        raise UsageError("the audit has no period; a plan's quarters follow it (add 'period:')")
    if request.phases < 1 or request.per_phase < 1:
        raise UsageError("--phases and --per-phase must be at least 1")
    target = rubric.target if request.target is None else request.target
    queue = candidates(rubric, audit, max(rubric.target, target), request.importance)
    overall, _ = _projection(rubric, audit)
    phases: list[Phase] = []
    done: tuple[PlannedItem, ...] = ()
    for period in quarters_after(audit.period, request.phases):
        if not queue or (overall is not None and overall + EPSILON >= target):
            break
        taken: list[PlannedItem] = []
        # One item at a time, so that the plan stops as soon as the projection reaches the
        # target instead of filling the phase with items it no longer needs.
        while queue and len(taken) < request.per_phase:
            taken.append(queue.pop(0))
            overall, level = _projection(rubric, applied(audit, (*done, *taken)))
            if overall is not None and overall + EPSILON >= target:
                break
        done = (*done, *taken)
        phases.append(Phase(period, tuple(taken), overall, level))
    return Plan(
        rubric=audit.rubric,
        rubric_version=rubric.version,
        organization=audit.organization,
        unit=audit.unit,
        baseline_period=audit.period,
        baseline_overall=scoring.score(rubric, audit).overall,
        target=target,
        phases=tuple(phases),
    )


def planned(rubric: Rubric, audit: Audit, request: Request) -> Planned:
    """The plan of ``audit`` with its rubric and the criteria each step still misses."""
    plan = make_plan(rubric, audit, request)
    steps = ((item.id, item.from_score, item.to) for item in plan.items())
    return Planned(plan, rubric, tuple(criteria_plan.missing_by_item(rubric, audit, steps).items()))


def shortfall(plan: Plan) -> str | None:
    """Why the plan misses its target, for people; ``None`` when it reaches it."""
    if plan.reached:
        return None
    end = plan.projected()
    shown = "no score" if end is None else f"{end:.2f}%"
    return (
        f"the target {plan.target:g}% is not reached: after {len(plan.phases)} phases the "
        f"projection ends at {shown} (allow more --phases or --per-phase, or lower the target)"
    )
