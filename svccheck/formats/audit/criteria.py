"""An answer's ``criteria`` (audit format 3): what the evidence showed of the item's criteria.

``criteria`` maps criterion keys to ``met``, ``partly``, ``not-met`` or ``not-assessed`` (looked
for, never shown: it counts neither way, as a criterion left out does). A key is the criterion's
id, or ``id@level`` for an id at several levels (a ladder: ``staff-priority@4``), as
:attr:`svccheck.model.rubric.Item.criterion_keys` spells it. Where the answer gives no score, the
score is the level the criteria reach by the rubric's scoring rule
(:func:`svccheck.formats.rubric.criteria.level_reached`, the one rule); where it gives another
score without a note, the file is refused, naming that level. The rules that need the rubric
(known keys, the score agreeing) are cross-field rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from svccheck.core.errors import Rule, did_you_mean
from svccheck.core.sanitize import excerpt
from svccheck.core.vocabulary import LADDER_MARK, RECORDED_STATUSES, CriterionStatus
from svccheck.formats.declare import INVALID, JSON, Context, Invalid, Path, Text, refused, wrong
from svccheck.formats.rubric.criteria import level_reached
from svccheck.formats.structure import Entry, MapOf
from svccheck.formats.tree import Kind, Mapping, Node, Scalar
from svccheck.model.audit import Answer, Observations, Score
from svccheck.model.rubric import Item, Rubric

CRITERIA_KEY = "criteria"
CRITERIA_SINCE = 3  # the audit format version that added it
KEY = Text(
    f"a criterion id (id{LADDER_MARK}level for an id at several levels)",
    rf"[a-z0-9]+(?:-[a-z0-9]+)*(?:{LADDER_MARK}-?[0-9]{{1,4}})?",
)
STATUS_WORDS = "met, partly, not-met or not-assessed"  # RECORDED_STATUSES, for people
EXPECTED_STATUS = f"{STATUS_WORDS} (not-assessed, or left out: the evidence never showed it)"


class StatusReader:
    """What the evidence showed of one criterion: met, partly, not-met or not-assessed."""

    def read(self, node: Node, path: Path, context: Context) -> CriterionStatus | Invalid:
        if isinstance(node, Scalar) and node.kind is Kind.STR and node.text in RECORDED_STATUSES:
            return CriterionStatus(node.text)
        return INVALID if refused(node) else wrong(node, path, EXPECTED_STATUS, context)

    def schema(self) -> JSON:
        return {
            "enum": [str(status) for status in RECORDED_STATUSES],
            "errorMessage": f"expected {EXPECTED_STATUS}",
            "description": EXPECTED_STATUS,
        }


STATUS = StatusReader()
CRITERIA = MapOf(KEY, STATUS)


def all_read(recorded: tuple[Entry, ...] | None, written: Node) -> bool:
    """Whether every status of a ``criteria`` mapping as written was read; with one refused,
    the rest would give a level the person did not record."""
    if recorded is None or not isinstance(written, Mapping):
        return True
    return len(recorded) == len(written.entries)


def observations(entries: Iterable[Entry]) -> Observations:
    """The recorded statuses, in file order."""
    return tuple((entry.key, entry.value) for entry in entries)


def answer(entry: Entry, derived: dict[str, int]) -> Answer:
    """One answer as read (an entry of ``answers``); its score the level its criteria reach
    where the file gives none (``derived``, by item id: :func:`derive`)."""
    value = entry.value
    if value.criteria is None:
        return Answer(entry.key, value.score, value.note, value.evidence)
    observed = observations(value.criteria)
    score = derived.get(entry.key, value.score)
    return Answer(entry.key, score, value.note, value.evidence, observed, entry.key in derived)


def level_of(item: Item, observed: Observations, lowest: int) -> int:
    """The level ``observed`` reaches by the rubric's scoring rule; every criterion left out
    (or of a key the item does not have) was never shown."""
    recorded = dict(observed)
    statuses = {
        (criterion.level, criterion.id): recorded.get(key, CriterionStatus.NOT_ASSESSED)
        for key, criterion in item.criterion_keys.items()
    }
    return level_reached(statuses, lowest)


def item_schema(item: Item) -> JSON:
    """``criteria`` of one item's answer: its criterion keys, each described by its level and
    text, for editors."""
    properties = {
        key: {**STATUS.schema(), "description": f"level {criterion.level}: {criterion.text}"}
        for key, criterion in item.criterion_keys.items()
    }
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": properties,
        "description": f"criterion id → {STATUS_WORDS}; the criteria of {item.title}",
    }


def derive(
    answers: Sequence[Entry], loaded: Rubric, written_for: int | None, context: Context
) -> dict[str, int]:
    """The scores the criteria give to answers without one, by item id; notes every unknown
    criterion key and every score that contradicts its criteria without a note.

    An answer of an earlier edition of the rubric whose item's levels changed since then (or to
    an item this edition no longer has) recorded criteria of other levels: kept as written, not
    checked and giving no score."""
    recorded = [entry for entry in answers if _judged(entry.value.criteria)]
    if not recorded:  # the common case, in bulk runs: no item to look up
        return {}
    items = {item.id: item for _, item in loaded.items()}
    derived: dict[str, int] = {}
    for entry in recorded:
        value: Any = entry.value
        item = items.get(entry.key)
        if item is None or _relevelled(item, written_for):
            continue  # of other levels
        if not _known_keys(entry.key, item, value.criteria, context):
            continue
        level = level_of(item, observations(value.criteria), loaded.scale.min)
        if value.score is None:
            derived[entry.key] = level
        elif value.score != level and not (value.note or "").strip():
            _contradiction(entry.key, value.score, level, value.score_node, context)
    return derived


def _judged(recorded: tuple[Entry, ...] | None) -> bool:
    """Whether some criterion was seen: ``{}``, or only ``not-assessed``, leaves nothing to judge
    (the answer stays unanswered, as a blank one does)."""
    return any(entry.value is not CriterionStatus.NOT_ASSESSED for entry in recorded or ())


def _relevelled(item: Item, written_for: int | None) -> bool:
    since = item.levels_since
    return written_for is not None and since is not None and written_for < since


def _known_keys(item_id: str, item: Item, entries: Iterable[Entry], context: Context) -> bool:
    """Whether every key names one of the item's criteria; notes those that do not."""
    keys = list(item.criterion_keys)
    known = True
    for entry in entries:
        if entry.key in item.criterion_keys:
            continue
        known = False
        where = f"answers.{item_id}.{CRITERIA_KEY}"
        context.problem(
            entry.key_node, f"{where}: {_unknown(entry.key, item, keys)}", Rule.CROSS_FIELD
        )
    return known


def _unknown(key: str, item: Item, keys: list[str]) -> str:
    """Why ``key`` is no criterion of ``item``, with the key meant where one is close."""
    told = f"unknown criterion {excerpt(key)} of item {item.id}"
    rungs = [other for other in keys if other.split(LADDER_MARK)[0] == key]
    if rungs:
        return f"{told}: it is at several levels, write {' or '.join(rungs)}"
    if not keys:
        return f"{told}, which has no criteria"
    hint = did_you_mean(key, keys)
    return told + (hint or f" (its criteria: {', '.join(keys)})")


def _contradiction(item_id: str, score: Score, level: int, node: Node, context: Context) -> None:
    message = (
        f"answers.{item_id}: score {score}, but the criteria recorded give level {level}; "
        f"write {level}, or keep {score} and say why in a note"
    )
    context.problem(node, message, Rule.CROSS_FIELD)
