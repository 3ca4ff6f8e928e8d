"""Every command's options and arguments, as Typer types.

Kept apart so that :mod:`svccheck.cli.app` reads as the list of commands; imported at start-up, so
nothing here imports more than Typer (and the light :mod:`svccheck.model.header` and the error
handler, which ``--version`` goes through as every command does).
"""

from pathlib import Path
from typing import Annotated

import typer

from svccheck import __version__
from svccheck.cli.error_handler import handle_errors
from svccheck.model.header import GroupBy


# Shell completion (only called when a completion script asks, so the imports wait till then).
def complete_rubric(incomplete: str) -> list[str]:
    """Rubric ids."""
    from svccheck.cli.completion import rubric_ids

    return rubric_ids(incomplete)


def complete_format(incomplete: str) -> list[str]:
    """The output formats of ``-f``."""
    from svccheck.cli.completion import format_names

    return format_names(incomplete)


def complete_item(ctx: typer.Context, incomplete: str) -> list[str]:
    """The item ids of the rubric named before (``rubrics show RUBRIC ITEM``)."""
    from svccheck.cli.completion import item_ids

    return item_ids(ctx.params.get("reference"), incomplete)


def complete_schema_kind(incomplete: str) -> list[str]:
    """The file formats ``schema`` prints."""
    from svccheck.cli.completion import schema_kinds

    return schema_kinds(incomplete)


def complete_shell(incomplete: str) -> list[str]:
    """The shells ``completion`` writes for."""
    from svccheck.cli.completion import shell_names

    return shell_names(incomplete)


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|markdown|md|csv|html|xlsx",
        help="table for people; html to send; json, markdown or csv for tools and meetings; xlsx "
        "(score only, with -o FILE.xlsx) a workbook (default: from the --output extension, .md "
        ".json .csv .html .xlsx, else table).",
        autocompletion=complete_format,
    ),
]
PlanOption = Annotated[
    str | None,
    typer.Option("--plan", metavar="PLAN", help="Add progress against this improvement plan."),
]
ImportanceOption = Annotated[
    str | None,
    typer.Option(
        "--importance",
        metavar="FILE",
        help="How much customers care about each item (an importance file, kind: importance); "
        "wins over the audit's own importance:. Adds the importance-performance analysis and "
        "ranks the actions by priority.",
    ),
]
TopOption = Annotated[
    int, typer.Option("--top", min=1, help="How many actions the table and Markdown views show.")
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout."
    ),
]
FailUnderOption = Annotated[
    str | None,
    typer.Option(
        "--fail-under",
        metavar="PCT",
        help="Exit 3 when the overall score is below PCT (60 or 60%), or provisional.",
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Count unanswered items as the lowest score.")
]
MinCoverageOption = Annotated[
    str | None,
    typer.Option(
        "--min-coverage",
        metavar="PCT",
        help="Below PCT of items answered the result is provisional (default: the rubric's "
        "min_coverage, 80% unless it sets one).",
    ),
]
RequireEvidenceOption = Annotated[
    bool,
    typer.Option(
        "--require-evidence",
        help="Count a score at or above the rubric's evidence_from without evidence as "
        "evidence_from - 1.",
    ),
]
AllowPartialOption = Annotated[
    bool, typer.Option("--allow-partial", help="Let a provisional result pass --fail-under.")
]
ScoreAllOption = Annotated[
    bool, typer.Option("--all", help="Also list every item with its answer, label and note.")
]


# `svccheck audit`
AuditRubricOption = Annotated[
    str | None,
    typer.Option(
        "--rubric",
        "-r",
        metavar="ID|PATH",
        help="The rubric (default: pick one; required when input is not a terminal).",
        autocompletion=complete_rubric,
    ),
]
AuditOutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="The audit file; resumed if it exists (default: proposed from the header).",
    ),
]
OrganizationOption = Annotated[str | None, typer.Option(help="The organization audited.")]
UnitOption = Annotated[str | None, typer.Option(help="Department, site or team.")]
PeriodOption = Annotated[
    str | None, typer.Option(help="The period audited (default: the current quarter).")
]
AssessorOption = Annotated[str | None, typer.Option(help="Who is scoring.")]
RestartOption = Annotated[
    bool,
    typer.Option("--restart", help="Clear the answers of an existing file (asks at a terminal)."),
]
ReviewOption = Annotated[
    bool, typer.Option("--review", help="Go through every item, showing current answers.")
]
AuditFromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="LAST",
        help="Start a new audit from LAST's answers, notes and evidence (the next period; "
        "its header but the date); then go through every item.",
    ),
]

# Options and arguments of single commands, named after them (moved out of cli.py).
RubricsShowReferenceOption = Annotated[
    str,
    typer.Argument(metavar="ID|PATH", help="A rubric id or file.", autocompletion=complete_rubric),
]
RubricsShowItemOption = Annotated[
    str | None,
    typer.Argument(
        metavar="[ITEM]", help="An item id: that item in full.", autocompletion=complete_item
    ),
]
ValidateFilesArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE...",
        help="Rubric, audit, plan or importance files to check (an audit also as .xlsx).",
    ),
]
SchemaKindArgument = Annotated[
    str,
    typer.Argument(
        metavar="rubric|audit|plan|importance",
        help="Which file format.",
        autocompletion=complete_schema_kind,
    ),
]
CompletionShellArgument = Annotated[
    str,
    typer.Argument(metavar="bash|zsh|fish", help="Your shell.", autocompletion=complete_shell),
]
SchemaRubricReferenceOption = Annotated[
    str | None,
    typer.Option(
        "--rubric",
        "-r",
        metavar="ID|PATH",
        help="With audit: the schema of one rubric's audits (its item ids, scale, guidance); "
        "with importance: of its importance files (its item ids).",
    ),
]
TemplateReferenceOption = Annotated[
    str,
    typer.Argument(metavar="RUBRIC", help="A rubric id or file.", autocompletion=complete_rubric),
]
TemplateOrganizationOption = Annotated[
    str | None, typer.Option(help="Fill in the organization's name.")
]
TemplateUnitOption = Annotated[
    str | None, typer.Option(help="Fill in the department, site or team.")
]
TemplateAssessorOption = Annotated[str | None, typer.Option(help="Fill in who is scoring.")]
TemplatePeriodOption = Annotated[
    str | None,
    typer.Option(
        help="The period audited (default: the current quarter, or the one after --from's)."
    ),
]
TemplateFromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="LAST",
        help="Fill in LAST's answers, notes and evidence, and its header but the date and "
        "period (an earlier audit of this rubric, .yaml or .xlsx).",
    ),
]
TemplateForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing output file (never a rubric).")
]
TemplateEditorSchemaOption = Annotated[
    bool,
    typer.Option(
        "--schema/--no-schema",
        help="With -o: write the rubric's audit schema beside the file, for editors.",
    ),
]
DiffShowAllOption = Annotated[
    bool, typer.Option("--all", help="Also list the items that did not change.")
]
DiffFailOnDeclineOption = Annotated[
    float | None,
    typer.Option(
        "--fail-on-decline",
        metavar="PTS",
        min=0,
        help="Exit 3 when the overall score fell by more than PTS points.",
    ),
]
TrendKeepOrderOption = Annotated[
    bool,
    typer.Option("--keep-order", help="Keep the files in the order given, not by period."),
]
TrendPlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan", metavar="PLAN", help="Show this improvement plan's projected overall per period."
    ),
]
CombineFilesArgument = Annotated[
    list[str], typer.Argument(metavar="FILE...", help="Two or more audits of one rubric.")
]
CombineByOption = Annotated[
    GroupBy, typer.Option("--by", help="Average audits that share this field first.")
]
CombineMixedPeriodsOption = Annotated[
    bool,
    typer.Option("--mixed-periods", help="Average audits of one unit for different periods."),
]
CombineWriteConsensusOption = Annotated[
    str | None,
    typer.Option(
        "--write-consensus",
        metavar="FILE",
        help="Also write a consensus audit (lower median answers) for the meeting to confirm.",
    ),
]
CombineForceOption = Annotated[
    bool, typer.Option("--force", help="Let --write-consensus replace an existing file.")
]
PlanTargetOption = Annotated[
    float | None,
    typer.Option(
        "--target", metavar="PCT", min=0, max=100, help="Overall target (default: rubric's)."
    ),
]
PlanTargetLevelOption = Annotated[
    str | None,
    typer.Option("--target-level", metavar="NAME", help="Aim at a maturity level instead."),
]
PlanPhasesOption = Annotated[
    int, typer.Option("--phases", min=1, help="Phases, one per quarter after the audit's.")
]
PlanPerPhaseOption = Annotated[
    int, typer.Option("--per-phase", min=1, help="At most this many items per phase.")
]
PlanOutputFileOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Also write the plan as YAML."),
]
PlanForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing plan file (never an input).")
]
ConvertOutputFileOption = Annotated[
    str,
    typer.Option("--output", "-o", metavar="OUT", help="The converted audit, .xlsx or .yaml."),
]
ConvertForceOption = Annotated[
    bool, typer.Option("--force", help="Replace an existing output file (never an input).")
]


@handle_errors  # a full disk or a closed pipe on stdout ends like any command's output
def _version(value: bool) -> None:
    if value:
        from svccheck.core import output
        from svccheck.render.interface import PlainText

        output.emit(PlainText(f"svccheck {__version__}\n"), None)
        raise typer.Exit()


RootVersionOption = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
]
RootDebugOption = Annotated[
    bool, typer.Option("--debug", help="Show a traceback for internal errors.")
]
