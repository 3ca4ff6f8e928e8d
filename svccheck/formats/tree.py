"""The positioned document tree every file format is read from, and YAML parsing into it.

PyYAML's own ``load`` forgets where each value came from, silently keeps the last of two duplicate
keys, and turns values into Python objects by YAML 1.1 rules that editors (YAML 1.2) do not share.
Instead we *compose* the document (in C by ``CSafeLoader`` when libyaml is present) and convert the
node graph into this small tree: every value keeps its position, its text as written and whether it
was quoted, so that the typed loaders in :mod:`svccheck.formats.declare` decide what a value means
and can point at ``FILE:LINE:COL``. Other sources (spreadsheet cells, later) build the same tree
and get located errors the same way.
"""

from __future__ import annotations

import functools
import operator
import re
from enum import Enum
from functools import cache
from typing import NamedTuple

import yaml

from svccheck.core.errors import InvalidFileError, Problem
from svccheck.core.sanitize import excerpt

try:  # libyaml makes parsing several times faster; fall back cleanly where it is missing.
    from yaml._yaml import CParser as _Parser  # what CSafeLoader parses with

    _Base: type = yaml.CSafeLoader
    _LIBYAML = True
except (ImportError, AttributeError):  # pragma: no cover - depends on how PyYAML was built
    _Base, _LIBYAML = yaml.SafeLoader, False

# Tags already resolved, by (node class, text, implicit flags). Even the C loader asks PyYAML's
# Python resolver for every node, which tries its regular expressions each time; the same few
# texts (scores, n/a, item ids, keys) come back in every file of a bulk run. Resolution depends on
# nothing else, so a remembered tag is always right. The memo is functools' (in C: a tag already
# known costs no Python call), of so many tags at most, and forgotten after so much text was
# composed, so that hostile files cannot grow it: it holds at most that much text.
_TAGS_MAX = 20_000
_TAGS_TEXT = 4 * 1024 * 1024
_composed_since = 0  # characters composed since the memo was last forgotten
_resolved = functools.lru_cache(maxsize=_TAGS_MAX)(_Base("").resolve)


class Loader(_Base):  # type: ignore[misc]  # the base is chosen at run time
    """PyYAML's safe loader (libyaml's when present), with the resolution of tags memoised."""

    # The composer calls these two hooks around every node, through Python, to follow path
    # resolvers, which the safe loader never declares (so they return at once). Builtins that
    # take the same arguments and do nothing spare those calls: an eighth of composing an audit.
    if not getattr(_Base, "yaml_path_resolvers", True):
        descend_resolver = operator.is_  # (current node, index) -> ignored
        ascend_resolver = tuple  # () -> ignored

    resolve = staticmethod(_resolved)  # (node class, text, implicit flags) -> tag

    if _LIBYAML:

        def __init__(self, stream: str) -> None:
            # Composing needs libyaml's parser alone: nothing is constructed from the nodes and
            # the memo resolves tags, so the constructor's and the resolver's set-up are left
            # out (a twentieth of composing an audit).
            _Parser.__init__(self, stream)


# Limits against hostile documents: an alias bomb expands a few lines into billions of values,
# and very deep nesting exhausts the stack. Real rubrics and audits are far inside both. A file
# without aliases has fewer values than characters, so the value cap grows with the file's length.
MAX_VALUES = 200_000
MAX_DEPTH = 64


class Kind(Enum):
    """What YAML 1.1 (PyYAML's resolver) reads a scalar as; ``REFUSED`` was already reported."""

    STR = "text"
    INT = "integer"
    FLOAT = "number"
    BOOL = "boolean"
    NULL = "null"
    TIMESTAMP = "timestamp"
    REFUSED = "refused"


_KINDS = {
    "tag:yaml.org,2002:str": Kind.STR,
    "tag:yaml.org,2002:int": Kind.INT,
    "tag:yaml.org,2002:float": Kind.FLOAT,
    "tag:yaml.org,2002:bool": Kind.BOOL,
    "tag:yaml.org,2002:null": Kind.NULL,
    "tag:yaml.org,2002:timestamp": Kind.TIMESTAMP,
}


# Plain text that YAML 1.1 reads as a string but YAML 1.2 (editors) and JSON as a number: 1e3,
# 0o17, 0x1f. Such a value is given the editors' reading, so that both agree on what it is.
@cache
def _yaml12_number() -> re.Pattern[str]:
    return re.compile(
        r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)"
    )


NUMBER_START = frozenset("+-.0123456789")
# Every character such a number can hold. Text with any other (a period such as 2026-Q3, the
# commonest plain text to start with a digit) is no number, and the pattern above, 0.45 ms to
# compile, is compiled only for text that might be one (measured in benchmarks/).
_NUMBER_CHARACTERS = frozenset("+-.0123456789abcdefABCDEFoxinfINFaN")


class Scalar(NamedTuple):
    """One value: how YAML 1.1 reads it, its text (unquoted, escapes decoded) and position."""

    kind: Kind
    text: str
    plain: bool  # written without quotes: YAML 1.1 and 1.2 may read it differently
    line: int
    column: int


class Mapping(NamedTuple):
    """Key-value pairs in file order; of duplicate keys only the first is kept (and reported)."""

    entries: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int


class Sequence(NamedTuple):
    """A list of values in file order."""

    items: tuple[Node, ...]
    line: int
    column: int


Node = Scalar | Mapping | Sequence


def describe(node: Node) -> str:
    """A short description of a value for messages: its kind and, for scalars, an excerpt."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node.kind is Kind.NULL:
        return "nothing"
    text = node.text if len(node.text) <= 40 else node.text[:37] + "..."
    if node.kind is Kind.STR or not node.plain:
        return f"text {text!r}"
    return text


class Parsed(NamedTuple):
    """A parsed file: its tree (``None`` when empty) and the problems that did not stop reading."""

    root: Node | None
    problems: tuple[Problem, ...]


_SCALAR_NODE = yaml.ScalarNode
_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
_MAPPING_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Makes a named tuple without its Python-level __new__: one call less a value, where every
# value of a file passes (``new_tuple(Scalar, (kind, text, ...))``).
new_tuple = tuple.__new__


class _Converter:
    """Turns composed YAML nodes into the tree, noting problems and keeping within the limits."""

    def __init__(self, file: str, limit: int) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.count = 0
        self.limit = limit

    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, message))

    def refused(self, node: yaml.Node, message: str) -> Scalar:
        self.problem(node, message)
        mark = node.start_mark
        return Scalar(Kind.REFUSED, "", False, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, depth: int = 0) -> Node:
        if type(node) is _SCALAR_NODE:  # most values: checked first
            return self.scalar(node)
        self.count += 1
        if self.count > self.limit:
            raise _Refused(node, f"more than {self.limit} values (an alias bomb?)")
        if depth >= MAX_DEPTH:
            raise _Refused(node, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQUENCE_TAG:
                return self.refused(node, f"unsupported tag {node.tag!r}")
            return self.sequence(node, depth)
        if node.tag != _MAPPING_TAG:
            return self.refused(node, f"unsupported tag {node.tag!r}")
        return self.mapping(node, depth)

    def scalar(self, node: yaml.ScalarNode) -> Scalar:
        """A scalar, counted: how it is read (YAML 1.1's resolution, but numbers as YAML 1.2
        reads them), or refused for a tag of its own. Most values of a file are scalars, which
        the loops below bring here directly: one call a value."""
        self.count += 1
        if self.count > self.limit:
            raise _Refused(node, f"more than {self.limit} values (an alias bomb?)")
        kind = _KINDS.get(node.tag)
        text, plain = node.value, not node.style
        if (
            kind is Kind.STR
            and plain
            and text[:1] in NUMBER_START
            and _NUMBER_CHARACTERS.issuperset(text)
            and _yaml12_number().fullmatch(text)
        ):
            kind = Kind.FLOAT
        if kind is None:
            message = f"unsupported tag {node.tag!r} (only plain YAML values are allowed)"
            return self.refused(node, message)
        mark = node.start_mark
        return new_tuple(Scalar, (kind, text, plain, mark.line + 1, mark.column + 1))

    def sequence(self, node: yaml.SequenceNode, depth: int) -> Sequence:
        scalar, convert = self.scalar, self.convert
        items = tuple(
            [
                scalar(child) if type(child) is _SCALAR_NODE else convert(child, depth + 1)
                for child in node.value
            ]
        )
        mark = node.start_mark
        return new_tuple(Sequence, (items, mark.line + 1, mark.column + 1))

    def mapping(self, node: yaml.Node, depth: int) -> Mapping:
        entries: list[tuple[Scalar, Node]] = []
        first_line: dict[str, int] = {}
        scalar, convert, deeper = self.scalar, self.convert, depth + 1
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.problem(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            key = scalar(key_node) if type(key_node) is _SCALAR_NODE else convert(key_node, deeper)
            if not isinstance(key, Scalar):
                self.problem(key_node, "a key must be a plain value, not a list or mapping")
                continue
            if key.kind is Kind.REFUSED:
                continue
            # Keys are compared as the text JSON and editors see, so `1:` and `"1":` collide.
            if key.text in first_line:
                self.problem(
                    key_node,
                    f"duplicate key {excerpt(key.text)} (first at line {first_line[key.text]}); "
                    "YAML would silently keep only the last one",
                )
                continue
            first_line[key.text] = key.line
            value = (
                scalar(value_node)
                if type(value_node) is _SCALAR_NODE
                else convert(value_node, deeper)
            )
            entries.append((key, value))
        mark = node.start_mark
        return new_tuple(Mapping, (tuple(entries), mark.line + 1, mark.column + 1))


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def _syntax_problem(error: yaml.YAMLError, text: str, file: str) -> Problem:
    """The located message for YAML that cannot be parsed at all."""
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"control character U+{error.character:04X} is not allowed in YAML; inside double "
            "quotes write it as an escape such as \\e or \\x1b"
            if isinstance(error.character, int)
            else f"invalid YAML: {error.reason}"
        )
        return Problem(file, line, column, message)
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(file, 0, 0, f"invalid YAML: {error}")
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = error.problem or str(error)
    if error.context:
        message = f"{message} ({error.context})"
    if mark and _character_at(text, mark.line, mark.column) == "\t":
        message += "; YAML cannot indent with tabs: use spaces"
    elif mark:
        from svccheck.formats.yaml_hints import hint  # only for files that fail to parse

        found = hint(error.problem or "", error.context, text, mark.line)
        if found is not None:
            moved = "" if found.line == line else f" (where the parser stopped: line {line})"
            at = column if found.line == line else found.column
            return Problem(file, found.line, at,
                           f"invalid YAML: {message}; {found.text}{moved}")  # fmt: skip
    return Problem(file, line, column, f"invalid YAML: {message}")


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


class Composed(NamedTuple):
    """A composed YAML document: PyYAML's node graph (``None`` when empty) and the text's length,
    which sets the limit on the number of values."""

    root: yaml.Node | None
    length: int


def compose(text: str, file: str) -> Composed:
    """Compose one YAML document into PyYAML's nodes; unparsable YAML raises
    :class:`InvalidFileError`. Fast readers walk these nodes directly; :func:`convert` turns
    them into the tree."""
    global _composed_since
    text = text.removeprefix("\ufeff")
    _composed_since += len(text)
    if _composed_since > _TAGS_TEXT:
        _resolved.cache_clear()
        _composed_since = len(text)
    try:
        root = yaml.compose(text, Loader=Loader)
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise InvalidFileError(
            [Problem(file, 0, 0, "document refused: nested too deeply")]
        ) from None
    except yaml.YAMLError as error:
        raise InvalidFileError([_syntax_problem(error, text, file)]) from None
    return Composed(root, len(text))


def convert(composed: Composed, file: str) -> Parsed:
    """The tree of a composed document; one over the limits raises :class:`InvalidFileError`."""
    if composed.root is None:
        return Parsed(None, ())
    converter = _Converter(file, MAX_VALUES + composed.length)
    try:
        tree = converter.convert(composed.root)
    except _Refused as error:
        mark = error.node.start_mark
        problem = Problem(file, mark.line + 1, mark.column + 1, f"document refused: {error}")
        raise InvalidFileError([problem]) from None
    return Parsed(tree, tuple(converter.problems))


def parse(text: str, file: str) -> Parsed:
    """Parse one YAML document into the tree.

    YAML that cannot be parsed, or a document over the limits, raises :class:`InvalidFileError`;
    other problems (duplicate keys, tags, merge keys) are returned with the tree, so that a loader
    can report them together with its own.
    """
    return convert(compose(text, file), file)
