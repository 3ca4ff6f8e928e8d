"""Rendered output, compared exactly with golden files reviewed by a person.

Regenerate after an intended change with ``SVCCHECK_UPDATE_GOLDEN=1 pytest tests/test_render.py``
and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from svccheck.engine import scoring
from svccheck.formats.audit import loading as audit_files
from svccheck.render.dispatch import Format, ReportOptions
from svccheck.render.dispatch import report as render_report
from tests.conftest import Writer

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

AUDIT = """\
rubric: mini.yaml
organization: "[bold red]Acme[/] \\e[31mSupport"
period: 2026-Q3
assessor: Dana Lee
answers:
  greet: {score: 5, note: "always | said *hello*"}
  resolve: 2
  billing: {score: n/a, note: "=SUM(A1) outsourced"}
"""


def rendered(fmt: Format, write: Writer, mini_rubric: Path) -> str:
    loaded = audit_files.load_audit(str(write("audit.yaml", AUDIT)))
    result = render_report(scoring.score(loaded.rubric, loaded.audit), fmt, ReportOptions(top=5))
    return result.plain(width=80)  # the table view as in an 80-column file; text as it is


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("SVCCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


TEXT_FORMATS = [fmt for fmt in Format if fmt is not Format.xlsx]  # test_xlsx_report.py has it


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=str)
def test_report_matches_golden(fmt: Format, write: Writer, mini_rubric: Path) -> None:
    check_golden(f"report.{fmt.value}.txt", rendered(fmt, write, mini_rubric))


def test_table_shows_markup_and_escapes_literally(write: Writer, mini_rubric: Path) -> None:
    text = rendered(Format.table, write, mini_rubric)
    assert "[bold red]Acme[/] \\x1b[31mSupport" in text
    assert "\x1b" not in text


def test_json_is_complete_and_rounded(write: Writer, mini_rubric: Path) -> None:
    data = json.loads(rendered(Format.json, write, mini_rubric))
    assert list(data) == [
        "svccheck", "rubric", "audit", "overall", "sections", "items", "removed",
        "weakest_sections", "actions", "evidence",
    ]  # fmt: skip
    # billing is n/a, so "back" has no score and "front" (43.75) is the overall score.
    assert data["overall"] == {
        "score": 43.75, "level": "Developing", "coverage": 1.0, "provisional": False,
        "min_coverage": 0.8, "confidence": None,
    }  # fmt: skip
    assert [item["id"] for item in data["items"]] == ["greet", "resolve", "billing"]
    assert data["items"][2] == {
        "id": "billing", "section": "back", "answer": "n/a", "percent": None, "weight": 1.0,
        "gain": None, "note": "=SUM(A1) outsourced", "evidence": None, "supported": None,
        "criteria_met": None, "next_level_missing": None,
    }  # fmt: skip


def test_csv_neutralises_formulas(write: Writer, mini_rubric: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(rendered(Format.csv, write, mini_rubric))))
    assert [row["item"] for row in rows] == ["greet", "resolve", "billing"]
    assert rows[2]["note"] == "'=SUM(A1) outsourced"
    assert rows[1]["percent"] == "25.0"


def test_markdown_escapes_table_characters(write: Writer, mini_rubric: Path) -> None:
    text = rendered(Format.markdown, write, mini_rubric)
    assert "\\[bold red\\]Acme\\[/\\]" in text
    assert "- [ ] Track first-contact resolution." in text
