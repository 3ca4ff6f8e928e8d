"""Markdown output, to paste into a team meeting's agenda."""

from __future__ import annotations

from svccheck.output import clean
from svccheck.render.common import header_pairs, number, points
from svccheck.scoring import Report


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks, markup escaped."""
    value = " ".join(clean(text).split())
    for character in "\\|*_`[]<>":
        value = value.replace(character, f"\\{character}")
    return value


def report(report: Report, top: int) -> str:
    """The report as Markdown: header, sections table, weakest areas, actions as a checklist."""
    title = report.audit.organization or "Service audit"
    lines = [f"# {cell(title)}: {cell(report.rubric.title)}", ""]
    lines += [
        f"- **{label}:** {cell(value)}"
        for label, value in header_pairs(report.rubric, report.audit)
    ]
    overall = (
        "no score yet" if report.overall is None else f"{report.overall:.1f}% ({report.level})"
    )
    lines += [
        f"- **Overall:** {cell(overall)}",
        f"- **Coverage:** {report.coverage * 100:.0f}%",
        "",
        "## Sections",
        "",
        "| Section | Score | Answered |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {cell(s.section.title)} | {number(s.score)} | {s.answered}/{s.total} |"
        for s in report.sections
    ]
    lines += ["", "## Weakest areas", ""]
    lines += [f"1. {cell(s.section.title)} ({number(s.score)})" for s in report.weakest[:top]]
    if not report.weakest:
        lines.append("None scored yet.")
    lines += ["", "## Actions", ""]
    for result in report.actions[:top]:
        lines.append(
            f"### {cell(result.item.title)} ({points(result.gain)}, now {number(result.percent)}%)"
        )
        lines.append("")
        lines += [f"- [ ] {cell(action)}" for action in result.item.actions]
        lines.append("")
    if not report.actions:
        lines += ["Every scored item is at or above target.", ""]
    marked = report.not_applicable()
    if marked:
        lines += ["## Marked n/a", ""]
        lines += [f"- {cell(r.item.title)}: {cell(r.note or 'no reason given')}" for r in marked]
        lines.append("")
    missing = report.unanswered()
    if missing:
        lines += [
            f"_{len(missing)} items unanswered: {cell(', '.join(r.item.id for r in missing))}_",
            "",
        ]
    return "\n".join(lines)
