"""The one date rule of every file and prompt: a day, a month or a quarter of the years 0001 to
9999, and a day that is on the calendar.

An audit's ``date`` and ``period``, an evidence date (in YAML, in a workbook cell, typed in the
interactive audit), an importance file's ``date`` and a plan's ``due`` and phase periods are all
read through the declarations below, so a date that validates is a date every report can count
with (year 0000 and 2026-02-30 are refused where they are written, at FILE:LINE:COL).
"""

from __future__ import annotations

from svccheck.formats.declare import Either, Text

# Four digits, not 0000: Python's calendar (and so every report) starts at year 1. The
# lookahead is valid in both Python and ECMA-262, so editors check it from the JSON Schema too.
YEAR = r"(?!0000)[0-9]{4}"
MONTH_OF_YEAR = r"(?:0[1-9]|1[0-2])"
DAY_PATTERN = rf"{YEAR}-[0-9]{{2}}-[0-9]{{2}}"
MONTH_PATTERN = rf"{YEAR}-{MONTH_OF_YEAR}"

DAY = Text("an ISO date such as 2026-09-30", DAY_PATTERN, date=True)
MONTH = Text("a month such as 2026-03", MONTH_PATTERN)
QUARTER_OR_MONTH = Text("a quarter or a month", rf"{YEAR}-(?:[Qq][1-4]|{MONTH_OF_YEAR})")
PERIOD = Either("a period such as 2026-Q3, 2026-09 or 2026-09-30", (QUARTER_OR_MONTH, DAY))
EVIDENCE_DATE = Either("a date such as 2026-03-31 or a month such as 2026-03", (DAY, MONTH))


def is_evidence_date(text: str) -> bool:
    """Whether ``text`` is a day or a month by the rule (what dates a piece of evidence)."""
    return EVIDENCE_DATE.matches(text)


def is_period(text: str) -> bool:
    """Whether ``text`` is a period by the rule: 2026-Q3, 2026-09 or 2026-09-30."""
    return PERIOD.matches(text)
