"""An answer's criteria in audit files: the score they give, located mistakes, what svccheck
writes back, the per-rubric schema and the template that says how to record them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.formats.audit import loading as audit_files
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric.criteria import NOT_ASSESSED, level_reached
from svccheck.model.audit import Audit
from tests.conftest import CRITERIA_RUBRIC, Writer, app

HEAD = "svccheck: 3\nrubric: mini.yaml\nanswers:\n"


@pytest.fixture
def rubric(write: Writer) -> Path:
    return write("mini.yaml", CRITERIA_RUBRIC)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def scored(runner: CliRunner, path: Path) -> dict[str, dict[str, Any]]:
    code, out, err = run(runner, "score", str(path), "-f", "json")
    assert code == 0, err
    return {item["id"]: item for item in json.loads(out)["items"]}


@pytest.mark.parametrize(
    ("criteria", "level"),
    [
        pytest.param("{standard: met}", 2, id="one-met"),
        pytest.param("{standard: met, greeted@3: met, name-given: partly}", 3, id="partly"),
        pytest.param("{greeted@4: met}", 4, id="lower-levels-presupposed"),
        pytest.param("{greeted@4: met, standard: not-met}", 1, id="not-met-blocks"),
        pytest.param("{standard: partly, name-given: partly, greeted@4: met}", 2, id="two-partly"),
        pytest.param("{greeted@5: met, reviewed: met}", 5, id="top"),
        pytest.param("{greeted@4: met, reviewed: not-assessed}", 4, id="looked-for-never-shown"),
    ],
)
def test_criteria_without_a_score_give_the_level(
    runner: CliRunner, write: Writer, rubric: Path, criteria: str, level: int
) -> None:
    path = write("a.yaml", HEAD + f"  greet: {{criteria: {criteria}}}\n")
    assert run(runner, "validate", str(path))[0] == 0
    assert scored(runner, path)["greet"]["answer"] == level


def test_a_score_the_criteria_contradict_needs_a_note(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    path = write("a.yaml", HEAD + "  greet: {score: 4, criteria: {greeted@3: met}}\n")
    code, _, err = run(runner, "score", str(path))
    assert code == 2
    assert err.strip() == (
        f"{path}:4:18: answers.greet: score 4, but the criteria recorded give level 3; write 3, "
        "or keep 4 and say why in a note"
    )
    noted = "  greet: {score: 4, note: name tags seen, criteria: {greeted@3: met}}\n"
    write("a.yaml", HEAD + noted)
    assert scored(runner, path)["greet"]["answer"] == 4  # the assessor's score, with the reason
    write("a.yaml", HEAD + "  greet: {score: 3, criteria: {greeted@3: met}}\n")
    assert scored(runner, path)["greet"]["answer"] == 3


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        pytest.param(
            "{greetd@4: met}",
            "4:22: answers.greet.criteria: unknown criterion 'greetd@4' of item greet (did you "
            "mean 'greeted@4'?)",
            id="misspelt",
        ),
        pytest.param(
            "{greeted: met}",
            "4:22: answers.greet.criteria: unknown criterion 'greeted' of item greet: it is at "
            "several levels, write greeted@3 or greeted@4 or greeted@5",
            id="ladder-without-level",
        ),
        pytest.param(
            "{standard: seen}",
            "4:32: answers.greet.criteria.standard: expected met, partly, not-met or "
            "not-assessed (not-assessed, or left out: the evidence never showed it), got text "
            "'seen'",
            id="status",
        ),
    ],
)
def test_criterion_mistakes_are_located(
    runner: CliRunner, write: Writer, rubric: Path, criteria: str, message: str
) -> None:
    path = write("a.yaml", HEAD + f"  greet: {{criteria: {criteria}}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert code == 2
    assert f"{path}:{message}" in err
    assert err.count(f"{path}:") == 1, err  # one message: no level guessed from the rest


def test_an_item_without_criteria_names_none(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    path = write("a.yaml", HEAD + "  billing: {score: 3, criteria: {greeted@3: met}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert code == 2
    assert "unknown criterion 'greeted@3' of item billing, which has no criteria" in err


def test_criteria_need_format_3(runner: CliRunner, write: Writer, rubric: Path) -> None:
    head = HEAD.replace("svccheck: 3", "svccheck: 2")
    path = write("a.yaml", head + "  greet: {criteria: {standard: met}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert code == 2
    assert (
        f"{path}:4:11: answers.greet.criteria: needs 'svccheck: 3' or later at the top of the "
        "file (it says 2)" in err
    )


def test_nothing_recorded_is_no_answer(runner: CliRunner, write: Writer, rubric: Path) -> None:
    path = write("a.yaml", HEAD + "  greet: {criteria: {}}\n  resolve: {score: 5, criteria: {}}\n")
    items = scored(runner, path)
    assert items["greet"]["answer"] is None
    assert items["resolve"]["answer"] == 5
    looked = write("b.yaml", HEAD + "  greet: {criteria: {standard: not-assessed}}\n")
    assert scored(runner, looked)["greet"]["answer"] is None  # looked for, never shown


def test_validate_names_the_criteria_left_unjudged_near_the_level(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    path = write("a.yaml", HEAD + "  greet: {criteria: {standard: met, greeted@3: met}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert code == 0
    assert "1 ticked item leaves criteria unjudged (at or above the level given" in err
    assert "greet (level 3): name-given, greeted@4, greeted@5, reviewed" in err
    write("a.yaml", HEAD + "  greet: {criteria: {greeted@5: met, reviewed: met}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert code == 0
    assert "greet (level 5): standard, name-given" in err  # levels 2 and 3: nothing marked
    write("a.yaml", HEAD + "  greet: {criteria: {standard: met, greeted@3: not-met}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert (code, "unjudged" in err) == (0, False)  # nothing above a level not met can count
    judged = (
        "{standard: met, greeted@3: met, name-given: met, greeted@4: not-assessed, "
        "greeted@5: not-met, reviewed: not-assessed}"
    )
    write("a.yaml", HEAD + f"  greet: {{criteria: {judged}}}\n")
    code, _, err = run(runner, "validate", str(path))
    assert (code, "unjudged" in err) == (0, False)
    assert scored(runner, path)["greet"]["answer"] == 3


BODY = (
    "  greet: {criteria: {greeted@4: met, name-given: partly, standard: met}, note: tags seen}\n"
    "  resolve: 4\n"
    "  billing: {score: 2, criteria: {}}\n"
)


def test_the_next_quarter_keeps_the_criteria_exactly(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    last = write("q3.yaml", HEAD + BODY)
    target = rubric.parent / "q4.yaml"
    code, _, err = run(runner, "template", str(rubric), "--from", str(last), "-o", str(target))
    assert code == 0, err
    made = audit_files.load_audit(str(target)).audit
    assert made.answers == audit_files.load_audit(str(last)).audit.answers
    text = target.read_text(encoding="utf-8")
    assert "svccheck: 3\n" in text
    # Written as given: no score where the criteria gave it, the order recorded.
    assert (
        "  greet: {criteria: {greeted@4: met, name-given: partly, standard: met}, note: tags seen}"
        in text
    )
    assert "  billing: {score: 2, criteria: {}}\n" in text


def test_what_the_writer_writes_reads_back(write: Writer, rubric: Path) -> None:
    loaded = audit_files.load_audit(str(write("a.yaml", HEAD + BODY)))
    text = audit_writer.render_audit(loaded.rubric, loaded.audit)
    again = audit_files.parse_audit(text, str(rubric.parent / "b.yaml")).audit
    assert again.answers == loaded.audit.answers
    greet = again.answer_map()["greet"]
    assert (greet.score, greet.score_from_criteria) == (4, True)


def test_a_template_says_how_to_record_criteria(runner: CliRunner, rubric: Path) -> None:
    code, out, err = run(runner, "template", str(rubric))
    assert code == 0, err
    assert "# Or tick its criteria (ids in [brackets]) and svccheck gives the level:" in out
    assert "# not-met (a record said not to exist is not-met), not-assessed where the" in out
    assert "{criteria: {an-id: met, b@3: partly}}" in out
    assert "# 4 Managed: mostly Criteria: [greeted@4] At least 4 in 5 sampled contacts" in out
    assert "[name-given] At least 3 in 5" in out


def test_a_rubric_without_criteria_has_no_criteria_line(runner: CliRunner, write: Writer) -> None:
    from tests.conftest import MINI_RUBRIC

    path = write("plain.yaml", MINI_RUBRIC)
    code, out, _ = run(runner, "template", str(path))
    assert code == 0
    assert "Or tick its criteria" not in out
    assert "Criteria:" not in out


def test_the_rubric_schema_knows_the_criterion_keys(runner: CliRunner, rubric: Path) -> None:
    code, out, err = run(runner, "schema", "audit", "--rubric", str(rubric))
    assert code == 0, err
    validator = jsonschema.Draft202012Validator(json.loads(out))

    def errors(answer: object) -> list[str]:
        audit = {"svccheck": 3, "rubric": "mini.yaml", "answers": {"greet": answer}}
        return [error.message for error in validator.iter_errors(audit)]

    assert errors({"criteria": {"greeted@4": "met", "standard": "partly"}}) == []
    assert errors({"criteria": {"greetd@4": "met"}}) != []
    assert errors({"criteria": {"standard": "seen"}}) != []
    keys = json.loads(out)["properties"]["answers"]["properties"]["greet"]["properties"]
    described = keys["criteria"]["properties"]["greeted@4"]["description"]
    assert described == "level 4: At least 4 in 5 sampled contacts greeted."


KEYS = ["standard", "greeted@3", "name-given", "greeted@4", "greeted@5", "reviewed"]
RECORDED = st.dictionaries(
    st.sampled_from(KEYS), st.sampled_from(["met", "partly", "not-met", "not-assessed"])
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(RECORDED)
def test_the_score_from_criteria_is_the_rules_level(
    write: Writer, rubric: Path, recorded: dict[str, str]
) -> None:
    pairs = ", ".join(f"{key}: {status}" for key, status in recorded.items())
    loaded = audit_files.parse_audit(HEAD + f"  greet: {{criteria: {{{pairs}}}}}\n", str(rubric))
    greet = loaded.audit.answer_map()["greet"]
    item = rubric_files.load_rubric_file(str(rubric)).sections[0].items[0]
    statuses: dict[tuple[int, str], str] = {(c.level, c.id): NOT_ASSESSED for c in item.criteria}
    for key, status in recorded.items():
        name, _, level = key.partition("@")
        at = int(level) if level else next(c.level for c in item.criteria if c.id == name)
        statuses[(at, name)] = status
    judged = any(status != "not-assessed" for status in recorded.values())
    assert greet.score == (level_reached(statuses) if judged else None)
    assert dict(greet.criteria or ()) == recorded
    text = audit_writer.render_audit(loaded.rubric, Audit(rubric="mini.yaml", answers=(greet,)))
    assert audit_files.parse_audit(text, str(rubric)).audit.answer_map()["greet"] == greet


def test_criteria_of_levels_that_changed_are_kept_unread_and_not_carried(
    runner: CliRunner, write: Writer
) -> None:
    from tests.test_edition_levels import RELEVELLED  # version 2: greet's levels changed

    mini = write("mini.yaml", RELEVELLED)
    last = write(
        "q3.yaml",
        "svccheck: 3\nrubric: mini.yaml\nrubric_version: 1\nperiod: 2026-Q3\nanswers:\n"
        "  greet: {score: 4, note: by name, criteria: {old-measure: met}}\n  resolve: 3\n",
    )
    greet = audit_files.load_audit(str(last)).audit.answer_map()["greet"]  # not refused
    assert (greet.score, greet.criteria) == (4, (("old-measure", "met"),))
    target = mini.parent / "q4.yaml"
    code, _, err = run(runner, "template", str(mini), "--from", str(last), "-o", str(target))
    assert code == 0, err
    carried = audit_files.load_audit(str(target)).audit.answer_map()["greet"]
    assert (carried.score, carried.note, carried.criteria) == (None, "by name", None)
