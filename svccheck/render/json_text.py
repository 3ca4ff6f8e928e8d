"""JSON text: the writer every JSON view uses, and the header and origin parts they share."""

from __future__ import annotations

import json
import re
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


def audit_header(header: Header) -> dict[str, Any]:
    """The report's header fields."""
    return {name: getattr(header, name) for name in HEADER_FIELDS}


def origin_data(rubric: Rubric) -> dict[str, Any]:
    """Where the rubric came from: ``built-in``, ``search path`` or ``file``."""
    return {"origin": rubric.origin.kind.value, "shadows_builtin": rubric.origin.shadows_builtin}


def dumps(data: Any) -> str:
    """JSON text, indented, unicode kept, with a final newline."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    # JSON escapes C0 controls only: escape the others (see _ESCAPED) too, so the output is safe
    # to print and still decodes to the same text.
    return _ESCAPED.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n"
