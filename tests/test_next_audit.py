"""``svccheck audit --from LAST``: the next quarter started from the last one's answers."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.audit import loading as audit_files
from svccheck.model.audit import Answer, Evidence
from tests.conftest import Writer
from tests.test_edition_levels import RELEVELLED
from tests.test_template_command import LAST, NOT_APPLICABLE

PROPOSED = "acme-emea-2026-Q4-dana.yaml"


@pytest.fixture
def last(write: Writer, mini_rubric: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(mini_rubric.parent)
    return write("q3.yaml", LAST.format(period="2026-Q3", resolve=NOT_APPLICABLE))


def test_from_keeps_what_enter_keeps_and_changes_what_is_typed(
    runner: CliRunner, last: Path
) -> None:
    # Enter keeps greet's carried answer, resolve gets a new one, billing (never answered) is
    # skipped.
    result = runner.invoke(app, ["audit", "--from", "q3.yaml"], input="\n2 slow replies\ns\n")
    assert result.exit_code == 0, result.stderr
    assert "Carried over from q3.yaml: 2 answers (2 scored)" in result.stderr
    assert f"Saving answers to {PROPOSED}" in result.stderr
    shown = " ".join(result.stderr.split())  # prompts wrap at 80 columns
    assert f"Started {PROPOSED} for 2026-Q4 from q3.yaml. Enter keeps an answer; j 12" in shown
    assert "[4, note: greeted by name, evidence: survey report 2026-08 2026-09]:" in shown
    made = audit_files.load_audit(PROPOSED).audit
    assert made.answer_map()["greet"] == Answer(
        "greet", 4, "greeted by name", (Evidence("survey report 2026-08", "2026-09"),)
    )
    assert made.answer_map()["resolve"] == Answer("resolve", 2, "slow replies")
    assert made.answer_map().get("billing") in (None, Answer("billing", None))
    header = (made.organization, made.unit, made.period, made.assessor, made.date)
    assert header == ("Acme", "EMEA", "2026-Q4", "Dana", _dt.date.today().isoformat())
    assert audit_files.load_audit("q3.yaml").audit.period == "2026-Q3"  # the last one untouched


def test_changing_one_answer_takes_a_jump_not_an_enter_per_item(
    runner: CliRunner, last: Path
) -> None:
    result = runner.invoke(
        app, ["audit", "--from", "q3.yaml", "-o", "q4.yaml"], input="j 2\n1\nq\n"
    )
    assert result.exit_code == 0, result.stderr
    before = audit_files.load_audit("q3.yaml").audit.answer_map()
    after = audit_files.load_audit("q4.yaml").audit.answer_map()
    assert after["greet"] == before["greet"]
    assert after["resolve"] == Answer("resolve", 1)  # the n/a reason is not the score's note


def test_from_never_takes_an_existing_file(runner: CliRunner, last: Path) -> None:
    runner.invoke(app, ["audit", "--from", "q3.yaml"], input="q\n")
    before = Path(PROPOSED).read_bytes()
    again = runner.invoke(app, ["audit", "--from", "q3.yaml"], input="1\n")
    assert again.exit_code == 2
    assert f"{PROPOSED} already exists, and --from starts a new audit" in again.stderr
    assert f"svccheck audit -o {PROPOSED}" in again.stderr
    onto = runner.invoke(app, ["audit", "--from", "q3.yaml", "-o", "q3.yaml"], input="1\n")
    assert onto.exit_code == 2
    assert Path(PROPOSED).read_bytes() == before
    assert audit_files.load_audit("q3.yaml").audit.period == "2026-Q3"


def test_from_refuses_another_rubric_and_restart(runner: CliRunner, last: Path) -> None:
    other = runner.invoke(app, ["audit", "--from", "q3.yaml", "-r", "service-culture"])
    assert other.exit_code == 2
    assert "is an audit of rubric 'mini', not 'service-culture'" in other.stderr
    both = runner.invoke(app, ["audit", "--from", "q3.yaml", "--restart"])
    assert both.exit_code == 2
    assert "--restart clears an existing audit and --from starts a new one" in both.stderr
    assert not Path(PROPOSED).exists()


def test_from_an_older_edition_asks_again_for_the_relevelled_item(
    runner: CliRunner, write: Writer, last: Path
) -> None:
    write("mini.yaml", RELEVELLED)  # version 2: greet's levels changed since q3.yaml's version 1
    result = runner.invoke(
        app, ["audit", "--from", "q3.yaml", "--period", "2027-Q1", "-o", "next.yaml"],
        input="\n5 new criteria met\n\ns\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    message = " ".join(result.stderr.split())
    assert "1 score of q3.yaml (written for version 1) not carried over" in message
    assert "Type a score" in message  # Enter alone does not pass an item without an answer
    made = audit_files.load_audit("next.yaml").audit
    assert made.answer_map()["greet"] == Answer(
        "greet", 5, "new criteria met", (Evidence("survey report 2026-08", "2026-09"),)
    )
    assert made.answer_map()["resolve"] == Answer("resolve", "n/a", "no complaints desk")
    assert (made.period, made.rubric_version) == ("2027-Q1", 2)
