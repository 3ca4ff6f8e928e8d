"""The Rich view of calibration: agreement between assessors and the discussion list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from svccheck.render.common import (
    ALPHA_GUIDE,
    alpha_reading,
    alpha_text,
    answer_text,
    number,
    share,
)

if TYPE_CHECKING:
    from svccheck.engine.calibration import Agreement, Discussion


def agreement_view(agreement: Agreement) -> RenderableType:
    """Alpha and pairwise shares per section and overall, with the one-line reading guide."""
    if len(agreement.assessors) < 2:
        return Text("Agreement between assessors: needs audits by two or more assessors.")
    names = ", ".join(agreement.assessors)
    table = Table(
        title=f"Agreement between {len(agreement.assessors)} assessors ({names})",
        title_justify="left",
    )
    table.add_column("section")
    for heading in ("alpha", "reading", "exact", "within one", "pairs"):
        table.add_column(heading, justify="right", no_wrap=True)
    for s in agreement.sections:
        table.add_row(
            Text(s.title),
            alpha_text(s.alpha),
            alpha_reading(s.alpha),
            share(s.exact),
            share(s.within_one),
            str(s.pairs),
        )
    table.add_row(
        Text("overall", style="bold"),
        alpha_text(agreement.alpha),
        alpha_reading(agreement.alpha),
        share(agreement.exact),
        share(agreement.within_one),
        str(agreement.pairs),
        end_section=True,
    )
    return Group(table, Text(ALPHA_GUIDE, style="italic"))


def _answers(item: Discussion) -> Text:
    """Every assessor's answer and note, one line each."""
    lines = []
    for rating in item.ratings:
        note = f" — {rating.note}" if rating.note else ""
        lines.append(f"{rating.assessor}: {answer_text(rating.answer)}{note}")
    return Text("\n".join(lines))


def discussion_view(discussion: tuple[Discussion, ...]) -> RenderableType:
    """Items of one unit answered two or more scale steps apart, or n/a beside a score."""
    if not discussion:
        return Text("Discussion list: no item is answered two scale steps apart or n/a by some.")
    table = Table(
        title=f"Discussion list: answers two or more steps apart, or n/a beside a score "
        f"({len(discussion)})",
        title_justify="left",
        show_lines=True,
    )
    table.add_column("item")
    table.add_column("spread", justify="right", no_wrap=True)
    table.add_column("gain", justify="right", no_wrap=True)
    table.add_column("answers")
    for item in discussion:
        where = "" if item.unit is None else f"\n{item.unit}"
        spread = f"{item.spread}{' + n/a' if item.na_split else ''}"
        table.add_row(
            Text(f"{item.title} ({item.id}){where}"),
            spread,
            number(item.gain),
            _answers(item),
        )
    return table
