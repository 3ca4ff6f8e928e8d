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
    from svccheck.render import csv_out, json_out, markdown_out, table_report

    if fmt is Format.json:
        return json_out.report(scored)
    if fmt is Format.markdown:
        return markdown_out.report(scored, top)
    if fmt is Format.csv:
        return csv_out.report(scored)
    return table_report.render(scored, top)
