"""The view model of an improvement plan (``svccheck plan``), built once for every format.

:func:`plan_view` turns the engine's :class:`~svccheck.engine.planning.Planned` into a
:class:`PlanView`: what the plan is for, its baseline and target, the projected path (baseline
first, then each phase), each phase's items with their moves, owners and actions, and the item
table for programs (the CSV). A plan has no features yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.engine.planning import shortfall
from svccheck.render.common import rounded, rubric_label
from svccheck.render.view.model import Cell, Column, Row, Table

if TYPE_CHECKING:
    from svccheck.engine.planning import Phase, Planned, PlannedItem
    from svccheck.model.rubric import Level
    from svccheck.render.interface import PlanOptions

ITEM_COLUMNS = tuple(
    Column(key)
    for key in ("phase", "period", "item", "title", "from", "to", "owner", "due", "status",
                "projected_overall", "projected_level", "actions")
)  # fmt: skip


@record
class Step:
    """One point of the projected path: a period, the overall projected then and its level."""

    period: str
    overall: float | None
    level: str | None


@record
class PlannedView:
    """One planned item: its title, the move (``2 Ad hoc → 4 Managed``), who and by when, its
    status, actions and note."""

    id: str
    title: str
    moved: str
    owner: str | None
    due: str | None
    status: str
    actions: tuple[str, ...]
    note: str | None


@record
class PhaseView:
    """One phase: its period, the overall and level projected after it, its items."""

    period: str
    overall: float | None
    level: str | None
    items: tuple[PlannedView, ...]


@record
class PlanView:
    """Everything a format shows of an improvement plan."""

    organization: str  # the plan's, or "Service audit"
    unit: str | None
    subject: str  # organization · unit, or "Plan": what the closing headline names
    rubric: str  # Title (id)
    levels: tuple[Level, ...]  # the rubric's, for colours and guides by level
    baseline: Step
    target: float
    reached: bool
    verdict: str  # when the plan reaches its target, or that it does not
    path: tuple[Step, ...]  # the baseline, then each phase
    phases: tuple[PhaseView, ...]
    items: Table  # every planned item, for programs (the CSV)

    @property
    def item_count(self) -> int:
        """How many items the plan raises."""
        return sum(len(phase.items) for phase in self.phases)


def _verdict(planned: Planned) -> str:
    """One sentence: when the plan reaches its target, or that it does not."""
    plan = planned.plan
    missed = shortfall(plan)
    if missed is not None:
        return missed[0].upper() + missed[1:] + "."
    if not plan.phases:
        return f"The baseline already reaches the target {plan.target:g}%."
    return f"The projection reaches the target {plan.target:g}% in {plan.phases[-1].period}."


def _item(planned: Planned, item: PlannedItem) -> PlannedView:
    moved = f"{planned.label(item.from_score)} → {planned.label(item.to)}"
    return PlannedView(item.id, planned.title(item.id), moved, item.owner, item.due,
                       item.status.value, item.actions, item.note)  # fmt: skip


def _rows(planned: Planned) -> tuple[Row, ...]:
    """One row per planned item, phase by phase; an item's actions in one cell, one a line."""

    def row(index: int, phase: Phase, item: PlannedItem) -> Row:
        values = (index, phase.period, item.id, planned.title(item.id), item.from_score,
                  item.to, item.owner, item.due, item.status.value,
                  rounded(phase.projected_overall), phase.projected_level,
                  "\n".join(item.actions))  # fmt: skip
        return Row(tuple(Cell(value) for value in values))

    return tuple(
        row(index, phase, item)
        for index, phase in enumerate(planned.plan.phases, start=1)
        for item in phase.items
    )


def plan_view(planned: Planned, options: PlanOptions) -> PlanView:
    """The view of an improvement plan."""
    plan = planned.plan
    baseline = Step(plan.baseline_period, plan.baseline_overall,
                    planned.level(plan.baseline_overall))  # fmt: skip
    phases = tuple(
        PhaseView(p.period, p.projected_overall, p.projected_level,
                  tuple(_item(planned, item) for item in p.items))
        for p in plan.phases
    )  # fmt: skip
    return PlanView(
        organization=plan.organization or "Service audit",
        unit=plan.unit,
        subject=" · ".join(part for part in (plan.organization, plan.unit) if part) or "Plan",
        rubric=rubric_label(planned.rubric),
        levels=planned.rubric.levels,
        baseline=baseline,
        target=plan.target,
        reached=plan.reached,
        verdict=_verdict(planned),
        path=(baseline, *(Step(p.period, p.overall, p.level) for p in phases)),
        phases=phases,
        items=Table(ITEM_COLUMNS, _rows(planned)),
    )
