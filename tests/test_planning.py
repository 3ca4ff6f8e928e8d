"""Improvement plans: hand-computed on the mini rubric, projections equal to scoring, plan files.

The mini rubric (tests/conftest.py) weighs its sections: front 2 (greet weight 1, resolve weight
3), back 1 (billing). With greet 2 (25%), resolve 3 (50%), billing 1 (0%):
front = (25 + 3 x 50) / 4 = 43.75, back = 0, overall = 2 x 43.75 / 3 = 29.17.
Gains toward 75%: billing 1/3 x 75 = 25, resolve 2/3 x 3/4 x 25 = 12.5, greet 2/3 x 1/4 x 50 = 8.33.
Each is raised to 4 (75%): after billing 54.17, after resolve 66.67, after greet 75.00.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.cli import validation
from svccheck.core.errors import InvalidFileError, UsageError
from svccheck.engine import planning, scoring
from svccheck.formats.plan import reader as plan_format
from svccheck.formats.plan import writer as plan_writer
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model import rubric
from svccheck.model.audit import Answer, Audit, Score
from tests.conftest import MINI_RUBRIC, Writer, app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_PLAN = ROOT / "examples" / "plans" / "acme-2026-Q3-plan.yaml"
AUDIT_TEXT = """\
svccheck: 1
rubric: mini.yaml
organization: Acme
period: {period}
answers: {{greet: {greet}, resolve: {resolve}, billing: {billing}}}
"""


def mini(write: Writer) -> rubric.Rubric:
    return rubric_files.load(str(write("mini.yaml", MINI_RUBRIC)))


def audit(greet: Score = 2, resolve: Score = 3, billing: Score = 1) -> Audit:
    answers = (Answer("greet", greet), Answer("resolve", resolve), Answer("billing", billing))
    return Audit(rubric="mini.yaml", organization="Acme", period="2026-Q3", answers=answers)


def ids(plan: planning.Plan) -> list[list[str]]:
    return [[item.id for item in phase.items] for phase in plan.phases]


def test_hand_computed_plan_one_item_per_phase(write: Writer) -> None:
    plan = planning.make_plan(mini(write), audit(), planning.Request(per_phase=1))
    assert ids(plan) == [["billing"], ["resolve"], ["greet"]]  # stops at the target: 3 phases
    assert [phase.period for phase in plan.phases] == ["2026-Q4", "2027-Q1", "2027-Q2"]
    assert [phase.projected_overall for phase in plan.phases] == pytest.approx(
        [162.5 / 3, 200 / 3, 75.0]
    )
    assert [phase.projected_level for phase in plan.phases] == [
        "Developing",
        "Established",
        "Established",
    ]
    assert all(item.to == 4 for item in plan.items())
    assert [item.from_score for item in plan.items()] == [1, 3, 2]
    assert plan.baseline_overall == pytest.approx(87.5 / 3)
    assert plan.reached
    assert planning.shortfall(plan) is None


def test_a_higher_target_raises_items_further_and_stops_inside_a_phase(write: Writer) -> None:
    loaded = mini(write)
    target = planning.target_of_level(loaded, "world-class")  # 80: the goal becomes 5 (100%)
    plan = planning.make_plan(loaded, audit(), planning.Request(target=target))
    # billing to 5: (87.5 + 100) / 3 = 62.5; resolve to 5: (2 x 81.25 + 100) / 3 = 87.5 >= 80.
    assert ids(plan) == [["billing", "resolve"]]
    assert [item.to for item in plan.items()] == [5, 5]
    assert plan.phases[0].projected_overall == pytest.approx(87.5)


def test_an_unreachable_target_is_reported(write: Writer) -> None:
    plan = planning.make_plan(mini(write), audit(), planning.Request(phases=2, per_phase=1))
    assert ids(plan) == [["billing"], ["resolve"]]
    assert not plan.reached
    message = planning.shortfall(plan)
    assert message is not None
    assert "75% is not reached" in message
    assert "66.67%" in message


def test_ties_follow_rubric_order(write: Writer) -> None:
    text = MINI_RUBRIC.replace("        weight: 3\n", "")  # greet and resolve now weigh the same
    loaded = rubric_files.load(str(write("mini.yaml", text)))
    plan = planning.make_plan(loaded, audit(greet=2, resolve=2, billing=5), planning.Request())
    assert ids(plan) == [["greet", "resolve"]]


def test_a_baseline_at_target_needs_no_phase(write: Writer) -> None:
    plan = planning.make_plan(mini(write), audit(4, 4, 4), planning.Request())
    assert plan.phases == ()
    assert plan.reached


def test_unanswered_and_na_items_are_not_planned(write: Writer) -> None:
    plan = planning.make_plan(mini(write), audit(None, "n/a", 1), planning.Request())
    assert [item.id for item in plan.items()] == ["billing"]


@pytest.mark.parametrize(
    ("period", "expected"),
    [("2026-Q4", "2027-Q1"), ("2026-09", "2026-Q4"), ("2026-02-14", "2026-Q2")],
)
def test_phases_follow_the_quarter_of_the_audit_period(period: str, expected: str) -> None:
    assert next(planning.quarters_after(period, 2)) == expected


def test_an_audit_without_a_period_is_refused(write: Writer) -> None:
    undated = Audit(rubric="mini.yaml", answers=(Answer("greet", 1),))
    with pytest.raises(UsageError, match="no period"):
        planning.make_plan(mini(write), undated, planning.Request())


def test_an_unknown_level_names_the_known_ones(write: Writer) -> None:
    with pytest.raises(UsageError, match="Reactive, Emerging"):
        planning.target_of_level(mini(write), "Heroic")


scores = st.integers(1, 5) | st.just("n/a") | st.none()


@settings(max_examples=60, deadline=None)
@given(
    answers=st.tuples(scores, scores, scores),
    target=st.integers(0, 100),
    phases=st.integers(1, 4),
    per_phase=st.integers(1, 3),
)
def test_each_projection_equals_scoring_the_audit_with_the_planned_answers(
    answers: tuple[Score, Score, Score], target: int, phases: int, per_phase: int
) -> None:
    loaded = rubric_files.parse_rubric(MINI_RUBRIC, "mini.yaml")
    base = audit(*answers)
    plan = planning.make_plan(loaded, base, planning.Request(target, phases, per_phase))
    done: tuple[planning.PlannedItem, ...] = ()
    for phase in plan.phases:
        assert 1 <= len(phase.items) <= per_phase
        done = (*done, *phase.items)
        expected = scoring.score(loaded, planning.applied(base, done))
        assert phase.projected_overall == expected.overall
        assert phase.projected_level == expected.level
    assert len(plan.phases) <= phases
    # Never planned past the target, and an unreached target means nothing was left to do.
    for phase in plan.phases[:-1]:
        assert phase.projected_overall is not None
        assert phase.projected_overall < target
    if not plan.reached and len(plan.phases) < phases:
        assert planning.candidates(loaded, planning.applied(base, done), max(75, target)) == []


# The plan file: written, it reads back; people's edits are checked with located errors.

texts = st.none() | st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=60, deadline=None)
@given(
    owner=texts,
    note=texts,
    action=st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20),
    status=st.sampled_from(list(planning.Status)),
    due=st.none() | st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10),
    overall=st.none() | st.integers(0, 10000).map(lambda n: n / 100),
    period=st.sampled_from(["2026-Q3", "2026-09", "2026-09-30"]),
)
def test_a_written_plan_reads_back(
    tmp_path_factory: pytest.TempPathFactory,
    owner: str | None,
    note: str | None,
    action: str,
    status: planning.Status,
    due: str | None,
    overall: float | None,
    period: str,
) -> None:
    folder = tmp_path_factory.mktemp("plan")
    (folder / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    loaded = rubric_files.load(str(folder / "mini.yaml"))
    if not action.strip():
        action = "x" + action
    owner = owner if owner is None or owner.strip() or owner == "" else None
    item = planning.PlannedItem("billing", 1, 4, (action,), owner, due, status, note)
    phase = planning.Phase("2026-Q4", (item,), overall, "Developing")
    plan = planning.Plan("mini.yaml", 1, "Acme, Inc.", None, period, overall, 75.0, (phase,))
    path = folder / "plan.yaml"
    path.write_text(plan_writer.render_plan(plan, loaded), encoding="utf-8")
    read, _ = plan_format.load(str(path))
    assert read == plan


def test_the_example_plan_is_valid_and_matches_the_engine() -> None:
    assert validation.validate_file(str(EXAMPLE_PLAN)) == "plan"
    plan, loaded = plan_format.load(str(EXAMPLE_PLAN))
    from svccheck.formats.audit.loading import load_audit

    baseline = load_audit(str(ROOT / "examples" / "acme-2026-Q3.yaml"))
    fresh = planning.make_plan(loaded, baseline.audit, planning.Request())
    assert ids(plan) == ids(fresh)  # people filled in owners and dates, not the items
    assert [p.projected_overall for p in plan.phases] == [
        round(p.projected_overall or 0, 2) for p in fresh.phases
    ]


def test_the_example_plan_fits_the_schema(runner: CliRunner) -> None:
    import yaml

    result = runner.invoke(app, ["schema", "plan"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(json.dumps(yaml.safe_load(EXAMPLE_PLAN.read_text()), default=str))
    jsonschema.validate(data, json.loads(result.stdout))


def test_edits_are_checked_with_located_errors(write: Writer) -> None:
    write("mini.yaml", MINI_RUBRIC)
    text = EXAMPLE_PLAN.read_text().replace("world-class-practices", "mini.yaml", 1)
    path = write("plan.yaml", text)
    with pytest.raises(InvalidFileError) as raised:
        plan_format.load(str(path))
    assert "unknown item id 'everyone-adds-value'" in str(raised.value)
    bad = (
        "svccheck: 2\nkind: plan\nrubric: mini.yaml\nbaseline: {period: 2026-Q3}\ntarget: 75\n"
        "phases:\n  - period: 2026-Q4\n    items:\n"
        "      - {id: billing, from: 1, to: 9, status: finished, due: 2026-13-01}\n"
        "      - {id: billing, from: 1, to: 4, owner: Sam}\n"
    )
    with pytest.raises(InvalidFileError) as raised:
        plan_format.load(str(write("bad.yaml", bad)))
    lines = [f"{p.line}:{p.column}: {p.message}" for p in raised.value.problems]
    assert any(
        line.startswith("9:") and "planned, doing, done or dropped" in line for line in lines
    )
    assert any(line.startswith("9:") and "2026-13-01" in line for line in lines)
    assert any(line.startswith("9:") and "outside the scale 1..5" in line for line in lines)
    assert any(line.startswith("10:") and "planned twice" in line for line in lines)


# The command.


def test_plan_command_writes_a_plan_that_validates(runner: CliRunner, write: Writer) -> None:
    write("mini.yaml", MINI_RUBRIC)
    source = write("q3.yaml", AUDIT_TEXT.format(period="2026-Q3", greet=2, resolve=3, billing=1))
    target = source.parent / "plan.yaml"
    result = runner.invoke(app, ["plan", str(source), "--per-phase", "1", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "2027-Q2" in result.stdout
    assert runner.invoke(app, ["validate", str(target)]).exit_code == 0
    again = runner.invoke(app, ["plan", str(source), "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists" in again.stderr
    assert runner.invoke(app, ["plan", str(source), "-o", str(target), "--force"]).exit_code == 0
    onto = runner.invoke(app, ["plan", str(source), "-o", str(source), "--force"])
    assert onto.exit_code == 2
    assert "input file" in onto.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "csv"])
def test_plan_command_in_every_format(runner: CliRunner, write: Writer, fmt: str) -> None:
    write("mini.yaml", MINI_RUBRIC)
    source = write("q3.yaml", AUDIT_TEXT.format(period="2026-09", greet=2, resolve=3, billing=1))
    result = runner.invoke(
        app, ["plan", str(source), "--phases", "2", "--per-phase", "1", "-f", fmt]
    )
    assert result.exit_code == 0, result.stderr
    assert "not reached" in result.stderr
    if fmt == "json":
        data = json.loads(result.stdout)
        assert [p["period"] for p in data["phases"]] == ["2026-Q4", "2027-Q1"]
        assert [p["projected_overall"] for p in data["phases"]] == [54.17, 66.67]
        assert data["reached"] is False
    elif fmt == "csv":
        assert result.stdout.splitlines()[1].startswith("1,2026-Q4,billing,Billing,1,4,")
    else:
        assert "1 Not in place → 4 Managed" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--target", "80", "--target-level", "World-class"], "not both"),
        (["--target-level", "Heroic"], "has the levels"),
    ],
)
def test_plan_command_refuses_bad_targets(
    runner: CliRunner, write: Writer, arguments: list[str], message: str
) -> None:
    write("mini.yaml", MINI_RUBRIC)
    source = write("q3.yaml", AUDIT_TEXT.format(period="2026-Q3", greet=2, resolve=3, billing=1))
    result = runner.invoke(app, ["plan", str(source), *arguments])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
