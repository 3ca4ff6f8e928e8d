"""Where things are in an audit workbook: sheet names, labels and columns, shared by the writer
(:mod:`svccheck.formats.xlsx.writer`) and the reader (:mod:`svccheck.formats.xlsx.reader`).

The reader finds header fields and columns by their labels rather than by fixed positions, so a
person may insert a row above the items or move a column and the workbook still reads.
"""

from __future__ import annotations

from svccheck.model.header import HEADER_FIELDS

SUFFIX = ".xlsx"
AUDIT_SHEET = "Audit"
# The hidden sheet with what a person must not change: the format, the rubric and its version.
META_SHEET = "svccheck"
META_KEYS = ("svccheck", "kind", "rubric", "rubric_version")

HEADER_LABELS = {name: name.capitalize() for name in HEADER_FIELDS}
TITLE_ROW = 1
FIRST_HEADER_ROW = 2  # the header block: one field a row, label in A, value in B
INSTRUCTIONS_ROW = FIRST_HEADER_ROW + len(HEADER_FIELDS) + 1
COLUMNS_ROW = INSTRUCTIONS_ROW + 1  # the row of column labels; items start below it

SECTION, ITEM_ID, TITLE, QUESTION = "Section", "Id", "Title", "Question"
SCORE, NOTE, EVIDENCE = "Score", "Note", "Evidence"
LEADING_COLUMNS = (SECTION, ITEM_ID, TITLE, QUESTION)
# Readable widths in characters; the guidance columns take GUIDANCE_WIDTH each.
WIDTHS = {SECTION: 20, ITEM_ID: 24, TITLE: 28, QUESTION: 48, SCORE: 9, NOTE: 44, EVIDENCE: 40}
GUIDANCE_WIDTH = 36

# The sheet of criteria, for a rubric whose levels have criteria: one row per item and criterion
# key, the criterion's text beside the cell where the assessor marks what the evidence showed.
CRITERIA_SHEET = "Criteria"
CRITERIA_TITLE_ROW, CRITERIA_INSTRUCTIONS_ROW, CRITERIA_COLUMNS_ROW = 1, 2, 4
LEVEL, KEY, CRITERION, STATUS = "Level", "Key", "Criterion", "Status"
CRITERIA_COLUMNS = (ITEM_ID, TITLE, LEVEL, KEY, CRITERION, STATUS)
CRITERIA_WIDTHS = {ITEM_ID: 24, TITLE: 28, LEVEL: 7, KEY: 25, CRITERION: 64, STATUS: 11}
# In the hidden sheet, from this column: item id and its criterion keys in the order the audit
# recorded them, for the answers whose order is not the rows' (or that record none: {}).
ORDER_COLUMN = 6

# Limits against hostile workbooks (docs/hostile-input.md); real audits are far inside them (a
# rubric of a few hundred items, a scale of a few points). Each bounds the time and memory of
# reading: every hostile workbook is read or refused within about a second.
MAX_ROWS = 5_000
MAX_COLUMNS = 200
MAX_CELL_TEXT = 32_767  # what Excel lets a cell hold
MAX_ZIP_ENTRIES = 1_000
# A workbook is a zip of XML: the XML may be this many times the file-size cap, no more.
MAX_EXPANSION = 8
# Elements in all the XML of a workbook (svccheck.formats.xlsx.package): of cells, their values
# and rows, which openpyxl reads in about 2 microseconds each; and of everything else, up to
# 30 microseconds each. A template of 4,000 five-point items holds about 100,000 cell elements
# and 400 others; saved by Excel, one shared string more per distinct text.
MAX_CELL_ELEMENTS = 100_000
MAX_OTHER_ELEMENTS = 6_000
# Bytes without a '<' (text or a tag): a cell of 32,767 characters is at most ~200 KB as XML.
MAX_RUN = 256 * 1024


def is_workbook(name: str | None) -> bool:
    """Whether ``name`` is a spreadsheet by its extension (``.xlsx``, any case)."""
    return name is not None and name.lower().endswith(SUFFIX)


def guidance_label(point: int, label: str) -> str:
    """The label of the guidance column of one scale point."""
    return f"{point} {label}".strip()
