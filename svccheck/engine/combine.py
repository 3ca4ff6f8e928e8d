"""Several assessors or units on one rubric: consensus, disagreement, peaks and valleys.

Audits that share the grouping key (unit or assessor) are averaged first, item by item over the
audits that have a percent for it, so a unit with three assessors counts once. The consensus is
the mean of the groups' item percents, scored with the same model as a single audit.

When several assessors scored a unit, :mod:`svccheck.engine.calibration` adds how far they agree and
what they should discuss. Audits of one unit for different periods are refused unless asked for:
averaging two quarters would hide the change between them.
"""

from __future__ import annotations

from collections.abc import Iterable

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine import calibration, scoring
from svccheck.engine import evidence as evidences
from svccheck.engine.calibration import Agreement, Discussion, Sheet
from svccheck.engine.results import Report
from svccheck.model.audit import NA, Audit, Score
from svccheck.model.header import GroupBy, Header
from svccheck.model.rubric import Rubric

__all__ = ["NO_KEY", "Combined", "Group", "GroupBy", "ItemSpread", "combine"]

NO_KEY = "(none)"  # the group of audits without the key (no unit in the file)


@record
class Group:
    """One unit or assessor: the files averaged into it and its report, its scores only (every
    view shows a group's section and overall scores alone; its items and ranked actions took
    about 80 ms of combining 1 000 audits)."""

    name: str
    sources: tuple[str, ...]
    report: Report


@record
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


@record
class Combined:
    """Everything ``svccheck combine`` shows."""

    by: GroupBy
    groups: tuple[Group, ...]
    consensus: Report
    items: tuple[ItemSpread, ...]
    threshold: float  # the percent gap that counts as disagreement (two scale steps)
    periods: tuple[str, ...]  # every period named, in order (one unless --mixed-periods)
    lookalikes: tuple[tuple[str, ...], ...]  # group names differing only by case, spaces...
    agreement: Agreement
    discussion: tuple[Discussion, ...]
    sheets: tuple[Sheet, ...]  # every audit's answers, for the consensus file

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


# Per item: its mean percent (None if nobody scored it) and whether it is n/a.
Row = tuple[tuple[float | None, bool], ...]


class _Accumulator:
    """Running per-item sums for one group: memory stays the same however many audits come."""

    def __init__(self, size: int, require_evidence: bool) -> None:
        self.require_evidence = require_evidence
        self.sums = [0.0] * size
        self.counts = [0] * size
        self.not_applicable = [False] * size
        self.sources: list[str] = []
        self.evidence = evidences.Tally()  # claims and supported claims, over the audits

    def add(self, rubric: Rubric, audit: Audit, scores: tuple[Score, ...]) -> None:
        """Add an audit, whose ``scores`` are in rubric item order (its sheet's)."""
        percents = scoring.item_percents(rubric, audit, require_evidence=self.require_evidence)
        sums, counts = self.sums, self.counts
        for index, item_id in enumerate(rubric.id_order):
            value = percents[item_id]
            if value is not None:
                sums[index] += value
                counts[index] += 1
            elif scores[index] == NA:
                self.not_applicable[index] = True
        self.sources.append(audit.path)
        self.evidence += evidences.tally(rubric, audit.answers)

    def mean_row(self) -> Row:
        return tuple(
            (total / count if count else None, na)
            for total, count, na in zip(self.sums, self.counts, self.not_applicable, strict=True)
        )


def _mean_of(rows: list[Row]) -> Row:
    """The item-by-item mean of several rows; n/a where a row is n/a."""
    return tuple(
        (_mean([p for p, _ in column]), any(na for _, na in column))
        for column in zip(*rows, strict=True)
    )


def _row_report(
    rubric: Rubric, header: Header, row: Row, confidence: float | None, detailed: bool
) -> tuple[Report, Row]:
    """Score a row of item means, ``detailed`` or its scores only; also return the row as scored.

    An item without a mean that an audit marked n/a stays n/a; one nobody answered stays open.
    """
    percents: dict[str, float | None] = {}
    answers: dict[str, float | str | None] = {}
    scored = []
    for item_id, (value, marked) in zip(rubric.id_order, row, strict=True):
        not_applicable = value is None and marked
        percents[item_id] = value
        answers[item_id] = NA if not_applicable else value
        scored.append((value, not_applicable))
    report = scoring.score_percents(
        rubric, header, percents, answers, {}, confidence=confidence, detailed=detailed
    )
    return report, tuple(scored)


def _header(rubric: Rubric, first: Audit, source: str, by: GroupBy, name: str | None) -> Header:
    """The header of a group (``name``) or of the consensus (no name): the first audit's
    organization and period, the group's key, and where the scores come from."""
    return Header(
        rubric=rubric.id,
        organization=first.organization,
        period=first.period,
        unit=name if by is GroupBy.unit else None,
        assessor=name if by is GroupBy.assessor else None,
        source=source,
    )


def _named(
    names: list[str], percents: tuple[float | None, ...], value: float | None
) -> tuple[str, ...]:
    return tuple(name for name, p in zip(names, percents, strict=True) if p == value)


def _threshold(rubric: Rubric) -> float:
    """Two scale steps, in percent: the gap between groups that counts as disagreement."""
    return 2 * 100 / (rubric.scale.max - rubric.scale.min)


def _spreads(rubric: Rubric, names: list[str], group_rows: list[Row]) -> list[ItemSpread]:
    """Every item across the groups: mean, range, and who is high and low when they disagree."""
    threshold = _threshold(rubric)
    spreads = []
    for index, (section, item) in enumerate(rubric.items()):
        percents = tuple(row[index][0] for row in group_rows)
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
    return spreads


def _read(
    audits: Iterable[tuple[Rubric, Audit]], by: GroupBy, require_evidence: bool
) -> tuple[Rubric, Audit, dict[str, _Accumulator], list[Sheet]]:
    """Read every audit once: the first, the groups' running sums, and every audit's answers."""
    members: dict[str, _Accumulator] = {}
    sheets: list[Sheet] = []
    first: tuple[Rubric, Audit] | None = None
    for rubric, audit in audits:
        if first is None:
            first = rubric, audit
        elif (rubric.id, rubric.version) != (first[0].id, first[0].version):
            raise UsageError(
                f"cannot combine audits of different rubrics: {audit.path} uses "
                f"{rubric.id!r} version {rubric.version}, {first[1].path} uses "
                f"{first[0].id!r} version {first[0].version}"
            )
        key = by.key(audit.header()) or NO_KEY
        if key not in members:
            members[key] = _Accumulator(rubric.item_count(), require_evidence)
        sheet = calibration.sheet(rubric, audit)
        members[key].add(rubric, audit, sheet.scores)
        sheets.append(sheet)
    if first is None:
        raise UsageError("combine needs at least two audit files")
    return first[0], first[1], members, sheets


def combine(
    audits: Iterable[tuple[Rubric, Audit]],
    by: GroupBy | str = GroupBy.unit,
    *,
    mixed_periods: bool = False,
    require_evidence: bool = False,
) -> Combined:
    """Group audits by unit or assessor (a :class:`GroupBy` or its value) and combine them; all
    must share one rubric, and the audits of one unit one period unless ``mixed_periods``.

    With ``require_evidence``, each audit's unsupported claims count as ``evidence_from - 1`` in
    the scores, as ``score --require-evidence`` counts them; the agreement between assessors and
    the discussion list compare the answers as given."""
    by = GroupBy(by)
    rubric, first_audit, members, sheets = _read(audits, by, require_evidence)
    if not mixed_periods:
        calibration.refuse_mixed_periods(sheets)
    calibration.refuse_repeated_assessors(sheets)
    groups = []
    group_rows = []
    for name, accumulator in members.items():
        header = _header(rubric, first_audit, ", ".join(accumulator.sources), by, name)
        confidence = accumulator.evidence.confidence
        row = accumulator.mean_row()
        report, mean_row = _row_report(rubric, header, row, confidence, detailed=False)
        groups.append(Group(name, tuple(accumulator.sources), report))
        group_rows.append(mean_row)
    names = [group.name for group in groups]
    consensus_header = _header(rubric, first_audit, f"{len(groups)} {by}s", by, None)
    pooled = sum((accumulator.evidence for accumulator in members.values()), evidences.Tally())
    mean = _mean_of(group_rows)
    consensus, _ = _row_report(rubric, consensus_header, mean, pooled.confidence, detailed=True)
    gains = {row.item.id: row.gain for row in consensus.items()}
    panels = calibration.panels(sheets)  # once, for the agreement and the discussion list
    return Combined(
        by=by,
        groups=tuple(groups),
        consensus=consensus,
        items=tuple(_spreads(rubric, names, group_rows)),
        threshold=_threshold(rubric),
        periods=tuple(sorted({s.period for s in sheets if s.period is not None})),
        lookalikes=calibration.lookalikes(names),
        agreement=calibration.agreement(rubric, sheets, panels),
        discussion=calibration.discussion(rubric, sheets, gains, panels),
        sheets=tuple(sheets),
    )
