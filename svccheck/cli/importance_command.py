"""``--importance FILE`` and an audit's own ``importance:``: from the command line to the engine.

Kept out of cli.py. The file given on the command line wins over the audit's mapping, with a
warning on standard error, so that one survey can serve every quarter's audit.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core import files
from svccheck.core.errors import UsageError

if TYPE_CHECKING:
    from svccheck.engine.importance import ImportanceFile
    from svccheck.engine.results import Ratings, Report
    from svccheck.model.audit import Audit
    from svccheck.model.rubric import Rubric


def load(path: str, output_file: str | None, rubric_id: str) -> ImportanceFile:
    """The ``--importance`` file, checked, its warnings printed; refused when it rates another
    rubric's items or is the command's output."""
    from svccheck.cli import targets
    from svccheck.core import output
    from svccheck.formats import importance as importance_format

    targets.refuse_inputs(output_file, [path], what="importance file")
    found, loaded, seen = importance_format.load(path)
    if loaded.id != rubric_id:
        raise UsageError(
            f"{path}: the importance file is for rubric {loaded.id!r}, the audit for {rubric_id!r}"
        )
    for warning in seen.warnings(path, loaded):
        output.warn(warning)
    return found


def _same(first: str | None, second: str | None) -> bool:
    return " ".join((first or "").split()).casefold() == " ".join((second or "").split()).casefold()


def ratings_for(
    audit: Audit, file: ImportanceFile | None
) -> tuple[Ratings, ImportanceFile | None] | None:
    """The ratings to use for ``audit``: the file's when one is given (warning when the audit
    has its own, or is of another organization), else the audit's own; ``None`` without
    either."""
    from svccheck.core import output

    if file is None:
        return None if audit.importance is None else (audit.importance, None)
    if audit.importance is not None:
        output.warn(
            f"{file.path}: its importance replaces the importance: mapping in "
            f"{audit.path or 'the audit'}"
        )
    if audit.organization is not None and not _same(audit.organization, file.organization):
        output.warn(
            f"{file.path}: the importance figures are of {file.organization!r}, the audit of "
            f"{audit.organization!r}"
        )
    return file.ratings, file


def _under_rubric(
    audit: Audit, rubric: Rubric, file: ImportanceFile | None
) -> tuple[Ratings, ImportanceFile | None] | None:
    """The ratings for ``audit`` under ``rubric``'s item ids, and the file they came from; a
    warning when fewer than half the items have one."""
    chosen = ratings_for(audit, file)
    if chosen is None:
        return None
    from svccheck.core import output  # only with importance: its dataclasses cost ms
    from svccheck.engine import importance

    ratings, source = chosen
    if source is not None:
        # An importance file may name another edition of the rubric than the audit.
        seen = importance.reconcile(ratings, rubric)
        for warning in seen.warnings(source.path, rubric):
            output.warn(warning)
        ratings = seen.ratings
    given = dict(ratings)
    rated, total = sum(1 for _, item in rubric.items() if item.id in given), rubric.item_count()
    if 2 * rated < total:
        where = source.path if source is not None else audit.path or "the audit"
        output.warn(
            f"{where}: importance given for {rated} of {total} items, under half: the "
            f"{total - rated} others count at the mean importance and can rank above items "
            "customers rated high"
        )
    return ratings, source


def applied(report: Report, audit: Audit, file: ImportanceFile | None) -> Report:
    """The report with importance applied (IPA, actions by priority), or unchanged without any."""
    chosen = _under_rubric(audit, report.rubric, file)
    if chosen is None:
        return report
    from svccheck.engine import importance

    ratings, source = chosen
    if source is None:
        return importance.apply(report, ratings)
    return importance.apply(report, ratings, file=source.path, source=source.source)


def of_report(report: Report, audit: Audit, path: str | None, output_file: str | None) -> Report:
    """``score``: the report with the ``--importance`` file or the audit's own importance."""
    if path == files.STDIO and audit.path == files.STDIO:
        raise UsageError("the audit and --importance cannot both be read from standard input")
    file = None if path is None else load(path, output_file, report.rubric.id)
    return applied(report, audit, file)


def for_plan(
    audit: Audit, rubric: Rubric, path: str | None, output_file: str | None
) -> Ratings | None:
    """``plan``: the ratings to rank the plan's items by, if the file or the audit has any."""
    file = None if path is None else load(path, output_file, rubric.id)
    chosen = _under_rubric(audit, rubric, file)
    return None if chosen is None else chosen[0]
