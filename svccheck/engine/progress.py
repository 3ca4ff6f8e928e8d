"""Progress against an improvement plan: what a later audit says about each planned item.

Pure functions from a plan and scored reports to :class:`Progress`, which ``score --plan`` and
``diff --plan`` render as an extra section, and from a plan and a trend to :class:`TrendPlan`, the
projected path that ``trend --plan`` marks beside the actual one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine.planning import Plan, Status, quarter_of
from svccheck.engine.results import Report
from svccheck.model.audit import Score

if TYPE_CHECKING:
    from svccheck.engine.trend import Series, Trend


@record
class ItemProgress:
    """One planned item: its target score, the audit's answer, whether it is met, its status."""

    id: str
    to: int
    answer: Score | float
    met: bool
    status: Status


@record
class PhaseProgress:
    """One phase: the projected overall and, when an audit falls in its quarter, the actual one."""

    period: str
    projected_overall: float | None
    actual_overall: float | None
    items: tuple[ItemProgress, ...]


@record
class Moved:
    """An item whose answer changed between two audits without being in the plan."""

    id: str
    old: Score | float
    new: Score | float


@record
class Progress:
    """The whole plan against an audit (and, for ``diff``, the audit before it)."""

    target: float
    phases: tuple[PhaseProgress, ...]
    unplanned: tuple[Moved, ...] = ()

    def met_count(self) -> tuple[int, int]:
        """(met, planned) over every item not dropped."""
        items = [i for p in self.phases for i in p.items if i.status is not Status.dropped]
        return sum(1 for item in items if item.met), len(items)


def _same_quarter(period: str | None, phase: str) -> bool:
    return period is not None and quarter_of(period) == quarter_of(phase)


def _actual(phase: str, reports: tuple[Report, ...]) -> float | None:
    """The overall score of the audit in the phase's quarter, the latest one if several are."""
    found = [r.overall for r in reports if _same_quarter(r.header.period, phase)]
    return found[-1] if found else None


def progress(plan: Plan, report: Report, earlier: Report | None = None) -> Progress:
    """The plan against ``report``; with ``earlier``, also items that moved unplanned."""
    answers = {result.item.id: result.answer for result in report.items()}
    reports = (report,) if earlier is None else (earlier, report)
    phases = []
    for phase in plan.phases:
        items = []
        for item in phase.items:
            answer = answers.get(item.id)
            met = isinstance(answer, int) and answer >= item.to
            items.append(ItemProgress(item.id, item.to, answer, met, item.status))
        actual = _actual(phase.period, reports)
        phases.append(PhaseProgress(phase.period, phase.projected_overall, actual, tuple(items)))
    return Progress(plan.target, tuple(phases), _unplanned(plan, report, earlier))


def _unplanned(plan: Plan, report: Report, earlier: Report | None) -> tuple[Moved, ...]:
    """Items whose answer changed from ``earlier`` to ``report`` that the plan does not list."""
    if earlier is None:
        return ()  # one audit says nothing about what moved
    planned = {item.id for item in plan.items()}
    before = {result.item.id: result.answer for result in earlier.items()}
    return tuple(
        Moved(result.item.id, before.get(result.item.id), result.answer)
        for result in report.items()
        if result.item.id not in planned and before.get(result.item.id) != result.answer
    )


@record
class TrendMark:
    """One period of a trend: the plan's projected overall for its quarter and the actual one."""

    period: str | None
    projected_overall: float | None
    actual_overall: float | None


@record
class TrendPlan:
    """The projected path beside the actual one, for the series of the unit the plan is for."""

    series: Series
    marks: tuple[TrendMark, ...]

    def of(self, series: Series) -> tuple[TrendMark, ...] | None:
        """The marks when ``series`` is the plan's unit, else ``None``."""
        return self.marks if series is self.series else None


def projected_for(plan: Plan, period: str | None) -> float | None:
    """The projected overall of the phase whose quarter contains ``period``; the baseline's overall
    in the baseline quarter (where the projected path starts); ``None`` outside the plan."""
    if period is None:
        return None
    for phase in plan.phases:
        if _same_quarter(period, phase.period):
            return phase.projected_overall
    if _same_quarter(period, plan.baseline_period):
        return plan.baseline_overall
    return None


def trend_plan(plan: Plan, trend: Trend) -> TrendPlan:
    """The plan's projected path beside the actual overall of its unit's series in ``trend``.

    The series is the one of the plan's unit (and organization, when the plan names one); a trend
    without it is refused.
    """
    for series in trend.series:
        if series.unit == plan.unit and plan.organization in (None, series.organization):
            marks = tuple(
                TrendMark(p.period, projected_for(plan, p.period), p.overall) for p in series.points
            )
            return TrendPlan(series, marks)
    who = " · ".join(repr(part) for part in (plan.organization, plan.unit) if part) or "no unit"
    raise UsageError(f"the plan is for {who}; no audit in the trend is for it")
