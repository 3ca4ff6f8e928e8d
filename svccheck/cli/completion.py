"""Shell completion for bash, zsh and fish: ``svccheck completion SHELL`` prints the script.

The scripts call svccheck again with ``_SVCCHECK_COMPLETE`` set; only then are Typer's
completion classes registered (:func:`prepare`), so an ordinary start pays one environment
lookup. Commands, options, rubric ids, the item ids of ``rubrics show RUBRIC``, the output
formats of ``-f``, the kinds of ``schema`` and the shells of ``completion`` are completed; where
svccheck offers nothing (a file argument) the shells fall back to file names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

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
    return sorted(_starting((r.id for r in found), incomplete))


def _starting(names: Iterable[str], incomplete: str) -> list[str]:
    return [name for name in names if name.startswith(incomplete)]


def format_names(incomplete: str) -> list[str]:
    """The output formats ``-f`` takes (their names; ``md`` is an alias, not offered)."""
    from svccheck.render.dispatch import Format

    return _starting((member.value for member in Format), incomplete)


def schema_kinds(incomplete: str) -> list[str]:
    """The file formats ``svccheck schema`` prints."""
    from svccheck.cli.validation import FORMATS

    return _starting(FORMATS, incomplete)


def shell_names(incomplete: str) -> list[str]:
    """The shells ``svccheck completion`` writes a script for."""
    return _starting(SHELLS, incomplete)


def item_ids(reference: str | None, incomplete: str) -> list[str]:
    """The item ids of the rubric ``reference`` names, in the rubric's order, starting with
    ``incomplete``; none when the rubric cannot be read."""
    from svccheck.formats.rubric import loading as rubric_files

    if not reference:
        return []
    try:
        loaded = rubric_files.load(reference)
    except Exception:  # a completion must never print a traceback into the command line
        return []
    return _starting(loaded.item_ids(), incomplete)
