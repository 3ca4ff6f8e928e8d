"""``svccheck validate``: tell rubric files from audit files and check either kind."""

from __future__ import annotations

from svccheck import files, rubric


def validate_file(path: str) -> str:
    """Validate one file and return its kind (``"rubric"``); raise on any problem."""
    text = files.read_text(path)
    rubric.parse_rubric(text, path)
    return "rubric"
