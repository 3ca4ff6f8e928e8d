"""The terminal table view of every report kind, bundled (the views live in ``table_*.py``)."""

from __future__ import annotations

from rich.console import RenderableType

from svccheck.render.interface import FormatRenderers, RichView
from svccheck.render.plan_table import TablePlan
from svccheck.render.table_combine import TableCombined
from svccheck.render.table_compare import TableComparison
from svccheck.render.table_report import TableReport
from svccheck.render.table_trend import TableTrend

RENDERERS: FormatRenderers[RenderableType] = FormatRenderers(
    report=TableReport(),
    comparison=TableComparison(),
    trend=TableTrend(),
    combined=TableCombined(),
    plan=TablePlan(),
    wrap=RichView,
)
