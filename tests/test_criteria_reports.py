"""What reports say of recorded criteria: ``criteria_met`` and ``next_level_missing`` per item in
``score -f json``, the line under a top action at the terminal, and the derived score equal to the
rubric's rule for any observations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric.criteria import NOT_ASSESSED, level_reached
from tests.conftest import CRITERIA_RUBRIC, Writer, app

HEAD = "svccheck: 3\nrubric: mini.yaml\nanswers:\n"


@pytest.fixture
def rubric(write: Writer) -> Path:
    return write("mini.yaml", CRITERIA_RUBRIC)


def items(runner: CliRunner, path: Path) -> dict[str, dict[str, Any]]:
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)["items"]}


@pytest.mark.parametrize(
    ("answer", "met", "missing"),
    [
        pytest.param(
            "{criteria: {standard: met, greeted@3: met, name-given: partly}}",
            ["standard", "greeted@3"],
            ["greeted@4"],
            id="level-3",
        ),
        pytest.param(
            "{score: 4, note: why, criteria: {standard: met, greeted@3: met}}",
            ["standard", "greeted@3"],
            ["greeted@5", "reviewed"],
            id="override-looks-above-the-score",
        ),
        pytest.param("{criteria: {greeted@5: met, reviewed: met}}", ["greeted@5", "reviewed"], [],
                     id="top"),
        pytest.param("{score: n/a, note: closed, criteria: {}}", [], None, id="not-applicable"),
        pytest.param("3", None, None, id="no-criteria"),
    ],
)  # fmt: skip
def test_each_item_says_what_was_met_and_what_the_next_level_misses(
    runner: CliRunner, write: Writer, rubric: Path, answer: str, met: object, missing: object
) -> None:
    path = write("a.yaml", HEAD + f"  greet: {answer}\n")
    greet = items(runner, path)["greet"]
    assert greet["criteria_met"] == met
    assert greet["next_level_missing"] == missing
    assert items(runner, path)["billing"]["criteria_met"] is None  # unanswered, no criteria


def test_blocked_below_the_next_level(runner: CliRunner, write: Writer, rubric: Path) -> None:
    path = write("a.yaml", HEAD + "  greet: {criteria: {greeted@5: met, standard: not-met}}\n")
    greet = items(runner, path)["greet"]
    assert greet["answer"] == 1
    assert greet["next_level_missing"] == ["standard"]


def test_the_top_actions_say_what_the_next_level_needs(
    runner: CliRunner, write: Writer, rubric: Path
) -> None:
    path = write("a.yaml", HEAD + "  greet: {criteria: {standard: met, greeted@3: partly}}\n")
    result = runner.invoke(app, ["score", str(path)], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "greet · now 2 Ad hoc · level 3 needs: greeted@3, name-given" in lines
    # The same words in every format that shows the actions (one view model feeds them).
    markdown = runner.invoke(app, ["score", str(path), "-f", "markdown"]).stdout
    assert "level 3 needs: greeted@3, name-given" in markdown


KEYS = ["standard", "greeted@3", "name-given", "greeted@4", "greeted@5", "reviewed"]
RECORDED = st.dictionaries(st.sampled_from(KEYS), st.sampled_from(["met", "partly", "not-met"]))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(RECORDED)
def test_the_report_scores_what_the_rule_gives(
    runner: CliRunner, write: Writer, rubric: Path, recorded: dict[str, str]
) -> None:
    pairs = ", ".join(f"{key}: {status}" for key, status in recorded.items())
    path = write("a.yaml", HEAD + f"  greet: {{criteria: {{{pairs}}}}}\n")
    greet = items(runner, path)["greet"]
    item = rubric_files.load_rubric_file(str(rubric)).sections[0].items[0]
    statuses: dict[tuple[int, str], str] = {(c.level, c.id): NOT_ASSESSED for c in item.criteria}
    for key, status in recorded.items():
        criterion = item.criterion_keys[key]
        statuses[(criterion.level, criterion.id)] = status
    assert greet["answer"] == (level_reached(statuses) if recorded else None)
    assert greet["criteria_met"] == [key for key, status in recorded.items() if status == "met"]
    if recorded:
        # What the next level misses is of that level and not recorded met; none missing below
        # the top means the next level's criteria were all seen met, directly or by a rung.
        missing = greet["next_level_missing"]
        above = [k for k, c in item.criterion_keys.items() if c.level == greet["answer"] + 1]
        assert set(missing) <= set(above)
        assert not any(recorded.get(key) == "met" for key in missing)
