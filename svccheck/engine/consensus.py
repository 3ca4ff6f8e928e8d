"""The consensus audit ``combine --write-consensus`` writes, for the assessors' meeting to confirm.

Per item, over every audit's answer:

score     ``n/a`` when more than half of the answers given are n/a, else the lower median of the
          whole-number answers (always a score some assessor gave); unanswered when nobody
          answered.
evidence  the evidence of every answer that gave that score, merged: each piece once (same text
          and date), in the order of the audits and, within one, as written. ``None`` when none
          of them records any; ``()`` (recorded as missing) when they record only that.
note      where the answers given differ, ``TO CONFIRM`` with what each assessor gave (answer
          and note); where they agree, the assessors' own notes, each text once, after who wrote
          it. No note is made up: an item nobody answered or noted stays empty.
header    the rubric and its current version, the organization (shared, else the first audit's),
          the unit and period when every audit shares one, the assessors, and the latest of the
          audits' dates (none when no audit has one).

Its scores differ from ``combine``'s consensus, which is the mean of the groups' item percents: a
file holds one score per item that somebody gave, a mean may fall between scale points.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from svccheck.engine.alpha import lower_median
from svccheck.engine.calibration import Sheet
from svccheck.model.audit import NA, Answer, Audit, Evidence, Score
from svccheck.model.rubric import Rubric

TO_CONFIRM = "TO CONFIRM in the consensus meeting"


def consensus_answer(scores: Sequence[Score]) -> Score:
    """n/a when more than half of the answers given are n/a; else the lower median of the
    integer answers; unanswered (``None``) when nobody scored."""
    given = [score for score in scores if score is not None]
    if given and given.count(NA) * 2 > len(given):
        return NA
    whole = [score for score in given if isinstance(score, int)]
    return lower_median(whole) if whole else None


def merged_evidence(answers: Iterable[Answer]) -> tuple[Evidence, ...] | None:
    """The evidence of ``answers``, each piece once, in the order given; ``None`` when none of
    them records any (recorded as missing, ``()``, stays recorded)."""
    recorded = [answer.evidence for answer in answers if answer.evidence is not None]
    if not recorded:
        return None
    return tuple(dict.fromkeys(entry for evidence in recorded for entry in evidence))


def _score(answer: Answer | None) -> Score:
    return None if answer is None else answer.score


def _answer_text(score: Score) -> str:
    return "not answered" if score is None else str(score)


def _disputed_note(sheets: Sequence[Sheet], index: int) -> str:
    """What every assessor gave, answer and note, for the meeting to settle."""
    parts = []
    for current in sheets:
        answer = current.answers[index]
        text = f"{current.who} {_answer_text(_score(answer))}"
        note = None if answer is None else answer.note
        parts.append(f"{text} ({note})" if note else text)
    return f"{TO_CONFIRM}; answers: " + "; ".join(parts)


def _agreed_note(sheets: Sequence[Sheet], index: int, score: Score) -> str | None:
    """The assessors' own notes, each text once after everyone who wrote it; an assessor who
    left the item unanswered beside others' answer is named so."""
    writers: dict[str, list[str]] = {}
    for current in sheets:
        answer = current.answers[index]
        if answer is None or not answer.note:
            continue
        unanswered = answer.score is None and score is not None
        writers.setdefault(answer.note, []).append(
            f"{current.who} (not answered)" if unanswered else current.who
        )
    if not writers:
        return None
    return "; ".join(f"{', '.join(names)}: {note}" for note, names in writers.items())


def consensus_item(item_id: str, sheets: Sequence[Sheet], index: int) -> Answer | None:
    """The consensus answer to one item (``None`` when nobody answered or noted it)."""
    answers = [s.answers[index] for s in sheets]
    score = consensus_answer([_score(answer) for answer in answers])
    given = {answer.score for answer in answers if answer is not None and answer.score is not None}
    note = _disputed_note(sheets, index) if len(given) > 1 else _agreed_note(sheets, index, score)
    evidence = merged_evidence(a for a in answers if a is not None and a.score == score)
    if score is None and note is None and evidence is None:
        return None
    return Answer(item_id, score, note, evidence)


def _common(values: Iterable[str | None]) -> str | None:
    """The value when all share one, else ``None``."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def consensus_audit(rubric: Rubric, sheets: Sequence[Sheet], rubric_reference: str) -> Audit:
    """The consensus audit of ``sheets`` (audits of ``rubric``), naming the rubric as
    ``rubric_reference``: see the module's docstring."""
    answers = (consensus_item(item_id, sheets, i) for i, item_id in enumerate(rubric.item_ids()))
    names = dict.fromkeys(s.who for s in sheets if s.assessor is not None)
    dates = [s.date for s in sheets if s.date is not None]
    return Audit(
        rubric=rubric_reference,
        rubric_version=rubric.version,
        organization=_common(s.organization for s in sheets) or sheets[0].organization,
        unit=_common(s.unit for s in sheets),
        period=_common(s.period for s in sheets),
        assessor=", ".join(names) or None,
        date=max(dates) if dates else None,
        answers=tuple(answer for answer in answers if answer is not None),
    )
