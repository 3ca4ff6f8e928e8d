"""Never destroy a person's work: outputs onto inputs, templates over files, interactive saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck import audit
from svccheck.cli import app
from tests.conftest import MINI_RUBRIC, Writer

HEADER = ["--organization", "Acme", "--unit", "EMEA", "--period", "2026-Q3", "--assessor", "Dana"]
AUDIT_Q2 = "rubric: mini.yaml\nperiod: 2026-Q2\nunit: north\nanswers: {greet: 4}\n"
AUDIT_Q3 = "# kept by hand\nrubric: mini.yaml\nperiod: 2026-Q3\nunit: south\nanswers: {greet: 2}\n"


@pytest.fixture
def two_audits(write: Writer, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a.yaml and b.yaml (two periods, two units) beside mini.yaml; the folder is the cwd."""
    write("a.yaml", AUDIT_Q2)
    write("b.yaml", AUDIT_Q3)
    (mini_rubric.parent / "link.yaml").symlink_to("a.yaml")
    monkeypatch.chdir(mini_rubric.parent)
    return mini_rubric.parent


# Output onto an input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "target"),
    [
        pytest.param(["score", "a.yaml"], "a.yaml", id="score-same-name"),
        pytest.param(["score", "a.yaml"], "./a.yaml", id="score-dot-slash"),
        pytest.param(["score", "a.yaml"], "link.yaml", id="score-symlink-to-input"),
        pytest.param(["score", "link.yaml"], "a.yaml", id="score-input-is-the-symlink"),
        pytest.param(["score", "a.yaml", "-f", "json"], "mini.yaml", id="score-onto-its-rubric"),
        pytest.param(["diff", "a.yaml", "b.yaml"], "b.yaml", id="diff-new"),
        pytest.param(["diff", "a.yaml", "b.yaml", "-f", "csv"], "./a.yaml", id="diff-old"),
        pytest.param(["trend", "a.yaml", "b.yaml"], "b.yaml", id="trend"),
        pytest.param(["trend", "a.yaml", "b.yaml"], "mini.yaml", id="trend-onto-rubric"),
        pytest.param(["combine", "a.yaml", "b.yaml"], "link.yaml", id="combine"),
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
    loaded = audit.load_audit("a.yaml")
    assert all(answer.score is None for answer in loaded.audit.answers)
    assert "# Greeting: Are customers greeted?" in (two_audits / "a.yaml").read_text()


def test_template_to_a_new_file_needs_no_force(runner: CliRunner, two_audits: Path) -> None:
    result = runner.invoke(app, ["template", "mini.yaml", "-o", "new.yaml"])
    assert result.exit_code == 0, result.stderr
    assert audit.load_audit("new.yaml").rubric.id == "mini"
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

    from svccheck import audit_writer, rubric
    from svccheck.audit import Audit

    loaded = rubric.load_rubric_file(str(mini_rubric))
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
    loaded_audit = audit.load_audit(str(path))  # reads back: no stray YAML, no bad characters
    assert all(answer.score is None for answer in loaded_audit.audit.answers)
    comments = [line for line in text.split("\n") if line.lstrip().startswith("#")]
    assert any("Mini" in line and "rubric" in line for line in comments)
    assert any("Front" in line and "line" in line for line in comments)
    assert any("Greet" in line and "ing: Are" in line for line in comments)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(["--organization", "Acme \udcff"], "organization: contains \\udcff", id="org"),
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
        assert audit.load_audit("t.yaml").audit.organization == "Acme\x1b[2J\u2028Ltd"
        return
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "retype it. Nothing was written" in result.stderr


@pytest.mark.parametrize(
    "field",
    ["rubric", "organization", "unit", "period", "assessor", "date", "note"],
)
def test_lone_surrogates_are_refused_before_writing(mini_rubric: Path, field: str) -> None:
    from dataclasses import replace

    from svccheck import audit_writer, rubric
    from svccheck.audit import Answer, Audit
    from svccheck.errors import UsageError

    blank = Audit(rubric="mini.yaml")
    bad = "caf\udce9"
    if field == "note":
        odd = replace(blank, answers=(Answer("greet", 3, bad),))
    else:
        odd = replace(blank, **{field: bad})  # type: ignore[arg-type]
    where = "the note of greet" if field == "note" else field
    with pytest.raises(UsageError, match=rf"^{where}: contains \\udce9 at character 4"):
        audit_writer.render_audit(rubric.load_rubric_file(str(mini_rubric)), odd)


def test_note_too_large_to_read_back_is_refused(
    runner: CliRunner, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SVCCHECK_MAX_FILE_BYTES", "3000")
    target = mini_rubric.parent / "q3.yaml"
    arguments = ["audit", "-r", str(mini_rubric), "-o", str(target), *HEADER]
    result = runner.invoke(app, arguments, input="4\n" + "x" * 3000 + "\n")
    assert result.exit_code == 2
    assert f"{target}: would be " in result.stderr
    assert "more than the 3000 bytes svccheck reads back" in result.stderr
    loaded = audit.load_audit(str(target))  # the file still reads back, with the score kept
    assert loaded.audit.answer_map()["greet"].score == 4
