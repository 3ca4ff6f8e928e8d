"""Line charts (trend, plan projection) and the heat map (combine) for the HTML reports.

Geometry only, as in :mod:`svccheck.render.html_charts`: the template draws it, escaping every
label. Lines differ by dash pattern and end label as well as by colour, so they read in print
and without colour vision; the overall line is black and thicker.
"""

from __future__ import annotations

from collections.abc import Sequence

from svccheck.core.record import record
from svccheck.render.html_charts import DASHES, HEAT, PALETTE, Tick, short, value_text

WIDTH, LEFT, RIGHT, TOP, PLOT_HEIGHT = 460.0, 34.0, 120.0, 16.0, 240.0


@record
class Line:
    """One series: its polyline pieces (broken where a period has no score), style and label."""

    name: str
    segments: tuple[str, ...]
    dots: tuple[tuple[float, float, str], ...]  # x, y, value label
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


@record
class LineChart:
    """Scores over periods on a fixed 0..100 scale, so that charts compare with each other."""

    title: str
    height: float
    left: float
    right: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    guides: tuple[Guide, ...]
    lines: tuple[Line, ...]
    point_values: bool
    width: float = WIDTH


def _y(value: float) -> float:
    return TOP + PLOT_HEIGHT * (1 - max(0.0, min(100.0, value)) / 100)


def _xs(count: int) -> list[float]:
    plot = WIDTH - LEFT - RIGHT
    if count == 1:
        return [LEFT + plot / 2]
    return [LEFT + plot * i / (count - 1) for i in range(count)]


def _segments(xs: list[float], values: Sequence[float | None]) -> tuple[str, ...]:
    pieces: list[list[str]] = [[]]
    for x, value in zip(xs, values, strict=True):
        if value is None:
            pieces.append([])
        else:
            pieces[-1].append(f"{x:.1f},{_y(value):.1f}")
    return tuple(" ".join(piece) for piece in pieces if piece)


def _spread_labels(ys: list[float], gap: float = 13.0) -> list[float]:
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


def lines(
    title: str,
    periods: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    guides: Sequence[tuple[float, str, bool]] = (),
    *,
    overall_first: bool = True,
) -> LineChart:
    """One line per (name, values); the first is the overall (black, thick) when
    ``overall_first``. ``guides`` are (value, label, dashed) horizontal lines."""
    xs = _xs(len(periods))
    ends = []
    for _, values in series:
        known = [v for v in values if v is not None]
        ends.append(_y(known[-1]) + 4 if known else _y(0))
    label_ys = _spread_labels(ends)
    drawn = []
    for index, ((name, values), label_y) in enumerate(zip(series, label_ys, strict=True)):
        overall = overall_first and index == 0
        style = index - 1 if overall_first else index
        drawn.append(
            Line(
                name=name,
                segments=_segments(xs, values),
                dots=tuple(
                    (x, _y(v), value_text(v))
                    for x, v in zip(xs, values, strict=True)
                    if v is not None
                ),
                colour="#000000" if overall else PALETTE[style % len(PALETTE)],
                dash="" if overall else DASHES[style % len(DASHES)],
                stroke=3.5 if overall else 2.0,
                label_y=label_y,
                label=short(name, 18),
            )
        )
    return LineChart(
        title=title,
        height=max(TOP + PLOT_HEIGHT + 34, max(label_ys, default=0) + 10),
        left=LEFT,
        right=WIDTH - RIGHT,
        x_ticks=_x_ticks(xs, periods),
        y_ticks=tuple(Tick(_y(v), str(v)) for v in (0, 25, 50, 75, 100)),
        guides=_guides(guides),
        lines=tuple(drawn),
        point_values=len(series) == 1,
    )


def _guides(guides: Sequence[tuple[float, str, bool]]) -> tuple[Guide, ...]:
    """Guides at the same height share one line and one label (the target is often a level)."""
    merged: dict[float, Guide] = {}
    for value, label, dashed in guides:
        y = _y(value)
        if y in merged:
            first = merged[y]
            merged[y] = Guide(y, f"{first.label} · {label}", first.dashed or dashed)
        else:
            merged[y] = Guide(y, label, dashed)
    return tuple(Guide(g.y, short(g.label, 22), g.dashed) for g in merged.values())


@record
class Cell:
    """One heat-map cell: where, its shade, and its value written in it."""

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
    width: float
    height: float
    cell_width: float
    cell_height: float
    row_labels: tuple[tuple[float, str, bool], ...]  # y, label, emphasised
    columns: tuple[tuple[float, str], ...]
    cells: tuple[Cell, ...]
    legend: tuple[tuple[str, str, str], ...]  # fill, ink, range


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
    """(group name, section scores, emphasised) rows; columns are numbered 1..n for the legend."""
    # The label column fits the longest group name (up to 24 characters, about 8 units each).
    longest = max((len(short(name, 24)) for name, _, _ in rows), default=8)
    label_width, cell_height = min(200.0, 12.0 + 7.6 * longest), 34.0
    cell_width = max(44.0, min(80.0, (WIDTH - label_width) / max(1, len(sections))))
    top = 24.0
    cells = []
    for r, (name, values, _) in enumerate(rows):
        for c, value in enumerate(values):
            fill, ink = _shade(value)
            cells.append(
                Cell(label_width + c * cell_width, top + r * cell_height, fill, ink,
                     value_text(value) if value is not None else "–",
                     f"{short(name, 40)}, {short(sections[c], 40)}: {value_text(value)}")
            )  # fmt: skip
    bands = len(HEAT)
    legend = tuple(
        (*_shade(100 * i / bands), f"{100 * i // bands}–{100 * (i + 1) // bands}")
        for i in range(bands)
    )
    return HeatMap(
        title=title,
        width=label_width + cell_width * len(sections) + 4,
        height=top + cell_height * len(rows) + 4,
        cell_width=cell_width,
        cell_height=cell_height,
        row_labels=tuple(
            (top + r * cell_height + cell_height / 2 + 5, short(name, 24), strong)
            for r, (name, _, strong) in enumerate(rows)
        ),
        columns=tuple(
            (label_width + c * cell_width + cell_width / 2, str(c + 1))
            for c in range(len(sections))
        ),
        cells=tuple(cells),
        legend=legend,
    )
