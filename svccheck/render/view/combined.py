"""The view model of combined audits (``svccheck combine``), built once for every format.

:func:`combined_view` turns the engine's :class:`~svccheck.engine.combine.Combined` into a
:class:`CombinedView`: the groups' mean (as ``score`` shows a report: its weakest sections and
actions), every group's section scores beside the mean and the spread, the items the groups
score far apart, the item table for programs (the CSV), and what each feature in
:data:`FEATURES` adds (:class:`~svccheck.render.view.model.CombinedContribution`): figures,
columns on the groups' table and on the item table, parts after the groups' table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.render.common import (
    mean_label,
    periods_text,
    rounded,
    rubric_label,
    scale_answer,
    scale_gap,
)
from svccheck.render.interface import ReportOptions
from svccheck.render.view import calibration, criteria, evidence
from svccheck.render.view.model import (
    MEAN_KEY,
    Cell,
    Column,
    CombinedContribution,
    Figure,
    Part,
    Row,
    Table,
)
from svccheck.render.view.report import report_view

if TYPE_CHECKING:
    from svccheck.engine.combine import Combined, ItemSpread
    from svccheck.model.rubric import Level
    from svccheck.render.interface import CombinedOptions
    from svccheck.render.view.report import ReportView

# Every feature combined audits can have, in the order their figures, columns and parts appear.
FEATURES: tuple[Callable[[Combined, CombinedOptions], CombinedContribution], ...] = (
    calibration.combined,
    evidence.combined,
    criteria.combined,
)

ITEM_COLUMNS = tuple(
    Column(key) for key in ("item", "section", "title", "mean", "min", "max", "disagreement")
)


@record
class GroupRow:
    """One group's (or the mean's) section scores and overall, and the features' cells."""

    name: str
    scores: tuple[float | None, ...]
    overall: float | None
    cells: tuple[Cell, ...]


@record
class Disagreement:
    """An item the groups score two scale steps or more apart: the lowest and highest answers
    as the scale names them, who gave each, and the gap in scale steps."""

    id: str
    title: str
    low: str
    low_groups: tuple[str, ...]
    high: str
    high_groups: tuple[str, ...]
    gap: str


@record
class CombinedView:
    """Everything a format shows of combined audits."""

    rubric: str  # Title (id)
    rubric_title: str
    by: str  # unit or assessor
    periods: str  # 2026-Q3, or the periods mixed
    files: int
    mean_label: str  # Mean of 3 assessors
    levels: tuple[Level, ...]  # the rubric's, for colours by level
    lookalikes: tuple[tuple[str, ...], ...]  # group names differing only by case, spaces...
    consensus: ReportView  # the mean as score shows it: overall, weakest, actions
    section_titles: tuple[str, ...]
    groups: tuple[GroupRow, ...]
    mean: GroupRow
    spread: tuple[float | None, ...]  # per section, best minus worst group
    group_columns: tuple[Column, ...]  # the features' columns on the groups' table
    disagreements: tuple[Disagreement, ...]
    figures: tuple[Figure, ...]  # the features' headline figures
    parts: tuple[Part, ...]  # the features', after the groups' table
    items: Table  # every item, for programs (the CSV)


def _disagreement(result: Combined, item: ItemSpread) -> Disagreement:
    rubric = result.consensus.rubric
    gap = scale_gap(rubric, (item.high or 0.0) - (item.low or 0.0))
    return Disagreement(item.id, item.title, scale_answer(rubric, item.low), item.low_groups,
                        scale_answer(rubric, item.high), item.high_groups, gap)  # fmt: skip


def _items(result: Combined, added: tuple[CombinedContribution, ...]) -> Table:
    """Every item: the mean, range and every group's percent, then the features' columns."""
    columns = (
        *ITEM_COLUMNS,
        *(Column(group.name) for group in result.groups),
        *(column for c in added for column in c.columns),
    )
    rows = tuple(
        Row((
            *(Cell(v) for v in (i.id, i.section, i.title)),
            *(Cell(rounded(v)) for v in (i.mean, i.low, i.high)),
            Cell("yes" if i.disagreement else "no"),
            *(Cell(rounded(p)) for p in i.percents),
            *(cell for c in added for cell in c.cells_of(i.id)),
        ))
        for i in result.items
    )  # fmt: skip
    return Table(columns, rows)


def combined_view(result: Combined, options: CombinedOptions) -> CombinedView:
    """The view of combined audits, with every feature they have."""
    added = tuple(feature(result, options) for feature in FEATURES)
    consensus = result.consensus
    rubric = consensus.rubric

    def row(
        name: str, key: str, scores: tuple[float | None, ...], overall: float | None
    ) -> GroupRow:
        cells = tuple(cell for c in added for cell in c.group_cells_of(key))
        return GroupRow(name, scores, overall, cells)

    groups = tuple(
        row(g.name, g.name, tuple(s.score for s in g.report.sections), g.report.overall)
        for g in result.groups
    )
    mean = row("mean", MEAN_KEY, tuple(s.score for s in consensus.sections), consensus.overall)
    return CombinedView(
        rubric=rubric_label(rubric),
        rubric_title=rubric.title,
        by=result.by.value,
        periods=periods_text(result.periods),
        files=sum(len(group.sources) for group in result.groups),
        mean_label=mean_label(len(result.groups), result.by),
        levels=rubric.levels,
        lookalikes=result.lookalikes,
        consensus=report_view(consensus, ReportOptions()),
        section_titles=tuple(s.section.title for s in consensus.sections),
        groups=groups,
        mean=mean,
        spread=tuple(result.section_spread(i) for i in range(len(consensus.sections))),
        group_columns=tuple(column for c in added for column in c.group_columns),
        disagreements=tuple(_disagreement(result, i) for i in result.disagreements()),
        figures=tuple(figure for c in added for figure in c.figures),
        parts=tuple(part for c in added for part in c.parts),
        items=_items(result, added),
    )
