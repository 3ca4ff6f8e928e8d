"""The scoring model, checked against figures computed by hand and against its invariants."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.engine import ranking, scoring
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model import rubric
from svccheck.model.audit import Answer, Audit, Score
from svccheck.model.rubric import Item, Rubric, Section


def audit_of(**answers: Score) -> Audit:
    return Audit(rubric="mini", answers=tuple(Answer(k, v) for k, v in answers.items()))


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    return rubric_files.load_rubric_file(str(mini_rubric))


def test_hand_computed_report(mini: Rubric) -> None:
    # front (weight 2): greet 5 -> 100 (w1), resolve 2 -> 25 (w3): (100 + 75) / 4 = 43.75
    # back (weight 1): billing 3 -> 50.  overall = (2 x 43.75 + 50) / 3 = 45.833...
    report = scoring.score(mini, audit_of(greet=5, resolve=2, billing=3))
    assert [s.score for s in report.sections] == [43.75, 50.0]
    assert report.overall == pytest.approx(45.8333333)
    assert report.level == "Developing"
    assert report.coverage == 1.0
    assert [s.section.id for s in report.weakest] == ["front", "back"]
    # resolve: (2/3) x (3/4) x (75 - 25) = 25;  billing: (1/3) x (1/1) x (75 - 50) = 8.33
    assert [(r.item.id, pytest.approx(r.gain)) for r in report.actions] == [
        ("resolve", pytest.approx(25.0)),
        ("billing", pytest.approx(8.3333333)),
    ]


@pytest.fixture
def unweighted(mini: Rubric) -> Rubric:
    """The mini rubric without section weights: every item counts by its own weight."""
    return replace(mini, sections=tuple(replace(s, weight=None) for s in mini.sections))


def test_hand_computed_report_without_section_weights(unweighted: Rubric) -> None:
    # Items: greet 100 (w1), resolve 25 (w3), billing 50 (w1): (100 + 75 + 50) / 5 = 45.
    report = scoring.score(unweighted, audit_of(greet=5, resolve=2, billing=3))
    assert [s.score for s in report.sections] == [43.75, 50.0]  # section scores as before
    assert report.overall == pytest.approx(45.0)
    # S: front 1 + 3 = 4, back 1; shares 4/5 and 1/5.
    assert [s.share for s in report.sections] == [pytest.approx(0.8), pytest.approx(0.2)]
    # resolve: 0.8 x 3/4 x (75 - 25) = 30 = 3/5 x 50;  billing: 0.2 x 1 x 25 = 5.
    assert [r.item.id for r in report.actions] == ["resolve", "billing"]
    assert [r.gain for r in report.actions] == [pytest.approx(30.0), pytest.approx(5.0)]


def test_hand_computed_shares_with_section_weights(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of(greet=5, resolve=2, billing=3))
    assert [s.share for s in report.sections] == [pytest.approx(2 / 3), pytest.approx(1 / 3)]
    assert scoring.item_shares(mini) == {
        "greet": pytest.approx(2 / 3 * 1 / 4),
        "resolve": pytest.approx(2 / 3 * 3 / 4),
        "billing": pytest.approx(1 / 3),
    }


def test_item_shares_without_section_weights_follow_item_weights(unweighted: Rubric) -> None:
    assert scoring.item_shares(unweighted) == {
        "greet": pytest.approx(1 / 5),
        "resolve": pytest.approx(3 / 5),
        "billing": pytest.approx(1 / 5),
    }


def test_unanswered_items_do_not_weigh_without_section_weights(unweighted: Rubric) -> None:
    # greet unanswered: front weighs 3 (resolve only), back 1: (3 x 25 + 50) / 4 = 31.25.
    report = scoring.score(unweighted, audit_of(resolve=2, billing=3))
    assert report.overall == pytest.approx(31.25)
    assert [s.share for s in report.sections] == [pytest.approx(0.75), pytest.approx(0.25)]


def test_na_is_left_out_of_means_and_counts_as_answered(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of(greet="n/a", resolve=2, billing=3))
    assert report.sections[0].score == 25.0
    assert report.overall == pytest.approx(100 / 3)
    assert report.coverage == 1.0
    assert report.actions[0].gain == pytest.approx((2 / 3) * 1 * 50)
    assert [r.item.id for r in report.not_applicable()] == ["greet"]


def test_unanswered_items_are_left_out_and_lower_coverage(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of(greet=5, resolve=2))
    assert report.sections[1].score is None
    assert report.overall == 43.75
    assert report.coverage == pytest.approx(2 / 3)
    assert [r.item.id for r in report.unanswered()] == ["billing"]
    assert [s.section.id for s in report.weakest] == ["front"]


def test_strict_counts_unanswered_as_lowest(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of(greet=5, resolve=2), strict=True)
    assert report.sections[1].score == 0.0
    assert report.overall == pytest.approx(87.5 / 3)
    assert report.coverage == pytest.approx(2 / 3)


def test_nothing_answered_has_no_score(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of())
    assert report.overall is None
    assert report.level is None
    assert report.actions == ()
    assert report.coverage == 0.0


def test_empty_sections_weight_is_not_counted(mini: Rubric) -> None:
    # Only "back" is scored, so its items carry the whole overall score: gain = 1 x 1 x 75.
    report = scoring.score(mini, audit_of(billing=1))
    assert report.overall == 0.0
    assert report.actions[0].gain == 75.0


@pytest.mark.parametrize(
    ("low", "high", "answer", "expected"),
    [
        pytest.param(0, 4, 0, 0.0, id="0..4-bottom"),
        pytest.param(0, 4, 3, 75.0, id="0..4-three"),
        pytest.param(1, 10, 10, 100.0, id="1..10-top"),
        pytest.param(1, 10, 4, 100 / 3, id="1..10-four"),
    ],
)
def test_custom_scales(low: int, high: int, answer: int, expected: float) -> None:
    scale = rubric.Scale(low, high, tuple(str(p) for p in range(low, high + 1)))
    assert scoring.percent(answer, scale) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("overall", "expected"),
    [
        pytest.param(0.0, "Start", id="bottom"),
        pytest.param(69.99, "Start", id="just-below"),
        pytest.param(70.0, "Good", id="boundary"),
        pytest.param(100.0, "Good", id="top"),
    ],
)
def test_custom_levels(mini: Rubric, overall: float, expected: str) -> None:
    custom = replace(mini, levels=(rubric.Level("Start", 0), rubric.Level("Good", 70)))
    assert scoring.level_for(custom, overall) == expected


def test_ties_keep_rubric_order(mini: Rubric) -> None:
    report = scoring.score(mini, audit_of(greet=3, resolve=3, billing=3))
    assert [s.section.id for s in report.weakest] == ["front", "back"]
    assert [r.item.id for r in report.actions] == ["resolve", "billing", "greet"]


# Property tests over random rubrics and answers -------------------------------------------

weights = st.sampled_from([0.5, 1.0, 2.0, 3.0])
answers = st.one_of(st.integers(1, 5), st.just("n/a"), st.none())


@st.composite
def rubric_and_audit(draw: st.DrawFn, section_weights: bool | None = None) -> tuple[Rubric, Audit]:
    """A random rubric, with section weights on every section or none, and random answers."""
    base = rubric_files.load("leadership-strategies")
    counter = iter(range(1000))
    weighted = draw(st.booleans()) if section_weights is None else section_weights
    sections = []
    for s in range(draw(st.integers(1, 4))):
        items = []
        for _ in range(draw(st.integers(1, 4))):
            template = base.sections[0].items[0]
            items.append(replace(template, id=f"i{next(counter)}", weight=draw(weights)))
        weight = draw(weights) if weighted else None
        sections.append(Section(f"s{s}", "S", weight, "", tuple(items)))
    built = replace(base, sections=tuple(sections))
    audit = Audit(
        rubric="x", answers=tuple(Answer(item.id, draw(answers)) for _, item in built.items())
    )
    return built, audit


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit())
def test_every_score_is_a_percent(case: tuple[Rubric, Audit]) -> None:
    report = scoring.score(*case)
    values = [
        report.overall,
        *(s.score for s in report.sections),
        *(r.percent for r in report.items()),
    ]
    assert all(0 <= v <= 100 for v in values if v is not None)
    assert all(r.gain is None or 0 < r.gain <= 100 for r in report.items())


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit(), st.randoms())
def test_order_does_not_change_scores(case: tuple[Rubric, Audit], rnd: object) -> None:
    built, audit = case
    report = scoring.score(built, audit)
    shuffled_sections = list(built.sections)
    rnd.shuffle(shuffled_sections)  # type: ignore[attr-defined]
    reordered = replace(
        built,
        sections=tuple(replace(s, items=tuple(reversed(s.items))) for s in shuffled_sections),
    )
    again = scoring.score(reordered, audit)
    assert again.overall == pytest.approx(report.overall)
    by_id = {s.section.id: s.score for s in again.sections}
    assert all(by_id[s.section.id] == pytest.approx(s.score) for s in report.sections)


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit(), st.sampled_from([0.25, 3.0, 10.0]))
def test_scaling_all_weights_changes_nothing(case: tuple[Rubric, Audit], factor: float) -> None:
    built, audit = case

    def scaled(item: Item) -> Item:
        return replace(item, weight=item.weight * factor)

    heavier = replace(
        built,
        sections=tuple(
            replace(
                s,
                weight=None if s.weight is None else s.weight * factor,
                items=tuple(scaled(i) for i in s.items),
            )
            for s in built.sections
        ),
    )
    assert scoring.score(heavier, audit).overall == pytest.approx(
        scoring.score(built, audit).overall
    )


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit(), st.data())
def test_na_never_moves_a_section_score(case: tuple[Rubric, Audit], data: st.DataObject) -> None:
    built, audit = case
    unanswered = [a for a in audit.answers if a.score is None]
    if not unanswered:
        return
    target = data.draw(st.sampled_from(unanswered))
    marked = audit.with_answer(Answer(target.item_id, "n/a"))
    before = [s.score for s in scoring.score(built, audit).sections]
    after = [s.score for s in scoring.score(built, marked).sections]
    assert before == after


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit(section_weights=False), st.data())
def test_doubling_an_item_weight_raises_its_share_whatever_its_section(
    case: tuple[Rubric, Audit], data: st.DataObject
) -> None:
    built, _ = case
    ids = built.item_ids()
    chosen = data.draw(st.sampled_from(ids))
    doubled = replace(
        built,
        sections=tuple(
            replace(
                s,
                items=tuple(
                    replace(i, weight=i.weight * 2) if i.id == chosen else i for i in s.items
                ),
            )
            for s in built.sections
        ),
    )
    before, after = scoring.item_shares(built), scoring.item_shares(doubled)
    if len(ids) > 1:
        assert after[chosen] > before[chosen]
    # Without section weights an item's share is its weight over all the weights.
    total = sum(item.weight for _, item in doubled.items())
    assert after == {i.id: pytest.approx(i.weight / total) for _, i in doubled.items()}


@settings(max_examples=200, deadline=None)
@given(rubric_and_audit())
def test_shares_sum_to_one_and_gains_add_up(case: tuple[Rubric, Audit]) -> None:
    built, audit = case
    report = scoring.score(built, audit)
    shares = [s.share for s in report.sections]
    if report.overall is None:
        assert shares == [None] * len(shares)
        return
    assert sum(share or 0.0 for share in shares) == pytest.approx(1.0)
    # Raising every item below the target to it gains exactly the sum of the gains.
    percents = {r.item.id: r.percent for r in report.items()}
    raised = {k: (max(v, built.target) if v is not None else None) for k, v in percents.items()}
    _, new_overall = scoring.section_scores(built, raised)
    gains = sum(r.gain or 0.0 for r in report.items())
    assert new_overall is not None
    assert new_overall - report.overall == pytest.approx(gains)


def exact_gains(built: Rubric, audit: Audit) -> dict[str, Fraction]:
    """The gains of docs/scoring.md in exact arithmetic, written out here independently."""
    given = {a.item_id: a.score for a in audit.answers}
    target = Fraction(repr(built.target))
    percents = {
        item.id: Fraction(100 * (given[item.id] - 1), 4)  # type: ignore[operator]
        for _, item in built.items()
        if isinstance(given.get(item.id), int)
    }
    scored = {
        s.id: sum((Fraction(repr(i.weight)) for i in s.items if i.id in percents), Fraction(0))
        for s in built.sections
    }
    effective = {
        s.id: (Fraction(repr(s.weight)) if s.weight is not None else scored[s.id])
        for s in built.sections
        if scored[s.id]
    }
    total = sum(effective.values(), Fraction(0))
    return {
        item.id: effective[s.id] / total * Fraction(repr(item.weight)) / scored[s.id]
        * (target - percents[item.id])
        for s in built.sections
        for item in s.items
        if item.id in percents and percents[item.id] < target
    }  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(rubric_and_audit())
def test_actions_are_ranked_by_exact_gain_ties_in_rubric_order(case: tuple[Rubric, Audit]) -> None:
    built, audit = case
    exact = exact_gains(built, audit)
    position = {item_id: index for index, item_id in enumerate(built.item_ids())}
    expected = sorted(exact, key=lambda item_id: (-exact[item_id], position[item_id]))
    assert [r.item.id for r in scoring.score(built, audit).actions] == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.fractions(min_value=0, max_value=100, max_denominator=60), min_size=0, max_size=30)
)
def test_ranking_by_floats_with_exact_runs_is_the_exact_order(values: list[Fraction]) -> None:
    # Floats sorted first, near-equal runs compared exactly: the same order as comparing every
    # value exactly, ties in the order given (rubric order).
    entries = list(range(len(values)))
    by_exact = ranking.ranked(entries, lambda index: values[index])
    assert ranking.ranked(entries, lambda i: values[i], lambda i: float(values[i])) == by_exact
    # Noise in the last bits of the floats changes nothing.
    noisy = [float(value) * (1 + 1e-15 * (-1) ** index) for index, value in enumerate(values)]
    assert ranking.ranked(entries, lambda i: values[i], lambda i: noisy[i]) == by_exact
