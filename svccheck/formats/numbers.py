"""The declaration language's numbers: whole numbers, numbers and format versions, read as JSON
and YAML 1.2 read them (:mod:`svccheck.formats.declare` has the rest of the language)."""

from __future__ import annotations

import math
import re
from functools import cache
from typing import TypeVar

from svccheck.core.record import record
from svccheck.core.sanitize import excerpt
from svccheck.formats.declare import (
    INVALID,
    JSON,
    MAX_DIGITS,
    PLAIN_INTEGER,
    Context,
    Invalid,
    Path,
    path_name,
    plain_integer,
    refused,
    wrong,
)
from svccheck.formats.tree import Kind, Node, Scalar, describe


# Numbers as JSON and YAML 1.2 write them; YAML 1.1 also has 1_000, 1:30 and 0x1f. Compiled when a
# decimal is first read: audits hold whole-number scores (0.2 ms of a `diff`, in benchmarks/).
@cache
def _number() -> re.Pattern[str]:
    return re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")


def _read_integer(node: Scalar, path: Path, context: Context, expected: str) -> int | Invalid:
    """An integer as JSON reads it: plain decimal digits, or a number with no fraction."""
    if node.kind is Kind.FLOAT:
        number = _read_number(node, path, context)
        if isinstance(number, Invalid):
            return INVALID
        return int(number) if number.is_integer() else wrong(node, path, expected, context)
    if not PLAIN_INTEGER.fullmatch(node.text):
        message = f"{path_name(path)}: write {excerpt(node.text)} as a plain decimal number"
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
    if not _number().fullmatch(node.text):
        message = (
            f"must be a finite number, got {describe(node)}"
            if node.text.lstrip("+-").lower() in (".inf", ".nan")
            else f"write {excerpt(node.text)} as a plain decimal number"
        )
        return context.problem(node, f"{path_name(path)}: {message}")
    number = float(node.text)
    if not math.isfinite(number):
        return context.problem(node, f"{path_name(path)}: {describe(node)} is too large")
    return number


@record
class Integer:
    """A whole number between ``minimum`` and ``maximum``; ``3.0`` is 3, as in JSON Schema."""

    minimum: int
    maximum: int
    description: str = "a whole number"

    def read(self, node: Node, path: Path, context: Context) -> int | Invalid:
        if not isinstance(node, Scalar) or node.kind not in (Kind.INT, Kind.FLOAT):
            return INVALID if refused(node) else wrong(node, path, self.description, context)
        text = node.text
        if text.isdigit() and len(text) < 4 and (text[0] != "0" or text == "0"):  # a score
            value: int | Invalid = int(text)
        else:
            value = _read_integer(node, path, context, self.description)
        if isinstance(value, Invalid):
            return INVALID
        return _bounded(value, node, path, context, self.minimum, self.maximum)

    def schema(self) -> JSON:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@record
class Number:
    """A finite number, at least ``minimum`` (or above ``above``) and at most ``maximum``."""

    maximum: float
    minimum: float | None = None
    above: float | None = None
    description: str = "a number"

    def read(self, node: Node, path: Path, context: Context) -> float | Invalid:
        if not isinstance(node, Scalar) or node.kind not in (Kind.INT, Kind.FLOAT):
            return INVALID if refused(node) else wrong(node, path, self.description, context)
        value = _read_number(node, path, context)
        if isinstance(value, Invalid):
            return INVALID
        name = path_name(path)
        if self.above is not None and value <= self.above:
            return context.problem(
                node, f"{name}: must be greater than {self.above:g}, got {describe(node)}"
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
            node, f"{path_name(path)}: must be at least {low:g}, got {describe(node)}"
        )
    if high is not None and value > high:
        return context.problem(
            node, f"{path_name(path)}: must be at most {high:g}, got {describe(node)}"
        )
    return value


def version_number(node: Scalar) -> int | None:
    """A format version as JSON reads it (and so its schema): a plain decimal integer, or a
    number without a fraction (``3.0``); else ``None``."""
    if node.kind is Kind.FLOAT and _number().fullmatch(node.text):
        number = float(node.text)
        return int(number) if number.is_integer() and abs(number) < 10**MAX_DIGITS else None
    return plain_integer(node) if node.kind is Kind.INT else None


@record
class Version:
    """The format version a file declares (``svccheck: 1``): one this svccheck knows."""

    versions: tuple[int, ...]

    def read(self, node: Node, path: Path, context: Context) -> int | Invalid:
        version = version_number(node) if isinstance(node, Scalar) else None
        if version is None:
            return INVALID if refused(node) else wrong(node, path, "a format version", context)
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
