"""Every rubric there is: the ids the search path offers, loaded for ``svccheck rubrics`` and
completion, and the message that lists them when a reference names none."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from svccheck import files
from svccheck.errors import NotFoundError, SvccheckError, did_you_mean
from svccheck.record import record
from svccheck.render.sanitize import excerpt
from svccheck.rubric import (
    SEARCH_PATH_VARIABLE,
    SUFFIXES,
    Rubric,
    is_regular_file,
    load,
    search_directories,
)


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


@record
class Catalog:
    """Every rubric that can be named by id, what is wrong with the others, and warnings."""

    rubrics: tuple[Rubric, ...]
    broken: tuple[SvccheckError, ...]
    warnings: tuple[str, ...]


def catalog() -> Catalog:
    """Load every rubric the search finds; a file whose name is not its id is named in a
    warning (it cannot be named by id), not ignored."""
    rubrics, broken, warnings = [], [], []
    for stem, path in available().items():
        try:
            loaded = load(str(path))
        except SvccheckError as error:
            broken.append(error)
            continue
        rubrics.append(loaded)
        if loaded.id != stem:
            warnings.append(
                f"{files.shown_name(str(path))}: declares id {loaded.id!r} but is named "
                f"{path.name!r}; rename it {loaded.id}.yaml to use it by id"
            )
    return Catalog(tuple(rubrics), tuple(broken), tuple(warnings))
