"""Reading the Criteria sheet of an audit workbook (:mod:`svccheck.formats.xlsx.criteria_sheet`
writes it): each item's marked rows become its answer's ``criteria`` mapping in the positioned
tree, so the audit format checks them as in YAML, every problem named by its cell
(``Criteria!F12``).

A row counts when its Status cell holds something; an empty one is a criterion the evidence never
showed. A status is read as a person types it (``Met``, ``not met``, ``partly met``); anything
else is left as typed, for the audit format to refuse. The criteria of an item come in the order
of the rows, except where the hidden sheet keeps the order the audit recorded them in.
"""

from __future__ import annotations

import re

from svccheck.core.errors import InputFileError, Problem
from svccheck.core.record import record
from svccheck.core.sanitize import excerpt
from svccheck.core.vocabulary import RECORDED_STATUSES
from svccheck.formats.tree import Kind, Mapping, Scalar
from svccheck.formats.xlsx.layout import (
    CRITERIA_SHEET,
    ITEM_ID,
    KEY,
    ORDER_COLUMN,
    STATUS,
)
from svccheck.formats.xlsx.values import CRITERIA_OFFSET, META_OFFSET, Row, text_cell, text_of

CRITERIA_KEY = "criteria"
_SPACES = re.compile(r"[\s_-]+")
_STATUS_WORDS = {str(status): str(status) for status in RECORDED_STATUSES} | {
    "partly-met": "partly",
    "notmet": "not-met",
    "notassessed": "not-assessed",
}


@record
class Criteria:
    """One item's ``criteria`` as the tree holds it, and its first Id cell (the answer's key
    when the item has no row on the Audit sheet)."""

    id_cell: Scalar
    key: Scalar
    value: Mapping


@record
class _Mark:
    """One row of the Criteria sheet: its item id, criterion key and status cells."""

    id_cell: Scalar
    key: Scalar
    status: Scalar


def status_word(text: str) -> str:
    """A status as typed, in the word the audit format reads (``Not met`` is ``not-met``), or
    as typed when it is none."""
    word = _SPACES.sub("-", text.strip().casefold())
    return _STATUS_WORDS.get(word, text)


def _cell(row: Row, column: int) -> object:
    return row[column - 1] if 0 < column <= len(row) else None


def _labels(rows: list[Row], shown: str) -> tuple[int, dict[str, int]]:
    """The row of column labels (1-based) and the columns by label."""
    wanted = {ITEM_ID.casefold(), KEY.casefold(), STATUS.casefold()}
    for number, row in enumerate(rows, start=1):
        labels = {
            text_of(value).strip().casefold(): column
            for column, value in enumerate(row, start=1)
            if value is not None
        }
        if wanted <= set(labels):
            return number, labels
    raise InputFileError(
        f"{shown}: sheet {CRITERIA_SHEET!r} has no row of column labels with {ITEM_ID!r}, "
        f"{KEY!r} and {STATUS!r}; start from a workbook made by 'svccheck template RUBRIC -o "
        "FILE.xlsx'"
    )


def _marks(rows: list[Row], shown: str, problems: list[Problem], file: str) -> list[_Mark]:
    """The rows whose Status holds something, in row order; a row without an item id or a key,
    or a second row of one item's criterion, is a problem."""
    header, labels = _labels(rows, shown)
    columns = [labels[name.casefold()] for name in (ITEM_ID, KEY, STATUS)]
    marks: list[_Mark] = []
    first: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[header:], start=header + 1):
        line = CRITERIA_OFFSET + number
        id_cell, key, status = (text_cell(_cell(row, c), line, c) for c in columns)
        if status.kind is Kind.NULL:
            continue  # never shown
        missing = next((cell for cell in (id_cell, key) if cell.kind is Kind.NULL), None)
        if missing is not None:
            what = "an item id" if missing is id_cell else "a criterion key"
            message = f"a status without {what} in its row"
            problems.append(Problem(file, line, missing.column, message))
            continue
        id_cell = id_cell._replace(text=id_cell.text.strip())
        key = key._replace(text=key.text.strip())
        seen = first.setdefault((id_cell.text, key.text), number)
        if seen != number:
            message = (
                f"duplicate criterion {excerpt(key.text)} of item {excerpt(id_cell.text)} "
                f"(first in row {seen})"
            )
            problems.append(Problem(file, line, key.column, message))
            continue
        marks.append(_Mark(id_cell, key, status._replace(text=status_word(status.text))))
    return marks


def _orders(meta_rows: list[Row]) -> dict[str, tuple[list[str], Scalar]]:
    """The orders the hidden sheet keeps, by item id, with the cell to point at."""
    orders: dict[str, tuple[list[str], Scalar]] = {}
    for number, row in enumerate(meta_rows, start=1):
        value = _cell(row, ORDER_COLUMN)
        if value is None:
            continue
        line = META_OFFSET + number
        keys = text_of(_cell(row, ORDER_COLUMN + 1) or "").split()
        cell = Scalar(Kind.STR, text_of(value).strip(), False, line, ORDER_COLUMN)
        orders.setdefault(cell.text, (keys, cell))
    return orders


def read(
    rows: list[Row], meta_rows: list[Row], shown: str, problems: list[Problem], file: str
) -> dict[str, Criteria]:
    """Every item's ``criteria`` by item id, in the order the items' rows first come; an item
    the hidden sheet says recorded none (``criteria: {}``) has an empty mapping."""
    by_item: dict[str, list[_Mark]] = {}
    for mark in _marks(rows, shown, problems, file):
        by_item.setdefault(mark.id_cell.text, []).append(mark)
    orders = _orders(meta_rows)
    found: dict[str, Criteria] = {}
    for item_id, marks in by_item.items():
        keys = orders[item_id][0] if item_id in orders else []
        place = {key: index for index, key in reversed(list(enumerate(keys)))}
        marks.sort(key=lambda mark: place.get(mark.key.text, len(keys)))  # stable: rows after
        entries = tuple((mark.key, mark.status) for mark in marks)
        first = marks[0].key
        key = Scalar(Kind.STR, CRITERIA_KEY, False, first.line, first.column)
        found[item_id] = Criteria(marks[0].id_cell, key, Mapping(entries, first.line, first.column))
    for item_id, (keys, cell) in orders.items():
        if not keys and item_id not in found:  # recorded none
            empty = Mapping((), cell.line, cell.column)
            found[item_id] = Criteria(cell, cell._replace(text=CRITERIA_KEY), empty)
    return found
