"""The command line as a user meets it: help, version, exit codes, stdout versus stderr."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from svccheck import __version__
from svccheck.cli.app import app
from tests.conftest import MINI_RUBRIC, Writer

README = Path(__file__).resolve().parents[1] / "README.md"


def all_commands() -> dict[str, str]:
    """Every command and sub-command, mapped to its help text (the docstring)."""
    found: dict[str, str] = {}

    def walk(group: object, prefix: list[str]) -> None:
        for name, sub in getattr(group, "commands", {}).items():
            found[" ".join([*prefix, name])] = sub.help or ""
            walk(sub, [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


COMMANDS = all_commands()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"svccheck {__version__}\n"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0
    summary = " ".join(COMMANDS[name].split("\n\n")[0].split())
    assert len(summary) > 20
    assert summary in " ".join(result.stdout.replace("│", " ").split())
    assert f"svccheck {name}" in README.read_text(encoding="utf-8")


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "Usage:" in result.output
    assert result.exit_code in (0, 2)


def test_rubrics_lists_the_six_builtin_rubrics(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubrics"])
    assert result.exit_code == 0
    rows = re.findall(r"^│ ([a-z-]+) +│.*│ +(\d+) │ +(\d+) │", result.stdout, re.MULTILINE)
    assert sorted(rows) == [
        ("customer-expectations", "3", "25"),
        ("leadership-strategies", "3", "8"),
        ("service-culture", "4", "15"),
        ("service-excellence", "6", "46"),
        ("service-value-chain", "4", "15"),
        ("world-class-practices", "4", "18"),
    ]


def test_rubrics_show_by_path(runner: CliRunner, mini_rubric: Path) -> None:
    result = runner.invoke(app, ["rubrics", "show", str(mini_rubric)])
    assert result.exit_code == 0
    assert "Mini rubric  (mini, version 1)" in result.stdout
    assert "Scale: 1 Not in place, 2 Ad hoc, 3 Defined, 4 Managed, 5 World-class" in result.stdout
    assert "Front line (front, weight 2)" in result.stdout
    assert re.search(r"│ resolve +│ Resolution +│ +3 │", result.stdout)


def test_rubrics_show_unknown_id(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubrics", "show", "world-class"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no rubric named 'world-class' (did you mean 'world-class-practices'?)" in result.stderr


def test_validate_reports_every_file(runner: CliRunner, write: Writer, mini_rubric: Path) -> None:
    broken = write("broken.yaml", MINI_RUBRIC.replace("version: 1", "version: 0"))
    result = runner.invoke(app, ["validate", str(mini_rubric), str(broken), "missing.yaml"])
    assert result.exit_code == 2
    assert f"{mini_rubric}: valid rubric" in result.stderr
    assert f"{broken}:3:10: version: must be at least 1, got 0" in result.stderr
    assert "missing.yaml: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_all_valid_exits_zero(runner: CliRunner, mini_rubric: Path) -> None:
    assert runner.invoke(app, ["validate", str(mini_rubric)]).exit_code == 0


@pytest.mark.parametrize("kind", ["rubric", "audit"])
def test_schema_prints_json_schema(runner: CliRunner, kind: str) -> None:
    result = runner.invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == f"svccheck {kind}"


def test_schema_unknown_kind(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "report"])
    assert result.exit_code == 2
    assert "unknown schema 'report'; expected one of: rubric, audit" in result.stderr


def test_internal_error_is_one_line_without_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode() -> dict[str, Path]:
        raise RuntimeError("boom")

    monkeypatch.setattr("svccheck.formats.rubric.catalog.available", explode)
    result = runner.invoke(app, ["rubrics"])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr
    debug = runner.invoke(app, ["--debug", "rubrics"])
    assert debug.exit_code == 1
    assert "Traceback" in debug.stderr


def test_rubrics_lists_the_good_and_names_the_broken(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Writer
) -> None:
    write("extra/mini.yaml", MINI_RUBRIC)
    broken = write("extra/broken.yaml", "id: broken\ntitle: [\n")
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(tmp_path / "extra"))
    result = runner.invoke(app, ["rubrics"])
    assert result.exit_code == 2
    assert "│ mini " in result.stdout
    assert "│ world-class-practices" in result.stdout
    assert result.stderr.startswith(f"{broken}:3:1: invalid YAML")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_ends_with_examples(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "120"})
    shown = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    tail = shown[shown.index("Examples:") + 1 :]
    assert 2 <= len(tail) <= 3
    assert all("svccheck " in line for line in tail)


def test_help_lists_audit_first(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    rows = [line.split() for line in result.stdout.splitlines() if line.startswith("│ ")]
    listed = [row[1] for row in rows if len(row) > 2 and row[1].isalpha()]
    commands = listed[listed.index("audit") :]
    assert commands[:3] == ["audit", "template", "score"]


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = {
    "score": [str(EXAMPLES / "acme-2026-Q3.yaml")],
    "diff": [str(EXAMPLES / "acme-2026-Q2.yaml"), str(EXAMPLES / "acme-2026-Q3.yaml")],
    "trend": [str(EXAMPLES / "acme-2026-Q2.yaml"), str(EXAMPLES / "acme-2026-Q3.yaml")],
    "combine": sorted(str(p) for p in (EXAMPLES / "units-2026-Q3").glob("*.yaml")),
}


@pytest.mark.parametrize("command", REPORTS)
@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "REPORT.PDF"])
def test_an_output_extension_svccheck_does_not_write_is_refused(
    runner: CliRunner, tmp_path: Path, command: str, name: str
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, [command, *REPORTS[command], "-o", str(target)])
    assert result.exit_code == 2
    assert not target.exists()
    suffix = Path(name).suffix.lower()
    assert f"does not write {suffix} files" in result.stderr
    for written in (".txt", ".md", ".json", ".csv", ".html", ".xlsx"):
        assert written in result.stderr
    assert ("print it from a browser" in result.stderr) == (suffix == ".pdf")
    # -f does not make the name right either
    again = runner.invoke(app, [command, *REPORTS[command], "-f", "html", "-o", str(target)])
    assert again.exit_code == 2
    assert not target.exists()


@pytest.mark.parametrize("name", ["report.txt", "report"])
def test_a_text_file_or_a_name_without_extension_gets_the_table(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = runner.invoke(app, ["score", *REPORTS["score"], "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "Overall: 42.5%" in target.read_text(encoding="utf-8")


def description(help_page: str) -> list[list[str]]:
    """The paragraphs of a help page's description (between the usage line and the first box),
    each as its shown lines."""
    lines = help_page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Usage:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("╭"))
    paragraphs: list[list[str]] = [[]]
    for line in lines[start:end]:
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_paragraphs_flow_at_80_columns(runner: CliRunner, name: str) -> None:
    """A line of the description breaks only where the next word would not fit (78 columns
    inside the margins), never where the docstring's source line happened to end."""
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "80"})
    paragraphs = description(result.stdout)
    assert paragraphs
    for paragraph in paragraphs:
        for line, following in itertools.pairwise(paragraph):
            assert len(line) + 1 + len(following.split()[0]) > 78, (line, following)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_paragraphs_are_one_line_when_wide(runner: CliRunner, name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"], env={"COLUMNS": "400"})
    paragraphs = description(result.stdout)
    assert all(len(paragraph) == 1 for paragraph in paragraphs), paragraphs
    if " " not in name:  # the top level lists each command with its first paragraph, whole
        listed = runner.invoke(app, ["--help"], env={"COLUMNS": "400"}).stdout.splitlines()
        row = next(line for line in listed if line.startswith(f"│ {name} "))
        assert paragraphs[0][0] in row


def test_validate_says_how_many_items_an_audit_answers(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    blank = tmp_path / "blank.yaml"
    assert runner.invoke(app, ["template", str(mini_rubric), "-o", str(blank)]).exit_code == 0
    begun = write("begun.yaml", "rubric: mini.yaml\nanswers:\n  greet: 4\n  billing: n/a\n")
    result = runner.invoke(app, ["validate", str(blank), str(begun), str(mini_rubric)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{blank}: valid audit, 0 of 3 items answered",
        f"{begun}: valid audit, 2 of 3 items answered",
        f"{mini_rubric}: valid rubric",
    ]


def test_validate_help_names_every_kind_of_file(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert "Rubric, audit, plan or importance files to check" in flat
