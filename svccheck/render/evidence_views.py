"""Evidence in the views for people: the confidence, the unsupported claims, stale evidence.

The words every format uses; ``score``'s view model takes its sentences from here
(:mod:`svccheck.render.view.evidence`), and so do the views of ``diff``, ``trend`` and
``combine``, not yet built from a view model. Text from files arrives already made safe to show
(:mod:`svccheck.render.shown`); Markdown escapes its own markup with its ``cell``. Rich is
imported only inside the functions that build Rich text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine import evidence
from svccheck.render.common import labelled_answer

if TYPE_CHECKING:
    from rich.console import RenderableType

    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.evidence import EvidenceReview
    from svccheck.engine.results import ItemResult, Report
    from svccheck.engine.trend import Series, Trend
    from svccheck.model.audit import Evidence


def entry_text(entry: Evidence) -> str:
    """One piece of evidence: its text, and its date in brackets."""
    return f"{entry.text} ({entry.date})" if entry.date else entry.text


def entries_text(given: tuple[Evidence, ...] | None, separator: str = "; ") -> str:
    """An item's evidence in one line (or one cell); recorded as missing, ``none given``."""
    if given is None:
        return ""
    if not given:
        return "none given"
    return separator.join(entry_text(entry) for entry in given)


def share_text(value: float | None) -> str:
    """A confidence for people: ``67%``, or a dash when there is no claim."""
    return "–" if value is None else f"{value * 100:.0f}%"


def confidence_text(review: EvidenceReview) -> str:
    """``67% (2 of 3 scores of 4 or more have evidence)``."""
    if review.evidence_from is None:
        return "–"
    if not review.claims:
        return f"– (no score of {review.evidence_from} or more)"
    supported = review.claims - len(review.unsupported)
    return (
        f"{share_text(review.confidence)} ({supported} of {review.claims} scores of "
        f"{review.evidence_from} or more have evidence)"
    )


def claim_text(report: Report, result: ItemResult, review: EvidenceReview) -> str:
    """An unsupported claim: ``4 Managed, no evidence recorded; counts as 3 Defined``."""
    rubric = report.rubric
    why = "evidence recorded as missing" if result.evidence == () else "no evidence recorded"
    text = f"{labelled_answer(rubric, result.answer)}, {why}"
    if review.counted_as is not None:
        text += f"; counts as {labelled_answer(rubric, review.counted_as)}"
    return text


def unsupported_heading(review: EvidenceReview) -> str:
    """``Unsupported claims (2 of 3 scores of 4 or more)``."""
    return (
        f"Unsupported claims ({len(review.unsupported)} of {review.claims} scores of "
        f"{review.evidence_from} or more without evidence)"
    )


def stale_heading(review: EvidenceReview) -> str:
    """``Stale evidence (dated over 12 months before 2026-09-30)``."""
    day = review.as_of.isoformat() if review.as_of else "the audit"
    return f"Stale evidence (dated over {review.max_age} months before {day})"


def require_note(report: Report, review: EvidenceReview) -> str | None:
    """What ``--require-evidence`` did, when it applies."""
    if review.counted_as is None:
        return None
    counted = labelled_answer(report.rubric, review.counted_as)
    return (
        f"Evidence required (--require-evidence): a score of {review.evidence_from} or more "
        f"without evidence counts as {counted}"
    )


def stale_flag(report: Report, result: ItemResult) -> bool | None:
    """Whether any of an item's evidence is stale; ``None`` when that cannot be said."""
    day = evidence.as_of(report.header)
    flags = [
        evidence.is_stale(e, day, report.rubric.evidence_max_age) for e in result.evidence or ()
    ]
    if any(flags):
        return True
    return False if False in flags else None


# The interactive summary (the report's view is svccheck.render.view.evidence).


def confidence_line(report: Report) -> RenderableType | None:
    """``Confidence: 67% (2 of 3 scores of 4 or more have evidence)`` under the overall line,
    when the rubric asks for evidence (on a line of its own: the overall line fills 80
    columns already)."""
    from rich.text import Text

    review = evidence.review(report)
    if review.evidence_from is None:
        return None
    text = Text("Confidence: ", style="bold")
    text.append(confidence_text(review))
    note = require_note(report, review)
    if note:
        text.append(f"\n{note}", style="yellow")
    return text


# diff: the change in confidence, and the new audit's unsupported claims.


def comparison_confidence(comparison: Comparison) -> tuple[str, str] | None:
    """``("0% → 67%", "+67 pts")`` (the change empty unless both have one); ``None`` when
    neither rubric asks for evidence."""
    old, new = comparison.old, comparison.new
    if old.rubric.evidence_from is None and new.rubric.evidence_from is None:
        return None
    change = ""
    if old.confidence is not None and new.confidence is not None:
        moved = round((new.confidence - old.confidence) * 100)
        change = f"{moved:+d} pts" if moved else "no change"  # "+0 pts" reads as a gain
    return f"{share_text(old.confidence)} → {share_text(new.confidence)}", change


def _claims_text(report: Report, claims: tuple[ItemResult, ...]) -> str:
    """``id (4 Managed), ...``."""
    return ", ".join(f"{r.item.id} ({labelled_answer(report.rubric, r.answer)})" for r in claims)


def comparison_lines(comparison: Comparison) -> list[tuple[str, str]]:
    """(label, text) lines a diff adds under its overall: the confidence old → new, the claims
    the new audit makes without evidence that the old one did not (new), and those unsupported
    in both (still)."""
    lines = []
    confidence = comparison_confidence(comparison)
    if confidence is not None:
        value, change = confidence
        lines.append(("Confidence", f"{value} ({change})" if change else value))
    new, still = comparison.unsupported_claims()
    if new:
        lines.append(("Unsupported claims (new)", _claims_text(comparison.new, new)))
    if still:
        lines.append(("Still unsupported", _claims_text(comparison.new, still)))
    note = require_note(comparison.new, evidence.review(comparison.new))
    if note is not None:
        lines.append(("Evidence required", note.split(": ", 1)[1]))
    return lines


def comparison_cells(comparison: Comparison) -> dict[str, tuple[bool | None, bool | None]]:
    """Per item id: whether its claim had evidence in the old and the new audit (``None``: no
    claim there), for a diff's CSV."""
    sides = [
        {r.item.id: evidence.supported(report.rubric, r) for r in report.items()}
        for report in (comparison.old, comparison.new)
    ]
    return {key: (sides[0].get(key), sides[1].get(key)) for key in {*sides[0], *sides[1]}}


# trend: the confidence of every audit, for a rubric that asks for evidence.


def trend_asks(trend: Trend) -> bool:
    """Whether a trend's rubric asks for evidence (its views then show each audit's
    confidence)."""
    return trend.rubric is not None and trend.rubric.evidence_from is not None


def trend_cells(series: Series) -> list[str]:
    """Each audit's confidence, for a row or column of a trend view."""
    return [share_text(point.confidence) for point in series.points]


# combine: each group's confidence and the pooled one, for a rubric that asks for evidence.


def combined_cells(result: Combined) -> list[str] | None:
    """Each group's confidence, then the consensus's (claims pooled over every audit), for the
    heat map's confidence column; ``None`` when the rubric asks for no evidence."""
    if result.consensus.rubric.evidence_from is None:
        return None
    groups = [share_text(group.report.confidence) for group in result.groups]
    return [*groups, share_text(result.consensus.confidence)]


def combined_text(result: Combined) -> str | None:
    """The consensus's confidence in words, ``60% (scores of 4 or more with evidence, over all 5
    audits)``; ``None`` when the rubric asks for no evidence."""
    threshold = result.consensus.rubric.evidence_from
    if threshold is None:
        return None
    files = sum(len(group.sources) for group in result.groups)
    if result.consensus.confidence is None:
        return f"– (no score of {threshold} or more in the {files} audits)"
    return (
        f"{share_text(result.consensus.confidence)} (scores of {threshold} or more with "
        f"evidence, over all {files} audits)"
    )


def combined_markdown(result: Combined) -> list[str]:
    """The consensus's confidence in the list under a Markdown combine's heading (numbers
    only: nothing to escape)."""
    text = combined_text(result)
    return [] if text is None else [f"- **Confidence:** {text}"]
