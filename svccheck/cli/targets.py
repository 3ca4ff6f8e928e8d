"""Where a result may be written: never onto one of the command's own inputs or onto a rubric.

``score a.yaml -o a.yaml`` would replace the audit with its own report; ``template`` pointed at
a rubric would replace the rubric with a blank audit. Both destroy a person's work in one
keystroke, so they are refused before anything is read or written.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator

from svccheck.core.errors import UsageError
from svccheck.core.files import STDIO
from svccheck.formats.rubric import search as rubric_search

_Identity = tuple[int, int]


def _identity(path: str) -> _Identity | None:
    """The (device, inode) a path leads to, following symlinks; ``None`` if there is none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # missing, unreadable, or a name the OS cannot take
        return None
    return status.st_dev, status.st_ino


def refuse_inputs(
    target: str | None, inputs: Iterable[str], what: str = "input file", option: str = "--output"
) -> None:
    """Raise :class:`UsageError` when ``target`` is one of ``inputs``; nothing is written then."""
    if target is None or target == STDIO:
        return
    identity = _identity(target)
    if identity is None:  # a new file cannot be an input
        return
    for name in inputs:
        if name != STDIO and _identity(name) == identity:
            shown = "" if name == target else f" ({name})"
            raise UsageError(
                f"{target}: is this command's {what}{shown}; writing there would destroy it. "
                f"Choose another {option} file (nothing was written)"
            )


def _is_rubric_text(path: str) -> bool:
    """Whether ``path`` holds a rubric (a mapping with ``sections``), valid or not yet."""
    import yaml

    from svccheck.core import files
    from svccheck.core.errors import SvccheckError

    try:
        # compose, not load: a node tree is built without expanding aliases or running tags.
        root = yaml.compose(
            files.read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (SvccheckError, yaml.YAMLError):
        return False
    if not isinstance(root, yaml.MappingNode):
        return False
    return any(getattr(key, "value", None) == "sections" for key, _ in root.value)


def check_template_target(
    target: str | None,
    rubric_path: str,
    *,
    force: bool,
    option: str = "--output",
    written: str = "a template",
) -> None:
    """Refuse a template target that exists (unless ``force``) or is a rubric (always).

    ``option`` names the option that gave the target and ``written`` what would be written, for
    the message.
    """
    if target is None or target == STDIO or not os.path.lexists(target):
        return
    refuse_inputs(target, [rubric_path], what="rubric")

    refuse_inputs(target, [str(path) for path in rubric_search.available().values()], what="rubric")
    if _is_rubric_text(target):
        raise UsageError(
            f"{target}: is a rubric; {written} never replaces one, even with --force. "
            f"Choose another {option} file (nothing was written)"
        )
    if not force:
        raise UsageError(
            f"{target}: already exists; add --force to replace it, or choose another {option} "
            "file (nothing was written)"
        )


@contextlib.contextmanager
def telling_schema_folder(
    audit_path: str | None, tell: Callable[[str], None], hint: str = ""
) -> Iterator[None]:
    """Say once, when the body created it, that the ``.svccheck`` folder beside ``audit_path``
    is new: a hidden folder appearing unasked is a surprise (``None``: nothing to watch)."""
    from svccheck.formats.audit.schema import folder_beside

    folder = None if audit_path in (None, STDIO) else folder_beside(audit_path)
    existed = folder is None or os.path.isdir(folder)
    yield
    if folder is not None and not existed and os.path.isdir(folder):
        tell(f"Created {folder}/ beside {audit_path}: the schema that lets editors check the "
             f"audit{hint}.")  # fmt: skip
