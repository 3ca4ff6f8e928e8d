"""HTML output: one self-contained page per report, for people who do not use a terminal.

Pages are rendered by Jinja2 with autoescaping on for every template, so every text from a file
is escaped by construction: a note holding ``<script>`` shows as text. Before that, text from
files was made safe to show like in every format for people (:mod:`svccheck.render.shown`:
control and bidirectional characters as visible escapes).

Jinja2 is imported on first use, never at start-up: the other formats do not pay for it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from svccheck.render.common import (
    ALPHA_GUIDE,
    alpha_reading,
    alpha_text,
    answer_text,
    labelled_answer,
    number,
    periods_text,
    points,
    scale_answer,
    scale_gap,
    share,
)
from svccheck.render.html_charts import delta_label
from svccheck.render.interface import (
    CombinedOptions,
    CombinedRenderer,
    ComparisonOptions,
    ComparisonRenderer,
    FormatRenderers,
    PlainText,
    PlanOptions,
    PlanRenderer,
    ReportOptions,
    ReportRenderer,
    TrendOptions,
    TrendRenderer,
)

if TYPE_CHECKING:
    from jinja2 import Environment

    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend
    from svccheck.render.view.model import IpaChart


def _shown(value: Any) -> Any:
    """Jinja's ``finalize``: nothing (None) prints as nothing, not as "None"."""
    return "" if value is None else value


def _ipa_chart(chart: IpaChart) -> Any:
    """The geometry of a view's importance-performance chart, imported only when drawn."""
    from svccheck.render.html_ipa import chart as geometry

    return geometry(chart.title, chart.ipa)


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def _direction(value: float | None) -> str:
    """The CSS class of a change; the arrow in the text already says the direction."""
    if value is None or abs(value) < 0.05:
        return ""
    return "up" if value > 0 else "down"


FILTERS = {
    "n": lambda value: f"{value:.1f}",
    "num": number,
    "pts": points,
    "signed": _signed,
    "arrow": delta_label,
    "direction": _direction,
    "answer": answer_text,
    # An answer, or a percent of the scale, as people read it: {{ answer|labelled(rubric) }}.
    "labelled": lambda answer, rubric: labelled_answer(rubric, answer),
    "scale": lambda percent, rubric: scale_answer(rubric, percent),
    "gap": lambda percents, rubric: scale_gap(rubric, percents),
    "share": share,
    "alpha": alpha_text,
    "reading": alpha_reading,
    "ipa_chart": _ipa_chart,
    "kind": lambda block: type(block).__name__,  # a view model's kind of block
}


@cache
def environment() -> Environment:
    """The template environment: package templates, autoescaping everywhere, strict undefined
    (a misspelt name in a template fails the tests instead of printing nothing)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("svccheck.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(alpha_guide=ALPHA_GUIDE, periods_text=periods_text)
    return env


def page(template: str, context: dict[str, Any]) -> str:
    """One page from its template."""
    return environment().get_template(template).render(**context)


class HtmlReport(ReportRenderer[str]):
    """``svccheck score -f html``: summary, charts, sections, the ``top`` actions in full."""

    def render(self, report: Report, options: ReportOptions) -> str:
        """The report as an HTML page."""
        from svccheck.render.html_views import report_context
        from svccheck.render.view.report import report_view

        return page("report.html.j2", report_context(report_view(report, options), options.top))


class HtmlComparison(ComparisonRenderer[str]):
    """``svccheck diff -f html``: ``show_all`` adds the unchanged items."""

    def render(self, comparison: Comparison, options: ComparisonOptions) -> str:
        """The comparison as an HTML page."""
        from svccheck.render.html_views import comparison_context
        from svccheck.render.view.comparison import comparison_view

        return page("comparison.html.j2", comparison_context(comparison_view(comparison, options)))


class HtmlTrend(TrendRenderer[str]):
    """``svccheck trend -f html``."""

    def render(self, trend: Trend, options: TrendOptions) -> str:
        """The trend as an HTML page."""
        from svccheck.render.html_views import trend_context
        from svccheck.render.view.trend import trend_view

        return page("trend.html.j2", trend_context(trend_view(trend, options)))


class HtmlCombined(CombinedRenderer[str]):
    """``svccheck combine -f html``: the ``top`` consensus actions."""

    def render(self, combined: Combined, options: CombinedOptions) -> str:
        """The combined audits as an HTML page."""
        from svccheck.render.html_views import combined_context
        from svccheck.render.view.combined import combined_view

        context = combined_context(combined_view(combined, options), options.top)
        return page("combined.html.j2", context)


class HtmlPlan(PlanRenderer[str]):
    """``svccheck plan -f html``: the roadmap for people who do not read YAML."""

    def render(self, planned: Planned, options: PlanOptions) -> str:
        """The plan as an HTML page."""
        from svccheck.render.html_views import plan_context
        from svccheck.render.view.plan import plan_view

        return page("plan.html.j2", plan_context(plan_view(planned, options)))


RENDERERS = FormatRenderers(
    report=HtmlReport(),
    comparison=HtmlComparison(),
    trend=HtmlTrend(),
    combined=HtmlCombined(),
    plan=HtmlPlan(),
    wrap=PlainText,
)
