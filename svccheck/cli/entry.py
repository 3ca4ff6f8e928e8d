"""The ``svccheck`` console script: stream and signal handling first, then the command line.

This module imports nothing but the standard library's already-loaded basics, so that the
handling is in place before anything else is imported (Typer and Rich are a good part of
start-up): Ctrl-C at any moment ends with exit code 130 and one line, never a traceback. The
command line is then read by Typer (:mod:`svccheck.cli.app`). After the command, standard
output is flushed while a failure can still be reported ("disk full"), and the interpreter's
own flush at exit is made harmless, so nothing prints "Exception ignored" on the way out.

Exit codes decided here: 2 when standard output cannot be written (for example a full disk),
141 (128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe) without a message
when the reader of standard output went away, as with ``svccheck trend … | head -1``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from types import FrameType

from svccheck.core.vocabulary import ExitCode


def _say(text: str) -> None:
    """Write one line to standard error at the lowest level; nothing to do if that fails."""
    with contextlib.suppress(OSError):
        os.write(2, f"{text}\n".encode("utf-8", "backslashreplace"))


def _interrupted_while_starting(signum: int, frame: FrameType | None) -> None:
    # Nothing has been read or written yet, so there is nothing to clean up: leave at once.
    _say("interrupted")
    os._exit(ExitCode.INTERRUPTED)


def _silence(stream_fd: int) -> None:
    """Point a broken stream at the null device, so the interpreter's last flush succeeds."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream_fd)
        os.close(null)


def _finish(code: int) -> int:
    """Flush standard output and error now, turning their failures into an exit code."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        code = code or ExitCode.BROKEN_PIPE
        _silence(1)
    except OSError as error:
        if code == 0:  # a command that failed has said so already; do not say it twice
            _say(f"cannot write to standard output: {error.strerror or error}")
            code = ExitCode.BAD_INPUT
        _silence(1)
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:  # nowhere left to report it
        _silence(2)
    return code


def _tolerant_streams() -> None:
    """Never fail on a character the output encoding lacks (``PYTHONIOENCODING=ascii``, a
    legacy Windows console): show it as an escape instead. Renderers escape what matters."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _exit_code(value: object) -> int:
    if value is None:
        return 0
    return value if isinstance(value, int) else 1


def main() -> int:
    """Run the command line with its stream and signal handling; return the exit code."""
    # Honour an ignored SIGINT (a background job of a non-interactive shell keeps ignoring it).
    catching = signal.getsignal(signal.SIGINT) is not signal.SIG_IGN
    if catching:
        signal.signal(signal.SIGINT, _interrupted_while_starting)
    _tolerant_streams()
    # Imported here, not at the top: the signal handler above must be in place first. Importing
    # makes a few hundred thousand objects and no garbage cycles, yet each pass of the cycle
    # collector walks them all: it rests during the import, and what the import made is frozen
    # out of later passes (measured in benchmarks/: about 9% of a `score` run).
    gc.disable()
    from svccheck.cli import app as cli

    gc.freeze()
    gc.enable()
    if catching:  # from here on, Ctrl-C is a KeyboardInterrupt the commands turn into exit 130
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        cli.main()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except KeyboardInterrupt:
        _say("interrupted")
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:  # help or version text to a reader that went away
        code = ExitCode.BROKEN_PIPE
    except OSError as error:  # the commands catch their own; this is help or version text
        _say(f"cannot write to standard output: {error.strerror or error}")
        code = ExitCode.BAD_INPUT
    # The interpreter's last collection at exit would walk everything the command made, to free
    # memory the process is about to give back: frozen out of it as the imports are (measured:
    # about 2 ms of a `diff`). Files are closed where they are written, never by collection.
    gc.freeze()
    return _finish(code)
