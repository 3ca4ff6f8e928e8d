"""The command line: parse options, load, call the engine, render, pick the exit code.

Heavy modules (loaders, engine, renderers) are imported inside the commands: importing them all
at start-up measured 194 ms against 101 ms for the command line alone (docs/architecture.md).
"""

from typing import Annotated

import typer

from svccheck.cli import help_text
from svccheck.cli.error_handler import Settings, handle_errors
from svccheck.cli.options import (
    AllowPartialOption,
    AssessorOption,
    AuditFromOption,
    AuditOutputOption,
    AuditRubricOption,
    CombineByOption,
    CombineFilesArgument,
    CombineForceOption,
    CombineMixedPeriodsOption,
    CombineWriteConsensusOption,
    CompletionShellArgument,
    ConvertForceOption,
    ConvertOutputFileOption,
    DiffFailOnDeclineOption,
    DiffShowAllOption,
    FailUnderOption,
    FormatOption,
    ImportanceOption,
    MinCoverageOption,
    OrganizationOption,
    OutputOption,
    PeriodOption,
    PlanForceOption,
    PlanOption,
    PlanOutputFileOption,
    PlanPerPhaseOption,
    PlanPhasesOption,
    PlanTargetLevelOption,
    PlanTargetOption,
    RequireEvidenceOption,
    RestartOption,
    ReviewOption,
    RootDebugOption,
    RootVersionOption,
    RubricsShowItemOption,
    RubricsShowReferenceOption,
    SchemaKindArgument,
    SchemaRubricReferenceOption,
    ScoreAllOption,
    StrictOption,
    TemplateAssessorOption,
    TemplateEditorSchemaOption,
    TemplateForceOption,
    TemplateFromOption,
    TemplateOrganizationOption,
    TemplatePeriodOption,
    TemplateReferenceOption,
    TemplateUnitOption,
    TopOption,
    TrendKeepOrderOption,
    TrendPlanOption,
    UnitOption,
    ValidateFilesArgument,
)
from svccheck.cli.startup import narrowed
from svccheck.core.vocabulary import ExitCode
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.header import GroupBy

app = typer.Typer(
    name="svccheck",
    help="Score how well an organization delivers customer service, against service-excellence "
    "rubrics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rubrics_app = typer.Typer(
    help="List the available rubrics, or show one in detail.",
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(rubrics_app, name="rubrics")


@app.callback()
def _root(
    version: RootVersionOption = False,
    debug: RootDebugOption = False,
) -> None:
    Settings.debug = debug


@rubrics_app.callback()
@handle_errors
def rubrics(ctx: typer.Context) -> None:
    """List the available rubrics: built-in ones and those in SVCCHECK_RUBRICS_PATH."""
    if ctx.invoked_subcommand is not None:
        return
    from svccheck.core import output
    from svccheck.formats.rubric import catalog as rubric_catalog
    from svccheck.render.interface import RichView
    from svccheck.render.rubrics import rubric_list

    found = rubric_catalog.catalog()
    for error in found.broken:  # list the others; say what is wrong with these
        for line in error.lines():
            output.message(line, style="red")
    for warning in found.warnings:
        output.warn(warning)
    output.emit(RichView(rubric_list(found.rubrics)), None)
    if found.broken:
        raise typer.Exit(ExitCode.BAD_INPUT)


@rubrics_app.command("show")
@handle_errors
def rubrics_show(
    reference: RubricsShowReferenceOption,
    item: RubricsShowItemOption = None,
) -> None:
    """Show one rubric as an overview (sources, scale, levels, scoring rule, sampling, items and
    weights), or one item of it in full: question, every level with its criteria, actions and
    sources.
    """
    from svccheck.core import output
    from svccheck.render.interface import RichView
    from svccheck.render.rubrics import item_detail, rubric_detail

    loaded = rubric_files.load(reference)
    shown = rubric_detail(loaded) if item is None else item_detail(loaded, item)
    output.emit(RichView(shown), None)


@app.command()
@handle_errors
def validate(
    paths: ValidateFilesArgument,
) -> None:
    """Check rubric, audit, plan and importance files; report every problem as FILE:LINE:COL, exit
    2 if any.

    A valid audit is reported with how many of its rubric's items are answered (0 for a blank
    template).
    """
    from svccheck.cli import validation

    if validation.report([str(path) for path in paths]):
        raise typer.Exit(ExitCode.BAD_INPUT)


@app.command()
@handle_errors
def schema(
    kind: SchemaKindArgument,
    rubric_reference: SchemaRubricReferenceOption = None,
) -> None:
    """Print the JSON Schema of the rubric, audit, plan or importance file format (for editors
    and CI)."""
    import json

    from svccheck.cli import validation
    from svccheck.core import output
    from svccheck.render.interface import PlainText

    found = validation.schema(kind, rubric_reference)
    output.emit(PlainText(json.dumps(found, indent=2, ensure_ascii=False) + "\n"), None)


@app.command()
@handle_errors
def score(
    path: Annotated[str, typer.Argument(metavar="FILE|-", help="A filled-in audit file.")],
    fmt: FormatOption = None,
    output_file: OutputOption = None,
    top: TopOption = 5,
    fail_under: FailUnderOption = None,
    strict: StrictOption = False,
    min_coverage: MinCoverageOption = None,
    allow_partial: AllowPartialOption = False,
    show_all: ScoreAllOption = False,
    plan_path: PlanOption = None,
    require_evidence: RequireEvidenceOption = False,
    importance_path: ImportanceOption = None,
) -> None:
    """Score an audit: section scores, overall index and level, weakest areas, actions.

    An action's "+4.2 pts" is how many points the overall score would gain if that item reached
    the rubric's target.
    """
    from svccheck.cli import inputs, report_commands

    with inputs.collector_resting():  # as for diff
        report_commands.score(
            path, fmt, output_file, top, fail_under, strict, min_coverage, allow_partial,
            show_all, plan_path, require_evidence, importance_path,
        )  # fmt: skip


@app.command()
@handle_errors
def template(
    reference: TemplateReferenceOption,
    output_file: OutputOption = None,
    organization: TemplateOrganizationOption = None,
    unit: TemplateUnitOption = None,
    period: TemplatePeriodOption = None,
    assessor: TemplateAssessorOption = None,
    last: TemplateFromOption = None,
    force: TemplateForceOption = False,
    editor_schema: TemplateEditorSchemaOption = True,
) -> None:
    """Write a blank audit for a rubric, every item with its question, to fill in an editor.

    Written to a file, its first line points YAML editors (VS Code, Neovim, ...) at a schema of
    the rubric's items and scale, written to .svccheck/ beside it.

    --from LAST starts the next period's audit with LAST's answers, notes and evidence.
    """
    from svccheck.cli import template_command

    header = template_command.Header(organization, unit, period, assessor)
    template_command.write(reference, output_file, header, force, editor_schema, last)


@app.command()
@handle_errors
def diff(
    old_path: Annotated[str, typer.Argument(metavar="OLD", help="The earlier audit file.")],
    new_path: Annotated[str, typer.Argument(metavar="NEW", help="The later audit file.")],
    fmt: FormatOption = None,
    output_file: OutputOption = None,
    show_all: DiffShowAllOption = False,
    fail_on_decline: DiffFailOnDeclineOption = None,
    plan_path: PlanOption = None,
    require_evidence: RequireEvidenceOption = False,
) -> None:
    """Compare two audits of the same rubric: overall, sections and items that moved."""
    from svccheck.cli import inputs, report_commands

    # The cycle collector rests while the command imports what it needs (Rich, the renderers,
    # the engine), reads, compares and shows: it made some twenty passes, 2 ms of a 150 ms run
    # (measured, as for score), and found nothing: what score and diff make holds no cycles
    # (nothing unreachable after either, in any format, with importance and a plan).
    with inputs.collector_resting():
        report_commands.diff(
            old_path, new_path, fmt, output_file, show_all, fail_on_decline, plan_path,
            require_evidence,
        )  # fmt: skip


@app.command()
@handle_errors
def trend(
    paths: Annotated[list[str], typer.Argument(metavar="FILE...", help="Two or more audit files.")],
    fmt: FormatOption = None,
    output_file: OutputOption = None,
    keep_order: TrendKeepOrderOption = False,
    plan_path: TrendPlanOption = None,
    require_evidence: RequireEvidenceOption = False,
) -> None:
    """Follow overall and section scores over many audits, period by period."""
    from svccheck.cli import report_commands

    report_commands.trend(paths, fmt, output_file, keep_order, plan_path, require_evidence)


@app.command()
@handle_errors
def combine(
    paths: CombineFilesArgument,
    by: CombineByOption = GroupBy.unit,
    fmt: FormatOption = None,
    output_file: OutputOption = None,
    top: TopOption = 5,
    mixed_periods: CombineMixedPeriodsOption = False,
    write_consensus: CombineWriteConsensusOption = None,
    force: CombineForceOption = False,
    require_evidence: RequireEvidenceOption = False,
) -> None:
    """Combine audits by several assessors or units: consensus, agreement, what to discuss."""
    from svccheck.cli import report_commands

    report_commands.combine(
        paths, by, fmt, output_file, top, mixed_periods, write_consensus, force, require_evidence
    )


@app.command()
@handle_errors
def plan(
    path: Annotated[str, typer.Argument(metavar="AUDIT", help="The audit to plan from.")],
    target: PlanTargetOption = None,
    target_level: PlanTargetLevelOption = None,
    phases: PlanPhasesOption = 4,
    per_phase: PlanPerPhaseOption = 3,
    fmt: FormatOption = None,
    output_file: PlanOutputFileOption = None,
    force: PlanForceOption = False,
    importance_path: ImportanceOption = None,
) -> None:
    """Turn an audit into a phased improvement plan: items, target scores, projected index."""
    from svccheck.cli import plan_command

    plan_command.run(
        path, target, target_level, phases, per_phase, fmt, output_file, force, importance_path
    )


@app.command()
@handle_errors
def convert(
    source: Annotated[str, typer.Argument(metavar="IN", help="An audit, .yaml or .xlsx.")],
    output_file: ConvertOutputFileOption,
    force: ConvertForceOption = False,
) -> None:
    """Convert an audit between YAML and a spreadsheet (.xlsx), both ways, without loss."""
    from svccheck.cli import convert as converting
    from svccheck.core import output

    converting.convert(source, output_file, force=force)
    output.message(f"{source} converted to {output_file}", style="green")


@app.command("audit")
@handle_errors
def audit_command(
    rubric_reference: AuditRubricOption = None,
    output_file: AuditOutputOption = None,
    organization: OrganizationOption = None,
    unit: UnitOption = None,
    period: PeriodOption = None,
    assessor: AssessorOption = None,
    restart: RestartOption = False,
    review: ReviewOption = False,
    last: AuditFromOption = None,
) -> None:
    """Score a rubric interactively, one item at a time, saving after every answer.

    --from LAST starts the next period with LAST's answers: Enter keeps one, j 12 goes to item 12.
    """
    from svccheck.cli.convert import refuse_interactive_workbook
    from svccheck.cli.interactive import session, terminal
    from svccheck.cli.interactive import setup as audit_setup
    from svccheck.core import files

    refuse_interactive_workbook(output_file)
    if output_file is not None:  # the file is saved while the session is shown
        files.refuse_stdout(output_file, "--output", "the session")
    terminal.require_utf8(organization=organization, unit=unit, period=period, assessor=assessor)
    setup = audit_setup.Setup(rubric_reference, output_file, organization, unit, period,
                              assessor, restart, last)  # fmt: skip
    session.conclude(session.run(setup, review=review or last is not None))


@app.command()
@handle_errors
def completion(
    shell: CompletionShellArgument,
) -> None:
    """Print the shell completion script (commands, options, rubric and item ids, formats, file
    names)."""
    from svccheck.cli import completion as completions
    from svccheck.core import output
    from svccheck.render.interface import PlainText

    output.emit(PlainText(completions.script(shell)), None)


def main() -> None:
    """Entry point of the ``svccheck`` console script."""
    import sys

    from svccheck.cli import completion as completions

    if completions.requested():  # started by a completion script: Typer answers it
        completions.prepare()

    narrowed(app, sys.argv[1:])()


help_text.arrange(app, rubrics_app)  # help that flows, ends with examples, audit first
