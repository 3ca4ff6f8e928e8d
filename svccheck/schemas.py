"""JSON Schemas of the rubric and audit formats: one source of truth.

``svccheck schema rubric|audit`` prints them for editors; :mod:`svccheck.checker` validates loaded
files against them (structure and types), and the loaders add the checks a schema cannot express
(unique ids, a label for every scale point, scores inside the rubric's scale).
"""

from __future__ import annotations

from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KEBAB = "^[a-z0-9]+(-[a-z0-9]+)*$"
TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
POSITIVE: dict[str, Any] = {"type": "number", "exclusiveMinimum": 0}
PERCENT: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": 100}
KEBAB_ID: dict[str, Any] = {"type": "string", "pattern": KEBAB, "description": "a kebab-case id"}

ITEM: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "question", "guidance", "source", "actions"],
    "additionalProperties": False,
    "properties": {
        "id": KEBAB_ID,
        "title": TEXT,
        "question": TEXT,
        "guidance": {
            "type": "object",
            "required": ["low", "mid", "high"],
            "additionalProperties": False,
            "properties": {"low": TEXT, "mid": TEXT, "high": TEXT},
        },
        "weight": POSITIVE,
        "source": TEXT,
        "actions": {"type": "array", "minItems": 2, "items": TEXT},
    },
}

SECTION: dict[str, Any] = {
    "type": "object",
    "required": ["id", "title", "items"],
    "additionalProperties": False,
    "properties": {
        "id": KEBAB_ID,
        "title": TEXT,
        "description": TEXT,
        "weight": POSITIVE,
        "items": {"type": "array", "minItems": 1, "items": ITEM},
    },
}

RUBRIC: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "svccheck rubric",
    "type": "object",
    "required": ["id", "title", "version", "description", "sources", "sections"],
    "additionalProperties": False,
    "properties": {
        "id": KEBAB_ID,
        "title": TEXT,
        "version": {"type": "integer", "minimum": 1},
        "description": TEXT,
        "sources": {"type": "array", "minItems": 1, "items": TEXT},
        "scale": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "min": {"type": "integer"},
                "max": {"type": "integer"},
                "labels": {
                    "type": "object",
                    "propertyNames": {"pattern": "^-?[0-9]+$", "description": "a whole number"},
                    "additionalProperties": TEXT,
                },
            },
        },
        "target": PERCENT,
        "levels": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "min"],
                "additionalProperties": False,
                "properties": {"name": TEXT, "min": PERCENT},
            },
        },
        "sections": {"type": "array", "minItems": 1, "items": SECTION},
    },
}

SCORE: dict[str, Any] = {
    "anyOf": [{"type": "integer"}, {"const": "n/a"}, {"type": "null"}],
    "description": "a whole-number score, n/a, or nothing (not answered yet)",
}

ANSWER: dict[str, Any] = {
    "anyOf": [
        SCORE,
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {"score": SCORE, "note": {"type": ["string", "null"]}},
        },
    ],
    "description": "a whole-number score, n/a, nothing, or a mapping with 'score' and 'note'",
}

AUDIT: dict[str, Any] = {
    "$schema": DRAFT,
    "title": "svccheck audit",
    "type": "object",
    "required": ["rubric"],
    "additionalProperties": False,
    "properties": {
        "svccheck": {"const": 1, "description": "the audit format version, 1"},
        "rubric": {**TEXT, "description": "a built-in rubric id or the path of a rubric file"},
        "rubric_version": {"type": "integer", "minimum": 1},
        "organization": {"type": ["string", "null"]},
        "unit": {"type": ["string", "null"]},
        "period": {
            "type": ["string", "null"],
            "pattern": r"^[0-9]{4}-(Q[1-4]|(0[1-9]|1[0-2])(-[0-3][0-9])?)$",
            "description": "a period such as 2026-Q3, 2026-09 or 2026-09-30",
        },
        "assessor": {"type": ["string", "null"]},
        "date": {
            "type": ["string", "null"],
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "an ISO date such as 2026-09-30",
        },
        "answers": {
            "type": ["object", "null"],
            "propertyNames": KEBAB_ID,
            "additionalProperties": ANSWER,
        },
    },
}

SCHEMAS: dict[str, dict[str, Any]] = {"rubric": RUBRIC, "audit": AUDIT}
