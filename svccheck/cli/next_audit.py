"""The next audit started from the last one (``template --from``, ``audit --from``).

Answers, notes and evidence are carried over, and the organization, unit and assessor kept; the
date is left empty and the period is the one after the last one's. From an audit of an earlier
edition of the rubric a score is carried only where the item's levels did not change
(:func:`svccheck.engine.editions.carry_over`); standard error says how many were left out and why.
"""

from __future__ import annotations

from svccheck.core import output
from svccheck.core.errors import UsageError
from svccheck.engine import editions
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import periods
from svccheck.model.audit import Audit, LoadedAudit
from svccheck.model.rubric import Rubric
from svccheck.render.common import plural


def load_last(path: str, rubric: Rubric | None) -> LoadedAudit:
    """The last audit, checked as every command checks it; refused when it is an audit of
    another rubric than ``rubric``. Its warnings are printed."""
    loaded = audit_files.load_audit(path)
    if rubric is not None and loaded.rubric.id != rubric.id:
        raise UsageError(
            f"--from {path}: is an audit of rubric {loaded.rubric.id!r}, not {rubric.id!r}; "
            "give an earlier audit of the same rubric (nothing was written)"
        )
    for warning in loaded.warnings:
        output.warn(warning)
    return loaded


def next_audit(path: str, last: LoadedAudit, rubric: Rubric, given: dict[str, str | None]) -> Audit:
    """The audit after ``last`` (read from ``path``) for ``rubric``'s edition: header fields
    ``given`` on the command line win over the last audit's; the period is the one after the
    last one's (``None`` when it has none, see :func:`periods.following`); no date. Says on
    standard error what was carried over and what was not. Its ``rubric`` is for the caller to
    name."""
    carried = editions.carry_over(last.audit.answers, rubric, last.audit.rubric_version)
    _tell(path, last, rubric, carried)
    before = last.audit
    return Audit(
        rubric="",
        rubric_version=rubric.version,
        organization=given.get("organization") or before.organization,
        unit=given.get("unit") or before.unit,
        period=given.get("period") or periods.following(before.period),
        assessor=given.get("assessor") or before.assessor,
        answers=carried.answers,
    )


def _tell(path: str, last: LoadedAudit, rubric: Rubric, carried: editions.CarriedOver) -> None:
    scores = sum(1 for answer in carried.answers if answer.score is not None)
    output.message(
        f"Carried over from {path}: {plural(len(carried.answers), 'answer')} ({scores} scored),"
        " notes and evidence."
    )
    if carried.dropped:
        written_for = last.audit.rubric_version
        what = (
            f"{plural(len(carried.dropped), 'score')} of {path} (written for version "
            f"{written_for}) not carried over, since they would mean something else: "
            f"{', '.join(carried.dropped)}; their notes and evidence are. Score them again"
        )
        output.warn(editions.relevelled_warning(rubric, carried.dropped, what))
    if carried.removed:
        ids = ", ".join(answer.item_id for answer in carried.removed)
        output.warn(
            f"{path}: {plural(len(carried.removed), 'answer')} to items version "
            f"{rubric.version} of rubric {rubric.id!r} does not have not carried over: {ids}"
        )
    if last.audit.importance is not None:
        output.warn(
            f"{path}: its importance: is not carried over; keep it in an importance file "
            "(kind: importance) and give that with --importance"
        )
