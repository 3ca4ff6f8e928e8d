"""The item bank behind the built-in rubrics: owners, coverage of every seed point, editions.

The shipped rubric files are generated from ``rubrics/bank/`` (``python -m svccheck.bank``);
tests/test_rubric_content.py checks the files themselves. These checks are about the bank: every
action has one owner from the documented list (docs/item-bank.md), no two actions are near
repeats, every point of every seed is covered by its own rubric and by the complete one, and
every item of the version-1 rubrics has exactly one successor, present in its rubric's edition.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

BANK = Path(__file__).resolve().parents[1] / "rubrics" / "bank"
ITEMS: list[dict[str, Any]] = yaml.safe_load((BANK / "items.yaml").read_text(encoding="utf-8"))
EDITIONS: list[dict[str, Any]] = yaml.safe_load(
    (BANK / "editions.yaml").read_text(encoding="utf-8")
)
BY_ID = {item["id"]: item for item in ITEMS}
OWNERS = [
    "chief executive",
    "head of service",
    "department head",
    "team leader",
    "HR lead",
    "training lead",
    "quality lead",
    "operations lead",
    "reporting analyst",
    "finance lead",
    "sales lead",
]

# A substring of a covered point, for every point of every seed.
SEED_POINTS = {
    "000_19b7317bba1a20ac.txt": [f"practice {n} " for n in range(1, 16)],
    "001_2e2f75812199b327.txt": [
        "opening",
        "strategy 1",
        "strategy 2",
        "strategy 3",
        "strategy 4",
        "closing paragraph",
    ],
    "002_6d1eaf5b6518e44b.txt": [
        "opening saying",
        "'Business imperative",
        "'Listening posts'",
        "'Service strategy and goals'",
        "'Customer-driven processes'",
        "'People development'",
        "'Empowerment'",
        "'Communication'",
        "'Reward and recognition'",
        "'Sustaining a customer focus'",
        "closing paragraph",
    ],
    "003_d45f4263a83dfabc.txt": [
        "reason 1",
        "reason 2",
        "reason 3",
        "paragraph 2",
        "first understand",
    ]
    + [f"expectation {n} " for n in range(1, 10)]
    + ["exceeds the minimal", "peaks and valleys", "hiring paragraph"]
    + [f"foundation {n} " for n in range(1, 12)]
    + ["requirements beyond", "closing"],
    "004_5ed849c36b9a676d.txt": [
        "'The problem with Customer Service Training' para 1",
        "'The problem with Customer Service Training' para 2",
        "'The problem with Customer Service Training' para 3",
        "paras 3-4",
        "para 1 (shared principles",
        "educated",
        "motivated",
        "recognized",
        "rewarded",
        "para 3 (designed",
        "para 3 (leadership)",
        "momentum",
        "para 3 (support)",
        "'Why bother?' para 1",
        "'Why bother?' paras 1-2",
        "'What's next?' para 2",
        "'What's next?' para 4",
        "'What's next?' closing line",
    ],
}


def _words(text: str) -> set[str]:
    stop = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with"}
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in stop}


def edition_ids(edition: dict[str, Any]) -> list[str]:
    return [item_id for section in edition["sections"] for item_id in section["items"]]


def test_every_action_has_one_owner_from_the_list() -> None:
    for item in ITEMS:
        for action in item["actions"]:
            head = action.split(",")[0].lower()
            assert any(owner.lower() in head for owner in OWNERS), (item["id"], action)


def test_no_two_actions_are_near_repeats() -> None:
    actions = [(item["id"], action) for item in ITEMS for action in item["actions"]]
    for (first_id, first), (second_id, second) in itertools.combinations(actions, 2):
        a, b = _words(first), _words(second)
        assert len(a & b) / len(a | b) <= 0.45, (first_id, second_id)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e["id"])
def test_every_seed_point_is_covered(edition: dict[str, Any]) -> None:
    ids = edition_ids(edition)
    assert len(ids) == len(set(ids))
    for seed in edition["sources"]:
        cited = [c["point"] for i in ids for c in BY_ID[i]["covers"] if c["seed"] == seed]
        missing = [point for point in SEED_POINTS[seed] if not any(point in c for c in cited)]
        assert not missing, (seed, missing)


@pytest.mark.parametrize(
    "edition", [e for e in EDITIONS if "previous_items" in e], ids=lambda e: e["id"]
)
def test_every_earlier_item_has_one_successor_in_its_edition(edition: dict[str, Any]) -> None:
    ids = edition_ids(edition)
    for old in edition["previous_items"]:
        successors = [i for i in ids if old == i or old in BY_ID[i].get("replaces", ())]
        assert len(successors) >= 1, old
        assert len({s for s in successors if s != old}) <= 1, (old, successors)


def test_the_complete_rubric_holds_every_bank_item_once() -> None:
    (complete,) = [e for e in EDITIONS if e["id"] == "service-excellence"]
    assert sorted(edition_ids(complete)) == sorted(BY_ID)
