"""The plan file format, declared once: its loader, located errors and JSON Schema.

Plans are edited by people (owners, due dates, status, notes, dropped items), so they are read
like every other file: every problem located, all of them in one run. The rules a schema cannot
state are checked against the rubric the plan names and marked cross-field: the rubric must
load, every item id must be one of its items and appear once, and ``from`` and ``to`` must lie on
its scale.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from svccheck.core import files
from svccheck.core.errors import InvalidFileError, Rule, SvccheckError, did_you_mean
from svccheck.core.sanitize import excerpt
from svccheck.core.vocabulary import SCALE_BOUND
from svccheck.engine.planning import Phase, Plan, PlannedItem, Status
from svccheck.formats import tree
from svccheck.formats.audit.reader import DATE, FREE_TEXT, PERIOD
from svccheck.formats.declare import KEBAB_ID, Context, Nullable, OneOf, Text
from svccheck.formats.numbers import Integer, Number, Version
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.structure import Field, Fields, Format, ListOf, Record
from svccheck.model import rubric

VERSIONS = (2,)
SCORE = Integer(-SCALE_BOUND, SCALE_BOUND, "a whole-number score")
PERCENT = Number(100, 0, description="a percent from 0 to 100")

ITEM = Record(
    (
        Field("id", KEBAB_ID, True, description="the rubric item to raise"),
        Field("from", SCORE, True, description="the item's score in the baseline audit"),
        Field("to", SCORE, True, description="the score the plan raises it to"),
        Field("actions", Nullable(ListOf(Text("an action"))), description="what to do"),
        Field("owner", FREE_TEXT, description="who is responsible"),
        Field("due", Nullable(DATE), description="when it is due, such as 2026-12-15"),
        Field(
            "status",
            OneOf(tuple(status.value for status in Status), "planned, doing, done or dropped"),
            description="planned, doing, done or dropped",
        ),
        Field("note", FREE_TEXT),
    ),
    "a planned item",
)
PHASE = Record(
    (
        Field("period", PERIOD, True, description="the quarter of this phase"),
        Field("items", Nullable(ListOf(ITEM)), description="the items raised in this phase"),
        Field("projected_overall", Nullable(PERCENT), description="overall score after it"),
        Field("projected_level", FREE_TEXT, description="maturity level after it"),
    ),
    "a phase",
)
BASELINE = Record(
    (
        Field("period", PERIOD, True, description="the period of the audit the plan starts from"),
        Field("overall", Nullable(PERCENT), description="that audit's overall score"),
    ),
    "the baseline",
)
PLAN = Format(
    "plan",
    "a plan",
    Record(
        (
            Field("svccheck", Version(VERSIONS), True, description="the plan format version (2)"),
            Field("kind", OneOf(("plan",), "the file kind, plan"), True),
            Field("rubric", Text("a rubric id or path"), True, description="the audits' rubric"),
            Field("rubric_version", Integer(1, 1_000_000)),
            Field("organization", FREE_TEXT),
            Field("unit", FREE_TEXT),
            Field("baseline", BASELINE, True, description="where the plan starts"),
            Field("target", PERCENT, True, description="the overall score the plan aims at"),
            Field("phases", Nullable(ListOf(PHASE)), description="one phase per quarter"),
        )
    ),
    VERSIONS,
)


def _rubric(fields: Fields, file: str, context: Context) -> rubric.Rubric | None:
    """The rubric the plan names, relative to the plan's folder; notes why it cannot load."""
    reference = fields.values.get("rubric")
    if reference is None:
        return None
    base = Path(os.path.dirname(file) or ".") if file != files.STDIO else Path.cwd()
    try:
        return rubric_files.load(reference, relative_to=base)
    except InvalidFileError as error:
        context.problems.extend(error.problems)
    except SvccheckError as error:
        context.problem(fields.at("rubric"), f"rubric: {error}", Rule.CROSS_FIELD)
    return None


def _check_item(item: Fields, loaded: rubric.Rubric, seen: set[str], context: Context) -> None:
    """One planned item against the rubric: a known id, listed once, scores on the scale."""
    ids = loaded.item_ids()
    item_id = item.values.get("id")
    if item_id is not None and item_id not in ids:
        message = f"unknown item id {excerpt(item_id)}{did_you_mean(item_id, ids)}"
        context.problem(item.at("id"), message, Rule.CROSS_FIELD)
    elif item_id is not None and item_id in seen:
        message = f"item {excerpt(item_id)} is planned twice; keep one entry"
        context.problem(item.at("id"), message, Rule.CROSS_FIELD)
    if item_id is not None:
        seen.add(item_id)
    scale = loaded.scale
    for key in ("from", "to"):
        value = item.values.get(key)
        if value is not None and not scale.min <= value <= scale.max:
            message = f"{key}: score {value} is outside the scale {scale.min}..{scale.max}"
            context.problem(item.at(key), message, Rule.CROSS_FIELD)


def _planned(item: Fields) -> PlannedItem:
    values = item.values
    return PlannedItem(
        id=values["id"],
        from_score=values["from"],
        to=values["to"],
        actions=tuple(values.get("actions") or ()),
        owner=values.get("owner"),
        due=values.get("due"),
        status=Status(values.get("status", Status.planned)),
        note=values.get("note"),
    )


def _phase(phase: Fields) -> Phase:
    values = phase.values
    return Phase(
        period=values["period"],
        items=tuple(_planned(item) for item in values.get("items") or ()),
        projected_overall=values.get("projected_overall"),
        projected_level=values.get("projected_level"),
    )


def read(parsed: tree.Parsed, file: str) -> tuple[Plan, rubric.Rubric]:
    """The plan in a parsed file and its rubric; :class:`InvalidFileError` lists every problem."""
    fields, context = PLAN.read(parsed, file)
    loaded = _rubric(fields, file, context) if fields is not None else None
    if fields is not None and loaded is not None:
        seen: set[str] = set()
        for phase in fields.values.get("phases") or ():
            for item in phase.values.get("items") or ():
                _check_item(item, loaded, seen, context)
    context.raise_if_any()
    assert fields is not None  # else a problem was noted
    assert loaded is not None
    values: dict[str, Any] = fields.values
    baseline = values["baseline"].values
    plan = Plan(
        rubric=values["rubric"],
        rubric_version=values.get("rubric_version"),
        organization=values.get("organization"),
        unit=values.get("unit"),
        baseline_period=baseline["period"],
        baseline_overall=baseline.get("overall"),
        target=values["target"],
        phases=tuple(_phase(phase) for phase in values.get("phases") or ()),
    )
    return plan, loaded


def parse(text: str, file: str) -> tuple[Plan, rubric.Rubric]:
    """Parse and read plan text, loading the rubric it names."""
    return read(tree.parse(text, file), file)


def load(path: str) -> tuple[Plan, rubric.Rubric]:
    """Read, check and load one plan file (``-`` reads standard input)."""
    return parse(files.read_text(path), path)
