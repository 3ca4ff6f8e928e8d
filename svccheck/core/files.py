"""Reading input files and writing results without ever leaving a half-written file."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from svccheck.core.errors import InputFileError, OutputError, UsageError
from svccheck.core.sanitize import excerpt, identifier

STDIO = "-"
# Rubrics and audits are a few hundred KiB at most; the cap keeps a wrong file (a log, a disk
# image) from being read into memory. Raise it with the environment variable when needed.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_BYTES_VARIABLE = "SVCCHECK_MAX_FILE_BYTES"


def max_bytes() -> int:
    """The input size cap in bytes, from ``SVCCHECK_MAX_FILE_BYTES`` or the default (5 MiB)."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "")
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:  # also a number beyond Python's integer conversion limit
        value = -1
    if value < 0:
        raise InputFileError(
            f"{MAX_BYTES_VARIABLE} must be a whole number of bytes (0 or more), not {excerpt(raw)}"
        )
    return value


# Process substitution (`svccheck score <(...)`) names a pipe under one of these: such a pipe
# always has a writer, so it is read like a file. Any other FIFO or device is refused unopened.
SUBSTITUTION_PREFIXES = ("/dev/fd/", "/proc/self/fd/")
# Read in pieces: the cap can be as large as 2**63 - 1, so it must never size a buffer.
CHUNK = 1 << 16


def read_text(name: str, *, regular_only: bool = False) -> str:
    """Read a UTF-8 text file (``-`` is standard input) with a clear error for every failure.

    With ``regular_only``, only a regular file is read: standard input, FIFOs, devices and
    process substitution are refused (for files named inside other files, such as an audit's
    rubric, where reading a terminal or a pipe would be a surprise or a hang).
    """
    return _decode(read_bytes(name, regular_only=regular_only), name)


def read_bytes(name: str, *, regular_only: bool = False) -> bytes:
    """Read a file's bytes (``-`` is standard input) within the size cap, as :func:`read_text`
    does; for binary formats such as spreadsheets."""
    limit = max_bytes()
    if name == STDIO:
        if regular_only:
            raise InputFileError("standard input (-) cannot be used here; name a file")
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise InputFileError("-: standard input is closed; nothing to read")
        return _read_capped(sys.stdin.buffer.read, 0, limit, name)
    descriptor, size = _open_input(name, regular_only)
    try:
        return _read_capped(lambda wanted: os.read(descriptor, wanted), size, limit, name)
    finally:
        os.close(descriptor)


def shown_name(name: str) -> str:
    """A file name as messages show it: escaped, and cut when it is too long to be a real one."""
    if len(name) <= 200:
        return identifier(name)
    return f"{identifier(name[:80])}…({len(name)} characters)"


def _refuse(name: str, error: OSError | ValueError) -> InputFileError:
    """The message for a file that cannot be opened or read."""
    if isinstance(error, ValueError):  # only an embedded NUL gets here
        return InputFileError(f"{name}: a file name cannot contain a NUL character")
    reasons = {
        errno.ENOENT: "no such file",
        errno.EISDIR: "is a directory, expected a YAML file",
        errno.EACCES: "permission denied (cannot read it)",
        errno.EPERM: "permission denied (cannot read it)",
        errno.ENAMETOOLONG: "file name too long",
        errno.ENOTDIR: "a part of the path is not a directory",
        errno.ELOOP: "too many levels of symbolic links",
    }
    reason = reasons.get(error.errno or 0) or f"cannot read: {error.strerror or error}"
    return InputFileError(f"{name}: {reason}")


def _open_input(name: str, regular_only: bool) -> tuple[int, int]:
    """Open a file to read, refusing what is not a regular file before it is opened; the
    descriptor and the file's size (0 for a pipe of process substitution, a /proc file)."""
    substitution = name.startswith(SUBSTITUTION_PREFIXES) and not regular_only
    try:
        status = os.stat(name)
        if stat.S_ISDIR(status.st_mode):
            raise InputFileError(f"{shown_name(name)}: is a directory, expected a YAML file")
        if not stat.S_ISREG(status.st_mode) and not substitution:
            raise _not_regular(shown_name(name), status.st_mode, regular_only)
        # Non-blocking open: if the path became a FIFO since stat, opening still returns at
        # once (instead of waiting forever for a writer) and fstat below refuses it.
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
        if not substitution:
            flags |= getattr(os, "O_NONBLOCK", 0)
        descriptor = os.open(name, flags)
    except (OSError, ValueError) as error:
        raise _refuse(shown_name(name), error) from None
    try:
        status = os.fstat(descriptor)
        regular = stat.S_ISREG(status.st_mode)
        if not regular and not substitution:
            raise _not_regular(shown_name(name), status.st_mode, regular_only)
        if not regular:  # reading a regular file never blocks, whatever the flag says
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status.st_size if regular else 0


def _not_regular(shown: str, mode: int, regular_only: bool) -> InputFileError:
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "not a regular file (a device?)"
    if regular_only:
        return InputFileError(f"{shown}: is {kind}; name a regular file")
    return InputFileError(
        f"{shown}: is {kind}; to read a stream, give - and pipe it to standard input"
    )


def _read_capped(read: Callable[[int], bytes | None], size: int, limit: int, name: str) -> bytes:
    """At most ``limit`` bytes from ``read``; more is an error, found without reading it all.

    ``size`` is what the file holds as far as its status says: asked for at once (one byte more,
    to see the end), so that reading never sizes a buffer by the cap, which may be as large as
    2**63 - 1. Streams and files that report no size are read in pieces.
    """
    chunks: list[bytes] = []
    total = 0
    wanted = size + 1 if size else CHUNK
    try:
        while total <= limit:
            chunk = read(min(wanted, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            wanted = CHUNK
    except OSError as error:
        raise _refuse(shown_name(name), error) from None
    if total > limit:
        raise InputFileError(
            f"{shown_name(name)}: larger than {limit} bytes; raise {MAX_BYTES_VARIABLE} if it "
            "is really meant"
        )
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(f"{shown_name(name)}: is UTF-16 encoded; save it as UTF-8")
    # The byte-order mark goes first, so that a mistake's place is counted as an editor shows it
    # (the mark is invisible there); decoding with "utf-8-sig" counts it in some places only.
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        column = error.start - (body.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputFileError(
            f"{shown_name(name)}:{line}:{column}: not valid UTF-8 "
            f"(byte 0x{body[error.start]:02x}); save the file as UTF-8"
        ) from None


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


# The names Linux gives standard output; any other path that is the same file (the terminal's
# /dev/pts/N, the file the shell redirected to) is found by comparing it with descriptor 1.
STDOUT_NAMES = frozenset({STDIO, "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def names_stdout(name: str) -> bool:
    """Whether writing to ``name`` would write to standard output: ``-``, one of its names, or a
    path that is the same file as standard output is now."""
    if name == STDIO or os.path.normpath(name) in STDOUT_NAMES:
        return True
    try:
        target, out = os.stat(name), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return False  # no such file, or no real standard output (closed, or captured in tests)
    return (target.st_dev, target.st_ino) == (out.st_dev, out.st_ino)


def refuse_stdout(name: str, option: str, shown_there: str = "the report") -> None:
    """Refuse ``name`` for a file written beside what standard output shows: both would be
    written over each other, and neither could be read. Checked before anything is written."""
    if names_stdout(name):
        raise UsageError(
            f"{option} {shown_name(name)}: is standard output, which carries {shown_there}; "
            "give a file name (nothing was written)"
        )


def _is_read_only(path: str, mode: int) -> bool:
    # Root may write any file, so os.access says yes; the mode bits say what the owner meant.
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


@contextlib.contextmanager
def writing_stdout() -> Iterator[None]:
    """Turn a failure to write standard output (a full disk) into a message and exit code 2.

    A broken pipe passes through: the reader went away, which is not worth a message.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write to standard output: {reason}") from None


def write_bytes_atomic(name: str, data: bytes) -> None:
    """Write ``data`` to ``name`` as :func:`write_text_atomic` writes text (``-``: stdout)."""
    write_text_atomic(name, data)


def write_text_atomic(name: str, text: str | bytes) -> None:
    """Write ``text`` to ``name`` (``-`` is standard output) so that it is never half-written.

    The text goes to a temporary file beside the real target (a symlink is followed and stays a
    link), is flushed to disk, and then replaces the target in one step; an existing target keeps
    its permissions. A read-only target is refused. A target that is not a regular file (a
    device such as ``/dev/null``, a FIFO, ``/dev/stdout``) is opened and written in place, never
    replaced. On any failure, Ctrl-C or SIGTERM included, the previous file is left untouched and
    no temporary file is left behind.
    """
    if name == STDIO:
        with writing_stdout():
            if isinstance(text, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
            else:
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


def _write_in_place(name: str, target: str, text: str | bytes) -> None:
    """Write to a device, FIFO or descriptor alias as it is: renaming over it would destroy it."""
    try:
        with _opened(open(target, "wb"), text) as stream:
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


def _opened(binary: BinaryIO, text: str | bytes) -> Any:
    """``binary`` as it must be written for ``text``: as it is for bytes, else as UTF-8 text."""
    if isinstance(text, bytes):
        return binary
    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def _replace(name: str, target: str, text: str | bytes, mode: int | None) -> None:
    """Write ``text`` to a temporary file beside ``target`` and rename it over ``target``."""
    directory = os.path.dirname(target)
    # Not tempfile.mkstemp: importing tempfile costs more start-up time than the write.
    base = os.path.basename(target)
    temporary = os.path.join(directory, f".{base}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    created, existed = False, mode is not None
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with _opened(os.fdopen(descriptor, "wb"), text) as stream:
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
