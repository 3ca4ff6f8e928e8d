"""Declaring a file format once: its typed loader, its located errors and its JSON Schema.

A format is a tree of *readers*: the scalar ones here (:class:`Text`, :class:`OneOf`, ...) and in
:mod:`svccheck.formats.numbers`, and lists, mappings and records in
:mod:`svccheck.formats.structure`. Each one reads a node of the
positioned tree (:mod:`svccheck.formats.tree`), notes every problem it finds with the node's
position and carries on, and describes itself as JSON Schema. The loader and the exported schema
therefore cannot drift apart; the rules a schema cannot state (unique ids, a label for every scale
point, scores inside a rubric's scale) are checked by the format modules and marked
:attr:`Rule.CROSS_FIELD`.

Values are read as JSON and YAML 1.2 editors see them, and a plain value that YAML 1.1 (PyYAML)
reads differently (``yes``, ``on``, ``010``) is refused with a hint to quote it, so that svccheck
and the editor never disagree silently.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Protocol, TypeVar

from svccheck.core.errors import InvalidFileError, Problem, Rule
from svccheck.core.record import record
from svccheck.formats.tree import Kind, Node, Scalar, describe

JSON = dict[str, Any]
Path = tuple[str | int, ...]
DRAFT = "https://json-schema.org/draft/2020-12/schema"
T_co = TypeVar("T_co", covariant=True)


class Invalid:
    """The result of reading a value that has a problem (already noted)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = Invalid()

PLAIN_INTEGER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
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


@record
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
        known = self._known.get(text)
        if known is None:  # the same ids come back in every audit of a bulk run
            known = self._matches(text)
            if len(self._known) < 10_000:
                self._known[text] = known
        return known

    @cached_property
    def _known(self) -> dict[str, bool]:
        return {}

    def _matches(self, text: str) -> bool:
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
        text = node.text
        if not self.blank and not _NONBLANK.search(text):
            return context.problem(node, f"{path_name(path)}: must not be empty")
        # Not blank, or allowed to be: only a pattern or a date is left to check (plain text,
        # most of a rubric, needs neither).
        if (self.pattern or self.date) and not self.matches(text):
            return wrong(node, path, self.description, context)
        return text

    def schema(self) -> JSON:
        # errorMessage and patternErrorMessage are what YAML language servers show instead of
        # "does not match ^(?:...)$"; other validators ignore them.
        result: JSON = {"type": "string"}
        if self.pattern:
            result["pattern"] = f"^(?:{self.pattern})$"
            result["patternErrorMessage"] = f"expected {self.description}"
        elif not self.blank:
            result["pattern"] = _NONBLANK.pattern
            result["patternErrorMessage"] = "must not be empty"
        if self.date:
            result["format"] = "date"
            result["errorMessage"] = f"expected {self.description}"
        if self.description != "text":
            result["description"] = self.description
        return result


# The ids of rubrics, sections and items, wherever a file names one (rubric, audit, plan).
KEBAB_ID = Text("a kebab-case id", r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _is_date(text: str) -> bool:
    import datetime

    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


@record
class Either:
    """Text that one of several :class:`Text` readers accepts (a period: a quarter or a date)."""

    description: str
    options: tuple[Text, ...]

    def matches(self, text: str) -> bool:
        """Whether one of the options accepts ``text``."""
        return any(option.matches(text) for option in self.options)

    @cached_property
    def _text(self) -> Text:
        """Any text, described as the whole (made once: every dated answer asks)."""
        return Text(self.description, blank=True)

    def read(self, node: Node, path: Path, context: Context) -> str | Invalid:
        text = self._text.read(node, path, context)
        if isinstance(text, Invalid) or self.matches(text):
            return text
        return wrong(node, path, self.description, context)

    def schema(self) -> JSON:
        # Every option speaks of the whole (a period), not of itself (a quarter or a month).
        expected = f"expected {self.description}"
        options = [
            {**option.schema(), "patternErrorMessage": expected, "errorMessage": expected}
            for option in self.options
        ]
        return {"anyOf": options, "description": self.description, "errorMessage": expected}


def plain_integer(node: Scalar) -> int | None:
    """The value of a plain decimal integer of at most MAX_DIGITS digits, else ``None``."""
    if PLAIN_INTEGER.fullmatch(node.text) and len(node.text) <= MAX_DIGITS:
        return int(node.text)
    return None


def refused(node: Node) -> bool:
    return isinstance(node, Scalar) and node.kind is Kind.REFUSED


@record
class OneOf:
    """Exactly one of a few values (``svccheck: 1``, ``kind: audit``)."""

    values: tuple[int | str, ...]
    description: str

    def read(self, node: Node, path: Path, context: Context) -> int | str | Invalid:
        if isinstance(node, Scalar):
            if node.kind is Kind.STR and node.text in self.values:
                return node.text
            if node.kind is Kind.INT and plain_integer(node) in self.values:
                return int(node.text)
        return INVALID if refused(node) else wrong(node, path, self.description, context)

    def schema(self) -> JSON:
        return {"enum": list(self.values), "description": self.description}


@record
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
