"""The two consoles: data goes to standard output, messages to standard error.

Rich already honours ``NO_COLOR`` and drops colour and cursor tricks when the stream is not a
terminal. Messages pass through :func:`svccheck.core.sanitize.prose` and are printed as Rich
``Text``, so a value quoted from a file can neither inject Rich markup nor terminal control
sequences; results are sanitised by their renderers.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, TextIO

from svccheck.core import files
from svccheck.core.sanitize import prose

if TYPE_CHECKING:
    from rich.console import Console


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


class Rendered(ABC):
    """A rendered result that knows how it is written; where is :func:`emit`'s business. The
    renderers (:mod:`svccheck.render.interface`) implement it; a binary format (the workbook)
    refuses standard output and gives a file its bytes (:meth:`written`)."""

    @abstractmethod
    def show(self, stream: TextIO, console: Callable[[], Console]) -> None:
        """Write to standard output: ``stream`` as it is, or through the Rich ``console``, which is
        made on first use (text formats start without Rich)."""

    @abstractmethod
    def plain(self, width: int) -> str:
        """The result as plain text for a file; ``width`` is for views laid out in columns."""

    def written(self, width: int) -> str | bytes:
        """What a file receives: the :meth:`plain` text, or a binary format's bytes."""
        return self.plain(width)


# A result written to a file rather than a terminal is laid out this many columns wide.
FILE_WIDTH = 100


def emit(result: Rendered, destination: str | None) -> None:
    """Write a rendered result: the one place that decides between standard output (no
    destination, or ``-``) and a file, written atomically. The result knows its own form
    (:class:`~svccheck.render.interface.Rendered`): text as it is, a terminal view coloured on a
    terminal and plain, :data:`FILE_WIDTH` columns wide, in a file.
    """
    if destination is None or destination == files.STDIO:
        if sys.stdout is None:  # started with stdout closed (`>&-`): nobody reads it, as in Rich
            return
        with files.writing_stdout():
            result.show(sys.stdout, stdout)
    else:
        text = result.written(FILE_WIDTH)
        if isinstance(text, bytes):
            files.write_bytes_atomic(destination, text)
            return
        if destination.lower().endswith(".csv") and not text.startswith("\ufeff"):
            # Spreadsheet programs read a CSV file as UTF-8 only when it starts with a byte-order
            # mark; without one, accents turn into mojibake. Standard output gets none: tools
            # reading a pipe do not expect it.
            text = "\ufeff" + text
        files.write_text_atomic(destination, text)
