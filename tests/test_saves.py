"""Never destroy a person's work: outputs onto inputs, templates over files, interactive saves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from tests.conftest import MINI_RUBRIC, Writer

HEADER = ["--organization", "Acme", "--unit", "EMEA", "--period", "2026-Q3", "--assessor", "Dana"]
AUDIT_Q2 = "rubric: mini.yaml\nperiod: 2026-Q2\nunit: north\nanswers: {greet: 4}\n"
AUDIT_Q3 = "# kept by hand\nrubric: mini.yaml\nperiod: 2026-Q3\nunit: south\nanswers: {greet: 2}\n"


@pytest.fixture
def two_audits(write: Writer, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a.yaml and b.yaml (two periods, two units) beside mini.yaml, and the same audits as a.txt
    and b.txt (a name svccheck writes reports to, so that only the guard of inputs stops -o);
    link.yaml and link.txt point at a.yaml and a.txt, rubric.txt at mini.yaml; the folder is
    the cwd."""
    write("a.yaml", AUDIT_Q2)
    write("b.yaml", AUDIT_Q3)
    write("a.txt", AUDIT_Q2)
    write("b.txt", AUDIT_Q3)
    (mini_rubric.parent / "link.yaml").symlink_to("a.yaml")
    (mini_rubric.parent / "link.txt").symlink_to("a.txt")
    (mini_rubric.parent / "rubric.txt").symlink_to("mini.yaml")
    monkeypatch.chdir(mini_rubric.parent)
    return mini_rubric.parent


# Output onto an input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "target"),
    [
        pytest.param(["score", "a.txt"], "a.txt", id="score-same-name"),
        pytest.param(["score", "a.txt"], "./a.txt", id="score-dot-slash"),
        pytest.param(["score", "a.txt"], "link.txt", id="score-symlink-to-input"),
        pytest.param(["score", "link.txt"], "a.txt", id="score-input-is-the-symlink"),
        pytest.param(["score", "a.yaml", "-f", "json"], "rubric.txt", id="score-onto-its-rubric"),
        pytest.param(["diff", "a.txt", "b.txt"], "b.txt", id="diff-new"),
        pytest.param(["diff", "a.txt", "b.txt", "-f", "csv"], "./a.txt", id="diff-old"),
        pytest.param(["trend", "a.txt", "b.txt"], "b.txt", id="trend"),
        pytest.param(["trend", "a.yaml", "b.yaml"], "rubric.txt", id="trend-onto-rubric"),
        pytest.param(["combine", "a.txt", "b.txt"], "link.txt", id="combine"),
    ],
)
def test_output_onto_an_input_is_refused(
    runner: CliRunner, two_audits: Path, arguments: list[str], target: str
) -> None:
    before = {p.name: p.read_bytes() for p in two_audits.iterdir()}
    result = runner.invoke(app, [*arguments, "-o", target])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"{target}: is this command's ")
    assert "writing there would destroy it" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in two_audits.iterdir()} == before
    assert (two_audits / "link.yaml").is_symlink()
    assert (two_audits / "link.txt").is_symlink()


@pytest.mark.parametrize("target", ["a.yaml", "./link.yaml", "mini.yaml"])
def test_output_onto_a_yaml_input_is_refused_by_its_extension(
    runner: CliRunner, two_audits: Path, target: str
) -> None:
    before = {p.name: p.read_bytes() for p in two_audits.iterdir()}
    result = runner.invoke(app, ["score", "a.yaml", "-o", target])
    assert result.exit_code == 2
    assert "does not write .yaml files" in result.stderr
    assert {p.name: p.read_bytes() for p in two_audits.iterdir()} == before


def test_output_beside_the_inputs_is_written(runner: CliRunner, two_audits: Path) -> None:
    result = runner.invoke(app, ["diff", "a.yaml", "b.yaml", "-f", "json", "-o", "d.json"])
    assert result.exit_code == 0, result.stderr
    assert (two_audits / "d.json").read_text().startswith("{")


# template -o: never over an existing file without --force, never over a rubric ---------------


@pytest.mark.parametrize(
    ("existing", "force", "message"),
    [
        pytest.param("a.yaml", False, "a.yaml: already exists; add --force", id="exists"),
        pytest.param("mini.yaml", True, "mini.yaml: is this command's rubric", id="its-rubric"),
        pytest.param("rlink.yaml", True, "rlink.yaml: is this command's rubric", id="link-rubric"),
        pytest.param("other.yaml", True, "other.yaml: is a rubric; a template never", id="rubric"),
        pytest.param("draft.yaml", True, "draft.yaml: is a rubric", id="unfinished-rubric"),
        pytest.param("lib/mini.yaml", True, "lib/mini.yaml: is this command's rubric", id="by-id"),
    ],
)
def test_template_refuses_to_replace(
    runner: CliRunner,
    two_audits: Path,
    write: Writer,
    monkeypatch: pytest.MonkeyPatch,
    existing: str,
    force: bool,
    message: str,
) -> None:
    write("other.yaml", MINI_RUBRIC.replace("id: mini", "id: other"))
    write("draft.yaml", "id: draft\nsections:\n  - id: todo\n")
    write("lib/mini.yaml", MINI_RUBRIC)
    (two_audits / "rlink.yaml").symlink_to("mini.yaml")
    reference = "mini.yaml"
    if existing.startswith("lib/"):
        monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(two_audits / "lib"))
        reference = "mini"
    before = {p: p.read_bytes() for p in two_audits.rglob("*.yaml")}
    result = runner.invoke(
        app, ["template", reference, "-o", existing, *(["--force"] if force else [])]
    )
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(message)
    assert "nothing was written" in result.stderr
    assert {p: p.read_bytes() for p in two_audits.rglob("*.yaml")} == before


def test_template_force_replaces_an_audit(runner: CliRunner, two_audits: Path) -> None:
    result = runner.invoke(app, ["template", "mini.yaml", "-o", "a.yaml", "--force"])
    assert result.exit_code == 0, result.stderr
    loaded = audit_files.load_audit("a.yaml")
    assert all(answer.score is None for answer in loaded.audit.answers)
    assert "# Greeting: Are customers greeted?" in (two_audits / "a.yaml").read_text()


def test_template_to_a_new_file_needs_no_force(runner: CliRunner, two_audits: Path) -> None:
    result = runner.invoke(app, ["template", "mini.yaml", "-o", "new.yaml"])
    assert result.exit_code == 0, result.stderr
    assert audit_files.load_audit("new.yaml").rubric.id == "mini"
    assert os.path.exists("new.yaml")


# What svccheck writes, it reads back -----------------------------------------------------------

ODD_TEXT = [
    pytest.param("\n", id="newline"),
    pytest.param("\r", id="carriage-return"),
    pytest.param("\r\n", id="crlf"),
    pytest.param("\v", id="vertical-tab"),
    pytest.param("\f", id="form-feed"),
    pytest.param("\x85", id="NEL"),
    pytest.param("\u2028", id="line-separator"),
    pytest.param("\u2029", id="paragraph-separator"),
    pytest.param("\x1e", id="record-separator"),
    pytest.param("\x00", id="NUL"),
    pytest.param("\x1b[31m", id="escape"),
    pytest.param("\x7f\x9b", id="DEL-and-C1"),
    pytest.param("\ufffe", id="noncharacter"),
    pytest.param("\nanswers: {greet: 5}\n#", id="injected-yaml"),
]


@pytest.mark.parametrize("odd", ODD_TEXT)
def test_rubric_text_in_comments_never_breaks_the_file(mini_rubric: Path, odd: str) -> None:
    from dataclasses import replace

    from svccheck.formats.audit import writer as audit_writer
    from svccheck.model.audit import Audit

    loaded = rubric_files.load_rubric_file(str(mini_rubric))
    section = loaded.sections[0]
    item = replace(section.items[0], title=f"Greet{odd}ing", question=f"Are{odd} they?")
    odd_rubric = replace(
        loaded,
        title=f"Mini{odd}rubric",
        scale=replace(loaded.scale, labels=(f"Not{odd}in place", *loaded.scale.labels[1:])),
        sections=(replace(section, title=f"Front{odd}line", items=(item, *section.items[1:])),),
    )
    text = audit_writer.render_audit(odd_rubric, Audit(rubric="mini.yaml"))
    path = mini_rubric.parent / "odd.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    loaded_audit = audit_files.load_audit(str(path))  # reads back: no stray YAML, no bad characters
    assert all(answer.score is None for answer in loaded_audit.audit.answers)
    comments = [line for line in text.split("\n") if line.lstrip().startswith("#")]
    assert any("Mini" in line and "rubric" in line for line in comments)
    assert any("Front" in line and "line" in line for line in comments)
    assert any("Greet" in line and "ing: Are" in line for line in comments)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["--organization", "Acme \udcff"],
            "--organization Acme \\xff: not valid UTF-8",
            id="org",
        ),
        pytest.param(
            ["--organization", "Acme\x1b[2J\u2028Ltd", "-o", "t.yaml"], None, id="controls-kept"
        ),
    ],
)
def test_template_refuses_text_that_is_not_text(
    runner: CliRunner, two_audits: Path, arguments: list[str], message: str | None
) -> None:
    result = runner.invoke(app, ["template", "mini.yaml", *arguments])
    if message is None:  # control characters are escaped in YAML and read back as they were
        assert result.exit_code == 0, result.stderr
        assert audit_files.load_audit("t.yaml").audit.organization == "Acme\x1b[2J\u2028Ltd"
        return
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not Path("t.yaml").exists()


@pytest.mark.parametrize(
    "field",
    ["rubric", "organization", "unit", "period", "assessor", "date", "note"],
)
def test_lone_surrogates_are_refused_before_writing(mini_rubric: Path, field: str) -> None:
    from dataclasses import replace

    from svccheck.core.errors import UsageError
    from svccheck.formats.audit import writer as audit_writer
    from svccheck.model.audit import Answer, Audit

    blank = Audit(rubric="mini.yaml")
    bad = "caf\udce9"
    if field == "note":
        odd = replace(blank, answers=(Answer("greet", 3, bad),))
    else:
        odd = replace(blank, **{field: bad})  # type: ignore[arg-type]
    where = "the note of greet" if field == "note" else field
    with pytest.raises(UsageError, match=rf"^{where}: contains \\udce9 at character 4"):
        audit_writer.render_audit(rubric_files.load_rubric_file(str(mini_rubric)), odd)


def test_note_too_large_to_read_back_is_refused(
    runner: CliRunner, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", "3000")
    target = mini_rubric.parent / "q3.yaml"
    arguments = ["audit", "-r", str(mini_rubric), "-o", str(target), *HEADER]
    result = runner.invoke(app, arguments, input="4 " + "x" * 3000 + "\n")
    assert result.exit_code == 2
    assert f"{target}: would be " in result.stderr
    assert "more than the 3000 bytes svccheck reads back" in result.stderr
    loaded = audit_files.load_audit(str(target))  # the file still reads back, the answer not in it
    assert loaded.audit.answer_map()["greet"].score is None


# Changing one answer in the text, keeping every other character -------------------------------

HEAD = "# mine: keep this\nrubric: mini.yaml\norganization: Acme   # fixed by hand\n"


@pytest.mark.parametrize(
    ("answers", "item", "value", "expected"),
    [
        pytest.param(
            "answers:\n  greet:    # to do\n  resolve: 2\n",
            "greet", 4,
            "answers:\n  greet: 4    # to do\n  resolve: 2\n",
            id="empty-value",
        ),
        pytest.param(
            "answers:\n  greet: 2\n  resolve: 2\n",
            "greet", {"score": "n/a", "note": "no counter"},
            "answers:\n  greet: {score: n/a, note: no counter}\n  resolve: 2\n",
            id="scalar",
        ),
        pytest.param(
            "answers:\n  greet: {score: 2, note: 'old, really'}  # why\n",
            "greet", 5,
            "answers:\n  greet: 5  # why\n",
            id="flow-mapping",
        ),
        pytest.param(
            "answers:\n  greet:\n    score: 2\n    note: |\n      two\n      lines\n\n"
            "  # next section\n  billing: 1\n",
            "greet", {"score": 3, "note": "a: b"},
            "answers:\n  greet: {score: 3, note: \"a: b\"}\n\n  # next section\n  billing: 1\n",
            id="block-mapping",
        ),
        pytest.param(
            "answers:\n    greet: 1\n    # c\n    billing: 1\n",
            "resolve", 2,
            "answers:\n    greet: 1\n    resolve: 2\n    # c\n    billing: 1\n",
            id="absent-after-the-item-before-it",
        ),
        pytest.param(
            "answers:  # none yet\n  billing: 1\n",
            "greet", 2,
            "answers:  # none yet\n  greet: 2\n  billing: 1\n",
            id="absent-first-item",
        ),
        pytest.param("", "greet", 2, "answers:\n  greet: 2\n", id="no-answers-key"),
        pytest.param("answers: {}\n", "greet", 2, "answers:\n  greet: 2\n", id="empty-flow"),
        pytest.param("answers: null\n", "greet", 2, "answers:\n  greet: 2\n", id="null"),
        pytest.param("answers:\n", "greet", 2, "answers:\n  greet: 2\n", id="nothing"),
        pytest.param(
            "answers: {billing: 1}  # inline\n",
            "greet", {"score": 2, "note": "x"},
            "answers: {billing: 1, greet: {score: 2, note: x}}  # inline\n",
            id="flow-answers",
        ),
        pytest.param("answers:\n  greet: 4\n", "greet", None, "answers:\n  greet:\n", id="clear"),
    ],
)  # fmt: skip
def test_one_answer_changes_and_nothing_else(
    mini_rubric: Path, answers: str, item: str, value: object, expected: str
) -> None:
    from svccheck.formats.audit import edit as audit_edit

    order = ["greet", "resolve", "billing"]
    edited = audit_edit.set_answer(HEAD + answers, item, value, order)
    assert edited == HEAD + expected
    parsed = audit_files.parse_audit(edited, str(mini_rubric.parent / "a.yaml")).audit
    assert parsed.organization == "Acme"


def test_crlf_file_keeps_its_line_endings() -> None:
    from svccheck.formats.audit import edit as audit_edit

    text = "rubric: mini.yaml\r\nanswers:\r\n  billing: 1\r\n"
    edited = audit_edit.set_answer(text, "greet", 3, ["greet", "resolve", "billing"])
    assert edited == "rubric: mini.yaml\r\nanswers:\r\n  greet: 3\r\n  billing: 1\r\n"


def test_byte_order_mark_and_line_endings_survive_a_session(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    path = mini_rubric.parent / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfrubric: mini.yaml\r\n# mine\r\nanswers:\r\n  billing: 1\r\n")
    result = runner.invoke(app, ["audit", "-o", str(path)], input="4\n\nq\n")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == (
        b"\xef\xbb\xbfrubric: mini.yaml\r\n# mine\r\nanswers:\r\n  greet: 4\r\n  billing: 1\r\n"
    )


# Sessions as real processes: hand edits, conflicts, unreadable files, locks --------------------

PROMPT = r"q=quit.*: "


def spawn(arguments: list[str], cwd: Path) -> pexpect.spawn:
    """svccheck in a pseudo-terminal, as a person runs it."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "40"}
    return pexpect.spawn(
        sys.executable, ["-m", "svccheck", *arguments], cwd=str(cwd), env=env,
        encoding="utf-8", timeout=20, dimensions=(40, 80),
    )  # fmt: skip


def piped(arguments: list[str], cwd: Path) -> subprocess.Popen[str]:
    """svccheck with its input from a pipe (not a terminal), fed line by line."""
    return subprocess.Popen(
        [sys.executable, "-m", "svccheck", *arguments], cwd=str(cwd), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def contains(path: Path, text: str) -> Callable[[], bool]:
    return lambda: path.exists() and text in path.read_text()


def begin(mini_rubric: Path, target: Path) -> list[str]:
    return ["audit", "--rubric", str(mini_rubric), "--output", str(target), *HEADER]


def test_hand_edits_made_during_a_session_are_kept(mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    child = spawn(begin(mini_rubric, target), mini_rubric.parent)
    child.expect(PROMPT)
    edited = "# reviewed by Sam\n" + target.read_text().replace("Acme", "Acme Ltd").replace(
        "  billing:\n", "  billing: {score: 2, note: typed in an editor}  # Sam\n"
    )
    target.write_text(edited)
    child.sendline("4")
    child.expect("Note")
    child.sendline("")
    child.expect(PROMPT)
    child.sendline("3")
    child.expect("Note")
    child.sendline("")
    child.expect("Overall: ")  # billing was answered in the file: the session took it up
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    expected = edited.replace("  greet:\n", "  greet: 4\n").replace(
        "  resolve:\n", "  resolve: 3\n"
    )
    assert target.read_text() == expected


@pytest.mark.parametrize(
    ("choice", "kept"),
    [
        pytest.param("y", "{score: 4, note: mine}", id="keep-mine"),
        pytest.param("f", "{score: 2, note: from the editor}", id="keep-the-files"),
    ],
)
def test_conflict_on_the_same_item_is_asked_at_a_terminal(
    mini_rubric: Path, choice: str, kept: str
) -> None:
    target = mini_rubric.parent / "q3.yaml"
    child = spawn(begin(mini_rubric, target), mini_rubric.parent)
    child.expect(PROMPT)
    child.sendline("4")
    child.expect("Note")
    wait_until(contains(target, "greet: 4"))
    target.write_text(
        target.read_text().replace("greet: 4", "greet: {score: 2, note: from the editor}")
    )
    child.sendline("mine")
    child.expect("greet was changed in the file while this session ran")
    child.expect(r"Keep yours \(y\) or the file's \(f\)\? ")
    child.sendline("x")  # not an answer: asked again
    child.expect(r"Keep yours \(y\) or the file's \(f\)\? ")
    child.sendline(choice)
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert f"  greet: {kept}\n" in target.read_text()


def test_conflict_without_a_terminal_is_refused_and_the_answer_printed(
    mini_rubric: Path,
) -> None:
    target = mini_rubric.parent / "q3.yaml"
    process = piped(begin(mini_rubric, target), mini_rubric.parent)
    assert process.stdin is not None
    process.stdin.write("4\n")
    process.stdin.flush()
    wait_until(contains(target, "greet: 4"))
    target.write_text(target.read_text().replace("greet: 4", "greet: 1"))
    # Back to greet and answered again: the file's answer changed since this session saved it.
    _, errors = process.communicate("b\n4 slow, but friendly\n", timeout=20)
    assert process.returncode == 2
    assert "greet was changed in the file while this session ran (the file now says 1; you " in (
        errors
    )
    assert f"Nothing in {target} was overwritten." in errors
    assert "Not saved: greet: 4 (note: slow, but friendly)" in errors
    assert "  greet: 1\n" in target.read_text()


def _delete(path: Path) -> None:
    path.unlink()


def _garble(path: Path) -> None:
    path.write_text("rubric: [unclosed\n")


def _make_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


@pytest.mark.parametrize(
    ("breaking", "reason"),
    [
        pytest.param(_delete, "no such file", id="deleted"),
        pytest.param(_garble, "q3.yaml:2:1: invalid YAML", id="invalid-yaml"),
        pytest.param(_make_directory, "is a directory", id="now-a-directory"),
    ],
)
def test_file_that_cannot_be_read_again_is_not_overwritten(
    mini_rubric: Path, breaking: Callable[[Path], None], reason: str
) -> None:
    target = mini_rubric.parent / "q3.yaml"
    process = piped(begin(mini_rubric, target), mini_rubric.parent)
    assert process.stdin is not None
    process.stdin.write("4\n")
    process.stdin.flush()
    wait_until(contains(target, "greet: 4"))
    breaking(target)
    state = target.read_bytes() if target.is_file() else target.exists()
    _, errors = process.communicate("2 a note\n", timeout=20)
    assert process.returncode == 2
    assert f"{target}: cannot read the audit again before saving:" in errors
    assert reason in errors
    assert "Not saved: resolve: 2 (note: a note)" in errors
    assert "Traceback" not in errors
    assert (target.read_bytes() if target.is_file() else target.exists()) == state
    assert sorted(p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")) == []


def test_restart_keeps_comments_and_header(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    runner.invoke(app, begin(mini_rubric, target), input="4\n2 slow\nq\n")
    target.write_text("# Sam's copy\n" + target.read_text().replace("Acme", "Acme Ltd"))
    result = runner.invoke(app, ["audit", "-o", str(target), "--restart"], input="q\n")
    assert result.exit_code == 0, result.stderr
    assert f"Cleared 2 answers in {target}." in result.stderr
    text = target.read_text()
    assert text.startswith("# Sam's copy\n")
    assert "organization: Acme Ltd\n" in text
    assert "  greet:\n" in text
    assert "  resolve:\n" in text
    assert all(a.score is None for a in audit_files.load_audit(str(target)).audit.answers)


def test_second_session_on_one_file_is_refused(mini_rubric: Path, tmp_path: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    (tmp_path / "alias.yaml").symlink_to(target)
    first = spawn(begin(mini_rubric, target), mini_rubric.parent)
    first.expect(PROMPT)
    lock = mini_rubric.parent / ".q3.yaml.lock"
    assert lock.exists()
    for name in (str(target), str(tmp_path / "alias.yaml")):
        second = subprocess.run(
            [sys.executable, "-m", "svccheck", "audit", "-o", name],
            input="3\n\n", capture_output=True, text=True, timeout=20,
        )  # fmt: skip
        assert second.returncode == 2
        assert second.stderr.startswith(
            f"{name}: another svccheck session has this file open; finish that session first"
        )
    assert "  greet:\n" in target.read_text()  # the second session wrote nothing
    first.sendline("q")
    first.expect(pexpect.EOF)
    first.close()
    assert first.exitstatus == 0
    assert not lock.exists()  # removed on a clean exit
    third = subprocess.run(
        [sys.executable, "-m", "svccheck", "audit", "-o", str(target)],
        input="3\n\nq\n", capture_output=True, text=True, timeout=20,
    )  # fmt: skip
    assert third.returncode == 0, third.stderr


def test_killed_session_and_leftover_lock_file_never_block(
    runner: CliRunner, mini_rubric: Path
) -> None:
    target = mini_rubric.parent / "q3.yaml"
    first = spawn(begin(mini_rubric, target), mini_rubric.parent)
    first.expect(PROMPT)
    first.kill(signal.SIGKILL)  # no clean-up at all: the lock file stays behind
    first.close()
    assert (mini_rubric.parent / ".q3.yaml.lock").exists()
    result = runner.invoke(app, ["audit", "-o", str(target)], input="5\n\nq\n")
    assert result.exit_code == 0, result.stderr
    assert "  greet: 5\n" in target.read_text()
