"""Mistakes people make editing an audit by hand, and spellings they use (issue 15, item 4)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.cli.validation import FORMATS
from svccheck.formats.audit import loading as audit_files

HEAD = "rubric: mini.yaml\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "answers:\n  greet: {score: 3, note: slow: very}\n",
            "q.yaml:3:31: invalid YAML: did not find expected ',' or '}' (while parsing a flow "
            "mapping); a ': ' inside {...} ends a key and starts a value: put the note in double "
            'quotes, such as note: "slow: very"',
            id="colon-in-flow-note",
        ),
        pytest.param(
            "answers:\n  greet: 3\n  # checked twice\n  resolve 2\n  # more\n  billing: 2\n",
            "q.yaml:5:3: invalid YAML: could not find expected ':' (while scanning a simple key); "
            "no ':' after the key on this line; write resolve: 2 (where the parser stopped: "
            "line 6)",
            id="missing-colon",
        ),
        pytest.param(
            "answers:\n  greet: 3\n  # a\n  # b\nresolve: 2\n  # c\n  # d\n  billing: 1\n",
            "q.yaml:6:1: invalid YAML: did not find expected key (while parsing a block mapping); "
            "this key is indented less than the lines around it (it ended the mapping above); "
            "indent it like its neighbours (where the parser stopped: line 9)",
            id="unindented-key",
        ),
    ],
)
def test_slips_point_at_the_line_to_fix(
    runner: CliRunner, mini_rubric: Path, body: str, expected: str
) -> None:
    path = mini_rubric.parent / "q.yaml"
    path.write_text(HEAD + body)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(expected), result.stderr


@pytest.mark.parametrize("spelling", ["n/a", "N/A", "n/A", "n.a.", "N.A."])
def test_not_applicable_in_any_case(runner: CliRunner, mini_rubric: Path, spelling: str) -> None:
    path = mini_rubric.parent / "q.yaml"
    path.write_text(HEAD + f"answers:\n  greet: {spelling}\n  resolve: {{score: {spelling}}}\n")
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    answers = {item["id"]: item["answer"] for item in json.loads(result.stdout)["items"]}
    assert answers["greet"] == answers["resolve"] == "n/a"
    # The exported schema accepts what the loader accepts.
    document = {"rubric": "mini.yaml", "answers": {"greet": spelling}}
    jsonschema.validate(document, FORMATS["audit"].schema())


def test_na_asks_whether_n_a_was_meant(runner: CliRunner, mini_rubric: Path) -> None:
    path = mini_rubric.parent / "q.yaml"
    path.write_text(HEAD + "answers:\n  greet: NA\n")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "answers.greet: 'NA' is not an answer; did you mean n/a (not applicable)?" in (
        result.stderr
    )


def test_lowercase_quarter_is_read_as_a_quarter(runner: CliRunner, mini_rubric: Path) -> None:
    for period, score in (("2026-q3", 2), ("2026-q4", 4)):
        path = mini_rubric.parent / f"{period}.yaml"
        path.write_text(HEAD + f"period: {period}\nanswers:\n  greet: {score}\n")
    result = runner.invoke(
        app, ["trend", *(str(mini_rubric.parent / f"2026-q{n}.yaml") for n in (3, 4))]
    )
    assert result.exit_code == 0, result.stderr
    assert "2026-Q3" in result.stdout
    assert "2026-Q4" in result.stdout


def test_lowercase_period_option_and_n_a_at_the_prompt(
    runner: CliRunner, mini_rubric: Path
) -> None:
    target = mini_rubric.parent / "x.yaml"
    arguments = ["audit", "-r", str(mini_rubric), "-o", str(target), "--period", "2026-q4"]
    result = runner.invoke(app, arguments, input="N/A no greeting here\nq\n")
    assert result.exit_code == 0, result.stderr
    loaded = audit_files.load_audit(str(target)).audit
    assert loaded.period == "2026-Q4"
    assert loaded.answer_map()["greet"].score == "n/a"
    assert loaded.answer_map()["greet"].note == "no greeting here"


def test_scoring_a_rubric_says_so(runner: CliRunner) -> None:
    rubric_file = str(Path(__file__).resolve().parent.parent / "rubrics" / "service-culture.yaml")
    result = runner.invoke(app, ["score", rubric_file])
    assert result.exit_code == 2
    assert "service-culture.yaml: this is a rubric, not an audit; write an audit of it" in (
        result.stderr
    )
