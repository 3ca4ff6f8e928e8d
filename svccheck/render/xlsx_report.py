"""``svccheck score AUDIT -o report.xlsx``: a scored audit as a workbook.

Three sheets: **Items** (one row per item, the columns of ``score -f csv``), **Sections** (id,
title, score, share, answered, total) and **Summary** (the header and the overall result).
Numbers are numbers and text is text: a note such as ``=HYPERLINK(...)`` stays the text it is,
never a formula. A workbook is a score output only: the other report commands refuse ``-o
*.xlsx`` (:func:`refuse`, called by :func:`svccheck.render.chosen_format`), which keeps
:class:`svccheck.render.dispatch.Format` free of a format without a renderer for every report kind.

openpyxl is imported inside :func:`workbook` only, so other commands start without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError
from svccheck.formats.xlsx.cell_text import escape
from svccheck.formats.xlsx.layout import MAX_CELL_TEXT, is_workbook
from svccheck.model.header import HEADER_FIELDS
from svccheck.render.common import rounded

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet

    from svccheck.engine.progress import Progress
    from svccheck.engine.results import Report

ITEMS_SHEET, SECTIONS_SHEET, SUMMARY_SHEET = "Items", "Sections", "Summary"
SECTION_COLUMNS = ("id", "title", "score", "share", "answered", "total")
SUMMARY_FIELDS = (
    *HEADER_FIELDS, "rubric", "rubric_version", "overall", "level", "coverage", "provisional",
    "min_coverage", "confidence", "evidence_from", "require_evidence",
)  # fmt: skip
# Shares (0..1) shown as percentages; the cell still holds the share, as JSON has it.
_SHARE_COLUMNS = frozenset({"share", "coverage", "min_coverage", "confidence"})
_SHARE_FORMAT, _NUMBER_FORMAT, _TEXT_FORMAT = "0.0%", "0.00", "@"
_MIN_WIDTH, _MAX_WIDTH = 8, 60


__all__ = ["is_workbook", "refuse", "refuse_format", "workbook"]


def refuse(output_file: str | None) -> None:
    """``-o *.xlsx`` on a report command other than ``score`` (diff, trend, combine): refused
    before anything is read, by :func:`svccheck.render.chosen_format`."""
    if is_workbook(output_file):
        raise UsageError(
            f"{output_file}: only 'svccheck score AUDIT -o FILE.xlsx' writes a workbook; for "
            "this command name a .csv file to open in a spreadsheet (nothing was written)"
        )


def refuse_format(output_file: str | None, fmt: str | None) -> None:
    """``score -f FORMAT -o *.xlsx``: the extension and the format disagree."""
    if fmt is not None and is_workbook(output_file):
        raise UsageError(
            f"--format {fmt!r} with {output_file}: a .xlsx file is always written as a "
            "workbook; drop --format, or name a file with the format's extension"
        )


def _item_rows(report: Report, progress: Progress | None) -> list[tuple[object, ...]]:
    """The rows of ``score -f csv``, with its importance and plan columns when there are
    importance and a plan."""
    from svccheck.render.csv_out import REMOVED_SECTION
    from svccheck.render.evidence_views import NO_EVIDENCE, item_cells
    from svccheck.render.importance_views import IMPORTANCE_COLUMNS, importance_cells

    titles = {s.section.id: s.section.title for s in report.sections}
    planned: dict[str, tuple[object, ...]] = {}
    if progress is not None:
        planned = {
            item.id: (phase.period, item.to, item.met, item.status.value)
            for phase in progress.phases
            for item in phase.items
        }
    extra: tuple[object, ...] = () if progress is None else (None,) * 4
    importance = report.importance
    unrated: tuple[object, ...] = () if importance is None else (None,) * len(IMPORTANCE_COLUMNS)

    def rated(item_id: str) -> tuple[object, ...]:
        return () if importance is None else importance_cells(importance, item_id)

    rows: list[tuple[object, ...]] = [
        (
            r.section_id, titles[r.section_id], r.item.id, r.item.title, r.answer,
            rounded(r.percent), r.item.weight, rounded(r.gain), r.note, *item_cells(report, r),
            *rated(r.item.id),
            *planned.get(r.item.id, extra),
        )
        for r in report.items()
    ]  # fmt: skip
    rows += [
        (
            "",
            REMOVED_SECTION,
            a.item_id,
            "",
            a.score,
            None,
            None,
            None,
            a.note,
            *NO_EVIDENCE,
            *unrated,
            *extra,
        )
        for a in report.removed
    ]
    return rows


def _summary(report: Report) -> list[tuple[object, ...]]:
    values: dict[str, object] = {name: getattr(report.header, name) for name in HEADER_FIELDS}
    values |= {
        "rubric": report.rubric.id,
        "rubric_version": report.rubric.version,
        "overall": rounded(report.overall),
        "level": report.level,
        "coverage": rounded(report.coverage),
        "provisional": report.provisional,
        "min_coverage": rounded(report.min_coverage),
        "confidence": rounded(report.confidence),
        "evidence_from": report.rubric.evidence_from,
        "require_evidence": report.require_evidence,
    }
    rows: list[tuple[object, ...]] = [(name, values[name]) for name in SUMMARY_FIELDS]
    if report.importance is not None:  # where the importance came from, and the crosshairs
        from svccheck.render.importance_views import ipa_data

        ipa = ipa_data(report.importance)
        rows += [
            ("importance_file", ipa["file"]),
            ("importance_source", ipa["source"]),
            ("importance_mean", ipa["importance_mean"]),
            ("performance_mean", ipa["performance_mean"]),
        ]
    return rows


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


def workbook(report: Report, progress: Progress | None = None) -> bytes:
    """The scored audit as an ``.xlsx`` workbook: Items, Sections and Summary sheets."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from svccheck.render.csv_out import REPORT_COLUMNS
    from svccheck.render.progress_views import PLAN_COLUMNS
    from svccheck.render.shown import shown

    # Text from files shown safely (control characters as escapes, which a workbook cannot
    # hold anyway), as in every format for people.
    report, progress = shown((report, progress))
    book = Workbook()
    items = book.active
    assert items is not None  # a new workbook always has one sheet
    items.title = ITEMS_SHEET
    from svccheck.render.importance_views import IMPORTANCE_COLUMNS

    columns = (
        *REPORT_COLUMNS,
        *(IMPORTANCE_COLUMNS if report.importance is not None else ()),
        *(PLAN_COLUMNS if progress is not None else ()),
    )
    _fill(items, columns, _item_rows(report, progress), table=True)
    sections = book.create_sheet(SECTIONS_SHEET)
    section_rows = [
        (s.section.id, s.section.title, rounded(s.score),
         None if s.share is None else round(s.share, 6), s.answered, s.total)
        for s in report.sections
    ]  # fmt: skip
    _fill(sections, SECTION_COLUMNS, section_rows, table=True)
    summary = book.create_sheet(SUMMARY_SHEET)
    _fill(summary, ("field", "value"), _summary(report), table=False)
    for row in range(1, summary.max_row + 1):
        summary.cell(row, 1).font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
