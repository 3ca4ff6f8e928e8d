"""The key ``c`` of the interactive audit: mark what the evidence showed of an item's criteria,
and svccheck proposes the level by the rubric's scoring rule.

Each criterion has a short number: its level and a letter (``3b``, the second criterion of level
3). A mark is the number (or the criterion's key, ``standards-trace@3``) and ``+`` met, ``~``
partly met or ``-`` not met; a criterion never shown is not marked. ``c 2a+ 3b~ 4a-`` marks on
one line, and a score with a note may follow to score otherwise (``c 2a+ 3b~ 4 why``); ``c``
alone shows the criteria and asks for the marks. At a terminal the proposal is then accepted with
Enter or another score typed, which needs a note; piped input takes the proposal (or the score on
the line) without asking. The marks stay in the file beside the score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from string import ascii_lowercase
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.core.vocabulary import CriterionStatus, is_na
from svccheck.engine.criteria import next_level_missing
from svccheck.formats.audit.criteria import level_of
from svccheck.formats.evidence_text import split as split_evidence
from svccheck.model.audit import Answer, Evidence, Observations
from svccheck.model.rubric import Item, Rubric
from svccheck.render.shown import shown

CRITERIA_KEY = "c"
MARKS = {
    "+": CriterionStatus.MET,
    "~": CriterionStatus.PARTLY,
    "-": CriterionStatus.NOT_MET,
    "?": CriterionStatus.NOT_ASSESSED,
}
SYMBOLS = {status: mark for mark, status in MARKS.items()}
SAID = {
    CriterionStatus.MET: "met",
    CriterionStatus.PARTLY: "partly met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.NOT_ASSESSED: "never shown",
}
HINT = "+ met · ~ partly met · - not met · ? looked for, never shown"
_SCORE = re.compile(r"[+-]?\d+")
Ask = Callable[[str], str]
Show = Callable[[RenderableType | str], None]
# SCORE [NOTE] [|| EVIDENCE] as the item prompt reads it: (score, note, evidence), or None.
ReadAnswer = Callable[[str], tuple[int | str, str | None, tuple[Evidence, ...] | None] | None]


class NotAMark(ValueError):
    """A word of the marks that names no criterion of the item, or has no ``+ ~ - ?``."""


class Marked(NamedTuple):
    """A ``c`` line as read: the marks (``None``: none typed) and what follows them."""

    observed: Observations | None
    rest: str


def numbers(item: Item) -> dict[str, str]:
    """Each criterion key by its short number (``3b``), lowest level first."""
    found: dict[str, str] = {}
    for key, criterion in item.criterion_keys.items():
        at_level = sum(1 for number in found if number.startswith(f"{criterion.level}"))
        found[f"{criterion.level}{ascii_lowercase[at_level]}"] = key
    return found


def read_marks(text: str, item: Item) -> Marked:
    """The marks at the start of ``text`` (what follows ``c``), in the item's order, and the
    rest of the line after them (a score, a note, evidence); :class:`NotAMark` for a word that
    is neither a mark nor the start of a score."""
    by_number = numbers(item)
    known = {**by_number, **{key: key for key in item.criterion_keys}}
    marks: dict[str, CriterionStatus] = {}
    words = text.split()
    for count, word in enumerate(words):
        key, status = known.get(word[:-1].lower()), MARKS.get(word[-1:])
        if key is not None and status is not None:
            marks[key] = status
            continue
        if not _starts_the_rest(word):
            raise NotAMark(
                f"{word!r} is no mark: a criterion's number ({', '.join(by_number)}) and "
                "+ met, ~ partly met, - not met or ? never shown, as in 2a+ 3b~"
            )
        return Marked(_in_order(marks, item), text.split(None, count)[count])
    return Marked(_in_order(marks, item), "")


def _starts_the_rest(word: str) -> bool:
    """Whether ``word`` starts an answer (a score, n/a) or its evidence (`` || ``)."""
    return bool(_SCORE.fullmatch(word)) or word.lower() == "n" or is_na(word) or word == "||"


def _in_order(marks: dict[str, CriterionStatus], item: Item) -> Observations | None:
    order = list(item.criterion_keys)
    return tuple(sorted(marks.items(), key=lambda pair: order.index(pair[0]))) or None


def typed(observed: Observations, item: Item) -> str:
    """The marks as they would be typed: ``2a+ 3b~``."""
    by_key = {key: number for number, key in numbers(item).items()}
    return " ".join(f"{by_key.get(key, key)}{SYMBOLS[status]}" for key, status in observed)


def panel(rubric: Rubric, item: Item, observed: Observations | None) -> RenderableType:
    """The item's criteria by level with their numbers (and marks, if any), for ``c``."""
    marks = dict(observed or ())
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for number, key in numbers(item).items():
        criterion = shown(item.criterion_keys[key])
        mark = SYMBOLS.get(marks[key], " ") if key in marks else " "
        table.add_row(Text(f"  {number}{mark}", style="bold"), Text(criterion.described))
    title = Text(f"Criteria of {shown(item).title} ({shown(item).id}):", style="bold cyan")
    return Group(Text(""), title, table, Text(HINT, style="dim"))


def proposal(rubric: Rubric, item: Item, observed: Observations) -> tuple[int, str]:
    """The level the marks reach and a line saying so, with what the next level misses."""
    level = level_of(item, observed, rubric.scale.min)
    said = f"The criteria give {level} {shown(rubric).scale.label(level)}"
    missing = next_level_missing(item, observed, level)
    if not missing:
        return level, f"{said}."
    by_key = {key: number for number, key in numbers(item).items()}
    marks = dict(observed)
    told = ", ".join(
        f"{by_key[key]} {SAID[marks.get(key, CriterionStatus.NOT_ASSESSED)]}" for key in missing
    )
    return level, f"{said}; not {level + 1}: {told}."


class Settled(NamedTuple):
    """What the assessor settled on: the score, the note typed for it (``None``: none), the
    evidence typed after `` || `` (``None``: none), and the marks recorded beside them."""

    score: int | str
    note: str | None
    evidence: tuple[Evidence, ...] | None
    observed: Observations


class Form:
    """One use of ``c`` at one item: marks read or asked for, the level proposed, the score
    settled. ``read_answer`` reads ``SCORE [NOTE] [|| EVIDENCE]`` as the item prompt does."""

    def __init__(
        self, rubric: Rubric, item: Item, ask: Ask, show: Show, read_answer: ReadAnswer
    ) -> None:
        self.rubric, self.item, self.ask, self.show = rubric, item, ask, show
        self.read_answer = read_answer

    def run(self, text: str, current: Answer | None, *, scripted: bool) -> Settled | None:
        """The answer ``c`` + ``text`` settles on, or ``None`` (cancelled, or not understood:
        said). Raises :class:`NotAMark` for a word that is no mark."""
        recorded = current.criteria if current is not None and current.criteria else None
        if not text:
            self.show(panel(self.rubric, self.item, recorded))
            asked = self._ask_marks(recorded)
            if asked is None:
                return None
            text = asked
        marked = read_marks(text, self.item)
        observed = marked.observed or recorded
        if observed is None:  # only a score, or nothing: no criterion marked
            self.show(f"No criterion marked. Type c and marks, as in c {self._example()}.")
            return None
        level, said = proposal(self.rubric, self.item, observed)
        self.show(said)
        rest = marked.rest
        while True:
            if not rest and not scripted:
                rest = self.ask(f"Enter accepts {level}, or type another score and why: ")
            settled = self._settle(level, rest.strip(), observed, scripted=scripted)
            if settled is not None or scripted:
                return settled
            rest = ""

    def _ask_marks(self, recorded: Observations | None) -> str | None:
        if recorded is None:
            line = self.ask(f"Marks, as in {self._example()} (Enter goes back): ").strip()
            return line or None
        kept = typed(recorded, self.item)
        line = self.ask(f"Marks [{kept}] (Enter keeps them): ").strip()
        return line or kept

    def _example(self) -> str:
        marks = ["+", "~", "-"]
        return " ".join(
            f"{number}{mark}" for number, mark in zip(numbers(self.item), marks, strict=False)
        )

    def _settle(
        self, level: int, rest: str, observed: Observations, *, scripted: bool
    ) -> Settled | None:
        """The proposal taken (nothing typed, or only evidence), or the score typed; a score
        other than the level needs a note, asked for at a terminal."""
        before, evidence = split_evidence(rest)
        if not before:
            return Settled(level, None, evidence, observed)
        answer = self.read_answer(rest)
        if answer is None:
            self.show(f"Not understood: {rest!r}. Press Enter for {level}, or type a score.")
            return None
        score, note, evidence = answer
        if score == level or note is not None:
            return Settled(score, note, evidence, observed)
        if scripted:
            self.show(
                f"{score} is not the level the criteria give ({level}): say why on the line, "
                f"as in c {typed(observed, self.item)} {score} WHY. Not saved."
            )
            return None
        why = self.ask(f"Why {score} and not {level}? (a note; Enter takes {level}): ").strip()
        return (
            Settled(score, why, evidence, observed)
            if why
            else Settled(level, None, evidence, observed)
        )
