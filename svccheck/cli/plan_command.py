"""``svccheck plan``: the steps between the command line and the engine, kept out of cli.py.

Imports inside functions keep start-up within its measured budget (docs/architecture.md).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from svccheck.core import files
from svccheck.core.errors import UsageError
from svccheck.engine import planning
from svccheck.model.audit import Audit
from svccheck.model.rubric import Rubric

if TYPE_CHECKING:
    from svccheck.engine.progress import Progress, TrendPlan
    from svccheck.engine.results import Ratings, Report
    from svccheck.engine.trend import Trend


def run(
    path: str,
    target: float | None,
    target_level: str | None,
    phases: int,
    per_phase: int,
    fmt: str | None,
    output_file: str | None,
    force: bool,
    importance_path: str | None,
) -> None:
    """``svccheck plan``: plan from the audit at ``path``, save the plan with ``-o``, show it."""
    from svccheck.cli import importance_command, inputs
    from svccheck.core import output
    from svccheck.render import dispatch as render

    form = render.chosen_format(fmt, None, render.Kind.plan)  # -o is the YAML plan, not this view
    if output_file is not None and files.names_stdout(output_file):
        output_file = files.STDIO  # the plan itself on standard output, never beside the view
    refuse_workbook(output_file)
    loaded_rubric, audit = next(inputs.audits([path], output_file=output_file))
    refuse_existing(output_file, force=force)
    ratings = importance_command.for_plan(audit, loaded_rubric, importance_path, output_file)
    planned = make(
        loaded_rubric,
        audit,
        request(loaded_rubric, target, target_level, phases, per_phase, ratings),
    )
    if output_file is not None:
        save(planned, output_file)
    if output_file != files.STDIO:  # `-o -` puts the YAML itself on standard output
        output.emit(render.plan(planned, form, render.PlanOptions()), None)
    missed = planning.shortfall(planned.plan)
    if missed is not None:
        output.warn(missed)


def request(
    rubric: Rubric,
    target: float | None,
    target_level: str | None,
    phases: int,
    per_phase: int,
    importance: Ratings | None = None,
) -> planning.Request:
    """The engine's request from the options; ``--target`` and ``--target-level`` exclude each
    other (two targets would leave people guessing which one the plan aims at)."""
    if target is not None and target_level is not None:
        raise UsageError("give --target or --target-level, not both")
    if target_level is not None:
        target = planning.target_of_level(rubric, target_level)
    return planning.Request(
        target=target, phases=phases, per_phase=per_phase, importance=importance
    )


def refuse_existing(output_file: str | None, *, force: bool) -> None:
    """A plan file is people's work (owners, dates, notes): replace one only with ``--force``.

    The command's inputs are refused before this, always (``cli._loaded``).
    """
    if output_file is None or output_file == files.STDIO or force:
        return
    if os.path.lexists(output_file):
        raise UsageError(
            f"{output_file}: already exists; add --force to replace it, or choose another "
            "--output file (nothing was written)"
        )


def refuse_workbook(output_file: str | None) -> None:
    """``plan -o FILE.xlsx`` is refused: the plan file is YAML, which people edit and keep."""
    if output_file is not None and output_file.lower().endswith(".xlsx"):
        raise UsageError(
            f"{output_file}: the plan file is YAML; name a .yaml file (nothing was written). "
            "For a spreadsheet of the audit's results: svccheck score AUDIT -o FILE.xlsx"
        )


def make(rubric: Rubric, audit: Audit, request: planning.Request) -> planning.Planned:
    """The plan of one audit with its rubric, ready to render or write."""
    return planning.planned(rubric, audit, request)


def save(planned: planning.Planned, output_file: str) -> None:
    """Write the plan file atomically (``-``: standard output)."""
    from svccheck.core import output
    from svccheck.formats.plan import writer as plan_writer
    from svccheck.render.interface import PlainText

    text = plan_writer.render_plan(planned.plan, planned.rubric, output_file)
    output.emit(PlainText(text), output_file)


def load_progress_plan(path: str, report_rubric: Rubric) -> planning.Plan:
    """The plan file for ``--plan``, refused when it is for another rubric than the audits."""
    from svccheck.formats.plan import reader as plan_format

    plan, loaded = plan_format.load(path)
    if loaded.id != report_rubric.id:
        raise UsageError(
            f"{path}: the plan is for rubric {loaded.id!r}, the audit for {report_rubric.id!r}"
        )
    return plan


def progress_of(
    plan_path: str | None, output_file: str | None, report: Report, earlier: Report | None = None
) -> Progress | None:
    """Progress against the ``--plan`` file, if one is given (never the output's target)."""
    if plan_path is None:
        return None
    from svccheck.cli import targets
    from svccheck.engine import progress

    targets.refuse_inputs(output_file, [plan_path], what="plan file")
    plan = load_progress_plan(plan_path, report.rubric)
    return progress.progress(plan, report, earlier)


def trend_plan_of(plan_path: str | None, output_file: str | None, trend: Trend) -> TrendPlan | None:
    """The ``--plan`` file's projected path beside the trend's actual one, if a plan is given
    (never the output's target; a plan of another rubric, or of a unit not in the trend, is
    refused)."""
    if plan_path is None:
        return None
    from svccheck.cli import targets
    from svccheck.engine import progress

    targets.refuse_inputs(output_file, [plan_path], what="plan file")
    assert trend.rubric is not None  # trend() always records the edition it read through
    plan = load_progress_plan(plan_path, trend.rubric)
    return progress.trend_plan(plan, trend)
