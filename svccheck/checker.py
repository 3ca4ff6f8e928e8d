"""Check a loaded YAML document against one of our JSON Schemas, with located messages.

A deliberately small interpreter for the subset of JSON Schema that :mod:`svccheck.schemas` uses
(type, const, pattern, minLength, minimum/maximum/exclusiveMinimum, required, properties,
additionalProperties, propertyNames, items, minItems, anyOf). A full validator would cost start-up
time and give messages about schema internals; this one speaks about the user's file.
"""

from __future__ import annotations

import datetime as _dt
import re
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


def _is_type(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":  # YAML reads 2026-09-30 as a date; JSON would see the text
        return isinstance(value, str | _dt.date)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    return value is None


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


class _Checker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []

    def fail(self, path: Path, message: str, *, key: bool = False) -> None:
        self.problems.append(self.document.at(path, message, key=key))

    def matches(self, value: Any, schema: dict[str, Any]) -> bool:
        probe = _Checker(self.document)
        probe.check(value, schema, ())
        return not probe.problems

    def check(self, value: Any, schema: dict[str, Any], path: Path) -> None:
        where = path_name(path)
        if "anyOf" in schema:
            options = schema["anyOf"]
            fitting = [option for option in options if self.matches(value, option)]
            if fitting:
                self.check(value, fitting[0], path)
                return
            # Report inside the option of the same shape (a mapping for a mapping), if any.
            for option in options:
                if option.get("type") == "object" and isinstance(value, dict):
                    self.check(value, option, path)
                    return
            self.fail(path, f"{where}: expected {_expected(schema)}, got {describe(value)}")
            return
        kinds = schema.get("type")
        if kinds is not None:
            kinds_list = kinds if isinstance(kinds, list) else [kinds]
            if not any(_is_type(value, kind) for kind in kinds_list):
                self.fail(path, f"{where}: expected {_expected(schema)}, got {describe(value)}")
                return
        if "const" in schema and value != schema["const"]:
            self.fail(path, f"{where}: expected {_expected(schema)}, got {describe(value)}")
            return
        if isinstance(value, str | _dt.date) and not isinstance(value, bool):
            self.check_text(str(value) if isinstance(value, _dt.date) else value, schema, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.check_number(value, schema, path)
        elif isinstance(value, dict):
            self.check_mapping(value, schema, path)
        elif isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                least = schema["minItems"]
                self.fail(path, f"{where}: expected at least {least} entries, got {len(value)}")
            if "items" in schema:
                for index, entry in enumerate(value):
                    self.check(entry, schema["items"], (*path, index))

    def check_text(self, value: str, schema: dict[str, Any], path: Path) -> None:
        where = path_name(path)
        if len(value.strip()) < schema.get("minLength", 0):
            self.fail(path, f"{where}: must not be empty")
        elif "pattern" in schema and not re.search(schema["pattern"], value):
            self.fail(path, f"{where}: expected {_expected(schema)}, got {describe(value)}")

    def check_number(self, value: float, schema: dict[str, Any], path: Path) -> None:
        where = path_name(path)
        if "minimum" in schema and value < schema["minimum"]:
            self.fail(path, f"{where}: must be at least {schema['minimum']}, got {value}")
        elif "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            self.fail(
                path, f"{where}: must be greater than {schema['exclusiveMinimum']}, got {value}"
            )
        elif "maximum" in schema and value > schema["maximum"]:
            self.fail(path, f"{where}: must be at most {schema['maximum']}, got {value}")

    def check_mapping(self, value: dict[Any, Any], schema: dict[str, Any], path: Path) -> None:
        where = path_name(path)
        properties: dict[str, Any] = schema.get("properties", {})
        for required in schema.get("required", ()):
            if required not in value:
                self.fail(path, f"{where}: missing required key '{required}'")
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for key, entry in value.items():
            if names is not None and not re.search(names["pattern"], str(key)):
                self.fail(
                    (*path, key),
                    f"{where}: key {key!r} is not {_expected(names)}",
                    key=True,
                )
                continue
            if key in properties:
                self.check(entry, properties[key], (*path, key))
            elif extra is False:
                hint = did_you_mean(str(key), list(properties))
                if not hint and entry is None:
                    hint = (
                        " (a comma inside {...} starts a new key: put text with commas in quotes)"
                    )
                self.fail((*path, key), f"{where}: unknown key {key!r}{hint}", key=True)
            elif isinstance(extra, dict):
                self.check(entry, extra, (*path, key))


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
