"""Reading input files and writing results without ever leaving a half-written file."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from svccheck.errors import InputFileError, OutputError

STDIO = "-"
# Rubrics and audits are a few hundred KiB at most; the cap keeps a wrong file (a log, a disk
# image) from being read into memory. Raise it with the environment variable when needed.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_BYTES_VARIABLE = "SVCCHECK_MAX_FILE_BYTES"


def max_bytes() -> int:
    """The input size cap in bytes, from ``SVCCHECK_MAX_FILE_BYTES`` or the default (5 MiB)."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "")
    try:
        return int(raw) if raw else DEFAULT_MAX_BYTES
    except ValueError:
        message = f"{MAX_BYTES_VARIABLE} must be a whole number of bytes, not {raw!r}"
        raise InputFileError(message) from None


def read_text(name: str) -> str:
    """Read a UTF-8 text file (``-`` is standard input) with a clear error for every failure."""
    limit = max_bytes()
    try:
        if name == STDIO:
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            with open(name, "rb") as stream:
                raw = stream.read(limit + 1)
    except FileNotFoundError:
        raise InputFileError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{name}: is a directory, expected a YAML file") from None
    except PermissionError:
        raise InputFileError(f"{name}: permission denied (cannot read it)") from None
    except OSError as error:
        raise InputFileError(f"{name}: cannot read: {error.strerror or error}") from None
    if len(raw) > limit:
        raise InputFileError(
            f"{name}: larger than {limit} bytes; raise {MAX_BYTES_VARIABLE} if it is really meant"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(f"{name}: is UTF-16 encoded; save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputFileError(
            f"{name}:{line}:{column}: not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
            "save the file as UTF-8"
        ) from None
    return text


def write_text_atomic(name: str, text: str) -> None:
    """Write ``text`` to ``name`` (``-`` is standard output) so that it is never half-written.

    The text goes to a temporary file in the same directory, is flushed to disk, and then replaces
    the target in one step; an existing target keeps its permissions. On any failure the previous
    file is left untouched and the temporary file is removed.
    """
    if name == STDIO:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(name)
    directory = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise OutputError(f"{name}: cannot write: {error.strerror or error}") from None
    if target.is_dir():
        raise OutputError(f"{name}: is a directory, expected a file name")
    temporary = None
    try:
        # Not tempfile.mkstemp: importing tempfile costs more start-up time than the write.
        temporary = str(directory / f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:  # mkstemp creates 0600; give a new file the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        reason = error.strerror or str(error)
        kept = "the previous file is unchanged" if mode is not None else "nothing was written"
        raise OutputError(f"{name}: cannot write ({reason}); {kept}") from None
