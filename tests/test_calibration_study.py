"""docs/calibration.md publishes figures computed from the shipped scorings, not typed by hand."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "examples" / "cases"


def _script(name: str) -> Any:
    """One of the study's scripts in examples/cases/, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, CASES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figures(folder: Path) -> str:
    module = _script("figures")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        module.main(folder)
    return printed.getvalue()


@pytest.mark.parametrize(
    "round_name",
    [
        "before",
        "round-1",
        "final-1",
        "round-2",
        "final-2",
        "round-3",
        "final-3",
        "round-4",
        "final-4",
        "final-5",
        "final-6",
        "ticked-6",
        "ticked-7",
        "ticked-8",
        "ticked-9",
        "ticked-10",
        "ticked-10-ab",
        "ticked-11",
        "ticked-11-ab",
        "ticked-12",
        "ticked-12-b",
        "ticked-13",
    ],
)
def test_published_figures_are_the_computed_ones(round_name: str) -> None:
    published = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    computed = _figures(CASES / "scorings" / round_name)
    lines = [line for line in computed.splitlines() if line.strip()]
    assert len(lines) > 8  # a header, rows for every scoring, agreement and group means
    for line in lines:
        assert line in published, f"docs/calibration.md lacks: {line}"


def test_published_figures_of_other_rules_are_the_computed_ones() -> None:
    module = _script("alternatives")
    printed = io.StringIO()
    ticked = sorted((CASES / "scorings").glob("ticked-*"))
    with contextlib.redirect_stdout(printed):
        module.main(ticked)
    published = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")
    lines = printed.getvalue().splitlines()
    assert len(lines) == 5 * len(ticked)  # every rule on every ticked run
    for line in lines:
        assert line in published, f"docs/calibration.md lacks: {line}"


def test_every_pack_is_scored_twice_in_the_study() -> None:
    scored: dict[str, int] = {}
    for path in (CASES / "scorings").glob("*/*/case-*.yaml"):
        if path.parent.parent.name != "before":
            scored[path.stem] = scored.get(path.stem, 0) + 1
    packs = sorted(path.stem for path in CASES.glob("case-*.md"))
    assert len(packs) == 54
    assert all(scored.get(pack, 0) >= 2 for pack in packs), scored
