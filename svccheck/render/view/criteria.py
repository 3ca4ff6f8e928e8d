"""What recorded criteria add to a report's view: after each action, the criteria of the next
level that were not seen met (``level 4 needs: …``), where the answer records its criteria.

The criteria missing are the engine's (:func:`svccheck.engine.criteria.next_level_missing`);
JSON carries them as data (``criteria_met``, ``next_level_missing``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine import criteria
from svccheck.render.view.model import Contribution

if TYPE_CHECKING:
    from svccheck.engine.results import ItemResult, Report
    from svccheck.render.interface import ReportOptions


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """The next level's missing criteria after each action whose answer records criteria;
    nothing when no action does."""
    words = {r.item.id: needs for r in report.actions if (needs := next_level_needs(r))}
    return Contribution(action_words=words) if words else Contribution()


def next_level_needs(result: ItemResult) -> str:
    """``level N needs: …``: the criteria of the level above the answer not seen met, or ``""``
    where the answer records no criteria or nothing is missing."""
    if result.criteria is None or not isinstance(result.answer, int):
        return ""
    missing = criteria.next_level_missing(result.item, result.criteria, result.answer)
    return f"level {result.answer + 1} needs: {', '.join(missing)}" if missing else ""
