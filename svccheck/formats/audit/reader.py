"""The audit file format, declared once: its loader, located errors and JSON Schema.

The rules a schema cannot state are checked here against the rubric the audit names, and marked
cross-field: the rubric must exist and load, every answered item id must be one of its items, and
every score must lie on its scale.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from svccheck.core import files
from svccheck.core.errors import InvalidFileError, Rule, SvccheckError, did_you_mean
from svccheck.core.sanitize import excerpt
from svccheck.core.vocabulary import NA_HINT, SCALE_BOUND, is_na, means_missing, na_pattern
from svccheck.engine import editions
from svccheck.formats import dates, tree
from svccheck.formats.audit import criteria as answer_criteria
from svccheck.formats.declare import (
    INVALID,
    JSON,
    KEBAB_ID,
    Context,
    Invalid,
    Nullable,
    OneOf,
    Text,
    path_name,
    wrong,
)
from svccheck.formats.declare import Path as KeyPath
from svccheck.formats.evidence import EVIDENCE, EVIDENCE_KEY, EVIDENCE_SINCE
from svccheck.formats.numbers import Integer, Version
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.structure import (
    Entry,
    Field,
    Fields,
    Format,
    MapOf,
    Record,
)
from svccheck.formats.tree import Kind, Mapping, Node, Scalar, new_tuple
from svccheck.model import rubric
from svccheck.model.audit import (
    IMPORTANCE_MAX,
    IMPORTANCE_MIN,
    NA,
    Answer,
    Audit,
    Evidence,
    LoadedAudit,
    Score,
    normalized_period,
)

VERSIONS = (1, 2, 3)  # 2: an answer's evidence, the audit's importance; 3: an answer's criteria
EXPECTED_ANSWER = "a whole-number score, n/a, nothing, or a mapping with 'score' and 'note'"
# Suggesting the closest id costs a fuzzy match against every item: do it for the first few only,
# so that a file of 100 000 wrong ids is still reported in linear time.
MAX_SUGGESTIONS = 50
_PLAIN_SCORE = re.compile("[1-9][0-9]{0,2}")

DATE, PERIOD = dates.DAY, dates.PERIOD  # the one date rule (svccheck.formats.dates)
FREE_TEXT = Nullable(Text(blank=True))
CRITERIA = Nullable(answer_criteria.CRITERIA)
# How much customers care about each item (svccheck.engine.importance); also read by importance
# files.
IMPORTANCE = MapOf(
    KEBAB_ID, Integer(IMPORTANCE_MIN, IMPORTANCE_MAX, "a whole-number importance from 1 to 5")
)


class AnswerValue(NamedTuple):
    """An answer as read, with the node of its score to point at."""

    score: Score
    note: str | None
    score_node: Node
    evidence: tuple[Evidence, ...] | None = None
    criteria: tuple[Entry, ...] | None = None  # what the evidence showed of the criteria


def score_schema(low: int, high: int, expected: str) -> JSON:
    """A score as one schema with a type list rather than ``anyOf``: each keyword applies to its
    own type (bounds to integers, the pattern to text), and editors then show our message (an
    ``anyOf`` makes them print a list of types instead)."""
    message = f"expected {expected}"
    return {
        "type": ["integer", "string", "null"],
        "minimum": low,
        "maximum": high,
        # n/a as people write it (n/a, N/A, n.a.), as the loader reads it.
        "pattern": na_pattern(),
        "patternErrorMessage": message,
        "errorMessage": message,
        "description": expected,
    }


def answer_schema(score: JSON, expected: str) -> JSON:
    """An answer: a score, or a mapping with a score and a note (one schema, as above)."""
    message = f"expected {expected}"
    return {
        **score,
        "type": [*score["type"], "object"],
        "additionalProperties": False,
        "properties": {
            "score": score,
            "note": FREE_TEXT.schema(),
            EVIDENCE_KEY: EVIDENCE.schema(),
            answer_criteria.CRITERIA_KEY: CRITERIA.schema(),
        },
        "patternErrorMessage": message,
        "errorMessage": message,
        "description": expected,
    }


class ScoreReader:
    """A whole-number score, ``n/a``, or nothing (not answered yet)."""

    def __init__(self, expected: str) -> None:
        self.expected = expected
        self.number = Integer(-SCALE_BOUND, SCALE_BOUND, expected)

    def read(self, node: Node, path: KeyPath, context: Context) -> Score | Invalid:
        if isinstance(node, Scalar):
            if node.kind is Kind.NULL:
                return None
            if node.kind is Kind.STR and is_na(node.text):
                return NA
            if node.kind in (Kind.INT, Kind.FLOAT):
                return self.number.read(node, path, context)
            if node.kind is Kind.REFUSED:
                return INVALID
        if isinstance(node, Scalar) and means_missing(node.text):
            return context.problem(
                node, f"{path_name(path)}: {excerpt(node.text)} is not an answer; {NA_HINT}"
            )
        return wrong(node, path, self.expected, context)

    def schema(self) -> JSON:
        return score_schema(self.number.minimum, self.number.maximum, self.expected)


SCORE = ScoreReader("a whole-number score, n/a or nothing")
BARE_SCORE = ScoreReader(EXPECTED_ANSWER)
ANSWER_RECORD = Record(
    (
        Field("score", SCORE),
        Field("note", FREE_TEXT),
        Field(EVIDENCE_KEY, EVIDENCE, since=EVIDENCE_SINCE),
        Field(answer_criteria.CRITERIA_KEY, CRITERIA, since=answer_criteria.CRITERIA_SINCE),
    )
)


class AnswerReader:
    """An answer: a score as above, or a mapping with a score and a note."""

    def read(self, node: Node, path: KeyPath, context: Context) -> AnswerValue | Invalid:
        if isinstance(node, Mapping):
            fields = ANSWER_RECORD.read(node, path, context)
            if isinstance(fields, Invalid) or len(fields.values) < len(fields.nodes):
                return INVALID
            values = fields.values
            recorded = values.get(answer_criteria.CRITERIA_KEY)
            if not answer_criteria.all_read(recorded, fields.at(answer_criteria.CRITERIA_KEY)):
                return INVALID  # a status was refused: no level from the rest
            given = (values.get("score"), values.get("note"), fields.at("score"))
            return new_tuple(AnswerValue, (*given, values.get(EVIDENCE_KEY), recorded))
        if isinstance(node, Scalar) and node.kind is Kind.INT and _PLAIN_SCORE.fullmatch(node.text):
            # The common case, without more calls (one answer of a thousand audits' 46 000).
            return new_tuple(AnswerValue, (int(node.text), None, node, None, None))
        score = BARE_SCORE.read(node, path, context)
        return INVALID if isinstance(score, Invalid) else AnswerValue(score, None, node)

    def schema(self) -> JSON:
        return answer_schema(SCORE.schema(), EXPECTED_ANSWER)


AUDIT = Format(
    "audit",
    "an audit",
    Record(
        (
            Field(
                "svccheck", Version(VERSIONS), description="the audit format version (1, 2 or 3)"
            ),
            Field("kind", OneOf(("audit",), "the file kind, audit")),
            Field(
                "rubric",
                Text("a rubric id or path"),
                True,
                description="a built-in rubric id or the path of a rubric file",
            ),
            Field("rubric_version", Integer(1, 1_000_000)),
            Field("organization", FREE_TEXT),
            Field("unit", FREE_TEXT),
            Field("period", Nullable(PERIOD)),
            Field("assessor", FREE_TEXT),
            Field("date", Nullable(DATE)),
            Field(
                "answers", Nullable(MapOf(KEBAB_ID, AnswerReader())), description="item id → answer"
            ),
            Field(
                "importance",
                Nullable(IMPORTANCE),
                since=2,
                description="item id → how much customers care about it, 1 to 5",
            ),
        )
    ),
    VERSIONS,
)


def folder_of(file: str) -> str:
    """The folder a rubric path in the audit ``file`` is relative to (standard input: here)."""
    # os.path, not Path: pathlib interns every path part, which adds up over thousands of files.
    return (os.path.dirname(file) or ".") if file != files.STDIO else os.getcwd()


def named_rubric(fields: Fields, file: str, context: Context) -> rubric.Rubric | None:
    """The rubric a file (an audit, an importance file) names, relative to the file's folder;
    notes why it cannot load."""
    reference = fields.values.get("rubric")
    if reference is None:
        return None
    try:
        return rubric_files.load_named(reference, folder_of(file))
    except InvalidFileError as error:  # the rubric's own problems, in the rubric file
        context.problems.extend(error.problems)
    except SvccheckError as error:
        context.problem(fields.at("rubric"), f"rubric: {error}", Rule.CROSS_FIELD)
    return None


def _check_answers(
    entries: tuple[Entry, ...], loaded: rubric.Rubric, older: bool, context: Context
) -> None:
    """Known item ids, scores on the scale. An audit of an ``older`` edition may also answer
    items the rubric no longer has (they are set apart, not errors)."""
    known = loaded.answer_ids  # worked out once per rubric: thousands of audits ask
    scale = loaded.scale
    suggested = 0
    for entry in entries:
        if entry.key not in known and not older:
            hint = did_you_mean(entry.key, loaded.id_order) if suggested < MAX_SUGGESTIONS else ""
            suggested += 1
            message = f"answers: unknown item id {excerpt(entry.key)}{hint}"
            context.problem(entry.key_node, message, Rule.CROSS_FIELD)
            continue
        score = entry.value.score
        if isinstance(score, int) and not scale.min <= score <= scale.max:
            message = (
                f"answers.{entry.key}: score {score} is outside the scale "
                f"{scale.min}..{scale.max} (or write n/a)"
            )
            context.problem(entry.value.score_node, message, Rule.CROSS_FIELD)


def check_ids(
    entries: Iterable[Entry], loaded: rubric.Rubric, older: bool, context: Context
) -> None:
    """Every rated id is one of the rubric's items or an id one of them replaces. An audit of
    an ``older`` edition may also rate items the rubric no longer has (left out, with a
    warning), as it may answer them."""
    if older:
        return
    ids = loaded.item_ids()
    known = loaded.answer_ids
    suggested = 0
    for entry in entries:
        if entry.key in known:
            continue
        hint = did_you_mean(entry.key, ids) if suggested < MAX_SUGGESTIONS else ""
        suggested += 1
        message = f"importance: unknown item id {excerpt(entry.key)}{hint}"
        context.problem(entry.key_node, message, Rule.CROSS_FIELD)


def read(parsed: tree.Parsed, file: str) -> LoadedAudit:
    """The audit in a parsed file and its rubric; :class:`InvalidFileError` lists every problem."""
    fields, context = AUDIT.read(parsed, file)
    loaded = named_rubric(fields, file, context) if fields is not None else None
    derived: dict[str, int] = {}  # scores the criteria give, by item id
    if fields is not None and loaded is not None:
        written_for = fields.values.get("rubric_version")
        older = written_for is not None and written_for < loaded.version
        answers = fields.values.get("answers") or ()
        _check_answers(answers, loaded, older, context)
        derived = answer_criteria.derive(answers, loaded, written_for, context)
        rated = fields.values.get("importance")
        if rated:
            check_ids(rated, loaded, older, context)
    context.raise_if_any()
    assert fields is not None  # else a problem was noted
    assert loaded is not None
    values: dict[str, Any] = fields.values
    # Unpacked rather than read by name: 46 000 answers in a bulk run of 1 000 audits.
    given = [
        Answer(e.key, e.value.score, e.value.note, e.value.evidence)
        if e.value.criteria is None  # the common case, without another call
        else answer_criteria.answer(e, derived)
        for e in values.get("answers") or ()
    ]
    return assemble(values, given, loaded, file)


def assemble(
    values: dict[str, Any], given: list[Answer], loaded: rubric.Rubric, file: str
) -> LoadedAudit:
    """The loaded audit from the values of a valid file (by key) and its answers in file order."""
    seen = editions.reconcile(given, loaded)
    rated = values.get("importance")
    importance = None
    if rated is not None:
        # Lazy: the importance engine is needed only by audits that rate importance (its test,
        # test_the_importance_engine_is_imported_only_when_used, keeps the start-up path free).
        from svccheck.engine.importance import reconcile

        importance = reconcile(((entry.key, entry.value) for entry in rated), loaded)
    audit = Audit(
        rubric=values["rubric"],
        rubric_version=values.get("rubric_version"),
        organization=values.get("organization"),
        unit=values.get("unit"),
        period=normalized_period(values.get("period")),
        assessor=values.get("assessor"),
        date=values.get("date"),
        answers=seen.answers,
        removed=seen.removed,
        path=file,
        importance=None if importance is None else importance.ratings,
    )
    warnings = _warnings(file, audit, loaded, seen)
    if importance is not None:
        warnings += importance.warnings(file, loaded)
    return LoadedAudit(audit, loaded, warnings)


def _warnings(
    file: str, audit: Audit, loaded: rubric.Rubric, seen: editions.Reconciled
) -> tuple[str, ...]:
    """What a person should know about an audit of another edition of its rubric."""
    warnings = []
    if audit.rubric_version is not None and audit.rubric_version != loaded.version:
        warnings.append(
            f"{file}: written for version {audit.rubric_version} of rubric "
            f"{loaded.id!r}, which is now at version {loaded.version}"
        )
    for old, new in seen.renamed:
        warnings.append(f"{file}: the answer to {old!r} counts for {new!r}, which replaces it")
    if seen.removed:
        ids = ", ".join(answer.item_id for answer in seen.removed)
        count = f"{len(seen.removed)} answers are" if len(seen.removed) > 1 else "1 answer is"
        warnings.append(
            f"{file}: {count} to items version {loaded.version} of rubric {loaded.id!r} no "
            f"longer has, and not scored: {ids}"
        )
    return tuple(warnings)


def parse(text: str, file: str) -> LoadedAudit:
    """Parse and read audit text, loading the rubric it names; every problem is reported with
    its position."""
    parsed = tree.parse(text, file)
    _refuse_rubric(parsed, file)
    return read(parsed, file)


def _refuse_rubric(parsed: tree.Parsed, file: str) -> None:
    """A rubric given where an audit belongs gets one clear message, not a list of unknown
    keys: the mix-up is easy to make (both are YAML files of the same rubric's items)."""
    from svccheck.core.errors import UsageError
    from svccheck.core.sanitize import identifier

    root = parsed.root
    if not isinstance(root, Mapping):
        return
    keys = {key.text for key, _ in root.entries}
    if "sections" in keys and "answers" not in keys:
        raise UsageError(
            f"{identifier(file)}: this is a rubric, not an audit; write an audit of it with "
            f"svccheck template {identifier(file)} -o audit.yaml, or check it with svccheck "
            "validate"
        )
