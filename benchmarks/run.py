"""Benchmarks: start-up against the import floor, and bulk trend/combine against bare parsing.

Run from the repository root with the project's virtual environment:

    .venv/bin/python benchmarks/run.py                # everything (several minutes)
    .venv/bin/python benchmarks/run.py --sizes 1000   # bulk runs on 1 000 audits only
    .venv/bin/python benchmarks/run.py --source DIR   # the svccheck package in DIR instead

Every figure is the median over repeated runs, and every ratio is computed against a floor
measured in the same rounds: each round runs the floor and then every command once, so that load
from other processes on the machine falls on all of them alike.

* start-up: ``svccheck --version``, ``score`` (table and JSON) and ``diff`` against
  ``python -c "import typer, yaml, rich.console, rich.table"`` (the import floor);
* bulk: ``svccheck trend -f json`` and ``combine -f json`` over generated audits of the built-in
  ``customer-expectations`` rubric named by id (1 000 and 10 000 files) and of a generated 60-item
  rubric named by path (1 000 files), and of ``customer-expectations`` in format 2 with evidence
  on about 30% of answers (1 000 files), against a loop that only parses the same files with
  ``yaml.CSafeLoader`` (the parse floor), with the peak memory (maximum resident set size) of each;
* reporting: an audit with N unknown item ids, whose time per problem must stay flat.

The targets printed are those of issue 25: start-up at most 1.30x the import floor, trend and
combine over 1 000 audits at most 1.50x the parse floor.
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
BUILTIN = "service-excellence"  # the largest built-in rubric (46 items)
# Where the measured svccheck package lives (``--source``); None: the installed one.
SOURCE: list[str | None] = [None]


def environment() -> dict[str, str]:
    """The environment for every run: no colour, and bytecode caching as users have it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    if SOURCE[0] is not None:
        env["PYTHONPATH"] = SOURCE[0]
    return env


def measured_package() -> str:
    """Where the svccheck the start-up rows import lives, asked of a child run as they run."""
    folder = Path(SOURCE[0]) if SOURCE[0] else ROOT
    where = "import pathlib, svccheck; print(pathlib.Path(svccheck.__file__).parent)"
    found = subprocess.run(
        [PYTHON, "-c", where], cwd=folder, env=environment(), capture_output=True, text=True
    )
    return found.stdout.strip() or found.stderr.strip()


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


class Row:
    """One command measured in rounds: its times and peak memories."""

    def __init__(self, name: str, command: list[str], target: float | None, expect: int = 0):
        self.name, self.command, self.target, self.expect = name, command, target, expect
        self.times: list[float] = []
        self.memory = 0

    def run(self, cwd: Path) -> None:
        """Run once more."""
        seconds, memory = run_once(self.command, cwd, self.expect)
        self.times.append(seconds)
        self.memory = max(self.memory, memory)

    def median(self) -> float:
        """The median time in seconds."""
        return statistics.median(self.times)


def measure_rounds(rows: list[Row], runs: int, cwd: Path) -> None:
    """One warm-up round, then ``runs`` rounds each running every row once, in turn."""
    for row in rows:
        run_once(row.command, cwd, row.expect)
    for _ in range(runs):
        for row in rows:
            row.run(cwd)


def line(row: Row, baseline: float) -> str:
    """One row of the printed table, with its ratio to the floor and the target."""
    seconds = row.median()
    ratio = seconds / baseline
    target = "" if row.target is None else f"  target <= {row.target:.2f}"
    met = "" if row.target is None else ("  met" if ratio <= row.target else "  NOT met")
    return (
        f"  {row.name:46} {seconds * 1000:9.1f} ms {row.memory / 1024:7.1f} MiB "
        f"{ratio:6.2f}x{target}{met}"
    )


def report(rows: list[Row]) -> None:
    """Print rows; the first is the floor."""
    floor = rows[0].median()
    for row in rows:
        print(line(row, floor))


def startup(runs: int) -> None:
    """Start-up figures against the import floor."""
    q2, q3 = "examples/acme-2026-Q2.yaml", "examples/acme-2026-Q3.yaml"
    rows = [
        Row("import floor", FLOOR, None),
        Row("svccheck --version", [*SVCCHECK, "--version"], None),
        Row("svccheck score acme-2026-Q3 (table)", [*SVCCHECK, "score", q3], 1.30),
        Row("svccheck score ... -f json", [*SVCCHECK, "score", q3, "-f", "json"], 1.30),
        Row("svccheck diff Q2 Q3 (table)", [*SVCCHECK, "diff", q2, q3], 1.30),
    ]
    print(f"start-up (median of {runs} rounds), ratio to the import floor")
    # Run in the measured checkout's folder: `python -m` puts the working directory first on
    # sys.path, so from this one its svccheck would shadow the one given with --source.
    measure_rounds(rows, runs, Path(SOURCE[0]) if SOURCE[0] else ROOT)
    report(rows)


def bulk(size: int, rubric_id: str | None, runs: int, target: float | None) -> None:
    """``trend`` over ``size`` audits and ``combine`` over one quarter of ``size / 2`` units
    audited by two assessors each (format 2, evidence on about 30% of answers), both as JSON,
    against the parse floor of the same files."""
    named = f"{rubric_id} by id" if rubric_id else "the 60-item rubric by path"
    print(f"\n{size} audits of {named}, format 2 with evidence on ~30% of answers "
          f"(median of {runs} rounds), ratio to the parse floor")  # fmt: skip
    for command, quarter in (("trend", False), ("combine", True)):
        with tempfile.TemporaryDirectory() as folder:
            generated = generate(Path(folder), size, rubric_id, True, quarter)
            paths = [str(p.relative_to(folder)) for p in generated]
            parse = Row(
                f"bare CSafeLoader loop ({command}'s files)",
                [PYTHON, "-c", BARE_LOOP, *paths],
                None,
            )
            arguments = [*SVCCHECK, command, *paths, "-f", "json"]
            row = Row(f"svccheck {command} -f json", arguments, target)
            measure_rounds([parse, row], runs, Path(folder))
            report([parse, row])


def problems(counts: list[int], runs: int) -> None:
    """Reporting many problems: an audit with COUNT unknown item ids, against parsing it.

    Each id gets its own located message; the time per problem must stay flat as COUNT grows
    (linear reporting), where a quadratic search would multiply it.
    """
    print(f"\nvalidate an audit with N unknown item ids (median of {runs} rounds)")
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), 0)  # writes the rubric bench.yaml
        for count in counts:
            lines = "".join(f"  wrong-{index}: 3\n" for index in range(count))
            path = Path(folder) / f"wrong-{count}.yaml"
            path.write_text(f"rubric: bench.yaml\nanswers:\n{lines}", encoding="utf-8")
            base = Row("parse", [PYTHON, "-c", BARE_LOOP, path.name], None)
            row = Row("", [*SVCCHECK, "validate", path.name], None, expect=2)
            measure_rounds([base, row], runs, Path(folder))
            per = (row.median() - base.median()) / count * 1e6
            row.name = f"{count} problems ({per:.1f} us each above parsing)"
            print(line(row, base.median()))


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description="svccheck benchmarks")
    parser.add_argument("--runs", type=int, default=21, help="rounds of start-up figures")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000])
    parser.add_argument("--problems", type=int, nargs="*", default=[10_000, 40_000, 150_000])
    parser.add_argument("--source", help="measure the svccheck package in this folder")
    parser.add_argument("--only", choices=["startup", "bulk", "problems"], action="append")
    options = parser.parse_args()
    SOURCE[0] = str(Path(options.source).resolve()) if options.source else None
    print(
        f"{platform.python_implementation()} {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores; "
        f"libyaml: {__import__('yaml').__with_libyaml__}; svccheck from {measured_package()}"
    )
    parts = options.only or ["startup", "bulk", "problems"]
    if "startup" in parts:
        startup(options.runs)
    if "bulk" in parts:
        bulk_runs = max(3, options.runs // 3)
        for size in options.sizes:
            bulk(size, BUILTIN, bulk_runs if size <= 1000 else 3, 1.50 if size == 1000 else None)
    if "problems" in parts:
        problems(options.problems, 3)


if __name__ == "__main__":
    main()
