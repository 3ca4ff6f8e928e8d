"""The line reader of valid audits agrees with the full loader, or declines.

Property: whenever :func:`svccheck.audit_lines.read` accepts a text, the full loader accepts it
too and gives an equal audit, rubric and warnings (and so does the fast reader of composed
nodes). Texts: the generated documents of tests/test_fast_audit.py, and audits in the line
reader's own layout with hostile edits made to their lines: characters YAML gives a meaning
(indicators, quotes, colons, comments, tabs, line breaks of every kind), indentation changed,
lines joined, split or repeated. Declining is always allowed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from svccheck import audit_lines, audit_writer, rubric
from svccheck.audit import Answer, Audit
from tests.conftest import MINI_RUBRIC
from tests.test_fast_audit import EDITION_2, fast, full, written
from tests.test_schema_agreement import GOOD_AUDIT, SETTINGS, mutated


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lines")
    (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    (path / "mini-2.yaml").write_text(EDITION_2, encoding="utf-8")
    return path


def check(text: str, folder: Path) -> bool:
    """The property for one text; whether the line reader accepted it."""
    file = str(folder / "audit.yaml")
    quick = audit_lines.read(text, file)
    if quick is not None:
        assert quick == full(text, file), text
        assert quick == fast(text, file), text
    return quick is not None


LAYOUT = """\
# svccheck audit: Mini rubric (mini, version 1)
svccheck: 1
rubric: mini.yaml
rubric_version: 1
organization: Acme Support
unit: "EMEA: contact centre"
period: 2026-Q3
assessor: 'Dana Lee'
date: 2026-09-30
answers:
  # == Front line ==
  greet: 4
  resolve: {score: n/a, note: "no complaints, none to resolve"}

  billing: {score: 2, note: checked on site}  # a comment
"""
# Characters and pieces that mean something to YAML, put into the layout's lines at random.
PIECES = [
    " ", "  ", "\t", "\r", "\r\n", "\n", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "\x7f",
    "#", " #", ":", ": ", "-", "- ", "?", "? ", ",", "[", "]", "{", "}", "&a ", "*a", "!", "!!str ",
    "|", ">", "'", "''", '"', '\\"', "\\", "%", "@", "`", "~", "null", "yes", "3", "3.0", "0x3",
    "1e3", "n/a", "---", "...", "<<: ", "score: ", "note: ", "é", "日本", "\u00a0", "0", "+",
    ".", "/", "=", "%YAML 1.1\n",
]  # fmt: skip


VALUE = st.lists(st.sampled_from([*PIECES, "a", "b", "x y", "n/a", "3"]), max_size=4).map("".join)


@st.composite
def edited(draw: st.DrawFn) -> str:
    """The layout with a few edits: a value, or a note, made of pieces; a piece inserted or put
    in place of some characters; or a line repeated, removed, joined to the next or indented
    otherwise."""
    lines = draw(st.sampled_from([LAYOUT, LAYOUT.replace("mini.yaml", "mini-2.yaml")])).split("\n")
    for _ in range(draw(st.integers(1, 3))):
        number = draw(st.integers(0, len(lines) - 1))
        line = lines[number]
        action = draw(st.sampled_from(["value", "value", "insert", "replace", "line"]))
        if action == "value" and ": " in line:
            key, _, rest = line.partition(": ")
            note = rest.find("note: ")
            if note >= 0 and draw(st.booleans()):
                lines[number] = f"{key}: {rest[: note + 6]}{draw(VALUE)}}}"
            else:
                lines[number] = f"{key}: {draw(VALUE)}"
            continue
        if action == "line":
            change = draw(st.sampled_from(["repeat", "remove", "join", "indent", "outdent"]))
            if change == "repeat":
                lines.insert(number, line)
            elif change == "remove":
                del lines[number]
            elif change == "join" and number + 1 < len(lines):
                lines[number : number + 2] = [line + " " + lines[number + 1].lstrip()]
            elif change == "indent":
                lines[number] = " " * draw(st.integers(1, 4)) + line
            else:
                lines[number] = line.removeprefix(" ")
            continue
        at = draw(st.integers(0, len(line)))
        end = at if action == "insert" else draw(st.integers(at, len(line)))
        lines[number] = line[:at] + draw(st.sampled_from(PIECES)) + line[end:]
    return "\n".join(lines)


@SETTINGS
@given(text=edited())
def test_edited_layouts(folder: Path, text: str) -> None:
    check(text, folder)


@SETTINGS
@given(text=written())
def test_audits_written_by_hand(folder: Path, text: str) -> None:
    check(text, folder)


@SETTINGS
@given(document=mutated(GOOD_AUDIT), edition=st.sampled_from(["mini.yaml", "mini-2.yaml"]))
def test_generated_audits(folder: Path, document: dict[str, Any], edition: str) -> None:
    document = {**document, "rubric": edition} if "rubric" in document else document
    try:
        text = yaml.safe_dump(document, allow_unicode=True, default_flow_style=None)
    except (ValueError, yaml.YAMLError):
        assume(False)
    check(text, folder)


@SETTINGS
@given(
    notes=st.lists(st.text(max_size=12) | st.none(), min_size=3, max_size=3),
    scores=st.lists(st.sampled_from([1, 3, 4, "n/a", None]), min_size=3, max_size=3),
    organization=st.text(max_size=12) | st.none(),
)
def test_written_by_svccheck(
    folder: Path, notes: list[str | None], scores: list[Any], organization: str | None
) -> None:
    """What svccheck writes (templates, sessions) reads back through the line reader when its
    values are plain enough, and always as the full loader reads it."""
    loaded = rubric.load(str(folder / "mini.yaml"))
    answers = tuple(
        Answer(item, score, note)
        for item, score, note in zip(loaded.item_ids(), scores, notes, strict=True)
    )
    audit = Audit("mini.yaml", organization=organization, period="2026-Q3", answers=answers)
    try:
        text = audit_writer.render_audit(loaded, audit)
    except Exception:  # text the writer refuses (lone surrogates): nothing to read
        assume(False)
    check(text, folder)


# What YAML and PyYAML agree is printable, as one pattern (slow to compile, so not used there).
DOUBTFUL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


@given(text=st.text() | st.text(st.characters(max_codepoint=0x2100)))
def test_doubtful_characters_as_one_pattern_finds_them(text: str) -> None:
    assert audit_lines._doubtful(text) == (DOUBTFUL.search(text) is not None)


def test_the_layout_and_the_examples_take_the_line_reader(folder: Path) -> None:
    assert check(LAYOUT, folder)
    assert check(LAYOUT.replace("\n", "\r\n"), folder)
    assert check("---\n" + LAYOUT, folder)
    loaded = rubric.load(str(folder / "mini.yaml"))
    assert check(audit_writer.render_audit(loaded, Audit("mini.yaml", period="2026-Q3")), folder)
    examples = Path(__file__).resolve().parents[1] / "examples"
    for path in [*examples.glob("*.yaml"), *examples.glob("units-*/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        # Evidence (format 2, in acme-2026-Q3) is read too; importance would be declined.
        later = "\nimportance:" in text
        assert (audit_lines.read(text, str(path)) is None) is later, path
        assert audit_lines.read(text, str(path)) == fast(text, str(path)), path
        assert later or audit_lines.read(text, str(path)) == full(text, str(path)), path


@pytest.mark.parametrize(
    "text",
    [
        LAYOUT.replace("  greet: 4", "  greet:\n    score: 4"),  # valid, left to the composer
        LAYOUT.replace("  greet: 4", "    greet: 4"),
        LAYOUT.replace("organization: Acme Support", "organization: Acme\n  Support"),
        LAYOUT.replace("organization: Acme Support", "organization: Acme: Support"),
        LAYOUT.replace("  greet: 4", "  greet: &a 4\n  hello: *a"),
        LAYOUT.replace("  greet: 4", "  greet: !!int 4"),
        LAYOUT.replace("  greet: 4", '  "greet": 4'),
        LAYOUT.replace("  greet: 4", "  greet: 4\n  greet: 3"),
        LAYOUT.replace("  greet: 4", "\tgreet: 4"),
        LAYOUT.replace("unit: ", "unit:\t"),
        LAYOUT + "---\n",
        "---\n---\n" + LAYOUT,
        LAYOUT.replace("organization:", "organisation:"),
        LAYOUT.replace("note: checked on site", "note: 'it''s checked'"),
        LAYOUT.replace("note: checked on site", 'note: "checked\\ton site"'),
    ],
)
def test_other_layouts_are_declined(folder: Path, text: str) -> None:
    assert not check(text, folder)
