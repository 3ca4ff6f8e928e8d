"""Shell completion for bash, zsh and fish: ``svccheck completion SHELL`` prints the script.

The scripts call svccheck again with ``_SVCCHECK_COMPLETE`` set; only then are Typer's
completion classes registered (:func:`prepare`), so an ordinary start pays one environment
lookup. Commands, options and rubric ids are completed; where svccheck offers nothing (a file
argument) the shells fall back to file names.
"""

from __future__ import annotations

import os

PROG = "svccheck"
VARIABLE = "_SVCCHECK_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def requested() -> bool:
    """Whether this process was started by a completion script."""
    return VARIABLE in os.environ


def prepare() -> None:
    """Register the shells with Typer, which answers the completion request itself."""
    from typer._completion_classes import completion_init

    completion_init()


def script(shell: str) -> str:
    """The completion script for ``shell``; :class:`UsageError` for a shell not supported."""
    from typer._completion_shared import get_completion_script

    from svccheck.core.errors import UsageError

    name = shell.strip().lower()
    if name not in SHELLS:
        raise UsageError(f"no completion for shell {shell!r}; expected one of: {', '.join(SHELLS)}")
    text: str = get_completion_script(prog_name=PROG, complete_var=VARIABLE, shell=name)
    return text.strip() + "\n"


def rubric_ids(incomplete: str) -> list[str]:
    """Rubric ids (built-in and from SVCCHECK_RUBRICS_PATH) starting with ``incomplete``."""
    from svccheck.formats.rubric import catalog as rubric_catalog

    try:
        found = rubric_catalog.catalog().rubrics
    except Exception:  # a completion must never print a traceback into the command line
        return []
    return sorted(r.id for r in found if r.id.startswith(incomplete))
