"""Chart geometry for the HTML reports: numbers and labels only, never markup.

Every chart here is a frozen dataclass of coordinates and plain strings; the Jinja macros in
``templates/charts.html.j2`` draw them as inline SVG. Keeping markup out of Python means every
label from a file reaches the page through the template engine's autoescaping, by construction.

The bar charts (and the line charts and heat map of :mod:`svccheck.render.html_lines`) are
*fluid*: the ``<svg>`` has no ``viewBox`` and spans the page's width, so text keeps its size on a
phone, on A4 and on a wide screen, and the charts are as wide as the tables under them.
Horizontal positions are percents of the plot, vertical ones pixels; labels beside the plot (a
bar's value, a line's name) hang into the padding of the plot's box (``pad_left``,
``pad_right``), sized here from the labels' widths (:func:`text_width`). Colours follow the
Okabe-Ito palette (distinguishable with the common colour-vision deficiencies), and every chart
also says what it shows in text: values next to bars and points, dash patterns on lines,
numbers on axes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from svccheck.core.record import record

# Okabe & Ito (2008), without yellow (too pale on white) and with black kept for the overall.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2", "12 3")
# ColorBrewer "Blues" (sequential, colour-blind safe): lightness alone carries the value.
HEAT = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
# The viewBox width of the importance-performance chart (svccheck/render/html_ipa.py), which
# scales as a picture: narrow enough that its 14-unit text stays legible on a phone.
WIDTH = 420
LABEL_CHARS = 64  # a label longer than this is shortened in a chart; tables show it whole

# Character widths in thousandths of the font size, an upper bound for the page's sans-serif
# fonts: those of DejaVu Sans, the widest of them (measured in Chromium), rounded up by class.
_NARROW, _WIDE = set(" !'(),-./:;I[\\]fijlrt|·"), set("%@MWmw—…")
_BOLD = 1.16  # DejaVu Sans Bold is at most this much wider, class by class


def _char_width(char: str) -> int:
    if char in _NARROW:
        return 420
    if char in _WIDE:
        return 1000
    if char.isascii():
        return 790 if char.isupper() else 640
    base = unicodedata.normalize("NFD", char)[0]  # é as e, Ö as O
    return _char_width(base) if base.isascii() else 1000


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is at ``size`` pixels, at most: labels beside a chart get this room."""
    return sum(_char_width(char) for char in text) * size / 1000 * (_BOLD if bold else 1.0)


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


def _share(value: float | None) -> float:
    """A score as the percent of the plot's width its bar takes: 0..100."""
    return max(0.0, min(100.0, value or 0.0))


@record
class Tick:
    """A gridline at ``at`` (a percent of the plot's width, or pixels down) with its label."""

    at: float
    label: str


@record
class BarRow:
    """One section: its label above the bar, the bar's length in percent, its value beside."""

    label: str
    y: float
    width: float
    value: str


@record
class BarChart:
    """Sections as horizontal bars on 0..100 with the target marked on every bar."""

    title: str
    height: float
    rows: tuple[BarRow, ...]
    target: float | None  # percent of the plot's width
    target_label: str
    ticks: tuple[Tick, ...]
    pad_left: float
    pad_right: float


TICKS = tuple(Tick(float(v), str(v)) for v in (0, 25, 50, 75, 100))
BAR_TOP, BAR_STEP = 24.0, 48.0  # room for the target's label, then one row per section


def bars(title: str, rows: Sequence[tuple[str, float | None]], target: float | None) -> BarChart:
    """Horizontal bars for (label, score) rows; ``target`` in percent draws a dashed mark
    across every bar (only across the bars: a line from top to bottom crossed the labels)."""
    drawn = tuple(
        BarRow(short(label), BAR_TOP + i * BAR_STEP, _share(v), value_text(v))
        for i, (label, v) in enumerate(rows)
    )
    label = "" if target is None else f"target {target:g}"
    height = BAR_TOP + len(rows) * BAR_STEP + 18
    value_room = max((text_width(row.value, 15, bold=True) for row in drawn), default=0.0)
    return BarChart(title, height, drawn, target, label, TICKS, 8.0, value_room + 16)


@record
class PairRow:
    """One section in a diff: the old and the new bar (percent), and the change in text."""

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
    new_key_x: float  # where the key's second entry starts, in pixels
    height: float
    rows: tuple[PairRow, ...]
    ticks: tuple[Tick, ...]
    pad_left: float
    pad_right: float


def paired(
    title: str,
    names: tuple[str, str],
    rows: Sequence[tuple[str, float | None, float | None, float | None]],
) -> PairChart:
    """(label, old, new, delta) rows as pairs of bars; ``names`` labels old and new."""
    top, step = 40.0, 52.0
    drawn = tuple(
        PairRow(short(label), top + i * step, _share(old), _share(new),
                f"{value_text(old)} → {value_text(new)}", delta_label(delta))
        for i, (label, old, new, delta) in enumerate(rows)
    )  # fmt: skip
    old_name, new_name = short(names[0], 24), short(names[1], 24)
    key_x = 32 + text_width(f"{old_name} (outlined)", 12) + 24
    room = max(
        (max(text_width(r.values, 12), text_width(r.delta, 15, bold=True)) for r in drawn),
        default=0.0,
    )
    height = top + len(rows) * step + 18
    return PairChart(
        title, old_name, new_name, key_x, height, drawn, TICKS, 8.0, room + 16
    )  # fmt: skip
