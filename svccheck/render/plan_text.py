"""The improvement plan (``svccheck plan``) as JSON (the engine's plan as data), CSV and Markdown
(from the plan's view model, :mod:`svccheck.render.view.plan`).

Kept apart from the other report kinds' modules so that the plan adds to them without changing
them; each format's bundle names its renderer here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck import __version__
from svccheck.render.common import number, sparkline, titled
from svccheck.render.interface import PlanOptions, PlanRenderer

if TYPE_CHECKING:
    from svccheck.engine.planning import Phase, Planned
    from svccheck.render.view.plan import PlanView


def plan_data(planned: Planned) -> dict[str, Any]:
    """The plan as plain data: the plan file's keys, with titles, labels and levels added."""
    from svccheck.render.common import rounded
    from svccheck.render.json_text import origin_data

    plan, rubric = planned.plan, planned.rubric
    return {
        "svccheck": __version__,
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title}
        | origin_data(rubric),
        "organization": plan.organization,
        "unit": plan.unit,
        "baseline": {
            "period": plan.baseline_period,
            "overall": rounded(plan.baseline_overall),
            "level": planned.level(plan.baseline_overall),
        },
        "target": rounded(plan.target),
        "reached": plan.reached,
        "phases": [_phase_data(planned, phase) for phase in plan.phases],
    }


def _phase_data(planned: Planned, phase: Phase) -> dict[str, Any]:
    from svccheck.render.common import rounded

    items = [
        {
            "id": item.id,
            "title": planned.title(item.id),
            "from": item.from_score,
            "to": item.to,
            "actions": list(item.actions),
            "criteria_missing": _missing_data(planned, item.id),
            "owner": item.owner,
            "due": item.due,
            "status": item.status.value,
            "note": item.note,
        }
        for item in phase.items
    ]
    return {
        "period": phase.period,
        "items": items,
        "projected_overall": rounded(phase.projected_overall),
        "projected_level": phase.projected_level,
    }


def _missing_data(planned: Planned, item_id: str) -> list[dict[str, Any]] | None:
    """The criteria the step still misses (they begin its actions); ``null`` where the audit
    ticked none for the item."""
    missing = planned.missing_of(item_id)
    if missing is None:
        return None
    return [{"key": c.key, "level": c.level, "text": c.text} for c in missing]


class JsonPlan(PlanRenderer[str]):
    """``svccheck plan -f json``."""

    def render(self, planned: Planned, options: PlanOptions) -> str:
        """The plan as JSON text."""
        from svccheck.render.json_text import dumps

        return dumps(plan_data(planned))


class CsvPlan(PlanRenderer[str]):
    """``svccheck plan -f csv``: the item table of the plan's view, one row per planned item,
    phase by phase."""

    def render(self, planned: Planned, options: PlanOptions) -> str:
        """The plan as CSV; the actions of an item in one cell, one per line."""
        from svccheck.render.csv_table import table
        from svccheck.render.view.plan import plan_view

        return table(*plan_view(planned, options).items.programs())


def _markdown(view: PlanView) -> str:
    from svccheck.render.markdown_table import cell, table

    title = f"{cell(view.organization)}, {cell(view.rubric)}"
    lines = ["# " + titled("Improvement plan", title), ""]
    if view.unit:
        lines.append(f"- **Unit:** {cell(view.unit)}")
    lines += [
        f"- **Baseline:** {cell(view.baseline.period)}, {number(view.baseline.overall)}%",
        f"- **Target:** {view.target:g}%",
        f"- {cell(view.verdict)}",
        "",
        "## Projection",
        "",
    ]
    lines += table(
        ["Period", "Overall", "Level"],
        ([cell(step.period), number(step.overall), cell(step.level or "–")] for step in view.path),
    )
    lines += ["", f"Path: `{sparkline([step.overall for step in view.path])}`", ""]
    for phase in view.phases:
        lines += [f"## {cell(phase.period)} (projected {number(phase.overall)}%)", ""]
        for item in phase.items:
            lines.append(f"### {cell(item.title)}: {cell(item.moved)}")
            lines.append("")
            details = [("Owner", item.owner), ("Due", item.due), ("Status", item.status)]
            shown = "; ".join(f"{name}: {cell(value or '–')}" for name, value in details)
            lines += [f"_{shown}_", ""]
            lines += [f"- [ ] {cell(action)}" for action in item.actions]
            if item.note:
                lines.append(f"- Note: {cell(item.note)}")
            lines.append("")
    return "\n".join(lines)


class MarkdownPlan(PlanRenderer[str]):
    """``svccheck plan -f markdown``: the roadmap for the meeting."""

    def render(self, planned: Planned, options: PlanOptions) -> str:
        """The plan as Markdown."""
        from svccheck.render.view.plan import plan_view

        return _markdown(plan_view(planned, options))
