"""JSON output: stable keys, complete lists, numbers rounded to 2 decimals, null when undefined.

The shapes are documented in docs/output-formats.md; change them only with a format version bump.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from svccheck import __version__
from svccheck.engine import criteria
from svccheck.engine import evidence as evidences
from svccheck.render import evidence_data
from svccheck.render.common import rounded
from svccheck.render.interface import (
    CombinedOptions,
    CombinedRenderer,
    ComparisonOptions,
    ComparisonRenderer,
    FormatRenderers,
    PlainText,
    ReportOptions,
    ReportRenderer,
    TrendOptions,
    TrendRenderer,
)
from svccheck.render.json_text import audit_header, dumps, origin_data
from svccheck.render.plan_text import JsonPlan

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.progress import TrendPlan
    from svccheck.engine.results import ItemResult, Report, SectionResult
    from svccheck.engine.trend import Series, Trend


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data."""
    rubric = report.rubric
    return {
        "svccheck": __version__,
        "rubric": {
            "id": rubric.id,
            "version": rubric.version,
            "title": rubric.title,
            **origin_data(rubric),
        },
        "audit": audit_header(report.header),
        "overall": _overall_data(report),
        "sections": [_section_data(s) for s in report.sections],
        "items": _items_data(report),
        "removed": [
            {"item": answer.item_id, "answer": answer.score, "note": answer.note}
            for answer in report.removed
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
        "evidence": evidence_data.review_data(report),
    }


def _overall_data(report: Report) -> dict[str, Any]:
    """The overall score, level and coverage, and whether the result is provisional."""
    return {
        "score": rounded(report.overall),
        "level": report.level,
        "coverage": rounded(report.coverage),
        "provisional": report.provisional,
        "min_coverage": rounded(report.min_coverage),
        **evidence_data.overall_data(report),
    }


def _section_data(scored: SectionResult) -> dict[str, Any]:
    """One section's weight, share of the overall score, score and answered items."""
    return {
        "id": scored.section.id,
        "title": scored.section.title,
        "weight": scored.section.weight,
        "share": None if scored.share is None else round(scored.share, 6),
        "score": rounded(scored.score),
        "answered": scored.answered,
        "total": scored.total,
    }


def _items_data(report: Report) -> list[dict[str, Any]]:
    """Every item of the rubric: its answer, percent, weight, gain, note and evidence."""
    day = evidences.as_of(report.header)
    return [
        {
            "id": r.item.id,
            "section": r.section_id,
            "answer": r.answer,
            "percent": rounded(r.percent),
            "weight": r.item.weight,
            "gain": rounded(r.gain),
            "note": r.note,
            **evidence_data.item_data(report.rubric, r, day),
            **_criteria_data(r),
        }
        for r in report.items()
    ]


def _criteria_data(result: ItemResult) -> dict[str, Any]:
    """``criteria_met`` and ``next_level_missing`` (criterion keys; ``null`` where the answer
    records no criteria, and the second where it has no whole-number score)."""
    if result.criteria is None:
        return {"criteria_met": None, "next_level_missing": None}
    missing = criteria.next_level_missing(result.item, result.criteria, result.answer)
    return {
        "criteria_met": list(criteria.criteria_met(result.criteria)),
        "next_level_missing": None if missing is None else list(missing),
    }


def comparison_data(result: Comparison) -> dict[str, Any]:
    """A diff as plain data: every item listed, with its status."""
    old, new = result.old, result.new
    supported = evidence_data.comparison_items_data(result)
    return {
        "old": audit_header(old.header),
        "new": audit_header(new.header),
        "rubric": {
            "id": new.rubric.id,
            "old_version": old.rubric.version,
            "new_version": new.rubric.version,
            **origin_data(new.rubric),
        },
        "overall": {
            "old": rounded(old.overall),
            "new": rounded(new.overall),
            "delta": rounded(result.overall_delta),
            "old_level": old.level,
            "new_level": new.level,
            "old_coverage": rounded(old.coverage),
            "new_coverage": rounded(new.coverage),
            **evidence_data.comparison_overall_data(result),
        },
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "old": rounded(s.old),
                "new": rounded(s.new),
                "delta": rounded(s.delta),
            }
            for s in result.sections
        ],
        "items": [
            {
                "id": c.id,
                "section": c.section,
                "old_answer": c.old_answer,
                "new_answer": c.new_answer,
                "old": rounded(c.old),
                "new": rounded(c.new),
                "delta": rounded(c.delta),
                "status": c.status,
                **supported.get(c.id, evidence_data.NOT_SCORED),
            }
            for c in result.items
        ],
    }


def trend_data(result: Trend, plan: TrendPlan | None = None) -> dict[str, Any]:
    """A trend as plain data: per unit, every period's overall and section scores; with a plan,
    its unit's series also has ``"plan"``: the projected beside the actual overall per period."""

    def section_id(index: int | None) -> str | None:
        return None if index is None else result.section_ids[index]

    return {
        "rubric": {
            "id": result.rubric_id,
            "title": result.rubric_title,
            **(origin_data(result.rubric) if result.rubric else {}),
        },
        "sections": [
            {"id": i, "title": t}
            for i, t in zip(result.section_ids, result.section_titles, strict=True)
        ],
        "series": [
            {
                "organization": series.organization,
                "unit": series.unit,
                "periods": [p.period for p in series.points],
                "files": [p.source for p in series.points],
                "removed": [list(p.removed) for p in series.points],
                "overall": [rounded(p.overall) for p in series.points],
                "coverage": [rounded(p.coverage) for p in series.points],
                "confidence": [rounded(p.confidence) for p in series.points],
                "level": [p.level for p in series.points],
                "overall_change": rounded(series.overall_change()),
                "sections": [
                    {
                        "id": section,
                        "scores": [rounded(p.sections[index]) for p in series.points],
                        "change": rounded(series.section_change(index)),
                    }
                    for index, section in enumerate(result.section_ids)
                ],
                "improved_most": section_id(series.improved_most()),
                "declined_most": section_id(series.declined_most()),
                **_plan_marks(series, plan),
            }
            for series in result.series
        ],
    }


def _plan_marks(series: Series, plan: TrendPlan | None) -> dict[str, Any]:
    marks = plan.of(series) if plan else None
    if marks is None:
        return {}
    return {
        "plan": [
            {
                "period": m.period,
                "projected_overall": rounded(m.projected_overall),
                "actual_overall": rounded(m.actual_overall),
            }
            for m in marks
        ]
    }


# JSON is for tools: every renderer writes complete lists, whatever the options.


class JsonReport(ReportRenderer[str]):
    """``svccheck score -f json``."""

    def render(self, report: Report, options: ReportOptions) -> str:
        """The report as JSON text; with a plan, its progress as ``"plan"``."""
        data = report_data(report)
        if report.importance is not None:
            from svccheck.render.json_features import with_priorities

            data = with_priorities(data, report.importance)
        if options.plan is not None:
            from svccheck.render.json_features import progress_data

            data["plan"] = progress_data(options.plan)
        return dumps(data)


class JsonComparison(ComparisonRenderer[str]):
    """``svccheck diff -f json``."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as JSON text."""
        data = comparison_data(comparison)
        moved = comparison.importance_changes()
        if moved is not None:  # both audits have importance
            from svccheck.render.json_features import changes_data

            data["importance"] = changes_data(moved)
        if options.plan is not None:
            from svccheck.render.json_features import progress_data

            data["plan"] = progress_data(options.plan)
        return dumps(data)


class JsonTrend(TrendRenderer[str]):
    """``svccheck trend -f json``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as JSON text."""
        return dumps(trend_data(trend, options.plan))


class JsonCombined(CombinedRenderer[str]):
    """``svccheck combine -f json``."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as JSON text."""
        from svccheck.render.json_combined import ONE_PER_LINE, combined_data

        return dumps(combined_data(combined), one_per_line=ONE_PER_LINE)


RENDERERS = FormatRenderers(
    report=JsonReport(),
    comparison=JsonComparison(),
    trend=JsonTrend(),
    combined=JsonCombined(),
    plan=JsonPlan(),
    wrap=PlainText,
)
