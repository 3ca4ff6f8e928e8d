"""Renderers: one module per output format, chosen through :class:`Format`."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from svccheck.combine import Combined
    from svccheck.compare import Comparison
    from svccheck.scoring import Report
    from svccheck.trend import Trend


class Format(StrEnum):
    """The output formats every reporting command offers."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


# The module that renders each format; every one offers report(), comparison() and trend()
# with the same parameters. Modules are imported on use: each costs start-up time.
_MODULES = {Format.json: "json_out", Format.markdown: "markdown_out", Format.csv: "csv_out"}


def _renderer(fmt: Format, kind: str, table_module: str) -> Callable[..., str | RenderableType]:
    from importlib import import_module

    module = import_module(f"svccheck.render.{_MODULES.get(fmt, table_module)}")
    function: Callable[..., str | RenderableType] = getattr(module, kind)
    return function


def report(scored: Report, fmt: Format, top: int) -> str | RenderableType:
    """Render a scored audit; ``top`` limits the table and Markdown views."""
    return _renderer(fmt, "report", "table_report")(scored, top)


def comparison(result: Comparison, fmt: Format, show_all: bool) -> str | RenderableType:
    """Render a diff of two audits; ``show_all`` adds unchanged items to the table view."""
    return _renderer(fmt, "comparison", "table_compare")(result, show_all)


def trend(result: Trend, fmt: Format) -> str | RenderableType:
    """Render a trend over many audits."""
    return _renderer(fmt, "trend", "table_compare")(result)


def combined(result: Combined, fmt: Format, top: int) -> str | RenderableType:
    """Render combined audits; ``top`` limits the actions in the table and Markdown views."""
    return _renderer(fmt, "combined", "table_combine")(result, top)
