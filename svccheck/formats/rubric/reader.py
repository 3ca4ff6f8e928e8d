"""The rubric file format, declared once: its loader, located errors and JSON Schema.

The rules a schema cannot state are checked here and marked cross-field: a label for every point
of a custom scale and none outside it, min below max with at most ``MAX_SCALE_POINTS`` points,
maturity levels that start at 0 and ascend, and section and item ids unique in the rubric.
"""

from __future__ import annotations

from svccheck.core.errors import Rule
from svccheck.core.sanitize import excerpt
from svccheck.core.vocabulary import SCALE_BOUND
from svccheck.formats import evidence as evidence_format
from svccheck.formats import tree
from svccheck.formats.declare import KEBAB_ID, Context, OneOf, Text
from svccheck.formats.numbers import Integer, Number, Version
from svccheck.formats.rubric import guidance as guidance_format
from svccheck.formats.rubric import sources as source_titles
from svccheck.formats.structure import (
    Field,
    Fields,
    Format,
    ListOf,
    MapOf,
    Record,
)
from svccheck.model.rubric import (
    DEFAULT_LABELS,
    DEFAULT_LEVELS,
    DEFAULT_MIN_COVERAGE_PERCENT,
    DEFAULT_TARGET,
    Criterion,
    Item,
    Level,
    Rubric,
    Scale,
    Section,
)

TEXT = Text()
WEIGHT = Number(maximum=1000, above=0)
PERCENT = Number(maximum=100, minimum=0)
MAX_SCALE_POINTS = 101
VERSIONS = (1, 2)

CRITERION = Record(
    (
        Field("id", KEBAB_ID, True, description="the same id at several levels: one measure"),
        Field("text", TEXT, True, description="what the assessor checks, thresholds included"),
        Field(
            "partly",
            TEXT,
            description="the partly-met band: how far short still counts as partly met",
        ),
    )
)
ITEM = Record(
    (
        Field("id", KEBAB_ID, True, description="unique in the whole rubric"),
        Field("title", TEXT, True),
        Field("question", TEXT, True),
        Field(
            "guidance",
            guidance_format.GuidanceReader(),
            True,
            description="observable evidence for every scale point (or low, mid and high)",
        ),
        Field("weight", WEIGHT, description="the item's weight within its section (default 1)"),
        Field("source", TEXT, True, description="the source document and point"),
        Field("actions", ListOf(TEXT, 2), True, description="recommended actions"),
        Field(
            "replaces",
            ListOf(KEBAB_ID),
            since=2,
            description="ids of earlier editions' items this one supersedes",
        ),
        Field(
            "levels_since",
            Integer(1, 1_000_000),
            since=2,
            description="the edition in which the item's levels last changed",
        ),
        Field(
            "criteria",
            MapOf(Text("a scale point", r"-?[1-9][0-9]{0,3}"), ListOf(CRITERION, 1)),
            since=2,
            description="observable criteria of each level, by scale point (optional)",
        ),
    )
)
SECTION = Record(
    (
        Field("id", KEBAB_ID, True),
        Field("title", TEXT, True),
        Field("description", TEXT),
        Field(
            "weight",
            WEIGHT,
            description="the section's share of the overall score: on every section or on none",
        ),
        Field("items", ListOf(ITEM, 1), True),
    )
)
SCALE = Record(
    (
        Field("min", Integer(-SCALE_BOUND, SCALE_BOUND), description="the lowest score (1)"),
        Field("max", Integer(-SCALE_BOUND, SCALE_BOUND), description="the highest score (5)"),
        Field(
            "labels",
            MapOf(Text("a whole number", r"0|-?[1-9][0-9]{0,3}"), TEXT),
            description="a label for every point from min to max",
        ),
    )
)
LEVEL = Record((Field("name", TEXT, True), Field("min", PERCENT, True)))
RUBRIC = Format(
    "rubric",
    "a rubric",
    Record(
        (
            Field("svccheck", Version(VERSIONS), description="the rubric format version (1 or 2)"),
            Field("kind", OneOf(("rubric",), "rubric")),
            Field("id", KEBAB_ID, True),
            Field("title", TEXT, True),
            Field("version", Integer(1, 1_000_000), True, description="the rubric's edition"),
            Field("description", TEXT, True),
            Field("sources", ListOf(TEXT, 1), True),
            source_titles.FIELD,
            Field("scale", SCALE),
            Field("target", PERCENT, description="percent every item should reach (75)"),
            Field(
                "scoring_rule",
                TEXT,
                since=2,
                description="how to choose when the evidence fits two levels",
            ),
            Field(
                "min_coverage",
                PERCENT,
                since=2,
                description="percent of items to answer before a result stops being provisional",
            ),
            Field(
                "defaults_note",
                TEXT,
                since=2,
                description="which numbers in the levels are adjustable defaults",
            ),
            Field(
                "sampling",
                TEXT,
                since=2,
                description="how samples are drawn; what a unit audit reads as the organization",
            ),
            *evidence_format.RUBRIC_FIELDS,
            Field("levels", ListOf(LEVEL, 1), description="maturity bands, ascending from 0"),
            Field("sections", ListOf(SECTION, 1), True),
        )
    ),
    VERSIONS,
)


def _check_scale(scale: Fields | None, context: Context) -> tuple[int, int] | None:
    """The scale's bounds, if they are usable; notes the cross-field problems."""
    if scale is None:
        return 1, 5
    values = scale.values
    if any(key in scale.nodes and key not in values for key in ("min", "max", "labels")):
        return None  # already reported
    low, high = values.get("min", 1), values.get("max", 5)
    if low >= high or high - low >= MAX_SCALE_POINTS:
        message = (
            f"scale: min ({low}) must be below max ({high})"
            if low >= high
            else f"scale: at most {MAX_SCALE_POINTS} points, got {high - low + 1}"
        )
        context.problem(scale.node, message, Rule.CROSS_FIELD)
        return None
    if "labels" not in values and (low, high) == (1, 5):
        return low, high
    labels = values.get("labels", ())
    given = {int(entry.key) for entry in labels}
    missing = [point for point in range(low, high + 1) if point not in given]
    if missing:
        shown = ", ".join(str(point) for point in missing)
        message = f"scale.labels: no label for {shown}"
        context.problem(scale.at("labels"), message, Rule.CROSS_FIELD)
    for entry in labels:
        if not low <= int(entry.key) <= high:
            message = f"scale.labels: {entry.key} is outside the scale {low}..{high}"
            context.problem(entry.key_node, message, Rule.CROSS_FIELD)
    return None if missing else (low, high)


def _check_levels(levels: tuple[Fields, ...], context: Context) -> None:
    previous: float | None = None
    for index, level in enumerate(levels):
        minimum = level.values.get("min")
        if minimum is None:
            previous = None
            continue
        if index == 0 and minimum != 0:
            message = f"levels[0].min: the first level must start at 0, got {minimum:g}"
            context.problem(level.at("min"), message, Rule.CROSS_FIELD)
        if previous is not None and minimum <= previous:
            message = (
                f"levels[{index}].min: levels must ascend; {minimum:g} is not above {previous:g}"
            )
            context.problem(level.at("min"), message, Rule.CROSS_FIELD)
        previous = minimum


def _check_unique(kind: str, entries: list[Fields], context: Context) -> None:
    first: dict[str, int] = {}
    for entry in entries:
        identifier = entry.values.get("id")
        if identifier is None:
            continue
        node = entry.at("id")
        if identifier in first:
            message = (
                f"duplicate {kind} id {excerpt(identifier)} (first at line {first[identifier]})"
            )
            context.problem(node, message, Rule.CROSS_FIELD)
        else:
            first[identifier] = node.line


def _check_section_weights(sections: list[Fields], context: Context) -> None:
    """Section weights are set on every section or on none: a mix has no clear meaning."""
    weighted = ["weight" in section.nodes for section in sections]
    if all(weighted) or not any(weighted):
        return
    first = weighted[0]
    for index, section in enumerate(sections):
        if weighted[index] != first:
            has = "has a weight" if weighted[index] else "has none"
            message = (
                f"sections[{index}]: {has}, unlike sections[0]; set weight on every section "
                "or on none (with none, each item counts by its own weight)"
            )
            context.problem(section.at("weight"), message, Rule.CROSS_FIELD)


def _check_replaces(items: list[Fields], context: Context) -> None:
    """An id an item replaces is no current item's id, and only one item replaces it."""
    current = {item.values["id"] for item in items if "id" in item.values}
    claimed: dict[str, str] = {}
    for item in items:
        for old in item.values.get("replaces", ()):
            node = item.at("replaces")
            if old in current:
                message = f"replaces: {excerpt(old)} is still an item of this rubric"
                context.problem(node, message, Rule.CROSS_FIELD)
            elif old in claimed:
                message = f"replaces: {excerpt(old)} is already replaced by {claimed[old]!r}"
                context.problem(node, message, Rule.CROSS_FIELD)
            else:
                claimed[old] = item.values.get("id", "?")


def _check_guidance(sections: list[Fields], bounds: tuple[int, int], context: Context) -> None:
    for i, section in enumerate(sections):
        for j, item in enumerate(section.values.get("items", ())):
            read = item.values.get("guidance")
            if read is not None:
                path = f"sections[{i}].items[{j}].guidance"
                guidance_format.check(read, *bounds, path, context)


def _check_criteria(sections: list[Fields], bounds: tuple[int, int], context: Context) -> None:
    """Criteria belong to the levels above the lowest point (which is what is left)."""
    low, high = bounds
    for i, section in enumerate(sections):
        for j, item in enumerate(section.values.get("items", ())):
            for entry in item.values.get("criteria", ()):
                if not low < int(entry.key) <= high:
                    message = (
                        f"sections[{i}].items[{j}].criteria: level {entry.key} is not above the "
                        f"lowest point and within the scale {low}..{high}"
                    )
                    context.problem(entry.key_node, message, Rule.CROSS_FIELD)


def _sections(fields: Fields) -> list[Fields]:
    return list(fields.values.get("sections", ()))


def _items(sections: list[Fields]) -> list[Fields]:
    return [item for section in sections for item in section.values.get("items", ())]


def _build(fields: Fields, bounds: tuple[int, int], path: str) -> Rubric:
    """The rubric from a file that has no problem left."""
    values = fields.values
    low, high = bounds
    scale = values.get("scale")
    labels = (
        {int(e.key): e.value for e in scale.values["labels"]}
        if scale and "labels" in scale.values
        else DEFAULT_LABELS
    )
    levels = values.get("levels")
    return Rubric(
        id=values["id"],
        title=values["title"].strip(),
        version=values["version"],
        description=values["description"].strip(),
        sources=tuple(source.strip() for source in values["sources"]),
        source_titles=source_titles.build(fields),
        scale=Scale(low, high, tuple(labels[point].strip() for point in range(low, high + 1))),
        target=float(values.get("target", DEFAULT_TARGET)),
        levels=(
            tuple(
                Level(level.values["name"].strip(), float(level.values["min"])) for level in levels
            )
            if levels
            else tuple(Level(name, minimum) for name, minimum in DEFAULT_LEVELS)
        ),
        sections=tuple(_section(section, bounds) for section in values["sections"]),
        path=path,
        scoring_rule=values.get("scoring_rule", "").strip(),
        defaults_note=values.get("defaults_note", "").strip(),
        sampling=values.get("sampling", "").strip(),
        min_coverage=float(values.get("min_coverage", DEFAULT_MIN_COVERAGE_PERCENT)),
        evidence_from=values.get("evidence_from"),
        evidence_max_age=values.get("evidence_max_age"),
    )


def _section(fields: Fields, bounds: tuple[int, int]) -> Section:
    values = fields.values
    return Section(
        id=values["id"],
        title=values["title"].strip(),
        weight=float(values["weight"]) if "weight" in values else None,
        description=values.get("description", "").strip(),
        items=tuple(_item(item, bounds) for item in values["items"]),
    )


def _item(fields: Fields, bounds: tuple[int, int]) -> Item:
    values = fields.values
    return Item(
        id=values["id"],
        title=values["title"].strip(),
        question=values["question"].strip(),
        guidance=guidance_format.build(values["guidance"], *bounds),
        weight=float(values.get("weight", 1)),
        source=values["source"].strip(),
        actions=tuple(action.strip() for action in values["actions"]),
        replaces=tuple(values.get("replaces", ())),
        levels_since=values.get("levels_since"),
        criteria=tuple(
            Criterion(
                int(entry.key),
                c.values["id"],
                c.values["text"].strip(),
                (c.values.get("partly") or "").strip() or None,
            )
            for entry in sorted(values.get("criteria", ()), key=lambda e: int(e.key))
            for c in entry.value
        ),
    )


def read(parsed: tree.Parsed, file: str) -> Rubric:
    """The rubric in a parsed file; :class:`InvalidFileError` lists every problem found."""
    fields, context = RUBRIC.read(parsed, file)
    if fields is None:
        context.raise_if_any()
        raise AssertionError("a file that is not a mapping always has a problem")
    bounds = _check_scale(fields.values.get("scale"), context)
    _check_levels(fields.values.get("levels", ()), context)
    sections = _sections(fields)
    _check_section_weights(sections, context)
    _check_unique("section", sections, context)
    _check_unique("item", _items(sections), context)
    _check_replaces(_items(sections), context)
    source_titles.check(fields, context)
    if bounds is not None:
        _check_guidance(sections, bounds, context)
        _check_criteria(sections, bounds, context)
        evidence_format.check_rubric(fields, bounds, context)
    context.raise_if_any()
    assert bounds is not None  # a rubric without problems has usable bounds
    return _build(fields, bounds, file)


def parse(text: str, file: str) -> Rubric:
    """Parse and read rubric text."""
    return read(tree.parse(text, file), file)
