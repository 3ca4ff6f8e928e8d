"""Evidence in the JSON output: per item, in the overall, and the review of a whole report.

Kept apart from :mod:`svccheck.render.json_out` so that the evidence keys are defined in one
place; the shapes are documented in docs/output-formats.md.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from svccheck.engine import evidence
from svccheck.render.common import rounded

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison
    from svccheck.engine.results import ItemResult, Report
    from svccheck.model.audit import Evidence
    from svccheck.model.rubric import Rubric


def entries_data(
    given: tuple[Evidence, ...] | None, day: _dt.date | None, max_age: int | None
) -> list[dict[str, Any]] | None:
    """Evidence entries as ``{text, date, stale}``; ``None`` when none is recorded, ``[]`` when it
    is recorded as missing. ``stale`` is ``null`` when it cannot be said (undated, no limit)."""
    if given is None:
        return None
    return [
        {"text": e.text, "date": e.date, "stale": evidence.is_stale(e, day, max_age)} for e in given
    ]


def item_data(rubric: Rubric, result: ItemResult, day: _dt.date | None) -> dict[str, Any]:
    """An item's ``evidence`` and ``supported`` (``null`` when the answer makes no claim)."""
    return {
        "evidence": entries_data(result.evidence, day, rubric.evidence_max_age),
        "supported": evidence.supported(rubric, result),
    }


def overall_data(report: Report) -> dict[str, Any]:
    """``confidence`` (a fraction, ``null`` without a claim) for a report's ``overall``."""
    return {"confidence": rounded(report.confidence)}


def review_data(report: Report) -> dict[str, Any]:
    """The report's top-level ``evidence``: the rubric's rules, the counts, the unsupported
    claims and the items with stale evidence."""
    found = evidence.review(report)
    return {
        "evidence_from": found.evidence_from,
        "max_age_months": found.max_age,
        "as_of": None if found.as_of is None else found.as_of.isoformat(),
        "require_evidence": report.require_evidence,
        "claims": found.claims,
        "supported": found.claims - len(found.unsupported),
        "unsupported": [r.item.id for r in found.unsupported],
        "stale": [
            {
                "item": s.result.item.id,
                "evidence": [{"text": e.text, "date": e.date} for e in s.entries],
            }
            for s in found.stale
        ],
    }


NOT_SCORED: dict[str, Any] = {"old_supported": None, "new_supported": None}


def comparison_overall_data(comparison: Comparison) -> dict[str, Any]:
    """The confidence of both audits and its change, for a diff's ``overall``."""
    old, new = comparison.old.confidence, comparison.new.confidence
    delta = None if old is None or new is None else new - old
    return {
        "old_confidence": rounded(old),
        "new_confidence": rounded(new),
        "confidence_delta": rounded(delta),
    }


def comparison_items_data(comparison: Comparison) -> dict[str, dict[str, Any]]:
    """Per item id: whether its claim had evidence in each audit (``null``: no claim there)."""
    old, new = (
        {r.item.id: evidence.supported(report.rubric, r) for r in report.items()}
        for report in (comparison.old, comparison.new)
    )
    return {
        key: {"old_supported": old.get(key), "new_supported": new.get(key)} for key in {*old, *new}
    }
