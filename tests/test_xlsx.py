"""Spreadsheets: templates as workbooks, workbooks read as audits with located errors, and
refusals of damaged or hostile workbooks."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from tests.conftest import MINI_RUBRIC, Writer, app
from tests.test_xlsx_package import hostile, long_text

# The mini rubric's workbook: items from row 10, Score in column J (4 leading columns and the
# 5 guidance columns before it), Note in K, Evidence in L.
FIRST_ITEM_ROW = 10
SCORE_COLUMN, NOTE_COLUMN, EVIDENCE_COLUMN = "J", "K", "L"
ROWS = {"greet": 10, "resolve": 11, "billing": 12}


def _template(runner: CliRunner, rubric: Path, target: Path) -> Path:
    result = runner.invoke(
        app, ["template", str(rubric), "-o", str(target), "--organization", "Acme"]
    )
    assert result.exit_code == 0, result.stderr
    return target


def _sheet(path: Path) -> tuple[openpyxl.Workbook, Worksheet]:
    book = openpyxl.load_workbook(path)
    sheet = book["Audit"]
    assert isinstance(sheet, Worksheet)
    return book, sheet


def _fill(path: Path, answers: dict[str, tuple[int | str, str | None]], target: Path) -> Path:
    """Fill a template as a person would: type into the Score and Note cells, save."""
    book, sheet = _sheet(path)
    sheet["B4"] = "2026-Q3"  # the period
    sheet["B5"] = "Dana"  # the assessor
    for item, (score, note) in answers.items():
        sheet[f"{SCORE_COLUMN}{ROWS[item]}"] = score
        if note is not None:
            sheet[f"{NOTE_COLUMN}{ROWS[item]}"] = note
    book.save(target)
    return target


def test_template_workbook_layout(runner: CliRunner, mini_rubric: Path, tmp_path: Path) -> None:
    path = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    book, sheet = _sheet(path)
    assert [sheet.cell(row, 1).value for row in range(2, 7)] == [
        "Organization",
        "Unit",
        "Period",
        "Assessor",
        "Date",
    ]
    assert sheet["B2"].value == "Acme"
    labels = [cell.value for cell in sheet[9]]
    assert labels[:4] == ["Section", "Id", "Title", "Question"]
    assert [str(label)[:2] for label in labels[4:9]] == ["1 ", "2 ", "3 ", "4 ", "5 "]
    assert labels[9:] == ["Score", "Note", "Evidence"]
    assert [sheet[f"B{row}"].value for row in ROWS.values()] == list(ROWS)
    assert sheet.freeze_panes == "C10"
    assert sheet.column_dimensions["D"].width >= 40
    assert sheet["D10"].alignment.wrap_text
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows == "$9:$9"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"1,2,3,4,5,n/a"'
    assert str(validation.sqref) == "J10:J12"
    meta = book["svccheck"]
    assert meta.sheet_state == "hidden"
    assert meta.protection.sheet
    assert {row[0]: row[1] for row in meta.iter_rows(values_only=True)} == {
        "svccheck": 2,  # the Evidence column is a key of format 2
        "kind": "audit",
        "rubric": "mini.yaml",
        "rubric_version": 1,
    }


def _scores(runner: CliRunner, path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_filled_workbook_scores_as_the_yaml_audit(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    answers: dict[str, tuple[int | str, str | None]] = {
        "greet": (3, None),
        "resolve": ("4", "stored as text"),  # a number typed into a text cell
        "billing": ("N/A", "we send no bills"),  # typed, not picked from the dropdown
    }
    filled = _fill(template, answers, tmp_path / "filled.xlsx")
    yaml_audit = write(
        "filled.yaml",
        """\
        svccheck: 1
        rubric: mini.yaml
        rubric_version: 1
        organization: Acme
        period: 2026-Q3
        assessor: Dana
        answers:
          greet: 3
          resolve: {score: 4, note: stored as text}
          billing: {score: n/a, note: we send no bills}
        """,
    )
    from_workbook, from_yaml = _scores(runner, filled), _scores(runner, yaml_audit)
    assert from_workbook == json.loads(json.dumps(from_yaml).replace("filled.yaml", "filled.xlsx"))
    assert runner.invoke(app, ["validate", str(filled)]).exit_code == 0
    assert runner.invoke(app, ["diff", str(yaml_audit), str(filled)]).exit_code == 0


def test_errors_are_located_by_sheet_and_cell(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    answers: dict[str, tuple[int | str, str | None]] = {
        "greet": (6, None),
        "resolve": ("lots", None),
    }
    filled = _fill(template, answers, tmp_path / "bad.xlsx")
    book, sheet = _sheet(filled)
    sheet["B12"] = "greet"  # a second row for one item
    sheet["B6"] = "30/09/2026"  # the date, not ISO
    book.save(filled)
    result = runner.invoke(app, ["score", str(filled)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    name = str(filled)
    assert lines == [
        f"{name}: Audit!B6: date: expected an ISO date such as 2026-09-30, got text '30/09/2026'",
        f"{name}: Audit!J10: answers.greet: score 6 is outside the scale 1..5 (or write n/a)",
        f"{name}: Audit!J11: answers.resolve: expected a whole-number score, n/a, nothing, or a "
        "mapping with 'score' and 'note', got text 'lots'",
        f"{name}: Audit!B12: duplicate item id 'greet' (first in row 10)",
    ]


def test_a_changed_rubric_name_is_located_in_the_hidden_sheet(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    path = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    book = openpyxl.load_workbook(path)
    book["svccheck"]["B4"] = "two"
    book.save(path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}: svccheck!B4: rubric_version: expected" in result.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"not a workbook at all\n", b"PK\x03\x04 truncated zip"],
    ids=["empty", "text", "truncated"],
)
def test_garbage_workbook_is_one_message(runner: CliRunner, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(content)
    for command in (["score"], ["validate"]):
        result = runner.invoke(app, [*command, str(path)])
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1, result.stderr
        assert "is not an .xlsx workbook" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_zip_that_is_no_workbook_is_one_message(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "cannot be read as an .xlsx workbook" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_workbook_without_the_audit_sheet(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(path)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "has no sheet 'Audit'; start from a workbook made by 'svccheck template" in result.stderr


def test_zip_bomb_is_refused(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b"\0" * 3_000_000)  # a few KiB compressed
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", "100000")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "refused: the workbook unpacks to" in result.stderr


def test_too_many_rows_are_refused(runner: CliRunner, mini_rubric: Path, tmp_path: Path) -> None:
    path = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    book, sheet = _sheet(path)
    sheet["A100000"] = "far away"
    book.save(path)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    expected = "q4.xlsx: sheet 'Audit' has a value in row 100000; rows 1 to 5000 are read"
    assert expected in result.stderr


def test_other_commands_do_not_import_openpyxl() -> None:
    examples = Path(__file__).parent.parent / "examples"
    for command in (["score", str(examples / "acme-2026-Q3.yaml")], ["--version"]):
        script = (
            "import sys; from svccheck.cli.entry import main\n"
            "sys.argv = ['svccheck', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('openpyxl' in sys.modules, file=sys.stderr)"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, *command], capture_output=True, text=True, check=False
        )
        assert done.stderr.strip().endswith("False"), done.stderr


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "board minutes 2026-03\n  KPI sheet, Q3 \n\nsurvey 2026-02-28",
            [{"text": "board minutes", "date": "2026-03", "stale": None},  # the rubric sets no age
             {"text": "KPI sheet, Q3", "date": None, "stale": None},
             {"text": "survey", "date": "2026-02-28", "stale": None}],
            id="one-piece-a-line-dated-by-a-last-word",
        ),
        pytest.param("None", [], id="none-records-it-missing"),
        pytest.param(None, None, id="empty-records-nothing"),
    ],
)  # fmt: skip
def test_the_evidence_column_reads_as_typed(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path, cell: str | None, expected: object
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    filled = _fill(template, {"greet": (5, None)}, tmp_path / "filled.xlsx")
    book, sheet = _sheet(filled)
    sheet[f"{EVIDENCE_COLUMN}{ROWS['greet']}"] = cell
    book.save(filled)
    greet = _scores(runner, filled)["items"][0]  # type: ignore[index]
    assert greet["evidence"] == expected


def test_an_evidence_mistake_is_located_by_cell(
    runner: CliRunner, write: Writer, tmp_path: Path
) -> None:
    write("mini.yaml", "svccheck: 2\nevidence_from: 4\n" + MINI_RUBRIC)
    template = _template(runner, tmp_path / "mini.yaml", tmp_path / "q4.xlsx")
    book, sheet = _sheet(template)
    sheet[f"{EVIDENCE_COLUMN}{ROWS['resolve']}"] = "minutes"  # evidence without a score is kept
    sheet[f"{EVIDENCE_COLUMN}{ROWS['billing']}"] = "  "  # blank: nothing
    book.save(template)
    result = runner.invoke(app, ["score", str(template), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert [item["evidence"] for item in items] == [
        None,
        [{"text": "minutes", "date": None, "stale": None}],
        None,
    ]


@pytest.mark.parametrize("date", ["2026-02-30", "0000-01"])
def test_an_evidence_date_that_is_none_is_located_by_cell(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path, date: str
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    filled = _fill(template, {"greet": (5, None)}, tmp_path / "filled.xlsx")
    book, sheet = _sheet(filled)
    sheet[f"{EVIDENCE_COLUMN}{ROWS['greet']}"] = f"board minutes 2026-03\nsurvey {date}"
    book.save(filled)
    result = runner.invoke(app, ["score", str(filled)])
    assert result.exit_code == 2
    assert f"filled.xlsx: Audit!{EVIDENCE_COLUMN}{ROWS['greet']}: " in result.stderr
    assert f"{date} is not a date" in result.stderr


def test_a_score_formula_without_a_calculated_value_is_located(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    book, sheet = _sheet(template)
    sheet[f"{SCORE_COLUMN}{ROWS['resolve']}"] = "=2+2"  # openpyxl, like scripts, stores no value
    book.save(template)
    result = runner.invoke(app, ["score", str(template)])
    assert result.exit_code == 2
    assert (
        f"q4.xlsx: Audit!{SCORE_COLUMN}{ROWS['resolve']}: holds the formula '=2+2' but no value "
        "calculated for it"
    ) in result.stderr


def test_a_formula_with_its_calculated_value_reads_as_the_value(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    cell = f'<c r="{SCORE_COLUMN}10"'.encode()

    def calculated(sheet: bytes) -> bytes:  # as a spreadsheet program saves =2+2
        start = sheet.index(cell)
        end = sheet.index(b">", start) + 1
        if sheet[end - 2 : end] == b"/>":
            return sheet[:start] + cell + b"><f>2+2</f><v>4</v></c>" + sheet[end:]
        close = sheet.index(b"</c>", end) + 4
        return sheet[:start] + cell + b"><f>2+2</f><v>4</v></c>" + sheet[close:]

    path = hostile(template, {"xl/worksheets/sheet1.xml": calculated})
    greet = _scores(runner, path)["items"][0]  # type: ignore[index]
    assert greet["answer"] == 4


def test_a_value_beyond_column_200_is_refused(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    book, sheet = _sheet(template)
    sheet.cell(ROWS["greet"], 201, "a note put far away")
    book.save(template)
    result = runner.invoke(app, ["score", str(template)])
    assert result.exit_code == 2
    assert "q4.xlsx: Audit!GS10: a value beyond column GR; at most 200 columns are read" in (
        result.stderr
    )


def test_a_cell_longer_than_a_cell_may_be_is_refused(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    template = _template(runner, mini_rubric, tmp_path / "q4.xlsx")
    path = hostile(template, {"xl/worksheets/sheet1.xml": long_text(40_000, b"B3")})
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "Audit!B3: holds 40000 characters; a cell holds at most 32767" in result.stderr
