"""Never destroy a person's work: outputs onto inputs, templates over files, interactive saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck import audit
from svccheck.cli import app
from tests.conftest import MINI_RUBRIC, Writer

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
