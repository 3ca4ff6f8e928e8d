"""Progress against a plan: a later audit where some planned items were met and some not.

The plan (tests/test_planning.py has the arithmetic) starts from greet 2, resolve 3, billing 1 in
2026-Q3, one item a phase: billing to 4 in 2026-Q4, resolve to 4 in 2027-Q1, greet to 4 in
2027-Q2. The 2026-Q4 audit has billing 4 (met), resolve 3 (not met), greet 2 and, unplanned in
a two-phase plan, greet moving is what ``diff`` reports.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.core import output
from tests.conftest import MINI_RUBRIC, Writer, app

AUDIT = """\
svccheck: 1
rubric: mini.yaml
organization: Acme
period: {period}
answers: {{greet: {greet}, resolve: {resolve}, billing: {billing}}}
"""


@pytest.fixture
def files(runner: CliRunner, write: Writer) -> tuple[Path, Path, Path]:
    write("mini.yaml", MINI_RUBRIC)
    q3 = write("q3.yaml", AUDIT.format(period="2026-Q3", greet=2, resolve=3, billing=1))
    q4 = write("q4.yaml", AUDIT.format(period="2026-11", greet=3, resolve=3, billing=4))
    plan = q3.parent / "plan.yaml"
    made = runner.invoke(
        app, ["plan", str(q3), "--phases", "2", "--per-phase", "1", "-o", str(plan)]
    )
    assert made.exit_code == 0, made.stderr
    return q3, q4, plan


def test_score_with_a_plan_reports_met_and_unmet_items(
    runner: CliRunner, files: tuple[Path, Path, Path]
) -> None:
    _, q4, plan = files
    result = runner.invoke(app, ["score", str(q4), "--plan", str(plan), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    phases = json.loads(result.stdout)["plan"]["phases"]
    assert [p["period"] for p in phases] == ["2026-Q4", "2027-Q1"]
    assert phases[0]["items"] == [
        {"id": "billing", "to": 4, "answer": 4, "met": True, "status": "planned"}
    ]
    assert phases[1]["items"][0]["met"] is False
    assert phases[1]["items"][0]["answer"] == 3
    # The November audit falls in 2026-Q4: greet 3 (50%), resolve 3, billing 4:
    # front (50 + 150) / 4 = 50, overall (100 + 75) / 3 = 58.33, against 54.17 projected.
    assert phases[0]["projected_overall"] == 54.17
    assert phases[0]["actual_overall"] == 58.33
    assert phases[1]["actual_overall"] is None


def test_diff_with_a_plan_lists_items_that_moved_unplanned(
    runner: CliRunner, files: tuple[Path, Path, Path]
) -> None:
    q3, q4, plan = files
    result = runner.invoke(app, ["diff", str(q3), str(q4), "--plan", str(plan), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["plan"]
    assert data["unplanned"] == [{"id": "greet", "old": 2, "new": 3}]
    markdown = runner.invoke(app, ["diff", str(q3), str(q4), "--plan", str(plan), "-f", "markdown"])
    assert "## Plan progress" in markdown.stdout
    assert "1 of 2 planned items met." in markdown.stdout
    assert "greet (2 → 3)" in markdown.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_score_with_a_plan_in_other_formats(
    runner: CliRunner, files: tuple[Path, Path, Path], fmt: str
) -> None:
    _, q4, plan = files
    result = runner.invoke(app, ["score", str(q4), "--plan", str(plan), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "csv":
        rows = {line.split(",")[2]: line for line in result.stdout.splitlines()[1:]}
        assert rows["billing"].endswith(",2026-Q4,4,true,planned")
        assert rows["resolve"].endswith(",2027-Q1,4,false,planned")
        assert rows["greet"].endswith(",,,,")
    else:
        assert "1 of 2" in result.stdout


def test_without_a_plan_the_output_is_unchanged(
    runner: CliRunner, files: tuple[Path, Path, Path]
) -> None:
    _, q4, _ = files
    result = runner.invoke(app, ["score", str(q4), "-f", "json"])
    assert "plan" not in json.loads(result.stdout)


def test_a_plan_of_another_rubric_and_the_plan_as_output_are_refused(
    runner: CliRunner, files: tuple[Path, Path, Path]
) -> None:
    _, q4, plan = files
    other = Path(__file__).resolve().parents[1] / "examples" / "plans" / "acme-2026-Q3-plan.yaml"
    result = runner.invoke(app, ["score", str(q4), "--plan", str(other)])
    assert result.exit_code == 2
    assert "world-class-practices" in result.stderr
    onto = runner.invoke(app, ["score", str(q4), "--plan", str(plan), "-o", str(plan)])
    assert onto.exit_code == 2  # refused before anything is read: svccheck writes no .yaml
    assert "does not write .yaml files" in onto.stderr
    bare = plan.with_suffix("")  # a name without extension would get the table
    bare.write_bytes(plan.read_bytes())
    onto = runner.invoke(app, ["score", str(q4), "--plan", str(bare), "-o", str(bare)])
    assert onto.exit_code == 2
    assert "plan file" in onto.stderr
    assert bare.read_bytes() == plan.read_bytes()


def test_every_planned_id_stays_whole_at_80_columns(runner: CliRunner) -> None:
    # The example plan has twelve items, ids up to 23 characters (anticipate-requirements).
    examples = Path(__file__).resolve().parents[1] / "examples"
    arguments = ["score", str(examples / "acme-2026-Q3.yaml")]
    arguments += ["--plan", str(examples / "plans" / "acme-2026-Q3-plan.yaml")]
    output.stdout.cache_clear()  # COLUMNS is read when the console is made
    table = runner.invoke(app, arguments, env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    plan = json.loads(runner.invoke(app, [*arguments, "-f", "json"]).stdout)["plan"]
    for phase in plan["phases"]:
        for item in phase["items"]:
            assert any(f"│ {item['id']} " in line for line in lines), item["id"]
        projected = f"{phase['projected_overall']:.1f}"
        assert any(re.match(rf"│ {phase['period']} +│ +{projected} │", line) for line in lines)
