"""JSON text: the writer every JSON view uses, and the header and origin parts they share."""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from svccheck.model.header import HEADER_FIELDS, Header

if TYPE_CHECKING:
    from svccheck.model.rubric import Rubric

# Characters JSON may carry raw but a terminal or viewer would obey or hide: DEL and C1 controls,
# bidirectional controls, line separators, zero-width characters, and lone surrogates (from
# non-UTF-8 file names, which could not even be encoded). Written as \\u escapes, they decode
# to the same text.
_ESCAPED = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)


# The ASCII characters among them (DEL).
_ESCAPED_ASCII = "".join(
    character for character in map(chr, range(128)) if _ESCAPED.match(character)
)


def audit_header(header: Header) -> dict[str, Any]:
    """The report's header fields."""
    return {name: getattr(header, name) for name in HEADER_FIELDS}


def origin_data(rubric: Rubric) -> dict[str, Any]:
    """Where the rubric came from: ``built-in``, ``search path`` or ``file``."""
    return {"origin": rubric.origin.kind.value, "shadows_builtin": rubric.origin.shadows_builtin}


# One entry of a list written on one line: ", " and ": " between items, as the indented text.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # records make no cycles


def dumps(data: dict[str, Any], *, one_per_line: Collection[str] = ()) -> str:
    """JSON text, indented, unicode kept, with a final newline.

    The lists of ``data`` named in ``one_per_line`` are written one entry a line (each entry on
    its line as compact JSON): lists of thousands of entries (``combine``'s discussion list)
    that would otherwise run to hundreds of thousands of lines, and whose indented text takes
    CPython's pure-Python encoder most of the time (it uses its C encoder only without indent).
    """
    parts = []
    for key, value in data.items():
        name = json.dumps(key, ensure_ascii=False)
        if key in one_per_line and isinstance(value, list) and value:
            entries = ",\n    ".join(map(_ONE_LINE.encode, value))
            parts.append(f"  {name}: [\n    {entries}\n  ]")
        else:  # indented as a whole document's value is (text never holds a raw line break)
            inner = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            parts.append(f"  {name}: {inner}")
    text = "{\n" + ",\n".join(parts) + "\n}" if parts else "{}"
    # JSON escapes C0 controls only: escape the others (see _ESCAPED) too, so the output is safe
    # to print and still decodes to the same text. Text of ASCII only (Python knows without a
    # look) can hold none of them but DEL: then a search for it replaces the scan (4 MB of
    # `combine` output: 20 ms).
    if text.isascii() and not any(character in text for character in _ESCAPED_ASCII):
        return text + "\n"
    return _ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
