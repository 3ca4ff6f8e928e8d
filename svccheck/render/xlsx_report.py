"""``svccheck score AUDIT -o report.xlsx`` (and ``diff``, ``combine``): a view model as a workbook.

Three sheets: **Items** (the item table's columns for programs, those of ``-f csv``), a sheet of
sections (``score``: id, title, score, share, answered, total; ``diff``: each section's old and new
score and the change; ``combine``: each group's section scores and overall) and **Summary** (the
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

    from svccheck.render.view.combined import CombinedView
    from svccheck.render.view.comparison import DiffView, SideView
    from svccheck.render.view.report import ReportView

ITEMS_SHEET, SECTIONS_SHEET, SUMMARY_SHEET, GROUPS_SHEET = "Items", "Sections", "Summary", "Groups"
SECTION_COLUMNS = ("id", "title", "score", "share", "answered", "total")
# Shares (0..1) shown as percentages; the cell still holds the share, as JSON has it.
_SHARE_COLUMNS = frozenset({"share", "coverage", "min_coverage", "confidence"})
_SHARE_FORMAT, _NUMBER_FORMAT, _TEXT_FORMAT = "0.0%", "0.00", "@"
_MIN_WIDTH, _MAX_WIDTH = 8, 60
# A font named in every cell: a cell without one printed in a serif face in LibreOffice.
_FONT = "Calibri"


def refuse(named: str) -> NoReturn:
    """A workbook asked of a report kind without one (``diff -o x.xlsx``, ``trend -f xlsx``),
    refused before anything is read by :func:`svccheck.render.dispatch.chosen_format`."""
    raise UsageError(
        f"{named}: only score, diff and combine write a workbook (-o FILE.xlsx); for "
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
            cell.font = Font(name=_FONT, bold=row_number == 1 and table)
            shown = "" if value is None else str(value)
            longest = max((len(line) for line in shown.split("\n")), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    for column, width in enumerate(widths, start=1):
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, _MIN_WIDTH), _MAX_WIDTH)
    _print_across(sheet)
    if table:
        sheet.freeze_panes = "A2"
        last = get_column_letter(len(header))
        sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"


def _print_across(sheet: Worksheet) -> None:
    """Print a sheet landscape, its columns fitted to the page's width (rows run on): a wide
    table printed otherwise split its columns over pages (seen through LibreOffice)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


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
    facts = [(f.key, f.value) for f in view.facts]
    return _book(view.items.programs(), (SECTIONS_SHEET, SECTION_COLUMNS, _sections(view)), facts)


def diff_workbook(view: DiffView) -> bytes:
    """A comparison as a workbook: Items (``diff -f csv``'s rows), Sections (old, new, change)
    and Summary (each audit's overall, level and coverage, and the features' figures)."""
    sections = [(s.title, rounded(s.old), rounded(s.new), rounded(s.delta)) for s in view.sections]
    facts: list[tuple[str, object]] = [("organization", view.organization), ("rubric", view.rubric)]
    for prefix, side in (("old", view.old), ("new", view.new)):
        facts += _side_facts(prefix, side)
    facts.append(("overall_delta", rounded(view.overall_delta)))
    facts += [(f.label, f.value) for f in view.figures]
    sheet = (SECTIONS_SHEET, ("section", "old", "new", "delta"), sections)
    return _book(view.items.programs(), sheet, facts)


def _side_facts(prefix: str, side: SideView) -> list[tuple[str, object]]:
    """One audit's facts, keyed ``old_...`` or ``new_...`` as JSON keys them."""
    return [
        (f"{prefix}_period", side.name),
        (f"{prefix}_file", side.source),
        (f"{prefix}_overall", rounded(side.overall)),
        (f"{prefix}_level", side.level),
        (f"{prefix}_coverage", round(side.coverage, 6)),
    ]


def combined_workbook(view: CombinedView) -> bytes:
    """Combined audits as a workbook: Items (``combine -f csv``'s rows), Groups (each group's
    section scores and overall, then the mean) and Summary (the mean's result and the
    features' figures)."""
    header = ("group", *view.section_titles, "overall")
    groups = [(g.name, *(rounded(x) for x in g.scores), rounded(g.overall))
              for g in (*view.groups, view.mean)]  # fmt: skip
    facts: list[tuple[str, object]] = [
        ("rubric", view.rubric), ("by", view.by), ("periods", view.periods), ("files", view.files),
        ("mean", rounded(view.consensus.overall)), ("level", view.consensus.level),
    ]  # fmt: skip
    facts += [(f.label, f.value) for f in view.figures]
    return _book(view.items.programs(), (GROUPS_SHEET, header, groups), facts)


def _book(
    items: tuple[Sequence[str], Sequence[Sequence[object]]],
    second: tuple[str, Sequence[str], Sequence[Sequence[object]]],
    facts: Sequence[tuple[str, object]],
) -> bytes:
    """A workbook of the Items sheet, a second table and the Summary of facts."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = ITEMS_SHEET
    _fill(sheet, *items, table=True)
    name, header, rows = second
    _fill(book.create_sheet(name), header, rows, table=True)
    summary = book.create_sheet(SUMMARY_SHEET)
    _fill(summary, ("field", "value"), facts, table=False)
    for row in range(1, summary.max_row + 1):
        summary.cell(row, 1).font = Font(name=_FONT, bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
