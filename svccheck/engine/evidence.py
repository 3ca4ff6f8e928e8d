"""Evidence behind the answers: claims, confidence, stale evidence and the ``--require-evidence``
cap. Pure functions of the rubric, the answers and the audit's header; no files, no output.

claim              an answer scored at or above the rubric's ``evidence_from`` (none without it).
supported claim    a claim with at least one piece of evidence, stale or not.
unsupported claim  a claim without evidence: none recorded, or recorded as missing (``[]``).
confidence         supported claims / claims, 0..1; ``None`` when there is no claim.
--require-evidence an unsupported claim counts as ``evidence_from - 1``, the highest score a
                   claim without evidence can stand for (not the scale's minimum, so the
                   ``--strict`` and ``--fail-under`` gates people set keep their meaning).
stale              evidence dated before the audit's date minus ``evidence_max_age`` months. The
                   audit's date is its ``date:``, else the last day of its period; evidence dated
                   by a month counts as the month's last day (stale only when all of it is).
                   Undated evidence, and evidence of an audit with neither date nor period, is
                   never stale: there is nothing to measure its age from.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.model.audit import Answer, Evidence, Score
from svccheck.model.header import Header
from svccheck.model.rubric import Rubric

if TYPE_CHECKING:
    from svccheck.engine.results import ItemResult, Report

_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


def needs_evidence(rubric: Rubric, score: Score | float) -> bool:
    """Whether an answer with this score is a claim: a whole number at or above
    ``evidence_from``."""
    threshold = rubric.evidence_from
    return (
        threshold is not None
        and isinstance(score, int)
        and not isinstance(score, bool)
        and score >= threshold
    )


def has_evidence(evidence: tuple[Evidence, ...] | None) -> bool:
    """Whether there is at least one piece of evidence (``None`` and ``()`` are none)."""
    return bool(evidence)


@record
class Tally:
    """How many claims there are and how many of them have evidence; tallies add up."""

    claims: int = 0
    supported: int = 0

    @property
    def confidence(self) -> float | None:
        """Supported claims / claims; ``None`` without a claim."""
        return self.supported / self.claims if self.claims else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.claims + other.claims, self.supported + other.supported)


def tally(rubric: Rubric, answers: Iterable[Answer]) -> Tally:
    """The claims among ``answers`` and how many are supported (asked for every audit of a
    bulk ``trend`` or ``combine``: one comparison per answer)."""
    threshold = rubric.evidence_from
    if threshold is None:
        return _NO_CLAIMS
    claims = supported = 0
    for answer in answers:
        score = answer.score
        if type(score) is int and score >= threshold:  # exactly int: never a bool
            claims += 1
            supported += bool(answer.evidence)
    return Tally(claims, supported)


_NO_CLAIMS = Tally()


def caps(rubric: Rubric, answers: Iterable[Answer]) -> dict[str, int]:
    """What each unsupported claim counts as under ``--require-evidence``, by item id."""
    if rubric.evidence_from is None:
        return {}
    cap = rubric.evidence_from - 1
    return {
        answer.item_id: cap
        for answer in answers
        if needs_evidence(rubric, answer.score) and not has_evidence(answer.evidence)
    }


# Staleness.


def _days_in(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has; ValueError for a month that is none. (Not
    calendar.monthrange: importing calendar and locale took half a millisecond of a `score`.)"""
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days


def _last_day(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, _days_in(year, month))


def day_of(text: str | None) -> _dt.date | None:
    """The last day ``text`` can mean: an ISO date itself, a month or a quarter its last day
    (``2026-Q3`` is 2026-09-30); ``None`` for nothing or anything else."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return _dt.date.fromisoformat(text)
        quarter = _QUARTER.fullmatch(text.upper())
        if quarter:
            return _last_day(int(quarter.group(1)), 3 * int(quarter.group(2)))
        month = _MONTH.fullmatch(text)
        if month:
            return _last_day(int(month.group(1)), int(month.group(2)))
    except ValueError:
        return None
    return None


def as_of(header: Header) -> _dt.date | None:
    """The day evidence ages are counted to: the audit's date, else the end of its period."""
    return day_of(header.date) or day_of(header.period)


def months_before(day: _dt.date, months: int) -> _dt.date:
    """The same day ``months`` months earlier (the month's last day when it is shorter); the
    first day of year 1 when that is before it (no date is older, so none is stale)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < _dt.MINYEAR:
        return _dt.date.min
    return _dt.date(year, month + 1, min(day.day, _days_in(year, month + 1)))


def is_stale(entry: Evidence, day: _dt.date | None, max_age: int | None) -> bool | None:
    """Whether ``entry`` is older than ``max_age`` months on ``day``; ``None`` when that cannot
    be said (no limit, no day to count to, or undated evidence)."""
    dated = day_of(entry.date)
    if max_age is None or day is None or dated is None:
        return None
    return dated < months_before(day, max_age)


# What the reports show.


@record
class StaleEvidence:
    """An item whose evidence includes entries older than the rubric allows."""

    result: ItemResult
    entries: tuple[Evidence, ...]


@record
class EvidenceReview:
    """Everything the reports say about evidence: the claims without it, the stale evidence and
    the confidence. ``counted_as`` is what an unsupported claim counts as when
    ``--require-evidence`` applies (else ``None``)."""

    evidence_from: int | None
    max_age: int | None
    as_of: _dt.date | None
    claims: int
    unsupported: tuple[ItemResult, ...]
    stale: tuple[StaleEvidence, ...]
    confidence: float | None
    counted_as: int | None

    @property
    def applies(self) -> bool:
        """Whether there is anything to say: the rubric asks for evidence or some is stale."""
        return self.evidence_from is not None or bool(self.stale)


def review(report: Report) -> EvidenceReview:
    """The evidence review of a scored audit."""
    rubric = report.rubric
    day = as_of(report.header)
    items = report.items()
    claims = [r for r in items if needs_evidence(rubric, r.answer)]
    stale = []
    for result in items:
        old = tuple(e for e in result.evidence or () if is_stale(e, day, rubric.evidence_max_age))
        if old:
            stale.append(StaleEvidence(result, old))
    require = report.require_evidence and rubric.evidence_from is not None
    return EvidenceReview(
        evidence_from=rubric.evidence_from,
        max_age=rubric.evidence_max_age,
        as_of=day,
        claims=len(claims),
        unsupported=tuple(r for r in claims if not has_evidence(r.evidence)),
        stale=tuple(stale),
        confidence=report.confidence,
        counted_as=(rubric.evidence_from or 0) - 1 if require else None,
    )


def supported(rubric: Rubric, result: ItemResult) -> bool | None:
    """For JSON: whether a claim has evidence; ``None`` for an answer that makes no claim."""
    if not needs_evidence(rubric, result.answer):
        return None
    return has_evidence(result.evidence)
