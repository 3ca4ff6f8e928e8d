"""Benchmarks: start-up against the import floor, and bulk trend/combine against bare parsing.

Run from the repository root with the project's virtual environment:

    .venv/bin/python benchmarks/run.py                # everything (a few minutes)
    .venv/bin/python benchmarks/run.py --sizes 1000   # bulk runs on 1 000 audits only

Every figure is the median over repeated runs, and every ratio is computed against a baseline
measured in the same run:

* start-up: ``svccheck --version`` and ``svccheck score examples/acme-2026-Q3.yaml`` against
  ``python -c "import typer, yaml, rich.console, rich.table"`` (target: at most 1.2x);
* bulk: ``svccheck trend`` and ``svccheck combine`` over generated audits (60 items each) against
  a bare loop that only parses the same files with ``yaml.CSafeLoader`` (target: at most 1.5x),
  with the peak memory (maximum resident set size) of each.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SVCCHECK = [PYTHON, "-m", "svccheck"]
FLOOR = [PYTHON, "-c", "import typer, yaml, rich.console, rich.table"]
BARE_LOOP = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as stream:
        yaml.load(stream, Loader=yaml.CSafeLoader)
"""


def environment() -> dict[str, str]:
    """The environment for every run: no colour, and bytecode caching as users have it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def run_once(command: list[str], cwd: Path, expect: int = 0) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run (exiting ``expect``)."""
    # stderr goes to a file, not a pipe: thousands of messages would fill a pipe's buffer and
    # block the child while we wait for it.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env=environment(), stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read(4000).decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != expect:
        raise SystemExit(f"failed: {' '.join(command[:4])} ...\n{stderr}")
    return elapsed, usage.ru_maxrss


def measure(command: list[str], runs: int, cwd: Path = ROOT, expect: int = 0) -> tuple[float, int]:
    """Median time and maximum peak memory over ``runs`` runs, after one warm-up run."""
    run_once(command, cwd, expect)
    results = [run_once(command, cwd, expect) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def line(name: str, seconds: float, memory: int, baseline: float) -> str:
    """One row of the printed table."""
    return (
        f"  {name:44} {seconds * 1000:9.1f} ms {memory / 1024:7.1f} MiB {seconds / baseline:6.2f}x"
    )


def startup(runs: int) -> None:
    """Start-up figures."""
    floor, floor_memory = measure(FLOOR, runs)
    print(f"start-up (median of {runs} runs), ratio to the import floor; target <= 1.2x")
    print(line("import floor", floor, floor_memory, floor))
    for name, arguments in (
        ("svccheck --version", ["--version"]),
        ("svccheck score examples/acme-2026-Q3.yaml", ["score", "examples/acme-2026-Q3.yaml"]),
        ("svccheck score ... -f json", ["score", "examples/acme-2026-Q3.yaml", "-f", "json"]),
        ("svccheck diff (the two examples)", ["diff", "examples/acme-2026-Q2.yaml",
                                             "examples/acme-2026-Q3.yaml"]),
    ):  # fmt: skip
        seconds, memory = measure([*SVCCHECK, *arguments], runs)
        print(line(name, seconds, memory, floor))


def bulk(sizes: list[int], runs: int) -> None:
    """Bulk figures for each size."""
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            paths = [str(p.relative_to(folder)) for p in generate(Path(folder), size)]
            count = runs if size <= 1000 else 3
            print(f"\n{size} audits of 60 items (median of {count} runs); target <= 1.5x")
            base, base_memory = measure([PYTHON, "-c", BARE_LOOP, *paths], count, Path(folder))
            print(line("bare CSafeLoader parsing loop", base, base_memory, base))
            for command in ("trend", "combine"):
                arguments = [*SVCCHECK, command, *paths, "-f", "json"]  # stdout is discarded
                seconds, memory = measure(arguments, count, Path(folder))
                print(line(f"svccheck {command}", seconds, memory, base))


def problems(counts: list[int], runs: int) -> None:
    """Reporting many problems: an audit with COUNT unknown item ids, against parsing it.

    Each id gets its own located message; the time per problem must stay flat as COUNT grows
    (linear reporting), where a quadratic search would multiply it.
    """
    print(f"\nvalidate an audit with N unknown item ids (median of {runs} runs)")
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), 0)  # writes the rubric bench.yaml
        for count in counts:
            lines = "".join(f"  wrong-{index}: 3\n" for index in range(count))
            path = Path(folder) / f"wrong-{count}.yaml"
            path.write_text(f"rubric: bench.yaml\nanswers:\n{lines}", encoding="utf-8")
            base, _ = measure([PYTHON, "-c", BARE_LOOP, path.name], runs, Path(folder))
            command = [*SVCCHECK, "validate", path.name]
            seconds, memory = measure(command, runs, Path(folder), expect=2)
            per = (seconds - base) / count * 1e6
            print(
                line(f"{count} problems ({per:.1f} us each above parsing)", seconds, memory, base)
            )


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description="svccheck benchmarks")
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up figure")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--problems", type=int, nargs="*", default=[10_000, 40_000, 150_000])
    options = parser.parse_args()
    print(
        f"{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores; "
        f"libyaml: {__import__('yaml').__with_libyaml__}"
    )
    startup(options.runs)
    bulk(options.sizes, max(3, options.runs // 3))
    problems(options.problems, 3)


if __name__ == "__main__":
    main()
