"""``svccheck validate``: tell rubric files from audit files and check either kind."""

from __future__ import annotations

from svccheck import audit, files, rubric, yamlio


def validate_file(path: str) -> str:
    """Validate one file and return its kind, ``"rubric"`` or ``"audit"``; raise on any problem.

    A mapping with ``sections`` is a rubric; anything else is checked as an audit.
    """
    text = files.read_text(path)
    document = yamlio.parse(text, path)
    if isinstance(document.data, dict) and "sections" in document.data:
        rubric.parse_rubric(text, path)
        return "rubric"
    audit.parse_audit(text, path)
    return "audit"
