"""``svccheck validate`` and ``svccheck schema``: the file formats by kind; checking any file.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from svccheck.core import files
from svccheck.formats import importance as importance_format
from svccheck.formats import tree
from svccheck.formats.audit import reader as audit_format
from svccheck.formats.declare import JSON
from svccheck.formats.plan import reader as plan_format
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import reader as rubric_format
from svccheck.formats.structure import KIND_KEY, Format
from svccheck.formats.tree import Mapping
from svccheck.model.audit import LoadedAudit

FORMATS: dict[str, Format] = {
    "rubric": rubric_format.RUBRIC,
    "audit": audit_format.AUDIT,
    "plan": plan_format.PLAN,
    "importance": importance_format.IMPORTANCE_FORMAT,
}


def kind_of(parsed: tree.Parsed) -> str:
    """Which format a file is in: its ``kind:`` when it names one, else a mapping with
    ``sections`` is a rubric (rubric files had no ``kind`` before), else an audit."""
    root = parsed.root
    if not isinstance(root, Mapping):
        return "audit"
    keys = {key.text: value for key, value in root.entries}
    kind = keys.get(KIND_KEY)
    if isinstance(kind, tree.Scalar) and kind.text in FORMATS:
        return kind.text
    return "rubric" if "sections" in keys and KIND_KEY not in keys else "audit"


def schema(kind: str, rubric_reference: str | None = None) -> JSON:
    """The JSON Schema of a file format; of one rubric's audits with ``rubric_reference``."""
    from svccheck.core.errors import UsageError

    if kind not in FORMATS:
        raise UsageError(f"unknown schema {kind!r}; expected one of: {', '.join(FORMATS)}")
    if rubric_reference is None:
        return FORMATS[kind].schema()
    if kind not in ("audit", "importance"):
        raise UsageError("--rubric goes with 'svccheck schema audit' or 'schema importance' only")
    from svccheck.formats.audit import schema as audit_schema

    loaded = rubric_files.load(rubric_reference)
    if kind == "importance":
        return audit_schema.importance_file(loaded)
    return audit_schema.for_rubric(loaded)


def validate_file(path: str) -> str:
    """Validate one file and return its kind; raise with every problem found."""
    return _checked(path)[0]


def _checked(path: str) -> tuple[str, LoadedAudit | None]:
    """Validate one file: its kind, and the audit when it is one; raise with every problem."""
    if path.lower().endswith(".xlsx"):  # only audits are written as workbooks
        from svccheck.formats.xlsx import reader as xlsx_read

        return "audit", xlsx_read.load(path)
    parsed = tree.parse(files.read_text(path), path)
    kind = kind_of(parsed)
    if kind == "rubric":
        rubric_format.read(parsed, path)
    elif kind == "plan":
        plan_format.read(parsed, path)
    elif kind == "importance":
        importance_format.read(parsed, path)
    else:
        return kind, audit_format.read(parsed, path)
    return kind, None


def _described(kind: str, audit: LoadedAudit | None) -> str:
    """``audit, 3 of 15 items answered`` (a blank template says 0), or the kind."""
    if audit is None:
        return kind
    answered = sum(1 for answer in audit.audit.answers if answer.score is not None)
    return f"{kind}, {answered} of {audit.rubric.item_count()} items answered"


def report(paths: list[str]) -> int:
    """Validate every file, saying for each that it is valid or listing its problems; returns
    how many failed."""
    from svccheck.core import output
    from svccheck.core.errors import InvalidFileError, SvccheckError

    failed = 0
    for path in paths:
        try:
            kind, audit = _checked(path)
        except InvalidFileError as error:
            failed += 1
            for line in error.lines():
                output.message(line, style="red")
        except SvccheckError as error:
            failed += 1
            output.message(str(error), style="red")
        else:
            output.message(f"{path}: valid {_described(kind, audit)}", style="green")
            for line in _unjudged_lines(audit):
                output.message(line)
    return failed


def _unjudged_lines(audit: LoadedAudit | None) -> list[str]:
    """For a ticked audit, the criteria of each item left unjudged at the level given and above,
    and at the levels below where nothing was marked: the assessor's last check before two
    scorings of one pack part ways."""
    from svccheck.engine.criteria import unjudged

    if audit is None:
        return []
    items = {item.id: item for _, item in audit.rubric.items()}
    lines = []
    for answer in audit.audit.answers:
        if not answer.criteria or answer.item_id not in items:
            continue
        keys = unjudged(items[answer.item_id], answer.criteria, answer.score)
        if keys:
            lines.append(f"  {answer.item_id} (level {answer.score}): {', '.join(keys)}")
    if not lines:
        return []
    count = "1 ticked item leaves" if len(lines) == 1 else f"{len(lines)} ticked items leave"
    head = (
        f"{count} criteria unjudged (at or above the level given, or at a level below where "
        "nothing is marked): mark each met, partly, not-met, or not-assessed where the evidence "
        "never shows it"
    )
    return [head, *lines]
