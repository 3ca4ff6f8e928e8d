"""The improvement plan (``svccheck plan``) as JSON, Markdown and CSV.

Kept apart from the other report kinds' modules so that the plan adds to them without changing
them; each format's bundle names its renderer here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck import __version__
from svccheck.render.common import number, rubric_label, sparkline, titled
from svccheck.render.interface import PlanOptions, PlanRenderer

if TYPE_CHECKING:
    from svccheck.engine.planning import Phase, Planned


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


PLAN_COLUMNS = (
    "phase",
    "period",
    "item",
    "title",
    "from",
    "to",
    "owner",
    "due",
    "status",
    "projected_overall",
    "projected_level",
    "actions",
)


class CsvPlan(PlanRenderer[str]):
    """``svccheck plan -f csv``: one row per planned item, phase by phase."""

    def render(self, planned: Planned, options: PlanOptions) -> str:
        """The plan as CSV; the actions of an item in one cell, one per line."""
        from svccheck.render.common import rounded
        from svccheck.render.csv_table import table

        rows = [
            (
                index,
                phase.period,
                item.id,
                planned.title(item.id),
                item.from_score,
                item.to,
                item.owner,
                item.due,
                item.status.value,
                rounded(phase.projected_overall),
                phase.projected_level,
                "\n".join(item.actions),
            )
            for index, phase in enumerate(planned.plan.phases, start=1)
            for item in phase.items
        ]
        return table(PLAN_COLUMNS, rows)


def projection_rows(planned: Planned) -> list[tuple[str, float | None, str | None]]:
    """(period, projected overall, level): the baseline first, then each phase."""
    plan = planned.plan
    rows = [(plan.baseline_period, plan.baseline_overall, planned.level(plan.baseline_overall))]
    rows += [(p.period, p.projected_overall, p.projected_level) for p in plan.phases]
    return rows


def verdict(planned: Planned) -> str:
    """One sentence: when the plan reaches its target, or that it does not."""
    from svccheck.engine.planning import shortfall

    plan = planned.plan
    missed = shortfall(plan)
    if missed is not None:
        return missed[0].upper() + missed[1:] + "."
    if not plan.phases:
        return f"The baseline already reaches the target {plan.target:g}%."
    return f"The projection reaches the target {plan.target:g}% in {plan.phases[-1].period}."


def _markdown(planned: Planned) -> str:
    from svccheck.render.markdown_table import cell, table

    plan, rubric = planned.plan, planned.rubric
    title = plan.organization or "Service audit"
    lines = ["# " + titled("Improvement plan", f"{cell(title)}, {cell(rubric_label(rubric))}"), ""]
    if plan.unit:
        lines.append(f"- **Unit:** {cell(plan.unit)}")
    lines += [
        f"- **Baseline:** {cell(plan.baseline_period)}, {number(plan.baseline_overall)}%",
        f"- **Target:** {plan.target:g}%",
        f"- {cell(verdict(planned))}",
        "",
        "## Projection",
        "",
    ]
    rows = projection_rows(planned)
    lines += table(
        ["Period", "Overall", "Level"],
        ([cell(period), number(value), cell(level or "–")] for period, value, level in rows),
    )
    lines += ["", f"Path: `{sparkline([value for _, value, _ in rows])}`", ""]
    for phase in plan.phases:
        lines += [f"## {cell(phase.period)} (projected {number(phase.projected_overall)}%)", ""]
        for item in phase.items:
            moved = f"{planned.label(item.from_score)} → {planned.label(item.to)}"
            lines.append(f"### {cell(planned.title(item.id))}: {cell(moved)}")
            lines.append("")
            details = [("Owner", item.owner), ("Due", item.due), ("Status", item.status.value)]
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
        return _markdown(planned)
