"""Trends over many audits of one rubric: overall and section scores per period.

Audits are reduced to small :class:`Point` summaries as they are read, so thousands of files
take little memory: only the scores are kept, never the answers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine import evidence, scoring
from svccheck.engine.editions import relevelled, relevelled_warning
from svccheck.model.audit import Answer, Audit
from svccheck.model.rubric import Rubric

_PERIOD = re.compile(r"(\d{4})-(?:Q([1-4])|(\d{2})(?:-(\d{2}))?)$")


@record(slots=True)  # slots: a trend may hold thousands of these
class Point:
    """The scores of one audit."""

    source: str
    organization: str | None
    unit: str | None
    period: str | None
    overall: float | None
    sections: tuple[float | None, ...]
    removed: tuple[str, ...] = ()  # answered items the rubric edition no longer has
    coverage: float = 0.0  # share of items answered (a number or n/a), 0..1
    level: str | None = None
    confidence: float | None = None  # share of claims with evidence (svccheck.engine.evidence)
    written_for: int | None = None  # the rubric edition the audit was written for


@record
class Series:
    """The points of one unit (or of the whole organization), oldest first."""

    organization: str | None
    unit: str | None
    points: tuple[Point, ...]

    def section_change(self, index: int) -> float | None:
        """Last minus first score of one section, over the points where it has a score."""
        scored = [s for s in (p.sections[index] for p in self.points) if s is not None]
        return scored[-1] - scored[0] if len(scored) >= 2 else None

    def section_changes(self) -> list[tuple[int, float]]:
        """(section index, change) for every section with at least two scored periods."""
        changes = [(i, self.section_change(i)) for i in range(len(self.points[0].sections))]
        return [(i, change) for i, change in changes if change is not None]

    def improved_most(self) -> int | None:
        """The index of the section that rose most, if any rose; ties go to the first."""
        risen = [pair for pair in self.section_changes() if pair[1] > 0]
        return max(risen, key=lambda pair: pair[1])[0] if risen else None

    def declined_most(self) -> int | None:
        """The index of the section that fell most, if any fell; ties go to the first."""
        fallen = [pair for pair in self.section_changes() if pair[1] < 0]
        return min(fallen, key=lambda pair: pair[1])[0] if fallen else None

    def overall_change(self) -> float | None:
        """Last minus first overall score, over the points that have one."""
        scored = [p.overall for p in self.points if p.overall is not None]
        return scored[-1] - scored[0] if len(scored) >= 2 else None


@record
class Trend:
    """Everything ``svccheck trend`` shows."""

    rubric_id: str
    rubric_title: str
    section_ids: tuple[str, ...]
    section_titles: tuple[str, ...]
    series: tuple[Series, ...]
    rubric: Rubric | None = None  # the edition the audits were read through


def period_key(period: str) -> tuple[int, int, int]:
    """A sortable (year, month, day) for ``2026-Q3`` (its first month), ``2026-09``, ``2026-09-30``.

    Raises ``ValueError`` for anything else.
    """
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(period)
    year, quarter, month, day = match.groups()
    if quarter:
        return int(year), 3 * int(quarter) - 2, 1
    return int(year), int(month), int(day or 1)


def point(rubric: Rubric, audit: Audit, *, require_evidence: bool = False) -> Point:
    """The summary of one audit: its header and scores, nothing else."""
    percents = scoring.item_percents(rubric, audit, require_evidence=require_evidence)
    sections, overall = scoring.section_scores(rubric, percents)
    removed = tuple(answer.item_id for answer in audit.removed)
    answers = audit.answer_map()
    total = rubric.item_count()
    answered = sum(1 for item_id in rubric.id_order if _answered(answers.get(item_id)))
    return Point(
        audit.path, audit.organization, audit.unit, audit.period, overall, tuple(sections),
        removed, coverage=answered / total if total else 0.0,
        level=scoring.level_for(rubric, overall),
        confidence=evidence.tally(rubric, audit.answers).confidence,
        written_for=audit.rubric_version,
    )  # fmt: skip


def _answered(answer: Answer | None) -> bool:
    return answer is not None and answer.score is not None


def gaps(points: tuple[Point, ...]) -> list[tuple[Point, Point]]:
    """Neighbouring points of one kind of period (quarters, months) with periods missing
    between them (2026-Q1 then 2026-Q3): the change between them spans more than one step."""
    found = []
    for before, after in itertools.pairwise(points):
        step = _step(before.period), _step(after.period)
        if step[0] is None or step[1] is None or step[0][0] != step[1][0]:
            continue
        if step[1][1] - step[0][1] > 1:
            found.append((before, after))
    return found


def missing(before: Point, after: Point) -> list[str]:
    """The quarters or months between two points of a gap, oldest first."""
    first, last = _step(before.period), _step(after.period)
    if first is None or last is None:
        return []
    kind = first[0]
    return [_period(kind, number) for number in range(first[1] + 1, last[1])]


def _period(kind: str, number: int) -> str:
    if kind == "quarter":
        return f"{(number - 1) // 4}-Q{(number - 1) % 4 + 1}"
    return f"{(number - 1) // 12}-{(number - 1) % 12 + 1:02d}"


def _step(period: str | None) -> tuple[str, int] | None:
    """A quarter or month as (kind, a running number); ``None`` for dates and no period."""
    match = _PERIOD.match(period or "")
    if match is None or match.group(4):
        return None
    year, quarter, month, _ = match.groups()
    if quarter:
        return "quarter", int(year) * 4 + int(quarter)
    return "month", int(year) * 12 + int(month)


def trend(
    audits: Iterable[tuple[Rubric, Audit]],
    *,
    keep_order: bool = False,
    require_evidence: bool = False,
) -> Trend:
    """Group audits by unit and order each group by period (or keep the given order); with
    ``require_evidence``, every audit is scored as ``score --require-evidence`` scores it.

    All audits must share one rubric id and section layout. Without ``keep_order``, every audit
    needs a period and no unit may have two audits for the same period.
    """
    first: tuple[Rubric, Audit] | None = None
    groups: dict[str | None, list[Point]] = {}
    for rubric, audit in audits:
        if first is None:
            first = rubric, audit
        elif rubric is not first[0]:  # the same file is loaded once, so usually the same object
            _check_same_layout(first, (rubric, audit))
        groups.setdefault(audit.unit, []).append(
            point(rubric, audit, require_evidence=require_evidence)
        )
    if first is None:
        raise UsageError("trend needs at least two audit files")
    series = []
    for unit, points in groups.items():
        if not keep_order:
            points = _ordered(points)
        series.append(Series(points[0].organization, unit, tuple(points)))
    rubric = first[0]
    return Trend(
        rubric_id=rubric.id,
        rubric_title=rubric.title,
        section_ids=tuple(s.id for s in rubric.sections),
        section_titles=tuple(s.title for s in rubric.sections),
        series=tuple(series),
        rubric=rubric,
    )


def warnings(result: Trend) -> list[str]:
    """Coverage that differs by more than 20 points within a unit; several organizations."""
    from svccheck.engine.compare import comparability
    from svccheck.model.header import Header

    def entry(p: Point) -> tuple[str, Header, float]:
        header = Header(rubric=result.rubric_id, organization=p.organization, unit=p.unit)
        return p.period or p.source, header, p.coverage

    found = []
    written_for = [p.written_for for series in result.series for p in series.points]
    changed = relevelled(result.rubric, written_for) if result.rubric is not None else ()
    if changed and result.rubric is not None:
        versions = sorted({v or result.rubric.version for v in written_for})
        what = (
            f"the audits were written for versions {', '.join(map(str, versions))}, so scores "
            "before and after the change measure different things"
        )
        found.append(relevelled_warning(result.rubric, changed, what))
    for series in result.series:
        label = f"unit {series.unit!r}" if series.unit else "trend"
        found += comparability(label, [entry(p) for p in series.points], fields=())
    everyone = [entry(p) for series in result.series for p in series.points]
    return found + comparability("trend", everyone, fields=("organization",), coverage=False)


def _check_same_layout(first: tuple[Rubric, Audit], other: tuple[Rubric, Audit]) -> None:
    (rubric, audit), (other_rubric, other_audit) = first, other
    if other_rubric.id != rubric.id:
        raise UsageError(
            f"cannot follow a trend across rubrics: {audit.path} uses {rubric.id!r}, "
            f"{other_audit.path} uses {other_rubric.id!r}"
        )
    if [s.id for s in other_rubric.sections] != [s.id for s in rubric.sections]:
        raise UsageError(
            f"{other_audit.path}: rubric {rubric.id!r} version {other_rubric.version} has other "
            f"sections than version {rubric.version} in {audit.path}"
        )


def _ordered(points: list[Point]) -> list[Point]:
    seen: dict[tuple[int, int, int], Point] = {}
    for entry in points:
        if not entry.period:
            raise UsageError(
                f"{entry.source}: no period, so the audits cannot be put in order; add "
                "'period: 2026-Q3' (or YYYY-MM, or an ISO date) or pass --keep-order"
            )
        key = period_key(entry.period)
        if key in seen:
            unit = f"unit {entry.unit!r}" if entry.unit else "the same unit"
            raise UsageError(
                f"{entry.source} and {seen[key].source} are both for period {entry.period} of "
                f"{unit}; remove one or pass --keep-order"
            )
        seen[key] = entry
    return [seen[key] for key in sorted(seen)]
