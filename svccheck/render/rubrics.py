"""Rich views of rubrics themselves: the list of available rubrics and one rubric in detail."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.core.sanitize import identifier
from svccheck.engine.scoring import item_shares
from svccheck.render.shown import shown

if TYPE_CHECKING:
    from svccheck.model.rubric import Item, Rubric, Section


def rubric_list(rubrics: Sequence[Rubric]) -> RenderableType:
    """A table of rubrics: id, title, sections, items, and their origin (``rubrics show`` has
    the rest). The origin is a column only when the rubrics differ in it; when they are all
    built-in, the title says so once instead of six times, and the titles have the width."""
    rubrics = shown(tuple(rubrics))
    origins = {rubric.origin.short() for rubric in rubrics}
    common = f" (all {next(iter(origins))})" if len(origins) == 1 else ""
    table = Table(title=f"Available rubrics{common}", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("sections", justify="right", no_wrap=True)
    table.add_column("items", justify="right", no_wrap=True)
    if not common:
        table.add_column("origin")
    for rubric in rubrics:
        origin = [] if common else [Text(rubric.origin.short())]
        table.add_row(
            Text(rubric.id, style="bold"),
            Text(rubric.title),
            str(len(rubric.sections)),
            str(rubric.item_count()),
            *origin,
        )
    return table


def _number(value: float) -> str:
    return f"{value:g}"


def _section_table(section: Section, shares: Mapping[str, float]) -> Table:
    """One section's items: id, title, weight and share of the overall score."""
    weight = f", weight {_number(section.weight)}" if section.weight is not None else ""
    table = Table(
        # A Text, not a str: Rich would parse a str title as markup (and fail on "[/]").
        title=Text(f"{section.title} ({section.id}{weight})"),
        title_justify="left",
        expand=False,
    )
    table.add_column("item", no_wrap=True)
    table.add_column("title")
    table.add_column("weight", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    for item in section.items:
        table.add_row(
            Text(item.id), Text(item.title), _number(item.weight),
            f"{shares[item.id] * 100:.1f}%",
        )  # fmt: skip
    return table


def rubric_detail(rubric: Rubric) -> RenderableType:
    """One rubric as an overview: header, sources by title, scale, levels, the scoring rule and
    sampling, and every section with its items, their weights and each item's share of the
    overall score when every item is answered. An item's levels, criteria and sources are in
    :func:`item_detail`: in one table they made ``service-excellence`` 852 lines long."""
    rubric = shown(rubric)
    header = Text()
    header.append(rubric.title, style="bold")
    header.append(f"  ({rubric.id}, version {rubric.version})\n")
    header.append(rubric.description + "\n")
    header.append("Sources:", style="bold")
    for source in rubric.sources:
        header.append(f"\n  {rubric.titled(source)}")
    header.append(f"\nFile: {rubric.path} ({rubric.origin.describe(rubric.path)})\n")
    scale = ", ".join(f"{point} {rubric.scale.label(point)}" for point in rubric.scale.points())
    header.append(f"Scale: {scale}\n")
    levels = ", ".join(f"{level.name} ≥ {_number(level.min)}%" for level in rubric.levels)
    header.append(f"Levels: {levels}\nTarget: {_number(rubric.target)}%")
    weighted = rubric.sections[0].weight is not None
    header.append(
        "\nWeights: sections weigh as declared, items within their section"
        if weighted
        else "\nWeights: every item counts by its own weight, whatever its section"
    )
    shares = item_shares(rubric)
    parts: list[RenderableType] = [header, Text(""), *_rules(rubric)]
    parts += [_section_table(section, shares) for section in rubric.sections]
    parts.append(
        Text(
            f"An item in full (levels, criteria, sources): svccheck rubrics show {rubric.id} ITEM",
            style="dim",
        )
    )
    return Group(*parts)


def _rules(rubric: Rubric) -> list[RenderableType]:
    """The rubric's scoring rule and sampling rules under their headings (text already shown)."""
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for heading, text in (("Scoring rule", rubric.scoring_rule), ("Sampling", rubric.sampling)):
        if text:
            parts += [Text(heading, style="bold cyan"), Padding(Text(text), (0, 0, 1, 2))]
    return parts


def item_detail(rubric: Rubric, item_id: str) -> RenderableType:
    """One item in full, as ``rubrics show ID ITEM`` prints it: question, every level, the
    scoring rule, actions and source. An unknown id is a usage error naming the closest."""
    from rich.padding import Padding

    from svccheck.core.errors import UsageError, did_you_mean

    found = [(section, item) for section, item in rubric.items() if item.id == item_id]
    if not found:
        hint = did_you_mean(item_id, rubric.item_ids())
        raise UsageError(f"rubric {rubric.id!r} has no item {identifier(item_id)!r}{hint}")
    rubric, (section, item) = shown((rubric, found[0]))
    heading = Text(item.title, style="bold")
    heading.append(f"  ({item.id}, section: {section.title})", style="dim")
    parts: list[RenderableType] = [
        heading,
        Padding(Text(item.question), (0, 0, 1, 2)),
        Text("What each level looks like", style="bold cyan"),
        Padding(_levels(rubric, item), (0, 0, 1, 2)),
    ]
    actions = Text("\n".join(f"• {action}" for action in item.actions))
    parts += _rules(rubric)
    parts += [
        Text("Actions", style="bold cyan"),
        Padding(actions, (0, 0, 1, 2)),
        Text("Source: ", style="bold").append(rubric.titled(item.source), style=""),
    ]
    return Group(*parts)


def _levels(rubric: Rubric, item: Item) -> RenderableType:
    """Each level's picture, then its criteria with the keys an audit ticks them under, each
    criterion wrapped under its own text rather than under its box."""
    keys = {id(criterion): key for key, criterion in item.criterion_keys.items()}
    shown_levels: list[RenderableType] = []
    for point, text in item.guidance.levels:
        label = Text(f"{point} {rubric.scale.label(point)}: ", style="bold")
        shown_levels.append(label.append(text))
        criteria = Table.grid(padding=(0, 1))
        criteria.add_column(no_wrap=True)
        criteria.add_column()
        for criterion in item.criteria_at(point):
            criteria.add_row("  ☐", Text(f"[{keys[id(criterion)]}] {criterion.described}"))
        if criteria.row_count:
            shown_levels.append(criteria)
    return Group(*shown_levels)
