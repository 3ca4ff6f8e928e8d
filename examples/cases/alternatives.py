"""Other scoring rules, measured on the ticks of the ticked runs (docs/calibration.md).

    .venv/bin/python examples/cases/alternatives.py examples/cases/scorings/ticked-6 ...

Assessors keep saying that one criterion of level 5 seen met gives a 5 where levels 3 and 4
were never shown. The ticks record what each assessor saw, whatever the rule, so the same ticks
can be scored by another rule: the shipped one (svccheck's own: the levels below a criterion seen
met are presupposed); the rule until edition 3, where a level needed a criterion seen met at
that level itself, and three variants of it: at most one level never shown directly below a level
seen met, or none; and the other way, more lenient, one criterion seen not met tolerated as a
partly met one is.
Prints, per folder and rule, exact agreement between the two assessors of each pack and every
scoring's overall score. Answers with a score of their own (an override) keep it.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from pathlib import Path

from svccheck.core.vocabulary import CriterionStatus
from svccheck.engine import scoring
from svccheck.formats.audit.loading import load_audit
from svccheck.formats.rubric.criteria import _with_lower_rungs, level_reached
from svccheck.model.audit import Answer
from svccheck.model.rubric import Item

# name: None for the shipped rule, or a variant of the rule until edition 3: (how many levels
# directly below a level seen met may show nothing, None: any; whether one criterion seen not
# met is tolerated as one partly met is)
Rule = tuple[int | None, bool] | None
RULES: dict[str, Rule] = {
    "shipped (levels below presupposed)": None,
    "until edition 3 (a level shown by its own criterion)": (None, False),
    "one level unseen": (1, False),
    "none unseen": (0, False),
    "one not met tolerated": (None, True),
}


def level(
    statuses: Mapping[tuple[int, str], str], lowest: int, unseen: int | None, lenient: bool
) -> int:
    """The level by the rule until edition 3 (a level shown by a criterion seen met at that
    level), stopping where more than ``unseen`` levels directly below a level seen met show
    nothing met or partly met (``None``: no limit); with ``lenient``, a criterion seen not met
    counts as one partly met (one shortfall tolerated)."""
    seen = _with_lower_rungs(statuses)
    reached, gap = lowest, 0
    short: set[tuple[int, str]] = set()
    for at in sorted({at for at, _ in seen if at > lowest}):
        own = {name: status for (where, name), status in seen.items() if where == at}
        partly = {(0, n) for n, status in own.items() if status == CriterionStatus.PARTLY}
        not_met = {(at, n) for n, status in own.items() if status == CriterionStatus.NOT_MET}
        short |= partly | (not_met if lenient else set())
        if (not_met and not lenient) or len(short) > 1:
            break
        if CriterionStatus.MET in own.values():
            if unseen is not None and gap > unseen:
                break
            reached, gap = at, 0
        elif not partly:
            gap += 1
    return reached


def rescored(answer: Answer, item: Item, lowest: int, rule: Rule) -> Answer:
    if not answer.score_from_criteria or not answer.criteria:
        return answer
    recorded = dict(answer.criteria)
    statuses = {
        (criterion.level, criterion.id): recorded.get(key, CriterionStatus.NOT_ASSESSED)
        for key, criterion in item.criterion_keys.items()
    }
    score = level_reached(statuses, lowest) if rule is None else level(statuses, lowest, *rule)
    return dataclasses.replace(answer, score=score)


def main(folders: list[Path]) -> None:
    for folder in folders:
        for name, rule in RULES.items():
            scores: dict[str, dict[str, dict[str, int]]] = {}
            overall = []
            for path in sorted(folder.glob("*/case-*.yaml")):
                loaded = load_audit(str(path))
                items = {item.id: item for _, item in loaded.rubric.items()}
                lowest = loaded.rubric.scale.min
                answers = tuple(
                    rescored(a, items[a.item_id], lowest, rule) for a in loaded.audit.answers
                )
                audit = dataclasses.replace(loaded.audit, answers=answers)
                report = scoring.score(loaded.rubric, audit)
                overall.append(f"{path.stem} {path.parent.name} {report.overall or 0:.1f}")
                numbers = {a.item_id: a.score for a in answers if isinstance(a.score, int)}
                scores.setdefault(path.stem, {})[path.parent.name] = numbers
            exact = pairs = 0
            for by_assessor in scores.values():
                first, second = (by_assessor[a] for a in sorted(by_assessor)[:2])
                for item in set(first) & set(second):
                    pairs += 1
                    exact += first[item] == second[item]
            print(f"{folder.name}, {name}: exact {exact / pairs:.1%} of {pairs}; "
                  f"{'; '.join(overall)}")  # fmt: skip


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
