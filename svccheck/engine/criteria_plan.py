"""What the criteria an audit ticked add to an improvement plan: the criteria each step still
misses, which are its first actions, and the order in which the steps are taken.

A step raises an item from its score to the plan's ``to``; its missing criteria are those of the
levels in between and of ``to`` not seen met (:func:`svccheck.engine.criteria.missing_up_to`,
the same reading as ``next_level_missing`` in ``score -f json``). They are counted over the whole
step, not the next level alone: a step from 2 to 4 needs level 3's criteria and level 4's, and
counting level 3's alone would call three criteria of work a quick win.

Order: the plan takes items by gain (or priority), as before. Where the audit ticked criteria,
a step missing one criterion is a **quick win** and goes first, in that order; the other steps
with ticked criteria keep the places the gain order gives them as a group but fill them fewest
missing first (ties in the gain order). Items answered with a score alone, and an answer whose
criteria leave nothing missing (a score given beside them), keep their places but for the quick
wins before them. An audit without criteria gets the plan it got before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from svccheck.engine import editions
from svccheck.engine.criteria import MissingCriterion, missing_up_to
from svccheck.model.audit import Audit
from svccheck.model.rubric import Rubric

QUICK_WIN = 1  # criteria missing


def missing_by_item(
    rubric: Rubric, audit: Audit, steps: Iterable[tuple[str, int, int]]
) -> dict[str, tuple[MissingCriterion, ...]]:
    """The criteria each step (item id, from, to) still misses, for the steps whose answer
    ticked criteria of this edition's levels and misses some; others are left out."""
    answers = audit.answer_map()
    items = {item.id: item for _, item in rubric.items()}
    # An answer of an earlier edition whose item's levels changed since ticked other levels.
    relevelled = set(editions.relevelled(rubric, (audit.rubric_version, None)))
    found = {}
    for item_id, score, to in steps:
        answer, item = answers.get(item_id), items.get(item_id)
        if answer is None or not answer.criteria or item is None or item_id in relevelled:
            continue
        missing = missing_up_to(item, answer.criteria, score, to)
        if missing:
            found[item_id] = missing
    return found


def actions(missing: tuple[MissingCriterion, ...]) -> tuple[str, ...]:
    """The missing criteria as a step's first actions, each with its key as the audit writes
    it and its level: ``Meet [standards-trace@4] (level 4): At least 4 in 5 …``."""
    said = tuple(f"Meet [{c.key}] (level {c.level}): {c.text}" for c in missing)
    if len(said) == QUICK_WIN:
        return (f"Quick win, the one criterion missing: {said[0][0].lower()}{said[0][1:]}",)
    return said


def phased(ids: list[str], missing: Mapping[str, tuple[MissingCriterion, ...]]) -> list[str]:
    """``ids`` (by gain or priority) in the order the plan takes them (see the module's
    docstring)."""
    count = {item_id: len(missing[item_id]) for item_id in ids if item_id in missing}
    quick = [item_id for item_id in ids if count.get(item_id) == QUICK_WIN]
    rest = [item_id for item_id in ids if count.get(item_id) != QUICK_WIN]
    fewest_first = iter(sorted((i for i in rest if i in count), key=count.__getitem__))
    return quick + [next(fewest_first) if item_id in count else item_id for item_id in rest]
