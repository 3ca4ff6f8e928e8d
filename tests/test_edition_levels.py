"""Across an edition whose levels changed, diff and trend claim no progress and say why."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.conftest import MINI_RUBRIC, Writer

# Version 2 of the mini rubric: greet's levels are new (criteria), the other items are as before.
RELEVELLED = (
    MINI_RUBRIC.replace("id: mini\n", "svccheck: 2\nid: mini\n")
    .replace("version: 1\n", "version: 2\n")
    .replace(
        "        source: test.txt, point 1\n",
        "        source: test.txt, point 1\n        levels_since: 2\n"
        "        criteria:\n          4: [{id: seen, text: Greetings seen in most contacts.}]\n",
    )
)


def _audit(write: Writer, name: str, version: int, period: str, greet: int) -> Path:
    return write(
        name,
        f"svccheck: 1\nrubric: mini.yaml\nrubric_version: {version}\nperiod: {period}\n"
        f"answers:\n  greet: {greet}\n  resolve: 3\n  billing: 2\n",
    )


def test_diff_across_the_change_claims_no_progress(write: Writer, runner: CliRunner) -> None:
    write("mini.yaml", RELEVELLED)
    old = _audit(write, "q2.yaml", 1, "2026-Q2", 2)
    new = _audit(write, "q3.yaml", 2, "2026-Q3", 5)
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    greet = next(item for item in data["items"] if item["id"] == "greet")
    assert (greet["delta"], greet["status"]) == (None, "incomparable")
    resolve = next(item for item in data["items"] if item["id"] == "resolve")
    assert (resolve["delta"], resolve["status"]) == (0, "unchanged")
    assert data["overall"]["delta"] is None
    assert "the levels of 1 item of rubric 'mini' changed in version 2" in result.stderr


def test_diff_within_one_edition_is_unchanged(write: Writer, runner: CliRunner) -> None:
    write("mini.yaml", RELEVELLED)
    old = _audit(write, "q2.yaml", 2, "2026-Q2", 2)
    new = _audit(write, "q3.yaml", 2, "2026-Q3", 5)
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    greet = next(item for item in json.loads(result.stdout)["items"] if item["id"] == "greet")
    assert greet["status"] == "improved"
    assert "levels" not in result.stderr


def test_trend_across_the_change_says_so(write: Writer, runner: CliRunner) -> None:
    write("mini.yaml", RELEVELLED)
    old = _audit(write, "q2.yaml", 1, "2026-Q2", 2)
    new = _audit(write, "q3.yaml", 2, "2026-Q3", 5)
    result = runner.invoke(app, ["trend", str(old), str(new)])
    assert result.exit_code == 0, result.stderr
    assert "written for versions 1, 2" in result.stderr
