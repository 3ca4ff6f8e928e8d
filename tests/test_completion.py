"""Shell completion through real shells' protocols (issue 15, item 11)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.rubric import loading as rubric_files

SVCCHECK = str(Path(sys.executable).with_name("svccheck"))


def ask(**env: str) -> list[str]:
    """What svccheck answers a completion script that set ``env``."""
    result = subprocess.run(
        [SVCCHECK], env={**os.environ, **env}, capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script(runner: CliRunner, shell: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert "_SVCCHECK_COMPLETE=complete_" in result.stdout


def test_unknown_shell_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "no completion for shell 'tcsh'; expected one of: bash, zsh, fish" in result.stderr


def test_bash_completes_commands_options_and_rubric_ids() -> None:
    def bash(words: str, index: int) -> list[str]:
        return ask(_SVCCHECK_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(index))

    assert bash("svccheck te", 1) == ["template"]
    assert "trend" in bash("svccheck t", 1)
    assert bash("svccheck template serv", 2) == [
        "service-culture",
        "service-excellence",
        "service-value-chain",
    ]
    assert "--min-coverage" in bash("svccheck score x --m", 3)
    assert bash("svccheck audit -r lea", 3) == ["leadership-strategies"]


def test_zsh_and_fish_complete_rubric_ids() -> None:
    zsh = ask(_SVCCHECK_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="svccheck rubrics show cus")
    assert "customer-expectations" in " ".join(zsh)
    fish = ask(
        _SVCCHECK_COMPLETE="complete_fish",
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        _TYPER_COMPLETE_ARGS="svccheck audit --rubric world",
    )
    assert fish == ["world-class-practices"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_works_in_bash(tmp_path: Path) -> None:
    script = tmp_path / "svccheck.bash"
    script.write_text(subprocess.run([SVCCHECK, "completion", "bash"], capture_output=True,
                                     text=True, check=True).stdout)  # fmt: skip
    folder = str(Path(SVCCHECK).parent)
    program = (
        f"source {script}; COMP_WORDS=(svccheck com); COMP_CWORD=1; "
        '_svccheck_completion svccheck; echo "${COMPREPLY[@]}"'
    )
    result = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, timeout=20,
        env={**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"},
    )  # fmt: skip
    assert result.stdout.split() == ["combine", "completion"]


def complete_in_bash(tmp_path: Path, *words: str) -> list[str]:
    """What bash offers (COMPREPLY) for the command line ``words``, the last being the word
    being completed, through the script ``svccheck completion bash`` prints."""
    script = tmp_path / "svccheck.bash"
    if not script.exists():
        script.write_text(subprocess.run([SVCCHECK, "completion", "bash"], capture_output=True,
                                         text=True, check=True).stdout)  # fmt: skip
    typed = " ".join(shlex.quote(word) for word in words)
    program = (
        f"source {script}; COMP_WORDS=({typed}); COMP_CWORD={len(words) - 1}; "
        '_svccheck_completion svccheck; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    folder = str(Path(SVCCHECK).parent)
    result = subprocess.run(
        ["bash", "--norc", "-c", program], capture_output=True, text=True, timeout=20,
        cwd=tmp_path, env={**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"},
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_formats_schema_kinds_and_shells(tmp_path: Path) -> None:
    (tmp_path / "q4.yaml").write_text("")  # a file the shell would offer if svccheck did not
    formats = ["table", "json", "markdown", "csv", "html", "xlsx"]
    assert complete_in_bash(tmp_path, "svccheck", "score", "q4.yaml", "--format", "") == formats
    assert complete_in_bash(tmp_path, "svccheck", "plan", "q4.yaml", "-f", "m") == ["markdown"]
    assert complete_in_bash(tmp_path, "svccheck", "schema", "") == [
        "rubric",
        "audit",
        "plan",
        "importance",
    ]
    assert complete_in_bash(tmp_path, "svccheck", "schema", "i") == ["importance"]
    assert complete_in_bash(tmp_path, "svccheck", "completion", "") == ["bash", "zsh", "fish"]
    assert complete_in_bash(tmp_path, "svccheck", "completion", "f") == ["fish"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_the_item_ids_of_the_rubric_shown(tmp_path: Path, mini_rubric: Path) -> None:
    offered = complete_in_bash(tmp_path, "svccheck", "rubrics", "show", "service-culture", "")
    assert offered == list(rubric_files.load("service-culture").item_ids())  # the rubric's order
    assert complete_in_bash(tmp_path, "svccheck", "rubrics", "show", "service-culture", "emp") == [
        "empowerment"
    ]
    # A rubric given by its file: its own items.
    assert complete_in_bash(tmp_path, "svccheck", "rubrics", "show", str(mini_rubric), "") == [
        "greet",
        "resolve",
        "billing",
    ]
    # No rubric by that name: nothing offered, and no traceback.
    assert complete_in_bash(tmp_path, "svccheck", "rubrics", "show", "no-such-rubric", "") == []
