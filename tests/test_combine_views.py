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
from tests.conftest import MINI_RUBRIC, Writer

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


def units_north_and_south(write: Writer) -> list[str]:
    """The small rubric: North scores greet 1 twice; South 5 and 4, a mean of 4.5 between
    points; resolve 3 everywhere."""
    write("mini.yaml", MINI_RUBRIC)
    audits = (("north-a", "North", 1), ("north-b", "North", 1), ("south-a", "South", 5),
              ("south-b", "South", 4))  # fmt: skip
    return [
        str(write(f"{name}.yaml", f"rubric: mini.yaml\nperiod: 2026-Q3\nunit: {unit}\n"
                                  f"answers: {{greet: {greet}, resolve: 3}}\n"))
        for name, unit, greet in audits
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", ["1 Not in place: North", "4.5 (between Managed and World-class):",
                               "3.5 steps"], id="table"),
        pytest.param("markdown", ["- Greeting: 1 Not in place (North) to 4.5 (between Managed and "
                                  "World-class) (South), 3.5 steps apart"], id="markdown"),
        pytest.param("html", ["<li>Greeting: 1 Not in place (North) to 4.5 (between Managed and "
                              "World-class) (South), 3.5 steps apart</li>"], id="html"),
    ],
)  # fmt: skip
def test_disagreements_show_answers_with_their_scale_labels(
    runner: CliRunner, write: Writer, fmt: str, expected: list[str]
) -> None:
    """Not ``0.0: North``: the lowest and highest answers as the scale names them, a group's
    mean between two points as such, and the gap in scale steps."""
    result = runner.invoke(app, ["combine", *units_north_and_south(write), "--by", "unit",
                                 "-f", fmt], env={"COLUMNS": "120"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    for line in expected:
        assert line in result.stdout, line
    assert "0.0: North" not in result.stdout
    assert "87.5" not in result.stdout.split("isagreements", 1)[1]


@pytest.mark.parametrize("fmt", ["table", "html"])
def test_actions_of_combined_audits_say_the_answer_now_on_the_scale(
    runner: CliRunner, write: Writer, fmt: str
) -> None:
    """greet: North 1 (0%), South 4.5 (87.5%); their mean, 43.75%, is 2.8 on the scale."""
    result = runner.invoke(app, ["combine", *units_north_and_south(write), "--by", "unit",
                                 "-f", fmt], env={"COLUMNS": "120"})  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "now 2.8 (between Ad hoc and Defined)" in result.stdout
    assert "now 43.8%" not in result.stdout
