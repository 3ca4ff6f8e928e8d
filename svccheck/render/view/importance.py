"""Customer importance in a report's view: each action's priority and importance, how the
actions are ordered, the importance columns, the importance-performance analysis and where
the figures came from; in a diff, the items whose importance changed and both importances per
item. Nothing when the report (for a diff, either audit) has no importance.

JSON carries the same as data (:mod:`svccheck.render.json_features`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine.results import QUADRANT_ORDER, Quadrant
from svccheck.render.common import number, plural, rounded
from svccheck.render.view.model import (
    Cell,
    Column,
    Contribution,
    DiffContribution,
    Entry,
    Fact,
    IpaChart,
    Listing,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
)

if TYPE_CHECKING:
    from fractions import Fraction

    from svccheck.engine.compare import Comparison
    from svccheck.engine.results import IPA, Importance, Report
    from svccheck.render.interface import ComparisonOptions, ReportOptions

COLUMNS = (Column("importance"), Column("quadrant"), Column("priority"))
CHANGE_COLUMNS = (Column("old_importance"), Column("new_importance"))
_QUADRANT = 1  # the column of the quadrant table the terminal shows as headings


def quadrant_meaning(quadrant: Quadrant) -> str:
    """``high importance, low performance``."""
    importance = "high" if quadrant.high_importance else "low"
    performance = "high" if quadrant.high_performance else "low"
    return f"{importance} importance, {performance} performance"


def quadrants_legend() -> str:
    """What the quadrants mean, for a caption."""
    return "; ".join(f"{q.label}: {quadrant_meaning(q)}" for q in QUADRANT_ORDER)


def crosshairs(ipa: IPA) -> str:
    """Where the crosshairs are, and the rule for an item exactly on one."""
    assert ipa.importance_mean is not None  # called only when items are placed
    assert ipa.performance_mean is not None
    return (
        f"crosshairs at the means, importance {float(ipa.importance_mean):.2f} and performance "
        f"{float(ipa.performance_mean):.1f}% (an item on a crosshair counts as high)"
    )


def importance_origin(importance: Importance) -> str:
    """Where the importance figures came from (text already made safe to show)."""
    if importance.file is None:
        return "Importance (1 to 5) from the audit's importance: mapping."
    source = f": {importance.source}" if importance.source else ""
    return f"Importance (1 to 5) from {importance.file}{source}"


def rated_count(importance: Importance) -> str:
    """How many items have an importance, and what that means when under half: ``Importance
    given for 10 of 46 items (under half): the 36 others count at the mean, so an item
    customers did not rate can rank above one they rated high.``"""
    text = f"Importance given for {importance.rated} of {plural(importance.items, 'item')}"
    if not importance.sparse:
        return f"{text}."
    others = importance.items - importance.rated
    return (
        f"{text} (under half): the {others} others count at the mean, so an item customers did "
        "not rate can rank above one they rated high."
    )


def ordering_legend(importance: Importance) -> str:
    """How the actions are ordered when there is importance."""
    mean = importance.ipa.importance_mean
    at = "" if mean is None else f" ({float(mean):.2f})"
    return (
        f"Ordered by priority = gain × importance ÷ mean importance{at}; an item without an "
        "importance counts at the mean."
    )


def _unrated(importance: Importance, rated: int | None) -> str:
    """An action's importance: ``importance 5``, or ``no importance, counts as the mean 3.50``
    (why an item customers did not rate ranks where it does)."""
    if rated is not None:
        return f"importance {rated}"
    mean = importance.ipa.importance_mean
    return (
        "no importance" if mean is None else f"no importance, counts as the mean {float(mean):.2f}"
    )


def action_words(importance: Importance, item_id: str) -> str:
    """``priority 2.23, importance 5`` after an action."""
    priority = importance.priority(item_id)
    return f"priority {number(priority, 2)}, {_unrated(importance, importance.of(item_id))}"


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


def _mean(value: Fraction | None) -> float | None:
    return None if value is None else rounded(float(value))


def _facts(importance: Importance) -> tuple[Fact, ...]:
    """Where the figures came from and the crosshairs, for the workbook's Summary."""
    ipa = importance.ipa
    return (
        Fact("importance_file", importance.file),
        Fact("importance_source", importance.source),
        Fact("importance_mean", _mean(ipa.importance_mean)),
        Fact("performance_mean", _mean(ipa.performance_mean)),
    )


def _cells(importance: Importance, item_id: str) -> tuple[Cell, ...]:
    """An item's importance, quadrant (its id: ``concentrate-here``) and priority; empty where
    it has none."""
    quadrant = importance.quadrant(item_id)
    return (
        Cell(importance.of(item_id)),
        Cell(None if quadrant is None else quadrant.value),
        Cell(rounded(importance.priority(item_id))),
    )


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """What importance adds to a report; nothing without it."""
    importance = report.importance
    if importance is None:
        return Contribution()
    title = report.header.organization or "Service audit"
    return Contribution(
        columns=COLUMNS,
        cells={r.item.id: _cells(importance, r.item.id) for r in report.items()},
        action_words={r.item.id: action_words(importance, r.item.id) for r in report.actions},
        action_legends=(
            Paragraph(ordering_legend(importance), Tone.MUTED),
            Paragraph(rated_count(importance), Tone.WARNING if importance.sparse else Tone.MUTED),
        ),
        parts=(_analysis(importance, title),),
        facts=_facts(importance),
    )


def _rated(value: int | None) -> str:
    return "–" if value is None else str(value)


def comparison(comparison: Comparison, options: ComparisonOptions) -> DiffContribution:
    """What importance adds to a diff when both audits have it: the items whose importance
    changed, and both importances of every item (empty where not rated)."""
    changes = comparison.importance_changes()
    if changes is None:
        return DiffContribution()
    changed = tuple(
        Entry(f"{_rated(c.old)} → {_rated(c.new)}", id=c.id) for c in changes if c.changed
    )
    said = Listing("", changed) if changed else Paragraph("Unchanged.")
    return DiffContribution(
        columns=CHANGE_COLUMNS,
        cells={c.id: (Cell(c.old), Cell(c.new)) for c in changes},
        parts=(Part("importance", "Importance", (said,)),),
    )
