"""The values of a sheet, row by row, read by the workbook's cells rather than by its declared
size (docs/hostile-input.md): at most :data:`MAX_COLUMNS` columns and :data:`MAX_ROWS` rows hold
values (empty cells beyond are ignored, a value beyond is refused), a cell holds at most
:data:`MAX_CELL_TEXT` characters, its ``_xHHHH_`` escapes are read, and a formula without a
calculated value is :class:`~svccheck.formats.xlsx.cell_text.Uncomputed`.

openpyxl's read-only sheets trust the declared dimension and give no sign of a formula when
asked for values, so the rows come from its sheet parser directly (``WorkSheetParser``, the one
its read-only sheets use, with the workbook's shared strings and date formats).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from svccheck.core.errors import InputFileError
from svccheck.formats.xlsx.cell_text import Uncomputed, unescape
from svccheck.formats.xlsx.layout import MAX_CELL_TEXT, MAX_COLUMNS, MAX_ROWS

Row = Sequence[Any]


_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"


def _inline_text(element: Any) -> str | None:
    """An inline string's text: its ``t``, or its runs' ``t`` joined (what openpyxl's ``Text``
    gives, without building one: three times faster, and svccheck writes inline strings)."""
    inline = element.find(INLINE_STRING)
    if inline is None:
        return None
    plain = inline.find(_TEXT)
    if plain is not None:
        return str(plain.text or "")
    return "".join(str(run.findtext(_TEXT) or "") for run in inline.iterfind(_RUN))


class _ValueParser(WorkSheetParser):
    """Cached values, and :class:`Uncomputed` where a formula has none."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        if element.get("t") == "inlineStr" and element.find(FORMULA_TAG) is None:
            row, column = self._position(element)
            text = _inline_text(element)
            return {"row": row, "column": column, "value": text and unescape(text)}
        cell: dict[str, Any] = super().parse_cell(element)
        value = cell["value"]
        if value is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = Uncomputed(element.findtext(FORMULA_TAG) or "")
        elif isinstance(value, str):
            cell["value"] = unescape(value)
        return cell

    def _position(self, element: Any) -> tuple[int, int]:
        """Row and column of a cell, as openpyxl's own ``parse_cell`` finds them."""
        coordinate = element.get("r")
        if coordinate:
            row, self.col_counter = coordinate_to_tuple(coordinate)
            return int(row), int(self.col_counter)
        self.col_counter += 1
        return int(self.row_counter), int(self.col_counter)


def _where(name: str, row: int, column: int) -> str:
    return f"{name}!{get_column_letter(column)}{row}"


def _row(cells: list[dict[str, Any]], number: int, name: str, shown: str) -> tuple[Any, ...]:
    """One row's values by column (``None`` where empty), refused past the limits."""
    values = {c["column"]: c["value"] for c in cells if c["value"] not in (None, "")}
    if not values:
        return ()
    if not 1 <= number <= MAX_ROWS:
        raise InputFileError(
            f"{shown}: sheet {name!r} has a value in row {number}; rows 1 to {MAX_ROWS} are read"
        )
    widest = max(values)
    if widest > MAX_COLUMNS:
        raise InputFileError(
            f"{shown}: {_where(name, number, widest)}: a value beyond column "
            f"{get_column_letter(MAX_COLUMNS)}; at most {MAX_COLUMNS} columns are read"
        )
    for column, value in values.items():
        if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
            raise InputFileError(
                f"{shown}: {_where(name, number, column)}: holds {len(value)} characters; a "
                f"cell holds at most {MAX_CELL_TEXT}"
            )
    return tuple(values.get(column) for column in range(1, widest + 1))


def rows(book: Any, name: str, shown: str) -> list[Row]:
    """The rows of sheet ``name`` of a read-only workbook: row ``n`` at index ``n - 1``."""
    if name not in book.sheetnames:
        raise InputFileError(
            f"{shown}: has no sheet {name!r}; start from a workbook made by "
            "'svccheck template RUBRIC -o FILE.xlsx'"
        )
    sheet = book[name]
    found: dict[int, tuple[Any, ...]] = {}
    with sheet._get_source() as source:
        parser = _ValueParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            values = _row(cells, number, name, shown)
            if values and found.setdefault(number, values) is not values:
                raise InputFileError(f"{shown}: sheet {name!r} has row {number} twice")
    last = max(found, default=0)
    return [found.get(number, ()) for number in range(1, last + 1)]
