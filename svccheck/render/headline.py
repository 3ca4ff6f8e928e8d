"""The headline that closes every table report, so that it is on screen when the command ends.

A ``score`` at 80 columns runs to some 80 lines and a ``plan`` or ``combine`` to over a hundred:
the overall score, level, coverage and confidence at the top have scrolled away by the time the
prompt returns. Every table view (``score``, ``diff``, ``trend``, ``combine``, ``plan``) ends
with a rule naming what was scored and the headline under it, on a terminal and in a file alike.
Each line fits 80 columns for the built-in rubrics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from svccheck.render.common import delta_text, mean_label, number, score_style
from svccheck.render.evidence_views import share_text

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend
    from svccheck.model.header import Header


def closing(subject: str, *lines: RenderableType) -> RenderableType:
    """A blank line, a rule with ``subject`` in it, then the headline's lines."""
    return Group(Text(""), Rule(Text(subject, style="bold"), style="dim"), *lines)


def _subject(header: Header, fallback: str) -> str:
    parts = [header.organization, header.unit, header.period]
    return " · ".join(part for part in parts if part) or fallback


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def overall_line(report: Report, label: str = "Overall") -> Text:
    """``Overall: 42.5%  level: Developing  coverage: 100%  confidence: 50%`` (the confidence
    when the rubric asks for evidence), coloured against the target, then ``PROVISIONAL``."""
    text = Text(f"{label}: ", style="bold")
    if report.overall is None:
        text.append("no score yet")
    else:
        text.append(
            f"{report.overall:.1f}%", style=score_style(report.overall, report.rubric.target)
        )
        text.append(f"  level: {report.level or '–'}")
    text.append(f"  coverage: {_percent(report.coverage)}")
    if report.rubric.evidence_from is not None:
        text.append(f"  confidence: {share_text(report.confidence)}")
    if report.provisional:
        text.append("  PROVISIONAL", style="bold yellow")
    return text


def report_headline(report: Report) -> RenderableType:
    """What closes ``score``."""
    return closing(_subject(report.header, report.rubric.title), overall_line(report))


def comparison_headline(result: Comparison) -> RenderableType:
    """What closes ``diff``: old → new for the overall, level, coverage and confidence."""
    old, new = result.old, result.new
    periods = f"{old.header.period or 'old'} → {new.header.period or 'new'}"
    unit = new.header.unit or new.header.organization
    first = Text("Overall: ", style="bold")
    first.append(f"{number(old.overall)}% → ")
    first.append(f"{number(new.overall)}%", style=score_style(new.overall, new.rubric.target))
    first.append("  ")
    first.append_text(delta_text(result.overall_delta))
    first.append(f"  level: {old.level or '–'} → {new.level or '–'}")
    second = Text(f"coverage: {_percent(old.coverage)} → {_percent(new.coverage)}")
    if new.rubric.evidence_from is not None:
        second.append(f"  confidence: {share_text(old.confidence)} → {share_text(new.confidence)}")
    for name, report in (("old", old), ("new", new)):
        if report.provisional:
            second.append(f"  {name} PROVISIONAL", style="bold yellow")
    return closing(f"{unit}: {periods}" if unit else periods, first, second)


def trend_headline(result: Trend) -> RenderableType:
    """What closes ``trend``: each unit's latest period, overall, level, coverage, confidence
    (when the rubric asks for evidence) and change since its first period."""
    asks = result.rubric is not None and result.rubric.evidence_from is not None
    table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
    table.add_column("unit")
    table.add_column("latest", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    table.add_column("level")
    for heading in ("coverage", *(["conf."] if asks else [])):
        table.add_column(heading, justify="right", no_wrap=True)
    table.add_column("change", justify="right", no_wrap=True)
    for series in result.series:
        last = series.points[-1]
        name = series.unit or series.organization or "(no unit)"
        cells: list[RenderableType] = [Text(name), Text(last.period or last.source)]
        cells += [number(last.overall), Text(last.level or "–"), _percent(last.coverage)]
        if asks:
            cells.append(share_text(last.confidence))
        cells.append(delta_text(series.overall_change()))
        table.add_row(*cells)
    return closing("Latest period", table)


def combined_headline(result: Combined) -> RenderableType:
    """What closes ``combine``: the mean's overall, level, coverage and confidence, and what it
    is the mean of (not called consensus: :func:`~svccheck.render.common.mean_label`)."""
    files = sum(len(group.sources) for group in result.groups)
    subject = f"{mean_label(len(result.groups), result.by)} ({files} audits)"
    return closing(subject, overall_line(result.consensus, "Mean"))


def plan_headline(planned: Planned) -> RenderableType:
    """What closes ``plan``: baseline and projection with their levels, and the target."""
    plan = planned.plan
    end = plan.phases[-1] if plan.phases else None
    text = Text("Baseline: ", style="bold")
    text.append(f"{number(plan.baseline_overall)}% {planned.level(plan.baseline_overall) or ''}")
    if end is not None:
        text.append(f"  → {end.period}: ", style="bold")
        text.append(
            f"{number(end.projected_overall)}% {end.projected_level or ''}",
            style=score_style(end.projected_overall, plan.target),
        )
    items = sum(len(phase.items) for phase in plan.phases)
    reached = "reached" if plan.reached else "not reached"
    second = Text(f"target: {plan.target:g}% {reached}  items: {items} in {len(plan.phases)} ")
    second.append("phase" if len(plan.phases) == 1 else "phases")
    subject = " · ".join(part for part in (plan.organization, plan.unit) if part) or "Plan"
    return closing(f"{subject}: plan from {plan.baseline_period}", text, second)
