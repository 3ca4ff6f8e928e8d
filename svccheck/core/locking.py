"""One interactive session per audit file, held with an operating-system lock.

The lock is on a hidden file beside the audit (``.q4.yaml.lock``), not on the audit itself:
every save renames a new file into place, which would drop a lock held on the old one. The
operating system releases the lock when the process ends, however it ends, so a lock file left
behind by a crash never blocks anyone; it is removed on a clean exit.
"""

from __future__ import annotations

import contextlib
import os
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
            try:
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as error:
                reason = error.strerror or str(error)
                message = f"{audit_path}: cannot create the lock file {path} ({reason})"
                raise OutputError(message) from None
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
