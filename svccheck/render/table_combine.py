"""The Rich view of combined audits: the groups' mean, heat map, disagreements, top actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.render import evidence_views
from svccheck.render.common import (
    MEAN_ROW,
    level_legend,
    level_style,
    mean_label,
    nothing_compared,
    number,
    periods_text,
    rubric_label,
    scale_answer,
    scale_gap,
)
from svccheck.render.headline import combined_headline
from svccheck.render.interface import CombinedOptions, CombinedRenderer, ReportOptions
from svccheck.render.table_calibration import agreement_view, discussion_view
from svccheck.render.table_report import actions
from svccheck.render.view.report import report_view

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined


def _section_legend(result: Combined) -> Text:
    """What the numbered columns are: ``1 Leadership and direction · 2 People · ...``."""
    text = Text("Sections: ", style="dim")
    for number_, section in enumerate(result.consensus.rubric.sections, start=1):
        if number_ > 1:
            text.append(" · ", style="dim")
        text.append(f"{number_} ", style="bold")
        text.append(section.title)
    return text


def _heat_map(result: Combined) -> RenderableType:
    """Groups by sections, the columns numbered as in the HTML heat map (at 80 columns, six
    section names as headers were cut to ``Leade…``, ``conse…``), the legends under it as wide
    as the screen."""
    rubric = result.consensus.rubric
    table = Table(title=f"Section scores by {result.by}", title_justify="left")
    table.add_column(result.by)
    for number_ in range(1, len(rubric.sections) + 1):
        table.add_column(str(number_), justify="right", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    confidence = evidence_views.combined_cells(result)
    if confidence is not None:
        # "conf." (explained on the Confidence line): at 80 columns a 10-letter header for a
        # 4-character value squeezed every section name out of the heat map.
        table.add_column("conf.", justify="right", no_wrap=True)
    # One more cell per row (the groups', then the consensus's) when there is a column for it.
    extra = [[c] for c in confidence] if confidence is not None else [[]] * (len(result.groups) + 1)

    def cell(value: float | None) -> Text:
        return Text(number(value), style=level_style(rubric, value))

    for group, more in zip(result.groups, extra[:-1], strict=True):
        scores = [s.score for s in group.report.sections]
        table.add_row(
            Text(group.name), *(cell(v) for v in scores), cell(group.report.overall), *more
        )
    consensus = result.consensus
    table.add_row(
        Text(MEAN_ROW, style="bold"),
        *(cell(s.score) for s in consensus.sections),
        cell(consensus.overall),
        *extra[-1],
        end_section=True,
    )
    table.add_row(
        Text("spread", style="italic"),
        *(number(result.section_spread(i)) for i in range(len(rubric.sections))),
        "",
        *([""] if confidence is not None else []),
    )
    return Group(table, _section_legend(result), level_legend(rubric))


def _disagreements(result: Combined) -> RenderableType:
    flagged = result.disagreements()
    steps = "two scale steps"
    if not flagged:
        return Text(f"No item is scored {steps} or more apart between {result.by}s.")
    table = Table(
        title=f"Disagreements: items scored {steps} or more apart ({len(flagged)})",
        title_justify="left",
    )
    table.add_column("item")
    table.add_column("low", no_wrap=False)
    table.add_column("high", no_wrap=False)
    table.add_column("gap", justify="right", no_wrap=True)
    rubric = result.consensus.rubric
    for item in flagged:
        table.add_row(
            Text(f"{item.title} ({item.id})"),
            Text(f"{scale_answer(rubric, item.low)}: {', '.join(item.low_groups)}"),
            Text(f"{scale_answer(rubric, item.high)}: {', '.join(item.high_groups)}"),
            scale_gap(rubric, (item.high or 0.0) - (item.low or 0.0)),
        )
    return table


def _calibration(result: Combined) -> RenderableType:
    """Agreement between assessors and the discussion list; one line when no unit was audited
    by two assessors (a table of undefined rows would only say so at length)."""
    missing = nothing_compared(result)
    if missing is not None:
        said = missing[0].lower() + missing[1:]
        return Text.assemble(("Agreement between assessors: ", "bold"), said, "\n")
    return Group(agreement_view(result.agreement), Text(""), discussion_view(result.discussion))


class TableCombined(CombinedRenderer["RenderableType"]):
    """``svccheck combine`` at a terminal: the ``top`` consensus actions."""

    def render(self, combined: Combined, options: CombinedOptions) -> RenderableType:
        """The combined audits as one Rich renderable."""
        return _combined(combined, options.top)


def _combined(result: Combined, top: int) -> RenderableType:
    """Consensus summary, heat map, disagreements and the consensus's top actions."""
    consensus = result.consensus
    files = sum(len(group.sources) for group in result.groups)
    header = Text()
    header.append(f"{rubric_label(consensus.rubric)}\n", style="bold")
    header.append(f"Period: {periods_text(result.periods)}\n")
    header.append(f"{files} audits in {len(result.groups)} groups by {result.by}\n")
    for names in result.lookalikes:
        shown = ", ".join(names)
        header.append(
            f"Warning: groups {shown} differ only by case, spaces or invisible characters; "
            "one group typed two ways?\n",
            style="yellow",
        )
    header.append(f"{mean_label(len(result.groups), result.by)}: ", style="bold")
    if consensus.overall is None:
        header.append("no score yet")
    else:
        header.append(f"{consensus.overall:.1f}%  level: {consensus.level or ''}")
    confidence = evidence_views.combined_text(result)
    if confidence is not None:
        header.append("\nConfidence (conf.): ", style="bold")
        header.append(confidence)
    weakest = ", ".join(f"{s.section.title} ({number(s.score)})" for s in consensus.weakest_shown())
    header.append(f"\nWeakest sections: {weakest or 'none scored yet'}")
    return Group(
        header,
        _heat_map(result),
        _calibration(result),
        _disagreements(result),
        Text(""),
        actions(report_view(consensus, ReportOptions()), top),
        combined_headline(result),
    )
