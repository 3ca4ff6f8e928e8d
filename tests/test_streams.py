"""Streams and the operating system: odd paths, odd files, closed or full streams, signals.

Every case ends with one clear message on stderr and exit 2 (130 for an interrupt), never a
traceback or a hang. Cases the CliRunner cannot reproduce (closed stdin, /dev/full, broken pipes,
signals, non-UTF-8 arguments) run the real program in a subprocess.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import files
from svccheck.core.errors import InputFileError, NotFoundError
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from tests.conftest import MINI_RUBRIC, Writer

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "acme-2026-Q3.yaml"


def svccheck(
    *arguments: str | bytes, timeout: float = 20, **options: object
) -> subprocess.CompletedProcess[bytes]:
    """Run the real program (``python -m svccheck``) and capture its output as bytes."""
    command: list[str | bytes] = [sys.executable, "-m", "svccheck", *arguments]
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(command, timeout=timeout, check=False, **options)  # type: ignore[call-overload, no-any-return]


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
    assert "gone" not in rubric_search.available()
    assert "pipe" not in rubric_search.available()
    assert rubric_search.locate("mini").endswith("mini.yaml")


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
    assert "mini" in rubric_search.available()
    with pytest.raises(NotFoundError, match=f"{own} in SVCCHECK_RUBRICS_PATH could not be read"):
        rubric_search.locate("missing")


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
    assert "mini" in rubric_search.available()
    assert rubric_search.locate("mini").endswith("mini.yaml")


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
        rubric_files.load(reference)
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


# Standard output and error that cannot be written -----------------------------------------

REPORTS = [
    pytest.param(["score", str(EXAMPLE)], id="score"),
    pytest.param(["score", str(EXAMPLE), "-f", "json"], id="score-json"),
    pytest.param(["trend", str(EXAMPLE.with_name("acme-2026-Q2.yaml")), str(EXAMPLE)], id="trend"),
    pytest.param(["rubrics"], id="rubrics"),
    pytest.param(["rubrics", "show", "service-culture"], id="rubrics-show"),
    pytest.param(["template", "service-culture"], id="template"),
    pytest.param(["schema", "audit"], id="schema"),
    pytest.param(["--version"], id="version"),
]


@pytest.mark.parametrize("arguments", REPORTS)
def test_full_disk_on_stdout_is_one_message(arguments: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = svccheck(*arguments, stdout=full, stderr=subprocess.PIPE)
    stderr = assert_clean_failure(result)
    # Warnings about the inputs (the Q2 example's coverage) come first; then the one message.
    lines = [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    assert lines == ["cannot write to standard output: No space left on device"]


@pytest.mark.parametrize("arguments", REPORTS)
def test_broken_stdout_pipe_is_quiet(arguments: list[str]) -> None:
    """The reader went away (`| head`): no message, no noise, exit 141 as for SIGPIPE."""
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write fails with EPIPE
    try:
        result = svccheck(*arguments, stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert result.returncode == 141
    # Nothing but warnings about the inputs, given before the output was written.
    assert all(line.startswith(b"warning: ") for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        pytest.param(["score", "missing.yaml"], 2, id="bad-input"),
        pytest.param(["score", str(EXAMPLE), "--fail-under", "99"], 3, id="threshold"),
    ],
)
def test_broken_stderr_pipe_keeps_the_exit_code(arguments: list[str], code: int) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = svccheck(*arguments, stdout=subprocess.DEVNULL, stderr=writer)
    finally:
        os.close(writer)
    assert result.returncode == code  # not 1 (a traceback) nor 120 (a failed flush at exit)


# Signals ------------------------------------------------------------------------------------

# Start the real entry point with a finder that makes importing typer hang, so that SIGINT
# arrives while the CLI is still being imported, before any command or error handler exists.
SLOW_START = """
import sys, time
class SlowTyper:
    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.stderr.write("importing typer\\n")
            sys.stderr.flush()
            time.sleep(60)
        return None
sys.meta_path.insert(0, SlowTyper())
sys.argv = ["svccheck", "--version"]
from svccheck.cli.entry import main
sys.exit(main())
"""


def test_ctrl_c_while_starting_exits_130_without_traceback() -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_START], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    assert process.stderr.readline() == b"importing typer\n"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert stderr == b"interrupted\n"
    assert stdout == b""


# Interactive input ------------------------------------------------------------------------

HEADER = ["--organization", "A", "--unit", "U", "--period", "2026-Q3", "--assessor", "Z"]


def audit_session(folder: Path, **options: object) -> subprocess.CompletedProcess[bytes]:
    (folder / "mini.yaml").write_text(MINI_RUBRIC)
    arguments = ["audit", "-r", str(folder / "mini.yaml"), "-o", str(folder / "x.yaml"), *HEADER]
    return svccheck(*arguments, cwd=folder, timeout=20, **options)


def test_endless_line_on_standard_input_ends_the_session(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        stderr = assert_clean_failure(audit_session(tmp_path, stdin=zero))
    assert "standard input: a line longer than 4096 characters; stopping" in stderr
    assert f"Every answer given is saved in {tmp_path / 'x.yaml'}" in stderr


def test_long_piped_line_keeps_the_answers_before_it(tmp_path: Path) -> None:
    result = audit_session(tmp_path, input=b"4 fine\n" + b"x" * 5000 + b"\n3\n")
    assert "a line longer than 4096 characters" in assert_clean_failure(result)
    assert "greet: {score: 4, note: fine}" in (tmp_path / "x.yaml").read_text()


def test_closed_standard_input_ends_an_audit_like_end_of_input(tmp_path: Path) -> None:
    result = audit_session(tmp_path, preexec_fn=lambda: os.close(0))
    stderr = assert_clean_failure(result, code=130)
    assert f"Every answer given is saved in {tmp_path / 'x.yaml'}" in stderr


def test_piped_line_that_is_not_utf8_is_asked_again(tmp_path: Path) -> None:
    result = audit_session(tmp_path, input=b"\xff\xfe note\n4 good note\nq\n")
    assert result.returncode == 0, result.stderr
    assert b"That line is not valid UTF-8; type it again." in result.stderr
    assert "greet: {score: 4, note: good note}" in (tmp_path / "x.yaml").read_text()


@pytest.mark.parametrize("option", ["--organization", "--unit", "--assessor"])
def test_non_utf8_option_values_are_refused(tmp_path: Path, option: str) -> None:
    (tmp_path / "mini.yaml").write_text(MINI_RUBRIC)
    arguments: list[str | bytes] = [
        "audit",
        "-r",
        "mini.yaml",
        "-o",
        "x.yaml",
        *HEADER,
        option,
        b"A\xff",
    ]
    stderr = assert_clean_failure(svccheck(*arguments, cwd=tmp_path, input=b""))
    assert f"{option} A\\xff: not valid UTF-8" in stderr
    assert not (tmp_path / "x.yaml").exists()


def test_template_refuses_non_utf8_organization() -> None:
    result = svccheck("template", "service-culture", "--organization", b"\xff")
    assert "--organization \\xff: not valid UTF-8" in assert_clean_failure(result)


class Terminal(io.TextIOWrapper):
    """Standard input that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        pytest.param(b"y" * 5000 + b"\n", "longer than 4096 characters; type it again", id="long"),
        pytest.param(b"\xff\n", "not valid UTF-8; type it again", id="not-utf8"),
    ],
)
def test_a_terminal_line_that_is_refused_is_asked_again(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], typed: bytes, message: str
) -> None:
    from svccheck.cli.interactive import terminal

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(typed + "é ok\n".encode())))
    assert terminal.ask("Note: ") == "é ok"
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        pytest.param(["template", "world-class-practices"], id="template"),
        pytest.param(["score", "examples/acme-2026-Q3.yaml", "-f", "json"], id="score-json"),
        pytest.param(["score", "examples/acme-2026-Q3.yaml"], id="score-table"),
    ],
)
def test_closed_standard_output_is_not_an_internal_error(arguments: list[str]) -> None:
    """Started with stdout closed (`>&-`), nobody reads the result: every command ends as Rich
    does for the table view, with exit 0 and no traceback. `template` ended with an internal
    error (it wrote to sys.stdout itself, which is None then)."""
    root = Path(__file__).resolve().parents[1]
    result = svccheck(*arguments, stdout=subprocess.DEVNULL, cwd=root, close_fds=True,
                      preexec_fn=lambda: os.close(1))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
