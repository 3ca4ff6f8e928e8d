"""Reading inputs and writing outputs: clear errors, and never a half-written file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.core import files
from svccheck.core.errors import InputFileError, OutputError
from tests.conftest import Writer, app


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"a: \xff\n", "f.yaml:1:4: not valid UTF-8 (byte 0xff)", id="bad-utf8"),
        pytest.param(  # the byte-order mark, invisible in an editor, is not counted
            b"\xef\xbb\xbfa: 1\nb: \xfe\n", "f.yaml:2:4: not valid UTF-8 (byte 0xfe)", id="bom"
        ),
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


# Targets that must not be replaced by a rename -----------------------------------------------


@pytest.mark.parametrize(
    "link",
    [pytest.param(False, id="file"), pytest.param(True, id="symlink-to-file")],
)
def test_read_only_target_is_refused_even_for_root(tmp_path: Path, link: bool) -> None:
    real = tmp_path / "audit.yaml"
    real.write_text("mine\n")
    real.chmod(0o444)
    name = tmp_path / "link.yaml" if link else real
    if link:
        name.symlink_to(real)
    with pytest.raises(OutputError, match=r"is read-only \(mode 0444\); it was left unchanged"):
        files.write_text_atomic(str(name), "theirs\n")
    assert real.read_text() == "mine\n"
    assert sorted(os.listdir(tmp_path)) == sorted({"audit.yaml", name.name})


def test_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "audit.yaml"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "audit.yaml"
    link.symlink_to(Path("real") / "audit.yaml")
    files.write_text_atomic(str(link), "new\n")
    assert link.is_symlink()
    assert os.readlink(link) == os.path.join("real", "audit.yaml")
    assert real.read_text() == "new\n"
    assert real.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path / "real") == ["audit.yaml"]  # the temporary file went beside it


def test_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "audit.yaml"
    link.symlink_to("later.yaml")
    files.write_text_atomic(str(link), "new\n")
    assert link.is_symlink()
    assert (tmp_path / "later.yaml").read_text() == "new\n"


def _read_fifo(path: Path, into: list[bytes]) -> None:
    with open(path, "rb") as stream:
        into.append(stream.read())


@pytest.mark.parametrize(
    "via_link", [pytest.param(False, id="fifo"), pytest.param(True, id="symlink-to-fifo")]
)
def test_fifo_is_written_in_place(tmp_path: Path, via_link: bool) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    name = fifo
    if via_link:
        name = tmp_path / "link"
        name.symlink_to(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=_read_fifo, args=(fifo, received), daemon=True)
    reader.start()
    files.write_text_atomic(str(name), "report ✓\n")
    reader.join(timeout=10)
    assert received == ["report ✓\n".encode()]
    assert fifo.is_fifo()
    assert sorted(os.listdir(tmp_path)) == sorted({"pipe", name.name})  # no temporary file


def test_terminal_device_is_written_in_place(tmp_path: Path) -> None:
    import stat

    main, secondary = os.openpty()
    device = os.ttyname(secondary)
    try:
        before = os.stat(device)
        files.write_text_atomic(device, "hello\n")
        assert b"hello" in os.read(main, 100)
        after = os.stat(device)
        assert stat.S_ISCHR(after.st_mode)
        assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
    finally:
        os.close(main)
        os.close(secondary)


def test_stdout_alias_redirected_to_a_file_is_written_in_place(tmp_path: Path) -> None:
    import subprocess
    import sys

    if not os.path.exists("/proc/self/fd/1"):
        pytest.skip("needs /proc/self/fd")
    # A link of our own shaped like /dev/stdout: a broken svccheck then replaces only this link,
    # never the machine's /dev/stdout (the tests run as root in CI).
    alias = tmp_path / "stdout"
    alias.symlink_to("/proc/self/fd/1")
    out = tmp_path / "out.txt"
    out.write_text("")
    before = out.stat().st_ino
    code = f"from svccheck.core import files; files.write_text_atomic({str(alias)!r}, 'report\\n')"
    with open(out, "w") as stream:
        subprocess.run([sys.executable, "-c", code], stdout=stream, check=True)
    assert out.read_text() == "report\n"
    assert out.stat().st_ino == before  # the file the shell opened, not a new one
    assert alias.is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["out.txt", "stdout"]


# Interrupted saves ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "signum",
    [pytest.param(signal.SIGINT, id="sigint"), pytest.param(signal.SIGTERM, id="sigterm")],
)
def test_signal_during_save_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    from svccheck.cli.interactive import terminal

    path = tmp_path / "audit.yaml"
    path.write_text("old\n")
    real_fsync = os.fsync

    def interrupted_fsync(descriptor: int) -> None:
        # Arrives while the temporary file exists. Sent to the main thread, which holds it back: a
        # signal to the process could land on a helper thread another test left running.
        signal.pthread_kill(threading.main_thread().ident or 0, signum)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", interrupted_fsync)
    with terminal.interruptible(), pytest.raises(KeyboardInterrupt):
        files.write_text_atomic(str(path), "new\n")
    # The signal was held back until the save was whole: the new file, and nothing else.
    assert path.read_text() == "new\n"
    assert os.listdir(tmp_path) == ["audit.yaml"]


def test_interrupt_without_signal_blocking_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "audit.yaml"
    path.write_text("old\n")

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.delattr(signal, "pthread_sigmask")  # as on Windows
    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_text_atomic(str(path), "new\n")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["audit.yaml"]


# Standard output by any name -----------------------------------------------------------------

STDOUT_NAMES = ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/dev//stdout"]


def _two_audits(write: Writer, mini_rubric: Path) -> list[str]:
    answers = "answers: {greet: 3, resolve: 4, billing: 2}\n"
    header = "svccheck: 1\nrubric: mini.yaml\nrubric_version: 1\nperiod: 2026-Q3\n"
    first = write("a.yaml", header + "unit: North\nassessor: Ann\n" + answers)
    second = write("b.yaml", header + "unit: North\nassessor: Bo\n" + answers)
    return [str(first), str(second)]


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_consensus_file_is_refused_on_any_name_of_stdout(
    runner: CliRunner, write: Writer, mini_rubric: Path, name: str
) -> None:
    command = ["combine", *_two_audits(write, mini_rubric), "--write-consensus", name, "--force"]
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert "is standard output, which carries the report" in result.stderr
    assert result.stdout == ""


def _run(arguments: list[str], stdout: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    with open(stdout, "w") as stream:
        return subprocess.run(
            [sys.executable, "-m", "svccheck", *arguments],
            stdout=stream,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            check=False,
        )


def test_consensus_file_that_is_the_redirected_stdout_is_refused(
    write: Writer, mini_rubric: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.txt"
    audits = _two_audits(write, mini_rubric)
    done = _run(["combine", *audits, "--write-consensus", str(out), "--force"], out, tmp_path)
    assert done.returncode == 2
    assert "is standard output" in done.stderr
    assert out.read_text() == ""


@pytest.mark.parametrize("name", STDOUT_NAMES[1:])
def test_plan_to_any_name_of_stdout_is_the_plan_alone(
    runner: CliRunner, write: Writer, mini_rubric: Path, name: str
) -> None:
    audit = _two_audits(write, mini_rubric)[0]
    plain = runner.invoke(app, ["plan", audit, "-o", "-"])
    named = runner.invoke(app, ["plan", audit, "-o", name])
    assert named.exit_code == 0, named.stderr
    assert named.stdout == plain.stdout
    assert named.stdout.startswith("# svccheck improvement plan")


@pytest.mark.parametrize("name", STDOUT_NAMES)
def test_interactive_audit_to_stdout_is_refused(
    runner: CliRunner, mini_rubric: Path, name: str
) -> None:
    result = runner.invoke(app, ["audit", "-r", str(mini_rubric), "-o", name], input="q\n")
    assert result.exit_code == 2
    assert "is standard output, which carries the session" in result.stderr


def test_template_to_stdout_writes_no_schema_beside_it(mini_rubric: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    done = _run(["template", str(mini_rubric), "-o", str(out), "--force"], out, tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / ".svccheck").exists()
    assert "yaml-language-server" not in out.read_text()
