"""Evidence in every report's view: the confidence, what ``--require-evidence`` did, the evidence
columns, the unsupported claims and stale evidence, and the evidence behind the claims; for
``diff`` the change in confidence and the claims newly unsupported, for ``trend`` each audit's
confidence, for ``combine`` each group's and the pooled one.

The numbers are the engine's (:mod:`svccheck.engine.evidence`); JSON carries them as data
(:mod:`svccheck.render.evidence_data`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine import evidence
from svccheck.render.common import labelled_answer, rounded
from svccheck.render.view.model import (
    MEAN_KEY,
    Beside,
    Cell,
    Column,
    CombinedContribution,
    Contribution,
    DiffContribution,
    Entry,
    Fact,
    Figure,
    Listing,
    Measure,
    Note,
    Part,
    Row,
    Table,
    Tone,
    TrendContribution,
)

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.evidence import EvidenceReview
    from svccheck.engine.results import ItemResult, Report
    from svccheck.engine.trend import Trend
    from svccheck.model.audit import Evidence
    from svccheck.render.interface import (
        CombinedOptions,
        ComparisonOptions,
        ReportOptions,
        TrendOptions,
    )

COLUMNS = (Column("evidence", "Evidence"), Column("supported"), Column("stale"))
DIFF_COLUMNS = (Column("old_supported"), Column("new_supported"))
CONFIDENCE = "Confidence"
SHORT = "conf."  # at 80 columns a 10-letter heading squeezed the section names out of a table


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


def confidence(review: EvidenceReview) -> Figure:
    """``67%``, ``2 of 3 scores of 4 or more have evidence``."""
    if not review.claims:
        return Figure(CONFIDENCE, "–", f"no score of {review.evidence_from} or more")
    supported = review.claims - len(review.unsupported)
    return Figure(
        CONFIDENCE,
        share_text(review.confidence),
        f"{supported} of {review.claims} scores of {review.evidence_from} or more have evidence",
    )


def claim_text(report: Report, result: ItemResult, review: EvidenceReview) -> str:
    """An unsupported claim: ``4 Managed, no evidence recorded; counts as 3 Defined``."""
    rubric = report.rubric
    why = "evidence recorded as missing" if result.evidence == () else "no evidence recorded"
    text = f"{labelled_answer(rubric, result.answer)}, {why}"
    if review.counted_as is not None:
        text += f"; counts as {labelled_answer(rubric, review.counted_as)}"
    return text


def require_note(report: Report, review: EvidenceReview) -> str | None:
    """What ``--require-evidence`` did, when it applies."""
    if review.counted_as is None:
        return None
    counted = labelled_answer(report.rubric, review.counted_as)
    return (
        f"Evidence required (--require-evidence): a score of {review.evidence_from} or more "
        f"without evidence counts as {counted}"
    )


def _stale_flag(report: Report, result: ItemResult) -> bool | None:
    """Whether any of an item's evidence is stale; ``None`` when that cannot be said."""
    day = evidence.as_of(report.header)
    flags = [
        evidence.is_stale(e, day, report.rubric.evidence_max_age) for e in result.evidence or ()
    ]
    if any(flags):
        return True
    return False if False in flags else None


def _cells(report: Report, result: ItemResult) -> tuple[Cell, ...]:
    """The pieces one per line (people read them on one), whether a claim has evidence (empty
    when the answer makes no claim), whether any piece is stale."""
    given = result.evidence
    return (
        Cell(entries_text(given, "\n") or None, entries_text(given)),
        Cell(evidence.supported(report.rubric, result)),
        Cell(_stale_flag(report, result)),
    )


def _lists(report: Report, review: EvidenceReview) -> Part | None:
    """The unsupported claims and the stale evidence; ``None`` when there are neither."""
    listings = []
    if review.unsupported:
        claims = tuple(
            Entry(claim_text(report, r, review), r.item.title, r.item.id)
            for r in review.unsupported
        )
        heading = (
            f"Unsupported claims ({len(review.unsupported)} of {review.claims} scores of "
            f"{review.evidence_from} or more without evidence)"
        )
        listings.append(Listing(heading, claims))
    if review.stale:
        stale = tuple(
            Entry("; ".join(entry_text(e) for e in s.entries), s.result.item.title,
                  s.result.item.id)
            for s in review.stale
        )  # fmt: skip
        day = review.as_of.isoformat() if review.as_of else "the audit"
        heading = f"Stale evidence (dated over {review.max_age} months before {day})"
        listings.append(Listing(heading, stale))
    return Part("evidence", "Evidence", tuple(listings)) if listings else None


def _behind(report: Report, review: EvidenceReview) -> Part | None:
    """The evidence behind every supported claim, each piece marked when stale; a detail."""
    found = [r for r in report.items() if evidence.supported(report.rubric, r) and r.evidence]
    if not found:
        return None
    day, limit = review.as_of, report.rubric.evidence_max_age

    def shown(entry: Evidence) -> str:
        return entry_text(entry) + (" (stale)" if evidence.is_stale(entry, day, limit) else "")

    rows = tuple(
        Row((Cell(text=f"{r.item.title} ({r.item.id})"),
             Cell(text=labelled_answer(report.rubric, r.answer)),
             Cell(text="; ".join(shown(e) for e in r.evidence or ()))))
        for r in found
    )  # fmt: skip
    columns = (Column(heading="Item"), Column(heading="Score", whole=True),
               Column(heading="Evidence"))  # fmt: skip
    heading = f"Evidence behind the scores of {review.evidence_from} or more"
    return Part("evidence-behind", heading, (Table(columns, rows),), full=True)


def contribution(report: Report, options: ReportOptions) -> Contribution:
    """What evidence adds to a report; its facts whether or not the rubric asks for it."""
    review = evidence.review(report)
    facts = (
        Fact("confidence", rounded(report.confidence)),
        Fact("evidence_from", report.rubric.evidence_from),
        Fact("require_evidence", report.require_evidence),
    )
    cells = {r.item.id: _cells(report, r) for r in report.items()}
    parts = tuple(part for part in (_lists(report, review), _behind(report, review)) if part)
    asks = review.evidence_from is not None
    note = require_note(report, review)
    return Contribution(
        figures=(confidence(review),) if asks else (),
        warnings=() if note is None else (note,),
        columns=COLUMNS,
        cells=cells,
        parts=parts,
        facts=facts,
    )


# diff: the change in confidence, and the new audit's unsupported claims.


def _change(comparison: Comparison) -> Figure | None:
    """``– → 67%`` and the change (``+67 pts``, empty unless both have one); ``None`` when
    neither rubric asks for evidence."""
    old, new = comparison.old, comparison.new
    if old.rubric.evidence_from is None and new.rubric.evidence_from is None:
        return None
    change = ""
    if old.confidence is not None and new.confidence is not None:
        moved = round((new.confidence - old.confidence) * 100)
        change = f"{moved:+d} pts" if moved else "no change"  # "+0 pts" reads as a gain
    value = f"{share_text(old.confidence)} → {share_text(new.confidence)}"
    return Figure(CONFIDENCE, value, change)


def _claims_text(report: Report, claims: tuple[ItemResult, ...]) -> str:
    """``id (4 Managed), ...``."""
    return ", ".join(f"{r.item.id} ({labelled_answer(report.rubric, r.answer)})" for r in claims)


def _comparison_notes(comparison: Comparison) -> tuple[Note, ...]:
    """The claims the new audit makes without evidence that the old one did not (new), those
    unsupported in both (still), and what ``--require-evidence`` did."""
    notes = []
    new, still = comparison.unsupported_claims()
    if new:
        notes.append(Note("Unsupported claims (new)", _claims_text(comparison.new, new)))
    if still:
        notes.append(Note("Still unsupported", _claims_text(comparison.new, still)))
    required = require_note(comparison.new, evidence.review(comparison.new))
    if required is not None:
        notes.append(Note("Evidence required", required.split(": ", 1)[1], Tone.WARNING))
    return tuple(notes)


def comparison(comparison: Comparison, options: ComparisonOptions) -> DiffContribution:
    """What evidence adds to a diff: the confidence old → new, the unsupported claims, and per
    item whether its claim had evidence in each audit (empty: no claim there)."""
    sides = [
        {r.item.id: evidence.supported(report.rubric, r) for r in report.items()}
        for report in (comparison.old, comparison.new)
    ]
    cells = {
        key: (Cell(sides[0].get(key)), Cell(sides[1].get(key))) for key in {*sides[0], *sides[1]}
    }
    change = _change(comparison)
    return DiffContribution(
        figures=() if change is None else (change,),
        notes=_comparison_notes(comparison),
        columns=DIFF_COLUMNS,
        cells=cells,
    )


def trend(trend: Trend, options: TrendOptions) -> TrendContribution:
    """Each audit's confidence beside its coverage, when the trend's rubric asks for evidence."""
    if trend.rubric is None or trend.rubric.evidence_from is None:
        return TrendContribution()
    return TrendContribution(
        tuple(
            (Measure("confidence", CONFIDENCE,
                     tuple(Cell(rounded(p.confidence), share_text(p.confidence))
                           for p in series.points),
                     Beside.COVERAGE, short=SHORT),)
            for series in trend.series
        )
    )  # fmt: skip


def _pooled(result: Combined) -> Figure:
    """The consensus's confidence: claims pooled over every audit."""
    threshold = result.consensus.rubric.evidence_from
    files = sum(len(group.sources) for group in result.groups)
    value = share_text(result.consensus.confidence)
    if result.consensus.confidence is None:
        return Figure(CONFIDENCE, value, f"no score of {threshold} or more in the {files} audits",
                      short=SHORT)  # fmt: skip
    detail = f"scores of {threshold} or more with evidence, over all {files} audits"
    return Figure(CONFIDENCE, value, detail, short=SHORT)


def combined(result: Combined, options: CombinedOptions) -> CombinedContribution:
    """Each group's confidence and the pooled one, when the rubric asks for evidence."""
    if result.consensus.rubric.evidence_from is None:
        return CombinedContribution()

    def shown(value: float | None) -> tuple[Cell, ...]:
        return (Cell(rounded(value), share_text(value)),)

    cells = {group.name: shown(group.report.confidence) for group in result.groups}
    cells[MEAN_KEY] = shown(result.consensus.confidence)
    return CombinedContribution(
        figures=(_pooled(result),),
        group_columns=(Column(heading=CONFIDENCE, numeric=True, short=SHORT),),
        group_cells=cells,
    )
