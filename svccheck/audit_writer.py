"""Writing audit files: every item listed with its question, values that read back unchanged."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from svccheck import files, rubric
from svccheck.audit import FORMAT_VERSION, HEADER_FIELDS, Audit
from svccheck.rubric import Rubric

_PLAIN = re.compile(r"(?:[^\W_]|[./~])[\w .()/&'+;!?%~-]*")


def _flow(value: Any) -> str:
    """One YAML value on one line that reads back as exactly ``value``, also inside ``{...}``.

    Plain text stays unquoted where that is unambiguous, for people editing the file; anything
    else (commas, colons, leading spaces, look-alikes of numbers or booleans, control or
    line-break characters) is double-quoted with YAML escapes. ``None`` is written as nothing.
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        pairs = ", ".join(f"{key}: {_flow(entry) or 'null'}" for key, entry in value.items())
        return "{" + pairs + "}"
    if not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if _PLAIN.fullmatch(value) and value == value.strip() and _reads_back_plain(value):
        return value
    text: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return text.removesuffix("\n...\n").rstrip("\n")


def _reads_back_plain(value: str) -> bool:
    """Whether ``value`` unquoted inside ``{...}`` reads back as itself.

    Not always: a trailing ``?`` ("Why?") is a YAML syntax error in a flow mapping.
    """
    try:
        return bool(value.isprintable() and yaml.safe_load("{k: " + value + "}") == {"k": value})
    except yaml.YAMLError:
        return False


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(indent) + 2 + len(current) + 1 + len(word) > width:
            lines.append(f"{indent}# {current}")
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(f"{indent}# {current}")
    return lines


def render_audit(loaded_rubric: Rubric, audit: Audit) -> str:
    """The audit as YAML, every item listed with its question as a comment (also the template)."""
    scale = loaded_rubric.scale
    labels = ", ".join(f"{point} {scale.label(point)}" for point in scale.points())
    lines = [
        f"# svccheck audit: {loaded_rubric.title} ({loaded_rubric.id}, version "
        f"{loaded_rubric.version})",
        f"# Score every item {scale.min}..{scale.max}: {labels}.",
        "# Write n/a where an item does not apply, and say why in a note:",
        "#   item-id: {score: n/a, note: no competitors in our market}",
        "# Leave an item empty until it is answered. Check the file: svccheck validate FILE",
        f"svccheck: {FORMAT_VERSION}",
        f"rubric: {_flow(audit.rubric)}",
        f"rubric_version: {loaded_rubric.version}",
    ]
    lines += [f"{name}: {_flow(getattr(audit, name))}".rstrip() for name in HEADER_FIELDS]
    lines.append("answers:")
    answers = audit.answer_map()
    for section in loaded_rubric.sections:
        lines.append(f"  # == {section.title} ==")
        for item in section.items:
            lines += _comment(f"{item.title}: {item.question}", "  ")
            answer = answers.get(item.id)
            value: Any = None
            if answer is not None:
                value = answer.score
                if answer.note:
                    value = {"score": answer.score, "note": answer.note}
            lines.append(f"  {item.id}: {_flow(value)}".rstrip())
    return "\n".join(lines) + "\n"


def rubric_reference(reference: str, loaded_rubric: Rubric, audit_path: str | None) -> str:
    """How an audit written to ``audit_path`` should name its rubric.

    A built-in or search-path rubric is named by id; a rubric given as a path is named relative to
    the audit file's folder, which is where svccheck will look for it when the audit is read.
    """
    if not rubric.looks_like_path(reference):
        return loaded_rubric.id
    folder = Path(audit_path).parent if audit_path not in (None, files.STDIO) else Path()
    return os.path.relpath(Path(loaded_rubric.path).resolve(), folder.resolve())
