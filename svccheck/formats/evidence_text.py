"""Evidence as people type it: in the interactive audit and in a workbook's Evidence cell.

On an answer line, evidence follows the score and note after `` || ``: ``4 monthly review exists
|| board minutes 2026-03``. Further `` || `` separate several pieces of evidence; a piece whose
last word is a date (``2026-03-31``) or a month (``2026-03``) is dated by it. `` || `` with
nothing after it, or ``none`` alone, records the evidence as missing. The separator is two bars
with a space (or the line's edge) on each side, so ``a||b`` is text; a note cannot contain
`` || `` on an answer line or at the note prompt (the first one always starts the evidence; a
note with it can be written in the file). In a workbook cell, each line is one piece, dated the
same way, and ``none`` alone records the evidence as missing.

A piece in double quotes is its text exactly, with JSON's escapes (``\\n``, ``\\"``): ``"survey
report 2026-08"`` is undated text that ends like a date, ``"survey report 2026-08" 2026-09`` the
same text dated 2026-09. svccheck writes a piece that way only when it would not read back as
it is otherwise, so that a workbook holds any evidence a YAML file can.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from svccheck.engine import evidence as evidences
from svccheck.formats import dates
from svccheck.model.audit import Evidence
from svccheck.model.header import Header
from svccheck.model.rubric import Rubric

SEPARATOR = " || "
_SEPARATOR = re.compile(r"(?:^|\s)\|\|(?:\s|$)")
_DATED = re.compile(r"(.*\S)\s+([0-9]{4}-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?)")
_DATE = r"[0-9]{4}-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?"
_QUOTED = re.compile(rf'"((?:[^"\\]|\\.)*)"(?:\s+({_DATE}))?', re.DOTALL)
# Characters str.splitlines() breaks a cell's text at that JSON leaves unescaped.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
CLEAR = "-"
DATE_RULE = "a day or month of the years 0001 to 9999, on the calendar"
NONE = "none"  # typed alone (at the prompt, after ` || `, in a workbook cell): recorded missing


def split(line: str) -> tuple[str, tuple[Evidence, ...] | None]:
    """What comes before the first `` || `` and the evidence after it (``None`` without one)."""
    found = _SEPARATOR.search(line)
    if found is None:
        return line, None
    return line[: found.start()].strip(), entries(line[found.end() :])


def entries(text: str) -> tuple[Evidence, ...]:
    """Pieces of evidence separated by `` || `` (blank ones left out), each dated by a last word
    that is a date or a month; ``none`` alone records it as missing, as in a workbook cell."""
    if text.strip().casefold() == NONE:
        return ()
    return tuple(_entry(part.strip()) for part in _SEPARATOR.split(text) if part.strip())


class NotADate(ValueError):
    """A piece of evidence whose last word is shaped like a date but is none (0000-01,
    2026-02-30): refused, as the same date in a file is, rather than kept as undated text."""


def _entry(text: str) -> Evidence:
    quoted = _QUOTED.fullmatch(text)
    if quoted is not None:
        inner, date = quoted.groups()
        try:
            exact = json.loads(f'"{inner}"', strict=False)
        except ValueError:  # an escape JSON does not know: the quotes are part of the text
            exact = None
        if exact is not None and (date is None or dates.is_evidence_date(date)):
            return Evidence(exact, date)
    dated = _DATED.fullmatch(text)
    if dated is None:
        return Evidence(text)
    if not dates.is_evidence_date(dated.group(2)):
        raise NotADate(f"{dated.group(2)} is not a date ({DATE_RULE})")
    return Evidence(dated.group(1), dated.group(2))


def written(entry: Evidence) -> str:
    """One piece of evidence as typed, on one line, so that it reads back as exactly ``entry``:
    its text and date as they are, or, when that would read back otherwise (an undated text
    ending like a date, spaces at an end, a line break, ``none``), the text in double quotes."""
    plain = f"{entry.text} {entry.date}" if entry.date else entry.text
    as_is = plain.isprintable() and plain == plain.strip() and plain.casefold() != NONE
    if as_is and _SEPARATOR.search(plain) is None and _reads_back(plain, entry):
        return plain
    quoted = json.dumps(entry.text, ensure_ascii=False)
    for character, escape in _LINE_BREAKS.items():
        quoted = quoted.replace(character, escape)
    return f"{quoted} {entry.date}" if entry.date else quoted


def _reads_back(plain: str, entry: Evidence) -> bool:
    try:
        return _entry(plain) == entry
    except NotADate:  # text ending like an impossible date ("x 2026-02-30"): quoted
        return False


# A workbook cell holds an answer's evidence as a person types it there: one piece a line, each
# dated by a last word that is a date or a month, and ``none`` alone for "recorded as missing".


def from_cell(text: str) -> tuple[Evidence, ...]:
    """The evidence in a workbook cell's text (not empty)."""
    if text.strip().casefold() == NONE:
        return ()
    return tuple(_entry(line.strip()) for line in text.splitlines() if line.strip())


def cell_text(evidence: tuple[Evidence, ...]) -> str:
    """Evidence as a workbook cell holds it, one piece a line (:func:`written`), so that
    :func:`from_cell` reads it back exactly."""
    return "\n".join(map(written, evidence)) if evidence else NONE


def typed(evidence: tuple[Evidence, ...]) -> str:
    """Evidence as it would be typed (what the prompts show in brackets): ``none`` when it is
    recorded as missing."""
    if not evidence:
        return "none"
    return SEPARATOR.join(map(written, evidence))


def prompt(rubric: Rubric, kept: tuple[Evidence, ...] | None) -> str:
    """The question after a score that needs evidence, on one line at 80 columns (the help,
    ``?``, tells the rest: several pieces, the forms of a date)."""
    if kept:
        return f"Evidence (Enter: keep, - clears) [{typed(kept)}]: "
    return (
        f"Evidence for a {rubric.evidence_from}+ (document, link or figure, then its date; "
        "Enter: none): "
    )


def ask(
    ask_line: Callable[[str], str], rubric: Rubric, kept: tuple[Evidence, ...] | None
) -> tuple[Evidence, ...]:
    """Ask for the evidence of a claim: Enter keeps what there is or records it as missing
    (``()``), ``-`` clears it (recorded as missing too: the assessor was asked)."""
    line = ask_line(prompt(rubric, kept)).strip()
    if line == CLEAR:
        return ()
    if not line:
        return kept or ()
    return entries(line)


def stale_notice(
    rubric: Rubric, header: Header, evidence: tuple[Evidence, ...] | None
) -> str | None:
    """What to tell the assessor when evidence just given is older than the rubric allows."""
    day = evidences.as_of(header)
    old = tuple(e for e in evidence or () if evidences.is_stale(e, day, rubric.evidence_max_age))
    if not old or day is None:
        return None
    return (
        f"Stale (over {rubric.evidence_max_age} months before the audit, {day.isoformat()}): "
        f"{typed(old)}"
    )
