"""The bundled rubrics: complete, valid against their own schema, concrete, and in our own words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from svccheck import rubric
from svccheck.rubric_format import RUBRIC

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
RUBRIC_FILES = sorted(rubric.builtin_directory().glob("*.yaml"))
EXPECTED_ITEMS = {
    "world-class-practices": ("000_19b7317bba1a20ac.txt", 15),
    "leadership-strategies": ("001_2e2f75812199b327.txt", 4),
    "service-value-chain": ("002_6d1eaf5b6518e44b.txt", 9),
    "customer-expectations": ("003_d45f4263a83dfabc.txt", 20),
    "service-culture": ("004_5ed849c36b9a676d.txt", 12),
}


def test_one_rubric_per_seed_with_the_expected_item_counts() -> None:
    loaded = {path.stem: rubric.load_rubric_file(str(path)) for path in RUBRIC_FILES}
    found = {r.id: (r.sources[0], r.item_count()) for r in loaded.values()}
    assert found == EXPECTED_ITEMS


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_rubric_fits_its_json_schema(path: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    jsonschema.validate(data, RUBRIC.schema())


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_every_item_cites_the_rubrics_seed_and_is_concrete(path: Path) -> None:
    loaded = rubric.load_rubric_file(str(path))
    for _, item in loaded.items():
        assert item.source.startswith(loaded.sources[0]), item.id
        # Guidance that names evidence takes sentences, not a word; three levels must differ.
        for level in (item.guidance.low, item.guidance.mid, item.guidance.high):
            assert len(level.split()) >= 20, item.id
        assert len({item.guidance.low, item.guidance.mid, item.guidance.high}) == 3
        assert len(item.actions) >= 2
        assert item.question.rstrip().endswith("?"), item.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _rubric_prose(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for key, value in data.items() if key != "source" for t in _rubric_prose(value)]
    if isinstance(data, list):
        return [t for value in data for t in _rubric_prose(value)]
    return []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not beside this checkout")
@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_rubric_text_does_not_copy_its_seed(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    seed = _words((SEEDS / data["sources"][0]).read_text(encoding="utf-8"))
    run = 7  # seven words in a row is a copied phrase, not a shared term
    seed_runs = {tuple(seed[i : i + run]) for i in range(len(seed) - run + 1)}
    copied = set()
    for text in _rubric_prose(data):
        words = _words(text)
        copied |= {
            " ".join(words[i : i + run])
            for i in range(len(words) - run + 1)
            if tuple(words[i : i + run]) in seed_runs
        }
    assert not copied


@pytest.mark.parametrize("path", RUBRIC_FILES, ids=lambda p: p.stem)
def test_item_shares_sum_to_one(path: Path) -> None:
    from svccheck import scoring

    loaded = rubric.load_rubric_file(str(path))
    assert sum(scoring.item_shares(loaded).values()) == pytest.approx(1.0)
