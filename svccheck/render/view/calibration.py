"""Calibration in combined audits' view (``combine``): how far the assessors agree (Krippendorff's
alpha and the shares of answers alike, per section and overall) and the discussion list, the
agenda of the consensus meeting: one topic per item to discuss, every assessor's answer and
note, and a box for the answer the meeting agrees on.

The figures are the engine's (:mod:`svccheck.engine.calibration`); JSON carries them as data
(:mod:`svccheck.render.json_combined`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.render.common import (
    ALPHA_GUIDE,
    alpha_reading,
    alpha_text,
    answer_text,
    nothing_compared,
    number,
    share,
)
from svccheck.render.view.model import (
    Cell,
    Checklist,
    Column,
    CombinedContribution,
    Figure,
    Paragraph,
    Part,
    Row,
    Table,
    Topic,
)

if TYPE_CHECKING:
    from svccheck.engine.calibration import Agreement, Discussion
    from svccheck.engine.combine import Combined
    from svccheck.render.interface import CombinedOptions

AGREEMENT = "Agreement between assessors"
_COLUMNS = (
    Column(heading="Section"),
    *(Column(heading=name, numeric=True)
      for name in ("Alpha", "Reading", "Exact", "Within one", "Pairs")),
)  # fmt: skip


def _row(name: str, alpha: float | None, exact: float | None, within: float | None,
         pairs: int, *, total: bool = False) -> Row:  # fmt: skip
    texts = (name, alpha_text(alpha), alpha_reading(alpha), share(exact), share(within))
    return Row((*(Cell(text=text) for text in texts), Cell(text=str(pairs))), total=total)


def _agreement(agreement: Agreement) -> Part:
    """Alpha and the shares per section and overall, and how to read them."""
    if len(agreement.assessors) < 2:
        return Part("agreement", AGREEMENT, (Paragraph("Needs audits by two or more assessors."),))
    names = ", ".join(agreement.assessors)
    a = agreement
    rows = (
        *(_row(s.title, s.alpha, s.exact, s.within_one, s.pairs) for s in a.sections),
        _row("Overall", a.alpha, a.exact, a.within_one, a.pairs, total=True),
    )
    table = Table(_COLUMNS, rows, caption=ALPHA_GUIDE)
    said = Paragraph(f"{len(a.assessors)} assessors: {names}.")
    return Part("agreement", AGREEMENT, (said, table))


def _topic(number_: int, item: Discussion) -> Topic:
    """One item to discuss: its spread and gain, every assessor's answer and note, and the
    answer to agree on."""
    unit = "" if item.unit is None else f" — {item.unit}"
    split = ", n/a beside a score" if item.na_split else ""
    rows = tuple(
        Row((Cell(text=r.assessor), Cell(text=answer_text(r.answer)), Cell(text=r.note or "")))
        for r in item.ratings
    )
    columns = (Column(heading="Assessor"), Column(heading="Answer", numeric=True),
               Column(heading="Note"))  # fmt: skip
    said = f"Spread {item.spread} steps{split}; potential gain {number(item.gain)} pts."
    heading = f"{number_}. {item.title} ({item.id}){unit}"
    return Topic(heading, (Paragraph(said), Table(columns, rows), Checklist(("Agreed answer:",))))


def _discussion(discussion: tuple[Discussion, ...]) -> Part:
    """The discussion list as an agenda: widest spread first, then largest potential gain."""
    if not discussion:
        said = ("Nothing to discuss: no item is answered two scale steps apart, and no item is "
                "n/a for one assessor and scored by another.")  # fmt: skip
        return Part("discussion", "Discussion list", (Paragraph(said),))
    intro = Paragraph(
        "Answers two or more scale steps apart, or n/a beside a score; widest spread first, "
        "then largest potential gain."
    )
    topics = tuple(_topic(n, item) for n, item in enumerate(discussion, start=1))
    return Part("discussion", "Discussion list", (intro, *topics))


def combined(result: Combined, options: CombinedOptions) -> CombinedContribution:
    """The agreement (a figure and a part) and the discussion list; where no unit was audited
    by two assessors, only why there is nothing to compare."""
    missing = nothing_compared(result)
    if missing is not None:
        return CombinedContribution(parts=(Part("agreement", AGREEMENT, (Paragraph(missing),)),))
    agreement = result.agreement
    alpha = Figure("Agreement (alpha)", alpha_text(agreement.alpha),
                   f"{len(agreement.assessors)} assessors", closing=False)  # fmt: skip
    return CombinedContribution(
        figures=(alpha,),
        parts=(_agreement(agreement), _discussion(result.discussion)),
    )
