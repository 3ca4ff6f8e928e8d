"""The partly-met band of a criterion: how far short of its threshold evidence may fall and still
be "partly met", derived from the threshold by one rule per kind of threshold.

A band lies strictly between the criterion's threshold and the threshold of the next lower rung
of the same measure (a ladder): evidence that meets a lower rung is met there, never partly met
at the rung above. The rules, one a kind (``lower`` is the lower rung's threshold, if any):

- share k in n: one fewer, (k-1) in n; where that is at or below the lower rung, halfway between
  the two; none for 1 in n (one fewer is nothing).
- count c: one fewer, c-1, above the lower rung; none for a count of 1.
- rate r % (at least): 5 points fewer; halfway to the lower rung where that is closer.
- at_most x (a ceiling): a fifth more, x + x/5; halfway to the lower rung's ceiling where that is
  closer.
- months k of the last n: one month fewer while that is still at least half of the months, and
  above the lower rung.
- window w months, the only threshold of a criterion dated within it: one month more for each
  full six, at least one (w + max(1, w // 6)); none where the window is a span something held
  or rose "over" or "across", which has no near miss.

A criterion may set its band in the bank (``partly:``, a threshold of its own kind) where the rule
gives no sensible band, or ``partly: false`` where partly met makes no sense.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

RATE_POINTS = 5


def _share(value: Any) -> Fraction:
    return Fraction(int(value[0]), int(value[1]))


def _number(value: Any) -> Fraction:
    return Fraction(str(value))


def share_band(k: int, n: int, lower: Fraction | None) -> Fraction | None:
    """The lowest share that is partly met of the share k in n, above ``lower``."""
    if k < 2:
        return None
    one_fewer = Fraction(k - 1, n)
    if lower is not None and one_fewer <= lower:
        return (lower + Fraction(k, n)) / 2
    return one_fewer


def count_band(threshold: int, lower: int | None) -> int | None:
    """The lowest count that is partly met of ``threshold``, above ``lower``."""
    one_fewer = threshold - 1
    if one_fewer < 1 or (lower is not None and one_fewer <= lower):
        return None
    return one_fewer


def rate_band(threshold: Fraction, lower: Fraction | None) -> Fraction | None:
    """The lowest rate (in %) that is partly met of ``threshold``, above ``lower``."""
    fewer = threshold - RATE_POINTS
    if lower is not None and fewer <= lower:
        fewer = (lower + threshold) / 2
    return fewer if fewer > 0 else None


def ceiling_band(threshold: Fraction, lower: Fraction | None) -> Fraction | None:
    """The highest value that is partly met of the ceiling ``threshold``, below ``lower`` (the
    lower rung's ceiling, which is higher)."""
    more = threshold + threshold / 5
    if lower is not None and more >= lower:
        more = (lower + threshold) / 2
    return more if more > threshold else None


def months_band(threshold: tuple[int, int], lower: Fraction | None) -> tuple[int, int] | None:
    """The run of months (k of n) that is partly met of ``threshold``, above ``lower``."""
    k, n = threshold
    fewer = Fraction(k - 1, n)
    if k < 2 or fewer < Fraction(1, 2) or (lower is not None and fewer <= lower):
        return None
    return (k - 1, n)


def window_band(window: int, text: str) -> int | None:
    """The window (months) that is partly met of a criterion dated within ``window``."""
    if re.search(r"\b(over|across)\s+\{window\}", text):  # a rubric read from its file
        return None
    return window + max(1, window // 6)


def derived(kind: str | None, data: Mapping[str, Any], lower: Mapping[str, Any] | None) -> Any:
    """The band the rule gives a criterion's threshold, as a threshold value of its own kind
    (``None``: no band). ``lower`` is the data of the next lower rung of the same measure."""
    below = lower.get(kind) if lower is not None and kind is not None else None
    if kind == "share":
        k, n = (int(part) for part in data[kind])
        band = share_band(k, n, _share(below) if below is not None else None)
        return None if band is None else [band.numerator, band.denominator]
    if kind == "count":
        return count_band(int(data[kind]), int(below) if below is not None else None)
    if kind == "rate":
        return _plain(rate_band(_number(data[kind]), _number(below) if below else None))
    if kind == "at_most":
        return _plain(ceiling_band(_number(data[kind]), _number(below) if below else None))
    if kind == "months":
        k, n = (int(part) for part in data[kind])
        run = months_band((k, n), _share(below) if below is not None else None)
        return None if run is None else list(run)
    if kind is None and "window" in data:
        return window_band(int(data["window"]), str(data["text"]))
    return None


def _plain(value: Fraction | None) -> int | float | None:
    """A band as YAML writes a number: whole where it is whole."""
    if value is None:
        return None
    return int(value) if value.denominator == 1 else float(value)


def band(kind: str | None, data: Mapping[str, Any], lower: Mapping[str, Any] | None) -> Any:
    """The criterion's band: the bank's own ``partly:`` where it sets one (``False``: none),
    else the derived one."""
    if "partly" in data:
        return data["partly"] if data["partly"] is not False else None
    return derived(kind, data, lower)


def strength(kind: str | None, value: Any) -> Fraction:
    """A band or threshold as a number that grows with the strength of the threshold."""
    if kind in ("share", "months"):
        return _share(value)
    if kind == "at_most":
        return -_number(value)
    if kind is None:  # a window: the longer, the weaker
        return -Fraction(int(value))
    return _number(value)


def band_wording(kind: str | None, value: Any, text: str) -> str:
    """A band in words, as the criterion's threshold is worded: "at least 7 in 10"."""
    if kind == "share":
        share = _share(value)
        if share.denominator <= 10:
            return f"at least {share.numerator} in {share.denominator}"
        return f"at least {_percent(share * 100)}%"
    if kind == "count":
        return f"at least {value}"
    if kind == "rate":
        return f"at least {_percent(_number(value))}%"
    if kind == "at_most":
        unit = "%" if "{at_most}%" in text else ""
        return f"at most {_percent(_number(value))}{unit}"
    if kind == "months":
        return f"{value[0]} of the last {value[1]} months"
    return f"within the last {int(value)} months"


def _percent(value: Fraction) -> str:
    return str(int(value)) if value.denominator == 1 else f"{float(value):g}"
