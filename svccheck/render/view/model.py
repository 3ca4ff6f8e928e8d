"""The format-neutral blocks every view model is made of, and what a feature adds to one.

Every report kind has one view model, built once from the engine's results
(:mod:`svccheck.render.view.report` for ``score``, ``comparison`` for ``diff``, ``trend``,
``combined`` for ``combine``, ``plan``); every output format renders it and nothing else. Its
blocks say *what* is shown, never how: a :class:`Table` has columns for people (a ``heading``)
and for programs (a ``key``), and each format lays them out its own way, one function per kind
of block. A feature (evidence, importance, plan progress, calibration, criteria) adds its
figures, columns, rows and parts in one module, as the contribution its report kind takes
(:class:`Contribution`, :class:`DiffContribution`, :class:`TrendContribution`,
:class:`CombinedContribution`); no format knows the features, so none can drop one
(tests/test_view_features.py renders every contribution of every kind in every format).

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
    more have evidence``). ``short``: the abbreviation narrow layouts use for it (a column
    headed ``conf.``), which its line then introduces; ``closing``: repeated in the headline
    that closes a report, where there is one."""

    label: str
    value: str
    detail: str = ""
    short: str = ""
    closing: bool = True


@record
class Note:
    """A labelled line under the headline figures: ``Unsupported claims (new)``, and what."""

    label: str
    text: str
    tone: Tone = Tone.PLAIN


@record
class Fact:
    """A named value for programs (the workbook's Summary sheet): a number, flag, text or
    nothing."""

    key: str
    value: object


@record
class Column:
    """A column for people (``heading``), for programs (``key``: the CSV and workbook header), or
    both. ``numeric`` columns are right-aligned; ``whole`` ones (ids) are never broken;
    ``short``: the heading where room is scarce (the terminal), when it has one."""

    key: str = ""
    heading: str = ""
    numeric: bool = False
    whole: bool = False
    short: str = ""

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
    the views for people, which list it elsewhere. A ``total`` row (the overall, a mean) sums
    up the rows above it: formats set it apart."""

    cells: tuple[Cell, ...]
    for_people: bool = True
    total: bool = False


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

    def totals(self) -> list[bool]:
        """Whether each row for people is a total row, in the order of :meth:`people`."""
        return [row.total for row in self.rows if row.for_people]

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


@record
class Checklist:
    """Things to tick off: steps to take, an answer to agree on."""

    entries: tuple[str, ...]


@record
class Topic:
    """A titled group of blocks within a part: one item on an agenda (an item to discuss)."""

    heading: str
    blocks: tuple[Paragraph | Listing | Table | Checklist, ...]


Block = Paragraph | Listing | Table | Checklist | Topic


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
        return cells_of(self.columns, self.cells, item_id)


def cells_of(
    columns: tuple[Column, ...], cells: Mapping[str, tuple[Cell, ...]] | None, key: str
) -> tuple[Cell, ...]:
    """A row's cells in a feature's ``columns`` by its key (empty cells where it has none)."""
    found = None if cells is None else cells.get(key)
    return found if found is not None else (EMPTY,) * len(columns)


@record
class DiffContribution:
    """What one feature adds to a comparison's view (``diff``): headline figures and notes,
    columns on the item table (cells by item id), parts after the items and at the end."""

    figures: tuple[Figure, ...] = ()
    notes: tuple[Note, ...] = ()
    columns: tuple[Column, ...] = ()
    cells: Mapping[str, tuple[Cell, ...]] | None = None
    parts: tuple[Part, ...] = ()
    closing_parts: tuple[Part, ...] = ()

    def cells_of(self, item_id: str) -> tuple[Cell, ...]:
        """An item's cells in this feature's columns (empty cells where it has none)."""
        return cells_of(self.columns, self.cells, item_id)


class Beside(StrEnum):
    """Which of a trend's own measures a feature's measure belongs beside."""

    OVERALL = "overall"  # a figure of the same kind (the plan's projected overall)
    COVERAGE = "coverage"  # how far the scores can be trusted (the confidence)


@record
class Measure:
    """One figure per period of a trend's unit: a row (or column) beside the overall or the
    coverage. ``key``: the CSV's scope; ``short``: the heading where room is scarce;
    ``projected``: a path the unit was meant to follow, drawn beside the actual one."""

    key: str
    heading: str
    cells: tuple[Cell, ...]  # one per period
    beside: Beside
    short: str = ""
    projected: bool = False


@record
class TrendContribution:
    """What one feature adds to a trend's view: measures per unit (in the trend's order of
    units; a unit without any has none)."""

    measures: tuple[tuple[Measure, ...], ...] = ()

    def measures_of(self, index: int) -> tuple[Measure, ...]:
        """The measures of the trend's ``index``-th unit."""
        return self.measures[index] if index < len(self.measures) else ()


@record
class CombinedContribution:
    """What one feature adds to combined audits' view (``combine``): headline figures, columns
    on the groups' table (cells by group name, the mean's under ``MEAN_KEY``), columns on the
    item table (cells by item id) and parts after the groups' table."""

    figures: tuple[Figure, ...] = ()
    group_columns: tuple[Column, ...] = ()
    group_cells: Mapping[str, tuple[Cell, ...]] | None = None
    columns: tuple[Column, ...] = ()
    cells: Mapping[str, tuple[Cell, ...]] | None = None
    parts: tuple[Part, ...] = ()

    def group_cells_of(self, group: str) -> tuple[Cell, ...]:
        """A group's cells in this feature's group columns (``MEAN_KEY``: the mean's)."""
        return cells_of(self.group_columns, self.group_cells, group)

    def cells_of(self, item_id: str) -> tuple[Cell, ...]:
        """An item's cells in this feature's item columns."""
        return cells_of(self.columns, self.cells, item_id)


# The key of the groups' mean among a combine's group cells: no group name is empty.
MEAN_KEY = ""
