"""Who and what a report is about: the header of an audit, of a group of audits, of a consensus.

Kept apart from :mod:`svccheck.model.audit` (answers, loading) so that reports built from many
audits (``combine``) carry a header of their own instead of a made-up audit, and so that the
command line can name :class:`GroupBy` at start-up without importing the engine.
"""

from __future__ import annotations

from enum import StrEnum

from svccheck.core.record import record

# The header fields every format shows, in this order (JSON keys, Markdown and table labels).
HEADER_FIELDS = ("organization", "unit", "period", "assessor", "date")


@record
class Header:
    """The header of a report: the fields of :data:`HEADER_FIELDS`, the rubric and the source.

    ``rubric`` is the rubric as the audit names it (an id or a path); ``source`` is the file the
    report was read from, or a description of the files it combines (``2 units``).
    """

    rubric: str
    organization: str | None = None
    unit: str | None = None
    period: str | None = None
    assessor: str | None = None
    date: str | None = None
    source: str = ""


class GroupBy(StrEnum):
    """The header field that ``combine`` (and ``trend``, by unit) groups audits by."""

    unit = "unit"
    assessor = "assessor"

    def key(self, header: Header) -> str | None:
        """The value of this field in ``header``."""
        match self:
            case GroupBy.unit:
                return header.unit
            case GroupBy.assessor:
                return header.assessor
