"""``svccheck score -f markdown``, from the report's view model: to paste into a team meeting's
agenda. What features add is laid out by :mod:`svccheck.render.markdown_blocks`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import number
from svccheck.render.interface import ReportOptions, ReportRenderer
from svccheck.render.markdown_blocks import figure_line, part
from svccheck.render.markdown_table import cell, table
from svccheck.render.view.report import report_view

if TYPE_CHECKING:
    from svccheck.engine.results import Report
    from svccheck.render.view.report import ReportView


def _header(view: ReportView) -> list[str]:
    """The title, the audit's header fields, the overall score, target and coverage, the
    features' figures and warnings."""
    lines = [f"# {cell(view.title)}", ""]
    lines += [f"- **{label}:** {cell(value)}" for label, value in view.meta]
    overall = "no score yet" if view.overall is None else f"{view.overall:.1f}% ({view.level})"
    if view.provisional:
        overall += " — provisional"
    lines += [
        f"- **Overall:** {cell(overall)}",
        f"- **Target:** {number(view.target)}%",
        f"- **Coverage:** {view.coverage * 100:.0f}%",
        *(figure_line(figure) for figure in view.figures),
        *(f"- **{cell(warning)}**" for warning in view.warnings),
        *([f"- **{view.provisional}**"] if view.provisional else []),
        "",
    ]
    return lines


def _sections(view: ReportView) -> list[str]:
    """The sections table, then the weakest areas ranked."""
    lines = ["## Sections", ""]
    lines += table(
        ["Section", "Score", "Answered"],
        ([cell(s.title), number(s.score), f"{s.answered}/{s.total}"] for s in view.sections),
    )
    lines += ["", "## Weakest areas", ""]
    lines += [
        f"{rank}. {cell(s.title)} ({number(s.score)})"  # 1. 2. 3. in plain text too
        for rank, s in enumerate(view.weakest, 1)
    ]
    if not view.weakest:
        lines.append("None scored yet.")
    return lines


def _actions(view: ReportView, top: int) -> list[str]:
    """The top actions: each with its gain, the current answer and note, and a checklist."""
    lines = ["", "## Actions", "", f"_{cell(view.gain_legend)}_", ""]
    if view.action_legends:
        lines += [f"_{cell(' '.join(legend.text for legend in view.action_legends))}_", ""]
    for action in view.actions[:top]:
        gain = ", ".join((action.gain, *action.words))
        lines.append(f"### {cell(action.title)} ({cell(gain)}, now {cell(action.now)})")
        lines.append("")
        if action.note:
            lines += [f"> Note: {cell(action.note)}", ""]
        lines += [f"- [ ] {cell(step)}" for step in action.steps]
        lines.append("")
    if not view.actions:
        lines += ["Every scored item is at or above target.", ""]
    return lines


def render_view(view: ReportView, options: ReportOptions) -> str:
    """The report as Markdown: the details (``full`` parts) with ``--all``."""
    lines = [*_header(view), *_sections(view), *_actions(view, options.top)]
    for shown in view.parts:
        if options.show_all or not shown.full:
            lines += part(shown)
    return "\n".join(lines)


class MarkdownReport(ReportRenderer[str]):
    """``svccheck score -f markdown``: the ``top`` actions as a checklist."""

    def render(self, report: Report, options: ReportOptions) -> str:
        """The report as Markdown; with a plan, a plan progress section at the end."""
        return render_view(report_view(report, options), options)
