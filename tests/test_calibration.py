"""Calibrating assessors: agreement, the discussion list, honest grouping (the consensus file is
tests/test_consensus_file.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import krippendorff
import pytest
from typer.testing import CliRunner

from svccheck.cli.app import app
from svccheck.core.errors import UsageError
from svccheck.engine import combine
from svccheck.engine.alpha import ordinal_alpha
from svccheck.formats.rubric import loading as rubric_files
from svccheck.model.audit import Answer, Audit, Score
from svccheck.model.rubric import Rubric
from tests.conftest import PANEL_AUDIT, Writer


@pytest.fixture
def mini(mini_rubric: Path) -> Rubric:
    return rubric_files.load_rubric_file(str(mini_rubric))


def entry(
    r: Rubric,
    assessor: str | None,
    unit: str = "north",
    period: str | None = "2026-Q3",
    **answers: Score | tuple[Score, str],
) -> tuple[Rubric, Audit]:
    given = tuple(
        Answer(k, *v) if isinstance(v, tuple) else Answer(k, v) for k, v in answers.items()
    )
    audit = Audit(
        rubric=r.id,
        unit=unit,
        period=period,
        assessor=assessor,
        answers=given,
        path=f"{unit}-{assessor}-{period}.yaml",
    )
    return r, audit  # fmt: skip


def test_alpha_over_unit_item_pairs_matches_the_package(mini: Rubric) -> None:
    result = combine.combine(
        [
            entry(mini, "ann", greet=1, resolve=3, billing=5),
            entry(mini, "bob", greet=2, resolve=3, billing="n/a"),
            entry(mini, "cy", greet=1, resolve=4),
            entry(mini, "ann", "south", greet=5, resolve=2, billing=2),
            entry(mini, "bob", "south", greet=4, resolve=2, billing=1),
        ],
        by="assessor",
    )
    nan = math.nan
    # coders x (unit, item): north greet, resolve, billing; south greet, resolve, billing
    data: list[list[float]] = [[1, 3, 5, 5, 2, 2], [2, 3, nan, 4, 2, 1], [1, 4, nan, nan, nan, nan]]
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    agreement = result.agreement
    assert agreement.assessors == ("ann", "bob", "cy")
    assert agreement.alpha == pytest.approx(expected)
    # pairs: north greet 3, resolve 3; south 3 items x 1 = 9; exact: 1-1, 3-3, 2-2 = 3
    assert agreement.pairs == 9
    assert agreement.exact == pytest.approx(3 / 9)
    assert agreement.within_one == 1.0  # no pair is two steps apart
    front = [[1, 2, 1], [3, 3, 4], [5, 4], [2, 2]]
    assert agreement.sections[0].alpha == pytest.approx(ordinal_alpha(front))
    assert agreement.sections[1].pairs == 1  # billing: only south has two integer answers


def test_agreement_is_undefined_with_one_assessor(mini: Rubric) -> None:
    result = combine.combine(
        [entry(mini, "ann", "north", greet=1), entry(mini, "ann", "south", greet=5)]
    )
    assert result.agreement.alpha is None
    assert result.agreement.exact is None
    assert result.agreement.pairs == 0


def test_an_assessor_with_two_audits_of_one_unit_is_refused(mini: Rubric) -> None:
    first, second = entry(mini, "ann", greet=1), entry(mini, "ann", greet=2)
    second = (second[0], Audit(**{**second[1].__dict__, "path": "again.yaml"}))
    with pytest.raises(UsageError, match=r"'ann' has two audits.*north-ann-2026-Q3.yaml and again"):
        combine.combine([first, second])


def test_mixed_periods_are_refused_unless_asked(mini: Rubric) -> None:
    audits = [entry(mini, "ann", period="2026-Q2", greet=1), entry(mini, "bob", greet=3)]
    with pytest.raises(UsageError, match=r"different periods for unit 'north'.*--mixed-periods"):
        combine.combine(audits)
    assert combine.combine(audits, mixed_periods=True).periods == ("2026-Q2", "2026-Q3")
    # Different units may each have their own period: only one unit over two periods is refused.
    other = [entry(mini, "ann", "south", "2026-Q2"), entry(mini, "bob", "north")]
    assert combine.combine(other).periods == ("2026-Q2", "2026-Q3")


def test_discussion_list_order_and_contents(mini: Rubric) -> None:
    result = combine.combine(
        [
            entry(mini, "ann", greet=1, resolve=(1, "no tracking"), billing="n/a"),
            entry(mini, "bob", greet=3, resolve=(4, "tracked weekly"), billing=3),
            entry(mini, "cy", greet=3, resolve=2, billing=3),
        ]
    )
    listed = [(d.id, d.spread, d.na_split) for d in result.discussion]
    # resolve spreads 3 steps, greet 2, billing 0 (n/a beside a score): widest first.
    assert listed == [("resolve", 3, False), ("greet", 2, False), ("billing", 0, True)]
    resolve = result.discussion[0]
    assert [(r.assessor, r.answer, r.note) for r in resolve.ratings] == [
        ("ann", 1, "no tracking"),
        ("bob", 4, "tracked weekly"),
        ("cy", 2, None),
    ]


def test_equal_spread_is_ordered_by_potential_gain(mini: Rubric) -> None:
    # greet and resolve both spread 2 steps; resolve weighs 3 times as much, so gains more.
    result = combine.combine(
        [entry(mini, "ann", greet=1, resolve=1), entry(mini, "bob", greet=3, resolve=3)]
    )
    assert [d.id for d in result.discussion] == ["resolve", "greet"]
    gains = [d.gain or 0.0 for d in result.discussion]
    assert gains[0] > gains[1]


def test_lookalike_groups_are_flagged(mini: Rubric) -> None:
    result = combine.combine(
        [
            entry(mini, "a", "EMEA"),
            entry(mini, "b", "emea "),
            entry(mini, "c", "EMEA\u200b"),
            entry(mini, "d", "Americas"),
        ]
    )
    assert result.lookalikes == (("EMEA", "emea ", "EMEA\u200b"),)


def test_mixed_periods_cli_exit_2(runner: CliRunner, mini_rubric: Path, write: Writer) -> None:
    q2 = write("q2.yaml", PANEL_AUDIT.format(who="Ann", greet=2, resolve=3, billing=1))
    q3_text = PANEL_AUDIT.format(who="Ann", greet=4, resolve=3, billing=1).replace("Q3", "Q4")
    q3 = write("q3.yaml", q3_text.replace("2026-Q2", "2026-Q3"))
    q2.write_text(q2.read_text().replace("2026-Q3", "2026-Q2"), encoding="utf-8")
    result = runner.invoke(app, ["combine", str(q2), str(q3)])
    assert result.exit_code == 2
    assert "different periods for unit 'north'" in result.stderr
    assert "Traceback" not in result.stderr
    allowed = runner.invoke(app, ["combine", str(q2), str(q3), "--mixed-periods", "-f", "markdown"])
    assert allowed.exit_code == 0, allowed.stderr
    assert "2026-Q2, 2026-Q4 (mixed periods)" in allowed.stdout.splitlines()[0]


def test_json_agreement_and_discussion_shapes(runner: CliRunner, small_panel: list[str]) -> None:
    data = json.loads(
        runner.invoke(app, ["combine", *small_panel, "--by", "assessor", "-f", "json"]).stdout
    )
    agreement = data["agreement"]
    assert set(agreement) == {"assessors", "alpha", "exact", "within_one", "sections", "pairs"}
    assert set(agreement["sections"][0]) == {"id", "alpha", "exact", "within_one"}
    assert agreement["sections"][1]["alpha"] is None  # billing: one integer answer only
    assert data["periods"] == ["2026-Q3"]
    first = data["discussion"][0]
    assert first["item"] == "greet"
    assert first["spread"] == 3
    assert [a["answer"] for a in first["answers"]] == [2, 4, 5]


def test_markdown_by_assessor_is_an_agenda(runner: CliRunner, small_panel: list[str]) -> None:
    text = runner.invoke(
        app, ["combine", *small_panel, "--by", "assessor", "-f", "markdown"]
    ).stdout
    assert "## Discussion list" in text
    assert "### 1. Greeting (greet) — north" in text
    assert "| Ann | 2 | Ann saw it |" in text
    assert "- [ ] Agreed answer:" in text
    assert "0.667–0.8 tentative" in text
