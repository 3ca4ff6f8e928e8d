"""What a renderer is: one small interface per report kind, their options, and rendered results.

Every output format implements all five interfaces (:class:`ReportRenderer`,
:class:`ComparisonRenderer`, :class:`TrendRenderer`, :class:`CombinedRenderer`,
:class:`PlanRenderer`) and bundles them in a :class:`FormatRenderers`, whose constructor needs all
five: a format that misses one is a type error. :func:`svccheck.render.dispatch.renderers` picks
the bundle for a :class:`~svccheck.render.dispatch.Format` by an exhaustive ``match``, so a format
without a bundle is a type error too.

A renderer returns its natural output (``Out``): text for JSON, Markdown, CSV and HTML, a Rich
renderable for the terminal table, bytes for the workbook. The bundle wraps it in a
:class:`Rendered`, which knows how it is written; :func:`svccheck.core.output.emit` decides
where. Nothing here imports Rich at run time.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from svccheck.core.errors import UsageError
from svccheck.core.output import Rendered
from svccheck.core.record import record

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.progress import Progress, TrendPlan
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend

Out = TypeVar("Out")


# Options: one dataclass per report kind, passed the same way to every format. A format may have
# nothing to leave out (JSON and CSV are always complete); it still takes the same options.


@record
class ReportOptions:
    """``top``: how many actions the table and Markdown views show; ``show_all``: they also list
    every item with its answer and note (JSON and CSV always hold every item); ``plan``: progress
    against an improvement plan, shown as an extra section (``score --plan``)."""

    top: int = 5
    show_all: bool = False
    plan: Progress | None = None


@record
class ComparisonOptions:
    """``show_all``: the table view also lists the items that did not change."""

    show_all: bool = False
    plan: Progress | None = None  # progress against an improvement plan (``diff --plan``)


@record
class TrendOptions:
    """``plan``: an improvement plan's projected overall per period, shown beside the actual one
    for the unit the plan is for (``trend --plan``)."""

    plan: TrendPlan | None = None


@record
class CombinedOptions:
    """``top``: how many consensus actions the table and Markdown views show."""

    top: int = 5


@record
class PlanOptions:
    """No options yet; here so that every report kind is rendered the same way."""


class ReportRenderer(ABC, Generic[Out]):
    """Renders one scored audit (``svccheck score``)."""

    @abstractmethod
    def render(self, report: Report, options: ReportOptions) -> Out:
        """The report in this format."""


class ComparisonRenderer(ABC, Generic[Out]):
    """Renders a comparison of two audits (``svccheck diff``)."""

    @abstractmethod
    def render(self, comparison: Comparison, options: ComparisonOptions) -> Out:
        """The comparison in this format."""


class TrendRenderer(ABC, Generic[Out]):
    """Renders a trend over many audits (``svccheck trend``)."""

    @abstractmethod
    def render(self, trend: Trend, options: TrendOptions) -> Out:
        """The trend in this format."""


class CombinedRenderer(ABC, Generic[Out]):
    """Renders combined audits (``svccheck combine``)."""

    @abstractmethod
    def render(self, combined: Combined, options: CombinedOptions) -> Out:
        """The combined audits in this format."""


class PlanRenderer(ABC, Generic[Out]):
    """Renders an improvement plan (``svccheck plan``)."""

    @abstractmethod
    def render(self, planned: Planned, options: PlanOptions) -> Out:
        """The plan in this format."""


@record
class PlainText(Rendered):
    """Text formats (JSON, Markdown, CSV): written exactly as they are, whatever the target."""

    text: str

    def show(self, stream: TextIO, console: Callable[[], Console]) -> None:
        """Write the text as it is: never through Rich, which would parse markup and wrap."""
        stream.write(self.text)
        stream.flush()

    def plain(self, width: int) -> str:
        """The text itself."""
        return self.text


@record
class RichView(Rendered):
    """The terminal view: coloured on a terminal, plain text laid out in ``width`` columns in a
    file."""

    renderable: RenderableType

    def show(self, stream: TextIO, console: Callable[[], Console]) -> None:
        """Print through Rich (which drops colour when stdout is no terminal or NO_COLOR is set)."""
        console().print(self.renderable)

    def plain(self, width: int) -> str:
        """The view laid out ``width`` columns wide, without colour."""
        from rich.console import Console

        buffer = io.StringIO()
        Console(file=buffer, width=width, color_system=None, highlight=False).print(self.renderable)
        return buffer.getvalue()


@record
class Workbook(Rendered):
    """A workbook's bytes: written to a file only (:func:`~svccheck.render.dispatch.chosen_format`
    refuses ``-f xlsx`` without ``-o FILE.xlsx`` before anything is read)."""

    book: bytes

    def show(self, stream: TextIO, console: Callable[[], Console]) -> None:
        """Refused: a workbook is no text to print."""
        raise UsageError(NOT_ON_STDOUT)

    def plain(self, width: int) -> str:
        """Refused: a workbook has no text form."""
        raise UsageError(NOT_ON_STDOUT)

    def written(self, width: int) -> bytes:
        """The workbook's bytes."""
        return self.book


NOT_ON_STDOUT = "a workbook is written to a file: name one with -o FILE.xlsx (nothing was written)"


@record
class FormatRenderers(Generic[Out]):
    """One format: a renderer for every report kind, and how its output is written."""

    report: ReportRenderer[Out]
    comparison: ComparisonRenderer[Out]
    trend: TrendRenderer[Out]
    combined: CombinedRenderer[Out]
    plan: PlanRenderer[Out]
    wrap: Callable[[Out], Rendered]

    def render_report(self, report: Report, options: ReportOptions) -> Rendered:
        """Render a scored audit."""
        return self.wrap(self.report.render(report, options))

    def render_comparison(self, comparison: Comparison, options: ComparisonOptions) -> Rendered:
        """Render a comparison of two audits."""
        return self.wrap(self.comparison.render(comparison, options))

    def render_trend(self, trend: Trend, options: TrendOptions) -> Rendered:
        """Render a trend."""
        return self.wrap(self.trend.render(trend, options))

    def render_combined(self, combined: Combined, options: CombinedOptions) -> Rendered:
        """Render combined audits."""
        return self.wrap(self.combined.render(combined, options))

    def render_plan(self, planned: Planned, options: PlanOptions) -> Rendered:
        """Render an improvement plan."""
        return self.wrap(self.plan.render(planned, options))
