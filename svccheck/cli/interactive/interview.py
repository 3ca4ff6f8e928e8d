"""The interactive audit: walk a person through every item, saving after every answer.

Input and output are parameters (``ask`` returns one line for a prompt, ``show`` displays a Rich
renderable or text, ``save`` stores one answer and returns the audit as it now is, with changes
others made to the file meanwhile), so tests can script a whole session and the CLI can plug in
the terminal. ``ask`` raises ``EOFError`` at the end of input and
``KeyboardInterrupt`` on Ctrl-C; both pass through, and since every answer is already saved the
caller only has to say where the file is (a claim interrupted before its evidence prompt was
answered is not saved, and the interview says so before passing the interruption on).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple, TypeVar

from rich.console import RenderableType

from svccheck.cli.interactive import criteria as criteria_form
from svccheck.core.record import record
from svccheck.core.vocabulary import is_na, means_missing
from svccheck.engine import evidence as evidences
from svccheck.formats import evidence_text as evidence_input
from svccheck.model.audit import NA, Answer, Audit, Evidence, Observations
from svccheck.model.rubric import Item, Rubric, Section
from svccheck.render import card

Ask = Callable[[str], str]
Show = Callable[[RenderableType | str], None]
Save = Callable[[Answer], Audit]
Claim = Callable[[str], None]
Read = TypeVar("Read")


@record
class Outcome:
    """How an interview ended: the audit as saved, and whether every item was visited."""

    audit: Audit
    finished: bool


def _first_unanswered(rubric: Rubric, audit: Audit, start: int = 0) -> int | None:
    answers = audit.answer_map()
    ids = rubric.item_ids()
    for index in range(start, len(ids)):
        answer = answers.get(ids[index])
        if answer is None or answer.score is None:
            return index
    return None


def _ask_note(
    ask: Ask, current: Answer | None, reason: bool
) -> tuple[str | None, tuple[Evidence, ...] | None]:
    """The note, and evidence when the person typed `` || `` after it."""
    kept = current.note if current is not None else None
    label = "Why does it not apply?" if reason else "Note"
    hint = f" [{kept}]" if kept else ""
    line = ask(f"{label} (Enter to {'keep' if kept else 'skip'}, - to clear){hint}: ").strip()
    line, evidence = evidence_input.split(line)
    if line == "-":  # the only way to empty a note once given
        return None, evidence
    return line or kept, evidence


def _unsaved_claim(item: Item, score: int | str, on_file: Answer | None) -> str:
    """What Ctrl-C (or the end of input) before a claim's evidence was asked leaves in the file."""
    before = card.describe_answer(on_file)
    kept = f"{item.id} keeps {before}" if before else f"{item.id} is asked again when you resume"
    return f"Not saved: {score} for {item.id}, whose evidence was not asked yet; {kept}."


NA_KEY = "n"  # one key for n/a, as s skips (svccheck.core.vocabulary has the spellings)
JUMP_KEY = "j"  # then an item's number or the start of its id: `j 12`, `j hire`


class Typed(NamedTuple):
    """An answer line as read: the score, the note on the line, and the evidence after `` || ``
    (``None`` without one: then a person at a terminal is asked for what is missing)."""

    score: int | str
    note: str | None
    evidence: tuple[Evidence, ...] | None = None


def read_answer(line: str, rubric: Rubric) -> Typed | None:
    """``SCORE [NOTE] [|| EVIDENCE]`` as typed: a whole number on the scale or ``n/a`` (``n``,
    ``N/A``, ``n.a.``), then an optional note and evidence on the same line; ``None`` if the line
    starts otherwise."""
    before, evidence = evidence_input.split(line.strip())
    first, _, rest = before.partition(" ")
    note = rest.strip() or None
    if first.lower() == NA_KEY or is_na(first):
        return Typed(NA, note, evidence)
    if re.fullmatch(r"[+-]?\d+", first):
        value = int(first)
        if rubric.scale.min <= value <= rubric.scale.max:
            return Typed(value, note, evidence)
    return None


def _misread(line: str, rubric: Rubric) -> str:
    """What to say about a line that is no answer."""
    scale = rubric.scale
    keys = "n, s, b, j, c, g, ? or q" if _has_criteria(rubric) else "n, s, b, j, g, ? or q"
    expected = f"a score from {scale.min} to {scale.max} (a note may follow), or {keys}"
    if means_missing(line.split(" ")[0]):
        return f"Not understood: {line!r}. Did you mean n/a (not applicable)? Type n or n/a."
    return f"Not understood: {line!r}. Type {expected}." if line else f"Type {expected}."


def _has_criteria(rubric: Rubric) -> bool:
    """Whether any item of ``rubric`` has criteria to mark with ``c``."""
    return any(item.criteria for _, item in rubric.items())


Fits = Callable[[RenderableType], bool]


def _always(renderable: RenderableType) -> bool:
    return True


def interview(
    rubric: Rubric,
    audit: Audit,
    *,
    ask: Ask,
    show: Show,
    save: Save,
    review: bool = False,
    scripted: bool = False,
    fits: Fits = _always,
) -> Outcome:
    """Ask every item of ``rubric`` in turn, starting at the first unanswered one.

    With ``review``, start at the first item and show every current answer. Returns when the
    last item has been passed or the person typed ``q``. ``scripted`` input gives one answer a
    line (``SCORE [NOTE]``) and is never asked for a note. ``fits`` says whether a card fits on
    the screen with its prompt; a card that does not is shown without the levels' guidance,
    which the key ``g`` shows.
    """
    walk = _Walk(rubric, audit, ask, show, save, review=review, scripted=scripted, fits=fits)
    position = 0 if review else _first_unanswered(rubric, audit)
    if position is None:
        show("Every item is answered already. Use --review to go through them again.")
        return Outcome(audit, True)
    rule = card.scoring_rule(rubric)
    if rule is not None:  # once at the start; `?` shows it again
        show(rule)
    while position < len(walk.items):
        moved = walk.visit(position)
        if moved is None:  # every answer is on disk already
            return Outcome(walk.audit, False)
        position = moved
    return Outcome(walk.audit, True)


class _Walk:
    """The state of one interview: the audit as saved so far, and how to talk to the person."""

    def __init__(
        self,
        rubric: Rubric,
        audit: Audit,
        ask: Ask,
        show: Show,
        save: Save,
        *,
        review: bool,
        scripted: bool,
        fits: Fits,
    ) -> None:
        self.rubric, self.audit, self.ask, self.show, self.save = rubric, audit, ask, show, save
        self.review, self.scripted, self.fits = review, scripted, fits
        self.items: list[tuple[Section, Item]] = list(rubric.items())
        self.criteria = _has_criteria(rubric)  # the key c marks them
        scale = rubric.scale
        # j (jump) is in the help only: with it, "[3]" after the prompt would wrap at 80 columns.
        self.prompt = (
            f"Score {scale.min}-{scale.max} [note], n=n/a, s=skip, b=back, g=guidance, ?=help, "
            "q=quit"
        )

    def visit(self, position: int) -> int | None:
        """Show one item and read keys until it is answered or left: the next position, or
        ``None`` when the person quits."""
        section, item = self.items[position]
        current = self.audit.answer_map().get(item.id)
        self._show_card(position, section, item)
        shown = card.describe_answer(current)
        while True:
            line = self.ask(f"{self.prompt}{f' [{shown}]' if shown else ''}: ").strip()
            key = line.lower()
            if key in ("q", "quit"):
                return None
            if key in ("?", "g"):  # the item's title stays in sight below what the key shows
                self.show(
                    card.help_text(self.rubric) if key == "?" else card.guidance(self.rubric, item)
                )
                self.show(card.reminder(item))
                continue
            if key == "b":
                if position > 0:
                    return position - 1
                self.show("This is the first item; there is nothing before it.")
                continue
            if key == "s" or (key == "" and shown):
                return position + 1
            if key.split(" ", 1)[0] == JUMP_KEY:
                found = self._jump(line[len(JUMP_KEY) :].strip())
                if found is not None:
                    return found
                continue
            if key.split(" ", 1)[0] == criteria_form.CRITERIA_KEY and self.criteria:
                if self._criteria(item, current, line[len(criteria_form.CRITERIA_KEY) :].strip()):
                    return self._next(position)
                continue
            try:
                answer = read_answer(line, self.rubric)
            except evidence_input.NotADate as error:
                self.show(f"Not understood: {error}. Type the line again.")
                continue
            if answer is None:
                self.show(_misread(line, self.rubric))
                continue
            self._answer(item, current, answer)
            return self._next(position)

    def _jump(self, typed: str) -> int | None:
        """The position of the item ``typed`` names (asked for when empty): its number, its id,
        or the start of one id; ``None`` (staying at the item) when it names none or several,
        which is said."""
        total = len(self.items)
        typed = typed or self.ask(f"Go to item (1-{total} or the start of its id): ").strip()
        if not typed:
            return None
        if typed.isdigit():
            if 1 <= int(typed) <= total:
                return int(typed) - 1
            self.show(f"There is no item {typed}: the items are numbered 1 to {total}.")
            return None
        ids = [item.id for _, item in self.items]
        wanted = typed.lower()
        if wanted in ids:
            return ids.index(wanted)
        found = [position for position, item_id in enumerate(ids) if item_id.startswith(wanted)]
        if len(found) == 1:
            return found[0]
        if not found:
            self.show(f"No item id starts with {typed!r}; j and a number (1-{total}) works too.")
            return None
        listed = ", ".join(f"{ids[position]} ({position + 1})" for position in found[:4])
        more = f" and {len(found) - 4} more" if len(found) > 4 else ""
        self.show(f"{len(found)} ids start with {typed!r}: {listed}{more}. Type more of one.")
        return None

    def _criteria(self, item: Item, current: Answer | None, text: str) -> bool:
        """``c``: the item's criteria marked, the level proposed by the rubric's rule, and the
        score settled saved with the marks; whether an answer was saved."""
        if not item.criteria:
            self.show(f"{item.id} has no criteria to mark; type a score.")
            return False
        form = criteria_form.Form(
            self.rubric, item, self.ask, self.show, lambda line: read_answer(line, self.rubric)
        )
        try:
            settled = form.run(text, current, scripted=self.scripted)
        except (criteria_form.NotAMark, evidence_input.NotADate) as error:
            self.show(f"Not understood: {error}. Type the line again.")
            return False
        if settled is None:
            return False
        score, note, evidence, observed = settled
        self._answer(item, current, Typed(score, note, evidence), observed)
        return True

    def _show_card(self, position: int, section: Section, item: Item) -> None:
        full = card.item_card(self.rubric, position, section, item)
        if self.fits(full):
            self.show(full)
        else:  # the title, question and prompt must stay on screen; the levels are one key away
            self.show(card.item_card(self.rubric, position, section, item, guidance=False))

    def _answer(
        self, item: Item, current: Answer | None, line: Typed, criteria: Observations | None = None
    ) -> None:
        """Save an answer; then, at a terminal, ask for the note when the line had none and for
        the evidence when the score needs some and the line had none (a line with `` || `` is
        complete). Evidence not typed stays as it was. A claim asked for its evidence is saved
        with it, after the prompts: interrupted before, it is not saved at all.

        The reason of an n/a says why the item did not apply: when the item gets a score, it is
        not carried over as the score's note unless the person says so. ``criteria`` are the
        marks of ``c``; a score typed without them leaves out those the answer had (said).
        """
        score, typed, evidence = line
        existing = current.note if current is not None else None
        if current is not None and current.score == NA and score != NA and existing:
            existing = self._former_reason(item, existing, asked=typed is None)
            current = replace(current, note=existing)
            if existing is not None and typed is None:  # kept on request: that is the note
                typed = existing
        note = typed if typed is not None else existing
        if evidence is None and current is not None:
            evidence = current.evidence
        if criteria is None and current is not None and current.criteria:
            self.show(f"The criteria marked for {item.id} are left out with this score (c marks).")
        saved = Answer(item.id, score, note, evidence, criteria)
        asking = line.evidence is None and not self.scripted
        # A score is safe on disk before its note is asked for; a claim only once its evidence
        # prompt is answered, so that Ctrl-C there leaves no claim whose evidence nobody asked.
        claim = asking and evidences.needs_evidence(self.rubric, score)
        if not claim and not self._saved(saved):
            return
        if asking:
            try:
                note, evidence = self._ask_rest(current, score, typed, note, evidence)
            except (KeyboardInterrupt, EOFError):
                if claim:  # the file holds what it held before this answer
                    self.show(_unsaved_claim(item, score, self.audit.answer_map().get(item.id)))
                raise
            changed = (note, evidence) != (saved.note, saved.evidence)
            answer = Answer(item.id, score, note, evidence, criteria)
            if (claim or changed) and not self._saved(answer):
                return
        stale = evidence_input.stale_notice(self.rubric, self.audit.header(), evidence)
        if stale is not None:
            self.show(stale)

    def _saved(self, answer: Answer) -> bool:
        """Save ``answer``; whether it stands (at a conflict the person may keep the file's)."""
        self.audit = self.save(answer)
        kept = self.audit.answer_map().get(answer.item_id)
        if kept is None or kept.score != answer.score:
            self.show(f"Kept the file's answer to {answer.item_id}.")
            return False
        return True

    def _ask_rest(
        self,
        current: Answer | None,
        score: int | str,
        typed: str | None,
        note: str | None,
        evidence: tuple[Evidence, ...] | None,
    ) -> tuple[str | None, tuple[Evidence, ...] | None]:
        """At a terminal: the note when the line had none (`` || `` there gives the evidence),
        then the evidence when the score needs some."""
        if typed is None:
            note, told = self._dated(lambda: _ask_note(self.ask, current, reason=score == NA))
            if told is not None:
                return note, told
        if evidences.needs_evidence(self.rubric, score):
            kept = evidence
            evidence = self._dated(lambda: evidence_input.ask(self.ask, self.rubric, kept))
        return note, evidence

    def _dated(self, read: Callable[[], Read]) -> Read:
        """What ``read`` asks for, asked again while its evidence has a date that is none."""
        while True:
            try:
                return read()
            except evidence_input.NotADate as error:
                self.show(f"Not understood: {error}. Type it again.")

    def _former_reason(self, item: Item, reason: str, *, asked: bool) -> str | None:
        """The n/a reason kept as the new score's note (the person said so), or ``None``."""
        if asked and not self.scripted:
            keep = self.ask(f"The n/a reason was: {reason}. Keep it as the note? [y/N]: ")
            return reason if keep.strip().lower() in ("y", "yes") else None
        self.show(f"The n/a reason of {item.id} is not kept as the note of its score.")
        return None

    def _next(self, position: int) -> int:
        if self.review:
            return position + 1
        # On to the next item still open; items answered on a way back are done.
        following = _first_unanswered(self.rubric, self.audit, position + 1)
        return len(self.items) if following is None else following
