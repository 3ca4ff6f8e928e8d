"""The line reader of valid audits: the commonest layout read line by line, without YAML nodes.

Audits written by svccheck (templates, interactive sessions, consensus files) and most written by
hand have one layout: header lines ``key: value`` at the left margin, then ``answers:`` and one
indented line per item, ``item-id: 3`` or ``item-id: {score: 3, note: text, evidence: ...}``
(evidence as svccheck writes it: a text, ``[]``, or a list of texts and ``{text: ..., date:
...}`` mappings, all on the line), with comments and blank lines between. Composing such a
file into PyYAML's nodes costs more than everything else svccheck does with it, so in bulk runs
this reader goes first: it reads exactly that layout,
each value with the tag composing would give it (from the same memoised resolver,
:func:`svccheck.tree.scalar_tag`), and applies the fast reader's rules to the values
(:mod:`svccheck.audit_fast`).

Everything else YAML allows is *declined*, and the file is composed and read as before: tabs,
carriage returns alone and other line breaks, a byte-order mark inside, document markers but a
first ``---``, directives, anchors, aliases, tags, block scalars, values over several lines,
flow collections but an answer's mapping and its evidence, quoted keys, escapes in quoted
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
from svccheck.audit import Evidence, LoadedAudit, Score
from svccheck.audit_fast import Decline, Given, Parts
from svccheck.declare import Context
from svccheck.evidence_format import EVIDENCE_KEY, EVIDENCE_SINCE

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
# In a flow collection: a key and its value indicator, a scalar (quoted text without escapes,
# or plain text ending before spaces and , ] or }), and what may follow the answer's mapping.
_FLOW_KEY = re.compile(r" *([a-z]+): +")
_FLOW_SCALAR = re.compile(r"(\"[^\"\\]*\"|'[^']*'|[\w./~(+][^,\[\]{}:#?\"']*?) *(?=[,\]}])")
_FLOW_TAIL = re.compile(r"(?: +#.*)? *")
_SCORE_LINE = re.compile(r"( +)([a-z0-9][a-z0-9-]*): ([1-9][0-9]{0,2})")  # always an integer
# What the values on lines read as, by the text after `key: `, and whether item ids written
# plain are text (``no`` and ``null`` are not): the same few come back in every audit of a bulk
# run (3, n/a, {score: 3, note: checked}, the header's values), and what they read as depends on
# that text alone (the rubric's checks come later), so a remembered value is always right. Only
# short texts are kept, and only so many, so that hostile files cannot grow the memos.
_HEADERS: dict[tuple[str, str], Any] = {}
_ANSWERS: dict[str, tuple[Score, str | None, tuple[Evidence, ...] | None, bool]] = {}
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
    evidenced = False  # an answer has the key `evidence`: format 2 only
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
                answer: Given | None = (key, int(score), None, None)
            else:
                spaces, answer, written = _answer_line(line)
                evidenced = evidenced or written
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
    if evidenced and values.get("svccheck", 1) < EVIDENCE_SINCE:
        raise Decline  # the full loader refuses evidence in a file of format 1
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


def _answer_line(line: str) -> tuple[str, Given | None, bool]:
    """An indented line: its indentation, answer (``None``: blank or a comment) and whether the
    answer has the key ``evidence``."""
    match = _ANSWER.fullmatch(line)
    if match is None:
        if line.strip(" ")[:1] in ("", "#"):
            return "", None, False
        raise Decline
    spaces, key, rest = match.group(1), match.group(2), match.group(3) or ""
    known = _ANSWERS.get(rest)
    if known is None:
        if rest[:1] == "{":
            known = _flow(rest)
        else:
            known = audit_fast.score_of(*_block_scalar(rest)), None, None, False
        _remember(_ANSWERS, rest, known, rest)
    score, note, evidence, written = known
    return spaces, (key, score, note, evidence), written


# A value in a flow collection on one line: a scalar by its parts, a list, or a mapping.
Flow = Parts | list["Flow"] | dict[str, "Flow"]


def _flow(rest: str) -> tuple[Score, str | None, tuple[Evidence, ...] | None, bool]:
    """``{score: ..., note: ..., evidence: ...}`` (any of them, in any order) on one line, and
    whether ``evidence`` is among its keys."""
    pairs, end = _flow_mapping(rest, 0)
    if not _FLOW_TAIL.fullmatch(rest, end) or not audit_fast.ANSWER_KEYS.issuperset(pairs):
        raise Decline
    score: Score = None
    note: str | None = None
    for key, value in pairs.items():
        if key == EVIDENCE_KEY:
            continue
        if type(value) is not tuple:
            raise Decline
        if key == "score":
            score = audit_fast.score_of(*value)
        else:
            note = audit_fast.note_of(*value)
    written = EVIDENCE_KEY in pairs
    return score, note, _evidence(pairs[EVIDENCE_KEY]) if written else None, written


def _evidence(value: Flow) -> tuple[Evidence, ...] | None:
    """Nothing, one entry, or a list of entries (``[]``: recorded as missing)."""
    if type(value) is tuple:
        if tree.scalar_kind(*value) is tree.Kind.NULL:
            return None
        return (Evidence(audit_fast.entry_text(*value)),)
    if type(value) is list:
        return tuple(_entry(entry) for entry in value)
    return (_entry(value),)


def _entry(value: Flow) -> Evidence:
    """Text, or a mapping with the text and perhaps a date."""
    if type(value) is tuple:
        return Evidence(audit_fast.entry_text(*value))
    if (
        type(value) is not dict
        or "text" not in value
        or not audit_fast.ENTRY_KEYS.issuperset(value)
    ):
        raise Decline
    text, date = value["text"], value.get("date")
    if type(text) is not tuple or not (date is None or type(date) is tuple):
        raise Decline
    return audit_fast.entry_of(text, date)


def _flow_value(rest: str, at: int) -> tuple[Flow, int]:
    """The value at ``at`` and where what follows it (after spaces) begins."""
    first = rest[at : at + 1]
    if first == "{":
        value: Flow
        value, at = _flow_mapping(rest, at)
    elif first == "[":
        value, at = _flow_list(rest, at)
    else:
        match = _FLOW_SCALAR.match(rest, at)
        if match is None:
            raise Decline
        return _flow_scalar(match.group(1)), match.end()
    while rest[at : at + 1] == " ":
        at += 1
    return value, at


def _flow_mapping(rest: str, at: int) -> tuple[dict[str, Flow], int]:
    """``{key: value, ...}`` at ``at`` (keys plain words, each once), and the end."""
    pairs: dict[str, Flow] = {}
    at += 1
    while True:
        match = _FLOW_KEY.match(rest, at)
        if match is None or match.group(1) in pairs:
            raise Decline
        pairs[match.group(1)], at = _flow_value(rest, match.end())
        closer = rest[at : at + 1]
        if closer == "}":
            return pairs, at + 1
        if closer != ",":
            raise Decline
        at += 1


def _flow_list(rest: str, at: int) -> tuple[list[Flow], int]:
    """``[value, ...]`` or ``[]`` at ``at``, and the end."""
    items: list[Flow] = []
    at += 1
    while rest[at : at + 1] == " ":
        at += 1
    if rest[at : at + 1] == "]":
        return items, at + 1
    while True:
        item, at = _flow_value(rest, at)
        items.append(item)
        closer = rest[at : at + 1]
        if closer == "]":
            return items, at + 1
        if closer != ",":
            raise Decline
        at += 1
        while rest[at : at + 1] == " ":
            at += 1


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
