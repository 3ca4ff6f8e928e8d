"""A small text scatter of the importance-performance analysis, 54 columns wide.

Rows are the importance values (5 at the top), columns the performance from 0% to 100% in 41
steps of 2.5 points; a cell shows how many items sit there. The crosshairs are drawn exactly
where the quadrants divide: the dashed row line below the lowest importance at or above the mean
(importances are whole numbers), and the dashed column between the items below the performance
mean and those at or above it. An item whose column would cross that line (within a column's
width of the mean) is drawn on its own side, so the picture never contradicts the quadrant list.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from svccheck.engine.results import Quadrant
from svccheck.model.audit import IMPORTANCE_MAX, IMPORTANCE_MIN

if TYPE_CHECKING:
    from svccheck.engine.results import IPA

COLUMNS = 41  # 0%, 2.5%, ..., 100%
_LABEL = 10  # "importance" and the row labels
_LEFT, _RIGHT = Quadrant.CONCENTRATE_HERE, Quadrant.KEEP_UP_THE_GOOD_WORK
_LOWER_LEFT, _LOWER_RIGHT = Quadrant.LOW_PRIORITY, Quadrant.POSSIBLE_OVERKILL


def _column(percent: Fraction) -> int:
    """The grid column of a percent, rounded half up, exactly."""
    return math.floor(percent * (COLUMNS - 1) / 100 + Fraction(1, 2))


def _cell(count: int) -> str:
    return str(count) if count < 10 else "+"


def _spread(left: str, right: str, width: int) -> str:
    """Two labels at either end of ``width`` columns."""
    return left + " " * max(1, width - len(left) - len(right)) + right


def scatter(ipa: IPA) -> list[str]:
    """The scatter as lines of text; no lines when nothing is placed."""
    if ipa.importance_mean is None or ipa.performance_mean is None:
        return []
    divider = max(1, _column(ipa.performance_mean))  # high items from this column on
    lowest_high = math.ceil(ipa.importance_mean)  # rows at or above it are high importance
    counts: dict[tuple[int, int], int] = {}
    for placed in ipa.items:
        column = _column(Fraction(placed.result.percent or 0))
        column = (
            max(column, divider) if placed.quadrant.high_performance else min(column, divider - 1)
        )
        key = (placed.importance, column)
        counts[key] = counts.get(key, 0) + 1
    width = COLUMNS + 1
    lines = [f"{'importance':<{_LABEL + 2}}" + _spread(_LEFT.label, _RIGHT.label, width)]
    for importance in range(IMPORTANCE_MAX, IMPORTANCE_MIN - 1, -1):
        cells = [_cell(counts[(importance, c)]) if (importance, c) in counts else " "
                 for c in range(COLUMNS)]  # fmt: skip
        row = "".join(cells[:divider]) + "┆" + "".join(cells[divider:])
        lines.append(f"{importance:>{_LABEL}} │{row.rstrip()}")
        if importance == lowest_high and importance > IMPORTANCE_MIN:
            line = "╌" * divider + "┼" + "╌" * (COLUMNS - divider)
            lines.append(" " * _LABEL + " ├" + line)
    lines.append(" " * _LABEL + " └" + "─" * divider + "┴" + "─" * (COLUMNS - divider))
    axis = _spread("0%", "100%", width)
    middle = "performance"
    start = (width - len(middle)) // 2
    lines.append(" " * _LABEL + "  " + axis[:start] + middle + axis[start + len(middle) :])
    lines.append(" " * _LABEL + "  " + _spread(_LOWER_LEFT.label, _LOWER_RIGHT.label, width))
    return [line.rstrip() for line in lines]
