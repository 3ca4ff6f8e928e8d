"""The one error hierarchy of svccheck.

Everything a user can get wrong is raised as a :class:`SvccheckError`; the CLI catches it once and
turns it into a message and exit code 2. Anything else is an internal error (exit 1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from enum import Enum

from svccheck.core.record import record
from svccheck.core.vocabulary import ExitCode


class Rule(Enum):
    """Which kind of rule a problem breaks.

    ``FORMAT`` rules are those the exported JSON Schema states too; ``CROSS_FIELD`` rules relate
    values to each other or to another file (a label for every scale point, unique ids, scores
    inside the rubric's scale, item ids the rubric knows), which a schema cannot express.
    """

    FORMAT = "format"
    CROSS_FIELD = "cross-field"


@record(order=True)
class Problem:
    """One located problem in an input file. ``line`` and ``column`` are 1-based, 0 if unknown.

    ``cell`` names the place instead when lines and columns mean nothing to a person: in a
    spreadsheet, ``Audit!D12`` (``line`` and ``column`` then hold the row and column, for order).
    """

    file: str
    line: int
    column: int
    message: str
    rule: Rule = field(default=Rule.FORMAT, compare=False)
    cell: str = field(default="", compare=False)

    def __str__(self) -> str:
        from svccheck.core.sanitize import identifier  # a file name may hide characters too

        file = identifier(self.file)
        if self.cell:
            return f"{file}: {self.cell}: {self.message}"
        if self.line:
            return f"{file}:{self.line}:{self.column}: {self.message}"
        return f"{file}: {self.message}"


class SvccheckError(Exception):
    """Base class of every expected error: the user's input or usage is at fault."""

    exit_code: int = ExitCode.BAD_INPUT

    def lines(self) -> list[str]:
        """The message, one entry per line to print."""
        return [str(self)]


class InvalidFileError(SvccheckError):
    """A file could not be used; it carries every problem found in it, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems)))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class InputFileError(SvccheckError):
    """A file that cannot be read at all: missing, a directory, unreadable, too large."""


class NotFoundError(SvccheckError):
    """A rubric id or similar name that does not resolve to anything."""


class OutputError(SvccheckError):
    """A result that cannot be written where the user asked."""


class UsageError(SvccheckError):
    """Options that contradict each other or the data they are applied to."""


class InterruptedAudit(SvccheckError):
    """The person stopped an interactive audit; their answers are already saved."""

    exit_code: int = ExitCode.INTERRUPTED


def did_you_mean(word: str, candidates: Sequence[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix naming the closest candidate, or an empty string."""
    import difflib  # only needed on the error path

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
