"""Generate a 60-item rubric and many audits of it, for the bulk benchmarks.

    python benchmarks/generate.py DIR COUNT [RUBRIC-ID]

writes DIR/bench.yaml (6 sections x 10 items) and DIR/audits/NNNNN.yaml (COUNT audits spread over
five units, each with its own date, random scores, some n/a, some unanswered, some notes; with
``--quarter``, one quarter of units each audited by assessors A and B). With
a RUBRIC-ID, the audits answer that built-in rubric's items and name it by id instead; with
``--evidence`` too, they declare format 2 and about 30% of answers carry evidence, written as
svccheck writes it (a text; a list of texts and ``{text, date}`` mappings, dated by day or
month; ``[]``).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

UNITS = ["North", "South", "East", "West", "Central"]
DOCUMENTS = [
    "minutes of the monthly review",
    "staff survey results",
    "scorecard (March)",
    "site visit notes",
    "training records",
    "customer panel report",
    "process map v3",
]


def rubric_text() -> str:
    """A valid 60-item rubric in the bundled rubrics' shape."""
    lines = [
        "id: bench",
        "title: Benchmark rubric",
        "version: 1",
        "description: Sixty generated items for benchmarks.",
        "sources: [generated]",
        "sections:",
    ]
    for s in range(6):
        lines += [f"  - id: section-{s}", f"    title: Section {s}", "    items:"]
        for i in range(10):
            lines += [
                f"      - id: item-{s}-{i}",
                f"        title: Item {s}.{i}",
                f"        question: Is practice {s}.{i} in place and measured every month?",
                "        guidance:",
                "          low: Nothing written; three people asked give three answers.",
                "          mid: Written down, reviewed now and then, not measured.",
                "          high: Written, owned, measured monthly and improving.",
                f"        weight: {1 + (i % 3)}",
                f"        source: generated, point {s}.{i}",
                "        actions: [Name an owner this month., Measure it for one quarter.]",
            ]
    return "\n".join(lines) + "\n"


BENCH_IDS = tuple(f"item-{s}-{i}" for s in range(6) for i in range(10))


def builtin_rubric(rubric_id: str) -> tuple[int, tuple[str, ...]]:
    """The version and item ids of a built-in rubric (read with PyYAML, not svccheck, so that
    the generator works the same against any version of svccheck)."""
    text = (ROOT / "rubrics" / f"{rubric_id}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    ids = tuple(item["id"] for section in data["sections"] for item in section["items"])
    return int(data["version"]), ids


def audit_text(
    index: int,
    rng: random.Random,
    reference: str = "../bench.yaml",
    version: int = 1,
    ids: tuple[str, ...] = BENCH_IDS,
    evidence: bool = False,
    quarter: bool = False,
) -> str:
    """One audit of ``reference`` with a unique date within its unit (format 2 and evidence on
    about 30% of answers with ``evidence``); with ``quarter``, one quarter's audit of unit
    ``index // 2`` by assessor A or B (500 units x 2 assessors for 1 000 audits)."""
    unit = UNITS[index % len(UNITS)]
    day = dt.date(2000, 1, 1) + dt.timedelta(days=index // len(UNITS))
    period, assessor = day.isoformat(), f"Assessor {index % 7}"
    if quarter:
        unit, period, assessor = f"Unit {index // 2:04d}", "2026-Q3", "AB"[index % 2]
    lines = [
        f"svccheck: {2 if evidence else 1}",
        f"rubric: {reference}",
        f"rubric_version: {version}",
        "organization: Bench Co",
        f"unit: {unit}",
        f"period: {period}",
        f"assessor: {assessor}",
        "answers:",
    ]
    for item_id in ids:
        roll = rng.random()
        if roll < 0.05:
            value = "n/a"
        elif roll < 0.10:
            value = ""
        elif roll < 0.20:
            value = f"{{score: {rng.randint(1, 5)}, note: checked on site}}"
        else:
            value = str(rng.randint(1, 5))
        if evidence and rng.random() < 0.30:  # only then: the other data sets stay as they were
            value = with_evidence(value, rng)
        lines.append(f"  {item_id}: {value}".rstrip())
    return "\n".join(lines) + "\n"


def with_evidence(value: str, rng: random.Random) -> str:
    """An answer's value (a score, n/a, nothing or a flow mapping) with evidence added."""
    roll = rng.random()
    if roll < 0.4:
        written = rng.choice(DOCUMENTS)
    elif roll < 0.9:
        entries = []
        for _ in range(rng.randint(1, 3)):
            text = rng.choice(DOCUMENTS)
            day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(2400))
            dated = rng.random()
            if dated < 0.3:
                entries.append(text)
            elif dated < 0.6:
                entries.append(f"{{text: {text}, date: {day.isoformat()[:7]}}}")
            else:
                entries.append(f'{{text: {text}, date: "{day.isoformat()}"}}')
        written = "[" + ", ".join(entries) + "]"
    else:
        written = "[]"
    if value.startswith("{"):
        return f"{value[:-1]}, evidence: {written}}}"
    return f"{{score: {value or 'null'}, evidence: {written}}}"


def generate(
    folder: Path,
    count: int,
    rubric_id: str | None = None,
    evidence: bool = False,
    quarter: bool = False,
) -> list[Path]:
    """Write the rubric and ``count`` audits (of the built-in ``rubric_id``, named by id, if
    given; in format 2 with evidence on about 30% of answers with ``evidence``; one quarter of
    units each audited by two assessors with ``quarter``); return the audit paths."""
    audits = folder / "audits"
    audits.mkdir(parents=True, exist_ok=True)
    (folder / "bench.yaml").write_text(rubric_text(), encoding="utf-8")
    reference, version, ids = "../bench.yaml", 1, BENCH_IDS
    if rubric_id is not None:
        reference = rubric_id
        version, ids = builtin_rubric(rubric_id)
    rng = random.Random(20261125)
    paths = []
    for index in range(count):
        path = audits / f"{index:05d}.yaml"
        path.write_text(
            audit_text(index, rng, reference, version, ids, evidence, quarter), encoding="utf-8"
        )
        paths.append(path)
    return paths


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    generate(
        Path(arguments[0]),
        int(arguments[1]),
        arguments[2] if len(arguments) > 2 else None,
        "--evidence" in sys.argv,
        "--quarter" in sys.argv,
    )
