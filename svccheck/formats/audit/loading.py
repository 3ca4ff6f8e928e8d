"""Loading one audit, from a YAML file, standard input or a workbook."""

from __future__ import annotations

from svccheck.core import files
from svccheck.formats import dates
from svccheck.formats.audit import reader
from svccheck.model.audit import LoadedAudit


def parse_audit(text: str, file: str) -> LoadedAudit:
    """Parse and check audit text and load the rubric it names (relative to the file's folder)."""
    return reader.parse(text, file)


def load_audit(path: str) -> LoadedAudit:
    """Read, check and load one audit file (``-`` reads standard input), or workbook."""
    if path.lower().endswith(".xlsx"):
        # Lazy: the workbook reader costs 3.5 ms of every start-up (measured with -X importtime),
        # and it imports openpyxl (a tenth of a second) when it reads.
        from svccheck.formats.xlsx import reader as xlsx_reader

        return xlsx_reader.load(path)
    return parse_audit(files.read_text(path), path)


def is_period(text: str) -> bool:
    """Whether ``text`` is a period the audit format accepts (2026-Q3, 2026-09, 2026-09-30)."""
    return dates.is_period(text)
