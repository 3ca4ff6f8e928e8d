"""Type-check fixtures: a new output format is a mypy error until every report kind renders it,
and a new kind of view-model block until every format lays it out.

Each test copies the ``svccheck`` package to a temporary folder, makes one change there — a
:class:`~svccheck.render.dispatch.Format` member without a case in
:func:`svccheck.render.dispatch.renderers`, or a format's bundle without one of its renderers — and
runs mypy (strict) on the copy, expecting the error that change must cause. The repository itself
is never touched. Marked ``typecheck``: they take a few seconds (the mypy cache is shared between
them); deselect with ``-m "not typecheck"``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mypy import api

PACKAGE = Path(__file__).resolve().parents[1] / "svccheck"

pytestmark = [pytest.mark.typecheck, pytest.mark.slow]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for every fixture: the unchanged modules are checked once."""
    return tmp_path_factory.mktemp("mypy-cache")


def mypy_after(tmp_path: Path, cache: Path, module: str, old: str, new: str) -> str:
    """Copy the package, replace ``old`` by ``new`` in ``module``, run mypy; its report."""
    copy = tmp_path / "svccheck"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    path = copy / module
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is no longer in {module}: update this fixture"
    path.write_text(text.replace(old, new), encoding="utf-8")
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\npython_version = 3.11\n", encoding="utf-8")
    report, errors, status = api.run(
        ["--config-file", str(config), "--cache-dir", str(cache), str(copy / "render")]
    )
    assert errors == "", errors
    assert status in (0, 1), report
    return report


def test_the_unchanged_copy_type_checks(tmp_path: Path, cache: Path) -> None:
    """The control: the copy passes, so the errors below come from the changes alone."""
    report = mypy_after(tmp_path, cache, "render/dispatch.py", "class Format", "class Format")
    assert "Success" in report, report


def test_a_format_without_renderers_is_a_type_error(tmp_path: Path, cache: Path) -> None:
    """Adding ``Format.pdf`` and nothing else: the match in renderers() is not exhaustive."""
    report = mypy_after(
        tmp_path,
        cache,
        "render/dispatch.py",
        '    csv = "csv"\n',
        '    csv = "csv"\n    pdf = "pdf"\n',
    )
    assert 'Argument 1 to "assert_never" has incompatible type "Literal[Format.pdf]"' in report


def test_a_new_kind_of_block_is_a_type_error_in_every_format(tmp_path: Path, cache: Path) -> None:
    """A view model's new kind of block (here a figure among the blocks): the terminal and
    Markdown, which lay out each kind in an exhaustive match, fail until they show it (HTML's
    template is checked by tests/test_view_features.py)."""
    report = mypy_after(
        tmp_path,
        cache,
        "render/view/model.py",
        "Block = Paragraph | Listing | Table | Checklist | Topic\n",
        "Block = Paragraph | Listing | Table | Checklist | Topic | Figure\n",
    )
    for module in ("render/table_blocks.py", "render/markdown_blocks.py"):
        assert module in report, report
    assert 'Argument 1 to "assert_never" has incompatible type "Figure"' in report


def test_a_format_missing_one_report_kind_is_a_type_error(tmp_path: Path, cache: Path) -> None:
    """A bundle without a renderer for combine: FormatRenderers needs one for every kind."""
    report = mypy_after(
        tmp_path,
        cache,
        "render/csv_out.py",
        "    combined=CsvCombined(),\n",
        "",
    )
    assert "render/csv_out.py" in report
    assert 'Missing positional argument "combined" in call to "FormatRenderers"' in report


def test_a_renderer_with_the_wrong_options_is_a_type_error(tmp_path: Path, cache: Path) -> None:
    """A renderer must take its report kind's options, like every other format."""
    report = mypy_after(
        tmp_path,
        cache,
        "render/markdown_out.py",
        "def render(self, trend: Trend, options: TrendOptions) -> str:",
        "def render(self, trend: Trend, options: CombinedOptions) -> str:",
    )
    assert "violates the Liskov substitution principle" in report
