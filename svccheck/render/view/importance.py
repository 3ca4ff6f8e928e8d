"""Customer importance in a report's view: each action's priority and importance, how the
actions are ordered, the importance columns, the importance-performance analysis and where
the figures came from. Nothing when the report has no importance.

The words are :mod:`svccheck.render.importance_views`'s, shared with ``diff``'s views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine.results import QUADRANT_ORDER
from svccheck.render.common import number, plural
from svccheck.render.importance_views import (
    action_words,
    crosshairs,
    importance_cells,
    importance_origin,
    ipa_data,
    ordering_legend,
    quadrants_legend,
    rated_count,
)
from svccheck.render.view.model import (
    Cell,
    Column,
    Contribution,
    Fact,
    IpaChart,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
)

if TYPE_CHECKING:
    from svccheck.engine.results import Importance, Report
    from svccheck.render.interface import ReportOptions

COLUMNS = (Column("importance"), Column("quadrant"), Column("priority"))
_QUADRANT = 1  # the column of the quadrant table the terminal shows as headings


def _quadrants(importance: Importance, title: str) -> Table:
    """Every placed item under its quadrant, quadrants in the order to act on them; the chart
    numbers them in this order."""
    rows = tuple(
        Row((
            Cell(text=f"{p.result.item.title} ({p.result.item.id})"),
            Cell(text=quadrant.label),
            Cell(text=str(p.importance)),
            Cell(text=number(p.result.percent)),
        ))
        for quadrant in QUADRANT_ORDER
        for p in importance.ipa.in_quadrant(quadrant)
    )  # fmt: skip
    columns = (
        Column(heading="Item"),
        Column(heading="Quadrant", whole=True),
        Column(heading="Importance", numeric=True),
        Column(heading="Score", numeric=True),
    )
    chart = IpaChart(f"{title}: importance and performance", importance.ipa)
    return Table(columns, rows, "Quadrants", quadrants_legend(), _QUADRANT, chart)


def _analysis(importance: Importance, title: str) -> Part:
    """Where the figures came from, the crosshairs, and the quadrants with their chart."""
    ipa = importance.ipa
    origin = Paragraph(importance_origin(importance), Tone.MUTED)
    if not ipa.items:
        found = Paragraph("No item has both a score and an importance.")
        return Part("ipa", "Importance and performance", (origin, found))
    placed = Paragraph(f"{plural(len(ipa.items), 'item')}; {crosshairs(ipa)}.")
    blocks = (origin, placed, _quadrants(importance, title))
    return Part("ipa", "Importance and performance", blocks)


def _facts(importance: Importance) -> tuple[Fact, ...]:
    data = ipa_data(importance)
    return tuple(
        Fact(f"importance_{name}" if name in ("file", "source") else name, data[name])
        for name in ("file", "source", "importance_mean", "performance_mean")
    )


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """What importance adds to a report; nothing without it."""
    importance = report.importance
    if importance is None:
        return Contribution()
    cells = {
        r.item.id: tuple(Cell(value) for value in importance_cells(importance, r.item.id))
        for r in report.items()
    }
    title = report.header.organization or "Service audit"
    return Contribution(
        columns=COLUMNS,
        cells=cells,
        action_words={r.item.id: action_words(importance, r.item.id) for r in report.actions},
        action_legends=(
            Paragraph(ordering_legend(importance), Tone.MUTED),
            Paragraph(rated_count(importance), Tone.WARNING if importance.sparse else Tone.MUTED),
        ),
        parts=(_analysis(importance, title),),
        facts=_facts(importance),
    )
