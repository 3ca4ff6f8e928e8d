"""The period after an audit's period, for an audit started from the one before it (``--from``)."""

from __future__ import annotations

import re

_QUARTER = re.compile(r"([0-9]{4})-[Qq]([1-4])")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def following(period: str | None) -> str | None:
    """The period after ``period``: the next quarter (``2026-Q4`` → ``2027-Q1``) or month
    (``2026-12`` → ``2027-01``). A single day (``2026-09-30``) has no one period after it and no
    period has none: ``None``, and the caller uses its usual default."""
    if period is None:
        return None
    quarter = _QUARTER.fullmatch(period)
    if quarter is not None:
        year, number = int(quarter[1]), int(quarter[2])
        return f"{year + number // 4}-Q{number % 4 + 1}"
    month = _MONTH.fullmatch(period)
    if month is not None:
        year, number = int(month[1]), int(month[2])
        return f"{year + number // 12}-{number % 12 + 1:02d}"
    return None
