"""Finding rubrics by id or path, and loading them with located validation, once per process.

Listing every rubric there is (``svccheck rubrics``, completion) is in
:mod:`svccheck.formats.rubric.catalog`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

from svccheck.core import files
from svccheck.core.errors import InputFileError, InvalidFileError, NotFoundError, Problem
from svccheck.formats.rubric import cache as rubric_cache
from svccheck.formats.rubric.search import (
    builtin_directory,
    is_regular_file,
    locate,
    looks_like_path,
    search_directories,
)
from svccheck.model.rubric import SEARCH_PATH_VARIABLE, SUFFIXES, Origin, OriginKind, Rubric


def parse_rubric(text: str, file: str) -> Rubric:
    """Parse and validate rubric text; :class:`InvalidFileError` lists every problem."""
    # Imported for a rubric the cache does not hold: with its guidance and sources declarations,
    # the reader was 0.8 ms of every report of a rubric read before (measured).
    from svccheck.formats.rubric import reader

    return reader.parse(text, file)


def load_rubric_file(path: str) -> Rubric:
    """Read and validate one rubric file (``-`` reads standard input); one read before, with
    the same text, comes from the cache (:mod:`svccheck.formats.rubric.cache`)."""
    text = files.read_text(path)
    if path == files.STDIO:
        return parse_rubric(text, path)
    rubric = rubric_cache.get(path, text)
    if rubric is None:
        rubric = parse_rubric(text, path)
        rubric_cache.put(path, text, rubric)
    return rubric


# Rubrics loaded in this process, by file. Each remembers the size and modification time its file
# had when it was read, and is read again when they change: never stale, and a long session (the
# interactive audit) sees an edited rubric. (On disk, the cache is keyed by the file's text.)
_cache: dict[str, Rubric] = {}
_stamps: dict[str, tuple[int, int]] = {}
# The file a rubric reference in an audit led to, by (reference, the audit's folder, the search
# path, the working directory): thousands of audits naming the same rubric find it once instead of
# searching the directories (and resolving their paths) again for every audit.
_named: dict[tuple[str, str, str, str], str] = {}


def _stamp(path: str) -> tuple[int, int] | None:
    """A regular file's modification time and size, or ``None``."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return status.st_mtime_ns, status.st_size


def _fresh(path: str) -> Rubric | None:
    """The rubric read from ``path`` earlier, if its file has not changed since."""
    rubric = _cache.get(path)
    if rubric is None or _stamps.get(path) != _stamp(path):
        return None
    return rubric


def load(reference: str, relative_to: Path | None = None) -> Rubric:
    """Load a rubric by id or path, once per process (audits in bulk share one rubric)."""
    path = locate(reference, relative_to)
    cached = None if path == files.STDIO else _fresh(path)
    if cached is not None:
        return cached
    stamp = None if path == files.STDIO else _stamp(path)  # before reading: a later edit shows
    try:
        rubric = load_rubric_file(path)
    except InputFileError as error:
        if looks_like_path(reference) and not Path(path).exists():
            raise NotFoundError(f"rubric file {path} does not exist") from None
        raise error
    if not looks_like_path(reference) and rubric.id != reference:
        raise InvalidFileError(
            [Problem(path, 0, 0, f"declares id {rubric.id!r} but is named {reference!r}")]
        )
    rubric = replace(rubric, origin=origin_of(path, rubric.id))
    if stamp is not None:
        _cache[path], _stamps[path] = rubric, stamp
    return rubric


def load_named(reference: str, folder: str) -> Rubric:
    """The rubric an audit in ``folder`` names: :func:`load` relative to ``folder``, with the file
    the reference leads to remembered for the next audit of the same folder."""
    key = (reference, folder, os.environ.get(SEARCH_PATH_VARIABLE, ""), os.getcwd())
    path = _named.get(key)
    if path is not None:
        cached = _fresh(path)
        if cached is not None:
            return cached
    rubric = load(reference, Path(folder))
    if rubric.path != files.STDIO:
        _named[key] = rubric.path
    return rubric


def origin_of(path: str, rubric_id: str) -> Origin:
    """Where the rubric file at ``path`` comes from, and whether it shadows a built-in one."""
    if path == files.STDIO:
        return Origin()
    folder = _resolved(Path(path).parent)
    builtins = builtin_directory()
    if folder == _resolved(builtins):
        return Origin(OriginKind.BUILT_IN)
    extra = search_directories()[:-1]
    kind = OriginKind.SEARCH_PATH if any(folder == _resolved(d) for d in extra) else OriginKind.FILE
    shadows = any(is_regular_file(builtins / f"{rubric_id}{suffix}") for suffix in SUFFIXES)
    return Origin(kind, shadows and kind is OriginKind.SEARCH_PATH)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path
