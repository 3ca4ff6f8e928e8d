"""Rubrics kept in the cache (:mod:`svccheck.formats.rubric.cache`): reports come out the same
with and without it, an entry is used only for exactly the text it was read from, and a bad entry
is read past."""

from __future__ import annotations

import dataclasses
import functools
import marshal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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
        assert list(folder.glob("rubric-*.marshal")), "the rubric is kept after its first reading"
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
    assert list(folder.glob("rubric-*.marshal"))
    assert "Mini rubric" in _score(runner, str(audit))


@pytest.mark.parametrize(
    "entry",
    [
        b"",
        b"not marshal",
        b'{"key": [], "text": "", "rubric": null}',  # an entry of format 1, JSON
        marshal.dumps({"key": [], "text": "", "rubric": None}),  # no seal
        rubric_cache._sealed(marshal.dumps({"key": [], "text": "", "rubric": None})),
        rubric_cache._sealed(marshal.dumps([1, 2])),
        rubric_cache._sealed(marshal.dumps({"record": "x"})),
        b"svccheck rubric entry 2\n\x00\x00\x00\x00\xa8k\x01cv:J\xddR\xd7{\xce",  # bad checksum
    ],
)
def test_a_bad_entry_is_read_past_and_replaced(
    runner: CliRunner, folder: Path, entry: bytes
) -> None:
    first = _score(runner, str(EXAMPLE))
    (kept,) = folder.glob("rubric-*.marshal")
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
    assert not list(folder.glob("rubric-*.marshal"))


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


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_any_bytes_read_as_no_entry_or_a_rubric(data: bytes) -> None:
    # An entry is the user's own file, but a disk or a crash can leave anything in it: reading it
    # never fails and never makes anything but a rubric.
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patched:
        patched.setenv(cache.CACHE_DIR_VARIABLE, folder)
        text = EXAMPLE.read_text(encoding="utf-8")
        cache.write(rubric_cache._entry_name(str(EXAMPLE)), data)
        assert rubric_cache.get(str(EXAMPLE), text) is None


@pytest.mark.parametrize(
    "fields",
    [[compile("1", "entry", "eval")], [{1, 2}], [b"bytes"], [1j]],
    ids=["code", "set", "bytes", "complex"],
)
def test_an_entry_makes_nothing_but_a_rubric(fields: list[object]) -> None:
    # Whatever marshal can hold, the walk accepts only what a rubric is made of.
    entry = {"record": "Rubric", "fields": fields}
    with pytest.raises(TypeError):
        rubric_cache._made(entry)


@functools.cache
def _whole_entry() -> tuple[str, str, bytes]:
    """A built-in rubric's path, text and entry, as put() writes it."""
    path = str(builtin_directory() / "customer-expectations.yaml")
    text = Path(path).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patched:
        patched.setenv(cache.CACHE_DIR_VARIABLE, folder)
        rubric_cache.put(path, text, rubric_files.load_rubric_file(path))
        data = cache.read(rubric_cache._entry_name(path))
    assert data is not None
    return path, text, data


@settings(max_examples=200)
@given(st.integers(min_value=0), st.integers(min_value=1, max_value=255))
def test_a_damaged_entry_is_read_past_at_once(position: int, change: int) -> None:
    # A byte changed anywhere (a disk error) fails the entry's checksum before marshal reads it.
    path, text, whole = _whole_entry()
    damaged = bytearray(whole)
    damaged[position % len(whole)] ^= change
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patched:
        patched.setenv(cache.CACHE_DIR_VARIABLE, folder)
        cache.write(rubric_cache._entry_name(path), whole)
        assert rubric_cache.get(path, text) is not None
        cache.write(rubric_cache._entry_name(path), bytes(damaged))
        assert rubric_cache.get(path, text) is None
