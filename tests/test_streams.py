"""Streams and the operating system: odd paths, odd files, closed or full streams, signals.

Every case ends with one clear message on stderr and exit 2 (130 for an interrupt), never a
traceback or a hang. Cases the CliRunner cannot reproduce (closed stdin, /dev/full, broken pipes,
signals, non-UTF-8 arguments) run the real program in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck import files, rubric
from svccheck.cli import app
from svccheck.errors import InputFileError, NotFoundError
from tests.conftest import MINI_RUBRIC, Writer

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme-2026-Q3.yaml"


def svccheck(
    *arguments: str | bytes, timeout: float = 20, **options: object
) -> subprocess.CompletedProcess[bytes]:
    """Run the real program (``python -m svccheck``) and capture its output as bytes."""
    command: list[str | bytes] = [sys.executable, "-m", "svccheck", *arguments]
    return subprocess.run(command, capture_output=True, timeout=timeout, check=False, **options)  # type: ignore[call-overload, no-any-return]


def assert_clean_failure(result: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    """One message, no traceback, the expected exit code; returns stderr as text."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    assert "internal error" not in stderr
    assert stderr.strip(), "a message was expected"
    return stderr


# The size cap -------------------------------------------------------------------------------


def test_the_largest_cap_does_not_allocate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n")
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", str(2**63 - 1))
    assert files.read_text(str(path)) == "a: 1\n"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("-1", id="negative"),
        pytest.param("1e6", id="not-an-integer"),
        pytest.param("5 MiB", id="with-a-unit"),
        pytest.param("9" * 5000, id="beyond-python-int-conversion"),
    ],
)
def test_bad_cap_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner: CliRunner, value: str
) -> None:
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", value)
    result = runner.invoke(app, ["score", str(EXAMPLE)])
    assert result.exit_code == 2
    assert "SVCCHECK_MAX_FILE_BYTES must be a whole number of bytes" in result.stderr
    assert len(result.stderr) < 300  # quotes an excerpt, not the whole value


def test_endless_standard_input_stops_at_the_cap() -> None:
    environment = {**os.environ, "SVCCHECK_MAX_FILE_BYTES": "1000"}
    with open("/dev/zero", "rb") as zero:
        result = svccheck("score", "-", stdin=zero, env=environment)
    assert "-: larger than 1000 bytes" in assert_clean_failure(result)


# Paths and kinds of file ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "a\x00b.yaml", "a\\x00b.yaml: a file name cannot contain a NUL character", id="nul"
        ),
        pytest.param("n" * 300 + ".yaml", "…(305 characters): file name too long", id="long-name"),
        pytest.param(
            "d/" * 3000 + "a.yaml", "…(6006 characters): file name too long", id="long-path"
        ),
        pytest.param(
            "{tmp}/file.yaml/child.yaml", "a part of the path is not a directory", id="not-a-dir"
        ),
        pytest.param("{tmp}", "is a directory, expected a YAML file", id="directory"),
        pytest.param("{tmp}/missing.yaml", "missing.yaml: no such file", id="missing"),
    ],
)
def test_bad_paths_are_messages(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "file.yaml").write_text("a: 1\n")
    with pytest.raises(InputFileError) as caught:
        files.read_text(name.format(tmp=tmp_path))
    assert message in str(caught.value)
    assert len(str(caught.value)) < 300


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    stderr = assert_clean_failure(svccheck("score", str(fifo), timeout=10))
    assert f"{fifo}: is a FIFO (named pipe); to read a stream, give - and pipe it" in stderr


def test_a_device_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", os.devnull])
    assert result.exit_code == 2
    assert "is not a regular file (a device?); to read a stream, give -" in result.stderr


def test_process_substitution_is_read() -> None:
    """`svccheck score <(cat audit.yaml)` names a pipe under /dev/fd: it is read."""
    reader, writer = os.pipe()
    os.write(writer, EXAMPLE.read_bytes())
    os.close(writer)
    try:
        result = svccheck("score", f"/dev/fd/{reader}", pass_fds=(reader,))
    finally:
        os.close(reader)
    assert result.returncode == 0, result.stderr
    assert b"Overall:" in result.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("-", "standard input (-) cannot be used here; name a file", id="stdin"),
        pytest.param("/dev/fd/{pipe}", "is a FIFO (named pipe); name a regular file", id="dev-fd"),
        pytest.param(
            os.devnull, "not a regular file (a device?); name a regular file", id="device"
        ),
        pytest.param("{fifo}", "is a FIFO (named pipe); name a regular file", id="fifo"),
    ],
)
def test_regular_only_refuses_everything_but_a_file(
    tmp_path: Path, name: str, message: str
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    reader, writer = os.pipe()
    try:
        with pytest.raises(InputFileError) as caught:
            files.read_text(name.format(fifo=fifo, pipe=reader), regular_only=True)
    finally:
        os.close(reader)
        os.close(writer)
    assert message in str(caught.value)
    regular = tmp_path / "r.yaml"
    regular.write_text("a: 1\n")
    assert files.read_text(str(regular), regular_only=True) == "a: 1\n"


def test_closed_standard_input_is_a_message() -> None:
    result = svccheck("score", "-", stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert "-: standard input is closed" in assert_clean_failure(result)


def test_non_utf8_file_name_is_shown_escaped(tmp_path: Path) -> None:
    missing = os.fsencode(tmp_path) + b"/\xff.yaml"
    stderr = assert_clean_failure(svccheck("score", missing))
    assert f"{tmp_path}/\\xff.yaml: no such file" in stderr
    existing = os.fsencode(tmp_path) + b"/\xfe.yaml"
    Path(os.fsdecode(existing)).write_text("rubric: nowhere\n")
    stderr = assert_clean_failure(svccheck("score", existing))
    assert f"{tmp_path}/\\xfe.yaml:1:9: rubric: no rubric named 'nowhere'" in stderr


# Rubric search path --------------------------------------------------------------------------


@pytest.fixture
def own(write: Writer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A good rubric directory and a bad one together in SVCCHECK_RUBRICS_PATH."""
    good = write("good/mini.yaml", MINI_RUBRIC).parent
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")  # dangling
    os.mkfifo(bad / "pipe.yaml")  # reading it would hang
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", os.pathsep.join([str(bad), str(good)]))
    return bad


def test_dangling_links_and_fifos_in_the_search_path_are_skipped(own: Path) -> None:
    assert "gone" not in rubric.available()
    assert "pipe" not in rubric.available()
    assert rubric.locate("mini").endswith("mini.yaml")


def test_unreadable_search_directory_is_skipped_and_named(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_iterdir = Path.iterdir

    def deny(self: Path) -> object:
        # Tests run as root, which chmod 000 does not stop: simulate the refusal.
        if self == own:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", deny)
    assert "mini" in rubric.available()
    with pytest.raises(NotFoundError, match=f"{own} in SVCCHECK_RUBRICS_PATH could not be read"):
        rubric.locate("missing")


@pytest.mark.parametrize(
    "entry",
    [
        pytest.param("d" * 5000, id="too-long"),
        pytest.param("{tmp}/good/mini.yaml", id="a-file"),
    ],
)
def test_odd_search_path_entries_do_not_break_search(
    own: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, entry: str
) -> None:
    path = os.environ["SVCCHECK_RUBRICS_PATH"]
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", os.pathsep.join([entry.format(tmp=tmp_path), path]))
    assert "mini" in rubric.available()
    assert rubric.locate("mini").endswith("mini.yaml")


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        pytest.param(
            "mi\x00ni", "rubric reference 'mi\\x00ni' contains a NUL character", id="nul-id"
        ),
        pytest.param("./mi\x00ni.yaml", "contains a NUL character", id="nul-path"),
        pytest.param("m" * 100_000, "an id has at most 200 characters", id="long-id"),
        pytest.param("./" + "m" * 300 + ".yaml", "file name too long", id="long-name"),
        pytest.param("./m" * 3000 + ".yaml", "file name too long", id="long-path"),
    ],
)
def test_odd_rubric_references_are_messages(
    runner: CliRunner, reference: str, message: str
) -> None:
    with pytest.raises(NotFoundError) as caught:
        rubric.load(reference)
    assert message in str(caught.value)
    assert len(str(caught.value)) < 600


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        pytest.param('"-"', "standard input (-) cannot be named here", id="stdin"),
        pytest.param("/dev/stdin", "/dev/stdin is not a regular file", id="dev-stdin"),
        pytest.param(os.devnull, "is not a regular file", id="device"),
        pytest.param("pipe.yaml", "pipe.yaml is not a regular file", id="fifo"),
        pytest.param('"mini\\0"', "contains a NUL character", id="nul"),
    ],
)
def test_an_audit_must_name_a_regular_rubric_file(
    write: Writer, mini_rubric: Path, reference: str, message: str
) -> None:
    """A rubric named inside an audit is never read from stdin, a pipe or a device."""
    os.mkfifo(mini_rubric.parent / "pipe.yaml")
    path = write("a.yaml", f"rubric: {reference}\nanswers: {{}}\n")
    # A real process with a rubric waiting on its standard input: it must not be read.
    result = svccheck("score", str(path), input=MINI_RUBRIC.encode(), timeout=10)
    stderr = assert_clean_failure(result)
    assert f"{path}:1:9: rubric: " in stderr
    assert message in stderr
