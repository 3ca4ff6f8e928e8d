"""Rubric editions: older audits keep loading through `replaces:`, removed items are listed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.core.errors import InvalidFileError
from svccheck.engine import scoring
from svccheck.formats.audit import loading as audit_files
from svccheck.formats.rubric import loading as rubric_files
from svccheck.formats.rubric import search as rubric_search
from tests.conftest import MINI_RUBRIC, Writer, app

# Version 2 of the mini rubric: greet is renamed welcome; billing is gone, invoices is new.
MINI_V2 = "svccheck: 2\n" + (
    MINI_RUBRIC.replace("version: 1", "version: 2")
    .replace("      - id: greet\n", "      - id: welcome\n        replaces: [greet]\n")
    .replace("      - id: billing", "      - id: invoices")
)
V1_AUDIT = """\
rubric: mini.yaml
rubric_version: 1
period: 2026-Q1
answers:
  greet: {score: 4, note: warm}
  resolve: 2
  billing: {score: 3, note: monthly}
"""


@pytest.fixture
def v2(write: Writer) -> Path:
    return write("mini.yaml", MINI_V2)


def test_an_older_audit_loads_through_replaces(write: Writer, v2: Path) -> None:
    loaded = audit_files.load_audit(str(write("old.yaml", V1_AUDIT)))
    answers = {a.item_id: (a.score, a.note) for a in loaded.audit.answers}
    assert answers == {"welcome": (4, "warm"), "resolve": (2, None)}
    assert [(a.item_id, a.score, a.note) for a in loaded.audit.removed] == [
        ("billing", 3, "monthly")
    ]
    warnings = [w.split(": ", 1)[1] for w in loaded.warnings]
    assert warnings == [
        "written for version 1 of rubric 'mini', which is now at version 2",
        "the answer to 'greet' counts for 'welcome', which replaces it",
        "1 answer is to items version 2 of rubric 'mini' no longer has, and not scored: billing",
    ]
    report = scoring.score(loaded.rubric, loaded.audit)
    assert report.sections[0].score == pytest.approx((75 + 3 * 25) / 4)


def test_the_own_answer_wins_over_a_replaced_one(write: Writer, v2: Path) -> None:
    text = V1_AUDIT.replace("  resolve: 2\n", "  resolve: 2\n  welcome: 1\n")
    loaded = audit_files.load_audit(str(write("both.yaml", text)))
    assert loaded.audit.answer_map()["welcome"].score == 1
    assert {a.item_id for a in loaded.audit.removed} == {"greet", "billing"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("rubric_version: 2\n", "unknown item id 'billing'", id="current-edition"),
        pytest.param("", "unknown item id 'billing'", id="edition-not-said"),
    ],
)
def test_unknown_ids_stay_errors_unless_the_audit_is_older(
    write: Writer, v2: Path, header: str, expected: str
) -> None:
    text = V1_AUDIT.replace("rubric_version: 1\n", header)
    with pytest.raises(InvalidFileError, match=expected):
        audit_files.load_audit(str(write("a.yaml", text)))


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_removed_answers_are_listed_in_every_format(
    runner: CliRunner, write: Writer, v2: Path, fmt: str
) -> None:
    path = write("old.yaml", V1_AUDIT)
    result = runner.invoke(app, ["score", str(path), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "billing" in result.stdout
    assert "'greet' counts for 'welcome'" in result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["removed"] == [
            {"item": "billing", "answer": 3, "note": "monthly"}
        ]


def test_diff_across_editions_follows_replaces(
    runner: CliRunner, write: Writer, tmp_path: Path
) -> None:
    write("v1/mini.yaml", MINI_RUBRIC)
    write("v2/mini.yaml", MINI_V2)
    old = write("v1/old.yaml", V1_AUDIT)
    new = write(
        "v2/new.yaml",
        "rubric: mini.yaml\nrubric_version: 2\nperiod: 2026-Q2\n"
        "answers: {welcome: 5, resolve: 2, invoices: 4}\n",
    )
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    statuses = {item["id"]: item["status"] for item in json.loads(result.stdout)["items"]}
    assert statuses == {
        "welcome": "improved",
        "resolve": "unchanged",
        "invoices": "added",
        "billing": "removed",
    }
    table = runner.invoke(app, ["diff", str(old), str(new)])
    assert table.exit_code == 0, table.stderr
    assert "billing" in table.stdout


def test_diff_of_audits_read_through_one_edition_lists_removed_answers(
    runner: CliRunner, write: Writer, v2: Path
) -> None:
    old = write("old.yaml", V1_AUDIT)
    new = write("new.yaml", "rubric: mini.yaml\nrubric_version: 2\nperiod: 2026-Q2\n")
    for fmt in ("table", "markdown", "csv", "json"):
        result = runner.invoke(app, ["diff", str(old), str(new), "--all", "-f", fmt])
        assert result.exit_code == 0, result.stderr
        assert "billing" in result.stdout, fmt


def test_a_bundled_example_keeps_scoring_when_a_built_in_item_is_renamed(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The content issue renames built-in items: examples must still load, with the same score."""
    example = Path(__file__).resolve().parents[1] / "examples" / "acme-2026-Q3.yaml"
    before = json.loads(runner.invoke(app, ["score", str(example), "-f", "json"]).stdout)
    source = rubric_search.builtin_directory() / "world-class-practices.yaml"
    text = source.read_text(encoding="utf-8")
    renamed = text.replace("version: 2\n", "version: 3\n", 1).replace(
        "      - id: compelling-vision\n",
        "      - id: shared-vision\n        replaces: [compelling-vision]\n",
    )
    assert renamed != text
    (tmp_path / "world-class-practices.yaml").write_text(renamed, encoding="utf-8")
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(tmp_path))
    rubric_files._cache.clear()
    result = runner.invoke(app, ["score", str(example), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    after = json.loads(result.stdout)
    assert after["overall"] == before["overall"]
    assert "shared-vision" in [item["id"] for item in after["items"]]
    assert "'compelling-vision' counts for 'shared-vision'" in result.stderr
    shutil.rmtree(tmp_path)


@pytest.fixture
def shadowing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An organization's own edition of world-class-practices, in SVCCHECK_RUBRICS_PATH."""
    source = rubric_search.builtin_directory() / "world-class-practices.yaml"
    folder = tmp_path / "ours"
    folder.mkdir()
    text = source.read_text(encoding="utf-8").replace("version: 1\n", "version: 7\n", 1)
    (folder / "world-class-practices.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(folder))
    rubric_files._cache.clear()
    return folder


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = [
    pytest.param(["score", "{q3}"], id="score"),
    pytest.param(["diff", "{q2}", "{q3}"], id="diff"),
    pytest.param(["trend", "{q2}", "{q3}"], id="trend"),
    pytest.param(["combine", "{q2}", "{q3}", "--by", "assessor", "--mixed-periods"], id="combine"),
]


@pytest.mark.parametrize("command", REPORTS)
@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_an_edition_shadowing_a_built_in_is_named_in_every_report(
    runner: CliRunner, shadowing: Path, command: list[str], fmt: str
) -> None:
    files = {"q2": EXAMPLES / "acme-2026-Q2.yaml", "q3": EXAMPLES / "acme-2026-Q3.yaml"}
    arguments = [part.format(**{k: str(v) for k, v in files.items()}) for part in command]
    result = runner.invoke(app, [*arguments, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["rubric"]["origin"] == "search path"
        assert data["rubric"]["shadows_builtin"] is True
    else:
        flat = " ".join(result.stdout.split()).replace("\\", "")  # Markdown escapes _
        assert "shadowing the built-in rubric" in flat
        assert str(shadowing) in flat


def test_rubrics_lists_each_origin(runner: CliRunner, shadowing: Path) -> None:
    result = runner.invoke(app, ["rubrics"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[1]: line for line in result.stdout.splitlines() if line.startswith("│ ")}
    assert "search path, shadows built-in" in rows["world-class-practices"]
    assert "built-in" in rows["service-culture"]
    shown = runner.invoke(app, ["rubrics", "show", "world-class-practices"])
    assert "shadowing the built-in rubric" in " ".join(shown.stdout.split())


def test_a_search_path_file_not_named_for_its_id_is_warned_about(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "our-mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    monkeypatch.setenv("SVCCHECK_RUBRICS_PATH", str(tmp_path))
    result = runner.invoke(app, ["rubrics"])
    assert result.exit_code == 0, result.stderr
    assert "declares id 'mini' but is named 'our-mini.yaml'; rename it mini.yaml" in " ".join(
        result.stderr.split()
    )


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_trend_across_editions_lists_removed_answers(
    runner: CliRunner, write: Writer, v2: Path, fmt: str
) -> None:
    old = write("old.yaml", V1_AUDIT)
    new = write("new.yaml", "rubric: mini.yaml\nrubric_version: 2\nperiod: 2026-Q2\n")
    result = runner.invoke(app, ["trend", str(old), str(new), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "billing" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["series"][0]["removed"] == [["billing"], []]
