"""CSV output: one row per item, for spreadsheets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from svccheck.render.common import rounded
from svccheck.render.csv_table import table
from svccheck.render.evidence_views import comparison_cells, trend_asks
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
from svccheck.render.plan_text import CsvPlan

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.progress import TrendPlan
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend

COMPARISON_COLUMNS = (
    "item", "section", "title", "old_answer", "new_answer", "old", "new", "delta", "status",
    "old_supported", "new_supported",
)  # fmt: skip
TREND_COLUMNS = ("organization", "unit", "period", "file", "scope", "score")


def _comparison(result: Comparison) -> str:
    """A diff as CSV: one row per item."""
    supported = comparison_cells(result)
    return table(
        COMPARISON_COLUMNS,
        (
            (c.id, c.section, c.title, c.old_answer, c.new_answer,
             rounded(c.old), rounded(c.new), rounded(c.delta), c.status,
             *supported.get(c.id, (None, None)))
            for c in result.items
        ),
    )  # fmt: skip


def _trend(result: Trend, plan: TrendPlan | None = None) -> str:
    """A trend as CSV in long form: one row per audit and scope (overall or a section id); with a
    plan, its unit's audits also have a ``plan`` row: the plan's projected overall."""

    asks = trend_asks(result)

    def rows() -> Iterator[tuple[object, ...]]:
        for series in result.series:
            marks = plan.of(series) if plan else None
            for index, p in enumerate(series.points):
                head = (p.organization, p.unit or "", p.period, p.source)
                yield (*head, "overall", rounded(p.overall))
                if marks is not None:
                    yield (*head, "plan", rounded(marks[index].projected_overall))
                yield (*head, "coverage", rounded(p.coverage))  # a share 0..1, as in JSON
                if asks:  # the share of claims with evidence, when the rubric asks for it
                    yield (*head, "confidence", rounded(p.confidence))
                for section, value in zip(result.section_ids, p.sections, strict=True):
                    yield (*head, section, rounded(value))
                for item_id in p.removed:  # answered, but no longer in the rubric: no score
                    yield (*head, f"removed:{item_id}", None)

    return table(TREND_COLUMNS, rows())


def _combined(result: Combined) -> str:
    """Combined audits as CSV: one row per item with the mean, range and every group's percent."""
    names = [group.name for group in result.groups]
    header = ("item", "section", "title", "mean", "min", "max", "disagreement", *names)
    return table(
        header,
        (
            (i.id, i.section, i.title, rounded(i.mean), rounded(i.low), rounded(i.high),
             "yes" if i.disagreement else "no", *(rounded(p) for p in i.percents))
            for i in result.items
        ),
    )  # fmt: skip


# CSV is for spreadsheets: every renderer writes every row, whatever the options.


class CsvReport(ReportRenderer[str]):
    """``svccheck score -f csv``: the item table of the report's view, every column for
    programs (each feature's after the item's)."""

    def render(self, report: Report, options: ReportOptions) -> str:
        """The report as CSV, one row per item in rubric order, then one per answer to an item
        the rubric edition no longer has (section empty, never scored)."""
        from svccheck.render.view.report import report_view

        return table(*report_view(report, options).items.programs())


class CsvComparison(ComparisonRenderer[str]):
    """``svccheck diff -f csv``."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as CSV; when both audits have importance, both importances on every
        row; with a plan, four plan columns after them."""
        text = _comparison(comparison)
        moved = comparison.importance_changes()
        if moved is not None:
            from svccheck.render.importance_views import with_change_columns

            text = with_change_columns(text, moved)
        if options.plan is not None:
            from svccheck.render.progress_views import with_plan_columns

            return with_plan_columns(text, options.plan, item_column=0)
        return text


class CsvTrend(TrendRenderer[str]):
    """``svccheck trend -f csv``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as CSV."""
        return _trend(trend, options.plan)


class CsvCombined(CombinedRenderer[str]):
    """``svccheck combine -f csv``."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as CSV."""
        return _combined(combined)


RENDERERS = FormatRenderers(
    report=CsvReport(),
    comparison=CsvComparison(),
    trend=CsvTrend(),
    combined=CsvCombined(),
    plan=CsvPlan(),
    wrap=PlainText,
)
