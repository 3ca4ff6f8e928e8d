"""Audit files: the data model, loading against a rubric with located checks, and writing them."""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from svccheck import checker, files, rubric, schemas, yamlio
from svccheck.errors import InvalidFileError, Problem, SvccheckError, did_you_mean
from svccheck.rubric import Rubric

NA = "n/a"
FORMAT_VERSION = 1
Score = int | str | None  # a whole number on the rubric's scale, "n/a", or None (not answered)
HEADER_FIELDS = ("organization", "unit", "period", "assessor", "date")


@dataclass(frozen=True)
class Answer:
    """The answer to one item: a score, ``n/a`` or nothing, and an optional note."""

    item_id: str
    score: Score
    note: str | None = None


@dataclass(frozen=True)
class Audit:
    """One filled-in (or partly filled-in) audit of one organization or unit for one period."""

    rubric: str
    rubric_version: int | None = None
    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None
    date: str | None = None
    answers: tuple[Answer, ...] = ()
    path: str = ""

    def answer_map(self) -> dict[str, Answer]:
        """Answers by item id."""
        return {answer.item_id: answer for answer in self.answers}

    def with_answer(self, answer: Answer) -> Audit:
        """A copy with one answer set (replacing any earlier answer to the same item)."""
        others = tuple(a for a in self.answers if a.item_id != answer.item_id)
        return replace(self, answers=(*others, answer))


@dataclass(frozen=True)
class LoadedAudit:
    """An audit, the rubric it names, and warnings that do not stop scoring."""

    audit: Audit
    rubric: Rubric
    warnings: tuple[str, ...] = ()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, _dt.date) else str(value)


def _answers(data: Mapping[str, Any] | None) -> tuple[Answer, ...]:
    answers = []
    for item_id, value in (data or {}).items():
        if isinstance(value, dict):
            answers.append(Answer(item_id, value.get("score"), value.get("note")))
        else:
            answers.append(Answer(item_id, value))
    return tuple(answers)


def _answer_problems(
    document: yamlio.Document, scale: rubric.Scale, ids: list[str]
) -> list[Problem]:
    problems = []
    known = set(ids)
    for item_id, value in (document.data.get("answers") or {}).items():
        path: yamlio.Path = ("answers", item_id)
        if item_id not in known:
            hint = did_you_mean(item_id, ids)
            message = f"answers: unknown item id {item_id!r}{hint}"
            problems.append(document.at(path, message, key=True))
            continue
        if isinstance(value, dict):
            value, path = value.get("score"), (*path, "score")
        if isinstance(value, int) and not scale.min <= value <= scale.max:
            message = (
                f"answers.{item_id}: score {value} is outside the scale "
                f"{scale.min}..{scale.max} (or write n/a)"
            )
            problems.append(document.at(path, message))
    return problems


def parse_audit(text: str, file: str) -> LoadedAudit:
    """Parse and check audit text and load the rubric it names (relative to the file's folder)."""
    document = checker.check_file(text, file, schemas.AUDIT, "an audit")
    data = document.data
    # os.path, not Path: pathlib interns every path part, which adds up over thousands of files.
    base = Path(os.path.dirname(file) or ".") if file != files.STDIO else Path.cwd()
    try:
        loaded_rubric = rubric.load(data["rubric"], relative_to=base)
    except InvalidFileError:
        raise
    except SvccheckError as error:
        raise InvalidFileError([document.at(("rubric",), f"rubric: {error}")]) from None
    problems = _answer_problems(document, loaded_rubric.scale, loaded_rubric.item_ids())
    if problems:
        raise InvalidFileError(problems)
    audit = Audit(
        rubric=data["rubric"],
        rubric_version=data.get("rubric_version"),
        answers=_answers(data.get("answers")),
        path=file,
        **{name: _text(data.get(name)) for name in HEADER_FIELDS},
    )
    warnings = []
    if audit.rubric_version is not None and audit.rubric_version != loaded_rubric.version:
        warnings.append(
            f"{file}: written for version {audit.rubric_version} of rubric "
            f"{loaded_rubric.id!r}, which is now at version {loaded_rubric.version}"
        )
    return LoadedAudit(audit, loaded_rubric, tuple(warnings))


def load_audit(path: str) -> LoadedAudit:
    """Read, check and load one audit file (``-`` reads standard input)."""
    return parse_audit(files.read_text(path), path)


def is_period(text: str) -> bool:
    """Whether ``text`` is a period the audit format accepts (2026-Q3, 2026-09, 2026-09-30)."""
    return re.fullmatch(schemas.AUDIT["properties"]["period"]["pattern"], text) is not None


def current_period(today: _dt.date | None = None) -> str:
    """The current quarter as ``YYYY-Qn``."""
    today = today or _dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
