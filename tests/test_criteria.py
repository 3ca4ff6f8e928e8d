"""Observable criteria: wording from data, the writing rules, and the level they give."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.bank import BANK
from svccheck.cli.app import app
from svccheck.formats.rubric import criteria
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric.criteria import MET, NOT_ASSESSED, NOT_MET, PARTLY, level_reached
from tests.conftest import MINI_RUBRIC, Writer

ITEM: dict[str, Any] = {
    "id": "vision",
    "question": "Can sampled staff say the service vision?",
    "levels": {
        1: "No written service vision, or one nobody in the staff sample can recall.",
        2: {
            "picture": "A written vision exists but few people know it.",
            "criteria": [{"id": "written", "text": "A vision dated within {window}", "window": 36}],
        },
        3: {
            "picture": "The vision is taught, and a fair share of staff can say it.",
            "criteria": [
                {"id": "say", "text": "{share} sampled staff say it", "share": [3, 5],
                 "sample": "staff"},
            ],
        },
        4: {
            "picture": "Most staff can say the vision and see leaders act on it.",
            "criteria": [
                {"id": "say", "text": "{share} sampled staff say it", "share": [4, 5],
                 "sample": "staff"},
                {"id": "papers", "text": "{count} papers in {window} cite it", "count": 3,
                 "window": 12},
            ],
        },
        5: {
            "picture": "Its understanding is tracked, and held or rising for years.",
            "criteria": [
                {"id": "survey", "text": "A survey score held or risen in {months}",
                 "months": [10, 12]},
            ],
        },
    },
}  # fmt: skip


def test_wording_comes_from_the_data() -> None:
    levels = criteria.levels_of(ITEM)
    assert [c.text for c in levels[2]] == ["A vision dated within the last 3 years."]
    assert [c.text for c in levels[4]] == [
        "At least 4 in 5 sampled staff say it.",
        "At least 3 papers in the last 12 months cite it.",
    ]
    assert levels[5][0].text == "A survey score held or risen in 10 of the last 12 months."
    assert criteria.problems(ITEM) == []


def _with(change: str, value: Any) -> dict[str, Any]:
    item = copy.deepcopy(ITEM)
    level, index, key = change.split(".")
    item["levels"][int(level)]["criteria"][int(index)][key] = value
    return item


@pytest.mark.parametrize(
    ("change", "value", "problem"),
    [
        ("4.0.share", [3, 5], "ladder 'say': level 4 is not stronger than level 3"),
        ("4.0.text", "{share} of every sampled person say it", "asks for a whole population"),
        ("3.0.text", "{share} sampled staff say it within 5 days", "a number typed into the text"),
        ("4.1.text", "{count} papers cite it", "window is given but {window} is not in the text"),
        ("3.0.sample", "friends", "sample must be one of"),
        ("4.1.text", "at least {count} papers in {window} cite it", "says 'at least' or"),
        ("3.0.share", [5, 5], "a share of the whole sample"),
    ],
)
def test_rules_that_keep_levels_apart(change: str, value: Any, problem: str) -> None:
    assert any(problem in found for found in criteria.problems(_with(change, value)))


def test_at_most_two_criteria_a_level() -> None:
    item = copy.deepcopy(ITEM)
    extra = {"id": "more", "text": "A third thing seen"}
    item["levels"][4]["criteria"].append(extra)
    assert "level 4: 1 or 2 criteria, got 3" in criteria.problems(item)


STATUS = st.sampled_from([MET, PARTLY, NOT_MET, NOT_ASSESSED])
OBSERVED = st.dictionaries(
    st.tuples(st.integers(2, 5), st.sampled_from(["a", "b"])), STATUS, max_size=8
)


@settings(max_examples=300, deadline=None)
@given(OBSERVED)
def test_a_level_is_shown_by_one_of_its_criteria(observed: dict[tuple[int, str], str]) -> None:
    level = level_reached(observed)
    assert 1 <= level <= 5
    below = [status for (at, _), status in observed.items() if at <= level]
    assert NOT_MET not in below or level == 1
    partly = {name for (at, name), status in observed.items() if at <= level and status == PARTLY}
    assert len(partly) <= 1 or level == 1
    if level > 1:  # a criterion of the level given, or of one above it, was seen met
        assert any(status == MET for (at, _), status in observed.items() if at >= level)
    seen_met = [at for (at, _), status in observed.items() if status == MET]
    blocked = [at for (at, _), status in observed.items() if status == NOT_MET]
    partly_anywhere = {name for (_, name), status in observed.items() if status == PARTLY}
    if seen_met and not blocked and len(partly_anywhere) <= 1:  # nothing against the highest
        assert level == max(seen_met)


@settings(max_examples=300, deadline=None)
@given(OBSERVED, st.tuples(st.integers(2, 5), st.sampled_from(["a", "b"])))
def test_more_evidence_never_lowers_the_level(
    observed: dict[tuple[int, str], str], key: tuple[int, str]
) -> None:
    # Whatever the criterion was (not met, partly, not assessed, not looked at), seeing it met
    # can only keep or raise the level.
    assert level_reached({**observed, key: MET}) >= level_reached(observed)


def test_the_rule_on_examples() -> None:
    assert level_reached({}) == 1
    assert level_reached({(2, "a"): MET, (3, "a"): MET, (4, "a"): NOT_MET}) == 3
    assert level_reached({(2, "a"): MET, (3, "a"): PARTLY, (4, "a"): MET}) == 4
    assert level_reached({(2, "a"): MET, (3, "b"): PARTLY, (3, "c"): PARTLY, (4, "a"): MET}) == 2
    # A partly met criterion is tolerated, never shows a level by itself.
    assert level_reached({(2, "a"): MET, (3, "b"): PARTLY}) == 2
    assert level_reached({(2, "a"): MET, (3, "b"): PARTLY, (3, "c"): MET}) == 3
    # One measure partly met at two rungs spends the allowance once.
    ladder = {(2, "b"): MET, (3, "a"): PARTLY, (3, "c"): MET, (4, "a"): PARTLY, (4, "d"): MET}
    assert level_reached(ladder) == 4
    # A level the evidence never shows is presupposed by a level above it shown in full ...
    assert level_reached({(2, "a"): MET, (3, "b"): NOT_ASSESSED, (4, "a"): MET}) == 4
    # ... and a criterion never shown does not keep its level from being shown by the other.
    shown_once = {(2, "a"): MET, (3, "a"): MET, (3, "b"): NOT_ASSESSED, (5, "c"): NOT_ASSESSED}
    assert level_reached(shown_once) == 3
    # Never shown counts neither way at any level: one level-5 criterion seen met gives 5.
    assert level_reached({(2, "a"): MET, (5, "c"): MET, (5, "d"): NOT_ASSESSED}) == 5
    # A criterion seen met presupposes the levels below it even where one seen not met beside
    # it keeps its own level from being reached: level 2, never shown, is reached, not 1 ...
    assert level_reached({(2, "a"): NOT_ASSESSED, (3, "b"): MET, (3, "c"): NOT_MET}) == 2
    # ... and a level with a criterion seen not met is no level: the one below it is given.
    assert level_reached({(2, "a"): NOT_MET, (3, "b"): MET}) == 1
    blocked_at_4 = {(2, "a"): MET, (3, "x"): NOT_ASSESSED, (4, "b"): NOT_MET, (5, "c"): MET}
    assert level_reached(blocked_at_4) == 3
    # A met rung meets the lower rungs of its measure that the evidence did not show.
    assert level_reached({(2, "a"): NOT_ASSESSED, (3, "a"): NOT_ASSESSED, (4, "a"): MET}) == 4
    # Seen short below stops the climb, whatever is seen above.
    assert level_reached({(2, "a"): MET, (3, "b"): NOT_MET, (5, "c"): MET}) == 2


def _bank_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load((BANK / "items.yaml").read_text())
    return [item for item in items if "levels" in item]


@pytest.mark.parametrize("item", _bank_items(), ids=lambda item: str(item["id"]))
def test_every_bank_item_partitions_its_evidence(item: dict[str, Any]) -> None:
    assert criteria.problems(item) == []


GREET_SOURCE = "        source: test.txt, point 1\n"
CRITERIA_RUBRIC = MINI_RUBRIC.replace(
    "id: mini\n", "svccheck: 2\nid: mini\nsampling: Five staff at random.\n"
).replace(
    GREET_SOURCE,
    GREET_SOURCE + "        criteria:\n          3: [{id: seen, text: Greetings seen.}]\n"
    "          5: [{id: seen, text: Greetings seen twice.}]\n",
)


def test_a_rubric_carries_its_criteria_and_sampling(write: Writer, runner: CliRunner) -> None:
    path = write("crit.yaml", CRITERIA_RUBRIC)
    loaded = rubric_files.load_rubric_file(str(path))
    greet = loaded.sections[0].items[0]
    assert [(c.level, c.id, c.text) for c in greet.criteria] == [
        (3, "seen", "Greetings seen."),
        (5, "seen", "Greetings seen twice."),
    ]
    assert greet.criteria_at(5)[0].text == "Greetings seen twice."
    shown = runner.invoke(app, ["rubrics", "show", str(path)], env={"COLUMNS": "100"})
    assert shown.exit_code == 0, shown.stderr
    assert "Sampling\n  Five staff at random." in shown.stdout


def test_criteria_at_the_lowest_point_are_refused(write: Writer, runner: CliRunner) -> None:
    path = write("crit.yaml", CRITERIA_RUBRIC.replace("          3: [", "          1: ["))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "criteria: level 1 is not above the lowest point" in result.stderr


def test_the_bank_has_no_criteria_problem() -> None:
    from svccheck import bank

    assert bank.problems() == []


OWNERS = (
    "chief executive", "head of service", "department head", "team leader", "hr lead",
    "training lead", "quality lead", "operations lead", "reporting analyst", "finance lead",
    "sales lead",
)  # fmt: skip
TIME_FRAME = re.compile(
    r"\b(within|from next|every|each (week|month|quarter|year)|this quarter|next quarter|"
    r"monthly|quarterly|weekly|yearly|before|after|for the next|in the next|starting|"
    r"days?|weeks?|months?|quarters?|years?)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("item", _bank_items(), ids=lambda item: str(item["id"]))
def test_every_action_names_an_owner_and_a_time_frame(item: dict[str, Any]) -> None:
    for action in item["actions"]:
        text = " ".join(action.split()).lower().removeprefix("the ").removeprefix("each ")
        assert text.startswith(OWNERS), action
        assert TIME_FRAME.search(text), action


def test_the_worked_example_of_docs_scoring() -> None:
    # docs/scoring.md, "Levels from criteria": a at 2, b at 3, c and d at 4, e at 5.
    example = {(2, "a"): MET, (3, "b"): PARTLY, (4, "c"): MET, (4, "d"): MET, (5, "e"): NOT_MET}
    assert level_reached(example) == 4
    assert level_reached({**example, (4, "d"): NOT_ASSESSED}) == 4
    assert level_reached({**example, (4, "d"): NOT_MET}) == 3  # c, met, shows level 3
    assert level_reached({**example, (4, "d"): NOT_MET, (2, "a"): PARTLY}) == 2
    assert level_reached({**example, (3, "b"): NOT_ASSESSED}) == 4
