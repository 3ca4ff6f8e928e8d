"""Finding rubric files: the search path, the built-in folder, and the file a reference names."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from svccheck.core import files
from svccheck.core.errors import NotFoundError, did_you_mean
from svccheck.core.sanitize import excerpt
from svccheck.model.rubric import SEARCH_PATH_VARIABLE, SUFFIXES


def builtin_directory() -> Path:
    """Where the bundled rubrics are: inside the package when installed, beside it in a checkout."""
    package = Path(__file__).resolve().parents[2]  # svccheck/formats/rubric/ -> svccheck/
    installed = package / "rubrics"
    return installed if installed.is_dir() else package.parent / "rubrics"


def search_directories() -> list[Path]:
    """Directories searched for rubric ids: ``SVCCHECK_RUBRICS_PATH`` entries, then built-ins."""
    extra = os.environ.get(SEARCH_PATH_VARIABLE, "")
    return [Path(entry) for entry in extra.split(os.pathsep) if entry] + [builtin_directory()]


def is_regular_file(path: Path) -> bool:
    """Whether ``path`` is a regular file; ``False`` for dangling links, FIFOs and bad names."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def looks_like_path(reference: str) -> bool:
    """Whether a rubric reference names a file rather than an id."""
    return (
        reference == files.STDIO
        or "/" in reference
        or os.sep in reference
        or (reference.endswith(SUFFIXES))
    )


# Far longer than any real id; a longer one is refused before it reaches the file system.
MAX_ID_LENGTH = 200


def _check_path(path: Path, named_in_file: bool) -> None:
    """Refuse a rubric path that cannot be read, with the reason; a missing file passes (the
    loader says it does not exist). Inside a file, only a regular file may be named: reading a
    terminal, pipe or device because an audit says so would be a surprise or a hang."""
    shown = files.shown_name(str(path))
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        reason = "file name too long" if error.errno == errno.ENAMETOOLONG else error.strerror
        raise NotFoundError(f"rubric file {shown}: {reason or error}") from None
    if named_in_file and not stat.S_ISREG(status.st_mode):
        raise NotFoundError(f"{shown} is not a regular file; name a rubric file")


def locate(reference: str, relative_to: Path | None = None) -> str:
    """The file a rubric reference (id or path) names; :class:`NotFoundError` if none.

    ``relative_to`` is the folder of the file that names the rubric (an audit); such a
    reference must name a regular file (never ``-``, ``/dev/stdin`` or a FIFO).
    """
    if "\0" in reference:
        raise NotFoundError(f"rubric reference {excerpt(reference)} contains a NUL character")
    if looks_like_path(reference):
        if reference == files.STDIO and relative_to is not None:
            raise NotFoundError("standard input (-) cannot be named here; name a rubric file")
        try:
            path = Path(reference).expanduser()
        except RuntimeError:  # ~name of a user this machine does not know, or no home at all
            home = excerpt(reference.split("/", 1)[0])
            raise NotFoundError(
                f"{excerpt(reference)}: {home} is no home folder on this machine"
            ) from None
        if relative_to is not None and not path.is_absolute():
            path = relative_to / path
        _check_path(path, named_in_file=relative_to is not None)
        return str(path)
    if len(reference) > MAX_ID_LENGTH:
        raise NotFoundError(
            f"no rubric named {excerpt(reference)}: an id has at most {MAX_ID_LENGTH} characters"
        )
    directories = search_directories()
    for directory in directories:
        for suffix in SUFFIXES:
            candidate = directory / f"{reference}{suffix}"
            if is_regular_file(candidate):
                return str(candidate)
    raise not_found(reference, directories)


def _listing(directory: Path) -> list[Path] | None:
    """The entries of a search directory, or ``None`` if it cannot be listed (missing,
    unreadable, not a directory, a name with NUL or too long): one bad entry in
    ``SVCCHECK_RUBRICS_PATH`` must not hide the rubrics of the others."""
    try:
        return sorted(directory.iterdir())
    except (OSError, ValueError):
        return None


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def available() -> dict[str, Path]:
    """Every rubric id that can be named, mapped to its file; earlier directories win."""
    found: dict[str, Path] = {}
    for directory in search_directories():
        for candidate in _listing(directory) or ():
            if candidate.suffix in SUFFIXES and is_regular_file(candidate):
                found.setdefault(candidate.stem, candidate)
    return found


def not_found(reference: str, directories: list[Path]) -> NotFoundError:
    """The error for an id no search directory has: the known ids, a likely one, and the
    directories that could not be read."""
    known = sorted(available())
    unreadable = [d for d in directories if _is_directory(d) and _listing(d) is None]
    skipped = "".join(
        f"; {files.shown_name(str(d))} in {SEARCH_PATH_VARIABLE} could not be read"
        for d in unreadable
    )
    return NotFoundError(
        f"no rubric named {excerpt(reference)}{did_you_mean(reference, known)}; "
        f"known ids: {', '.join(known) or 'none'} (or give a path to a rubric file){skipped}"
    )
