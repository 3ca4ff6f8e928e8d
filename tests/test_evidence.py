"""Evidence: claims, confidence and the --require-evidence cap against hand-computed figures,
staleness by date, and the review the reports show."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.engine import evidence, scoring
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import NA, Answer, Audit, Evidence, Score
from svccheck.model.header import Header
from svccheck.model.rubric import Rubric
from tests.conftest import MINI_RUBRIC

E = (Evidence("board minutes"),)
Given = tuple[Score, tuple[Evidence, ...] | None]


def audit_from(answers: dict[str, Given], date: str | None = "2026-09-30") -> Audit:
    given = tuple(Answer(k, score, None, found) for k, (score, found) in answers.items())
    return Audit(rubric="mini", date=date, answers=given)


def audit_of(**answers: Given) -> Audit:
    return audit_from(answers)


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    """The mini rubric (front: greet w1, resolve w3, weight 2; back: billing, weight 1), with
    evidence needed from 4 and stale after 12 months."""
    loaded = rubric_files.load_rubric_file(str(mini_rubric))
    return replace(loaded, evidence_from=4, evidence_max_age=12)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        pytest.param({"greet": (5, E), "resolve": (4, None), "billing": (3, None)}, 0.5, id="half"),
        pytest.param({"greet": (5, E), "resolve": (4, E), "billing": (2, None)}, 1.0, id="all"),
        pytest.param({"greet": (5, ()), "resolve": (4, None)}, 0.0, id="missing-and-none"),
        pytest.param({"greet": (3, E), "resolve": (2, None)}, None, id="no-claim"),
        pytest.param({"greet": (NA, E), "resolve": (None, E)}, None, id="na-and-unanswered"),
        pytest.param(
            {"greet": (4, E), "resolve": (5, ()), "billing": (4, None)}, 1 / 3, id="one-of-three"
        ),
    ],
)
def test_confidence_is_the_share_of_claims_with_evidence(
    mini: Rubric, answers: dict[str, Given], expected: float | None
) -> None:
    report = scoring.score(mini, audit_from(answers))
    assert report.confidence == (None if expected is None else pytest.approx(expected))


def test_a_rubric_without_evidence_from_has_no_claims(mini: Rubric) -> None:
    plain = replace(mini, evidence_from=None)
    report = scoring.score(plain, audit_of(greet=(5, None)), require_evidence=True)
    assert report.confidence is None
    assert report.overall == 100.0


def test_require_evidence_counts_an_unsupported_claim_as_evidence_from_minus_one(
    mini: Rubric,
) -> None:
    audit = audit_of(greet=(5, E), resolve=(4, None), billing=(3, None))
    # Without: front (1 x 100 + 3 x 75) / 4 = 81.25, back 50: (2 x 81.25 + 50) / 3 = 70.83.
    assert scoring.score(mini, audit).overall == pytest.approx(70.8333333)
    capped = scoring.score(mini, audit, require_evidence=True)
    # resolve counts as 3 (50%): front (100 + 3 x 50) / 4 = 62.5; (2 x 62.5 + 50) / 3 = 58.33.
    assert [s.score for s in capped.sections] == [62.5, 50.0]
    assert capped.overall == pytest.approx(58.3333333)
    resolve = next(r for r in capped.items() if r.item.id == "resolve")
    assert (resolve.answer, resolve.percent) == (4, 50.0)  # the answer stays what was given
    # Its gain is the distance from the counted score: (2/3) x (3/4) x (75 - 50) = 12.5.
    assert resolve.gain == pytest.approx(12.5)
    assert capped.confidence == 0.5  # confidence counts claims, capped or not


def test_require_evidence_never_raises_a_score_and_keeps_the_strict_floor(mini: Rubric) -> None:
    # A recorded-missing 4 counts as 3; unanswered billing counts as 1 (0%) under --strict.
    audit = audit_of(greet=(2, ()), resolve=(4, ()))
    report = scoring.score(mini, audit, strict=True, require_evidence=True)
    assert [r.percent for r in report.items()] == [25.0, 50.0, 0.0]
    # front (25 + 3 x 50) / 4 = 43.75; back 0: (2 x 43.75 + 0) / 3 = 29.17.
    assert report.overall == pytest.approx(29.1666667)


@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.sampled_from([1, 2, 3, 4, 5, NA, None]), min_size=3, max_size=3),
    supported=st.lists(st.sampled_from([None, (), E]), min_size=3, max_size=3),
    threshold=st.integers(2, 5),
)
def test_the_cap_only_lowers_and_only_unsupported_claims(
    scores: list[Score], supported: list[tuple[Evidence, ...] | None], threshold: int
) -> None:
    loaded = replace(rubric_files.parse_rubric(MINI_RUBRIC, "mini.yaml"), evidence_from=threshold)
    ids = ["greet", "resolve", "billing"]
    audit = Audit("mini", answers=tuple(map(Answer, ids, scores, [None] * 3, supported)))
    plain = scoring.score(loaded, audit)
    capped = scoring.score(loaded, audit, require_evidence=True)
    for before, after, found in zip(plain.items(), capped.items(), supported, strict=True):
        if isinstance(before.answer, int) and before.answer >= threshold and not found:
            assert after.percent == scoring.percent(threshold - 1, loaded.scale)
        else:
            assert after.percent == before.percent
    if plain.overall is not None:
        assert capped.overall is not None
        assert capped.overall <= plain.overall + 1e-9


@pytest.mark.parametrize(
    ("date", "period", "expected"),
    [
        pytest.param("2026-05-15", "2026-Q3", dt.date(2026, 5, 15), id="date-first"),
        pytest.param(None, "2026-Q3", dt.date(2026, 9, 30), id="quarter-end"),
        pytest.param(None, "2026-02", dt.date(2026, 2, 28), id="month-end"),
        pytest.param(None, "2024-02", dt.date(2024, 2, 29), id="leap-month-end"),
        pytest.param(None, "2026-02-03", dt.date(2026, 2, 3), id="period-is-a-date"),
        pytest.param(None, None, None, id="nothing"),
    ],
)
def test_evidence_ages_are_counted_to_the_audit_date_or_the_end_of_its_period(
    date: str | None, period: str | None, expected: dt.date | None
) -> None:
    assert evidence.as_of(Header("mini", period=period, date=date)) == expected


@pytest.mark.parametrize(
    ("dated", "day", "months", "stale"),
    [
        pytest.param("2025-09-30", dt.date(2026, 9, 30), 12, False, id="exactly-12-months"),
        pytest.param("2025-09-29", dt.date(2026, 9, 30), 12, True, id="a-day-older"),
        pytest.param("2025-09", dt.date(2026, 9, 30), 12, False, id="month-counts-as-its-end"),
        pytest.param("2025-08", dt.date(2026, 9, 15), 12, True, id="whole-month-too-old"),
        pytest.param("2025-09", dt.date(2026, 9, 15), 12, False, id="month-partly-in-time"),
        pytest.param("2026-02-28", dt.date(2026, 3, 31), 1, False, id="short-month-clamped"),
        pytest.param("2026-02-27", dt.date(2026, 3, 31), 1, True, id="short-month-older"),
        pytest.param("2023-02-28", dt.date(2024, 2, 29), 12, False, id="leap-day"),
        pytest.param("2027-01-01", dt.date(2026, 9, 30), 12, False, id="after-the-audit"),
        pytest.param(None, dt.date(2026, 9, 30), 12, None, id="undated"),
        pytest.param("2020-01-01", None, 12, None, id="no-audit-date"),
        pytest.param("2020-01-01", dt.date(2026, 9, 30), None, None, id="no-limit"),
    ],
)
def test_staleness(dated: str | None, day: dt.date | None, months: int | None, stale: bool) -> None:
    assert evidence.is_stale(Evidence("x", dated), day, months) is stale


def test_the_review_lists_unsupported_claims_and_stale_evidence(mini: Rubric) -> None:
    old = (Evidence("survey", "2025-01"), Evidence("log", None), Evidence("plan", "2026-08-01"))
    audit = audit_of(greet=(5, old), resolve=(4, ()), billing=(4, None))
    found = evidence.review(scoring.score(mini, audit, require_evidence=True))
    assert (found.evidence_from, found.max_age, found.as_of) == (4, 12, dt.date(2026, 9, 30))
    assert found.claims == 3
    assert [r.item.id for r in found.unsupported] == ["resolve", "billing"]
    assert [(s.result.item.id, s.entries) for s in found.stale] == [("greet", old[:1])]
    assert found.confidence == pytest.approx(1 / 3)
    assert found.counted_as == 3


def test_stale_evidence_still_supports_a_claim(mini: Rubric) -> None:
    audit = audit_of(greet=(5, (Evidence("survey", "2020-01"),)))
    report = scoring.score(mini, audit, require_evidence=True)
    assert report.confidence == 1.0
    assert report.overall == 100.0
    assert evidence.review(report).counted_as == 3
