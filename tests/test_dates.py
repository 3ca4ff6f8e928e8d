"""The one date rule (svccheck.formats.dates): the years 0001 to 9999 are read and judged for
staleness without error; year 0000 and days not on the calendar are refused where written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import MINI_RUBRIC, Writer, app


def _rubric(write: Writer, max_age: int) -> Path:
    return write(
        "aging.yaml", f"svccheck: 2\nevidence_from: 3\nevidence_max_age: {max_age}\n{MINI_RUBRIC}"
    )


def _audit(write: Writer, name: str, when: str, evidence_date: str) -> Path:
    return write(
        name,
        f"""\
        svccheck: 2
        rubric: aging.yaml
        rubric_version: 1
        {when}
        answers:
          greet: {{score: 4, evidence: [{{text: minutes, date: {evidence_date}}}]}}
          resolve: {{score: 4, evidence: [{{text: survey, date: 0001-01-05}}]}}
          billing: 2
        """,
    )


@pytest.mark.parametrize(
    ("max_age", "when", "stale"),
    [
        (12, "date: 0001-01-01", []),
        (12, "period: 0001-Q1", []),
        (1200, "date: 0099-01-01", []),  # a hundred years back is before year 1
        (12, "date: 0002-06-30", ["minutes", "survey"]),
        (12, "period: 9999-Q4", ["minutes", "survey"]),
    ],
)
def test_any_year_from_0001_to_9999_is_scored_and_judged(
    runner: CliRunner, write: Writer, max_age: int, when: str, stale: list[str]
) -> None:
    _rubric(write, max_age)
    first = _audit(write, "first.yaml", when, "0001-01")
    second = _audit(write, "second.yaml", "period: 0001-Q2", "0001-03-31")
    result = runner.invoke(app, ["score", str(first), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    shown = [e["text"] for item in found["items"] for e in item["evidence"] or () if e["stale"]]
    assert shown == stale
    for command in (
        ["diff", str(second), str(first)],
        ["trend", "--keep-order", str(first), str(second)],
    ):
        other = runner.invoke(app, command)
        assert other.exit_code == 0, other.stderr


@pytest.mark.parametrize(
    ("when", "evidence_date", "where", "shown"),
    [
        ("date: 0000-01-01", "2026-01", "4:7", "0000-01-01"),
        ("period: 0000-Q1", "2026-01", "4:9", "0000-Q1"),
        ("period: 0000-03", "2026-01", "4:9", "0000-03"),
        ("date: 2026-02-30", "2026-01", "4:7", "2026-02-30"),
        ("period: 2026-Q1", "0000-01", "6:54", "0000-01"),
        ("period: 2026-Q1", "2026-02-30", "6:54", "2026-02-30"),
    ],
)
@pytest.mark.parametrize("command", ["validate", "score"])
def test_year_0000_and_days_off_the_calendar_are_refused_where_written(
    runner: CliRunner,
    write: Writer,
    when: str,
    evidence_date: str,
    where: str,
    shown: str,
    command: str,
) -> None:
    _rubric(write, 12)
    audit = _audit(write, "q.yaml", when, evidence_date)
    result = runner.invoke(app, [command, str(audit)])
    assert result.exit_code == 2
    assert f"q.yaml:{where}: " in result.stderr
    assert f"got {shown}" in result.stderr.replace("got text '", "got ").replace("'\n", "\n")
    assert "internal error" not in result.stderr


def test_a_plan_never_names_a_quarter_past_9999(runner: CliRunner, write: Writer) -> None:
    _rubric(write, 12)
    audit = _audit(write, "q.yaml", "period: 9999-Q4", "9999-10")
    result = runner.invoke(app, ["plan", str(audit), "-o", str(audit.parent / "plan.yaml")])
    assert result.exit_code == 2
    assert "would pass 9999-Q4" in result.stderr
    assert not (audit.parent / "plan.yaml").exists()


@pytest.mark.parametrize("period", ["0000-Q1", "2026-02-30"])
def test_template_refuses_a_period_that_is_none(
    runner: CliRunner, mini_rubric: Path, period: str
) -> None:
    target = mini_rubric.parent / "t.yaml"
    result = runner.invoke(
        app, ["template", str(mini_rubric), "--period", period, "-o", str(target)]
    )
    assert result.exit_code == 2
    assert not target.exists()
