"""Markdown of calibration: agreement between assessors and the discussion list as an agenda.

``combine --by assessor -f markdown`` is meant to be the consensus meeting's agenda: one heading
per item to discuss, the assessors' answers and notes side by side, and a box for the answer the
meeting agrees on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import (
    ALPHA_GUIDE,
    alpha_reading,
    alpha_text,
    answer_text,
    number,
    share,
)
from svccheck.render.markdown_table import cell, table

if TYPE_CHECKING:
    from svccheck.engine.calibration import Agreement, Discussion


def agreement_lines(agreement: Agreement) -> list[str]:
    """The agreement section: alpha and shares per section and overall, and how to read them."""
    lines = ["## Agreement between assessors", ""]
    if len(agreement.assessors) < 2:
        return [*lines, "Needs audits by two or more assessors.", ""]
    names = ", ".join(cell(name) for name in agreement.assessors)
    lines += [f"{len(agreement.assessors)} assessors: {names}.", ""]
    rows = [
        [cell(s.title), alpha_text(s.alpha), alpha_reading(s.alpha), share(s.exact),
         share(s.within_one), str(s.pairs)]
        for s in agreement.sections
    ]  # fmt: skip
    rows.append(
        ["**Overall**", alpha_text(agreement.alpha), alpha_reading(agreement.alpha),
         share(agreement.exact), share(agreement.within_one), str(agreement.pairs)]
    )  # fmt: skip
    header = ["Section", "Alpha", "Reading", "Exact", "Within one", "Pairs"]
    return [*lines, *table(header, rows), "", f"_{cell(ALPHA_GUIDE)}_", ""]


def discussion_lines(discussion: tuple[Discussion, ...]) -> list[str]:
    """The discussion list as an agenda: widest spread first, then largest potential gain."""
    lines = ["## Discussion list", ""]
    if not discussion:
        return [*lines, "Nothing to discuss: no item is answered two scale steps apart, and no "
                "item is n/a for one assessor and scored by another.", ""]  # fmt: skip
    lines += [
        "Answers two or more scale steps apart, or n/a beside a score; widest spread first, "
        "then largest potential gain.",
        "",
    ]
    for number_, item in enumerate(discussion, start=1):
        unit = "" if item.unit is None else f" — {cell(item.unit)}"
        split = ", n/a beside a score" if item.na_split else ""
        lines += [
            f"### {number_}. {cell(item.title)} ({cell(item.id)}){unit}",
            "",
            f"Spread {item.spread} steps{split}; potential gain {number(item.gain)} pts.",
            "",
        ]
        rows = [
            [cell(r.assessor), cell(answer_text(r.answer)), cell(r.note or "")]
            for r in item.ratings
        ]
        lines += [*table(["Assessor", "Answer", "Note"], rows), "", "- [ ] Agreed answer:", ""]
    return lines
