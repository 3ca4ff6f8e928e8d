"""The item table of a report's view: one row per item, then one per answer to an item the
rubric edition no longer has (for programs only: people read those under "Not scored").

Its columns for programs are ``score -f csv``'s and the workbook's Items sheet; for people it is
the ``--all`` table (the section as a heading, the item, its answer and note); each feature's
columns follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import labelled_answer, rounded
from svccheck.render.view.model import Cell, Column, Contribution, Row, Table

if TYPE_CHECKING:
    from svccheck.engine.results import ItemResult, Report
    from svccheck.model.audit import Answer

REMOVED_SECTION = "(no longer in the rubric)"
COLUMNS = (
    Column("section"),
    Column("section_title", "Section"),
    Column("item"),
    Column("title"),
    Column(heading="Item"),
    Column("answer", "Answer", whole=True),
    Column("percent"),
    Column("weight"),
    Column("gain"),
    Column("note", "Note"),
)
SECTION_COLUMN = 1  # the column the terminal shows as headings


def _item(report: Report, title: str, result: ItemResult) -> tuple[Cell, ...]:
    r = result
    return (
        Cell(r.section_id),
        Cell(title, title),
        Cell(r.item.id),
        Cell(r.item.title),
        Cell(text=f"{r.item.title} ({r.item.id})"),
        Cell(r.answer, labelled_answer(report.rubric, r.answer)),
        Cell(rounded(r.percent)),
        Cell(r.item.weight),
        Cell(rounded(r.gain)),
        Cell(r.note, r.note or ""),
    )


def _removed(answer: Answer) -> tuple[Cell, ...]:
    a = answer
    return (Cell(""), Cell(REMOVED_SECTION), Cell(a.item_id), Cell(""), Cell(), Cell(a.score),
            Cell(), Cell(), Cell(), Cell(a.note))  # fmt: skip


def item_table(report: Report, added: tuple[Contribution, ...]) -> Table:
    """Every item, with the columns of every feature in ``added``."""
    titles = {s.section.id: s.section.title for s in report.sections}

    def extra(item_id: str) -> tuple[Cell, ...]:
        return tuple(cell for c in added for cell in c.cells_of(item_id))

    rows = [
        Row((*_item(report, titles[r.section_id], r), *extra(r.item.id))) for r in report.items()
    ]
    rows += [Row((*_removed(a), *extra(a.item_id)), for_people=False) for a in report.removed]
    columns = (*COLUMNS, *(column for c in added for column in c.columns))
    return Table(columns, tuple(rows), group=SECTION_COLUMN)
