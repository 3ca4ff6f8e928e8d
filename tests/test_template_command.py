"""``svccheck template``: the header options, the format version, and what a template is for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.audit import loading as audit_files
from svccheck.model import audit
from svccheck.model.audit import Evidence
from tests.conftest import Writer
from tests.test_edition_levels import RELEVELLED


def test_unit_and_assessor_are_filled_in(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "q4.yaml"
    result = runner.invoke(
        app,
        ["template", "service-culture", "-o", str(target), "--organization", "Nordwind",
         "--unit", "Hamburg: port", "--assessor", "Dana Lee", "--period", "2026-q4"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    made = audit_files.load_audit(str(target)).audit
    header = (made.organization, made.unit, made.period, made.assessor, made.date)
    assert header == ("Nordwind", "Hamburg: port", "2026-Q4", "Dana Lee", None)


def test_a_template_takes_evidence_as_the_docs_show_it(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "q4.yaml"
    assert runner.invoke(app, ["template", "service-culture", "-o", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    first = re.search(r"(?m)^  ([a-z0-9-]+):$", text)
    assert first is not None
    typed = f"  {first[1]}: {{score: 4, evidence: board minutes 2026-03}}"
    target.write_text(text.replace(first[0], typed, 1), encoding="utf-8")
    checked = runner.invoke(app, ["validate", str(target)])
    assert checked.exit_code == 0, checked.stderr
    scored = runner.invoke(app, ["score", str(target), "-f", "json"])
    assert scored.exit_code == 0, scored.stderr


def test_unanswered_items_are_bare_lines_under_their_guidance(
    runner: CliRunner, mini_rubric: Path
) -> None:
    result = runner.invoke(app, ["template", str(mini_rubric)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    for item, question in (("greet", "greeted"), ("resolve", "resolved"), ("billing", "right")):
        at = lines.index(f"  {item}:")
        above = lines[at - 4 : at]  # the question, then the guidance of every level
        assert above[0].startswith("  # "), above
        assert above[0].endswith(f"{question}?"), above
        assert [line.split(":")[0] for line in above[1:]] == [
            "  # 1 Not in place",
            "  # 3 Defined",
            "  # 5 World-class",
        ]


def start(template: Path, *options: str) -> list[str]:
    return ["audit", "-o", str(template), *options]


def test_audit_fills_the_fields_a_template_left_empty(runner: CliRunner, mini_rubric: Path) -> None:
    template = mini_rubric.parent / "q3.yaml"
    made = runner.invoke(
        app, ["template", str(mini_rubric), "-o", str(template), "--period", "2026-Q3"]
    )
    assert made.exit_code == 0, made.stderr
    before = template.read_text(encoding="utf-8")
    result = runner.invoke(
        app, start(template, "--unit", "EMEA", "--assessor", "Kim", "--period", "2026-Q3"),
        input="4\nq\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"Filled in unit 'EMEA'; assessor 'Kim' in {template}." in result.stderr
    after = template.read_text(encoding="utf-8")
    assert "\nunit: EMEA\n" in after
    assert "\nassessor: Kim\n" in after
    loaded = audit_files.load_audit(str(template)).audit
    assert (loaded.unit, loaded.assessor, loaded.answers[0].score) == ("EMEA", "Kim", 4)
    # Everything else the template had is still there, comments included.
    assert [line for line in before.splitlines() if line.startswith("#")] == [
        line for line in after.splitlines() if line.startswith("#")
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--period", "2026-Q4"], "period '2026-Q3', not '2026-Q4'"),
        (["--unit", "APAC"], "unit 'EMEA', not 'APAC'"),
    ],
)
def test_audit_refuses_a_conflicting_filled_field(
    runner: CliRunner, mini_rubric: Path, option: list[str], message: str
) -> None:
    template = mini_rubric.parent / "q3.yaml"
    runner.invoke(
        app, ["template", str(mini_rubric), "-o", str(template), "--period", "2026-Q3",
              "--unit", "EMEA"],
    )  # fmt: skip
    before = template.read_bytes()
    result = runner.invoke(app, start(template, *option, "--assessor", "Kim"), input="4\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "assessor" not in result.stderr.split("choose another")[0]  # empty: no conflict
    assert template.read_bytes() == before


# template --from: the next quarter from the last -----------------------------------------------

LAST = """\
svccheck: 2
rubric: mini.yaml
rubric_version: 1
organization: Acme
unit: EMEA
period: {period}
assessor: Dana
date: 2026-09-30
answers:
  greet:
    score: 4
    note: greeted by name
    evidence: {{text: survey report 2026-08, date: 2026-09}}
  resolve: {resolve}
  billing:
"""
NOT_APPLICABLE = "{score: n/a, note: no complaints desk}"


def last_quarter(write: Writer, period: str = "2026-Q3") -> Path:
    return write("q3.yaml", LAST.format(period=period, resolve=NOT_APPLICABLE))


@pytest.mark.parametrize(
    ("period", "following"),
    [
        ("2026-Q3", "2026-Q4"),
        ("2026-Q4", "2027-Q1"),
        ("2026-12", "2027-01"),
        ("2026-05", "2026-06"),
    ],
)
def test_from_carries_answers_and_header_into_the_next_period(
    runner: CliRunner, write: Writer, mini_rubric: Path, period: str, following: str
) -> None:
    last = last_quarter(write, period)
    target = mini_rubric.parent / "q4.yaml"
    result = runner.invoke(
        app, ["template", str(mini_rubric), "--from", str(last), "-o", str(target)]
    )
    assert result.exit_code == 0, result.stderr
    assert f"Carried over from {last}: 2 answers (2 scored)" in result.stderr
    made = audit_files.load_audit(str(target)).audit
    before = audit_files.load_audit(str(last)).audit
    assert made.answers == before.answers  # scores, notes and evidence, exactly
    assert (made.organization, made.unit, made.assessor) == ("Acme", "EMEA", "Dana")
    assert (made.period, made.date) == (following, None)
    assert "\n  billing:\n" in target.read_text(encoding="utf-8")  # still a bare line


def test_a_day_as_the_period_is_followed_by_the_current_quarter(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    last = last_quarter(write, "2026-09-30")
    result = runner.invoke(app, ["template", str(mini_rubric), "--from", str(last)])
    assert result.exit_code == 0, result.stderr
    assert f"\nperiod: {audit.current_period()}\n" in result.stdout


def test_options_win_over_the_last_audits_header(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    last = last_quarter(write)
    result = runner.invoke(
        app, ["template", str(mini_rubric), "--from", str(last), "--unit", "APAC",
              "--period", "2027-q2", "--assessor", "Kim"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    header = result.stdout.split("answers:")[0]
    assert "\norganization: Acme\nunit: APAC\nperiod: 2027-Q2\nassessor: Kim\ndate:\n" in header


def test_from_an_older_edition_drops_the_scores_whose_levels_changed(
    runner: CliRunner, write: Writer
) -> None:
    mini = write("mini.yaml", RELEVELLED)  # version 2: greet's levels changed
    last = write("q3.yaml", LAST.format(period="2026-Q3", resolve=3))
    target = mini.parent / "q4.yaml"
    result = runner.invoke(app, ["template", str(mini), "--from", str(last), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    made = audit_files.load_audit(str(target)).audit.answer_map()
    greet = made["greet"]
    assert (greet.score, greet.note) == (None, "greeted by name")
    assert greet.evidence == (Evidence("survey report 2026-08", "2026-09"),)
    assert made["resolve"].score == 3
    message = " ".join(result.stderr.split())
    assert "the levels of 1 item of rubric 'mini' changed in version 2" in message
    assert f"1 score of {last} (written for version 1) not carried over" in message
    assert ": greet; their notes and evidence are. Score them again" in message
    assert "Carried over from" in message
    assert "2 answers (1 scored)" in message


def test_from_refuses_another_rubric_and_never_writes_onto_the_last_audit(
    runner: CliRunner, write: Writer, mini_rubric: Path
) -> None:
    last = last_quarter(write)
    before = last.read_bytes()
    other = runner.invoke(app, ["template", "service-culture", "--from", str(last)])
    assert other.exit_code == 2
    assert "is an audit of rubric 'mini', not 'service-culture'" in other.stderr
    onto = runner.invoke(
        app, ["template", str(mini_rubric), "--from", str(last), "-o", str(last), "--force"]
    )
    assert onto.exit_code == 2
    assert "is this command's input file" in onto.stderr
    assert last.read_bytes() == before


def test_from_into_a_workbook(runner: CliRunner, write: Writer, mini_rubric: Path) -> None:
    last = last_quarter(write)
    book = mini_rubric.parent / "q4.xlsx"
    result = runner.invoke(
        app, ["template", str(mini_rubric), "--from", str(last), "-o", str(book)]
    )
    assert result.exit_code == 0, result.stderr
    made = audit_files.load_audit(str(book)).audit
    assert made.answers == audit_files.load_audit(str(last)).audit.answers
    assert made.period == "2026-Q4"


def test_the_schema_folder_is_announced_the_first_time(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "audits"
    folder.mkdir()
    first, second = folder / "q4.yaml", folder / "q1.yaml"
    made = runner.invoke(app, ["template", "service-culture", "-o", str(first)])
    assert made.exit_code == 0, made.stderr
    assert (folder / ".svccheck").is_dir()
    assert made.stderr == (
        f"Created {folder}/.svccheck/ beside {first}: the schema that lets editors check the "
        "audit (--no-schema writes none).\n"
    )
    again = runner.invoke(app, ["template", "service-culture", "-o", str(second)])
    assert again.exit_code == 0, again.stderr
    assert again.stderr == ""  # the folder is there already: said once
    elsewhere = tmp_path / "plain"
    elsewhere.mkdir()
    bare = runner.invoke(app, ["template", "service-culture", "-o", str(elsewhere / "q4.yaml"),
                               "--no-schema"])  # fmt: skip
    assert bare.exit_code == 0, bare.stderr
    assert bare.stderr == ""
    assert not (elsewhere / ".svccheck").exists()
