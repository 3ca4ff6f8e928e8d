"""What each HTML report shows: the template context of every report kind.

The executive summary comes first in every kind (cards with the headline figures, the weakest
sections, the top actions), then the charts, then the details the other formats show. Values are
passed as they are; the templates escape them and :mod:`svccheck.render.html_out` makes file text
safe to show (control and bidirectional characters) on the way out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from svccheck.core.record import record
from svccheck.engine.compare import Status
from svccheck.render import evidence_views
from svccheck.render.common import (
    MEAN_ROW,
    labelled_answer,
    mean_label,
    nothing_compared,
    number,
    removed_note,
    rubric_label,
    steps,
    titled,
    transition,
)
from svccheck.render.html_charts import bars, delta_label, paired
from svccheck.render.html_lines import heat_map, lines

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison, ItemChange
    from svccheck.engine.planning import Planned
    from svccheck.engine.progress import Progress, TrendPlan
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Series, Trend
    from svccheck.render.view.report import ReportView


@record
class Card:
    """One headline figure of the executive summary."""

    label: str
    value: str
    sub: str = ""


def percent(value: float | None) -> str:
    """A headline score: ``42.5%``, or a dash when there is none."""
    return "–" if value is None else f"{value:.1f}%"


def _coverage(report: Report) -> Card:
    total = report.rubric.item_count()
    answered = round(report.coverage * total)
    sub = f"{answered} of {total} items answered"
    return Card("Coverage", f"{report.coverage * 100:.0f}%", sub)


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


@record
class ChangeRow:
    """One item of a diff as people read it: its answers with their scale labels and its change
    in scale steps (``▲ +2 steps``), ``direction`` the CSS class of the change."""

    title: str
    id: str
    old: str
    new: str
    change: str
    direction: str


def _change_rows(result: Comparison, changes: tuple[ItemChange, ...]) -> list[ChangeRow]:
    rubric = result.new.rubric
    rows = []
    for c in changes:
        if c.status is Status.IMPROVED:
            change, direction = f"▲ {steps(rubric, c.delta)}", "up"
        elif c.status is Status.DECLINED:
            change, direction = f"▼ {steps(rubric, c.delta)}", "down"
        elif c.status is Status.UNCHANGED:  # n/a both times has no steps to count
            change, direction = "= 0 steps" if c.delta is not None else "=", ""
        else:
            change, direction = transition(c), ""
        old, new = labelled_answer(rubric, c.old_answer), labelled_answer(rubric, c.new_answer)
        rows.append(ChangeRow(c.title, c.id, old, new, change, direction))
    return rows


def comparison_context(result: Comparison, show_all: bool, plan: Progress | None) -> dict[str, Any]:
    """``svccheck diff``: overall and level old → new, paired section bars, changed items; when
    both audits have importance, the items whose importance changed."""
    old, new = result.old, result.new
    organization = new.header.organization or "Service audit"
    names = (old.header.period or "old", new.header.period or "new")
    cards = [
        Card("Overall", f"{number(old.overall)} → {number(new.overall)}",
             f"{delta_label(result.overall_delta)} pts"),
        Card("Level", f"{old.level or '–'} → {new.level or '–'}"),
        _coverage(new),
    ]  # fmt: skip
    confidence = evidence_views.comparison_confidence(result)
    if confidence is not None:
        cards.append(Card("Confidence", *confidence))
    evidence_lines = [  # under the cards; the confidence is a card
        pair for pair in evidence_views.comparison_lines(result) if pair[0] != "Confidence"
    ]
    rows = [(s.title, s.old, s.new, s.delta) for s in result.sections]
    changed = result.changed()

    def rows_of(changes: tuple[ItemChange, ...]) -> list[ChangeRow]:
        return _change_rows(result, changes)

    return {
        "page_title": titled(organization, f"{names[0]} → {names[1]}"),
        "kicker": "What moved between two audits",
        "heading": titled(organization, f"{names[0]} → {names[1]}"),
        "meta": [("Rubric", rubric_label(new.rubric)), ("Old", old.header.source),
                 ("New", new.header.source)],
        "cards": cards,
        "evidence_lines": evidence_lines,
        "result": result,
        "declines": [c for c in rows_of(changed) if c.direction == "down"][:3],
        "gains": [c for c in rows_of(changed) if c.direction == "up"][:3],
        "changed": rows_of(changed),
        "transitions": rows_of(result.transitions()),
        "unchanged": rows_of(result.unchanged()) if show_all else (),
        "pairs": paired(
            titled(organization, f"section scores {names[0]} and {names[1]}"), names, rows
        ),
        "progress": plan,
        "importance_changes": result.importance_changes(),
    }  # fmt: skip


def _series_view(trend: Trend, series: Series, plan: TrendPlan | None) -> dict[str, Any]:
    periods = [p.period or p.source for p in series.points]
    name = " · ".join(part for part in (series.organization, series.unit) if part) or "All audits"
    data = [("Overall", [p.overall for p in series.points])]
    data += [
        (title, [p.sections[i] for p in series.points])
        for i, title in enumerate(trend.section_titles)
    ]
    marks = plan.of(series) if plan else None
    if marks is not None:
        data.append(("Plan (projected)", [m.projected_overall for m in marks]))
    chart = lines(titled(name, "overall and sections by period"), periods, data)
    if marks is not None:  # the projected path: black like the overall, thinner and dashed
        projected = replace(chart.lines[-1], colour="#000000", dash="7 4", stroke=2.5)
        chart = replace(chart, lines=(*chart.lines[:-1], projected))
    improved, declined = series.improved_most(), series.declined_most()
    titles = trend.section_titles
    return {
        "name": name,
        "series": series,
        "periods": periods,
        "plan": marks,
        "confidence": evidence_views.trend_cells(series)
        if evidence_views.trend_asks(trend)
        else None,
        "chart": chart,
        "improved": None if improved is None else titles[improved],
        "declined": None if declined is None else titles[declined],
        "note": removed_note([(p.period or p.source, p.removed) for p in series.points]),
    }


def trend_context(result: Trend, plan: TrendPlan | None = None) -> dict[str, Any]:
    """``svccheck trend``: per unit, a line chart of overall and sections, and the table; with a
    plan, its unit's chart has the projected path as a dashed black line and its table a row."""
    title = rubric_label(result.rubric) if result.rubric else result.rubric_title
    views = [_series_view(result, series, plan) for series in result.series]
    return {
        "page_title": titled("Trend", title),
        "kicker": "Scores over time",
        "heading": titled("Trend", title),
        "meta": [("Rubric", title), ("Units", str(len(views)))],
        "trend": result,
        "views": views,
    }


def combined_context(result: Combined, top: int) -> dict[str, Any]:
    """``svccheck combine``: consensus, the heat map, agreement, discussion, disagreements."""
    consensus = result.consensus
    sections = [s.section.title for s in consensus.sections]
    rows = [(g.name, [s.score for s in g.report.sections], False) for g in result.groups]
    rows.append((MEAN_ROW.title(), [s.score for s in consensus.sections], True))
    mean = mean_label(len(result.groups), result.by)
    heading = titled(consensus.rubric.title, f"{len(result.groups)} {result.by}s combined")
    agreement = result.agreement
    cards = [
        Card(mean, percent(consensus.overall), f"target {consensus.rubric.target:g}%"),
        Card("Level", consensus.level or "no score yet"),
        Card(f"{result.by.title()}s", str(len(result.groups))),
    ]
    missing = nothing_compared(result)
    if missing is None:
        alpha = "–" if agreement.alpha is None else f"{agreement.alpha:.3f}"
        cards.append(Card("Agreement (alpha)", alpha, f"{len(agreement.assessors)} assessors"))
    confidence = evidence_views.combined_cells(result)
    if confidence is not None:
        files = sum(len(group.sources) for group in result.groups)
        cards.append(Card("Confidence", confidence[-1], f"pooled over {files} audits"))
    return {
        "page_title": heading,
        "kicker": "Several audits combined",
        "heading": heading,
        "meta": [("Rubric", rubric_label(consensus.rubric)), ("By", result.by.value)],
        "cards": cards,
        "result": result,
        "report": consensus,
        "confidence": confidence,
        "nothing_compared": missing,
        "top": consensus.actions[:top],
        "sections": sections,
        "heat": heat_map(f"Section scores by {result.by}", sections, rows),
        "bars": bars(
            titled(mean, "section scores"),
            [(s.section.title, s.score) for s in consensus.sections],
            consensus.rubric.target,
        ),
    }


def plan_context(planned: Planned) -> dict[str, Any]:
    """``svccheck plan``: the projected path to the target, then each phase's items."""
    from svccheck.render.plan_text import projection_rows, verdict

    plan, rubric = planned.plan, planned.rubric
    organization = plan.organization or "Service audit"
    rows = projection_rows(planned)
    guides = [(plan.target, f"target {plan.target:g}", True)]
    guides += [(level.min, level.name, False) for level in rubric.levels if level.min > 0]
    chart = lines(
        "Projected overall score after each phase",
        [period for period, _, _ in rows],
        [("Overall", [value for _, value, _ in rows])],
        guides,
    )
    cards = [
        Card("Baseline", percent(plan.baseline_overall), plan.baseline_period),
        Card("Projected", percent(plan.projected()), plan.phases[-1].period if plan.phases else ""),
        Card("Target", f"{plan.target:g}%", "reached" if plan.reached else "not reached"),
        Card("Items", str(len(plan.items())), f"in {len(plan.phases)} phases"),
    ]
    return {
        "page_title": titled("Improvement plan", organization),
        "kicker": "Improvement plan",
        "heading": titled("Improvement plan", organization),
        "meta": [("Rubric", rubric_label(rubric)), ("Unit", plan.unit or "")],
        "cards": cards,
        "planned": planned,
        "rows": rows,
        "verdict": verdict(planned),
        "chart": chart,
    }
