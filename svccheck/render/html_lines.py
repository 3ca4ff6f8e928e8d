"""Line charts (trend, plan projection) and the heat map (combine) for the HTML reports.

Geometry only, as in :mod:`svccheck.render.html_charts`, and fluid like its bars: periods and
sections are placed in percents of the plot's width, scores in pixels down, and the labels
beside the plot (a line's name, a guide's, a group's) hang into padding sized from their widths,
so that no label is cut at any page width. Lines differ by dash pattern and end label as well as
by colour, so they read in print and without colour vision; the overall line is black and
thicker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from svccheck.core.record import record
from svccheck.render.html_charts import (
    DASHES,
    HEAT,
    PALETTE,
    Tick,
    short,
    text_width,
    value_text,
)

TOP, PLOT_HEIGHT = 16.0, 240.0
# Pixels between the plot's first and last period and its frame, so that a value written over
# the first or last point stays clear of the axis numbers and of the labels at the right.
GAP = 24.0
AXIS = 34.0  # room for the axis numbers (0..100) left of the plot


@record
class Line:
    """One series: its segments (broken where a period has no score), style and label."""

    name: str
    segments: tuple[tuple[float, float, float, float], ...]  # x1 %, y1, x2 %, y2
    dots: tuple[tuple[float, float, str], ...]  # x %, y, value label
    colour: str
    dash: str
    stroke: float
    label_y: float
    label: str


@record
class Guide:
    """A horizontal reference line (the target, a level's threshold) with its label."""

    y: float
    label: str
    dashed: bool
    label_y: float  # moved apart from the other labels at the right when they are close


@record
class LineChart:
    """Scores over periods on a fixed 0..100 scale, so that charts compare with each other."""

    title: str
    height: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    guides: tuple[Guide, ...]
    lines: tuple[Line, ...]
    point_values: bool
    gap: float
    pad_left: float
    pad_right: float
    pad_right_narrow: float  # on a phone, without the lines' names: room for the last period


def _y(value: float) -> float:
    return TOP + PLOT_HEIGHT * (1 - max(0.0, min(100.0, value)) / 100)


def _xs(count: int) -> list[float]:
    if count == 1:
        return [50.0]
    return [100.0 * i / (count - 1) for i in range(count)]


def _segments(
    xs: list[float], values: Sequence[float | None]
) -> tuple[tuple[float, float, float, float], ...]:
    """Straight pieces between neighbouring periods that both have a score."""
    pieces = []
    for i in range(len(xs) - 1):
        first, second = values[i], values[i + 1]
        if first is not None and second is not None:
            pieces.append((xs[i], _y(first), xs[i + 1], _y(second)))
    return tuple(pieces)


def _spread_labels(ys: list[float], gap: float = 15.0) -> list[float]:
    """End labels pushed apart so that lines ending close together keep readable labels."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = list(ys)
    last = -1e9
    for i in order:
        placed[i] = max(ys[i], last + gap)
        last = placed[i]
    return placed


def _x_ticks(xs: list[float], periods: Sequence[str]) -> tuple[Tick, ...]:
    # Every period is labelled up to eight; beyond, every n-th, so labels never overlap.
    every = max(1, -(-len(periods) // 8))
    shown = [i for i in range(len(periods)) if i % every == 0 or i == len(periods) - 1]
    return tuple(Tick(xs[i], short(periods[i], 12)) for i in shown)


def _line(
    index: int, name: str, values: Sequence[float | None], xs: list[float], overall_first: bool
) -> Line:
    overall = overall_first and index == 0
    style = index - 1 if overall_first else index
    known = [v for v in values if v is not None]
    return Line(
        name=name,
        segments=_segments(xs, values),
        dots=tuple(
            (x, _y(v), value_text(v)) for x, v in zip(xs, values, strict=True) if v is not None
        ),
        colour="#000000" if overall else PALETTE[style % len(PALETTE)],
        dash="" if overall else DASHES[style % len(DASHES)],
        stroke=3.5 if overall else 2.0,
        label_y=_y(known[-1]) + 4 if known else _y(0),
        label=short(name, 24),
    )


def lines(
    title: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    guides: Sequence[tuple[float, str, bool]] = (),
    *,
    overall_first: bool = True,
) -> LineChart:
    """One line per (name, values); the first is the overall (black, thick) when
    ``overall_first``. ``guides`` are (value, label, dashed) horizontal lines. With one line,
    its values are written over its points and it needs no name at its end."""
    xs = _xs(len(periods))
    drawn = [_line(i, name, values, xs, overall_first) for i, (name, values) in enumerate(series)]
    point_values = len(series) == 1
    merged = _guides(guides)
    # The labels at the right (the lines' names, the guides') are moved apart together.
    named = [] if point_values else drawn
    placed = _spread_labels([line.label_y for line in named] + [g.y + 4 for g in merged])
    if named:
        drawn = [replace(line, label_y=y) for line, y in zip(named, placed, strict=False)]
    placed_guides = tuple(
        Guide(g.y, g.label, g.dashed, y) for g, y in zip(merged, placed[len(named) :], strict=True)
    )
    widths = [text_width(line.label, 13, bold=line.stroke > 3) for line in named]
    widths += [text_width(g.label, 12) for g in merged]
    x_ticks = _x_ticks(xs, periods)
    # The last period's name is centred under its point, at the plot's right edge.
    half_tick = text_width(x_ticks[-1].label, 13) / 2 + 4 if x_ticks else 0.0
    return LineChart(
        title=title,
        height=max(TOP + PLOT_HEIGHT + 34, max(placed, default=0) + 10),
        x_ticks=x_ticks,
        y_ticks=tuple(Tick(_y(v), str(v)) for v in (0, 25, 50, 75, 100)),
        guides=placed_guides,
        lines=tuple(drawn),
        point_values=point_values,
        gap=GAP,
        pad_left=AXIS + GAP,
        pad_right=max(GAP + 6 + max(widths, default=0.0) + 4, half_tick),
        pad_right_narrow=max(GAP, half_tick),
    )


def _guides(guides: Sequence[tuple[float, str, bool]]) -> list[Guide]:
    """Guides at the same height share one line and one label (the target is often a level)."""
    merged: dict[float, Guide] = {}
    for value, label, dashed in guides:
        y = _y(value)
        if y in merged:
            first = merged[y]
            merged[y] = Guide(y, f"{first.label} · {label}", first.dashed or dashed, y)
        else:
            merged[y] = Guide(y, label, dashed, y)
    return [Guide(g.y, short(g.label, 24), g.dashed, g.y) for g in merged.values()]


@record
class Cell:
    """One heat-map cell: where (its column's left edge in percent), its shade, its value."""

    x: float
    y: float
    fill: str
    ink: str
    text: str
    tip: str


@record
class HeatMap:
    """Groups (rows) by sections (numbered columns), every cell with its value."""

    title: str
    height: float
    cell_width: float  # percent of the plot's width
    cell_height: float
    row_labels: tuple[tuple[float, str, bool], ...]  # y, label, emphasised
    columns: tuple[tuple[float, str], ...]  # centre in percent, number
    cells: tuple[Cell, ...]
    legend: tuple[tuple[str, str, str], ...]  # fill, ink, range
    pad_left: float


def _shade(value: float | None) -> tuple[str, str]:
    if value is None:
        return "#ffffff", "#000000"
    index = min(len(HEAT) - 1, int(value / 100 * len(HEAT)))
    return HEAT[index], "#ffffff" if index >= 3 else "#000000"


def heat_map(
    title: str,
    sections: Sequence[str],
    rows: Sequence[tuple[str, Sequence[float | None], bool]],
) -> HeatMap:
    """(group name, section scores, emphasised) rows; columns are numbered 1..n for the legend.
    The row labels stand right-aligned left of the cells, in room sized from the widest."""
    top, cell_height = 24.0, 34.0
    cell_width = 100.0 / max(1, len(sections))
    names = [short(name, 32) for name, _, _ in rows]
    cells = []
    for r, (name, values, _) in enumerate(rows):
        for c, value in enumerate(values):
            fill, ink = _shade(value)
            cells.append(
                Cell(c * cell_width, top + r * cell_height, fill, ink,
                     value_text(value) if value is not None else "–",
                     f"{short(name, 40)}, {short(sections[c], 40)}: {value_text(value)}")
            )  # fmt: skip
    bands = len(HEAT)
    legend = tuple(
        (*_shade(100 * i / bands), f"{100 * i // bands}–{100 * (i + 1) // bands}")
        for i in range(bands)
    )
    widest = max(
        (
            text_width(label, 14, bold=strong)
            for label, (_, _, strong) in zip(names, rows, strict=True)
        ),
        default=0.0,
    )
    return HeatMap(
        title=title,
        height=top + cell_height * len(rows) + 4,
        cell_width=cell_width,
        cell_height=cell_height,
        row_labels=tuple(
            (top + r * cell_height + cell_height / 2 + 5, label, strong)
            for r, (label, (_, _, strong)) in enumerate(zip(names, rows, strict=True))
        ),
        columns=tuple(((c + 0.5) * cell_width, str(c + 1)) for c in range(len(sections))),
        cells=tuple(cells),
        legend=legend,
        pad_left=widest + 14,
    )
