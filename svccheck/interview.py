"""The interactive audit: walk a person through every item, saving after every answer.

Input and output are parameters (``ask`` returns one line for a prompt, ``show`` displays a Rich
renderable or text, ``save`` stores one answer and returns the audit as it now is, with changes
others made to the file meanwhile), so tests can script a whole session and the CLI can plug in
the terminal. ``ask`` raises ``EOFError`` at the end of input and
``KeyboardInterrupt`` on Ctrl-C; both pass through, and since every answer is already saved the
caller only has to say where the file is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from rich.console import RenderableType

from svccheck import audit as audit_file
from svccheck import audit_writer
from svccheck.audit import NA, Answer, Audit
from svccheck.render import card
from svccheck.rubric import Item, Rubric, Section

Ask = Callable[[str], str]
Show = Callable[[RenderableType | str], None]
Save = Callable[[Answer], Audit]
Claim = Callable[[str], None]


@dataclass(frozen=True)
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


def _ask_note(ask: Ask, current: Answer | None, reason: bool) -> str | None:
    kept = current.note if current is not None else None
    label = "Why does it not apply?" if reason else "Note"
    hint = f" [{kept}]" if kept else ""
    line = ask(f"{label} (Enter to {'keep' if kept else 'skip'}){hint}: ").strip()
    return line or kept


def _read_score(line: str, rubric: Rubric) -> int | str | None:
    """A whole number on the scale or ``n/a`` from what the person typed; ``None`` if neither."""
    if line.lower() in ("n", "n/a", "na"):
        return NA
    if re.fullmatch(r"[+-]?\d+", line):
        value = int(line)
        if rubric.scale.min <= value <= rubric.scale.max:
            return value
    return None


def interview(
    rubric: Rubric,
    audit: Audit,
    *,
    ask: Ask,
    show: Show,
    save: Save,
    review: bool = False,
) -> Outcome:
    """Ask every item of ``rubric`` in turn, starting at the first unanswered one.

    With ``review``, start at the first item and show every current answer. Returns when the
    last item has been passed or the person typed ``q``.
    """
    items: list[tuple[Section, Item]] = list(rubric.items())
    position = 0 if review else _first_unanswered(rubric, audit)
    if position is None:
        show("Every item is answered already. Use --review to go through them again.")
        return Outcome(audit, True)
    scale = rubric.scale
    prompt = f"Score {scale.min}-{scale.max}, n=n/a, s=skip, b=back, ?=help, q=quit"
    rule = card.scoring_rule(rubric)
    if rule is not None:  # once at the start; `?` shows it again
        show(rule)
    while position < len(items):
        section, item = items[position]
        current = audit.answer_map().get(item.id)
        show(card.item_card(rubric, position, section, item, current))
        shown = card.describe_answer(current)
        while True:
            line = ask(f"{prompt}{f' [{shown}]' if shown else ''}: ").strip()
            key = line.lower()
            if key == "q":  # every answer is on disk already
                return Outcome(audit, False)
            if key == "?":
                show(card.help_text(rubric))
                continue
            if key == "b":
                if position == 0:
                    show("This is the first item; there is nothing before it.")
                    continue
                position -= 1
                break
            if key == "s" or (key == "" and shown):
                position += 1
                break
            score = _read_score(line, rubric)
            if score is None:
                expected = f"a score from {scale.min} to {scale.max}, or n, s, b, ? or q"
                show(f"Not understood: {line!r}. Type {expected}." if line else f"Type {expected}.")
                continue
            existing_note = current.note if current is not None else None
            # The score is safe on disk before the note is asked for.
            audit = save(Answer(item.id, score, existing_note))
            kept = audit.answer_map().get(item.id)
            if kept is not None and kept.score == score:
                note = _ask_note(ask, current, reason=score == NA)
                if note != existing_note:
                    audit = save(Answer(item.id, score, note))
            else:  # the person chose the answer someone else wrote into the file
                show(f"Kept the file's answer to {item.id}.")
            if review:
                position += 1
            else:  # on to the next item still open; items answered on a way back are done
                following = _first_unanswered(rubric, audit, position + 1)
                position = len(items) if following is None else following
            break
    return Outcome(audit, True)


@dataclass(frozen=True)
class Setup:
    """What ``svccheck audit`` was asked for on the command line."""

    rubric: str | None = None
    output: str | None = None
    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None
    restart: bool = False


@dataclass(frozen=True)
class Session:
    """A prepared interview: the rubric, the audit to continue, and where it is saved."""

    rubric: Rubric
    audit: Audit
    path: str


# The complete rubric comes first in the pick, and Enter takes it.
FIRST_PICK = "service-excellence"


def _pick_rubric(ask: Ask, show: Show) -> str:
    from svccheck import rubric as rubric_module

    choices = sorted(rubric_module.catalog().rubrics, key=lambda r: r.id != FIRST_PICK)
    show(card.rubric_menu(choices))
    while True:
        line = ask(f"Rubric (1-{len(choices)} or an id) [1]: ").strip() or "1"
        if line.isdigit() and 1 <= int(line) <= len(choices):
            return choices[int(line) - 1].id
        if any(choice.id == line for choice in choices):
            return line
        show(f"Type a number from 1 to {len(choices)} or one of the ids shown.")


def _ask_field(ask: Ask, label: str, default: str | None = None) -> str | None:
    hint = f" [{default}]" if default else " (Enter to leave empty)"
    return ask(f"{label}{hint}: ").strip() or default


def _ask_period(ask: Ask, show: Show) -> str:
    default = audit_file.current_period()
    while True:
        period = _ask_field(ask, "Period", default) or default
        if audit_file.is_period(period):
            return period
        show(f"Not a period: {period!r}. Type it as 2026-Q3, 2026-09 or 2026-09-30.")


def _no_claim(path: str) -> None:
    """The default ``claim``: no lock (tests that script a session in one process)."""


def prepare(setup: Setup, *, ask: Ask, show: Show, claim: Claim = _no_claim) -> Session:
    """Find or create the audit file to work on, asking for whatever the options left open.

    An existing output file is resumed (or, with ``restart`` and a confirmation, cleared); a file
    of another rubric is refused. ``claim`` is called with the file's name before it is read or
    written, to keep a second session off it.
    """
    from svccheck import rubric as rubric_module
    from svccheck import saving
    from svccheck.errors import UsageError

    if setup.period and not audit_file.is_period(setup.period):
        raise UsageError(f"--period {setup.period!r}: expected 2026-Q3, 2026-09 or 2026-09-30")
    if setup.output:
        claim(setup.output)
    if setup.output and exists(setup.output):
        loaded = audit_file.load_audit(setup.output)
        if setup.rubric and rubric_module.load(setup.rubric).id != loaded.rubric.id:
            raise UsageError(
                f"{setup.output} is an audit of rubric {loaded.rubric.id!r}, not "
                f"{setup.rubric!r}; choose another --output file"
            )
        current = loaded.audit
        if setup.restart and answered_count(current):
            line = ask(
                f"Start over? This clears {answered_count(current)} answers in "
                f"{setup.output} [y/N]: "
            )
            if line.strip().lower() in ("y", "yes"):  # comments and header stay
                stored = saving.AuditFile.opened(setup.output, loaded.rubric, current, None)
                current = stored.clear(current)
        elif answered_count(current):
            show(f"Resuming {setup.output}: {answered_count(current)} items answered.")
        return Session(loaded.rubric, current, setup.output)
    reference = setup.rubric or _pick_rubric(ask, show)
    chosen = rubric_module.load(reference)
    organization = setup.organization or _ask_field(ask, "Organization")
    unit = setup.unit or _ask_field(ask, "Unit, department or site")
    period = setup.period or _ask_period(ask, show)
    assessor = setup.assessor or _ask_field(ask, "Assessor")
    path = setup.output or _ask_field(
        ask, "Save answers to", proposed_file_name(organization, period)
    )
    assert path is not None  # _ask_field returns the default when one is given
    claim(path)
    blank = Audit(
        rubric=audit_writer.rubric_reference(reference, chosen, path),
        rubric_version=chosen.version,
        organization=organization,
        unit=unit,
        period=period,
        assessor=assessor,
    )
    if exists(path):  # the proposed name may be an audit begun earlier: resume it
        return prepare(
            replace(setup, output=path, rubric=reference), ask=ask, show=show, claim=claim
        )
    saving.write_new(path, chosen, blank)
    return Session(chosen, blank, path)


def proposed_file_name(organization: str | None, period: str | None) -> str:
    """A file name from the organization and period, e.g. ``acme-support-2026-Q3.yaml``."""
    words = re.findall(r"[^\W_]+", (organization or "audit").lower())
    stem = "-".join(words)[:40].strip("-") or "audit"
    return f"{stem}-{period}.yaml" if period else f"{stem}.yaml"


def answered_count(audit: Audit) -> int:
    """How many items have a score or n/a."""
    return sum(1 for answer in audit.answers if answer.score is not None)


def exists(path: str) -> bool:
    """Whether an audit file is already there to resume."""
    return Path(path).is_file()
