"""Calibrating assessors: how far they agree and what to discuss (the consensus audit to confirm
is :mod:`svccheck.engine.consensus`).

Assessors score the same unit on their own, then meet. This module reads their answers as
Krippendorff's reliability data: the units of analysis are (unit, period, item), the coders are
the assessors, the values their integer answers; ``n/a`` and unanswered are missing values.
Audits without an assessor are no coder (nobody to calibrate) and are left out of agreement and
the discussion list, though they count in the consensus file.

Everything here is pure: frozen dataclasses in, frozen dataclasses out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import cached_property

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine.alpha import Patterns, alpha_of, patterns, shares_of, spread
from svccheck.model.audit import NA, Answer, Audit, Score
from svccheck.model.rubric import Rubric


@record
class Sheet:
    """One audit's answers in rubric item order, with who gave them, for which unit and period."""

    source: str
    rubric: str  # the rubric as the audit names it (an id or a path from the audit's folder)
    assessor: str | None
    unit: str | None
    period: str | None
    organization: str | None
    date: str | None
    answers: tuple[Answer | None, ...]

    @property
    def who(self) -> str:
        """The assessor, or the file when the audit names none."""
        return self.assessor if self.assessor is not None else self.source

    @cached_property
    def scores(self) -> tuple[Score, ...]:
        """Each answer's score, in rubric item order (worked out once: agreement and the
        discussion list both read every sheet item by item)."""
        return tuple([None if answer is None else answer.score for answer in self.answers])


def sheet(rubric: Rubric, audit: Audit) -> Sheet:
    """The answers of ``audit`` lined up with the rubric's items."""
    answers = audit.answer_map()
    return Sheet(
        source=audit.path,
        rubric=audit.rubric,
        assessor=audit.assessor,
        unit=audit.unit,
        period=audit.period,
        organization=audit.organization,
        date=audit.date,
        answers=tuple(map(answers.get, rubric.id_order)),
    )


def _whole(scores: Iterable[Score]) -> list[int]:
    """The integer answers among ``scores`` (n/a and unanswered are missing)."""
    return [score for score in scores if isinstance(score, int)]


def _unit_name(unit: str | None) -> str:
    return "audits without a unit" if unit is None else f"unit {unit!r}"


def refuse_mixed_periods(sheets: Sequence[Sheet]) -> None:
    """Refuse audits of one unit for different periods: combine would average two quarters."""
    first: dict[str | None, Sheet] = {}
    for current in sheets:
        if current.period is None:
            continue  # no period given: nothing says it is another one
        seen = first.setdefault(current.unit, current)
        if seen.period != current.period:
            raise UsageError(
                f"cannot combine audits of different periods for {_unit_name(current.unit)}: "
                f"{seen.source} is {seen.period}, {current.source} is {current.period}. Their "
                "scores would be averaged as one; combine one period at a time (svccheck trend "
                "follows a unit over periods), or add --mixed-periods"
            )


def refuse_repeated_assessors(sheets: Sequence[Sheet]) -> None:
    """Refuse an assessor with two audits of one unit and period: which one is their answer?"""
    seen: dict[tuple[str | None, str | None, str], Sheet] = {}
    for current in sheets:
        if current.assessor is None:
            continue
        key = (current.unit, current.period, current.assessor)
        if key in seen:
            raise UsageError(
                f"assessor {current.assessor!r} has two audits of {_unit_name(current.unit)}"
                f"{'' if current.period is None else ' for ' + current.period}: "
                f"{seen[key].source} and {current.source}; combine one of them"
            )
        seen[key] = current


def _panels(sheets: Sequence[Sheet]) -> list[list[Sheet]]:
    """The assessors' sheets per (unit, period), in the order first seen."""
    panels: dict[tuple[str | None, str | None], list[Sheet]] = {}
    for current in sheets:
        if current.assessor is not None:
            panels.setdefault((current.unit, current.period), []).append(current)
    return list(panels.values())


def compared_units(sheets: Sequence[Sheet]) -> int:
    """How many units (in a period) two or more named assessors audited: without one, there is
    no agreement to measure and nothing to discuss."""
    return sum(1 for panel in _panels(sheets) if len(panel) >= 2)


@record
class SectionAgreement:
    """Agreement on one section's items; ``None`` where undefined."""

    id: str
    title: str
    alpha: float | None
    exact: float | None
    within_one: float | None
    pairs: int


@record
class Agreement:
    """Inter-rater agreement: Krippendorff's alpha (ordinal) and pairwise shares, overall and per
    section. ``pairs`` counts the pairs of integer answers compared; ``None`` where undefined
    (fewer than two assessors, no item of a unit rated by two, or no variation)."""

    assessors: tuple[str, ...]
    alpha: float | None
    exact: float | None
    within_one: float | None
    pairs: int
    sections: tuple[SectionAgreement, ...]


@record
class Panel:
    """The sheets of one unit and period by two or more assessors, read item by item."""

    sheets: tuple[Sheet, ...]
    columns: tuple[tuple[Score, ...], ...]  # per item, each assessor's score in panel order
    whole: tuple[list[int], ...]  # per item, the integer scores among them


def panels(sheets: Sequence[Sheet]) -> list[Panel]:
    """The panels of two or more assessors, for :func:`agreement` and :func:`discussion`
    (which work them out themselves unless given them: combine gives both the same)."""
    found = []
    for panel in _panels(sheets):
        if len(panel) >= 2:
            columns = tuple(zip(*(s.scores for s in panel), strict=True))
            found.append(Panel(tuple(panel), columns, tuple(map(_whole, columns))))
    return found


def _item_patterns(rubric: Rubric, panels: list[Panel]) -> list[Patterns]:
    """Reliability data, item by item: the patterns of the units (unit, period, item), each
    the assessors' integer answers (a section's or the whole rubric's are their sum)."""
    count = rubric.item_count()
    return [patterns(panel.whole[index] for panel in panels) for index in range(count)]


def agreement(
    rubric: Rubric, sheets: Sequence[Sheet], given: list[Panel] | None = None
) -> Agreement:
    """How far the assessors agree, overall and per section (``given``: their panels)."""
    assessors = tuple(dict.fromkeys(s.assessor for s in sheets if s.assessor is not None))
    # A panel of one assessor gives units of one value, which neither alpha nor the pair shares
    # count: leaving them out changes no sum (many single audits per unit cost nothing here).
    paired = (panels(sheets) if given is None else given) if len(assessors) >= 2 else []
    per_item = _item_patterns(rubric, paired)
    sections = []
    start = 0
    for section in rubric.sections:
        found = sum(per_item[start : start + len(section.items)], Patterns())
        start += len(section.items)
        shares = shares_of(found)
        sections.append(
            SectionAgreement(
                section.id,
                section.title,
                alpha_of(found),
                shares.exact,
                shares.within_one,
                shares.pairs,
            )
        )
    found = sum(per_item, Patterns())
    shares = shares_of(found)
    return Agreement(
        assessors,
        alpha_of(found),
        shares.exact,
        shares.within_one,
        shares.pairs,
        tuple(sections),
    )


@record
class Rating:
    """One assessor's answer to one item, with their note."""

    assessor: str
    source: str
    answer: Score
    note: str | None


@record
class Discussion:
    """An item of one unit the assessors must talk about: answers ``spread`` scale steps apart
    (two or more), or n/a beside a score (``na_split``), which alpha cannot see."""

    id: str
    section: str
    title: str
    unit: str | None
    period: str | None
    spread: int
    na_split: bool
    gain: float | None  # the item's potential gain in the consensus
    ratings: tuple[Rating, ...]


def discussion(
    rubric: Rubric,
    sheets: Sequence[Sheet],
    gains: dict[str, float | None],
    given: list[Panel] | None = None,
) -> tuple[Discussion, ...]:
    """The discussion list: widest spread first, then largest potential gain, then rubric order
    (``given``: the assessors' panels)."""
    found = []
    # What every discussion of an item says about it, worked out once an item.
    about = [(i.id, s.id, i.title, gains.get(i.id)) for s, i in rubric.items()]
    for panel in panels(sheets) if given is None else given:
        first = panel.sheets[0]
        people = [(s.who, s.source, s.answers) for s in panel.sheets]
        for index, (scores, whole) in enumerate(zip(panel.columns, panel.whole, strict=True)):
            steps = spread(whole)
            na_split = NA in scores and bool(whole)
            if steps < 2 and not na_split:
                continue
            item_id, section_id, title, gain = about[index]
            ratings = tuple(
                [
                    Rating(who, source, score, _note(answers[index]))
                    for (who, source, answers), score in zip(people, scores, strict=True)
                ]
            )
            found.append(
                Discussion(
                    item_id, section_id, title, first.unit, first.period, steps, na_split, gain,
                    ratings,
                )
            )  # fmt: skip
    # sorted() is stable: equal spread and gain keep units and items in the order read.
    return tuple(sorted(found, key=lambda d: (-d.spread, -(d.gain or 0.0))))


def _note(answer: Answer | None) -> str | None:
    return None if answer is None else answer.note


def _fold(name: str) -> str:
    """A name without case, spaces and invisible characters (format and control characters)."""
    return "".join(
        character
        for character in name.casefold()
        if not character.isspace() and unicodedata.category(character) not in ("Cf", "Cc")
    )


def lookalikes(names: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Sets of names that differ only by case, spaces or invisible characters (``EMEA``,
    ``emea ``, ``EMEA\\u200b``): probably one group split in two by a typing slip."""
    folded: dict[str, list[str]] = {}
    for name in names:
        folded.setdefault(_fold(name), []).append(name)
    return tuple(tuple(group) for group in folded.values() if len(group) > 1)
