"""The importance file format (``kind: importance``), declared once: loader, located errors and
JSON Schema; and the cross-field check of importance ids that audits share.

One customer survey serves every quarter's audit: the file names the rubric, the organization,
where the figures came from, and an importance from 1 to 5 per item. The rules a schema cannot
state are checked against the rubric the file names and marked cross-field: the rubric must
load, and every id must be one of its items (or an id one of them replaces), with the closest
id suggested.
"""

from __future__ import annotations

from typing import Any

from svccheck.core import files
from svccheck.engine.importance import ImportanceFile, Reconciled, reconcile
from svccheck.formats import tree
from svccheck.formats.audit.reader import DATE, IMPORTANCE, check_ids, named_rubric
from svccheck.formats.declare import Nullable, OneOf, Text
from svccheck.formats.numbers import Version
from svccheck.formats.structure import Field, Format, Record
from svccheck.model import rubric

VERSIONS = (2,)
KIND = "importance"
IMPORTANCE_FORMAT = Format(
    KIND,
    "an importance file",
    Record(
        (
            Field("svccheck", Version(VERSIONS), True, description="the format version (2)"),
            Field("kind", OneOf((KIND,), "the file kind, importance"), True),
            Field(
                "rubric",
                Text("a rubric id or path"),
                True,
                description="the rubric whose items are rated: a built-in id or a path",
            ),
            Field("organization", Text(), True, description="whose customers were asked"),
            Field(
                "source",
                Text(),
                True,
                description="where the figures came from: the survey or panel, when, how many",
            ),
            Field("date", Nullable(DATE), description="when the figures were collected"),
            Field(
                "importance",
                IMPORTANCE,
                True,
                description="item id → how much customers care about it, 1 to 5",
            ),
        )
    ),
    VERSIONS,
)


def read(parsed: tree.Parsed, file: str) -> tuple[ImportanceFile, rubric.Rubric, Reconciled]:
    """The importance file in a parsed file, the rubric it names and its ratings under that
    rubric's ids; :class:`InvalidFileError` lists every problem."""
    fields, context = IMPORTANCE_FORMAT.read(parsed, file)
    loaded = named_rubric(fields, file, context) if fields is not None else None
    if fields is not None and loaded is not None:
        check_ids(fields.values.get("importance") or (), loaded, False, context)
    context.raise_if_any()
    assert fields is not None  # else a problem was noted
    assert loaded is not None
    values: dict[str, Any] = fields.values
    seen = reconcile(((entry.key, entry.value) for entry in values["importance"]), loaded)
    found = ImportanceFile(
        rubric=values["rubric"],
        organization=values["organization"],
        source=values["source"],
        date=values.get("date"),
        ratings=seen.ratings,
        path=file,
    )
    return found, loaded, seen


def parse(text: str, file: str) -> tuple[ImportanceFile, rubric.Rubric, Reconciled]:
    """Parse and read importance file text, loading the rubric it names."""
    return read(tree.parse(text, file), file)


def load(path: str) -> tuple[ImportanceFile, rubric.Rubric, Reconciled]:
    """Read and check one importance file (``-`` reads standard input)."""
    return parse(files.read_text(path), path)
