"""Text from files and command lines made safe to show: the one place that decides what is escaped.

Two kinds of text reach people:

* :func:`prose` — titles, notes, questions, messages. Control characters (C0 but tab and newline,
  DEL, C1: ``ESC [`` and ``\\x9b`` are how a terminal is hijacked), bidirectional controls (which
  reorder what is shown, "Trojan Source") and line or paragraph separators become visible
  escapes. Zero-width joiners and non-joiners stay: Persian, Indic scripts and emoji sequences
  need them to be written correctly.
* :func:`identifier` — ids, group keys, file paths. Also escapes tab, newline and the
  zero-width characters, so that ``EMEA`` and ``EMEA\\u200b`` can never look the same.

Lone surrogates (how Python carries bytes of a non-UTF-8 file name or argument) are shown as the
byte they stand for (``\\xff``), so the text can always be encoded for the terminal.

Rich markup is not this module's concern: renderers pass text to Rich as ``Text`` objects, which
Rich never parses for markup.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls but tab and newline, DEL, C1 controls.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidirectional embeddings, overrides, isolates and marks, and the Arabic letter mark.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Line and paragraph separators: line breaks to some terminals, invisible to others.
_SEPARATORS = "\u2028\u2029"
_SURROGATES = "\ud800-\udfff"
_ZERO_WIDTH = "\u200b-\u200d\u2060\ufeff"


# Every character escaped here is one Python calls unprintable (a control, format, separator or
# surrogate character), so printable text, most of it, is returned as it is; the patterns, slow
# to compile for their Unicode ranges, are compiled for the first text that needs them.
@cache
def _prose_pattern() -> re.Pattern[str]:
    return re.compile(f"[{_CONTROL}{_BIDI}{_SEPARATORS}{_SURROGATES}]")


@cache
def _identifier_pattern() -> re.Pattern[str]:
    return re.compile(f"[\t\n{_CONTROL}{_BIDI}{_SEPARATORS}{_SURROGATES}{_ZERO_WIDTH}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that could not be decoded
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def prose(text: object) -> str:
    """Free text made safe to show; see the module docstring for what is escaped."""
    value = str(text)
    return value if value.isprintable() else _prose_pattern().sub(_escape, value)


def identifier(text: object) -> str:
    """An id, group key or path made safe and unambiguous to show (zero-width escaped too)."""
    value = str(text)
    return value if value.isprintable() else _identifier_pattern().sub(_escape, value)


def excerpt(text: object, limit: int = 40) -> str:
    """A short, quoted, escaped excerpt of a value from a file, for error messages."""
    value = str(text)
    shown = identifier(value[:limit])
    return f"'{shown}…'" if len(value) > limit else f"'{shown}'"
