"""``svccheck audit`` through the CLI runner (piped input) and a real pseudo-terminal."""

from __future__ import annotations

import datetime
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.audit import loading as audit_files
from tests.conftest import MINI_RUBRIC, Writer

HEADER = ["--organization", "Acme", "--unit", "EMEA", "--period", "2026-Q3", "--assessor", "Dana"]


def start(mini_rubric: Path, target: Path, *extra: str) -> list[str]:
    return ["audit", "--rubric", str(mini_rubric), "--output", str(target), *HEADER, *extra]


def saved_answers(path: Path) -> dict[str, tuple[object, str | None]]:
    loaded = audit_files.load_audit(str(path))
    return {a.item_id: (a.score, a.note) for a in loaded.audit.answers if a.score is not None}


def test_complete_session_prints_the_report(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    result = runner.invoke(app, start(mini_rubric, target), input="5\n2 slow\n3\n")
    assert result.exit_code == 0, result.stderr
    assert saved_answers(target) == {
        "greet": (5, None),
        "resolve": (2, "slow"),
        "billing": (3, None),
    }
    assert "Overall: 45.8%  level: Developing" in result.stdout
    assert f"Saved to {target}" in result.stderr
    assert "Item 1 of 3 · section 1 of 2" in result.stderr
    text = target.read_text()
    assert "organization: Acme\nunit: EMEA\nperiod: 2026-Q3\nassessor: Dana\n" in text
    assert "rubric: mini.yaml\n" in text


def test_end_of_input_exits_130_with_answers_saved(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    result = runner.invoke(app, start(mini_rubric, target), input="4 note ✓\n")
    assert result.exit_code == 130
    assert saved_answers(target) == {"greet": (4, "note ✓")}
    # The answers ran out: said as such, not as an interruption.
    assert f"The input ended. Every answer given is saved in {target}." in result.stderr
    assert "Interrupted" not in result.stderr
    assert result.stderr.endswith(f"Resume with: svccheck audit --output {target}\n")


def prompt_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "q=quit" in line]


def test_piped_prompts_end_their_lines(runner: CliRunner, mini_rubric: Path) -> None:
    """Nothing echoes a piped answer, so svccheck ends each prompt's line itself: the next card,
    "Saved to" or "Stopped" starts on a line of its own."""
    target = mini_rubric.parent / "q3.yaml"
    done = runner.invoke(app, start(mini_rubric, target), input="5\n2 slow\n3\n")
    assert done.exit_code == 0, done.stderr
    assert len(prompt_lines(done.stderr)) == 3
    assert all(line.endswith("q=quit: ") for line in prompt_lines(done.stderr))
    assert f"Saved to {target}" in done.stderr.splitlines()
    stopped = runner.invoke(app, ["audit", "-o", str(target), "--review"], input="4\nq\n")
    assert all(line.endswith(": ") for line in prompt_lines(stopped.stderr))
    assert f"Stopped. Every answer given is saved in {target}." in stopped.stderr.splitlines()


def test_the_resume_command_keeps_review(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    runner.invoke(app, start(mini_rubric, target), input="5\n2\n3\n")
    resume = f"Resume with: svccheck audit --output {target} --review"
    stopped = runner.invoke(app, ["audit", "-o", str(target), "--review"], input="4\nq\n")
    assert stopped.exit_code == 0
    assert resume in stopped.stderr.splitlines()
    ended = runner.invoke(app, ["audit", "-o", str(target), "--review"], input="4\n")
    assert ended.exit_code == 130
    assert resume in ended.stderr.splitlines()


def test_resume_then_restart(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    runner.invoke(app, start(mini_rubric, target), input="4\nq\n")
    resumed = runner.invoke(app, ["audit", "-o", str(target)], input="1\nq\n")
    assert resumed.exit_code == 0
    assert "Resuming" in resumed.stderr
    assert "Item 2 of 3" in resumed.stderr
    assert "Item 1 of 3" not in resumed.stderr
    assert saved_answers(target) == {"greet": (4, None), "resolve": (1, None)}
    # From a script the option is the confirmation: nothing but answers is read from the input.
    restarted = runner.invoke(app, ["audit", "-o", str(target), "--restart"], input="q\n")
    assert restarted.exit_code == 0
    assert f"Cleared 2 answers in {target}." in restarted.stderr
    assert saved_answers(target) == {}
    assert "organization: Acme" in target.read_text()


def test_file_of_another_rubric_is_refused(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "q3.yaml"
    runner.invoke(app, start(mini_rubric, target), input="q\n")
    result = runner.invoke(app, ["audit", "-o", str(target), "-r", "service-culture"])
    assert result.exit_code == 2
    assert "is an audit of rubric 'mini', not 'service-culture'" in result.stderr


def test_failed_save_keeps_the_previous_file(
    runner: CliRunner, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = mini_rubric.parent / "q3.yaml"
    runner.invoke(app, start(mini_rubric, target), input="4\n\nq\n")
    before = target.read_text()

    def full_disk(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = runner.invoke(app, ["audit", "-o", str(target)], input="2\n\n")
    assert result.exit_code == 2
    assert "cannot write (No space left on device); the previous file is unchanged" in result.stderr
    assert target.read_text() == before
    left = sorted(p.name for p in target.parent.iterdir() if p.name != ".svccheck")
    assert left == ["mini.yaml", "q3.yaml"]  # no temporary file left behind


# A real pseudo-terminal ------------------------------------------------------------------


def spawn(arguments: list[str], cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "40"}
    child = pexpect.spawn(
        sys.executable, ["-m", "svccheck", *arguments], cwd=str(cwd), env=env,
        encoding="utf-8", timeout=20, dimensions=(40, 80),
    )  # fmt: skip
    return child


PROMPT = r"q=quit.*: "


def test_terminal_ctrl_c_then_resume_and_finish(mini_rubric: Path) -> None:
    target = mini_rubric.parent / "tty.yaml"
    child = spawn(start(mini_rubric, target), mini_rubric.parent)
    child.expect("Item 1 of 3")
    child.expect(PROMPT)
    child.sendline("4")
    child.expect("Note")
    child.sendline("first ✓")
    child.expect("Item 2 of 3")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("Resume with: svccheck audit --output")
    # The terminal echoes ^C after the prompt; the message starts on the next line.
    assert "^C\r\nInterrupted. Every answer given is saved" in child.before
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert saved_answers(target) == {"greet": (4, "first ✓")}

    child = spawn(["audit", "--output", str(target)], mini_rubric.parent)
    child.expect("Resuming")
    child.expect("Item 2 of 3")
    child.expect(PROMPT)
    child.sendline("n")
    child.expect("Why does it not apply")
    child.sendline("no problems to resolve")
    child.expect("Item 3 of 3")
    child.expect(PROMPT)
    child.sendline("2")
    child.expect("Note")
    child.sendline("")
    child.expect("Overall: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert saved_answers(target) == {
        "greet": (4, "first ✓"),
        "resolve": ("n/a", "no problems to resolve"),
        "billing": (2, None),
    }


def test_terminal_sigterm_keeps_answers(mini_rubric: Path) -> None:
    target = mini_rubric.parent / "term.yaml"
    child = spawn(start(mini_rubric, target), mini_rubric.parent)
    child.expect(PROMPT)
    child.sendline("3")
    child.expect("Note")
    child.sendline("")
    child.expect("Item 2 of 3")
    child.expect(PROMPT)
    child.kill(signal.SIGTERM)
    child.expect("Interrupted. Every answer given is saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert saved_answers(target) == {"greet": (3, None)}


def test_half_finished_audit_scores(runner: CliRunner, mini_rubric: Path) -> None:
    target = mini_rubric.parent / "half.yaml"
    runner.invoke(app, start(mini_rubric, target), input="4\n\n")  # then end of input
    result = runner.invoke(app, ["score", str(target), "-f", "json"])
    assert result.exit_code == 0
    assert '"coverage": 0.33' in result.stdout


@pytest.mark.parametrize("command", ["audit", "template"])
def test_bad_period_option_is_refused(runner: CliRunner, command: str) -> None:
    arguments = (
        ["audit", "-r", "service-culture"]
        if command == "audit"
        else ["template", "service-culture"]
    )
    result = runner.invoke(app, [*arguments, "--period", "autumn"])
    assert result.exit_code == 2
    assert "--period 'autumn': expected 2026-Q3, 2026-09 or 2026-09-30" in result.stderr


def test_ctrl_c_before_a_claims_evidence_leaves_it_to_ask_again(
    write: Writer, tmp_path: Path
) -> None:
    """A 4 needs evidence: interrupted at its note or evidence prompt, it is not saved, and the
    resumed session asks the item again, evidence included. A 2 is saved before its note."""
    rubric = write("mini.yaml", "svccheck: 2\nevidence_from: 4\n" + MINI_RUBRIC)
    target = tmp_path / "claims.yaml"
    child = spawn(start(rubric, target), tmp_path)
    child.expect(PROMPT)
    child.sendline("2")
    child.expect("Note")
    child.sendline("")
    child.expect("Item 2 of 3")
    child.expect(PROMPT)
    child.sendline("4 weekly case review")
    child.expect("Evidence for a 4\\+")
    child.sendintr()
    child.expect("Resume with: svccheck audit --output")
    told = " ".join(child.before.split())
    assert (
        "Not saved: 4 for resolve, whose evidence was not asked yet; resolve is asked again" in told
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert saved_answers(target) == {"greet": (2, None)}

    child = spawn(["audit", "--output", str(target)], tmp_path)
    child.expect("Item 2 of 3")
    child.expect(PROMPT)
    child.sendline("4 weekly case review")
    child.expect("Evidence for a 4\\+")
    child.sendline("case log 2026-11")
    child.expect("Item 3 of 3")
    child.expect(PROMPT)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    answer = audit_files.load_audit(str(target)).audit.answer_map()["resolve"]
    assert (answer.score, answer.note) == (4, "weekly case review")
    assert [(e.text, e.date) for e in answer.evidence or ()] == [("case log", "2026-11")]


@pytest.mark.parametrize(
    ("period", "ended"),
    [("2020-Q1", "2020-03-31"), ("2020-02", "2020-02-29"), ("2020-09-30", "2020-09-30")],
)
def test_a_past_period_says_the_audit_is_dated_today(
    runner: CliRunner, mini_rubric: Path, period: str, ended: str
) -> None:
    target = mini_rubric.parent / "past.yaml"
    arguments = ["audit", "-r", str(mini_rubric), "-o", str(target), "--period", period]
    result = runner.invoke(app, arguments, input="q\n")
    assert result.exit_code == 0, result.stderr
    today = datetime.date.today().isoformat()
    assert audit_files.load_audit(str(target)).audit.date == today
    told = " ".join(result.stderr.split())
    assert (
        f"Dated today, {today}, after {period} ended ({ended}); if the audit was done earlier, "
        f"change date: in {target}."
    ) in told


def test_the_current_period_and_the_next_from_a_past_one(
    runner: CliRunner, mini_rubric: Path
) -> None:
    current = mini_rubric.parent / "now.yaml"
    result = runner.invoke(app, ["audit", "-r", str(mini_rubric), "-o", str(current)], input="q\n")
    assert result.exit_code == 0, result.stderr
    assert "Dated today" not in result.stderr
    last = mini_rubric.parent / "q1.yaml"
    runner.invoke(app, ["audit", "-r", str(mini_rubric), "-o", str(last), "--period", "2020-Q1"],
                  input="q\n")  # fmt: skip
    following = mini_rubric.parent / "q2.yaml"
    started = runner.invoke(app, ["audit", "--from", str(last), "-o", str(following)], input="q\n")
    assert started.exit_code == 0, started.stderr
    today = datetime.date.today().isoformat()
    assert f"Dated today, {today}, after 2020-Q2 ended (2020-06-30);" in started.stderr


def test_a_new_audit_announces_the_schema_folder_once(runner: CliRunner, mini_rubric: Path) -> None:
    folder = mini_rubric.parent / "audits"
    folder.mkdir()
    target = folder / "q3.yaml"
    told = f"Created {folder}/.svccheck/ beside {target}: the schema that lets editors check"
    first = runner.invoke(app, start(mini_rubric, target), input="q\n")
    assert first.exit_code == 0, first.stderr
    assert told in " ".join(first.stderr.split())
    other = runner.invoke(app, ["audit", "-r", str(mini_rubric), "-o", str(folder / "q4.yaml")],
                          input="q\n")  # fmt: skip
    assert other.exit_code == 0, other.stderr
    assert "Created" not in other.stderr
