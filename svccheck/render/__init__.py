"""Renderers: one module per output format, chosen through :class:`Format`."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """The output formats every reporting command offers."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
