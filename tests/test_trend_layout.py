"""``svccheck trend`` as a person reads it: any number of periods at 80 and 120 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core import output
from svccheck.formats.rubric import loading as rubric_files


@pytest.fixture(autouse=True)
def _fresh_console() -> None:
    """The results console is made once per process; COLUMNS is read when it is made."""
    output.stdout.cache_clear()


def quarters(count: int, skip: str | None = None) -> list[str]:
    found = [f"{2020 + n // 4}-Q{n % 4 + 1}" for n in range(count + 1)]
    return [period for period in found if period != skip][:count]


def audits(runner: CliRunner, folder: Path, periods: list[str], rubric_id: str) -> list[str]:
    """One audit per period, every item answered (a different score each period)."""
    paths = []
    for number, period in enumerate(periods):
        path = folder / f"{period}.yaml"
        result = runner.invoke(app, ["template", rubric_id, "--period", period, "-o", str(path)])
        assert result.exit_code == 0, result.stderr
        score = 1 + number % 5
        path.write_text(re.sub(r"(?m)^(  [a-z0-9-]+):$", rf"\1: {score}", path.read_text()))
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("count", [2, 6, 12, 30])
@pytest.mark.parametrize("width", [80, 120])
def test_every_section_name_and_the_change_stay_readable(
    runner: CliRunner, tmp_path: Path, count: int, width: int
) -> None:
    paths = audits(runner, tmp_path, quarters(count), "service-excellence")
    result = runner.invoke(app, ["trend", *paths], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    titles = [section.title for section in rubric_files.load("service-excellence").sections]
    for title in titles:  # each on one line of its own row, never wrapped
        assert any(line.startswith(f"│ {title} ") for line in lines), title
    assert any("change" in line for line in lines)
    for period in quarters(count):  # every period has its row, with level and coverage
        assert any(line.startswith(f"│ {period} ") and "100%" in line for line in lines)
    if count == 2:  # both periods side by side, at 80 columns without the sparkline
        assert "Sections: the last" not in result.stdout
        header = next(line for line in lines if line.startswith("┃ section "))
        assert all(period in header for period in quarters(count))
    if count >= 6 and width == 80:
        assert f"of {count} periods" in result.stdout


def test_a_missing_quarter_is_flagged(runner: CliRunner, tmp_path: Path) -> None:
    paths = audits(runner, tmp_path, quarters(4, skip="2020-Q3"), "service-culture")
    result = runner.invoke(app, ["trend", *paths], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    (flagged,) = [line for line in result.stdout.splitlines() if "after a gap" in line]
    assert flagged.startswith("│ 2020-Q4 ")
    assert "after a gap: 2020-Q3 missing" in flagged
