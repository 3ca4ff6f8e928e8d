"""CSV output: one row per item (a trend: per audit and scope), for spreadsheets.

Every report kind writes the table for programs of its view model (the columns with a ``key``),
each feature's columns after the kind's own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.csv_table import table
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
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend


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
    """``svccheck diff -f csv``: the item table of the comparison's view, each feature's
    columns after the item's."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as CSV, one row per item."""
        from svccheck.render.view.comparison import comparison_view

        return table(*comparison_view(comparison, options).items.programs())


class CsvTrend(TrendRenderer[str]):
    """``svccheck trend -f csv``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as CSV in long form: one row per audit and scope (overall, coverage, each
        feature's measure, a section id)."""
        from svccheck.render.view.trend import trend_view

        return table(*trend_view(trend, options).long.programs())


class CsvCombined(CombinedRenderer[str]):
    """``svccheck combine -f csv``."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as CSV: one row per item with the mean, range and every group's
        percent, then each feature's columns."""
        from svccheck.render.view.combined import combined_view

        return table(*combined_view(combined, options).items.programs())


RENDERERS = FormatRenderers(
    report=CsvReport(),
    comparison=CsvComparison(),
    trend=CsvTrend(),
    combined=CsvCombined(),
    plan=CsvPlan(),
    wrap=PlainText,
)
