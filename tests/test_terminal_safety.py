"""Terminal safety: text from files and file names reaches the terminal as text, in every view.

A hostile rubric and hostile audits put Rich markup, escape sequences (CSI, OSC 52 which writes
to the clipboard, OSC 8 hyperlinks), a C1 control, a bidirectional override and a zero-width
space into every field that can hold text. Every command and format must run, show the markup
literally, show the controls as visible escapes, and let nothing raw reach stdout or stderr.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import sanitize
from tests.conftest import Writer

# As written inside double quotes in YAML: reading the file turns the escapes into ESC, BEL, CSI,
# U+202E (right-to-left override), U+202C and U+200B (zero-width space).
HOSTILE = (
    r"[/] [bold red]x[/] \e[2J \e]52;c;SGk=\a \e]8;;http://x\e\\link\e]8;;\e\\ "
    r"\x9b31m \u202eevil\u202c zw\u200bsp"
)
# Must never reach a terminal raw, from any field.
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c")
# How the hostile text must look in the table views (markup literal, controls escaped).
SHOWN = ("[bold red]x[/]", "\\x1b]52;c;SGk=\\x07", "\\u202eevil\\u202c")

HOSTILE_RUBRIC = f"""\
svccheck: 2
id: hostile
title: "T {HOSTILE}"
version: 1
evidence_from: 3
evidence_max_age: 12
description: "D {HOSTILE}"
sources: ["S {HOSTILE}"]
scale:
  min: 1
  max: 3
  labels: {{1: "L {HOSTILE}", 2: "two", 3: "three"}}
levels:
  - {{name: "V {HOSTILE}", min: 0}}
  - {{name: "[/]", min: 90}}
sections:
  - id: front
    title: "F {HOSTILE}"
    items:
      - id: greet
        title: "I {HOSTILE}"
        question: "Q {HOSTILE}"
        guidance: {{low: "G {HOSTILE}", mid: m, high: h}}
        source: "R {HOSTILE}"
        actions: ["A {HOSTILE}", "second"]
      - id: resolve
        title: Resolve
        question: Resolved?
        guidance: {{low: l, mid: m, high: h}}
        source: s
        actions: [one, two]
  - id: back
    title: "[/]"
    items:
      - id: billing
        title: "[/]"
        question: Bills right?
        guidance: {{low: l, mid: m, high: h}}
        source: s
        actions: [one, two]
"""


def hostile_audit(write: Writer, name: str, period: str | None, unit: str, score: int) -> Path:
    """A hostile audit; a top score is a claim recorded without evidence, a lower one has
    hostile evidence from 2020 (stale against a period)."""
    header = f"period: {period}\n" if period else ""
    found = "[]" if score == 3 else f'[{{text: "E {HOSTILE}", date: 2020-01}}, "H {HOSTILE}"]'
    return write(
        name,
        f'svccheck: 2\nrubric: hostile.yaml\norganization: "O {HOSTILE}"\nunit: "{unit}"\n'
        f'assessor: "P {HOSTILE}"\n{header}answers:\n'
        f'  greet: {{score: {score}, note: "N {HOSTILE}", evidence: {found}}}\n'
        "  resolve: n/a\n  billing: 1\n",
    )


@pytest.fixture
def hostile(write: Writer, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two hostile audits of a hostile rubric; a wide terminal so that nothing is wrapped."""
    monkeypatch.setenv("COLUMNS", "1000")
    write("hostile.yaml", HOSTILE_RUBRIC)
    old = hostile_audit(write, "old.yaml", "2026-Q1", f"U {HOSTILE}", 1)
    new = hostile_audit(write, "new.yaml", "2026-Q2", f"U {HOSTILE}", 3)
    return old, new


def assert_nothing_raw(*texts: str) -> None:
    for text in texts:
        for character in RAW:
            assert character not in text, f"raw {character!r} reached the terminal"


COMMANDS = [
    pytest.param(["score", "{old}"], id="score"),
    pytest.param(["diff", "{old}", "{new}", "--all"], id="diff"),
    pytest.param(["trend", "{old}", "{new}"], id="trend"),
    pytest.param(
        ["combine", "{old}", "{new}", "--by", "assessor", "--mixed-periods"], id="combine"
    ),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_reports_show_hostile_text_literally(
    runner: CliRunner, hostile: tuple[Path, Path], command: list[str], fmt: str
) -> None:
    old, new = hostile
    arguments = [part.format(old=old, new=new) for part in command]
    result = runner.invoke(app, [*arguments, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    if fmt == "table":
        for shown in SHOWN:
            assert shown in result.stdout


@pytest.mark.parametrize(
    ("fmt", "marks"),
    [
        pytest.param("table", "EH", id="table"),
        pytest.param("markdown", "EH", id="markdown"),
        pytest.param("csv", "EH", id="csv"),
        pytest.param("html", "E", id="html-lists-the-stale-piece"),
    ],
)
def test_evidence_is_shown_literally(
    runner: CliRunner, hostile: tuple[Path, Path], fmt: str, marks: str
) -> None:
    old, _ = hostile
    result = runner.invoke(app, ["score", str(old), "--all", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    markup = "[/] [bold red]x[/]"
    if fmt == "markdown":  # Markdown escapes its own brackets
        markup = markup.replace("[", "\\[").replace("]", "\\]")
    for mark in marks:
        assert f"{mark} {markup}" in result.stdout
    assert "u202eevil" in result.stdout  # an escape, never the override itself (checked above)


def test_rubrics_show_titles_and_headers_are_literal(
    runner: CliRunner, hostile: tuple[Path, Path]
) -> None:
    path = hostile[0].parent / "hostile.yaml"
    result = runner.invoke(app, ["rubrics", "show", str(path)])
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    assert f"F [/] {SHOWN[0]}" in result.stdout  # the section title of a table, once a MarkupError
    assert "[/] (back)" in result.stdout
    for shown in SHOWN:
        assert shown in result.stdout


def test_rubrics_list_is_literal(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    monkeypatch.setenv(
        "SVCCHECK_RUBRICS_PATH", str(write("own/hostile.yaml", HOSTILE_RUBRIC).parent)
    )
    result = runner.invoke(app, ["rubrics"])
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    assert f"T [/] {SHOWN[0]}" in result.stdout


def test_validate_errors_are_escaped(runner: CliRunner, write: Writer) -> None:
    path = write("bad\u202egpj.yaml", f'rubric: hostile.yaml\n"k {HOSTILE}": 1\n')
    write("hostile.yaml", HOSTILE_RUBRIC)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert_nothing_raw(result.stdout, result.stderr)
    assert "bad\\u202egpj.yaml" in result.stderr


def test_trend_column_headers_from_file_names(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without periods, trend labels columns with file names: `[/]` there crashed Rich."""
    monkeypatch.setenv("COLUMNS", "1000")
    write("hostile.yaml", HOSTILE_RUBRIC)
    first = hostile_audit(write, "[red]a\x1b[2J.yaml", None, "u", 1)
    second = hostile_audit(write, "b\u200b.yaml", None, "u", 2)
    result = runner.invoke(app, ["trend", str(first), str(second), "--keep-order"])
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    assert "[red]a\\x1b[2J.yaml" in result.stdout
    assert "b\\u200b.yaml" in result.stdout


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_group_keys_differing_by_invisible_characters_look_different(
    runner: CliRunner, hostile: tuple[Path, Path], write: Writer, fmt: str
) -> None:
    plain = hostile_audit(write, "plain.yaml", "2026-Q1", "EMEA", 1)
    hidden = hostile_audit(write, "hidden.yaml", "2026-Q1", "EMEA\\u200b", 3)
    result = runner.invoke(app, ["combine", str(plain), str(hidden), "--by", "unit", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "EMEA\u200b" not in result.stdout  # never the invisible character itself
    assert "EMEA\\u200b" in result.stdout or "EMEA\\\\u200b" in result.stdout


def test_interactive_card_and_prompts_are_literal(
    runner: CliRunner, hostile: tuple[Path, Path]
) -> None:
    """A saved note with OSC 52 reached the terminal raw inside the [current answer] prompt."""
    old, _ = hostile
    result = runner.invoke(app, ["audit", "-o", str(old), "--review"], input="\n\n?\nq\n")
    assert result.exit_code == 0, result.stderr
    assert_nothing_raw(result.stdout, result.stderr)
    assert "note: N [/] [bold red]x[/] \\x1b[2J \\x1b]52;c;SGk=\\x07" in result.stderr
    assert f"Q [/] {SHOWN[0]}" in result.stderr  # the card's question


@pytest.mark.parametrize(
    ("text", "prose", "identifier"),
    [
        pytest.param("a\x1b[2Jb", "a\\x1b[2Jb", "a\\x1b[2Jb", id="csi"),
        pytest.param("\x9b", "\\x9b", "\\x9b", id="c1"),
        pytest.param("a\u202eb\u2066c\u200fd\u061c", "a\\u202eb\\u2066c\\u200fd\\u061c",
                     "a\\u202eb\\u2066c\\u200fd\\u061c", id="bidi"),
        pytest.param("EMEA\u200b", "EMEA\u200b", "EMEA\\u200b", id="zero-width"),
        pytest.param("\ufeffa\u2060", "\ufeffa\u2060", "\\ufeffa\\u2060", id="bom-word-joiner"),
        pytest.param("می\u200cخواهم", "می\u200cخواهم", "می\\u200cخواهم", id="persian-zwnj"),
        pytest.param("👩\u200d💻", "👩\u200d💻", "👩\\u200d💻", id="emoji-zwj"),
        pytest.param("\udcff.yaml", "\\xff.yaml", "\\xff.yaml", id="non-utf8-byte"),
        pytest.param("\ud800", "\\ud800", "\\ud800", id="lone-surrogate"),
        pytest.param("a\tb\nc", "a\tb\nc", "a\\x09b\\x0ac", id="tab-newline"),
        pytest.param("[bold]x[/]", "[bold]x[/]", "[bold]x[/]", id="markup-is-not-ours"),
    ],
)  # fmt: skip
def test_sanitiser(text: str, prose: str, identifier: str) -> None:
    assert sanitize.prose(text) == prose
    assert sanitize.identifier(text) == identifier
    sanitize.prose(text).encode("utf-8")  # always encodable


def test_excerpt_is_short_and_escaped() -> None:
    assert sanitize.excerpt("\x1b" * 100, limit=5) == "'\\x1b\\x1b\\x1b\\x1b\\x1b…'"
    assert sanitize.excerpt("ok") == "'ok'"


def test_a_huge_value_from_a_file_is_not_echoed_whole(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    """An unknown 100 000-character answer id: the message quotes a bounded, escaped piece."""
    key = "a" * 50_000 + "\x1b]52;c;SGk=\x07" + "b" * 50_000
    path = write(
        # An explicit key (`? key`): YAML limits implicit keys to 1024 characters.
        "big.yaml",
        f'rubric: mini.yaml\nanswers:\n  ? "{key.encode("unicode_escape").decode()}"\n  : 3\n',
    )
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert_nothing_raw(result.stderr)
    assert len(result.stderr) < 5000
    assert "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…'" in result.stderr  # a bounded excerpt


def test_printable_text_needs_no_escape() -> None:
    """prose() and identifier() return printable text as it is without searching it: no
    character they escape is printable, over the whole of Unicode."""
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert sanitize._prose_pattern().search(printable) is None
    assert sanitize._identifier_pattern().search(printable) is None
