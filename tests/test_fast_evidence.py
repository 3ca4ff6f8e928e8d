"""Both fast readers agree with the full loader on evidence (format 2), or decline.

Property, on generated audits carrying evidence: whenever the line reader or the fast reader of
composed nodes accepts a text, the full loader accepts it too and gives an equal audit, rubric
and warnings (``check`` in tests/test_audit_lines.py compares all three). Texts: evidence
written piece by piece (texts plain and quoted, hostile ones among them, dates such as
``2026-03``, ``2026-13``, ``2026-02-30``, one entry, lists, ``[]`` against nothing, mappings
with unknown, missing or repeated keys), on one line or in block style, in files declaring
format 2, format 1 (where the full loader refuses evidence) or no format; and documents dumped
by PyYAML from generated values in flow and block style. Declining is always allowed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from svccheck import audit_lines
from tests.conftest import MINI_RUBRIC
from tests.test_audit_lines import check
from tests.test_fast_audit import EDITION_2, fast, full
from tests.test_schema_agreement import SETTINGS

TEXTS = [
    "minutes", "site visit notes", "scorecard (March)", "'minutes'", '"KPI: 42%"', "'a || b'",
    "a || b", "x y", "2026-03", "2026-03-31", "'2026-03-31'", "''", "' '", '" "', "~", "null",
    "3", "'3'", "yes", "1e3", "n/a", "!!str x", "&e x", "*e", "[x]", "{}", "x: y", "'it''s'",
    '"a\\tb"', "é", "#x", "x #y", "-", "- x", "? x", "|", ">", "@x", "`x`", "%x", ".inf",
]  # fmt: skip
DATES = [
    "2026-03", "2026-03-31", "'2026-03-31'", '"2026-03"', "2026-13", "2026-02-30", "2026-02-28",
    "2024-02-29", "2026-00", "2026-3", "2026", "20260331", "2026-03-31T10:00:00", "~", "null",
    "''", "[2026-03]", "x", "2026-Q1", "'2026-13'",
]  # fmt: skip
# Valid ones drawn as often as all the others, so that the fast readers accept many documents.
TEXT = st.sampled_from(["minutes", "'a || b'", "x y"]) | st.sampled_from(TEXTS)
DATE = st.sampled_from(["2026-03", '"2026-03-31"', "~"]) | st.sampled_from(DATES)
HEADS = ["svccheck: 2\n", "svccheck: 2\n", "svccheck: 1\n", "", "svccheck: '2'\n"]
IDS = ["greet", "resolve", "billing"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("evidence")
    (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    (path / "mini-2.yaml").write_text(EDITION_2, encoding="utf-8")
    return path


@st.composite
def entry(draw: st.DrawFn) -> str:
    """One evidence entry in flow style: a text, or a mapping of text and date, valid or not."""
    text, date = draw(TEXT), draw(DATE)
    shapes = [
        text,
        f"{{text: {text}, date: {date}}}",
        f"{{date: {date}, text: {text}}}",
        f"{{text: {text}}}",
        f"{{ text: {text} , date: {date} }}",
        f"{{date: {date}}}",
        f"{{text: {text}, text: {text}}}",
        f"{{text: {text}, note: x}}",
        f"{{text: {text},date: {date}}}",
        "[x]",
    ]
    return draw(st.sampled_from(shapes[:2]) | st.sampled_from(shapes))


@st.composite
def evidence(draw: st.DrawFn) -> str:
    """An answer's evidence in flow style: one entry, a list of them, [] or nothing."""
    entries = draw(st.lists(entry(), max_size=3))
    shapes = [
        draw(entry()),
        "[" + ", ".join(entries) + "]",
        "[" + ",".join(entries) + "]",
        "[ " + " , ".join(entries) + " ]",
        "[" + ", ".join(entries) + ", ]",
        "[]",
        "[ ]",
        "~",
        "",
    ]
    return draw(st.sampled_from(shapes[:2]) | st.sampled_from(shapes))


@st.composite
def answer(draw: st.DrawFn) -> str:
    """One answer line (or lines, in block style) carrying evidence, or not."""
    key = draw(st.sampled_from(IDS))
    value = draw(evidence())
    score = draw(st.sampled_from(["4", "n/a", "~"]) | st.just("9"))
    note = draw(st.sampled_from(["checked", "'a || b'", "a || b"]) | st.just("x, y"))
    lines = [
        f"  {key}: {{score: {score}, evidence: {value}}}",
        f"  {key}: {{score: {score}, note: {note}, evidence: {value}}}",
        f"  {key}: {{evidence: {value}, score: {score}}}  # a comment",
        f"  {key}: {{evidence: {value}}}",
        f"  {key}: {{score: {score}, evidence: {value}, evidence: []}}",
        f"  {key}: {{score: {score}, note: {note}}}",
        f"  {key}: {score}",
        f"  {key}:\n    score: {score}\n    evidence: {value}",
        f"  {key}:\n    score: {score}\n    evidence:\n      - {draw(entry())}\n      - text: x\n"
        f"        date: {draw(DATE)}",
    ]
    return draw(st.sampled_from(lines))


@st.composite
def written(draw: st.DrawFn) -> str:
    """An audit with evidence, declaring format 2, 1 or none, its answers drawn above."""
    head = draw(st.sampled_from(HEADS))
    rubric = draw(st.sampled_from(["mini.yaml", "mini-2.yaml"]))
    answers = draw(st.lists(answer(), min_size=1, max_size=3, unique_by=lambda a: a.split(":")[0]))
    return f"{head}rubric: {rubric}\nanswers:\n" + "\n".join(answers) + "\n"


@SETTINGS
@given(text=written())
def test_evidence_written_by_hand(folder: Path, text: str) -> None:
    check(text, folder)


ENTRY_VALUES = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["x", "2026-03", "2026-03-31", " ", "", "a || b"]),
    st.fixed_dictionaries(
        {"text": st.text(max_size=6) | st.sampled_from(["x", "2026-03-31"])},
        optional={
            "date": st.sampled_from(["2026-03", "2026-13", "2026-02-30", "2026-03-31"])
            | st.none()
            | st.integers()
        },
    ),
    st.integers(),
    st.none(),
)
EVIDENCE_VALUES = ENTRY_VALUES | st.lists(ENTRY_VALUES, max_size=3)


@SETTINGS
@given(
    values=st.lists(EVIDENCE_VALUES, min_size=1, max_size=3),
    version=st.sampled_from([1, 2, 2, None]),
    style=st.sampled_from([False, None, True]),
)
def test_evidence_dumped_by_pyyaml(
    folder: Path, values: list[Any], version: int | None, style: bool | None
) -> None:
    answers = {
        key: {"score": 3, "evidence": value} for key, value in zip(IDS, values, strict=False)
    }
    document: dict[str, Any] = {"rubric": "mini.yaml", "answers": answers}
    if version is not None:
        document = {"svccheck": version, **document}
    try:
        text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=style)
    except (ValueError, yaml.YAMLError):
        assume(False)
    check(text, folder)


GOOD = """\
svccheck: 2
rubric: mini.yaml
answers:
  greet: {score: 4, note: "checked, twice", evidence: [{text: minutes, date: "2026-03-31"}, x]}
  resolve: {score: n/a, evidence: []}
  billing: {score: 2, evidence: {text: 'scorecard', date: 2026-03}}
"""


@pytest.mark.parametrize(
    "text",
    [
        GOOD,
        GOOD.replace("evidence: []", "evidence: site visit notes"),
        GOOD.replace("evidence: []", "evidence: ~"),
        GOOD.replace("evidence: []", "evidence: [ ]"),
        GOOD.replace('"2026-03-31"', "~"),
        GOOD.replace("x]", "'a || b']"),
    ],
)
def test_evidence_takes_the_line_reader(folder: Path, text: str) -> None:
    assert check(text, folder)


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("svccheck: 2", "svccheck: 1"),  # the full loader refuses evidence there
        GOOD.replace("svccheck: 2\n", ""),
        GOOD.replace("evidence: []", "evidence: ~").replace("svccheck: 2", "svccheck: 1"),
        GOOD.replace("2026-03}", "2026-13}"),
        GOOD.replace('"2026-03-31"', '"2026-02-30"'),
        GOOD.replace('"2026-03-31"', "2026-02-30"),
        GOOD.replace("x]", "'']"),
        GOOD.replace("x]", "3]"),
        GOOD.replace("x]", "[x]]"),
        GOOD.replace("evidence: []", "evidence: [~]"),
        GOOD.replace("evidence: []", "evidence: {date: 2026-03}"),
        GOOD.replace("evidence: []", "evidence: {text: x, when: 2026-03}"),
        GOOD.replace("evidence: []", "evidence: {text: x, text: y}"),
    ],
)
def test_invalid_evidence_is_declined_by_both(folder: Path, text: str) -> None:
    file = str(folder / "audit.yaml")
    assert full(text, file) is None  # refused, with located messages
    assert audit_lines.read(text, file) is None
    assert fast(text, file) is None


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace("x]", "x, ]"),  # a trailing comma: valid YAML
        GOOD.replace(
            "  billing: {score: 2, evidence: {text: 'scorecard', date: 2026-03}}",
            "  billing:\n    score: 2\n    evidence:\n"
            "      - text: scorecard\n        date: 2026-03",
        ),
    ],
)
def test_other_evidence_layouts_take_the_composed_fast_reader(folder: Path, text: str) -> None:
    file = str(folder / "audit.yaml")
    assert audit_lines.read(text, file) is None
    assert fast(text, file) is not None
    assert fast(text, file) == full(text, file)
