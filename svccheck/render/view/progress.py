"""Progress against an improvement plan in a report's view (``score --plan``, ``diff --plan``):
the plan columns on every item and, at the end, each planned item met or not and each phase's
overall; in a trend (``trend --plan``), the plan's projected overall beside the actual one of its
unit. Nothing without a plan.

JSON carries the same as data (:mod:`svccheck.render.json_features`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import answer_text, number, rounded
from svccheck.render.view.model import (
    Beside,
    Cell,
    Column,
    Contribution,
    DiffContribution,
    Measure,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
    TrendContribution,
)

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison
    from svccheck.engine.progress import Progress
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend
    from svccheck.render.interface import ComparisonOptions, ReportOptions, TrendOptions

COLUMNS = (Column("plan_period"), Column("plan_to"), Column("plan_met"), Column("plan_status"))
_PHASE = 0  # the column the terminal shows as headings


def _items(progress: Progress) -> Table:
    """Every planned item, phase by phase: its target answer, its answer now, met or not."""
    rows = tuple(
        Row((
            Cell(text=phase.period),
            Cell(text=item.id),
            Cell(text=str(item.to)),
            Cell(text=answer_text(item.answer)),
            Cell(text="met" if item.met else "not met", tone=Tone.GOOD if item.met else Tone.BAD),
            Cell(text=item.status.value),
        ))
        for phase in progress.phases
        for item in phase.items
    )  # fmt: skip
    columns = (
        Column(heading="Phase", whole=True),
        Column(heading="Item", whole=True),  # ids stay whole (everyone-adds-value)
        Column(heading="To", numeric=True),
        Column(heading="Answer", numeric=True),
        Column(heading="Met", whole=True),
        Column(heading="Status", whole=True),
    )
    return Table(columns, rows, group=_PHASE)


def _phases(progress: Progress) -> Table:
    """Each phase's projected and actual overall, in a table of its own: beside the items, eight
    columns at 80 broke the ids mid-word."""
    rows = tuple(
        Row((Cell(text=p.period), Cell(text=number(p.projected_overall)),
             Cell(text=number(p.actual_overall))))
        for p in progress.phases
    )  # fmt: skip
    columns = (
        Column(heading="Phase", whole=True),
        Column(heading="Projected", numeric=True),
        Column(heading="Actual", numeric=True),
    )
    return Table(columns, rows, title="Overall per phase")


def _part(progress: Progress) -> Part:
    done, planned = progress.met_count()
    blocks: list[Paragraph | Table] = [
        Paragraph(f"{done} of {planned} planned items met."),
        _items(progress),
        _phases(progress),
    ]
    if progress.unplanned:
        moved = ", ".join(
            f"{m.id} ({answer_text(m.old)} → {answer_text(m.new)})" for m in progress.unplanned
        )
        blocks.append(Paragraph(f"Moved without a plan: {moved}"))
    return Part("plan-progress", "Plan progress", tuple(blocks))


def _cells(progress: Progress) -> dict[str, tuple[Cell, ...]]:
    """Each planned item's phase, target answer, whether it is met, and its status."""
    return {
        item.id: (Cell(phase.period), Cell(item.to), Cell(item.met), Cell(item.status.value))
        for phase in progress.phases
        for item in phase.items
    }


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """What a plan adds to a report; nothing without one. Items the rubric no longer has are
    never planned (a plan file is checked against it)."""
    progress = options.plan
    if progress is None:
        return Contribution()
    return Contribution(columns=COLUMNS, cells=_cells(progress), closing_parts=(_part(progress),))


def comparison(comparison: Comparison, options: ComparisonOptions) -> DiffContribution:
    """What a plan adds to a diff: as to a report, and the items that moved without a plan."""
    progress = options.plan
    if progress is None:
        return DiffContribution()
    return DiffContribution(
        columns=COLUMNS, cells=_cells(progress), closing_parts=(_part(progress),)
    )


def trend(trend: Trend, options: TrendOptions) -> TrendContribution:
    """The plan's projected overall per period beside the actual one, for the plan's unit."""
    plan = options.plan
    if plan is None:
        return TrendContribution()
    measures = []
    for series in trend.series:
        marks = plan.of(series)
        measures.append(
            ()
            if marks is None
            else (Measure("plan", "Plan (projected)",
                          tuple(Cell(rounded(m.projected_overall), number(m.projected_overall),
                                     Tone.MUTED) for m in marks),
                          Beside.OVERALL, short="plan", projected=True),)
        )  # fmt: skip
    return TrendContribution(tuple(measures))
