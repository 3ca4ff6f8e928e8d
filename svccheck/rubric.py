"""Rubrics: the data model, loading with located validation, and finding them by id or path.

Listing every rubric there is (``svccheck rubrics``, completion) is in
:mod:`svccheck.rubric_catalog`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from svccheck import files
from svccheck.errors import (
    InputFileError,
    InvalidFileError,
    NotFoundError,
    Problem,
)
from svccheck.record import record
from svccheck.render.sanitize import excerpt

SEARCH_PATH_VARIABLE = "SVCCHECK_RUBRICS_PATH"
DEFAULT_LABELS = {1: "Not in place", 2: "Ad hoc", 3: "Defined", 4: "Managed", 5: "World-class"}
DEFAULT_LEVELS = (
    ("Reactive", 0.0),
    ("Emerging", 20.0),
    ("Developing", 40.0),
    ("Established", 60.0),
    ("World-class", 80.0),
)
DEFAULT_TARGET = 75.0
DEFAULT_MIN_COVERAGE_PERCENT = 80.0  # below it a result is provisional
SUFFIXES = (".yaml", ".yml")


@record
class Scale:
    """The whole-number scale every item is scored on, with a label for each point."""

    min: int
    max: int
    labels: tuple[str, ...]  # labels[i] belongs to the score min + i

    def label(self, score: int) -> str:
        """The label of a score on this scale."""
        return self.labels[score - self.min]

    def points(self) -> range:
        """Every valid score, lowest first."""
        return range(self.min, self.max + 1)


@record
class Level:
    """A maturity band: an overall score of at least ``min`` percent earns ``name``."""

    name: str
    min: float


@record
class Guidance:
    """What a score looks like in practice: observable evidence for each described scale point.

    Built-in rubrics describe every point; the short form of the file format (``low``, ``mid``,
    ``high``) describes the lowest, middle and top point only.
    """

    levels: tuple[tuple[int, str], ...]  # (scale point, evidence), lowest point first

    def text(self, point: int) -> str | None:
        """The evidence described for ``point``, if the rubric describes it."""
        return next((text for described, text in self.levels if described == point), None)


@record
class Item:
    """One practice the assessor scores.

    ``replaces`` names items of earlier editions of the rubric that this one supersedes: an
    older audit's answer to one of them counts for this item.
    """

    id: str
    title: str
    question: str
    guidance: Guidance
    weight: float
    source: str
    actions: tuple[str, ...]
    replaces: tuple[str, ...] = ()


@record
class Section:
    """A group of items.

    ``weight`` is the section's declared share of the overall score; ``None`` when the rubric
    declares none, and then a section weighs as much as the weights of its answered items.
    """

    id: str
    title: str
    weight: float | None
    description: str
    items: tuple[Item, ...]


class OriginKind(StrEnum):
    """Where a rubric comes from."""

    BUILT_IN = "built-in"
    SEARCH_PATH = "search path"
    FILE = "file"


@record
class Origin:
    """Where a rubric comes from; an edition in ``SVCCHECK_RUBRICS_PATH`` may shadow a built-in
    rubric of the same id, and reports then say so."""

    kind: OriginKind = OriginKind.FILE
    shadows_builtin: bool = False

    def short(self) -> str:
        """For a table cell: ``built-in``, ``search path``, ``file``, and what it shadows."""
        return f"{self.kind}, shadows built-in" if self.shadows_builtin else str(self.kind)

    def describe(self, path: str) -> str:
        """For people: ``built-in``, or where the file is and what it shadows."""
        if self.kind is OriginKind.BUILT_IN:
            return "built-in"
        where = f"{SEARCH_PATH_VARIABLE} edition {path}"
        if self.kind is OriginKind.FILE:
            where = f"file {path}"
        return f"{where}, shadowing the built-in rubric" if self.shadows_builtin else where


@record
class Rubric:
    """A complete rubric as loaded from one YAML file."""

    id: str
    title: str
    version: int
    description: str
    sources: tuple[str, ...]
    scale: Scale
    target: float
    levels: tuple[Level, ...]
    sections: tuple[Section, ...]
    path: str
    origin: Origin = Origin()
    scoring_rule: str = ""  # how to choose between two levels the evidence fits
    min_coverage: float = DEFAULT_MIN_COVERAGE_PERCENT  # percent answered below: provisional
    defaults_note: str = ""  # which numbers in the levels are adjustable defaults
    evidence_from: int | None = None  # scores at or above it need evidence (None: none do)
    evidence_max_age: int | None = None  # months; older evidence is stale (None: never)

    def items(self) -> Iterator[tuple[Section, Item]]:
        """Every item with its section, in rubric order."""
        for section in self.sections:
            for item in section.items:
                yield section, item

    def replaced_ids(self) -> dict[str, str]:
        """Item ids of earlier editions mapped to the item that replaces each."""
        return {old: item.id for _, item in self.items() for old in item.replaces}

    def item_ids(self) -> list[str]:
        """Every item id in rubric order."""
        return [item.id for _, item in self.items()]

    def item_count(self) -> int:
        """How many items the rubric has."""
        return sum(len(section.items) for section in self.sections)

    # Asked for every answer of every audit in a bulk run: worked out once per rubric. (A frozen
    # dataclass still has a __dict__, where cached_property keeps the value; equality, hashing
    # and dataclasses.replace see only the fields.)

    @cached_property
    def id_order(self) -> tuple[str, ...]:
        """Every item id in rubric order (:meth:`item_ids`, worked out once)."""
        return tuple(self.item_ids())

    @cached_property
    def own_ids(self) -> frozenset[str]:
        """Every item id of this edition."""
        return frozenset(self.id_order)

    @cached_property
    def old_ids(self) -> frozenset[str]:
        """The ids of earlier editions that an item of this one replaces."""
        return frozenset(self.replaced_ids())

    @cached_property
    def answer_ids(self) -> frozenset[str]:
        """The ids an audit of this edition or an earlier one may answer."""
        return self.own_ids | self.old_ids


def parse_rubric(text: str, file: str) -> Rubric:
    """Parse and validate rubric text; :class:`InvalidFileError` lists every problem."""
    from svccheck import rubric_format  # it imports this module's data model

    return rubric_format.parse(text, file)


def load_rubric_file(path: str) -> Rubric:
    """Read and validate one rubric file (``-`` reads standard input)."""
    return parse_rubric(files.read_text(path), path)


def builtin_directory() -> Path:
    """Where the bundled rubrics are: inside the package when installed, beside it in a checkout."""
    package = Path(__file__).resolve().parent
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
    from svccheck.rubric_catalog import not_found  # only on this path: lists every known id

    raise not_found(reference, directories)


# Rubrics loaded in this process, by file. Each remembers the size and modification time its file
# had when it was read, and is read again when they change: never stale, and a long session (the
# interactive audit) sees an edited rubric. Nothing is kept on disk.
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
