"""``svccheck template``: the steps between the command line and the blank audit, kept out of
cli.py.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files


def write(
    reference: str,
    output_file: str | None,
    organization: str | None,
    period: str | None,
    force: bool,
    editor_schema: bool,
) -> None:
    """Write a blank audit of the rubric ``reference`` names: YAML, or a workbook for ``.xlsx``."""
    from svccheck.cli import targets
    from svccheck.cli.interactive import terminal
    from svccheck.core import output
    from svccheck.core.errors import UsageError
    from svccheck.formats.audit import writer as audit_writer
    from svccheck.formats.xlsx import layout as xlsx_layout
    from svccheck.model import audit
    from svccheck.render.interface import PlainText

    terminal.require_utf8(organization=organization, period=period)
    if period is not None and not audit_files.is_period(period):
        raise UsageError(f"--period {period!r}: expected 2026-Q3, 2026-09 or 2026-09-30")
    loaded = rubric_files.load(reference)
    targets.check_template_target(output_file, loaded.path, force=force)
    blank = audit.Audit(
        rubric=audit_writer.rubric_reference(reference, loaded, output_file),
        organization=organization,
        period=audit.normalized_period(period) or audit.current_period(),
    )
    if xlsx_layout.is_workbook(output_file):  # a workbook to fill in Excel or LibreOffice
        from svccheck.core import files
        from svccheck.formats.xlsx import writer as xlsx_write

        assert output_file is not None
        files.write_bytes_atomic(output_file, xlsx_write.workbook(loaded, blank, output_file))
        return
    text = audit_writer.template(reference, loaded, blank, output_file, editor_schema=editor_schema)
    output.emit(PlainText(text), output_file)
