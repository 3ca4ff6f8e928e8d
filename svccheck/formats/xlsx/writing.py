"""What the workbook writers share: putting a value in a cell as data, the texts a cell can
hold, the styles of the cells a person fills in, and row heights for wrapped text.

openpyxl is imported here, and this module only for a ``.xlsx`` file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill

from svccheck.core.errors import UsageError
from svccheck.formats.xlsx.cell_text import escape
from svccheck.formats.xlsx.layout import MAX_CELL_TEXT

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

WRAP = Alignment(wrap_text=True, vertical="top")
# A font named, as openpyxl's default cell style names it: a Font without a name made
# LibreOffice show those cells (labels, titles) in a serif font among sans-serif ones.
FONT_NAME = "Calibri"


def font(
    *, bold: bool = False, italic: bool = False, size: int = 11, color: str | None = None
) -> Font:
    """A font of the workbook's family."""
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size, color=color)


BOLD = font(bold=True)
INPUT = PatternFill("solid", fgColor="FFF2CC")  # marks the cells a person fills in
TEXT_FORMAT = "@"  # keeps Excel from turning 2026-09 or 1-2 into a date


def at(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell at a position; the workbooks written here merge no cells."""
    cell = sheet.cell(row, column)
    assert not isinstance(cell, MergedCell)
    return cell


def put(cell: Cell, value: object) -> None:
    """Set ``value`` as data, never as a formula: a note such as ``=HYPERLINK(...)`` from a file
    must stay the text it is when the workbook is opened. Text is escaped as a cell holds it
    (:mod:`svccheck.formats.xlsx.cell_text`: a carriage return survives the XML)."""
    if isinstance(value, str):
        value = escape(value)
    cell.value = value  # type: ignore[assignment]  # openpyxl's stubs are narrower than it is
    if isinstance(value, str):
        cell.data_type = "s"


def rubric_text(value: str) -> str:
    """Rubric text fit for a cell: characters a workbook cannot hold shown as escapes, and a
    text longer than a cell holds cut, visibly (it is shown to read, never read back)."""
    text = ILLEGAL_CHARACTERS_RE.sub(lambda match: ascii(match.group())[1:-1], value)
    if len(escape(text)) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 200] + " … (cut: see the rubric file)"
    return text


def audit_text(value: str | None, where: str) -> str | None:
    """An audit's own text (header, note): kept exactly, or refused, since converting must not
    change it silently."""
    if value is not None and ILLEGAL_CHARACTERS_RE.search(value):
        raise UsageError(
            f"{where}: contains a control character that a workbook cannot hold; remove it "
            "or keep the audit as YAML. Nothing was written"
        )
    if value is not None and len(escape(value)) > MAX_CELL_TEXT:
        raise UsageError(
            f"{where}: is {len(value)} characters long; a workbook cell holds at most "
            f"{MAX_CELL_TEXT}, so it would be cut. Shorten it or keep the audit as YAML. "
            "Nothing was written"
        )
    return value


def fit_row_heights(sheet: Any, widths: Sequence[float], first: int, last: int) -> None:
    """Give each row the height its longest wrapped cell needs.

    Spreadsheet programs do not grow a row for wrapped text written by a library, so long
    guidance would spill over the rows below it (seen when the template was opened in
    LibreOffice); the height is estimated from the text and the column's width.
    """
    for row in range(first, last + 1):
        lines = 1
        for column, width in enumerate(widths, start=1):
            text = str(sheet.cell(row=row, column=column).value or "")
            per_line = max(int(width) - 1, 1)
            needed = sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
            lines = max(lines, needed)
        sheet.row_dimensions[row].height = min(409, 15 * lines)  # 409 points: Excel's maximum


def print_setup(sheet: Any, labels_row: int) -> None:
    """Printed, the sheet is as wide as a page in landscape, the column labels on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{labels_row}:{labels_row}"
