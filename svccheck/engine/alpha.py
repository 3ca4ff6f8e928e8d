"""Krippendorff's alpha with the ordinal metric, and pairwise agreement shares.

Our own implementation rather than the ``krippendorff`` package: that package needs numpy, which
adds about 0.2 s to every ``svccheck combine`` (measured: ``import krippendorff`` 130-220 ms
cumulative on the CI machine against 30 ms for a bare interpreter), for a sum over a few hundred
answers. The tests check this module against the package (tests/test_alpha.py).

Reference: Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School
for Communication, University of Pennsylvania; and Krippendorff, K. (2019). *Content Analysis: An
Introduction to Its Methodology*, 4th ed., ch. 12.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import combinations

from svccheck.core.record import record

# Units by their values: each distinct unit (its values sorted) with how often it occurs.
Patterns = Counter[tuple[int, ...]]


def patterns(units: Iterable[Sequence[int]]) -> Patterns:
    """The units that pair values (two or more), each distinct one with how often it occurs.

    Every sum here is over units, and units with the same values add the same to it: thousands
    of units of a few assessors on a five-point scale have a few dozen patterns. (With two,
    three or five values to a unit every term is exact, so the sums are the unit-by-unit sums to
    the last bit; otherwise they differ from those at most by rounding in the last bit.) The
    patterns of several sets of units add up (``+``) to those of all of them.
    """
    return Counter(tuple(sorted(values)) for values in units if len(values) >= 2)


def ordinal_alpha(units: Iterable[Sequence[int]]) -> float | None:
    """Alpha over ``units``, each the values coders gave one unit (missing values left out).

    ``None`` where alpha is undefined: no unit has two values (nothing to pair), or every paired
    value is the same (no variation, so no expected disagreement to compare with).
    """
    return alpha_of(patterns(units))


def alpha_of(found: Patterns) -> float | None:
    """:func:`ordinal_alpha` of the units with these patterns."""
    if not found:
        return None
    domain = sorted({value for values in found for value in values})
    position = {value: index for index, value in enumerate(domain)}
    size = len(domain)
    # The coincidence matrix: every ordered pair of values within a unit, weighted 1/(m - 1),
    # each distinct unit once, times how often it occurs.
    coincidences = [[0.0] * size for _ in range(size)]
    for values, times in found.items():
        counts = Counter(position[value] for value in values)
        weight = times / (len(values) - 1)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                coincidences[c][k] += n_c * (n_k - (c == k)) * weight
    totals = [sum(row) for row in coincidences]
    n = sum(totals)
    delta = _ordinal_distances(totals)
    observed = sum(
        coincidences[c][k] * delta[c][k] for c in range(size) for k in range(size) if c != k
    )
    expected = sum(
        totals[c] * totals[k] * delta[c][k] for c in range(size) for k in range(size) if c != k
    )
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def _ordinal_distances(totals: list[float]) -> list[list[float]]:
    """The squared ordinal distance of every pair of values: how many pairable values lie
    between them (half of each end counted), squared."""
    cumulative = [0.0]
    for total in totals:
        cumulative.append(cumulative[-1] + total)
    size = len(totals)
    delta = [[0.0] * size for _ in range(size)]
    for c in range(size):
        for k in range(c + 1, size):
            between = cumulative[k + 1] - cumulative[c] - (totals[c] + totals[k]) / 2
            delta[c][k] = delta[k][c] = between * between
    return delta


@record
class PairShares:
    """Over every pair of values within a unit: how many pairs, and the share exactly equal and
    within one scale step (``None`` when there is no pair)."""

    pairs: int
    exact: float | None
    within_one: float | None


def pair_shares(units: Iterable[Sequence[int]]) -> PairShares:
    """Count every pair of coders' values on the same unit."""
    return shares_of(patterns(units))


def shares_of(found: Patterns) -> PairShares:
    """:func:`pair_shares` of the units with these patterns."""
    pairs = equal = close = 0
    for values, times in found.items():
        for a, b in combinations(values, 2):
            pairs += times
            equal += times * (a == b)
            close += times * (abs(a - b) <= 1)
    if not pairs:
        return PairShares(0, None, None)
    return PairShares(pairs, equal / pairs, close / pairs)


def lower_median(values: Sequence[int]) -> int:
    """The lower median: of 2 and 4, 2; of 2, 3 and 4, 3 (always one of the values given)."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def spread(values: Iterable[int]) -> int:
    """Highest minus lowest value (0 for fewer than two)."""
    given = list(values)
    return max(given) - min(given) if given else 0


__all__ = [
    "PairShares",
    "Patterns",
    "alpha_of",
    "lower_median",
    "ordinal_alpha",
    "pair_shares",
    "patterns",
    "shares_of",
    "spread",
]
