"""Customer importance in every format: the IPA, the actions' priority, importance changes.

The renderers call these only when a report has importance (or, for ``diff``, when both audits
have it), so their output without importance is unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck.render.common import rounded

if TYPE_CHECKING:
    from fractions import Fraction

    from svccheck.importance import Importance, ImportanceChange


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
