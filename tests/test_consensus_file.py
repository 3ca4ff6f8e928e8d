"""``combine --write-consensus FILE``: the consensus audit as the meeting reads and scores it."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.cli import consensus_file
from svccheck.cli.app import app
from svccheck.engine import combine
from svccheck.engine.consensus import consensus_answer
from svccheck.formats.audit import writer as audit_writer
from svccheck.formats.audit.loading import load_audit, parse_audit
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import NA, Answer, Audit, Evidence, Score
from tests.conftest import MINI_RUBRIC, Writer

# The mini rubric with a fourth item, asking for evidence from 4 up.
RUBRIC = "svccheck: 2\nevidence_from: 4\n" + MINI_RUBRIC.replace(
    "        actions: [Sample 50 invoices., Fix the top error cause.]\n",
    "        actions: [Sample 50 invoices., Fix the top error cause.]\n"
    "      - id: refunds\n"
    "        title: Refunds\n"
    "        question: Are refunds paid on time?\n"
    "        guidance: {low: never, mid: sometimes, high: always}\n"
    "        source: test.txt, point 4\n"
    "        actions: [Track refund times., Pay within a week.]\n",
)
HEADER = """\
svccheck: 2
rubric: mini.yaml
organization: Acme
unit: north
period: 2026-Q3
assessor: {who}
date: {date}
answers:
"""
# greet: all three give 4; Ann and Bob with evidence (log twice), Cy without.
# resolve: Ann and Bob 4 with evidence (dashboard twice), Cy 2: the lower median is 4.
# billing: unanswered in every audit (Bob's file does not even list it).
# refunds: Ann 5 with evidence, Bob 4 without, Cy 4 recorded missing: 4, unsupported.
ANN = """\
  greet: {score: 4, note: seen, evidence: [minutes, log]}
  resolve: {score: 4, evidence: dashboard}
  billing:
  refunds: {score: 5, evidence: refund policy}
"""
BOB = """\
  greet: {score: 4, note: saw the log, evidence: [log, {text: survey, date: 2026-08}]}
  resolve: {score: 4, evidence: [dashboard, ticket sample]}
  refunds: 4
"""
CY = """\
  greet: {score: 4, note: seen}
  resolve: {score: 2, note: no tracking}
  billing:
  refunds: {score: 4, evidence: []}
"""


@pytest.fixture
def panel(write: Writer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Three assessors' audits of one unit, in the current folder beside the rubric."""
    write("mini.yaml", RUBRIC)
    answers = [("Ann", "2026-09-28", ANN), ("Bob", "2026-09-30", BOB), ("Cy", "2026-09-29", CY)]
    paths = [
        write(f"{who}.yaml", HEADER.format(who=who, date=date) + body)
        for who, date, body in answers
    ]
    monkeypatch.chdir(paths[0].parent)
    return [path.name for path in paths]


def written(runner: CliRunner, panel: list[str], *more: str) -> str:
    result = runner.invoke(
        app, ["combine", *panel, "--by", "assessor", "--write-consensus", "c.yaml", *more]
    )
    assert result.exit_code == 0, result.stderr
    assert "consensus audit written to c.yaml" in result.stderr
    return Path("c.yaml").read_text(encoding="utf-8")


def answer_line(text: str, item: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"  {item}:"))


def score_json(runner: CliRunner, *arguments: str) -> Any:
    result = runner.invoke(app, ["score", *arguments, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_file_keeps_evidence_header_and_marks_only_disagreements(
    runner: CliRunner, panel: list[str]
) -> None:
    text = written(runner, panel)
    assert "svccheck: 2\n" in text  # it holds evidence, which format 2 added
    assert re.search(r'^date: "?2026-09-30"?$', text, re.MULTILINE)  # the latest audit's
    for line in ("organization: Acme", "unit: north", "period: 2026-Q3", "rubric: mini.yaml"):
        assert f"\n{line}\n" in text
    assert "\nrubric_version: 1\n" in text
    assert re.search(r'^assessor: "?Ann, Bob, Cy"?$', text, re.MULTILINE)
    assert text.count("TO CONFIRM") == 2
    greet = answer_line(text, "greet")
    assert "TO CONFIRM" not in greet
    assert "Ann, Cy: seen; Bob: saw the log" in greet
    resolve = answer_line(text, "resolve")
    assert "answers: Ann 4; Bob 4; Cy 2 (no tracking)" in resolve
    assert "answers: Ann 5; Bob 4; Cy 4" in answer_line(text, "refunds")
    assert answer_line(text, "billing") == "  billing:"  # no score, no note made up
    answers = load_audit("c.yaml").audit.answer_map()
    assert [answers[i].score for i in ("greet", "resolve", "refunds")] == [4, 4, 4]
    assert answers["greet"].evidence == (
        Evidence("minutes"),
        Evidence("log"),
        Evidence("survey", "2026-08"),
    )
    assert answers["resolve"].evidence == (Evidence("dashboard"), Evidence("ticket sample"))
    assert answers["refunds"].evidence == ()  # Bob recorded none, Cy recorded it missing
    assert "billing" not in answers or answers["billing"] == Answer("billing", None)


def test_require_evidence_scores_the_consensus_by_its_evidence(
    runner: CliRunner, panel: list[str]
) -> None:
    written(runner, panel)
    # front (weight 2): greet 4 = 75 (w1), resolve 4 = 75 (w3): 75. back: billing unanswered,
    # refunds 4 = 75, capped at 3 = 50 without evidence. Overall (2 x 75 + 50) / 3 = 66.67.
    assert score_json(runner, "c.yaml")["overall"]["score"] == 75.0
    capped = score_json(runner, "c.yaml", "--require-evidence")
    assert capped["overall"]["score"] == 66.67
    assert capped["overall"]["confidence"] == pytest.approx(0.67)  # greet, resolve of three
    assert capped["evidence"]["unsupported"] == ["refunds"]


def test_the_file_round_trips_through_the_loader(runner: CliRunner, panel: list[str]) -> None:
    text = written(runner, panel)
    loaded = load_audit("c.yaml")
    assert audit_writer.render_audit(loaded.rubric, loaded.audit) == text
    assert runner.invoke(app, ["validate", "c.yaml"]).exit_code == 0


def test_a_file_that_would_read_back_otherwise_replaces_nothing(
    runner: CliRunner, panel: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("c.yaml").write_text("keep", encoding="utf-8")
    real = audit_writer.render_audit

    def losing_evidence(rubric: Any, audit: Audit, **options: Any) -> str:
        return real(rubric, audit, **options).replace(", evidence: [dashboard, ticket sample]", "")

    monkeypatch.setattr(audit_writer, "render_audit", losing_evidence)
    arguments = ["combine", *panel, "--by", "assessor", "--write-consensus", "c.yaml", "--force"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1
    assert "does not read back as written" in result.stderr
    assert Path("c.yaml").read_text(encoding="utf-8") == "keep"


def test_without_evidence_the_file_declares_the_first_format(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    for who, greet in (("Ann", 2), ("Bob", 2)):
        write(f"{who}.yaml", f"rubric: mini.yaml\nassessor: {who}\nanswers: {{greet: {greet}}}\n")
    monkeypatch.chdir(Path(write("x", "")).parent)
    text = written(runner, ["Ann.yaml", "Bob.yaml"])
    assert "svccheck: 1\n" in text
    assert "TO CONFIRM" not in text
    assert re.search(r"^date:$", text, re.MULTILINE)  # no audit is dated: none is made up
    assert answer_line(text, "greet") == "  greet: 2"


def test_an_all_n_a_item_and_an_item_nobody_answered_but_noted(
    runner: CliRunner, write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    for who in ("Ann", "Bob"):
        write(
            f"{who}.yaml",
            f"rubric: mini.yaml\nassessor: {who}\nanswers:\n  greet: {{score: n/a, note: closed}}\n"
            f"  resolve: {{note: NOT ASSESSED by {who}}}\n",
        )
    monkeypatch.chdir(Path(write("x", "")).parent)
    text = written(runner, ["Ann.yaml", "Bob.yaml"])
    assert answer_line(text, "greet") == '  greet: {score: n/a, note: "Ann, Bob: closed"}'
    resolve = load_audit("c.yaml").audit.answer_map()["resolve"]
    assert resolve.score is None
    assert resolve.note == "Ann: NOT ASSESSED by Ann; Bob: NOT ASSESSED by Bob"


def test_the_report_calls_its_figure_the_mean_and_the_file_tells_its_own(
    runner: CliRunner, panel: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    arguments = ["combine", *panel, "--by", "assessor", "--write-consensus", "c.yaml"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.stderr
    assert "c.yaml: 3 answers, 2 to confirm" in result.stderr
    assert "Mean of 3 assessors: " in result.stdout
    assert "Consensus" not in result.stdout
    shown = {
        fmt: runner.invoke(app, ["combine", *panel, "--by", "assessor", "-f", fmt]).stdout
        for fmt in ("markdown", "html", "json", "csv")
    }
    assert "- **Mean of 3 assessors:** " in shown["markdown"]
    assert "| **Mean** |" in shown["markdown"]
    assert '<span class="label">Mean of 3 assessors</span>' in shown["html"]
    assert "<td>Mean</td>" in shown["html"]
    assert shown["csv"].startswith("item,section,title,mean,")
    report = json.loads(shown["json"])["consensus"]
    assert report["method"] == "mean"
    # The report: greet 75, resolve the mean of 75, 75, 25 = 58.33, so front (75 + 3 x 58.33) / 4
    # = 62.5; refunds the mean of 100, 75, 75 = 83.33 (billing unanswered); overall
    # (2 x 62.5 + 83.33) / 3 = 69.44. The file answers 4 (75) to all three: 75.
    assert report["overall"] == 69.44
    assert score_json(runner, "c.yaml")["overall"]["score"] == 75.0


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([2, 4], 2),
        ([2, 3, 4], 3),
        ([4, 1, 5, 2], 2),
        (["n/a", "n/a", 3], "n/a"),
        (["n/a", 3], 3),  # half n/a is not more than half
        (["n/a", 3, None, None], 3),  # unanswered are no answers
        ([None, None], None),
    ],
)
def test_consensus_answer_is_the_lower_median(scores: list[Score], expected: Score) -> None:
    assert consensus_answer(scores) == expected


def test_write_consensus_file_validates_and_scores(
    runner: CliRunner, small_panel: list[str], tmp_path: Path
) -> None:
    target = tmp_path / "consensus.yaml"
    result = runner.invoke(app, ["combine", *small_panel, "--write-consensus", str(target)])
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    # greet 2, 4, 5 -> 4; resolve 3, 3, 1 -> 3; billing n/a twice of three -> n/a
    assert "greet: {score: 4, note:" in text
    assert "Ann 2 (Ann saw it); Bob 4 (Bob saw it); Cy 5 (Cy saw it)" in text
    assert "resolve: {score: 3," in text
    assert "billing: {score: n/a," in text
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    scored = runner.invoke(app, ["score", str(target), "-f", "json"])
    data = json.loads(scored.stdout)
    assert [i["answer"] for i in data["items"]] == [4, 3, "n/a"]


def test_write_consensus_refuses_inputs_existing_files_and_rubrics(
    runner: CliRunner, small_panel: list[str], mini_rubric: Path, tmp_path: Path
) -> None:
    panel = small_panel
    onto_input = runner.invoke(app, ["combine", *panel, "--write-consensus", panel[0]])
    assert onto_input.exit_code == 2
    assert "input file" in onto_input.stderr
    assert "--write-consensus" in onto_input.stderr
    existing = tmp_path / "old.yaml"
    existing.write_text("keep", encoding="utf-8")
    refused = runner.invoke(app, ["combine", *panel, "--write-consensus", str(existing)])
    assert refused.exit_code == 2
    assert "already exists; add --force" in refused.stderr
    assert existing.read_text(encoding="utf-8") == "keep"
    forced = runner.invoke(app, ["combine", *panel, "--write-consensus", str(existing), "--force"])
    assert forced.exit_code == 0, forced.stderr
    rubric_refused = runner.invoke(
        app, ["combine", *panel, "--write-consensus", str(mini_rubric), "--force"]
    )
    assert rubric_refused.exit_code == 2
    assert "is a rubric" in rubric_refused.stderr
    stdout = runner.invoke(app, ["combine", *panel, "--write-consensus", "-"])
    assert stdout.exit_code == 2


# Any 2-4 valid audits of one unit: each is drawn, written by svccheck's audit writer and read
# back by its loader (so it is an audit svccheck accepts), then combined.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
DAY = st.dates().map(lambda day: day.isoformat()[:10])
EVIDENCE = st.none() | st.lists(
    st.builds(Evidence, st.sampled_from(["log", "minutes", "survey", "policy"])
              | TEXT.filter(str.strip),  # blank evidence is refused: "write [] instead"
              st.none() | DAY | DAY.map(lambda day: day[:7])),
    max_size=3,
).map(tuple)  # fmt: skip
ANSWER = st.tuples(st.none() | st.just(NA) | st.integers(1, 5), st.none() | TEXT, EVIDENCE)
ITEMS = ("greet", "resolve", "billing", "refunds")


@st.composite
def audits(draw: st.DrawFn) -> list[Audit]:
    names = draw(st.lists(TEXT, min_size=2, max_size=4, unique=True))
    drawn = []
    for name in names:
        given = [(item, draw(ANSWER)) for item in ITEMS]
        answers = tuple(Answer(item, *value) for item, value in given if value != (None,) * 3)
        drawn.append(
            Audit(
                "mini.yaml",
                organization="Acme",
                unit="north",
                period="2026-Q3",
                assessor=name,
                date=draw(st.none() | DAY),
                answers=answers,
            )
        )
    return drawn


@pytest.fixture(scope="module")
def folder() -> Any:
    with tempfile.TemporaryDirectory() as name:
        (Path(name) / "mini.yaml").write_text(RUBRIC, encoding="utf-8")
        yield Path(name)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=audits())
def test_any_panel_gives_a_consensus_that_loads_with_given_scores(
    folder: Path, drawn: list[Audit]
) -> None:
    rubric = rubric_files.load_rubric_file(str(folder / "mini.yaml"))
    loaded = []
    for index, audit in enumerate(drawn):
        path = str(folder / f"audit-{index}.yaml")
        loaded.append(parse_audit(audit_writer.render_audit(rubric, audit), path))
    result = combine.combine([(one.rubric, one.audit) for one in loaded], by="assessor")
    target = str(folder / "consensus.yaml")
    consensus_file.write(result, target, force=True)
    consensus = load_audit(target).audit
    dates = [one.audit.date for one in loaded if one.audit.date is not None]
    assert consensus.date == (max(dates) if dates else None)
    answered = {a.item_id for one in loaded for a in one.audit.answers if a.score or a.note}
    assert {a.item_id for a in consensus.answers if a.score or a.note} == answered
    for answer in consensus.answers:
        given = [one.audit.answer_map().get(answer.item_id) for one in loaded]
        scores = {a.score for a in given if a is not None and a.score is not None}
        assert answer.score is None or answer.score in scores
        assert (answer.note or "").startswith("TO CONFIRM") == (len(scores) > 1)
        pieces = {e for a in given if a is not None and a.evidence for e in a.evidence}
        assert set(answer.evidence or ()) <= pieces
