"""The workbook format (``-f xlsx``, or ``-o FILE.xlsx``): every report kind's renderer, bundled.

``score``, ``diff`` and ``combine`` write their view model as a workbook
(:mod:`svccheck.render.xlsx_report`). ``trend`` and ``plan`` have none:
:func:`svccheck.render.dispatch.chosen_format` refuses them before anything is read, and their
renderers here refuse too, should anything reach them.

openpyxl is imported only when a workbook is written (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

from svccheck.render.interface import (
    CombinedOptions,
    CombinedRenderer,
    ComparisonOptions,
    ComparisonRenderer,
    FormatRenderers,
    PlanOptions,
    PlanRenderer,
    ReportOptions,
    ReportRenderer,
    TrendOptions,
    TrendRenderer,
    Workbook,
)

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend


def _refused(command: str) -> NoReturn:
    from svccheck.render.xlsx_report import refuse

    refuse(f"svccheck {command}")


class XlsxReport(ReportRenderer[bytes]):
    """``svccheck score -o report.xlsx``: Items, Sections and Summary sheets."""

    def render(self, report: Report, options: ReportOptions) -> bytes:
        """The report's view as a workbook (every item; ``top`` and ``show_all`` change
        nothing)."""
        from svccheck.render.view.report import report_view
        from svccheck.render.xlsx_report import workbook

        return workbook(report_view(report, options))


class XlsxComparison(ComparisonRenderer[bytes]):
    """``svccheck diff -o diff.xlsx``: Items, Sections and Summary sheets."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> bytes:
        """The comparison's view as a workbook (every item)."""
        from svccheck.render.view.comparison import comparison_view
        from svccheck.render.xlsx_report import diff_workbook

        return diff_workbook(comparison_view(comparison, options))


class XlsxTrend(TrendRenderer[bytes]):
    def render(self, trend: Trend, options: TrendOptions) -> bytes:
        _refused("trend")


class XlsxCombined(CombinedRenderer[bytes]):
    """``svccheck combine -o combined.xlsx``: Items, Groups and Summary sheets."""

    def render(self, combined: Combined, options: CombinedOptions) -> bytes:
        """The combined view as a workbook (every item)."""
        from svccheck.render.view.combined import combined_view
        from svccheck.render.xlsx_report import combined_workbook

        return combined_workbook(combined_view(combined, options))


class XlsxPlan(PlanRenderer[bytes]):
    def render(self, planned: Planned, options: PlanOptions) -> bytes:
        _refused("plan")


RENDERERS: FormatRenderers[bytes] = FormatRenderers(
    report=XlsxReport(),
    comparison=XlsxComparison(),
    trend=XlsxTrend(),
    combined=XlsxCombined(),
    plan=XlsxPlan(),
    wrap=Workbook,
)
