"""What svccheck writes, it reads back: every value accepted at a prompt or as a template option.

The interactive session runs as the CLI runs it (``interview.prepare``, then answers saved through
``saving.AuditFile``), with a script typing the lines; the file on disk is then loaded like any
audit and must hold exactly what was typed (as the prompt reads it: without surrounding spaces).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.cli.interactive import interview, saving
from svccheck.cli.interactive import setup as audit_setup
from svccheck.core.errors import SvccheckError
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from tests.conftest import MINI_RUBRIC, app

# A line as a prompt can receive it: anything but a line break ends a line, including controls,
# NUL, NEL, U+2028, bidirectional overrides, emoji and date-, number- or boolean-like text.
typed = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\n"), max_size=30)
tricky = st.sampled_from(
    ["yes", "no", "010", "3.0", "2026-01-01", "~", "null", "n/a", "- x", "# not a comment",
     "a: b", "{x}", "[1]", "'q'", '"q"', "x\x85y", "x\u2028y", "\x00", "\x1b[2J", "é\u200b",
     " lead", "trail ", "Why?", "50%", "&anchor", "*alias", "!tag", "@at", "`tick`", "|", ">"]
)  # fmt: skip
text_value = typed | tricky
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    # Each example works in its own folder inside the fixture's.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A fresh folder with mini.yaml, as the working directory (hypothesis reuses fixtures, so
    each example makes its own inside it)."""
    with tempfile.TemporaryDirectory() as name:
        path = Path(name)
        (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
        previous = Path.cwd()
        os.chdir(path)
        try:
            yield path
        finally:
            os.chdir(previous)


def run_session(lines: list[str], path: str, reference: str = "mini.yaml") -> None:
    """A whole interactive audit of mini.yaml, typed from ``lines``, saved to ``path``."""
    pending = list(lines)

    def ask(prompt: str) -> str:
        if not pending:
            raise EOFError
        return pending.pop(0)

    setup = audit_setup.Setup(rubric=reference, output=path)
    session = audit_setup.prepare(setup, ask=ask, show=lambda item: None)
    stored = saving.AuditFile.opened(session.path, session.rubric, session.audit, None)
    interview.interview(
        session.rubric, session.audit, ask=ask, show=lambda item: None, save=stored.save
    )


def typed_back(value: str) -> str | None:
    """What the prompt makes of a typed line: stripped, and nothing when empty."""
    return value.strip() or None


def noted(value: str) -> str | None:
    """What the note prompt makes of a typed line (before any ` || `): ``-`` clears the note."""
    return None if value.strip() == "-" else typed_back(value)


@SETTINGS
@given(
    organization=text_value,
    unit=text_value,
    assessor=text_value,
    note=text_value,
    reason=text_value,
)
def test_a_typed_session_reads_back_exactly(
    folder: Path, organization: str, unit: str, assessor: str, note: str, reason: str
) -> None:
    with tempfile.TemporaryDirectory(dir=folder) as where:
        path = str(Path(where) / "audit.yaml")
        rubric_files._cache.clear()
        lines = [organization, unit, "2026-Q3", assessor, "4", note, "n", reason, "2", ""]
        run_session(lines, path)
        loaded = audit_files.load_audit(path).audit
    header = (loaded.organization, loaded.unit, loaded.assessor, loaded.period)
    assert header == (typed_back(organization), typed_back(unit), typed_back(assessor), "2026-Q3")
    answers = {a.item_id: (a.score, a.note, a.evidence) for a in loaded.answers}
    # At the note prompt, ` || ` starts evidence (see evidence_input).
    note_typed, note_evidence = evidence_input.split(note.strip())
    reason_typed, reason_evidence = evidence_input.split(reason.strip())
    assert answers == {
        "greet": (4, noted(note_typed), note_evidence),
        "resolve": ("n/a", noted(reason_typed), reason_evidence),
        "billing": (2, None, None),
    }


@SETTINGS
@given(organization=text_value, period=st.sampled_from(["2026-Q1", "2026-12", "2026-02-28"]))
def test_template_options_read_back_exactly(folder: Path, organization: str, period: str) -> None:
    with tempfile.TemporaryDirectory(dir=folder) as where:
        path = str(Path(where) / "t.yaml")
        arguments = ["template", "mini.yaml", "-o", path, "--period", period]
        result = CliRunner().invoke(app, [*arguments, "--organization", organization])
        assert result.exit_code == 0, result.stderr
        loaded = audit_files.load_audit(path).audit
    assert (loaded.organization or "", loaded.period) == (organization, period)


@pytest.mark.parametrize("field", ["organization", "note"], ids=["header-value", "note"])
def test_text_no_file_can_hold_is_refused_and_nothing_written(folder: Path, field: str) -> None:
    """A lone surrogate (a byte that was not UTF-8) cannot be written, so it is refused."""
    bad = "Acme \udcff"
    lines = [bad if field == "organization" else "Acme", "", "2026-Q3", "", "4"]
    lines += [bad if field == "note" else ""]
    with pytest.raises(SvccheckError, match=r"\\udcff|\\xff"):
        run_session(lines, "audit.yaml")
    if field == "note":  # the score before it was saved; the note was not
        assert audit_files.load_audit("audit.yaml").audit.answer_map()["greet"].note is None
    else:
        assert not Path("audit.yaml").exists()


EVIDENCE_RUBRIC = MINI_RUBRIC.replace("id: mini\n", "svccheck: 2\nid: mini\nevidence_from: 4\n")
# Evidence as typed: any text, dates and months at the end, separators, blanks, and "-".
evidence_text = (
    typed
    | tricky
    | st.sampled_from(
        ["", "-", "||", "a || b", " || x", "minutes 2026-03", "x 2026-02-28", "2026-03"]
    )
    | st.builds(lambda t, d: f"{t} {d}", typed, st.sampled_from(["2026-03", "2025-12-31"]))
)


@SETTINGS
@given(note=text_value, asked=evidence_text, inline=evidence_text)
def test_typed_evidence_reads_back_exactly(
    folder: Path, note: str, asked: str, inline: str
) -> None:
    """Evidence typed at its prompt (after a note) and after ` || ` on the answer line is saved
    in the file and reads back as the prompts read it; Enter records it as missing. (A date
    that is none is asked again: tests/test_interview.py.)"""
    for typed_text in (note, asked, inline):
        try:
            evidence_input.entries(typed_text)
        except evidence_input.NotADate:
            assume(False)
    (folder / "evidence.yaml").write_text(EVIDENCE_RUBRIC, encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=folder) as where:
        path = str(Path(where) / "audit.yaml")
        rubric_files._cache.clear()
        note_typed, from_note = evidence_input.split(note.strip())
        prompted = [asked] if from_note is None else []  # ` || ` in the note gave the evidence
        lines = ["", "", "2026-Q3", "", "4", note, *prompted, f"5 x || {inline}", "2", ""]
        run_session(lines, path, reference="evidence.yaml")
        loaded = audit_files.load_audit(path).audit
    answers = {a.item_id: (a.score, a.note, a.evidence) for a in loaded.answers}
    expected_asked = (
        from_note
        if from_note is not None
        else ()
        if asked.strip() in ("", "-")
        else evidence_input.entries(asked.strip())
    )
    assert answers == {
        "greet": (4, noted(note_typed), expected_asked),
        "resolve": (5, "x", evidence_input.entries(inline.strip())),
        "billing": (2, None, None),
    }
