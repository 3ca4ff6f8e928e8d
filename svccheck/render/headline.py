"""The headline that closes every table report, so that it is on screen when the command ends.

A ``score`` at 80 columns runs to some 80 lines and a ``plan`` or ``combine`` to over a hundred:
the overall score, level, coverage and confidence at the top have scrolled away by the time the
prompt returns. Every table view (``score``, ``diff``, ``trend``, ``combine``, ``plan``) ends
with a rule naming what was scored and the headline under it, on a terminal and in a file alike;
each kind's terminal module writes its lines from its view model. Each line fits 80 columns for
the built-in rubrics.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text


def closing(subject: str, *lines: RenderableType) -> RenderableType:
    """A blank line, a rule with ``subject`` in it, then the headline's lines."""
    return Group(Text(""), Rule(Text(subject, style="bold"), style="dim"), *lines)


def percent(value: float | None) -> str:
    """A share (coverage) as a whole percent: ``72%``."""
    return "–" if value is None else f"{value * 100:.0f}%"
