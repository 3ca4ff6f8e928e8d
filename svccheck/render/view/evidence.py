"""Evidence in a report's view: the confidence, what ``--require-evidence`` did, the evidence
columns, the unsupported claims and stale evidence, and the evidence behind the claims.

The words are :mod:`svccheck.render.evidence_views`'s, shared with the views not yet built
from a view model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.engine import evidence
from svccheck.render.common import labelled_answer, rounded
from svccheck.render.evidence_views import (
    claim_text,
    entries_text,
    entry_text,
    require_note,
    share_text,
    stale_flag,
    stale_heading,
    unsupported_heading,
)
from svccheck.render.view.model import (
    Cell,
    Column,
    Contribution,
    Entry,
    Fact,
    Figure,
    Listing,
    Part,
    Row,
    Table,
)

if TYPE_CHECKING:
    from svccheck.engine.evidence import EvidenceReview
    from svccheck.engine.results import ItemResult, Report
    from svccheck.model.audit import Evidence
    from svccheck.render.interface import ReportOptions

COLUMNS = (Column("evidence", "Evidence"), Column("supported"), Column("stale"))


def _confidence(review: EvidenceReview) -> Figure:
    """``67%``, ``2 of 3 scores of 4 or more have evidence``."""
    if not review.claims:
        return Figure("Confidence", "–", f"no score of {review.evidence_from} or more")
    supported = review.claims - len(review.unsupported)
    return Figure(
        "Confidence",
        share_text(review.confidence),
        f"{supported} of {review.claims} scores of {review.evidence_from} or more have evidence",
    )


def _cells(report: Report, result: ItemResult) -> tuple[Cell, ...]:
    """The pieces one per line (people read them on one), whether a claim has evidence (empty
    when the answer makes no claim), whether any piece is stale."""
    given = result.evidence
    return (
        Cell(entries_text(given, "\n") or None, entries_text(given)),
        Cell(evidence.supported(report.rubric, result)),
        Cell(stale_flag(report, result)),
    )


def _lists(report: Report, review: EvidenceReview) -> Part | None:
    """The unsupported claims and the stale evidence; ``None`` when there are neither."""
    listings = []
    if review.unsupported:
        claims = tuple(
            Entry(claim_text(report, r, review), r.item.title, r.item.id)
            for r in review.unsupported
        )
        listings.append(Listing(unsupported_heading(review), claims))
    if review.stale:
        stale = tuple(
            Entry("; ".join(entry_text(e) for e in s.entries), s.result.item.title,
                  s.result.item.id)
            for s in review.stale
        )  # fmt: skip
        listings.append(Listing(stale_heading(review), stale))
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
        figures=(_confidence(review),) if asks else (),
        warnings=() if note is None else (note,),
        columns=COLUMNS,
        cells=cells,
        parts=parts,
        facts=facts,
    )
