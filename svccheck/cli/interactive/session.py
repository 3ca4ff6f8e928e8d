"""``svccheck audit`` at the terminal: one locked, interruptible interview, saved as it goes.

The interview itself (:mod:`svccheck.cli.interactive.interview`) only asks and shows through
parameters; this module plugs in the terminal, the lock that keeps a second session off the file,
and the saves that change only the answer given (:mod:`svccheck.cli.interactive.saving`). Every way
a session can stop early becomes a :class:`SvccheckError` whose message says where the answers are.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from svccheck.cli.interactive import interview, saving, terminal
from svccheck.cli.interactive import setup as audit_setup
from svccheck.core import locking
from svccheck.core.errors import InterruptedAudit, SvccheckError
from svccheck.core.record import record


@record
class Finished:
    """A session that ran to its end: where it saved, and the audit as saved."""

    session: audit_setup.Session
    outcome: interview.Outcome
    review: bool = False  # every item was walked (--review, --from): so is a resumed session


class StoppedAudit(SvccheckError):
    """Piped input could not be trusted any further; the answers given so far are saved."""


def run(setup: audit_setup.Setup, *, review: bool) -> Finished:
    """Prepare the audit file and interview the person until the end or ``q``.

    Ctrl-C, SIGTERM and the end of input raise :class:`InterruptedAudit` (exit 130; the end of
    input is named as such, not as an interruption); input that cannot be trusted raises
    :class:`StoppedAudit` (exit 2); both say where the answers are and how to resume.
    """
    session = None
    with terminal.interruptible(), locking.Locks() as locks:
        try:
            person = terminal.interactive()
            session = audit_setup.prepare(
                setup, ask=terminal.ask, show=terminal.show, claim=locks.claim, interactive=person
            )
            # Only a person at a terminal can settle a conflict with an edit made meanwhile.
            settle = terminal.ask if person else None
            stored = saving.AuditFile.opened(
                session.path, session.rubric, session.audit, settle, terminal.show
            )
            outcome = interview.interview(
                session.rubric,
                session.audit,
                ask=terminal.ask,
                show=terminal.show,
                save=stored.save,
                review=review,
                scripted=not person,
                fits=terminal.fits,
            )
        except KeyboardInterrupt:
            raise InterruptedAudit(where(session, "Interrupted", review=review)) from None
        except EOFError:  # the piped answers ran out (or Ctrl-D): not an interruption
            raise InterruptedAudit(where(session, "The input ended", review=review)) from None
        except terminal.InputRefused as error:
            raise StoppedAudit(f"{error}\n{where(session, 'Stopped', review=review)}") from None
    return Finished(session, outcome, review)


def conclude(finished: Finished) -> None:
    """Say how the session ended: where the answers are after ``q``; at the end of the items,
    a one-screen summary when standard output is a terminal (the headline of a full report
    would scroll away), the full report otherwise (a file or a pipe keeps it)."""
    import sys

    from svccheck.cli import importance_command
    from svccheck.core import output
    from svccheck.engine import scoring
    from svccheck.render import dispatch as render
    from svccheck.render.interface import RichView
    from svccheck.render.summary import summary

    path, outcome = finished.session.path, finished.outcome
    if not outcome.finished:
        output.message(where(finished.session, "Stopped", review=finished.review), style="yellow")
        return
    report = scoring.score(finished.session.rubric, outcome.audit)
    report = importance_command.applied(report, outcome.audit, None)  # as `svccheck score` has it
    if sys.stdout is not None and sys.stdout.isatty():
        output.emit(RichView(summary(report, path)), None)
    else:
        output.emit(render.report(report, render.Format.table, render.ReportOptions()), None)
    output.message(f"Saved to {path}", style="green")


def where(session: audit_setup.Session | None, how: str, *, review: bool) -> str:
    """``how`` the session ended, where the answers are, and the command to go on: with
    ``--review`` when the session walked every item, so the resumed one does too."""
    import shlex

    if session is None:
        return f"{how} before the audit began; nothing was saved."
    again = " --review" if review else ""
    return (
        # The command on a line of its own: at 80 columns it no longer breaks mid-option.
        f"{how}. Every answer given is saved in {session.path}.\n"
        f"Resume with: svccheck audit --output {shlex.quote(session.path)}{again}"
    )
