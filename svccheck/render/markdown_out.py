"""Markdown output, to paste into a team meeting's agenda."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from svccheck.render import evidence_views
from svccheck.render.common import (
    MEAN_ROW,
    labelled_answer,
    mean_label,
    nothing_compared,
    number,
    periods_text,
    points,
    removed_note,
    rubric_label,
    scale_answer,
    scale_gap,
    steps,
    titled,
    transition,
)
from svccheck.render.interface import (
    CombinedOptions,
    CombinedRenderer,
    ComparisonOptions,
    ComparisonRenderer,
    FormatRenderers,
    PlainText,
    TrendOptions,
    TrendRenderer,
)
from svccheck.render.markdown_report import MarkdownReport
from svccheck.render.markdown_table import cell, table
from svccheck.render.plan_text import MarkdownPlan

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.progress import TrendMark, TrendPlan
    from svccheck.engine.trend import Trend


def _keys(names: Iterable[str]) -> str:
    return ", ".join(cell(name) for name in names)


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _comparison(result: Comparison) -> str:
    """A diff as Markdown: overall, sections with deltas, changed items, transitions."""
    old, new = result.old, result.new
    lines = [
        "# "
        + titled(
            cell(new.header.organization or "Service audit"),
            f"{cell(old.header.period or 'old')} → {cell(new.header.period or 'new')}",
        ),
        "",
        f"- **Rubric:** {cell(rubric_label(new.rubric))}",
        f"- **Overall:** {number(old.overall)} → {number(new.overall)} "
        f"({_signed(result.overall_delta)} pts)",
        f"- **Level:** {cell(old.level or '–')} → {cell(new.level or '–')}",
        f"- **Coverage:** {old.coverage * 100:.0f}% → {new.coverage * 100:.0f}%",
        *(
            f"- **{label}:** {cell(text)}"
            for label, text in evidence_views.comparison_lines(result)
        ),
        "",
        "## Sections",
        "",
    ]
    lines += table(
        ["Section", "Old", "New", "Change"],
        ([cell(s.title), number(s.old), number(s.new), _signed(s.delta)] for s in result.sections),
    )
    lines += ["", "## Changed items", ""]
    labels = new.rubric
    lines += [
        f"- {cell(c.title)} ({cell(c.id)}): {cell(labelled_answer(labels, c.old_answer))}"
        f" → {cell(labelled_answer(labels, c.new_answer))} ({steps(labels, c.delta)})"
        for c in result.changed()
    ] or ["No item score changed."]
    if result.transitions():
        lines += ["", "## Answered differently", ""]
        lines += [
            f"- {cell(c.title)} ({cell(c.id)}): {cell(labelled_answer(labels, c.old_answer))} → "
            f"{cell(labelled_answer(labels, c.new_answer))} ({transition(c)})"
            for c in result.transitions()
        ]
    moved = result.importance_changes()
    if moved is not None:  # both audits have importance
        from svccheck.render.importance_views import changes_markdown

        lines += changes_markdown(moved)
    return "\n".join(lines) + "\n"


def _trend(result: Trend, plan: TrendPlan | None = None) -> str:
    """A trend as Markdown: one table per unit with a row per section (and, for the unit of a
    ``--plan``, a row of the plan's projected overall under the actual one)."""
    title = rubric_label(result.rubric) if result.rubric else result.rubric_title
    lines = [f"# {titled('Trend', cell(title))}", ""]
    for series in result.series:
        parts = (cell(series.organization or ""), cell(series.unit or ""))
        name = " · ".join(part for part in parts if part)
        if name:
            lines += [f"## {name}", ""]
        rows = [
            [
                "**Overall**",
                *(number(p.overall) for p in series.points),
                _signed(series.overall_change()),
            ],
            *_plan_row(plan.of(series) if plan else None),
            ["Level", *(cell(p.level or "–") for p in series.points), ""],
            ["Coverage", *(f"{100 * p.coverage:.0f}%" for p in series.points), ""],
            *([["Confidence", *evidence_views.trend_cells(series), ""]]
              if evidence_views.trend_asks(result) else []),
        ]  # fmt: skip
        rows += [
            [
                cell(title),
                *(number(p.sections[index]) for p in series.points),
                _signed(series.section_change(index)),
            ]
            for index, title in enumerate(result.section_titles)
        ]
        periods = [cell(p.period) if p.period else cell(p.source) for p in series.points]
        lines += [*table(["", *periods, "Change"], rows), ""]
        note = removed_note([(p.period or p.source, p.removed) for p in series.points])
        if note:
            lines += [f"_{cell(note)}_", ""]
    return "\n".join(lines)


def _plan_row(marks: tuple[TrendMark, ...] | None) -> list[list[str]]:
    """The plan's projected overall per period, as one row (none without a plan)."""
    if marks is None:
        return []
    return [["_Plan (projected)_", *(number(m.projected_overall) for m in marks), ""]]


def _combined(result: Combined, top: int) -> str:
    """Combined audits as Markdown: consensus, heat map table, disagreements, actions."""
    consensus = result.consensus
    sections = consensus.sections
    overall = "no score yet" if consensus.overall is None else f"{consensus.overall:.1f}%"
    from svccheck.render.markdown_calibration import agreement_lines, discussion_lines

    lines = [
        "# "
        + titled(
            cell(consensus.rubric.title),
            f"{len(result.groups)} {result.by}s combined, {cell(periods_text(result.periods))}",
        ),
        "",
        f"- **Rubric:** {cell(rubric_label(consensus.rubric))}",
        f"- **{mean_label(len(result.groups), result.by)}:** {overall} "
        f"({cell(consensus.level or '–')})",
        *evidence_views.combined_markdown(result),
        "",
        f"## Section scores by {result.by}",
        "",
    ]
    rows = [
        [cell(g.name), *(number(s.score) for s in g.report.sections), number(g.report.overall)]
        for g in result.groups
    ]
    rows.append(
        [f"**{MEAN_ROW.title()}**", *(number(s.score) for s in sections), number(consensus.overall)]
    )
    rows.append(["_Spread_", *(number(result.section_spread(i)) for i in range(len(sections))), ""])
    header = [result.by.title(), *(cell(s.section.title) for s in sections), "Overall"]
    confidence = evidence_views.combined_cells(result)
    if confidence is not None:
        header.append("Confidence")
        for row, value in zip(rows, [*confidence, ""], strict=True):
            row.append(value)
    lines += [*table(header, rows), ""]
    lines += [
        f"_Warning: {_keys(names)} differ only by case, spaces or invisible characters; one "
        f"{result.by} typed two ways?_"
        for names in result.lookalikes
    ]
    lines += [""] if result.lookalikes else []
    missing = nothing_compared(result)
    if missing is None:
        lines += [*agreement_lines(result.agreement), *discussion_lines(result.discussion)]
    else:
        lines += ["## Agreement between assessors", "", missing, ""]
    lines += [f"## Disagreements between {result.by}s", ""]
    rubric = consensus.rubric
    lines += [
        f"- {cell(i.title)}: {scale_answer(rubric, i.low)} ({_keys(i.low_groups)}) to "
        f"{scale_answer(rubric, i.high)} ({_keys(i.high_groups)}), "
        f"{scale_gap(rubric, (i.high or 0.0) - (i.low or 0.0))} apart"
        for i in result.disagreements()
    ] or ["None: no item is scored two scale steps or more apart."]
    lines += ["", "## Actions", ""]
    for r in consensus.actions[:top]:
        lines += [f"### {cell(r.item.title)} ({points(r.gain)})", ""]
        lines += [f"- [ ] {cell(action)}" for action in r.item.actions] + [""]
    return "\n".join(lines)


class MarkdownComparison(ComparisonRenderer[str]):
    """``svccheck diff -f markdown``: changed items and transitions (never the unchanged ones,
    which an agenda has no use for, so ``show_all`` changes nothing)."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as Markdown."""
        text = _comparison(comparison)
        if options.plan is not None:
            from svccheck.render.progress_views import progress_markdown

            text += "\n" + progress_markdown(options.plan)
        return text


class MarkdownTrend(TrendRenderer[str]):
    """``svccheck trend -f markdown``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as Markdown."""
        return _trend(trend, options.plan)


class MarkdownCombined(CombinedRenderer[str]):
    """``svccheck combine -f markdown``: the ``top`` consensus actions as a checklist."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as Markdown."""
        return _combined(combined, options.top)


RENDERERS = FormatRenderers(
    report=MarkdownReport(),
    comparison=MarkdownComparison(),
    trend=MarkdownTrend(),
    combined=MarkdownCombined(),
    plan=MarkdownPlan(),
    wrap=PlainText,
)
