"""Combining audits by unit or assessor: consensus, spreads and disagreement, by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core.errors import UsageError
from svccheck.engine import combine
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Score
from svccheck.model.rubric import Rubric
from tests.conftest import Writer

UNITS = sorted((Path(__file__).resolve().parents[1] / "examples" / "units-2026-Q3").glob("*.yaml"))


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    return rubric_files.load_rubric_file(str(mini_rubric))


def entry(r: Rubric, unit: str, assessor: str, **answers: Score) -> tuple[Rubric, Audit]:
    audit = Audit(
        rubric=r.id, unit=unit, assessor=assessor, path=f"{unit}-{assessor}.yaml",
        answers=tuple(Answer(k, v) for k, v in answers.items()),
    )  # fmt: skip
    return r, audit


@pytest.fixture
def combined(mini: Rubric) -> combine.Combined:
    return combine.combine(
        [
            entry(mini, "north", "ann", greet=5, resolve=1, billing="n/a"),
            entry(mini, "south", "bob", greet=1, resolve=5, billing=3),
            entry(mini, "north", "cy", greet=3, billing="n/a"),
        ]
    )


def test_groups_average_their_audits_first(combined: combine.Combined) -> None:
    north, south = combined.groups
    assert (north.name, north.sources) == ("north", ("north-ann.yaml", "north-cy.yaml"))
    # north: greet mean(100, 50) = 75, resolve 0 (cy left it open), billing n/a both times
    assert [item.percents[0] for item in combined.items] == [75.0, 0.0, None]
    assert north.report.sections[0].score == (75 + 3 * 0) / 4
    # billing stays n/a, which counts as answered (left open, it would not)
    assert (north.report.sections[1].score, north.report.coverage) == (None, 1.0)
    assert south.report.overall == pytest.approx((2 * 75 + 50) / 3)


def test_consensus_is_the_mean_of_groups(combined: combine.Combined) -> None:
    assert [(i.id, i.mean) for i in combined.items] == [
        ("greet", 37.5),
        ("resolve", 50.0),
        ("billing", 50.0),
    ]
    consensus = combined.consensus
    assert consensus.sections[0].score == pytest.approx((37.5 + 3 * 50) / 4)
    assert consensus.overall == pytest.approx((2 * 46.875 + 50) / 3)
    assert consensus.level == "Developing"


def test_disagreement_is_two_scale_steps(combined: combine.Combined) -> None:
    assert combined.threshold == 50.0
    flagged = {i.id: (i.low_groups, i.high_groups) for i in combined.disagreements()}
    assert flagged == {"greet": (("south",), ("north",)), "resolve": (("north",), ("south",))}
    assert [i.id for i in combined.disagreements()] == ["resolve", "greet"]  # widest gap first


def test_section_spread(combined: combine.Combined) -> None:
    assert combined.section_spread(0) == pytest.approx(75 - 18.75)
    assert combined.section_spread(1) is None  # only one group scored billing


def test_one_step_apart_is_not_disagreement(mini: Rubric) -> None:
    result = combine.combine([entry(mini, "a", "x", greet=3), entry(mini, "b", "y", greet=4)])
    assert result.disagreements() == ()


def test_group_by_assessor(mini: Rubric) -> None:
    result = combine.combine(
        [entry(mini, "north", "ann", greet=5), entry(mini, "south", "ann", greet=1)],
        by="assessor",
    )
    assert [g.name for g in result.groups] == ["ann"]
    assert result.items[0].percents == (50.0,)


def test_mixed_rubrics_are_refused(mini: Rubric) -> None:
    with pytest.raises(UsageError, match="different rubrics"):
        combine.combine(
            [entry(mini, "a", "x"), entry(rubric_files.load("leadership-strategies"), "b", "y")]
        )


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_examples_in_every_format(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(app, ["combine", *map(str, UNITS), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "field" in result.stdout


def test_json_lists_every_item_with_group_percents(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(app, ["combine", *map(str, UNITS), "-f", "json"]).stdout)
    assert [g["name"] for g in data["groups"]] == ["Americas field service", "EMEA contact center"]
    assert len(data["items"]) == 18
    vision = next(i for i in data["items"] if i["id"] == "compelling-vision")
    assert vision["percents"] == {"Americas field service": 25.0, "EMEA contact center": 75.0}
    assert vision["disagreement"] is True


def test_bad_file_is_located(runner: CliRunner, write: Writer) -> None:
    bad = write("bad.yaml", "rubric: world-class-practices\nanswers:\n  compelling-vison: 3\n")
    result = runner.invoke(app, ["combine", str(UNITS[0]), str(bad)])
    assert result.exit_code == 2
    assert (
        "bad.yaml:3:3: answers: unknown item id 'compelling-vison' (did you mean" in result.stderr
    )
