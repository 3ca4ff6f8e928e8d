"""``svccheck.render.shown``: every string an engine record can hand a renderer is classified,
so that no new field reaches people's screens without passing the sanitiser."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Iterator

import pytest

import svccheck
from svccheck.core.sanitize import identifier, prose
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.rubric import Rubric
from svccheck.render import interface
from svccheck.render.shown import TEXT_FIELDS, shown


def _namespace() -> dict[str, object]:
    """Every class of every svccheck module: records name each other under TYPE_CHECKING."""
    names: dict[str, object] = {}
    for module in pkgutil.walk_packages(svccheck.__path__, "svccheck."):
        if module.name in {"svccheck.__main__", "svccheck.cli.entry"}:
            continue
        loaded = importlib.import_module(module.name)
        names |= {k: v for k, v in vars(loaded).items() if isinstance(v, type)}
    return names


def _leaves(hint: object) -> Iterator[object]:
    """The types a hint is made of: ``tuple[str | None, ...]`` → str, NoneType."""
    arguments = typing.get_args(hint)
    if not arguments:
        yield hint
    for argument in arguments:
        yield from _leaves(argument)


def _records() -> dict[str, dict[str, object]]:
    """Every record a renderer can receive (the interfaces' parameters, and rubrics for the
    ``rubrics`` views and the interactive card), by name, with its fields' type hints."""
    namespace = _namespace()
    roots: list[object] = [Rubric]
    for renderer in (interface.ReportRenderer, interface.ComparisonRenderer,
                     interface.TrendRenderer, interface.CombinedRenderer,
                     interface.PlanRenderer):  # fmt: skip
        hints = typing.get_type_hints(renderer.render, {**namespace, **vars(interface)})
        roots += [hint for name, hint in hints.items() if name != "return"]
    found: dict[str, dict[str, object]] = {}
    pending = [leaf for root in roots for leaf in _leaves(root)]
    while pending:
        record = pending.pop()
        if not (inspect.isclass(record) and dataclasses.is_dataclass(record)):
            continue
        if record.__name__ in found:
            continue
        module = vars(importlib.import_module(record.__module__))
        hints = typing.get_type_hints(record, {**namespace, **module})
        found[record.__name__] = {f.name: hints[f.name] for f in dataclasses.fields(record)}
        pending += [leaf for hint in found[record.__name__].values() for leaf in _leaves(hint)]
    return found


RECORDS = _records()
TEXT_HOLDING = sorted(
    f"{record}.{name}"
    for record, fields in RECORDS.items()
    for name, hint in fields.items()
    if str in set(_leaves(hint))
)


def test_the_walk_finds_the_records_of_every_report_kind() -> None:
    # Guards the test itself: an empty walk would make the next two pass vacuously.
    for name in ("Report", "Comparison", "Trend", "Combined", "Planned", "Progress", "Item"):
        assert name in RECORDS


@pytest.mark.parametrize("field", TEXT_HOLDING)
def test_every_text_field_says_how_it_is_shown(field: str) -> None:
    assert field in TEXT_FIELDS, f"add {field} to svccheck.render.shown.TEXT_FIELDS"


def test_no_classification_names_a_field_that_is_gone() -> None:
    assert sorted(set(TEXT_FIELDS) - set(TEXT_HOLDING)) == []


ESCAPE, ZERO_WIDTH = "a\x1b[2Jb", "EMEA\u200b"


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        pytest.param("unit", ZERO_WIDTH, identifier(ZERO_WIDTH), id="group-key-as-identifier"),
        pytest.param("organization", ZERO_WIDTH, ZERO_WIDTH, id="prose-keeps-zero-width"),
        pytest.param("organization", ESCAPE, prose(ESCAPE), id="prose-escapes-controls"),
        pytest.param("source", "a\nb.yaml", "a\\x0ab.yaml", id="path-as-identifier"),
    ],
)
def test_a_header_is_shown_by_its_fields_kind(field: str, text: str, expected: str) -> None:
    from svccheck.model.header import Header

    header = Header(**{"rubric": "r", "source": "s.yaml", field: text})
    assert getattr(shown(header), field) == expected


def test_nothing_to_escape_returns_the_record_itself() -> None:
    # A rubric of ordinary text is shown as it is: no copy of every item on every render.

    loaded = rubric_files.load("customer-expectations")
    assert shown(loaded) is loaded


def test_a_record_shared_by_two_results_stays_shared() -> None:
    # A plan's series is the trend's own series (TrendPlan.of compares identity): one walk
    # must keep it one object after the copy.
    from svccheck.engine.trend import Point, Series

    series = Series(organization="O", unit=ZERO_WIDTH, points=(
        Point(source="a.yaml", organization="O", unit=ZERO_WIDTH, period="2026-Q1",
              overall=50.0, sections=(), removed=(), coverage=1.0, level=None),
    ))  # fmt: skip
    first, second = shown((series, (series,)))
    assert first is second[0]
    assert first.unit == identifier(ZERO_WIDTH)


def test_text_after_unchanged_items_of_a_tuple_is_escaped_and_the_rest_kept() -> None:
    # A tuple is copied only from the first item that changes: the items before it are kept
    # as they are, every item after it still passes the sanitiser.
    from svccheck.engine.results import ItemResult

    loaded = rubric_files.load("customer-expectations")
    items = [item for _, item in loaded.items()][:3]
    results = tuple(
        ItemResult(section_id="s", item=item, answer=3, note=note, percent=50.0, gain=None)
        for item, note in zip(items, ("plain", ESCAPE, ESCAPE), strict=True)
    )
    copied = shown(results)
    assert copied[0] is results[0]
    assert [result.note for result in copied] == ["plain", prose(ESCAPE), prose(ESCAPE)]
