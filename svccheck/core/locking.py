"""One interactive session per audit file, held with an operating-system lock.

The lock is on a hidden file beside the audit (``.q4.yaml.lock``), not on the audit itself:
every save renames a new file into place, which would drop a lock held on the old one. The
operating system releases the lock when the process ends, however it ends, so a lock file left
behind by a crash never blocks anyone; it is removed on a clean exit.

The lock file is opened without following a symbolic link (a link planted at its name would
otherwise make svccheck create the file it points to, anywhere, as whoever runs it) and must be
a regular file. It is readable by all (0644, whatever the umask): a lock left behind by another
user in a shared folder, which this user can neither open for writing nor remove, is locked
through a read-only descriptor instead, so it blocks nobody either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from types import TracebackType

from svccheck.core.errors import OutputError, UsageError


def lock_path(audit_path: str) -> str:
    """The lock file of an audit: hidden, beside the real file (a symlink is followed)."""
    real = os.path.realpath(audit_path)
    return os.path.join(os.path.dirname(real), f".{os.path.basename(real)}.lock")


def _try_lock(descriptor: int) -> bool:
    """Take the lock without waiting; ``False`` if another process holds it."""
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_there(descriptor: int, path: str) -> bool:
    """Whether the locked file is still the one at ``path`` (not removed by its last holder)."""
    try:
        mine, now = os.fstat(descriptor), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


# Never through a link, never waiting on a FIFO, never inherited by a child process.
_FLAGS = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


_MODE = 0o644


def _open_lock(audit_path: str, path: str) -> int:
    """A descriptor of the regular file at ``path``, created if missing; refused (exit 2) when
    the name is a symbolic link or anything else that is not a regular file."""
    try:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | _FLAGS, _MODE)
        except PermissionError:  # another user's lock left behind: reading is enough to lock
            descriptor = os.open(path, os.O_RDONLY | _FLAGS)
    except PermissionError:
        raise OutputError(
            f"{audit_path}: the lock file {path} was left by another user and only they can read "
            "it; ask them (or an administrator) to remove it, then start again"
        ) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OutputError(
                f"{audit_path}: the lock file {path} is a symbolic link; svccheck never "
                "follows one there (it would create the file it points to). Remove the link "
                "and start again"
            ) from None
        reason = error.strerror or str(error)
        raise OutputError(f"{audit_path}: cannot create the lock file {path} ({reason})") from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise OutputError(
            f"{audit_path}: the lock file {path} is not a regular file; remove it and start again"
        )
    if (
        sys.platform != "win32"
        and status.st_uid == os.geteuid()
        and stat.S_IMODE(status.st_mode) != _MODE
    ):
        with contextlib.suppress(OSError):  # readable by all whatever the umask (it is empty)
            os.fchmod(descriptor, _MODE)
    return descriptor


class Locks:
    """The audit files this session holds; ``claim`` each, release all on leaving the block."""

    def __init__(self) -> None:
        self._held: dict[str, int] = {}

    def claim(self, audit_path: str) -> None:
        """Hold ``audit_path`` for this session, or raise :class:`UsageError` naming it."""
        path = lock_path(audit_path)
        if path in self._held:
            return
        for _ in range(10):  # the holder may remove the file between our open and our lock
            descriptor = _open_lock(audit_path, path)
            if not _try_lock(descriptor):
                os.close(descriptor)
                raise UsageError(
                    f"{audit_path}: another svccheck session has this file open; finish that "
                    "session first (it ends when that svccheck process ends)"
                )
            if _still_there(descriptor, path):
                self._held[path] = descriptor
                return
            os.close(descriptor)
        raise UsageError(f"{audit_path}: could not lock {path}; try again")

    def release(self) -> None:
        """Remove the lock files (while still locked, so nobody takes a file about to go)."""
        for path, descriptor in self._held.items():
            if sys.platform != "win32":  # Windows cannot remove a file that is open
                with contextlib.suppress(OSError):
                    os.unlink(path)
            os.close(descriptor)
        self._held.clear()

    def __enter__(self) -> Locks:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
