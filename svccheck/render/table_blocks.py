"""The terminal's way with every block of a view model: a part, a table, a list, a line.

Every view built from a view model (:mod:`svccheck.render.view.model`) is laid out here, so a
feature's figures, columns and parts reach the terminal without this module knowing them.
"""

from __future__ import annotations

from itertools import groupby
from typing import assert_never

from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from svccheck.render.view.model import (
    Block,
    Cell,
    Checklist,
    Figure,
    Listing,
    Note,
    Paragraph,
    Part,
    Table,
    Tone,
    Topic,
)

STYLES = {
    Tone.PLAIN: "",
    Tone.MUTED: "dim",
    Tone.WARNING: "yellow",
    Tone.GOOD: "green",
    Tone.BAD: "red",
}


def figure_line(figure: Figure) -> Text:
    """``Confidence: 67% (2 of 3 scores of 4 or more have evidence)``; a figure with an
    abbreviation introduces it: ``Confidence (conf.): …``."""
    label = f"{figure.label} ({figure.short})" if figure.short else figure.label
    text = Text(f"{label}: ", style="bold")
    text.append(f"{figure.value} ({figure.detail})" if figure.detail else figure.value)
    return text


def note_line(note: Note) -> Text:
    """``Unsupported claims (new): celebrate-and-recognize (4 Managed)``."""
    text = Text(f"{note.label}: ", style="bold")
    text.append(note.text, style=STYLES[note.tone])
    return text


def closing_figures(figures: tuple[Figure, ...]) -> str:
    """The figures a closing headline repeats: ``  confidence: 67%``."""
    return "".join(f"  {f.label.lower()}: {f.value}" for f in figures if f.closing)


def paragraph(block: Paragraph) -> Text:
    """A line in its tone."""
    return Text(block.text, style=STYLES[block.tone])


def listing(block: Listing) -> Text:
    """``Heading (2):`` and an indented line per entry (``id: text``); entries without text on
    one line after the heading, comma-separated. Without a heading, the entries alone."""
    text = Text(f"{block.heading}:", style="bold") if block.heading else Text()
    if block.heading and all(not entry.text for entry in block.entries):
        text.append(" " + ", ".join(entry.id or entry.title for entry in block.entries))
        return text
    lines = []
    for entry in block.entries:
        name = entry.id or entry.title
        lines.append(f"  {name}: {entry.text}" if name else f"  {entry.text}")
    text.append(("\n" if block.heading else "") + "\n".join(lines))
    return text


def table(block: Table) -> RenderableType:
    """A Rich table of the columns for people; a grouping column becomes bold headings with a
    count, and a chart is drawn above the table as text."""
    columns, rows = block.people()
    group = None
    if block.group is not None:
        group = [c for c in block.columns if c.for_people].index(block.columns[block.group])
    shown = RichTable(title=block.title or None, title_justify="left",
                      caption=block.caption or None, caption_justify="left")  # fmt: skip
    for index, column in enumerate(columns):
        if index != group:
            shown.add_column(
                column.short or column.heading.lower(),
                justify="right" if column.numeric else "left",
                no_wrap=column.numeric or column.whole,
                overflow="fold",
            )
    width = len(columns) - (group is not None)
    marked = list(zip(rows, block.totals(), strict=True))

    def heading(pair: tuple[tuple[Cell, ...], bool]) -> str | None:
        return None if group is None else pair[0][group].text

    for key, run in groupby(marked, key=heading):
        members = list(run)
        if key is not None:
            shown.add_row(Text(f"{key} ({len(members)})", style="bold"), *[""] * (width - 1))
        for row, total in members:
            cells = [c for index, c in enumerate(row) if index != group]
            style = "bold" if total else None
            shown.add_row(*(Text(c.text, style=STYLES[c.tone]) for c in cells), style=style)
    if block.chart is None:
        return shown
    # Imported for a chart only (importance): the module was 0.14 ms of every table report.
    from svccheck.render.ipa_text import scatter

    return Group(Text("\n".join(["", *scatter(block.chart.ipa)])), shown)


def checklist(block: Checklist) -> Text:
    """A box before each thing to tick off."""
    return Text("\n".join(f"☐ {entry}" for entry in block.entries))


def topic(block: Topic) -> RenderableType:
    """A blank line, the heading in bold, and the topic's blocks."""
    return Group(Text(""), Text(block.heading, style="bold"), *(one(b) for b in block.blocks))


def one(shown: Paragraph | Listing | Table | Checklist) -> RenderableType:
    """One block of a topic, by its kind."""
    match shown:
        case Paragraph():
            return paragraph(shown)
        case Listing():
            return listing(shown)
        case Table():
            return table(shown)
        case Checklist():
            return checklist(shown)
        case _:
            assert_never(shown)


def block(shown: Block) -> RenderableType:
    """One block, by its kind."""
    match shown:
        case Paragraph() | Listing() | Table() | Checklist():
            return one(shown)
        case Topic():
            return topic(shown)
        case _:
            assert_never(shown)


def part(shown: Part) -> RenderableType:
    """A blank line, the part's heading in bold, and its blocks."""
    return Group(Text(""), Text(shown.heading, style="bold"), *(block(b) for b in shown.blocks))
