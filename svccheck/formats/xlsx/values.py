"""A workbook's cells as the values of the positioned tree the audit format reads
(:mod:`svccheck.formats.tree`): read as a person means them (a number stored as text is that
number, ``N/A`` is n/a, a date is its ISO text), each at a position that names its sheet and cell.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence
from typing import Any

from svccheck.core.vocabulary import is_na
from svccheck.formats.tree import Kind, Scalar
from svccheck.formats.xlsx.cell_text import Uncomputed
from svccheck.formats.xlsx.layout import AUDIT_SHEET, CRITERIA_SHEET, META_SHEET
from svccheck.model.audit import NA

# Cells of the other sheets get line numbers past every row of the audit sheet, so one pair of
# numbers says which sheet a problem is on (and problems sort audit sheet first).
META_OFFSET = 1_000_000
CRITERIA_OFFSET = 2_000_000
_SHEETS = ((CRITERIA_OFFSET, CRITERIA_SHEET), (META_OFFSET, META_SHEET), (0, AUDIT_SHEET))
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
Row = Sequence[Any]


def cell_name(line: int, column: int) -> str:
    """The ``Sheet!CELL`` a tree position stands for."""
    from openpyxl.utils import get_column_letter

    offset, sheet = next((offset, sheet) for offset, sheet in _SHEETS if line > offset)
    return f"{sheet}!{get_column_letter(column)}{line - offset}"


def _number(text: str, line: int, column: int) -> Scalar:
    """A number written in a cell or as text in it: whole numbers are integers, as in JSON."""
    if _NUMBER.fullmatch(text):
        value = float(text)
        if value.is_integer() and abs(value) < 1e18:
            return Scalar(Kind.INT, str(int(value)), True, line, column)
        return Scalar(Kind.FLOAT, text, True, line, column)
    return Scalar(Kind.STR, text, False, line, column)


def text_of(value: object) -> str:
    """A cell's value as the text a person sees: 3 not 3.0, a date as 2026-09-30."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class UncomputedCell(Exception):
    """A cell read for the audit holds a formula that no spreadsheet program calculated."""

    def __init__(self, line: int, column: int, formula: str) -> None:
        super().__init__(formula)
        self.line, self.column, self.formula = line, column, formula


def text_cell(value: object, line: int, column: int, *, blank_is_text: bool = False) -> Scalar:
    """A cell holding text (a header field, a note, an id); an empty cell is nothing, and so is
    one of only spaces unless ``blank_is_text`` (a note of spaces is kept as written)."""
    if isinstance(value, Uncomputed):
        raise UncomputedCell(line, column, value.formula)
    blank = isinstance(value, str) and not value.strip()
    if value is None or value == "" or (blank and not blank_is_text):
        return Scalar(Kind.NULL, "", True, line, column)
    return Scalar(Kind.STR, text_of(value), False, line, column)


def number_cell(value: object, line: int, column: int, *, na: bool = False) -> Scalar:
    """A cell holding a number (a score, a version), also when stored as text; with ``na``, any
    spelling of not applicable is n/a."""
    if isinstance(value, Uncomputed):
        raise UncomputedCell(line, column, value.formula)
    if isinstance(value, bool):
        return Scalar(Kind.BOOL, str(value).lower(), True, line, column)
    if isinstance(value, int | float):
        return _number(repr(value) if isinstance(value, float) else str(value), line, column)
    scalar = text_cell(value, line, column)
    if scalar.kind is not Kind.STR:
        return scalar
    text = scalar.text.strip()
    if na and is_na(text):
        return Scalar(Kind.STR, NA, False, line, column)
    return _number(text, line, column)
