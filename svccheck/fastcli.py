"""The fast command line: the report commands started without importing Typer.

Typer, with the Click it carries, is about a third of svccheck's start-up: more than the rest of
a ``score`` or ``diff`` run together, and at a thousand audits a tenth of a ``trend``. The report
commands are mostly run with plain command lines, so one of those is read here and the command
run at once (:mod:`svccheck.report_commands`): the command name first, then its file arguments
and its options written out (``--format json``, ``--format=json``, ``-f json``), each once, with
values that read plainly. Anything else is left to Typer, which reads it, reports its mistakes
and shows help as before: ``--help``, an option before the command (``--debug``,
``--version``), an option this table does not name, a short option with its value attached,
``--``, an option given twice, an empty value or one starting with a dash (``-`` aside), a
number written other than in digits, a choice not spelled exactly, a shell completion request.

The table must agree with the Typer declarations (:mod:`svccheck.cli`); ``tests/test_fastcli.py``
checks every entry against them and, on generated command lines, that whenever this reads one,
Typer calls the command with the same values.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

from svccheck.record import record

TEXT, FLAG, COUNT, POINTS, GROUP = "text", "flag", "count", "points", "group"
_GROUPS = ("unit", "assessor")  # svccheck.header.GroupBy, spelled as Typer accepts it


@record
class Option:
    """One option: the report command's parameter it sets, and what kind of value it takes."""

    parameter: str
    kind: str


@record
class Command:
    """A report command's file arguments (``None``: one or more, as a list) and options."""

    arguments: tuple[str, ...] | None
    options: dict[str, Option]


_OUTPUT = {
    "--format": Option("fmt", TEXT),
    "-f": Option("fmt", TEXT),
    "--output": Option("output_file", TEXT),
    "-o": Option("output_file", TEXT),
}
COMMANDS = {
    "score": Command(
        ("path",),
        {
            **_OUTPUT,
            "--top": Option("top", COUNT),
            "--fail-under": Option("fail_under", TEXT),
            "--strict": Option("strict", FLAG),
            "--min-coverage": Option("min_coverage", TEXT),
            "--allow-partial": Option("allow_partial", FLAG),
            "--all": Option("show_all", FLAG),
            "--plan": Option("plan_path", TEXT),
            "--require-evidence": Option("require_evidence", FLAG),
            "--importance": Option("importance_path", TEXT),
        },
    ),
    "diff": Command(
        ("old_path", "new_path"),
        {
            **_OUTPUT,
            "--all": Option("show_all", FLAG),
            "--fail-on-decline": Option("fail_on_decline", POINTS),
            "--plan": Option("plan_path", TEXT),
            "--require-evidence": Option("require_evidence", FLAG),
        },
    ),
    "trend": Command(
        None,
        {
            **_OUTPUT,
            "--keep-order": Option("keep_order", FLAG),
            "--plan": Option("plan_path", TEXT),
            "--require-evidence": Option("require_evidence", FLAG),
        },
    ),
    "combine": Command(
        None,
        {
            **_OUTPUT,
            "--by": Option("by", GROUP),
            "--top": Option("top", COUNT),
            "--mixed-periods": Option("mixed_periods", FLAG),
            "--write-consensus": Option("write_consensus", TEXT),
            "--force": Option("force", FLAG),
            "--require-evidence": Option("require_evidence", FLAG),
        },
    ),
}


class _Declined(Exception):
    """Typer must read this command line."""


def parse(arguments: list[str]) -> tuple[str, list[Any], dict[str, Any]] | None:
    """The report command, its file arguments and its options' values, or ``None``."""
    from svccheck import completion

    if os.name == "nt" or completion.VARIABLE in os.environ or not arguments:
        return None  # Click expands wildcards on Windows; Typer answers completion scripts
    name, *rest = arguments
    command = COMMANDS.get(name)
    if command is None:
        return None
    try:
        files, values = _read(command, rest)
    except _Declined:
        return None
    if command.arguments is None:
        return (name, [files], values) if files else None
    return (name, files, values) if len(files) == len(command.arguments) else None


def _read(command: Command, tokens: list[str]) -> tuple[list[str], dict[str, Any]]:
    files: list[str] = []
    values: dict[str, Any] = {}
    remaining = iter(tokens)
    for token in remaining:
        if token == "-" or token[:1] not in ("-", ""):
            files.append(token)  # a file; `-` is standard input
            continue
        name, equals, attached = token.partition("=") if token[:2] == "--" else (token, "", "")
        option = command.options.get(name)
        if option is None or option.parameter in values:
            raise _Declined
        if option.kind == FLAG:
            if equals:
                raise _Declined
            values[option.parameter] = True
            continue
        value = attached if equals else next(remaining, "")
        if not value or (value[0] == "-" and value != "-"):
            raise _Declined
        values[option.parameter] = _value(option.kind, value)
    return files, values


def _value(kind: str, text: str) -> Any:
    """An option's value as Typer converts it."""
    if kind == COUNT:  # digits only, at least 1
        if not _digits(text) or int(text) < 1:
            raise _Declined
        return int(text)
    if kind == POINTS:  # digits, perhaps with a decimal point between digits
        whole, point, fraction = text.partition(".")
        if not _digits(whole) or (point and not _digits(fraction)):
            raise _Declined
        return float(text)
    if kind == GROUP:
        if text not in _GROUPS:
            raise _Declined
        from svccheck.header import GroupBy

        return GroupBy(text)
    return text


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def command(arguments: list[str]) -> Callable[[], None] | None:
    """The report command this command line runs, ready to call, or ``None``: Typer reads it.

    Called, it behaves as the command run through Typer: errors become messages and exit codes
    (:func:`svccheck.error_handler.handle_errors`); it returns on success.
    """
    parsed = parse(arguments)
    if parsed is None:
        return None
    from svccheck import report_commands
    from svccheck.error_handler import handle_errors

    name, files, values = parsed
    run = handle_errors(getattr(report_commands, name))
    return functools.partial(run, *files, **values)
