"""The calibration figures of docs/calibration.md, computed from the scorings in this folder.

    .venv/bin/python examples/cases/figures.py examples/cases/scorings/round-1

reads FOLDER/<assessor>/case-NN.yaml and prints, per pack and assessor, the overall score, the
level, the answers and the notes marked UNCLEAR: or NOT ASSESSED:; then, over the packs scored
by two assessors, Krippendorff's ordinal alpha (svccheck's own, as `combine --by assessor`
computes it), exact agreement and agreement within one point; and each designed group's mean.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from svccheck.core.vocabulary import CriterionStatus
from svccheck.engine import scoring
from svccheck.engine.alpha import ordinal_alpha
from svccheck.formats.audit.criteria import level_of
from svccheck.formats.audit.loading import load_audit
from svccheck.model.audit import LoadedAudit

# How each pack was designed (its writer never saw the rubric's levels or criteria).
DESIGNED = {
    "case-01": "mixed", "case-02": "outstanding", "case-03": "weak",
    "case-04": "weak", "case-05": "outstanding", "case-06": "mixed",
    "case-07": "outstanding", "case-08": "weak", "case-09": "mixed",
    "case-10": "outstanding", "case-11": "mixed", "case-12": "weak",
    "case-13": "outstanding", "case-14": "mixed", "case-15": "weak",
    "case-16": "outstanding", "case-17": "mixed", "case-18": "weak",
    "case-19": "outstanding", "case-20": "mixed", "case-21": "weak",
    "case-22": "outstanding", "case-23": "mixed", "case-24": "weak",
    "case-25": "outstanding", "case-26": "mixed", "case-27": "weak",
    "case-28": "outstanding", "case-29": "mixed", "case-30": "weak",
    "case-31": "outstanding", "case-32": "mixed", "case-33": "weak",
    "case-34": "outstanding", "case-35": "mixed", "case-36": "weak",
    "case-37": "outstanding", "case-38": "mixed", "case-39": "weak",
    "case-40": "outstanding", "case-41": "mixed", "case-42": "weak",
    "case-43": "outstanding", "case-44": "mixed", "case-45": "weak",
    "case-46": "outstanding", "case-47": "mixed", "case-48": "weak",
    "case-49": "outstanding", "case-50": "mixed", "case-51": "weak",
    "case-52": "outstanding", "case-53": "mixed", "case-54": "weak",
}  # fmt: skip


def _starts(note: str | None, mark: str) -> bool:
    return (note or "").strip().upper().startswith(mark)


def main(folder: Path) -> None:
    """Print the figures of one round."""
    rows = []
    answers: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    ticked: dict[str, dict[str, dict[str, dict[str, str]]]] = defaultdict(dict)
    overridden, ticked_answers = 0, 0
    for path in sorted(folder.glob("*/case-*.yaml")):
        assessor, case = path.parent.name, path.stem
        loaded = load_audit(str(path))
        report = scoring.score(loaded.rubric, loaded.audit)
        notes = [answer.note for answer in loaded.audit.answers]
        numbers = {a.item_id: a.score for a in loaded.audit.answers if isinstance(a.score, int)}
        answers[case][assessor] = numbers
        ticked[case][assessor] = {
            a.item_id: _seen(a.criteria) for a in loaded.audit.answers if a.criteria is not None
        }
        overrides = _overrides(loaded)
        overridden += overrides[0]
        ticked_answers += overrides[1]
        unclear = sum(_starts(note, "UNCLEAR") for note in notes)
        unassessed = sum(_starts(note, "NOT ASSESSED") for note in notes)
        rows.append((case, assessor, report, len(numbers), unclear, unassessed))
    print("| pack | designed | assessor | overall | level | scored | UNCLEAR | not assessed |")
    print("|---|---|---|---:|---|---:|---:|---:|")
    for case, assessor, report, scored, unclear, unassessed in rows:
        overall = "-" if report.overall is None else f"{report.overall:.1f} %"
        print(f"| {case} | {DESIGNED[case]} | {assessor} | {overall} | {report.level} | "
              f"{scored} | {unclear} | {unassessed} |")  # fmt: skip
    _agreement(answers)
    _criteria_agreement(ticked)
    if ticked_answers:
        print(f"overrides: {overridden} of {ticked_answers} answers by ticking scored otherwise "
              "than the criteria give")  # fmt: skip
    items = sum(report.rubric.item_count() for _, _, report, _, _, _ in rows)
    print(f"\nUNCLEAR: {sum(r[4] for r in rows) / items:.1%} of answers; "
          f"NOT ASSESSED: {sum(r[5] for r in rows) / items:.1%}")  # fmt: skip
    by_group: dict[str, list[float]] = defaultdict(list)
    for case, _, report, _, _, _ in rows:
        by_group[DESIGNED[case]].append(report.overall or 0.0)
    for group, values in sorted(by_group.items()):
        print(f"{group}: mean {sum(values) / len(values):.1f} % "
              f"(from {min(values):.1f} to {max(values):.1f})")  # fmt: skip


def _seen(criteria: tuple[tuple[str, CriterionStatus], ...]) -> dict[str, str]:
    """The criteria marked, a criterion marked never shown (not-assessed) as one left out."""
    return {key: str(status) for key, status in criteria if status != CriterionStatus.NOT_ASSESSED}


def _overrides(loaded: LoadedAudit) -> tuple[int, int]:
    """How many answers scored otherwise than their ticked criteria give, of those ticked."""
    items = {item.id: item for _, item in loaded.rubric.items()}
    derived = [
        (answer.score, level_of(items[answer.item_id], answer.criteria, loaded.rubric.scale.min))
        for answer in loaded.audit.answers
        if answer.criteria and isinstance(answer.score, int) and answer.item_id in items
    ]
    return sum(score != level for score, level in derived), len(derived)


def _agreement(answers: dict[str, dict[str, dict[str, int]]]) -> None:
    units, exact, within, pairs = [], 0, 0, 0
    for by_assessor in answers.values():
        coders = sorted(by_assessor)[:2]
        if len(coders) < 2:
            continue
        first, second = by_assessor[coders[0]], by_assessor[coders[1]]
        for item in sorted(set(first) | set(second)):
            units.append([scores[item] for scores in (first, second) if item in scores])
            if item in first and item in second:
                pairs += 1
                exact += first[item] == second[item]
                within += abs(first[item] - second[item]) <= 1
    alpha = ordinal_alpha(units)
    shown = "-" if alpha is None else f"{alpha:.3f}"
    print(f"\nordinal alpha {shown}; exact agreement {exact / max(pairs, 1):.1%}; within one "
          f"{within / max(pairs, 1):.1%} ({pairs} items scored by both assessors)")  # fmt: skip


def _criteria_agreement(ticked: dict[str, dict[str, dict[str, dict[str, str]]]]) -> None:
    """Over the items both assessors of a pack answered by ticking criteria: how often they
    marked a criterion alike (met, partly, not met, or never shown: left out or not-assessed),
    over every criterion either of them marked."""
    alike, marked = 0, 0
    for by_assessor in ticked.values():
        coders = sorted(by_assessor)[:2]
        if len(coders) < 2:
            continue
        first, second = by_assessor[coders[0]], by_assessor[coders[1]]
        for item in sorted(set(first) & set(second)):
            for key in set(first[item]) | set(second[item]):
                marked += 1
                alike += first[item].get(key) == second[item].get(key)
    if marked:
        print(
            f"criteria marked alike {alike / marked:.1%} ({marked} criteria marked by either "
            "assessor of a pack)"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
