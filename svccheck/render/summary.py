"""The end of an interactive audit at a terminal: one screen, not a report that scrolls away.

"Audit complete", the overall score, level and coverage, the confidence (when the rubric asks for
evidence), the three weakest sections and the three actions with the largest gain (with customer
importance, the highest priority; titles only), then the command that prints the full report.
At most 16 lines at 80 columns for the built-in rubrics, so it fits a 24-line screen with the
last prompt above it.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from svccheck.engine import evidence
from svccheck.render.common import number, points, score_style
from svccheck.render.view import evidence as evidence_view

if TYPE_CHECKING:
    from svccheck.engine.results import Report

SHOWN = 3  # weakest sections and actions: what a manager acts on first


def summary(report: Report, path: str) -> RenderableType:
    """What the person sees when the last item is answered."""
    overall = Text("Overall: ", style="bold")
    if report.overall is None:
        overall.append("no score (no item has a numeric answer)")
    else:
        style = score_style(report.overall, report.rubric.target)
        overall.append(f"{report.overall:.1f}%", style=style)
        overall.append(f"  level: {report.level or '–'}")
    answered = len(report.items()) - len(report.unanswered())
    overall.append(
        f"  coverage: {report.coverage * 100:.0f}% ({answered} of {len(report.items())})"
    )
    weakest = Text("Weakest sections:", style="bold")
    for section in report.weakest_shown(SHOWN):
        weakest.append(f"\n  {number(section.score):>5}  {_cut(section.section.title)}")
    if not report.weakest:
        weakest.append(" none scored yet")
    order = "" if report.importance is None else " by priority"
    actions = Text(f"Top actions{order}:", style="bold")
    for result in report.actions[:SHOWN]:
        shown_id = result.item.id
        # One line at 80 columns: the title gives way to the id, which `rubrics show` takes.
        title = _cut(result.item.title, max(20, 62 - len(shown_id)))
        actions.append(f"\n  {points(result.gain):>10}  {title} ({shown_id})")
    if not report.actions:
        actions.append(" none (every scored item is at or above target)")
    command = Text("Full report: ", style="bold")
    command.append(f"svccheck score {shlex.quote(path)}")
    confidence = _confidence(report)  # when the rubric asks for evidence
    parts = [Text(""), Text("Audit complete", style="bold green"), overall, confidence]
    return Group(*(part for part in parts if part is not None), weakest, actions, command)


def _confidence(report: Report) -> Text | None:
    """``Confidence: 67% (2 of 3 scores of 4 or more have evidence)`` under the overall line,
    when the rubric asks for evidence (on a line of its own: the overall line fills 80
    columns already), and what ``--require-evidence`` did."""
    review = evidence.review(report)
    if review.evidence_from is None:
        return None
    figure = evidence_view.confidence(review)
    text = Text("Confidence: ", style="bold")
    text.append(f"{figure.value} ({figure.detail})")
    note = evidence_view.require_note(report, review)
    if note:
        text.append(f"\n{note}", style="yellow")
    return text


def _cut(text: str, width: int = 50) -> str:
    """One line per entry, so the summary's height does not depend on the titles."""
    return text if len(text) <= width else text[: width - 1] + "…"
