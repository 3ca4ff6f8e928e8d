"""Every level's guidance outside the interactive audit: templates and ``rubrics show ID ITEM``."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.formats.rubric import loading as rubric_files


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("rubric_id", ["service-culture", "leadership-strategies"])
def test_template_carries_every_level_as_comments(
    runner: CliRunner, tmp_path: Path, rubric_id: str
) -> None:
    path = tmp_path / "t.yaml"
    assert runner.invoke(app, ["template", rubric_id, "-o", str(path)]).exit_code == 0
    text = path.read_text()
    comments = words(" ".join(line.strip().removeprefix("#") for line in text.splitlines()
                              if line.strip().startswith("#")))  # fmt: skip
    loaded = rubric_files.load(rubric_id)
    for _, item in loaded.items():
        for point, description in item.guidance.levels:
            assert words(f"{point} {loaded.scale.label(point)}: {description}") in comments
    assert max(len(line) for line in text.splitlines()) <= 96
    scored = runner.invoke(app, ["score", str(path)])
    assert scored.exit_code == 0, scored.stderr  # still a valid, blank audit


def test_rubrics_show_one_item_in_full(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubrics", "show", "service-culture", "empowerment"])
    assert result.exit_code == 0, result.stderr
    shown = words(result.stdout)
    loaded = rubric_files.load("service-culture")
    item = next(item for _, item in loaded.items() if item.id == "empowerment")
    assert words(item.question) in shown
    for point, description in item.guidance.levels:
        # A level with criteria shows its picture, then each criterion on a line of its own.
        picture, *_ = description.split(" Criteria: ")
        assert words(f"{point} {loaded.scale.label(point)}: {picture}") in shown
        keys = {id(criterion): key for key, criterion in item.criterion_keys.items()}
        for criterion in item.criteria_at(point):  # with the key an audit ticks it under
            assert words(f"☐ [{keys[id(criterion)]}] {criterion.described}") in shown
    assert item.criteria  # the built-in rubrics have criteria
    assert words(loaded.scoring_rule or "") in shown
    for action in item.actions:
        assert words(action) in shown
    assert words(f"Source: {loaded.titled(item.source)}") in shown  # the seeds by title


def test_rubrics_show_an_unknown_item(runner: CliRunner) -> None:
    result = runner.invoke(app, ["rubrics", "show", "service-culture", "empowermint"])
    assert result.exit_code == 2
    assert "has no item 'empowermint' (did you mean 'empowerment'?)" in result.stderr
