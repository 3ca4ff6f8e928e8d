"""``combine`` shows each group's confidence and the pooled one in every view for people when
the rubric sets ``evidence_from``, and nothing about evidence when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.conftest import MINI_RUBRIC, Writer

ASKING = "svccheck: 2\nevidence_from: 4\n" + MINI_RUBRIC
# Hamburg: greet 5 with evidence, resolve 4 without, billing 3: 1 of 2 claims, 50%.
HAMBURG = """\
svccheck: 2
rubric: mini.yaml
unit: Hamburg
period: 2026-Q3
answers:
  greet: {score: 5, evidence: log}
  resolve: 4
  billing: 3
"""
# Lyon: greet 5 and resolve 4 with evidence, billing 4 recorded missing: 2 of 3 claims, 67%.
LYON = """\
svccheck: 2
rubric: mini.yaml
unit: Lyon
period: 2026-Q3
answers:
  greet: {score: 5, evidence: log}
  resolve: {score: 4, evidence: minutes}
  billing: {score: 4, evidence: []}
"""
# Pooled over both audits: 3 of 5 claims, 60%.


def run(runner: CliRunner, *arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def folder(write: Writer, monkeypatch: pytest.MonkeyPatch) -> Path:
    write("mini.yaml", ASKING)
    write("hamburg.yaml", HAMBURG)
    path = write("lyon.yaml", LYON)
    monkeypatch.chdir(path.parent)
    return path.parent


# Hamburg: front (100 + 3 * 75) / 4 = 81.25, back 50, overall (2 * 81.25 + 50) / 3 = 70.83.
# Lyon: front 81.25, back 75, overall 79.17. Their mean: front 81.25, back 62.5, overall 75.
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("table", [
            "Confidence (conf.): 60% (scores of 4 or more with evidence, over all 2 audits)",
            "┃ unit    ┃    1 ┃    2 ┃ overall ┃ conf. ┃",
            "│ Hamburg │ 81.2 │ 50.0 │    70.8 │   50% │",
            "│ Lyon    │ 81.2 │ 75.0 │    79.2 │   67% │",
            "│ mean    │ 81.2 │ 62.5 │    75.0 │   60% │",
            "│ spread  │  0.0 │ 25.0 │         │       │",
            "Sections: 1 Front line · 2 Back office",
        ], id="table"),
        pytest.param("markdown", [
            "- **Confidence:** 60% (scores of 4 or more with evidence, over all 2 audits)",
            "| Unit | Front line | Back office | Overall | Confidence |",
            "| Hamburg | 81.2 | 50.0 | 70.8 | 50% |",
            "| Lyon | 81.2 | 75.0 | 79.2 | 67% |",
            "| **Mean** | 81.2 | 62.5 | 75.0 | 60% |",
            "| _Spread_ | 0.0 | 25.0 |  |  |",
        ], id="markdown"),
        pytest.param("html", [
            '<span class="label">Confidence</span><span class="value">60%</span>'
            '<span class="sub">scores of 4 or more with evidence, over all 2 audits</span>',
            '<th class="num">Overall</th><th class="num">Confidence</th></tr>',
            '<td class="num">70.8</td><td class="num">50%</td></tr>',
            '<td class="num">79.2</td><td class="num">67%</td></tr>',
            '<td class="num">75.0</td><td class="num">60%</td></tr>',
        ], id="html"),
    ],
)  # fmt: skip
def test_combine_shows_each_groups_confidence_and_the_pooled_one(
    runner: CliRunner, folder: Path, fmt: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    shown = run(runner, "combine", "hamburg.yaml", "lyon.yaml", "-f", fmt)
    for line in expected:
        assert line in shown


def test_combine_without_a_claim_shows_a_dash(runner: CliRunner, folder: Path) -> None:
    low = HAMBURG.replace("{score: 5, evidence: log}", "2").replace("resolve: 4", "resolve: 3")
    Path("hamburg.yaml").write_text(low, encoding="utf-8")
    shown = run(runner, "combine", "hamburg.yaml", "lyon.yaml", "-f", "markdown")
    assert "| Hamburg | 43.8 | 50.0 | 45.8 | – |" in shown  # (25 + 3 * 50) / 4 = 43.75
    assert "| **Mean** | 62.5 | 62.5 | 62.5 | 67% |" in shown  # only Lyon's claims


def test_combine_for_a_rubric_asking_for_no_evidence_shows_none(
    runner: CliRunner, folder: Path
) -> None:
    Path("mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")  # no evidence_from
    for fmt in ("table", "markdown", "html", "csv"):
        shown = run(runner, "combine", "hamburg.yaml", "lyon.yaml", "-f", fmt)
        assert "onfidence" not in shown, fmt
