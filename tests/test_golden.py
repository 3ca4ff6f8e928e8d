"""Every view of every reporting command, compared exactly with golden files reviewed by a person.

Each case runs the real command line (``score``, ``diff``, ``trend``, ``combine``) in every format
(``table``, ``json``, ``markdown``, ``csv``) and writes with ``--output FILE``, so the golden file
holds exactly what a user gets in a file: the table view plain, 100 columns wide, without colour.
The inputs are the bundled examples (``examples/``) and a small hostile case (markup, escape
sequences and invisible characters in every text field, see tests/test_terminal_safety.py).

Regenerate after an intended change with::

    SVCCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py tests/test_render.py

then read ``git diff tests/golden`` line by line before committing it (see tests/README.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from tests.conftest import Writer
from tests.test_terminal_safety import HOSTILE as HOSTILE_TEXT
from tests.test_terminal_safety import HOSTILE_RUBRIC, hostile_audit

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[1]
FORMATS = ["table", "json", "markdown", "csv"]
Q2, Q3 = "examples/acme-2026-Q2.yaml", "examples/acme-2026-Q3.yaml"
UNITS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples/units-2026-Q3").glob("*.yaml"))
EXPECTATIONS = "examples/expectations/acme-2026-Q3.yaml"
SURVEY = "examples/importance/acme-customer-survey-2026.yaml"

# name -> arguments; paths are relative to the repository (examples) or to the hostile folder, so
# that the paths some views show are the same on every machine.
EXAMPLES = {
    "score": ["score", Q3],
    "score-top2": ["score", Q2, "--top", "2"],
    "diff": ["diff", Q2, Q3],
    "trend": ["trend", Q3, Q2],
    "combine": ["combine", *UNITS],
    "combine-assessor": ["combine", *UNITS, "--by", "assessor", "--top", "3"],
    "score-importance": ["score", EXPECTATIONS, "--importance", SURVEY, "--top", "3"],
}
HOSTILE = {
    "hostile-score": ["score", "old.yaml"],
    "hostile-diff": ["diff", "old.yaml", "new.yaml", "--all"],
    "hostile-trend": ["trend", "old.yaml", "new.yaml"],
    "hostile-combine": [
        "combine",
        "old.yaml",
        "new.yaml",
        "plain.yaml",
        "--by",
        "unit",
        "--mixed-periods",
    ],
    "hostile-score-importance": ["score", "old.yaml", "--importance", "importance.yaml"],
    "hostile-diff-importance": ["diff", "rated-old.yaml", "rated-new.yaml"],
}
# An importance file whose free text is hostile, and two audits with importance of their own.
HOSTILE_IMPORTANCE = f"""\
svccheck: 2
kind: importance
rubric: hostile.yaml
organization: "O {HOSTILE_TEXT}"
source: "S {HOSTILE_TEXT}"
importance: {{greet: 5, billing: 2}}
"""


# The table goes to a .txt file (svccheck refuses an extension it does not write, such as .table).
SUFFIX = {"table": "txt"}


def check_golden(name: str, text: str) -> None:
    """Compare with ``tests/golden/NAME``, or write it when SVCCHECK_UPDATE_GOLDEN is set."""
    path = GOLDEN / name
    if os.environ.get("SVCCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def run_to_file(runner: CliRunner, arguments: list[str], fmt: str, target: Path) -> str:
    """Run one command with ``-f FMT -o TARGET`` and return what it wrote."""
    result = runner.invoke(app, [*arguments, "-f", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    if target.suffix == ".csv":  # a CSV file starts with a byte-order mark, for spreadsheets
        assert text.startswith("\ufeff")
        text = text.removeprefix("\ufeff")
    return text


CASES = [(name, fmt) for name in EXAMPLES for fmt in FORMATS]
# --all changes the table view only: the other formats always list every item.
CASES.append(("diff-all", "table"))
CASES.append(("score-importance", "html"))  # the IPA chart; other HTML is in test_html.py
EXAMPLES["diff-all"] = ["diff", Q2, Q3, "--all"]


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_examples_match_golden(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)
    text = run_to_file(runner, EXAMPLES[name], fmt, tmp_path / f"out.{SUFFIX.get(fmt, fmt)}")
    check_golden(f"{name}.{fmt}.txt", text)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_matches_golden(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    folder = tmp_path / "in"

    def write(file: str, text: str) -> Path:
        path = folder / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    writer: Writer = write
    write("hostile.yaml", HOSTILE_RUBRIC)
    hostile_audit(writer, "old.yaml", "2026-Q1", "U [b]x[/b] \\e[31m", 1)
    hostile_audit(writer, "new.yaml", "2026-Q2", "U [b]x[/b] \\e[31m", 3)
    hostile_audit(writer, "plain.yaml", "2026-Q1", "EMEA\\u200b", 2)
    write("importance.yaml", HOSTILE_IMPORTANCE)
    for side, rated in (("old", "{greet: 5, billing: 2}"), ("new", "{greet: 4, resolve: 3}")):
        audit = (folder / f"{side}.yaml").read_text(encoding="utf-8")  # says svccheck: 2 already
        write(f"rated-{side}.yaml", f"{audit}importance: {rated}\n")
    monkeypatch.chdir(folder)
    text = run_to_file(runner, HOSTILE[name], fmt, tmp_path / f"out.{SUFFIX.get(fmt, fmt)}")
    check_golden(f"{name}.{fmt}.txt", text)
