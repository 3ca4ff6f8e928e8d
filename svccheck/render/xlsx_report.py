"""``svccheck score AUDIT -o report.xlsx``: a scored audit's view model as a workbook.

Three sheets: **Items** (the item table's columns for programs, those of ``score -f csv``),
**Sections** (id, title, score, share, answered, total) and **Summary** (the view's facts: the
header, the overall result and what each feature adds). Numbers are numbers and text is text: a
note such as ``=HYPERLINK(...)`` stays the text it is, never a formula. The workbook is
:class:`svccheck.render.dispatch.Format` ``xlsx`` (:mod:`svccheck.render.xlsx_out`); the report
kinds without a workbook refuse it (:func:`refuse`, called by
:func:`svccheck.render.dispatch.chosen_format` before anything is read).

openpyxl is imported inside :func:`workbook` only, so other commands start without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, NoReturn

from svccheck.core.errors import UsageError
from svccheck.formats.xlsx.cell_text import escape
from svccheck.formats.xlsx.layout import MAX_CELL_TEXT
from svccheck.render.common import rounded

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet

    from svccheck.render.view.report import ReportView

ITEMS_SHEET, SECTIONS_SHEET, SUMMARY_SHEET = "Items", "Sections", "Summary"
SECTION_COLUMNS = ("id", "title", "score", "share", "answered", "total")
# Shares (0..1) shown as percentages; the cell still holds the share, as JSON has it.
_SHARE_COLUMNS = frozenset({"share", "coverage", "min_coverage", "confidence"})
_SHARE_FORMAT, _NUMBER_FORMAT, _TEXT_FORMAT = "0.0%", "0.00", "@"
_MIN_WIDTH, _MAX_WIDTH = 8, 60


def refuse(named: str) -> NoReturn:
    """A workbook asked of a report kind without one (``diff -o x.xlsx``, ``trend -f xlsx``),
    refused before anything is read by :func:`svccheck.render.dispatch.chosen_format`."""
    raise UsageError(
        f"{named}: only 'svccheck score AUDIT -o FILE.xlsx' writes a workbook; for "
        "this command name a .csv file to open in a spreadsheet (nothing was written)"
    )


def refuse_format(output_file: str, fmt: str | None) -> NoReturn:
    """``score -f FORMAT -o *.xlsx``: the extension and the format disagree."""
    raise UsageError(
        f"--format {fmt!r} with {output_file}: a .xlsx file is always written as a "
        "workbook; drop --format, or name a file with the format's extension"
    )


def _fill(
    sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]], *, table: bool
) -> None:
    """Write a header row and the rows, as data only; a table gets a frozen header row and an
    auto-filter. Every column is as wide as its widest cell, within limits."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [len(name) for name in header]
    for row_number, values in enumerate([header, *rows], start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row_number, column)
            assert not isinstance(cell, MergedCell)  # nothing is merged here
            if isinstance(value, str):
                # Set as a string so that openpyxl never reads a leading = as a formula.
                cell.value = _cell_text(value, header[column - 1] if table else str(values[0]))
                cell.data_type = "s"
                cell.number_format = _TEXT_FORMAT
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            else:
                cell.value = value  # type: ignore[assignment]  # None, bool, int or float
                name = header[column - 1] if table else str(values[0])
                if isinstance(value, float):
                    shares = name in _SHARE_COLUMNS
                    cell.number_format = _SHARE_FORMAT if shares else _NUMBER_FORMAT
                cell.alignment = Alignment(vertical="top")
            if row_number == 1 and table:
                cell.font = Font(bold=True)
            shown = "" if value is None else str(value)
            longest = max((len(line) for line in shown.split("\n")), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    if table:
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(header))
        sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"


def _cell_text(text: str, column: str) -> str:
    """``text`` as a cell holds it (a carriage return escaped as Excel does), or refused when
    a cell cannot hold it all: a report never cuts what it shows."""
    escaped = escape(text)
    if len(escaped) > MAX_CELL_TEXT:
        raise UsageError(
            f"{column}: a text of {len(text)} characters; a workbook cell holds at most "
            f"{MAX_CELL_TEXT}. Choose another format (nothing was written)"
        )
    return escaped


def _sections(view: ReportView) -> list[tuple[object, ...]]:
    return [
        (s.id, s.title, rounded(s.score), None if s.share is None else round(s.share, 6),
         s.answered, s.total)
        for s in view.sections
    ]  # fmt: skip


def workbook(view: ReportView) -> bytes:
    """The scored audit as an ``.xlsx`` workbook: Items, Sections and Summary sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    items = book.active
    assert items is not None  # a new workbook always has one sheet
    items.title = ITEMS_SHEET
    _fill(items, *view.items.programs(), table=True)
    _fill(book.create_sheet(SECTIONS_SHEET), SECTION_COLUMNS, _sections(view), table=True)
    summary = book.create_sheet(SUMMARY_SHEET)
    _fill(summary, ("field", "value"), [(f.key, f.value) for f in view.facts], table=False)
    for row in range(1, summary.max_row + 1):
        summary.cell(row, 1).font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
