"""``svccheck trend`` at a terminal, readable at 80 columns for any number of periods.

Per unit, two tables: the periods as rows (overall, level, coverage, a missing period flagged),
which stays readable however many periods there are, and the sections with as many of the most
recent periods as fit beside their full names, a sparkline over (the latest of) all periods and
the change from first to last. The number of period columns is chosen when Rich knows the width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from svccheck.render import evidence_views
from svccheck.render.common import delta_text, number, removed_note, rubric_label, sparkline
from svccheck.render.headline import trend_headline
from svccheck.render.interface import TrendOptions, TrendRenderer

if TYPE_CHECKING:
    from svccheck.engine.progress import TrendMark
    from svccheck.engine.trend import Point, Series, Trend

# The sparkline shows at most this many of the latest periods: one character each.
SPARK_PERIODS = 12
# Section names up to this long keep the whole of their line when periods compete for the width
# (the longest built-in one has 40 characters); longer ones wrap.
NAME_ROOM = 40
# What a column costs beyond its text: one space of padding each side and a border.
_EDGES = 3


class TableTrend(TrendRenderer["RenderableType"]):
    """``svccheck trend`` at a terminal."""

    def render(self, trend: Trend, options: TrendOptions) -> RenderableType:
        """The trend as one Rich renderable."""
        label = (
            rubric_label(trend.rubric)
            if trend.rubric
            else f"{trend.rubric_title} ({trend.rubric_id})"
        )
        parts: list[RenderableType] = [Text(label, style="bold")]
        for series in trend.series:
            marks = options.plan.of(series) if options.plan else None
            confidence = (
                evidence_views.trend_cells(series) if evidence_views.trend_asks(trend) else None
            )
            parts += [
                _periods(series, marks, confidence), _Sections(trend, series),
                _movers(trend, series),
            ]  # fmt: skip
            note = removed_note([(_label(p), p.removed) for p in series.points])
            if note:
                parts.append(Text(note, style="yellow"))
        parts.append(trend_headline(trend))
        return Group(*parts)


def _label(point: Point) -> str:
    return point.period or point.source


def _column(point: Point) -> str:
    # A file name is the key when there is no period: escaped like every identifier.
    return point.period if point.period else point.source


def _name(series: Series) -> str:
    # The unit is the key audits are grouped by: shown as an identifier, so that two units
    # that differ only by an invisible character cannot look like one.
    shown = (series.organization or "", series.unit or "")
    return " · ".join(part for part in shown if part)


def _periods(
    series: Series,
    marks: tuple[TrendMark, ...] | None = None,
    confidence: list[str] | None = None,
) -> Table:
    """One row per period: overall, the plan's projected overall (with ``--plan``, for its unit),
    coverage, the confidence (when the rubric asks for evidence), level, and a flag after a
    missing period."""
    from svccheck.engine.trend import gaps, missing

    after_gap = {id(after): missing(before, after) for before, after in gaps(series.points)}
    name = _name(series)
    table = Table(title=Text(name) if name else None, title_justify="left")
    table.add_column("period", no_wrap=True)
    headings = ("overall", "plan", "coverage") if marks is not None else ("overall", "coverage")
    if confidence is not None:
        headings = (*headings, "confidence")
    for heading in headings:
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("level")
    if after_gap:
        table.add_column("")
    for index, point in enumerate(series.points):
        cells: list[RenderableType] = [Text(_column(point)), number(point.overall)]
        if marks is not None:
            cells.append(Text(number(marks[index].projected_overall), style="cyan"))
        cells.append(f"{100 * point.coverage:.0f}%")
        if confidence is not None:
            cells.append(confidence[index])
        cells.append(Text(point.level or "–"))
        if after_gap:
            cells.append(Text(_missing(after_gap.get(id(point), [])), style="yellow"))
        table.add_row(*cells)
    return table


def _missing(periods: list[str]) -> str:
    """A flag for the periods missing before a point: a change across them is not one step."""
    if not periods:
        return ""
    if len(periods) <= 2:
        return f"after a gap: {' and '.join(periods)} missing"
    return f"after a gap: {len(periods)} periods missing ({periods[0]} to {periods[-1]})"


class _Sections:
    """The sections table, with as many of the latest periods as the width leaves room for."""

    def __init__(self, trend: Trend, series: Series) -> None:
        self.trend, self.series = trend, series

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Choose the period columns for the width Rich gives, then render the table. When every
        period fits only without the sparkline, it is left out: it would only repeat the columns
        (two periods of the complete rubric at 80 columns, shown as "the last 1 of 2" before)."""
        points = self.series.points
        titles = ["Overall", *(title for title in self.trend.section_titles)]
        spark = min(len(points), SPARK_PERIODS)
        name = 1 + min(max(map(len, titles)), NAME_ROOM) + _EDGES
        change = 8 + _EDGES
        shown = self._fitting(options.max_width - name - change - max(spark, 5) - _EDGES)
        if shown < len(points) and self._fitting(options.max_width - name - change) == len(points):
            yield self._table(len(points), 0)
            return
        yield self._table(max(shown, 1), spark)

    def _fitting(self, room: int) -> int:
        """How many of the latest periods fit in ``room`` columns."""
        widths = [max(len(_column(p)), 5) + _EDGES for p in self.series.points]
        shown = 0
        while shown < len(widths) and widths[-1 - shown] <= room:
            room -= widths[-1 - shown]
            shown += 1
        return shown

    def _table(self, shown: int, spark: int) -> Table:
        """The sections table with the ``shown`` latest periods and a sparkline of the latest
        ``spark`` (none when 0)."""
        points = self.series.points
        recent = points[len(points) - shown :]
        title = None
        if shown < len(points):
            title = Text(f"Sections: the last {shown} of {len(points)} periods", style="dim")
        table = Table(title=title, title_justify="left")
        table.add_column("section")
        for point in recent:
            table.add_column(Text(_column(point)), justify="right", no_wrap=True)
        if spark:
            heading = "trend" if spark == len(points) else f"last {spark}"
            table.add_column(heading, no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        overall = [p.overall for p in points]
        rows = [("Overall", overall, self.series.overall_change(), "bold")]
        for index, section_title in enumerate(self.trend.section_titles):
            values = [p.sections[index] for p in points]
            rows.append((section_title, values, self.series.section_change(index), ""))
        for label, values, moved, style in rows:
            trend = [sparkline(values[-spark:])] if spark else []
            table.add_row(
                Text(label, style=style), *(number(v) for v in values[-shown:]), *trend,
                delta_text(moved),
            )  # fmt: skip
        return table


def _movers(result: Trend, series: Series) -> Text:
    text = Text()
    for label, index in (
        ("Improved most", series.improved_most()),
        ("Declined most", series.declined_most()),
    ):
        if index is not None:
            change = series.section_change(index) or 0.0
            text.append(f"{label}: {result.section_titles[index]} ({change:+.1f})  ")
    return text if text.plain else Text("No section moved between the first and last period.")
