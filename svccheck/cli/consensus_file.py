"""``combine --write-consensus FILE``: the consensus audit, written as safely as a template.

The file is an audit like any other (it validates and scores, and can be edited in the meeting
and scored again), so it is refused where a template would be (an existing file without
``--force``, a rubric even with it) and where a report would be (one of the command's inputs).
It is read back before it is written: a file svccheck would read otherwise (another header, other
answers, notes or evidence) is never left behind. What goes into it is
:mod:`svccheck.engine.consensus`.
"""

from __future__ import annotations

from dataclasses import replace

from svccheck.cli import targets
from svccheck.core import files
from svccheck.engine.combine import Combined
from svccheck.engine.consensus import TO_CONFIRM, consensus_audit
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.loading import parse_audit
from svccheck.model.audit import Answer, Audit

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
    """Write the consensus audit of ``result`` to ``target``; return what was written, for the
    person who asked."""
    rubric = result.consensus.rubric
    targets.check_template_target(
        target, rubric.path, force=force, option=_OPTION, written=_WRITTEN
    )
    first = result.sheets[0]
    reference = audit_writer.rubric_reference(first.rubric, rubric, target)
    consensus = consensus_audit(rubric, result.sheets, reference)
    text = audit_writer.within_size_cap(audit_writer.render_audit(rubric, consensus), target)
    # Read back as svccheck will read it (the rubric found from the target's folder): a file that
    # would not validate, or would read back another header or other answers, is a bug and is
    # never written.
    written = parse_audit(text, target).audit
    if not reads_back(written, consensus):
        raise AssertionError(f"the consensus audit for {target} does not read back as written")
    files.write_text_atomic(target, text)
    return written_message(consensus, target)


def written_message(consensus: Audit, target: str) -> str:
    """``consensus audit written to FILE: 40 answers, 3 to confirm ...``: what the meeting has
    to do, and why the file's score is not the report's."""
    answered = [a for a in consensus.answers if a.score is not None]
    disputed = [a for a in answered if (a.note or "").startswith(TO_CONFIRM)]
    return (
        f"consensus audit written to {target}: {len(answered)} answers, {len(disputed)} to "
        "confirm; each is an item's median answer, so its score is not the report's mean"
    )


def _answered(answers: tuple[Answer, ...]) -> dict[str, Answer]:
    """Answers by id, leaving out empty ones (``item:`` and no item mean the same)."""
    return {a.item_id: a for a in answers if (a.score, a.note, a.evidence) != (None, None, None)}


def reads_back(written: Audit, consensus: Audit) -> bool:
    """Whether the audit read from the written text is ``consensus``: the same header and the
    same answers, notes and evidence."""
    header = replace(written, answers=(), path="") == replace(consensus, answers=(), path="")
    return header and _answered(written.answers) == _answered(consensus.answers)
