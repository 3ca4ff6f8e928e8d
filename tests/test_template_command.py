"""``svccheck template``: the header options, the format version, and what a template is for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.audit import loading as audit_files


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
