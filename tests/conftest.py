"""Shared fixtures: a CLI runner, a small rubric, and a helper to write files in tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from svccheck import rubric
from svccheck.cli import app

MINI_RUBRIC = """\
id: mini
title: Mini rubric
version: 1
description: Two sections for tests.
sources: [test.txt]
sections:
  - id: front
    title: Front line
    weight: 2
    items:
      - id: greet
        title: Greeting
        question: Are customers greeted?
        guidance: {low: never, mid: sometimes, high: always}
        source: test.txt, point 1
        actions: [Write a greeting standard., Observe ten greetings.]
      - id: resolve
        title: Resolution
        question: Are problems resolved?
        guidance: {low: never, mid: sometimes, high: always}
        weight: 3
        source: test.txt, point 2
        actions: [Track first-contact resolution., Review five reopened cases.]
  - id: back
    title: Back office
    weight: 1
    items:
      - id: billing
        title: Billing
        question: Are bills right?
        guidance: {low: never, mid: sometimes, high: always}
        source: test.txt, point 3
        actions: [Sample 50 invoices., Fix the top error cause.]
"""


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; stderr is kept apart from stdout so each can be checked."""
    return CliRunner()


Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write dedented text to a file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def mini_rubric(write: Writer) -> Path:
    """The path of a small valid rubric with two sections and three items."""
    return write("mini.yaml", MINI_RUBRIC)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts without user rubric directories, colour or a warm rubric cache."""
    monkeypatch.delenv("SVCCHECK_RUBRICS_PATH", raising=False)
    monkeypatch.delenv("SVCCHECK_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    rubric._cache.clear()
    yield
    rubric._cache.clear()


__all__ = ["MINI_RUBRIC", "Writer", "app"]
