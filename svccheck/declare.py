"""Declaring a file format once: its typed loader, its located errors and its JSON Schema.

A format is a tree of *readers* (:class:`Text`, :class:`Integer`, :class:`Record`, ...). Each one
reads a node of the positioned tree (:mod:`svccheck.tree`), notes every problem it finds with the
node's position and carries on, and describes itself as JSON Schema. The loader and the exported
schema therefore cannot drift apart; the rules a schema cannot state (unique ids, a label for every
scale point, scores inside a rubric's scale) are checked by the format modules and marked
:attr:`Rule.CROSS_FIELD`.

Values are read as JSON and YAML 1.2 editors see them, and a plain value that YAML 1.1 (PyYAML)
reads differently (``yes``, ``on``, ``010``) is refused with a hint to quote it, so that svccheck
and the editor never disagree silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence as Seq
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, Protocol, TypeVar

from svccheck.errors import InvalidFileError, Problem, Rule, did_you_mean
from svccheck.tree import Kind, Mapping, Node, Parsed, Scalar, Sequence, describe

JSON = dict[str, Any]
Path = tuple[str | int, ...]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
T_co = TypeVar("T_co", covariant=True)


class Invalid:
    """The result of reading a value that has a problem (already noted)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = Invalid()

_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
# Numbers as JSON and YAML 1.2 write them; YAML 1.1 also has 1_000, 1:30 and 0x1f.
_NUMBER = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NONBLANK = re.compile(r"\S")
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}
MAX_DIGITS = 18  # int() refuses over 4300 digits; no count in a rubric or audit needs 19


def path_name(path: Path) -> str:
    """``("sections", 0, "items", 2, "weight")`` -> ``sections[0].items[2].weight``."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the document"


class Context:
    """Reading one file: its name, the format version it declares, and every problem found."""

    def __init__(self, file: str, version: int = 1) -> None:
        self.file = file
        self.version = version
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str, rule: Rule = Rule.FORMAT) -> Invalid:
        """Note a problem at ``node``; returns :data:`INVALID` for the reader to return."""
        self.problems.append(Problem(self.file, node.line, node.column, message, rule))
        return INVALID

    def raise_if_any(self) -> None:
        """Raise :class:`InvalidFileError` with every problem noted, if there is one."""
        if self.problems:
            raise InvalidFileError(self.problems)


class Reader(Protocol[T_co]):
    """Reads one kind of value from a node, or notes why it cannot and returns INVALID."""

    def read(self, node: Node, path: Path, context: Context) -> T_co | Invalid:
        """The value at ``node``, or :data:`INVALID` after noting the problem."""
        ...

    def schema(self) -> JSON:
        """This reader as JSON Schema."""
        ...


def _hint(node: Node, text_expected: bool) -> str:
    """Why a plain value is not what it looks like, or an empty string."""
    if not isinstance(node, Scalar) or not node.plain:
        return ""
    if node.kind is Kind.BOOL and node.text.lower() in _YAML11_BOOLEANS:
        return (
            f"; YAML 1.1 reads {node.text} as true/false but editors (YAML 1.2) as text: "
            "put it in quotes"
        )
    if text_expected and node.kind in (Kind.INT, Kind.FLOAT, Kind.BOOL):
        return "; put it in quotes if it is meant as text"
    return ""


def wrong(
    node: Node, path: Path, expected: str, context: Context, *, text_expected: bool = False
) -> Invalid:
    """Note that ``node`` is not what was expected."""
    hint = _hint(node, text_expected)
    return context.problem(
        node, f"{path_name(path)}: expected {expected}, got {describe(node)}{hint}"
    )


@dataclass(frozen=True)
class Text:
    """Text; ``pattern`` (a regular expression valid in Python and ECMA-262) must match it all."""

    description: str = "text"
    pattern: str | None = None
    blank: bool = False
    date: bool = False  # also a real calendar date (JSON Schema's "format": "date")

    @cached_property
    def _compiled(self) -> re.Pattern[str] | None:
        return re.compile(self.pattern) if self.pattern else None

    def matches(self, text: str) -> bool:
        """Whether ``text`` is valid here (used for mapping keys, which are text in JSON)."""
        if not self.blank and not _NONBLANK.search(text):
            return False
        if self._compiled is not None and not self._compiled.fullmatch(text):
            return False
        return not self.date or _is_date(text)

    def read(self, node: Node, path: Path, context: Context) -> str | Invalid:
        # A YAML 1.1 timestamp is text in YAML 1.2 and in JSON: keep the text as written.
        if not isinstance(node, Scalar) or node.kind not in (Kind.STR, Kind.TIMESTAMP):
            if isinstance(node, Scalar) and node.kind is Kind.REFUSED:
                return INVALID
            return wrong(node, path, self.description, context, text_expected=True)
        if not self.blank and not _NONBLANK.search(node.text):
            return context.problem(node, f"{path_name(path)}: must not be empty")
        if not self.matches(node.text):
            return wrong(node, path, self.description, context)
        return node.text

    def schema(self) -> JSON:
        result: JSON = {"type": "string"}
        if self.pattern:
            result["pattern"] = f"^(?:{self.pattern})$"
        elif not self.blank:
            result["pattern"] = _NONBLANK.pattern
        if self.date:
            result["format"] = "date"
        if self.description != "text":
            result["description"] = self.description
        return result


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Either:
    """Text that one of several :class:`Text` readers accepts (a period: a quarter or a date)."""

    description: str
    options: tuple[Text, ...]

    def matches(self, text: str) -> bool:
        """Whether one of the options accepts ``text``."""
        return any(option.matches(text) for option in self.options)

    def read(self, node: Node, path: Path, context: Context) -> str | Invalid:
        text = Text(self.description, blank=True).read(node, path, context)
        if isinstance(text, Invalid) or self.matches(text):
            return text
        return wrong(node, path, self.description, context)

    def schema(self) -> JSON:
        options = [option.schema() for option in self.options]
        return {"anyOf": options, "description": self.description}


def _read_integer(node: Scalar, path: Path, context: Context, expected: str) -> int | Invalid:
    """An integer as JSON reads it: plain decimal digits, or a number with no fraction."""
    if node.kind is Kind.FLOAT:
        number = _read_number(node, path, context)
        if isinstance(number, Invalid):
            return INVALID
        return int(number) if number.is_integer() else wrong(node, path, expected, context)
    if not _INTEGER.fullmatch(node.text):
        message = f"{path_name(path)}: write {node.text!r} as a plain decimal number"
        if node.text.lstrip("+-").startswith("0") and node.text.lstrip("+-0").isdigit():
            message += " (YAML 1.1 reads a leading 0 as octal, YAML 1.2 as decimal)"
        return context.problem(node, message)
    if len(node.text.lstrip("+-")) > MAX_DIGITS:
        return context.problem(node, f"{path_name(path)}: {describe(node)} is too large")
    return int(node.text)


def _read_number(node: Scalar, path: Path, context: Context) -> float | Invalid:
    if node.kind is Kind.INT:
        value = _read_integer(node, path, context, "a number")
        return value if isinstance(value, Invalid) else float(value)
    if not _NUMBER.fullmatch(node.text):
        return context.problem(node, f"{path_name(path)}: must be a finite number, got {node.text}")
    number = float(node.text)
    if not math.isfinite(number):
        return context.problem(node, f"{path_name(path)}: {describe(node)} is too large")
    return number


@dataclass(frozen=True)
class Integer:
    """A whole number between ``minimum`` and ``maximum``; ``3.0`` is 3, as in JSON Schema."""

    minimum: int
    maximum: int
    description: str = "a whole number"

    def read(self, node: Node, path: Path, context: Context) -> int | Invalid:
        if not isinstance(node, Scalar) or node.kind not in (Kind.INT, Kind.FLOAT):
            return INVALID if _refused(node) else wrong(node, path, self.description, context)
        value = _read_integer(node, path, context, self.description)
        if isinstance(value, Invalid):
            return INVALID
        return _bounded(value, node, path, context, self.minimum, self.maximum)

    def schema(self) -> JSON:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@dataclass(frozen=True)
class Number:
    """A finite number, at least ``minimum`` (or above ``above``) and at most ``maximum``."""

    maximum: float
    minimum: float | None = None
    above: float | None = None
    description: str = "a number"

    def read(self, node: Node, path: Path, context: Context) -> float | Invalid:
        if not isinstance(node, Scalar) or node.kind not in (Kind.INT, Kind.FLOAT):
            return INVALID if _refused(node) else wrong(node, path, self.description, context)
        value = _read_number(node, path, context)
        if isinstance(value, Invalid):
            return INVALID
        name = path_name(path)
        if self.above is not None and value <= self.above:
            return context.problem(
                node, f"{name}: must be greater than {self.above:g}, got {node.text}"
            )
        return _bounded(value, node, path, context, self.minimum, self.maximum)

    def schema(self) -> JSON:
        result: JSON = {"type": "number", "maximum": self.maximum}
        if self.minimum is not None:
            result["minimum"] = self.minimum
        if self.above is not None:
            result["exclusiveMinimum"] = self.above
        return result


_N = TypeVar("_N", int, float)


def _bounded(
    value: _N, node: Scalar, path: Path, context: Context, low: float | None, high: float | None
) -> _N | Invalid:
    if low is not None and value < low:
        return context.problem(
            node, f"{path_name(path)}: must be at least {low:g}, got {node.text}"
        )
    if high is not None and value > high:
        return context.problem(
            node, f"{path_name(path)}: must be at most {high:g}, got {node.text}"
        )
    return value


def _plain_integer(node: Scalar) -> int | None:
    """The value of a plain decimal integer of at most MAX_DIGITS digits, else ``None``."""
    if _INTEGER.fullmatch(node.text) and len(node.text) <= MAX_DIGITS:
        return int(node.text)
    return None


def _refused(node: Node) -> bool:
    return isinstance(node, Scalar) and node.kind is Kind.REFUSED


@dataclass(frozen=True)
class OneOf:
    """Exactly one of a few values (``svccheck: 1``, ``kind: audit``)."""

    values: tuple[int | str, ...]
    description: str

    def read(self, node: Node, path: Path, context: Context) -> int | str | Invalid:
        if isinstance(node, Scalar):
            if node.kind is Kind.STR and node.text in self.values:
                return node.text
            if node.kind is Kind.INT and _plain_integer(node) in self.values:
                return int(node.text)
        return INVALID if _refused(node) else wrong(node, path, self.description, context)

    def schema(self) -> JSON:
        return {"enum": list(self.values), "description": self.description}


@dataclass(frozen=True)
class Version:
    """The format version a file declares (``svccheck: 1``): one this svccheck knows."""

    versions: tuple[int, ...]

    def read(self, node: Node, path: Path, context: Context) -> int | Invalid:
        if not isinstance(node, Scalar) or node.kind is not Kind.INT:
            return INVALID if _refused(node) else wrong(node, path, "a format version", context)
        version = _plain_integer(node)
        if version in self.versions:
            return version
        known = ", ".join(str(version) for version in self.versions)
        return context.problem(
            node,
            f"{path_name(path)}: format version {describe(node)} is not one this svccheck reads "
            f"({known}); was the file written by a newer svccheck?",
        )

    def schema(self) -> JSON:
        return {"enum": list(self.versions), "description": "the file format version"}


@dataclass(frozen=True)
class Nullable:
    """Nothing (``~``, ``null`` or no value at all) or what ``inner`` reads."""

    inner: Reader[Any]

    def read(self, node: Node, path: Path, context: Context) -> Any:
        if isinstance(node, Scalar) and node.kind is Kind.NULL:
            return None
        return self.inner.read(node, path, context)

    def schema(self) -> JSON:
        inner = self.inner.schema()
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        if "anyOf" in inner:  # one level of options reads better in editors' messages
            return {**inner, "anyOf": [*inner["anyOf"], {"type": "null"}]}
        return {"anyOf": [inner, {"type": "null"}]}


@dataclass(frozen=True)
class ListOf:
    """A list of values all read by ``item``, at least ``min_items`` long."""

    item: Reader[Any]
    min_items: int = 0

    def read(self, node: Node, path: Path, context: Context) -> tuple[Any, ...] | Invalid:
        if not isinstance(node, Sequence):
            return INVALID if _refused(node) else wrong(node, path, "a list", context)
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


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys ``key`` reads (as text, as JSON sees them) to values ``value`` reads."""

    key: Text
    value: Reader[Any]

    def read(self, node: Node, path: Path, context: Context) -> tuple[Entry, ...] | Invalid:
        if not isinstance(node, Mapping):
            return INVALID if _refused(node) else wrong(node, path, "a mapping", context)
        entries = []
        for key_node, value_node in node.entries:
            where = (*path, key_node.text)
            if not self.key.matches(key_node.text):
                message = f"key {key_node.text!r} is not {self.key.description}"
                context.problem(key_node, f"{path_name(path)}: {message}")
                continue
            value = self.value.read(value_node, where, context)
            if value is not INVALID:
                entries.append(Entry(key_node.text, value, key_node, value_node))
        return tuple(entries)

    def schema(self) -> JSON:
        names = {"pattern": self.key.schema()["pattern"]}
        return {
            "type": "object",
            "propertyNames": names,
            "additionalProperties": self.value.schema(),
        }


@dataclass(frozen=True)
class Field:
    """One key of a :class:`Record`; ``since`` is the format version that introduced it."""

    key: str
    reader: Reader[Any]
    required: bool = False
    since: int = 1
    description: str = ""


class Fields(NamedTuple):
    """What a :class:`Record` read: the valid values by key, and the nodes to point at."""

    values: dict[str, Any]
    nodes: dict[str, Node]
    node: Mapping

    def at(self, key: str) -> Node:
        """The node of ``key``'s value, or the mapping when the key is absent."""
        return self.nodes.get(key, self.node)


@dataclass(frozen=True)
class Record:
    """A mapping with known keys; unknown keys are errors, with the closest key suggested."""

    fields: tuple[Field, ...]
    description: str = "a mapping"
    _by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {f.key: f for f in self.fields})

    def read(self, node: Node, path: Path, context: Context) -> Fields | Invalid:
        if not isinstance(node, Mapping):
            return INVALID if _refused(node) else wrong(node, path, self.description, context)
        fields = Fields({}, {}, node)
        for key_node, value_node in node.entries:
            declared = self._by_key.get(key_node.text)
            if declared is None:
                context.problem(key_node, self._unknown(path, key_node, value_node))
                continue
            fields.nodes[declared.key] = value_node
            if declared.since > context.version:
                message = (
                    f"{path_name((*path, declared.key))}: needs 'svccheck: {declared.since}' "
                    f"or later at the top of the file (it says {context.version})"
                )
                context.problem(key_node, message)
                continue
            value = declared.reader.read(value_node, (*path, declared.key), context)
            if value is not INVALID:
                fields.values[declared.key] = value
        for declared in self.fields:
            if declared.required and declared.key not in fields.nodes:
                context.problem(node, f"{path_name(path)}: missing required key '{declared.key}'")
        return fields

    def _unknown(self, path: Path, key: Scalar, value: Node) -> str:
        hint = did_you_mean(key.text, list(self._by_key))
        if not hint and isinstance(value, Scalar) and value.kind is Kind.NULL:
            hint = " (a comma inside {...} starts a new key: put text with commas in quotes)"
        return f"{path_name(path)}: unknown key {key.text!r}{hint}"

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


@dataclass(frozen=True)
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
        version = _plain_integer(node) if isinstance(node, Scalar) else None
        # One this svccheck does not know is reported by the record's Version reader.
        return version if version is not None and version in self.versions else max(self.versions)

    def lowest_version(self, keys: Seq[str]) -> int:
        """The lowest format version that holds a file using ``keys`` (what writers declare)."""
        since = {declared.key: declared.since for declared in self.record.fields}
        return max([self.versions[0], *(since.get(key, 1) for key in keys)])

    def schema(self) -> JSON:
        """The JSON Schema of the whole format."""
        return {"$schema": DRAFT, "title": f"svccheck {self.kind}", **self.record.schema()}
