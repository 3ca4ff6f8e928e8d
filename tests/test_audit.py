"""Audit files: loading against the rubric, located mistakes, templates and rewriting."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.core.errors import InvalidFileError
from svccheck.engine import scoring
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from svccheck.model import audit
from tests.conftest import MINI_RUBRIC, Writer

GOOD = """\
svccheck: 1
rubric: mini.yaml
organization: Acme
period: 2026-Q3
date: 2026-09-30
answers:
  greet: 4
  resolve: {score: n/a, note: "no problems, ever"}
  billing:
"""


def problems(write: Writer, mini_rubric: Path, text: str) -> list[str]:
    path = write("audit.yaml", text)
    with pytest.raises(InvalidFileError) as caught:
        audit_files.load_audit(str(path))
    return [line.replace(str(path), "FILE") for line in caught.value.lines()]


def test_good_audit_loads(write: Writer, mini_rubric: Path) -> None:
    loaded = audit_files.load_audit(str(write("audit.yaml", GOOD)))
    assert loaded.rubric.id == "mini"
    assert loaded.audit.date == "2026-09-30"
    assert loaded.audit.answer_map()["resolve"] == audit.Answer(
        "resolve", "n/a", "no problems, ever"
    )
    assert loaded.audit.answer_map()["billing"].score is None
    assert loaded.warnings == ()


BAD = [
    pytest.param(
        GOOD.replace("  greet: 4", "  gret: 4"),
        ["FILE:7:3: answers: unknown item id 'gret' (did you mean 'greet'?)"],
        id="unknown-item",
    ),
    pytest.param(
        GOOD.replace("  greet: 4", "  greet: 6"),
        ["FILE:7:10: answers.greet: score 6 is outside the scale 1..5 (or write n/a)"],
        id="out-of-range",
    ),
    pytest.param(
        GOOD.replace("  greet: 4", "  greet: 3.5"),
        [
            "FILE:7:10: answers.greet: expected a whole-number score, n/a, nothing, "
            "or a mapping with 'score' and 'note', got 3.5"
        ],
        id="not-integer",
    ),
    pytest.param(
        GOOD.replace('{score: n/a, note: "no problems, ever"}', "{score: 9}"),
        ["FILE:8:20: answers.resolve: score 9 is outside the scale 1..5 (or write n/a)"],
        id="out-of-range-in-mapping",
    ),
    pytest.param(
        GOOD.replace("rubric: mini.yaml\n", ""),
        ["FILE:1:1: the document: missing required key 'rubric'"],
        id="missing-rubric",
    ),
    pytest.param(
        GOOD.replace("organization:", "organisation:"),
        ["FILE:3:1: the document: unknown key 'organisation' (did you mean 'organization'?)"],
        id="unknown-key",
    ),
    pytest.param(
        GOOD.replace("period: 2026-Q3", "period: Q3 2026"),
        [
            "FILE:4:9: period: expected a period such as 2026-Q3, 2026-09 or 2026-09-30, "
            "got text 'Q3 2026'"
        ],
        id="bad-period",
    ),
    pytest.param(
        GOOD.replace("rubric: mini.yaml", "rubric: no-such-rubric"),
        ["FILE:2:9: rubric: no rubric named 'no-such-rubric'"],
        id="unknown-rubric",
    ),
    pytest.param(
        GOOD.replace('{score: n/a, note: "no problems, ever"}', "{score: 2, note: fine, thanks}"),
        [
            "FILE:8:35: answers.resolve: unknown key 'thanks' (a comma inside {...} starts a new "
            "key: put text with commas in quotes)"
        ],
        id="unquoted-comma",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_bad_audit_is_located(
    write: Writer, mini_rubric: Path, text: str, expected: list[str]
) -> None:
    found = problems(write, mini_rubric, text)
    assert [line[: len(want)] for line, want in zip(found, expected, strict=True)] == expected


def test_rubric_version_mismatch_is_a_warning(write: Writer, mini_rubric: Path) -> None:
    loaded = audit_files.load_audit(str(write("audit.yaml", "rubric_version: 2\n" + GOOD)))
    assert loaded.warnings == (
        f"{loaded.audit.path}: written for version 2 of rubric 'mini', which is now at version 1",
    )


@pytest.mark.parametrize("reference", list(rubric_search.available()))
def test_template_scores_without_edits(write: Writer, reference: str) -> None:
    loaded = rubric_files.load(reference)
    text = audit_writer.render_audit(loaded, audit.Audit(rubric=loaded.id, period="2026-Q4"))
    parsed = audit_files.parse_audit(text, str(write("t.yaml", "")))
    report = scoring.score(parsed.rubric, parsed.audit)
    assert report.coverage == 0.0
    assert len(report.unanswered()) == loaded.item_count()
    assert text.count("?\n") >= loaded.item_count()  # every question is there as a comment


@pytest.fixture(scope="module")
def mini_in_module(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mini") / "mini.yaml"
    path.write_text(MINI_RUBRIC, encoding="utf-8")
    return path


notes = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\x85\u2028\u2029"),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.integers(1, 5), st.just("n/a"), st.none()), min_size=3, max_size=3),
    st.lists(st.one_of(st.none(), notes), min_size=3, max_size=3),
    st.one_of(st.none(), notes),
)
def test_rendered_audit_reads_back_identically(
    mini_in_module: Path,
    scores: list[audit.Score],
    texts: list[str | None],
    organization: str | None,
) -> None:
    loaded = rubric_files.load_rubric_file(str(mini_in_module))
    original = audit.Audit(
        rubric="mini.yaml",
        organization=organization or None,
        answers=tuple(
            audit.Answer(item, score, note or None)
            for item, score, note in zip(loaded.item_ids(), scores, texts, strict=True)
        ),
    )
    text = audit_writer.render_audit(loaded, original)
    again = audit_files.parse_audit(text, str(mini_in_module.parent / "again.yaml")).audit
    assert again.organization == original.organization
    assert again.answer_map() == original.answer_map()


def test_current_period() -> None:
    import datetime as dt

    assert audit.current_period(dt.date(2026, 11, 25)) == "2026-Q4"
    assert audit.current_period(dt.date(2026, 1, 1)) == "2026-Q1"


def test_the_documented_example_is_a_valid_audit(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "audit-format.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    loaded = audit_files.parse_audit(example, str(tmp_path / "a.yaml"))
    answers = loaded.audit.answer_map()
    assert answers["annual-benchmarking"] == audit.Answer(
        "annual-benchmarking", "n/a", "no competitors in our market"
    )
    assert answers["coaching-first"].score is None


@pytest.mark.parametrize(
    ("note", "written"),
    [
        pytest.param("checked on site", "checked on site", id="plain"),
        pytest.param("Why?", '"Why?"', id="question-mark-breaks-flow-yaml"),
        pytest.param("fine, thanks", '"fine, thanks"', id="comma"),
        pytest.param("3", '"3"', id="looks-like-a-number"),
    ],
)
def test_notes_are_quoted_only_when_yaml_needs_it(
    mini_in_module: Path, note: str, written: str
) -> None:
    loaded = rubric_files.load_rubric_file(str(mini_in_module))
    original = audit.Audit(rubric="mini.yaml", answers=(audit.Answer("greet", 4, note),))
    text = audit_writer.render_audit(loaded, original)
    assert f"  greet: {{score: 4, note: {written}}}\n" in text
    again = audit_files.parse_audit(text, str(mini_in_module.parent / "q.yaml")).audit
    assert again.answer_map()["greet"].note == note
