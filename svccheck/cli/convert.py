"""``svccheck convert``: an audit from YAML to a workbook and back, without losing an answer,
a note or a header field; never onto its input or a rubric."""

from __future__ import annotations

from dataclasses import replace

from svccheck.cli import targets
from svccheck.core import files, output
from svccheck.core.errors import UsageError
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.xlsx.layout import is_workbook
from svccheck.model.audit import LoadedAudit

_YAML_SUFFIXES = (".yaml", ".yml")


def _is_yaml(name: str) -> bool:
    return name.lower().endswith(_YAML_SUFFIXES)


def check_names(source: str, target: str) -> None:
    """Refuse a conversion that is not between a YAML audit and a workbook."""
    if not (is_workbook(target) or _is_yaml(target)):
        raise UsageError(
            f"{target}: name the output .xlsx (a workbook) or .yaml (an audit file); "
            "nothing was written"
        )
    if is_workbook(source) == is_workbook(target):
        kind = "workbooks" if is_workbook(target) else "YAML audits"
        raise UsageError(
            f"{source} and {target} are both {kind}; convert goes between .yaml and .xlsx"
        )


def convert(source: str, target: str, *, force: bool) -> None:
    """Read the audit ``source`` (checked as every command checks it) and write it to
    ``target`` in the other format; an existing ``target`` only with ``force``."""
    check_names(source, target)
    targets.refuse_inputs(target, [source])
    text = None if is_workbook(source) else files.read_text(source)
    loaded = (
        audit_files.load_audit(source) if text is None else audit_files.parse_audit(text, source)
    )
    for warning in loaded.warnings:
        output.warn(warning)
    targets.check_template_target(
        target, loaded.rubric.path, force=force, written="a converted audit"
    )
    # A rubric named by its path is named again relative to where the output will be.
    reference = audit_writer.rubric_reference(loaded.audit.rubric, loaded.rubric, target)
    converted = replace(loaded.audit, rubric=reference)
    if is_workbook(target):
        from svccheck.formats.xlsx import writer as xlsx_write

        if loaded.audit.importance is not None:  # a workbook has no place for it: refuse, not drop
            raise UsageError(
                f"{source}: a workbook has no place for the audit's importance: mapping; move it "
                "to an importance file (kind: importance) and give that to score with "
                "--importance (nothing was written)"
            )

        files.write_bytes_atomic(target, xlsx_write.workbook(loaded.rubric, converted, target))
        if text is not None:
            _tell_comments_left(source, target, text, loaded)
        return
    text = audit_writer.render_audit(loaded.rubric, converted)
    files.write_text_atomic(target, audit_writer.within_size_cap(text, target))


def _tell_comments_left(source: str, target: str, text: str, loaded: LoadedAudit) -> None:
    """Warn that the comments a person wrote in ``source`` are not in the workbook."""
    from svccheck.formats.audit import comments

    left = comments.written_by_hand(text, loaded.rubric, loaded.audit)
    if not left:
        return
    numbers = ", ".join(str(comment.line) for comment in left[:5]) + ", ..." * (len(left) > 5)
    which = (
        f"a comment written by hand (line {numbers}) is"
        if len(left) == 1
        else f"{len(left)} comments written by hand (lines {numbers}) are"
    )
    output.warn(
        f"{source}: {which} not in {target}: a workbook has no place for comments, and "
        "converting it back writes only svccheck's own; keep the YAML file for them"
    )


def refuse_interactive_workbook(output_file: str | None) -> None:
    """``audit -o FILE.xlsx`` is refused: the interactive audit saves every answer by changing
    one line of text, checked by reading it back; a workbook rewrite cannot promise that."""
    if is_workbook(output_file):
        raise UsageError(
            f"{output_file}: the interactive audit saves to a YAML file only (each answer is "
            "saved by changing one line, which a workbook cannot promise). Audit to a .yaml "
            "file, then: svccheck convert FILE.yaml -o FILE.xlsx"
        )
