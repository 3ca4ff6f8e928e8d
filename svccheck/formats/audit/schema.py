"""A JSON Schema for the audits of one rubric, for editors: its item ids, its scale, its guidance.

The generic audit schema (``svccheck schema audit``) cannot know a rubric's item ids or scale;
this one lists every item as the only allowed answer key, limits scores to the scale, lists each
item's criterion keys as the only keys of its ``criteria``, and carries
each item's title, question and guidance as its description, so that hovering over a key in an
editor shows what to score. ``template`` writes it beside the audit, in a ``.svccheck`` folder,
and points the audit's first line (a ``yaml-language-server`` modeline) at it.
"""

from __future__ import annotations

import os

from svccheck.formats.audit import criteria as answer_criteria
from svccheck.formats.audit.reader import AUDIT, answer_schema, score_schema
from svccheck.formats.declare import JSON
from svccheck.model.rubric import Item, Rubric

SCHEMA_FOLDER = ".svccheck"
MODELINE = "# yaml-language-server: $schema="


def _answer(rubric: Rubric) -> JSON:
    scale = rubric.scale
    expected = f"a whole-number score from {scale.min} to {scale.max}, n/a, or nothing"
    score = score_schema(scale.min, scale.max, expected)
    return answer_schema(score, f"{expected} (or a mapping with 'score' and 'note')")


def _described(item: Item, rubric: Rubric) -> tuple[str, str]:
    """The item for a hover: plain text and Markdown."""
    levels = [(p, rubric.scale.label(p), text) for p, text in item.level_texts()]
    plain = "\n".join(
        [f"{item.title}: {item.question}", *(f"{p} {label}: {text}" for p, label, text in levels)]
    )
    markdown = "\n\n".join(
        [
            f"**{item.title}**: {item.question}",
            *(f"**{p} {label}**: {text}" for p, label, text in levels),
        ]
    )
    return plain, markdown


def for_rubric(rubric: Rubric) -> JSON:
    """The audit schema for ``rubric``: the generic one, with answers limited to its items."""
    schema = AUDIT.schema()
    answer = _answer(rubric)
    properties: JSON = {}
    for _, item in rubric.items():
        plain, markdown = _described(item, rubric)
        own = {**answer, "description": plain, "markdownDescription": markdown}
        criteria = answer_criteria.item_schema(item)  # its criterion keys, and only those
        own["properties"] = {**answer["properties"], answer_criteria.CRITERIA_KEY: criteria}
        properties[item.id] = own
    for old, new in rubric.replaced_ids().items():
        note = f"an item of an earlier edition; its answer counts for {new}"
        properties[old] = {**answer, "description": note, "deprecationMessage": note}
    schema["title"] = f"svccheck audit of {rubric.id}, version {rubric.version}"
    schema["properties"] = {
        **schema["properties"],
        "answers": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": properties,
            "description": f"item id → answer; the items of {rubric.title}",
        },
        "importance": {**importance_of(rubric), "type": ["object", "null"]},
    }
    return schema


def importance_of(rubric: Rubric) -> JSON:
    """The ``importance`` mapping limited to the rubric's item ids (and the ids they replace)."""
    from svccheck.formats.audit.reader import IMPORTANCE

    rating = IMPORTANCE.value.schema()
    properties: JSON = {
        item.id: {**rating, "description": item.title} for _, item in rubric.items()
    }
    for old, new in rubric.replaced_ids().items():
        note = f"an item of an earlier edition; its importance counts for {new}"
        properties[old] = {**rating, "description": note, "deprecationMessage": note}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "description": f"item id → how much customers care about it, 1 to 5; the items of "
        f"{rubric.title}",
    }


def importance_file(rubric: Rubric) -> JSON:
    """The importance file schema for one rubric's items (``schema importance --rubric``)."""
    from svccheck.formats.importance import IMPORTANCE_FORMAT

    schema = IMPORTANCE_FORMAT.schema()
    schema["title"] = f"svccheck importance of {rubric.id}, version {rubric.version}"
    schema["properties"] = {**schema["properties"], "importance": importance_of(rubric)}
    return schema


def file_name(rubric: Rubric) -> str:
    """Where ``template`` writes the schema, relative to the audit's folder."""
    return f"{SCHEMA_FOLDER}/{rubric.id}-v{rubric.version}.schema.json"


def folder_beside(audit_path: str) -> str:
    """The folder beside ``audit_path`` that holds the schemas its modeline points at."""
    return os.path.join(os.path.dirname(audit_path), SCHEMA_FOLDER)


def write_beside(audit_path: str, rubric: Rubric) -> str | None:
    """Write the rubric's audit schema beside ``audit_path``; the modeline that points at it.

    The file is svccheck's own and depends only on the rubric, so it is written again when it
    differs (a new edition gets a new name). Editor support is a convenience: if the schema
    cannot be written, the audit is written all the same, without a modeline (``None``).
    """
    import json

    from svccheck.core import files
    from svccheck.core.errors import SvccheckError

    relative = file_name(rubric)
    target = os.path.join(os.path.dirname(audit_path) or ".", relative)
    text = json.dumps(for_rubric(rubric), indent=2, ensure_ascii=False) + "\n"
    try:
        with open(target, encoding="utf-8") as stream:
            if stream.read() == text:
                return MODELINE + relative
    except OSError:
        pass  # not there yet, or unreadable: write it
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        files.write_text_atomic(target, text)
    except (OSError, SvccheckError):
        return None
    return MODELINE + relative
