"""What an answer's recorded criteria say beside its score: the criteria seen met, and those of
the next level not seen met (what the item still needs to rise one level).

Keys are the audit file's (:attr:`svccheck.model.rubric.Item.criterion_keys`): an id, or
``id@level`` for a rung of a ladder. A rung seen met meets the lower rungs of the same measure
(the rubric's scoring rule), so a lower rung is not missing when a higher one was seen met.
"""

from __future__ import annotations

from collections.abc import Callable

from svccheck.core.record import record
from svccheck.core.vocabulary import CriterionStatus
from svccheck.model.audit import Observations, Score
from svccheck.model.rubric import Item


def criteria_met(observed: Observations) -> tuple[str, ...]:
    """The keys recorded as met, in the order recorded."""
    return tuple(key for key, status in observed if status == CriterionStatus.MET)


@record
class MissingCriterion:
    """A criterion an item still needs for a level: seen not met, partly met or never shown."""

    key: str
    level: int
    text: str


def next_level_missing(
    item: Item, observed: Observations, score: Score | float
) -> tuple[str, ...] | None:
    """The keys of the criteria of the level above ``score`` not seen met, in rubric order;
    empty at the top of the item's criteria, ``None`` without a whole-number score."""
    if not isinstance(score, int) or isinstance(score, bool):
        return None
    return tuple(missing.key for missing in missing_up_to(item, observed, score, score + 1))


def missing_up_to(
    item: Item, observed: Observations, score: int, to: int
) -> tuple[MissingCriterion, ...]:
    """The criteria of the levels above ``score`` up to ``to`` not seen met, level by level in
    rubric order (a rung is not missing where a higher rung of its measure was seen met)."""
    met = set(criteria_met(observed))
    above = _met_above(item, observed)
    return tuple(
        MissingCriterion(key, criterion.level, criterion.text)
        for key, criterion in item.criterion_keys.items()
        if score < criterion.level <= to and key not in met and not above(key)
    )


def unjudged(item: Item, observed: Observations, score: Score | float) -> tuple[str, ...]:
    """The keys of the criteria the assessor recorded nothing for at the level given and above,
    and at each level below it where nothing at all was recorded, in rubric order (a rung
    presupposed by a higher rung seen met is judged).

    Two assessors of one pack disagree most often where one judged such a criterion and the other
    never looked at it: never shown counts neither way, so one item stops at 3 where the other,
    one criterion of level 5 seen met, reaches 5; or it rises on a level's other criterion, a
    rung of it left out. And a level below the one given that nobody looked at is presupposed,
    which evidence the assessor did not look for may contradict. Naming these keys asks for a
    judgement; a level below with any criterion judged stays unnamed, and so does every level
    from the lowest with a criterion seen not met up (no judgement there can change the level).
    """
    if not isinstance(score, int) or isinstance(score, bool):
        return ()
    judged = {key for key, _ in observed}
    above = _met_above(item, observed)
    levels = {key: item.criterion_keys[key].level for key in judged if key in item.criterion_keys}
    looked_at = set(levels.values())
    blocked = min(
        (levels[key] for key, status in observed
         if status == CriterionStatus.NOT_MET and key in levels),
        default=None,
    )  # fmt: skip
    return tuple(
        key
        for key, criterion in item.criterion_keys.items()
        if (criterion.level >= score or criterion.level not in looked_at)
        and (blocked is None or criterion.level < blocked)
        and key not in judged
        and not above(key)
    )


def _met_above(item: Item, observed: Observations) -> Callable[[str], bool]:
    """Whether a higher rung of a key's measure was seen met (which meets the key's rung)."""
    met_rungs = {
        (item.criterion_keys[key].id, item.criterion_keys[key].level)
        for key in criteria_met(observed)
        if key in item.criterion_keys
    }

    def met_above(key: str) -> bool:
        rung = item.criterion_keys[key]
        return any(name == rung.id and level > rung.level for name, level in met_rungs)

    return met_above
