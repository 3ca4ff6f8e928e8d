"""Text as a workbook cell holds it, shared by the writer and the reader.

XML reads every carriage return as a line feed, so a cell's text escapes it as Excel does:
``_x000D_`` (OOXML's ``_xHHHH_`` form), and a ``_`` that would start such a form in the text
itself is written ``_x005F_``. The reader turns every ``_xHHHH_`` back into its character, so
Excel's own escapes read right too. A formula cell that no spreadsheet program has calculated
reads as :class:`Uncomputed`, never as an empty cell.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# A '_' starting what would read as an escape: followed by xHHHH and a '_', or by a carriage
# return, which is about to become "_x000D_" itself.
_UNDERSCORE = re.compile(r"_(?=x[0-9A-Fa-f]{4}(?:_|\r))")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


class Uncomputed(NamedTuple):
    """A cell with a formula but no value calculated for it (as scripts write them)."""

    formula: str


def escape(text: str) -> str:
    """``text`` as written into a cell, so that :func:`unescape` gives it back exactly."""
    if "_" not in text and "\r" not in text:
        return text
    return _UNDERSCORE.sub("_x005F_", text).replace("\r", "_x000D_")


def unescape(text: str) -> str:
    """The text a cell's ``_xHHHH_`` forms stand for."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda found: chr(int(found.group(1), 16)), text)
