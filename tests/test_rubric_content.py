"""The bundled rubrics: complete, valid against their own schema, concrete, and in our own words."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from svccheck.formats.rubric.reader import RUBRIC
from svccheck.model import rubric
from tests import seed_runs

RUBRIC_FILES = sorted(rubric_search.builtin_directory().glob("*.yaml"))
PER_SEED = {
    "world-class-practices": ("000_19b7317bba1a20ac.txt", 18),
    "leadership-strategies": ("001_2e2f75812199b327.txt", 8),
    "service-value-chain": ("002_6d1eaf5b6518e44b.txt", 15),
    "customer-expectations": ("003_d45f4263a83dfabc.txt", 25),
    "service-culture": ("004_5ed849c36b9a676d.txt", 15),
}
COMPLETE = "service-excellence"


def builtins() -> dict[str, rubric.Rubric]:
    return {path.stem: rubric_files.load_rubric_file(str(path)) for path in RUBRIC_FILES}


def test_one_rubric_per_seed_and_a_complete_one() -> None:
    loaded = builtins()
    found = {r.id: (r.sources[0], r.item_count()) for r in loaded.values() if r.id != COMPLETE}
    assert found == PER_SEED
    complete = loaded[COMPLETE]
    assert sorted(complete.sources) == sorted(seed for seed, _ in PER_SEED.values())
    every_item = {item.id for r in loaded.values() for _, item in r.items()}
    assert set(complete.item_ids()) == every_item  # each practice of every seed, once


def test_the_shipped_files_are_the_item_bank() -> None:
    """Every built-in rubric is generated from rubrics/bank/ (python -m svccheck.bank)."""
    from svccheck import bank

    built = bank.build()
    assert sorted(built) == sorted(path.name for path in RUBRIC_FILES)
    for path in RUBRIC_FILES:
        assert path.read_text(encoding="utf-8") == built[path.name], path.name


def test_one_practice_one_description() -> None:
    """An item shared by several rubrics reads the same in each, and no two items share an
    action: one set of thresholds and one action list per practice."""
    seen: dict[str, tuple[object, ...]] = {}
    owner: dict[str, str] = {}
    for loaded in builtins().values():
        for _, item in loaded.items():
            content = (item.title, item.question, item.guidance, item.actions, item.weight)
            assert seen.setdefault(item.id, content) == content, item.id
            for action in item.actions:
                assert owner.setdefault(action, item.id) == item.id, action


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_every_scale_point_is_described_by_observable_evidence(path: Path) -> None:
    loaded = rubric_files.load_rubric_file(str(path))
    assert loaded.scoring_rule
    assert loaded.defaults_note
    points = list(loaded.scale.points())
    for _, item in loaded.items():
        assert [point for point, _ in item.guidance.levels] == points, item.id
        # Each level as people read it: its picture, then its criteria.
        texts = [text for _, text in item.level_texts()]
        assert all(len(text.split()) >= 15 for text in texts), item.id
        assert all(a != b for a, b in itertools.pairwise(texts)), item.id
        assert len(item.actions) >= 2
        assert item.question.rstrip().endswith("?"), item.id


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_every_item_cites_its_seeds(path: Path) -> None:
    loaded = rubric_files.load_rubric_file(str(path))
    others = {r.id: set(r.item_ids()) for r in builtins().values() if r.id != loaded.id}
    for _, item in loaded.items():
        cited = [seed for seed in loaded.sources if seed in item.source]
        assert cited, item.id
        appears_in = [rubric_id for rubric_id, ids in others.items() if item.id in ids]
        assert all(rubric_id in item.source for rubric_id in appears_in), item.id


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_rubric_fits_its_json_schema(path: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    jsonschema.validate(data, RUBRIC.schema())


def _rubric_prose(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        # An item's source and the seeds' titles are citations: they name the seed, as they must.
        cited = ("source", "source_titles")
        return [t for key, value in data.items() if key not in cited for t in _rubric_prose(value)]
    if isinstance(data, list):
        return [t for value in data for t in _rubric_prose(value)]
    return []


def _copied_runs(data: dict[str, Any], by_seed: dict[str, set[str]]) -> set[str]:
    """The seven-word runs of a rubric's prose that appear in one of its seeds."""
    seeds = set().union(*(by_seed[source] for source in data["sources"]))
    return {
        " ".join(run)
        for text in _rubric_prose(data)
        for run in seed_runs.runs(text)
        if seed_runs.fingerprint(run) in seeds
    }


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_rubric_text_does_not_copy_its_seed(path: Path) -> None:
    assert not _copied_runs(yaml.safe_load(path.read_text()), seed_runs.read())


def test_a_phrase_copied_from_a_seed_is_found() -> None:
    # The fingerprints hold no seed text, so the copy is planted the other way round: a rubric's
    # own sentence, fingerprinted as if its seed contained it.
    data = yaml.safe_load(RUBRIC_FILES[0].read_text())
    phrase = next(text for text in _rubric_prose(data) if len(seed_runs.words(text)) > 12)
    by_seed = seed_runs.read()
    source = data["sources"][0]
    by_seed[source] = by_seed[source] | {seed_runs.fingerprint(seed_runs.runs(phrase)[3])}
    assert _copied_runs(data, by_seed) == {" ".join(seed_runs.runs(phrase)[3])}


def test_the_fingerprints_cover_every_seed_a_rubric_cites() -> None:
    rubrics = [yaml.safe_load(path.read_text()) for path in RUBRIC_FILES]
    by_seed = seed_runs.read()
    assert set(by_seed) == {source for data in rubrics for source in data["sources"]}
    assert all(len(runs) > 100 for runs in by_seed.values())
    # Beside the seed articles themselves (a development checkout), they are the articles' runs.
    for path in sorted(seed_runs.SEEDS.glob("*.txt")):
        runs = seed_runs.runs(path.read_text(encoding="utf-8"))
        assert {seed_runs.fingerprint(run) for run in runs} == by_seed[path.name]


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_item_shares_sum_to_one(path: Path) -> None:
    from svccheck.engine import scoring

    loaded = rubric_files.load_rubric_file(str(path))
    assert sum(scoring.item_shares(loaded).values()) == pytest.approx(1.0)
