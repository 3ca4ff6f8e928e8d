"""Audits of earlier rubric editions: answers to renamed items carried over, others set apart.

An item may declare ``replaces: [old-id, ...]``. An audit's answer to an old id then counts for
the item that replaces it (the item's own answer first, then the old ids in the order given: the
first one answered wins). Answers to ids the edition no longer has at all are *removed*: kept
apart, listed in every report, never scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from svccheck.core.record import record
from svccheck.model.audit import Answer
from svccheck.model.rubric import Rubric


@record
class Reconciled:
    """An audit's answers seen through one rubric edition."""

    answers: tuple[Answer, ...]  # answers to the edition's items (renamed ones under new ids)
    removed: tuple[Answer, ...]  # answers to items the edition does not have
    renamed: tuple[tuple[str, str], ...]  # (old id, new id): the old answer counts for the new


def relevelled(rubric: Rubric, written_for: Iterable[int | None]) -> tuple[str, ...]:
    """The items whose levels changed between the editions audits were written for (``None``:
    the rubric's own): their scores on either side of the change measure different things."""
    versions = [rubric.version if version is None else version for version in written_for]
    low, high = min(versions, default=rubric.version), max(versions, default=rubric.version)
    return tuple(
        item.id
        for _, item in rubric.items()
        if item.levels_since is not None and low < item.levels_since <= high
    )


def relevelled_warning(rubric: Rubric, ids: tuple[str, ...], what: str) -> str:
    """What a person should know when ``what`` spans a change of levels."""
    count = f"{len(ids)} items" if len(ids) > 1 else "1 item"
    since = sorted(
        {item.levels_since for _, item in rubric.items() if item.id in ids and item.levels_since}
    )
    versions = " and ".join(str(version) for version in since) or str(rubric.version)
    return f"the levels of {count} of rubric {rubric.id!r} changed in version {versions}: {what}"


def _given(answer: Answer | None) -> bool:
    return answer is not None and (
        answer.score is not None
        or answer.note is not None
        or answer.evidence is not None
        or answer.criteria is not None
    )


def reconcile(answers: Sequence[Answer], rubric: Rubric) -> Reconciled:
    """Map answers to renamed items onto their new ids and set apart those to removed items."""
    by_id = {answer.item_id: answer for answer in answers}
    ids = by_id.keys()
    if ids <= rubric.own_ids and ids.isdisjoint(rubric.old_ids):
        # The usual audit, of this very edition: nothing renamed or removed, so the answers are
        # only put in rubric order (what the loop below gives, without its work per item).
        order = rubric.id_order
        if len(by_id) == len(order):  # every item answered: no lookup can miss
            return Reconciled(tuple(map(by_id.__getitem__, order)), (), ())
        return Reconciled(tuple(by_id[i] for i in order if i in by_id), (), ())
    current: list[Answer] = []
    renamed: list[tuple[str, str]] = []
    used: set[str] = set()
    for _, item in rubric.items():
        candidates = [item.id, *item.replaces]
        winner = next((c for c in candidates if _given(by_id.get(c))), None)
        if winner is not None:
            chosen = by_id[winner]
            current.append(replace(chosen, item_id=item.id))
            used.add(winner)
            if winner != item.id:
                renamed.append((winner, item.id))
        elif item.id in by_id:  # present but empty: kept, as the file has it
            current.append(by_id[item.id])
            used.add(item.id)
    own = {item.id for _, item in rubric.items()}
    removed = tuple(
        answer
        for answer in answers
        if answer.item_id not in used and _given(answer) and answer.item_id not in own
    )
    return Reconciled(tuple(current), removed, tuple(renamed))


@record
class CarriedOver:
    """An earlier audit's answers as the start of the next audit of ``rubric``'s edition."""

    answers: tuple[Answer, ...]  # under the edition's ids; notes and evidence as they were
    dropped: tuple[str, ...]  # items whose score was left out: their levels changed since
    removed: tuple[Answer, ...]  # answers to items the edition does not have: not carried


def carry_over(answers: Sequence[Answer], rubric: Rubric, written_for: int | None) -> CarriedOver:
    """``answers`` of an audit written for edition ``written_for`` (``None``: ``rubric``'s own)
    carried to ``rubric``: notes and evidence always, a score (n/a too) and the criteria
    recorded only where the item's levels did not change between the two editions, since across
    the change they would mean something else. An answer left with nothing is left out."""
    reconciled = reconcile(answers, rubric)
    changed = set(relevelled(rubric, [written_for, None]))
    carried: list[Answer] = []
    dropped: list[str] = []
    for answer in reconciled.answers:
        if answer.item_id in changed and answer.score is not None:
            dropped.append(answer.item_id)
        if answer.item_id in changed:
            answer = replace(answer, score=None, criteria=None, score_from_criteria=False)
        if _given(answer):
            carried.append(answer)
    return CarriedOver(tuple(carried), tuple(dropped), reconciled.removed)
