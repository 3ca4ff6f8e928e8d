"""Several assessors or units on one rubric: consensus, disagreement, peaks and valleys.

Audits that share the grouping key (unit or assessor) are averaged first, item by item over the
audits that have a percent for it, so a unit with three assessors counts once. The consensus is
the mean of the groups' item percents, scored with the same model as a single audit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from svccheck.audit import NA, Audit
from svccheck.errors import UsageError
from svccheck.rubric import Rubric
from svccheck.scoring import ItemResult, Report, score_percents

NO_KEY = "(none)"


@dataclass(frozen=True)
class Group:
    """One unit or assessor: the files averaged into it and its report."""

    name: str
    sources: tuple[str, ...]
    report: Report


@dataclass(frozen=True)
class ItemSpread:
    """One item across the groups: mean, range, and whether the groups disagree."""

    id: str
    section: str
    title: str
    percents: tuple[float | None, ...]  # one per group, in group order
    mean: float | None
    low: float | None
    high: float | None
    disagreement: bool
    high_groups: tuple[str, ...]
    low_groups: tuple[str, ...]


@dataclass(frozen=True)
class Combined:
    """Everything ``svccheck combine`` shows."""

    by: str
    groups: tuple[Group, ...]
    consensus: Report
    items: tuple[ItemSpread, ...]
    threshold: float  # the percent gap that counts as disagreement (two scale steps)

    def disagreements(self) -> tuple[ItemSpread, ...]:
        """Items the groups score at least two scale steps apart, widest gap first."""
        flagged = [item for item in self.items if item.disagreement]
        return tuple(sorted(flagged, key=lambda i: -((i.high or 0.0) - (i.low or 0.0))))

    def section_scores(self, index: int) -> list[float | None]:
        """One section's score in every group."""
        return [group.report.sections[index].score for group in self.groups]

    def section_spread(self, index: int) -> float | None:
        """Best minus worst group score of one section, over the groups that have one."""
        scored = [value for value in self.section_scores(index) if value is not None]
        return max(scored) - min(scored) if len(scored) >= 2 else None


def _mean(values: Iterable[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def _mean_report(rubric: Rubric, audit: Audit, columns: list[list[ItemResult]]) -> Report:
    """Score the mean of several reports' item percents (``columns[k]``: every report's item k).

    An item nobody scored but somebody marked n/a stays n/a; one nobody answered stays open.
    """
    percents: dict[str, float | None] = {}
    answers: dict[str, float | str | None] = {}
    for item_id, results in zip(rubric.item_ids(), columns, strict=True):
        percents[item_id] = _mean(r.percent for r in results)
        if percents[item_id] is not None:
            answers[item_id] = percents[item_id]
        elif any(r.answer == NA for r in results):
            answers[item_id] = NA
    return score_percents(rubric, audit, percents, answers, {})


def _header(rubric: Rubric, first: Audit, path: str, by: str, name: str | None) -> Audit:
    return Audit(
        rubric=rubric.id,
        organization=first.organization,
        period=first.period,
        unit=name if by == "unit" else None,
        assessor=name if by == "assessor" else None,
        path=path,
    )


def _named(
    names: list[str], percents: tuple[float | None, ...], value: float | None
) -> tuple[str, ...]:
    return tuple(name for name, p in zip(names, percents, strict=True) if p == value)


def combine(reports: Iterable[Report], by: str = "unit") -> Combined:
    """Group reports by ``unit`` or ``assessor`` and combine them; all must share one rubric."""
    members: dict[str, list[tuple[ItemResult, ...]]] = {}
    sources: dict[str, list[str]] = {}
    first: Report | None = None
    for report in reports:
        if first is None:
            first = report
        elif (report.rubric.id, report.rubric.version) != (first.rubric.id, first.rubric.version):
            raise UsageError(
                f"cannot combine audits of different rubrics: {report.audit.path} uses "
                f"{report.rubric.id!r} version {report.rubric.version}, {first.audit.path} uses "
                f"{first.rubric.id!r} version {first.rubric.version}"
            )
        key = (report.audit.unit if by == "unit" else report.audit.assessor) or NO_KEY
        # Keep only the item results: a report holds the audit too, and there may be thousands.
        members.setdefault(key, []).append(report.items())
        sources.setdefault(key, []).append(report.audit.path)
    if first is None:
        raise UsageError("combine needs at least two audit files")
    rubric = first.rubric
    groups = tuple(
        Group(
            name,
            tuple(sources[name]),
            _mean_report(
                rubric,
                _header(rubric, first.audit, ", ".join(sources[name]), by, name),
                [list(column) for column in zip(*rows, strict=True)],
            ),
        )
        for name, rows in members.items()
    )
    threshold = 2 * 100 / (rubric.scale.max - rubric.scale.min)
    group_items = [group.report.items() for group in groups]
    names = [group.name for group in groups]
    spreads = []
    for index, (section, item) in enumerate(rubric.items()):
        percents = tuple(items[index].percent for items in group_items)
        known = [p for p in percents if p is not None]
        low, high = (min(known), max(known)) if known else (None, None)
        disagree = low is not None and high is not None and high - low >= threshold - 1e-9
        spreads.append(
            ItemSpread(
                id=item.id,
                section=section.id,
                title=item.title,
                percents=percents,
                mean=_mean(percents),
                low=low,
                high=high,
                disagreement=disagree,
                high_groups=_named(names, percents, high) if disagree else (),
                low_groups=_named(names, percents, low) if disagree else (),
            )
        )
    consensus = _mean_report(
        rubric,
        _header(rubric, first.audit, f"{len(groups)} {by}s", by, None),
        [list(column) for column in zip(*group_items, strict=True)],
    )
    return Combined(by, groups, consensus, tuple(spreads), threshold)
