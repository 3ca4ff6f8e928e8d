"""The comments a person wrote in a YAML audit: what a workbook cannot keep.

``svccheck convert q4.yaml -o q4.xlsx`` keeps every answer, note, piece of evidence and header
field, but a workbook has no place for a comment, and converting back writes only the comments
svccheck writes itself (the title, each item's question and guidance, the scoring rule). The
comments found here are the others, so that convert can say they are left behind.

A comment is found by the YAML scanner (the tokens end where a comment may begin), never by
looking for ``#``, which can stand inside a quoted note or a block of text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from svccheck.formats import tree
from svccheck.formats.audit import schema as audit_schema
from svccheck.formats.audit import writer as audit_writer
from svccheck.model.audit import Audit
from svccheck.model.rubric import Rubric

# The line breaks of YAML 1.1 (PyYAML's), which is how the scanner counts lines.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_WHOLE_LINE = 1 << 62  # a token that runs on past the end of a line covers the rest of it


class Comment(NamedTuple):
    """One comment: its line (from 1) and its text from the ``#`` on."""

    line: int
    text: str


def comments(text: str) -> list[Comment]:
    """Every comment in the YAML ``text`` (which must scan: it was just read as an audit)."""
    covered: dict[int, list[tuple[int, int]]] = {}
    for token in yaml.scan(text, Loader=tree.Loader):
        start, end = token.start_mark, token.end_mark
        if start.line == end.line:
            covered.setdefault(start.line, []).append((start.column, end.column))
            continue
        covered.setdefault(start.line, []).append((start.column, _WHOLE_LINE))
        for between in range(start.line + 1, end.line):
            covered.setdefault(between, []).append((0, _WHOLE_LINE))
        covered.setdefault(end.line, []).append((0, end.column))
    found = []
    for number, line in enumerate(_LINE_BREAK.split(text)):
        column = _comment_start(line, covered.get(number, []))
        if column is not None:
            found.append(Comment(number + 1, line[column:].rstrip()))
    return found


def _comment_start(line: str, covered: list[tuple[int, int]]) -> int | None:
    """Where the comment on ``line`` begins: a ``#`` outside every token, at the start of the
    line or after white space; ``None`` without one."""
    for column, character in enumerate(line):
        if character != "#" or any(start <= column < end for start, end in covered):
            continue
        if column == 0 or line[column - 1] in " \t\ufeff":
            return column
    return None


def written_by_hand(text: str, rubric: Rubric, audit: Audit) -> list[Comment]:
    """The comments of the audit ``text`` that svccheck does not write for ``rubric`` (nor the
    line pointing editors at the schema): a person's, which a workbook would lose."""
    generated = audit_writer.render_audit(rubric, audit)
    own = {line.strip() for line in generated.splitlines() if line.lstrip().startswith("#")}
    return [
        comment
        for comment in comments(text)
        if comment.text.strip() not in own and not comment.text.startswith(audit_schema.MODELINE)
    ]
