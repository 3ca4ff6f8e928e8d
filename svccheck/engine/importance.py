"""Customer importance: the importance-performance analysis and the priority of actions.

Pure functions on frozen dataclasses, like :mod:`svccheck.engine.scoring`; no files, no output.

importance     = how much customers care about an item, a whole number 1..5 (from a survey or a
                 panel), given in the audit (``importance:``) or in an importance file.
IPA            = importance-performance analysis (Martilla & James 1977): every item that has both
                 a percent and an importance is a point (importance, percent). The crosshairs are
                 the unweighted means of both over those points. An item at or above a mean is
                 high on that axis, so an item exactly on a crosshair counts as high.
priority       = potential gain x importance / mean importance (the IPA's importance mean), for
                 the items with a gain; an item without an importance counts at the mean, so its
                 priority is its gain. With importance, the recommended actions are ranked by
                 priority, ties in rubric order.

Every comparison is exact: percents and means are :class:`fractions.Fraction`, never floats. On a
1..10 scale the float mean of three answers of 6 is 55.555555555555564, above the percent of each
(55.55555555555556), which would put three items sitting on the crosshair below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction

from svccheck.core.record import record
from svccheck.engine import ranking
from svccheck.engine.results import (
    IPA,
    Importance,
    ItemResult,
    Placed,
    Quadrant,
    Ranked,
    Ratings,
    Report,
)
from svccheck.model.rubric import Rubric, Scale


@record
class ImportanceFile:
    """An importance file (``kind: importance``): one survey's figures for one rubric's items,
    so that one survey serves every quarter's audit."""

    rubric: str  # as the file names it: an id or a path
    organization: str
    source: str  # where the figures came from, free text
    date: str | None
    ratings: Ratings
    path: str


@record
class Reconciled:
    """Ratings seen through one rubric edition, as :mod:`svccheck.engine.editions` does for
    answers."""

    ratings: Ratings  # under the edition's item ids, in rubric order
    renamed: tuple[tuple[str, str], ...]  # (old id, new id): the old rating counts for the new
    removed: tuple[str, ...]  # ids the edition does not have: left out

    def warnings(self, file: str, rubric: Rubric) -> tuple[str, ...]:
        """What a person should know about ratings of another edition's items."""
        found = [
            f"{file}: the importance of {old!r} counts for {new!r}, which replaces it"
            for old, new in self.renamed
        ]
        if self.removed:
            ids = ", ".join(self.removed)
            found.append(
                f"{file}: importance given for items version {rubric.version} of rubric "
                f"{rubric.id!r} no longer has, and left out: {ids}"
            )
        return tuple(found)


def reconcile(ratings: Iterable[tuple[str, int]], rubric: Rubric) -> Reconciled:
    """Ratings under the rubric's current ids: an item's own rating first, then those of the ids
    it replaces in the order it names them; ratings of ids the rubric does not know are set
    apart."""
    given = dict(ratings)
    current: list[tuple[str, int]] = []
    renamed: list[tuple[str, str]] = []
    used: set[str] = set()
    for _, item in rubric.items():
        winner = next((c for c in (item.id, *item.replaces) if c in given), None)
        if winner is None:
            continue
        current.append((item.id, given[winner]))
        used.add(winner)
        if winner != item.id:
            renamed.append((winner, item.id))
    known = rubric.answer_ids
    removed = tuple(i for i in given if i not in used and i not in known)
    return Reconciled(tuple(current), tuple(renamed), removed)


def exact_percent(result: ItemResult, scale: Scale) -> Fraction | None:
    """An item's percent as an exact fraction: from the whole-number answer when there is one
    (6 on 1..10 is the fraction 500/9, not the float 55.55555555555556)."""
    answer = result.answer
    if isinstance(answer, int) and not isinstance(answer, bool):
        return Fraction(100 * (answer - scale.min), scale.max - scale.min)
    return None if result.percent is None else Fraction(result.percent)


def mean(values: list[Fraction]) -> Fraction | None:
    """The exact unweighted mean; ``None`` of nothing."""
    return sum(values, Fraction(0)) / len(values) if values else None


def analyse(report: Report, ratings: Ratings) -> IPA:
    """Place every item that has a percent and an importance; crosshairs at the exact means."""
    given = dict(ratings)
    points = [
        (result, given[result.item.id], performance)
        for result in report.items()
        if result.item.id in given
        and (performance := exact_percent(result, report.rubric.scale)) is not None
    ]
    importance_mean = mean([Fraction(importance) for _, importance, _ in points])
    performance_mean = mean([performance for _, _, performance in points])
    placed = []
    for result, importance, performance in points:
        assert importance_mean is not None  # there are points
        assert performance_mean is not None
        quadrant = Quadrant.of(importance >= importance_mean, performance >= performance_mean)
        placed.append(Placed(result, importance, quadrant))
    return IPA(importance_mean, performance_mean, tuple(placed))


def ranked(
    report: Report, ratings: Ratings, importance_mean: Fraction | None
) -> tuple[Ranked, ...]:
    """The report's actions by priority, highest first, ties in rubric order. Compared exactly
    (:mod:`svccheck.engine.ranking`): equal gains from sections of different sizes, or equal
    products of gain and importance, tie however their floats were rounded."""
    given = dict(ratings)
    gains = ranking.GainKey(report.rubric, report.sections)
    actions = {result.item.id for result in report.actions}
    in_rubric_order = [result for result in report.items() if result.item.id in actions]
    factors = {}
    for result in in_rubric_order:
        importance = given.get(result.item.id)
        factors[result.item.id] = (
            Fraction(1)
            if importance is None or importance_mean is None
            else Fraction(importance) / importance_mean
        )
    order = ranking.ranked(in_rubric_order, lambda r: gains(r) * factors[r.item.id])
    return tuple(
        Ranked(r, given.get(r.item.id), float(Fraction(r.gain or 0.0) * factors[r.item.id]))
        for r in order
    )


def apply(
    report: Report, ratings: Ratings, *, file: str | None = None, source: str | None = None
) -> Report:
    """The report with importance: its IPA, and its actions ranked by priority.

    ``ratings`` must be under the report's rubric's ids (:func:`reconcile`); ratings of other
    ids are ignored.
    """
    ipa = analyse(report, ratings)
    by_priority = ranked(report, ratings, ipa.importance_mean)
    given = dict(ratings)
    rated = sum(1 for result in report.items() if result.item.id in given)
    importance = Importance(ratings, ipa, by_priority, file, source, rated, len(report.items()))
    return replace(report, actions=tuple(r.result for r in by_priority), importance=importance)


@record
class ImportanceChange:
    """One item's importance in two audits (``svccheck diff``); ``None``: not rated there."""

    id: str
    old: int | None
    new: int | None

    @property
    def changed(self) -> bool:
        """Whether the importance differs between the two audits."""
        return self.old != self.new


def changes(old: Report, new: Report) -> tuple[ImportanceChange, ...] | None:
    """Every item rated in either audit, old and new importance, in the newer rubric's order;
    ``None`` unless both audits have importance. Items renamed between editions are matched as
    :func:`svccheck.engine.compare.diff` matches them."""
    if old.importance is None or new.importance is None:
        return None
    newer = new.rubric if new.rubric.version >= old.rubric.version else old.rubric
    renamed = newer.replaced_ids()
    before = {renamed.get(i, i): value for i, value in old.importance.ratings}
    after = {renamed.get(i, i): value for i, value in new.importance.ratings}
    order = [renamed.get(i, i) for i in (*new.rubric.item_ids(), *old.rubric.item_ids())]
    ids = [i for i in dict.fromkeys(order) if i in before or i in after]
    return tuple(ImportanceChange(i, before.get(i), after.get(i)) for i in ids)
