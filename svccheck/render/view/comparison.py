"""The view model of a comparison of two audits (``svccheck diff``), built once for every format.

:func:`comparison_view` turns the engine's :class:`~svccheck.engine.compare.Comparison` into a
:class:`DiffView`: both audits' header, overall, level and coverage, the sections, the items that
changed (and, for the table's ``--all``, those that did not), the item table for programs, and
what each feature in :data:`FEATURES` adds (:class:`~svccheck.render.view.model.DiffContribution`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.engine.compare import Status
from svccheck.render.common import labelled_answer, rounded, rubric_label, steps, transition
from svccheck.render.view import evidence
from svccheck.render.view.model import (
    Cell,
    Column,
    DiffContribution,
    Figure,
    Note,
    Part,
    Row,
    Table,
    Tone,
)
from svccheck.render.view.sections import SectionView, section_view

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison, ItemChange
    from svccheck.engine.results import Report
    from svccheck.render.interface import ComparisonOptions


def _importance(comparison: Comparison, options: ComparisonOptions) -> DiffContribution:
    """Importance's contribution; its module is imported for audits with importance only."""
    # As for a report: importing it was part of 1.5 ms of every other diff's start-up.
    if comparison.importance_changes() is None:
        return DiffContribution()
    from svccheck.render.view import importance

    return importance.comparison(comparison, options)


def _progress(comparison: Comparison, options: ComparisonOptions) -> DiffContribution:
    """A plan's contribution; its module is imported with ``--plan`` only (as importance's)."""
    if options.plan is None:
        return DiffContribution()
    from svccheck.render.view import progress

    return progress.comparison(comparison, options)


# Every feature a diff can have, in the order its figures, columns and parts appear.
FEATURES: tuple[Callable[[Comparison, ComparisonOptions], DiffContribution], ...] = (
    evidence.comparison,
    _importance,
    _progress,
)

COLUMNS = tuple(
    Column(key)
    for key in ("item", "section", "title", "old_answer", "new_answer", "old", "new", "delta",
                "status")
)  # fmt: skip


@record
class SideView:
    """One of the two audits: what it is, its overall, level and coverage, and why its result
    is provisional, when it is."""

    name: str  # its period, or "old" / "new"
    source: str
    description: str  # period · assessor · unit · file
    overall: float | None
    level: str | None
    coverage: float
    coverage_detail: str  # 16 of 18 items answered
    provisional: str | None


@record
class SectionChangeView:
    """One section's old and new score and the change."""

    title: str
    old: float | None
    new: float | None
    delta: float | None


@record
class ChangeView:
    """One item as people read its change: its answers with their scale labels, the change in
    scale steps with an arrow (``▲ +2 steps``, ``tone`` its colour), the same without the arrow
    (``+2 steps``, ``newly answered``), and ``direction``: up, down or neither."""

    id: str
    title: str
    old: str
    new: str
    change: str
    moved: str
    tone: Tone
    direction: str


@record
class DiffView:
    """Everything a format shows of a comparison."""

    organization: str  # the new audit's, or "Service audit"
    unit: str  # the new audit's unit (or organization), which the closing headline names
    rubric: str  # Title (id)
    target: float  # the new rubric's
    old: SideView
    new: SideView
    overall_delta: float | None
    versions: tuple[int, int] | None  # the rubric versions, when they differ
    sections: tuple[SectionChangeView, ...]
    weakest: tuple[SectionView, ...]  # the new audit's three weakest sections
    changed: tuple[ChangeView, ...]
    transitions: tuple[ChangeView, ...]  # answered differently, no score change
    unchanged: tuple[ChangeView, ...]
    figures: tuple[Figure, ...]  # the features' headline figures
    notes: tuple[Note, ...]  # the features' lines under them
    items: Table  # every item, for programs (the CSV)
    parts: tuple[Part, ...]  # the features', after the items
    closing_parts: tuple[Part, ...]  # the features', at the end


def _side(report: Report, fallback: str) -> SideView:
    header = report.header
    parts = [header.period or "no period", header.assessor or "", header.unit or ""]
    provisional = None
    if report.provisional:
        provisional = (
            f"{report.coverage * 100:.0f}% of items answered, below the "
            f"{report.min_coverage * 100:.0f}% minimum."
        )
    total = report.rubric.item_count()
    return SideView(
        name=header.period or fallback,
        source=header.source,
        description=" · ".join(part for part in [*parts, header.source] if part),
        overall=report.overall,
        level=report.level,
        coverage=report.coverage,
        coverage_detail=f"{round(report.coverage * total)} of {total} items answered",
        provisional=provisional,
    )


def _change(result: Comparison, change: ItemChange) -> ChangeView:
    rubric = result.new.rubric
    c = change
    moved, tone, direction = transition(c), Tone.WARNING, ""
    if c.status is Status.IMPROVED:
        moved, tone, direction = steps(rubric, c.delta), Tone.GOOD, "up"
    elif c.status is Status.DECLINED:
        moved, tone, direction = steps(rubric, c.delta), Tone.BAD, "down"
    elif c.status is Status.UNCHANGED:  # n/a both times has no steps to count
        moved, tone = ("0 steps" if c.delta is not None else ""), Tone.MUTED
    arrow = {"up": "▲ ", "down": "▼ "}.get(direction, "= " if tone is Tone.MUTED else "")
    old, new = labelled_answer(rubric, c.old_answer), labelled_answer(rubric, c.new_answer)
    shown = f"{arrow}{moved}".strip()
    return ChangeView(c.id, c.title, old, new, shown, moved, tone, direction)


def _items(result: Comparison, added: tuple[DiffContribution, ...]) -> Table:
    """Every item with its answers, percents, change and status, then the features' columns."""
    rows = tuple(
        Row((
            *(Cell(v) for v in (c.id, c.section, c.title, c.old_answer, c.new_answer)),
            *(Cell(rounded(v)) for v in (c.old, c.new, c.delta)),
            Cell(c.status),
            *(cell for feature in added for cell in feature.cells_of(c.id)),
        ))
        for c in result.items
    )  # fmt: skip
    return Table((*COLUMNS, *(column for c in added for column in c.columns)), rows)


def comparison_view(result: Comparison, options: ComparisonOptions) -> DiffView:
    """The view of a comparison, with every feature it has."""
    added = tuple(feature(result, options) for feature in FEATURES)
    old, new = result.old, result.new

    def changes(found: tuple[ItemChange, ...]) -> tuple[ChangeView, ...]:
        return tuple(_change(result, c) for c in found)

    return DiffView(
        organization=new.header.organization or "Service audit",
        unit=new.header.unit or new.header.organization or "",
        rubric=rubric_label(new.rubric),
        target=new.rubric.target,
        old=_side(old, "old"),
        new=_side(new, "new"),
        overall_delta=result.overall_delta,
        versions=(old.rubric.version, new.rubric.version) if result.versions_differ else None,
        sections=tuple(SectionChangeView(s.title, s.old, s.new, s.delta) for s in result.sections),
        weakest=tuple(section_view(s) for s in new.weakest[:3]),
        changed=changes(result.changed()),
        transitions=changes(result.transitions()),
        unchanged=changes(result.unchanged()) if options.show_all else (),
        figures=tuple(figure for c in added for figure in c.figures),
        notes=tuple(note for c in added for note in c.notes),
        items=_items(result, added),
        parts=tuple(part for c in added for part in c.parts),
        closing_parts=tuple(part for c in added for part in c.closing_parts),
    )
