"""Comparing two scored audits of the same rubric: what moved between two quarters."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError
from svccheck.core.record import record
from svccheck.engine import editions, evidence
from svccheck.engine.results import ItemResult, Report
from svccheck.model.audit import Score
from svccheck.model.header import Header

if TYPE_CHECKING:
    from svccheck.engine.importance import ImportanceChange


class Status(StrEnum):
    """How one item moved between two audits; the value is what JSON and CSV show."""

    IMPROVED = "improved"
    DECLINED = "declined"
    UNCHANGED = "unchanged"
    # One side has no percent (unanswered or n/a), or the item's levels changed between the
    # editions the two audits were written for.
    INCOMPARABLE = "incomparable"
    ADDED = "added"  # only the new side's rubric edition has the item
    REMOVED = "removed"  # only the old side's rubric edition has it, or an answer no edition has

    @property
    def moved(self) -> bool:
        """Whether the item has a delta (both sides have a percent)."""
        return self in (Status.IMPROVED, Status.DECLINED, Status.UNCHANGED)

    @property
    def in_rubric_only_on_one_side(self) -> bool:
        """Whether the item exists in only one side's rubric edition."""
        return self in (Status.ADDED, Status.REMOVED)


@record
class ItemChange:
    """One item on both sides; ``delta`` is new - old in percent points when both have one."""

    id: str
    section: str
    title: str
    old_answer: Score | float
    new_answer: Score | float
    old: float | None
    new: float | None
    delta: float | None
    status: Status


@record
class SectionChange:
    """One section's score on both sides."""

    id: str
    title: str
    old: float | None
    new: float | None
    delta: float | None


@record
class Comparison:
    """Everything ``svccheck diff`` shows."""

    old: Report
    new: Report
    overall_delta: float | None
    sections: tuple[SectionChange, ...]
    items: tuple[ItemChange, ...]
    # Items whose levels changed between the editions the two audits were written for: their
    # change is not claimed (delta None), nor that of their section or the overall score.
    relevelled: tuple[str, ...] = ()

    @property
    def versions_differ(self) -> bool:
        """Whether the two audits were scored against different versions of the rubric."""
        return self.old.rubric.version != self.new.rubric.version

    def changed(self) -> tuple[ItemChange, ...]:
        """Items whose percent moved: largest declines first, then largest improvements."""
        # sorted() is stable: equal changes stay in rubric order.
        declines = sorted(
            (c for c in self.items if c.status == Status.DECLINED), key=lambda c: c.delta or 0.0
        )
        gains = sorted(
            (c for c in self.items if c.status == Status.IMPROVED), key=lambda c: -(c.delta or 0.0)
        )
        return (*declines, *gains)

    def transitions(self) -> tuple[ItemChange, ...]:
        """Changes that have no delta: answered <-> unanswered, score <-> n/a, added, removed."""
        return tuple(c for c in self.items if not c.status.moved)

    def unchanged(self) -> tuple[ItemChange, ...]:
        """Items that did not move."""
        return tuple(c for c in self.items if c.status == Status.UNCHANGED)

    def unsupported_claims(self) -> tuple[tuple[ItemResult, ...], tuple[ItemResult, ...]]:
        """The new audit's claims without evidence, as (new, still): new ones were not
        unsupported claims in the old audit (supported there, scored lower, or not answered);
        the others were unsupported in both."""
        renamed = _renamed(self.old, self.new)
        before = {renamed.get(r.item.id, r.item.id) for r in evidence.review(self.old).unsupported}
        claims = evidence.review(self.new).unsupported
        known = [renamed.get(r.item.id, r.item.id) in before for r in claims]
        new = tuple(r for r, seen in zip(claims, known, strict=True) if not seen)
        return new, tuple(r for r, seen in zip(claims, known, strict=True) if seen)

    def importance_changes(self) -> tuple[ImportanceChange, ...] | None:
        """Every item rated in either audit, with both importances; ``None`` unless both audits
        have importance (:func:`svccheck.engine.importance.changes`, imported only then)."""
        if self.old.importance is None or self.new.importance is None:
            return None
        from svccheck.engine.importance import changes

        return changes(self.old, self.new)


def _delta(old: float | None, new: float | None) -> float | None:
    return None if old is None or new is None else new - old


def _status(old: ItemResult | None, new: ItemResult | None) -> Status:
    if old is None:
        return Status.ADDED
    if new is None:
        return Status.REMOVED
    if old.percent is not None and new.percent is not None:
        if new.percent > old.percent:
            return Status.IMPROVED
        return Status.DECLINED if new.percent < old.percent else Status.UNCHANGED
    return Status.UNCHANGED if old.answer == new.answer else Status.INCOMPARABLE


def _union(first: list[str], second: list[str]) -> list[str]:
    """Ids of ``second`` in its order, then ids only in ``first`` (removed ones) in theirs."""
    seen = set(second)
    return second + [identifier for identifier in first if identifier not in seen]


# Coverage that differs by more than this many points makes two scores hard to compare.
COVERAGE_GAP = 20.0


def comparability(
    label: str,
    headers: list[tuple[str, Header, float]],
    fields: tuple[str, ...] = ("organization", "unit"),
    *,
    coverage: bool = True,
) -> list[str]:
    """Warnings about audits compared as if alike: (source, header, coverage 0..1) each.

    Coverage differing by more than :data:`COVERAGE_GAP` points means the scores rest on
    different items; another organization or unit is usually a wrong file.
    """
    warnings = []
    covered = [coverage * 100 for _, _, coverage in headers]
    if coverage and max(covered) - min(covered) > COVERAGE_GAP:
        shown = ", ".join(f"{source} {value:.0f}%" for (source, _, _), value in
                          zip(headers, covered, strict=True))  # fmt: skip
        warnings.append(
            f"{label}: coverage differs by more than {COVERAGE_GAP:.0f} points ({shown}); the "
            "scores rest on different items"
        )
    for field in fields:
        values = {getattr(header, field) for _, header, _ in headers}
        if len(values) > 1:
            ordered = sorted(values, key=lambda value: (value is None, str(value)))
            # An empty field is named as such ("no unit"), never as Python's None.
            shown = ", ".join(f"no {field}" if v is None else repr(v) for v in ordered)
            warnings.append(f"{label}: the audits are of different {field}s ({shown})")
    return warnings


def diff(old: Report, new: Report) -> Comparison:
    """Compare two reports of the same rubric id; :class:`UsageError` if the ids differ."""
    if old.rubric.id != new.rubric.id:
        raise UsageError(
            f"cannot compare audits of different rubrics: {old.header.source or 'old'} uses "
            f"{old.rubric.id!r}, {new.header.source or 'new'} uses {new.rubric.id!r}"
        )
    newer = new.rubric if new.rubric.version >= old.rubric.version else old.rubric
    changed = editions.relevelled(newer, (old.written_for, new.written_for))
    items = [
        replace(change, delta=None, status=Status.INCOMPARABLE) if change.id in changed else change
        for change in _item_changes(old, new)
    ]
    items += _answers_to_removed_items(old, new, {change.id for change in items})
    sections = _section_changes(old, new)
    overall = _delta(old.overall, new.overall)
    if changed:
        touched = {change.section for change in items if change.id in changed}
        sections = tuple(replace(s, delta=None) if s.id in touched else s for s in sections)
        overall = None
    return Comparison(old, new, overall, sections, tuple(items), changed)


def _section_changes(old: Report, new: Report) -> tuple[SectionChange, ...]:
    old_sections = {s.section.id: s for s in old.sections}
    new_sections = {s.section.id: s for s in new.sections}
    sections = []
    for section_id in _union(list(old_sections), list(new_sections)):
        before, after = old_sections.get(section_id), new_sections.get(section_id)
        source = after or before
        assert source is not None  # every id came from one of the two sides
        old_score = before.score if before else None
        new_score = after.score if after else None
        sections.append(
            SectionChange(
                section_id, source.section.title, old_score, new_score, _delta(old_score, new_score)
            )
        )
    return tuple(sections)


def _renamed(old: Report, new: Report) -> dict[str, str]:
    """Across editions, an item renamed with `replaces:` is the same item on both sides: the
    earlier ids mapped to the later ones, by the newer edition."""
    newer = new.rubric if new.rubric.version >= old.rubric.version else old.rubric
    return newer.replaced_ids()


def _item_changes(old: Report, new: Report) -> list[ItemChange]:
    renamed = _renamed(old, new)
    old_items = {renamed.get(r.item.id, r.item.id): r for r in old.items()}
    new_items = {renamed.get(r.item.id, r.item.id): r for r in new.items()}
    items = []
    for item_id in _union(list(old_items), list(new_items)):
        before_item, after_item = old_items.get(item_id), new_items.get(item_id)
        either = after_item if after_item is not None else before_item
        assert either is not None
        old_percent = before_item.percent if before_item else None
        new_percent = after_item.percent if after_item else None
        items.append(
            ItemChange(
                id=item_id,
                section=either.section_id,
                title=either.item.title,
                old_answer=before_item.answer if before_item else None,
                new_answer=after_item.answer if after_item else None,
                old=old_percent,
                new=new_percent,
                delta=_delta(old_percent, new_percent),
                status=_status(before_item, after_item),
            )
        )
    return items


NO_LONGER_IN_RUBRIC = "no longer in the rubric"


def _answers_to_removed_items(old: Report, new: Report, listed: set[str]) -> list[ItemChange]:
    """Answers an audit gave to items its rubric edition no longer has: listed as removed."""
    olds = {a.item_id: a for a in old.removed}
    news = {a.item_id: a for a in new.removed}
    changes = []
    for item_id in [*olds, *(i for i in news if i not in olds)]:
        if item_id in listed:
            continue
        before, after = olds.get(item_id), news.get(item_id)
        changes.append(
            ItemChange(
                id=item_id,
                section="",
                title=NO_LONGER_IN_RUBRIC,
                old_answer=before.score if before else None,
                new_answer=after.score if after else None,
                old=None,
                new=None,
                delta=None,
                status=Status.REMOVED,
            )
        )
    return changes
