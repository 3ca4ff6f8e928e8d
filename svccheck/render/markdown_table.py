"""Markdown tables: cells made safe, and the table layout every Markdown view uses."""

from __future__ import annotations

from collections.abc import Iterable


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no pipes or line breaks, markup escaped.

    Text from files arrives already made safe to show (:mod:`svccheck.render.shown`).
    """
    value = " ".join(str(text).split())
    for character in "\\|*_`[]<>":
        value = value.replace(character, f"\\{character}")
    return value


def table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    """A Markdown table: the first column left-aligned, the others (figures) right-aligned.

    Cells are used as given: pass text from files through :func:`cell` first.
    """
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]
