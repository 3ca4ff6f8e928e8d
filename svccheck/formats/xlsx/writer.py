"""Writing an audit as a workbook (``template -o q4.xlsx``, ``convert``): a sheet a colleague
fills in Excel or LibreOffice, and a hidden sheet naming the rubric.

openpyxl is imported here only, and this module only for a ``.xlsx`` file, so other commands
start without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from svccheck.core.errors import SvccheckError, UsageError
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.criteria import CRITERIA_SINCE
from svccheck.formats.evidence import EVIDENCE_SINCE
from svccheck.formats.xlsx import criteria_sheet
from svccheck.formats.xlsx.layout import (
    AUDIT_SHEET,
    COLUMNS_ROW,
    CRITERIA_COLUMNS_ROW,
    EVIDENCE,
    FIRST_HEADER_ROW,
    GUIDANCE_WIDTH,
    HEADER_LABELS,
    INSTRUCTIONS_ROW,
    ITEM_ID,
    LEADING_COLUMNS,
    MAX_COLUMNS,
    MAX_ROWS,
    META_SHEET,
    NOTE,
    SCORE,
    TITLE_ROW,
    WIDTHS,
    guidance_label,
)
from svccheck.formats.xlsx.writing import (
    BOLD,
    INPUT,
    TEXT_FORMAT,
    WRAP,
    at,
    audit_text,
    fit_row_heights,
    font,
    print_setup,
    put,
    rubric_text,
)
from svccheck.model.audit import NA, Answer, Audit
from svccheck.model.header import HEADER_FIELDS

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from svccheck.model.rubric import Rubric

CRITERIA_HINT = (
    " Or leave the Score empty and mark the item's criteria on the Criteria sheet: svccheck "
    "gives the level they reach."
)
# Excel refuses a list validation whose inline list is longer than this; a longer scale is
# listed in the hidden sheet and referred to instead.
_INLINE_LIST_MAX = 255


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
    put(at(sheet, TITLE_ROW, 1), rubric_text(title))
    at(sheet, TITLE_ROW, 1).font = font(bold=True, size=14)
    for row, name in enumerate(HEADER_FIELDS, start=FIRST_HEADER_ROW):
        put(at(sheet, row, 1), HEADER_LABELS[name])
        at(sheet, row, 1).font = BOLD
        value = at(sheet, row, 2)
        put(value, audit_text(getattr(audit, name), name))
        value.number_format = TEXT_FORMAT
        value.fill = INPUT
    scale = loaded.scale
    labels = ", ".join(f"{p} {scale.label(p)}" for p in scale.points())
    put(
        at(sheet, INSTRUCTIONS_ROW, 1),
        rubric_text(
            f"Score every item {scale.min}..{scale.max} ({labels}) in the Score column, or "
            f"{NA} with a note saying why. Leave it empty until answered."
            + (CRITERIA_HINT if criteria_sheet.wanted(loaded, audit) else "")
        ),
    )
    at(sheet, INSTRUCTIONS_ROW, 1).font = font(italic=True)


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
            put(at(sheet, row, column), rubric_text(text))
        score = at(sheet, row, width - 2)
        given = answer is not None and not answer.score_from_criteria  # else the criteria give it
        put(score, answer.score if given and answer is not None else None)
        note = at(sheet, row, width - 1)
        put(note, audit_text(answer.note if answer else None, f"the note of {item.id}"))
        found = at(sheet, row, width)
        put(found, _evidence_text(answer))
        for column in range(1, width + 1):
            at(sheet, row, column).alignment = WRAP
        for cell in (score, note, found):
            cell.fill = INPUT
        note.number_format = found.number_format = TEXT_FORMAT
        score.alignment = Alignment(horizontal="center", vertical="top")
    return row


def _evidence_text(answer: Answer | None) -> str | None:
    """An answer's evidence as its cell holds it (:func:`svccheck.formats.evidence_text.cell_text`:
    any text, a piece that would read back otherwise in double quotes, control characters
    escaped there)."""
    if answer is None or answer.evidence is None:
        return None
    where = f"the evidence of {answer.item_id}"
    return audit_text(evidence_input.cell_text(answer.evidence), where)


def _score_validation(sheet: Worksheet, meta: Worksheet, loaded: Rubric, where: str) -> None:
    """A dropdown of the scale points and n/a on the Score cells, refusing anything else."""
    choices = [str(point) for point in loaded.scale.points()] + [NA]
    inline = ",".join(choices)
    if len(inline) <= _INLINE_LIST_MAX:
        formula = f'"{inline}"'
    else:  # a long custom scale: list it in the hidden sheet
        for row, choice in enumerate(choices, start=1):
            put(at(meta, row, 4), choice)
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


def _meta_sheet(book: Workbook, reference: str, loaded: Rubric, criteria: bool) -> Worksheet:
    """The hidden, protected sheet naming the file format and the rubric."""
    meta: Worksheet = book.create_sheet(META_SHEET)
    # Every workbook has an Evidence column, which format 2 holds; a Criteria sheet needs 3.
    version = max(audit_writer.format_version(), CRITERIA_SINCE if criteria else EVIDENCE_SINCE)
    values: list[tuple[str, object]] = [
        ("svccheck", version),
        ("kind", "audit"),
        ("rubric", reference),
        ("rubric_version", loaded.version),
    ]
    for row, (key, value) in enumerate(values, start=1):
        put(at(meta, row, 1), key)
        put(at(meta, row, 2), value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True  # hidden can be undone by a person; a change takes intent
    return meta


def workbook(loaded: Rubric, audit: Audit, target: str) -> bytes:
    """The audit as an ``.xlsx`` workbook to be written to ``target``: every item of the rubric
    a row, answers filled in. It is read back first, as svccheck reads it from ``target``: a
    workbook svccheck would refuse, or read with another answer, is never written."""
    audit_writer.refuse_invalid_text(audit)
    _refuse_oversized(loaded, audit, target)
    data = _book(loaded, audit)
    _read_back(data, audit, target)
    return data


def _refuse_oversized(loaded: Rubric, audit: Audit, target: str) -> None:
    """Refuse a rubric whose sheets would have more rows or columns than svccheck reads."""
    criteria = CRITERIA_COLUMNS_ROW + len(criteria_sheet.rows_of(loaded, audit))
    rows = max(COLUMNS_ROW + len(loaded.item_ids()), criteria)
    columns = len(_columns(loaded))
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
        if (answer.score, answer.note, answer.evidence, answer.criteria) != (None,) * 4
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
        put(at(sheet, COLUMNS_ROW, column), name)
        at(sheet, COLUMNS_ROW, column).font = BOLD
        at(sheet, COLUMNS_ROW, column).alignment = WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    last = _item_rows(sheet, loaded, audit, len(columns))
    fit_row_heights(sheet, [width for _, width in columns], COLUMNS_ROW, last)
    with_criteria = criteria_sheet.wanted(loaded, audit)
    if with_criteria:
        criteria_sheet.add_sheet(book, loaded, audit)
    meta = _meta_sheet(book, audit_text(audit.rubric, "rubric") or "", loaded, with_criteria)
    criteria_sheet.write_orders(meta, criteria_sheet.orders_of(loaded, audit))
    score_column = get_column_letter(len(columns) - 2)
    if last > COLUMNS_ROW:
        _score_validation(
            sheet, meta, loaded, f"{score_column}{COLUMNS_ROW + 1}:{score_column}{last}"
        )
    # Freeze the column labels and the item ids, so both stay in view while scrolling.
    id_column = get_column_letter(LEADING_COLUMNS.index(ITEM_ID) + 2)
    sheet.freeze_panes = f"{id_column}{COLUMNS_ROW + 1}"
    sheet.auto_filter.ref = f"A{COLUMNS_ROW}:{get_column_letter(len(columns))}{last}"
    print_setup(sheet, COLUMNS_ROW)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
