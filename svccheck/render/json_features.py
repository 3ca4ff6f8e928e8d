"""Customer importance and plan progress in the JSON output: the engine's results as data.

Kept apart from :mod:`svccheck.render.json_out` (imported there only when a report has
importance or a plan), so that the keys are defined in one place; the shapes are documented in
docs/output-formats.md. The views for people take the same results from the features of
:mod:`svccheck.render.view`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck.render.common import rounded

if TYPE_CHECKING:
    from fractions import Fraction

    from svccheck.engine.importance import ImportanceChange
    from svccheck.engine.progress import Progress
    from svccheck.engine.results import Importance


def _rounded(value: Fraction | None) -> float | None:
    return None if value is None else rounded(float(value))


def ipa_data(importance: Importance) -> dict[str, Any]:
    """The ``"ipa"`` object: the crosshairs, the placed items, where the figures came from."""
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
    """Report data with ``"priority"`` after each action's ``"gain"`` and ``"ipa"`` at the end."""
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
    """The ``"importance"`` list of ``diff``: every item rated in either audit."""
    return [{"id": c.id, "old": c.old, "new": c.new} for c in changes]


def progress_data(progress: Progress) -> dict[str, Any]:
    """The ``"plan"`` object of ``score --plan`` and ``diff --plan``."""
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
