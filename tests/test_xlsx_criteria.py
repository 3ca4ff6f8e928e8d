"""Criteria in audit workbooks: the Criteria sheet a template has, marks read back as in YAML
(the score they give, mistakes named by sheet and cell), and ``convert`` both ways without loss."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from tests.conftest import CRITERIA_RUBRIC, MINI_RUBRIC, Writer, app

HEAD = "svccheck: 3\nrubric: mini.yaml\nperiod: 2026-Q3\nanswers:\n"
# The Criteria sheet of the mini rubric: labels in row 4, greet's six criteria in rows 5 to 10.
KEYS = ["standard", "greeted@3", "name-given", "greeted@4", "greeted@5", "reviewed"]
ROW = {key: 5 + index for index, key in enumerate(KEYS)}


@pytest.fixture
def rubric(write: Writer) -> Path:
    return write("mini.yaml", CRITERIA_RUBRIC)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def template(runner: CliRunner, rubric: Path) -> Path:
    target = rubric.parent / "q3.xlsx"
    code, _, err = run(runner, "template", str(rubric), "-o", str(target), "--period", "2026-Q3")
    assert code == 0, err
    return target


def mark(path: Path, statuses: dict[str, Any], **audit_cells: Any) -> None:
    """Type statuses into the Criteria sheet (and cells of the Audit sheet) as a person would."""
    book = openpyxl.load_workbook(path)
    criteria = book["Criteria"]
    for key, status in statuses.items():
        criteria[f"F{ROW[key]}"] = status
    for cell, value in audit_cells.items():
        book["Audit"][cell] = value
    book.save(path)


def items(runner: CliRunner, path: Path) -> dict[str, dict[str, Any]]:
    code, out, err = run(runner, "score", str(path), "-f", "json")
    assert code == 0, err
    return {item["id"]: item for item in json.loads(out)["items"]}


def test_a_template_has_a_criteria_sheet_with_a_status_dropdown(
    runner: CliRunner, rubric: Path
) -> None:
    book = openpyxl.load_workbook(template(runner, rubric))
    assert book.sheetnames == ["Audit", "Criteria", "svccheck"]
    sheet = book["Criteria"]
    assert isinstance(sheet, Worksheet)
    labels = [cell.value for cell in sheet[4]]
    assert labels == ["Id", "Title", "Level", "Key", "Criterion", "Status"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[3] for row in rows] == KEYS  # only greet has criteria
    assert rows[0] == ["greet", "Greeting", 2, "standard", "A written greeting standard.", None]
    assert rows[3][2:5] == [4, "greeted@4", "At least 4 in 5 sampled contacts greeted."]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"met,partly,not-met,not-assessed"'
    assert str(validation.sqref) == "F5:F10"
    assert "Or leave the Score empty and mark the item's criteria" in str(book["Audit"]["A8"].value)
    assert book["svccheck"]["B1"].value == 3  # criteria are format 3


def test_a_rubric_without_criteria_has_no_criteria_sheet(runner: CliRunner, write: Writer) -> None:
    book = openpyxl.load_workbook(template(runner, write("mini.yaml", MINI_RUBRIC)))
    assert book.sheetnames == ["Audit", "svccheck"]


def test_marked_criteria_give_the_score_as_in_yaml(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    path = template(runner, rubric)
    # As typed by hand: any letter case, "not met" with a space, "partly met".
    mark(path, {"standard": "Met", "greeted@3": "met", "name-given": "Partly met",
                "greeted@5": "not met"})  # fmt: skip
    same = write("q3.yaml", HEAD + "  greet: {criteria: {standard: met, greeted@3: met, "
                 "name-given: partly, greeted@5: not-met}}\n")  # fmt: skip
    from_book, from_yaml = items(runner, path)["greet"], items(runner, same)["greet"]
    assert from_book["answer"] == 3
    assert from_book["criteria_met"] == ["standard", "greeted@3"]
    assert from_book["next_level_missing"] == ["greeted@4"]
    assert from_book == from_yaml


@pytest.mark.parametrize(
    ("statuses", "audit_cells", "message"),
    [
        pytest.param(
            {"standard": "yes"},
            {},
            "Criteria!F5: answers.greet.criteria.standard: expected met, partly, not-met or "
            "not-assessed (not-assessed, or left out: the evidence never showed it), got text "
            "'yes'",
            id="not-a-status",
        ),
        pytest.param(
            {"greeted@3": "met"},
            {"J10": 4},
            "Audit!J10: answers.greet: score 4, but the criteria recorded give level 3; write 3, "
            "or keep 4 and say why in a note",
            id="contradicted-score",
        ),
    ],
)
def test_mistakes_are_named_by_sheet_and_cell(
    runner: CliRunner,
    rubric: Path,
    statuses: dict[str, str],
    audit_cells: dict[str, object],
    message: str,
) -> None:
    path = template(runner, rubric)
    mark(path, statuses, **audit_cells)
    code, _, err = run(runner, "validate", str(path))
    assert code == 2
    assert err.strip() == f"{path}: {message}"


def test_edited_rows_are_named_by_cell(runner: CliRunner, rubric: Path) -> None:
    path = template(runner, rubric)
    book = openpyxl.load_workbook(path)
    sheet = book["Criteria"]
    sheet["F5"] = "met"
    sheet["D6"], sheet["F6"] = "greetd@4", "met"  # a key typed over
    sheet["A11"], sheet["D11"], sheet["F11"] = "greet", "standard", "partly"  # a second row
    sheet["D12"], sheet["F12"] = "reviewed", "met"  # no item id
    book.save(path)
    code, _, err = run(runner, "validate", str(path))
    assert code == 2
    assert err.splitlines() == [
        f"{path}: Criteria!D6: answers.greet.criteria: unknown criterion 'greetd@4' of item "
        "greet (did you mean 'greeted@4'?)",
        f"{path}: Criteria!D11: duplicate criterion 'standard' of item 'greet' (first in row 5)",
        f"{path}: Criteria!A12: a status without an item id in its row",
    ]


BODY = (
    "  greet: {criteria: {greeted@4: met, name-given: partly, standard: met}, note: tags seen}\n"
    "  resolve: 4\n"
    "  billing: {score: 2, criteria: {}}\n"
)


def _converted_back(runner: CliRunner, source: Path) -> str:
    book, back = source.with_suffix(".xlsx"), source.with_name("back.yaml")
    for a, b in ((source, book), (book, back)):
        code, _, err = run(runner, "convert", str(a), "-o", str(b), "--force")
        assert code == 0, err
    return back.read_text(encoding="utf-8")


def test_yaml_to_a_workbook_and_back_keeps_the_criteria_exactly(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    loaded = audit_files.load_audit(str(write("given.yaml", HEAD + BODY)))
    source = write("q3.yaml", audit_writer.render_audit(loaded.rubric, loaded.audit))
    assert _converted_back(runner, source) == source.read_text(encoding="utf-8")
    # In the workbook: the marks in rubric order, no score where the criteria give it.
    book = openpyxl.load_workbook(source.with_suffix(".xlsx"))
    assert [book["Criteria"][f"F{ROW[key]}"].value for key in KEYS] == [
        "met", None, "partly", "met", None, None,
    ]  # fmt: skip
    assert book["Audit"]["J10"].value is None
    assert book["Audit"]["J12"].value == 2


def test_the_next_quarter_goes_to_a_workbook_with_its_criteria(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    last = write("q3.yaml", HEAD + BODY)
    target = rubric.parent / "q4.xlsx"
    code, _, err = run(runner, "template", str(rubric), "--from", str(last), "-o", str(target))
    assert code == 0, err
    made = audit_files.load_audit(str(target)).audit
    assert made.answers == audit_files.load_audit(str(last)).audit.answers


STATUS = st.sampled_from(["met", "partly", "not-met", "not-assessed"])
CRITERIA = st.lists(st.sampled_from(KEYS), unique=True).flatmap(
    lambda keys: st.tuples(*(STATUS for _ in keys)).map(
        lambda found: dict(zip(keys, found, strict=True))
    )
)


@pytest.mark.slow
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    criteria=st.none() | CRITERIA,
    score=st.none() | st.integers(1, 5) | st.just("n/a"),
    note=st.none() | st.sampled_from(["seen on site", "a: b, c"]),
)
def test_any_criteria_survive_yaml_to_a_workbook_and_back(
    runner: CliRunner,
    write: Writer,
    rubric: Path,
    criteria: dict[str, str] | None,
    score: int | str | None,
    note: str | None,
) -> None:
    fields = {"score": score, "criteria": criteria, "note": note}
    if criteria is not None and score is not None and note is None:
        fields.pop("score")  # a score beside criteria needs a note: let the criteria give it
    answer = json.dumps({k: v for k, v in fields.items() if v is not None})
    loaded = audit_files.parse_audit(HEAD + f"  greet: {answer}\n", str(rubric))
    source = write("q3.yaml", audit_writer.render_audit(loaded.rubric, loaded.audit))
    assert _converted_back(runner, source) == source.read_text(encoding="utf-8")
