"""``svccheck template``: the steps between the command line and the blank audit, kept out of
cli.py.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import asdict, replace

from svccheck.core.record import record
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Audit
from svccheck.model.rubric import Rubric


@record
class Header:
    """The header fields given on the command line (``None``: not given)."""

    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None


def write(
    reference: str,
    output_file: str | None,
    header: Header,
    force: bool,
    editor_schema: bool,
    last: str | None = None,
) -> None:
    """Write a blank audit of the rubric ``reference`` names: YAML, or a workbook for ``.xlsx``;
    with ``last``, the audit after that one (:mod:`svccheck.cli.next_audit`)."""
    from svccheck.cli import targets
    from svccheck.cli.interactive import terminal
    from svccheck.core import output
    from svccheck.core.errors import UsageError
    from svccheck.formats.audit import writer as audit_writer
    from svccheck.formats.xlsx import layout as xlsx_layout
    from svccheck.model import audit
    from svccheck.render.interface import PlainText

    terminal.require_utf8(
        organization=header.organization, unit=header.unit, period=header.period,
        assessor=header.assessor,
    )  # fmt: skip
    targets.refuse_inputs(output_file, [last] if last else [])
    period = header.period
    if period is not None and not audit_files.is_period(period):
        raise UsageError(f"--period {period!r}: expected 2026-Q3, 2026-09 or 2026-09-30")
    loaded = rubric_files.load(reference)
    targets.check_template_target(output_file, loaded.path, force=force)
    given = replace(header, period=audit.normalized_period(period))
    blank = _started(loaded, given, last) if last is not None else _blank(given)
    blank = replace(
        blank,
        rubric=audit_writer.rubric_reference(reference, loaded, output_file),
        period=blank.period or audit.current_period(),
    )
    if xlsx_layout.is_workbook(output_file):  # a workbook to fill in Excel or LibreOffice
        from svccheck.core import files
        from svccheck.formats.xlsx import writer as xlsx_write

        assert output_file is not None
        files.write_bytes_atomic(output_file, xlsx_write.workbook(loaded, blank, output_file))
        return
    watched = output_file if editor_schema else None
    with targets.telling_schema_folder(watched, output.message, " (--no-schema writes none)"):
        text = audit_writer.template(reference, loaded, blank, output_file,
                                     editor_schema=editor_schema)  # fmt: skip
        output.emit(PlainText(text), output_file)


def _blank(header: Header) -> Audit:
    return Audit(rubric="", **asdict(header))


def _started(loaded: Rubric, header: Header, last: str) -> Audit:
    """The audit after ``last``: its answers, notes, evidence and header, the next period."""
    from svccheck.cli import next_audit

    previous = next_audit.load_last(last, loaded)
    return next_audit.next_audit(last, previous, loaded, asdict(header))
