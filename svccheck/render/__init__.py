"""Renderers: one module per output format, chosen through :class:`Format`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from svccheck.scoring import Report


class Format(StrEnum):
    """The output formats every reporting command offers."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


def report(scored: Report, fmt: Format, top: int) -> str | RenderableType:
    """Render a scored audit in the chosen format."""
    # Import only the renderer asked for: each costs start-up time.
    if fmt is Format.json:
        from svccheck.render import json_out

        return json_out.report(scored)
    if fmt is Format.markdown:
        from svccheck.render import markdown_out

        return markdown_out.report(scored, top)
    if fmt is Format.csv:
        from svccheck.render import csv_out

        return csv_out.report(scored)
    from svccheck.render import table_report

    return table_report.render(scored, top)
