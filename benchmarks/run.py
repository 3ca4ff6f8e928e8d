"""Start-up benchmark: svccheck commands against the import floor of its own dependencies.

Run from the repository root with the project's virtual environment:

    .venv/bin/python benchmarks/run.py [--runs N]

It prints the median wall time of each command over N runs (default 21) and its ratio to the
floor, ``python -c "import typer, yaml, rich.console, rich.table"``, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "acme-2026-Q3.yaml"
PYTHON = sys.executable
FLOOR = [PYTHON, "-c", "import typer, yaml, rich.console, rich.table"]
COMMANDS = {
    "svccheck --version": [PYTHON, "-m", "svccheck", "--version"],
    "svccheck score examples/acme-2026-Q3.yaml": [PYTHON, "-m", "svccheck", "score", str(EXAMPLE)],
    "svccheck rubrics": [PYTHON, "-m", "svccheck", "rubrics"],
}


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of ``command`` over ``runs`` runs, after one warm-up run."""
    # Users' Pythons cache bytecode; a PYTHONDONTWRITEBYTECODE left in the environment would make
    # every run recompile svccheck and measure the compiler instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    floor = median_seconds(FLOOR, runs)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {runs} runs")
    print(f"{'import floor':45} {floor * 1000:7.1f} ms  1.00x")
    for name, command in COMMANDS.items():
        seconds = median_seconds(command, runs)
        print(f"{name:45} {seconds * 1000:7.1f} ms  {seconds / floor:4.2f}x")


if __name__ == "__main__":
    main()
