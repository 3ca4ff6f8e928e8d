"""Recommended actions in order, compared exactly: by gain (or priority), ties in rubric order.

The gains are floats, and two gains that are equal in exact arithmetic can differ in their last
bits when they come from sections of different sizes (2.8846153846153846 and 2.884615384615384:
3/52 x 50 reached by two roads). Comparing those floats would let rounding noise decide which
action comes first. So the actions are sorted by their float gains, and every run of gains that
are equal but for rounding is sorted again by exact values: whole numbers where the weights, the
target and the percents allow (the usual case), :class:`fractions.Fraction` otherwise. The order
is the exact one, ties in rubric order, and exact arithmetic is paid for only where floats cannot
tell (bulk runs score every audit and stay as measured).

What is compared is the gain times sum(S) x (scale max - scale min), a factor every action of a
report shares:

    gain x sum(S) x span = S / W x item weight x (target x span - percent x span)

with S and W the section's effective and scored item weights (:mod:`svccheck.engine.scoring`);
S / W is 1 where the rubric weighs by items. Weights and the target are read as written (0.1 is
1/10), and a percent that is a whole scale step as its exact fraction (6 on 1..10 is 500/9).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from fractions import Fraction
from typing import TypeVar

from svccheck.engine.results import ItemResult, SectionResult
from svccheck.model.rubric import Rubric

T = TypeVar("T")
Exact = int | Fraction

# Gains are at most 100 points and carry rounding errors near 1e-14: gains closer than this are
# compared exactly, those further apart already compare correctly as floats.
NEAR = 1e-9

_WRITTEN: dict[float, Exact] = {}


def written(value: float) -> Exact:
    """A weight or target as written in the file: ``0.1`` is 1/10, not the float nearest it."""
    found = _WRITTEN.get(value)
    if found is None:  # a few distinct weights per rubric: each converted once
        found = int(value) if float(value).is_integer() else Fraction(repr(float(value)))
        _WRITTEN[value] = found
    return found


def percent_times_span(percent: float, span: int) -> Exact:
    """percent x span: a whole number for a whole scale step (``100 x (answer - min)``); anything
    else (a mean over several audits) from the float it is."""
    step = round(percent * span / 100)
    if 100.0 * step / span == percent:
        return 100 * step
    return Fraction(percent) * span


class GainKey:
    """Each action's gain times sum(S) x span, exact (see above); the sections' factors are
    worked out on the first near tie of a rubric that weighs its sections."""

    def __init__(self, rubric: Rubric, sections: Sequence[SectionResult]) -> None:
        self.span = rubric.scale.max - rubric.scale.min
        self.target = written(rubric.target) * self.span
        self.by_items = rubric.sections[0].weight is None
        self.sections = sections
        self.factors: dict[str, Exact] = {}  # section id -> S / W
        self.known: dict[Hashable, Exact] = {}

    def __call__(self, result: ItemResult) -> Exact:
        """The item's key; 0 for an item without a gain (it is never an action). Items of the
        same kind (section where it matters, weight, percent) have the same key, worked out
        once: most of a report's actions are of a few kinds."""
        percent = result.percent
        if result.gain is None or percent is None:
            return 0
        kind = (None if self.by_items else result.section_id, result.item.weight, percent)
        found = self.known.get(kind)
        if found is None:
            room = self.target - percent_times_span(percent, self.span)
            found = written(result.item.weight) * room
            if not self.by_items:
                found *= self._factor(result.section_id)
            self.known[kind] = found
        return found

    def _factor(self, section_id: str) -> Exact:
        if not self.factors:
            for section in self.sections:
                scored = [r.item.weight for r in section.items if r.percent is not None]
                if section.section.weight is not None and scored:
                    total = sum((written(weight) for weight in scored), Fraction(0))
                    declared = Fraction(written(section.section.weight))
                    self.factors[section.section.id] = declared / total
        return self.factors[section_id]


def ranked(
    entries: Sequence[T],
    exact: Callable[[T], Exact],
    approx: Callable[[T], float] | None = None,
) -> list[T]:
    """``entries`` (in rubric order) largest first by ``exact`` value, ties in rubric order.
    With ``approx`` (the float of the same value), they are sorted by it and only runs of
    values within :data:`NEAR` of each other are compared exactly: the same order, without
    exact arithmetic for every action of every audit in bulk."""
    if approx is None:
        return sorted(entries, key=lambda entry: -exact(entry))  # stable: ties in rubric order
    floats = [approx(entry) for entry in entries]
    order = sorted(range(len(entries)), key=lambda index: -floats[index])
    result: list[T] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end < len(order) and floats[order[end - 1]] - floats[order[end]] <= NEAR:
            continue  # still a run of values equal but for rounding
        run = order[start:end]
        # A run of one float value is a tie (exact values this close cannot round to the same
        # float and differ: gains come from small whole numbers and written weights), already in
        # rubric order; only floats that differ in their last bits are compared exactly.
        if len({floats[index] for index in run}) > 1:
            run.sort(key=lambda index: (-exact(entries[index]), index))
        result.extend(entries[index] for index in run)
        start = end
    return result
