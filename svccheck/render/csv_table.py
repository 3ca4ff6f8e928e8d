"""CSV tables: a header row, cells safe in a spreadsheet (no formulas), nothing as an empty cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence


def spreadsheet_safe(value: object) -> object:
    """Make text safe in a cell: no formula (= + - @ at the start). Control characters were
    shown as escapes before (:mod:`svccheck.render.shown`)."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_safe(name) for name in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Nothing as an empty cell, a flag as ``true`` or ``false`` (as ``plan_met``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)
