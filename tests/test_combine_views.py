"""``svccheck combine`` as people read it: the heat map at 80 columns, and agreement between
assessors shown only where some unit was audited by two of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import output
from svccheck.formats.rubric import loading as rubric_files
from tests.conftest import Writer

UNITS = Path(__file__).resolve().parents[1] / "examples" / "units-2026-Q3"
# Two assessors of the Americas unit, one of EMEA: agreement is measured on the Americas.
PANEL = sorted(str(path) for path in UNITS.glob("*.yaml"))
# One assessor per unit: nobody to agree with.
SINGLES = [str(UNITS / "americas-priya.yaml"), str(UNITS / "emea-dana.yaml")]


@pytest.fixture(autouse=True)
def _fresh_console() -> None:
    """The results console is made once per process; COLUMNS is read when it is made."""
    output.stdout.cache_clear()


def units_of_the_complete_rubric(write: Writer) -> list[str]:
    """Two units of service-excellence, one assessor each, every item answered."""
    built = rubric_files.load("service-excellence")
    answers = "".join(f"  {item.id}: {1 + n % 4}\n" for n, (_, item) in enumerate(built.items()))
    return [
        str(write(f"{unit}.yaml", "svccheck: 2\nrubric: service-excellence\nperiod: 2026-Q3\n"
                  f"unit: {unit}\nassessor: {who}\nanswers:\n{answers}"))
        for unit, who in (("Contact center", "Ann"), ("Field service", "Bob"))
    ]  # fmt: skip


@pytest.mark.parametrize("rubric", ["world-class-practices", "service-excellence"])
def test_heat_map_columns_are_numbered_and_named_whole_below(
    runner: CliRunner, write: Writer, rubric: str
) -> None:
    files = PANEL if rubric == "world-class-practices" else units_of_the_complete_rubric(write)
    result = runner.invoke(app, ["combine", *files], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "…" not in result.stdout
    sections = rubric_files.load(rubric).sections
    numbers = " ┃ ".join(f"{n:>4}" for n in range(1, len(sections) + 1))
    assert any(f"┃ {numbers} ┃ overall ┃" in line for line in lines)
    # The legend names every section in full after its number (a name may wrap between words).
    legend = " ".join(result.stdout.split("Sections: ", 1)[1].split())
    for number, section in enumerate(sections, start=1):
        assert f"{number} {section.title}" in legend
    groups = (
        ("Americas field service", "EMEA contact center")
        if rubric == "world-class-practices"
        else ("Contact center", "Field service")
    )
    for group in groups:  # each group's name whole on its row
        assert any(line.startswith(f"│ {group} ") for line in lines), group


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_no_unit_audited_twice_shows_no_agreement(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["combine", *SINGLES, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "alpha" not in result.stdout.lower()
    assert "undefined" not in result.stdout
    assert "Discussion list" not in result.stdout
    said = " ".join(result.stdout.split())
    assert "o unit was audited by two or more assessors, so there is nothing to compare" in said
    if fmt == "html":
        assert not re.search(r"<h3>Agreement|Agreement \(alpha\)", result.stdout)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_unit_audited_twice_shows_agreement(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["combine", *PANEL, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "alpha" in result.stdout.lower()
    assert "Discussion list" in result.stdout
    assert "No unit was audited by two" not in result.stdout


def test_json_keeps_its_agreement_keys_when_nothing_is_compared(runner: CliRunner) -> None:
    # JSON is data: its keys never go away; undefined figures are null.
    result = runner.invoke(app, ["combine", *SINGLES, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert '"alpha": null' in result.stdout
    assert '"pairs": 0' in result.stdout
