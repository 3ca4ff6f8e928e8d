"""The user's cache folder: entries only this user can have written, every failure ignored.

What is kept here can always be made again (a rubric is read again from its file), so the cache
never stops a command: a folder that cannot be made, read or written, an entry that is missing,
too large or not to be trusted, all read as "nothing cached". On POSIX systems an entry is
trusted only in a folder that is no symbolic link, owned by the user running svccheck and not
writable by anybody else, and only when it is itself a regular file owned by the user and
writable by nobody else: another user on the machine cannot plant an entry. The folder is made
readable by its owner only. Entries are written to a temporary file and renamed, so a reader sees
a whole entry or none. What an entry holds and how it is checked is its writer's business
(:mod:`svccheck.formats.rubric.cache`).

Where: ``SVCCHECK_CACHE_DIR`` when set (empty: no cache at all), otherwise the platform's cache
folder: ``$XDG_CACHE_HOME/svccheck`` or ``~/.cache/svccheck``, ``~/Library/Caches/svccheck`` on
macOS, ``%LOCALAPPDATA%\\svccheck\\Cache`` on Windows. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys

CACHE_DIR_VARIABLE = "SVCCHECK_CACHE_DIR"
MAX_ENTRY_BYTES = 16 * 1024 * 1024  # far above any entry written; a larger file is no entry


def directory() -> str | None:
    """The cache folder's path (which may not exist yet), or ``None`` when caching is off."""
    configured = os.environ.get(CACHE_DIR_VARIABLE)
    if configured is not None:
        return configured or None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return os.path.join(local, "svccheck", "Cache") if local else None
    if sys.platform == "darwin":
        base = os.path.expanduser("~/Library/Caches")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG specification ignores a relative path.
        base = xdg if os.path.isabs(xdg) else os.path.expanduser("~/.cache")
    return None if base.startswith("~") else os.path.join(base, "svccheck")


def _trusted(status: os.stat_result) -> bool:
    """Owned by the user running svccheck and writable by nobody else (POSIX)."""
    if os.name != "posix":  # the user's own profile folder (Windows)
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _folder(create: bool) -> str | None:
    """The cache folder if it is safe to use (made first when ``create``), else ``None``."""
    path = directory()
    if path is None:
        return None
    try:
        if create:
            os.makedirs(path, mode=0o700, exist_ok=True)
        status = os.lstat(path)  # a symbolic link is not followed, and so not trusted
    except (OSError, ValueError):
        return None
    return path if stat.S_ISDIR(status.st_mode) and _trusted(status) else None


def read(name: str) -> bytes | None:
    """The entry ``name`` if there is one to trust, else ``None``."""
    folder = _folder(create=False)
    if folder is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(os.path.join(folder, name), flags)
    except (OSError, ValueError):
        return None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or not _trusted(status):
            return None
        if status.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            data = stream.read(MAX_ENTRY_BYTES + 1)
        return data if len(data) <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


def write(name: str, data: bytes) -> None:
    """Keep ``data`` as the entry ``name``, replacing any; nothing happens if that fails."""
    folder = _folder(create=True)
    if folder is None or len(data) > MAX_ENTRY_BYTES:
        return
    # Not tempfile.mkstemp, as in core.files: importing tempfile costs more than the write.
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    created = False
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        created = True
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, os.path.join(folder, name))
        created = False
    except (OSError, ValueError):
        pass  # a cache that cannot be written is no cache: the rubric is read from its file
    finally:  # also on Ctrl-C: no temporary file is left behind
        if created:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
