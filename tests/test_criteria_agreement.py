"""How far assessors of one unit agree on an item's criteria (``combine``): the engine's count of
criteria marked alike and differently, and what every format shows of it.

North is audited by Ann and Bob, South by Cy and Di, East by Ed alone. On ``greet`` (criteria
``standard``, ``greeted@3``, ``name-given``, ``greeted@4``, ``greeted@5``, ``reviewed``):

- North: both mark ``standard`` met (alike); ``greeted@3`` Ann met, Bob partly (different);
  ``name-given`` only Ann, ``reviewed`` only Bob (different: one left out counts as never shown,
  which the other did not see).
- South: ``standard`` Cy met, Di not met (different); ``greeted@3`` both met (alike).
- East: one assessor, nothing to compare.

So 6 criteria were compared, 2 marked alike; each of ``standard`` and ``greeted@3`` alike in 1
of 2 units, ``name-given`` and ``reviewed`` in 0 of 1.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli import inputs
from svccheck.core import output
from svccheck.core.vocabulary import CriterionStatus
from svccheck.engine import combine
from svccheck.engine.criteria_agreement import CriteriaAgreement, criteria_agreement
from tests.conftest import CRITERIA_RUBRIC, Writer, app

MARKS = {
    ("north", "Ann"): "{standard: met, greeted@3: met, name-given: partly}",
    ("north", "Bob"): "{greeted@3: partly, standard: met, reviewed: met}",  # not rubric order
    ("south", "Cy"): "{standard: met, greeted@3: met}",
    ("south", "Di"): "{standard: not-met, greeted@3: met}",
    ("east", "Ed"): "{standard: met}",
}


@pytest.fixture(autouse=True)
def _fresh_console() -> None:
    """The results console is made once per process; COLUMNS is read when it is made."""
    output.stdout.cache_clear()


def _audit(unit: str, who: str, greet: str, *, criteria: bool = True) -> str:
    answer = "{score: 2, note: plain}" if not criteria else f"{{criteria: {greet}}}"
    return (
        "svccheck: 3\nrubric: mini.yaml\norganization: Acme\n"
        f"unit: {unit}\nperiod: 2026-Q3\nassessor: {who}\n"
        f"answers:\n  greet: {answer}\n  resolve: 3\n  billing: 2\n"
    )


@pytest.fixture
def panel(write: Writer) -> list[str]:
    write("mini.yaml", CRITERIA_RUBRIC)
    return [
        str(write(f"{unit}-{who}.yaml", _audit(unit, who, greet)))
        for (unit, who), greet in MARKS.items()
    ]


def _agreement(paths: list[str]) -> CriteriaAgreement:
    result = combine.combine(inputs.audits(paths, at_least=2))
    return criteria_agreement(result.consensus.rubric, result.sheets)


def test_criteria_two_assessors_of_a_unit_marked_are_compared(panel: list[str]) -> None:
    found = _agreement(panel)
    assert (found.compared, found.alike, found.share) == (6, 2, 2 / 6)
    per_criterion = [(c.item, c.key, c.compared, c.alike) for c in found.criteria]
    # in the rubric's order of criteria, whatever the order recorded
    assert per_criterion == [
        ("greet", "standard", 2, 1),
        ("greet", "greeted@3", 2, 1),
        ("greet", "name-given", 1, 0),
        ("greet", "reviewed", 1, 0),
    ]


def test_the_criteria_marked_differently_say_who_marked_what(panel: list[str]) -> None:
    found = _agreement(panel)
    said = [
        (d.item, d.key, d.unit, [(m.assessor, m.status) for m in d.marks])
        for d in found.differences
    ]
    assert said == [
        ("greet", "greeted@3", "north", [("Ann", CriterionStatus.MET),
                                         ("Bob", CriterionStatus.PARTLY)]),
        ("greet", "name-given", "north", [("Ann", CriterionStatus.PARTLY), ("Bob", None)]),
        ("greet", "reviewed", "north", [("Ann", None), ("Bob", CriterionStatus.MET)]),
        ("greet", "standard", "south", [("Cy", CriterionStatus.MET),
                                        ("Di", CriterionStatus.NOT_MET)]),
    ]  # fmt: skip


def test_left_out_and_not_assessed_are_marked_alike(write: Writer) -> None:
    write("mini.yaml", CRITERIA_RUBRIC)
    paths = [
        str(write("ann.yaml", _audit("north", "Ann", "{standard: met, reviewed: not-assessed}"))),
        str(write("bob.yaml", _audit("north", "Bob", "{standard: met}"))),
    ]
    found = _agreement(paths)
    assert (found.compared, found.alike, found.differences) == (2, 2, ())


def test_audits_without_criteria_compare_nothing(write: Writer) -> None:
    write("mini.yaml", CRITERIA_RUBRIC)
    paths = [str(write(f"{who}.yaml", _audit("north", who, "", criteria=False)))
             for who in ("Ann", "Bob")]  # fmt: skip
    found = _agreement(paths)
    assert (found.compared, found.share, found.criteria) == (0, None, ())


def _run(runner: CliRunner, paths: list[str], *options: str, columns: int = 80) -> str:
    result = runner.invoke(app, ["combine", *paths, *options], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_table_shows_the_share_and_each_difference_within_80_columns(
    runner: CliRunner, panel: list[str]
) -> None:
    shown = _run(runner, panel)
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Criteria marked alike: 33% (2 of 6 criteria compared)" in shown
    part = shown.split("\nCriteria marked differently\n", 1)[1]
    said = " ".join(part.split())
    assert "2 of the 6 criteria compared were marked alike (33%)" in said
    assert "Greeting (greet) (4)" in said  # the item as a heading over its criteria
    assert "name-given │ 0 of 1 unit │ north: Ann partly, Bob not marked" in said
    assert "greeted@3 │ 1 of 2 units │ north: Ann met, Bob partly" in said
    assert "standard │ 1 of 2 units │ south: Cy met, Di not-met" in said


def test_markdown_and_html_show_them_too(runner: CliRunner, panel: list[str]) -> None:
    markdown = _run(runner, panel, "-f", "markdown")
    assert "- **Criteria marked alike:** 33% (2 of 6 criteria compared)" in markdown
    assert "## Criteria marked differently" in markdown
    assert "| Greeting (greet) | greeted@3 | 1 of 2 units | north: Ann met, Bob partly |" in (
        markdown
    )
    html = _run(runner, panel, "-f", "html")
    assert '<h2 id="criteria">Criteria marked differently</h2>' in html
    assert "<td>south: Cy met, Di not-met</td>" in html
    assert '<span class="label">Criteria marked alike</span><span class="value">33%</span>' in html


def test_csv_has_each_items_criteria_compared_alike_and_marked_differently(
    runner: CliRunner, panel: list[str]
) -> None:
    rows = {
        row["item"]: row for row in csv.DictReader(io.StringIO(_run(runner, panel, "-f", "csv")))
    }
    greet = rows["greet"]
    assert (greet["criteria_compared"], greet["criteria_alike"]) == ("6", "2")
    assert greet["criteria_marked_differently"] == "standard greeted@3 name-given reviewed"
    assert [rows["resolve"][key] for key in ("criteria_compared", "criteria_alike")] == ["", ""]


def test_json_has_the_totals_every_criterion_compared_and_the_differences(
    runner: CliRunner, panel: list[str]
) -> None:
    data = json.loads(_run(runner, panel, "-f", "json"))
    assert data["criteria_agreement"] == {"compared": 6, "alike": 2, "share": 0.3333}
    assert data["criteria_compared"] == [
        {"item": "greet", "criterion": "standard", "compared": 2, "alike": 1, "share": 0.5},
        {"item": "greet", "criterion": "greeted@3", "compared": 2, "alike": 1, "share": 0.5},
        {"item": "greet", "criterion": "name-given", "compared": 1, "alike": 0, "share": 0.0},
        {"item": "greet", "criterion": "reviewed", "compared": 1, "alike": 0, "share": 0.0},
    ]
    left_out = data["criteria_differences"][1]["marks"]
    assert [(m["assessor"], m["status"]) for m in left_out] == [("Ann", "partly"), ("Bob", None)]
    first = data["criteria_differences"][0]
    assert (first["item"], first["criterion"], first["unit"], first["period"]) == (
        "greet",
        "greeted@3",
        "north",
        "2026-Q3",
    )
    marks = [(m["assessor"], m["status"]) for m in first["marks"]]
    assert marks == [("Ann", "met"), ("Bob", "partly")]
    assert first["marks"][0]["file"].endswith("north-Ann.yaml")


def test_without_criteria_to_compare_nothing_is_said_but_json_keeps_its_keys(
    runner: CliRunner, write: Writer
) -> None:
    write("mini.yaml", CRITERIA_RUBRIC)
    paths = [str(write(f"{who}.yaml", _audit("north", who, "", criteria=False)))
             for who in ("Ann", "Bob")]  # fmt: skip
    for fmt in ("table", "markdown", "html", "csv"):
        assert "riteria" not in _run(runner, paths, "-f", fmt), fmt
    data = json.loads(_run(runner, paths, "-f", "json"))
    assert data["criteria_agreement"] == {"compared": 0, "alike": 0, "share": None}
    assert (data["criteria_compared"], data["criteria_differences"]) == ([], [])


def test_the_units_of_the_examples_fit_80_columns_with_many_criteria(runner: CliRunner) -> None:
    """Two assessors' real audits of one case, 153 criteria compared."""
    folder = Path(__file__).resolve().parents[1] / "examples/cases/scorings/ticked-7"
    paths = [str(folder / "n1/case-25.yaml"), str(folder / "n2/case-25.yaml")]
    shown = _run(runner, paths, "--by", "assessor")
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "Criteria marked alike: 80% (123 of 153 criteria compared)" in shown
    assert "steps-removed@4" in shown
