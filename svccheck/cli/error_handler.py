"""The one place where errors become messages and exit codes.

Exit codes: 0 ok; 2 bad input or usage; 3 a threshold the user set was missed; 130 interrupted;
1 an internal error (a bug in svccheck), shown with a traceback only under ``--debug`` or
``SVCCHECK_DEBUG=1``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from svccheck.core import output
from svccheck.core.errors import SvccheckError
from svccheck.core.vocabulary import ExitCode

P = ParamSpec("P")
R = TypeVar("R")


class Settings:
    """Process-wide switches set by the top-level options."""

    debug = False


def debugging() -> bool:
    """Whether to show tracebacks of internal errors."""
    return Settings.debug or os.environ.get("SVCCHECK_DEBUG", "") not in ("", "0")


def _typer_exit(error: Exception) -> bool:
    """Whether ``error`` is Typer's own way out (``typer.Exit``, ``typer.Abort``), raised by a
    command run through Typer; without Typer loaded, nothing is."""
    typer = sys.modules.get("typer")
    return typer is not None and isinstance(error, typer.Exit | typer.Abort)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so that every error ends as a message on stderr and a documented exit code.

    The exit is a ``SystemExit``, which ends the process as ``typer.Exit`` would.
    """

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SvccheckError as error:
            for line in error.lines():
                output.message(line, style="red")
            raise SystemExit(error.exit_code) from None
        except KeyboardInterrupt:
            output.message("interrupted", style="red")
            raise SystemExit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`svccheck ... | head`): not worth a message, but not a
            # success either (the output was cut short, a --fail-under verdict never given):
            # exit as a tool stopped by SIGPIPE does. See svccheck/entry.py.
            raise SystemExit(ExitCode.BROKEN_PIPE) from None
        except Exception as error:
            if _typer_exit(error):
                raise
            if debugging():
                import traceback

                output.message(traceback.format_exc())
            output.message(
                f"internal error: {type(error).__name__}: {error}. This is a bug in svccheck; "
                "please report it to its maintainers with the output of the same command "
                "run with --debug.",
                style="red",
            )
            raise SystemExit(ExitCode.INTERNAL) from None

    return wrapper
