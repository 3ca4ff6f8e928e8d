"""Partly-met bands: one rule a kind of threshold, strictly between a rung and the one below,
printed with the criterion wherever criteria are shown."""

from __future__ import annotations

import copy
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.bank import BANK, LEVEL_ONE
from svccheck.cli.app import app
from svccheck.formats.rubric import bands, criteria
from svccheck.formats.rubric import loading as rubric_files
from tests.test_criteria import ITEM

BANK_ITEMS: list[dict[str, Any]] = yaml.safe_load((BANK / "items.yaml").read_text())
BUILT_IN = ["service-excellence", "world-class-practices", "leadership-strategies",
            "service-value-chain", "customer-expectations", "service-culture"]  # fmt: skip


def _value(kind: str | None, value: Any) -> Fraction:
    """A threshold or band on one scale that grows with strength, from the bank's data alone."""
    if kind in ("share", "months"):
        return Fraction(value[0], value[1])
    if kind == "at_most":
        return -Fraction(str(value))
    if kind is None:  # a window: longer is weaker
        return -Fraction(value)
    return Fraction(str(value))


@pytest.mark.parametrize("item", BANK_ITEMS, ids=lambda item: item["id"])
def test_every_band_lies_between_its_threshold_and_the_rung_below(item: dict[str, Any]) -> None:
    below: dict[str, Fraction] = {}
    for level, found in criteria.levels_of(item).items():
        for rung in found:
            if rung.threshold is None:
                assert rung.partly is None, (level, rung.id)
                continue
            threshold = _value(rung.kind, rung.threshold)
            if rung.partly is not None:
                band = _value(rung.kind, rung.partly)
                assert band < threshold, (level, rung.id)
                assert rung.id not in below or below[rung.id] < band, (level, rung.id)
            below[rung.id] = threshold


@given(st.integers(1, 10), st.integers(2, 10), st.one_of(st.none(), st.integers(1, 9)))
def test_share_bands_follow_the_rule(k: int, n: int, lower_k: int | None) -> None:
    k = min(k, n - 1)
    lower = None if lower_k is None else Fraction(lower_k, 10) * Fraction(k, n)  # below k in n
    band = bands.share_band(k, n, lower)
    if k < 2:
        assert band is None  # one fewer than 1 in n is nothing
        return
    one_fewer = Fraction(k - 1, n)
    expected = one_fewer if lower is None or one_fewer > lower else (lower + Fraction(k, n)) / 2
    assert band == expected
    assert band < Fraction(k, n)
    assert lower is None or lower < band


@given(st.integers(1, 20), st.one_of(st.none(), st.integers(0, 19)))
def test_count_bands_follow_the_rule(count: int, lower: int | None) -> None:
    lower = None if lower is None else min(lower, count - 1)
    band = bands.count_band(count, lower)
    if count == 1 or (lower is not None and count - 1 <= lower):
        assert band is None
    else:
        assert band == count - 1


@given(st.integers(10, 100), st.one_of(st.none(), st.integers(1, 99)))
def test_rate_bands_follow_the_rule(rate: int, lower: int | None) -> None:
    low = None if lower is None or lower >= rate else Fraction(lower)
    band = bands.rate_band(Fraction(rate), low)
    expected = Fraction(rate - 5)
    if low is not None and expected <= low:
        expected = (low + rate) / 2
    assert band == expected
    assert low is None or low < band < rate


@given(st.fractions(Fraction(1, 10), 50), st.one_of(st.none(), st.fractions(Fraction(1, 10), 99)))
def test_ceiling_bands_follow_the_rule(ceiling: Fraction, lower: Fraction | None) -> None:
    low = None if lower is None or lower <= ceiling else lower  # a lower rung allows more
    band = bands.ceiling_band(ceiling, low)
    expected = ceiling * Fraction(6, 5)
    if low is not None and expected >= low:
        expected = (low + ceiling) / 2
    assert band == expected
    assert ceiling < band
    assert low is None or band < low


@given(st.integers(1, 12), st.integers(3, 12), st.one_of(st.none(), st.integers(0, 11)))
def test_month_bands_follow_the_rule(k: int, n: int, lower_k: int | None) -> None:
    k = min(k, n)
    lower = None if lower_k is None or lower_k >= k else Fraction(lower_k, n)
    band = bands.months_band((k, n), lower)
    fewer = Fraction(k - 1, n)
    if k < 2 or fewer < Fraction(1, 2) or (lower is not None and fewer <= lower):
        assert band is None  # 0 of 3 is never partly met where 1 of 3 is asked
    else:
        assert band == (k - 1, n)


def test_examples_of_each_kind() -> None:
    assert bands.share_band(4, 5, None) == Fraction(3, 5)
    assert bands.share_band(4, 5, Fraction(3, 5)) == Fraction(7, 10)  # not 3 in 5: rung 3's
    assert bands.ceiling_band(Fraction("2.5"), None) == 3  # a 2.5 % error limit: at most 3 %
    assert bands.months_band((1, 3), None) is None
    assert bands.months_band((10, 12), Fraction(2, 3)) == (9, 12)
    assert bands.window_band(12, "A plan dated within {window}") == 14
    assert bands.window_band(24, "A score held or rose over {window}") is None
    assert bands.count_band(1, None) is None


def test_a_band_the_bank_sets_must_fit() -> None:
    item = copy.deepcopy(ITEM)
    item["levels"][4]["criteria"][0]["partly"] = [3, 5]  # level 3's own threshold
    assert any("partly-met band" in problem for problem in criteria.problems(item))
    item["levels"][4]["criteria"][0]["partly"] = [7, 10]
    assert criteria.problems(item) == []
    item["levels"][4]["criteria"][0]["partly"] = 5
    assert any("partly must be" in problem for problem in criteria.problems(item))
    item["levels"][4]["criteria"][0]["partly"] = False
    assert criteria.levels_of(item)[4][0].partly is None


def test_rubrics_show_prints_the_band_with_its_criterion(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubrics", "show", "service-excellence", "compelling-vision"])
    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())
    assert (
        "[staff-paraphrase@4] At least 4 in 5 sampled staff paraphrase the vision in similar "
        "terms (partly: at least 7 in 10)."
    ) in shown
    assert "[papers-cite] At least 3 budget or policy papers in the last 12 months" in shown
    assert "(partly: at least 2)." in shown
    # No band where partly met makes no sense: a share of 1 in 5.
    assert "paraphrase the vision in similar terms. " in shown


def test_the_template_prints_bands_in_its_comments(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "audit.yaml"
    result = runner.invoke(app, ["template", "service-excellence", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = " ".join(line.lstrip("# ").strip() for line in out.read_text().splitlines())
    assert "(partly: 9 of the last 12 months)" in text
    assert "(partly: 3 of the last 12 months)" in text  # the bank's own band (staff-asked@5)


@pytest.mark.parametrize("rubric_id", BUILT_IN)
def test_level_one_is_what_falls_short_of_level_two(rubric_id: str) -> None:
    loaded = rubric_files.load(rubric_id)
    for _, item in loaded.items():
        assert (item.guidance.text(1) or "").startswith(LEVEL_ONE), item.id
