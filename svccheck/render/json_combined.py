"""JSON output of ``svccheck combine``: groups, consensus, per-group item percents, agreement
between assessors, the items to discuss, and the agreement on criteria.

Kept apart from :mod:`svccheck.render.json_out` (imported on use there), so that the other report
kinds do not load it; the shapes are documented in docs/output-formats.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck.engine.criteria_agreement import criteria_agreement
from svccheck.render import evidence_data
from svccheck.render.common import rounded
from svccheck.render.json_text import origin_data

if TYPE_CHECKING:
    from svccheck.engine.calibration import Agreement, Discussion
    from svccheck.engine.combine import Combined, ItemSpread
    from svccheck.engine.criteria_agreement import CriteriaAgreement


# The lists with an entry per group, item, item to discuss or criterion, written one entry a line
# (docs/output-formats.md).
ONE_PER_LINE = ("groups", "items", "discussion", "criteria_compared", "criteria_differences")


def combined_data(result: Combined) -> dict[str, Any]:
    """Combined audits as plain data: groups, consensus, every item with per-group percents."""
    consensus = result.consensus
    names = [group.name for group in result.groups]
    return {
        "rubric": {
            "id": consensus.rubric.id,
            "version": consensus.rubric.version,
            **origin_data(consensus.rubric),
        },
        "by": result.by,
        "periods": list(result.periods),
        "lookalike_groups": [list(names) for names in result.lookalikes],
        "groups": [
            {
                "name": g.name,
                "files": list(g.sources),
                "overall": rounded(g.report.overall),
                "level": g.report.level,
                **evidence_data.overall_data(g.report),
                "sections": {s.section.id: rounded(s.score) for s in g.report.sections},
            }
            for g in result.groups
        ],
        "consensus": consensus_data(result),
        "disagreement_threshold": rounded(result.threshold),
        "items": [spread_data(names, item) for item in result.items],
        "agreement": agreement_data(result.agreement),
        "discussion": [discussion_data(d) for d in result.discussion],
        **criteria_data(criteria_agreement(consensus.rubric, result.sheets)),
    }


def consensus_data(result: Combined) -> dict[str, Any]:
    """The consensus report: overall, sections with their spread between groups, actions."""
    consensus = result.consensus
    return {
        # Added, not renamed: "consensus" is the groups' mean; the consensus file
        # (--write-consensus) holds each item's median answer (docs/output-formats.md).
        "method": "mean",
        "overall": rounded(consensus.overall),
        "level": consensus.level,
        **evidence_data.overall_data(consensus),
        "sections": [
            {
                "id": s.section.id,
                "score": rounded(s.score),
                "spread": rounded(result.section_spread(index)),
            }
            for index, s in enumerate(consensus.sections)
        ],
        "weakest_sections": [s.section.id for s in consensus.weakest],
        "actions": [
            {"item": r.item.id, "gain": rounded(r.gain), "actions": list(r.item.actions)}
            for r in consensus.actions
        ],
    }


def spread_data(names: list[str], item: ItemSpread) -> dict[str, Any]:
    """One item: each group's percent (``names``: the groups'), their mean and range, and the
    groups far from it."""
    return {
        "id": item.id,
        "section": item.section,
        "percents": dict(zip(names, map(rounded, item.percents), strict=True)),
        "mean": rounded(item.mean),
        "min": rounded(item.low),
        "max": rounded(item.high),
        "disagreement": item.disagreement,
        "high": list(item.high_groups),
        "low": list(item.low_groups),
    }


def _share(value: float | None) -> float | None:
    """Alpha and shares are fractions: four decimals, not two."""
    return None if value is None else round(value, 4)


def agreement_data(agreement: Agreement) -> dict[str, Any]:
    """Krippendorff's alpha (ordinal) and the exact and within-one shares; null where undefined."""
    return {
        "assessors": list(agreement.assessors),
        "alpha": _share(agreement.alpha),
        "exact": _share(agreement.exact),
        "within_one": _share(agreement.within_one),
        "pairs": agreement.pairs,
        "sections": [
            {
                "id": s.id,
                "alpha": _share(s.alpha),
                "exact": _share(s.exact),
                "within_one": _share(s.within_one),
            }
            for s in agreement.sections
        ],
    }


def discussion_data(item: Discussion) -> dict[str, Any]:
    """One item of the discussion list, every assessor's answer and note."""
    return {
        "item": item.id,
        "section": item.section,
        "unit": item.unit,
        "period": item.period,
        "spread": item.spread,
        "na_split": item.na_split,
        "gain": rounded(item.gain),
        "answers": [
            {"assessor": r.assessor, "file": r.source, "answer": r.answer, "note": r.note}
            for r in item.ratings
        ],
    }


def criteria_data(found: CriteriaAgreement) -> dict[str, Any]:
    """The agreement on criteria: the totals, every criterion two or more assessors of a unit
    marked, and each one they marked differently with who marked what."""
    return {
        "criteria_agreement": {
            "compared": found.compared,
            "alike": found.alike,
            "share": _share(found.share),
        },
        "criteria_compared": [
            {"item": c.item, "criterion": c.key, "compared": c.compared, "alike": c.alike,
             "share": _share(c.share)}
            for c in found.criteria
        ],
        "criteria_differences": [
            {"item": d.item, "criterion": d.key, "unit": d.unit, "period": d.period,
             "marks": [{"assessor": m.assessor, "file": m.source,
                        "status": None if m.status is None else m.status.value}
                       for m in d.marks]}
            for d in found.differences
        ],
    }  # fmt: skip
