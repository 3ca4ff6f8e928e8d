"""A section's line, as the views of a report and of a diff show it (its own module: a diff
would otherwise import the report's view, 1.2 ms of its start-up with the report's features)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.record import record

if TYPE_CHECKING:
    from svccheck.engine.results import SectionResult


@record
class SectionView:
    """One section's line: its score (``None`` when nothing in it is scored) and share."""

    id: str
    title: str
    score: float | None
    share: float | None
    answered: int
    total: int


def section_view(result: SectionResult) -> SectionView:
    """A section as every view shows it."""
    s = result
    return SectionView(s.section.id, s.section.title, s.score, s.share, s.answered, s.total)
