"""Chart geometry for the HTML reports: numbers and labels only, never markup.

Every chart here is a frozen dataclass of coordinates and plain strings; the Jinja macros in
``templates/charts.html.j2`` draw them as inline SVG. Keeping markup out of Python means every
label from a file reaches the page through the template engine's autoescaping, by construction.

Coordinates are in SVG user units of a fixed ``viewBox``; the SVG scales to the page width, so the
charts stay whole on a phone and on A4. Colours follow the Okabe-Ito palette (distinguishable with
the common colour-vision deficiencies), and every chart also says what it shows in text: values
next to bars and points, dash patterns on lines, numbers on axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from svccheck.core.record import record

# Okabe & Ito (2008), without yellow (too pale on white) and with black kept for the overall.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2", "12 3")
# ColorBrewer "Blues" (sequential, colour-blind safe): lightness alone carries the value.
HEAT = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
# Narrow enough that 14-unit text stays legible when a phone scales the chart to its width.
WIDTH = 420
LABEL_CHARS = 64  # a label longer than this is shortened in a chart; tables show it whole


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: a chart cannot wrap a label."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def value_text(value: float | None) -> str:
    """A score as a chart label: one decimal, or ``n/a`` when there is none."""
    return "n/a" if value is None else f"{value:.1f}"


def delta_label(value: float | None) -> str:
    """A change with an arrow, so that its direction reads without colour."""
    if value is None:
        return "–"
    if abs(value) < 0.05:
        return "= 0.0"
    return f"{'▲' if value > 0 else '▼'} {value:+.1f}"


@record
class Tick:
    """A gridline at ``x`` (or ``y``) with its label."""

    at: float
    label: str


@record
class BarRow:
    """One section: its label above the bar, the bar's length, its value at the right."""

    label: str
    y: float
    width: float
    value: str


@record
class BarChart:
    """Sections as horizontal bars on 0..100 with the target marked."""

    title: str
    height: float
    left: float
    plot: float
    rows: tuple[BarRow, ...]
    target_x: float | None
    target_label: str
    ticks: tuple[Tick, ...]
    width: float = WIDTH


def _ticks(left: float, plot: float) -> tuple[Tick, ...]:
    return tuple(Tick(left + plot * v / 100, str(v)) for v in (0, 25, 50, 75, 100))


def bars(title: str, rows: Sequence[tuple[str, float | None]], target: float | None) -> BarChart:
    """Horizontal bars for (label, score) rows; ``target`` in percent draws a dashed line."""
    left, plot, top, step = 4.0, WIDTH - 60.0, 26.0, 44.0
    drawn = tuple(
        BarRow(short(label), top + i * step, plot * max(0.0, min(100.0, v or 0.0)) / 100,
               value_text(v))
        for i, (label, v) in enumerate(rows)
    )  # fmt: skip
    target_x = None if target is None else left + plot * target / 100
    label = "" if target is None else f"target {target:g}"
    height = top + len(rows) * step + 18
    return BarChart(title, height, left, plot, drawn, target_x, label, _ticks(left, plot))


@record
class PairRow:
    """One section in a diff: the old and the new bar, and the change in text."""

    label: str
    y: float
    old_width: float
    new_width: float
    values: str
    delta: str


@record
class PairChart:
    """Old and new section scores as paired bars, the change written beside them."""

    title: str
    old_name: str
    new_name: str
    height: float
    left: float
    plot: float
    rows: tuple[PairRow, ...]
    ticks: tuple[Tick, ...]
    width: float = WIDTH


def paired(
    title: str,
    names: tuple[str, str],
    rows: Sequence[tuple[str, float | None, float | None, float | None]],
) -> PairChart:
    """(label, old, new, delta) rows as pairs of bars; ``names`` labels old and new."""
    left, plot, top, step = 4.0, WIDTH - 120.0, 40.0, 52.0

    def width(v: float | None) -> float:
        return plot * max(0.0, min(100.0, v or 0.0)) / 100

    drawn = tuple(
        PairRow(short(label), top + i * step, width(old), width(new),
                f"{value_text(old)} → {value_text(new)}", delta_label(delta))
        for i, (label, old, new, delta) in enumerate(rows)
    )  # fmt: skip
    height = top + len(rows) * step + 18
    return PairChart(title, names[0], names[1], height, left, plot, drawn, _ticks(left, plot))


@record
class Spoke:
    """One axis of a radar: its end, its number label and the point of the score on it."""

    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    label: str


@record
class Radar:
    """Sections around a circle: rings at 25..100, the target ring dashed, the scores joined."""

    title: str
    size: float
    center: float
    rings: tuple[str, ...]
    target_ring: str
    spokes: tuple[Spoke, ...]
    shape: str
    dots: tuple[tuple[float, float], ...]
    legend: tuple[str, ...]


def _polygon(center: float, radius: float, fractions: Sequence[float]) -> str:
    count = len(fractions)
    points = []
    for i, fraction in enumerate(fractions):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        x = center + radius * fraction * math.cos(angle)
        y = center + radius * fraction * math.sin(angle)
        points.append(f"{x:.1f},{y:.1f}")
    return " ".join(points)


def radar(title: str, rows: Sequence[tuple[str, float | None]], target: float) -> Radar:
    """A radar of three or more sections; axes are numbered, the legend names them."""
    size, radius = 420.0, 140.0
    center = size / 2
    count = len(rows)
    fractions = [max(0.0, min(100.0, v or 0.0)) / 100 for _, v in rows]
    spokes = []
    for i, (_, value) in enumerate(rows):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        spokes.append(
            Spoke(center + radius * cos, center + radius * sin, center + (radius + 14) * cos,
                  center + (radius + 14) * sin + 5 + 8 * sin, anchor,
                  f"{i + 1}: {value_text(value)}")
        )  # fmt: skip
    dots = tuple(
        (float(p.split(",")[0]), float(p.split(",")[1]))
        for p in _polygon(center, radius, fractions).split()
    )
    return Radar(
        title=title,
        size=size,
        center=center,
        rings=tuple(_polygon(center, radius, [r / 4] * count) for r in (1, 2, 3, 4)),
        target_ring=_polygon(center, radius, [target / 100] * count),
        spokes=tuple(spokes),
        shape=_polygon(center, radius, fractions),
        dots=dots,
        legend=tuple(label for label, _ in rows),
    )
