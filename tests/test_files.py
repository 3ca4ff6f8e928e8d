"""Reading inputs and writing outputs: clear errors, and never a half-written file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from svccheck import files
from svccheck.errors import InputFileError, OutputError


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"a: \xff\n", "f.yaml:1:4: not valid UTF-8 (byte 0xff)", id="bad-utf8"),
        pytest.param("a: 1".encode("utf-16"), "f.yaml: is UTF-16 encoded", id="utf16"),
    ],
)
def test_undecodable_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        files.read_text(str(path))
    assert str(caught.value).replace(str(tmp_path) + os.sep, "").startswith(message)


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    assert files.read_text(str(path)) == "a: 1\r\nb: 2\r\n"


def test_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 100)
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", "100")
    with pytest.raises(
        InputFileError, match="larger than 100 bytes; raise SVCCHECK_MAX_FILE_BYTES"
    ):
        files.read_text(str(path))


def test_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o640)
    files.write_text_atomic(str(path), "new")
    assert path.read_text() == "new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["out.txt"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        pytest.param(errno.ENOSPC, "No space left on device", id="disk-full"),
        pytest.param(errno.EROFS, "Read-only file system", id="read-only"),
    ],
)
def test_failed_write_leaves_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    path = tmp_path / "audit.yaml"
    path.write_text("answers: {greet: 4}\n")

    def failing_replace(source: str, target: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError) as caught:
        files.write_text_atomic(str(path), "answers: {}\n")
    assert str(caught.value) == f"{path}: cannot write ({reason}); the previous file is unchanged"
    assert path.read_text() == "answers: {greet: 4}\n"
    assert os.listdir(tmp_path) == ["audit.yaml"]  # the temporary file is gone too


def test_disk_full_while_writing_leaves_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "audit.yaml"
    path.write_text("kept\n")

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        files.write_text_atomic(str(path), "new\n" * 1000)
    assert path.read_text() == "kept\n"
    assert os.listdir(tmp_path) == ["audit.yaml"]


def test_new_file_gets_default_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    umask = os.umask(0o022)
    try:
        files.write_text_atomic(str(path), "x")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644
