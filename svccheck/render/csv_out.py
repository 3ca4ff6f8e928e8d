"""CSV output: one row per item, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from svccheck.output import clean
from svccheck.render.common import rounded
from svccheck.scoring import Report

REPORT_COLUMNS = (
    "section",
    "section_title",
    "item",
    "title",
    "answer",
    "percent",
    "weight",
    "gain",
    "note",
)


def spreadsheet_safe(value: object) -> object:
    """Make text safe in a cell: no formula (= + - @ at the start), no control characters."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        value = "'" + value
    return clean(value)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else spreadsheet_safe(value) for value in row])
    return buffer.getvalue()


def report(report: Report) -> str:
    """The report as CSV, one row per item in rubric order."""
    titles = {s.section.id: s.section.title for s in report.sections}
    return table(
        REPORT_COLUMNS,
        (
            (
                r.section_id,
                titles[r.section_id],
                r.item.id,
                r.item.title,
                r.answer,
                rounded(r.percent),
                r.item.weight,
                rounded(r.gain),
                r.note,
            )
            for r in report.items()
        ),
    )
