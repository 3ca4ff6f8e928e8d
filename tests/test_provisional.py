"""Partial audits are shown as provisional, and thresholds do not pass them (issue 15, item 3)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.conftest import MINI_RUBRIC, Writer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
Q2, Q3 = str(EXAMPLES / "acme-2026-Q2.yaml"), str(EXAMPLES / "acme-2026-Q3.yaml")


def two_of_twelve(runner: CliRunner, folder: Path, unit: str = "EMEA") -> Path:
    """A leadership-strategies audit (8 items) with two items answered 4."""
    path = folder / f"partial-{unit}.yaml"
    runner.invoke(app, ["template", "leadership-strategies", "-o", str(path)])
    text = re.sub(r"(?m)^(  [a-z0-9-]+):$", r"\1: 4", path.read_text(), count=2)
    path.write_text(text.replace("\nunit:", f"\nunit: {unit}"))
    return path


def test_two_answers_are_provisional_in_every_format(runner: CliRunner, tmp_path: Path) -> None:
    path = str(two_of_twelve(runner, tmp_path))
    table = runner.invoke(app, ["score", path])
    assert "Overall: 75.0%" in table.stdout
    assert "PROVISIONAL: 25% of items answered, below the 80% minimum" in table.stdout
    data = json.loads(runner.invoke(app, ["score", path, "-f", "json"]).stdout)
    assert data["overall"]["provisional"] is True
    markdown = runner.invoke(app, ["score", path, "-f", "markdown"]).stdout
    assert "- **Overall:** 75.0% (Established) — provisional" in markdown


def test_fail_under_refuses_a_provisional_result(runner: CliRunner, tmp_path: Path) -> None:
    path = str(two_of_twelve(runner, tmp_path))
    failed = runner.invoke(app, ["score", path, "--fail-under", "60"])
    assert failed.exit_code == 3
    assert "the result is provisional (25% of items answered" in failed.stderr
    assert "pass --allow-partial" in failed.stderr
    allowed = runner.invoke(app, ["score", path, "--fail-under", "60%", "--allow-partial"])
    assert allowed.exit_code == 0, allowed.stderr


def test_strict_is_never_provisional(runner: CliRunner, tmp_path: Path) -> None:
    path = str(two_of_twelve(runner, tmp_path))
    data = json.loads(runner.invoke(app, ["score", path, "-f", "json", "--strict"]).stdout)
    assert data["overall"]["provisional"] is False
    result = runner.invoke(app, ["score", path, "--strict", "--fail-under", "10"])
    assert result.exit_code == 0


def test_the_bundled_q2_example_is_provisional_until_the_minimum_is_lowered(
    runner: CliRunner,
) -> None:
    data = json.loads(runner.invoke(app, ["score", Q2, "-f", "json"]).stdout)
    assert (data["overall"]["coverage"], data["overall"]["provisional"]) == (0.72, True)
    lowered = runner.invoke(app, ["score", Q2, "-f", "json", "--min-coverage", "70%"])
    assert json.loads(lowered.stdout)["overall"]["provisional"] is False


@pytest.mark.parametrize("value", ["abc", "101", "-5", "60%%"])
def test_bad_percents_are_usage_errors(runner: CliRunner, value: str) -> None:
    result = runner.invoke(app, ["score", Q3, "--fail-under", value])
    assert result.exit_code == 2
    assert "expected a percent from 0 to 100" in result.stderr


def test_diff_shows_coverage_and_warns(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", Q2, Q3])
    assert "coverage: 72% → 100%" in " ".join(result.stdout.split())
    assert "The old result is provisional" in result.stdout
    assert "warning: diff: coverage differs by more than 20 points (" in result.stderr
    partial = str(two_of_twelve(runner, tmp_path, "Berlin"))
    other = str(two_of_twelve(runner, tmp_path, "Hamburg"))
    full = tmp_path / "full.yaml"
    full.write_text(re.sub(r"(?m)^(  [a-z0-9-]+): ?$", r"\1: 3", Path(other).read_text()))
    warned = runner.invoke(app, ["diff", partial, str(full)])
    assert "warning: diff: coverage differs by more than 20 points" in warned.stderr
    assert "warning: diff: the audits are of different units ('Berlin', 'Hamburg')" in (
        warned.stderr
    )


def test_trend_warns_about_coverage_and_organizations(runner: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "q2.yaml"
    old.write_text(Path(Q2).read_text().replace("Acme Support", "Acme Holding"))
    data = runner.invoke(app, ["trend", str(old), Q3])
    assert data.exit_code == 0, data.stderr
    assert "warning: trend: the audits are of different organizations" in data.stderr
    assert "warning: unit 'EMEA contact center': coverage differs by more than 20 points" in (
        data.stderr
    )
    assert data.stderr.count("coverage differs") == 1


def test_a_rubric_may_set_its_own_minimum_coverage(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    """A rubric's `min_coverage` (format 2) replaces the 80 % default; --min-coverage wins."""
    text = "svccheck: 2\n" + MINI_RUBRIC.replace("version: 1\n", "version: 1\nmin_coverage: 60\n")
    write("mini.yaml", text)
    audit_path = write("a.yaml", "rubric: mini.yaml\nanswers: {greet: 4, resolve: 3}\n")
    data = json.loads(runner.invoke(app, ["score", str(audit_path), "-f", "json"]).stdout)
    assert data["overall"]["provisional"] is False  # 2 of 3 answered, above 60 %
    stricter = ["score", str(audit_path), "-f", "json", "--min-coverage", "90"]
    assert json.loads(runner.invoke(app, stricter).stdout)["overall"]["provisional"] is True
