"""``trend --plan``: the bundled example plan's projected overall beside the actual one.

The plan (examples/plans/acme-2026-Q3-plan.yaml) starts from 42.5 in 2026-Q3 and projects 52.5
for 2026-Q4. The audits for later quarters are the bundled 2026-Q3 audit with a few answers
changed, written in tmp_path.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_RUBRIC, Writer, app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PLAN = EXAMPLES / "plans" / "acme-2026-Q3-plan.yaml"
Q2, Q3 = EXAMPLES / "acme-2026-Q2.yaml", EXAMPLES / "acme-2026-Q3.yaml"


def _later(write: Writer, name: str, period: str, **answers: int) -> Path:
    """The bundled 2026-Q3 audit for ``period`` with ``answers`` changed."""
    lines = []
    for line in Q3.read_text(encoding="utf-8").splitlines():
        key = line.strip().split(":")[0]
        if line.startswith("period:"):
            line = f"period: {period}"
        elif line.startswith("  ") and key in answers:
            line = f"  {key}: {answers[key]}"
        lines.append(line)
    return write(name, "\n".join(lines) + "\n")


@pytest.fixture
def audits(write: Writer) -> list[str]:
    # November falls in the plan's first phase (2026-Q4); one planned item met, one not.
    q4 = _later(write, "q4.yaml", "2026-11", **{"hire-for-service": 4})
    # 2028-Q1 is outside the plan's phases: nothing projected.
    later = _later(write, "q9.yaml", "2028-Q1", **{"hire-for-service": 5})
    return [str(Q2), str(Q3), str(q4), str(later)]


def _trend(runner: CliRunner, audits: list[str], *extra: str) -> str:
    result = runner.invoke(app, ["trend", *audits, "--plan", str(PLAN), *extra])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_has_the_projected_beside_the_actual_overall(
    runner: CliRunner, audits: list[str]
) -> None:
    data = json.loads(_trend(runner, audits, "-f", "json"))
    [series] = data["series"]
    plan = series["plan"]
    assert [m["period"] for m in plan] == ["2026-Q2", "2026-Q3", "2026-11", "2028-Q1"]
    # Before the plan, nothing; its baseline quarter, the baseline; 2026-Q4, phase one.
    assert [m["projected_overall"] for m in plan] == [None, 42.5, 52.5, None]
    assert [m["actual_overall"] for m in plan] == series["overall"]
    assert plan[2]["actual_overall"] is not None
    assert plan[2]["actual_overall"] < 52.5  # one of three planned items met


def test_each_later_phase_uses_its_own_projection(runner: CliRunner, write: Writer) -> None:
    phases = [
        (line.split(":", 1)[1].strip())
        for line in PLAN.read_text(encoding="utf-8").splitlines()
        if line.startswith("    projected_overall:")
    ]
    q1 = _later(write, "q1.yaml", "2027-02-15", **{"hire-for-service": 4})
    data = json.loads(_trend(runner, [str(Q3), str(q1)], "-f", "json"))
    assert data["series"][0]["plan"][1]["projected_overall"] == float(phases[1])


def test_table_and_markdown_show_a_plan_column_and_row(
    runner: CliRunner, audits: list[str]
) -> None:
    table = _trend(runner, audits)
    assert "plan" in table.splitlines()[3]  # the periods table's heading row
    assert "52.5" in table
    markdown = _trend(runner, audits, "-f", "markdown")
    assert "| _Plan (projected)_ | – | 42.5 | 52.5 | – |  |" in markdown


def test_csv_has_plan_rows(runner: CliRunner, audits: list[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(_trend(runner, audits, "-f", "csv"))))
    plan = [(r["period"], r["score"]) for r in rows if r["scope"] == "plan"]
    assert plan == [("2026-Q2", ""), ("2026-Q3", "42.5"), ("2026-11", "52.5"), ("2028-Q1", "")]


def test_html_draws_the_projected_path_dashed(runner: CliRunner, audits: list[str]) -> None:
    page = _trend(runner, audits, "-f", "html")
    assert "Plan (projected)" in page
    assert 'stroke="#000000" stroke-width="2.5" stroke-dasharray="7 4"' in page


def test_without_a_plan_nothing_is_added(runner: CliRunner, audits: list[str]) -> None:
    result = runner.invoke(app, ["trend", *audits, "-f", "json"])
    assert "plan" not in json.loads(result.stdout)["series"][0]
    csv_text = runner.invoke(app, ["trend", *audits, "-f", "csv"]).stdout
    assert ",plan," not in csv_text


def test_a_plan_of_another_rubric_or_unit_and_the_plan_as_output_are_refused(
    runner: CliRunner, write: Writer, audits: list[str]
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    mini = "svccheck: 1\nrubric: mini.yaml\nperiod: {}\nanswers: {{greet: 2}}\n"
    one, two = write("a.yaml", mini.format("2026-Q3")), write("b.yaml", mini.format("2026-Q4"))
    other = runner.invoke(app, ["trend", str(one), str(two), "--plan", str(PLAN)])
    assert other.exit_code == 2
    assert "world-class-practices" in other.stderr
    moved = write("plan.yaml", PLAN.read_text(encoding="utf-8").replace("unit: EMEA", "unit: APAC"))
    unit = runner.invoke(app, ["trend", *audits, "--plan", str(moved)])
    assert unit.exit_code == 2
    assert "APAC contact center" in unit.stderr
    copy = write("copy", PLAN.read_text(encoding="utf-8"))  # no extension: the table's name
    onto = runner.invoke(app, ["trend", *audits, "--plan", str(copy), "-o", str(copy)])
    assert onto.exit_code == 2
    assert "plan file" in onto.stderr
    assert copy.read_text(encoding="utf-8") == PLAN.read_text(encoding="utf-8")
