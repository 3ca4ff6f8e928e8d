"""Customer importance in every view: the quadrants, the priorities, importance changes.

The golden files (tests/golden/score-importance.*, hostile-*-importance.*) hold the whole
output; these tests state what each view must show, and check the text scatter by hand.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.engine import importance, scoring
from svccheck.engine.results import IPA, QUADRANT_ORDER, Quadrant
from svccheck.formats import importance as importance_format
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit
from svccheck.render.dispatch import Format, ReportOptions
from svccheck.render.dispatch import report as render_report
from svccheck.render.html_ipa import chart
from svccheck.render.ipa_text import scatter
from tests.conftest import MINI_RUBRIC, Writer, app
from tests.test_importance import flat_rubric

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = str(ROOT / "examples" / "expectations" / "acme-2026-Q3.yaml")
SURVEY = str(ROOT / "examples" / "importance" / "acme-customer-survey-2026.yaml")
SCORE = ["score", EXAMPLE, "--importance", SURVEY]


def output(runner: CliRunner, *arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("fmt", "names"),
    [
        pytest.param("table", [q.label for q in Quadrant], id="table"),
        pytest.param("markdown", [q.label for q in Quadrant], id="markdown"),
        pytest.param("html", [q.label for q in Quadrant], id="html"),
        pytest.param("csv", [q.value for q in Quadrant], id="csv"),
        pytest.param("json", [q.value for q in Quadrant], id="json"),
    ],
)
def test_every_format_shows_the_quadrants(runner: CliRunner, fmt: str, names: list[str]) -> None:
    text = output(runner, *SCORE, "-f", fmt)
    assert all(name in text for name in names), fmt


def test_markdown_and_csv_carry_the_quadrant_per_item(runner: CliRunner) -> None:
    markdown = output(runner, *SCORE, "-f", "markdown")
    assert "| Customers treated fairly (fair-treatment) | Keep up the good work | 4 | 50.0 |" in (
        markdown
    )
    assert "### Reasonable response times (+1.8 pts, priority 2.23, importance 5, now 2 " in (
        markdown
    )
    rows = output(runner, *SCORE, "-f", "csv").splitlines()
    assert rows[0].endswith(",note,evidence,supported,stale,importance,quadrant,priority")
    by_item = {row.split(",")[2]: row for row in rows[1:]}
    assert by_item["friendly-courteous"].endswith(",2,possible-overkill,")  # no gain: no priority
    assert by_item["response-time"].endswith(",5,concentrate-here,2.23")
    assert by_item["everyone-adds-value"].endswith(",,,3.57")  # not rated: counts at the mean


def test_csv_with_a_plan_puts_the_importance_columns_first(
    runner: CliRunner, write: Writer
) -> None:
    plan = str(ROOT / "examples" / "plans" / "acme-2026-Q3-plan.yaml")
    acme = str(ROOT / "examples" / "acme-2026-Q3.yaml")
    survey = write(
        "wcp.yaml",
        "svccheck: 2\nkind: importance\nrubric: world-class-practices\norganization: Acme "
        "Support\nsource: a panel\nimportance: {hire-for-service: 5}\n",
    )
    text = output(runner, "score", acme, "--plan", plan, "--importance", str(survey), "-f", "csv")
    rows = text.splitlines()
    assert rows[0].endswith(
        ",note,evidence,supported,stale,importance,quadrant,priority,plan_period,plan_to,plan_met,"
        "plan_status"
    )
    hire = next(row for row in rows if ",hire-for-service," in row)
    # The only item rated: alone on both crosshairs (high, high), its priority its gain.
    assert hire.endswith(',2.5,structured interview drafted, not yet used"') is False
    assert hire.endswith(",5,keep-up-the-good-work,2.5,2026-Q4,4,false,done")


def test_the_table_view_fits_80_columns_with_the_scatter_whole() -> None:
    found = audit_files.load_audit(EXAMPLE)
    ratings = importance_format.load(SURVEY)[0].ratings
    report = importance.apply(scoring.score(found.rubric, found.audit), ratings)
    assert report.importance is not None
    text = render_report(report, Format.table, ReportOptions()).plain(width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    drawn = scatter(report.importance.ipa)
    assert max(len(line) for line in drawn) <= 80
    start = lines.index(drawn[0])
    assert lines[start : start + len(drawn)] == drawn


def test_the_commands_reference_shows_the_example_as_it_is() -> None:
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    part = readme[readme.index("## Customer importance") :]
    block = part[part.index("```text\n") + len("```text\n") :]
    found = audit_files.load_audit(EXAMPLE)
    ratings = importance_format.load(SURVEY)[0].ratings
    report = importance.apply(scoring.score(found.rubric, found.audit), ratings)
    assert report.importance is not None
    assert block[: block.index("```")].splitlines() == scatter(report.importance.ipa)
    assert f"--importance {Path(SURVEY).relative_to(ROOT)}" in part


def ipa_of(answers: dict[str, int], ratings: dict[str, int], high: int = 5) -> IPA:
    """The IPA of a flat rubric's audit (tests/test_importance.py)."""
    loaded = flat_rubric(list(answers), high=high)
    audit = Audit("flat", answers=tuple(Answer(k, v) for k, v in answers.items()))
    report = importance.apply(scoring.score(loaded, audit), tuple(ratings.items()))
    assert report.importance is not None
    return report.importance.ipa


def test_the_scatter_by_hand() -> None:
    # Percents 0, 50, 50, 100, 25, 75 (mean 50); importances 3, 3, 1, 5, 2, 4 (mean 3): the row
    # line lies under 3, the lowest high importance; the column line before 50% (column 20).
    ipa = ipa_of(
        {"a": 1, "b": 3, "c": 3, "d": 5, "e": 2, "f": 4},
        {"a": 3, "b": 3, "c": 1, "d": 5, "e": 2, "f": 4},
    )
    assert scatter(ipa) == [
        "importance  Concentrate here     Keep up the good work",
        "         5 │                    ┆                    1",
        "         4 │                    ┆          1",
        "         3 │1                   ┆1",
        "           ├╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌┼╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌",
        "         2 │          1         ┆",
        "         1 │                    ┆1",
        "           └────────────────────┴─────────────────────",
        "            0%             performance            100%",
        "            Low priority             Possible overkill",
    ]


def test_the_scatter_keeps_items_near_the_crosshair_on_their_side() -> None:
    # On 1..101 (percent = answer - 1): 49% and 50% round to the same column as the mean 49.5%;
    # the item below the mean is drawn left of the line, the other right of it.
    ipa = ipa_of({"a": 50, "b": 51}, {"a": 3, "b": 3}, high=101)
    assert ipa.performance_mean == Fraction(99, 2)
    rows = [line for line in scatter(ipa) if line.startswith("         3 │")]
    assert rows == ["         3 │                   1┆1"]


def test_one_importance_for_all_draws_no_row_line() -> None:
    ipa = ipa_of({"a": 1, "b": 5}, {"a": 1, "b": 1})
    drawn = scatter(ipa)
    assert not any("├" in line for line in drawn)
    assert "         1 │1                   ┆                    1" in drawn


def test_the_html_chart_numbers_items_as_its_table() -> None:
    ipa = ipa_of({"a": 2, "b": 2, "c": 5}, {"a": 5, "b": 5, "c": 1})
    drawn = chart("t", ipa)
    assert drawn is not None
    assert [(r.number, r.placed.result.item.id, r.quadrant) for r in drawn.rows] == [
        (1, "a", "Concentrate here"),
        (2, "b", "Concentrate here"),
        (3, "c", "Possible overkill"),
    ]
    assert sorted(d.label for d in drawn.dots) == ["1, 2", "3"]  # a and b share one place
    assert chart("t", ipa_of({"a": 2}, {})) is None


def test_the_workbook_has_the_importance_columns_and_crosshairs(
    runner: CliRunner, tmp_path: Path
) -> None:
    import openpyxl

    target = tmp_path / "report.xlsx"
    result = runner.invoke(app, [*SCORE, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    rows = list(book["Items"].iter_rows(values_only=True))
    assert rows[0][-3:] == ("importance", "quadrant", "priority")
    by_item = {row[2]: row[-3:] for row in rows[1:]}
    assert by_item["response-time"] == (5, "concentrate-here", 2.23)
    assert by_item["know-what-matters"] == (None, None, 0.89)
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["importance_file"] == SURVEY
    assert (summary["importance_mean"], summary["performance_mean"]) == (4, 50)
    assert book["Items"].auto_filter.ref == "A1:O26"


@pytest.fixture
def rated(write: Writer) -> tuple[Path, Path]:
    write("mini.yaml", MINI_RUBRIC)
    head = "svccheck: 2\nrubric: mini.yaml\nanswers: {greet: 5, resolve: 2, billing: 3}\n"
    old = write("old.yaml", head + "importance: {greet: 2, resolve: 3}\n")
    new = write("new.yaml", head + "importance: {greet: 2, resolve: 5, billing: 4}\n")
    return old, new


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        pytest.param("table", ["\nImportance\n", "  resolve: 3 → 5", "  billing: – → 4"]),
        pytest.param("markdown", ["## Importance", "- resolve: 3 → 5", "- billing: – → 4"]),
        pytest.param("csv", [",old_importance,new_importance", "resolve,front,", ",3,5"]),
        pytest.param("html", ['<h2 id="importance">Importance</h2>', "<li>billing: – → 4</li>"]),
    ],
)
def test_diff_shows_importance_changes(
    runner: CliRunner, rated: tuple[Path, Path], fmt: str, shown: list[str]
) -> None:
    old, new = rated
    text = output(runner, "diff", str(old), str(new), "-f", fmt)
    assert all(part in text for part in shown), text


def test_diff_without_importance_on_one_side_shows_none(
    runner: CliRunner, rated: tuple[Path, Path], write: Writer
) -> None:
    old, _ = rated
    plain = write("plain.yaml", "rubric: mini.yaml\nanswers: {greet: 5, resolve: 2, billing: 3}\n")
    for fmt in ("table", "markdown", "csv", "html", "json"):
        text = output(runner, "diff", str(old), str(plain), "-f", fmt)
        assert "mportance" not in text.replace(str(old.parent), ""), fmt  # the folder's name


def test_quadrant_order_is_what_to_act_on_first() -> None:
    assert [q.label for q in QUADRANT_ORDER] == [
        "Concentrate here",
        "Keep up the good work",
        "Low priority",
        "Possible overkill",
    ]
    assert json.dumps([q.value for q in QUADRANT_ORDER]) == (
        '["concentrate-here", "keep-up-the-good-work", "low-priority", "possible-overkill"]'
    )


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        pytest.param(["score", str(ROOT / "examples" / "acme-2026-Q3.yaml")], False, id="score"),
        pytest.param(
            [
                "diff",
                str(ROOT / "examples" / "acme-2026-Q2.yaml"),
                str(ROOT / "examples" / "acme-2026-Q3.yaml"),
                "-f",
                "html",
            ],
            False,
            id="diff-html",
        ),
        pytest.param(["plan", str(ROOT / "examples" / "acme-2026-Q3.yaml")], False, id="plan"),
        pytest.param(SCORE, True, id="score-importance"),
    ],
)
def test_the_importance_engine_is_imported_only_when_used(
    arguments: list[str], expected: bool
) -> None:
    # Its eight dataclasses cost about 5 ms to define: commands without importance never pay.
    found = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "svccheck", *arguments],
        check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    imported = re.search(r"\| +svccheck\.engine\.importance$", found.stderr, re.MULTILINE)
    assert (imported is not None) is expected


def sparse_audit(write: Writer, rated: int) -> tuple[Path, list[str]]:
    """An audit of service-excellence (46 items, answered 1 to 3) rating the first ``rated``
    items 5 or 2; the ids left without an importance."""
    items = [item.id for _, item in rubric_files.load("service-excellence").items()]
    answers = "".join(f"  {item_id}: {1 + n % 3}\n" for n, item_id in enumerate(items))
    given = "".join(f"  {item_id}: {2 + 3 * (n % 2)}\n" for n, item_id in enumerate(items[:rated]))
    text = "svccheck: 2\nrubric: service-excellence\norganization: T\nperiod: 2026-Q3\n"
    path = write("sparse.yaml", f"{text}answers:\n{answers}importance:\n{given}")
    return path, items[rated:]


def test_importance_for_under_half_the_items_is_said_and_warned(
    runner: CliRunner, write: Writer
) -> None:
    path, unrated = sparse_audit(write, 10)
    table = runner.invoke(app, ["score", str(path), "--top", "46"], env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.stderr
    assert "importance given for 10 of 46 items, under half" in table.stderr
    said = " ".join(table.stdout.split())
    assert "Importance given for 10 of 46 items (under half): the 36 others count" in said
    report = json.loads(output(runner, "score", str(path), "-f", "json"))
    mean = report["ipa"]["importance_mean"]
    assert (report["ipa"]["rated_items"], report["ipa"]["rubric_items"]) == (10, 46)
    # Every action without an importance says so, and at what it counts, where it ranks.
    for action in report["actions"]:
        if action["item"] in unrated:
            assert f"{action['item']} · now" in said
            line = said.split(f"{action['item']} · now", 1)[1].split("•", 1)[0]
            assert f"no importance, counts as the mean {mean:.2f}" in line
    markdown = output(runner, "score", str(path), "-f", "markdown")
    assert "Importance given for 10 of 46 items (under half)" in markdown
    assert f"no importance, counts as the mean {mean:.2f}" in markdown
    plan = runner.invoke(app, ["plan", str(path)])
    assert "importance given for 10 of 46 items, under half" in plan.stderr


def test_importance_for_half_the_items_or_more_is_said_without_a_warning(
    runner: CliRunner, write: Writer
) -> None:
    path, _ = sparse_audit(write, 23)
    table = runner.invoke(app, ["score", str(path)])
    assert table.exit_code == 0, table.stderr
    assert table.stderr == ""
    assert "Importance given for 23 of 46 items." in table.stdout
    assert "under half" not in table.stdout
