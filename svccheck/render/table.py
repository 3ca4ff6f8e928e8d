"""The terminal table view of every report kind, bundled (the views live in ``table_*.py``).

Each view's module is imported when that report kind is first rendered: a ``score`` starts
without the views of ``diff``, ``trend``, ``combine`` and ``plan`` (and theirs without the
others').

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import RenderableType

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
    RichView,
    TrendOptions,
    TrendRenderer,
)

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend


class _Report(ReportRenderer[RenderableType]):
    def render(self, report: Report, options: ReportOptions) -> RenderableType:
        from svccheck.render.table_report import TableReport

        return TableReport().render(report, options)


class _Comparison(ComparisonRenderer[RenderableType]):
    def render(self, comparison: Comparison, options: ComparisonOptions) -> RenderableType:
        from svccheck.render.table_compare import TableComparison

        return TableComparison().render(comparison, options)


class _Trend(TrendRenderer[RenderableType]):
    def render(self, trend: Trend, options: TrendOptions) -> RenderableType:
        from svccheck.render.table_trend import TableTrend

        return TableTrend().render(trend, options)


class _Combined(CombinedRenderer[RenderableType]):
    def render(self, combined: Combined, options: CombinedOptions) -> RenderableType:
        from svccheck.render.table_combine import TableCombined

        return TableCombined().render(combined, options)


class _Plan(PlanRenderer[RenderableType]):
    def render(self, planned: Planned, options: PlanOptions) -> RenderableType:
        from svccheck.render.plan_table import TablePlan

        return TablePlan().render(planned, options)


RENDERERS: FormatRenderers[RenderableType] = FormatRenderers(
    report=_Report(),
    comparison=_Comparison(),
    trend=_Trend(),
    combined=_Combined(),
    plan=_Plan(),
    wrap=RichView,
)
