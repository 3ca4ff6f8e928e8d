"""Check a loaded YAML document against one of our JSON Schemas, with located messages.

A deliberately small interpreter for the subset of JSON Schema that :mod:`svccheck.schemas` uses
(type, const, pattern, minLength, minimum/maximum/exclusiveMinimum, required, properties,
additionalProperties, propertyNames, items, minItems, anyOf). A full validator would cost start-up
time and give messages about schema internals; this one speaks about the user's file.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from svccheck import yamlio
from svccheck.errors import InvalidFileError, Problem, did_you_mean
from svccheck.yamlio import Document, Path

_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def describe(value: Any) -> str:
    """A short description of a value for messages: its kind and, for scalars, the value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    return (
        f"{type(value).__name__} {value!r}" if not isinstance(value, int | float) else repr(value)
    )


def path_name(path: Path) -> str:
    """``("sections", 0, "items", 2, "weight")`` -> ``sections[0].items[2].weight``."""
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the document"


def _expected(schema: dict[str, Any]) -> str:
    if "description" in schema:
        return str(schema["description"])
    kinds = schema.get("type")
    if isinstance(kinds, list):
        return " or ".join(_TYPE_WORDS[k] for k in kinds)
    if kinds:
        return _TYPE_WORDS[kinds]
    if "const" in schema:
        return repr(schema["const"])
    return "another value"


_FITS: dict[tuple[int, type, Any], bool] = {}
_PLAIN_TYPES = (int, str, type(None), bool, float)


class _Mismatch(Exception):
    """Raised by a probing checker at the first problem: only the yes/no answer matters."""


class _Checker:
    def __init__(self, document: Document, *, probing: bool = False) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.probing = probing

    def fail(self, path: Path, message: str | Callable[[], str], *, key: bool = False) -> None:
        # Probing anyOf options fails often: it stops at the first problem, and the messages of
        # the common mismatches are passed as callables, built only when really reported.
        if self.probing:
            raise _Mismatch
        text = message if isinstance(message, str) else message()
        self.problems.append(self.document.at(path, text, key=key))

    def mismatch(self, path: Path, value: Any, schema: dict[str, Any]) -> None:
        self.fail(
            path, lambda: f"{path_name(path)}: expected {_expected(schema)}, got {describe(value)}"
        )

    def matches(self, value: Any, schema: dict[str, Any]) -> bool:
        # Whether a plain value fits depends only on the value and the schema: remember it.
        # Answers repeat the same few scores thousands of times in a bulk run.
        kind = type(value)
        key = (id(schema), kind, value) if kind in _PLAIN_TYPES else None
        if key is not None:
            known = _FITS.get(key)
            if known is not None:
                return known
        probe = _Checker(self.document, probing=True)
        if "anyOf" in schema:
            shape = _kind(value)
            fits = any(
                probe.matches(value, option)
                for option in schema["anyOf"]
                if _accepts(_kinds(option), shape)  # skip options of another shape unprobed
            )
        else:
            try:
                probe.check(value, schema, ())
                fits = True
            except _Mismatch:
                fits = False
        if key is not None and len(_FITS) < 10_000 and len(str(value)) < 64:
            _FITS[key] = fits
        return fits

    def check(self, value: Any, schema: dict[str, Any], path: Path) -> None:
        if "anyOf" in schema:
            options = schema["anyOf"]
            if self.matches(value, schema):
                return  # a fitting option has nothing to report
            # Report inside the option of the same shape (a mapping for a mapping), if any.
            for option in options:
                if option.get("type") == "object" and isinstance(value, dict):
                    self.check(value, option, path)
                    return
            self.mismatch(path, value, schema)
            return
        if "type" in schema and not _accepts(_kinds(schema), _kind(value)):
            self.mismatch(path, value, schema)
            return
        if "const" in schema and value != schema["const"]:
            self.mismatch(path, value, schema)
            return
        if isinstance(value, str | _dt.date) and not isinstance(value, bool):
            self.check_text(str(value) if isinstance(value, _dt.date) else value, schema, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.check_number(value, schema, path)
        elif isinstance(value, dict):
            self.check_mapping(value, schema, path)
        elif isinstance(value, list):
            least = schema.get("minItems", 0)
            if len(value) < least:
                self.fail(
                    path,
                    lambda: (
                        f"{path_name(path)}: expected at least {least} entries, got {len(value)}"
                    ),
                )
            if "items" in schema:
                for index, entry in enumerate(value):
                    self.check(entry, schema["items"], (*path, index))

    def check_text(self, value: str, schema: dict[str, Any], path: Path) -> None:
        if len(value.strip()) < schema.get("minLength", 0):
            self.fail(path, f"{path_name(path)}: must not be empty")
        elif "pattern" in schema and not _pattern(schema["pattern"]).search(value):
            self.mismatch(path, value, schema)

    def check_number(self, value: float, schema: dict[str, Any], path: Path) -> None:
        where = path_name(path) if not self.probing else ""
        if "minimum" in schema and value < schema["minimum"]:
            self.fail(path, f"{where}: must be at least {schema['minimum']}, got {value}")
        elif "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            self.fail(
                path, f"{where}: must be greater than {schema['exclusiveMinimum']}, got {value}"
            )
        elif "maximum" in schema and value > schema["maximum"]:
            self.fail(path, f"{where}: must be at most {schema['maximum']}, got {value}")

    def check_mapping(self, value: dict[Any, Any], schema: dict[str, Any], path: Path) -> None:
        properties: dict[str, Any] = schema.get("properties", {})
        for required in schema.get("required", ()):
            if required not in value:
                self.fail(path, f"{path_name(path)}: missing required key '{required}'")
        extra = schema.get("additionalProperties", True)
        names: dict[str, Any] = schema.get("propertyNames", {})
        name_pattern = _pattern(names["pattern"]) if names else None
        for key, entry in value.items():
            # Bulk runs check thousands of answers that look alike: skip known-good plain values.
            if (
                key not in properties
                and isinstance(extra, dict)
                and type(entry) in _PLAIN_TYPES
                and _FITS.get((id(extra), type(entry), entry))
                and (name_pattern is None or name_pattern.search(str(key)))
            ):
                continue
            where = (*path, key)
            if name_pattern is not None and not name_pattern.search(str(key)):
                self.fail(
                    where,
                    f"{path_name(path)}: key {key!r} is not {_expected(names)}",
                    key=True,
                )
                continue
            if key in properties:
                self.check(entry, properties[key], where)
            elif extra is False:
                self.fail(where, self.unknown_key(path, key, entry, properties), key=True)
            elif isinstance(extra, dict):
                self.check(entry, extra, where)

    @staticmethod
    def unknown_key(path: Path, key: Any, entry: Any, properties: dict[str, Any]) -> str:
        hint = did_you_mean(str(key), list(properties))
        if not hint and entry is None:
            hint = " (a comma inside {...} starts a new key: put text with commas in quotes)"
        return f"{path_name(path)}: unknown key {key!r}{hint}"


ALL_KINDS = frozenset(_TYPE_WORDS)
_KINDS: dict[int, frozenset[str]] = {}


def _kind(value: Any) -> str:
    """The JSON type name of a loaded YAML value."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str | _dt.date):
        return "string"
    if isinstance(value, dict):
        return "object"
    return "array" if isinstance(value, list) else "null"


def _kinds(schema: dict[str, Any]) -> frozenset[str]:
    """The JSON types a schema can accept at all (remembered per schema object)."""
    known = _KINDS.get(id(schema))
    if known is None:
        if "anyOf" in schema:
            known = frozenset().union(*(_kinds(option) for option in schema["anyOf"]))
        elif "type" in schema:
            kinds = schema["type"]
            known = frozenset(kinds if isinstance(kinds, list) else [kinds])
        elif "const" in schema:
            known = frozenset([_kind(schema["const"])])
        else:
            known = ALL_KINDS
        _KINDS[id(schema)] = known
    return known


def _accepts(kinds: frozenset[str], kind: str) -> bool:
    return kind in kinds or (kind == "integer" and "number" in kinds)


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def check(document: Document, schema: dict[str, Any]) -> list[Problem]:
    """Every place where ``document`` does not fit ``schema``, in file order."""
    checker = _Checker(document)
    checker.check(document.data, schema, ())
    return sorted(checker.problems)


def check_file(text: str, file: str, schema: dict[str, Any], kind: str) -> Document:
    """Parse YAML text and check it against ``schema``; raise with every problem found.

    ``kind`` names what the file should hold ("a rubric", "an audit") in the message for a file
    that is empty or not a mapping at all.
    """
    document = yamlio.parse(text, file)
    if not isinstance(document.data, dict):
        got = describe(document.data) if document.data is not None else "an empty file"
        raise InvalidFileError([document.at((), f"expected {kind} (a mapping), got {got}")])
    problems = check(document, schema)
    if problems:
        raise InvalidFileError(problems)
    return document
