"""Markdown output, to paste into a team meeting's agenda."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from svccheck.render.common import (
    MEAN_ROW,
    number,
    titled,
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
from svccheck.render.markdown_blocks import figure_line, note_line, part
from svccheck.render.markdown_report import MarkdownReport
from svccheck.render.markdown_table import cell, table
from svccheck.render.plan_text import MarkdownPlan
from svccheck.render.view.model import Beside

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.trend import Trend
    from svccheck.render.view.combined import CombinedView
    from svccheck.render.view.comparison import ChangeView, DiffView
    from svccheck.render.view.model import Measure
    from svccheck.render.view.trend import TrendView


def _keys(names: Iterable[str]) -> str:
    return ", ".join(cell(name) for name in names)


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _changes(changes: tuple[ChangeView, ...]) -> list[str]:
    """``- Title (id): 2 Ad hoc → 3 Defined (+1 step)``."""
    return [
        f"- {cell(c.title)} ({cell(c.id)}): {cell(c.old)} → {cell(c.new)} ({c.moved})"
        for c in changes
    ]


def _comparison(view: DiffView) -> str:
    """A diff as Markdown: overall, the features' figures and notes, sections with deltas,
    changed items, transitions, then the features' parts."""
    old, new = view.old, view.new
    lines = [
        "# " + titled(cell(view.organization), f"{cell(old.name)} → {cell(new.name)}"),
        "",
        f"- **Rubric:** {cell(view.rubric)}",
        f"- **Overall:** {number(old.overall)} → {number(new.overall)} "
        f"({_signed(view.overall_delta)} pts)",
        f"- **Level:** {cell(old.level or '–')} → {cell(new.level or '–')}",
        f"- **Coverage:** {old.coverage * 100:.0f}% → {new.coverage * 100:.0f}%",
        *(figure_line(figure) for figure in view.figures),
        *(note_line(note) for note in view.notes),
        "",
        "## Sections",
        "",
    ]
    lines += table(
        ["Section", "Old", "New", "Change"],
        ([cell(s.title), number(s.old), number(s.new), _signed(s.delta)] for s in view.sections),
    )
    lines += ["", "## Changed items", ""]
    lines += _changes(view.changed) or ["No item score changed."]
    if view.transitions:
        lines += ["", "## Answered differently", "", *_changes(view.transitions)]
    text = "\n".join(lines) + "\n"
    for shown in (*view.parts, *view.closing_parts):
        text += "\n" + "\n".join(part(shown))
    return text


def _measure_rows(measures: tuple[Measure, ...]) -> list[list[str]]:
    """A feature's measure as a row: its name (in italics for a projection), then each
    period's."""
    return [
        [f"_{cell(m.heading)}_" if m.projected else cell(m.heading),
         *(cell(c.text) for c in m.cells), ""]
        for m in measures
    ]  # fmt: skip


def _trend(view: TrendView) -> str:
    """A trend as Markdown: one table per unit with a row per section, and the features'
    measures beside the overall and the coverage."""
    lines = [f"# {titled('Trend', cell(view.title))}", ""]
    for series in view.series:
        if series.name:
            lines += [f"## {cell(series.name)}", ""]
        points = series.points
        rows = [
            ["**Overall**", *(number(p.overall) for p in points), _signed(series.overall_change)],
            *_measure_rows(series.beside(Beside.OVERALL)),
            ["Level", *(cell(p.level or "–") for p in points), ""],
            ["Coverage", *(f"{100 * p.coverage:.0f}%" for p in points), ""],
            *_measure_rows(series.beside(Beside.COVERAGE)),
        ]
        rows += [
            [cell(title), *(number(p.sections[index]) for p in points),
             _signed(series.section_changes[index])]
            for index, title in enumerate(view.section_titles)
        ]  # fmt: skip
        lines += [*table(["", *(cell(p.name) for p in points), "Change"], rows), ""]
        if series.removed_note:
            lines += [f"_{cell(series.removed_note)}_", ""]
    return "\n".join(lines)


def _heat_map(view: CombinedView) -> list[str]:
    """The groups' section scores beside the mean and the spread, the features' columns after
    the overall."""
    extra = [cell(column.heading) for column in view.group_columns]
    rows = [
        [cell(g.name), *(number(v) for v in g.scores), number(g.overall),
         *(cell(c.text) for c in g.cells)]
        for g in view.groups
    ]  # fmt: skip
    mean = view.mean
    rows.append([f"**{MEAN_ROW.title()}**", *(number(v) for v in mean.scores),
                 number(mean.overall), *(cell(c.text) for c in mean.cells)])  # fmt: skip
    rows.append(["_Spread_", *(number(v) for v in view.spread), "", *([""] * len(extra))])
    header = [view.by.title(), *(cell(title) for title in view.section_titles), "Overall", *extra]
    return [f"## Section scores by {view.by}", "", *table(header, rows), ""]


def _combined(view: CombinedView, top: int) -> str:
    """Combined audits as Markdown: the mean and the features' figures, the heat map table,
    the features' parts (agreement, discussion), disagreements, actions."""
    consensus = view.consensus
    overall = "no score yet" if consensus.overall is None else f"{consensus.overall:.1f}%"
    combined = f"{len(view.groups)} {view.by}s combined, {cell(view.periods)}"
    lines = [
        "# " + titled(cell(view.rubric_title), combined),
        "",
        f"- **Rubric:** {cell(view.rubric)}",
        f"- **{view.mean_label}:** {overall} ({cell(consensus.level or '–')})",
        *(figure_line(figure) for figure in view.figures),
        "",
        *_heat_map(view),
    ]
    lines += [
        f"_Warning: {_keys(names)} differ only by case, spaces or invisible characters; one "
        f"{view.by} typed two ways?_"
        for names in view.lookalikes
    ]
    lines += [""] if view.lookalikes else []
    for shown in view.parts:
        lines += part(shown)
    lines += [f"## Disagreements between {view.by}s", ""]
    lines += [
        f"- {cell(i.title)}: {i.low} ({_keys(i.low_groups)}) to {i.high} "
        f"({_keys(i.high_groups)}), {i.gap} apart"
        for i in view.disagreements
    ] or ["None: no item is scored two scale steps or more apart."]
    lines += ["", "## Actions", ""]
    for action in consensus.actions[:top]:
        lines += [f"### {cell(action.title)} ({action.gain})", ""]
        lines += [f"- [ ] {cell(step)}" for step in action.steps] + [""]
    return "\n".join(lines)


class MarkdownComparison(ComparisonRenderer[str]):
    """``svccheck diff -f markdown``: changed items and transitions (never the unchanged ones,
    which an agenda has no use for, so ``show_all`` changes nothing)."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as Markdown; with a plan, its progress at the end."""
        from svccheck.render.view.comparison import comparison_view

        return _comparison(comparison_view(comparison, options))


class MarkdownTrend(TrendRenderer[str]):
    """``svccheck trend -f markdown``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as Markdown."""
        from svccheck.render.view.trend import trend_view

        return _trend(trend_view(trend, options))


class MarkdownCombined(CombinedRenderer[str]):
    """``svccheck combine -f markdown``: the ``top`` consensus actions as a checklist."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as Markdown."""
        from svccheck.render.view.combined import combined_view

        return _combined(combined_view(combined, options), options.top)


RENDERERS = FormatRenderers(
    report=MarkdownReport(),
    comparison=MarkdownComparison(),
    trend=MarkdownTrend(),
    combined=MarkdownCombined(),
    plan=MarkdownPlan(),
    wrap=PlainText,
)
