"""``combine --write-consensus FILE``: the consensus audit, written as safely as a template.

The file is an audit like any other (it validates and scores, and can be edited in the meeting
and scored again), so it is refused where a template would be (an existing file without
``--force``, a rubric even with it) and where a report would be (one of the command's inputs).
It is read back before it is written: a file svccheck could not read again is never left behind.
"""

from __future__ import annotations

from svccheck.cli import targets
from svccheck.core import files
from svccheck.engine.calibration import consensus_audit
from svccheck.engine.combine import Combined
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.loading import parse_audit

_OPTION = "--write-consensus"
_WRITTEN = "a consensus audit"


def check_target(target: str, inputs: list[str], output_file: str | None, *, force: bool) -> None:
    """Refuse a target before anything is read: standard output, the report's own ``--output``,
    an input audit, or an existing file without ``force``. (Rubrics are refused by :func:`write`,
    once the audits have named theirs.)"""
    files.refuse_stdout(target, _OPTION)
    if output_file is not None and output_file != files.STDIO:
        targets.refuse_inputs(target, [output_file], what="--output file", option=_OPTION)
    targets.refuse_inputs(target, inputs, option=_OPTION)
    targets.check_template_target(target, "", force=force, option=_OPTION, written=_WRITTEN)


def write(result: Combined, target: str, *, force: bool) -> str:
    """Write the consensus audit of ``result`` to ``target``; return the text written."""
    rubric = result.consensus.rubric
    targets.check_template_target(
        target, rubric.path, force=force, option=_OPTION, written=_WRITTEN
    )
    first = result.sheets[0]
    reference = audit_writer.rubric_reference(first.rubric, rubric, target)
    consensus = consensus_audit(rubric, result.sheets, reference)
    text = audit_writer.within_size_cap(audit_writer.render_audit(rubric, consensus), target)
    # Read back as svccheck will read it (the rubric found from the target's folder): a file that
    # would not validate, or would read back other answers, is a bug and is never written.
    parsed = parse_audit(text, target)
    if parsed.audit.answers != consensus.answers:
        raise AssertionError("the consensus audit does not read back as written")
    files.write_text_atomic(target, text)
    return text
