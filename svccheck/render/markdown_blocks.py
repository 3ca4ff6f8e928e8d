"""Markdown's way with every block of a view model: a part, a table, a list, a line.

Every text passes :func:`~svccheck.render.markdown_table.cell` here, once: the view model holds
text, never markup. Charts are pictures of a table's rows; Markdown has the table.
"""

from __future__ import annotations

from typing import assert_never

from svccheck.render.markdown_table import cell
from svccheck.render.view.model import (
    Block,
    Checklist,
    Entry,
    Figure,
    Listing,
    Note,
    Paragraph,
    Part,
    Table,
    Tone,
    Topic,
)


def figure_line(figure: Figure) -> str:
    """``- **Confidence:** 67% (2 of 3 scores of 4 or more have evidence)``."""
    value = f"{figure.value} ({figure.detail})" if figure.detail else figure.value
    return f"- **{cell(figure.label)}:** {cell(value)}"


def note_line(note: Note) -> str:
    """``- **Unsupported claims (new):** celebrate-and-recognize (4 Managed)``."""
    return f"- **{cell(note.label)}:** {cell(note.text)}"


def paragraph(block: Paragraph) -> list[str]:
    """A line, in bold when it warns."""
    text = cell(block.text)
    return [f"**{text}**" if block.tone is Tone.WARNING else text, ""]


def _entry(entry: Entry) -> str:
    name = f"{cell(entry.title)} ({cell(entry.id)})" if entry.title and entry.id else ""
    name = name or cell(entry.title or entry.id)
    return f"- {name}: {cell(entry.text)}" if entry.text else f"- {name}"


def listing(block: Listing) -> list[str]:
    """A ``###`` heading (when it has one) and a bullet per entry (``Title (id): text``)."""
    heading = [f"### {cell(block.heading)}", ""] if block.heading else []
    return [*heading, *(_entry(entry) for entry in block.entries), ""]


def table(block: Table) -> list[str]:
    """The columns for people; figures right-aligned; the title as a heading, the caption in
    italics under the table."""
    columns, rows = block.people()
    lines = [f"### {cell(block.title)}", ""] if block.title else []
    lines += [
        "| " + " | ".join(cell(column.heading) for column in columns) + " |",
        "|" + "".join("---:|" if column.numeric else "---|" for column in columns),
    ]
    for row, total in zip(rows, block.totals(), strict=True):
        texts = [cell(c.text) for c in row]
        if total and texts:  # a total row is named in bold
            texts[0] = f"**{texts[0]}**"
        lines.append("| " + " | ".join(texts) + " |")
    lines.append("")
    if block.caption:
        lines += [f"_{cell(block.caption)}_", ""]
    return lines


def checklist(block: Checklist) -> list[str]:
    """A Markdown task list: a box to tick before each entry."""
    return [*(f"- [ ] {cell(entry)}" for entry in block.entries), ""]


def topic(shown: Topic) -> list[str]:
    """A ``###`` heading and the topic's blocks."""
    lines = [f"### {cell(shown.heading)}", ""]
    for each in shown.blocks:
        lines += block(each)
    return lines


def block(shown: Block) -> list[str]:
    """One block, by its kind."""
    match shown:
        case Paragraph():
            return paragraph(shown)
        case Listing():
            return listing(shown)
        case Table():
            return table(shown)
        case Checklist():
            return checklist(shown)
        case Topic():
            return topic(shown)
        case _:
            assert_never(shown)


def part(shown: Part) -> list[str]:
    """A ``##`` heading and the part's blocks."""
    lines = [f"## {cell(shown.heading)}", ""]
    for each in shown.blocks:
        lines += block(each)
    return lines
