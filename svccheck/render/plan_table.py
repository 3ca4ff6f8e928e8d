"""The Rich view of an improvement plan (``svccheck plan`` in a terminal), from its view model:
the roadmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from svccheck.render.common import bar, level_style, number, score_style, sparkline
from svccheck.render.headline import closing
from svccheck.render.interface import PlanOptions, PlanRenderer
from svccheck.render.view.plan import plan_view

if TYPE_CHECKING:
    from svccheck.engine.planning import Planned
    from svccheck.render.view.plan import PhaseView, PlanView


def _header(view: PlanView) -> Text:
    text = Text("Improvement plan", style="bold")
    text.append(f": {view.organization}")
    if view.unit:
        text.append(f", {view.unit}")
    text.append(f"\nRubric: {view.rubric}\n")
    text.append(f"Target: {view.target:g}%  {view.verdict}")
    return text


def _projection(view: PlanView) -> Table:
    """Baseline and each phase: projected overall, a bar and the level."""
    table = Table(title="Projected overall", title_justify="left")
    table.add_column("period", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("level")
    for index, step in enumerate(view.path):
        name = f"{step.period} (baseline)" if index == 0 else step.period
        table.add_row(
            name,
            Text(number(step.overall), style=level_style(view.levels, step.overall)),
            bar(step.overall),
            Text(step.level or "–"),
        )
    table.caption = f"path {sparkline([step.overall for step in view.path])}"
    table.caption_justify = "left"
    return table


def _phase(phase: PhaseView) -> RenderableType:
    """One phase: each item with from → to (labels), owner, due and status, and its actions
    below it, indented (a table column is too narrow for them at 80 columns)."""
    heading = Text(f"\n{phase.period}: projected {number(phase.overall)}%", style="bold")
    parts: list[RenderableType] = [heading]
    for item in phase.items:
        line = Text(f"  {item.title}", style="bold")
        line.append(f" ({item.id})", style="dim")
        who = " · ".join(part or "–" for part in (item.owner, item.due))
        details = Text(f"{item.moved}   owner/due: {who}   status: {item.status}")
        for action in item.actions:
            details.append(f"\n• {action}")
        if item.note:
            details.append(f"\nNote: {item.note}")
        parts += [line, Padding(details, (0, 0, 0, 4))]
    return Group(*parts)


def _headline(view: PlanView) -> RenderableType:
    """What closes ``plan``: baseline and projection with their levels, and the target."""
    end = view.phases[-1] if view.phases else None
    baseline = view.baseline
    text = Text("Baseline: ", style="bold")
    text.append(f"{number(baseline.overall)}% {baseline.level or ''}")
    if end is not None:
        text.append(f"  → {end.period}: ", style="bold")
        text.append(
            f"{number(end.overall)}% {end.level or ''}",
            style=score_style(end.overall, view.target),
        )
    reached = "reached" if view.reached else "not reached"
    second = Text(
        f"target: {view.target:g}% {reached}  items: {view.item_count} in {len(view.phases)} "
    )
    second.append("phase" if len(view.phases) == 1 else "phases")
    return closing(f"{view.subject}: plan from {baseline.period}", text, second)


def render_view(view: PlanView) -> RenderableType:
    """The roadmap: the header, the projection, one part per phase, the headline."""
    parts: list[RenderableType] = [_header(view), _projection(view)]
    parts += [_phase(phase) for phase in view.phases]
    return Group(*parts, _headline(view))


class TablePlan(PlanRenderer["RenderableType"]):
    """``svccheck plan`` at a terminal: projection, then one table per phase."""

    def render(self, planned: Planned, options: PlanOptions) -> RenderableType:
        """The roadmap as one Rich renderable."""
        return render_view(plan_view(planned, options))
