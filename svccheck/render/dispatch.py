"""Renderers: one class per output format and report kind, chosen through :class:`Format`.

The interfaces and options are in :mod:`svccheck.render.interface`. Adding a format means adding a
:class:`Format` member and a module with a :class:`~svccheck.render.interface.FormatRenderers`
bundle; mypy fails until :func:`renderers` has a case for it and the bundle has a renderer for
every report kind (tests/test_exhaustive.py shows both).

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

import os
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar, assert_never

from svccheck.core.output import Rendered
from svccheck.render.interface import (
    CombinedOptions,
    ComparisonOptions,
    PlanOptions,
    ReportOptions,
    TrendOptions,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from svccheck.engine.combine import Combined
    from svccheck.engine.compare import Comparison
    from svccheck.engine.planning import Planned
    from svccheck.engine.results import Report
    from svccheck.engine.trend import Trend
    from svccheck.render.interface import FormatRenderers

__all__ = [
    "CombinedOptions",
    "ComparisonOptions",
    "Format",
    "Kind",
    "PlanOptions",
    "Rendered",
    "ReportOptions",
    "TrendOptions",
    "combined",
    "comparison",
    "plan",
    "renderers",
    "report",
    "trend",
]


Result = TypeVar("Result")
Options = TypeVar("Options")


class Format(StrEnum):
    """The output formats every reporting command offers."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    xlsx = "xlsx"


class Kind(StrEnum):
    """The report kinds, named by the command that renders each."""

    report = "score"
    comparison = "diff"
    trend = "trend"
    combined = "combine"
    plan = "plan"


# The report kinds with a workbook; the others refuse -o FILE.xlsx and -f xlsx (docs/output-
# formats.md says why).
WORKBOOK_KINDS = frozenset({Kind.report, Kind.comparison, Kind.combined})


# What people type for a format besides its name, and what an --output file's extension implies.
FORMAT_ALIASES = {"md": "markdown"}
EXTENSIONS = {".md": Format.markdown, ".markdown": Format.markdown, ".json": Format.json,
              ".csv": Format.csv, ".html": Format.html, ".htm": Format.html,
              ".txt": Format.table, ".xlsx": Format.xlsx}  # fmt: skip
WRITTEN = ".txt (the table), .md, .json, .csv, .html, and .xlsx (score, diff, combine)"


def chosen_format(given: str | None, output: str | None, kind: Kind) -> Format:
    """The format named by ``-f`` (any letter case, ``md`` for Markdown), or, without ``-f``,
    the one the ``--output`` file's extension implies (``.md``, ``.json``, ``.csv``, ``.html``,
    ``.xlsx``); the table otherwise (``.txt`` too). Refused before anything is read: an
    extension svccheck does not write (``.pdf``: the file would not be what its name promises),
    a workbook for a report kind without one, a ``.xlsx`` file in another format, and ``-f
    xlsx`` without a ``.xlsx`` file to write."""
    from svccheck.core.errors import UsageError

    workbook = False
    if output is not None:  # only a file is a workbook: its layout was 0.3 ms of every report
        from svccheck.formats.xlsx.layout import is_workbook

        workbook = is_workbook(output)
    if workbook and kind not in WORKBOOK_KINDS:
        _refuse_workbook(str(output))
    suffix = os.path.splitext(output or "")[1].lower()
    if suffix and suffix not in EXTENSIONS:  # -o report.pdf would get a text table
        hint = "; for a PDF, write .html and print it from a browser" if suffix == ".pdf" else ""
        raise UsageError(
            f"--output {output}: svccheck does not write {suffix} files; it writes {WRITTEN}{hint}"
        )
    chosen = EXTENSIONS.get(suffix, Format.table) if given is None else _named(given)
    if workbook and chosen is not Format.xlsx:
        from svccheck.render.xlsx_report import refuse_format

        refuse_format(str(output), given)
    if chosen is Format.xlsx and kind not in WORKBOOK_KINDS:
        _refuse_workbook("--format xlsx")
    if chosen is Format.xlsx and not workbook:
        raise UsageError(NO_WORKBOOK_FILE)
    return chosen


NO_WORKBOOK_FILE = "--format xlsx writes a workbook file: name one with -o FILE.xlsx"


def _refuse_workbook(named: str) -> None:
    from svccheck.render.xlsx_report import refuse

    refuse(named)


def _named(given: str) -> Format:
    """The format ``-f`` names."""
    from svccheck.core.errors import UsageError

    name = given.strip().lower()
    try:
        return Format(FORMAT_ALIASES.get(name, name))
    except ValueError:
        raise UsageError(
            f"--format {given!r}: expected table, json, markdown (or md), csv, html or xlsx"
        ) from None


def renderers(
    fmt: Format,
) -> FormatRenderers[str] | FormatRenderers[RenderableType] | FormatRenderers[bytes]:
    """The renderers of one format.

    Each module is imported here, on use: the machine formats must start without Rich, and
    every format but HTML without Jinja2, and every format but the workbook without openpyxl.
    """
    match fmt:
        case Format.table:
            from svccheck.render.table import RENDERERS as table

            return table
        case Format.json:
            from svccheck.render.json_out import RENDERERS as json

            return json
        case Format.markdown:
            from svccheck.render.markdown_out import RENDERERS as markdown

            return markdown
        case Format.csv:
            from svccheck.render.csv_out import RENDERERS as csv

            return csv
        case Format.html:
            from svccheck.render.html_out import RENDERERS as html

            return html
        case Format.xlsx:
            from svccheck.render.xlsx_out import RENDERERS as xlsx

            return xlsx
        case _:
            assert_never(fmt)


def _safe(fmt: Format, result: Result, options: Options) -> tuple[Result, Options]:
    """What a renderer of ``fmt`` receives: JSON the engine's own result (data for programs),
    every other format a copy whose text from files is made safe to show
    (:mod:`svccheck.render.shown`), options included (they carry plan progress). Both are
    copied in one walk: a plan's series is the trend's own series (``TrendPlan.of``)."""
    if fmt is Format.json:
        return result, options
    from svccheck.render.shown import shown

    return shown((result, options))


def report(scored: Report, fmt: Format, options: ReportOptions) -> Rendered:
    """Render a scored audit."""
    return renderers(fmt).render_report(*_safe(fmt, scored, options))


def comparison(result: Comparison, fmt: Format, options: ComparisonOptions) -> Rendered:
    """Render a diff of two audits."""
    return renderers(fmt).render_comparison(*_safe(fmt, result, options))


def trend(result: Trend, fmt: Format, options: TrendOptions) -> Rendered:
    """Render a trend over many audits."""
    return renderers(fmt).render_trend(*_safe(fmt, result, options))


def combined(result: Combined, fmt: Format, options: CombinedOptions) -> Rendered:
    """Render combined audits."""
    return renderers(fmt).render_combined(*_safe(fmt, result, options))


def plan(planned: Planned, fmt: Format, options: PlanOptions) -> Rendered:
    """Render an improvement plan."""
    return renderers(fmt).render_plan(*_safe(fmt, planned, options))
