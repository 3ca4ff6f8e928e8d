"""Every table report ends with its headline, so that it is on screen when the command ends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import output

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
Q2, Q3 = str(EXAMPLES / "acme-2026-Q2.yaml"), str(EXAMPLES / "acme-2026-Q3.yaml")
UNITS = sorted(str(path) for path in (EXAMPLES / "units-2026-Q3").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _fresh_console() -> None:
    """The results console is made once per process; COLUMNS is read when it is made."""
    output.stdout.cache_clear()


def table_and_json(runner: CliRunner, arguments: list[str]) -> tuple[list[str], dict[str, Any]]:
    """The table at 80 columns, as lines, and the JSON of the same command."""
    table = runner.invoke(app, arguments, env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr
    data = runner.invoke(app, [*arguments, "-f", "json"])
    assert data.exit_code == 0, data.stderr
    lines = table.stdout.rstrip("\n").splitlines()
    assert max(len(line) for line in lines) <= 80
    return lines, json.loads(data.stdout)


@pytest.mark.parametrize("audit", [Q2, Q3], ids=["provisional", "complete"])
def test_score_ends_with_overall_level_coverage_and_confidence(
    runner: CliRunner, audit: str
) -> None:
    lines, report = table_and_json(runner, ["score", audit])
    assert len(lines) > 24  # the top of the report has scrolled away at 80x24
    overall = report["overall"]
    rule, headline = lines[-2:]
    assert rule.startswith("─")
    assert "Acme Support · EMEA contact center" in rule
    assert report["audit"]["period"] in rule
    assert headline.startswith(f"Overall: {overall['score']:.1f}%  level: {overall['level']}")
    assert f"coverage: {overall['coverage'] * 100:.0f}%" in headline
    confidence = overall["confidence"]
    assert f"confidence: {'–' if confidence is None else f'{confidence * 100:.0f}%'}" in headline
    assert headline.endswith("PROVISIONAL") == overall["provisional"]


def test_score_with_a_plan_ends_with_the_headline_after_the_progress(runner: CliRunner) -> None:
    plan = str(EXAMPLES / "plans" / "acme-2026-Q3-plan.yaml")
    lines, _ = table_and_json(runner, ["score", Q3, "--plan", plan])
    assert any(line.startswith("Plan progress") for line in lines)
    assert lines[-1].startswith("Overall: 42.5%  level: Developing  coverage: 100%")


def test_the_headline_closes_a_table_written_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = runner.invoke(app, ["score", Q3, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").splitlines()[-1].startswith("Overall: 42.5%")


def test_diff_ends_with_old_and_new(runner: CliRunner) -> None:
    lines, diff = table_and_json(runner, ["diff", Q2, Q3])
    overall = diff["overall"]
    rule, first, second = lines[-3:]
    assert "EMEA contact center: 2026-Q2 → 2026-Q3" in rule
    assert first.startswith(f"Overall: {overall['old']:.1f}% → {overall['new']:.1f}%")
    assert f"level: {overall['old_level']} → {overall['new_level']}" in first
    coverage = f"{overall['old_coverage'] * 100:.0f}% → {overall['new_coverage'] * 100:.0f}%"
    assert second.startswith(f"coverage: {coverage}  confidence: – → 50%")
    assert second.endswith("old PROVISIONAL")  # the Q2 audit is 72% answered


def test_trend_ends_with_each_units_latest_period(runner: CliRunner) -> None:
    lines, trend = table_and_json(runner, ["trend", Q2, Q3])
    series = trend["series"][0]
    assert "Latest period" in lines[-3]
    headings = ["unit", "latest", "overall", "level", "coverage", "conf.", "change"]
    assert lines[-2].split() == headings
    cells = lines[-1].split()
    assert cells[:3] == ["EMEA", "contact", "center"]
    assert cells[3:] == [
        series["periods"][-1], f"{series['overall'][-1]:.1f}", series["level"][-1],
        f"{series['coverage'][-1] * 100:.0f}%", f"{series['confidence'][-1] * 100:.0f}%",
        "▲", f"+{series['overall_change']:.1f}",
    ]  # fmt: skip


def test_combine_ends_with_the_mean(runner: CliRunner) -> None:
    lines, combined = table_and_json(runner, ["combine", *UNITS])
    consensus = combined["consensus"]  # the JSON key stays; the report calls it the mean
    assert "Mean of 2 units (3 audits)" in lines[-2]
    assert lines[-1] == (
        f"Mean: {consensus['overall']:.1f}%  level: {consensus['level']}  coverage: 100%  "
        f"confidence: {consensus['confidence'] * 100:.0f}%"
    )


def test_plan_ends_with_baseline_projection_and_target(runner: CliRunner) -> None:
    lines, plan = table_and_json(runner, ["plan", Q3])
    last = plan["phases"][-1]
    assert "Acme Support · EMEA contact center: plan from 2026-Q3" in lines[-3]
    assert lines[-2] == (
        f"Baseline: {plan['baseline']['overall']:.1f}% {plan['baseline']['level']}  → "
        f"{last['period']}: {last['projected_overall']:.1f}% {last['projected_level']}"
    )
    items = sum(len(phase["items"]) for phase in plan["phases"])
    reached = "reached" if plan["reached"] else "not reached"
    assert lines[-1] == (
        f"target: {plan['target']:g}% {reached}  items: {items} in {len(plan['phases'])} phases"
    )
