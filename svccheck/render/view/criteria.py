"""What recorded criteria add to a report's view: after each action, the criteria of the next
level that were not seen met (``level 4 needs: …``), where the answer records its criteria; to
combined audits, how far the assessors of a unit marked the criteria alike, and those they
marked differently per item.

The criteria missing and the agreement are the engine's
(:func:`svccheck.engine.criteria.next_level_missing`,
:func:`svccheck.engine.criteria_agreement.criteria_agreement`); JSON carries them as data
(``criteria_met``, ``next_level_missing``; ``combine``'s ``criteria_agreement``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine import criteria
from svccheck.render.common import plural
from svccheck.render.view.model import (
    EMPTY,
    Cell,
    Column,
    CombinedContribution,
    Contribution,
    Figure,
    Paragraph,
    Part,
    Row,
    Table,
)

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.criteria_agreement import CriteriaAgreement
    from svccheck.engine.results import ItemResult, Report
    from svccheck.render.interface import CombinedOptions, ReportOptions


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """The next level's missing criteria after each action whose answer records criteria;
    nothing when no action does."""
    words = {r.item.id: needs for r in report.actions if (needs := next_level_needs(r))}
    return Contribution(action_words=words) if words else Contribution()


def next_level_needs(result: ItemResult) -> str:
    """``level N needs: …``: the criteria of the level above the answer not seen met, or ``""``
    where the answer records no criteria or nothing is missing."""
    if result.criteria is None or not isinstance(result.answer, int):
        return ""
    missing = criteria.next_level_missing(result.item, result.criteria, result.answer)
    return f"level {result.answer + 1} needs: {', '.join(missing)}" if missing else ""


# combine: the criteria the assessors of a unit marked differently, and the agreement per
# criterion (svccheck.engine.criteria_agreement).

CRITERIA_COLUMNS = (
    Column("criteria_compared"),
    Column("criteria_alike"),
    Column("criteria_marked_differently"),
)


def _item_cells(found: CriteriaAgreement, item_id: str) -> tuple[Cell, ...]:
    """An item's criteria compared and marked alike (counts over its criteria and units), and
    the keys marked differently, separated by spaces; empty where none was compared."""
    own = [c for c in found.criteria if c.item == item_id]
    if not own:
        return (EMPTY,) * len(CRITERIA_COLUMNS)
    different = " ".join(c.key for c in own if c.alike < c.compared)
    return (
        Cell(sum(c.compared for c in own)),
        Cell(sum(c.alike for c in own)),
        Cell(different or None),
    )


def _marked(found: CriteriaAgreement, item_id: str, key: str, units: bool) -> str:
    """``n1 partly, n2 met``: who marked what, per unit (named when there are several)."""
    said = []
    for d in found.differences:
        if (d.item, d.key) == (item_id, key):
            marks = ", ".join(
                f"{m.assessor} {'not marked' if m.status is None else m.status.value}"
                for m in d.marks
            )
            unit = d.unit if d.unit is not None else "no unit"
            said.append(f"{unit}: {marks}" if units else marks)
    return "; ".join(said)


def _differences(result: Combined, found: CriteriaAgreement) -> Table:
    """Each criterion marked differently somewhere, under its item: in how many of the units
    where two or more assessors marked it they marked it alike, and who marked what."""
    titles = {item.id: item.title for _, item in result.consensus.rubric.items()}
    units = len({(d.unit, d.period) for d in found.differences}) > 1
    rows = tuple(
        Row((
            Cell(text=f"{titles.get(c.item, c.item)} ({c.item})"),
            Cell(text=c.key),
            Cell(text=f"{c.alike} of {plural(c.compared, 'unit')}"),
            Cell(text=_marked(found, c.item, c.key, units)),
        ))
        for c in found.criteria
        if c.alike < c.compared
    )  # fmt: skip
    columns = (
        Column(heading="Item"),
        Column(heading="Criterion"),
        Column(heading="Alike", numeric=True),
        Column(heading="Marked"),
    )
    return Table(columns, rows, group=0)


def _criteria(count: int) -> str:
    return "1 criterion" if count == 1 else f"{count} criteria"


def _said(found: CriteriaAgreement) -> str:
    """How many of the criteria compared were marked alike."""
    compared = _criteria(found.compared)
    if found.alike == found.compared:
        return f"All {compared} compared were marked alike."
    return (
        f"{found.alike} of the {compared} compared were marked alike ({_share(found.share)}): "
        "criteria an assessor marked where two or more ticked the item, one left out counting "
        "as never shown. Marked differently, by item: in how many of the units where they were "
        "compared they were marked alike, and who marked what."
    )


def _share(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def combined(result: Combined, options: CombinedOptions) -> CombinedContribution:
    """What the assessors' marks of criteria add to combined audits: how many of the criteria
    two or more assessors of a unit marked were marked alike (a figure), those marked
    differently per item with the agreement per criterion (a part), and per item the criteria
    compared, alike and marked differently (columns for programs). Nothing where no two
    assessors of a unit marked a criterion."""
    # Imported for combine only: 0.47 ms of every score and diff start-up (python -X importtime),
    # under a start-up budget of 1.30x the import floor met by 1-2 %.
    from svccheck.engine.criteria_agreement import criteria_agreement

    found = criteria_agreement(result.consensus.rubric, result.sheets)
    if not found.compared:
        return CombinedContribution()
    detail = f"{found.alike} of {_criteria(found.compared)} compared"
    figure = Figure("Criteria marked alike", _share(found.share), detail, closing=False)
    blocks: tuple[Paragraph | Table, ...] = (Paragraph(_said(found)),)
    if found.differences:
        blocks = (*blocks, _differences(result, found))
    return CombinedContribution(
        figures=(figure,),
        columns=CRITERIA_COLUMNS,
        cells={item.id: _item_cells(found, item.id) for _, item in result.consensus.rubric.items()},
        parts=(Part("criteria", "Criteria marked differently", blocks),),
    )
