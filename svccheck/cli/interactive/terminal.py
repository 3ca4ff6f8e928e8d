"""The terminal side of the interactive audit: reading lines, showing cards, stopping cleanly."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import TYPE_CHECKING, BinaryIO

from svccheck.core import output
from svccheck.core.errors import SvccheckError

if TYPE_CHECKING:
    from rich.console import RenderableType


# One answer or note per line; a longer line is refused rather than read into memory
# (`svccheck audit < /dev/zero` must end, not grow without bound).
MAX_LINE = 4096
_MAX_LINE_BYTES = 4 * MAX_LINE  # UTF-8 needs at most four bytes a character


class InputRefused(SvccheckError):
    """Piped input that cannot be trusted any further: the session ends (answers stay saved)."""


def interactive() -> bool:
    """Whether a person types the input (standard input is a terminal, and open at all)."""
    return sys.stdin is not None and sys.stdin.isatty()


def ask(prompt: str) -> str:
    """Show ``prompt`` on stderr and read one line; ``EOFError`` at the end of input. The
    prompt's line is ended whatever happens (a piped line, Ctrl-C, the end of input), so the next
    card or message starts on a line of its own.

    A line that is not valid UTF-8 is refused and asked again. A line longer than
    :data:`MAX_LINE` characters is asked again at a terminal; piped, it ends the session with
    :class:`InputRefused`, since the rest of the stream cannot be trusted.
    """
    while True:
        _prompt(prompt)
        if sys.stdin is None:  # started with standard input closed (`<&-`): nothing to read
            _prompt("\n")
            raise EOFError
        binary = sys.stdin.buffer
        try:
            raw = binary.readline(_MAX_LINE_BYTES + 1)
        except KeyboardInterrupt:  # the terminal echoed ^C after the prompt: end that line
            _prompt("\n")
            raise
        if not raw:
            _prompt("\n")
            raise EOFError
        if not interactive():  # nothing echoed the piped line: end the prompt's line here
            _prompt("\n")
        line, problem = _decoded(raw)
        if problem is None:
            return line
        if problem == "long":
            if not interactive():
                raise InputRefused(
                    f"standard input: a line longer than {MAX_LINE} characters; stopping, "
                    "since the rest of the input cannot be trusted"
                )
            _skip_rest_of_line(binary, raw)
            output.message(f"That line is longer than {MAX_LINE} characters; type it again.")
        else:
            output.message("That line is not valid UTF-8; type it again.")


def _prompt(text: str) -> None:
    # A prompt can quote a saved answer or note from the file: shown through the sanitiser, as a
    # Text (never parsed as markup), so that a note cannot write to the terminal or clipboard.
    from rich.text import Text

    from svccheck.core.sanitize import prose

    with contextlib.suppress(OSError):  # nobody reads standard error: ask all the same
        output.stderr().print(Text(prose(text), style="bold"), end="")
        sys.stderr.flush()


def _decoded(raw: bytes) -> tuple[str, str | None]:
    """The line without its line break, or a problem: ``"long"`` or ``"utf-8"``."""
    if len(raw) > _MAX_LINE_BYTES and not raw.endswith(b"\n"):
        return "", "long"
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        return "", "utf-8"
    return (line, None) if len(line) <= MAX_LINE else ("", "long")


def _skip_rest_of_line(binary: BinaryIO, read: bytes) -> None:
    """Drop what is left of an over-long line typed at a terminal, a bounded piece at a time."""
    while read and not read.endswith(b"\n"):
        read = binary.readline(_MAX_LINE_BYTES)


def show(item: RenderableType | str) -> None:
    """Show a card or a message on stderr (stdout is kept for the final report)."""
    if isinstance(item, str):
        output.message(item)
    else:
        output.stderr().print(item)


def fits(item: RenderableType) -> bool:
    """Whether ``item`` and a two-line prompt fit on the screen of standard error together.

    Without a terminal there is no screen to overflow (a log keeps everything).
    """
    console = output.stderr()
    if not console.is_terminal:
        return True
    return len(console.render_lines(item, console.options, pad=False)) + 2 <= console.height


def require_utf8(**options: str | None) -> None:
    """Refuse text options holding bytes that are not UTF-8 (a shell passes them through as
    they are): they would be written into the audit, which could then not be read back."""
    from svccheck.core.errors import UsageError
    from svccheck.core.sanitize import identifier

    for name, value in options.items():
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError:
            shown = identifier(value)
            raise UsageError(f"--{name} {shown}: not valid UTF-8; type it as UTF-8 text") from None


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
