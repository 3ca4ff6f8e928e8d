"""The fast reader of valid audits: one walk over PyYAML's nodes, and no messages of its own.

Bulk runs read thousands of audits that are almost all valid, and the full loader
(:mod:`svccheck.audit_format`) builds a positioned tree and runs every declared reader for each,
ready to point at problems. This reader walks the composed nodes once and accepts only the plain
shapes valid audits have: known keys, each once; header values its declared reader accepts;
answers that are a score on the rubric's scale, ``n/a`` or nothing, alone or in a mapping with a
note and evidence (format 2: a text, ``{text, date}``, a list of those, ``[]``); item ids the
rubric has. On anything else (an unknown key, a tag, an anchor's odd value, a
score written ``3.0``, an id the rubric lacks, a rubric that does not load) it *declines*, and
the full loader reads the same document, accepting it or reporting every problem with its
position. It never reports a problem itself, so messages come from one place.

The rules on values are stated once, on a scalar's parts (its tag, its text, whether it was
written plain), so that the line reader (:mod:`svccheck.audit_lines`), which reads the commonest
layout of an audit without composing nodes at all, shares them.

``tests/test_fast_audit.py`` checks on generated documents, hostile values included, that when
this reader accepts a document the full loader gives the same audit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import yaml

from svccheck import rubric, tree
from svccheck.audit import NA, Answer, Evidence, LoadedAudit, Score
from svccheck.audit_format import _PLAIN_SCORE, AUDIT, VERSIONS, assemble, folder_of
from svccheck.declare import INVALID, Context, Either, Nullable, Reader, Text
from svccheck.errors import SvccheckError
from svccheck.evidence_format import EVIDENCE_DATE, EVIDENCE_KEY, EVIDENCE_SINCE
from svccheck.rubric_format import KEBAB_ID
from svccheck.tree import Kind

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_SEQ = "tag:yaml.org,2002:seq"
NULL_TAG = _NULL = "tag:yaml.org,2002:null"
ANSWER_KEYS = _ANSWER_KEYS = frozenset(("score", "note", EVIDENCE_KEY))
ENTRY_KEYS = frozenset(("text", "date"))  # of an evidence entry written as a mapping
_ENTRY_TEXT = Text()  # an entry's text, as evidence_format reads it: any text but blank
_TEXT = (Kind.STR, Kind.TIMESTAMP)  # what a text reader accepts (a timestamp as written)
# The declared readers of the header keys every format version has ("answers" is read here, by
# hand); a key a later version introduced is left to the full loader, which knows which
# version the file declares.
_HEADER: dict[str, Reader[Any]] = {
    field.key: field.reader
    for field in AUDIT.record.fields
    if field.key != "answers" and field.since <= min(VERSIONS)
}
KEYS = frozenset((*_HEADER, "answers"))  # every key an audit may have at the top


def _text_rule(reader: Reader[Any]) -> tuple[bool, Callable[[str], bool]] | None:
    """For a text reader (perhaps nullable): whether it takes nothing, and which texts it takes.

    A :class:`Text` or :class:`Either` reads a text or timestamp exactly when its ``matches``
    accepts the text; asking that directly spares building a tree scalar for each header value.
    """
    nullable = isinstance(reader, Nullable)
    inner = reader.inner if isinstance(reader, Nullable) else reader
    return (nullable, inner.matches) if isinstance(inner, Text | Either) else None


_TEXT_RULES = {key: rule for key, reader in _HEADER.items() if (rule := _text_rule(reader))}
# Whether every id a rubric's audits may answer is a kebab-case id, as the loader requires (it
# always is for a loaded rubric); by the set, whose hash Python keeps.
_KEBAB: dict[frozenset[str], bool] = {}
_REQUIRED = frozenset(field.key for field in AUDIT.record.fields if field.required)

# An answer as read, before it is checked against the rubric: (item id, score, note, evidence).
Given = tuple[str, Score, str | None, tuple[Evidence, ...] | None]
# A scalar by its parts: its tag, text and whether it was written plain.
Parts = tuple[str, str, bool]


class Decline(Exception):
    """Something these readers do not vouch for: the full loader reads the file."""


def read(composed: tree.Composed, file: str) -> LoadedAudit | None:
    """The audit in a composed document, or ``None`` when the full loader must read it."""
    root = composed.root
    if type(root) is not yaml.MappingNode or root.tag != _MAP:
        return None
    try:
        values, answers = _header(root, file)
        if answers is None:
            return finish(values, None, file)
        walk = _Answers()
        return finish(values, walk.answers(answers), file, walk.evidenced)
    except Decline:
        return None


def finish(
    values: dict[str, Any], given: list[Given] | None, file: str, evidenced: bool = False
) -> LoadedAudit:
    """The audit from its header values (every required key present) and answers in file
    order, checked against the rubric it names: ids of this rubric edition, each once, scores on
    its scale. ``evidenced``: an answer has the key ``evidence`` (even empty), which needs a
    file declaring format 2 (the full loader refuses it in format 1). :class:`Decline` when the
    rubric does not load or an answer does not fit."""
    if evidenced and values.get("svccheck", min(VERSIONS)) < EVIDENCE_SINCE:
        raise Decline
    try:
        loaded = rubric.load_named(values["rubric"], folder_of(file))
    except SvccheckError:
        raise Decline from None
    return assemble(values, [] if given is None else _checked(given, loaded), loaded, file)


def _checked(given: list[Given], loaded: rubric.Rubric) -> list[Answer]:
    answerable = loaded.answer_ids
    kebab = _KEBAB.get(answerable)
    if kebab is None:
        kebab = _KEBAB[answerable] = all(KEBAB_ID.matches(key) for key in answerable)
    if not kebab:  # a rubric built some other way: the full loader checks each key
        raise Decline
    # Whole-list checks and one Answer per answer without a Python step each (bulk runs).
    keys = [answer[0] for answer in given]
    if len(set(keys)) < len(keys) or not answerable.issuperset(keys):
        raise Decline
    scores = [score for _, score, _, _ in given if type(score) is int]
    if scores and not loaded.scale.min <= min(scores) <= max(scores) <= loaded.scale.max:
        raise Decline
    return list(itertools.starmap(Answer, given))


def key_text(tag: str, text: str, plain: bool) -> str:
    """A key written as plain or quoted text (not a number, a tag, a merge key)."""
    if tag != _STR or (plain and text[:1] in tree.NUMBER_START and
                       tree.scalar_kind(tag, text, plain) is not Kind.STR):  # fmt: skip
        raise Decline  # plain 1e3 or 0x1f: text to PyYAML, a number to editors
    return text


def header_value(
    key: str, tag: str, text: str, plain: bool, line: int, column: int, context: Context
) -> Any:
    """A header value as the key's declared reader takes it (``line`` and ``column`` only
    place the scalar those readers are given)."""
    rule = _TEXT_RULES.get(key)
    if rule is not None:
        kind = tree.scalar_kind(tag, text, plain)
        if kind is Kind.NULL and rule[0]:
            return None
        if kind not in _TEXT or not rule[1](text):
            raise Decline
        return text
    reader = _HEADER.get(key)
    kind = tree.scalar_kind(tag, text, plain)
    if reader is None or kind is None:  # an unknown key, or a tag the tree refuses
        raise Decline
    value = reader.read(tree.Scalar(kind, text, plain, line, column), (key,), context)
    if value is INVALID or context.problems:
        raise Decline
    return value


def required(seen: set[str]) -> None:
    """Every key an audit must have is among ``seen``."""
    if not _REQUIRED.issubset(seen):
        raise Decline


def score_of(tag: str, text: str, plain: bool) -> Score:
    """A plain whole number without leading zeros, ``n/a``, or nothing."""
    if tag == _INT and _PLAIN_SCORE.fullmatch(text):
        return int(text)
    if tag == _NULL:
        return None
    if text == NA and tree.scalar_kind(tag, text, plain) is Kind.STR:
        return NA
    raise Decline


def note_of(tag: str, text: str, plain: bool) -> str | None:
    """Free text, or nothing."""
    kind = tree.scalar_kind(tag, text, plain)
    if kind is Kind.NULL:
        return None
    if kind not in _TEXT:
        raise Decline
    return text


def entry_text(tag: str, text: str, plain: bool) -> str:
    """An evidence entry's text: text (or a timestamp, as written) that is not blank."""
    if tree.scalar_kind(tag, text, plain) not in _TEXT or not _ENTRY_TEXT.matches(text):
        raise Decline
    return text


def entry_date(tag: str, text: str, plain: bool) -> str | None:
    """An evidence entry's date: a real calendar date, a month, or nothing."""
    kind = tree.scalar_kind(tag, text, plain)
    if kind is Kind.NULL:
        return None
    if kind not in _TEXT or not EVIDENCE_DATE.matches(text):
        raise Decline
    return text


def entry_of(text: Parts, date: Parts | None) -> Evidence:
    """An evidence entry written as a mapping, by its values' parts."""
    return Evidence(entry_text(*text), None if date is None else entry_date(*date))


def _key(node: yaml.Node) -> str:
    if type(node) is not yaml.ScalarNode:
        raise Decline
    return key_text(node.tag, node.value, not node.style)


def _header(root: yaml.MappingNode, file: str) -> tuple[dict[str, Any], yaml.Node | None]:
    """The header values by key, each read by its declared reader, and the answers' node."""
    values: dict[str, Any] = {}
    answers: yaml.Node | None = None
    seen: set[str] = set()
    context = Context(file)
    for key_node, node in root.value:
        key = _key(key_node)
        if key in seen:
            raise Decline
        seen.add(key)
        if key == "answers":
            answers = None if _is_null(node) else node
            continue
        if type(node) is not yaml.ScalarNode:
            raise Decline
        mark = node.start_mark
        values[key] = header_value(
            key, node.tag, node.value, not node.style, mark.line + 1, mark.column + 1, context
        )
    required(seen)
    return values, answers


def _is_null(node: yaml.Node) -> bool:
    return type(node) is yaml.ScalarNode and node.tag == _NULL


class _Answers:
    """The walk over the answers' nodes; ``evidenced`` once an answer has the key ``evidence``."""

    def __init__(self) -> None:
        self.evidenced = False
        # Every evidence list and mapping walked: one met twice is an alias, which the full
        # loader counts again each time (against its limit on values); left to it.
        self.collections: set[int] = set()

    def answers(self, node: yaml.Node) -> list[Given]:
        """The answers in file order, as written."""
        if type(node) is not yaml.MappingNode or node.tag != _MAP:
            raise Decline
        given: list[Given] = []
        for key_node, value in node.value:
            key = _key(key_node)
            # The commonest answer, a plain score, without a call.
            if (
                type(value) is yaml.ScalarNode
                and value.tag == _INT
                and _PLAIN_SCORE.fullmatch(value.value)
            ):
                given.append((key, int(value.value), None, None))
            else:
                given.append((key, *self.answer(value)))
        return given

    def answer(self, node: yaml.Node) -> tuple[Score, str | None, tuple[Evidence, ...] | None]:
        """A score alone, or a mapping with a score, a note and evidence."""
        if type(node) is yaml.ScalarNode:
            return score_of(node.tag, node.value, not node.style), None, None
        if type(node) is not yaml.MappingNode or node.tag != _MAP:
            raise Decline
        score: Score = None
        note: str | None = None
        evidence: tuple[Evidence, ...] | None = None
        seen: set[str] = set()
        for key_node, value in node.value:
            key = _key(key_node)
            if key in seen or key not in _ANSWER_KEYS:
                raise Decline
            seen.add(key)
            if key == EVIDENCE_KEY:
                self.evidenced = True
                evidence = self.evidence(value)
            elif type(value) is not yaml.ScalarNode:
                raise Decline
            elif key == "score":
                score = score_of(value.tag, value.value, not value.style)
            else:
                note = note_of(value.tag, value.value, not value.style)
        return score, note, evidence

    def evidence(self, node: yaml.Node) -> tuple[Evidence, ...] | None:
        """Nothing, one entry, or a list of entries (``[]``: recorded as missing)."""
        if type(node) is yaml.ScalarNode:
            if tree.scalar_kind(node.tag, node.value, not node.style) is Kind.NULL:
                return None
            return (Evidence(entry_text(node.tag, node.value, not node.style)),)
        if type(node) is yaml.SequenceNode and node.tag == _SEQ:
            self._once(node)
            return tuple(self.entry(item) for item in node.value)
        return (self.entry(node),)

    def entry(self, node: yaml.Node) -> Evidence:
        """Text, or a mapping with the text and perhaps a date."""
        if type(node) is yaml.ScalarNode:
            return Evidence(entry_text(node.tag, node.value, not node.style))
        if type(node) is not yaml.MappingNode or node.tag != _MAP:
            raise Decline
        self._once(node)
        parts: dict[str, Parts] = {}
        for key_node, value in node.value:
            key = _key(key_node)
            if key in parts or key not in ENTRY_KEYS or type(value) is not yaml.ScalarNode:
                raise Decline
            parts[key] = (value.tag, value.value, not value.style)
        if "text" not in parts:
            raise Decline
        return entry_of(parts["text"], parts.get("date"))

    def _once(self, node: yaml.Node) -> None:
        if id(node) in self.collections:
            raise Decline
        self.collections.add(id(node))
