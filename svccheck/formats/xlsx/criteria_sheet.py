"""Writing the Criteria sheet of an audit workbook: one row per item and criterion key, the
criterion's level and text, and a Status cell with a dropdown of met, partly, not-met and
not-assessed (it, or empty: the evidence never showed it), read back by
:mod:`svccheck.formats.xlsx.criteria_read`.

One row a criterion rather than a column a level: a level has one or two criteria, so a column
per level would need two marks in one cell (no dropdown can offer that) or two unlabelled columns
per level far from the texts they mark; a row puts each criterion's full text beside the one cell
that marks it, and the autofilter shows one item's criteria at a time.

The answers record criteria in an order; the rows give one (the item's criteria in rubric order,
then any key of another edition in the order recorded). Where an answer's order is not the
rows', or it records none (``criteria: {}``), the hidden sheet keeps it, so that converting back
gives the file that was converted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from svccheck.core.record import record
from svccheck.core.vocabulary import RECORDED_STATUSES
from svccheck.formats.xlsx.layout import (
    CRITERIA_COLUMNS,
    CRITERIA_COLUMNS_ROW,
    CRITERIA_INSTRUCTIONS_ROW,
    CRITERIA_SHEET,
    CRITERIA_TITLE_ROW,
    CRITERIA_WIDTHS,
    ORDER_COLUMN,
)
from svccheck.formats.xlsx.writing import (
    BOLD,
    INPUT,
    TEXT_FORMAT,
    WRAP,
    at,
    fit_row_heights,
    font,
    print_setup,
    put,
    rubric_text,
)
from svccheck.model.audit import Audit, Observations

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from svccheck.model.rubric import Item, Rubric

OTHER_EDITION = "(not a criterion of this edition of the rubric; kept as recorded)"
_STATUSES = ",".join(str(status) for status in RECORDED_STATUSES)
_ITEM_START = Border(top=Side(style="thin", color="808080"))
_REPEATED = font(color="808080")  # an item's id again, on its second row and after


@record
class CriterionRow:
    """One row of the sheet: an item's criterion and what the audit recorded of it."""

    item_id: str
    title: str
    level: int | None  # None: a key the rubric's edition does not have
    key: str
    text: str
    status: str | None  # None: never shown


def wanted(loaded: Rubric, audit: Audit) -> bool:
    """Whether the workbook has a Criteria sheet: the rubric has criteria, or answers record
    some (of another edition)."""
    return any(item.criteria for _, item in loaded.items()) or any(
        answer.criteria is not None for answer in audit.answers
    )


def _item_rows(item: Item, observed: Observations | None) -> list[CriterionRow]:
    recorded = dict(observed or ())
    rows = [
        CriterionRow(item.id, item.title, c.level, key, c.described, recorded.get(key))
        for key, c in item.criterion_keys.items()
    ]
    rows += [
        CriterionRow(item.id, item.title, None, key, OTHER_EDITION, status)
        for key, status in observed or ()
        if key not in item.criterion_keys
    ]
    return rows


def rows_of(loaded: Rubric, audit: Audit) -> list[CriterionRow]:
    """Every row, item by item in rubric order."""
    answers = audit.answer_map()
    rows: list[CriterionRow] = []
    for _, item in loaded.items():
        answer = answers.get(item.id)
        rows += _item_rows(item, answer.criteria if answer else None)
    return rows


def orders_of(loaded: Rubric, audit: Audit) -> list[tuple[str, str]]:
    """(item id, its recorded keys joined by spaces) for every answer whose criteria the rows
    would give back in another order, or that records none."""
    answers = audit.answer_map()
    kept = []
    for _, item in loaded.items():
        answer = answers.get(item.id)
        if answer is None or answer.criteria is None:
            continue
        recorded = [key for key, _ in answer.criteria]
        by_rows = [row.key for row in _item_rows(item, answer.criteria) if row.status]
        if not recorded or recorded != by_rows:
            kept.append((item.id, " ".join(recorded)))
    return kept


def write_orders(meta: Worksheet, orders: list[tuple[str, str]]) -> None:
    """The recorded orders in the hidden sheet (:func:`orders_of`)."""
    for row, (item_id, keys) in enumerate(orders, start=1):
        put(at(meta, row, ORDER_COLUMN), item_id)
        put(at(meta, row, ORDER_COLUMN + 1), keys)


def add_sheet(book: Workbook, loaded: Rubric, audit: Audit) -> None:
    """The Criteria sheet, after the Audit sheet."""
    sheet: Worksheet = book.create_sheet(CRITERIA_SHEET)
    title = at(sheet, CRITERIA_TITLE_ROW, 1)
    put(title, rubric_text(f"Criteria of each item's levels: {loaded.title}"))
    title.font = font(bold=True, size=14)
    widths = [CRITERIA_WIDTHS[name] for name in CRITERIA_COLUMNS]
    _instructions(sheet, loaded, sum(widths))
    for column, (name, width) in enumerate(zip(CRITERIA_COLUMNS, widths, strict=True), start=1):
        label = at(sheet, CRITERIA_COLUMNS_ROW, column)
        put(label, name)
        label.font = BOLD
        sheet.column_dimensions[get_column_letter(column)].width = width
    rows = rows_of(loaded, audit)
    previous = None
    for number, row in enumerate(rows, start=CRITERIA_COLUMNS_ROW + 1):
        _write_row(sheet, number, row, first=row.item_id != previous)
        previous = row.item_id
    last = CRITERIA_COLUMNS_ROW + len(rows)
    fit_row_heights(sheet, widths, CRITERIA_COLUMNS_ROW + 1, last)
    status = get_column_letter(len(CRITERIA_COLUMNS))
    if rows:
        _status_validation(sheet, f"{status}{CRITERIA_COLUMNS_ROW + 1}:{status}{last}")
    sheet.freeze_panes = f"B{CRITERIA_COLUMNS_ROW + 1}"
    sheet.auto_filter.ref = f"A{CRITERIA_COLUMNS_ROW}:{status}{last}"
    print_setup(sheet, CRITERIA_COLUMNS_ROW)


def _instructions(sheet: Worksheet, loaded: Rubric, width: int) -> None:
    """How to mark the criteria, across the table's width: one line that ran past the last
    column made LibreOffice print the whole sheet at half its size."""
    text = (
        "Status: met, partly or not-met, as the evidence showed each criterion; not-assessed "
        "where you looked and the evidence never showed it (or leave it empty). An item whose "
        "Score on the Audit sheet is empty gets the level its criteria reach by the rubric's "
        f"scoring rule (svccheck rubrics show {loaded.id}); a Score they contradict needs a "
        "Note saying why."
    )
    cell = at(sheet, CRITERIA_INSTRUCTIONS_ROW, 1)
    put(cell, rubric_text(text))
    cell.font = font(italic=True)
    cell.alignment = WRAP
    last = get_column_letter(len(CRITERIA_COLUMNS))
    sheet.merge_cells(f"A{CRITERIA_INSTRUCTIONS_ROW}:{last}{CRITERIA_INSTRUCTIONS_ROW}")
    lines = -(-len(text) // max(width - 10, 1))  # italic text: a little room to spare
    sheet.row_dimensions[CRITERIA_INSTRUCTIONS_ROW].height = 15 * lines


def _write_row(sheet: Worksheet, number: int, row: CriterionRow, *, first: bool) -> None:
    """One criterion. The item's title only on its first row, which a line separates from the
    item before; its id on every row, read back and kept when the rows are filtered or sorted
    (grey after the first: the same id over and over drowned the criteria)."""
    title = rubric_text(row.title) if first else None
    values = (row.item_id, title, row.level, row.key, rubric_text(row.text), row.status)
    for column, value in enumerate(values, start=1):
        cell = at(sheet, number, column)
        put(cell, value)
        cell.alignment = WRAP
        if first:
            cell.border = _ITEM_START
    if not first:
        at(sheet, number, 1).font = _REPEATED
    status = at(sheet, number, len(CRITERIA_COLUMNS))
    status.fill = INPUT
    status.number_format = TEXT_FORMAT
    status.alignment = Alignment(horizontal="center", vertical="top")
    at(sheet, number, 3).alignment = Alignment(horizontal="center", vertical="top")


def _status_validation(sheet: Worksheet, where: str) -> None:
    """A dropdown of met, partly, not-met and not-assessed on the Status cells, refusing anything
    else."""
    validation = DataValidation(
        type="list",
        formula1=f'"{_STATUSES}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a status",
        error="Choose met, partly, not-met or not-assessed, or leave the cell empty (never shown).",
        promptTitle="Status",
        prompt="met, partly or not-met; not-assessed or empty: the evidence never showed it",
        showInputMessage=True,
    )
    sheet.add_data_validation(validation)
    validation.add(where)
