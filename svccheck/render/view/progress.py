"""Progress against an improvement plan in a report's view (``score --plan``): the plan columns
on every item and, at the end, each planned item met or not and each phase's overall. Nothing
without a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import answer_text, number
from svccheck.render.view.model import (
    Cell,
    Column,
    Contribution,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
)

if TYPE_CHECKING:
    from svccheck.engine.progress import Progress
    from svccheck.engine.results import Report
    from svccheck.render.interface import ReportOptions

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


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """What a plan adds to a report; nothing without one. Items the rubric no longer has are
    never planned (a plan file is checked against it)."""
    progress = options.plan
    if progress is None:
        return Contribution()
    cells = {
        item.id: (Cell(phase.period), Cell(item.to), Cell(item.met), Cell(item.status.value))
        for phase in progress.phases
        for item in phase.items
    }
    return Contribution(columns=COLUMNS, cells=cells, closing_parts=(_part(progress),))
