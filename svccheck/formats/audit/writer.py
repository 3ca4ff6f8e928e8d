"""Writing audit files: every item listed with its question, values that read back unchanged."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from svccheck.core import files
from svccheck.core.errors import InvalidFileError, UsageError
from svccheck.formats import tree
from svccheck.formats.rubric import search as rubric_search
from svccheck.model import rubric
from svccheck.model.audit import HEADER_FIELDS, Answer, Audit, Evidence
from svccheck.model.rubric import Rubric

# Every character YAML and Python treat as a line break (a comment ends at any of them), and tab.
_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")


# What may not stand in a YAML file at all: the complement of YAML's printable set. Compiled
# when first needed: its Unicode-wide ranges took 9 ms to compile, and `combine` imports this
# module whether or not it writes a consensus file.
@cache
def _unprintable() -> re.Pattern[str]:
    return re.compile(r"[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_PLAIN = re.compile(r"(?:[^\W_]|[./~])[\w .()/&'+;!?%~-]*")


def flow_value(value: Any) -> str:
    """One YAML value on one line that reads back as exactly ``value``, also inside ``{...}``.

    Plain text stays unquoted where that is unambiguous, for people editing the file; anything
    else (commas, colons, leading spaces, look-alikes of numbers or booleans, control or
    line-break characters) is double-quoted with YAML escapes. ``None`` is written as nothing.
    """
    if value is None:
        return ""
    if isinstance(value, dict):
        pairs = ", ".join(f"{key}: {flow_value(entry) or 'null'}" for key, entry in value.items())
        return "{" + pairs + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow_value(entry) or "null" for entry in value) + "]"
    if not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if _PLAIN.fullmatch(value) and value == value.strip() and _reads_back_plain(value):
        return value
    text: str = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return text.removesuffix("\n...\n").rstrip("\n")


def _reads_back_plain(value: str) -> bool:
    """Whether ``value`` unquoted inside ``{...}`` reads back as the same text, in svccheck and
    in editors (``yes``, ``1e3`` and ``2026-01-01`` would not be text to one of them).

    Not always: a trailing ``?`` ("Why?") is a syntax error in a flow mapping for one parser.
    """
    if not value.isprintable():
        return False
    candidate = "{k: " + value + "}"
    try:
        # libyaml reads `{k: Why?}`, PyYAML's pure-Python parser (the fallback) does not.
        yaml.compose(candidate, Loader=yaml.SafeLoader)
        parsed = tree.parse(candidate, "")
    except (yaml.YAMLError, InvalidFileError):
        return False
    root = parsed.root
    if parsed.problems or not isinstance(root, tree.Mapping) or len(root.entries) != 1:
        return False
    node = root.entries[0][1]
    return isinstance(node, tree.Scalar) and node.kind is tree.Kind.STR and node.text == value


def _one_line(text: object) -> str:
    """Text from a rubric made fit for a comment: one line, control characters escaped.

    A line break inside a comment would end it and turn the rest into YAML; a control character
    would make the file unreadable.
    """
    flat = _BREAKS.sub(" ", str(text))
    return _unprintable().sub(lambda match: ascii(match.group())[1:-1], flat)


def _comment(text: str, indent: str, width: int = 96, hang: str = "") -> list[str]:
    """``text`` as comment lines of at most ``width`` characters; lines after the first are
    indented by ``hang`` more (a level's text under its number)."""
    lines: list[str] = []
    current = ""
    for word in _one_line(text).split(" "):
        if not word:
            continue
        lead = f"{indent}# {hang if lines else ''}"
        if current and len(lead) + len(current) + 1 + len(word) > width:
            lines.append(f"{lead}{current}")
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(f"{indent}# {hang if lines else ''}{current}")
    return lines


def _guidance(loaded_rubric: Rubric, item: rubric.Item) -> list[str]:
    """Every level's guidance for ``item`` as comments, so that a person filling the file in an
    editor scores by the same evidence as the interactive audit shows; each criterion with the
    key an answer records it under in brackets."""
    lines = []
    keys = {(c.level, c.id): key for key, c in item.criterion_keys.items()}
    described = dict(item.guidance.levels)
    for point in sorted({*described, *(c.level for c in item.criteria)}):
        text = described.get(point, "")
        criteria = [f"[{keys[c.level, c.id]}] {c.described}" for c in item.criteria_at(point)]
        text = " ".join([text, "Criteria:", *criteria]) if criteria else text
        label = f"{point} {loaded_rubric.scale.label(point)}"
        lines += _comment(f"  {label}: {text}", "  ", hang="    ")
    return lines


def _criteria_comments(loaded_rubric: Rubric) -> list[str]:
    """How to record criteria instead of a score, for a rubric that has criteria."""
    if not any(item.criteria for _, item in loaded_rubric.items()):
        return []
    return [
        "# Or tick its criteria (ids in [brackets]) and svccheck gives the level: met, partly or",
        "# not-met (a record said not to exist is not-met), not-assessed where the evidence never",
        "# shows it (a record withheld or out of reach too):",
        "#   item-id: {criteria: {an-id: met, b@3: partly}}",
        "# svccheck validate lists the criteria left unjudged near the level each item gets.",
    ]


def _rule_comments(loaded_rubric: Rubric) -> list[str]:
    """The rubric's scoring rule and sampling rules as comments: the file is where people
    score, so the rule is there too."""
    lines = []
    for heading, text in (
        ("Scoring rule", loaded_rubric.scoring_rule),
        ("Sampling", loaded_rubric.sampling),
    ):
        if text:
            lines += _comment(f"{heading}: {text}", "", hang="  ")
    return lines


def format_version(audit: Audit | None = None) -> int:
    """The audit format version a written audit declares (also in workbooks): the lowest that
    holds every key the writer uses, and ``audit``'s evidence and criteria where an answer
    carries some."""
    from svccheck.formats.audit.criteria import CRITERIA_SINCE
    from svccheck.formats.audit.reader import AUDIT
    from svccheck.formats.evidence import EVIDENCE_SINCE

    lowest = AUDIT.lowest_version(["rubric", "rubric_version", *HEADER_FIELDS, "answers"])
    answers = audit.answers if audit is not None else ()
    if any(answer.criteria is not None for answer in answers):
        lowest = max(lowest, CRITERIA_SINCE)
    if any(answer.evidence is not None for answer in answers):
        lowest = max(lowest, EVIDENCE_SINCE)
    return lowest


def current_version() -> int:
    """The newest audit format version: what a template declares, so that whatever the docs
    show (evidence, importance) can be typed into it without changing its first lines."""
    from svccheck.formats.audit.reader import VERSIONS

    return max(VERSIONS)


def evidence_value(evidence: tuple[Evidence, ...]) -> object:
    """Evidence as written: one undated entry as its text, otherwise a list whose entries are
    texts or ``{text, date}`` mappings; recorded as missing, ``[]``."""
    if len(evidence) == 1 and evidence[0].date is None:
        return evidence[0].text
    return [e.text if e.date is None else {"text": e.text, "date": e.date} for e in evidence]


def answer_value(answer: Answer | None) -> object:
    """The YAML value of an answer: its score alone, or a mapping with its criteria, note and
    evidence (without the score where the criteria gave it)."""
    if answer is None:
        return None
    if not answer.note and answer.evidence is None and answer.criteria is None:
        return answer.score
    value: dict[str, object] = {}
    if not answer.score_from_criteria:
        value["score"] = answer.score
    if answer.criteria is not None:
        value["criteria"] = {key: str(status) for key, status in answer.criteria}
    if answer.note:
        value["note"] = answer.note
    if answer.evidence is not None:
        value["evidence"] = evidence_value(answer.evidence)
    return value


def render_audit(
    loaded_rubric: Rubric,
    audit: Audit,
    *,
    modeline: str | None = None,
    version: int | None = None,
) -> str:
    """The audit as YAML, every item listed with its question and every level's guidance as
    comments (also the template); an unanswered item is a bare ``item-id:`` line.

    ``modeline`` (a ``# yaml-language-server: $schema=...`` comment pointing editors at the
    rubric's audit schema) becomes the first line. ``version`` is the format version declared
    (default: the lowest that holds the audit, :func:`format_version`).
    """
    refuse_invalid_text(audit)
    scale = loaded_rubric.scale
    labels = ", ".join(f"{point} {scale.label(point)}" for point in scale.points())
    lines = [
        *([_one_line(modeline)] if modeline else []),
        _one_line(
            f"# svccheck audit: {loaded_rubric.title} ({loaded_rubric.id}, version "
            f"{loaded_rubric.version})"
        ),
        _one_line(f"# Score every item {scale.min}..{scale.max}: {labels}."),
        "# Write n/a where an item does not apply, and say why in a note:",
        "#   item-id: {score: n/a, note: no competitors in our market}",
        "# Leave an item empty until it is answered. Check the file: svccheck validate FILE",
        *_criteria_comments(loaded_rubric),
        *_rule_comments(loaded_rubric),
        f"svccheck: {version or format_version(audit)}",
        f"rubric: {flow_value(audit.rubric)}",
        f"rubric_version: {loaded_rubric.version}",
    ]
    lines += [f"{name}: {flow_value(getattr(audit, name))}".rstrip() for name in HEADER_FIELDS]
    lines.append("answers:")
    answers = audit.answer_map()
    for section in loaded_rubric.sections:
        lines.append(_one_line(f"  # == {section.title} =="))
        for item in section.items:
            lines += _comment(f"{item.title}: {item.question}", "  ")
            lines += _guidance(loaded_rubric, item)
            value = answer_value(answers.get(item.id))
            lines.append(f"  {item.id}: {flow_value(value)}".rstrip())
    return "\n".join(lines) + "\n"


def _check_text(value: object, where: str) -> None:
    if not isinstance(value, str):
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = ascii(value[error.start])[1:-1]
        raise UsageError(
            f"{where}: contains {bad} at character {error.start + 1}, which is not text (input "
            "that was not UTF-8?); retype it. Nothing was written"
        ) from None


def refuse_invalid_text(audit: Audit) -> None:
    """Refuse header values and notes that cannot be written as UTF-8 (lone surrogates).

    They come from non-UTF-8 bytes in arguments or piped input, which Python keeps as lone
    surrogates; no file can hold them, so they are refused before anything is written.
    """
    _check_text(audit.rubric, "rubric")
    for name in HEADER_FIELDS:
        _check_text(getattr(audit, name), name)
    for answer in audit.answers:
        _check_text(answer.note, f"the note of {answer.item_id}")
        for entry in answer.evidence or ():
            _check_text(entry.text, f"the evidence of {answer.item_id}")


def within_size_cap(text: str, name: str) -> str:
    """``text`` if svccheck could read it back as a file; otherwise :class:`UsageError`."""
    size, limit = len(text.encode("utf-8")), files.max_bytes()
    if size > limit:
        raise UsageError(
            f"{name}: would be {size} bytes, more than the {limit} bytes svccheck reads back "
            f"({files.MAX_BYTES_VARIABLE}); shorten the note. Nothing was written"
        )
    return text


def template(
    reference: str,
    loaded_rubric: Rubric,
    audit: Audit,
    output_file: str | None,
    *,
    editor_schema: bool = True,
) -> str:
    """A blank audit to fill in an editor, declaring the current format version. Written to a
    file, it starts with a modeline pointing at the rubric's audit schema, which is written
    beside it (``.svccheck/``)."""
    from svccheck.formats.audit import schema as audit_schema

    modeline = None
    if editor_schema and output_file is not None and not files.names_stdout(output_file):
        modeline = audit_schema.write_beside(output_file, loaded_rubric)
    text = render_audit(loaded_rubric, audit, modeline=modeline, version=current_version())
    return within_size_cap(text, output_file or files.STDIO)


def rubric_reference(reference: str, loaded_rubric: Rubric, audit_path: str | None) -> str:
    """How an audit written to ``audit_path`` should name its rubric.

    A built-in or search-path rubric is named by id; a rubric given as a path is named relative to
    the audit file's folder, which is where svccheck will look for it when the audit is read.
    """
    if not rubric_search.looks_like_path(reference):
        return loaded_rubric.id
    folder = Path(audit_path).parent if audit_path not in (None, files.STDIO) else Path()
    return os.path.relpath(Path(loaded_rubric.path).resolve(), folder.resolve())
