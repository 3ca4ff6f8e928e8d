"""Rich view of a comparison of two audits (the trend's is in :mod:`table_trend`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.engine.compare import Status
from svccheck.render import evidence_views
from svccheck.render.common import (
    delta_text,
    labelled_answer,
    number,
    rubric_label,
    steps,
    transition,
)
from svccheck.render.headline import comparison_headline
from svccheck.render.interface import (
    ComparisonOptions,
    ComparisonRenderer,
)

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison, ItemChange
    from svccheck.model.rubric import Rubric


def _side(comparison: Comparison, which: str) -> str:
    header = (comparison.old if which == "old" else comparison.new).header
    parts = [
        header.period or "no period",
        header.assessor or "",
        header.unit or "",
    ]
    return " · ".join(part for part in [*parts, header.source] if part)


def _movement(change: ItemChange, rubric: Rubric) -> Text:
    """``▲ +2 steps`` green, ``▼ -1 step`` red, ``= 0 steps`` for an unchanged item, and what
    happened to an item that has no change to measure."""
    if change.status is Status.IMPROVED:
        return Text(f"▲ {steps(rubric, change.delta)}", style="green")
    if change.status is Status.DECLINED:
        return Text(f"▼ {steps(rubric, change.delta)}", style="red")
    if change.status is Status.UNCHANGED:  # n/a both times has no steps to count
        return Text("= 0 steps" if change.delta is not None else "=", style="dim")
    return Text(transition(change), style="yellow")


def _items_table(title: str, changes: tuple[ItemChange, ...], rubric: Rubric) -> Table:
    """Items with their answers as labels (``2 Ad hoc → 3 Defined``) and the change in scale
    steps; points are for the overall and section scores only."""
    table = Table(title=title, title_justify="left")
    table.add_column("item")
    table.add_column("answer", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    for change in changes:
        movement = _movement(change, rubric)
        old = labelled_answer(rubric, change.old_answer)
        new = labelled_answer(rubric, change.new_answer)
        table.add_row(
            Text(f"{change.title} ({change.id})"),
            Text(f"{old} → {new}"),
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

            view = Group(view, Text(""), progress_table(options.plan))
        return Group(view, comparison_headline(comparison))


def _comparison_header(result: Comparison) -> Text:
    """The rubric, both audits, overall score, level and coverage, and provisional results."""
    old, new = result.old, result.new
    header = Text()
    header.append(f"{rubric_label(new.rubric)}\n", style="bold")
    header.append("Old: ", style="bold")
    header.append(_side(result, "old") + "\n")
    header.append("New: ", style="bold")
    header.append(_side(result, "new") + "\n")
    header.append("Overall: ", style="bold")
    header.append(f"{number(old.overall)} → {number(new.overall)}  ")
    header.append_text(delta_text(result.overall_delta))
    if old.level != new.level:
        header.append(f"  level: {old.level or '–'} → {new.level or '–'}")
    elif new.level:
        header.append(f"  level: {new.level}")
    header.append(f"  coverage: {old.coverage * 100:.0f}% → {new.coverage * 100:.0f}%")
    for label, text in evidence_views.comparison_lines(result):
        header.append(f"\n{label}: ", style="bold")
        header.append(text)
    for name, report in (("old", old), ("new", new)):
        if report.provisional:
            header.append(
                f"\nThe {name} result is provisional: {report.coverage * 100:.0f}% of items "
                f"answered, below the {report.min_coverage * 100:.0f}% minimum.",
                style="yellow",
            )
    return header


def _sections(result: Comparison) -> Table:
    """Each section's old and new score and the change."""
    sections = Table(title="Sections", title_justify="left")
    sections.add_column("section")
    sections.add_column("old", justify="right", no_wrap=True)
    sections.add_column("new", justify="right", no_wrap=True)
    sections.add_column("change", justify="right", no_wrap=True)
    for change in result.sections:
        sections.add_row(
            Text(change.title), number(change.old), number(change.new),
            delta_text(change.delta),
        )  # fmt: skip
    return sections


def _comparison(result: Comparison, show_all: bool) -> RenderableType:
    """The diff: both headers, overall, sections, changed items, transitions."""
    new = result.new
    parts: list[RenderableType] = [_comparison_header(result), _sections(result)]
    changed = result.changed()
    parts.append(
        _items_table(f"Changed items ({len(changed)})", changed, new.rubric)
        if changed
        else Text("No item score changed.")
    )
    if result.transitions():
        parts.append(
            _items_table("Answered differently, no score change", result.transitions(), new.rubric)
        )
    if show_all and result.unchanged():
        parts.append(_items_table("Unchanged items", result.unchanged(), new.rubric))
    moved = result.importance_changes()
    if moved is not None:  # both audits have importance
        from svccheck.render.table_importance import changes_view

        parts.append(changes_view(moved))
    return Group(*parts)
