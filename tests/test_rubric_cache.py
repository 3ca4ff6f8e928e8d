"""Rubrics kept in the cache (:mod:`svccheck.formats.rubric.cache`): reports come out the same
with and without it, an entry is used only for exactly the text it was read from, and a bad entry
is read past."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import cache
from svccheck.formats.rubric import cache as rubric_cache
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric.search import builtin_directory

EXAMPLE = Path(__file__).parents[1] / "examples" / "acme-2026-Q3.yaml"
AUDIT = "rubric: {rubric}\nanswers:\n  greet: 3\n  resolve: 4\n  billing: 2\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own."""
    path = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(path))
    return path


def _score(runner: CliRunner, *arguments: str) -> str:
    rubric_files._cache.clear()  # as a new process starts: only the disk remembers
    result = runner.invoke(app, ["score", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_reports_are_the_same_from_the_cache(runner: CliRunner, folder: Path) -> None:
    for fmt in ("table", "json", "markdown", "csv", "html"):
        first = _score(runner, str(EXAMPLE), "-f", fmt)
        assert list(folder.glob("rubric-*.json")), "the rubric is kept after its first reading"
        assert _score(runner, str(EXAMPLE), "-f", fmt) == first


def test_every_builtin_rubric_comes_back_the_same(folder: Path) -> None:
    for path in sorted(builtin_directory().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        read = rubric_files.parse_rubric(text, str(path))
        rubric_cache.put(str(path), text, read)
        kept = rubric_cache.get(str(path), text)
        assert kept == read
        assert repr(kept) == repr(read)


def test_an_entry_is_used_only_for_its_own_text(
    runner: CliRunner, folder: Path, mini_rubric: Path
) -> None:
    audit = mini_rubric.parent / "q3.yaml"
    audit.write_text(AUDIT.format(rubric=mini_rubric.name), encoding="utf-8")
    text = mini_rubric.read_text(encoding="utf-8")
    # An entry saying something else about exactly this text is believed: it is the cache...
    read = rubric_files.parse_rubric(text, str(mini_rubric))
    rubric_cache.put(str(mini_rubric), text, dataclasses.replace(read, title="Kept title"))
    assert "Kept title" in _score(runner, str(audit))
    # ...but once the file says anything else, the file is read again, and kept instead.
    mini_rubric.write_text(text.replace("Mini rubric", "Edited rubric"), encoding="utf-8")
    assert "Edited rubric" in _score(runner, str(audit))
    assert "Edited rubric" in _score(runner, str(audit))


def test_an_entry_of_another_svccheck_is_not_used(
    runner: CliRunner, folder: Path, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = mini_rubric.parent / "q3.yaml"
    audit.write_text(AUDIT.format(rubric=mini_rubric.name), encoding="utf-8")
    text = mini_rubric.read_text(encoding="utf-8")
    read = rubric_files.parse_rubric(text, str(mini_rubric))
    with monkeypatch.context() as patched:
        patched.setattr(rubric_cache, "__version__", "0.0.1")
        rubric_cache.put(str(mini_rubric), text, dataclasses.replace(read, title="Old svccheck"))
    assert list(folder.glob("rubric-*.json"))
    assert "Mini rubric" in _score(runner, str(audit))


@pytest.mark.parametrize(
    "entry",
    [b"", b"not json", b'{"key": [], "text": "", "rubric": null}', b"[1, 2]", b'{"record": "x"}'],
)
def test_a_bad_entry_is_read_past_and_replaced(
    runner: CliRunner, folder: Path, entry: bytes
) -> None:
    first = _score(runner, str(EXAMPLE))
    (kept,) = folder.glob("rubric-*.json")
    kept.write_bytes(entry)
    assert _score(runner, str(EXAMPLE)) == first
    assert kept.read_bytes() != entry


def test_a_rubric_with_problems_is_not_kept(
    runner: CliRunner, folder: Path, mini_rubric: Path
) -> None:
    mini_rubric.write_text(
        mini_rubric.read_text(encoding="utf-8").replace("weight: 3", "weight: -3"),
        encoding="utf-8",
    )
    audit = mini_rubric.parent / "q3.yaml"
    audit.write_text(AUDIT.format(rubric=mini_rubric.name), encoding="utf-8")
    for _ in range(2):
        rubric_files._cache.clear()
        result = runner.invoke(app, ["score", str(audit)])
        assert result.exit_code == 2
        assert "weight" in result.stderr
    assert not list(folder.glob("rubric-*.json"))


def test_the_key_covers_every_module_of_the_reader() -> None:
    # The modules a fresh interpreter loads for the rubric reader are the ones whose edits must
    # make a new key (a development checkout edits them without a new version).
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; import svccheck.formats.rubric.reader; "
            "print(' '.join(m for m in sys.modules if m.startswith('svccheck.')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    packages = {"svccheck.core", "svccheck.model", "svccheck.formats", "svccheck.formats.rubric"}
    stamped = set(rubric_cache.READER_MODULES)
    assert set(loaded) - packages <= stamped
