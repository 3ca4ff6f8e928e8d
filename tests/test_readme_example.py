"""The README's worked example of a multi-unit quarter runs as written (issue 15, done-when)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

README = Path(__file__).resolve().parent.parent / "README.md"


def example() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- worked-example -->\n```sh\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_worked_example_runs(tmp_path: Path) -> None:
    folder = str(Path(sys.executable).parent)  # where the svccheck script is installed
    env = {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}", "NO_COLOR": "1",
           "COLUMNS": "100"}  # fmt: skip
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", example()], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    made = sorted(path.name for path in tmp_path.glob("*.yaml"))
    assert made == [
        "nordwind-reisen-berlin-2026-Q2.yaml",
        "nordwind-reisen-berlin-2026-Q3.yaml",
        "nordwind-reisen-hamburg-2026-Q2.yaml",
        "nordwind-reisen-hamburg-2026-Q3.yaml",
    ]
    for name in made:
        data = yaml.safe_load((tmp_path / name).read_text())
        assert data["unit"] in name.title().replace("-", " ")
        assert all(value is not None for value in data["answers"].values())  # 15 answered
    out = result.stdout
    assert "Saving answers to nordwind-reisen-hamburg-2026-Q2.yaml" in result.stderr
    assert "Nordwind Reisen · Berlin" in out  # trend, one table per unit
    assert "Nordwind Reisen · Hamburg" in out
    assert "Overall: 23.4 → 34.4" in out  # diff of Berlin's two quarters
    assert (tmp_path / "berlin-q3.md").read_text().startswith("# Nordwind Reisen")
