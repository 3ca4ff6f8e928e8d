"""The line reader of valid audits: the commonest layout read line by line, without YAML nodes.

Audits written by svccheck (templates, interactive sessions, consensus files) and most written by
hand have one layout: header lines ``key: value`` at the left margin, then ``answers:`` and one
indented line per item, ``item-id: 3`` or ``item-id: {score: 3, note: text}``, with comments and
blank lines between. Composing such a file into PyYAML's nodes costs more than everything else
svccheck does with it, so in bulk runs this reader goes first: it reads exactly that layout,
each value with the tag composing would give it (from the same memoised resolver,
:func:`svccheck.tree.scalar_tag`), and applies the fast reader's rules to the values
(:mod:`svccheck.audit_fast`).

Everything else YAML allows is *declined*, and the file is composed and read as before: tabs,
carriage returns alone and other line breaks, a byte-order mark inside, document markers but a
first ``---``, directives, anchors, aliases, tags, block scalars, values over several lines,
flow collections but an answer's ``{score: ..., note: ...}``, quoted keys, escapes in quoted
text, a colon followed by a space or a ``#`` inside plain text, indentation that changes within
the answers, a key it does not know. It never reports a problem, and it accepts only what the
composing readers accept, with the same audit: ``tests/test_audit_lines.py`` checks that on
generated documents, hostile lines included.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from svccheck import audit_fast, tree
from svccheck.audit import LoadedAudit, Score
from svccheck.audit_fast import Decline, Given
from svccheck.declare import Context

# Characters this reader leaves to the composer: anything but a newline and text YAML and
# PyYAML agree is printable (no tab, carriage return, NEL, line or paragraph separator, no BOM).
# ASCII text is checked by a pattern; other characters one by one (a pattern spanning Unicode
# takes milliseconds to compile, at every start).
_ASCII_DOUBTFUL = re.compile("[^\n\x20-\x7e]")
_PRINTABLE = ((0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE), (0xFF00, 0xFFFD),
              (0x10000, 0x10FFFF))  # fmt: skip


def _doubtful(text: str) -> bool:
    """Whether ``text`` holds a character this reader leaves to the composer."""
    if text.isascii():
        return _ASCII_DOUBTFUL.search(text) is not None
    return any(
        not any(low <= ord(character) <= high for low, high in _PRINTABLE)
        for character in set(text)
        if character != "\n"
    )


_TOP = re.compile(r"([a-z_]+):(?: +(.*))?")  # a header line: key at the margin, value or none
_ANSWER = re.compile(r"( +)([a-z0-9][a-z0-9-]*):(?: +(.*))?")  # an answer line, indented
# A plain value at the start of a line's value: not an indicator (- ? : , [ ] { } # & * ! | > ' "
# % @ `), and, in a flow mapping, none of , [ ] { } : # ? " ' at all (ends of plain text there).
_START = re.compile(r"[\w./~(+]")
_FLOW_PLAIN = r"[\w./~(+][^,\[\]{}:#?\"']*?"
_FLOW_VALUE = rf"(\"[^\"\\]*\"|'[^']*'|{_FLOW_PLAIN})"
_FLOW = re.compile(
    rf"\{{ *(score|note): +{_FLOW_VALUE} *(?:, *(score|note): +{_FLOW_VALUE} *)?\}}"
    r"(?: +#.*)? *"
)
_ANSWER_KEYS = ("score", "note")
_SCORE_LINE = re.compile(r"( +)([a-z0-9][a-z0-9-]*): ([1-9][0-9]{0,2})")  # always an integer
# What the values on lines read as, by the text after `key: `, and whether item ids written
# plain are text (``no`` and ``null`` are not): the same few come back in every audit of a bulk
# run (3, n/a, {score: 3, note: checked}, the header's values), and what they read as depends on
# that text alone (the rubric's checks come later), so a remembered value is always right. Only
# short texts are kept, and only so many, so that hostile files cannot grow the memos.
_HEADERS: dict[tuple[str, str], Any] = {}
_ANSWERS: dict[str, tuple[Score, str | None]] = {}
_KEYS: dict[str, bool] = {}
_MEMO_MAX = 20_000
_TEXT_MAX = 80
_UNKNOWN = object()
_MAPPING = object()  # `answers:` with nothing on its line: the answers follow, indented


def read(text: str, file: str) -> LoadedAudit | None:
    """The audit in ``text``, or ``None`` when the composing readers must read it."""
    if not yaml.__with_libyaml__:  # the rules here are libyaml's; its fallback differs
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a line break in Windows files, and nowhere else
    if _doubtful(text):
        return None
    try:
        values, given = _document(text.split("\n"), file)
        return audit_fast.finish(values, given, file)
    except Decline:
        return None


def _document(lines: list[str], file: str) -> tuple[dict[str, Any], list[Given] | None]:
    """The header values and the answers (``None``: none written) of an audit's lines."""
    values: dict[str, Any] = {}
    seen: set[str] = set()
    given: list[Given] = []
    answered = False  # `answers:` had a mapping of answers under it
    context = Context(file)
    collecting = False  # indented lines are answers (after `answers:` alone on its line)
    indent = 0  # the answers' indentation, set by the first
    marked = False
    for number, line in enumerate(lines, 1):
        first = line[:1]
        if first == " ":
            if not collecting:  # more than one line to a value: only the answers take them
                if line.strip(" ")[:1] not in ("", "#"):
                    raise Decline
                continue
            simple = _SCORE_LINE.fullmatch(line)  # the commonest line, `  item-id: 3`
            if simple is not None:
                spaces, key, score = simple.groups()
                answer: Given | None = (key, int(score), None)
            else:
                spaces, answer = _answer_line(line)
            if answer is not None:
                indent = indent or len(spaces)
                if len(spaces) != indent or not _plain_key(answer[0]):
                    raise Decline
                given.append(answer)
                answered = True
            continue
        if not first or first == "#":
            continue
        if line == "---" and not seen and not marked:  # a document start marker first
            marked = True
            continue
        key, value = _header_line(line, number, context)
        if key in seen:
            raise Decline
        seen.add(key)
        collecting = value is _MAPPING  # `answers:`, perhaps with a comment: a mapping
        if key != "answers":
            values[key] = value
    audit_fast.required(seen)
    return values, given if answered else None  # `answers:` alone is nothing, as in YAML


def _header_line(line: str, number: int, context: Context) -> tuple[str, Any]:
    """A line at the margin: its key and value (for ``answers``, :data:`_MAPPING` when a
    mapping may follow, ``None`` when it is null)."""
    match = _TOP.fullmatch(line)
    if match is None or match.group(1) not in audit_fast.KEYS:
        raise Decline
    key, rest = match.group(1), match.group(2) or ""
    if key == "answers":
        tag, text, plain = _block_scalar(rest)
        if tag != audit_fast.NULL_TAG:
            raise Decline
        return key, _MAPPING if not text and plain else None
    value = _HEADERS.get((key, rest), _UNKNOWN)
    if value is _UNKNOWN:
        value = audit_fast.header_value(key, *_block_scalar(rest), number, 1, context)
        _remember(_HEADERS, (key, rest), value, rest)
    return key, value


def _remember(memo: dict[Any, Any], key: object, value: object, text: str) -> None:
    """Keep what a short text read as, within the memo's bounds."""
    if len(text) <= _TEXT_MAX and len(memo) < _MEMO_MAX:
        memo[key] = value


def _plain_key(key: str) -> bool:
    """Whether an item id written plain is text (``no`` and ``null`` are not), remembered."""
    known = _KEYS.get(key)
    if known is None:
        try:
            known = bool(audit_fast.key_text(tree.scalar_tag(key, True), key, True))
        except Decline:
            known = False
        _remember(_KEYS, key, known, key)
    return known


def _answer_line(line: str) -> tuple[str, Given | None]:
    """An indented line: its indentation and answer (``None``: blank or a comment)."""
    match = _ANSWER.fullmatch(line)
    if match is None:
        if line.strip(" ")[:1] in ("", "#"):
            return "", None
        raise Decline
    spaces, key, rest = match.group(1), match.group(2), match.group(3) or ""
    known = _ANSWERS.get(rest)
    if known is None:
        if rest[:1] == "{":
            known = _flow(rest)
        else:
            known = audit_fast.score_of(*_block_scalar(rest)), None
        _remember(_ANSWERS, rest, known, rest)
    return spaces, (key, *known)


def _flow(rest: str) -> tuple[Score, str | None]:
    """``{score: ..., note: ...}`` (either, or both in either order) on one line."""
    match = _FLOW.fullmatch(rest)
    if match is None:
        raise Decline
    first, first_value, second, second_value = match.groups()
    if first == second:
        raise Decline
    parts = {first: first_value, second: second_value} if second else {first: first_value}
    score: Score = None
    note: str | None = None
    for key in _ANSWER_KEYS:
        written = parts.get(key)
        if written is not None:
            tag, text, plain = _flow_scalar(written)
            if key == "score":
                score = audit_fast.score_of(tag, text, plain)
            else:
                note = audit_fast.note_of(tag, text, plain)
    return score, note


def _flow_scalar(written: str) -> tuple[str, str, bool]:
    """A value inside the flow mapping, as the pattern found it (quoted text has no escapes)."""
    if written[0] in "\"'":
        return tree.scalar_tag(written[1:-1], False), written[1:-1], False
    return tree.scalar_tag(written, True), written, True


def _block_scalar(rest: str) -> tuple[str, str, bool]:
    """The tag, text and plainness of a value on the rest of a ``key:`` line; nothing, plain
    text, or quoted text without escapes, each perhaps followed by a comment."""
    if not rest or rest[0] == "#":
        return tree.scalar_tag("", True), "", True
    quote = rest[0]
    if quote in "\"'":
        end = rest.find(quote, 1)
        if end < 0 or (quote == '"' and "\\" in rest[:end]):
            raise Decline
        after = rest[end + 1 :].strip(" ")
        if after and not (after[0] == "#" and rest[end + 1] == " "):
            raise Decline
        return tree.scalar_tag(rest[1:end], False), rest[1:end], False
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if not _START.match(text) or "#" in text or ": " in text or text.endswith(":"):
        raise Decline
    return tree.scalar_tag(text, True), text, True
