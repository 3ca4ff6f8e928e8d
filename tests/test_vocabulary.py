"""One vocabulary: not applicable and NA read the same in YAML, in a workbook and at the prompt."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core.vocabulary import ExitCode, is_na, means_missing, na_pattern
from svccheck.formats.audit import loading as audit_files
from tests.conftest import Writer

YAML_AUDIT = """\
svccheck: 1
rubric: mini.yaml
organization: Acme
period: 2026-Q3
answers:
  greet: {answer}
"""
HEADER = ["--organization", "Acme", "--unit", "EMEA", "--period", "2026-Q3", "--assessor", "Dana"]


@pytest.mark.parametrize("text", ["n/a", "N/A", "n.a.", "N.A.", "n/A"])
def test_every_spelling_of_not_applicable_is_read_alike(text: str) -> None:
    assert is_na(text)
    assert re.fullmatch(na_pattern()[1:-1], text)


@pytest.mark.parametrize("text", ["na", "NA", "n.a", "n / a", "nope", "n", " n/a"])
def test_other_texts_are_not_not_applicable(text: str) -> None:
    assert not is_na(text)
    assert not re.fullmatch(na_pattern()[1:-1], text)


def test_na_alone_means_missing() -> None:
    assert means_missing("NA")
    assert means_missing(" na ")
    assert not means_missing("n/a")


@pytest.mark.parametrize(("answer", "expected"), [("N/A", "n/a"), ("n.a.", "n/a")])
def test_yaml_reads_not_applicable(
    write: Writer, mini_rubric: Path, answer: str, expected: str
) -> None:
    path = write("a.yaml", YAML_AUDIT.format(answer=answer))
    assert audit_files.load_audit(str(path)).audit.answer_map()["greet"].score == expected


def _workbook_with(runner: CliRunner, mini_rubric: Path, tmp_path: Path, score: str) -> Path:
    target = tmp_path / "q.xlsx"
    made = runner.invoke(app, ["template", str(mini_rubric), "-o", str(target)])
    assert made.exit_code == 0, made.stderr
    book = openpyxl.load_workbook(target)
    book["Audit"]["B4"] = "2026-Q3"
    book["Audit"]["J10"] = score  # greet's Score cell
    book.save(target)
    return target


@pytest.mark.parametrize("source", ["yaml", "xlsx"])
def test_na_is_refused_alike_in_yaml_and_workbooks(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path, source: str
) -> None:
    if source == "yaml":
        path = write("a.yaml", YAML_AUDIT.format(answer="NA"))
    else:
        path = _workbook_with(runner, mini_rubric, tmp_path, "NA")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "'NA' is not an answer; did you mean n/a (not applicable)?" in result.stderr
    assert ("Audit!J10" in result.stderr) == (source == "xlsx")


def test_a_workbook_reads_not_applicable_as_yaml_does(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    path = _workbook_with(runner, mini_rubric, tmp_path, "N.A.")
    assert audit_files.load_audit(str(path)).audit.answer_map()["greet"].score == "n/a"


def test_the_interview_refuses_na_and_takes_n_a(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    target = tmp_path / "q.yaml"
    arguments = ["audit", "--rubric", str(mini_rubric), "--output", str(target), *HEADER]
    result = runner.invoke(app, arguments, input="NA\nN/A\nn.a.\nn\n")
    assert result.exit_code == 0, result.stderr
    assert "Did you mean n/a (not applicable)?" in result.stdout + result.stderr
    answers = audit_files.load_audit(str(target)).audit.answer_map()
    assert [answers[i].score for i in ("greet", "resolve", "billing")] == ["n/a"] * 3
