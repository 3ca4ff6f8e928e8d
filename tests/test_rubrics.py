"""``svccheck rubrics`` and ``rubrics show`` as people read them at 80 columns: the list, a
rubric's overview (at most 200 lines), an item in full, and the seeds named by their titles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import output
from svccheck.formats.rubric import loading as rubric_files
from tests.conftest import MINI_RUBRIC, Writer

BUILTIN = ["customer-expectations", "leadership-strategies", "service-culture",
           "service-excellence", "service-value-chain", "world-class-practices"]  # fmt: skip
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


@pytest.fixture(autouse=True)
def _fresh_console() -> None:
    """The results console is made once per process; COLUMNS is read when it is made."""
    output.stdout.cache_clear()


def at_80(runner: CliRunner, *arguments: str, env: dict[str, str] | None = None) -> list[str]:
    result = runner.invoke(app, list(arguments), env={"COLUMNS": "80", **(env or {})})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    return lines


def test_the_list_says_built_in_once_and_gives_titles_the_width(runner: CliRunner) -> None:
    lines = at_80(runner, "rubrics")
    text = "\n".join(lines)
    assert lines[0].startswith("Available rubrics (all built-in)")
    assert text.count("built-in") == 1
    assert "origin" not in text
    titles = " ".join(" ".join(line.split("│")[2].split()) for line in lines if "│" in line)
    for rubric_id in BUILTIN:  # each title whole, on at most three lines
        assert rubric_files.load(rubric_id).title in titles, rubric_id
    assert len(lines) <= 4 + 3 * len(BUILTIN)


def test_the_list_has_an_origin_column_when_origins_differ(
    runner: CliRunner, write: Writer, tmp_path: Path
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    lines = at_80(runner, "rubrics", env={"SVCCHECK_RUBRICS_PATH": str(tmp_path)})
    assert lines[0].rstrip() == "Available rubrics"
    assert any("origin" in line for line in lines)
    assert sum("built-in" in line for line in lines) == len(BUILTIN)


@pytest.mark.parametrize("rubric_id", BUILTIN)
def test_a_rubric_is_an_overview_that_fits(runner: CliRunner, rubric_id: str) -> None:
    rubric = rubric_files.load(rubric_id)
    lines = at_80(runner, "rubrics", "show", rubric_id)
    text = "\n".join(lines)
    assert len(lines) <= 200
    # Scoring rule and sampling under their headings, in the rubric's own words.
    for heading, own in (("Scoring rule", rubric.scoring_rule), ("Sampling", rubric.sampling)):
        start = lines.index(heading)
        said = " ".join(" ".join(lines[start + 1 : start + 12]).split())
        assert " ".join(own.split())[:60] in said
    # Every item with its weight; no level texts, criteria or sources: those are the item's.
    for _, item in rubric.items():
        assert re.search(rf"^│ {item.id} +│", text, re.MULTILINE), item.id
    assert "☐" not in text
    assert not SEED_FILE.search(text)
    assert "Source" not in text.replace("Sources:", "")
    # The seeds by their titles, as the rubric file records them.
    titles = dict(rubric.source_titles)
    assert set(titles) == set(rubric.sources)
    for title in titles.values():
        assert f"  “{title}”" in lines


def test_an_item_in_full_names_its_seeds_by_title(runner: CliRunner) -> None:
    rubric = rubric_files.load("service-excellence")
    lines = at_80(runner, "rubrics", "show", "service-excellence", "compelling-vision")
    text = " ".join(" ".join(lines).split())
    assert not SEED_FILE.search(text)
    titles = dict(rubric.source_titles)
    assert f"Source: “{titles['000_19b7317bba1a20ac.txt']}”, practice 1" in text
    assert f"“{titles['002_6d1eaf5b6518e44b.txt']}”, 'Business imperative" in text
    assert "☐" in text  # the criteria are here
    assert "What each level looks like" in text


def test_a_rubric_without_titles_shows_its_file_names(runner: CliRunner, write: Writer) -> None:
    path = write("mini.yaml", MINI_RUBRIC)
    lines = at_80(runner, "rubrics", "show", str(path), "greet")
    assert "Source: test.txt, point 1" in lines


def test_a_title_for_a_source_the_rubric_does_not_name_is_located(
    runner: CliRunner, write: Writer
) -> None:
    text = MINI_RUBRIC.replace(
        "sources: [test.txt]\n", "sources: [test.txt]\nsource_titles:\n  tset.txt: A test\n"
    )
    path = write("mini.yaml", "svccheck: 2\n" + text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:8:3: source_titles: 'tset.txt' is not one of the sources" in result.stderr
