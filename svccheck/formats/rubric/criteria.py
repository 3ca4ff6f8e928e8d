"""Observable criteria of an item's levels, as the item bank declares them: thresholds as data,
their wording generated from the data, and the checks that keep the levels a partition.

An item's levels 2 to 5 have at most two criteria each (level 1 has none: it is what is left).
A criterion is one observable with at most one threshold: a share of a named sample ("at least 4
in 5 sampled staff"), a count, a rate, a ceiling, or a run of months, optionally within a window.
The same criterion id at several levels is a *ladder*: one measure whose threshold is strictly
stronger at each higher level. Levels are cumulative, so with the rubric's scoring rule every set
of observations reaches exactly one level (:func:`level_reached`), and no level without the ones
below it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from functools import cache
from typing import Any

from svccheck.core.record import record
from svccheck.core.vocabulary import CriterionStatus
from svccheck.formats.rubric import bands

LEVELS = (2, 3, 4, 5)
MAX_PER_LEVEL = 2
MAX_WORDS = 150  # the question and every criterion of one item
SAMPLES = {
    "staff": "the staff sample",
    "cross-department": "the cross-department sample",
    "contacts": "the contact sample",
    "cases": "the case sample",
    "records": "the record sample",
}
# Words that ask for a whole population: unverifiable in an audit sample and broken by one
# exception. Refused in every criterion below level 5.
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


# Compiled when a rubric is checked, which a report of a rubric read before never does (0.3 ms of
# a `diff`, measured in benchmarks/).
@cache
def _total() -> re.Pattern[str]:
    return re.compile(r"\b(every|all|each|always|100 ?%|no exceptions?)\b", re.IGNORECASE)


@cache
def _doubled() -> re.Pattern[str]:
    return re.compile(r"\bat (least|most) \{(share|count|rate|at_most)\}", re.IGNORECASE)


THRESHOLDS = ("share", "count", "rate", "at_most", "months")


@record
class Criterion:
    """One observable criterion at one level; ``strength`` orders the rungs of a ladder."""

    id: str
    level: int
    text: str
    kind: str | None  # one of THRESHOLDS, or None for "seen"
    strength: Fraction
    window: int | None = None  # months
    threshold: Any = None  # the threshold as the bank gives it (a window's months if no other)
    partly: Any = None  # the partly-met band, a threshold of the criterion's kind (bands.py)
    band_strength: Fraction | None = None  # the band's strength, below ``strength``

    @property
    def band(self) -> str | None:
        """The partly-met band in words ("at least 7 in 10"), or ``None``."""
        if self.partly is None:
            return None
        return bands.band_wording(self.kind, self.partly, self.text)


def _fraction(value: Any) -> Fraction:
    k, n = value
    return Fraction(int(k), int(n))


def _strength(kind: str | None, data: Mapping[str, Any]) -> Fraction:
    """A number that is larger for a stronger threshold of the same kind."""
    if kind is None:
        return Fraction(0)
    if kind in ("share", "months"):
        value = _fraction(data[kind])
        return value + Fraction(int(data[kind][1]), 1000) if kind == "months" else value
    if kind == "at_most":
        return -Fraction(str(data[kind]))
    return Fraction(str(data[kind]))


def wording(data: Mapping[str, Any]) -> str:
    """The criterion's text with its placeholders filled from its data."""
    share = data.get("share")
    months = data.get("months")
    fills = {
        "share": f"At least {share[0]} in {share[1]}" if share else None,
        "count": f"at least {data['count']}" if "count" in data else None,
        "rate": f"at least {data['rate']}%" if "rate" in data else None,
        "at_most": f"at most {data['at_most']}" if "at_most" in data else None,
        "window": _months(data["window"]) if "window" in data else None,
        "months": f"{months[0]} of the last {months[1]} months" if months else None,
    }
    text = str(data["text"])
    text = _PLACEHOLDER.sub(lambda m: str(fills.get(m.group(1)) or m.group(0)), text)
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _months(count: int) -> str:
    if count % 12 == 0 and count >= 24:
        return f"the last {count // 12} years"
    return "the last month" if count == 1 else f"the last {count} months"


def criterion(
    data: Mapping[str, Any], level: int, lower: Mapping[str, Any] | None = None
) -> Criterion:
    """One criterion from its bank data (checked by :func:`problems` first); ``lower`` is the
    data of the next lower rung of the same measure, which bounds the partly-met band."""
    kinds = [name for name in THRESHOLDS if name in data]
    kind = kinds[0] if kinds else None
    window = int(data["window"]) if "window" in data else None
    partly = bands.band(kind, data, lower)
    band_strength = None if partly is None else bands.strength(kind, partly)
    text = wording(data)
    strength = _strength(kind, data)
    threshold = data[kind] if kind is not None else window
    return Criterion(
        str(data["id"]), level, text, kind, strength, window, threshold, partly, band_strength
    )


def levels_of(item: Mapping[str, Any]) -> dict[int, tuple[Criterion, ...]]:
    """An item's criteria by level (2 to 5), each with its partly-met band."""
    levels = item.get("levels") or {}
    found: dict[int, tuple[Criterion, ...]] = {}
    rungs: dict[str, Mapping[str, Any]] = {}  # the latest rung of each measure, by id
    for level in LEVELS:
        entry = levels.get(level) or {}
        at_level = []
        for data in entry.get("criteria") or ():
            at_level.append(criterion(data, level, rungs.get(str(data.get("id")))))
        for data in entry.get("criteria") or ():
            rungs[str(data.get("id"))] = data
        found[level] = tuple(at_level)
    return found


def _criterion_problems(data: Mapping[str, Any], level: int) -> list[str]:
    where = f"level {level} criterion {data.get('id')!r}"
    text = str(data.get("text", ""))
    problems = []
    kinds = [name for name in THRESHOLDS if name in data]
    if len(kinds) > 1:
        problems.append(f"{where}: more than one threshold ({', '.join(kinds)})")
    names = set(_PLACEHOLDER.findall(text))
    for name in names - {"window", *kinds}:
        problems.append(f"{where}: {{{name}}} has no value")
    for name in {*kinds, *(["window"] if "window" in data else [])} - names:
        problems.append(f"{where}: {name} is given but {{{name}}} is not in the text")
    if _doubled().search(text):
        problems.append(f"{where}: says 'at least' or 'at most' twice (the placeholder says it)")
    if re.search(r"\d", _PLACEHOLDER.sub("", text)):
        problems.append(f"{where}: a number typed into the text; give it as data")
    if "share" in data and data.get("sample") not in SAMPLES:
        problems.append(f"{where}: sample must be one of {', '.join(SAMPLES)}")
    total = _total().search(text)
    if level < 5 and total:
        problems.append(f"{where}: asks for a whole population ({total[0]!r})")
    if "share" in data and _fraction(data["share"]) >= 1:
        problems.append(f"{where}: a share of the whole sample; at most 9 in 10")
    problems += _partly_problems(data, kinds[0] if kinds else None, where)
    if len(wording(data).split()) > 25:
        problems.append(f"{where}: over 25 words")
    return problems


def _partly_problems(data: Mapping[str, Any], kind: str | None, where: str) -> list[str]:
    """A band the bank sets itself: ``false``, or a threshold of the criterion's own kind."""
    if "partly" not in data or data["partly"] is False:
        return []
    value = data["partly"]
    pair = isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)
    number = type(value) in (int, float) and value > 0
    fits = {"share": pair, "months": pair, "count": type(value) is int and value > 0}
    if kind is None and "window" not in data:
        return [f"{where}: partly is set, but the criterion has no threshold to fall short of"]
    if not fits.get(kind or "", number):
        return [f"{where}: partly must be false or a threshold like its {kind or 'window'}"]
    return []


def problems(item: Mapping[str, Any]) -> list[str]:
    """Why an item's levels would not partition the evidence, or break the writing rules."""
    found: list[str] = []
    levels = item.get("levels") or {}
    if set(levels) != {1, *LEVELS}:
        return [f"levels must be 1 to 5, got {sorted(levels)}"]
    if not isinstance(levels[1], str):
        found.append("level 1 is a picture only, without criteria")
    for level in LEVELS:
        entry = levels[level]
        criteria = entry.get("criteria") or []
        if not 1 <= len(criteria) <= MAX_PER_LEVEL:
            found.append(f"level {level}: 1 or {MAX_PER_LEVEL} criteria, got {len(criteria)}")
        ids = [c.get("id") for c in criteria]
        if len(set(ids)) != len(ids):
            found.append(f"level {level}: a criterion id twice")
        for data in criteria:
            found += _criterion_problems(data, level)
        picture = str(entry.get("picture", ""))
        if not 8 <= len(picture.split()) <= 30:
            found.append(f"level {level}: the picture has {len(picture.split())} words (12-25)")
    if found:
        return found
    found += _ladder_problems(levels_of(item))
    found += _band_problems(levels_of(item))
    words = len(str(item.get("question", "")).split())
    words += sum(len(c.text.split()) for cs in levels_of(item).values() for c in cs)
    if words > MAX_WORDS:
        found.append(f"question and criteria have {words} words (at most {MAX_WORDS})")
    return found


def _ladder_problems(by_level: Mapping[int, Iterable[Criterion]]) -> list[str]:
    """A ladder's rungs: one kind of threshold, strictly stronger at each higher level."""
    rungs: dict[str, list[Criterion]] = {}
    for level in LEVELS:
        for item_criterion in by_level[level]:
            rungs.setdefault(item_criterion.id, []).append(item_criterion)
    found = []
    for name, ladder in rungs.items():
        for lower, higher in itertools.pairwise(ladder):
            if lower.kind != higher.kind:
                found.append(f"ladder {name!r}: level {higher.level} changes the kind")
            elif higher.strength <= lower.strength and (higher.window or 0) <= (lower.window or 0):
                found.append(
                    f"ladder {name!r}: level {higher.level} is not stronger than "
                    f"level {lower.level}"
                )
    return found


def _band_problems(by_level: Mapping[int, Iterable[Criterion]]) -> list[str]:
    """Each band strictly between its threshold and the next lower rung of the same measure."""
    found = []
    lower: dict[str, Fraction] = {}
    for level in LEVELS:
        for rung in by_level[level]:
            if rung.threshold is None:
                continue
            threshold = bands.strength(rung.kind, rung.threshold)
            below = lower.get(rung.id)
            if rung.band_strength is not None and not (
                (below is None or below < rung.band_strength) and rung.band_strength < threshold
            ):
                found.append(
                    f"level {level} criterion {rung.id!r}: the partly-met band "
                    f"({rung.band}) is not between the threshold and the rung below"
                )
            lower[rung.id] = threshold
    return found


MET, PARTLY, NOT_MET, NOT_ASSESSED = (
    CriterionStatus.MET,
    CriterionStatus.PARTLY,
    CriterionStatus.NOT_MET,
    CriterionStatus.NOT_ASSESSED,
)


def level_reached(statuses: Mapping[tuple[int, str], str], lowest: int = 1) -> int:
    """The level the rubric's scoring rule gives: the highest level shown by a criterion seen
    met at that level or above it, with no criterion at that level or below seen not met and at
    most one measure at or below it partly met (a ladder partly met at two rungs is one
    measure); a partly met criterion is tolerated but never shows a level by itself. A
    criterion never shown counts neither way, at any level: it neither blocks a level nor shows
    one, so the levels below a criterion seen met are presupposed, also where a criterion seen
    not met beside it keeps its own level from being reached (a level-3 criterion met and the
    other not met, level 2 never shown: 2, not 1); a rung of a measure seen met meets its lower
    rungs. ``statuses`` maps (level, criterion id) of every
    criterion of the item to MET, PARTLY, NOT_MET or NOT_ASSESSED (never shown). ``lowest`` is
    the scale's lowest point, what is left (1 in the built-in rubrics, whose criteria are at
    levels 2 to 5); the levels are those the criteria are at, lowest first."""
    seen = _with_lower_rungs(statuses)
    highest_met = max((at for (at, _), status in seen.items() if status == MET), default=lowest)
    reached, partly = lowest, set()
    for level in sorted({at for at, _ in seen if lowest < at <= highest_met}):
        own = {name: status for (at, name), status in seen.items() if at == level}
        partly |= {name for name, status in own.items() if status == PARTLY}
        if NOT_MET in own.values() or len(partly) > 1:
            break
        reached = level  # shown by a criterion seen met here or above
    return reached


def _with_lower_rungs(statuses: Mapping[tuple[int, str], str]) -> dict[tuple[int, str], str]:
    """The observations with every rung below a met rung of the same measure met, where the
    evidence did not show that lower rung itself."""
    seen = dict(statuses)
    for (level, name), status in statuses.items():
        for lower, other in statuses:
            below = other == name and lower < level
            if status == MET and below and statuses[(lower, other)] == NOT_ASSESSED:
                seen[(lower, other)] = MET
    return seen
