"""The key ``c`` of ``svccheck audit``: criteria marked, the level proposed by the rubric's rule,
and the score settled saved with the marks; piped (CliRunner) and as at a terminal (the interview
with a person's answers, saved through the real file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.interactive import interview, saving
from svccheck.cli.interactive import setup as audit_setup
from svccheck.core.vocabulary import CriterionStatus
from svccheck.formats.audit import loading as audit_files
from svccheck.model.audit import Answer
from tests.conftest import CRITERIA_RUBRIC, MINI_RUBRIC, Writer, app

MET, PARTLY, NOT_MET = CriterionStatus.MET, CriterionStatus.PARTLY, CriterionStatus.NOT_MET
NOT_ASSESSED = CriterionStatus.NOT_ASSESSED


@pytest.fixture
def rubric(write: Writer) -> Path:
    return write("mini.yaml", CRITERIA_RUBRIC)


def piped(runner: CliRunner, rubric: Path, lines: list[str]) -> tuple[str, Answer | None]:
    """An audit of the criteria rubric with ``lines`` piped in: what it said, greet's answer."""
    target = rubric.parent / "a.yaml"
    typed = "\n".join([*lines, "q"]) + "\n"
    result = runner.invoke(app, ["audit", "-r", str(rubric), "-o", str(target)], input=typed)
    assert result.exit_code == 0, result.stderr
    return result.stderr, audit_files.load_audit(str(target)).audit.answer_map().get("greet")


def test_one_line_marks_give_the_level(runner: CliRunner, rubric: Path) -> None:
    said, greet = piped(runner, rubric, ["c 2a+ 3a+ 3b~"])
    assert "The criteria give 3 Defined; not 4: 4a never shown." in said
    assert greet is not None
    assert greet.score == 3
    assert greet.criteria == (("standard", MET), ("greeted@3", MET), ("name-given", PARTLY))
    text = (rubric.parent / "a.yaml").read_text(encoding="utf-8")
    assert "  greet: {score: 3, criteria: {standard: met, greeted@3: met, name-given: partly}}" in (
        text
    )
    assert "\nsvccheck: 3\n" in text


def test_a_criterion_looked_for_and_never_shown_is_marked_with_a_question_mark(
    runner: CliRunner, rubric: Path
) -> None:
    said, greet = piped(runner, rubric, ["c 2a+ 3a+ 4a?"])
    assert "The criteria give 3 Defined; not 4: 4a never shown." in said
    assert greet is not None
    assert greet.criteria == (("standard", MET), ("greeted@3", MET), ("greeted@4", NOT_ASSESSED))
    text = (rubric.parent / "a.yaml").read_text(encoding="utf-8")
    assert "criteria: {standard: met, greeted@3: met, greeted@4: not-assessed}" in text


def test_evidence_may_follow_the_marks(runner: CliRunner, rubric: Path) -> None:
    _, greet = piped(runner, rubric, ["c 2a+ 3a+ || mystery-shop report 2026-05"])
    assert greet is not None
    assert greet.score == 3
    assert [(e.text, e.date) for e in greet.evidence or ()] == [("mystery-shop report", "2026-05")]


def test_marks_may_name_criteria_by_key(runner: CliRunner, rubric: Path) -> None:
    _, greet = piped(runner, rubric, ["c greeted@4+ 2a- "])
    assert greet is not None
    assert (greet.score, greet.criteria) == (1, (("standard", NOT_MET), ("greeted@4", MET)))


def test_another_score_on_the_line_needs_its_reason(runner: CliRunner, rubric: Path) -> None:
    said, greet = piped(runner, rubric, ["c 2a+ 3a+ 4", "c 2a+ 3a+ 4 name tags on every desk"])
    assert (
        "4 is not the level the criteria give (3): say why on the line, as in c 2a+ 3a+ 4 WHY. "
        "Not saved." in said
    )
    assert greet is not None
    assert (greet.score, greet.note) == (4, "name tags on every desk")
    assert greet.criteria == (("standard", MET), ("greeted@3", MET))  # kept beside the score


def test_c_alone_lists_the_criteria_by_number(runner: CliRunner, rubric: Path) -> None:
    said, greet = piped(runner, rubric, ["c", "2a+ 3a~ 4a+"])
    assert "Criteria of Greeting (greet):" in said
    for line in (
        "2a  A written greeting standard.",
        "3a  At least 3 in 5 sampled contacts greeted.",
        "3b  At least 3 in 5 sampled contacts hear the agent's name.",
        "4a  At least 4 in 5 sampled contacts greeted.",
        "5b  Greetings reviewed in 10 of the last 12 months.",
        "+ met · ~ partly met · - not met · ? looked for, never shown",
    ):
        assert line in said
    assert greet is not None
    assert greet.score == 4  # 3a partly met is tolerated; 4a met shows level 4


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "c 6a+",
            "Not understood: '6a+' is no mark: a criterion's number (2a, 3a, 3b, 4a, 5a, 5b)",
        ),
        ("c 2a", "Not understood: '2a' is no mark"),
        ("c 4 why", "No criterion marked. Type c and marks, as in c 2a+ 3a~ 3b-."),
    ],
)
def test_what_is_no_mark_is_said_and_nothing_saved(
    runner: CliRunner, rubric: Path, line: str, message: str
) -> None:
    said, greet = piped(runner, rubric, [line, ""])
    assert message in said
    assert greet is not None
    assert (greet.score, greet.criteria) == (None, None)


def test_a_score_typed_later_leaves_the_marks_out(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    write(
        "a.yaml", "svccheck: 3\nrubric: mini.yaml\nanswers:\n  greet: {criteria: {standard: met}}\n"
    )
    target = rubric.parent / "a.yaml"
    result = runner.invoke(app, ["audit", "-o", str(target), "--review"], input="4\nq\n")
    assert result.exit_code == 0, result.stderr
    assert "The criteria marked for greet are left out with this score (c marks)." in result.stderr
    greet = audit_files.load_audit(str(target)).audit.answer_map()["greet"]
    assert (greet.score, greet.criteria) == (4, None)


def test_the_help_and_the_keys_name_c_only_where_there_are_criteria(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    said, _ = piped(runner, rubric, ["?", "x"])
    assert "c criteria (c 2a+ 3b~)" in said
    assert "or n, s, b, j, c, g, ? or q." in said
    plain = write("plain.yaml", MINI_RUBRIC)
    result = runner.invoke(
        app, ["audit", "-r", str(plain), "-o", str(plain.parent / "p.yaml")], input="?\nc\nq\n"
    )
    assert "c criteria" not in result.stderr
    assert (
        "Not understood: 'c'. Type a score from 1 to 5 (a note may follow), or n, s, b, j, g"
        in (result.stderr)
    )


def at_terminal(
    rubric: Path, lines: list[str], *, review: bool = False
) -> tuple[list[str], Answer]:
    """The interview as a person at a terminal meets it (asked for what a line leaves out),
    saved through the real file: the prompts, and greet's answer as read back."""
    pending, prompts = list(lines), []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        if not pending:
            raise EOFError
        return pending.pop(0)

    setup = audit_setup.Setup(
        rubric=str(rubric),
        output=str(rubric.parent / "t.yaml"),
        organization="Acme",
        unit="EMEA",
        period="2026-Q3",
        assessor="Dana",
    )
    session = audit_setup.prepare(setup, ask=ask, show=lambda item: None)
    stored = saving.AuditFile.opened(session.path, session.rubric, session.audit, None)
    with pytest.raises(EOFError):
        interview.interview(
            session.rubric,
            session.audit,
            ask=ask,
            show=lambda item: None,
            save=stored.save,
            review=review,
        )
    return prompts, audit_files.load_audit(session.path).audit.answer_map()["greet"]


def test_enter_accepts_the_proposal(rubric: Path) -> None:
    prompts, greet = at_terminal(rubric, ["c 2a+ 3a+", "", "seen on the floor"])
    assert "Enter accepts 3, or type another score and why: " in prompts
    assert (greet.score, greet.note) == (3, "seen on the floor")  # the note asked as for a score
    assert greet.criteria == (("standard", MET), ("greeted@3", MET))


def test_another_score_asks_why_and_enter_takes_the_level(rubric: Path) -> None:
    prompts, greet = at_terminal(rubric, ["c 2a+ 3a+", "5", "", ""])
    assert "Why 5 and not 3? (a note; Enter takes 3): " in prompts
    assert greet.score == 3
    prompts, greet = at_terminal(rubric, ["c", "", "5", "regional award"], review=True)
    assert prompts[1] == "Marks [2a+ 3a+] (Enter keeps them): "  # the marks recorded
    assert (greet.score, greet.note) == (5, "regional award")
    assert greet.criteria == (("standard", MET), ("greeted@3", MET))
