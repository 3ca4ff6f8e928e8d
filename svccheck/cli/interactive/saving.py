"""Saving an interactive audit without destroying what anyone else put in the file.

Before every save the file is read again; only the answer being given is changed in its text
(:mod:`svccheck.formats.audit.edit`), so comments, header edits and answers typed in an editor
meanwhile are kept. The result must read back as exactly the file's answers plus this one, or
nothing is written. If the file cannot be read again, or the very item being saved was changed in
it meanwhile and nobody at a terminal chose, the answer is printed instead and the session ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from svccheck.core import files
from svccheck.core.errors import SvccheckError
from svccheck.formats import evidence_text as evidence_input
from svccheck.formats.audit import edit as audit_edit
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.loading import parse_audit
from svccheck.formats.audit.writer import answer_value
from svccheck.model.audit import Answer, Audit, Evidence, LoadedAudit, Observations, Score
from svccheck.model.rubric import Rubric

Ask = Callable[[str], str]
_Value = tuple[Score, str | None, tuple[Evidence, ...] | None, Observations | None]
_BLANK: _Value = (None, None, None, None)


class UnsavedAnswerError(SvccheckError):
    """A save was refused; the person's answer is printed so that it is not lost (exit 2)."""

    def __init__(self, path: str, answer: Answer | None, reasons: Iterable[str]) -> None:
        self.path, self.answer, self.reasons = path, answer, list(reasons)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        told = [*self.reasons, f"Nothing in {self.path} was overwritten."]
        if self.answer is not None:
            told.append(f"Not saved: {self.answer.item_id}: {describe(self.answer)}")
        return told


def describe(answer: Answer | None) -> str:
    """An answer as a person reads it: ``4``, ``n/a (note: why)``, ``not answered``,
    ``4 (note: monthly review; evidence: board minutes 2026-03)``."""
    if answer is None or _value_of(answer) == _BLANK:
        return "not answered"
    score = "not answered" if answer.score is None else str(answer.score)
    told = [f"note: {answer.note}"] if answer.note else []
    if answer.evidence is not None:
        told.append(f"evidence: {evidence_input.typed(answer.evidence)}")
    if answer.criteria:
        told.append("criteria: " + ", ".join(f"{key} {status}" for key, status in answer.criteria))
    return f"{score} ({'; '.join(told)})" if told else score


def _value_of(answer: Answer) -> _Value:
    return answer.score, answer.note, answer.evidence, answer.criteria


def _values(answers: Iterable[Answer]) -> dict[str, _Value]:
    """Answers by id, leaving out empty ones (``item:`` and a missing item mean the same)."""
    return {a.item_id: value for a in answers if (value := _value_of(a)) != _BLANK}


@dataclass
class AuditFile:
    """An audit file an interview saves into, and its answers as this session last saw them.

    ``ask`` settles a conflict at a terminal, after ``tell`` explained it; without ``ask``
    (input is not a terminal) a conflict refuses the save.
    """

    path: str
    rubric: Rubric
    seen: dict[str, _Value] = field(default_factory=dict)
    ask: Ask | None = None
    tell: Callable[[str], None] = print

    @classmethod
    def opened(
        cls,
        path: str,
        rubric: Rubric,
        audit: Audit,
        ask: Ask | None,
        tell: Callable[[str], None] = print,
    ) -> AuditFile:
        """The file as just loaded or written by this session."""
        return cls(path, rubric, _values(audit.answers), ask, tell)

    def _reread(self, answer: Answer | None) -> tuple[str, LoadedAudit]:
        try:
            text = files.read_text(self.path)
            loaded = parse_audit(text, self.path)
        except SvccheckError as error:
            reasons = [f"{self.path}: cannot read the audit again before saving:", *error.lines()]
            raise UnsavedAnswerError(self.path, answer, reasons) from None
        if loaded.rubric.id != self.rubric.id:
            reason = f"{self.path}: now names rubric {loaded.rubric.id!r}, not {self.rubric.id!r}"
            raise UnsavedAnswerError(self.path, answer, [reason])
        return text, loaded

    def save(self, answer: Answer) -> Audit:
        """Write ``answer`` into the file, keeping everything else; the audit as now on disk."""
        audit_writer.refuse_invalid_text(Audit(rubric="", answers=(answer,)))
        text, loaded = self._reread(answer)
        on_disk = loaded.audit.answer_map().get(answer.item_id)
        theirs = _values([on_disk] if on_disk else []).get(answer.item_id, _BLANK)
        mine = _value_of(answer)
        changed_meanwhile = theirs not in (self.seen.get(answer.item_id, _BLANK), mine)
        if changed_meanwhile and not self._keep_mine(answer, on_disk):
            self.seen = _values(loaded.audit.answers)
            return loaded.audit
        return self._write(text, loaded, [answer])

    def clear(self, audit: Audit) -> Audit:
        """Empty every answer of the file (``--restart``), keeping its comments and header."""
        text, loaded = self._reread(None)
        cleared = [Answer(a.item_id, None) for a in loaded.audit.answers]
        return self._write(text, loaded, cleared) if cleared else loaded.audit

    def fill_header(self, fields: dict[str, str]) -> Audit:
        """Write header fields the file leaves empty (``--unit`` for a template without one),
        keeping every other character; refused unless it reads back as exactly that."""
        text, loaded = self._reread(None)
        changes: dict[str, Any] = dict(fields)  # header fields only, all of them text
        wanted = replace(loaded.audit, **changes)
        audit_writer.refuse_invalid_text(wanted)
        try:
            for name, value in fields.items():
                text = audit_edit.set_header(text, name, value)
            written = parse_audit(text, self.path).audit
            problem = None if written == wanted else "it would read back wrong"
        except (audit_edit.EditError, SvccheckError) as error:
            problem = str(error).splitlines()[0]
        if problem is not None:
            reason = f"{self.path}: svccheck cannot fill in {', '.join(fields)} ({problem})"
            raise UnsavedAnswerError(self.path, None, [reason])
        self._write_text(text)
        return written

    def _keep_mine(self, answer: Answer, on_disk: Answer | None) -> bool:
        changed = (
            f"{self.path}: {answer.item_id} was changed in the file while this session ran "
            f"(the file now says {describe(on_disk)}; you gave {describe(answer)})"
        )
        if self.ask is None:
            raise UnsavedAnswerError(self.path, answer, [changed])
        self.tell(changed)
        while True:
            line = self.ask("Keep yours (y) or the file's (f)? ").strip().lower()
            if line in ("y", "f"):
                return line == "y"

    def _write(self, text: str, loaded: LoadedAudit, answers: list[Answer]) -> Audit:
        order = self.rubric.item_ids()
        expected = _values(loaded.audit.answers)
        try:
            for answer in answers:
                text = audit_edit.set_answer(text, answer.item_id, answer_value(answer), order)
                expected.pop(answer.item_id, None)
                if _value_of(answer) != _BLANK:
                    expected[answer.item_id] = _value_of(answer)
            wanted = audit_writer.format_version(Audit(rubric="", answers=tuple(answers)))
            text = audit_edit.ensure_version(text, wanted)
            written = parse_audit(text, self.path).audit
            problem = None if _same(written, loaded.audit, expected) else "it would read back wrong"
        except (audit_edit.EditError, SvccheckError) as error:
            problem = str(error).splitlines()[0]
        if problem is not None:
            reason = f"{self.path}: svccheck cannot change only this answer in the file ({problem})"
            raise UnsavedAnswerError(self.path, answers[0] if len(answers) == 1 else None, [reason])
        self._write_text(text)
        self.seen = expected
        return written

    def _write_text(self, text: str) -> None:
        if _has_byte_order_mark(self.path):  # read_text drops it; the file keeps it
            text = "\ufeff" + text
        files.write_text_atomic(self.path, audit_writer.within_size_cap(text, self.path))


def _has_byte_order_mark(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(3) == b"\xef\xbb\xbf"
    except OSError:  # it was just read: a failure here shows when writing
        return False


def _same(written: Audit, before: Audit, expected: dict[str, _Value]) -> bool:
    """Whether the edited file holds the same header and exactly the expected answers."""
    header = replace(written, answers=()) == replace(before, answers=())
    return header and _values(written.answers) == expected


def write_new(path: str, rubric: Rubric, audit: Audit, tell: Callable[[str], None]) -> None:
    """Write a brand-new audit file whole, every item with its question as a comment; like a
    template it declares the current format version (evidence may be typed into it). ``tell``
    hears that the schema's folder beside it was created, the first time."""
    from svccheck.cli import targets
    from svccheck.formats.audit import schema as audit_schema

    with targets.telling_schema_folder(path, tell):
        modeline = audit_schema.write_beside(path, rubric)
    version = audit_writer.current_version()
    text = audit_writer.render_audit(rubric, audit, modeline=modeline, version=version)
    files.write_text_atomic(path, audit_writer.within_size_cap(text, path))
