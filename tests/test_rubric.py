"""Loading rubrics: every kind of mistake is reported at its exact file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from svccheck.core.errors import InvalidFileError, NotFoundError
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from tests.conftest import MINI_RUBRIC, Writer


def problems_of(write: Writer, text: str) -> list[str]:
    path = write("broken.yaml", text)
    with pytest.raises(InvalidFileError) as caught:
        rubric_files.load_rubric_file(str(path))
    return [line.replace(str(path), "FILE") for line in caught.value.lines()]


def test_mini_rubric_loads_with_defaults(mini_rubric: Path) -> None:
    loaded = rubric_files.load_rubric_file(str(mini_rubric))
    assert loaded.id == "mini"
    assert (loaded.scale.min, loaded.scale.max) == (1, 5)
    assert loaded.scale.label(5) == "World-class"
    assert loaded.target == 75
    assert [level.name for level in loaded.levels] == [
        "Reactive",
        "Emerging",
        "Developing",
        "Established",
        "World-class",
    ]
    assert loaded.item_ids() == ["greet", "resolve", "billing"]
    assert [section.weight for section in loaded.sections] == [2, 1]
    assert [item.weight for _, item in loaded.items()] == [1, 3, 1]


BROKEN = [
    pytest.param(
        MINI_RUBRIC.replace("title: Mini rubric\n", "title: [unclosed\n"),
        [
            "FILE:3:8: invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence)"
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        MINI_RUBRIC.replace("version: 1\n", "version: one\n"),
        ["FILE:3:10: version: expected a whole number, got text 'one'"],
        id="wrong-type",
    ),
    pytest.param(
        MINI_RUBRIC.replace("description: Two sections for tests.\n", ""),
        ["FILE:1:1: the document: missing required key 'description'"],
        id="missing-key",
    ),
    pytest.param(
        MINI_RUBRIC.replace("        weight: 3\n", "        wieght: 3\n"),
        ["FILE:21:9: sections[0].items[1]: unknown key 'wieght' (did you mean 'weight'?)"],
        id="unknown-key",
    ),
    pytest.param(
        MINI_RUBRIC.replace("version: 1\n", "version: 1\nversion: 2\n"),
        [
            "FILE:4:1: duplicate key 'version' (first at line 3); "
            "YAML would silently keep only the last one"
        ],
        id="duplicate-key",
    ),
    pytest.param(
        MINI_RUBRIC.replace("      - id: billing", "      - id: greet"),
        ["FILE:28:13: duplicate item id 'greet' (first at line 11)"],
        id="duplicate-item-id",
    ),
    pytest.param(
        MINI_RUBRIC.replace("  - id: back", "  - id: front"),
        ["FILE:24:9: duplicate section id 'front' (first at line 7)"],
        id="duplicate-section-id",
    ),
    pytest.param(
        MINI_RUBRIC.replace(
            "sections:\n", "scale: {min: 0, max: 3, labels: {0: a, 1: b}}\nsections:\n"
        ),
        ["FILE:6:33: scale.labels: no label for 2, 3"],
        id="scale-labels-missing",
    ),
    pytest.param(
        MINI_RUBRIC.replace("        weight: 3\n", "        weight: 0\n"),
        ["FILE:21:17: sections[0].items[1].weight: must be greater than 0, got 0"],
        id="weight-zero",
    ),
    pytest.param(
        MINI_RUBRIC.replace("    weight: 2\n", "    weight: -1\n"),
        ["FILE:9:13: sections[0].weight: must be greater than 0, got -1"],
        id="section-weight-negative",
    ),
    pytest.param(
        MINI_RUBRIC.replace("    weight: 1\n", ""),
        [
            "FILE:24:5: sections[1]: has none, unlike sections[0]; set weight on every section "
            "or on none (with none, each item counts by its own weight)"
        ],
        id="section-weights-mixed",
    ),
    pytest.param(
        "svccheck: 2\n"
        + MINI_RUBRIC.replace(
            "        weight: 3\n", "        weight: 3\n        replaces: [greet]\n"
        ),
        ["FILE:23:19: replaces: 'greet' is still an item of this rubric"],
        id="replaces-a-current-item",
    ),
    pytest.param(
        MINI_RUBRIC.replace(
            "        weight: 3\n", "        weight: 3\n        replaces: [hello]\n"
        ),
        [
            "FILE:22:9: sections[0].items[1].replaces: needs 'svccheck: 2' or later at the top "
            "of the file (it says 1)"
        ],
        id="version-2-key-in-a-version-1-file",
    ),
    pytest.param(
        MINI_RUBRIC.replace(
            "sections:\n",
            "levels: [{name: Low, min: 0}, {name: High, min: 50}, {name: Mid, min: 30}]\n"
            "sections:\n",
        ),
        ["FILE:6:71: levels[2].min: levels must ascend; 30 is not above 50"],
        id="levels-not-ascending",
    ),
    pytest.param(
        MINI_RUBRIC.replace(
            "actions: [Sample 50 invoices., Fix the top error cause.]", "actions: [One.]"
        ),
        ["FILE:33:18: sections[1].items[0].actions: expected at least 2 entries, got 1"],
        id="too-few-actions",
    ),
    pytest.param(
        MINI_RUBRIC.replace("id: mini", "id: Mini Rubric"),
        ["FILE:1:5: id: expected a kebab-case id, got text 'Mini Rubric'"],
        id="id-not-kebab",
    ),
    pytest.param(
        MINI_RUBRIC.replace("title: Mini rubric", "title: !!python/object:os.system x"),
        [
            "FILE:2:8: unsupported tag 'tag:yaml.org,2002:python/object:os.system' "
            "(only plain YAML values are allowed)"
        ],
        id="python-tag",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_broken_rubric_reports_exact_location(
    write: Writer, text: str, expected: list[str]
) -> None:
    assert problems_of(write, text) == expected


def test_every_problem_is_reported_at_once(write: Writer) -> None:
    text = MINI_RUBRIC.replace("version: 1\n", "version: x\n").replace(
        "        weight: 3\n", "        wieght: 3\n"
    )
    assert len(problems_of(write, text)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", "FILE: expected a rubric (a mapping), got an empty file", id="empty"),
        pytest.param(
            "- a\n- b\n", "FILE:1:1: expected a rubric (a mapping), got a list", id="list"
        ),
        pytest.param("42\n", "FILE:1:1: expected a rubric (a mapping), got 42", id="scalar"),
    ],
)
def test_not_a_mapping(write: Writer, text: str, expected: str) -> None:
    assert problems_of(write, text) == [expected]


def test_custom_scale_and_levels(write: Writer) -> None:
    text = MINI_RUBRIC.replace(
        "sections:\n",
        "scale: {min: 0, max: 4, labels: {0: None, 1: Low, 2: Some, 3: Most, 4: All}}\n"
        "levels: [{name: Start, min: 0}, {name: Good, min: 70}]\ntarget: 90\nsections:\n",
    )
    loaded = rubric_files.load_rubric_file(str(write("custom.yaml", text)))
    assert loaded.scale.label(0) == "None"
    assert list(loaded.scale.points()) == [0, 1, 2, 3, 4]
    assert [(level.name, level.min) for level in loaded.levels] == [("Start", 0), ("Good", 70)]
    assert loaded.target == 90


def test_builtin_ids_resolve() -> None:
    assert rubric_files.load("world-class-practices").item_count() == 18


def test_unknown_id_suggests_the_closest() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'service-culture'"):
        rubric_files.load("service-cultur")


def test_missing_rubric_path_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="does not exist"):
        rubric_files.load(str(tmp_path / "nope.yaml"))


def test_search_path_adds_ids(
    tmp_path: Path, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("extra/mini.yaml", MINI_RUBRIC)
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(tmp_path / "extra"))
    assert "mini" in rubric_search.available()
    assert rubric_files.load("mini").title == "Mini rubric"


def test_file_named_for_another_id_is_refused(
    tmp_path: Path, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("extra/other.yaml", MINI_RUBRIC)
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(tmp_path / "extra"))
    with pytest.raises(InvalidFileError, match="declares id 'mini' but is named 'other'"):
        rubric_files.load("other")


def test_the_documented_example_is_a_valid_rubric(tmp_path: Path) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "rubric-format.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "phone-basics.yaml"
    path.write_text(example, encoding="utf-8")
    loaded = rubric_files.load_rubric_file(str(path))
    assert (loaded.id, loaded.item_count(), loaded.target) == ("phone-basics", 1, 75)
