"""The format-neutral blocks every view model is made of, and what a feature adds to one.

A view model (:mod:`svccheck.render.view.report` for ``score``) is built once from the engine's
results; every output format renders it and nothing else. Its blocks say *what* is shown, never
how: a :class:`Table` has columns for people (a ``heading``) and for programs (a ``key``), and
each format lays them out its own way, one function per kind of block. A feature (evidence,
importance, plan progress) adds its figures, columns and parts in one module, as a
:class:`Contribution`; no format knows the features, so none can drop one
(tests/test_view_features.py renders every contribution in every format).

Text from files arrives made safe to show (:mod:`svccheck.render.shown`); each format escapes
its own markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

from svccheck.core.record import record

if TYPE_CHECKING:
    from svccheck.engine.results import IPA


class Tone(StrEnum):
    """How a line reads, which formats with colour or emphasis show (others ignore it)."""

    PLAIN = "plain"
    MUTED = "muted"  # a legend, where figures came from
    WARNING = "warning"  # something the reader must not miss
    GOOD = "good"
    BAD = "bad"


@record
class Figure:
    """A headline figure: ``Confidence``, ``67%``, and what it means (``2 of 3 scores of 4 or
    more have evidence``)."""

    label: str
    value: str
    detail: str = ""


@record
class Fact:
    """A named value for programs (the workbook's Summary sheet): a number, flag, text or
    nothing."""

    key: str
    value: object


@record
class Column:
    """A column for people (``heading``), for programs (``key``: the CSV and workbook header), or
    both. ``numeric`` columns are right-aligned; ``whole`` ones (ids) are never broken."""

    key: str = ""
    heading: str = ""
    numeric: bool = False
    whole: bool = False

    @property
    def for_people(self) -> bool:
        """Shown in the views for people (table, Markdown, HTML)."""
        return bool(self.heading)

    @property
    def for_programs(self) -> bool:
        """Written to the formats for programs (CSV, workbook)."""
        return bool(self.key)


@record
class Cell:
    """One value: ``value`` for programs (rounded; ``None`` is empty), ``text`` for people."""

    value: object = None
    text: str = ""
    tone: Tone = Tone.PLAIN


EMPTY = Cell()


@record
class Row:
    """A table row; a row only for programs (an answer the rubric no longer has) is left out of
    the views for people, which list it elsewhere."""

    cells: tuple[Cell, ...]
    for_people: bool = True


@record
class IpaChart:
    """The importance-performance chart: drawn as a text scatter at the terminal and as an SVG
    in HTML, from the analysis itself; its table is the chart's key."""

    title: str
    ipa: IPA


@record
class Table:
    """Rows under columns. ``group``: the index of a column whose runs of equal values a format
    may show as headings (the terminal does) rather than as a column. ``chart``: a picture of
    the same rows, for the formats that draw."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    title: str = ""
    caption: str = ""
    group: int | None = None
    chart: IpaChart | None = None

    def people(self) -> tuple[tuple[Column, ...], list[tuple[Cell, ...]]]:
        """The columns and rows for people."""
        keep = [index for index, column in enumerate(self.columns) if column.for_people]
        rows = [tuple(row.cells[i] for i in keep) for row in self.rows if row.for_people]
        return tuple(self.columns[i] for i in keep), rows

    def programs(self) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
        """The header and rows of values for programs (every row)."""
        keep = [index for index, column in enumerate(self.columns) if column.for_programs]
        rows = [tuple(row.cells[i].value for i in keep) for row in self.rows]
        return tuple(self.columns[i].key for i in keep), rows


@record
class Entry:
    """A line of a list, about an item (``title`` and ``id``) or not."""

    text: str
    title: str = ""
    id: str = ""


@record
class Listing:
    """A list under its heading."""

    heading: str
    entries: tuple[Entry, ...]


@record
class Paragraph:
    """A line or two of text."""

    text: str
    tone: Tone = Tone.PLAIN


Block = Paragraph | Listing | Table


@record
class Part:
    """A part of a report under its heading (an HTML section, a Markdown ``##``). ``full``: a
    detail the terminal and Markdown show only with ``--all``; HTML, which has room, always
    shows it."""

    key: str
    heading: str
    blocks: tuple[Block, ...]
    full: bool = False


@record
class Contribution:
    """What one feature adds to a report's view: headline figures and warnings, columns on the
    item table (cells by item id, empty where missing), words after each action (by item id) and
    legends above the actions, parts after the actions or at the end, and facts for programs."""

    figures: tuple[Figure, ...] = ()
    warnings: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    cells: Mapping[str, tuple[Cell, ...]] | None = None
    action_words: Mapping[str, str] | None = None
    action_legends: tuple[Paragraph, ...] = ()
    parts: tuple[Part, ...] = ()
    closing_parts: tuple[Part, ...] = ()
    facts: tuple[Fact, ...] = ()

    def cells_of(self, item_id: str) -> tuple[Cell, ...]:
        """An item's cells in this feature's columns (empty cells where it has none)."""
        found = None if self.cells is None else self.cells.get(item_id)
        return found if found is not None else (EMPTY,) * len(self.columns)
