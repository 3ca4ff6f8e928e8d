"""Starting the Typer app for the one command about to run."""

from __future__ import annotations

import copy

import typer


def narrowed(app: typer.Typer, arguments: list[str]) -> typer.Typer:
    """The app with only the command about to run registered.

    Typer turns every registered command into a Click command on every start, inspecting each
    function's parameters; for one command that is a fraction of the start-up time. Without a
    known command name (``svccheck --help``, a typo) the whole app is used, so help and error
    messages stay complete.
    """
    name = next((argument for argument in arguments if not argument.startswith("-")), None)
    commands = [
        info
        for info in app.registered_commands
        if info.callback and (info.name or info.callback.__name__.replace("_", "-")) == name
    ]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    single = copy.copy(app)
    single.registered_commands = commands
    single.registered_groups = groups
    return single
