"""The audit files a reporting command reads: loaded one at a time, warnings printed."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from svccheck.formats.audit import loading as audit_files
from svccheck.model.audit import Audit
from svccheck.model.rubric import Rubric


def audits(
    paths: list[str], at_least: int = 1, *, output_file: str | None = None
) -> Iterator[tuple[Rubric, Audit]]:
    """Load audit files one at a time (thousands may be named), printing their warnings.

    ``output_file`` may be none of them, nor a rubric they name: the report would replace it.
    """
    from svccheck.cli import targets
    from svccheck.core import output
    from svccheck.core.errors import UsageError

    if len(paths) < at_least:
        raise UsageError(f"this command needs at least {at_least} audit files")
    targets.refuse_inputs(output_file, paths)
    rubric_paths: set[str] = set()
    with collector_resting():
        for path in paths:
            loaded = audit_files.load_audit(path)
            if loaded.rubric.path not in rubric_paths:
                rubric_paths.add(loaded.rubric.path)
                targets.refuse_inputs(output_file, [loaded.rubric.path], what="rubric")
            for warning in loaded.warnings:
                output.warn(warning)
            yield loaded.rubric, loaded.audit


@contextlib.contextmanager
def collector_resting() -> Iterator[None]:
    """The cycle collector rests while audits are read (and, for ``combine``, combined and the
    result rendered; for ``score`` and ``diff``, the whole command: :mod:`svccheck.cli.app`).

    Thousands of audits leave hundreds of thousands of small records alive (combine keeps every
    answer), and every full pass of the collector walks them all, while reading an audit leaves
    no cycles behind (measured: the same 35 or so unreachable objects in a run of one audit or of
    a thousand), nor does combining them and rendering the result (records, tuples, lists and
    dicts: the same 33 for 100 audits or 1 000). Memory is freed by reference counting as before.
    (combine over 10 000 audits: a quarter faster; over 1 000, the 350 passes while combining
    took 150 ms.)
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            # What was made meanwhile holds no cycles either: frozen out of the collector's
            # passes, or the first pass after the rest would walk it all (75 ms after combine
            # over 1 000 audits). Reference counting still frees it.
            gc.freeze()
            gc.enable()


def warn_evidence_unasked(require_evidence: bool, rubrics: list[Rubric]) -> None:
    """``--require-evidence`` with a rubric that asks for no evidence changes nothing: say so."""
    from svccheck.core import output

    if not require_evidence:
        return
    for rubric in {r.id: r for r in rubrics if r.evidence_from is None}.values():
        output.warn(
            f"--require-evidence: rubric {rubric.id!r} sets no evidence_from, so no score of it "
            "needs evidence"
        )
