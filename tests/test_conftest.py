"""The test suite's own rules: in CI a skipped test fails (tests/conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SKIPPING = """
import pytest

def test_needs_a_tool():
    pytest.skip("the tool is not installed")
"""


@pytest.mark.parametrize(
    ("ci", "code", "shown"), [("true", 1, "skipped in CI"), ("", 0, "1 skipped")]
)
def test_a_skip_fails_in_ci_only(tmp_path: Path, ci: str, code: int, shown: str) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(Path(__file__).with_name("conftest.py"), tests / "conftest.py")
    (tests / "__init__.py").write_text("")
    (tests / "test_skip.py").write_text(SKIPPING)
    env = {**os.environ, "CI": ci}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/test_skip.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == code, result.stdout
    assert shown in result.stdout
    assert "the tool is not installed" in result.stdout or not ci


def test_a_test_marked_may_skip_may_skip_in_ci(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    shutil.copy(Path(__file__).with_name("conftest.py"), tests / "conftest.py")
    (tests / "__init__.py").write_text("")
    (tests / "test_skip.py").write_text(
        SKIPPING.replace("def test_needs", "@pytest.mark.may_skip\ndef test_needs")
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nmarkers =\n    may_skip: may skip in CI\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/test_skip.py"],
        cwd=tmp_path, env={**os.environ, "CI": "true"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout
