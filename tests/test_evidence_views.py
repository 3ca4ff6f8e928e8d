"""Every format shows the unsupported claims, the stale evidence and the confidence: the bundled
Q3 example has a supported 4 (compelling-vision), an unsupported 4 (celebrate-and-recognize) and
a stale document (management-by-fact, 2025-04, against an audit of 2026-09-30)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from svccheck.engine import evidence, scoring
from svccheck.formats.audit import loading as audit_files
from svccheck.model import audit
from svccheck.render.view import evidence as evidence_view
from tests.conftest import MINI_RUBRIC, Writer, app

EXAMPLES = Path(__file__).parent.parent / "examples"
Q2, Q3 = EXAMPLES / "acme-2026-Q2.yaml", EXAMPLES / "acme-2026-Q3.yaml"


def run(runner: CliRunner, *arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", [
            "Confidence: 50% (1 of 2 scores of 4 or more have evidence)",
            "Unsupported claims (1 of 2 scores of 4 or more without evidence):",
            "  celebrate-and-recognize: 4 Managed, no evidence recorded",
            "Stale evidence (dated over 12 months before 2026-09-30):",
            "  management-by-fact: scorecard template (2025-04)",
        ], id="table"),
        pytest.param("markdown", [
            "- **Confidence:** 50% (1 of 2 scores of 4 or more have evidence)",
            "## Unsupported claims (1 of 2 scores of 4 or more without evidence)",
            "- Recognition across the whole organization (celebrate-and-recognize): 4 Managed, "
            "no evidence recorded",
            "## Stale evidence (dated over 12 months before 2026-09-30)",
            "- Service managed on data (management-by-fact): scorecard template (2025-04)",
        ], id="markdown"),
        pytest.param("csv", [
            "evidence,supported,stale",
            "Recognition across the whole organization,4,75.0,1.0,,,,false,",
            "decisions are not minuted,scorecard template (2025-04),,true",
        ], id="csv"),
        pytest.param("html", [
            '<span class="label">Confidence</span><span class="value">50%</span>'
            '<span class="sub">1 of 2 scores of 4 or more have evidence</span>',
            "<h3>Unsupported claims (1 of 2 scores of 4 or more without evidence)</h3>",
            "(celebrate-and-recognize)</span>: 4 Managed, no evidence recorded</li>",
            "<h3>Stale evidence (dated over 12 months before 2026-09-30)</h3>",
            "(management-by-fact)</span>: scorecard template (2025-04)</li>",
            "<h2 id=\"evidence-behind\">Evidence behind the scores of 4 or more</h2>",
            "vision workshop minutes (2026-07-14); staff sample notes (5 agents) (2026-09)",
        ], id="html"),
    ],
)  # fmt: skip
def test_every_format_shows_unsupported_claims_and_stale_evidence(
    runner: CliRunner, fmt: str, expected: list[str]
) -> None:
    shown = run(runner, "score", str(Q3), "-f", fmt, "--top", "1")
    for line in expected:
        assert line in shown


def test_json_lists_them_too(runner: CliRunner) -> None:
    data = json.loads(run(runner, "score", str(Q3), "-f", "json"))
    assert data["overall"]["confidence"] == 0.5
    assert data["evidence"]["unsupported"] == ["celebrate-and-recognize"]
    assert [s["item"] for s in data["evidence"]["stale"]] == ["management-by-fact"]


def test_the_workbook_report_shows_them(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    run(runner, "score", str(Q3), "-o", str(target), "--require-evidence")
    book = openpyxl.load_workbook(target)
    items, summary = book["Items"], book["Summary"]
    assert isinstance(items, Worksheet)
    assert isinstance(summary, Worksheet)
    rows = list(items.iter_rows(values_only=True))
    header = list(rows[0])
    by_item = {row[2]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert header[-3:] == ["evidence", "supported", "stale"]
    assert by_item["celebrate-and-recognize"]["supported"] is False
    assert by_item["celebrate-and-recognize"]["percent"] == 50.0  # counted as 3
    assert by_item["compelling-vision"]["evidence"] == (
        "vision workshop minutes (2026-07-14)\nstaff sample notes (5 agents) (2026-09)"
    )
    assert by_item["management-by-fact"]["stale"] is True
    fields = {row[0]: row[1] for row in summary.iter_rows(min_row=2, values_only=True)}
    assert (fields["confidence"], fields["evidence_from"], fields["require_evidence"]) == (
        0.5, 4, True,
    )  # fmt: skip
    assert summary.cell(len(fields) - 1, 2).number_format == "0.0%"  # the confidence, a share


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", ["Confidence: – → 50%",
                               "Unsupported claims (new): celebrate-and-recognize (4 Managed)"],
                     id="table"),
        pytest.param("markdown", ["- **Confidence:** – → 50%",
                                  "- **Unsupported claims (new):** celebrate-and-recognize "
                                  "(4 Managed)"], id="markdown"),
        pytest.param("csv", ["status,old_supported,new_supported",
                             "75.0,25.0,improved,,false"], id="csv"),
        pytest.param("html", ['<span class="label">Confidence</span><span class="value">'
                              "– → 50%</span>",
                              "<p><strong>Unsupported claims (new):</strong> "
                              "celebrate-and-recognize (4 Managed)</p>"], id="html"),
    ],
)  # fmt: skip
def test_diff_shows_the_change_in_confidence(
    runner: CliRunner, fmt: str, expected: list[str]
) -> None:
    shown = run(runner, "diff", str(Q2), str(Q3), "-f", fmt)
    for line in expected:
        assert line in shown


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_require_evidence_is_said_where_the_overall_is(
    runner: CliRunner, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # one line each in the table view
    shown = run(runner, "score", str(Q3), "-f", fmt, "--require-evidence")
    assert "a score of 4 or more without evidence counts as 3 Defined" in shown
    assert "4 Managed, no evidence recorded; counts as 3 Defined" in shown


def test_a_rubric_asking_for_nothing_shows_nothing_about_evidence(
    runner: CliRunner, mini_rubric: Path
) -> None:
    path = mini_rubric.parent / "a.yaml"
    path.write_text("rubric: mini.yaml\nanswers: {greet: 5}\n", encoding="utf-8")
    for fmt in ("table", "markdown", "html"):
        shown = run(runner, "score", str(path), "-f", fmt)
        assert "onfidence" not in shown
        assert "Unsupported" not in shown


def test_recorded_missing_reads_differently_from_none_recorded() -> None:
    loaded = audit_files.load_audit(str(Q3))
    rubric = loaded.rubric
    missing = [a for a in loaded.audit.answers if a.item_id != "celebrate-and-recognize"]
    missing.append(audit.Answer("celebrate-and-recognize", 4, None, ()))
    report = scoring.score(rubric, audit.Audit("x", date="2026-09-30", answers=tuple(missing)))
    review = evidence.review(report)
    (claim,) = review.unsupported
    assert evidence_view.claim_text(report, claim, review) == (
        "4 Managed, evidence recorded as missing"
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", "│ 2026-Q3 │    42.5 │     100% │        50% │ Developing │",
                     id="table"),
        pytest.param("markdown", "| Confidence | – | 50% |  |", id="markdown"),
        pytest.param("csv", "2026-Q3,examples/acme-2026-Q3.yaml,confidence,0.5", id="csv"),
        pytest.param("html", '<tr><th>Confidence</th><td class="num">–</td>'
                             '<td class="num">50%</td>', id="html"),
    ],
)  # fmt: skip
def test_trend_shows_every_audits_confidence(
    runner: CliRunner, fmt: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    shown = run(runner, "trend", "examples/acme-2026-Q2.yaml", "examples/acme-2026-Q3.yaml",
                "-f", fmt)  # fmt: skip
    assert expected in shown


# The small rubric, asking for evidence of a 4 or 5.
CLAIMS_RUBRIC = MINI_RUBRIC.replace("id: mini\n", "svccheck: 2\nid: mini\n").replace(
    "sources: [test.txt]\n", "sources: [test.txt]\nevidence_from: 4\n"
)


def test_diff_calls_new_only_the_claims_that_were_not_unsupported_before(
    runner: CliRunner, write: Writer
) -> None:
    """greet is unsupported in both audits (still), resolve was supported and lost its evidence,
    billing was no claim (a 3) and is now one without evidence: those two are new."""
    write("mini.yaml", CLAIMS_RUBRIC)
    old = write(
        "old.yaml",
        """\
        svccheck: 2
        rubric: mini.yaml
        period: 2026-Q2
        answers:
          greet: 4
          resolve: {score: 4, evidence: {text: case log, date: 2026-05}}
          billing: 3
        """,
    )
    new = write(
        "new.yaml",
        """\
        rubric: mini.yaml
        period: 2026-Q3
        answers: {greet: 5, resolve: 4, billing: 4}
        """,
    )
    for fmt, new_line, still_line in (
        ("table", "Unsupported claims (new): resolve (4 Managed), billing (4 Managed)",
         "Still unsupported: greet (5 World-class)"),
        ("markdown", "- **Unsupported claims (new):** resolve (4 Managed), billing (4 Managed)",
         "- **Still unsupported:** greet (5 World-class)"),
        ("html", "<strong>Unsupported claims (new):</strong> resolve (4 Managed), billing "
                 "(4 Managed)</p>",
         "<strong>Still unsupported:</strong> greet (5 World-class)</p>"),
    ):  # fmt: skip
        shown = run(runner, "diff", str(old), str(new), "-f", fmt)
        assert new_line in shown, fmt
        assert still_line in shown, fmt


def test_diff_without_new_unsupported_claims_says_none_are_new(
    runner: CliRunner, write: Writer
) -> None:
    write("mini.yaml", CLAIMS_RUBRIC)
    old = write("old.yaml", "rubric: mini.yaml\nperiod: 2026-Q2\nanswers: {greet: 4}\n")
    new = write("new.yaml", "rubric: mini.yaml\nperiod: 2026-Q3\nanswers: {greet: 4}\n")
    shown = " ".join(run(runner, "diff", str(old), str(new)).split())
    assert "Unsupported claims (new)" not in shown
    assert "Still unsupported: greet (4 Managed)" in shown
    assert "Confidence: 0% → 0% (no change)" in shown  # not "+0 pts"
