"""The report commands (score, diff, trend, combine): what each does once its options are read.

Their options are read by Typer (:mod:`svccheck.cli.app`, which also holds their help); a missed
threshold ends with ``SystemExit(ExitCode.THRESHOLD)``, as ``typer.Exit(3)`` does.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from svccheck.core.vocabulary import ExitCode

if TYPE_CHECKING:
    from svccheck.engine.compare import Comparison
    from svccheck.engine.results import Report
    from svccheck.model.header import GroupBy


def score(
    path: str,
    fmt: str | None = None,
    output_file: str | None = None,
    top: int = 5,
    fail_under: str | None = None,
    strict: bool = False,
    min_coverage: str | None = None,
    allow_partial: bool = False,
    show_all: bool = False,
    plan_path: str | None = None,
    require_evidence: bool = False,
    importance_path: str | None = None,
) -> None:
    """``svccheck score``: the report of one audit (see its help in :mod:`svccheck.cli.app`)."""
    from svccheck.core import output
    from svccheck.engine import thresholds
    from svccheck.render import dispatch as render

    # A wrong -f or -o (a workbook with -f json, .pdf) is refused before any reading.
    form = render.chosen_format(fmt, output_file, render.Kind.report)
    threshold = thresholds.percent("--fail-under", fail_under)
    given = thresholds.percent("--min-coverage", min_coverage)  # None: the rubric's minimum
    minimum = None if given is None else given / 100
    report = _scored(path, output_file, strict, minimum, require_evidence, importance_path)
    progress = None
    if plan_path is not None:
        from svccheck.cli import plan_command

        progress = plan_command.progress_of(plan_path, output_file, report)
    options = render.ReportOptions(top=top, show_all=show_all, plan=progress)
    output.emit(render.report(report, form, options), output_file)
    if threshold is not None:
        failed = thresholds.fail_under_verdict(report, threshold, allow_partial=allow_partial)
        if failed:
            output.message(failed, style="red")
            raise SystemExit(ExitCode.THRESHOLD)


def _scored(
    path: str,
    output_file: str | None,
    strict: bool,
    min_coverage: float | None,
    require_evidence: bool,
    importance_path: str | None,
) -> Report:
    """The report of the audit at ``path``, with its importance ratings if it has any."""
    from svccheck.cli import importance_command, inputs
    from svccheck.engine import scoring

    rubric, audit = next(inputs.audits([path], output_file=output_file))
    report = scoring.score(
        rubric, audit, strict=strict, min_coverage=min_coverage, require_evidence=require_evidence
    )
    inputs.warn_evidence_unasked(require_evidence, [rubric])
    return importance_command.of_report(report, audit, importance_path, output_file)


def diff(
    old_path: str,
    new_path: str,
    fmt: str | None = None,
    output_file: str | None = None,
    show_all: bool = False,
    fail_on_decline: float | None = None,
    plan_path: str | None = None,
    require_evidence: bool = False,
) -> None:
    """``svccheck diff``: what moved between two audits of one rubric."""
    from svccheck.cli import importance_command, inputs
    from svccheck.core import output
    from svccheck.engine import compare, scoring
    from svccheck.render import dispatch as render

    form = render.chosen_format(fmt, output_file, render.Kind.comparison)
    old, new = (  # each with its own importance, if it has any: diff shows how it changed
        importance_command.applied(
            scoring.score(rubric, audit, require_evidence=require_evidence), audit, None
        )
        for rubric, audit in inputs.audits([old_path, new_path], output_file=output_file)
    )
    inputs.warn_evidence_unasked(require_evidence, [old.rubric, new.rubric])
    result = compare.diff(old, new)
    _warn_about_diff(result, old_path, new_path)
    progress = None
    if plan_path is not None:
        from svccheck.cli import plan_command

        progress = plan_command.progress_of(plan_path, output_file, new, old)
    options = render.ComparisonOptions(show_all=show_all, plan=progress)
    output.emit(render.comparison(result, form, options), output_file)
    fell = -(result.overall_delta or 0.0)
    if fail_on_decline is not None and fell > fail_on_decline:
        output.message(
            f"overall score fell by {fell:.2f} points, more than --fail-on-decline "
            f"{fail_on_decline:g}",
            style="red",
        )
        raise SystemExit(ExitCode.THRESHOLD)


def trend(
    paths: list[str],
    fmt: str | None = None,
    output_file: str | None = None,
    keep_order: bool = False,
    plan_path: str | None = None,
    require_evidence: bool = False,
) -> None:
    """``svccheck trend``: overall and section scores over many audits, period by period."""
    from svccheck.cli import inputs
    from svccheck.core import output
    from svccheck.engine import trend as trends
    from svccheck.render import dispatch as render

    form = render.chosen_format(fmt, output_file, render.Kind.trend)
    result = trends.trend(
        inputs.audits(paths, at_least=2, output_file=output_file),
        keep_order=keep_order,
        require_evidence=require_evidence,
    )
    if result.rubric is not None:
        inputs.warn_evidence_unasked(require_evidence, [result.rubric])
    for warning in trends.warnings(result):
        output.warn(warning)
    planned = None
    if plan_path is not None:
        from svccheck.cli import plan_command

        planned = plan_command.trend_plan_of(plan_path, output_file, result)
    if planned is not None and all(m.projected_overall is None for m in planned.marks):
        output.warn("no audit of the plan's unit falls in the plan's baseline or phase quarters")
    output.emit(render.trend(result, form, render.TrendOptions(plan=planned)), output_file)


def combine(
    paths: list[str],
    by: GroupBy | str = "unit",
    fmt: str | None = None,
    output_file: str | None = None,
    top: int = 5,
    mixed_periods: bool = False,
    write_consensus: str | None = None,
    force: bool = False,
    require_evidence: bool = False,
) -> None:
    """``svccheck combine``: consensus, agreement and what to discuss over several audits."""
    from svccheck.cli import consensus_file, inputs
    from svccheck.core import output
    from svccheck.engine import combine as combining
    from svccheck.render import dispatch as render

    form = render.chosen_format(fmt, output_file, render.Kind.combined)
    if write_consensus is not None:
        consensus_file.check_target(write_consensus, paths, output_file, force=force)
    with inputs.collector_resting():  # reading, combining and rendering make no cycles
        loaded = inputs.audits(paths, at_least=2, output_file=output_file)
        result = combining.combine(
            loaded, by=by, mixed_periods=mixed_periods, require_evidence=require_evidence
        )
        inputs.warn_evidence_unasked(require_evidence, [result.consensus.rubric])
        if write_consensus is not None:
            told = consensus_file.write(result, write_consensus, force=force)
            output.message(told, style="green")
        rendered = render.combined(result, form, render.CombinedOptions(top=top))
    output.emit(rendered, output_file)


def _warn_about_diff(result: Comparison, old_path: str, new_path: str) -> None:
    """What a person should know before reading a diff: audits unlike each other, editions."""
    from svccheck.core import output
    from svccheck.engine import compare, editions

    old, new = result.old, result.new
    for warning in compare.comparability(
        "diff",
        [(old_path, old.header, old.coverage), (new_path, new.header, new.coverage)],
    ):
        output.warn(warning)
    if result.relevelled:
        output.warn(
            editions.relevelled_warning(
                result.new.rubric,
                result.relevelled,
                f"the audits were written for versions {result.old.written_for or '?'} and "
                f"{result.new.written_for or result.new.rubric.version}, so their changes, and "
                "the overall and section changes, are not shown",
            )
        )
    if result.versions_differ:
        output.warn(
            f"the audits use versions {result.old.rubric.version} and "
            f"{result.new.rubric.version} of rubric {result.new.rubric.id!r}; items only on one "
            "side are listed as added or removed"
        )
