"""The words and numbers svccheck uses everywhere, decided once: not applicable, exit codes, bounds.

Not applicable is written ``n/a``, and read as ``n/a`` or ``n.a.`` in any letter case, the same in
YAML files, workbook cells and the interactive audit (where the one key ``n`` is a shortcut, as
``s`` skips). ``NA`` alone is refused everywhere with the same hint: in R and in spreadsheets it
means a missing value, which here is an empty answer, not "does not apply".
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

NA = "n/a"  # the answer "not applicable", in files and in every output format
NA_SPELLINGS = frozenset({"n/a", "n.a."})  # compared in lower case
NA_MISSING = "na"  # compared in lower case: refused with NA_HINT
NA_HINT = "did you mean n/a (not applicable)? Leave the score empty for an item not answered yet"

# Scores and scale ends are whole numbers within this bound: wide enough for any real scale,
# small enough that arithmetic on them is exact and a hostile file cannot ask for a huge range.
SCALE_BOUND = 1000
# Dates name the years 0001 to 9999 (svccheck.formats.dates), as Python's calendar does.
LAST_YEAR = 9999


def is_na(text: str) -> bool:
    """Whether ``text`` spells not applicable: ``n/a``, ``N/A``, ``n.a.``, ..."""
    return text.lower() in NA_SPELLINGS


def means_missing(text: str) -> bool:
    """Whether ``text`` is ``NA`` (blanks around it ignored), which people write for a missing
    value: refused, with :data:`NA_HINT`."""
    return text.strip().lower() == NA_MISSING


def na_pattern() -> str:
    """A regular expression (JSON Schema dialect) matching exactly what :func:`is_na` accepts."""
    spellings = (
        "".join(f"[{c}{c.upper()}]" if c.isalpha() else "\\" + c for c in spelling)
        for spelling in sorted(NA_SPELLINGS)
    )
    return "^(?:" + "|".join(spellings) + ")$"


class ExitCode(IntEnum):
    """svccheck's exit codes (docs/output-formats.md); the one list every module uses."""

    OK = 0
    INTERNAL = 1  # a bug in svccheck: the message asks for a report
    BAD_INPUT = 2  # a mistake in a file or on the command line, or output that cannot be written
    THRESHOLD = 3  # --fail-under or --min-coverage not met
    INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT)
    BROKEN_PIPE = 141  # the reader of standard output went away (128 + SIGPIPE)


class CriterionStatus(StrEnum):
    """What the evidence showed of one criterion of an item's level (docs/scoring.md, "Levels
    from criteria"), as audit files spell it. Never shown is ``not-assessed``, or left out: the
    mark says the assessor looked for it (``validate`` lists the criteria near the level given
    that were neither judged nor marked)."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not-met"
    NOT_ASSESSED = "not-assessed"  # never shown: counts neither way


RECORDED_STATUSES = (
    CriterionStatus.MET,
    CriterionStatus.PARTLY,
    CriterionStatus.NOT_MET,
    CriterionStatus.NOT_ASSESSED,
)
# A criterion at several levels (a ladder) is recorded as id@level: staff-priority@4.
LADDER_MARK = "@"
