"""The scoring model: pure functions from a rubric and answers to a :class:`Report`.

percent(item)  = 100 x (answer - scale.min) / (scale.max - scale.min) for a whole-number answer;
                 n/a and unanswered items have none and are left out of every mean.
section score  = sum(item weight x percent) / sum(item weight), over items with a percent.
S (a section's effective weight)
               = its declared weight, when the rubric weighs its sections; otherwise the sum of
                 the weights of its items that have a percent (so a weight-2 item always counts
                 twice a weight-1 item, whatever the size of its section).
share          = S / sum of S over the scored sections: the section's part of the overall.
overall score  = sum(S x section score) / sum(S), over scored sections; without section
                 weights this is the item-weighted mean of every item with a percent.
coverage       = items answered with a number or n/a / all items.
level          = the band with the highest min that is <= the overall score.
potential gain = share x (item weight / sum of weights of the section's items with a percent)
                 x (target - percent), for items below the target: the overall points gained
                 if that item alone reached the target. Gains add up. Actions are ranked by
                 gain compared exactly, ties in rubric order (svccheck.engine.ranking).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import NamedTuple

from svccheck.engine import evidence as evidences
from svccheck.engine import ranking
from svccheck.engine.results import ItemResult, Report, SectionResult
from svccheck.model.audit import Answer, Audit, Evidence, Observations, Score
from svccheck.model.header import Header
from svccheck.model.rubric import Rubric, Scale, Section


def percent(answer: Score, scale: Scale) -> float | None:
    """Where a whole-number answer sits on the scale, 0..100; ``None`` for n/a or no answer."""
    if not isinstance(answer, int) or isinstance(answer, bool):
        return None
    return 100.0 * (answer - scale.min) / (scale.max - scale.min)


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Sum(weight x value) / sum(weight); ``None`` when there is nothing to average."""
    # Sums of lists, not of generators: the same additions in the same order, without a frame
    # per term (every section of every report of a bulk run).
    total = sum([weight for weight, _ in pairs])
    if not pairs or total <= 0:
        return None
    return sum([weight * value for weight, value in pairs]) / total


def level_for(rubric: Rubric, overall: float | None) -> str | None:
    """The name of the maturity band an overall score falls in."""
    if overall is None:
        return None
    reached = [level for level in rubric.levels if level.min <= overall + 1e-9]
    return reached[-1].name if reached else None


def effective_weight(section: Section, percents: Mapping[str, float | None]) -> float:
    """S: the declared section weight, or the weights of the section's items with a percent."""
    if section.weight is not None:
        return section.weight
    return sum([item.weight for item in section.items if percents.get(item.id) is not None])


def section_scores(
    rubric: Rubric, percents: Mapping[str, float | None]
) -> tuple[list[float | None], float | None]:
    """Every section's score and the overall score, from the items' percents."""
    values, weights = _scored_sections(rubric, percents)
    return values, _overall(values, weights)


def _scored_sections(
    rubric: Rubric, percents: Mapping[str, float | None]
) -> tuple[list[float | None], list[float]]:
    """Every section's score, and its effective weight S (0 for a section without a score)."""
    values = [
        weighted_mean(
            [(item.weight, p) for item in section.items if (p := percents.get(item.id)) is not None]
        )
        for section in rubric.sections
    ]
    weights = [
        effective_weight(section, percents) if value is not None else 0.0
        for section, value in zip(rubric.sections, values, strict=True)
    ]
    return values, weights


def _overall(values: list[float | None], weights: list[float]) -> float | None:
    """The overall score: the sections' scores weighted by S."""
    return weighted_mean([(w, v) for w, v in zip(weights, values, strict=True) if v is not None])


def shares(rubric: Rubric, percents: Mapping[str, float | None]) -> list[float | None]:
    """Each section's part of the overall score (0..1, summing to 1); ``None`` if none scores."""
    _, weights = _scored_sections(rubric, percents)
    return _shares(weights)


def _shares(weights: list[float]) -> list[float | None]:
    """:func:`shares`, given the sections' effective weights."""
    total = sum(weights)
    return [weight / total if total > 0 else None for weight in weights]


def item_shares(rubric: Rubric) -> dict[str, float]:
    """Each item's part of the overall score when every item is answered (``rubrics show``)."""
    everything: dict[str, float | None] = {item.id: 0.0 for _, item in rubric.items()}
    result = {}
    for section, share in zip(rubric.sections, shares(rubric, everything), strict=True):
        total = sum(item.weight for item in section.items)
        for item in section.items:
            result[item.id] = (share or 0.0) * item.weight / total
    return result


def item_percents(
    rubric: Rubric, audit: Audit, *, strict: bool = False, require_evidence: bool = False
) -> dict[str, float | None]:
    """Every item's percent (``None`` for n/a and unanswered; 0 for unanswered when strict);
    with ``require_evidence``, an unsupported claim counts as ``evidence_from - 1``."""
    answers = {answer.item_id: answer.score for answer in audit.answers}
    percents: dict[str, float | None] = {}
    low, span = rubric.scale.min, rubric.scale.max - rubric.scale.min
    for item_id in rubric.id_order:  # percent() inline: a call per item adds up in bulk
        answer = answers.get(item_id)
        if isinstance(answer, int) and not isinstance(answer, bool):  # as percent()
            percents[item_id] = 100.0 * (answer - low) / span
        else:
            percents[item_id] = 0.0 if answer is None and strict else None
    if require_evidence:
        for item_id, cap in evidences.caps(rubric, audit.answers).items():
            percents[item_id] = 100.0 * (cap - low) / span
    return percents


class Recorded(NamedTuple):
    """What the answers record beside their scores, by item id."""

    evidence: Mapping[str, tuple[Evidence, ...] | None]
    criteria: Mapping[str, Observations | None]


def _section_result(
    rubric: Rubric,
    section: Section,
    value: float | None,
    share: float | None,
    percents: Mapping[str, float | None],
    answers: Mapping[str, Score | float],
    notes: Mapping[str, str | None],
    recorded: Recorded,
    detailed: bool = True,
) -> SectionResult:
    """One section's items with their potential gains (see :func:`score_percents`); without
    ``detailed``, its score and counts only."""
    if not detailed:
        answered = sum([answers.get(item.id) is not None for item in section.items])
        return SectionResult(section, value, answered, len(section.items), (), share)
    rows = [(item, item.id, percents.get(item.id)) for item in section.items]
    item_weight = sum(item.weight for item, _, p in rows if p is not None)
    target, section_id = rubric.target, section.id
    items = []
    answered = 0
    for item, item_id, p in rows:
        gain = None
        if p is not None and p < target and value is not None and share is not None:
            gain = share * (item.weight / item_weight) * (target - p)
        answer = answers.get(item_id)
        answered += answer is not None  # as ItemResult.answered
        given, observed = recorded.evidence.get(item_id), recorded.criteria.get(item_id)
        note = notes.get(item_id)
        items.append(ItemResult(section_id, item, answer, note, p, gain, given, observed))
    return SectionResult(section, value, answered, len(items), tuple(items), share)


def _actions(rubric: Rubric, results: list[SectionResult]) -> tuple[ItemResult, ...]:
    """The items with a potential gain, largest first (:mod:`svccheck.engine.ranking`)."""
    with_gain = [
        result for section in results for result in section.items if result.gain is not None
    ]
    key = ranking.GainKey(rubric, results)
    return tuple(ranking.ranked(with_gain, key, lambda result: result.gain or 0.0))


def _weakest(results: list[SectionResult]) -> tuple[SectionResult, ...]:
    """The scored sections, lowest first."""
    scored = [section for section in results if section.score is not None]
    return tuple(sorted(scored, key=lambda s: s.score if s.score is not None else 0.0))


def _coverage(results: list[SectionResult]) -> float:
    """The share of items answered (0 for a rubric without items)."""
    total = sum(section.total for section in results)
    return sum(section.answered for section in results) / total if total else 0.0


def score_percents(
    rubric: Rubric,
    header: Header,
    percents: Mapping[str, float | None],
    answers: Mapping[str, Score | float],
    notes: Mapping[str, str | None],
    strict: bool = False,
    *,
    removed: tuple[Answer, ...] = (),
    min_coverage: float | None = None,
    evidence: Mapping[str, tuple[Evidence, ...] | None] | None = None,
    criteria: Mapping[str, Observations | None] | None = None,
    confidence: float | None = None,
    detailed: bool = True,
) -> Report:
    """The report for item percents that are already known (shared by score and combine).

    ``min_coverage`` (a share 0..1) defaults to the rubric's own minimum; ``evidence`` and
    ``criteria`` are the answers' own, by item id; ``confidence`` is the share of claims with
    evidence behind the percents (:mod:`svccheck.engine.evidence`). Without ``detailed`` the
    report has its scores only, sections without their items and no actions: combine's groups,
    of which every view shows the section and overall scores alone.
    """
    recorded = Recorded(evidence or {}, criteria or {})
    section_values, weights = _scored_sections(rubric, percents)
    overall = _overall(section_values, weights)
    section_shares = _shares(weights)
    results = [
        _section_result(rubric, section, value, share, percents, answers, notes, recorded, detailed)
        for section, value, share in zip(
            rubric.sections, section_values, section_shares, strict=True
        )
    ]
    return Report(
        rubric=rubric,
        header=header,
        sections=tuple(results),
        overall=overall,
        level=level_for(rubric, overall),
        coverage=_coverage(results),
        weakest=_weakest(results),
        actions=_actions(rubric, results) if detailed else (),
        strict=strict,
        removed=removed,
        min_coverage=rubric.min_coverage / 100 if min_coverage is None else min_coverage,
        confidence=confidence,
    )


def score(
    rubric: Rubric,
    audit: Audit,
    *,
    strict: bool = False,
    min_coverage: float | None = None,
    require_evidence: bool = False,
) -> Report:
    """Score an audit against its rubric.

    With ``strict``, an unanswered item counts as the lowest score instead of being left out.
    Below ``min_coverage`` (a share 0..1; default: the rubric's own, 80 % unless it says)
    answered, the report is provisional. With ``require_evidence``, a score at or above the
    rubric's ``evidence_from`` without evidence counts as ``evidence_from - 1``.
    """
    answers = {answer.item_id: answer.score for answer in audit.answers}
    notes = {answer.item_id: answer.note for answer in audit.answers}
    percents = item_percents(rubric, audit, strict=strict, require_evidence=require_evidence)
    report = score_percents(
        rubric, audit.header(), percents, answers, notes, strict, removed=audit.removed,
        min_coverage=min_coverage, evidence={a.item_id: a.evidence for a in audit.answers},
        criteria={a.item_id: a.criteria for a in audit.answers},
    )  # fmt: skip
    confidence = evidences.tally(rubric, audit.answers).confidence
    return replace(
        report,
        confidence=confidence,
        require_evidence=require_evidence,
        written_for=audit.rubric_version,
    )
