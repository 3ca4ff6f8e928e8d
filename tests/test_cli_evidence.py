"""Evidence through the command line: JSON keys in every command, ``--require-evidence`` with the
existing gates, and the warning when a rubric asks for none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.conftest import MINI_RUBRIC, Writer

ASKING = "svccheck: 2\nevidence_from: 4\nevidence_max_age: 12\n" + MINI_RUBRIC
# greet 5 with evidence (one entry stale), resolve 4 without, billing 3: confidence 1/2.
OLD = """\
svccheck: 2
rubric: mini.yaml
unit: Hamburg
period: 2026-Q2
date: 2026-06-30
answers:
  greet: {score: 5, evidence: [{text: survey, date: 2025-01}, log]}
  resolve: 4
  billing: 3
"""
NEW = """\
svccheck: 2
rubric: mini.yaml
unit: Hamburg
period: 2026-Q3
answers:
  greet: {score: 5, evidence: log}
  resolve: {score: 4, note: ok, evidence: {text: minutes, date: 2026-08}}
  billing: {score: 4, evidence: []}
"""


@pytest.fixture
def folder(write: Writer, monkeypatch: pytest.MonkeyPatch) -> Path:
    write("mini.yaml", ASKING)
    write("old.yaml", OLD)
    path = write("new.yaml", NEW)
    monkeypatch.chdir(path.parent)
    return path.parent


def run_json(runner: CliRunner, *arguments: str) -> Any:
    result = runner.invoke(app, [*arguments, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_score_json_carries_evidence(runner: CliRunner, folder: Path) -> None:
    data = run_json(runner, "score", "old.yaml")
    assert data["overall"]["confidence"] == 0.5
    greet, resolve, billing = data["items"]
    assert greet["evidence"] == [
        {"text": "survey", "date": "2025-01", "stale": True},
        {"text": "log", "date": None, "stale": None},
    ]
    assert (greet["supported"], resolve["supported"], billing["supported"]) == (True, False, None)
    assert (resolve["evidence"], billing["evidence"]) == (None, None)
    assert data["evidence"] == {
        "evidence_from": 4,
        "max_age_months": 12,
        "as_of": "2026-06-30",
        "require_evidence": False,
        "claims": 2,
        "supported": 1,
        "unsupported": ["resolve"],
        "stale": [{"item": "greet", "evidence": [{"text": "survey", "date": "2025-01"}]}],
    }


def test_recorded_missing_is_an_empty_list_in_json(runner: CliRunner, folder: Path) -> None:
    data = run_json(runner, "score", "new.yaml")
    billing = data["items"][2]
    assert (billing["evidence"], billing["supported"]) == ([], False)
    assert data["evidence"]["as_of"] == "2026-09-30"  # no date: the end of the period
    assert data["overall"]["confidence"] == pytest.approx(0.67)


def test_require_evidence_caps_unsupported_claims(runner: CliRunner, folder: Path) -> None:
    # front (weight 2): greet 100, resolve 4 -> 3 = 50 (w3): (100 + 150) / 4 = 62.5; back 50.
    # overall (2 x 62.5 + 50) / 3 = 58.33; without the cap (2 x 81.25 + 50) / 3 = 70.83.
    assert run_json(runner, "score", "old.yaml")["overall"]["score"] == 70.83
    data = run_json(runner, "score", "old.yaml", "--require-evidence")
    assert data["overall"]["score"] == 58.33
    assert data["items"][1]["answer"] == 4
    assert data["items"][1]["percent"] == 50.0
    assert data["evidence"]["require_evidence"] is True


@pytest.mark.parametrize(
    ("options", "code"),
    [
        pytest.param(["--fail-under", "70"], 0, id="passes-without"),
        pytest.param(["--fail-under", "70", "--require-evidence"], 3, id="fails-with"),
        pytest.param(["--fail-under", "58", "--require-evidence", "--strict"], 0, id="strict"),
    ],
)
def test_require_evidence_with_the_gates(
    runner: CliRunner, folder: Path, options: list[str], code: int
) -> None:
    result = runner.invoke(app, ["score", "old.yaml", *options])
    assert result.exit_code == code, result.stderr


def test_require_evidence_with_a_rubric_that_asks_for_none_says_so(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    path = write("a.yaml", "rubric: mini.yaml\nanswers: {greet: 5}\n")
    monkeypatch.chdir(path.parent)
    result = runner.invoke(app, ["score", "a.yaml", "--require-evidence", "-f", "json"])
    assert result.exit_code == 0
    assert "rubric 'mini' sets no evidence_from" in result.stderr
    assert json.loads(result.stdout)["overall"]["confidence"] is None


def test_diff_json_shows_the_change_in_confidence(runner: CliRunner, folder: Path) -> None:
    data = run_json(runner, "diff", "old.yaml", "new.yaml")
    overall = data["overall"]
    assert (overall["old_confidence"], overall["new_confidence"]) == (0.5, 0.67)
    assert overall["confidence_delta"] == 0.17
    changes = {item["id"]: (item["old_supported"], item["new_supported"]) for item in data["items"]}
    assert changes == {"greet": (True, True), "resolve": (False, True), "billing": (None, False)}


def test_diff_with_require_evidence_compares_capped_scores(runner: CliRunner, folder: Path) -> None:
    data = run_json(runner, "diff", "old.yaml", "new.yaml", "--require-evidence")
    # New: resolve supported (75), billing 4 recorded missing -> 3 (50): front 81.25, back 50.
    assert (data["overall"]["old"], data["overall"]["new"]) == (58.33, 70.83)


def test_trend_and_combine_json_carry_confidence(runner: CliRunner, folder: Path) -> None:
    trend = run_json(runner, "trend", "old.yaml", "new.yaml")
    assert trend["series"][0]["confidence"] == [0.5, 0.67]
    combined = run_json(runner, "combine", "old.yaml", "new.yaml", "--mixed-periods")
    assert [g["confidence"] for g in combined["groups"]] == [0.6]  # one unit: 3 of 5 claims
    assert combined["consensus"]["confidence"] == 0.6


def test_trend_with_require_evidence_scores_every_audit_capped(
    runner: CliRunner, folder: Path
) -> None:
    plain = run_json(runner, "trend", "old.yaml", "new.yaml")
    assert plain["series"][0]["overall"] == [70.83, 79.17]
    data = run_json(runner, "trend", "old.yaml", "new.yaml", "--require-evidence")
    # Old: resolve 4 unsupported -> 3 (50): front (100 + 3 * 50) / 4 = 62.5, back 50, 58.33.
    # New: billing 4 recorded missing -> 3 (50): front 81.25, back 50, (2 * 81.25 + 50) / 3.
    (series,) = data["series"]
    assert series["overall"] == [58.33, 70.83]
    assert [s["scores"] for s in series["sections"]] == [[62.5, 81.25], [50.0, 50.0]]
    assert series["confidence"] == [0.5, 0.67]  # the confidence does not change


def test_combine_with_require_evidence_averages_the_capped_scores(
    runner: CliRunner, folder: Path
) -> None:
    arguments = ["combine", "old.yaml", "new.yaml", "--mixed-periods"]
    assert run_json(runner, *arguments)["consensus"]["overall"] == 75.0
    data = run_json(runner, *arguments, "--require-evidence")
    # Item means: greet 100, resolve (50 + 75) / 2 = 62.5, billing (50 + 50) / 2 = 50; front
    # (100 + 3 * 62.5) / 4 = 71.875, back 50, overall (2 * 71.875 + 50) / 3 = 64.58.
    assert data["consensus"]["overall"] == 64.58
    assert [s["score"] for s in data["consensus"]["sections"]] == [71.88, 50.0]
    assert data["groups"][0]["overall"] == 64.58
    assert data["consensus"]["confidence"] == 0.6


@pytest.mark.parametrize("command", ["trend", "combine"])
def test_require_evidence_on_trend_and_combine_warns_for_a_rubric_that_asks_for_none(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    write("a.yaml", "rubric: mini.yaml\nunit: A\nperiod: 2026-Q2\nanswers: {greet: 5}\n")
    path = write("b.yaml", "rubric: mini.yaml\nunit: B\nperiod: 2026-Q2\nanswers: {greet: 4}\n")
    monkeypatch.chdir(path.parent)
    result = runner.invoke(app, [command, "a.yaml", "b.yaml", "--require-evidence", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("rubric 'mini' sets no evidence_from") == 1
    quiet = runner.invoke(app, [command, "a.yaml", "b.yaml", "-f", "json"])
    assert "evidence_from" not in quiet.stderr
    assert quiet.stdout == result.stdout
