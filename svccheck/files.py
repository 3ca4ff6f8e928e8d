"""Reading input files and writing results without ever leaving a half-written file."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterator

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


def _resolve(name: str) -> tuple[str, bool]:
    """The file ``name`` leads to after every symlink, and whether it is a descriptor alias.

    ``/dev/stdout`` is a link to ``/proc/self/fd/1``, which leads to whatever standard output is
    (a terminal, a pipe, a file the shell opened): such a name is written in place, as the shell
    would, so each hop is followed by hand to notice it.
    """
    path = os.path.abspath(name)
    for _ in range(40):  # the kernel's own limit on symlink hops
        if path.startswith(("/proc/", "/dev/fd/")):
            return path, True
        try:
            link = os.readlink(path)
        except OSError:  # not a link (or missing): the rest is for realpath
            break
        path = os.path.join(os.path.dirname(path), link)
    return os.path.realpath(path), False


def _is_read_only(path: str, mode: int) -> bool:
    # Root may write any file, so os.access says yes; the mode bits say what the owner meant.
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def write_text_atomic(name: str, text: str) -> None:
    """Write ``text`` to ``name`` (``-`` is standard output) so that it is never half-written.

    The text goes to a temporary file beside the real target (a symlink is followed and stays a
    link), is flushed to disk, and then replaces the target in one step; an existing target keeps
    its permissions. A read-only target is refused. A target that is not a regular file (a
    device such as ``/dev/null``, a FIFO, ``/dev/stdout``) is opened and written in place, never
    replaced. On any failure, Ctrl-C or SIGTERM included, the previous file is left untouched and
    no temporary file is left behind.
    """
    if name == STDIO:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target, alias = _resolve(name)
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise OutputError(f"{name}: cannot write: {error.strerror or error}") from None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"{name}: is a directory, expected a file name")
    if alias or (status is not None and not stat.S_ISREG(status.st_mode)):
        _write_in_place(name, target, text)
        return
    mode = None if status is None else stat.S_IMODE(status.st_mode)
    if mode is not None and _is_read_only(target, mode):
        raise OutputError(
            f"{name}: is read-only (mode {mode:04o}); it was left unchanged. Make it writable "
            "(chmod u+w) or choose another file"
        )
    with _signals_deferred():
        _replace(name, target, text, mode)


def _write_in_place(name: str, target: str, text: str) -> None:
    """Write to a device, FIFO or descriptor alias as it is: renaming over it would destroy it."""
    try:
        with open(target, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
    except OSError as error:
        raise OutputError(f"{name}: cannot write ({error.strerror or error})") from None


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM while a temporary file exists; they arrive right after.

    Without this, Ctrl-C between creating the temporary file and renaming it would leave the
    temporary file behind. Where signals cannot be blocked (Windows), ``_replace`` removes the
    temporary file on the way out instead.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(name: str, target: str, text: str, mode: int | None) -> None:
    """Write ``text`` to a temporary file beside ``target`` and rename it over ``target``."""
    directory = os.path.dirname(target)
    # Not tempfile.mkstemp: importing tempfile costs more start-up time than the write.
    base = os.path.basename(target)
    temporary = os.path.join(directory, f".{base}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    created, existed = False, mode is not None
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is None:  # the temporary file is 0600; give a new file the usual permissions
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        created = False
    except OSError as error:
        reason = error.strerror or str(error)
        kept = "the previous file is unchanged" if existed else "nothing was written"
        raise OutputError(f"{name}: cannot write ({reason}); {kept}") from None
    finally:  # also on KeyboardInterrupt where signals could not be held back
        if created:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
