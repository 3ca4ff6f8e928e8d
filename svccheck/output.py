"""The two consoles: data goes to standard output, messages to standard error.

Rich already honours ``NO_COLOR`` and drops colour and cursor tricks when the stream is not a
terminal. Messages pass through :func:`svccheck.render.sanitize.prose` and are printed as Rich
``Text``, so a value quoted from a file can neither inject Rich markup nor terminal control
sequences; results are sanitised by their renderers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from svccheck.render.sanitize import prose

if TYPE_CHECKING:
    from rich.console import Console

    from svccheck.render.interface import Rendered

# A message line longer than this is cut: a message may quote a value from a file, and a file can
# hold a one-megabyte key. The loaders quote short excerpts; this is the safety net behind them.
MESSAGE_LIMIT = 2000


@cache
def stdout() -> Console:
    """The console for results."""
    from rich.console import Console

    class Results(Console):
        def on_broken_pipe(self) -> None:
            # Rich would point stdout at /dev/null and exit 1 on its own; svccheck decides.
            raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))

    return Results(highlight=False, emoji=False)


@cache
def stderr() -> Console:
    """The console for messages, warnings and errors."""
    from rich.console import Console

    class Messages(Console):
        def on_broken_pipe(self) -> None:
            # Nobody reads the messages any more: carry on (Rich would redirect stdout and exit).
            return

    return Messages(stderr=True, highlight=False, emoji=False)


def message(text: str, *, style: str = "") -> None:
    """Print a plain message (no markup interpreted) to standard error."""
    from rich.text import Text

    lines = []
    for line in prose(text).split("\n"):
        if len(line) > MESSAGE_LIMIT:
            line = f"{line[:MESSAGE_LIMIT]}… ({len(line) - MESSAGE_LIMIT} more characters)"
        lines.append(line)
    # Standard error closed, full or a broken pipe: there is nowhere left to say it.
    with contextlib.suppress(OSError):
        stderr().print(Text("\n".join(lines), style=style), soft_wrap=True)


def warn(text: str) -> None:
    """Print a warning to standard error."""
    message(f"warning: {text}", style="yellow")


@contextlib.contextmanager
def writing_stdout() -> Iterator[None]:
    """Turn a failure to write standard output (a full disk) into a message and exit code 2.

    A broken pipe passes through: the reader went away, which is not worth a message.
    """
    from svccheck.errors import OutputError

    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write to standard output: {reason}") from None


# A result written to a file rather than a terminal is laid out this many columns wide.
FILE_WIDTH = 100


def emit(result: Rendered, destination: str | None) -> None:
    """Write a rendered result: the one place that decides between standard output (no
    destination, or ``-``) and a file, written atomically. The result knows its own form
    (:class:`~svccheck.render.interface.Rendered`): text as it is, a terminal view coloured on a
    terminal and plain, :data:`FILE_WIDTH` columns wide, in a file.
    """
    from svccheck.files import STDIO, write_text_atomic

    if destination is None or destination == STDIO:
        if sys.stdout is None:  # started with stdout closed (`>&-`): nobody reads it, as in Rich
            return
        with writing_stdout():
            result.show(sys.stdout, stdout)
    else:
        text = result.plain(FILE_WIDTH)
        if destination.lower().endswith(".csv") and not text.startswith("\ufeff"):
            # Spreadsheet programs read a CSV file as UTF-8 only when it starts with a byte-order
            # mark; without one, accents turn into mojibake. Standard output gets none: tools
            # reading a pipe do not expect it.
            text = "\ufeff" + text
        write_text_atomic(destination, text)
