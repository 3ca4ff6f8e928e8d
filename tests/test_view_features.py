"""Every feature reaches every format: what a feature adds to a report's view model (figures,
warnings, legends, words after actions, parts with their paragraphs, lists and tables, columns
and facts for programs) is in the table, Markdown and HTML views for people and in the CSV and
workbook for programs.

The formats render the view model's blocks and know no feature, so a new feature (the probe
below) reaches each of them, and a new format is tested here as soon as it is a
:class:`~svccheck.render.dispatch.Format`. JSON is data for programs built from the engine's
results, not from the view model (docs/output-formats.md), and is left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from markupsafe import escape

from svccheck.cli import plan_command, report_commands
from svccheck.engine.results import Report
from svccheck.render import dispatch
from svccheck.render.dispatch import Format, ReportOptions
from svccheck.render.markdown_table import cell
from svccheck.render.view import report as view_report
from svccheck.render.view.model import (
    Cell,
    Column,
    Contribution,
    Entry,
    Fact,
    Figure,
    Listing,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
)

ROOT = Path(__file__).resolve().parents[1]
Q3 = ROOT / "examples/acme-2026-Q3.yaml"
PLAN = ROOT / "examples/plans/acme-2026-Q3-plan.yaml"
EXPECTATIONS = ROOT / "examples/expectations/acme-2026-Q3.yaml"
SURVEY = ROOT / "examples/importance/acme-customer-survey-2026.yaml"
FOR_PEOPLE = [Format.table, Format.markdown, Format.html]
FOR_PROGRAMS = [Format.csv, Format.xlsx]


def test_every_format_but_json_is_checked_here() -> None:
    assert {*FOR_PEOPLE, *FOR_PROGRAMS} == set(Format) - {Format.json}


def _probe(report: Report, options: ReportOptions) -> Contribution:
    """A feature nobody wrote a format for: every slot holds a marked text."""
    first = report.items()[0].item.id
    return Contribution(
        figures=(Figure("Probe figure", "PF-value", "PF-detail"),),
        warnings=("PW-warning",),
        columns=(Column("probe_key", "Probe column"), Column("probe_only_programs")),
        cells={first: (Cell("PC-value", "PC-text"), Cell(41.5))},
        action_words={a.item.id: "PA-words" for a in report.actions},
        action_legends=(Paragraph("PL-legend", Tone.WARNING),),
        parts=(
            Part("probe", "Probe part", (
                Paragraph("PP-paragraph"),
                Listing("PL-heading", (Entry("PE-text", "PE-title", "pe-id"),)),
                Table((Column(heading="PT-column", numeric=True),), (Row((Cell(text="PT-cell"),)),),
                      title="PT-title", caption="PT-caption"),
            )),
        ),
        closing_parts=(Part("probe-end", "Probe closing part", (Paragraph("PZ-paragraph"),)),),
        facts=(Fact("probe_fact", 7),),
    )  # fmt: skip


def _scored(path: Path, importance: Path | None = None) -> Report:
    given = None if importance is None else str(importance)
    return report_commands._scored(str(path), None, False, None, False, given)


CASES = {
    "evidence-and-plan": lambda: (
        _scored(Q3),
        ReportOptions(top=99, show_all=True, plan=plan_command.progress_of(str(PLAN), None,
                                                                           _scored(Q3))),
    ),
    "evidence-and-importance": lambda: (
        _scored(EXPECTATIONS, SURVEY),
        ReportOptions(top=99, show_all=True),
    ),
}  # fmt: skip


@pytest.fixture(params=list(CASES))
def case(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> tuple[Report, ReportOptions]:
    monkeypatch.setattr(view_report, "FEATURES", (*view_report.FEATURES, _probe))
    report, options = CASES[request.param]()
    return report, options


def _texts(contribution: Contribution) -> Iterator[str]:
    """Every text a feature gives people."""
    for figure in contribution.figures:
        yield from (figure.label, figure.value, figure.detail)
    yield from contribution.warnings
    yield from (contribution.action_words or {}).values()
    yield from (legend.text for legend in contribution.action_legends)
    for part in (*contribution.parts, *contribution.closing_parts):
        yield part.heading
        for block in part.blocks:
            yield from _block_texts(block)
    yield from (column.heading for column in contribution.columns if column.for_people)
    for cells in (contribution.cells or {}).values():
        people = [c for c, col in zip(cells, contribution.columns, strict=True) if col.for_people]
        yield from (c.text for c in people)


def _block_texts(block: Paragraph | Listing | Table) -> Iterator[str]:
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, Listing):
        yield block.heading
        for entry in block.entries:
            yield from (entry.text, entry.id or entry.title)
    else:
        yield from (block.title, block.caption)
        columns, rows = block.people()
        yield from (column.heading for column in columns)
        yield from (c.text for row in rows for c in row)


def _people_output(fmt: Format, report: Report, options: ReportOptions) -> str:
    text = dispatch.report(report, fmt, options).plain(width=2000)
    if fmt is Format.table:
        return " ".join(text.lower().split())
    return text


def _shown(fmt: Format, text: str) -> str:
    if fmt is Format.table:
        return " ".join(text.lower().split())
    if fmt is Format.markdown:
        return cell(text)
    return str(escape(text))


@pytest.mark.parametrize("fmt", FOR_PEOPLE, ids=str)
def test_every_feature_reaches_every_format_for_people(
    fmt: Format, case: tuple[Report, ReportOptions]
) -> None:
    report, options = case
    shown = _people_output(fmt, report, options)
    for feature in view_report.FEATURES:
        for text in _texts(feature(report, options)):
            if text:
                assert _shown(fmt, text) in shown, (feature, text)
    assert _shown(fmt, "PZ-paragraph") in shown  # the probe is there, its words in every slot


def _programs_output(
    fmt: Format, report: Report, options: ReportOptions, tmp_path: Path
) -> tuple[list[str], list[list[object]], dict[str, object]]:
    """The item table's header and rows, and the facts (a workbook's Summary)."""
    if fmt is Format.csv:
        rows = list(csv.reader(io.StringIO(dispatch.report(report, fmt, options).plain(0))))
        return rows[0], [list(row) for row in rows[1:]], {}
    target = tmp_path / "report.xlsx"
    target.write_bytes(dispatch.report(report, fmt, options).written(0))  # type: ignore[arg-type]
    book = openpyxl.load_workbook(target)
    items: list[list[object]] = [[c.value for c in row] for row in book["Items"].iter_rows()]
    facts: dict[str, object] = {
        str(row[0].value): row[1].value for row in book["Summary"].iter_rows()
    }
    return [str(name) for name in items[0]], items[1:], facts


def _written(fmt: Format, value: object) -> object:
    """A value as the format holds it: CSV text (empty, true/false), workbook cells as such."""
    if fmt is Format.xlsx:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.mark.parametrize("fmt", FOR_PROGRAMS, ids=str)
def test_every_feature_reaches_every_format_for_programs(
    fmt: Format, case: tuple[Report, ReportOptions], tmp_path: Path
) -> None:
    report, options = case
    header, rows, facts = _programs_output(fmt, report, options, tmp_path)
    ids = [row[header.index("item")] for row in rows]
    for feature in view_report.FEATURES:
        added = feature(report, options)
        for index, column in enumerate(added.columns):
            if not column.for_programs:
                continue
            at = header.index(column.key)
            for item_id, row in zip(ids, rows, strict=True):
                value = added.cells_of(str(item_id))[index].value
                assert row[at] == _written(fmt, value), (column.key, item_id)
        if fmt is Format.xlsx:
            for fact in added.facts:
                assert facts[fact.key] == fact.value, fact.key
    assert "probe_key" in header
