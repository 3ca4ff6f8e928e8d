"""``score AUDIT -o report.xlsx``: the per-item results, the sections and the header as a
workbook, read back with openpyxl and compared with ``score -f json``; the other report
commands refuse a workbook."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from tests.conftest import Writer, app

EXAMPLES = Path(__file__).parent.parent / "examples"
Q2, Q3 = EXAMPLES / "acme-2026-Q2.yaml", EXAMPLES / "acme-2026-Q3.yaml"


def _sheets(path: Path) -> dict[str, Worksheet]:
    book = openpyxl.load_workbook(path)
    sheets: dict[str, Worksheet] = {}
    for sheet in book.worksheets:
        assert isinstance(sheet, Worksheet)
        sheets[sheet.title] = sheet
    return sheets


def _records(sheet: Worksheet) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(name) for name in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _score(runner: CliRunner, audit: Path, target: Path, *extra: str) -> dict[str, Any]:
    """Write the workbook and return the JSON report of the same audit."""
    result = runner.invoke(app, ["score", str(audit), "-o", str(target), *extra])
    assert result.exit_code == 0, result.stderr
    data = runner.invoke(app, ["score", str(audit), "-f", "json", *extra])
    assert data.exit_code == 0, data.stderr
    report: dict[str, Any] = json.loads(data.stdout)
    return report


def test_workbook_matches_json(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    data = _score(runner, Q3, target)
    sheets = _sheets(target)
    assert list(sheets) == ["Items", "Sections", "Summary"]

    items = _records(sheets["Items"])
    csv_header = runner.invoke(app, ["score", str(Q3), "-f", "csv"]).stdout.splitlines()[0]
    assert list(items[0]) == csv_header.split(",")
    assert len(items) == len(data["items"]) == 18
    for row, item in zip(items, data["items"], strict=True):
        assert (row["item"], row["section"]) == (item["id"], item["section"])
        assert row["answer"] == item["answer"]
        assert row["percent"] == item["percent"]
        assert row["weight"] == item["weight"]
        assert row["gain"] == item["gain"]
        assert row["note"] == item["note"]
    # Numbers are numbers, n/a is text, an empty cell is None.
    assert any(row["answer"] == "n/a" for row in items)
    assert all(isinstance(row["percent"], int | float) for row in items if row["answer"] != "n/a")

    sections = _records(sheets["Sections"])
    expected = [
        {k: s[k] for k in ("id", "title", "score", "share", "answered", "total")}
        for s in data["sections"]
    ]
    assert sections == expected

    summary = {row[0]: row[1] for row in sheets["Summary"].iter_rows(min_row=2, values_only=True)}
    assert {k: summary[k] for k in data["audit"]} == data["audit"]
    assert summary["rubric"] == data["rubric"]["id"]
    assert summary["rubric_version"] == data["rubric"]["version"]
    for key in ("score", "level", "coverage", "provisional"):
        assert summary["overall" if key == "score" else key] == data["overall"][key]


def test_workbook_layout(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    _score(runner, Q3, target)
    sheets = _sheets(target)
    for name in ("Items", "Sections"):
        sheet = sheets[name]
        assert sheet.freeze_panes == "A2"
        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
        widths = [
            sheet.column_dimensions[get_column_letter(c)].width
            for c in range(1, sheet.max_column + 1)
        ]
        assert all(8 <= width <= 60 for width in widths)
        assert all(cell.font.bold for cell in sheet[1])


def test_removed_items_and_n_a_rows(runner: CliRunner, tmp_path: Path) -> None:
    # Q2 was answered with version 1 of the rubric: some answers name removed items.
    target = tmp_path / "q2.xlsx"
    data = _score(runner, Q2, target)
    items = _records(_sheets(target)["Items"])
    removed = [row for row in items if row["section_title"] == "(no longer in the rubric)"]
    assert [(r["item"], r["answer"], r["note"]) for r in removed] == [
        (r["item"], r["answer"], r["note"]) for r in data["removed"]
    ]


def test_hostile_note_stays_text(runner: CliRunner, write: Writer, mini_rubric: Path) -> None:
    hyperlink = '=HYPERLINK("https://evil.example/","click")'
    audit = write(
        "hostile.yaml",
        "rubric: mini.yaml\n"
        "answers:\n"
        f"  greet: {{score: 3, note: {json.dumps(hyperlink)}}}\n"
        '  resolve: {score: 4, note: "bell\\a and \\e[31mred\\e[0m, +1, @SUM(A1)"}\n'
        '  billing: {score: n/a, note: "-2+3"}\n',
    )
    target = audit.parent / "hostile.xlsx"
    result = runner.invoke(app, ["score", str(audit), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheet = _sheets(target)["Items"]
    notes = {row[2].value: row[8] for row in sheet.iter_rows(min_row=2)}
    assert {item: cell.data_type for item, cell in notes.items()} == dict.fromkeys(notes, "s")
    assert notes["greet"].value == hyperlink  # text, exactly, and not a formula
    assert notes["resolve"].value == "bell\\x07 and \\x1b[31mred\\x1b[0m, +1, @SUM(A1)"
    assert notes["billing"].value == "-2+3"
    # No formula anywhere in the file.
    book = openpyxl.load_workbook(target)
    for each in book.worksheets:
        for row in each.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_plan_columns(runner: CliRunner, tmp_path: Path) -> None:
    plan = EXAMPLES / "plans" / "acme-2026-Q3-plan.yaml"
    target = tmp_path / "planned.xlsx"
    result = runner.invoke(app, ["score", str(Q3), "--plan", str(plan), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    items = _records(_sheets(target)["Items"])
    assert list(items[0])[-4:] == ["plan_period", "plan_to", "plan_met", "plan_status"]
    assert any(row["plan_period"] for row in items)


def test_fail_under_still_judged(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["score", str(Q3), "-o", str(target), "--fail-under", "90"])
    assert result.exit_code == 3
    assert target.exists()


def test_trend_refuses_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "x.XLSX"
    result = runner.invoke(app, ["trend", str(Q2), str(Q3), "-o", str(target)])
    assert result.exit_code == 2
    assert "only score, diff and combine write a workbook (-o FILE.xlsx)" in result.stderr
    assert not target.exists()


def _csv_rows(runner: CliRunner, command: list[str]) -> list[dict[str, Any]]:
    """The rows of ``command -f csv``, each value as the workbook holds it (numbers as
    numbers, true and false as booleans, empty as None)."""
    result = runner.invoke(app, [*command, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))

    def value(text: str) -> object:
        if text in ("", "true", "false"):
            return {"": None, "true": True, "false": False}[text]
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text else number

    return [{key: value(text) for key, text in row.items()} for row in rows]


def test_diff_writes_a_workbook_of_its_items_sections_and_summary(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "diff.xlsx"
    result = runner.invoke(app, ["diff", str(Q2), str(Q3), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheets = _sheets(target)
    assert list(sheets) == ["Items", "Sections", "Summary"]
    assert _records(sheets["Items"]) == _csv_rows(runner, ["diff", str(Q2), str(Q3)])
    data = json.loads(runner.invoke(app, ["diff", str(Q2), str(Q3), "-f", "json"]).stdout)
    sections = {row["section"]: row for row in _records(sheets["Sections"])}
    assert len(sections) == len(data["sections"])
    summary = {row[0]: row[1] for row in sheets["Summary"].iter_rows(values_only=True)}
    overall = data["overall"]
    assert (summary["old_overall"], summary["new_overall"]) == (overall["old"], overall["new"])
    assert summary["new_level"] == overall["new_level"]


def test_combine_writes_a_workbook_of_its_items_groups_and_summary(
    runner: CliRunner, tmp_path: Path
) -> None:
    units = sorted(str(path) for path in (EXAMPLES / "units-2026-Q3").glob("*.yaml"))
    target = tmp_path / "units.xlsx"
    result = runner.invoke(app, ["combine", *units, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    sheets = _sheets(target)
    assert list(sheets) == ["Items", "Groups", "Summary"]
    assert _records(sheets["Items"]) == _csv_rows(runner, ["combine", *units])
    data = json.loads(runner.invoke(app, ["combine", *units, "-f", "json"]).stdout)
    groups = {row["group"]: row["overall"] for row in _records(sheets["Groups"])}
    assert len(groups) == len(data["groups"]) + 1  # and the mean
    summary = {row[0]: row[1] for row in sheets["Summary"].iter_rows(values_only=True)}
    assert summary["mean"] == data["consensus"]["overall"]


def test_plan_refuses_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.xlsx"
    result = runner.invoke(app, ["plan", str(Q3), "-o", str(target)])
    assert result.exit_code == 2
    assert "the plan file is YAML" in result.stderr
    assert not target.exists()


def test_score_refuses_a_format_with_a_workbook(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["score", str(Q3), "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert "always written as a workbook" in result.stderr
    assert not target.exists()


def test_a_note_longer_than_a_cell_is_refused_not_cut(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    note = "x" * 32_768
    audit = write(
        "q.yaml", f"svccheck: 1\nrubric: mini.yaml\nanswers:\n  greet: {{score: 3, note: {note}}}\n"
    )
    target = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["score", str(audit), "-o", str(target)])
    assert result.exit_code == 2
    assert "a text of 32768 characters; a workbook cell holds at most 32767" in result.stderr
    assert not target.exists()


def test_format_xlsx_writes_the_same_workbook_as_the_extension(
    runner: CliRunner, tmp_path: Path
) -> None:
    by_extension, by_format = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert runner.invoke(app, ["score", str(Q3), "-o", str(by_extension)]).exit_code == 0
    result = runner.invoke(app, ["score", str(Q3), "-f", "XLSX", "-o", str(by_format)])
    assert result.exit_code == 0, result.stderr
    first, second = _sheets(by_extension), _sheets(by_format)
    for name in ("Items", "Sections", "Summary"):
        assert _records(first[name]) == _records(second[name])


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["score", str(Q3), "-f", "xlsx"], id="standard-output"),
        pytest.param(["score", str(Q3), "-f", "xlsx", "-o", "-"], id="dash"),
        pytest.param(["score", str(Q3), "-f", "xlsx", "-o", "report.csv"], id="csv-file"),
    ],
)
def test_format_xlsx_needs_a_workbook_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook file: name one with -o FILE.xlsx" in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_format_xlsx_is_refused_where_there_is_no_workbook(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "x.xlsx"
    result = runner.invoke(app, ["trend", str(Q2), str(Q3), "-f", "xlsx", "-o", str(target)])
    assert result.exit_code == 2
    assert "only score, diff and combine write a workbook" in result.stderr
    assert not target.exists()
