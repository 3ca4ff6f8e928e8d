"""A rubric's ``source_titles``: what the documents it encodes are called.

A rubric names its sources by file (``sources: [000_19b7317bba1a20ac.txt]``) and cites them by
file in every item's ``source``; people read titles. ``source_titles`` (format 2, optional) maps
a file named in ``sources`` to its title, and the views for people (``svccheck rubrics show``)
show the title wherever the file name stands. A title for a file ``sources`` does not name is a
cross-field problem: it would never be shown.
"""

from __future__ import annotations

from svccheck.core.errors import Rule
from svccheck.core.sanitize import excerpt
from svccheck.formats.declare import Context, Text
from svccheck.formats.structure import Field, Fields, MapOf

FIELD = Field(
    "source_titles",
    MapOf(Text("a source file name", r"\S(?:.*\S)?"), Text()),
    since=2,
    description="a title for a file named in sources, shown instead of the file name",
)


def check(fields: Fields, context: Context) -> None:
    """Every titled source is one ``sources`` names."""
    named = set(fields.values.get("sources", ()))
    for entry in fields.values.get("source_titles", ()):
        if entry.key not in named:
            message = f"source_titles: {excerpt(entry.key)} is not one of the sources"
            context.problem(entry.key_node, message, Rule.CROSS_FIELD)


def build(fields: Fields) -> tuple[tuple[str, str], ...]:
    """(file, title) pairs, in the order written."""
    return tuple(
        (entry.key, " ".join(entry.value.split()))
        for entry in fields.values.get("source_titles", ())
    )
