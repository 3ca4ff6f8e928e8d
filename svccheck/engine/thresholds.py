"""Thresholds given on the command line: percents as people type them, and the verdicts.

Kept out of :mod:`svccheck.cli.app` (options only) and light to import: nothing here loads Rich or
the engine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from svccheck.core.errors import UsageError

if TYPE_CHECKING:
    from svccheck.engine.results import Report

# Compiled on first use (re's cache): a score without thresholds does not pay for it.
_PERCENT = r"\s*(\d+(?:\.\d+)?)\s*%?\s*"


def percent(option: str, text: str | None) -> float | None:
    """``60``, ``60%`` or ``62.5 %`` as a number from 0 to 100; ``None`` when not given."""
    if text is None:
        return None
    match = re.fullmatch(_PERCENT, text)
    value = float(match.group(1)) if match else -1.0
    if not 0 <= value <= 100:
        raise UsageError(f"{option} {text!r}: expected a percent from 0 to 100, such as 60 or 60%")
    return value


def fail_under_verdict(report: Report, fail_under: float, *, allow_partial: bool) -> str | None:
    """Why ``score --fail-under`` fails (exit 3), or ``None`` when the result passes.

    A provisional result fails whatever its score unless ``allow_partial``: a score of two
    answered items must not pass a gate meant for the whole audit.
    """
    if report.provisional and not allow_partial:
        return (
            f"the result is provisional ({report.coverage * 100:.0f}% of items answered, below "
            f"the {report.min_coverage * 100:.0f}% minimum), so --fail-under {fail_under:g}% "
            "cannot pass; answer more items, or pass --allow-partial"
        )
    if report.overall is None or report.overall < fail_under:
        shown = "no score" if report.overall is None else f"{report.overall:.2f}%"
        return f"overall score {shown} is below --fail-under {fail_under:g}%"
    return None
