"""The order of commands in ``svccheck --help``, the examples that end every command's help, and
how a docstring becomes help text.

Imported at start-up by :mod:`svccheck.cli.app`; it imports only Typer (loaded already) and the
standard library's ``inspect``.
"""

import inspect
from collections.abc import Callable
from typing import Any

import typer

# `svccheck --help` lists the commands in the order a new user needs them, audit first.
COMMAND_ORDER = ("audit", "template", "score", "diff", "trend", "combine", "plan", "convert",
                 "validate", "schema", "completion")  # fmt: skip

# Two or three examples end every command's help (as its epilog).
EXAMPLES = {
    "audit": ("svccheck audit", "svccheck audit -r service-culture --unit Hamburg --period 2026-Q4",
              "svccheck audit --from nordwind-reisen-hamburg-2026-Q3.yaml"),
    "template": ("svccheck template service-culture -o q4.yaml",
                 "svccheck template service-culture -o q4.xlsx",
                 "svccheck template world-class-practices --from acme-q3.yaml -o acme-q4.yaml"),
    "score": ("svccheck score q4.yaml --all -o agenda.md",
              "svccheck score q4.yaml --importance customer-survey-2026.yaml -o q4.html",
              "svccheck score q4.yaml -f json --fail-under 60%"),
    "diff": ("svccheck diff q3.yaml q4.yaml", "svccheck diff q3.yaml q4.yaml --all -o changes.md",
             "svccheck diff q3.yaml q4.yaml --fail-on-decline 5"),
    "trend": ("svccheck trend audits/*.yaml", "svccheck trend audits/*.yaml -o trend.csv"),
    "combine": ("svccheck combine units-2026-Q3/*.yaml",
                "svccheck combine q3-*.yaml --by assessor -o q3.md"),
    "plan": ("svccheck plan acme-2026-Q3.yaml -o acme-plan.yaml",
             "svccheck plan acme-2026-Q3.yaml --target-level World-class -f markdown > plan.md",
             "svccheck score acme-2026-Q4.yaml --plan acme-plan.yaml"),
    "convert": ("svccheck convert q4.yaml -o q4.xlsx", "svccheck convert q4.xlsx -o q4.yaml"),
    "validate": ("svccheck validate q4.yaml", "svccheck validate audits/*.yaml my-rubric.yaml",
                 "svccheck validate customer-survey-2026.yaml"),
    "schema": ("svccheck schema audit --rubric service-culture > service-culture.schema.json",
               "svccheck schema rubric > rubric.schema.json",
               "svccheck schema importance -r customer-expectations > importance.schema.json"),
    "completion": ("source <(svccheck completion bash)",
                   "svccheck completion fish > ~/.config/fish/completions/svccheck.fish"),
    "rubrics": ("svccheck rubrics", "svccheck rubrics show service-culture",
                "svccheck rubrics show service-culture empowerment"),
}  # fmt: skip


def epilog(name: str) -> str:
    """The examples of command ``name``; Rich help keeps paragraphs, so one per example."""
    return "Examples:\n\n" + "\n\n".join(f"  {example}" for example in EXAMPLES[name])


def flowing(callback: Callable[..., Any] | None) -> str:
    """The docstring of ``callback`` as help text, each paragraph on one line.

    Docstrings are wrapped at the source's line length, and Rich keeps every line break it is
    given: a wrapped docstring showed a line ending "at a schema of" before the terminal's edge.
    Joined, each paragraph flows at any width. Paragraphs stay apart (a blank line), as do the
    lines of a paragraph that starts with click's ``\\b``.
    """
    text = inspect.getdoc(callback) if callback is not None else None
    paragraphs = (text or "").split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("\b") else " ".join(paragraph.split())
        for paragraph in paragraphs
    )


def _name(info: typer.models.CommandInfo) -> str:
    return str(info.name or getattr(info.callback, "__name__", ""))


def arrange(app: typer.Typer, rubrics_app: typer.Typer) -> None:
    """Give every command its flowing help and its examples, and list them in
    :data:`COMMAND_ORDER` (the ``rubrics`` group is ``app``'s only group)."""
    for info in [*app.registered_commands, *rubrics_app.registered_commands]:
        info.help = flowing(info.callback)
    for info in app.registered_commands:
        info.epilog = epilog(_name(info))
    rubrics_app.registered_commands[0].epilog = epilog("rubrics")
    app.registered_groups[0].epilog = epilog("rubrics")
    app.registered_commands.sort(
        key=lambda info: (
            COMMAND_ORDER.index(_name(info)) if _name(info) in COMMAND_ORDER else len(COMMAND_ORDER)
        )
    )
