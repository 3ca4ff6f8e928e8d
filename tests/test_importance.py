"""Customer importance: IPA quadrants and priorities, checked against figures computed by hand.

The flat rubrics here have one section of equally weighted items, so an item's potential gain is
(75 - percent) / number of items with a percent, and every figure below can be checked on paper.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.engine import importance, results, scoring
from svccheck.engine.results import Quadrant
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import NA, Answer, Audit, Score
from svccheck.model.rubric import Rubric

CONCENTRATE = Quadrant.CONCENTRATE_HERE
KEEP_UP = Quadrant.KEEP_UP_THE_GOOD_WORK
LOW = Quadrant.LOW_PRIORITY
OVERKILL = Quadrant.POSSIBLE_OVERKILL


def flat_rubric(ids: list[str], high: int = 5) -> Rubric:
    """One section of weight-1 items on the scale 1..``high``."""
    labels = "".join(f"    {point}: L{point}\n" for point in range(1, high + 1))
    items = "".join(
        f"""      - id: {item}
        title: Item {item}
        question: Is {item} done?
        guidance: {{low: never, mid: sometimes, high: always}}
        source: test.txt
        actions: [Do {item}., Check {item}.]
"""
        for item in ids
    )
    text = f"""\
id: flat
title: Flat rubric
version: 1
description: One section.
sources: [test.txt]
scale:
  min: 1
  max: {high}
  labels:
{labels}sections:
  - id: all
    title: Everything
    items:
{items}"""
    return rubric_files.parse_rubric(text, "flat.yaml")


def scored(rubric_: Rubric, answers: dict[str, Score], ratings: dict[str, int]) -> results.Report:
    audit = Audit(rubric="flat", answers=tuple(Answer(k, v) for k, v in answers.items()))
    return importance.apply(scoring.score(rubric_, audit), tuple(ratings.items()))


def quadrants(report: results.Report) -> dict[str, Quadrant]:
    assert report.importance is not None
    return {placed.result.item.id: placed.quadrant for placed in report.importance.ipa.items}


def test_hand_computed_quadrants_with_items_on_the_crosshairs() -> None:
    # Percents 0, 50, 50, 100, 25, 75: mean 300 / 6 = 50. Importances 3, 3, 1, 5, 2, 4: mean 3.
    ids = ["a", "b", "c", "d", "e", "f"]
    answers: dict[str, Score] = {"a": 1, "b": 3, "c": 3, "d": 5, "e": 2, "f": 4}
    report = scored(flat_rubric(ids), answers, {"a": 3, "b": 3, "c": 1, "d": 5, "e": 2, "f": 4})
    assert report.importance is not None
    assert report.importance.ipa.importance_mean == 3
    assert report.importance.ipa.performance_mean == 50
    assert quadrants(report) == {
        "a": CONCENTRATE,  # importance 3 on the crosshair counts as high; 0 < 50
        "b": KEEP_UP,  # on both crosshairs: high and high
        "c": OVERKILL,  # importance 1 is low; performance 50 on the crosshair counts as high
        "d": KEEP_UP,
        "e": LOW,
        "f": KEEP_UP,
    }
    assert [p.result.item.id for p in report.importance.ipa.in_quadrant(KEEP_UP)] == ["b", "d", "f"]


def test_hand_computed_quadrants_of_the_mini_rubric(mini_rubric: Path) -> None:
    # greet 5 -> 100, resolve 2 -> 25, billing 3 -> 50: performance mean 175/3 = 58.33.
    # Importances 2, 5, 4: mean 11/3 = 3.67. Section weights play no part in the IPA.
    loaded = rubric_files.load(str(mini_rubric))
    audit = Audit(
        rubric="mini", answers=(Answer("greet", 5), Answer("resolve", 2), Answer("billing", 3))
    )
    report = importance.apply(
        scoring.score(loaded, audit), (("greet", 2), ("resolve", 5), ("billing", 4))
    )
    assert report.importance is not None
    assert report.importance.ipa.importance_mean == Fraction(11, 3)
    assert report.importance.ipa.performance_mean == Fraction(175, 3)
    assert quadrants(report) == {"greet": OVERKILL, "resolve": CONCENTRATE, "billing": CONCENTRATE}


def test_all_importances_equal_every_item_is_high_importance() -> None:
    ids = ["a", "b", "c", "d"]
    answers: dict[str, Score] = {"a": 1, "b": 2, "c": 4, "d": 5}  # 0, 25, 75, 100: mean 50
    report = scored(flat_rubric(ids), answers, dict.fromkeys(ids, 4))
    assert quadrants(report) == {"a": CONCENTRATE, "b": CONCENTRATE, "c": KEEP_UP, "d": KEEP_UP}


@pytest.mark.parametrize(
    ("answer", "float_mean_is_above"),
    [
        pytest.param(6, True, id="six-float-mean-above-each"),
        pytest.param(9, False, id="nine-float-mean-below-each"),
    ],
)
def test_a_ten_point_scale_compares_exactly(answer: int, float_mean_is_above: bool) -> None:
    # Three answers of 6 on 1..10 are 500/9 % each: all exactly on the performance crosshair,
    # so all high. The float mean differs from each float percent, and for 6 it lies above them:
    # compared as floats, the three items would fall below their own mean.
    percent = 100.0 * (answer - 1) / 9
    float_mean = (percent + percent + percent) / 3
    assert float_mean != percent
    assert (float_mean > percent) is float_mean_is_above
    ids = ["a", "b", "c"]
    report = scored(flat_rubric(ids, high=10), dict.fromkeys(ids, answer), {"a": 1, "b": 3, "c": 5})
    assert report.importance is not None
    assert report.importance.ipa.performance_mean == Fraction(100 * (answer - 1), 9)
    assert quadrants(report) == {"a": OVERKILL, "b": KEEP_UP, "c": KEEP_UP}


def test_only_items_with_a_percent_and_an_importance_are_placed() -> None:
    ids = ["a", "b", "c", "d"]
    answers: dict[str, Score] = {"a": 1, "b": NA, "c": 5}  # d unanswered
    report = scored(flat_rubric(ids), answers, {"a": 2, "b": 5, "d": 5})
    assert report.importance is not None
    assert [p.result.item.id for p in report.importance.ipa.items] == ["a"]
    assert report.importance.ipa.importance_mean == 2  # b (n/a) and d (unanswered) left out
    assert quadrants(report) == {"a": KEEP_UP}  # alone on both crosshairs


def test_without_a_placed_item_there_are_no_crosshairs_and_priority_is_gain() -> None:
    report = scored(flat_rubric(["a", "b"]), {"a": 1, "b": 2}, {})
    assert report.importance is not None
    assert report.importance.ipa.importance_mean is None
    assert report.importance.ipa.items == ()
    assert [(r.result.item.id, r.priority) for r in report.importance.ranked] == [
        ("a", 37.5),
        ("b", 25.0),
    ]


def test_hand_computed_priorities_ties_in_rubric_order() -> None:
    # Four items: gains (75 - percent) / 4. Mean importance (3 + 1 + 5 + 3) / 4 = 3.
    #   i1: 3 -> 50%, gain 6.25,  importance 3: priority 6.25 x 3 / 3 = 6.25
    #   i2: 1 -> 0%,  gain 18.75, importance 1: priority 18.75 x 1 / 3 = 6.25  (a tie with i1)
    #   i3: 2 -> 25%, gain 12.5,  importance 5: priority 12.5 x 5 / 3 = 20.83
    #   i4: 5 -> 100%, no gain.
    ids = ["i1", "i2", "i3", "i4"]
    answers: dict[str, Score] = {"i1": 3, "i2": 1, "i3": 2, "i4": 5}
    plain = scoring.score(
        flat_rubric(ids), Audit("flat", answers=tuple(Answer(k, v) for k, v in answers.items()))
    )
    assert [r.item.id for r in plain.actions] == ["i2", "i3", "i1"]  # by gain
    report = scored(flat_rubric(ids), answers, {"i1": 3, "i2": 1, "i3": 5, "i4": 3})
    assert report.importance is not None
    assert [r.item.id for r in report.actions] == ["i3", "i1", "i2"]  # the tie in rubric order
    priorities = [r.priority for r in report.importance.ranked]
    assert priorities == [pytest.approx(62.5 / 3), 6.25, 6.25]
    assert [r.result.gain for r in report.importance.ranked] == [12.5, 6.25, 18.75]


def test_an_item_without_importance_counts_at_the_mean() -> None:
    # Gains (75 - percent) / 3: a 25 (0%), b 16.67 (25%), c 8.33 (50%). Rated: a 1, c 5; mean 3.
    # a: 25 x 1/3 = 8.33; b (no importance): its gain, 16.67; c: 8.33 x 5/3 = 13.89.
    ids = ["a", "b", "c"]
    report = scored(flat_rubric(ids), {"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 5})
    assert report.importance is not None
    ranked = report.importance.ranked
    assert [(r.result.item.id, r.importance) for r in ranked] == [("b", None), ("c", 5), ("a", 1)]
    assert ranked[0].priority == ranked[0].result.gain
    assert [r.priority for r in ranked] == pytest.approx([50 / 3, 125 / 9, 25 / 3])


answers_strategy = st.lists(st.sampled_from([1, 2, 3, 4, 5, None, NA]), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(answers=answers_strategy, level=st.integers(1, 5), rated=st.lists(st.booleans(), max_size=8))
def test_equal_importances_rank_as_gain(
    answers: list[Score], level: int, rated: list[bool]
) -> None:
    ids = [f"i{n}" for n in range(len(answers))]
    loaded = flat_rubric(ids)
    audit = Audit("flat", answers=tuple(Answer(i, a) for i, a in zip(ids, answers, strict=True)))
    plain = scoring.score(loaded, audit)
    # Equal importances, given for any subset of items (the others count at the mean).
    ratings = tuple((i, level) for i, r in zip(ids, rated, strict=False) if r)
    report = importance.apply(plain, ratings)
    assert report.actions == plain.actions
    assert report.importance is not None
    assert [r.priority for r in report.importance.ranked] == [r.gain for r in plain.actions]


@settings(max_examples=200, deadline=None)
@given(
    answers=answers_strategy,
    levels=st.lists(st.integers(1, 5), min_size=8, max_size=8),
    high=st.sampled_from([3, 5, 7, 10]),
)
def test_quadrants_follow_the_exact_means(
    answers: list[Score], levels: list[int], high: int
) -> None:
    ids = [f"i{n}" for n in range(len(answers))]
    loaded = flat_rubric(ids, high=high)
    answered = [a if not isinstance(a, int) else min(a, high) for a in answers]
    audit = Audit("flat", answers=tuple(Answer(i, a) for i, a in zip(ids, answered, strict=True)))
    report = importance.apply(scoring.score(loaded, audit), tuple(zip(ids, levels, strict=False)))
    assert report.importance is not None
    ipa = report.importance.ipa
    placed = [(i, a) for i, a in zip(ids, answered, strict=True) if isinstance(a, int)]
    assert [p.result.item.id for p in ipa.items] == [i for i, _ in placed]
    if not placed:
        return
    percents = {i: Fraction(100 * (a - 1), high - 1) for i, a in placed}
    rated = dict(zip(ids, levels, strict=False))
    assert ipa.performance_mean == sum(percents.values()) / len(placed)
    assert ipa.importance_mean == Fraction(sum(rated[i] for i, _ in placed), len(placed))
    for point in ipa.items:
        item = point.result.item.id
        assert point.quadrant.high_importance == (rated[item] >= ipa.importance_mean)
        assert point.quadrant.high_performance == (percents[item] >= ipa.performance_mean)
    # Every action keeps its gain; the priorities are the gains scaled by importance / mean.
    for entry in report.importance.ranked:
        assert entry.result.gain is not None
        factor = Fraction(rated[entry.result.item.id]) / ipa.importance_mean
        assert entry.priority == float(Fraction(entry.result.gain) * factor)


@pytest.mark.parametrize(
    ("high_importance", "high_performance", "quadrant", "label"),
    [
        pytest.param(True, False, CONCENTRATE, "Concentrate here", id="concentrate"),
        pytest.param(True, True, KEEP_UP, "Keep up the good work", id="keep-up"),
        pytest.param(False, False, LOW, "Low priority", id="low-priority"),
        pytest.param(False, True, OVERKILL, "Possible overkill", id="overkill"),
    ],
)
def test_quadrant_names(
    high_importance: bool, high_performance: bool, quadrant: Quadrant, label: str
) -> None:
    assert Quadrant.of(high_importance, high_performance) is quadrant
    assert quadrant.label == label
    assert (quadrant.high_importance, quadrant.high_performance) == (
        high_importance,
        high_performance,
    )


def test_reconcile_maps_replaced_ids_and_sets_unknown_ones_apart() -> None:
    base = flat_rubric(["new", "other"])
    section = base.sections[0]
    renamed = replace(section.items[0], replaces=("old",))
    edition = replace(base, sections=(replace(section, items=(renamed, section.items[1])),))
    seen = importance.reconcile((("old", 4), ("other", 2), ("gone", 5)), edition)
    assert seen.ratings == (("new", 4), ("other", 2))
    assert seen.renamed == (("old", "new"),)
    assert seen.removed == ("gone",)
    own_first = importance.reconcile((("old", 4), ("new", 1)), edition)
    assert own_first.ratings == (("new", 1),)
    assert own_first.removed == ()
