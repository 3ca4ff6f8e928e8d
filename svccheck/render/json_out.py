"""JSON output: stable keys, complete lists, numbers rounded to 2 decimals, null when undefined.

The shapes are documented in docs/output-formats.md; change them only with a format version bump.
"""

from __future__ import annotations

import json
from typing import Any

from svccheck import __version__
from svccheck.audit import HEADER_FIELDS, Audit
from svccheck.render.common import rounded
from svccheck.scoring import Report


def audit_header(audit: Audit) -> dict[str, Any]:
    """The audit's header fields."""
    return {name: getattr(audit, name) for name in HEADER_FIELDS}


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data."""
    rubric = report.rubric
    return {
        "svccheck": __version__,
        "rubric": {"id": rubric.id, "version": rubric.version, "title": rubric.title},
        "audit": audit_header(report.audit),
        "overall": {
            "score": rounded(report.overall),
            "level": report.level,
            "coverage": rounded(report.coverage),
        },
        "sections": [
            {
                "id": s.section.id,
                "title": s.section.title,
                "weight": s.section.weight,
                "score": rounded(s.score),
                "answered": s.answered,
                "total": s.total,
            }
            for s in report.sections
        ],
        "items": [
            {
                "id": r.item.id,
                "section": r.section_id,
                "answer": r.answer,
                "percent": rounded(r.percent),
                "weight": r.item.weight,
                "gain": rounded(r.gain),
                "note": r.note,
            }
            for r in report.items()
        ],
        "weakest_sections": [s.section.id for s in report.weakest],
        "actions": [
            {
                "item": r.item.id,
                "title": r.item.title,
                "gain": rounded(r.gain),
                "actions": list(r.item.actions),
            }
            for r in report.actions
        ],
    }


def dumps(data: Any) -> str:
    """JSON text, indented, unicode kept, with a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def report(report: Report) -> str:
    """The report as JSON text."""
    return dumps(report_data(report))
