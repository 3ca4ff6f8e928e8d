"""Every feature reaches every format, for every report kind: what a feature adds to a view model
(figures, notes, warnings, legends, words after actions, parts with their paragraphs, lists,
tables, checklists and topics, columns on a table, a trend's measures, facts) is in the table,
Markdown and HTML views for people and in the CSV (and, for ``score``, the workbook) for
programs.

The formats render the view models' blocks and slots and know no feature, so a new feature (the
probe of each kind below, one text in every slot) reaches each of them, and a new format is
tested here as soon as it is a :class:`~svccheck.render.dispatch.Format`. A new slot in a kind's
contribution fails :func:`test_every_slot_of_every_contribution_is_checked` until this module
checks it. ``plan`` has no features yet. JSON is data for programs built from the engine's
results, not from the view model (docs/output-formats.md), and is left out.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from markupsafe import escape

from svccheck.cli import inputs, plan_command, report_commands
from svccheck.engine import combine, compare, importance, scoring, trend
from svccheck.render import dispatch
from svccheck.render.dispatch import (
    CombinedOptions,
    ComparisonOptions,
    Format,
    Kind,
    ReportOptions,
    TrendOptions,
)
from svccheck.render.markdown_table import cell
from svccheck.render.view import combined as view_combined
from svccheck.render.view import comparison as view_comparison
from svccheck.render.view import report as view_report
from svccheck.render.view import trend as view_trend
from svccheck.render.view.model import (
    MEAN_KEY,
    Beside,
    Block,
    Cell,
    Checklist,
    Column,
    CombinedContribution,
    Contribution,
    DiffContribution,
    Entry,
    Fact,
    Figure,
    Listing,
    Measure,
    Note,
    Paragraph,
    Part,
    Row,
    Table,
    Tone,
    Topic,
    TrendContribution,
)

ROOT = Path(__file__).resolve().parents[1]
Q2 = ROOT / "examples/acme-2026-Q2.yaml"
Q3 = ROOT / "examples/acme-2026-Q3.yaml"
PLAN = ROOT / "examples/plans/acme-2026-Q3-plan.yaml"
EXPECTATIONS = ROOT / "examples/expectations/acme-2026-Q3.yaml"
SURVEY = ROOT / "examples/importance/acme-customer-survey-2026.yaml"
TICKED = ROOT / "examples/cases/scorings/ticked-7"  # two assessors' criteria for one case
UNITS = sorted(str(p) for p in (ROOT / "examples/units-2026-Q3").glob("*.yaml"))
FOR_PEOPLE = [Format.table, Format.markdown, Format.html]
FOR_PROGRAMS = [Format.csv, Format.xlsx]
Contributed = Contribution | DiffContribution | TrendContribution | CombinedContribution

# Every slot of every kind's contribution, as this module checks it.
CHECKED = {
    Contribution: {"figures", "warnings", "columns", "cells", "action_words", "action_legends",
                   "parts", "closing_parts", "facts"},
    DiffContribution: {"figures", "notes", "columns", "cells", "parts", "closing_parts"},
    TrendContribution: {"measures"},
    CombinedContribution: {"figures", "group_columns", "group_cells", "columns", "cells",
                           "parts"},
}  # fmt: skip


def test_every_format_but_json_is_checked_here() -> None:
    assert {*FOR_PEOPLE, *FOR_PROGRAMS} == set(Format) - {Format.json}


def test_every_slot_of_every_contribution_is_checked() -> None:
    for kind, slots in CHECKED.items():
        assert {field.name for field in dataclasses.fields(kind)} == slots, kind


def _part(key: str) -> Part:
    """A part with one block of every kind, each text marked with ``key``."""
    return Part(key, f"{key}-part", (
        Paragraph(f"{key}-paragraph"),
        Listing(f"{key}-listing", (Entry(f"{key}-entry", f"{key}-title", f"{key}-id"),)),
        Table((Column(heading=f"{key}-column", numeric=True),),
              (Row((Cell(text=f"{key}-cell"),)), Row((Cell(text=f"{key}-total"),), total=True)),
              title=f"{key}-table", caption=f"{key}-caption"),
        Checklist((f"{key}-tick",)),
        Topic(f"{key}-topic", (Paragraph(f"{key}-inside"), Checklist((f"{key}-agree",)))),
    ))  # fmt: skip


def _report_probe(report: Any, options: ReportOptions) -> Contribution:
    """A ``score`` feature nobody wrote a format for: every slot holds a marked text."""
    first = report.items()[0].item.id
    return Contribution(
        figures=(Figure("Probe figure", "PF-value", "PF-detail"),),
        warnings=("PW-warning",),
        columns=(Column("probe_key", "Probe column"), Column("probe_only_programs")),
        cells={first: (Cell("PC-value", "PC-text"), Cell(41.5))},
        action_words={a.item.id: "PA-words" for a in report.actions},
        action_legends=(Paragraph("PL-legend", Tone.WARNING),),
        parts=(_part("PP"),),
        closing_parts=(_part("PZ"),),
        facts=(Fact("probe_fact", 7),),
    )


def _diff_probe(result: Any, options: ComparisonOptions) -> DiffContribution:
    first = result.items[0].id
    return DiffContribution(
        figures=(Figure("Diff probe", "DF-value", "DF-detail"),),
        notes=(Note("DN-label", "DN-text", Tone.WARNING),),
        columns=(Column("diff_probe"),),
        cells={first: (Cell("DC-value"),)},
        parts=(_part("DP"),),
        closing_parts=(_part("DZ"),),
    )


def _trend_probe(result: Any, options: TrendOptions) -> TrendContribution:
    def measure(key: str, beside: Beside, projected: bool) -> Measure:
        cells = tuple(Cell(f"{key}-{n}", f"{key}-text-{n}") for n in range(len(points)))
        return Measure(key, f"{key}-heading", cells, beside, projected=projected)

    points = result.series[0].points
    return TrendContribution(
        ((measure("TO", Beside.OVERALL, False), measure("TC", Beside.COVERAGE, False)),)
    )


def _combined_probe(result: Any, options: CombinedOptions) -> CombinedContribution:
    groups = {g.name: (Cell(text=f"CG-{g.name}"),) for g in result.groups}
    return CombinedContribution(
        figures=(Figure("Combine probe", "CF-value", "CF-detail", short="cf."),),
        group_columns=(Column(heading="CG-heading", numeric=True),),
        group_cells={**groups, MEAN_KEY: (Cell(text="CG-mean"),)},
        columns=(Column("combine_probe"),),
        cells={result.items[0].id: (Cell("CC-value"),)},
        parts=(_part("CP"),),
    )


def _scored(path: Path, survey: Path | None = None) -> Any:
    given = None if survey is None else str(survey)
    return report_commands._scored(str(path), None, False, None, False, given)


def _report_case() -> tuple[Any, Any]:
    q3 = _scored(Q3)
    return q3, ReportOptions(99, True, plan_command.progress_of(str(PLAN), None, q3))


def _importance_case() -> tuple[Any, Any]:
    return _scored(EXPECTATIONS, SURVEY), ReportOptions(top=99, show_all=True)


def _criteria_case() -> tuple[Any, Any]:  # an audit whose answers record criteria
    return _scored(TICKED / "n1/case-25.yaml"), ReportOptions(top=99, show_all=True)


def _diff_case() -> tuple[Any, Any]:
    """Q2 → Q3 (evidence), each with importance of its own, and the plan's progress."""
    (r2, a2), (r3, a3) = inputs.audits([str(Q2), str(Q3)])
    old = importance.apply(scoring.score(r2, a2), (("compelling-vision", 4), ("coaching-first", 2)))
    new = importance.apply(scoring.score(r3, a3), (("compelling-vision", 5), ("empowerment", 3)))
    progress = plan_command.progress_of(str(PLAN), None, new, old)
    return compare.diff(old, new), ComparisonOptions(show_all=True, plan=progress)


def _trend_case() -> tuple[Any, Any]:
    result = trend.trend(inputs.audits([str(Q3), str(Q2)], at_least=2))
    return result, TrendOptions(plan=plan_command.trend_plan_of(str(PLAN), None, result))


def _combined_case() -> tuple[Any, Any]:
    """Two units, one audited by two assessors (agreement), a rubric asking for evidence."""
    return combine.combine(inputs.audits(UNITS, at_least=2)), CombinedOptions(top=99)


def _criteria_combined_case() -> tuple[Any, Any]:
    """Two assessors' audits of one case that record criteria, some marked differently."""
    audits = inputs.audits([str(TICKED / "n1/case-25.yaml"), str(TICKED / "n2/case-25.yaml")])
    return combine.combine(audits, by="assessor"), CombinedOptions(top=99)


# kind: (the module whose FEATURES make the view, the probe, the cases, how dispatch renders it)
KINDS: dict[Kind, tuple[Any, Callable[..., Any], list[Callable[[], tuple[Any, Any]]],
                        Callable[..., dispatch.Rendered]]] = {
    Kind.report: (view_report, _report_probe, [_report_case, _importance_case, _criteria_case],
                   dispatch.report),
    Kind.comparison: (view_comparison, _diff_probe, [_diff_case], dispatch.comparison),
    Kind.trend: (view_trend, _trend_probe, [_trend_case], dispatch.trend),
    Kind.combined: (view_combined, _combined_probe, [_combined_case, _criteria_combined_case],
                    dispatch.combined),
}  # fmt: skip
CASES = [(kind, case) for kind, (_, _, cases, _) in KINDS.items() for case in cases]


def test_every_report_kind_with_features_is_checked_here() -> None:
    assert set(KINDS) == set(Kind) - {Kind.plan}  # a plan has no features yet
    for module, _, _, _ in KINDS.values():
        assert module.FEATURES, module


def _case_id(case: tuple[Kind, Callable[..., Any]]) -> str:
    return f"{case[0]}-{case[1].__name__.strip('_')}"


@pytest.fixture(params=CASES, ids=_case_id)
def case(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, ...]:
    """A report kind's result and options with every feature it has, and the kind's probe."""
    return _with_probe(request.param, monkeypatch)


# The kinds a workbook renders; the others are refused before anything is read.
WORKBOOK_CASES = [case for case in CASES if case[0] in dispatch.WORKBOOK_KINDS]


@pytest.fixture(params=WORKBOOK_CASES, ids=_case_id)
def workbook_case(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, ...]:
    """As :func:`case`, for the report kinds that have a workbook."""
    return _with_probe(request.param, monkeypatch)


def _with_probe(
    param: tuple[Kind, Callable[..., Any]], monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, ...]:
    kind, build = param
    module, probe, _, render = KINDS[kind]
    monkeypatch.setattr(module, "FEATURES", (*module.FEATURES, probe))
    result, options = build()
    return kind, result, options, module.FEATURES, render


def _block_texts(block: Block, fmt: Format) -> Iterator[str]:
    match block:
        case Paragraph():
            yield block.text
        case Listing():
            yield block.heading
            for entry in block.entries:
                yield from (entry.text, entry.id or entry.title)
        case Table():
            yield from (block.title, block.caption)
            columns, rows = block.people()
            yield from (_heading(column, fmt) for column in columns)
            yield from (c.text for row in rows for c in row)
        case Checklist():
            yield from block.entries
        case Topic():
            yield block.heading
            for inner in block.blocks:
                yield from _block_texts(inner, fmt)


def _heading(column: Column, fmt: Format) -> str:
    """A column's heading as a format shows it: the terminal its short one, when it has one."""
    return column.short if fmt is Format.table and column.short else column.heading


def _columns(columns: tuple[Column, ...], cells: Any, fmt: Format) -> Iterator[str]:
    """The headings and cells of a feature's columns for people."""
    yield from (_heading(column, fmt) for column in columns if column.for_people)
    for row in (cells or {}).values():
        yield from (c.text for c, col in zip(row, columns, strict=True) if col.for_people)


def _texts(added: Contributed, fmt: Format) -> Iterator[str]:
    """Every text a feature gives people, whatever the kind."""
    for figure in getattr(added, "figures", ()):
        yield from (figure.label, figure.value, figure.detail)
    for note in getattr(added, "notes", ()):
        yield from (note.label, note.text)
    yield from getattr(added, "warnings", ())
    yield from (getattr(added, "action_words", None) or {}).values()
    yield from (legend.text for legend in getattr(added, "action_legends", ()))
    for part in (*getattr(added, "parts", ()), *getattr(added, "closing_parts", ())):
        yield part.heading
        for block in part.blocks:
            yield from _block_texts(block, fmt)
    if not isinstance(added, TrendContribution):
        yield from _columns(added.columns, added.cells, fmt)
    if isinstance(added, CombinedContribution):
        yield from _columns(added.group_columns, added.group_cells, fmt)
    for measures in getattr(added, "measures", ()):
        for measure in measures:
            yield measure.heading
            yield from (c.text for c in measure.cells)


def _people_output(fmt: Format, render: Callable[..., Any], result: Any, options: Any) -> str:
    text = render(result, fmt, options).plain(width=2000)
    if fmt is Format.table:
        return " ".join(text.lower().split())
    return str(text)


def _shown(fmt: Format, text: str) -> str:
    if fmt is Format.table:
        return " ".join(text.lower().split())
    if fmt is Format.markdown:
        return cell(text)
    return str(escape(text))


@pytest.mark.parametrize("fmt", FOR_PEOPLE, ids=str)
def test_every_feature_reaches_every_format_for_people(fmt: Format, case: tuple[Any, ...]) -> None:
    kind, result, options, features, render = case
    shown = _people_output(fmt, render, result, options)
    for feature in features:
        for text in _texts(feature(result, options), fmt):
            if text:
                assert _shown(fmt, text) in shown, (kind, feature, text)
    assert sum(1 for f in features for _ in _texts(f(result, options), fmt)) > 10


def _csv(render: Callable[..., Any], result: Any, options: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render(result, Format.csv, options).plain(0))))


def _written(fmt: Format, value: object) -> object:
    """A value as the format holds it: CSV text (empty, true/false), workbook cells as such."""
    if fmt is Format.xlsx:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


Sheets = tuple[list[dict[str, object]], dict[str, object]]


def _workbook(render: Any, result: Any, options: Any, tmp_path: Path) -> Sheets:
    """The Items sheet's rows by header, and the Summary's facts."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(render(result, Format.xlsx, options).written(0))
    book = openpyxl.load_workbook(target)
    items: list[list[object]] = [[c.value for c in row] for row in book["Items"].iter_rows()]
    header = [str(name) for name in items[0]]
    rows = [dict(zip(header, row, strict=True)) for row in items[1:]]
    facts: dict[str, object] = {
        str(row[0].value): row[1].value for row in book["Summary"].iter_rows()
    }
    return rows, facts


def _check_item_columns(fmt: Format, added: Any, rows: list[dict[str, Any]]) -> None:
    """Each of a feature's columns for programs, with every item's value."""
    for index, column in enumerate(added.columns):
        if column.for_programs:
            for row in rows:
                value = added.cells_of(str(row["item"]))[index].value
                assert row[column.key] == _written(fmt, value), (column.key, row["item"])


def _check_measures(added: TrendContribution, result: Any, rows: list[dict[str, str]]) -> None:
    """Each measure's value per period of its unit, as a row of its scope."""
    for index, series in enumerate(result.series):
        for measure in added.measures_of(index):
            found = [r["score"] for r in rows if r["scope"] == measure.key
                     and r["unit"] == (series.unit or "")]  # fmt: skip
            assert found == [_written(Format.csv, c.value) for c in measure.cells], measure.key


def test_every_feature_reaches_csv(case: tuple[Any, ...], tmp_path: Path) -> None:
    _reaches_a_format_for_programs(Format.csv, case, tmp_path)


def test_every_feature_reaches_the_workbook(workbook_case: tuple[Any, ...], tmp_path: Path) -> None:
    _reaches_a_format_for_programs(Format.xlsx, workbook_case, tmp_path)


def _reaches_a_format_for_programs(fmt: Format, case: tuple[Any, ...], tmp_path: Path) -> None:
    kind, result, options, features, render = case
    facts: dict[str, object] = {}
    if fmt is Format.xlsx:
        rows, facts = _workbook(render, result, options, tmp_path)
    else:
        rows = _csv(render, result, options)  # type: ignore[assignment]
    for feature in features:
        added = feature(result, options)
        if isinstance(added, TrendContribution):
            _check_measures(added, result, rows)  # type: ignore[arg-type]
            continue
        _check_item_columns(fmt, added, rows)
        if isinstance(added, CombinedContribution):  # the groups' table is for people only
            assert not any(column.for_programs for column in added.group_columns), feature
        for fact in getattr(added, "facts", ()) if fmt is Format.xlsx else ():
            assert facts[fact.key] == fact.value, fact.key
    probes = {"probe_key", "diff_probe", "combine_probe", "TO", "TC"}
    assert probes & ({*rows[0]} | {r.get("scope", "") for r in rows}), kind


def test_the_cases_have_every_feature() -> None:
    """Each case gives each of its kind's features something to show, so that a feature that
    reaches no format cannot pass unseen."""
    for kind, (module, _, cases, _) in KINDS.items():
        for feature in module.FEATURES:
            given = [feature(*build()) for build in cases]
            assert any(added != type(added)() for added in given), (kind, feature)
