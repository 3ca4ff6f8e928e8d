"""Audits: the data model. Loading them is :mod:`svccheck.formats.audit.loading`."""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from svccheck.core.record import record
from svccheck.core.vocabulary import NA, CriterionStatus
from svccheck.model.header import HEADER_FIELDS, Header
from svccheck.model.rubric import Rubric

# How much customers care about an item: 1 (not at all) to 5 (very much), see
# svccheck.engine.importance.
IMPORTANCE_MIN, IMPORTANCE_MAX = 1, 5
Score = int | str | None  # a whole number on the rubric's scale, "n/a", or None (not answered)
# What the evidence showed of an item's criteria: (criterion key, status) in the order recorded;
# a criterion never shown is left out (svccheck.model.rubric.Item.criterion_keys).
Observations = tuple[tuple[str, CriterionStatus], ...]
__all__ = [
    "HEADER_FIELDS",
    "NA",
    "Answer",
    "Audit",
    "Evidence",
    "LoadedAudit",
    "Observations",
    "Score",
]


@record
class Evidence:
    """One piece of evidence for an answer (a document, a link, a figure with its source) and,
    optionally, when it is from: an ISO date (``2026-03-31``) or a month (``2026-03``)."""

    text: str
    date: str | None = None


@record
class Answer:
    """The answer to one item: a score, ``n/a`` or nothing, an optional note and its evidence.

    ``evidence`` is ``None`` when none is recorded, and empty when it is recorded as missing (the
    assessor was asked and had none: ``evidence: []`` in the file). ``criteria`` are what the
    evidence showed of the item's criteria (``None``: none recorded); ``score_from_criteria``
    says that the file gave no score and the score is the level the criteria reach.
    """

    item_id: str
    score: Score
    note: str | None = None
    evidence: tuple[Evidence, ...] | None = None
    criteria: Observations | None = None
    score_from_criteria: bool = False


@record
class Audit:
    """One filled-in (or partly filled-in) audit of one organization or unit for one period."""

    rubric: str
    rubric_version: int | None = None
    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None
    date: str | None = None
    answers: tuple[Answer, ...] = ()
    path: str = ""
    # Answers to items an earlier edition of the rubric had and this one no longer has.
    removed: tuple[Answer, ...] = ()
    # How much customers care about each item (item id, 1..5), under the rubric's current ids;
    # None when the audit says nothing (format 2, svccheck.engine.importance).
    importance: tuple[tuple[str, int], ...] | None = None

    def answer_map(self) -> dict[str, Answer]:
        """Answers by item id."""
        return {answer.item_id: answer for answer in self.answers}

    def header(self) -> Header:
        """The audit's header, for reports."""
        return Header(
            rubric=self.rubric,
            organization=self.organization,
            unit=self.unit,
            period=self.period,
            assessor=self.assessor,
            date=self.date,
            source=self.path,
        )

    def with_answer(self, answer: Answer) -> Audit:
        """A copy with one answer set (replacing any earlier answer to the same item)."""
        others = tuple(a for a in self.answers if a.item_id != answer.item_id)
        return replace(self, answers=(*others, answer))


@record
class LoadedAudit:
    """An audit, the rubric it names, and warnings that do not stop scoring."""

    audit: Audit
    rubric: Rubric
    warnings: tuple[str, ...] = ()


def normalized_period(text: str | None) -> str | None:
    """A period as reports show it: ``2026-q4`` (accepted, as people type it) is ``2026-Q4``."""
    return None if text is None else text.upper() if "q" in text else text


def current_period(today: _dt.date | None = None) -> str:
    """The current quarter as ``YYYY-Qn``."""
    today = today or _dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
