"""The view model of a trend over many audits (``svccheck trend``), built once for every format.

:func:`trend_view` turns the engine's :class:`~svccheck.engine.trend.Trend` into a
:class:`TrendView`: per unit, every period's overall, coverage, level and section scores, the
changes from first to last, the gaps between periods; the long table for programs (the CSV);
and the measures each feature in :data:`FEATURES` adds beside the overall or the coverage
(:class:`~svccheck.render.view.model.TrendContribution`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from svccheck.core.record import record
from svccheck.engine.trend import gaps, missing
from svccheck.render.common import removed_note, rounded, rubric_label
from svccheck.render.view import evidence, progress
from svccheck.render.view.model import Beside, Cell, Column, Measure, Row, Table, TrendContribution

if TYPE_CHECKING:
    from svccheck.engine.trend import Point, Series, Trend
    from svccheck.render.interface import TrendOptions

# Every feature a trend can have, in the order its measures appear beside the trend's own.
FEATURES: tuple[Callable[[Trend, TrendOptions], TrendContribution], ...] = (
    progress.trend,
    evidence.trend,
)

LONG_COLUMNS = tuple(
    Column(key) for key in ("organization", "unit", "period", "file", "scope", "score")
)


@record
class PointView:
    """One period of a unit: its name (the period, or the file when it has none), overall,
    coverage (0..1), level and section scores, and the periods missing before it."""

    name: str
    overall: float | None
    coverage: float
    level: str | None
    sections: tuple[float | None, ...]
    missing_before: tuple[str, ...]


@record
class SeriesView:
    """One unit over its periods; ``measures``: the features'."""

    name: str  # organization · unit, or empty
    unit: str  # the unit (or organization) for the closing headline
    points: tuple[PointView, ...]
    overall_change: float | None
    section_changes: tuple[float | None, ...]
    improved: tuple[str, float] | None  # the section that improved most, and by how much
    declined: tuple[str, float] | None
    removed_note: str | None  # the answered items no longer in the rubric, per period
    measures: tuple[Measure, ...]

    def beside(self, measure: Beside) -> tuple[Measure, ...]:
        """The features' measures beside the overall or the coverage."""
        return tuple(m for m in self.measures if m.beside is measure)


@record
class TrendView:
    """Everything a format shows of a trend."""

    rubric: str  # Title (id)
    title: str  # the rubric's title and id, or its title alone when unknown
    section_titles: tuple[str, ...]
    series: tuple[SeriesView, ...]
    long: Table  # one row per audit and scope, for programs (the CSV)


def _point(point: Point, before: tuple[str, ...]) -> PointView:
    p = point
    return PointView(p.period or p.source, p.overall, p.coverage, p.level, p.sections, before)


def _moved(trend: Trend, series: Series, index: int | None) -> tuple[str, float] | None:
    if index is None:
        return None
    return trend.section_titles[index], series.section_change(index) or 0.0


def _series(trend: Trend, series: Series, measures: tuple[Measure, ...]) -> SeriesView:
    after_gap = {id(after): missing(before, after) for before, after in gaps(series.points)}
    points = tuple(_point(p, tuple(after_gap.get(id(p), ()))) for p in series.points)
    return SeriesView(
        name=" · ".join(part for part in (series.organization or "", series.unit or "") if part),
        unit=series.unit or series.organization or "(no unit)",
        points=points,
        overall_change=series.overall_change(),
        section_changes=tuple(series.section_change(i) for i in range(len(trend.section_ids))),
        improved=_moved(trend, series, series.improved_most()),
        declined=_moved(trend, series, series.declined_most()),
        removed_note=removed_note([(p.period or p.source, p.removed) for p in series.points]),
        measures=measures,
    )


def _long(trend: Trend, views: tuple[SeriesView, ...]) -> Table:
    """The trend in long form: per audit, its overall, the measures beside it, its coverage (a
    share 0..1, as in JSON), the measures beside that, each section's score, and a row without a
    score per answered item the rubric no longer has."""
    rows = []
    for series, view in zip(trend.series, views, strict=True):
        for index, p in enumerate(series.points):
            head = (p.organization, p.unit or "", p.period, p.source)

            def row(scope: str, value: object, head: tuple[object, ...] = head) -> Row:
                return Row(tuple(Cell(v) for v in (*head, scope, value)))

            rows.append(row("overall", rounded(p.overall)))
            rows += [row(m.key, m.cells[index].value) for m in view.beside(Beside.OVERALL)]
            rows.append(row("coverage", rounded(p.coverage)))
            rows += [row(m.key, m.cells[index].value) for m in view.beside(Beside.COVERAGE)]
            rows += [
                row(section, rounded(value))
                for section, value in zip(trend.section_ids, p.sections, strict=True)
            ]
            rows += [row(f"removed:{item_id}", None) for item_id in p.removed]
    return Table(LONG_COLUMNS, tuple(rows))


def trend_view(trend: Trend, options: TrendOptions) -> TrendView:
    """The view of a trend, with every feature it has."""
    added = tuple(feature(trend, options) for feature in FEATURES)
    series = tuple(
        _series(trend, s, tuple(m for c in added for m in c.measures_of(index)))
        for index, s in enumerate(trend.series)
    )
    known = rubric_label(trend.rubric) if trend.rubric else None
    return TrendView(
        rubric=known or f"{trend.rubric_title} ({trend.rubric_id})",
        title=known or trend.rubric_title,
        section_titles=trend.section_titles,
        series=series,
        long=_long(trend, series),
    )
