"""The view model of one scored audit (``svccheck score``), built once for every format.

:func:`report_view` turns the engine's :class:`~svccheck.engine.results.Report` into a
:class:`ReportView`: the header, the headline, the sections, the actions, the item table (for
people and for programs) and the parts after them. Each feature in :data:`FEATURES` adds its own
figures, columns and parts (:class:`~svccheck.render.view.model.Contribution`); the formats
render the view and never the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.model.header import HEADER_FIELDS
from svccheck.render.common import (
    answer_text,
    gain_legend,
    header_pairs,
    labelled_answer,
    plural,
    points,
    provisional_note,
    titled,
)
from svccheck.render.view import criteria, evidence
from svccheck.render.view.items import item_table
from svccheck.render.view.model import (
    Contribution,
    Entry,
    Fact,
    Figure,
    Listing,
    Paragraph,
    Part,
    Table,
)
from svccheck.render.view.sections import SectionView, section_view

if TYPE_CHECKING:
    from svccheck.engine.results import Report
    from svccheck.model.rubric import Rubric
    from svccheck.render.interface import ReportOptions


def _importance(report: Report, options: ReportOptions) -> Contribution:
    """Importance's contribution; its module is imported for a report with importance only."""
    # With the words it shares with diff's views, importing it was 0.4 ms of every other score.
    if report.importance is None:
        return Contribution()
    from svccheck.render.view import importance

    return importance.contribution(report, options)


def _progress(report: Report, options: ReportOptions) -> Contribution:
    """A plan's contribution; its module is imported with ``--plan`` only (as importance's)."""
    if options.plan is None:
        return Contribution()
    from svccheck.render.view import progress

    return progress.contribution(report, options)


# Every feature a report can have, in the order its figures, columns and parts appear. Adding a
# feature is adding its module here; no format changes.
FEATURES: tuple[Callable[[Report, ReportOptions], Contribution], ...] = (
    evidence.contribution,
    _importance,
    _progress,
    criteria.contribution,
)


@record
class ActionView:
    """One action: the item, what reaching the target gains, the answer now, the note, the
    steps to take, and what features say about it (``priority 2.23, importance 5``)."""

    id: str
    title: str
    gain: str
    now: str
    note: str
    steps: tuple[str, ...]
    words: tuple[str, ...]


@record
class ReportView:
    """Everything a format shows of one scored audit."""

    title: str  # organization: rubric title
    organization: str  # the audit's, or "Service audit"
    subject: str  # what the closing headline names: organization · unit · period
    meta: tuple[tuple[str, str], ...]
    overall: float | None
    level: str | None
    next_level: str
    target: float
    coverage: float
    answered: int
    total: int
    strict: bool
    provisional: str | None  # why the result is provisional, when it is
    figures: tuple[Figure, ...]  # the features' headline figures
    warnings: tuple[str, ...]  # the features' warnings under the headline
    sections: tuple[SectionView, ...]
    weakest: tuple[SectionView, ...]
    actions: tuple[ActionView, ...]
    gain_legend: str  # what ``+4.2 pts`` means
    action_legends: tuple[Paragraph, ...]  # the features' legends above the actions
    items: Table  # every item: the CSV and workbook rows, the ``--all`` table
    parts: tuple[Part, ...]  # after the actions: the features', every item, what is not scored
    facts: tuple[Fact, ...]  # the workbook's Summary


def _next_level(rubric: Rubric, overall: float | None) -> str:
    """How far the next maturity level is, which a director asks first."""
    if overall is None:
        return ""
    above = [level for level in rubric.levels if level.min > overall + 1e-9]
    if not above:
        return "the top level"
    return f"{above[0].min - overall:.1f} pts to {above[0].name}"


def _actions(report: Report, added: tuple[Contribution, ...]) -> tuple[ActionView, ...]:
    return tuple(
        ActionView(
            id=r.item.id,
            title=r.item.title,
            gain=points(r.gain),
            now=labelled_answer(report.rubric, r.answer),
            note=r.note or "",
            steps=r.item.actions,
            words=tuple(
                c.action_words[r.item.id]
                for c in added
                if c.action_words is not None and r.item.id in c.action_words
            ),
        )
        for r in report.actions
    )


def _not_scored(report: Report) -> Part | None:
    """Items marked n/a with their reasons, answers to items this rubric version no longer has,
    and unanswered items; ``None`` when there are none."""
    marked, missing = report.not_applicable(), report.unanswered()
    verb = "count as the lowest score" if report.strict else "are left out of the scores"
    version = report.rubric.version
    listings = [
        Listing(
            f"Marked n/a ({len(marked)})",
            tuple(Entry(r.note or "no reason given", r.item.title, r.item.id) for r in marked),
        ),
        Listing(
            f"Items version {version} no longer has ({len(report.removed)})",
            tuple(
                Entry(answer_text(a.score) + (f" ({a.note})" if a.note else ""), id=a.item_id)
                for a in report.removed
            ),
        ),
        Listing(
            f"{len(missing)} of {plural(len(report.items()), 'item')} unanswered ({verb})",
            tuple(Entry("", r.item.title, r.item.id) for r in missing),
        ),
    ]
    blocks = tuple(listing for listing in listings if listing.entries)
    if not blocks:
        return None
    return Part("open", "Not scored", blocks)


def _facts(report: Report) -> tuple[Fact, ...]:
    header = report.header
    return (
        *(Fact(name, getattr(header, name)) for name in HEADER_FIELDS),
        Fact("rubric", report.rubric.id),
        Fact("rubric_version", report.rubric.version),
        Fact("overall", _rounded(report.overall)),
        Fact("level", report.level),
        Fact("coverage", _rounded(report.coverage)),
        Fact("provisional", report.provisional),
        Fact("min_coverage", _rounded(report.min_coverage)),
    )  # fmt: skip


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def report_view(report: Report, options: ReportOptions) -> ReportView:
    """The view of a scored audit, with every feature it has."""
    added = tuple(feature(report, options) for feature in FEATURES)
    rubric, header = report.rubric, report.header
    items = item_table(report, added)
    every_item = Part("items", "Every item", (items,), full=True)
    not_scored = _not_scored(report)
    parts = (
        *(part for c in added for part in c.parts),
        every_item,
        *(() if not_scored is None else (not_scored,)),
        *(part for c in added for part in c.closing_parts),
    )
    total = rubric.item_count()
    organization = header.organization or "Service audit"
    subject = " · ".join(p for p in (header.organization, header.unit, header.period) if p)
    return ReportView(
        title=titled(organization, rubric.title),
        organization=organization,
        subject=subject or rubric.title,
        meta=tuple(header_pairs(rubric, header)),
        overall=report.overall,
        level=report.level,
        next_level=_next_level(rubric, report.overall),
        target=rubric.target,
        coverage=report.coverage,
        answered=round(report.coverage * total),
        total=total,
        strict=report.strict,
        provisional=provisional_note(report) if report.provisional else None,
        figures=tuple(figure for c in added for figure in c.figures),
        warnings=tuple(warning for c in added for warning in c.warnings),
        sections=tuple(section_view(s) for s in report.sections),
        weakest=tuple(section_view(s) for s in report.weakest_shown()),
        actions=_actions(report, added),
        gain_legend=gain_legend(rubric),
        action_legends=tuple(legend for c in added for legend in c.action_legends),
        items=items,
        parts=parts,
        facts=(*_facts(report), *(fact for c in added for fact in c.facts)),
    )
