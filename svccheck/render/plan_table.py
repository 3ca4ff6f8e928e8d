"""The Rich view of an improvement plan (``svccheck plan`` in a terminal): the roadmap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.render.common import bar, level_style, number, rubric_label, sparkline
from svccheck.render.interface import PlanOptions, PlanRenderer
from svccheck.render.plan_text import projection_rows, verdict
from svccheck.render.sanitize import identifier, prose

if TYPE_CHECKING:
    from svccheck.planning import Phase, Planned


def _header(planned: Planned) -> Text:
    plan = planned.plan
    text = Text("Improvement plan", style="bold")
    text.append(f": {prose(plan.organization or 'Service audit')}")
    if plan.unit:
        text.append(f", {prose(plan.unit)}")
    text.append(f"\nRubric: {prose(rubric_label(planned.rubric))}\n")
    text.append(f"Target: {plan.target:g}%  {prose(verdict(planned))}")
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
        name = f"{identifier(period)} (baseline)" if index == 0 else identifier(period)
        table.add_row(
            name,
            Text(number(value), style=level_style(planned.rubric, value)),
            bar(value),
            Text(prose(level or "–")),
        )
    table.caption = f"path {sparkline([value for _, value, _ in rows])}"
    table.caption_justify = "left"
    return table


def _phase(planned: Planned, phase: Phase) -> Table:
    """One phase: items with from → to (labels), owner, due, status and actions."""
    title = f"{identifier(phase.period)}: projected {number(phase.projected_overall)}%"
    table = Table(title=title, title_justify="left", show_lines=True)
    table.add_column("item")
    table.add_column("from → to", no_wrap=True)
    table.add_column("owner / due / status")
    table.add_column("actions", ratio=3)
    table.expand = True
    for item in phase.items:
        moved = f"{planned.label(item.from_score)} → {planned.label(item.to)}"
        who = "\n".join(
            [prose(item.owner or "–"), prose(item.due or "–"), prose(item.status.value)]
        )
        actions = "\n".join(f"• {prose(action)}" for action in item.actions)
        if item.note:
            actions += f"\nNote: {prose(item.note)}"
        table.add_row(
            Text(prose(planned.title(item.id))), Text(prose(moved)), Text(who), Text(actions)
        )
    return table


class TablePlan(PlanRenderer["RenderableType"]):
    """``svccheck plan`` at a terminal: projection, then one table per phase."""

    def render(self, planned: Planned, options: PlanOptions) -> RenderableType:
        """The roadmap as one Rich renderable."""
        parts: list[RenderableType] = [_header(planned), _projection(planned)]
        parts += [_phase(planned, phase) for phase in planned.plan.phases]
        return Group(*parts)
