"""The Rich view of combined audits (``svccheck combine`` in a terminal), from its view model: the
groups' mean, the heat map, the features' parts (agreement, discussion), disagreements, top
actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.render.common import MEAN_ROW, level_legend, level_style, number, score_style
from svccheck.render.headline import closing, percent
from svccheck.render.interface import CombinedOptions, CombinedRenderer
from svccheck.render.table_blocks import closing_figures, figure_line, part
from svccheck.render.table_report import actions
from svccheck.render.view.combined import combined_view

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.render.view.combined import CombinedView


def _section_legend(view: CombinedView) -> Text:
    """What the numbered columns are: ``1 Leadership and direction · 2 People · ...``."""
    text = Text("Sections: ", style="dim")
    for number_, title in enumerate(view.section_titles, start=1):
        if number_ > 1:
            text.append(" · ", style="dim")
        text.append(f"{number_} ", style="bold")
        text.append(title)
    return text


def _heat_map(view: CombinedView) -> RenderableType:
    """Groups by sections, the columns numbered as in the HTML heat map (at 80 columns, six
    section names as headers were cut to ``Leade…``, ``conse…``), the features' columns after
    the overall, the legends under it as wide as the screen."""
    table = Table(title=f"Section scores by {view.by}", title_justify="left")
    table.add_column(view.by)
    for number_ in range(1, len(view.section_titles) + 1):
        table.add_column(str(number_), justify="right", no_wrap=True)
    table.add_column("overall", justify="right", no_wrap=True)
    for column in view.group_columns:
        table.add_column(column.short or column.heading.lower(), justify="right", no_wrap=True)

    def cell(value: float | None) -> Text:
        return Text(number(value), style=level_style(view.levels, value))

    for group in view.groups:
        table.add_row(
            Text(group.name), *(cell(v) for v in group.scores), cell(group.overall),
            *(c.text for c in group.cells),
        )  # fmt: skip
    mean = view.mean
    table.add_row(
        Text(MEAN_ROW, style="bold"), *(cell(v) for v in mean.scores), cell(mean.overall),
        *(c.text for c in mean.cells), end_section=True,
    )  # fmt: skip
    table.add_row(
        Text("spread", style="italic"), *(number(v) for v in view.spread), "",
        *([""] * len(view.group_columns)),
    )  # fmt: skip
    return Group(table, _section_legend(view), level_legend(view.levels))


def _disagreements(view: CombinedView) -> RenderableType:
    steps = "two scale steps"
    if not view.disagreements:
        return Text(f"No item is scored {steps} or more apart between {view.by}s.")
    table = Table(
        title=f"Disagreements: items scored {steps} or more apart ({len(view.disagreements)})",
        title_justify="left",
    )
    table.add_column("item")
    table.add_column("low", no_wrap=False)
    table.add_column("high", no_wrap=False)
    table.add_column("gap", justify="right", no_wrap=True)
    for item in view.disagreements:
        table.add_row(
            Text(f"{item.title} ({item.id})"),
            Text(f"{item.low}: {', '.join(item.low_groups)}"),
            Text(f"{item.high}: {', '.join(item.high_groups)}"),
            item.gap,
        )
    return table


def _header(view: CombinedView) -> Text:
    """The rubric, the period, what was combined, the mean, the features' figures, the weakest
    sections."""
    consensus = view.consensus
    header = Text()
    header.append(f"{view.rubric}\n", style="bold")
    header.append(f"Period: {view.periods}\n")
    header.append(f"{view.files} audits in {len(view.groups)} groups by {view.by}\n")
    for names in view.lookalikes:
        shown = ", ".join(names)
        header.append(
            f"Warning: groups {shown} differ only by case, spaces or invisible characters; "
            "one group typed two ways?\n",
            style="yellow",
        )
    header.append(f"{view.mean_label}: ", style="bold")
    if consensus.overall is None:
        header.append("no score yet")
    else:
        header.append(f"{consensus.overall:.1f}%  level: {consensus.level or ''}")
    for figure in view.figures:
        header.append("\n")
        header.append_text(figure_line(figure))
    weakest = ", ".join(f"{s.title} ({number(s.score)})" for s in consensus.weakest)
    header.append(f"\nWeakest sections: {weakest or 'none scored yet'}")
    return header


def _headline(view: CombinedView) -> RenderableType:
    """What closes ``combine``: the mean's overall, level, coverage and the features' figures,
    and what it is the mean of."""
    consensus = view.consensus
    text = Text("Mean: ", style="bold")
    if consensus.overall is None:
        text.append("no score yet")
    else:
        style = score_style(consensus.overall, consensus.target)
        text.append(f"{consensus.overall:.1f}%", style=style)
        text.append(f"  level: {consensus.level or '–'}")
    text.append(f"  coverage: {percent(consensus.coverage)}")
    text.append(closing_figures(view.figures))
    if consensus.provisional:
        text.append("  PROVISIONAL", style="bold yellow")
    return closing(f"{view.mean_label} ({view.files} audits)", text)


def render_view(view: CombinedView, top: int) -> RenderableType:
    """Consensus summary, heat map, the features' parts, disagreements and the consensus's top
    actions."""
    return Group(
        _header(view),
        _heat_map(view),
        *(part(p) for p in view.parts),
        _disagreements(view),
        Text(""),
        actions(view.consensus, top),
        _headline(view),
    )


class TableCombined(CombinedRenderer["RenderableType"]):
    """``svccheck combine`` at a terminal: the ``top`` consensus actions."""

    def render(self, combined: Combined, options: CombinedOptions) -> RenderableType:
        """The combined audits as one Rich renderable."""
        return render_view(combined_view(combined, options), options.top)
