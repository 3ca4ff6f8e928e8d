"""Rich views of a comparison of two audits and of a trend over many."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.audit import NA
from svccheck.render.common import (
    answer_text,
    delta_text,
    number,
    removed_note,
    rubric_label,
    sparkline,
)
from svccheck.render.interface import (
    ComparisonOptions,
    ComparisonRenderer,
    TrendOptions,
    TrendRenderer,
)
from svccheck.render.sanitize import identifier, prose

if TYPE_CHECKING:
    from svccheck.compare import Comparison, ItemChange
    from svccheck.trend import Point, Series, Trend


def _side(comparison: Comparison, which: str) -> str:
    header = (comparison.old if which == "old" else comparison.new).header
    parts = [
        prose(header.period or "no period"),
        prose(header.assessor or ""),
        prose(header.unit or ""),
    ]
    return " · ".join(part for part in [*parts, identifier(header.source)] if part)


def _transition(change: ItemChange) -> str:
    if change.status.in_rubric_only_on_one_side:
        return f"{change.status} in rubric"
    if change.old_answer is None:
        return "newly answered"
    if change.new_answer is None:
        return "no longer answered"
    return "now n/a" if change.new_answer == NA else "was n/a"


def _items_table(title: str, changes: tuple[ItemChange, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("item")
    table.add_column("old", justify="right", no_wrap=True)
    table.add_column("new", justify="right", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    for change in changes:
        if change.status.moved:
            movement: Text = delta_text(change.delta)
        else:
            movement = Text(_transition(change), style="yellow")
        table.add_row(
            Text(f"{prose(change.title)} ({identifier(change.id)})"),
            answer_text(change.old_answer),
            answer_text(change.new_answer),
            movement,
        )
    return table


class TableComparison(ComparisonRenderer["RenderableType"]):
    """``svccheck diff`` at a terminal: unchanged items too with ``show_all``."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> RenderableType:
        """The diff as one Rich renderable."""
        view = _comparison(comparison, options.show_all)
        if options.plan is not None:
            from svccheck.render.progress_views import progress_table

            return Group(view, Text(""), progress_table(options.plan))
        return view


class TableTrend(TrendRenderer["RenderableType"]):
    """``svccheck trend`` at a terminal."""

    def render(self, trend: Trend, options: TrendOptions) -> RenderableType:
        """The trend as one Rich renderable."""
        return _trend(trend)


def _comparison(result: Comparison, show_all: bool) -> RenderableType:
    """The diff: both headers, overall, sections, changed items, transitions."""
    old, new = result.old, result.new
    header = Text()
    header.append(f"{prose(rubric_label(new.rubric))}\n", style="bold")
    header.append("Old: ", style="bold")
    header.append(_side(result, "old") + "\n")
    header.append("New: ", style="bold")
    header.append(_side(result, "new") + "\n")
    header.append("Overall: ", style="bold")
    header.append(f"{number(old.overall)} → {number(new.overall)}  ")
    header.append_text(delta_text(result.overall_delta))
    if old.level != new.level:
        header.append(f"  level: {prose(old.level or '–')} → {prose(new.level or '–')}")
    elif new.level:
        header.append(f"  level: {prose(new.level)}")
    sections = Table(title="Sections", title_justify="left")
    sections.add_column("section")
    sections.add_column("old", justify="right", no_wrap=True)
    sections.add_column("new", justify="right", no_wrap=True)
    sections.add_column("change", justify="right", no_wrap=True)
    for change in result.sections:
        sections.add_row(
            Text(prose(change.title)), number(change.old), number(change.new),
            delta_text(change.delta),
        )  # fmt: skip
    parts: list[RenderableType] = [header, sections]
    changed = result.changed()
    parts.append(
        _items_table(f"Changed items ({len(changed)})", changed)
        if changed
        else Text("No item score changed.")
    )
    if result.transitions():
        parts.append(_items_table("Answered differently, no score change", result.transitions()))
    if show_all and result.unchanged():
        parts.append(_items_table("Unchanged items", result.unchanged()))
    return Group(*parts)


def _trend(result: Trend) -> RenderableType:
    """One table per unit: overall and sections per period, a sparkline and first→last change."""
    label = (
        rubric_label(result.rubric)
        if result.rubric
        else f"{result.rubric_title} ({result.rubric_id})"
    )
    parts: list[RenderableType] = [Text(prose(label), style="bold")]
    for series in result.series:
        # The unit is the key audits are grouped by: shown as an identifier, so that two units
        # that differ only by an invisible character cannot look like one. Title and headers
        # are Text, not str: Rich parses a str as markup (and fails on "[/]").
        name = " · ".join(
            shown
            for shown in (prose(series.organization or ""), identifier(series.unit or ""))
            if shown
        )
        table = Table(title=Text(name) if name else None, title_justify="left")
        table.add_column("")
        for entry in series.points:
            column = prose(entry.period) if entry.period else identifier(entry.source)
            table.add_column(Text(column), justify="right", no_wrap=True)
        table.add_column("trend", no_wrap=True)
        table.add_column("change", justify="right", no_wrap=True)
        overall = [p.overall for p in series.points]
        table.add_row(
            Text("Overall", style="bold"), *(number(v) for v in overall), sparkline(overall),
            delta_text(series.overall_change()),
        )  # fmt: skip
        for index, title in enumerate(result.section_titles):
            values = [p.sections[index] for p in series.points]
            table.add_row(
                Text(prose(title)), *(number(v) for v in values), sparkline(values),
                delta_text(series.section_change(index)),
            )  # fmt: skip
        parts.append(table)
        parts.append(_movers(result, series))
        note = removed_note([(_point_label(p), p.removed) for p in series.points])
        if note:
            parts.append(Text(identifier(note), style="yellow"))
    return Group(*parts)


def _point_label(point: Point) -> str:
    return point.period or point.source


def _movers(result: Trend, series: Series) -> Text:
    text = Text()
    for label, index in (
        ("Improved most", series.improved_most()),
        ("Declined most", series.declined_most()),
    ):
        if index is not None:
            change = series.section_change(index) or 0.0
            text.append(f"{label}: {prose(result.section_titles[index])} ({change:+.1f})  ")
    return text if text.plain else Text("No section moved between the first and last period.")
