"""Small pieces every renderer shares: number formats, bars, header fields.

Rich is imported only inside the functions that build Rich text, so that the JSON, CSV and
Markdown renderers, which use the rest, start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.vocabulary import NA

if TYPE_CHECKING:
    from rich.text import Text

    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import ItemChange
    from svccheck.engine.results import Report
    from svccheck.model.header import Header
    from svccheck.model.rubric import Level, Rubric


BAR_WIDTH = 20


def number(value: float | None, digits: int = 1) -> str:
    """A percent figure for people: one decimal, or an en dash when undefined."""
    return "–" if value is None else f"{value:.{digits}f}"


def points(value: float | None) -> str:
    """A signed change or gain in percent points."""
    return "–" if value is None else f"+{value:.1f} pts"


def rounded(value: float | None) -> float | None:
    """Numbers in machine formats: rounded to 2 decimals, ``None`` stays ``None``."""
    return None if value is None else round(value, 2)


def bar(value: float | None, width: int = BAR_WIDTH) -> Text:
    """A horizontal bar for a 0..100 score, in whole and eighth blocks."""
    from rich.text import Text  # here, not at the top: the JSON and CSV views need no Rich

    if value is None:
        return Text("")
    eighths = round(max(0.0, min(100.0, value)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest].strip()
    return Text("█" * full + partial + "·" * (width - full - (1 if partial else 0)))


def score_style(value: float | None, target: float) -> str:
    """Colour for a score: green at or above target, yellow within 20 points, red below."""
    if value is None:
        return "dim"
    if value >= target:
        return "green"
    return "yellow" if value >= target - 20 else "red"


def header_pairs(rubric: Rubric, header: Header) -> list[tuple[str, str]]:
    """The report header as (label, value) pairs, skipping empty fields."""
    pairs = [
        ("Organization", header.organization),
        ("Unit", header.unit),
        ("Period", header.period),
        ("Assessor", header.assessor),
        ("Date", header.date),
        ("Rubric", f"{rubric.title} ({rubric.id}, version {rubric.version}{_edition(rubric)})"),
    ]
    return [(label, value) for label, value in pairs if value]


def titled(*parts: str) -> str:
    """A heading of parts, ``Acme Support: World-class service practices``; when a part has a
    colon of its own (a rubric titled ``Service excellence: the complete rubric``) the parts are
    joined by a dash instead: a title with two colons reads as three titles."""
    return (" — " if any(": " in part for part in parts) else ": ").join(parts)


def rubric_label(rubric: Rubric) -> str:
    """``Title (id)`` for report headings, naming an edition that shadows a built-in rubric."""
    return f"{rubric.title} ({rubric.id}{_edition(rubric)})"


def provisional_note(report: Report) -> str:
    """Why a result is provisional: the coverage against the minimum, and what to do."""
    return (
        f"PROVISIONAL: {report.coverage * 100:.0f}% of items answered, below the "
        f"{report.min_coverage * 100:.0f}% minimum (answer more, or score with --strict)"
    )


def removed_note(points: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """One line naming, per audit (a period or file), the answered items the rubric no longer
    has; ``None`` when there are none."""
    named = [f"{label}: {', '.join(ids)}" for label, ids in points if ids]
    if not named:
        return None
    return "Not scored, no longer in the rubric: " + "; ".join(named)


def _edition(rubric: Rubric) -> str:
    """Names an edition that is not the built-in one, so that nobody mistakes it for it."""
    from svccheck.model.rubric import OriginKind

    if rubric.origin.kind is OriginKind.BUILT_IN or not rubric.origin.shadows_builtin:
        return ""
    return f"; {rubric.origin.describe(rubric.path)}"


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None]) -> str:
    """One block per value on a fixed 0..100 scale (so lines compare across rows); gaps as space."""
    return "".join(
        " " if v is None else SPARKS[min(len(SPARKS) - 1, int(v / 100 * len(SPARKS)))]
        for v in values
    )


def delta_text(value: float | None) -> Text:
    """A change in points with an arrow and colour: ▲ green up, ▼ red down, = unchanged."""
    from rich.text import Text

    if value is None:
        return Text("–", style="dim")
    if abs(value) < 0.005:
        return Text("= 0.0", style="dim")
    arrow, style = ("▲", "green") if value > 0 else ("▼", "red")
    return Text(f"{arrow} {value:+.1f}", style=style)


def answer_text(answer: object) -> str:
    """An item's answer for people: the score, n/a, or a dash when unanswered."""
    return "–" if answer is None else str(answer)


def labelled_answer(rubric: Rubric, answer: object) -> str:
    """An answer as a manager reads it: ``2 Ad hoc``, ``n/a``, a dash when unanswered, and a
    mean percent (combined reports) as the answer it stands for (:func:`scale_answer`)."""
    if answer is None:
        return "–"
    if isinstance(answer, int) and not isinstance(answer, bool) and answer in rubric.scale.points():
        return f"{answer} {rubric.scale.label(answer)}"
    if isinstance(answer, float):
        return scale_answer(rubric, answer)
    return str(answer)


def scale_answer(rubric: Rubric, percent: float | None) -> str:
    """A percent of the scale as the answer it stands for: ``1 Not in place`` on a point of the
    scale, ``2.5 (between Ad hoc and Defined)`` for a mean of answers between two points, a
    dash for none. Combined audits average answers as percents; people read the scale."""
    if percent is None:
        return "–"
    scale = rubric.scale
    value = scale.min + max(0.0, min(100.0, percent)) / 100 * (scale.max - scale.min)
    point = round(value)
    if abs(value - point) < 0.05:  # shown to one decimal: 2.97 is 3.0, so 3 Defined
        return f"{point} {scale.label(point)}"
    below = int(value)
    return f"{value:.1f} (between {scale.label(below)} and {scale.label(below + 1)})"


def scale_gap(rubric: Rubric, percents: float) -> str:
    """A distance between two percents in steps of the scale: ``2 steps``, ``2.5 steps``."""
    count = percents * (rubric.scale.max - rubric.scale.min) / 100
    shown = f"{count:.0f}" if abs(count - round(count)) < 0.05 else f"{count:.1f}"
    return f"{shown} step" if shown == "1" else f"{shown} steps"


def steps(rubric: Rubric, delta: float | None) -> str:
    """An item's change in scale steps (``+2 steps``): an item moves on the scale, while
    "points" are reserved for the overall and section scores."""
    if delta is None:
        return "–"
    count = round(delta * (rubric.scale.max - rubric.scale.min) / 100)
    shown = f"{count:+d}" if count else "0"  # no sign on no change: "+0" reads as a gain
    return f"{shown} step" if abs(count) == 1 else f"{shown} steps"


def transition(change: ItemChange) -> str:
    """What happened to a diff's item that has no change in steps: ``newly answered``, ``now
    n/a``, ``added in rubric`` ..."""
    if change.status.in_rubric_only_on_one_side:
        return f"{change.status} in rubric"
    if change.old_answer is None:
        return "newly answered"
    if change.new_answer is None:
        return "no longer answered"
    return "now n/a" if change.new_answer == NA else "was n/a"


def plural(count: int, noun: str) -> str:
    """``1 item``, ``2 items``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def gain_legend(rubric: Rubric) -> str:
    """What ``+4.2 pts`` next to an action means, in one line."""
    return (
        f"+pts: how many points the overall score would gain if that item reached the target "
        f"({number(rubric.target)}%)"
    )


def score_legend(target: float) -> Text:
    """What the colours of scores mean, each word in its colour (see :func:`score_style`)."""
    from rich.text import Text

    text = Text("Colours: ", style="dim")
    text.append(f"green ≥ target ({number(target)}%)", style="green")
    text.append(", ", style="dim")
    text.append("yellow within 20 points", style="yellow")
    text.append(", ", style="dim")
    text.append("red below", style="red")
    return text


def level_legend(levels: tuple[Level, ...]) -> Text:
    """What the colours of the heat map mean: the maturity level each score reaches."""
    from rich.text import Text

    text = Text("Colours: the level reached, ", style="dim")
    for index, level in enumerate(levels):
        if index:
            text.append(" · ", style="dim")
        text.append(level.name, style=level_style(levels, level.min))
    return text


LEVEL_STYLES = ("red", "dark_orange", "yellow", "green", "bold green")


def level_style(levels: tuple[Level, ...], value: float | None) -> str:
    """Colour for a score by the maturity level it reaches (``levels``: the rubric's): red at
    the bottom, green at the top."""
    if value is None:
        return "dim"
    reached = sum(1 for level in levels if level.min <= value + 1e-9)
    position = max(0, reached - 1) / max(1, len(levels) - 1)
    return LEVEL_STYLES[round(position * (len(LEVEL_STYLES) - 1))]


# Krippendorff (2019, ch. 12.2.6): rely on alpha >= 0.800; draw tentative conclusions only from
# 0.667 up. One line, shown wherever alpha is (docs/scoring.md cites it in full).
ALPHA_GUIDE = (
    "Krippendorff's alpha: ≥ 0.8 reliable, 0.667–0.8 tentative, below 0.667 not reliable; "
    "– where undefined (fewer than two assessors on an item, or no variation)."
)


def nothing_compared(result: Combined) -> str | None:
    """Why there is no agreement between assessors to show (no table, card or guide, no
    discussion list), as a sentence to put under the heading "Agreement between assessors", or
    ``None`` when some unit was audited by two or more assessors."""
    from svccheck.engine.calibration import compared_units

    if compared_units(result.sheets):
        return None
    if len(result.agreement.assessors) < 2:
        return "Needs audits of one unit by two or more assessors."
    return (
        "No unit was audited by two or more assessors, so there is nothing to compare or discuss."
    )


def share(value: float | None) -> str:
    """A fraction as a percent for people (``83%``), or a dash when undefined."""
    return "–" if value is None else f"{value * 100:.0f}%"


def alpha_text(value: float | None) -> str:
    """Alpha to three decimals (the thresholds are 0.667 and 0.8), or a dash when undefined."""
    return "–" if value is None else f"{value:.3f}"


def alpha_reading(value: float | None) -> str:
    """What an alpha means, by :data:`ALPHA_GUIDE`."""
    if value is None:
        return "undefined"
    if value >= 0.8:
        return "reliable"
    return "tentative" if value >= 0.667 else "not reliable"


MEAN_ROW = "mean"  # combine's row of the groups' mean, beside the groups


def mean_label(groups: int, by: str) -> str:
    """What combine's consensus is, for its headings: ``Mean of 3 assessors``. Not called
    consensus: the consensus file (``--write-consensus``) holds each item's median answer, and
    scores otherwise."""
    return f"Mean of {plural(groups, by)}"


def periods_text(periods: tuple[str, ...]) -> str:
    """The periods combined, for titles: ``2026-Q3``, ``2026-Q2, 2026-Q3 (mixed)``, or none."""
    if not periods:
        return "no period given"
    return periods[0] if len(periods) == 1 else f"{', '.join(periods)} (mixed periods)"
