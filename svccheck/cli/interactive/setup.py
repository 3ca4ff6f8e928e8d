"""Before the first item of ``svccheck audit``: the rubric, the header and the file to work on.

An existing file is resumed; a new one is written whole. Two units' audits must never end up in
one file, so the proposed name carries organization, unit, period and assessor, and a header
field given for a resumed file that differs from the file's is refused (at a terminal the person
chooses another file instead); one the file leaves empty is filled in. When input is not a
terminal nothing but answers is read from it: header fields not given stay empty (the period is
the current quarter) and the proposed file name is taken and printed.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine.evidence import day_of
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from svccheck.model import audit as audit_file
from svccheck.model.audit import Audit, LoadedAudit
from svccheck.model.rubric import Rubric

if TYPE_CHECKING:
    from rich.console import RenderableType

Ask = Callable[[str], str]
Show = Callable[["RenderableType | str"], None]
Claim = Callable[[str], None]

# The header fields an audit session can set from the command line, in file-name order.
SESSION_FIELDS = ("organization", "unit", "period", "assessor")


@record
class Setup:
    """What ``svccheck audit`` was asked for on the command line."""

    rubric: str | None = None
    output: str | None = None
    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None
    restart: bool = False
    last: str | None = None  # --from: a new audit started from this one's answers


@record
class Session:
    """A prepared interview: the rubric, the audit to continue, and where it is saved."""

    rubric: Rubric
    audit: Audit
    path: str


# The complete rubric comes first in the pick, and Enter takes it.
FIRST_PICK = "service-excellence"


@record
class _Io:
    """How setup talks to the person; ``interactive`` is false when input is a script."""

    ask: Ask
    show: Show
    claim: Claim
    interactive: bool


def _no_claim(path: str) -> None:
    """The default ``claim``: no lock (tests that script a session in one process)."""


def prepare(
    setup: Setup,
    *,
    ask: Ask,
    show: Show,
    claim: Claim = _no_claim,
    interactive: bool = True,
) -> Session:
    """Find or create the audit file to work on, asking for whatever the options left open.

    ``claim`` is called with a file's name before it is read or written, to keep a second
    session off it. Without ``interactive`` nothing is asked: ``--rubric`` (or an existing
    ``--output``) must be given, and every refusal is a :class:`UsageError`.
    """
    io = _Io(ask, show, claim, interactive)
    if setup.period and not audit_files.is_period(setup.period):
        raise UsageError(f"--period {setup.period!r}: expected 2026-Q3, 2026-09 or 2026-09-30")
    setup = replace(setup, period=audit_file.normalized_period(setup.period))
    if setup.last is not None:
        return _create_from(setup, setup.last, io)
    if setup.output and exists(setup.output):
        resumed = _resume(setup, setup.output, io)
        if isinstance(resumed, Session):
            return resumed
        setup = resumed
    if not setup.rubric and not interactive:
        raise UsageError(
            "input is not a terminal: give --rubric (or --output of an audit to resume)"
        )
    return _create(setup, io)


def _create(setup: Setup, io: _Io) -> Session:
    """A new audit file: the rubric and header as given or asked, under a name not yet taken."""
    from svccheck.cli.interactive import saving

    reference = setup.rubric or _pick_rubric(io.ask, io.show)
    chosen = rubric_files.load(reference)
    setup = _complete_header(replace(setup, rubric=reference), io)
    proposal = proposed_file_name(
        setup.organization, setup.period, unit=setup.unit, assessor=setup.assessor
    )
    if exists(proposal) and not _fits(setup, proposal):  # never offer a file just refused
        proposal = free_name(proposal)
    path = setup.output or _choose_path(proposal, io)
    while True:
        io.claim(path)
        if not exists(path):
            break
        resumed = _resume(replace(setup, output=path), path, io)  # a file begun earlier
        if isinstance(resumed, Session):
            return resumed
        path = _ask_field(io.ask, "Save answers to", free_name(proposal)) or free_name(proposal)
    blank = Audit(
        rubric=audit_writer.rubric_reference(reference, chosen, path),
        rubric_version=chosen.version,
        date=_dt.date.today().isoformat(),  # the day the audit began; edit it if it spans days
        **{field: getattr(setup, field) for field in SESSION_FIELDS},
    )
    saving.write_new(path, chosen, blank, io.show)
    _tell_date(blank, path, io)
    return Session(chosen, blank, path)


def _create_from(setup: Setup, last_path: str, io: _Io) -> Session:
    """A new audit file started from the audit ``last_path`` (``--from``): its answers, notes,
    evidence and header, the period after its period, today's date; never an existing file."""
    from svccheck.cli import next_audit
    from svccheck.cli.interactive import saving

    if setup.restart:
        raise UsageError("--restart clears an existing audit and --from starts a new one: give one")
    asked = rubric_files.load(setup.rubric) if setup.rubric else None
    io.claim(last_path)
    last = next_audit.load_last(last_path, asked)
    chosen = asked or last.rubric
    given = {field: getattr(setup, field) for field in SESSION_FIELDS}
    started = next_audit.next_audit(last_path, last, chosen, given)
    setup = replace(setup, rubric=setup.rubric or _reference(last), output=setup.output,
                    **{field: getattr(started, field) for field in SESSION_FIELDS})  # fmt: skip
    if setup.period is None:  # the last one's period is a day, or none: as without --from
        period = _ask_period(io.ask, io.show) if io.interactive else audit_file.current_period()
        setup = replace(setup, period=period)
    path = _unused_path(setup, io)
    assert setup.rubric is not None
    begun = replace(
        started,
        rubric=audit_writer.rubric_reference(setup.rubric, chosen, path),
        period=setup.period,
        date=_dt.date.today().isoformat(),  # the day this audit began, as for any new one
    )
    saving.write_new(path, chosen, begun, io.show)
    io.show(
        f"Started {path} for {setup.period} from {last_path}. Enter keeps an answer; "
        "j 12 or j ID goes to an item."
    )
    _tell_date(begun, path, io)
    return Session(chosen, begun, path)


def _tell_date(begun: Audit, path: str, io: _Io) -> None:
    """Say that a new audit of a period already over is dated today (the day it began)."""
    ended = day_of(begun.period)  # the period's last day
    if ended is not None and begun.date is not None and ended.isoformat() < begun.date:
        io.show(f"Dated today, {begun.date}, after {begun.period} ended ({ended.isoformat()}); "
                f"if the audit was done earlier, change date: in {path}.")  # fmt: skip


def _unused_path(setup: Setup, io: _Io) -> str:
    """Where a new audit started from another goes: ``--output``, or the name proposed from
    its header; a file that exists is never taken (at a terminal another name is asked for)."""
    proposal = proposed_file_name(
        setup.organization, setup.period, unit=setup.unit, assessor=setup.assessor
    )
    path = setup.output or _choose_path(free_name(proposal) if io.interactive else proposal, io)
    while True:
        io.claim(path)
        if not exists(path):
            return path
        problem = (
            f"{path} already exists, and --from starts a new audit: give another --output "
            f"(to go on with that one: svccheck audit -o {path})"
        )
        if not io.interactive:
            raise UsageError(problem)
        io.show(f"{problem}.")
        path = _ask_field(io.ask, "Save answers to", free_name(proposal)) or free_name(proposal)


def _fits(setup: Setup, path: str) -> bool:
    """Whether the existing audit ``path`` is one the session may resume."""
    from svccheck.core.errors import SvccheckError

    try:
        return mismatch(setup, audit_files.load_audit(path), path) is None
    except SvccheckError:
        return False


def _choose_path(proposal: str, io: _Io) -> str:
    if io.interactive:
        return _ask_field(io.ask, "Save answers to", proposal) or proposal
    io.show(f"Saving answers to {proposal}")
    return proposal


def _complete_header(setup: Setup, io: _Io) -> Setup:
    """Ask for the header fields the options left open (at a terminal only)."""
    if not io.interactive:  # a script gives what it wants on the command line
        return replace(setup, period=setup.period or audit_file.current_period())
    return replace(
        setup,
        organization=setup.organization or _ask_field(io.ask, "Organization"),
        unit=setup.unit or _ask_field(io.ask, "Unit, department or site"),
        period=setup.period or _ask_period(io.ask, io.show),
        assessor=setup.assessor or _ask_field(io.ask, "Assessor"),
    )


def _resume(setup: Setup, path: str, io: _Io) -> Session | Setup:
    """The session on an existing file, or, when the file does not fit what was asked and a
    person can choose another one, the setup to create a new file from (its ``output`` empty)."""
    from svccheck.cli.interactive import saving

    io.claim(path)
    loaded = audit_files.load_audit(path)
    problem = mismatch(setup, loaded, path)
    if problem is not None:
        if not io.interactive:
            raise UsageError(problem)
        io.show(f"{problem}.")
        header = {field: getattr(setup, field) or getattr(loaded.audit, field) for field in
                  SESSION_FIELDS}  # fmt: skip
        return replace(setup, output=None, rubric=setup.rubric or _reference(loaded), **header)
    current = loaded.audit
    given = {field: getattr(setup, field) for field in SESSION_FIELDS}
    empty = {field: value for field, value in given.items()
             if value is not None and getattr(current, field) is None}  # fmt: skip
    if empty:  # a template without a unit, resumed with --unit: the option fills it in
        current = saving.AuditFile.opened(path, loaded.rubric, current, None).fill_header(empty)
        told = "; ".join(f"{field} {value!r}" for field, value in empty.items())
        io.show(f"Filled in {told} in {path}.")
    count = answered_count(current)
    if setup.restart and count:
        confirmed = not io.interactive or io.ask(
            f"Start over? This clears {_items(count)} in {path} [y/N]: "
        ).strip().lower() in ("y", "yes")
        if confirmed:  # comments and header stay
            stored = saving.AuditFile.opened(path, loaded.rubric, current, None)
            current = stored.clear(current)
            io.show(f"Cleared {_items(count)} in {path}.")
    elif count:
        io.show(
            f"Resuming {path}: {plural(count, 'item')} of {loaded.rubric.item_count()} answered."
        )
    return Session(loaded.rubric, current, path)


def mismatch(setup: Setup, loaded: LoadedAudit, path: str) -> str | None:
    """Why ``path`` is not the file asked for (another rubric, another unit...), or ``None``.

    Only a field the file fills in differently conflicts; one it leaves empty is filled in."""

    if setup.rubric and rubric_files.load(setup.rubric).id != loaded.rubric.id:
        return (
            f"{path} is an audit of rubric {loaded.rubric.id!r}, not {setup.rubric!r}; "
            "choose another --output file"
        )
    differing = [  # an empty field is no conflict: the option fills it in
        f"{field} {getattr(loaded.audit, field)!r}, not {getattr(setup, field)!r}"
        for field in SESSION_FIELDS
        if getattr(setup, field) is not None
        and getattr(loaded.audit, field) is not None
        and getattr(setup, field) != getattr(loaded.audit, field)
    ]
    if differing:
        hint = ""
        if setup.period is not None and loaded.audit.period not in (None, setup.period):
            hint = f"; to start {setup.period} from its answers: svccheck audit --from {path}"
        return (
            f"{path} is the audit of {'; '.join(differing)}; choose another --output file "
            f"(or leave out the option to resume this one){hint}"
        )
    return None


def _reference(loaded: LoadedAudit) -> str:
    """How to name the rubric of ``loaded`` for a new file: by id, or by path when the audit
    named it by path (relative names would point elsewhere from another folder)."""

    if rubric_search.looks_like_path(loaded.audit.rubric):
        return loaded.rubric.path
    return loaded.rubric.id


def _pick_rubric(ask: Ask, show: Show) -> str:
    from svccheck.formats.rubric import catalog as rubric_catalog
    from svccheck.render import card

    choices = sorted(rubric_catalog.catalog().rubrics, key=lambda r: r.id != FIRST_PICK)
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
        if audit_files.is_period(period):
            return audit_file.normalized_period(period) or period
        show(f"Not a period: {period!r}. Type it as 2026-Q3, 2026-09 or 2026-09-30.")


def proposed_file_name(
    organization: str | None,
    period: str | None,
    *,
    unit: str | None = None,
    assessor: str | None = None,
) -> str:
    """A file name from the header, e.g. ``nordwind-reisen-hamburg-2026-Q2-dana.yaml``.

    Every field given is in it, so two units' (or two assessors') audits of one period get
    different names.
    """
    parts = [_slug(organization), _slug(unit), period or "", _slug(assessor)]
    stem = "-".join(part for part in parts if part) or "audit"
    if not (organization or unit):  # a bare period reads better with a word before it
        stem = f"audit-{stem}" if stem != "audit" else stem
    return f"{stem}.yaml"


def _slug(text: str | None) -> str:
    """Lowercase words joined by ``-``: no separators, dots or spaces (no path escapes)."""
    words = re.findall(r"[^\W_]+", (text or "").lower())
    return "-".join(words)[:40].strip("-")


def free_name(name: str) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``... before ``.yaml``: the first not taken."""
    stem = name.removesuffix(".yaml")
    candidate, number = name, 1
    while exists(candidate):
        number += 1
        candidate = f"{stem}-{number}.yaml"
    return candidate


def _items(count: int) -> str:
    return plural(count, "answer")


def plural(count: int, noun: str) -> str:
    """``1 item``, ``2 items``."""
    from svccheck.render.common import plural as counted

    return counted(count, noun)


def answered_count(audit: Audit) -> int:
    """How many items have a score or n/a."""
    return sum(1 for answer in audit.answers if answer.score is not None)


def exists(path: str) -> bool:
    """Whether an audit file is already there to resume."""
    return Path(path).is_file()
