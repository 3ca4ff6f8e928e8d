"""The plan progress section that ``score --plan`` and ``diff --plan`` add, in every format.

The report renderers call these only when a plan is given, so their output without ``--plan`` is
unchanged.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from svccheck.render.common import answer_text, number, rounded

if TYPE_CHECKING:
    from rich.console import RenderableType

    from svccheck.engine.progress import Progress

PLAN_COLUMNS = ("plan_period", "plan_to", "plan_met", "plan_status")


def progress_data(progress: Progress) -> dict[str, Any]:
    """The JSON ``"plan"`` object."""
    return {
        "target": rounded(progress.target),
        "phases": [
            {
                "period": phase.period,
                "projected_overall": rounded(phase.projected_overall),
                "actual_overall": rounded(phase.actual_overall),
                "items": [
                    {
                        "id": item.id,
                        "to": item.to,
                        "answer": item.answer,
                        "met": item.met,
                        "status": item.status.value,
                    }
                    for item in phase.items
                ],
            }
            for phase in progress.phases
        ],
        "unplanned": [
            {"id": moved.id, "old": moved.old, "new": moved.new} for moved in progress.unplanned
        ],
    }


def _met(met: bool) -> str:
    return "met" if met else "not met"


def progress_markdown(progress: Progress) -> str:
    """A ``## Plan progress`` section."""
    from svccheck.render.markdown_table import cell, table

    done, planned = progress.met_count()
    lines = ["## Plan progress", "", f"{done} of {planned} planned items met.", ""]
    rows = []
    for phase in progress.phases:
        for item in phase.items:
            rows.append(
                [
                    cell(phase.period),
                    cell(item.id),
                    str(item.to),
                    cell(answer_text(item.answer)),
                    _met(item.met),
                    item.status.value,
                ]
            )
    lines += table(["Phase", "Item", "To", "Answer", "Met", "Status"], rows)
    lines += ["", *table(["Phase", "Projected", "Actual"], _phase_rows(progress)), ""]
    if progress.unplanned:
        moved = (
            f"{cell(m.id)} ({answer_text(m.old)} → {answer_text(m.new)})"
            for m in progress.unplanned
        )
        lines += [f"Moved without a plan: {', '.join(moved)}", ""]
    return "\n".join(lines)


def _phase_rows(progress: Progress) -> list[list[str]]:
    return [
        [p.period, number(p.projected_overall), number(p.actual_overall)] for p in progress.phases
    ]


def progress_table(progress: Progress) -> RenderableType:
    """The section for the terminal."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    done, planned = progress.met_count()
    # The phases' overall figures in a table of their own, as in Markdown: beside the items, eight
    # columns at 80 left the ids 11 characters and broke them mid-word (everyone-ad / ds-value).
    table = Table(title=f"Plan progress: {done} of {planned} items met", title_justify="left")
    for name in ("phase", "item", "to", "answer", "met", "status"):
        # Ids stay whole; only one longer than the screen allows is folded, never cut short.
        table.add_column(name, no_wrap=True, overflow="fold")
    for phase in progress.phases:
        for index, item in enumerate(phase.items):
            table.add_row(
                phase.period if index == 0 else "",
                Text(item.id),
                str(item.to),
                answer_text(item.answer),
                Text(_met(item.met), style="green" if item.met else "red"),
                item.status.value,
            )
    overall = Table(title="Overall per phase", title_justify="left")
    overall.add_column("phase", no_wrap=True)
    overall.add_column("projected", justify="right", no_wrap=True)
    overall.add_column("actual", justify="right", no_wrap=True)
    for row in _phase_rows(progress):
        overall.add_row(*row)
    parts: list[RenderableType] = [table, overall]
    if progress.unplanned:
        moved = ", ".join(
            f"{m.id} ({answer_text(m.old)} → {answer_text(m.new)})" for m in progress.unplanned
        )
        parts.append(Text(f"Moved without a plan: {moved}"))
    return Group(*parts)


def with_plan_columns(text: str, progress: Progress, item_column: int = 2) -> str:
    """CSV report text with :data:`PLAN_COLUMNS` added to every row (empty for unplanned items).

    The cells were made spreadsheet-safe when ``text`` was written; they are copied unchanged.
    """
    planned = {
        item.id: (phase.period, item.to, item.met, item.status.value)
        for phase in progress.phases
        for item in phase.items
    }
    rows = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*rows[0], *PLAN_COLUMNS])
    for row in rows[1:]:
        # Items the rubric no longer has are never planned (a plan file is checked against it).
        found = planned.get(row[item_column])
        extra = ("",) * len(PLAN_COLUMNS)
        if found is not None:
            period, to, met, status = found
            extra = (period, str(to), "true" if met else "false", status)
        writer.writerow([*row, *extra])
    return buffer.getvalue()
