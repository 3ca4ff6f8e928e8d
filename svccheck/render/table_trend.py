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

from svccheck.render.common import delta_text, number, sparkline
from svccheck.render.headline import closing, percent
from svccheck.render.interface import TrendOptions, TrendRenderer
from svccheck.render.table_blocks import STYLES
from svccheck.render.view.model import Beside
from svccheck.render.view.trend import trend_view

if TYPE_CHECKING:
    from svccheck.engine.trend import Trend
    from svccheck.render.view.trend import SeriesView, TrendView

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
        return render_view(trend_view(trend, options))


def render_view(view: TrendView) -> RenderableType:
    """Per unit its periods, its sections and what moved most, then the headline."""
    parts: list[RenderableType] = [Text(view.rubric, style="bold")]
    for series in view.series:
        parts += [_periods(series), _Sections(view, series), _movers(series)]
        if series.removed_note:
            parts.append(Text(series.removed_note, style="yellow"))
    parts.append(_headline(view))
    return Group(*parts)


def _periods(series: SeriesView) -> Table:
    """One row per period: overall, the features' measures beside it (the plan's projected
    overall), coverage, the measures beside that (the confidence), level, and a flag after a
    missing period."""
    table = Table(title=Text(series.name) if series.name else None, title_justify="left")
    table.add_column("period", no_wrap=True)
    overall, quality = series.beside(Beside.OVERALL), series.beside(Beside.COVERAGE)
    headings = ("overall", *(m.heading.lower() for m in overall), "coverage",
                *(m.heading.lower() for m in quality))  # fmt: skip
    for heading in headings:
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("level")
    flagged = any(point.missing_before for point in series.points)
    if flagged:
        table.add_column("")
    for index, point in enumerate(series.points):
        cells: list[RenderableType] = [Text(point.name), number(point.overall)]
        cells += [Text(m.cells[index].text, style=STYLES[m.cells[index].tone]) for m in overall]
        cells.append(f"{100 * point.coverage:.0f}%")
        cells += [Text(m.cells[index].text, style=STYLES[m.cells[index].tone]) for m in quality]
        cells.append(Text(point.level or "–"))
        if flagged:
            cells.append(Text(_missing(list(point.missing_before)), style="yellow"))
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

    def __init__(self, trend: TrendView, series: SeriesView) -> None:
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
        widths = [max(len(p.name), 5) + _EDGES for p in self.series.points]
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
            table.add_column(Text(point.name), justify="right", no_wrap=True)
        if spark:
            heading = "trend" if spark == len(points) else f"last {spark}"
            table.add_column(heading, no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        overall = [p.overall for p in points]
        rows = [("Overall", overall, self.series.overall_change, "bold")]
        for index, section_title in enumerate(self.trend.section_titles):
            values = [p.sections[index] for p in points]
            rows.append((section_title, values, self.series.section_changes[index], ""))
        for label, values, moved, style in rows:
            trend = [sparkline(values[-spark:])] if spark else []
            table.add_row(
                Text(label, style=style), *(number(v) for v in values[-shown:]), *trend,
                delta_text(moved),
            )  # fmt: skip
        return table


def _movers(series: SeriesView) -> Text:
    text = Text()
    for label, moved in (("Improved most", series.improved), ("Declined most", series.declined)):
        if moved is not None:
            title, change = moved
            text.append(f"{label}: {title} ({change:+.1f})  ")
    return text if text.plain else Text("No section moved between the first and last period.")


def _headline(view: TrendView) -> RenderableType:
    """What closes ``trend``: each unit's latest period, overall, level, coverage, the measures
    beside it (the confidence) and the change since its first period."""
    quality = {m.key: m for series in view.series for m in series.beside(Beside.COVERAGE)}
    table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
    table.add_column("unit")
    table.add_column("latest", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("level")
    for heading in ("coverage", *(m.short or m.heading.lower() for m in quality.values())):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    for series in view.series:
        last = series.points[-1]
        cells: list[RenderableType] = [Text(series.unit), Text(last.name)]
        cells += [number(last.overall), Text(last.level or "–"), percent(last.coverage)]
        own = {m.key: m.cells[-1].text for m in series.beside(Beside.COVERAGE)}
        cells += [own.get(key, "") for key in quality]
        cells.append(delta_text(series.overall_change))
        table.add_row(*cells)
    return closing("Latest period", table)
