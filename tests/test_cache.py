"""The cache folder (:mod:`svccheck.core.cache`): private, trusted only when nobody else could have
written it, and never a reason for a command to fail."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from svccheck.core import cache

posix_only = pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, not made yet."""
    path = tmp_path / "cache" / "svccheck"
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(path))
    return path


def test_an_entry_reads_back_as_written(folder: Path) -> None:
    assert cache.read("entry") is None  # nothing yet, and no folder made by reading
    assert not folder.exists()
    cache.write("entry", b"kept")
    assert cache.read("entry") == b"kept"
    cache.write("entry", b"replaced")
    assert cache.read("entry") == b"replaced"
    assert sorted(p.name for p in folder.iterdir()) == ["entry"]  # no temporary file left


@posix_only
def test_folder_and_entries_are_private(folder: Path) -> None:
    cache.write("entry", b"kept")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "entry").stat().st_mode) == 0o600


def test_an_empty_variable_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, "")
    assert cache.directory() is None
    cache.write("entry", b"kept")  # nothing to write to, and no error
    assert cache.read("entry") is None


@posix_only
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_folder_others_can_write_is_not_used(folder: Path, mode: int) -> None:
    cache.write("entry", b"kept")
    folder.chmod(mode)
    assert cache.read("entry") is None
    cache.write("other", b"planted?")
    assert not (folder / "other").exists()


@posix_only
def test_an_entry_others_can_write_is_not_read(folder: Path) -> None:
    cache.write("entry", b"kept")
    (folder / "entry").chmod(0o622)
    assert cache.read("entry") is None


@posix_only
def test_symbolic_links_are_not_followed(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / "entry").write_bytes(b"from elsewhere")
    folder.parent.mkdir()
    folder.symlink_to(elsewhere)  # the folder itself a link
    assert cache.read("entry") is None
    folder.unlink()
    cache.write("own", b"kept")
    (folder / "entry").symlink_to(elsewhere / "entry")  # an entry a link
    assert cache.read("entry") is None
    assert cache.read("own") == b"kept"


def test_an_entry_over_the_size_limit_is_not_read(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.write("entry", b"x" * 100)
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 99)
    assert cache.read("entry") is None
    cache.write("larger", b"x" * 100)
    assert not (folder / "larger").exists()


def test_a_folder_that_cannot_be_made_is_no_error(folder: Path) -> None:
    folder.parent.mkdir()
    folder.write_text("a file where the folder should be", encoding="utf-8")
    cache.write("entry", b"kept")
    assert cache.read("entry") is None


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG folder")
def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == str(tmp_path / "svccheck")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as the specification says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == str(tmp_path / "home" / ".cache" / "svccheck")
