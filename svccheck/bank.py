"""Build the shipped rubric files from the item bank: ``python -m svccheck.bank [--check]``.

Every distinct practice is described once, in ``rubrics/bank/items.yaml``; the built-in rubrics
are compositions of those items, in ``rubrics/bank/editions.yaml``; the seed articles' titles are
in ``rubrics/bank/sources.yaml``. This writes each edition as
a self-contained rubric file in ``rubrics/`` (a person can copy one and make it their own
edition), so that no two built-in rubrics can describe one practice with different thresholds.
``--check`` writes nothing and exits 1 if a shipped file differs from what the bank gives; the
test suite runs the same comparison. Not used at run time: the CLI never imports this module.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

from svccheck.formats.rubric.criteria import levels_of
from svccheck.formats.rubric.criteria import problems as criteria_problems

ROOT = Path(__file__).resolve().parents[1]
BANK = ROOT / "rubrics" / "bank"
WIDTH = 100
LEVEL_ONE = "Short of level 2, for example: "
HEADER = (
    "# Generated from rubrics/bank/ (items.yaml, editions.yaml) by `python -m svccheck.bank`:\n"
    "# change the bank, not this file. A copy of this file is a complete rubric of your own:\n"
    "# give it your own id or put it in SVCCHECK_RUBRICS_PATH (see docs/rubric-format.md).\n"
)


def _quoted(text: str) -> str:
    """A one-line YAML value that reads back as ``text`` in svccheck and in editors."""
    from svccheck.formats.audit.writer import flow_value

    return flow_value(text)


def _folded(key: str, text: str, indent: int) -> list[str]:
    """``key: >-`` and the text wrapped below it: how people write long text in YAML."""
    pad = " " * (indent + 2)
    wrapped = textwrap.wrap(
        " ".join(text.split()), WIDTH - len(pad), break_long_words=False, break_on_hyphens=False
    )
    return [f"{' ' * indent}{key}>-", *(pad + line for line in wrapped)]


def _source(item: dict[str, Any], edition: dict[str, Any], appears_in: list[str]) -> str:
    """The seed points the item covers: the edition's own seeds, and where else it appears."""
    seeds = set(edition["sources"])
    by_seed: dict[str, list[str]] = {}
    for cover in item["covers"]:
        if cover["seed"] in seeds:
            by_seed.setdefault(cover["seed"], []).append(cover["point"])
    cited = "; ".join(f"{seed}, {', '.join(points)}" for seed, points in by_seed.items())
    others = [rubric for rubric in appears_in if rubric != edition["id"]]
    return f"{cited}; also in {', '.join(others)}" if others else cited


def level_one(picture: str) -> str:
    """Level 1 as the rule gives it: whatever falls short of level 2 (a level-2 criterion seen
    not met, or none seen met), the bank's picture only an example of it, so that evidence of
    something partly in place never contradicts the level the rule gives."""
    picture = " ".join(picture.split())
    return f"{LEVEL_ONE}{picture[0].lower()}{picture[1:]}"


def _guidance(item: dict[str, Any]) -> dict[int, str]:
    """Each level's text: the bank's prose, or a level's picture (its criteria are written
    apart, and the views that show a level as prose append them)."""
    if "levels" not in item:
        return dict(item["guidance"])
    levels = item["levels"]
    texts = {1: level_one(str(levels[1]))}
    for level in levels_of(item):
        texts[level] = " ".join(str(levels[level]["picture"]).split())
    return texts


def _item_lines(item: dict[str, Any], edition: dict[str, Any], appears_in: list[str]) -> list[str]:
    lines = [f"      - id: {item['id']}"]
    previous = set(edition.get("previous_items", ()))
    replaced = [old for old in item.get("replaces", ()) if old in previous and old != item["id"]]
    if replaced:
        lines.append(f"        replaces: [{', '.join(replaced)}]")
    lines.append(f"        title: {_quoted(item['title'])}")
    lines += _folded("question: ", item["question"], 8)
    lines.append("        guidance:")
    guidance = _guidance(item)
    for point in sorted(guidance):
        lines += _folded(f"{point}: ", guidance[point], 10)
    if "levels" in item and "levels_since" in edition:
        lines.append(f"        levels_since: {edition['levels_since']}")
    if "levels" in item:
        lines.append("        criteria:")
        for level, found in levels_of(item).items():
            lines.append(f"          {level}:")
            for criterion in found:
                lines.append(f"            - id: {criterion.id}")
                lines += _folded("text: ", criterion.text, 14)
                if criterion.band is not None:
                    lines.append(f"              partly: {_quoted(criterion.band)}")
    if item.get("weight", 1) != 1:
        lines.append(f"        weight: {item['weight']}")
    lines.append(f"        source: {_quoted(_source(item, edition, appears_in))}")
    lines.append("        actions:")
    for action in item["actions"]:
        lines += _folded("- ", action, 10)
    return lines


def _header_lines(edition: dict[str, Any], titles: dict[str, str]) -> list[str]:
    scale = edition["scale"]
    titled = [source for source in edition["sources"] if source in titles]
    labels = [f"    {point}: {_quoted(label)}" for point, label in scale["labels"].items()]
    return [
        "svccheck: 2",
        f"id: {edition['id']}",
        f"title: {_quoted(edition['title'])}",
        f"version: {edition['version']}",
        *_folded("description: ", edition["description"], 0),
        "sources:",
        *(f"  - {_quoted(source)}" for source in edition["sources"]),
        *(["source_titles:"] if titled else []),
        *(f"  {_quoted(source)}: {_quoted(titles[source])}" for source in titled),
        "scale:",
        f"  min: {scale['min']}",
        f"  max: {scale['max']}",
        "  labels:",
        *labels,
        f"target: {edition['target']}",
        *(
            f"{key}: {edition[key]}"
            for key in ("evidence_from", "evidence_max_age")
            if key in edition
        ),
        *_folded("scoring_rule: ", edition["scoring_rule"], 0),
        *_folded("defaults_note: ", edition["defaults_note"], 0),
        *(_folded("sampling: ", edition["sampling"], 0) if "sampling" in edition else []),
    ]


def render(
    edition: dict[str, Any],
    items: dict[str, dict[str, Any]],
    used: dict[str, list[str]],
    titles: dict[str, str] | None = None,
) -> str:
    """One edition as the text of a self-contained rubric file; ``titles`` are the seeds'
    (``sources.yaml``), written as the rubric's ``source_titles``."""
    lines = _header_lines(edition, titles or {})
    lines.append("sections:")
    for section in edition["sections"]:
        lines.append(f"  - id: {section['id']}")
        lines.append(f"    title: {_quoted(section['title'])}")
        if section.get("description"):
            lines += _folded("description: ", section["description"], 4)
        lines.append("    items:")
        for item_id in section["items"]:
            lines += _item_lines(items[item_id], edition, used[item_id])
    return HEADER + "\n".join(lines) + "\n"


def problems(bank: Path = BANK) -> list[str]:
    """Every item whose criteria break the rules of :mod:`svccheck.formats.rubric.criteria`."""
    items = yaml.safe_load((bank / "items.yaml").read_text())
    return [
        f"{item['id']}: {problem}"
        for item in items
        if "levels" in item
        for problem in criteria_problems(item)
    ]


def build(bank: Path = BANK) -> dict[str, str]:
    """Every edition's file name and text."""
    items = {item["id"]: item for item in yaml.safe_load((bank / "items.yaml").read_text())}
    editions = yaml.safe_load((bank / "editions.yaml").read_text())
    titles = yaml.safe_load((bank / "sources.yaml").read_text())
    used: dict[str, list[str]] = {item_id: [] for item_id in items}
    for edition in editions:
        for section in edition["sections"]:
            for item_id in section["items"]:
                used[item_id].append(edition["id"])
    return {f"{edition['id']}.yaml": render(edition, items, used, titles) for edition in editions}


def main(arguments: list[str]) -> int:
    """Write the rubric files, or with ``--check`` compare them; 1 when they differ."""
    target = BANK.parent
    wrong = problems()
    for problem in wrong:
        print(f"{BANK / 'items.yaml'}: {problem}", file=sys.stderr)
    if wrong:
        return 1
    stale = [
        name
        for name, text in build().items()
        if not (target / name).is_file() or (target / name).read_text(encoding="utf-8") != text
    ]
    if "--check" in arguments:
        for name in stale:
            print(f"{target / name}: differs from the item bank; run python -m svccheck.bank")
        return 1 if stale else 0
    for name, text in build().items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(build())} rubric files to {target} ({len(stale)} changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
