"""The Rich view of an improvement plan (``svccheck plan`` in a terminal): the roadmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from svccheck.render.common import bar, level_style, number, rubric_label, sparkline
from svccheck.render.headline import plan_headline
from svccheck.render.interface import PlanOptions, PlanRenderer
from svccheck.render.plan_text import projection_rows, verdict

if TYPE_CHECKING:
    from svccheck.engine.planning import Phase, Planned


def _header(planned: Planned) -> Text:
    plan = planned.plan
    text = Text("Improvement plan", style="bold")
    text.append(f": {plan.organization or 'Service audit'}")
    if plan.unit:
        text.append(f", {plan.unit}")
    text.append(f"\nRubric: {rubric_label(planned.rubric)}\n")
    text.append(f"Target: {plan.target:g}%  {verdict(planned)}")
    return text


def _projection(planned: Planned) -> Table:
    """Baseline and each phase: projected overall, a bar and the level."""
    rows = projection_rows(planned)
    table = Table(title="Projected overall", title_justify="left")
    table.add_column("period", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("level")
    for index, (period, value, level) in enumerate(rows):
        name = f"{period} (baseline)" if index == 0 else period
        table.add_row(
            name,
            Text(number(value), style=level_style(planned.rubric, value)),
            bar(value),
            Text(level or "–"),
        )
    table.caption = f"path {sparkline([value for _, value, _ in rows])}"
    table.caption_justify = "left"
    return table


def _phase(planned: Planned, phase: Phase) -> RenderableType:
    """One phase: each item with from → to (labels), owner, due and status, and its actions
    below it, indented (a table column is too narrow for them at 80 columns)."""
    heading = Text(f"\n{phase.period}: projected {number(phase.projected_overall)}%", style="bold")
    parts: list[RenderableType] = [heading]
    for item in phase.items:
        line = Text(f"  {planned.title(item.id)}", style="bold")
        line.append(f" ({item.id})", style="dim")
        moved = f"{planned.label(item.from_score)} → {planned.label(item.to)}"
        who = " · ".join(part or "–" for part in (item.owner, item.due))
        details = Text(f"{moved}   owner/due: {who}   status: {item.status.value}")
        for action in item.actions:
            details.append(f"\n• {action}")
        if item.note:
            details.append(f"\nNote: {item.note}")
        parts += [line, Padding(details, (0, 0, 0, 4))]
    return Group(*parts)


class TablePlan(PlanRenderer["RenderableType"]):
    """``svccheck plan`` at a terminal: projection, then one table per phase."""

    def render(self, planned: Planned, options: PlanOptions) -> RenderableType:
        """The roadmap as one Rich renderable."""
        parts: list[RenderableType] = [_header(planned), _projection(planned)]
        parts += [_phase(planned, phase) for phase in planned.plan.phases]
        return Group(*parts, plan_headline(planned))
