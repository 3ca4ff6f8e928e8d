"""The Rich view of a comparison of two audits (``svccheck diff`` in a terminal), from its view
model. What features add (figures, notes, parts) is laid out by
:mod:`svccheck.render.table_blocks`, which knows no feature."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.render.common import delta_text, number, score_style
from svccheck.render.headline import closing, percent
from svccheck.render.interface import ComparisonOptions, ComparisonRenderer
from svccheck.render.table_blocks import STYLES, closing_figures, figure_line, note_line, part
from svccheck.render.view.comparison import comparison_view

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison
    from svccheck.render.view.comparison import ChangeView, DiffView


def _items_table(title: str, changes: tuple[ChangeView, ...]) -> Table:
    """Items with their answers as labels (``2 Ad hoc → 3 Defined``) and the change in scale
    steps; points are for the overall and section scores only."""
    table = Table(title=title, title_justify="left")
    table.add_column("item")
    table.add_column("answer", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    for change in changes:
        table.add_row(
            Text(f"{change.title} ({change.id})"),
            Text(f"{change.old} → {change.new}"),
            Text(change.change, style=STYLES[change.tone]),
        )
    return table


def _header(view: DiffView) -> Text:
    """The rubric, both audits, overall score, level and coverage, the features' figures and
    notes, and provisional results."""
    old, new = view.old, view.new
    header = Text()
    header.append(f"{view.rubric}\n", style="bold")
    for label, side in (("Old", old), ("New", new)):
        header.append(f"{label}: ", style="bold")
        header.append(side.description + "\n")
    header.append("Overall: ", style="bold")
    header.append(f"{number(old.overall)} → {number(new.overall)}  ")
    header.append_text(delta_text(view.overall_delta))
    if old.level != new.level:
        header.append(f"  level: {old.level or '–'} → {new.level or '–'}")
    elif new.level:
        header.append(f"  level: {new.level}")
    header.append(f"  coverage: {old.coverage * 100:.0f}% → {new.coverage * 100:.0f}%")
    for line in (*map(figure_line, view.figures), *map(note_line, view.notes)):
        header.append("\n")
        header.append_text(line)
    for name, side in (("old", old), ("new", new)):
        if side.provisional:
            header.append(f"\nThe {name} result is provisional: {side.provisional}", "yellow")
    return header


def _sections(view: DiffView) -> Table:
    """Each section's old and new score and the change."""
    sections = Table(title="Sections", title_justify="left")
    sections.add_column("section")
    sections.add_column("old", justify="right", no_wrap=True)
    sections.add_column("new", justify="right", no_wrap=True)
    sections.add_column("change", justify="right", no_wrap=True)
    for change in view.sections:
        sections.add_row(
            Text(change.title), number(change.old), number(change.new),
            delta_text(change.delta),
        )  # fmt: skip
    return sections


def _headline(view: DiffView) -> RenderableType:
    """What closes ``diff``: old → new for the overall, level, coverage and the features'
    figures."""
    old, new = view.old, view.new
    periods = f"{old.name} → {new.name}"
    first = Text("Overall: ", style="bold")
    first.append(f"{number(old.overall)}% → ")
    first.append(f"{number(new.overall)}%", style=score_style(new.overall, view.target))
    first.append("  ")
    first.append_text(delta_text(view.overall_delta))
    first.append(f"  level: {old.level or '–'} → {new.level or '–'}")
    second = Text(f"coverage: {percent(old.coverage)} → {percent(new.coverage)}")
    second.append(closing_figures(view.figures))
    for name, side in (("old", old), ("new", new)):
        if side.provisional:
            second.append(f"  {name} PROVISIONAL", style="bold yellow")
    return closing(f"{view.unit}: {periods}" if view.unit else periods, first, second)


def render_view(view: DiffView) -> RenderableType:
    """The diff: both headers, overall, sections, changed items, transitions (and with
    ``--all`` the unchanged items), the features' parts, and the headline."""
    parts: list[RenderableType] = [_header(view), _sections(view)]
    parts.append(
        _items_table(f"Changed items ({len(view.changed)})", view.changed)
        if view.changed
        else Text("No item score changed.")
    )
    if view.transitions:
        parts.append(_items_table("Answered differently, no score change", view.transitions))
    if view.unchanged:
        parts.append(_items_table("Unchanged items", view.unchanged))
    parts += [part(p) for p in (*view.parts, *view.closing_parts)]
    return Group(*parts, _headline(view))


class TableComparison(ComparisonRenderer["RenderableType"]):
    """``svccheck diff`` at a terminal: unchanged items too with ``show_all``."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> RenderableType:
        """The diff as one Rich renderable."""
        return render_view(comparison_view(comparison, options))
