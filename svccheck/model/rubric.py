"""Rubrics: the data model. Finding and loading them is :mod:`svccheck.formats.rubric.loading`."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from functools import cached_property

from svccheck.core.record import record
from svccheck.core.vocabulary import LADDER_MARK

SEARCH_PATH_VARIABLE = "SVCCHECK_RUBRICS_PATH"
DEFAULT_LABELS = {1: "Not in place", 2: "Ad hoc", 3: "Defined", 4: "Managed", 5: "World-class"}
DEFAULT_LEVELS = (
    ("Reactive", 0.0),
    ("Emerging", 20.0),
    ("Developing", 40.0),
    ("Established", 60.0),
    ("World-class", 80.0),
)
DEFAULT_TARGET = 75.0
DEFAULT_MIN_COVERAGE_PERCENT = 80.0  # below it a result is provisional
SUFFIXES = (".yaml", ".yml")


@record
class Scale:
    """The whole-number scale every item is scored on, with a label for each point."""

    min: int
    max: int
    labels: tuple[str, ...]  # labels[i] belongs to the score min + i

    def label(self, score: int) -> str:
        """The label of a score on this scale."""
        return self.labels[score - self.min]

    def points(self) -> range:
        """Every valid score, lowest first."""
        return range(self.min, self.max + 1)


@record
class Level:
    """A maturity band: an overall score of at least ``min`` percent earns ``name``."""

    name: str
    min: float


@record
class Guidance:
    """What a score looks like in practice: observable evidence for each described scale point.

    Built-in rubrics describe every point; the short form of the file format (``low``, ``mid``,
    ``high``) describes the lowest, middle and top point only.
    """

    levels: tuple[tuple[int, str], ...]  # (scale point, evidence), lowest point first

    def text(self, point: int) -> str | None:
        """The evidence described for ``point``, if the rubric describes it."""
        return next((text for described, text in self.levels if described == point), None)


@record
class Criterion:
    """One observable criterion of a level: the level is reached when its criteria and those of
    every level below are met (the rubric's scoring rule says how partly met and not assessed
    count). A criterion id at several levels is one measure with a stronger threshold each time."""

    level: int
    id: str
    text: str
    partly: str | None = None  # the partly-met band in words ("at least 7 in 10"), if any

    @property
    def described(self) -> str:
        """The criterion as the assessor reads it: its text, then its partly-met band."""
        if not self.partly:
            return self.text
        text = self.text.rstrip()
        end = "." if text.endswith(".") else ""
        return f"{text.removesuffix('.')} (partly: {self.partly}){end}"


@record
class Item:
    """One practice the assessor scores.

    ``replaces`` names items of earlier editions of the rubric that this one supersedes: an
    older audit's answer to one of them counts for this item. ``criteria`` are the observable
    criteria of its levels, lowest level first (none in a rubric of prose levels).
    """

    id: str
    title: str
    question: str
    guidance: Guidance
    weight: float
    source: str
    actions: tuple[str, ...]
    replaces: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    levels_since: int | None = None  # the edition whose levels this item's scores mean

    def criteria_at(self, level: int) -> tuple[Criterion, ...]:
        """The criteria of one level."""
        return tuple(criterion for criterion in self.criteria if criterion.level == level)

    @cached_property
    def criterion_keys(self) -> dict[str, Criterion]:
        """Each criterion by the key an audit records it under, lowest level first: its id, or
        ``id@level`` where the id is at several levels (a ladder: one key a rung)."""
        levels: dict[str, int] = {}
        for criterion in self.criteria:
            levels[criterion.id] = levels.get(criterion.id, 0) + 1
        return {
            (f"{c.id}{LADDER_MARK}{c.level}" if levels[c.id] > 1 else c.id): c
            for c in self.criteria
        }

    def level_texts(self) -> tuple[tuple[int, str], ...]:
        """Each described level as prose: its guidance, then ``Criteria:`` and its criteria, for
        the views that show a level as one paragraph (template comments, workbooks, editors)."""
        return tuple((point, self.level_text(point) or "") for point, _ in self.guidance.levels)

    def level_text(self, point: int) -> str | None:
        """One level as prose (see :meth:`level_texts`); ``None`` if the rubric describes it not."""
        text = self.guidance.text(point)
        criteria = " ".join(criterion.described for criterion in self.criteria_at(point))
        if text is None or not criteria:
            return text
        return f"{text} Criteria: {criteria}"


@record
class Section:
    """A group of items.

    ``weight`` is the section's declared share of the overall score; ``None`` when the rubric
    declares none, and then a section weighs as much as the weights of its answered items.
    """

    id: str
    title: str
    weight: float | None
    description: str
    items: tuple[Item, ...]


class OriginKind(StrEnum):
    """Where a rubric comes from."""

    BUILT_IN = "built-in"
    SEARCH_PATH = "search path"
    FILE = "file"


@record
class Origin:
    """Where a rubric comes from; an edition in ``SVCCHECK_RUBRICS_PATH`` may shadow a built-in
    rubric of the same id, and reports then say so."""

    kind: OriginKind = OriginKind.FILE
    shadows_builtin: bool = False

    def short(self) -> str:
        """For a table cell: ``built-in``, ``search path``, ``file``, and what it shadows."""
        return f"{self.kind}, shadows built-in" if self.shadows_builtin else str(self.kind)

    def describe(self, path: str) -> str:
        """For people: ``built-in``, or where the file is and what it shadows."""
        if self.kind is OriginKind.BUILT_IN:
            return "built-in"
        where = f"{SEARCH_PATH_VARIABLE} edition {path}"
        if self.kind is OriginKind.FILE:
            where = f"file {path}"
        return f"{where}, shadowing the built-in rubric" if self.shadows_builtin else where


@record
class Rubric:
    """A complete rubric as loaded from one YAML file."""

    id: str
    title: str
    version: int
    description: str
    sources: tuple[str, ...]
    scale: Scale
    target: float
    levels: tuple[Level, ...]
    sections: tuple[Section, ...]
    path: str
    origin: Origin = Origin()
    scoring_rule: str = ""  # how to choose between two levels the evidence fits
    min_coverage: float = DEFAULT_MIN_COVERAGE_PERCENT  # percent answered below: provisional
    defaults_note: str = ""  # which numbers in the levels are adjustable defaults
    sampling: str = ""  # how samples are drawn and what a unit audit reads as the organization
    evidence_from: int | None = None  # scores at or above it need evidence (None: none do)
    evidence_max_age: int | None = None  # months; older evidence is stale (None: never)
    source_titles: tuple[tuple[str, str], ...] = ()  # (file named in sources, its title)

    def titled(self, text: str) -> str:
        """``text`` (the sources, or an item's source) with every source file named by its
        title in quotation marks, for people: ``“Top Practices of …”, practice 1``."""
        for name, title in self.source_titles:
            text = text.replace(name, f"“{title}”")
        return text

    def items(self) -> Iterator[tuple[Section, Item]]:
        """Every item with its section, in rubric order."""
        for section in self.sections:
            for item in section.items:
                yield section, item

    def replaced_ids(self) -> dict[str, str]:
        """Item ids of earlier editions mapped to the item that replaces each."""
        return {old: item.id for _, item in self.items() for old in item.replaces}

    def item_ids(self) -> list[str]:
        """Every item id in rubric order."""
        return [item.id for _, item in self.items()]

    def item_count(self) -> int:
        """How many items the rubric has."""
        return sum(len(section.items) for section in self.sections)

    # Asked for every answer of every audit in a bulk run: worked out once per rubric. (A frozen
    # dataclass still has a __dict__, where cached_property keeps the value; equality, hashing
    # and dataclasses.replace see only the fields.)

    @cached_property
    def id_order(self) -> tuple[str, ...]:
        """Every item id in rubric order (:meth:`item_ids`, worked out once)."""
        return tuple(self.item_ids())

    @cached_property
    def own_ids(self) -> frozenset[str]:
        """Every item id of this edition."""
        return frozenset(self.id_order)

    @cached_property
    def old_ids(self) -> frozenset[str]:
        """The ids of earlier editions that an item of this one replaces."""
        return frozenset(self.replaced_ids())

    @cached_property
    def answer_ids(self) -> frozenset[str]:
        """The ids an audit of this edition or an earlier one may answer."""
        return self.own_ids | self.old_ids
