"""Evidence in files: the forms an answer's evidence takes, located mistakes, the rubric keys, and
what svccheck writes (templates, saves into an existing file) reading back."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.cli.interactive import saving
from svccheck.core.errors import InvalidFileError
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats.audit import edit as audit_edit
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Evidence
from tests.conftest import MINI_RUBRIC, Writer

HEAD = "svccheck: 2\nrubric: mini.yaml\nanswers:\n"


def load(write: Writer, body: str, head: str = HEAD) -> Audit:
    write("mini.yaml", MINI_RUBRIC)
    return audit_files.load_audit(str(write("a.yaml", head + body))).audit


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("board minutes", (Evidence("board minutes"),), id="text"),
        pytest.param("{text: x, date: 2026-03}", (Evidence("x", "2026-03"),), id="mapping"),
        pytest.param("{text: x, date: null}", (Evidence("x"),), id="undated-mapping"),
        pytest.param(
            '[a, {text: b, date: "2026-03-31"}]',
            (Evidence("a"), Evidence("b", "2026-03-31")),
            id="list",
        ),
        pytest.param("{text: x, date: 2026-03-31}", (Evidence("x", "2026-03-31"),), id="bare-date"),
        pytest.param("[]", (), id="recorded-missing"),
        pytest.param("null", None, id="nothing"),
        pytest.param('"[]"', (Evidence("[]"),), id="brackets-as-text-are-evidence"),
    ],
)
def test_the_forms_of_evidence(write: Writer, value: str, expected: object) -> None:
    loaded = load(write, f"  greet: {{score: 4, evidence: {value}}}\n")
    assert loaded.answer_map()["greet"].evidence == expected


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            "  greet: {score: 4, evidence: ''}\n",
            "4:31: answers.greet.evidence: must not be empty (write [] to record that there is "
            "none)",
            id="blank",
        ),
        pytest.param(
            "  greet: {score: 4, evidence: [x, 3]}\n",
            "4:35: answers.greet.evidence[1]: expected evidence text or a mapping with 'text' and "
            "'date', got 3; put it in quotes if it is meant as text",
            id="number-in-list",
        ),
        pytest.param(
            "  greet: {score: 4, evidence: {date: 2026-03}}\n",
            "4:31: answers.greet.evidence: missing required key 'text'",
            id="no-text",
        ),
        pytest.param(
            "  greet: {score: 4, evidence: {text: x, date: 2026-13}}\n",
            "4:47: answers.greet.evidence.date: expected a date such as 2026-03-31 or a month such "
            "as 2026-03, got text '2026-13'",
            id="no-such-month",
        ),
        pytest.param(
            "  greet: {score: 4, evidence: {text: x, when: 2026-03}}\n",
            "4:41: answers.greet.evidence: unknown key 'when'",
            id="unknown-key",
        ),
        pytest.param(
            "  greet: {score: 4, evidence: true}\n",
            "4:31: answers.greet.evidence: expected evidence: a text, a mapping with 'text' and "
            "'date', or a list of them, got true; put it in quotes if it is meant as text",
            id="boolean",
        ),
    ],
)
def test_mistakes_are_located(write: Writer, body: str, message: str) -> None:
    with pytest.raises(InvalidFileError) as raised:
        load(write, body)
    assert [line.split("a.yaml:", 1)[1] for line in raised.value.lines()] == [message]


def test_evidence_needs_format_version_2(write: Writer) -> None:
    with pytest.raises(InvalidFileError) as raised:
        load(write, "  greet: {score: 4, evidence: x}\n", head="rubric: mini.yaml\nanswers:\n")
    assert raised.value.lines()[0].endswith(
        "a.yaml:3:21: answers.greet.evidence: needs 'svccheck: 2' or later at the top of the "
        "file (it says 1)"
    )


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        pytest.param("evidence_from: 1\n", "evidence_from: 1 must be above", id="at-minimum"),
        pytest.param("evidence_from: 6\n", "evidence_from: 6 must be above", id="above-max"),
        pytest.param("evidence_max_age: 0\n", "evidence_max_age: must be at least 1", id="age-0"),
        pytest.param("evidence_max_age: 1.5\n", "expected a whole number", id="age-fraction"),
    ],
)
def test_rubric_evidence_keys_are_checked(write: Writer, keys: str, message: str) -> None:
    path = write("r.yaml", "svccheck: 2\n" + keys + MINI_RUBRIC)
    with pytest.raises(InvalidFileError, match=message):
        rubric_files.load_rubric_file(str(path))


def test_rubric_evidence_keys_are_read(write: Writer) -> None:
    path = write("r.yaml", "svccheck: 2\nevidence_from: 4\nevidence_max_age: 12\n" + MINI_RUBRIC)
    loaded = rubric_files.load_rubric_file(str(path))
    assert (loaded.evidence_from, loaded.evidence_max_age) == (4, 12)


EVIDENCE = (
    Evidence("minutes, March"),
    Evidence("KPI: 42%", "2026-03"),
    Evidence("y", "2026-03-31"),
)


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        pytest.param(Answer("greet", 4), "greet: 4", id="plain"),
        pytest.param(Answer("greet", 4, None, ()), "greet: {score: 4, evidence: []}", id="missing"),
        pytest.param(
            Answer("greet", 4, "ok", (Evidence("minutes"),)),
            "greet: {score: 4, note: ok, evidence: minutes}",
            id="one-undated",
        ),
        pytest.param(
            Answer("greet", 4, None, EVIDENCE),
            'greet: {score: 4, evidence: ["minutes, March", {text: "KPI: 42%", date: 2026-03}, '
            '{text: y, date: "2026-03-31"}]}',
            id="several-quoted-where-needed",
        ),
    ],
)
def test_written_answers_read_back(write: Writer, answer: Answer, line: str) -> None:
    mini = rubric_files.load_rubric_file(str(write("mini.yaml", MINI_RUBRIC)))
    text = audit_writer.render_audit(mini, Audit("mini.yaml", answers=(answer,)))
    assert f"  {line}\n" in text
    version = 2 if answer.evidence is not None else 1
    assert f"\nsvccheck: {version}\n" in text
    loaded = audit_files.load_audit(str(write("a.yaml", text))).audit
    assert loaded.answer_map()["greet"] == answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("svccheck: 1\nrubric: x\n", "svccheck: 2\nrubric: x\n", id="raised"),
        pytest.param("svccheck: 2\nrubric: x\n", "svccheck: 2\nrubric: x\n", id="kept"),
        pytest.param(
            "# mine\nrubric: x  # here\n", "# mine\nsvccheck: 2\nrubric: x  # here\n", id="added"
        ),
        pytest.param("svccheck: 1\r\nrubric: x\r\n", "svccheck: 2\r\nrubric: x\r\n", id="crlf"),
    ],
)
def test_a_save_raises_the_declared_version_only_as_far_as_needed(text: str, expected: str) -> None:
    assert audit_edit.ensure_version(text, 2) == expected
    assert audit_edit.ensure_version(text, 1) == text


def test_saving_evidence_into_a_version_1_file_keeps_everything_else(write: Writer) -> None:
    mini = rubric_files.load_rubric_file(str(write("mini.yaml", MINI_RUBRIC)))
    text = "# kept\nsvccheck: 1  # the version\nrubric: mini.yaml\nanswers:\n  greet: 3 # why\n"
    path = write("a.yaml", text)
    stored = saving.AuditFile.opened(str(path), mini, audit_files.load_audit(str(path)).audit, None)
    saved = stored.save(Answer("resolve", 4, None, (Evidence("log", "2026-03"),)))
    assert path.read_text(encoding="utf-8") == (
        "# kept\nsvccheck: 2  # the version\nrubric: mini.yaml\nanswers:\n  greet: 3 # why\n"
        "  resolve: {score: 4, evidence: [{text: log, date: 2026-03}]}\n"
    )
    assert saved.answer_map()["resolve"].evidence == (Evidence("log", "2026-03"),)


def test_evidence_of_a_renamed_item_carries_over(write: Writer) -> None:
    new = MINI_RUBRIC.replace("version: 1", "version: 2").replace(
        "      - id: greet\n", "      - id: welcome\n        replaces: [greet]\n"
    )
    write("mini.yaml", "svccheck: 2\n" + new)
    head = "svccheck: 2\nrubric: mini.yaml\nrubric_version: 1\nanswers:\n"
    loaded = audit_files.load_audit(
        str(write("a.yaml", head + "  greet: {score: 5, evidence: x}\n"))
    )
    assert loaded.audit.answer_map()["welcome"] == Answer("welcome", 5, None, (Evidence("x"),))


def test_the_schema_of_a_rubric_audit_accepts_evidence(write: Writer) -> None:
    import jsonschema

    from svccheck.formats.audit import schema as audit_schema

    mini = rubric_files.load_rubric_file(str(write("mini.yaml", MINI_RUBRIC)))
    document = yaml.safe_load(HEAD + "  greet: {score: 4, evidence: [x, {text: y, date: 2026-03}]}")
    jsonschema.validate(document, audit_schema.for_rubric(mini))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {**document, "answers": {"greet": {"evidence": [3]}}}, audit_schema.for_rubric(mini)
        )


LOOK_ALIKES = ["survey report 2026-08", "none", " x", "a\nb", "x 2026-02-30", "2026-03",
               '"quoted"', '"a\\q"', 'say "hi" 2026-03', "a || b", "x\u2028y"]  # fmt: skip
cell_evidence = st.lists(
    st.builds(
        Evidence,
        st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
        | st.sampled_from(LOOK_ALIKES),
        st.none() | st.sampled_from(["2026-03", "2025-12-31"]),
    ),
    max_size=3,
).map(tuple)


@settings(max_examples=300, deadline=None)
@given(given=cell_evidence)
def test_a_workbook_cell_reads_back_exactly_what_was_written(given: tuple[Evidence, ...]) -> None:
    assert evidence_input.from_cell(evidence_input.cell_text(given)) == given


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("survey report 2026-08", Evidence("survey report", "2026-08")),
        ('"survey report 2026-08"', Evidence("survey report 2026-08")),
        ('"survey report 2026-08" 2026-09', Evidence("survey report 2026-08", "2026-09")),
        ('"Quality" survey', Evidence('"Quality" survey')),  # not a quoted piece: as it is
        ('"a\\q"', Evidence('"a\\q"')),  # no JSON escape: the quotes are part of the text
    ],
)
def test_a_piece_in_quotes_is_its_text_exactly(cell: str, read: Evidence) -> None:
    assert evidence_input.from_cell(cell) == (read,)
    assert evidence_input.entries(cell) == (read,)  # typed after || at the prompt alike
