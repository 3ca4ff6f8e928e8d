"""The terminal side of the interactive audit: reading lines, showing cards, stopping cleanly."""

from __future__ import annotations

import contextlib
import shlex
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING

from svccheck import output

if TYPE_CHECKING:
    from rich.console import RenderableType


def ask(prompt: str) -> str:
    """Show ``prompt`` on stderr and read one line; ``EOFError`` at the end of input."""
    from rich.text import Text

    # A prompt can quote a saved answer or note from the file: shown through the sanitiser, as a
    # Text (never parsed as markup), so that a note cannot write to the terminal or clipboard.
    output.stderr().print(Text(output.clean(prompt), style="bold"), end="")
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        output.stderr().print()
        raise EOFError
    return line.rstrip("\r\n")


def show(item: RenderableType | str) -> None:
    """Show a card or a message on stderr (stdout is kept for the final report)."""
    if isinstance(item, str):
        output.message(item)
    else:
        output.stderr().print(item)


def stopped(path: str | None, *, interrupted: bool = True) -> None:
    """Tell the person where their answers are and how to go on."""
    if path is None:
        output.message("Stopped before the audit began; nothing was saved.", style="yellow")
        return
    how = "Interrupted" if interrupted else "Stopped"
    output.message(
        f"{how}. Every answer given is saved in {path}. "
        f"Resume with: svccheck audit --output {shlex.quote(path)}",
        style="yellow",
    )


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while an interview runs, so it ends with the same message."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
