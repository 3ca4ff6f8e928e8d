"""Diffs and trends: hand-computed comparisons, refusals, ordering by period."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core.errors import UsageError
from svccheck.engine import compare, results, scoring, trend
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Score
from svccheck.model.rubric import Rubric
from tests.conftest import MINI_RUBRIC, Writer

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    return rubric_files.load_rubric_file(str(mini_rubric))


def make_audit(
    r: Rubric, period: str | None = None, unit: str | None = None, **answers: Score
) -> Audit:
    return Audit(
        rubric=r.id, period=period, unit=unit, path=f"{unit}-{period}.yaml",
        answers=tuple(Answer(k, v) for k, v in answers.items()),
    )  # fmt: skip


def report(
    r: Rubric, period: str | None = None, unit: str | None = None, **answers: Score
) -> results.Report:
    return scoring.score(r, make_audit(r, period, unit, **answers))


def entry(
    r: Rubric, period: str | None = None, unit: str | None = None, **answers: Score
) -> tuple[Rubric, Audit]:
    # A report carries a header, not its audit: trend and combine read audits.
    return r, make_audit(r, period, unit, **answers)


def test_hand_computed_diff(mini: Rubric) -> None:
    # old: greet 2 (25), resolve 3 (50), billing 5 (100): front (25 + 150)/4 = 43.75, back 100,
    #      overall (87.5 + 100)/3 = 62.5 Established.
    # new: greet 5 (100), resolve 1 (0), billing n/a: front 100/4 = 25, back none, overall 25.
    old = report(mini, greet=2, resolve=3, billing=5)
    new = report(mini, greet=5, resolve=1, billing="n/a")
    result = compare.diff(old, new)
    assert result.overall_delta == pytest.approx(25 - 62.5)
    assert (old.level, new.level) == ("Established", "Emerging")
    assert [(s.id, s.old, s.new, s.delta) for s in result.sections] == [
        ("front", 43.75, 25.0, -18.75),
        ("back", 100.0, None, None),
    ]
    assert [(c.id, c.delta, c.status) for c in result.items] == [
        ("greet", 75.0, "improved"),
        ("resolve", -50.0, "declined"),
        ("billing", None, "incomparable"),
    ]
    assert [c.id for c in result.changed()] == ["resolve", "greet"]  # declines first
    assert [c.id for c in result.transitions()] == ["billing"]


@pytest.mark.parametrize(
    ("old_answer", "new_answer", "status"),
    [
        pytest.param(3, 3, "unchanged", id="same-score"),
        pytest.param(None, None, "unchanged", id="both-unanswered"),
        pytest.param("n/a", "n/a", "unchanged", id="both-na"),
        pytest.param(3, None, "incomparable", id="answered-to-unanswered"),
        pytest.param(None, 3, "incomparable", id="unanswered-to-answered"),
        pytest.param(3, "n/a", "incomparable", id="score-to-na"),
        pytest.param("n/a", 3, "incomparable", id="na-to-score"),
        pytest.param(1, 2, "improved", id="up"),
        pytest.param(2, 1, "declined", id="down"),
    ],
)
def test_item_status(mini: Rubric, old_answer: Score, new_answer: Score, status: str) -> None:
    result = compare.diff(report(mini, greet=old_answer), report(mini, greet=new_answer))
    assert result.items[0].status == status


def test_added_and_removed_items_across_versions(mini: Rubric) -> None:
    back = mini.sections[1]
    renamed = back.items[0].__class__(**{**back.items[0].__dict__, "id": "invoices"})
    newer = mini.__class__(
        **{**mini.__dict__, "version": 2, "sections": (mini.sections[0], back.__class__(
            **{**back.__dict__, "items": (renamed,)}))}
    )  # fmt: skip
    result = compare.diff(report(mini, billing=3), report(newer, invoices=4))
    assert result.versions_differ
    assert [(c.id, c.status) for c in result.items if c.section == "back"] == [
        ("invoices", "added"),
        ("billing", "removed"),
    ]


def test_different_rubrics_are_refused(mini: Rubric) -> None:
    other = rubric_files.load("leadership-strategies")
    with pytest.raises(UsageError, match=r"uses 'mini', .* uses 'leadership-strategies'"):
        compare.diff(report(mini), report(other))


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        pytest.param(
            ["2026-Q3", "2025-Q4", "2026-Q1"], ["2025-Q4", "2026-Q1", "2026-Q3"], id="quarters"
        ),
        pytest.param(
            ["2026-10", "2026-02", "2025-12"], ["2025-12", "2026-02", "2026-10"], id="months"
        ),
        pytest.param(
            ["2026-03-31", "2026-01-15", "2026-03-01"],
            ["2026-01-15", "2026-03-01", "2026-03-31"],
            id="dates",
        ),
        pytest.param(
            ["2026-05", "2026-Q1", "2026-04-30"], ["2026-Q1", "2026-04-30", "2026-05"], id="mixed"
        ),
    ],
)
def test_trend_orders_by_period(mini: Rubric, periods: list[str], expected: list[str]) -> None:
    result = trend.trend(entry(mini, p, greet=3) for p in periods)
    assert [p.period for p in result.series[0].points] == expected


def test_trend_changes_and_movers(mini: Rubric) -> None:
    result = trend.trend(
        [
            entry(mini, "2026-Q2", greet=1, resolve=1, billing=5),
            entry(mini, "2026-Q1", greet=1, resolve=1, billing=4),
            entry(mini, "2026-Q3", greet=5, resolve=5, billing=3),
        ]
    )
    series = result.series[0]
    # Q1: front 0, back 75 -> overall 75/3 = 25;  Q3: front 100, back 50 -> 250/3 = 83.33
    assert series.overall_change() == pytest.approx(250 / 3 - 25)
    assert series.section_change(0) == 100.0
    assert series.section_change(1) == -25.0
    assert (series.improved_most(), series.declined_most()) == (0, 1)


def test_trend_groups_units(mini: Rubric) -> None:
    result = trend.trend(
        [entry(mini, "2026-Q1", "north", greet=1), entry(mini, "2026-Q1", "south", greet=5),
         entry(mini, "2026-Q2", "north", greet=3)]
    )  # fmt: skip
    assert [(s.unit, len(s.points)) for s in result.series] == [("north", 2), ("south", 1)]


def test_trend_refuses_missing_and_duplicate_periods(mini: Rubric) -> None:
    with pytest.raises(UsageError, match="no period"):
        trend.trend([entry(mini, "2026-Q1"), entry(mini, None)])
    with pytest.raises(UsageError, match="both for period 2026-Q1"):
        trend.trend([entry(mini, "2026-Q1"), entry(mini, "2026-Q1")])
    kept = trend.trend([entry(mini, "2026-Q2"), entry(mini, None)], keep_order=True)
    assert [p.period for p in kept.series[0].points] == ["2026-Q2", None]


def test_trend_refuses_mixed_rubrics(mini: Rubric) -> None:
    with pytest.raises(UsageError, match="across rubrics"):
        trend.trend(
            [entry(mini, "2026-Q1"), entry(rubric_files.load("leadership-strategies"), "2026-Q2")]
        )


# Through the CLI ---------------------------------------------------------------------------


def test_diff_of_the_examples(runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", *map(str, EXAMPLES), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["old", "new", "rubric", "overall", "sections", "items"]
    assert (data["old"]["period"], data["new"]["period"]) == ("2026-Q2", "2026-Q3")
    assert data["overall"]["old_level"] == "Emerging"
    assert data["overall"]["new_level"] == "Developing"
    assert len(data["items"]) == 18
    statuses = {item["id"]: item["status"] for item in data["items"]}
    assert statuses["compelling-vision"] == "improved"
    assert statuses["annual-benchmarking"] == "incomparable"


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_diff_and_trend_render_in_every_format(runner: CliRunner, fmt: str) -> None:
    for command in ("diff", "trend"):
        result = runner.invoke(app, [command, *map(str, EXAMPLES), "-f", fmt])
        assert result.exit_code == 0, result.stderr
        assert "2026-Q3" in result.stdout or (command == "diff" and fmt == "csv")


def test_fail_on_decline(runner: CliRunner) -> None:
    backwards = [str(EXAMPLES[1]), str(EXAMPLES[0])]  # Q3 then Q2: the score fell 11.25 points
    assert runner.invoke(app, ["diff", *backwards, "--fail-on-decline", "20"]).exit_code == 0
    result = runner.invoke(app, ["diff", *backwards, "--fail-on-decline", "10"])
    assert result.exit_code == 3
    assert "overall score fell by 11.25 points" in result.stderr


def test_diff_of_different_rubrics_exits_2(runner: CliRunner, write: Writer) -> None:
    other = write("other.yaml", "rubric: service-culture\n")
    result = runner.invoke(app, ["diff", str(EXAMPLES[0]), str(other)])
    assert result.exit_code == 2
    assert "'world-class-practices'" in result.stderr
    assert "'service-culture'" in result.stderr


def test_bad_file_in_trend_is_located(runner: CliRunner, write: Writer) -> None:
    write("mini.yaml", MINI_RUBRIC)
    bad = write("bad.yaml", "rubric: mini.yaml\nperiod: 2026-Q5\n")
    result = runner.invoke(app, ["trend", str(EXAMPLES[0]), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:2:9: period: expected a period such as 2026-Q3")


def test_trend_needs_two_files(runner: CliRunner) -> None:
    result = runner.invoke(app, ["trend", str(EXAMPLES[0])])
    assert result.exit_code == 2
    assert "needs at least 2 audit files" in result.stderr


def test_a_missing_unit_is_named_not_printed_as_none(runner: CliRunner, tmp_path: Path) -> None:
    q2, q3 = (path for path in EXAMPLES if path.name in ("acme-2026-Q2.yaml", "acme-2026-Q3.yaml"))
    unnamed = tmp_path / "q3.yaml"
    text = q3.read_text(encoding="utf-8")
    unnamed.write_text(text.replace("organization: Acme Support\n", "organization:\n")
                       .replace("unit: EMEA contact center\n", ""), encoding="utf-8")  # fmt: skip
    for command in (["diff", str(q2), str(unnamed)], ["trend", str(q2), str(unnamed)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 0, result.stderr
        assert "None" not in result.stderr
        assert "of different organizations ('Acme Support', no organization)" in result.stderr
    warned = runner.invoke(app, ["diff", str(q2), str(unnamed)]).stderr
    assert "warning: diff: the audits are of different units ('EMEA contact center', no unit)" in (
        warned
    )


def test_diff_all_shows_unchanged_items_as_no_change(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    """An unchanged item reads ``= 0 steps``, never ``▼ +0`` (a decline by nothing); items n/a
    both times have no steps to count."""
    old = write("old.yaml", "rubric: mini.yaml\nperiod: 2026-Q2\nanswers: {greet: 2, resolve: 3, "
                            "billing: n/a}\n")  # fmt: skip
    new = write("new.yaml", "rubric: mini.yaml\nperiod: 2026-Q3\nanswers: {greet: 2, resolve: 4, "
                            "billing: n/a}\n")  # fmt: skip
    result = runner.invoke(app, ["diff", str(old), str(new), "--all"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    rows = {line.split("│")[1].strip(): line.split("│")[3].strip()
            for line in result.stdout.splitlines() if line.startswith("│")}  # fmt: skip
    assert rows["Greeting (greet)"] == "= 0 steps"
    assert rows["Billing (billing)"] == "="
    assert rows["Resolution (resolve)"] == "▲ +1 step"
    assert "+0" not in result.stdout
    assert "▼" not in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_diff_for_people_names_answers_by_their_scale_labels(
    runner: CliRunner, write: Writer, mini_rubric: Path, fmt: str
) -> None:
    """As at the terminal: ``3 Defined → 4 Managed (▲ +1 step)``, not ``3 → 4 (+25.0 pts)``;
    an answer given only now is ``newly answered``, not ``incomparable``."""
    old = write("old.yaml", "rubric: mini.yaml\nperiod: 2026-Q2\nanswers: {greet: 2, resolve: 3}\n")
    new = write("new.yaml", "rubric: mini.yaml\nperiod: 2026-Q3\nanswers: {greet: 2, resolve: 4, "
                            "billing: 1}\n")  # fmt: skip
    result = runner.invoke(app, ["diff", str(old), str(new), "--all", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    if fmt == "html":
        assert ('<td class="nowrap">3 Defined</td><td class="nowrap">4 Managed</td>'
                '<td class="num up">▲ +1 step</td>') in shown  # fmt: skip
        assert ('<td class="nowrap">2 Ad hoc</td><td class="nowrap">2 Ad hoc</td>'
                '<td class="num">= 0 steps</td>') in shown  # fmt: skip
        assert "Resolution: 3 Defined → 4 Managed" in shown  # the largest improvements
        assert "<td>newly answered</td>" in shown
    else:
        assert "- Resolution (resolve): 3 Defined → 4 Managed (+1 step)" in shown
        assert "- Billing (billing): – → 1 Not in place (newly answered)" in shown
    assert "incomparable" not in shown
    assert "+25.0" not in shown
