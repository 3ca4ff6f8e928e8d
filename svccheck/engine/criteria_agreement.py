"""How far assessors agree on an item's criteria: which criteria two or more assessors of one
unit marked differently, and per criterion the share of units where those who marked it marked
it alike.

Audits may record, per answer, what the evidence showed of the item's criteria (``criteria:
{key: met|partly|not-met|not-assessed}``, docs/audit-format.md). Two named assessors of one unit
and period (a panel, as the agreement on scores in :mod:`svccheck.engine.calibration` has them)
compare on a criterion when both answered the item by its criteria and one of them marked it;
one who left it out counts as never having seen it, as one who marked it ``not-assessed`` does:
most often two assessors part ways where one saw a criterion met and the other never looked,
which is the consensus meeting's agenda. Pure: frozen records in and out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.core.vocabulary import RECORDED_STATUSES, CriterionStatus

if TYPE_CHECKING:
    from svccheck.engine.calibration import Sheet
    from svccheck.model.rubric import Item, Rubric


@record
class Mark:
    """What one assessor marked of one criterion (``None``: left out, though the assessor
    answered the item by its criteria)."""

    assessor: str
    source: str
    status: CriterionStatus | None


@record
class MarkedDifferently:
    """A criterion of an item that the assessors of one unit and period marked differently."""

    item: str
    key: str
    unit: str | None
    period: str | None
    marks: tuple[Mark, ...]  # the panel's order; only the assessors who marked it


@record
class CriterionAgreement:
    """One criterion of an item over the units: in how many two or more assessors marked it
    (``compared``), and in how many of those they all marked it alike."""

    item: str
    key: str
    compared: int
    alike: int

    @property
    def share(self) -> float:
        """The share of the units compared where it was marked alike."""
        return self.alike / self.compared


@record
class CriteriaAgreement:
    """Every criterion an assessor of a unit marked where two or more ticked the item (rubric
    order), and those marked differently (rubric order of items, then units as read, then
    criteria)."""

    criteria: tuple[CriterionAgreement, ...]
    differences: tuple[MarkedDifferently, ...]

    @property
    def compared(self) -> int:
        """Criteria compared: marked by an assessor of a unit where two or more ticked the
        item, over items and units."""
        return sum(c.compared for c in self.criteria)

    @property
    def alike(self) -> int:
        """Of them, those every assessor who ticked the item marked alike."""
        return sum(c.alike for c in self.criteria)

    @property
    def share(self) -> float | None:
        """The share marked alike; ``None`` when nothing was compared."""
        return self.alike / self.compared if self.compared else None


def _keys(item: Item, marked: Sequence[dict[str, CriterionStatus]]) -> list[str]:
    """The keys any assessor marked: the rubric's order, then keys it no longer has (an older
    edition's) in the order recorded."""
    seen = {key for one in marked for key in one}
    known = [key for key in item.criterion_keys if key in seen]
    others = dict.fromkeys(key for one in marked for key in one if key not in item.criterion_keys)
    return [*known, *others]


Panel = tuple["Sheet", ...]


def _panels(sheets: Sequence[Sheet]) -> list[Panel]:
    """The sheets of each unit and period two or more named assessors audited, in the order
    first seen: the panels whose scores :func:`svccheck.engine.calibration.panels` compares,
    grouped here without reading their scores (a tenth of a 1 000-audit ``combine``)."""
    grouped: dict[tuple[str | None, str | None], list[Sheet]] = {}
    for sheet in sheets:
        if sheet.assessor is not None:
            grouped.setdefault((sheet.unit, sheet.period), []).append(sheet)
    return [tuple(panel) for panel in grouped.values() if len(panel) >= 2]


def _recorded(panels: list[Panel]) -> dict[int, list[Panel]]:
    """Per item (its index in rubric order), the panels where an assessor recorded criteria:
    the only ones to compare (most audits record none)."""
    found: dict[int, list[Panel]] = {}
    for panel in panels:
        indices = {
            index
            for sheet in panel
            for index, answer in enumerate(sheet.answers)
            if answer is not None and answer.criteria
        }
        for index in sorted(indices):
            found.setdefault(index, []).append(panel)
    return found


def _panel_marks(panel: Panel, index: int) -> list[dict[str, CriterionStatus] | None]:
    """Each assessor's recorded marks of item ``index`` (``None`` where the answer records no
    criteria: a plain score says nothing of them)."""
    marked: list[dict[str, CriterionStatus] | None] = []
    for sheet in panel:
        answer = sheet.answers[index]
        observed = None if answer is None else answer.criteria
        marked.append(
            {key: status for key, status in observed if status in RECORDED_STATUSES}
            if observed
            else None
        )
    return marked


def _never_shown(status: CriterionStatus | None) -> CriterionStatus:
    """Left out and ``not-assessed`` say the same: the evidence never showed it."""
    return CriterionStatus.NOT_ASSESSED if status is None else status


def _compare(
    item: Item, panel: Panel, marked: list[dict[str, CriterionStatus] | None]
) -> tuple[dict[str, bool], list[MarkedDifferently]]:
    """In one panel, whether each criterion any assessor marked was marked alike by those who
    answered the item by its criteria (two or more), and those marked differently."""
    alike: dict[str, bool] = {}
    differences: list[MarkedDifferently] = []
    ticked = [(sheet, one) for sheet, one in zip(panel, marked, strict=True) if one is not None]
    if len(ticked) < 2:
        return alike, differences
    for key in _keys(item, [one for _, one in ticked]):
        marks = tuple(Mark(sheet.who, sheet.source, one.get(key)) for sheet, one in ticked)
        alike[key] = len({_never_shown(mark.status) for mark in marks}) == 1
        if not alike[key]:
            first = panel[0]
            differences.append(MarkedDifferently(item.id, key, first.unit, first.period, marks))
    return alike, differences


def criteria_agreement(rubric: Rubric, sheets: Sequence[Sheet]) -> CriteriaAgreement:
    """The assessors' agreement on criteria, for the units two or more of them audited."""
    items = [item for _, item in rubric.items()]
    criteria: list[CriterionAgreement] = []
    differences: list[MarkedDifferently] = []
    for index, panels in sorted(_recorded(_panels(sheets)).items()):
        item = items[index]
        tallies: dict[str, list[int]] = {}
        every: list[dict[str, CriterionStatus]] = []
        for panel in panels:
            marked = _panel_marks(panel, index)
            every += [one for one in marked if one is not None]
            alike, different = _compare(item, panel, marked)
            differences += different
            for key, same in alike.items():
                tally = tallies.setdefault(key, [0, 0])
                tally[0] += 1
                tally[1] += same
        criteria += [
            CriterionAgreement(item.id, key, *tallies[key])
            for key in _keys(item, every)
            if key in tallies
        ]
    return CriteriaAgreement(tuple(criteria), tuple(differences))
