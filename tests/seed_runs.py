"""Fingerprints of the seed articles' seven-word runs, so that the check that no rubric copies a
seed runs in any checkout (CI clones the repository without the articles beside it).

``tests/data/seed-runs.txt`` holds, per seed file, a short hash of every run of seven words (never
the words themselves). Regenerate it when the seeds change, from a checkout that has them in
``../shared/seeds/``::

    .venv/bin/python -m tests.seed_runs
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

RUN = 7  # seven words in a row is a copied phrase, not a shared term
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
FINGERPRINTS = Path(__file__).resolve().parent / "data" / "seed-runs.txt"


def words(text: str) -> list[str]:
    """The words of a text as the check compares them: lower case, letters, digits, apostrophes."""
    return re.findall(r"[a-z0-9']+", text.lower())


def fingerprint(run: tuple[str, ...]) -> str:
    """A run's hash: 48 bits, so a false match among the rubrics' runs is about one in 10^10."""
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:12]


def runs(text: str) -> list[tuple[str, ...]]:
    """Every run of seven consecutive words."""
    found = words(text)
    return [tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)]


def read() -> dict[str, set[str]]:
    """The fingerprints of each seed file's runs, by the seed's file name."""
    by_seed: dict[str, set[str]] = {}
    for line in FINGERPRINTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            seed, value = line.split()
            by_seed.setdefault(seed, set()).add(value)
    return by_seed


def write(seeds: Path = SEEDS) -> None:
    """Write the fingerprints of every seed in ``seeds``."""
    lines = ["# seed file, sha256[:12] of each run of seven words (tests/seed_runs.py)"]
    for path in sorted(seeds.glob("*.txt")):
        values = sorted({fingerprint(run) for run in runs(path.read_text(encoding="utf-8"))})
        lines += [f"{path.name} {value}" for value in values]
    FINGERPRINTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if not SEEDS.is_dir():
        sys.exit(f"no seed articles at {SEEDS}")
    write()
    print(f"wrote {FINGERPRINTS}")
