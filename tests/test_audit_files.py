"""Which file ``svccheck audit`` works on: proposed names, resumed headers, scripted sessions.

Two units' audits of one quarter must never share a file (issue 15, block 1); a script gives
one answer a line and nothing else (annoyance 7); a wrong file at a terminal is asked again
instead of ending the session (annoyance 10).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.cli.interactive import setup as audit_setup
from svccheck.formats.audit import loading as audit_files
from svccheck.model import audit


def answers(path: Path) -> dict[str, tuple[object, str | None]]:
    loaded = audit_files.load_audit(str(path))
    return {a.item_id: (a.score, a.note) for a in loaded.audit.answers if a.score is not None}


def spawn(arguments: list[str], cwd: Path, rows: int = 40) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": str(rows)}
    return pexpect.spawn(
        sys.executable, ["-m", "svccheck", *arguments], cwd=str(cwd), env=env,
        encoding="utf-8", timeout=20, dimensions=(rows, 80),
    )  # fmt: skip


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus)


NORDWIND = ["-r", "service-culture", "--organization", "Nordwind Reisen", "--period", "2026-Q2"]


def test_two_units_get_two_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    hamburg = runner.invoke(app, ["audit", *NORDWIND, "--unit", "Hamburg"], input="4\nq\n")
    berlin = runner.invoke(app, ["audit", *NORDWIND, "--unit", "Berlin"], input="2\nq\n")
    assert (hamburg.exit_code, berlin.exit_code) == (0, 0), berlin.stderr
    assert "Saving answers to nordwind-reisen-hamburg-2026-Q2.yaml" in hamburg.stderr
    assert "Saving answers to nordwind-reisen-berlin-2026-Q2.yaml" in berlin.stderr
    first = tmp_path / "nordwind-reisen-hamburg-2026-Q2.yaml"
    second = tmp_path / "nordwind-reisen-berlin-2026-Q2.yaml"
    assert audit_files.load_audit(str(first)).audit.unit == "Hamburg"
    assert audit_files.load_audit(str(second)).audit.unit == "Berlin"
    assert list(answers(first).values()) == [(4, None)]
    assert list(answers(second).values()) == [(2, None)]


def test_a_differing_header_option_on_resume_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["audit", *NORDWIND, "--unit", "Hamburg", "-o", "q2.yaml"], input="4\nq\n")
    before = (tmp_path / "q2.yaml").read_bytes()
    result = runner.invoke(
        app, ["audit", "-o", "q2.yaml", "--unit", "Berlin", "--assessor", "Kim"], input="2\n"
    )
    assert result.exit_code == 2
    assert "q2.yaml is the audit of unit 'Hamburg', not 'Berlin'; choose another" in result.stderr
    assert (tmp_path / "q2.yaml").read_bytes() == before
    same = runner.invoke(app, ["audit", "-o", "q2.yaml", "--unit", "Hamburg"], input="q\n")
    assert same.exit_code == 0, same.stderr


def test_at_a_terminal_a_differing_header_asks_for_another_file(tmp_path: Path) -> None:
    CliRunner().invoke(
        app, ["audit", *NORDWIND, "--unit", "Hamburg", "-o", str(tmp_path / "q2.yaml")], input="q\n"
    )
    child = spawn(["audit", "-o", "q2.yaml", "--unit", "Berlin", "--assessor", "Kim"], tmp_path)
    child.expect("is the audit of unit 'Hamburg', not 'Berlin'")
    child.expect(r"Save answers to \[nordwind-reisen-berlin-2026-Q2-kim.yaml\]: ")
    child.sendline("")
    child.expect("q=quit.*: ")
    child.sendline("3 fine")
    child.expect("q=quit.*: ")
    child.sendline("q")
    assert finish(child) == 0
    made = audit_files.load_audit(str(tmp_path / "nordwind-reisen-berlin-2026-Q2-kim.yaml")).audit
    assert (made.organization, made.unit, made.assessor) == ("Nordwind Reisen", "Berlin", "Kim")
    assert made.answers[0].score == 3
    assert audit_files.load_audit(str(tmp_path / "q2.yaml")).audit.unit == "Hamburg"


def test_review_of_a_copy_never_offers_the_refused_file(tmp_path: Path) -> None:
    # Last quarter's file copied under this quarter's name, then reviewed for this quarter.
    q2, q3 = tmp_path / "nordwind-reisen-2026-Q2.yaml", tmp_path / "nordwind-reisen-2026-Q3.yaml"
    CliRunner().invoke(app, ["audit", *NORDWIND, "-o", str(q2)], input="4\nq\n")
    q3.write_bytes(q2.read_bytes())
    child = spawn(["audit", "-o", q3.name, "--period", "2026-Q3", "--review"], tmp_path)
    child.expect(f"{q3.name} is the audit of period '2026-Q2', not '2026-Q3'")
    child.expect(f"to start 2026-Q3 from its answers: svccheck audit --from {q3.name}")
    for field in ("Unit", "Assessor"):  # left empty in the file: asked for the new one
        child.expect(field)
        child.sendline("")
    child.expect(r"Save answers to \[nordwind-reisen-2026-Q3-2.yaml\]: ")
    child.sendline("")
    child.expect("q=quit.*: ")
    child.sendline("q")
    assert finish(child) == 0
    assert q3.read_bytes() == q2.read_bytes()
    made = audit_files.load_audit(str(tmp_path / "nordwind-reisen-2026-Q3-2.yaml")).audit
    assert (made.organization, made.period) == ("Nordwind Reisen", "2026-Q3")


def test_at_a_terminal_a_file_of_another_rubric_is_asked_again(tmp_path: Path) -> None:
    CliRunner().invoke(app, ["template", "leadership-strategies", "-o", str(tmp_path / "x.yaml")])
    child = spawn(["audit", "-r", "service-culture", "--unit", "EMEA"], tmp_path)
    child.expect("Organization")
    child.sendline("Acme")
    child.expect("Period")
    child.sendline("")
    child.expect("Assessor")
    child.sendline("")
    child.expect("Save answers to")
    child.sendline("x.yaml")
    child.expect("x.yaml is an audit of rubric 'leadership-strategies', not 'service-culture'")
    child.expect(r"Save answers to \[acme-emea-20\d\d-Q\d.yaml\]: ")
    child.sendline("")
    child.expect("q=quit.*: ")
    child.sendline("q")
    assert finish(child) == 0
    (made,) = tmp_path.glob("acme-emea-*.yaml")
    assert audit_files.load_audit(str(made)).audit.organization == "Acme"  # the header answers kept


def test_pick_rubric_and_header_at_a_terminal(tmp_path: Path) -> None:
    child = spawn(["audit"], tmp_path)
    child.expect(r"Rubric \(1-6 or an id\) \[1\]: ")
    child.sendline("9")
    child.expect("Type a number from 1 to 6")
    child.sendline("leadership-strategies")
    for prompt, typed in [
        ("Organization", "Acme Support"),
        ("Unit", ""),
        ("Period", "Q3 2026"),
        ("Type it as 2026-Q3, 2026-09 or 2026-09-30", ""),
        ("Assessor", "Dana Lee"),
        (r"Save answers to \[acme-support-20\d\d-Q\d-dana-lee.yaml\]", ""),
        ("q=quit.*: ", "q"),
    ]:
        child.expect(prompt)
        child.sendline(typed)
    assert finish(child) == 0
    (created,) = tmp_path.glob("acme-support-*.yaml")
    loaded = audit_files.load_audit(str(created))
    assert loaded.rubric.id == "leadership-strategies"
    assert (loaded.audit.organization, loaded.audit.unit) == ("Acme Support", None)


def test_enter_at_the_pick_takes_the_complete_rubric(tmp_path: Path) -> None:
    child = spawn(["audit"], tmp_path)
    child.expect("1. Service excellence: the complete rubric")
    for typed in ["", "Acme", "", "2026-Q3", "", "", "q"]:
        child.expect(": ")
        child.sendline(typed)
    assert finish(child) == 0
    (created,) = tmp_path.glob("*.yaml")
    assert created.name == "acme-2026-Q3.yaml"
    assert audit_files.load_audit(str(created)).rubric.id == "service-excellence"


def test_restart_at_a_terminal_asks_first(tmp_path: Path) -> None:
    target = tmp_path / "q3.yaml"
    CliRunner().invoke(app, ["audit", *NORDWIND, "-o", str(target)], input="4\n3\nq\n")
    child = spawn(["audit", "-o", "q3.yaml", "--restart"], tmp_path)
    child.expect(r"Start over\? This clears 2 answers in q3.yaml \[y/N\]: ")
    child.sendline("n")
    child.expect("q=quit.*: ")
    child.sendline("q")
    assert finish(child) == 0
    assert len(answers(target)) == 2


# Scripting: input that is not a terminal -------------------------------------------------------


def test_script_needs_only_the_rubric(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = ["4 greeted by name, every time", "n/a no billing here", "", "N/A", "s", "2"]
    result = runner.invoke(app, ["audit", "-r", "leadership-strategies"], input="\n".join(lines))
    assert result.exit_code == 130  # the input ended before the items did
    (made,) = tmp_path.glob("*.yaml")
    assert made.name == f"audit-{audit.current_period()}.yaml"
    assert f"Saving answers to {made.name}" in result.stderr
    assert f"Resume with: svccheck audit --output {made.name}" in result.stderr
    loaded = audit_files.load_audit(str(made)).audit
    assert (loaded.organization, loaded.unit, loaded.assessor) == (None, None, None)
    assert loaded.period == audit.current_period()
    assert list(answers(made).values()) == [
        (4, "greeted by name, every time"),
        ("n/a", "no billing here"),
        ("n/a", None),
        (2, None),
    ]
    # No follow-up question was asked (the levels shown may mention notes; the prompt never).
    assert "Note:" not in result.stderr
    assert "Note (" not in result.stderr


def test_script_to_the_end_exits_0_with_the_report(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app, ["audit", "-r", "leadership-strategies", "-o", "x.yaml"], input="3\n" * 8
    )
    assert result.exit_code == 0, result.stderr
    assert "Overall: 50.0%" in result.stdout
    assert len(answers(tmp_path / "x.yaml")) == 8


def test_script_without_a_rubric_is_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["audit"], input="3\n")
    assert result.exit_code == 2
    assert "input is not a terminal: give --rubric" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_na_typed_as_NA_is_questioned(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    result = runner.invoke(
        app, ["audit", "-r", "service-culture", "-o", str(target)], input="NA\nn.a.\nq\n"
    )
    assert result.exit_code == 0
    assert "Did you mean n/a (not applicable)? Type n or n/a." in result.stderr
    assert list(answers(target).values()) == [("n/a", None)]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param(("Acme", None, "2026-Q3", None), "acme-2026-Q3.yaml", id="org-period"),
        pytest.param(
            ("Nordwind Reisen", "Hamburg", "2026-Q2", "Dana"),
            "nordwind-reisen-hamburg-2026-Q2-dana.yaml",
            id="all",
        ),
        pytest.param((None, "EMEA", "2026-Q1", None), "emea-2026-Q1.yaml", id="unit-only"),
        pytest.param((None, None, "2026-Q1", "Kim"), "audit-2026-Q1-kim.yaml", id="no-names"),
        pytest.param(("../x", "../../etc", None, None), "x-etc.yaml", id="no-path-escape"),
    ],
)
def test_proposed_names_carry_every_field(
    fields: tuple[str | None, str | None, str | None, str | None], expected: str
) -> None:
    organization, unit, period, assessor = fields
    assert (
        audit_setup.proposed_file_name(organization, period, unit=unit, assessor=assessor)
        == expected
    )


# Small things at the prompt --------------------------------------------------------------------


def test_quit_a_note_cleared_and_today_as_the_date(runner: CliRunner, tmp_path: Path) -> None:
    import datetime

    target = tmp_path / "x.yaml"
    start = ["audit", "-r", "service-culture", "-o", str(target)]
    runner.invoke(app, start, input="3 first note\nquit\n")
    loaded = audit_files.load_audit(str(target)).audit
    assert loaded.date == datetime.date.today().isoformat()
    child = spawn(["audit", "-o", "x.yaml", "--review"], tmp_path)
    child.expect(r"first note\]: ")  # the prompt ends [3, note: first note]
    child.sendline("4")
    child.expect(r"Note \(Enter to keep, - to clear\)")
    child.sendline("-")
    child.expect(r"Evidence for a .*Enter: none.*: ")  # a 4 needs evidence
    child.sendline("")
    child.expect("q=quit.*: ")
    child.sendline("quit")
    assert finish(child) == 0
    assert list(answers(target).values()) == [(4, None)]


def test_n_a_reason_is_not_kept_as_a_score_note(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    CliRunner().invoke(
        app, ["audit", "-r", "service-culture", "-o", str(target)], input="n no such team\nq\n"
    )
    child = spawn(["audit", "-o", "x.yaml", "--review"], tmp_path)
    child.expect(r"no such team\]: ")
    child.sendline("2")
    child.expect(r"Keep it as the note\? \[y/N\]: ")
    child.sendline("")
    child.expect(r"Note \(Enter to skip, - to clear\)")
    child.sendline("")
    child.expect("q=quit.*: ")
    child.sendline("q")
    assert finish(child) == 0
    assert list(answers(target).values()) == [(2, None)]
    scripted = CliRunner().invoke(
        app, ["audit", "-o", str(target), "--review"], input="n gone\nq\n"
    )
    assert scripted.exit_code == 0
    again = CliRunner().invoke(app, ["audit", "-o", str(target), "--review"], input="3\nq\n")
    assert "The n/a reason of service-principles is not kept as the note of its score." in (
        again.stderr
    )
    assert list(answers(target).values()) == [(3, None)]
