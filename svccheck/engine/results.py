"""What scoring gives: the report of one audit, its sections and items, and customer importance
applied to it. Records only; :mod:`svccheck.engine.scoring` and :mod:`svccheck.engine.importance`
compute them."""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction

from svccheck.core.record import record
from svccheck.model.audit import NA, Answer, Evidence, Observations, Score
from svccheck.model.header import Header
from svccheck.model.rubric import Item, Rubric, Section

# Item id -> importance, in the order given (a tuple, so that audits stay hashable).
Ratings = tuple[tuple[str, int], ...]


class Quadrant(StrEnum):
    """The four IPA quadrants; the value is what JSON, CSV and workbooks carry, :attr:`label`
    what people read (Martilla & James's names)."""

    CONCENTRATE_HERE = "concentrate-here"  # high importance, low performance
    KEEP_UP_THE_GOOD_WORK = "keep-up-the-good-work"  # high importance, high performance
    LOW_PRIORITY = "low-priority"  # low importance, low performance
    POSSIBLE_OVERKILL = "possible-overkill"  # low importance, high performance

    @property
    def label(self) -> str:
        """The quadrant's name for people: ``Concentrate here``."""
        return self.value.replace("-", " ").capitalize()

    @property
    def high_importance(self) -> bool:
        """Whether the quadrant lies at or above the importance mean."""
        return self in (Quadrant.CONCENTRATE_HERE, Quadrant.KEEP_UP_THE_GOOD_WORK)

    @property
    def high_performance(self) -> bool:
        """Whether the quadrant lies at or above the performance mean."""
        return self in (Quadrant.KEEP_UP_THE_GOOD_WORK, Quadrant.POSSIBLE_OVERKILL)

    @classmethod
    def of(cls, high_importance: bool, high_performance: bool) -> Quadrant:
        """The quadrant of a point high or low on each axis."""
        if high_importance:
            return cls.KEEP_UP_THE_GOOD_WORK if high_performance else cls.CONCENTRATE_HERE
        return cls.POSSIBLE_OVERKILL if high_performance else cls.LOW_PRIORITY


# The order in which every view lists the quadrants: what to act on first.
QUADRANT_ORDER = (
    Quadrant.CONCENTRATE_HERE,
    Quadrant.KEEP_UP_THE_GOOD_WORK,
    Quadrant.LOW_PRIORITY,
    Quadrant.POSSIBLE_OVERKILL,
)


@record
class ItemResult:
    """One item's answer and what it contributes.

    ``answer`` is what the audit says; in a combined report it is the mean percent of the groups.
    """

    section_id: str
    item: Item
    answer: Score | float
    note: str | None
    percent: float | None
    gain: float | None
    evidence: tuple[Evidence, ...] | None = None  # None: none recorded; (): recorded missing
    criteria: Observations | None = None  # what the evidence showed of the item's criteria

    @property
    def answered(self) -> bool:
        """Answered with a number or n/a."""
        return self.answer is not None


@record
class SectionResult:
    """One section's score, its share of the overall score, and the results of its items."""

    section: Section
    score: float | None
    answered: int
    total: int
    items: tuple[ItemResult, ...]
    share: float | None = None  # None when no section has a score


@record
class Report:
    """Everything ``svccheck score`` shows about one audit (or about the mean of several)."""

    rubric: Rubric
    header: Header
    sections: tuple[SectionResult, ...]
    overall: float | None
    level: str | None
    coverage: float
    weakest: tuple[SectionResult, ...]
    actions: tuple[ItemResult, ...]
    strict: bool = False
    # Answers to items the rubric edition no longer has: never scored, but every view lists them.
    removed: tuple[Answer, ...] = ()
    # Below this share of items answered the result is provisional (0..1).
    min_coverage: float = 0.8
    # Evidence (svccheck.engine.evidence): the share of claims with evidence (None without a claim),
    # and whether an unsupported claim counts as evidence_from - 1 (--require-evidence).
    confidence: float | None = None
    require_evidence: bool = False
    # The rubric edition the audit was written for (None: the edition it was scored against).
    written_for: int | None = None
    # Customer importance, when the audit or an importance file gives it: the importance-
    # performance analysis, and `actions` ranked by priority instead of gain (importance.apply).
    importance: Importance | None = None

    @property
    def provisional(self) -> bool:
        """Too few items answered for the score to stand for the audit; a strict score (every
        unanswered item at the lowest score) is never provisional."""
        return not self.strict and self.coverage < self.min_coverage

    def weakest_shown(self, count: int = 3) -> tuple[SectionResult, ...]:
        """The ``count`` weakest sections, and every section tied with the last of them: a
        section as weak as one shown must not drop out by rubric order."""
        if len(self.weakest) <= count:
            return self.weakest
        last = self.weakest[count - 1].score
        return tuple(s for i, s in enumerate(self.weakest) if i < count or s.score == last)

    def items(self) -> tuple[ItemResult, ...]:
        """Every item result in rubric order."""
        return tuple(result for section in self.sections for result in section.items)

    def unanswered(self) -> tuple[ItemResult, ...]:
        """Items with neither a score nor n/a."""
        return tuple(result for result in self.items() if not result.answered)

    def not_applicable(self) -> tuple[ItemResult, ...]:
        """Items marked n/a, so that their reasons can be shown."""
        return tuple(result for result in self.items() if result.answer == NA)


@record
class Placed:
    """One item in the importance-performance grid."""

    result: ItemResult
    importance: int
    quadrant: Quadrant


@record
class IPA:
    """The importance-performance analysis of one report: crosshairs and placed items.

    The means are ``None`` when no item has both a percent and an importance.
    """

    importance_mean: Fraction | None
    performance_mean: Fraction | None
    items: tuple[Placed, ...]  # rubric order

    def in_quadrant(self, quadrant: Quadrant) -> tuple[Placed, ...]:
        """The items placed in ``quadrant``, in rubric order."""
        return tuple(placed for placed in self.items if placed.quadrant is quadrant)


@record
class Ranked:
    """A recommended action with its priority (``importance`` is ``None``: counted at the
    mean)."""

    result: ItemResult
    importance: int | None
    priority: float


@record
class Importance:
    """Importance applied to a report: the ratings, where they came from, the IPA and the
    actions by priority. ``file`` is the importance file, ``None`` for the audit's own
    ``importance:``; ``source`` is that file's account of where the figures came from."""

    ratings: Ratings
    ipa: IPA
    ranked: tuple[Ranked, ...]
    file: str | None = None
    source: str | None = None
    rated: int = 0  # how many of the rubric's items have an importance
    items: int = 0  # how many items the rubric has

    @property
    def sparse(self) -> bool:
        """Fewer than half the items have an importance: the others, counted at the mean, can
        rank above items customers rated high."""
        return 2 * self.rated < self.items

    def of(self, item_id: str) -> int | None:
        """The importance of an item, ``None`` if it has none."""
        return dict(self.ratings).get(item_id)

    def priority(self, item_id: str) -> float | None:
        """The priority of a recommended action, ``None`` for an item without a gain."""
        return next((r.priority for r in self.ranked if r.result.item.id == item_id), None)

    def quadrant(self, item_id: str) -> Quadrant | None:
        """The quadrant an item is placed in, ``None`` if it is not placed."""
        return next((p.quadrant for p in self.ipa.items if p.result.item.id == item_id), None)
