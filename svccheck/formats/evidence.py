"""Evidence in files, declared once: an answer's ``evidence`` and the rubric keys that ask for it.

An answer's ``evidence`` (audit format 2) is a text, a mapping ``{text, date}``, a list of those,
or ``[]``: recorded as missing (the assessor was asked and had none), which reads back as an empty
tuple and never as evidence text. Nothing (``evidence:``, or no key) means none is recorded. A
date is an ISO date or a month, since evidence is often dated by the month it covers.

A rubric (format 2) may set ``evidence_from`` (scores at or above it need evidence: above the
scale's minimum, at most its maximum, a cross-field rule) and ``evidence_max_age`` (in whole
months; older evidence is stale).
"""

from __future__ import annotations

from svccheck.core.errors import Rule
from svccheck.core.vocabulary import SCALE_BOUND
from svccheck.formats import dates
from svccheck.formats.declare import (
    INVALID,
    JSON,
    Context,
    Invalid,
    Nullable,
    Path,
    Text,
    path_name,
)
from svccheck.formats.numbers import Integer
from svccheck.formats.structure import Field, Fields, ListOf, Record
from svccheck.formats.tree import Kind, Mapping, Node, Scalar, Sequence
from svccheck.model.audit import Evidence

EVIDENCE_KEY = "evidence"
EVIDENCE_SINCE = 2  # the audit format version that added it
EXPECTED = "evidence: a text, a mapping with 'text' and 'date', or a list of them"
EVIDENCE_DATE = dates.EVIDENCE_DATE  # the one date rule (svccheck.formats.dates)
MAX_AGE_MONTHS = 1200  # a hundred years: any longer is no limit at all
ENTRY = Record(
    (
        Field("text", Text(), True, description="what the evidence is: a document, link, figure"),
        Field("date", Nullable(EVIDENCE_DATE), description="when it is from (a date or a month)"),
    ),
    "a mapping with 'text' and 'date'",
)


class EntryReader:
    """One piece of evidence: its text, or a mapping with its text and date."""

    def __init__(self, expected: str) -> None:
        self.text = Text(expected)

    def read(self, node: Node, path: Path, context: Context) -> Evidence | Invalid:
        if isinstance(node, Mapping):
            fields = ENTRY.read(node, path, context)
            if isinstance(fields, Invalid) or len(fields.values) < len(fields.nodes):
                return INVALID
            if "text" not in fields.values:
                return INVALID  # the missing key was reported
            return Evidence(fields.values["text"], fields.values.get("date"))
        if isinstance(node, Scalar) and node.kind is Kind.STR and not node.text.strip():
            return context.problem(
                node,
                f"{path_name(path)}: must not be empty (write [] to record that there is none)",
            )
        text = self.text.read(node, path, context)
        return text if isinstance(text, Invalid) else Evidence(text)

    def schema(self) -> JSON:
        entry = ENTRY.schema()
        return {
            **entry,
            "type": ["string", "object"],
            "pattern": r"\S",
            "patternErrorMessage": "must not be empty",
            "description": "evidence text, or a mapping with its text and date",
        }


ENTRY_READER = EntryReader("evidence text or a mapping with 'text' and 'date'")
ENTRIES = ListOf(ENTRY_READER)
ALONE = EntryReader(EXPECTED)


class EvidenceReader:
    """An answer's evidence: one entry, a list of entries, ``[]`` (recorded as missing) or
    nothing (none recorded)."""

    def read(
        self, node: Node, path: Path, context: Context
    ) -> tuple[Evidence, ...] | Invalid | None:
        if isinstance(node, Scalar) and node.kind is Kind.NULL:
            return None
        if isinstance(node, Sequence):
            entries = ENTRIES.read(node, path, context)
            return entries if isinstance(entries, Invalid) else tuple(entries)
        entry = ALONE.read(node, path, context)
        return entry if isinstance(entry, Invalid) else (entry,)

    def schema(self) -> JSON:
        # One schema with a list of types, not anyOf: each keyword applies to its own type, and
        # editors then show the message below instead of a list of alternatives.
        entry = ENTRY_READER.schema()
        return {
            **entry,
            "type": [*entry["type"], "array", "null"],
            "items": entry,
            "errorMessage": f"expected {EXPECTED}",
            "description": "evidence: a text, {text, date}, a list of them, or [] when there is "
            "none",
        }


EVIDENCE = EvidenceReader()
RUBRIC_FIELDS = (
    Field(
        "evidence_from",
        Integer(-SCALE_BOUND, SCALE_BOUND),
        since=2,
        description="scores at or above this need evidence (above the scale's minimum)",
    ),
    Field(
        "evidence_max_age",
        Integer(1, MAX_AGE_MONTHS),
        since=2,
        description="months after which evidence is stale, counted back from the audit's date",
    ),
)


def check_rubric(fields: Fields, bounds: tuple[int, int], context: Context) -> None:
    """``evidence_from`` lies above the scale's minimum (a claim the lowest score cannot make)
    and at most at its maximum."""
    value = fields.values.get("evidence_from")
    low, high = bounds
    if value is not None and not low < value <= high:
        message = (
            f"evidence_from: {value} must be above the scale's minimum {low} and at most its "
            f"maximum {high}"
        )
        context.problem(fields.at("evidence_from"), message, Rule.CROSS_FIELD)
