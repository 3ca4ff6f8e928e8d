"""Customer importance at the terminal: the IPA (quadrant list and text scatter), each action's
priority, and importance changes in ``diff``. Shown only when there is importance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.engine.results import QUADRANT_ORDER, Quadrant
from svccheck.render.common import number, plural
from svccheck.render.importance_views import (
    crosshairs,
    importance_origin,
    ordering_legend,
    quadrants_legend,
    rated_count,
    unrated,
)
from svccheck.render.ipa_text import scatter

if TYPE_CHECKING:
    from svccheck.engine.importance import ImportanceChange
    from svccheck.engine.results import Importance, Ranked, Report

QUADRANT_STYLES = {
    Quadrant.CONCENTRATE_HERE: "bold red",
    Quadrant.KEEP_UP_THE_GOOD_WORK: "bold green",
    Quadrant.LOW_PRIORITY: "bold",
    Quadrant.POSSIBLE_OVERKILL: "bold yellow",
}


def action_line(importance: Importance, ranked: Ranked) -> str:
    """What follows an action's id in the table view: its importance and priority."""
    return f" · {unrated(importance, ranked.importance)} · priority {number(ranked.priority, 2)}"


def ipa_view(report: Report) -> RenderableType:
    """The importance-performance analysis: where the figures came from, the crosshairs, the
    text scatter and the items quadrant by quadrant."""
    importance = report.importance
    assert importance is not None  # called only with importance
    ipa = importance.ipa
    parts: list[RenderableType] = [
        Text(""),
        Text("Importance and performance", style="bold"),
        Text(importance_origin(importance), style="dim"),
    ]
    if not ipa.items:
        parts.append(Text("No item has both a score and an importance."))
        return Group(*parts)
    parts.append(Text(f"{plural(len(ipa.items), 'item')}; {crosshairs(ipa)}"))
    parts.append(Text("\n".join(["", *scatter(ipa)])))
    parts.append(_quadrants(importance))
    return Group(*parts)


def _quadrants(importance: Importance) -> Table:
    """Every placed item under its quadrant, quadrants in the order to act on them."""
    table = Table(
        title="Quadrants",
        title_justify="left",
        caption=quadrants_legend(),
        caption_justify="left",
    )
    table.add_column("item")
    table.add_column("importance", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    for quadrant in QUADRANT_ORDER:
        placed = importance.ipa.in_quadrant(quadrant)
        if not placed:
            continue
        heading = Text(f"{quadrant.label} ({len(placed)})", style=QUADRANT_STYLES[quadrant])
        table.add_row(heading, "", "")
        for point in placed:
            item = point.result.item
            table.add_row(
                Text(f"{item.title} ({item.id})"),
                str(point.importance),
                f"{number(point.result.percent)}%",
            )
    return table


def legend(importance: Importance) -> RenderableType:
    """How priority is computed, under the actions' heading; how many items have an importance,
    in yellow when under half (the others, at the mean, can outrank what customers rated high)."""
    return Group(
        Text(ordering_legend(importance), style="dim"),
        Text(rated_count(importance), style="yellow" if importance.sparse else "dim"),
    )


def changes_view(changes: tuple[ImportanceChange, ...]) -> RenderableType:
    """``diff``: the items whose importance differs between the two audits."""
    changed = [change for change in changes if change.changed]
    if not changed:
        return Text("Importance: unchanged.")
    text = Text(f"Importance changed ({len(changed)}):", style="bold")
    for change in changed:
        old = "–" if change.old is None else str(change.old)
        new = "–" if change.new is None else str(change.new)
        text.append(f"\n  {change.id}: {old} → {new}")
    return text
