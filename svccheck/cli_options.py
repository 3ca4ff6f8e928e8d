"""Options shared by several commands, and the score command's thresholds, as Typer types.

Kept apart so that :mod:`svccheck.cli` reads as the list of commands; imported at start-up, so
nothing here imports more than Typer.
"""

from typing import Annotated

import typer


def complete_rubric(incomplete: str) -> list[str]:
    """Rubric ids for shell completion (only called when a completion script asks)."""
    from svccheck.completion import rubric_ids

    return rubric_ids(incomplete)


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json|markdown|md|csv|html",
        help="table for people; html to send; json, markdown or csv for tools and meetings "
        "(default: from the --output extension, .md .json .csv .html, else table).",
    ),
]
PlanOption = Annotated[
    str | None,
    typer.Option("--plan", metavar="PLAN", help="Add progress against this improvement plan."),
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
