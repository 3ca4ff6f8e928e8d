"""The interview flow, scripted through its ``ask``/``show``/``save`` parameters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import RenderableType

from svccheck.cli.interactive import interview
from svccheck.cli.interactive import setup as audit_setup
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Evidence
from svccheck.model.rubric import Rubric


class Script:
    """Answers prompts from a list of lines and records what was shown and saved."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.shown: list[RenderableType | str] = []
        self.saved: list[Audit] = []
        self.audit = Audit(rubric="")

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)

    def show(self, item: RenderableType | str) -> None:
        self.shown.append(item)

    def save(self, answer: Answer) -> Audit:
        self.audit = self.audit.with_answer(answer)
        self.saved.append(self.audit)
        return self.audit

    def messages(self) -> list[str]:
        return [item for item in self.shown if isinstance(item, str)]

    def run(self, rubric: Rubric, audit: Audit, review: bool = False) -> interview.Outcome:
        self.audit = audit
        return interview.interview(
            rubric, audit, ask=self.ask, show=self.show, save=self.save, review=review
        )


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    return rubric_files.load_rubric_file(str(mini_rubric))


def answers(audit: Audit) -> dict[str, tuple[object, str | None]]:
    return {a.item_id: (a.score, a.note) for a in audit.answers if a.score is not None}


def test_every_key(mini: Rubric) -> None:
    script = Script(["?", "x", "9", "", "4", "Grüße 👋", "b", "", "n", "nobody bills", "q"])
    outcome = script.run(mini, Audit(rubric="mini"))
    assert not outcome.finished
    assert answers(outcome.audit) == {"greet": (4, "Grüße 👋"), "resolve": ("n/a", "nobody bills")}
    messages = script.messages()
    expected = "a score from 1 to 5 (a note may follow), or n, s, b, j, g, ? or q."
    assert messages == [
        f"Not understood: 'x'. Type {expected}",
        f"Not understood: '9'. Type {expected}",
        f"Type {expected}",
    ]
    # "b" went back from resolve to greet, whose answer was offered and kept with Enter.
    assert "[4, note: Grüße 👋]" in script.prompts[7]
    assert script.prompts[9].startswith("Why does it not apply?")


def test_jump_by_number_or_the_start_of_an_id(mini: Rubric) -> None:
    done = Audit(
        rubric="mini", answers=(Answer("greet", 4), Answer("resolve", 2), Answer("billing", 3))
    )
    script = Script(["j re", "5 fixed", "j 9", "j zz", "j", "1", "q"])
    outcome = script.run(mini, done, review=True)
    assert not outcome.finished
    assert answers(outcome.audit) == {
        "greet": (4, None),
        "resolve": (5, "fixed"),
        "billing": (3, None),
    }
    # greet, then resolve by the start of its id, on to billing, where 9 and zz name no item,
    # then j alone asks, and 1 goes back to greet.
    shown_answers = [prompt.rsplit("[", 1)[-1] for prompt in script.prompts]
    assert shown_answers == [
        "4]: ",
        "2]: ",
        "3]: ",
        "3]: ",
        "3]: ",
        "Go to item (1-3 or the start of its id): ",
        "4]: ",
    ]
    assert script.messages() == [
        "There is no item 9: the items are numbered 1 to 3.",
        "No item id starts with 'zz'; j and a number (1-3) works too.",
    ]


def test_back_at_first_item_says_so(mini: Rubric) -> None:
    script = Script(["b", "q"])
    script.run(mini, Audit(rubric="mini"))
    assert script.messages() == ["This is the first item; there is nothing before it."]


def test_saved_after_score_and_again_after_note(mini: Rubric) -> None:
    script = Script(["3", "a note"])
    with pytest.raises(EOFError):
        script.run(mini, Audit(rubric="mini"))
    assert [answers(a) for a in script.saved] == [
        {"greet": (3, None)},
        {"greet": (3, "a note")},
    ]


def test_skip_leaves_unanswered_and_finishes(mini: Rubric) -> None:
    script = Script(["s", "2", "", "5", ""])
    outcome = script.run(mini, Audit(rubric="mini"))
    assert outcome.finished
    assert answers(outcome.audit) == {"resolve": (2, None), "billing": (5, None)}


def test_resume_starts_at_first_unanswered(mini: Rubric) -> None:
    started = Audit(rubric="mini", answers=(Answer("greet", 4), Answer("billing", 2)))
    script = Script(["1", ""])
    outcome = script.run(mini, started)
    assert outcome.finished
    assert answers(outcome.audit) == {
        "greet": (4, None),
        "resolve": (1, None),
        "billing": (2, None),
    }
    assert len(script.prompts) == 2  # only resolve was asked


def test_all_answered_says_so_without_asking(mini: Rubric) -> None:
    done = Audit(rubric="mini", answers=tuple(Answer(i, 3) for i in mini.item_ids()))
    script = Script([])
    assert script.run(mini, done).finished
    assert script.prompts == []
    assert "Every item is answered already" in script.messages()[0]


def test_review_walks_every_item_and_keeps_notes(mini: Rubric) -> None:
    done = Audit(
        rubric="mini",
        answers=(Answer("greet", 4, "kept"), Answer("resolve", 2), Answer("billing", 3)),
    )
    script = Script(["5", "", "", "s"])
    outcome = script.run(mini, done, review=True)
    assert outcome.finished
    assert answers(outcome.audit) == {
        "greet": (5, "kept"),
        "resolve": (2, None),
        "billing": (3, None),
    }


@pytest.mark.parametrize(
    ("organization", "period", "expected"),
    [
        pytest.param("Acme Support", "2026-Q3", "acme-support-2026-Q3.yaml", id="plain"),
        pytest.param("Ünïcorn & Co.", "2026-09", "ünïcorn-co-2026-09.yaml", id="unicode"),
        pytest.param("../../etc", None, "etc.yaml", id="no-path-escape"),
        pytest.param(None, "2026-Q1", "audit-2026-Q1.yaml", id="no-name"),
    ],
)
def test_proposed_file_name(organization: str | None, period: str | None, expected: str) -> None:
    assert audit_setup.proposed_file_name(organization, period) == expected


def test_card_shows_file_text_literally(mini_rubric: Path) -> None:
    import io

    from rich.console import Console

    from svccheck.render import card

    evil = mini_rubric.read_text().replace("Greeting", '"[red]Greet[/] \\e[2J"')
    mini_rubric.write_text(evil)
    loaded = rubric_files.load_rubric_file(str(mini_rubric))
    section, item = next(loaded.items())
    console = Console(file=io.StringIO(), width=80, color_system=None)
    console.print(card.item_card(loaded, 0, section, item))
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[red]Greet[/] \\x1b[2J" in shown
    assert "\x1b" not in shown
    assert "Item 1 of 3 · section 1 of 2" in shown
    assert "1 Not in place: never" in shown


# Evidence: asked after the note for a score that needs it, or typed after ` || `.

E = Evidence


@pytest.fixture
def asking(mini: Rubric) -> Rubric:
    """The mini rubric, asking for evidence from a score of 4."""
    return replace(mini, evidence_from=4)


def evidence_of(audit: Audit) -> dict[str, tuple[Evidence, ...] | None]:
    return {a.item_id: a.evidence for a in audit.answers if a.score is not None}


@pytest.mark.parametrize(
    ("lines", "expected", "asked"),
    [
        pytest.param(
            ["4", "", "minutes 2026-03 || KPI sheet"],
            (E("minutes", "2026-03"), E("KPI sheet")), True, id="asked",
        ),
        pytest.param(["4", "", ""], (), True, id="enter-records-missing"),
        pytest.param(["4", "", "-"], (), True, id="dash-records-missing"),
        pytest.param(["4 fine", "log"], (E("log"),), True, id="asked-after-inline-note"),
        pytest.param(["4 fine || log || 2026-03"], (E("log"), E("2026-03")), False, id="inline"),
        pytest.param(["4 ||"], (), False, id="inline-missing"),
        pytest.param(["4", "fine || log"], (E("log"),), False, id="at-the-note-prompt"),
        pytest.param(["3", ""], None, False, id="below-evidence-from"),
        pytest.param(["3 || log"], (E("log"),), False, id="given-below-evidence-from"),
        pytest.param(["n", "why"], None, False, id="not-applicable"),
    ],
)  # fmt: skip
def test_evidence_at_a_terminal(
    asking: Rubric, lines: list[str], expected: tuple[Evidence, ...] | None, asked: bool
) -> None:
    script = Script([*lines, "q"])
    outcome = script.run(asking, Audit(rubric="mini"))
    assert evidence_of(outcome.audit).get("greet") == expected
    assert any(p.startswith("Evidence for a 4+ (") for p in script.prompts) == asked


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("4", None, id="none-recorded"),
        pytest.param("4 note || log", (E("log"),), id="inline"),
        pytest.param("4 ||", (), id="missing"),
        pytest.param("4 a||b", None, id="bars-without-spaces-are-note-text"),
    ],
)
def test_evidence_from_a_pipe_is_never_asked(
    asking: Rubric, line: str, expected: tuple[Evidence, ...] | None
) -> None:
    script = Script([line, "q"])
    outcome = interview.interview(
        asking, Audit(rubric="mini"), ask=script.ask, show=script.show, save=script.save,
        scripted=True,
    )  # fmt: skip
    assert evidence_of(outcome.audit)["greet"] == expected
    assert len(script.prompts) == 2  # the answer line and the next item's


def test_a_new_score_keeps_the_evidence_and_the_prompt_offers_it(asking: Rubric) -> None:
    given = (E("minutes", "2026-03"), E("log"))
    audit = Audit(rubric="mini", answers=(Answer("greet", 4, None, given),))
    script = Script(["5", "", "", "q"])  # new score, keep the note, keep the evidence
    outcome = script.run(asking, audit, review=True)
    assert "[4, evidence: minutes 2026-03 || log]" in script.prompts[0]
    assert script.prompts[2] == "Evidence (Enter: keep, - clears) [minutes 2026-03 || log]: "
    assert outcome.audit.answer_map()["greet"] == Answer("greet", 5, None, given)


def test_recorded_missing_is_shown_as_none_and_asked_again_on_a_new_score(asking: Rubric) -> None:
    audit = Audit(rubric="mini", answers=(Answer("greet", 4, None, ()),))
    script = Script(["5", "", "survey 2026-02-28", "q"])
    outcome = script.run(asking, audit, review=True)
    assert "[4, evidence: none]" in script.prompts[0]
    assert outcome.audit.answer_map()["greet"].evidence == (E("survey", "2026-02-28"),)


@pytest.mark.parametrize("typed", ["survey 2026-02-30", "survey 0000-01"])
def test_a_date_that_is_none_is_asked_again(asking: Rubric, typed: str) -> None:
    script = Script(["5", "", typed, "survey 2026-02", "q"])
    outcome = script.run(asking, Audit(rubric="mini"))
    word = typed.split()[-1]
    assert script.messages() == [
        f"Not understood: {word} is not a date (a day or month of the years 0001 to 9999, on "
        "the calendar). Type it again."
    ]
    assert outcome.audit.answer_map()["greet"].evidence == (E("survey", "2026-02"),)


def test_an_answer_line_with_a_date_that_is_none_is_typed_again(asking: Rubric) -> None:
    script = Script(["4 || survey 0000-12", "4 || survey 0001-12", "q"])
    outcome = script.run(asking, Audit(rubric="mini"))
    assert script.messages()[0].startswith("Not understood: 0000-12 is not a date")
    assert outcome.audit.answer_map()["greet"].evidence == (E("survey", "0001-12"),)


def test_stale_evidence_is_pointed_out_when_given(asking: Rubric) -> None:
    aging = replace(asking, evidence_max_age=12)
    script = Script(["4 || survey 2025-01 || log || plan 2026-02", "3", "", "q"])
    script.run(aging, Audit(rubric="mini", date="2026-09-30"))
    assert script.messages() == [
        "Stale (over 12 months before the audit, 2026-09-30): survey 2025-01"
    ]
