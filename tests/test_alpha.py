"""Krippendorff's alpha (ordinal) by hand, and against the ``krippendorff`` package."""

from __future__ import annotations

import math

import krippendorff
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.engine.alpha import (
    alpha_of,
    lower_median,
    ordinal_alpha,
    pair_shares,
    patterns,
    shares_of,
    spread,
)

NAN = math.nan


def package_alpha(by_coder: list[list[float]]) -> float:
    """The package's alpha; it takes one row per coder, one column per unit, NaN missing."""
    return float(krippendorff.alpha(reliability_data=by_coder, level_of_measurement="ordinal"))


def units_of(by_coder: list[list[float]]) -> list[list[int]]:
    """The same data as our function takes it: per unit, the values given."""
    return [
        [int(row[unit]) for row in by_coder if not math.isnan(row[unit])]
        for unit in range(len(by_coder[0]))
    ]


# Each case: coders x units, and alpha computed by hand (see the comments).
CASES = {
    # No pair of values differs: no observed disagreement, alpha 1.
    "perfect agreement": ([[1, 3, 5], [1, 3, 5]], 1.0),
    # Units (1,1), (2,2), (1,2): o12 = o21 = 1, n1 = n2 = 3, n = 6, delta12 = 3^2 = 9;
    # alpha = 1 - 5 * 18 / (2 * 3 * 3 * 9) = 4/9.
    "one disagreement": ([[1, 2, 1], [1, 2, 2]], 4 / 9),
    # The same plus a unit with one value, which pairs with nothing and changes nothing.
    "missing values": ([[1, 2, 1, 3], [1, 2, 2, NAN]], 4 / 9),
    # Units (1,1,2), (3,3,3): o12 = o21 = 1, o33 = 3, n = (2, 1, 3), delta12 = 1.5^2,
    # delta13 = 3.5^2, delta23 = 2^2; alpha = 1 - 5 * 4.5 / 180 = 0.875.
    "three coders": ([[1, 3], [1, 3], [2, 3]], 0.875),
}


@pytest.mark.parametrize(("by_coder", "expected"), CASES.values(), ids=CASES.keys())
def test_hand_computed_cases_match_the_package(
    by_coder: list[list[float]], expected: float
) -> None:
    ours = ordinal_alpha(units_of(by_coder))
    assert ours == pytest.approx(expected)
    assert ours == pytest.approx(package_alpha(by_coder))


def test_ordinal_is_not_interval() -> None:
    # 1 vs 2 and 4 vs 5 are one step each, but ordinal distance counts the values between them.
    by_coder: list[list[float]] = [[1, 2, 4, 5, 1], [2, 2, 5, 5, 1]]
    assert ordinal_alpha(units_of(by_coder)) == pytest.approx(package_alpha(by_coder))
    interval = krippendorff.alpha(reliability_data=by_coder, level_of_measurement="interval")
    assert ordinal_alpha(units_of(by_coder)) != pytest.approx(interval)


@pytest.mark.parametrize(
    "units",
    [
        pytest.param([], id="no units"),
        pytest.param([[3], [4]], id="no unit with two values"),
        pytest.param([[3, 3], [3, 3, 3]], id="no variation"),
    ],
)
def test_undefined_is_none(units: list[list[int]]) -> None:
    assert ordinal_alpha(units) is None


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda coders: st.lists(
            st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=coders, max_size=coders),
            min_size=1,
            max_size=12,
        )
    )
)
def test_random_data_matches_the_package(units: list[list[int | None]]) -> None:
    coders = range(len(units[0]))
    by_coder = [[NAN if (v := u[c]) is None else float(v) for u in units] for c in coders]
    ours = ordinal_alpha([[v for v in u if v is not None] for u in units])
    pairable = {v for u in units if sum(x is not None for x in u) >= 2 for v in u if v is not None}
    if ours is None:
        assert len(pairable) <= 1
        return
    assert ours == pytest.approx(package_alpha(by_coder), abs=1e-9)


UNITS = st.lists(
    st.lists(st.integers(1, 5), min_size=0, max_size=5).filter(lambda u: len(u) != 4),
    max_size=30,
)


@given(UNITS, UNITS)
def test_patterns_of_parts_add_up_to_the_whole(
    first: list[list[int]], second: list[list[int]]
) -> None:
    # Sections are summed from their items' patterns: the same figures as from all units at
    # once, to the last bit (units of 2, 3 or 5 values: every term is exact).
    together = patterns(first) + patterns(second)
    assert alpha_of(together) == ordinal_alpha(first + second)
    assert shares_of(together) == pair_shares(first + second)


def test_pair_shares() -> None:
    # Pairs: (3,3) exact; (1,2) within one; (1,4), (2,4) far; (5,4) within one.
    shares = pair_shares([[3, 3], [1, 2, 4], [5, 4], [2]])
    assert shares.pairs == 5
    assert shares.exact == pytest.approx(1 / 5)
    assert shares.within_one == pytest.approx(3 / 5)
    assert pair_shares([[1], []]).exact is None


def test_lower_median_and_spread() -> None:
    assert lower_median([4, 2]) == 2
    assert lower_median([2, 4, 3]) == 3
    assert lower_median([5]) == 5
    assert spread([2, 5, 3]) == 3
    assert spread([]) == 0
