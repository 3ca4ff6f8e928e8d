"""The fast reader of valid audits: one walk over PyYAML's nodes, and no messages of its own.

Bulk runs read thousands of audits that are almost all valid, and the full loader
(:mod:`svccheck.audit_format`) builds a positioned tree and runs every declared reader for each,
ready to point at problems. This reader walks the composed nodes once and accepts only the plain
shapes valid audits have: known keys, each once; header values its declared reader accepts;
answers that are a score on the rubric's scale, ``n/a`` or nothing, alone or in a mapping with a
note; item ids the rubric has. On anything else (an unknown key, a tag, an anchor's odd value, a
score written ``3.0``, an id the rubric lacks, a rubric that does not load) it *declines*, and
the full loader reads the same document, accepting it or reporting every problem with its
position. It never reports a problem itself, so messages come from one place.

``tests/test_fast_audit.py`` checks on generated documents, hostile values included, that when
this reader accepts a document the full loader gives the same audit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from svccheck import rubric, tree
from svccheck.audit import NA, Answer, LoadedAudit, Score
from svccheck.audit_format import _PLAIN_SCORE, AUDIT, assemble, folder_of
from svccheck.declare import INVALID, Context, Either, Nullable, Reader, Text
from svccheck.errors import SvccheckError
from svccheck.rubric_format import KEBAB_ID
from svccheck.tree import Kind

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_NULL = "tag:yaml.org,2002:null"
_ANSWER_KEYS = frozenset(("score", "note"))
_TEXT = (Kind.STR, Kind.TIMESTAMP)  # what a text reader accepts (a timestamp as written)
# The declared readers of the header keys; "answers" is read here, by hand. Keys added after
# format 1 (importance) are left to the full loader, which checks them against the version.
_HEADER: dict[str, Reader[Any]] = {
    field.key: field.reader
    for field in AUDIT.record.fields
    if field.key != "answers" and field.since == 1
}


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


class _Decline(Exception):
    """Something this reader does not vouch for: the full loader reads the file."""


def read(composed: tree.Composed, file: str) -> LoadedAudit | None:
    """The audit in a composed document, or ``None`` when the full loader must read it."""
    root = composed.root
    if type(root) is not yaml.MappingNode or root.tag != _MAP:
        return None
    try:
        values, answers = _header(root, file)
        loaded = rubric.load_named(values["rubric"], folder_of(file))
        given = [] if answers is None else _answers(answers, loaded)
    except (_Decline, SvccheckError):
        return None
    return assemble(values, given, loaded, file)


def _key(node: yaml.Node) -> str:
    """A key written as plain or quoted text (not a number, a tag, a merge key)."""
    if type(node) is not yaml.ScalarNode or node.tag != _STR:
        raise _Decline
    text: str = node.value
    if not node.style and text[:1] in tree.NUMBER_START and tree.kind_of(node) is not Kind.STR:
        raise _Decline  # plain 1e3 or 0x1f: text to PyYAML, a number to editors
    return text


def _header(root: yaml.MappingNode, file: str) -> tuple[dict[str, Any], yaml.Node | None]:
    """The header values by key, each read by its declared reader, and the answers' node."""
    values: dict[str, Any] = {}
    answers: yaml.Node | None = None
    seen: set[str] = set()
    context = Context(file)
    for key_node, node in root.value:
        key = _key(key_node)
        if key in seen:
            raise _Decline
        seen.add(key)
        if key == "answers":
            answers = None if _is_null(node) else node
            continue
        reader = _HEADER.get(key)
        if reader is None or type(node) is not yaml.ScalarNode:
            raise _Decline
        rule = _TEXT_RULES.get(key)
        if rule is not None:
            values[key] = _text(node, *rule)
            continue
        value = reader.read(_scalar(node), (key,), context)
        if value is INVALID or context.problems:
            raise _Decline
        values[key] = value
    if not _REQUIRED.issubset(seen):
        raise _Decline
    return values, answers


def _scalar(node: yaml.ScalarNode) -> tree.Scalar:
    """The tree's scalar for a node, as the full loader builds it (for the declared readers)."""
    kind = tree.kind_of(node)
    if kind is None:  # a tag the tree refuses
        raise _Decline
    mark = node.start_mark
    return tree.Scalar(kind, node.value, not node.style, mark.line + 1, mark.column + 1)


def _text(node: yaml.ScalarNode, nullable: bool, matches: Callable[[str], bool]) -> str | None:
    """A header text as its reader takes it, or nothing where the reader allows it."""
    kind = tree.kind_of(node)
    if kind is Kind.NULL and nullable:
        return None
    text: str = node.value
    if kind not in _TEXT or not matches(text):
        raise _Decline
    return text


def _is_null(node: yaml.Node) -> bool:
    return type(node) is yaml.ScalarNode and node.tag == _NULL


def _answers(node: yaml.Node, loaded: rubric.Rubric) -> list[Answer]:
    """The answers in file order: ids of this rubric edition, scores on its scale."""
    if type(node) is not yaml.MappingNode or node.tag != _MAP:
        raise _Decline
    answerable, scale = loaded.answer_ids, loaded.scale
    kebab = _KEBAB.get(answerable)
    if kebab is None:
        kebab = _KEBAB[answerable] = all(KEBAB_ID.matches(key) for key in answerable)
    if not kebab:  # a rubric built some other way: the full loader checks each key
        raise _Decline
    given: list[Answer] = []
    seen: set[str] = set()
    for key_node, value in node.value:
        key = _key(key_node)
        if key in seen or key not in answerable:
            raise _Decline
        seen.add(key)
        # The commonest answer, a plain score, without a call.
        if (
            type(value) is yaml.ScalarNode
            and value.tag == _INT
            and _PLAIN_SCORE.fullmatch(value.value)
        ):
            score: Score = int(value.value)
            note = None
        else:
            score, note = _answer(value)
        if type(score) is int and not scale.min <= score <= scale.max:
            raise _Decline
        given.append(Answer(key, score, note))
    return given


def _answer(node: yaml.Node) -> tuple[Score, str | None]:
    """A score alone, or a mapping with a score and a note."""
    if type(node) is yaml.ScalarNode:
        return _score(node), None
    if type(node) is not yaml.MappingNode or node.tag != _MAP:
        raise _Decline
    score: Score = None
    note: str | None = None
    seen: set[str] = set()
    for key_node, value in node.value:
        key = _key(key_node)
        if key in seen or key not in _ANSWER_KEYS or type(value) is not yaml.ScalarNode:
            raise _Decline
        seen.add(key)
        if key == "score":
            score = _score(value)
        else:
            note = _note(value)
    return score, note


def _score(node: yaml.ScalarNode) -> Score:
    """A plain whole number without leading zeros, ``n/a``, or nothing."""
    tag = node.tag
    if tag == _INT and _PLAIN_SCORE.fullmatch(node.value):
        return int(node.value)
    if tag == _NULL:
        return None
    if node.value == NA and tree.kind_of(node) is Kind.STR:
        return NA
    raise _Decline


def _note(node: yaml.ScalarNode) -> str | None:
    """Free text, or nothing."""
    kind = tree.kind_of(node)
    if kind is Kind.NULL:
        return None
    if kind not in _TEXT:
        raise _Decline
    text: str = node.value
    return text
