"""An item's guidance: evidence for every scale point (format 2), or the short form low/mid/high.

The keyed form (``guidance: {1: ..., 2: ..., 5: ...}``) came with format version 2; its keys are
text in JSON and editors and whole numbers in svccheck, like scale labels. Every point of the
rubric's scale must be described, which only the rubric as a whole can check (cross-field).
"""

from __future__ import annotations

from typing import NamedTuple

from svccheck.core.errors import Rule
from svccheck.formats.declare import INVALID, JSON, Context, Invalid, Path, Text, refused, wrong
from svccheck.formats.structure import Entry, Field, Fields, MapOf, Record, needs_version
from svccheck.formats.tree import Mapping, Node
from svccheck.model.rubric import Guidance

TEXT = Text()
POINT = Text("a whole number", r"0|-?[1-9][0-9]{0,3}")
SHORT_KEYS = ("low", "mid", "high")
SHORT = Record(tuple(Field(key, TEXT, True) for key in SHORT_KEYS))
BY_POINT = MapOf(POINT, TEXT)
EXPECTED = "a mapping of scale points to evidence ({1: ..., 5: ...}), or low, mid and high"
KEYED_SINCE = 2


class GuidanceRead(NamedTuple):
    """Guidance as read: the short form's fields, or the entries by scale point."""

    short: Fields | None
    points: tuple[Entry, ...]
    node: Mapping


class GuidanceReader:
    """Reads either form; the keyed form needs format version 2."""

    def read(self, node: Node, path: Path, context: Context) -> GuidanceRead | Invalid:
        if not isinstance(node, Mapping):
            return INVALID if refused(node) else wrong(node, path, EXPECTED, context)
        if any(key.text in SHORT_KEYS for key, _ in node.entries):
            short = SHORT.read(node, path, context)
            return INVALID if isinstance(short, Invalid) else GuidanceRead(short, (), node)
        if context.version < KEYED_SINCE:
            needs_version(node, path, KEYED_SINCE, context)
            return INVALID
        points = BY_POINT.read(node, path, context)
        if isinstance(points, Invalid):
            return INVALID
        return GuidanceRead(None, points, node)

    def schema(self) -> JSON:
        keyed = {**BY_POINT.schema(), "minProperties": 1}
        return {"anyOf": [SHORT.schema(), keyed], "description": EXPECTED}


def check(read: GuidanceRead, low: int, high: int, path: str, context: Context) -> None:
    """The keyed form describes every point of the scale ``low..high`` and no other."""
    if read.short is not None:
        return
    given = {int(entry.key) for entry in read.points}
    missing = [point for point in range(low, high + 1) if point not in given]
    if missing:
        shown = ", ".join(str(point) for point in missing)
        context.problem(read.node, f"{path}: no evidence for {shown}", Rule.CROSS_FIELD)
    for entry in read.points:
        if not low <= int(entry.key) <= high:
            message = f"{path}: {entry.key} is outside the scale {low}..{high}"
            context.problem(entry.key_node, message, Rule.CROSS_FIELD)


def build(read: GuidanceRead, low: int, high: int) -> Guidance:
    """The guidance of a rubric without problems."""
    if read.short is None:
        return Guidance(tuple(sorted((int(e.key), e.value.strip()) for e in read.points)))
    values = read.short.values
    middle = (low + high) // 2
    points = ((low, "low"), (middle, "mid"), (high, "high"))
    return Guidance(tuple((point, values[key].strip()) for point, key in points))
