"""``svccheck score`` and ``svccheck template`` through the CLI runner."""

from __future__ import annotations

import itertools
import json
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit
from svccheck.render.dispatch import Format
from tests.conftest import Writer
from tests.test_scoring import exact_gains

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("fmt", list(Format), ids=str)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_format_renders_every_example(
    runner: CliRunner, example: Path, fmt: Format, tmp_path: Path
) -> None:
    if fmt is Format.xlsx:  # a workbook is written to a file only
        target = tmp_path / "report.xlsx"
        result = runner.invoke(app, ["score", str(example), "--format", "xlsx", "-o", str(target)])
        assert result.exit_code == 0, result.stderr
        assert target.read_bytes().startswith(b"PK")
    else:
        result = runner.invoke(app, ["score", str(example), "--format", fmt.value])
        assert result.exit_code == 0, result.stderr
        assert "Acme Support" in result.stdout or fmt is Format.csv
    assert result.stderr == ""


def test_examples_are_consecutive_quarters_one_partial_one_with_notes(runner: CliRunner) -> None:
    reports = [
        json.loads(runner.invoke(app, ["score", str(p), "-f", "json"]).stdout) for p in EXAMPLES
    ]
    assert [r["audit"]["period"] for r in reports] == ["2026-Q2", "2026-Q3"]
    assert reports[0]["overall"]["coverage"] < 1
    assert any(item["answer"] == "n/a" and item["note"] for item in reports[1]["items"])


def test_score_reads_stdin(runner: CliRunner, mini_rubric: Path) -> None:
    os.chdir(mini_rubric.parent)  # the audit names its rubric relative to where it is read
    text = "rubric: mini.yaml\nanswers: {greet: 5, resolve: 5, billing: 5}\n"
    result = runner.invoke(app, ["score", "-", "-f", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["overall"]["score"] == 100.0


@pytest.mark.parametrize(
    ("threshold", "code"),
    [pytest.param("42.5", 0, id="met"), pytest.param("42.6", 3, id="missed")],
)
def test_fail_under(runner: CliRunner, threshold: str, code: int) -> None:
    # The Q3 example scores 42.5.
    result = runner.invoke(app, ["score", str(EXAMPLES[1]), "--fail-under", threshold])
    assert result.exit_code == code
    assert ("below --fail-under" in result.stderr) == (code == 3)


def test_output_file_is_written_and_stdout_stays_empty(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = runner.invoke(app, ["score", str(EXAMPLES[1]), "-f", "markdown", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text().startswith("# Acme Support: World-class service practices")


def test_table_to_file_is_plain_text(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    assert runner.invoke(app, ["score", str(EXAMPLES[1]), "-o", str(target)]).exit_code == 0
    text = target.read_text()
    assert "Overall: 42.5%  level: Developing" in text
    assert "\x1b" not in text


def test_output_into_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(EXAMPLES[1]), "-o", str(tmp_path / "no" / "r.txt")])
    assert result.exit_code == 2
    assert "cannot write (No such file or directory); nothing was written" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["score", "missing.yaml"], "missing.yaml: no such file", id="missing"),
        pytest.param(["score", "."], ".: is a directory", id="directory"),
        pytest.param(
            ["score", "x", "-f", "pdf"],
            "--format 'pdf': expected table, json, markdown (or md), csv, html or xlsx",
            id="format",
        ),
        pytest.param(["score", "x", "--top", "0"], "Invalid value for '--top'", id="top"),
    ],
)
def test_usage_and_input_errors_exit_2(
    runner: CliRunner, arguments: list[str], message: str
) -> None:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_audit_is_located_and_exits_2(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    bad = write("bad.yaml", "rubric: mini.yaml\nanswers:\n  greet: 7\n")
    result = runner.invoke(app, ["score", str(bad)])
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{bad}:3:10: answers.greet: score 7 is outside the scale 1..5 (or write n/a)\n"
    )


def test_coverage_warning_names_unanswered_items(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(EXAMPLES[0])])
    expected = "5 of 18 items unanswered (are left out of the scores): staff-engagement,"
    assert expected in " ".join(result.stdout.split())


def test_template_then_score(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "blank.yaml"
    made = runner.invoke(
        app, ["template", "service-culture", "-o", str(target), "--organization", "Ünïcorn Ltd"]
    )
    assert made.exit_code == 0
    assert "organization: Ünïcorn Ltd" in target.read_text()
    scored = runner.invoke(app, ["score", str(target), "-f", "json"])
    assert scored.exit_code == 0
    assert json.loads(scored.stdout)["overall"] == {
        "score": None, "level": None, "coverage": 0.0, "provisional": True, "min_coverage": 0.8,
        "confidence": None,
    }  # fmt: skip


def test_template_with_rubric_path_resolves_from_the_new_file(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    target = tmp_path / "audits" / "q1.yaml"
    target.parent.mkdir()
    assert runner.invoke(app, ["template", str(mini_rubric), "-o", str(target)]).exit_code == 0
    assert "rubric: ../mini.yaml" in target.read_text()
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


ALL_EXAMPLES = sorted(
    path
    for path in (Path(__file__).resolve().parents[1] / "examples").rglob("*.yaml")
    if "plans" not in path.parts and "importance" not in path.parts  # plans, importance files
)


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_section_shares_of_every_example_sum_to_one(runner: CliRunner, example: Path) -> None:
    result = runner.invoke(app, ["score", str(example), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    sections = json.loads(result.stdout)["sections"]
    assert sum(section["share"] for section in sections) == pytest.approx(1.0, abs=1e-5)
    assert all(section["weight"] is None for section in sections)  # built-ins weigh by item


def _cycled_audit(write: Writer, importance: bool = False) -> tuple[Path, Audit]:
    """An audit of service-excellence answered 1, 2, 3, 1, ... (importance 1..5 cycled too):
    many actions have equal gains from sections of different sizes."""
    built = rubric_files.load("service-excellence")
    answers = tuple(Answer(item.id, 1 + index % 3) for index, (_, item) in enumerate(built.items()))
    lines = [f"  {a.item_id}: {a.score}" for a in answers]
    rated = [f"  {item.id}: {1 + index % 5}" for index, (_, item) in enumerate(built.items())]
    text = "svccheck: 2\nrubric: service-excellence\norganization: T\nperiod: 2026-Q3\n"
    text += "answers:\n" + "\n".join(lines) + "\n"
    if importance:
        text += "importance:\n" + "\n".join(rated) + "\n"
    return write("cycled.yaml", text), Audit(rubric=built.id, answers=answers)


def test_equal_gains_are_listed_in_rubric_order(runner: CliRunner, write: Writer) -> None:
    # 75 / 52 for a weight-1 item at 1 in any section: the floats differed by section
    # (2.8846153846153846, 2.884615384615384) and decided the order before.
    path, audit = _cycled_audit(write)
    built = rubric_files.load("service-excellence")
    exact = exact_gains(built, audit)
    position = {item_id: index for index, item_id in enumerate(built.item_ids())}
    expected = sorted(exact, key=lambda item_id: (-exact[item_id], position[item_id]))
    report = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)
    assert [action["item"] for action in report["actions"]] == expected
    table = runner.invoke(app, ["score", str(path), "--top", "100"]).stdout
    shown = re.findall(r"^ +([a-z-]+) · now", table, re.MULTILINE)
    assert shown == expected
    ties = sum(exact[a] == exact[b] for a, b in itertools.pairwise(expected))
    assert ties > 10


def test_equal_priorities_are_listed_in_rubric_order(runner: CliRunner, write: Writer) -> None:
    path, audit = _cycled_audit(write, importance=True)
    built = rubric_files.load("service-excellence")
    gains = exact_gains(built, audit)
    rated = {item.id: 1 + index % 5 for index, (_, item) in enumerate(built.items())}
    mean = Fraction(sum(rated.values()), len(rated))  # every item has a percent
    priority = {item_id: gain * rated[item_id] / mean for item_id, gain in gains.items()}
    position = {item_id: index for index, item_id in enumerate(built.item_ids())}
    expected = sorted(priority, key=lambda item_id: (-priority[item_id], position[item_id]))
    report = json.loads(runner.invoke(app, ["score", str(path), "-f", "json"]).stdout)
    assert [action["item"] for action in report["actions"]] == expected
    ties = sum(priority[a] == priority[b] for a, b in itertools.pairwise(expected))
    assert ties > 5
