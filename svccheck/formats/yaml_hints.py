"""Hints for YAML that cannot be parsed, pointing at the line a person got wrong.

libyaml reports where parsing failed, which after a hand-editing slip is often a later line:
a key without its colon is read as text running on into the next line, and a key indented too
little ends its mapping, so the error lands on a following line or comment. These rules look
back from that place for the usual slips and name the line to fix.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_KEY = re.compile(r"^(\s*)([^\s#:][^:#]*?)\s*:(\s|$)")
_FLOW_COLON = re.compile(r"\{[^}]*:\s[^,}]*:\s")


class Hint(NamedTuple):
    """Where the slip is (1-based line and column) and what to do about it."""

    line: int
    column: int
    text: str


def hint(problem: str, context: str | None, text: str, line: int) -> Hint | None:
    """A hint for libyaml's ``problem`` (and ``context``) at 0-based ``line``, or ``None``."""
    lines = text.split("\n")
    here = lines[line] if line < len(lines) else ""
    if context and "flow mapping" in context and _FLOW_COLON.search(here):
        return Hint(line + 1, 1, "a ': ' inside {...} ends a key and starts a value: put the "
                    'note in double quotes, such as note: "slow: very"')  # fmt: skip
    if not any(
        known in problem
        for known in ("mapping values are not allowed", "expected ':'", "expected key")
    ):
        return None
    if _KEY.match(here) and here.count(": ") > 1 and "mapping values" in problem:
        return Hint(line + 1, 1, "a ': ' inside a value: put the value in double quotes")
    before = _previous_content(lines, line)
    if before is None:
        return None
    previous = lines[before]
    indent = len(previous) - len(previous.lstrip())
    if not _KEY.match(previous) and not previous.lstrip().startswith("-"):
        key = previous.strip().split(" ", 1)
        example = f"{key[0]}: {key[1]}" if len(key) > 1 else f"{key[0]}:"
        return Hint(before + 1, indent + 1, f"no ':' after the key on this line; write {example}")
    below = len(here) - len(here.lstrip())
    if here.strip() and below > indent and _has_value(previous):
        return Hint(before + 1, indent + 1, "this key is indented less than the lines around "
                    "it (it ended the mapping above); indent it like its neighbours")  # fmt: skip
    return None


def _previous_content(lines: list[str], line: int) -> int | None:
    """The last line before ``line`` that is neither blank nor a comment."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _has_value(line: str) -> bool:
    match = _KEY.match(line)
    return match is not None and bool(line[match.end() :].split("#", 1)[0].strip())
