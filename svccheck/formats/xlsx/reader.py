"""Reading an audit workbook: its cells become the positioned tree the audit format reads
(:mod:`svccheck.formats.tree`), so a workbook is checked by the same rules as a YAML audit, and
every problem is named by sheet and cell (``q4.xlsx: Audit!J12: ...``).

Cells are read as a person means them: a number stored as text is that number, ``N/A`` typed in the
Score column is n/a, a date is its ISO text. The zip is checked first
(:mod:`svccheck.formats.xlsx.package`) and the rows come from
:mod:`svccheck.formats.xlsx.cells`; openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from collections.abc import Iterable
from typing import Any, NamedTuple

from svccheck.core import files
from svccheck.core.errors import InputFileError, InvalidFileError, Problem
from svccheck.core.sanitize import excerpt
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats import tree
from svccheck.formats.audit import reader as audit_format
from svccheck.formats.tree import Kind, Mapping, Node, Scalar
from svccheck.formats.xlsx import criteria_read, package
from svccheck.formats.xlsx.layout import (
    AUDIT_SHEET,
    CRITERIA_SHEET,
    EVIDENCE,
    HEADER_LABELS,
    ITEM_ID,
    META_KEYS,
    META_SHEET,
    NOTE,
    SCORE,
)
from svccheck.formats.xlsx.values import (
    META_OFFSET,
    Row,
    UncomputedCell,
    cell_name,
    number_cell,
    text_cell,
    text_of,
)
from svccheck.model.audit import LoadedAudit


class Sheets(NamedTuple):
    """The rows of a workbook's sheets that hold the audit (no Criteria sheet: empty)."""

    audit: list[Row]
    meta: list[Row]
    criteria: list[Row]


def _open(data: bytes, shown: str) -> Sheets:
    """The rows of the audit sheet, the hidden sheet and the Criteria sheet if there is one;
    one clear message for anything that is not a readable workbook."""
    package.checked(data, shown)
    from openpyxl import load_workbook

    from svccheck.formats.xlsx import cells

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops; not ours
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                criteria = CRITERIA_SHEET in book.sheetnames
                return Sheets(
                    cells.rows(book, AUDIT_SHEET, shown),
                    cells.rows(book, META_SHEET, shown),
                    cells.rows(book, CRITERIA_SHEET, shown) if criteria else [],
                )
            finally:
                book.close()
    except InputFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        reason = excerpt(str(error) or type(error).__name__)
        raise InputFileError(f"{shown}: cannot be read as an .xlsx workbook ({reason})") from None


def _cell(row: Row, column: int) -> Any:
    """The value at a 1-based column of a row, ``None`` past its end."""
    return row[column - 1] if 0 < column <= len(row) else None


def _label(value: object) -> str:
    return text_of(value).strip().casefold() if value is not None else ""


def _columns_row(rows: list[Row], shown: str) -> tuple[int, dict[str, int]]:
    """The row of column labels (1-based) and the columns by label; found, not assumed."""
    for number, row in enumerate(rows, start=1):
        labels = {_label(value): column for column, value in enumerate(row, start=1) if value}
        if ITEM_ID.casefold() in labels and SCORE.casefold() in labels:
            return number, labels
    raise InputFileError(
        f"{shown}: sheet {AUDIT_SHEET!r} has no row of column labels with {ITEM_ID!r} and "
        f"{SCORE!r}; start from a workbook made by 'svccheck template RUBRIC -o FILE.xlsx'"
    )


def _meta_entries(rows: list[Row]) -> list[tuple[Scalar, Node]]:
    """The hidden sheet's keys (column A) and values (column B)."""
    entries: list[tuple[Scalar, Node]] = []
    for number, row in enumerate(rows[:50], start=1):
        line = META_OFFSET + number
        key = text_cell(_cell(row, 1), line, 1)
        if key.kind is Kind.NULL:
            continue
        value = _cell(row, 2)
        numeric = key.text in (META_KEYS[0], META_KEYS[3])
        entries.append((key, (number_cell if numeric else text_cell)(value, line, 2)))
    return entries


def _header_entries(rows: list[Row], before: int) -> list[tuple[Scalar, Node]]:
    """The header fields found by their labels in column A above the column labels."""
    names = {label.casefold(): name for name, label in HEADER_LABELS.items()}
    entries: list[tuple[Scalar, Node]] = []
    for number, row in enumerate(rows[: before - 1], start=1):
        name = names.get(_label(_cell(row, 1)))
        if name is not None and all(key.text != name for key, _ in entries):
            key = Scalar(Kind.STR, name, False, number, 1)
            entries.append((key, text_cell(_cell(row, 2), number, 2, blank_is_text=True)))
    return entries


def _answer(
    row: Row,
    number: int,
    columns: dict[str, int],
    criteria: criteria_read.Criteria | None,
    problems: list[Problem],
    file: str,
) -> Node:
    """One row's answer: its score, or a mapping of score, note, evidence and the item's
    criteria (from the Criteria sheet) when there is one of those."""
    score_column = columns[SCORE.casefold()]
    score = number_cell(_cell(row, score_column), number, score_column, na=True)
    entries: list[tuple[Scalar, Node]] = []
    for name, column in (
        (NOTE, columns.get(NOTE.casefold())),
        (EVIDENCE, columns.get(EVIDENCE.casefold())),
    ):
        blank_is_text = name == NOTE
        value = (
            text_cell(_cell(row, column), number, column, blank_is_text=blank_is_text)
            if column
            else None
        )
        if value is not None and value.kind is not Kind.NULL:
            node = _evidence(value, problems, file) if name == EVIDENCE else value
            entries.append((Scalar(Kind.STR, name.casefold(), False, number, column or 0), node))
    if criteria is not None:
        entries.append((criteria.key, criteria.value))
    if not entries:
        return score
    key_score = Scalar(Kind.STR, "score", False, number, score_column)
    return Mapping(((key_score, score), *entries), number, score_column)


def _evidence(cell: Scalar, problems: list[Problem], file: str) -> Node:
    """The evidence in a cell (:func:`svccheck.formats.evidence_text.from_cell`) as the audit format
    reads it: a list of texts and ``{text, date}`` mappings, empty for ``none``; a date that is
    none is a problem of the cell."""
    line, column = cell.line, cell.column
    try:
        pieces = evidence_input.from_cell(cell.text)
    except evidence_input.NotADate as error:
        problems.append(Problem(file, line, column, f"evidence: {error}"))
        return Scalar(Kind.REFUSED, cell.text, False, line, column)

    def text(value: str) -> Scalar:
        return Scalar(Kind.STR, value, False, line, column)

    items: list[Node] = []
    for entry in pieces:
        if entry.date is None:
            items.append(text(entry.text))
        else:
            pairs = ((text("text"), text(entry.text)), (text("date"), text(entry.date)))
            items.append(Mapping(pairs, line, column))
    return tree.Sequence(tuple(items), line, column)


def _answers(
    rows: list[Row],
    header_row: int,
    columns: dict[str, int],
    criteria: dict[str, criteria_read.Criteria],
    problems: list[Problem],
    file: str,
) -> Mapping:
    """Every item row below the column labels, by item id, then the items with criteria but no
    row; rows without an id are skipped unless they hold an answer, which would otherwise be
    lost without a word."""
    id_column = columns[ITEM_ID.casefold()]
    answer_columns = [
        columns[SCORE.casefold()],
        columns.get(NOTE.casefold(), 0),
        columns.get(EVIDENCE.casefold(), 0),
    ]
    entries: list[tuple[Scalar, Node]] = []
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows[header_row:], start=header_row + 1):
        key = text_cell(_cell(row, id_column), number, id_column)
        if key.kind is Kind.NULL:
            if any(_cell(row, column) not in (None, "") for column in answer_columns):
                message = "an answer without an item id in its row"
                problems.append(Problem(file, number, id_column, message))
            continue
        key = key._replace(text=key.text.strip())
        if key.text in first_row:
            message = f"duplicate item id {excerpt(key.text)} (first in row {first_row[key.text]})"
            problems.append(Problem(file, number, id_column, message))
            continue
        first_row[key.text] = number
        marked = criteria.get(key.text)
        entries.append((key, _answer(row, number, columns, marked, problems, file)))
    for item_id, marked in criteria.items():
        if item_id not in first_row:  # no row on the Audit sheet: the criteria are the answer
            where = marked.key.line, marked.key.column
            entries.append((marked.id_cell, Mapping(((marked.key, marked.value),), *where)))
    return Mapping(tuple(entries), header_row, id_column)


def parse(data: bytes, file: str) -> tree.Parsed:
    """The positioned tree of an audit workbook, and the problems found building it."""
    shown = files.shown_name(file)
    sheets = _open(data, shown)
    audit_rows = sheets.audit
    header_row, columns = _columns_row(audit_rows, shown)
    problems: list[Problem] = []
    try:
        criteria = (
            criteria_read.read(sheets.criteria, sheets.meta, shown, problems, file)
            if sheets.criteria
            else {}
        )
        answers = _answers(audit_rows, header_row, columns, criteria, problems, file)
        entries = [*_meta_entries(sheets.meta), *_header_entries(audit_rows, header_row)]
    except UncomputedCell as cell:
        raise InputFileError(
            f"{shown}: {cell_name(cell.line, cell.column)}: holds the formula "
            f"{excerpt('=' + cell.formula)} but no value calculated for it (a program wrote it "
            "without one); type the value, or open and save the workbook in Excel or LibreOffice"
        ) from None
    answers_key = Scalar(Kind.STR, "answers", False, header_row, columns[ITEM_ID.casefold()])
    entries.append((answers_key, answers))
    return tree.Parsed(Mapping(tuple(entries), 1, 1), tuple(problems))


def located(problems: Iterable[Problem], file: str) -> list[Problem]:
    """The problems of this workbook named by sheet and cell; those of other files (its rubric)
    as they are."""
    return [
        dataclasses.replace(p, cell=cell_name(p.line, p.column)) if p.file == file and p.line else p
        for p in problems
    ]


def load(path: str) -> LoadedAudit:
    """Read, check and load an audit workbook and the rubric it names."""
    return read(files.read_bytes(path), path)


def read(data: bytes, path: str) -> LoadedAudit:
    """Check and load the audit workbook ``data`` as if read from ``path`` (its rubric is found
    from that folder)."""
    parsed = parse(data, path)
    try:
        return audit_format.read(parsed, path)
    except InvalidFileError as error:
        raise InvalidFileError(located(error.problems, path)) from None
