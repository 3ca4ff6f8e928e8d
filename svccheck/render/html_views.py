"""What each HTML report shows: the template context of every report kind, from its view model.

The executive summary comes first in every kind (cards with the headline figures, the features'
among them, the weakest sections, the top actions), then the charts, then the details the other
formats show, the features' parts laid out by ``templates/blocks.html.j2``. Values are passed as
they are; the templates escape them (text from files was made safe to show before the view
model was built).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from svccheck.core.record import record
from svccheck.render.common import MEAN_ROW, number, titled
from svccheck.render.html_charts import bars, delta_label, paired
from svccheck.render.html_lines import heat_map, lines
from svccheck.render.view.model import Beside

if TYPE_CHECKING:
    from svccheck.render.view.combined import CombinedView
    from svccheck.render.view.comparison import DiffView
    from svccheck.render.view.plan import PlanView
    from svccheck.render.view.report import ReportView
    from svccheck.render.view.trend import SeriesView, TrendView


@record
class Card:
    """One headline figure of the executive summary."""

    label: str
    value: str
    sub: str = ""


def percent(value: float | None) -> str:
    """A headline score: ``42.5%``, or a dash when there is none."""
    return "–" if value is None else f"{value:.1f}%"


def report_context(view: ReportView, top: int) -> dict[str, Any]:
    """``svccheck score``, from its view model: summary cards (the features' figures among
    them), section charts, sections, actions, then every part, details included."""
    rows = [(s.title, s.score) for s in view.sections]
    organization = view.organization
    cards = [
        Card("Overall", percent(view.overall), f"target {view.target:g}%"),
        Card("Level", view.level or "no score yet", view.next_level),
        Card("Coverage", f"{view.coverage * 100:.0f}%",
             f"{view.answered} of {view.total} items answered"),
        *(Card(f.label, f.value, f.detail) for f in view.figures),
    ]  # fmt: skip
    return {
        "page_title": view.title,
        "kicker": "Service audit report",
        "view": view,
        "cards": cards,
        "top": view.actions[:top],
        # No radar: it drew the bars' numbers again, less exactly (lengths on spokes at
        # different angles, an area that changes with the order of the sections).
        "bars": bars(titled(organization, "section scores"), rows, view.target),
    }


def comparison_context(view: DiffView) -> dict[str, Any]:
    """``svccheck diff``: overall and level old → new (and the features' figures) as cards,
    paired section bars, changed items, then the features' parts."""
    old, new = view.old, view.new
    names = (old.name, new.name)
    cards = [
        Card("Overall", f"{number(old.overall)} → {number(new.overall)}",
             f"{delta_label(view.overall_delta)} pts"),
        Card("Level", f"{old.level or '–'} → {new.level or '–'}"),
        Card("Coverage", f"{new.coverage * 100:.0f}%", new.coverage_detail),
        *(Card(f.label, f.value, f.detail) for f in view.figures),
    ]  # fmt: skip
    rows = [(s.title, s.old, s.new, s.delta) for s in view.sections]
    heading = titled(view.organization, f"{names[0]} → {names[1]}")
    return {
        "page_title": heading,
        "kicker": "What moved between two audits",
        "heading": heading,
        "meta": [("Rubric", view.rubric), ("Old", old.source), ("New", new.source)],
        "cards": cards,
        "view": view,
        "declines": [c for c in view.changed if c.direction == "down"][:3],
        "gains": [c for c in view.changed if c.direction == "up"][:3],
        "pairs": paired(titled(view.organization, f"section scores {names[0]} and {names[1]}"),
                        names, rows),
    }  # fmt: skip


def _series_view(view: TrendView, series: SeriesView) -> dict[str, Any]:
    """One unit: its line chart (the overall, the sections, and each projected measure as a
    dashed black path), and its table's rows beside the overall and beside the coverage."""
    periods = [p.name for p in series.points]
    name = series.name or "All audits"
    overall = series.beside(Beside.OVERALL)
    quality = series.beside(Beside.COVERAGE)
    drawn = [m for m in (*overall, *quality) if m.projected]
    data = [("Overall", [p.overall for p in series.points])]
    data += [
        (title, [p.sections[i] for p in series.points])
        for i, title in enumerate(view.section_titles)
    ]
    data += [(m.heading, [_number(c.value) for c in m.cells]) for m in drawn]
    chart = lines(titled(name, "overall and sections by period"), periods, data)
    if drawn:  # a projected path: black like the overall, thinner and dashed
        projected = [replace(line, colour="#000000", dash="7 4", stroke=2.5)
                     for line in chart.lines[-len(drawn):]]  # fmt: skip
        chart = replace(chart, lines=(*chart.lines[: -len(drawn)], *projected))
    return {
        "name": name,
        "series": series,
        "periods": periods,
        "measures": (*overall, *quality),
        "chart": chart,
    }


def _number(value: object) -> float | None:
    """A measure's value drawn on the chart (a number, or nothing)."""
    return float(value) if isinstance(value, int | float) else None


def trend_context(view: TrendView) -> dict[str, Any]:
    """``svccheck trend``: per unit, a line chart of overall and sections, and the table; with a
    plan, its unit's chart has the projected path as a dashed black line and its table a row."""
    views = [_series_view(view, series) for series in view.series]
    return {
        "page_title": titled("Trend", view.title),
        "kicker": "Scores over time",
        "heading": titled("Trend", view.title),
        "meta": [("Rubric", view.title), ("Units", str(len(views)))],
        "trend": view,
        "views": views,
    }


def combined_context(view: CombinedView, top: int) -> dict[str, Any]:
    """``svccheck combine``: the mean and the features' figures as cards, the heat map, the
    features' parts (agreement, discussion), disagreements, actions."""
    consensus = view.consensus
    rows = [(g.name, list(g.scores), False) for g in view.groups]
    rows.append((MEAN_ROW.title(), list(view.mean.scores), True))
    heading = titled(view.rubric_title, f"{len(view.groups)} {view.by}s combined")
    cards = [
        Card(view.mean_label, percent(consensus.overall), f"target {consensus.target:g}%"),
        Card("Level", consensus.level or "no score yet"),
        Card(f"{view.by.title()}s", str(len(view.groups))),
        *(Card(f.label, f.value, f.detail) for f in view.figures),
    ]
    return {
        "page_title": heading,
        "kicker": "Several audits combined",
        "heading": heading,
        "meta": [("Rubric", view.rubric), ("By", view.by), ("Periods", view.periods)],
        "cards": cards,
        "view": view,
        "top": consensus.actions[:top],
        "heat": heat_map(f"Section scores by {view.by}", view.section_titles, rows),
        "bars": bars(
            titled(view.mean_label, "section scores"),
            [(s.title, s.score) for s in consensus.sections],
            consensus.target,
        ),
    }


def plan_context(view: PlanView) -> dict[str, Any]:
    """``svccheck plan``: the projected path to the target, then each phase's items."""
    guides = [(view.target, f"target {view.target:g}", True)]
    guides += [(level.min, level.name, False) for level in view.levels if level.min > 0]
    chart = lines(
        "Projected overall score after each phase",
        [step.period for step in view.path],
        [("Overall", [step.overall for step in view.path])],
        guides,
    )
    end = view.path[-1]
    cards = [
        Card("Baseline", percent(view.baseline.overall), view.baseline.period),
        Card("Projected", percent(end.overall), view.phases[-1].period if view.phases else ""),
        Card("Target", f"{view.target:g}%", "reached" if view.reached else "not reached"),
        Card("Items", str(view.item_count), f"in {len(view.phases)} phases"),
    ]
    heading = titled("Improvement plan", view.organization)
    return {
        "page_title": heading,
        "kicker": "Improvement plan",
        "heading": heading,
        "meta": [("Rubric", view.rubric), ("Unit", view.unit or "")],
        "cards": cards,
        "view": view,
        "chart": chart,
    }
