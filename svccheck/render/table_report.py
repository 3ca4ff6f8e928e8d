"""The Rich view of one scored audit (``svccheck score`` in a terminal), from its view model.

What features add (figures, legends, words after actions, parts) is laid out by
:mod:`svccheck.render.table_blocks`, which knows no feature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from svccheck.render.common import bar, number, score_legend, score_style
from svccheck.render.headline import closing
from svccheck.render.interface import ReportOptions, ReportRenderer
from svccheck.render.table_blocks import STYLES, figure_line, paragraph, part
from svccheck.render.view.model import Tone
from svccheck.render.view.report import report_view

if TYPE_CHECKING:
    from svccheck.engine.results import Report
    from svccheck.render.view.report import ReportView


def _header(view: ReportView) -> Text:
    text = Text()
    for label, value in view.meta:
        text.append(f"{label}: ", style="bold")
        text.append(value + "\n")
    return text


def _sections(view: ReportView) -> Table:
    table = Table(
        title="Sections",
        title_justify="left",
        caption=score_legend(view.target),
        caption_justify="left",
    )
    table.add_column("section")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    for section in view.sections:
        table.add_row(
            Text(section.title),
            Text(number(section.score), style=score_style(section.score, view.target)),
            bar(section.score),
            f"{section.answered}/{section.total}",
        )
    return table


def _overall(view: ReportView) -> Text:
    text = Text("Overall: ", style="bold")
    if view.overall is None:
        text.append("no score yet (no item has a numeric answer)")
    else:
        text.append(f"{view.overall:.1f}%", style=score_style(view.overall, view.target))
        text.append(f"  level: {view.level or ''}")
    text.append(f"  coverage: {view.coverage * 100:.0f}%")
    text.append(f"  target: {number(view.target)}%")
    if view.strict:
        text.append("  (strict: unanswered items count as the lowest score)")
    if view.provisional:
        text.append(f"\n{view.provisional}", style="bold yellow")
    return text


def _weakest(view: ReportView) -> Text:
    text = Text("Weakest sections: ", style="bold")
    shown = [f"{s.title} ({number(s.score)})" for s in view.weakest]
    text.append(", ".join(shown) or "none scored yet")
    return text


def actions(view: ReportView, top: int) -> RenderableType:
    """The ``top`` actions with their legends. Plain indented text, not a Table: a table
    measures every cell several times, which made this the slowest part of `svccheck score`
    at start-up."""
    if not view.actions:
        return Text("Top actions: none (every scored item is at or above target)")
    shown = view.actions[:top]
    parts: list[RenderableType] = [
        Text(f"Top actions ({len(shown)} of {len(view.actions)} below target)", style="bold"),
        Text(view.gain_legend, style="dim"),
        *(paragraph(legend) for legend in view.action_legends),
    ]
    for action in shown:
        line = Text(f"{action.gain:>10}  ", style="bold")
        line.append(action.title, style="bold")
        details = Text(" · ".join((action.id, f"now {action.now}", *action.words)), style="dim")
        if action.note:
            details.append(f"\nnote: {action.note}", style="italic")
        for step in action.steps:
            details.append(f"\n• {step}", style="")
        parts += [line, Padding(details, (0, 0, 0, 12), expand=False)]
    return Group(*parts)


def _headline(view: ReportView) -> RenderableType:
    """What closes ``score``: the overall, level and coverage, the features' figures, and
    whether the result is provisional."""
    text = Text("Overall: ", style="bold")
    if view.overall is None:
        text.append("no score yet")
    else:
        text.append(f"{view.overall:.1f}%", style=score_style(view.overall, view.target))
        text.append(f"  level: {view.level or '–'}")
    text.append(f"  coverage: {view.coverage * 100:.0f}%")
    for figure in view.figures:
        text.append(f"  {figure.label.lower()}: {figure.value}")
    if view.provisional:
        text.append("  PROVISIONAL", style="bold yellow")
    return closing(view.subject, text)


def render_view(view: ReportView, options: ReportOptions) -> RenderableType:
    """The whole report as one Rich renderable: the details (``full`` parts) with ``--all``."""
    parts: list[RenderableType] = [
        _header(view),
        _sections(view),
        _overall(view),
        *(figure_line(figure) for figure in view.figures),
        *(Text(warning, style=STYLES[Tone.WARNING]) for warning in view.warnings),
        _weakest(view),
        Text(""),
        actions(view, options.top),
        *(part(p) for p in view.parts if options.show_all or not p.full),
        _headline(view),
    ]
    return Group(*parts)


class TableReport(ReportRenderer["RenderableType"]):
    """``svccheck score`` at a terminal: the ``top`` actions."""

    def render(self, report: Report, options: ReportOptions) -> RenderableType:
        """The whole report as one Rich renderable; with a plan, its progress at the end."""
        return render_view(report_view(report, options), options)
