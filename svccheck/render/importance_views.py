"""Customer importance in JSON and in ``diff``'s Markdown and CSV, and the words every view for
people shares: the IPA, the actions' priority, importance changes (``score``'s view model takes
them in :mod:`svccheck.render.view.importance`).

The renderers call these only when a report has importance (or, for ``diff``, when both audits
have it), so their output without importance is unchanged.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from svccheck.engine.results import QUADRANT_ORDER, Quadrant
from svccheck.render.common import number, plural, rounded

if TYPE_CHECKING:
    from fractions import Fraction

    from svccheck.engine.importance import ImportanceChange
    from svccheck.engine.results import IPA, Importance


def _rounded(value: Fraction | None) -> float | None:
    return None if value is None else rounded(float(value))


def ipa_data(importance: Importance) -> dict[str, Any]:
    """The JSON ``"ipa"`` object: the crosshairs, the placed items, where the figures came from."""
    ipa = importance.ipa
    return {
        "importance_mean": _rounded(ipa.importance_mean),
        "performance_mean": _rounded(ipa.performance_mean),
        "items": [
            {
                "id": placed.result.item.id,
                "importance": placed.importance,
                "percent": rounded(placed.result.percent),
                "quadrant": placed.quadrant.value,
            }
            for placed in ipa.items
        ],
        "file": importance.file,
        "source": importance.source,
        "rated_items": importance.rated,
        "rubric_items": importance.items,
    }


def with_priorities(data: dict[str, Any], importance: Importance) -> dict[str, Any]:
    """Report JSON with ``"priority"`` after each action's ``"gain"`` and ``"ipa"`` at the end."""
    priorities = {r.result.item.id: r.priority for r in importance.ranked}
    actions = []
    for action in data["actions"]:
        entry: dict[str, Any] = {}
        for key, value in action.items():
            entry[key] = value
            if key == "gain":
                entry["priority"] = rounded(priorities.get(action["item"]))
        actions.append(entry)
    return {**data, "actions": actions, "ipa": ipa_data(importance)}


def changes_data(changes: tuple[ImportanceChange, ...]) -> list[dict[str, Any]]:
    """The JSON ``"importance"`` list of ``diff``: every item rated in either audit."""
    return [{"id": c.id, "old": c.old, "new": c.new} for c in changes]


# Words shared by the views for people (table, Markdown, HTML).


def quadrant_meaning(quadrant: Quadrant) -> str:
    """``high importance, low performance``."""
    importance = "high" if quadrant.high_importance else "low"
    performance = "high" if quadrant.high_performance else "low"
    return f"{importance} importance, {performance} performance"


def quadrants_legend() -> str:
    """What the quadrants mean, for a caption."""
    return "; ".join(f"{q.label}: {quadrant_meaning(q)}" for q in QUADRANT_ORDER)


def crosshairs(ipa: IPA) -> str:
    """Where the crosshairs are, and the rule for an item exactly on one."""
    assert ipa.importance_mean is not None  # called only when items are placed
    assert ipa.performance_mean is not None
    return (
        f"crosshairs at the means, importance {float(ipa.importance_mean):.2f} and performance "
        f"{float(ipa.performance_mean):.1f}% (an item on a crosshair counts as high)"
    )


def importance_origin(importance: Importance) -> str:
    """Where the importance figures came from (text already made safe to show)."""
    if importance.file is None:
        return "Importance (1 to 5) from the audit's importance: mapping."
    source = f": {importance.source}" if importance.source else ""
    return f"Importance (1 to 5) from {importance.file}{source}"


def rated_count(importance: Importance) -> str:
    """How many items have an importance, and what that means when under half: ``Importance
    given for 10 of 46 items (under half): the 36 others count at the mean, so an item
    customers did not rate can rank above one they rated high.``"""
    text = f"Importance given for {importance.rated} of {plural(importance.items, 'item')}"
    if not importance.sparse:
        return f"{text}."
    others = importance.items - importance.rated
    return (
        f"{text} (under half): the {others} others count at the mean, so an item customers did "
        "not rate can rank above one they rated high."
    )


def ordering_legend(importance: Importance) -> str:
    """How the actions are ordered when there is importance."""
    mean = importance.ipa.importance_mean
    at = "" if mean is None else f" ({float(mean):.2f})"
    return (
        f"Ordered by priority = gain × importance ÷ mean importance{at}; an item without an "
        "importance counts at the mean."
    )


def priority_legend(importance: Importance) -> str:
    """How the actions are ordered, and how many items have an importance (Markdown, HTML)."""
    return f"{ordering_legend(importance)} {rated_count(importance)}"


def unrated(importance: Importance, rated: int | None) -> str:
    """An action's importance: ``importance 5``, or ``no importance, counts as the mean 3.50``
    (why an item customers did not rate ranks where it does)."""
    if rated is not None:
        return f"importance {rated}"
    mean = importance.ipa.importance_mean
    return (
        "no importance" if mean is None else f"no importance, counts as the mean {float(mean):.2f}"
    )


def action_words(importance: Importance, item_id: str) -> str:
    """``priority 2.23, importance 5`` for an action's heading (Markdown, HTML)."""
    priority = importance.priority(item_id)
    return f"priority {number(priority, 2)}, {unrated(importance, importance.of(item_id))}"


def changes_markdown(changes: tuple[ImportanceChange, ...]) -> list[str]:
    """``diff``: a ``## Importance`` section listing the items whose importance changed."""
    from svccheck.render.markdown_table import cell

    changed = [change for change in changes if change.changed]
    lines = ["", "## Importance", ""]
    if not changed:
        return [*lines, "Unchanged."]
    return lines + [
        f"- {cell(c.id)}: {'–' if c.old is None else c.old} → {'–' if c.new is None else c.new}"
        for c in changed
    ]


CHANGE_COLUMNS = ("old_importance", "new_importance")


def importance_cells(importance: Importance, item_id: str) -> tuple[object, ...]:
    """An item's importance, quadrant (its id: ``concentrate-here``) and priority; ``None``
    where it has none."""
    quadrant = importance.quadrant(item_id)
    return (
        importance.of(item_id),
        None if quadrant is None else quadrant.value,
        rounded(importance.priority(item_id)),
    )


def with_columns(
    text: str, columns: tuple[str, ...], cells: Callable[[str], tuple[object, ...]], item: int
) -> str:
    """CSV text with ``columns`` added to every row, from the item id in column ``item``.

    The cells were made spreadsheet-safe when ``text`` was written; they are copied unchanged.
    """
    # Imported here: score's view model imports this module, and csv was 0.5 ms of a score.
    import csv

    rows = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*rows[0], *columns])
    for row in rows[1:]:
        values = cells(row[item])
        writer.writerow([*row, *("" if value is None else value for value in values)])
    return buffer.getvalue()


def with_change_columns(text: str, changes: tuple[ImportanceChange, ...], item: int = 0) -> str:
    """``diff -f csv``: :data:`CHANGE_COLUMNS` on every row (empty where not rated)."""
    by_id = {change.id: (change.old, change.new) for change in changes}
    return with_columns(
        text, CHANGE_COLUMNS, lambda item_id: by_id.get(item_id, (None, None)), item
    )
