"""The Rich view of one scored audit (``svccheck score`` in a terminal)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from svccheck.engine import criteria
from svccheck.render import evidence_views
from svccheck.render.common import (
    answer_text,
    bar,
    gain_legend,
    header_pairs,
    labelled_answer,
    number,
    points,
    provisional_note,
    score_legend,
    score_style,
)
from svccheck.render.headline import report_headline
from svccheck.render.interface import ReportOptions, ReportRenderer

if TYPE_CHECKING:
    from svccheck.engine.results import ItemResult, Report


def _header(report: Report) -> Text:
    text = Text()
    for label, value in header_pairs(report.rubric, report.header):
        text.append(f"{label}: ", style="bold")
        text.append(value + "\n")
    return text


def _sections(report: Report) -> Table:
    table = Table(
        title="Sections",
        title_justify="left",
        caption=score_legend(report.rubric.target),
        caption_justify="left",
    )
    table.add_column("section")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("answered", justify="right", no_wrap=True)
    for result in report.sections:
        table.add_row(
            Text(result.section.title),
            Text(number(result.score), style=score_style(result.score, report.rubric.target)),
            bar(result.score),
            f"{result.answered}/{result.total}",
        )
    return table


def _overall(report: Report) -> Text:
    text = Text("Overall: ", style="bold")
    if report.overall is None:
        text.append("no score yet (no item has a numeric answer)")
    else:
        text.append(
            f"{report.overall:.1f}%", style=score_style(report.overall, report.rubric.target)
        )
        text.append(f"  level: {report.level or ''}")
    text.append(f"  coverage: {report.coverage * 100:.0f}%")
    text.append(f"  target: {number(report.rubric.target)}%")
    if report.strict:
        text.append("  (strict: unanswered items count as the lowest score)")
    if report.provisional:
        text.append(f"\n{provisional_note(report)}", style="bold yellow")
    return text


def _weakest(report: Report) -> Text:
    text = Text("Weakest sections: ", style="bold")
    shown = [f"{s.section.title} ({number(s.score)})" for s in report.weakest_shown()]
    text.append(", ".join(shown) or "none scored yet")
    return text


def actions(report: Report, top: int) -> RenderableType:
    # Plain indented text, not a Table: a table measures every cell several times, which made
    # this the slowest part of `svccheck score` at start-up.
    if not report.actions:
        return Text("Top actions: none (every scored item is at or above target)")
    shown = report.actions[:top]
    order = "" if report.importance is None else " by priority"
    parts: list[RenderableType] = [
        Text(
            f"Top actions{order} ({len(shown)} of {len(report.actions)} below target)",
            style="bold",
        ),
        Text(gain_legend(report.rubric), style="dim"),
    ]
    ranked = report.importance.ranked if report.importance is not None else ()
    if report.importance is not None:
        from svccheck.render.table_importance import action_line, legend

        parts.append(legend(report.importance))
    for index, result in enumerate(shown):
        line = Text(f"{points(result.gain):>10}  ", style="bold")
        line.append(result.item.title, style="bold")
        now = labelled_answer(report.rubric, result.answer)
        details = Text(f"{result.item.id} · now {now}", style="dim")
        if report.importance is not None:  # ranked in the order of the actions
            details.append(action_line(report.importance, ranked[index]))
        if result.note:
            details.append(f"\nnote: {result.note}", style="italic")
        details.append(_next_level_needs(result))
        for action in result.item.actions:
            details.append(f"\n• {action}", style="")
        parts += [line, Padding(details, (0, 0, 0, 12), expand=False)]
    return Group(*parts)


def _next_level_needs(result: ItemResult) -> str:
    """``level N needs: …``: the criteria of the level above the answer not seen met, where the
    answer records criteria (see :func:`svccheck.engine.criteria.next_level_missing`)."""
    if result.criteria is None or not isinstance(result.answer, int):
        return ""
    missing = criteria.next_level_missing(result.item, result.criteria, result.answer)
    return f"\nlevel {result.answer + 1} needs: {', '.join(missing)}" if missing else ""


def every_item(report: Report) -> Table:
    """``score --all``: every item with its answer, label and note, section by section."""
    table = Table(title="Every item", title_justify="left")
    table.add_column("item")
    table.add_column("answer", no_wrap=True)
    table.add_column("note")
    for section in report.sections:
        table.add_row(Text(section.section.title, style="bold cyan"), "", "")
        for result in section.items:
            note = Text(result.note or "")
            if result.evidence is not None:  # under the note: the table stays three columns
                given = evidence_views.entries_text(result.evidence)
                note.append(f"{chr(10) if result.note else ''}evidence: {given}", style="dim")
            table.add_row(
                Text(f"{result.item.title} ({result.item.id})"),
                Text(labelled_answer(report.rubric, result.answer)),
                note,
            )
    return table


def _not_applicable(report: Report) -> Text | None:
    marked = report.not_applicable()
    if not marked:
        return None
    text = Text(f"Marked n/a ({len(marked)}):", style="bold")
    for result in marked:
        reason = result.note if result.note else "no reason given"
        text.append(f"\n  {result.item.id}: {reason}")
    return text


def _removed(report: Report) -> Text | None:
    removed = report.removed
    if not removed:
        return None
    version = report.rubric.version
    text = Text(f"Not scored: items version {version} of the rubric no longer has", style="bold")
    text.append(f" ({len(removed)}):", style="bold")
    for answer in removed:
        note = f" ({answer.note})" if answer.note else ""
        text.append(f"\n  {answer.item_id}: {answer_text(answer.score)}{note}")
    return text


def _importance(report: Report) -> RenderableType | None:
    if report.importance is None:
        return None
    from svccheck.render.table_importance import ipa_view

    return ipa_view(report)


def _coverage(report: Report) -> Text | None:
    missing = report.unanswered()
    if not missing:
        return None
    ids = ", ".join(result.item.id for result in missing)
    verb = "count as the lowest score" if report.strict else "are left out of the scores"
    return Text(
        f"Warning: {len(missing)} of {len(report.items())} items unanswered ({verb}): {ids}",
        style="yellow",
    )


class TableReport(ReportRenderer["RenderableType"]):
    """``svccheck score`` at a terminal: the ``top`` actions."""

    def render(self, report: Report, options: ReportOptions) -> RenderableType:
        """The whole report as one Rich renderable; with a plan, its progress at the end."""
        body = _report(report, options.top, options.show_all)
        if options.plan is not None:
            from svccheck.render.progress_views import progress_table

            body = Group(body, Text(""), progress_table(options.plan))
        return Group(body, report_headline(report))


def _report(report: Report, top: int, show_all: bool = False) -> RenderableType:
    """The whole report as one Rich renderable."""
    parts: list[RenderableType | None] = [
        _header(report),
        _sections(report),
        _overall(report),
        evidence_views.confidence_line(report),
        _weakest(report),
        Text(""),
        actions(report, top),
        _importance(report),
        every_item(report) if show_all else None,
        evidence_views.table_lines(report),
        _not_applicable(report),
        _removed(report),
        _coverage(report),
    ]
    return Group(*(part for part in parts if part is not None))
