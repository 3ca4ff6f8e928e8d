"""Writing an audit as a workbook (``template -o q4.xlsx``, ``convert``): a sheet a colleague
fills in Excel or LibreOffice, and a hidden sheet naming the rubric.

openpyxl is imported here only, and this module only for a ``.xlsx`` file, so other commands
start without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from svccheck.core.errors import SvccheckError, UsageError
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.evidence import EVIDENCE_SINCE
from svccheck.formats.xlsx.cell_text import escape
from svccheck.formats.xlsx.layout import (
    AUDIT_SHEET,
    COLUMNS_ROW,
    EVIDENCE,
    FIRST_HEADER_ROW,
    GUIDANCE_WIDTH,
    HEADER_LABELS,
    INSTRUCTIONS_ROW,
    ITEM_ID,
    LEADING_COLUMNS,
    MAX_CELL_TEXT,
    MAX_COLUMNS,
    MAX_ROWS,
    META_SHEET,
    NOTE,
    SCORE,
    TITLE_ROW,
    WIDTHS,
    guidance_label,
)
from svccheck.model.audit import NA, Answer, Audit
from svccheck.model.header import HEADER_FIELDS

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from svccheck.model.rubric import Rubric

_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_INPUT = PatternFill("solid", fgColor="FFF2CC")  # marks the cells a person fills in
_TEXT_FORMAT = "@"  # keeps Excel from turning 2026-09 or 1-2 into a date
# Excel refuses a list validation whose inline list is longer than this; a longer scale is
# listed in the hidden sheet and referred to instead.
_INLINE_LIST_MAX = 255


def _at(sheet: Worksheet, row: int, column: int) -> Cell:
    """The cell at a position; the workbooks written here merge no cells."""
    cell = sheet.cell(row, column)
    assert not isinstance(cell, MergedCell)
    return cell


def _put(cell: Cell, value: object) -> None:
    """Set ``value`` as data, never as a formula: a note such as ``=HYPERLINK(...)`` from a file
    must stay the text it is when the workbook is opened. Text is escaped as a cell holds it
    (:mod:`svccheck.formats.xlsx.cell_text`: a carriage return survives the XML)."""
    if isinstance(value, str):
        value = escape(value)
    cell.value = value  # type: ignore[assignment]  # openpyxl's stubs are narrower than it is
    if isinstance(value, str):
        cell.data_type = "s"


def _rubric_text(value: str) -> str:
    """Rubric text fit for a cell: characters a workbook cannot hold shown as escapes, and a
    text longer than a cell holds cut, visibly (it is shown to read, never read back)."""
    text = ILLEGAL_CHARACTERS_RE.sub(lambda match: ascii(match.group())[1:-1], value)
    if len(escape(text)) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 200] + " … (cut: see the rubric file)"
    return text


def _audit_text(value: str | None, where: str) -> str | None:
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


def _columns(loaded: Rubric) -> list[tuple[str, int]]:
    """The item columns with their widths, left to right."""
    scale = loaded.scale
    guidance = [(guidance_label(p, scale.label(p)), GUIDANCE_WIDTH) for p in scale.points()]
    leading = [(name, WIDTHS[name]) for name in LEADING_COLUMNS]
    answer = [(name, WIDTHS[name]) for name in (SCORE, NOTE, EVIDENCE)]
    return [*leading, *guidance, *answer]


def _header_block(sheet: Worksheet, loaded: Rubric, audit: Audit) -> None:
    """The title, the header fields (label and value) and a line saying how to score."""
    title = f"svccheck audit: {loaded.title} ({loaded.id}, version {loaded.version})"
    _put(_at(sheet, TITLE_ROW, 1), _rubric_text(title))
    _at(sheet, TITLE_ROW, 1).font = Font(bold=True, size=14)
    for row, name in enumerate(HEADER_FIELDS, start=FIRST_HEADER_ROW):
        _put(_at(sheet, row, 1), HEADER_LABELS[name])
        _at(sheet, row, 1).font = _BOLD
        value = _at(sheet, row, 2)
        _put(value, _audit_text(getattr(audit, name), name))
        value.number_format = _TEXT_FORMAT
        value.fill = _INPUT
    scale = loaded.scale
    labels = ", ".join(f"{p} {scale.label(p)}" for p in scale.points())
    _put(
        _at(sheet, INSTRUCTIONS_ROW, 1),
        _rubric_text(
            f"Score every item {scale.min}..{scale.max} ({labels}) in the Score column, or "
            f"{NA} with a note saying why. Leave it empty until answered."
        ),
    )
    _at(sheet, INSTRUCTIONS_ROW, 1).font = Font(italic=True)


def _item_rows(sheet: Worksheet, loaded: Rubric, audit: Audit, width: int) -> int:
    """One row per item of the rubric with its answer; returns the last row written."""
    answers = audit.answer_map()
    points = list(loaded.scale.points())
    row = COLUMNS_ROW
    for section, item in loaded.items():
        row += 1
        answer = answers.get(item.id)
        guidance = [item.level_text(point) or "" for point in points]
        texts = [section.title, item.id, item.title, item.question, *guidance]
        for column, text in enumerate(texts, start=1):
            _put(_at(sheet, row, column), _rubric_text(text))
        score = _at(sheet, row, width - 2)
        _put(score, None if answer is None else answer.score)
        note = _at(sheet, row, width - 1)
        _put(note, _audit_text(answer.note if answer else None, f"the note of {item.id}"))
        found = _at(sheet, row, width)
        _put(found, _evidence_text(answer))
        for column in range(1, width + 1):
            _at(sheet, row, column).alignment = _WRAP
        for cell in (score, note, found):
            cell.fill = _INPUT
        note.number_format = found.number_format = _TEXT_FORMAT
        score.alignment = Alignment(horizontal="center", vertical="top")
    return row


def _evidence_text(answer: Answer | None) -> str | None:
    """An answer's evidence as its cell holds it (:func:`svccheck.formats.evidence_text.cell_text`:
    any text, a piece that would read back otherwise in double quotes, control characters
    escaped there)."""
    if answer is None or answer.evidence is None:
        return None
    where = f"the evidence of {answer.item_id}"
    return _audit_text(evidence_input.cell_text(answer.evidence), where)


def _score_validation(sheet: Worksheet, meta: Worksheet, loaded: Rubric, where: str) -> None:
    """A dropdown of the scale points and n/a on the Score cells, refusing anything else."""
    choices = [str(point) for point in loaded.scale.points()] + [NA]
    inline = ",".join(choices)
    if len(inline) <= _INLINE_LIST_MAX:
        formula = f'"{inline}"'
    else:  # a long custom scale: list it in the hidden sheet
        for row, choice in enumerate(choices, start=1):
            _put(_at(meta, row, 4), choice)
        formula = f"'{META_SHEET}'!$D$1:$D${len(choices)}"
    scale = loaded.scale
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not on the scale",
        error=f"Choose a score {scale.min}..{scale.max} or {NA}.",
        promptTitle="Score",
        prompt=f"{scale.min}..{scale.max}, or {NA} (say why in the note)",
        showInputMessage=True,
    )
    sheet.add_data_validation(validation)
    validation.add(where)


def _meta_sheet(book: Workbook, reference: str, loaded: Rubric) -> Worksheet:
    """The hidden, protected sheet naming the file format and the rubric."""
    meta: Worksheet = book.create_sheet(META_SHEET)
    values: list[tuple[str, object]] = [
        # Every workbook has an Evidence column, which format 2 holds.
        ("svccheck", max(audit_writer.format_version(), EVIDENCE_SINCE)),
        ("kind", "audit"),
        ("rubric", reference),
        ("rubric_version", loaded.version),
    ]
    for row, (key, value) in enumerate(values, start=1):
        _put(_at(meta, row, 1), key)
        _put(_at(meta, row, 2), value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True  # hidden can be undone by a person; a change takes intent
    return meta


def _fit_row_heights(sheet: Any, widths: list[float], first: int, last: int) -> None:
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


def workbook(loaded: Rubric, audit: Audit, target: str) -> bytes:
    """The audit as an ``.xlsx`` workbook to be written to ``target``: every item of the rubric
    a row, answers filled in. It is read back first, as svccheck reads it from ``target``: a
    workbook svccheck would refuse, or read with another answer, is never written."""
    audit_writer.refuse_invalid_text(audit)
    _refuse_oversized(loaded, target)
    _refuse_criteria(audit, target)
    data = _book(loaded, audit)
    _read_back(data, audit, target)
    return data


def _refuse_criteria(audit: Audit, target: str) -> None:
    """Refuse an audit that records criteria: a workbook has no column for them, and dropping
    them would change what the file says."""
    recorded = [answer.item_id for answer in audit.answers if answer.criteria is not None]
    if recorded:
        count = f"{len(recorded)} answers" if len(recorded) > 1 else "1 answer"
        raise UsageError(
            f"{target}: a workbook has no place for the criteria {count} record "
            f"({', '.join(recorded[:3])}{', ...' if len(recorded) > 3 else ''}); keep the "
            "audit as YAML (nothing was written)"
        )


def _refuse_oversized(loaded: Rubric, target: str) -> None:
    """Refuse a rubric whose sheet would have more rows or columns than svccheck reads."""
    rows, columns = COLUMNS_ROW + len(loaded.item_ids()), len(_columns(loaded))
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise UsageError(
            f"{target}: the rubric {loaded.id} makes a sheet of {rows} rows by {columns} "
            f"columns; svccheck reads at most {MAX_ROWS} rows ({MAX_ROWS - COLUMNS_ROW} items) "
            f"and {MAX_COLUMNS} columns. Keep the audit as YAML (nothing was written)"
        )


def _read_back(data: bytes, audit: Audit, target: str) -> None:
    """Read ``data`` as the workbook at ``target`` would be: refused if svccheck refuses it, a
    bug if its header or answers differ from ``audit``'s."""
    from svccheck.formats.xlsx import reader

    try:
        back = reader.read(data, target).audit
    except SvccheckError as error:
        raise UsageError(
            f"{target}: not written, since svccheck could not read it back: {error.lines()[0]}"
        ) from None
    if _content(back) != _content(audit):
        raise AssertionError(f"{target}: the workbook does not read back as the audit")


def _content(audit: Audit) -> tuple[object, ...]:
    """What a workbook must give back: the header and every answer that says something."""
    answers = {
        answer.item_id: answer
        for answer in audit.answers
        if (answer.score, answer.note, answer.evidence) != (None, None, None)
    }
    return (audit.organization, audit.unit, audit.period, audit.assessor, audit.date, answers)


def _book(loaded: Rubric, audit: Audit) -> bytes:
    """The workbook's bytes (see :func:`workbook`)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = AUDIT_SHEET
    _header_block(sheet, loaded, audit)
    columns = _columns(loaded)
    for column, (name, width) in enumerate(columns, start=1):
        _put(_at(sheet, COLUMNS_ROW, column), name)
        _at(sheet, COLUMNS_ROW, column).font = _BOLD
        _at(sheet, COLUMNS_ROW, column).alignment = _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = _item_rows(sheet, loaded, audit, len(columns))
    _fit_row_heights(sheet, [width for _, width in columns], COLUMNS_ROW, last)
    meta = _meta_sheet(book, _audit_text(audit.rubric, "rubric") or "", loaded)
    score_column = get_column_letter(len(columns) - 2)
    if last > COLUMNS_ROW:
        _score_validation(
            sheet, meta, loaded, f"{score_column}{COLUMNS_ROW + 1}:{score_column}{last}"
        )
    # Freeze the column labels and the item ids, so both stay in view while scrolling.
    id_column = get_column_letter(LEADING_COLUMNS.index(ITEM_ID) + 2)
    sheet.freeze_panes = f"{id_column}{COLUMNS_ROW + 1}"
    sheet.auto_filter.ref = f"A{COLUMNS_ROW}:{get_column_letter(len(columns))}{last}"
    # Printed, the sheet is as wide as a page in landscape, the column labels on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    sheet.print_title_rows = f"{COLUMNS_ROW}:{COLUMNS_ROW}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
