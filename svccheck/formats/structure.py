"""Declaring the structure of a file format: lists, mappings, records with known keys, formats.

The scalar readers are in :mod:`svccheck.formats.declare`; these combine them. A :class:`Format` is
a whole file: its kind, the format versions this svccheck reads, and the record at its top.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence as Seq
from dataclasses import field
from typing import Any, NamedTuple

from svccheck.core.errors import Problem, Rule, did_you_mean
from svccheck.core.record import record
from svccheck.core.sanitize import excerpt
from svccheck.formats.declare import (
    DRAFT,
    INVALID,
    JSON,
    Context,
    Invalid,
    Path,
    Reader,
    Text,
    path_name,
    refused,
    wrong,
)
from svccheck.formats.numbers import version_number
from svccheck.formats.tree import (
    Kind,
    Mapping,
    Node,
    Parsed,
    Scalar,
    Sequence,
    describe,
    new_tuple,
)


@record
class ListOf:
    """A list of values all read by ``item``, at least ``min_items`` long."""

    item: Reader[Any]
    min_items: int = 0

    def read(self, node: Node, path: Path, context: Context) -> tuple[Any, ...] | Invalid:
        if not isinstance(node, Sequence):
            return INVALID if refused(node) else wrong(node, path, "a list", context)
        if len(node.items) < self.min_items:
            message = f"expected at least {self.min_items} entries, got {len(node.items)}"
            context.problem(node, f"{path_name(path)}: {message}")
        # Entries with a problem are left out: the file is refused anyway, but the cross-field
        # checks still see every valid entry, so that every problem is reported in one run.
        values = (self.item.read(entry, (*path, i), context) for i, entry in enumerate(node.items))
        return tuple(value for value in values if value is not INVALID)

    def schema(self) -> JSON:
        result: JSON = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            result["minItems"] = self.min_items
        return result


class Entry(NamedTuple):
    """One key-value pair read from a mapping, with the nodes to point at."""

    key: str
    value: Any
    key_node: Scalar
    node: Node


@record
class MapOf:
    """A mapping whose keys ``key`` reads (as text, as JSON sees them) to values ``value`` reads."""

    key: Text
    value: Reader[Any]

    def read(self, node: Node, path: Path, context: Context) -> tuple[Entry, ...] | Invalid:
        if not isinstance(node, Mapping):
            return INVALID if refused(node) else wrong(node, path, "a mapping", context)
        entries = []
        matches, read = self.key.matches, self.value.read  # once, not once an entry
        for key_node, value_node in node.entries:
            key = key_node.text
            if not matches(key):
                message = f"key {excerpt(key)} is not {self.key.description}"
                context.problem(key_node, f"{path_name(path)}: {message}")
                continue
            value = read(value_node, (*path, key), context)
            if value is not INVALID:
                entries.append(new_tuple(Entry, (key, value, key_node, value_node)))
        return tuple(entries)

    def schema(self) -> JSON:
        names = {"pattern": self.key.schema()["pattern"]}
        return {
            "type": "object",
            "propertyNames": names,
            "additionalProperties": self.value.schema(),
        }


def needs_version(node: Node, path: Path, since: int, context: Context) -> None:
    """Note that what ``node`` holds was added in format version ``since``; the file must say so.

    A cross-field rule (it relates the key to ``svccheck:``), which the JSON Schema leaves out.
    """
    message = (
        f"{path_name(path)}: needs 'svccheck: {since}' or later at the top of the file "
        f"(it says {context.version})"
    )
    context.problem(node, message, Rule.CROSS_FIELD)


@record
class Field:
    """One key of a :class:`Record`; ``since`` is the format version that introduced it."""

    key: str
    reader: Reader[Any]
    required: bool = False
    since: int = 1
    description: str = ""


ReadValue = Callable[[Node, Path, Context], Any]


class Fields(NamedTuple):
    """What a :class:`Record` read: the valid values by key, and the nodes to point at."""

    values: dict[str, Any]
    nodes: dict[str, Node]
    node: Mapping

    def at(self, key: str) -> Node:
        """The node of ``key``'s value, or the mapping when the key is absent."""
        return self.nodes.get(key, self.node)


@record
class Record:
    """A mapping with known keys; unknown keys are errors, with the closest key suggested."""

    fields: tuple[Field, ...]
    description: str = "a mapping"
    _by_key: dict[str, Field] = field(init=False, repr=False, compare=False)
    _required: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # Each key's version and its reader's read, looked up once a key (answers in bulk runs).
    _reads: dict[str, tuple[int, ReadValue]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})
        object.__setattr__(self, "_required", tuple(f.key for f in self.fields if f.required))
        object.__setattr__(self, "_reads", {f.key: (f.since, f.reader.read) for f in self.fields})

    def read(self, node: Node, path: Path, context: Context) -> Fields | Invalid:
        if not isinstance(node, Mapping):
            return INVALID if refused(node) else wrong(node, path, self.description, context)
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        reads, version = self._reads, context.version  # once, not once a key
        for key_node, value_node in node.entries:
            key = key_node.text
            declared = reads.get(key)
            if declared is None:
                context.problem(key_node, self._unknown(path, key_node, value_node))
                continue
            since, read = declared
            nodes[key] = value_node
            if since > version:
                needs_version(key_node, (*path, key), since, context)
                continue
            value = read(value_node, (*path, key), context)
            if value is not INVALID:
                values[key] = value
        for key in self._required:
            if key not in nodes:
                context.problem(node, f"{path_name(path)}: missing required key '{key}'")
        return new_tuple(Fields, (values, nodes, node))

    def _unknown(self, path: Path, key: Scalar, value: Node) -> str:
        hint = did_you_mean(key.text, list(self._by_key))
        if not hint and isinstance(value, Scalar) and value.kind is Kind.NULL:
            hint = " (a comma inside {...} starts a new key: put text with commas in quotes)"
        return f"{path_name(path)}: unknown key {excerpt(key.text)}{hint}"

    def schema(self) -> JSON:
        properties = {}
        for declared in self.fields:
            schema = declared.reader.schema()
            if declared.description:
                schema = {**schema, "description": declared.description}
            properties[declared.key] = schema
        result: JSON = {"type": "object"}
        required = [declared.key for declared in self.fields if declared.required]
        if required:
            result["required"] = required
        return {**result, "additionalProperties": False, "properties": properties}


VERSION_KEY = "svccheck"
KIND_KEY = "kind"


@record
class Format:
    """A whole file format: its kind, the versions this svccheck reads, and its top record."""

    kind: str
    noun: str  # "a rubric": for "expected a rubric (a mapping), got a list"
    record: Record
    versions: Seq[int] = (1,)

    def read(self, parsed: Parsed, file: str) -> tuple[Fields | None, Context]:
        """Read a parsed file; the problems are in the context, none raised yet."""
        context = Context(file)
        context.problems.extend(parsed.problems)
        root = parsed.root
        if not isinstance(root, Mapping):
            got = "an empty file" if root is None else describe(root)
            where = (0, 0) if root is None else (root.line, root.column)
            context.problems.append(
                Problem(file, *where, f"expected {self.noun} (a mapping), got {got}")
            )
            return None, context
        context.version = self._version(root, context)
        fields = self.record.read(root, (), context)
        return (fields if isinstance(fields, Fields) else None), context

    def _version(self, root: Mapping, context: Context) -> int:
        node = next((value for key, value in root.entries if key.text == VERSION_KEY), None)
        if node is None:
            return self.versions[0]
        version = version_number(node) if isinstance(node, Scalar) else None
        # One this svccheck does not know is reported by the record's Version reader.
        return version if version is not None and version in self.versions else max(self.versions)

    def lowest_version(self, keys: Seq[str]) -> int:
        """The lowest format version that holds a file using ``keys`` (what writers declare)."""
        since = {declared.key: declared.since for declared in self.record.fields}
        return max([self.versions[0], *(since.get(key, 1) for key in keys)])

    def schema(self) -> JSON:
        """The JSON Schema of the whole format."""
        return {"$schema": DRAFT, "title": f"svccheck {self.kind}", **self.record.schema()}
