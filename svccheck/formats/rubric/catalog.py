"""Every rubric there is: the ids the search path offers, loaded for ``svccheck rubrics`` and
completion, and the message that lists them when a reference names none."""

from __future__ import annotations

from svccheck.core import files
from svccheck.core.errors import SvccheckError
from svccheck.core.record import record
from svccheck.formats.rubric.loading import load
from svccheck.formats.rubric.search import available
from svccheck.model.rubric import Rubric


@record
class Catalog:
    """Every rubric that can be named by id, what is wrong with the others, and warnings."""

    rubrics: tuple[Rubric, ...]
    broken: tuple[SvccheckError, ...]
    warnings: tuple[str, ...]


def catalog() -> Catalog:
    """Load every rubric the search finds; a file whose name is not its id is named in a
    warning (it cannot be named by id), not ignored."""
    rubrics, broken, warnings = [], [], []
    for stem, path in available().items():
        try:
            loaded = load(str(path))
        except SvccheckError as error:
            broken.append(error)
            continue
        rubrics.append(loaded)
        if loaded.id != stem:
            warnings.append(
                f"{files.shown_name(str(path))}: declares id {loaded.id!r} but is named "
                f"{path.name!r}; rename it {loaded.id}.yaml to use it by id"
            )
    return Catalog(tuple(rubrics), tuple(broken), tuple(warnings))
