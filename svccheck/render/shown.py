"""Engine results made safe to show, once, where they enter a renderer.

Renderers of text for people (the terminal table, Markdown, CSV, HTML, workbooks) receive a copy
of the engine's result in which every string that came from a file or a command line has been
passed through :mod:`svccheck.core.sanitize`: :func:`~svccheck.core.sanitize.identifier` for
ids, group keys, periods and paths, :func:`~svccheck.core.sanitize.prose` for everything else.
:data:`TEXT_FIELDS` says which, for every string-holding field of every engine record;
``tests/test_render_shown.py`` fails when a record gains a string field that is not listed, so
new fields cannot bypass the sanitiser. JSON is the one format that gets the raw result: it is
data for programs, and its encoder escapes what needs escaping.

The copy is shallow where it can be: a record none of whose strings changes is returned as it is,
so ordinary results cost one walk and no allocation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from svccheck.core.sanitize import identifier, prose

T = TypeVar("T")

_ID: Final = identifier
_TEXT: Final = prose

# "Record.field" → how its strings are shown. Ids, group keys (unit, assessor, group names),
# periods and paths are identifiers, so that look-alikes (``EMEA`` and ``EMEA\u200b``) never look
# the same; titles, notes, questions and names are prose, which keeps line breaks and the
# zero-width joiners some scripts need.
TEXT_FIELDS: Final[Mapping[str, Callable[[object], str]]] = {
    # rubric.py
    "Rubric.id": _ID, "Rubric.title": _TEXT, "Rubric.description": _TEXT,
    "Rubric.sources": _TEXT, "Rubric.path": _ID, "Rubric.scoring_rule": _TEXT,
    "Rubric.defaults_note": _TEXT, "Rubric.sampling": _TEXT, "Rubric.source_titles": _TEXT,
    "Scale.labels": _TEXT,
    "Level.name": _TEXT,
    "Section.id": _ID, "Section.title": _TEXT, "Section.description": _TEXT,
    "Item.id": _ID, "Item.title": _TEXT, "Item.question": _TEXT, "Item.source": _TEXT,
    "Item.actions": _TEXT, "Item.replaces": _ID,
    "Criterion.id": _ID, "Criterion.text": _TEXT, "Criterion.partly": _TEXT,
    "Guidance.levels": _TEXT,
    # header.py, audit.py
    "Header.rubric": _ID, "Header.organization": _TEXT, "Header.unit": _ID,
    "Header.period": _ID, "Header.assessor": _ID, "Header.date": _TEXT, "Header.source": _ID,
    "Answer.item_id": _ID, "Answer.score": _TEXT, "Answer.note": _TEXT, "Answer.criteria": _ID,
    "Evidence.text": _TEXT, "Evidence.date": _TEXT,  # evidence is shown as notes are
    # scoring.py
    "Report.level": _TEXT,
    "ItemResult.section_id": _ID, "ItemResult.answer": _TEXT, "ItemResult.note": _TEXT,
    "ItemResult.criteria": _ID,
    # compare.py
    "Comparison.relevelled": _ID,
    "SectionChange.id": _ID, "SectionChange.title": _TEXT,
    "ItemChange.id": _ID, "ItemChange.section": _ID, "ItemChange.title": _TEXT,
    "ItemChange.old_answer": _TEXT, "ItemChange.new_answer": _TEXT,
    # trend.py
    "Trend.rubric_id": _ID, "Trend.rubric_title": _TEXT, "Trend.section_ids": _ID,
    "Trend.section_titles": _TEXT,
    "Series.organization": _TEXT, "Series.unit": _ID,
    "Point.source": _ID, "Point.organization": _TEXT, "Point.unit": _ID, "Point.period": _ID,
    "Point.removed": _ID, "Point.level": _TEXT,
    # combine.py, calibration.py
    "Combined.periods": _ID, "Combined.lookalikes": _ID,
    "Group.name": _ID, "Group.sources": _ID,
    "ItemSpread.id": _ID, "ItemSpread.section": _ID, "ItemSpread.title": _TEXT,
    "ItemSpread.high_groups": _ID, "ItemSpread.low_groups": _ID,
    "Agreement.assessors": _ID,
    "SectionAgreement.id": _ID, "SectionAgreement.title": _TEXT,
    "Discussion.id": _ID, "Discussion.section": _ID, "Discussion.title": _TEXT,
    "Discussion.unit": _ID, "Discussion.period": _ID,
    "Rating.assessor": _ID, "Rating.source": _ID, "Rating.answer": _TEXT, "Rating.note": _TEXT,
    "Sheet.source": _ID, "Sheet.rubric": _ID, "Sheet.assessor": _ID, "Sheet.unit": _ID,
    "Sheet.period": _ID, "Sheet.organization": _TEXT, "Sheet.date": _TEXT,
    # planning.py, progress.py
    "Plan.rubric": _ID, "Plan.organization": _TEXT, "Plan.unit": _ID,
    "Plan.baseline_period": _ID,
    "Phase.period": _ID, "Phase.projected_level": _TEXT,
    "PlannedItem.id": _ID, "PlannedItem.actions": _TEXT, "PlannedItem.owner": _TEXT,
    "PlannedItem.due": _TEXT, "PlannedItem.note": _TEXT,
    "Planned.missing": _ID, "MissingCriterion.key": _ID, "MissingCriterion.text": _TEXT,
    "PhaseProgress.period": _ID,
    "ItemProgress.id": _ID, "ItemProgress.answer": _TEXT,
    "Moved.id": _ID, "Moved.old": _TEXT, "Moved.new": _TEXT,
    "TrendMark.period": _ID,
    # importance.py
    "Importance.ratings": _ID, "Importance.file": _ID, "Importance.source": _TEXT,
}  # fmt: skip


def shown(value: T) -> T:
    """A copy of ``value`` (an engine record, or options holding them) safe to show."""
    copied: T = _Copier().copy(value, _ID)
    return copied


Show = Callable[[object], str]
# The fields a copy walks, by record class, each with how its strings are shown (TEXT_FIELDS):
# worked out once a class, as a rubric alone has hundreds of records to walk.
_WALKED: dict[type, tuple[tuple[str, Show], ...]] = {}


def _walked(cls: type) -> tuple[tuple[str, Show], ...]:
    found = _WALKED.get(cls)
    if found is None:
        fields = [f.name for f in dataclasses.fields(cls) if f.init]
        found = tuple((f, TEXT_FIELDS.get(f"{cls.__name__}.{f}", _ID)) for f in fields)
        _WALKED[cls] = found
    return found


_NUMBERS = frozenset({int, float, bool, type(None)})


class _Copier:
    """One walk; a record met twice (the rubric of every report of a trend) is copied once."""

    def __init__(self) -> None:
        self._done: dict[int, Any] = {}

    def copy(self, value: Any, show: Show) -> Any:
        """``value`` with its strings shown by ``show`` (those of records as their fields say)."""
        kind = type(value)
        # Exactly str: a StrEnum member (a status, a quadrant) is vocabulary, not file text.
        if kind is str:
            return show(value)
        if kind in _NUMBERS:  # most of what is left: checked before asking for a record
            return value
        if kind is tuple:
            return self._tuple(value, show)
        if kind is dict:  # keys are shown as the field says too (ids, as a rule)
            return {self.copy(k, show): self.copy(v, show) for k, v in value.items()}
        if kind in _WALKED or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            key = id(value)
            if key not in self._done:
                self._done[key] = self._record(value)
            return self._done[key]
        return value  # enums, dates

    def _tuple(self, value: tuple[Any, ...], show: Show) -> tuple[Any, ...]:
        """``value`` itself while nothing in it changes (as a rule: a rubric holds hundreds of
        tuples), else a new tuple."""
        for index, item in enumerate(value):
            new = self.copy(item, show)
            if new is not item:
                rest = tuple(self.copy(later, show) for later in value[index + 1 :])
                return (*value[:index], new, *rest)
        return value

    def _record(self, value: Any) -> Any:
        changes = {}
        for name, show in _walked(type(value)):
            old = getattr(value, name)
            kind = type(old)
            # The two commonest fields inline (a walk is a measured millisecond of a `diff`):
            # numbers and None never change, and a string changes only if show changes it.
            if kind in _NUMBERS:
                continue
            new = show(old) if kind is str else self.copy(old, show)
            if new is not old and new != old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
