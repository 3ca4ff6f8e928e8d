"""The importance-performance chart of the HTML report: geometry and plain strings only.

Performance (0..100%) runs left to right, importance (1..5) bottom to top; the crosshairs are
dashed at the two means, and each quadrant's name is written in its corner. Items are numbered in
the order of the table under the chart; items at exactly the same place share one dot, labelled
with all their numbers. A dot's colour repeats its quadrant, which the position and the table
already say, so nothing depends on colour (Okabe-Ito hues, each with its own shape too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.engine.results import QUADRANT_ORDER, Quadrant
from svccheck.model.audit import IMPORTANCE_MAX, IMPORTANCE_MIN
from svccheck.render.html_charts import WIDTH, Tick

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from svccheck.engine.results import IPA, Placed

# Vermillion, bluish green, grey, blue: apart for the common colour-vision deficiencies.
QUADRANT_COLOURS = {
    Quadrant.CONCENTRATE_HERE: "#D55E00",
    Quadrant.KEEP_UP_THE_GOOD_WORK: "#009E73",
    Quadrant.LOW_PRIORITY: "#777777",
    Quadrant.POSSIBLE_OVERKILL: "#0072B2",
}
# A second cue besides colour: a square, a circle, a small circle, a diamond.
QUADRANT_SHAPES = {
    Quadrant.CONCENTRATE_HERE: "square",
    Quadrant.KEEP_UP_THE_GOOD_WORK: "circle",
    Quadrant.LOW_PRIORITY: "dot",
    Quadrant.POSSIBLE_OVERKILL: "diamond",
}


@record
class Dot:
    """One place in the chart: its items' numbers, and the quadrant's colour and shape."""

    x: float
    y: float
    label: str
    colour: str
    shape: str
    anchor: str  # where the label goes: "start" right of the dot, "end" left of it


@record
class Corner:
    """A quadrant's name, written inside its corner of the plot."""

    x: float
    y: float
    anchor: str
    text: str


@record
class Row:
    """A line of the table under the chart: the item's number there, and its figures."""

    number: int
    placed: Placed
    quadrant: str


@record
class IpaChart:
    """Everything the template draws."""

    title: str
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    mean_x: float
    mean_y: float
    mean_labels: tuple[str, str]
    corners: tuple[Corner, ...]
    dots: tuple[Dot, ...]
    rows: tuple[Row, ...]


def _numbered(ipa: IPA) -> list[Placed]:
    """The placed items quadrant by quadrant (the order to act on them), rubric order within."""
    return [placed for quadrant in QUADRANT_ORDER for placed in ipa.in_quadrant(quadrant)]


def _dots(
    ordered: Sequence[Placed], x: Callable[[float], float], y: Callable[[float], float]
) -> tuple[Dot, ...]:
    """One dot per place in the grid, labelled with the numbers of every item there."""
    places: dict[tuple[int, float], list[int]] = {}
    quadrants: dict[tuple[int, float], Quadrant] = {}
    for number, placed in enumerate(ordered, 1):
        key = (placed.importance, placed.result.percent or 0.0)
        places.setdefault(key, []).append(number)
        quadrants[key] = placed.quadrant  # one place, one quadrant: the rule is exact
    return tuple(
        Dot(x(percent), y(importance), ", ".join(map(str, numbers)),
            QUADRANT_COLOURS[quadrants[(importance, percent)]],
            QUADRANT_SHAPES[quadrants[(importance, percent)]],
            "end" if percent > 80 else "start")
        for (importance, percent), numbers in places.items()
    )  # fmt: skip


def chart(title: str, ipa: IPA) -> IpaChart | None:
    """The chart of an analysis; ``None`` when no item is placed."""
    if ipa.importance_mean is None or ipa.performance_mean is None:
        return None
    left, right, top, bottom = 44.0, WIDTH - 22.0, 40.0, 330.0
    span = IMPORTANCE_MAX - IMPORTANCE_MIN

    def x(percent: float) -> float:
        return left + (right - left) * max(0.0, min(100.0, percent)) / 100

    def y(importance: float) -> float:
        return bottom - (bottom - top) * (importance - IMPORTANCE_MIN) / span

    ordered = _numbered(ipa)
    importance_mean = float(ipa.importance_mean)
    performance_mean = float(ipa.performance_mean)
    return IpaChart(
        title=title,
        width=WIDTH,
        height=bottom + 64,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        x_ticks=tuple(Tick(x(v), f"{v}%") for v in (0, 25, 50, 75, 100)),
        y_ticks=tuple(Tick(y(v), str(v)) for v in range(IMPORTANCE_MIN, IMPORTANCE_MAX + 1)),
        mean_x=x(performance_mean),
        mean_y=y(importance_mean),
        mean_labels=(f"mean {performance_mean:.1f}%", f"mean {importance_mean:.2f}"),
        corners=(
            Corner(left + 6, top - 8, "start", Quadrant.CONCENTRATE_HERE.label),
            Corner(right - 4, top - 8, "end", Quadrant.KEEP_UP_THE_GOOD_WORK.label),
            Corner(left + 6, bottom + 38, "start", Quadrant.LOW_PRIORITY.label),
            Corner(right - 4, bottom + 38, "end", Quadrant.POSSIBLE_OVERKILL.label),
        ),
        dots=_dots(ordered, x, y),
        rows=tuple(
            Row(number, placed, placed.quadrant.label) for number, placed in enumerate(ordered, 1)
        ),
    )
