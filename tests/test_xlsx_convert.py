"""``svccheck convert`` between YAML audits and workbooks, and ``audit -o FILE.xlsx`` refused."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.loading import load_audit
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Evidence
from tests.conftest import Writer, app

EXAMPLES = Path(__file__).parent.parent / "examples"

TRICKY = """\
svccheck: 2
rubric: mini.yaml
rubric_version: 1
organization: "=HYPERLINK(\\"http://x\\")"
unit: "  EMEA, 2nd line  "
period: 2026-09
assessor: "Zoë <b>O'Neil</b>"
date: "2026-09-30"
answers:
  greet: {score: 3, note: "two lines\\nof note; 42",
          evidence: ["=SUM(A1)", {text: "KPI: 42%", date: 2026-03}]}
  resolve: {score: n/a, note: "1e3", evidence: []}
  billing:
"""


def _same(first: Audit, second: Audit) -> bool:
    """The same audit, wherever each was read from and however it names its rubric file."""
    return replace(first, path="", rubric="") == replace(second, path="", rubric="")


def _convert(runner: CliRunner, source: Path, target: Path, *more: str) -> None:
    result = runner.invoke(app, ["convert", str(source), "-o", str(target), *more])
    assert result.exit_code == 0, result.stderr


def test_yaml_to_xlsx_to_yaml_keeps_everything(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    original = write("q3.yaml", TRICKY)
    book, back = tmp_path / "q3.xlsx", tmp_path / "back.yaml"
    _convert(runner, original, book)
    _convert(runner, book, back)
    first, middle, last = (load_audit(str(p)).audit for p in (original, book, back))
    assert _same(first, middle)
    assert _same(first, last)
    assert first.organization == '=HYPERLINK("http://x")'
    sheet = openpyxl.load_workbook(book)["Audit"]
    assert sheet["B2"].data_type == "s"  # text, never a formula


def test_xlsx_to_yaml_to_xlsx_keeps_everything(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    book = tmp_path / "q4.xlsx"
    assert runner.invoke(app, ["template", str(mini_rubric), "-o", str(book)]).exit_code == 0
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Audit"]
    sheet["J10"], sheet["K10"] = "2", "typed as text"
    sheet["J11"], sheet["K11"] = "N/A", "no phone line"
    sheet["B5"], sheet["B6"] = "Dana", "2026-12-31"
    workbook.save(book)
    yaml_file, again = tmp_path / "q4.yaml", tmp_path / "again.xlsx"
    _convert(runner, book, yaml_file)
    _convert(runner, yaml_file, again)
    first, middle, last = (load_audit(str(p)).audit for p in (book, yaml_file, again))
    assert _same(first, middle)
    assert _same(first, last)
    assert [(a.item_id, a.score, a.note) for a in first.answers] == [
        ("greet", 2, "typed as text"),
        ("resolve", "n/a", "no phone line"),
        ("billing", None, None),
    ]


def test_converted_example_scores_the_same(runner: CliRunner, tmp_path: Path) -> None:
    book = tmp_path / "acme.xlsx"
    _convert(runner, EXAMPLES / "acme-2026-Q3.yaml", book)
    scores = []
    for path in (EXAMPLES / "acme-2026-Q3.yaml", book):
        result = runner.invoke(app, ["score", str(path), "-f", "json"])
        assert result.exit_code == 0, result.stderr
        scores.append(json.loads(result.stdout.replace(str(path), "FILE")))
    assert scores[0] == scores[1]


def test_convert_refuses_its_input_an_existing_file_and_same_formats(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    source = write("q3.yaml", TRICKY)
    book = tmp_path / "q3.xlsx"
    _convert(runner, source, book)
    before = book.read_bytes()
    refused = {
        "exists": (["convert", str(source), "-o", str(book)], "already exists; add --force"),
        "same": (["convert", str(book), "-o", str(book)], "are both workbooks"),
        "kind": (["convert", str(source), "-o", str(tmp_path / "q3.txt")], "name the output"),
        "rubric": (
            ["convert", str(book), "-o", str(mini_rubric), "--force"],
            "is this command's rubric",
        ),
    }
    for name, (arguments, message) in refused.items():
        result = runner.invoke(app, arguments)
        assert result.exit_code == 2, name
        assert message in result.stderr, (name, result.stderr)
    assert book.read_bytes() == before
    _convert(runner, source, book, "--force")


def test_convert_names_a_rubric_path_from_the_new_folder(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    source = write("q3.yaml", TRICKY)
    (tmp_path / "out").mkdir()
    book = tmp_path / "out" / "q3.xlsx"
    _convert(runner, source, book)
    assert openpyxl.load_workbook(book)["svccheck"]["B3"].value == "../mini.yaml"
    assert load_audit(str(book)).rubric.id == rubric_files.load(str(mini_rubric)).id


def test_interactive_audit_to_a_workbook_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "-o", str(tmp_path / "q4.xlsx")], input="")
    assert result.exit_code == 2
    assert "svccheck convert FILE.yaml -o FILE.xlsx" in result.stderr
    assert not (tmp_path / "q4.xlsx").exists()


def test_trend_and_combine_read_workbooks(runner: CliRunner, tmp_path: Path) -> None:
    q3, unit = tmp_path / "q3.xlsx", tmp_path / "unit.xlsx"
    _convert(runner, EXAMPLES / "acme-2026-Q3.yaml", q3)
    units = sorted((EXAMPLES / "units-2026-Q3").glob("*.yaml"))
    _convert(runner, units[0], unit)
    trend = runner.invoke(app, ["trend", str(EXAMPLES / "acme-2026-Q2.yaml"), str(q3)])
    assert trend.exit_code == 0, trend.stderr
    combined = runner.invoke(app, ["combine", str(unit), *map(str, units[1:]), "-f", "json"])
    assert combined.exit_code == 0, combined.stderr


HEAD = "svccheck: 2\nrubric: mini.yaml\nanswers:\n"


@pytest.mark.parametrize(
    ("evidence", "kept"),
    [
        pytest.param(
            "survey report 2026-08", (Evidence("survey report 2026-08"),), id="ends-like-a-date"
        ),
        pytest.param(
            "{text: survey report 2026-08, date: 2026-09}",
            (Evidence("survey report 2026-08", "2026-09"),),
            id="dated-and-ends-like-a-date",
        ),
        pytest.param('"two\\nlines"', (Evidence("two\nlines"),), id="line-break"),
        pytest.param("[none, ' x ']", (Evidence("none"), Evidence(" x ")), id="none-and-spaces"),
        pytest.param('"bell \\a"', (Evidence("bell \a"),), id="control-character"),
    ],
)
def test_evidence_goes_to_a_workbook_and_back_exactly(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path, evidence: str,
    kept: tuple[Evidence, ...],
) -> None:  # fmt: skip
    source = write("q.yaml", HEAD + f"  greet: {{score: 3, evidence: {evidence}}}\n")
    book, back = tmp_path / "q.xlsx", tmp_path / "back.yaml"
    _convert(runner, source, book)
    _convert(runner, book, back)
    for path in (source, book, back):
        assert load_audit(str(path)).audit.answer_map()["greet"].evidence == kept, path


def _evidence_cell(path: Path) -> object:
    sheet = openpyxl.load_workbook(path)["Audit"]
    column = next(cell.column for cell in sheet[9] if cell.value == "Evidence")
    return sheet.cell(10, column).value


def test_the_documented_cell_goes_to_yaml_and_back_exactly(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    book = tmp_path / "q4.xlsx"
    assert runner.invoke(app, ["template", str(mini_rubric), "-o", str(book)]).exit_code == 0
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Audit"]
    typed = 'survey report 2026-08\n"survey report 2026-08"\nminutes, March'
    sheet["J10"], sheet["L10"] = 4, typed
    workbook.save(book)
    yaml_file, again = tmp_path / "q4.yaml", tmp_path / "again.xlsx"
    _convert(runner, book, yaml_file)
    _convert(runner, yaml_file, again)
    read = load_audit(str(yaml_file)).audit.answer_map()["greet"].evidence
    assert read == (
        Evidence("survey report", "2026-08"),
        Evidence("survey report 2026-08"),
        Evidence("minutes, March"),
    )
    assert load_audit(str(again)).audit.answer_map()["greet"].evidence == read
    assert _evidence_cell(again) == typed


evidence_texts = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20).filter(
    str.strip
) | st.sampled_from(
    ["survey report 2026-08", "none", '"quoted"', "x 2026-02-30", "a || b", " padded "]
)


@pytest.mark.slow
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(
        st.tuples(evidence_texts, st.none() | st.sampled_from(["2026-08", "2026-08-31"])),
        min_size=1,
        max_size=3,
    )
)
def test_any_evidence_text_survives_both_conversions(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path, pieces: list[tuple[str, str | None]]
) -> None:
    given_evidence = tuple(Evidence(text, date) for text, date in pieces)
    loaded = rubric_files.load(str(mini_rubric))
    audit = Audit("mini.yaml", answers=(Answer("greet", 4, None, given_evidence),))
    source = tmp_path / "q.yaml"
    source.write_text(audit_writer.render_audit(loaded, audit), encoding="utf-8")
    book, back = tmp_path / "q.xlsx", tmp_path / "back.yaml"
    _convert(runner, source, book, "--force")
    _convert(runner, book, back, "--force")
    for path in (source, book, back):
        assert load_audit(str(path)).audit.answer_map()["greet"].evidence == given_evidence


ENDINGS = """\
svccheck: 2
rubric: mini.yaml
rubric_version: 1
organization: "Acme\\r\\nEurope"
unit: "old\\rmac"
assessor: "Ann _x000D_ and _x005F_ and _x0041_\\r"
answers:
  greet: {score: 3, note: "line one\\r\\nline two\\rthree\\n", evidence: ["_x000D_"]}
  resolve: {score: 2, note: "   "}
  billing: {score: 1, note: "\\t"}
"""


def test_line_endings_escapes_and_blank_notes_come_back_exactly(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    original = write("q3.yaml", ENDINGS)
    book, back = tmp_path / "q3.xlsx", tmp_path / "back.yaml"
    _convert(runner, original, book)
    _convert(runner, book, back)
    first, last = (load_audit(str(p)).audit for p in (original, back))
    assert first.organization == "Acme\r\nEurope"
    assert first.answer_map()["resolve"].note == "   "
    assert _same(first, last)
    # Excel shows a carriage return where the cell has _x000D_ (its own escape).
    assert openpyxl.load_workbook(book)["Audit"]["B2"].value == "Acme_x000D_\nEurope"


def _long(runner: CliRunner, write: Writer, tmp_path: Path, greet: str) -> tuple[int, str]:
    source = write("long.yaml", f"svccheck: 2\nrubric: mini.yaml\nanswers:\n  greet: {greet}\n")
    target = tmp_path / "long.xlsx"
    result = runner.invoke(app, ["convert", str(source), "-o", str(target)])
    assert not target.exists()
    return result.exit_code, result.stderr


def test_a_note_longer_than_a_cell_is_refused_not_cut(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    code, message = _long(runner, write, tmp_path, "{score: 3, note: " + "x" * 32_768 + "}")
    assert code == 2
    assert "the note of greet: is 32768 characters long; a workbook cell holds at most 32767" in (
        message
    )


def test_evidence_longer_than_a_cell_is_refused_not_cut(
    runner: CliRunner, write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    pieces = ", ".join(f"doc{n}" for n in range(100_000))
    code, message = _long(runner, write, tmp_path, f"{{score: 3, evidence: [{pieces}]}}")
    assert code == 2
    cell = "\n".join(f"doc{n}" for n in range(100_000))  # one piece a line, as cells hold it
    assert f"the evidence of greet: is {len(cell)} characters long" in message


def _big_rubric(write: Writer, items: int) -> Path:
    lines = ["id: big", "title: Big", "version: 1", "description: d.", "sources: [x]"]
    lines += ["sections:", "  - id: s", "    title: S", "    weight: 1", "    items:"]
    for n in range(items):
        lines += [
            f"      - id: i{n}",
            f"        title: Item {n}",
            "        question: Is it done?",
            "        guidance: {low: never, mid: sometimes, high: always}",
            "        source: x",
            "        actions: [Do it., Check it.]",
        ]
    return write("big.yaml", "\n".join(lines) + "\n")


@pytest.mark.slow
@pytest.mark.parametrize("items", [5_000, 4_000])  # too many rows; too many cell elements
def test_a_rubric_too_large_for_a_workbook_is_refused_before_writing(
    runner: CliRunner, write: Writer, tmp_path: Path, items: int
) -> None:
    rubric = _big_rubric(write, items)
    template = runner.invoke(app, ["template", str(rubric), "-o", str(tmp_path / "t.xlsx")])
    assert template.exit_code == 2
    assert "nothing was written" in template.stderr or "not written" in template.stderr
    assert not (tmp_path / "t.xlsx").exists()
    audit = write("a.yaml", "svccheck: 2\nrubric: big.yaml\nanswers:\n  i0: 3\n")
    converted = runner.invoke(app, ["convert", str(audit), "-o", str(tmp_path / "a.xlsx")])
    assert converted.exit_code == 2
    assert not (tmp_path / "a.xlsx").exists()


@pytest.mark.slow
def test_the_largest_rubric_a_workbook_holds_reads_back(
    runner: CliRunner, write: Writer, tmp_path: Path
) -> None:
    rubric = _big_rubric(write, 3_000)
    target = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["template", str(rubric), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0


def test_converting_says_which_comments_a_workbook_leaves_behind(
    runner: CliRunner, mini_rubric: Path, tmp_path: Path
) -> None:
    blank = tmp_path / "q3.yaml"
    made = runner.invoke(app, ["template", str(mini_rubric), "-o", str(blank)])
    assert made.exit_code == 0, made.stderr
    # Only svccheck's own comments (questions, guidance, the schema line): nothing to say.
    quiet = runner.invoke(app, ["convert", str(blank), "-o", str(tmp_path / "blank.xlsx")])
    assert quiet.exit_code == 0, quiet.stderr
    assert "comment" not in quiet.stderr
    lines = blank.read_text(encoding="utf-8").splitlines()
    at = lines.index("answers:")
    lines[at] = "answers:  # checked with Dana"  # a comment after a key
    lines.insert(at, "# second visit on Friday")  # a comment of its own
    answered = "\n".join(lines).replace(
        "  greet:",
        '  greet: {score: 3, note: "ticket #12 # open"}',  # a # inside a note
    )
    blank.write_text(answered + "\n", encoding="utf-8")
    book, back = tmp_path / "q3.xlsx", tmp_path / "back.yaml"
    result = runner.invoke(app, ["convert", str(blank), "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    assert book.exists()
    told = " ".join(result.stderr.split())
    assert (
        f"warning: {blank}: 2 comments written by hand (lines {at + 1}, {at + 2}) are not in "
        f"{book}: a workbook has no place for comments"
    ) in told
    _convert(runner, book, back)
    text = back.read_text(encoding="utf-8")
    assert "second visit" not in text
    assert "Dana" not in text
    assert load_audit(str(back)).audit.answer_map()["greet"].note == "ticket #12 # open"
