"""Importance in files: the audit's ``importance:`` key, the importance file, ``--importance``.

Both are declared once (svccheck/audit_format.py, svccheck/importance_format.py): located errors,
``svccheck validate`` and ``svccheck schema importance`` come from the declaration. The mini
rubric (tests/conftest.py) has the items greet, resolve and billing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from svccheck.core.errors import InvalidFileError
from svccheck.formats import importance as importance_format
from svccheck.formats import tree
from svccheck.formats.audit import loading as audit_files
from tests.conftest import MINI_RUBRIC, Writer, app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "expectations" / "acme-2026-Q3.yaml"
SURVEY = ROOT / "examples" / "importance" / "acme-customer-survey-2026.yaml"
AUDIT = """\
svccheck: 2
rubric: mini.yaml
organization: Acme
period: 2026-Q3
answers: {greet: 5, resolve: 2, billing: 3}
"""
RATED = AUDIT + "importance: {greet: 2, resolve: 5, billing: 4}\n"
IMPORTANCE = """\
svccheck: 2
kind: importance
rubric: mini.yaml
organization: Acme
source: customer survey, May 2026, 412 answers
date: 2026-05-31
importance: {greet: 2, resolve: 5, billing: 4}
"""


def json_of(runner: CliRunner, *arguments: str) -> dict[str, Any]:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def folder(write: Writer) -> Path:
    write("mini.yaml", MINI_RUBRIC)
    write("plain.yaml", AUDIT)
    write("rated.yaml", RATED)
    return write("survey.yaml", IMPORTANCE).parent


def test_the_audit_key_and_the_file_agree(runner: CliRunner, folder: Path) -> None:
    from_audit = json_of(runner, "score", str(folder / "rated.yaml"), "-f", "json")
    from_file = json_of(
        runner, "score", str(folder / "plain.yaml"), "--importance", str(folder / "survey.yaml"),
        "-f", "json",
    )  # fmt: skip
    assert from_audit["ipa"].pop("file") is None
    assert from_audit["ipa"].pop("source") is None
    assert from_file["ipa"].pop("file") == str(folder / "survey.yaml")
    assert from_file["ipa"].pop("source") == "customer survey, May 2026, 412 answers"
    assert from_audit == from_file
    # By hand: percents 100, 25, 50 (mean 58.33); importances 2, 5, 4 (mean 3.67).
    assert from_file["ipa"] == {
        "importance_mean": 3.67,
        "performance_mean": 58.33,
        "items": [
            {"id": "greet", "importance": 2, "percent": 100.0, "quadrant": "possible-overkill"},
            {"id": "resolve", "importance": 5, "percent": 25.0, "quadrant": "concentrate-here"},
            {"id": "billing", "importance": 4, "percent": 50.0, "quadrant": "concentrate-here"},
        ],
        "rated_items": 3,
        "rubric_items": 3,
    }
    # Gains 25 and 8.33 (docs/scoring.md); priorities 25 x 5 / (11/3) = 34.09, 8.33 x 4 / (11/3).
    assert [(a["item"], a["gain"], a["priority"]) for a in from_file["actions"]] == [
        ("resolve", 25.0, 34.09),
        ("billing", 8.33, 9.09),
    ]
    assert list(from_file["actions"][0]) == ["item", "title", "gain", "priority", "actions"]


def test_without_importance_the_report_is_unchanged(runner: CliRunner, folder: Path) -> None:
    data = json_of(runner, "score", str(folder / "plain.yaml"), "-f", "json")
    assert "ipa" not in data
    assert all("priority" not in action for action in data["actions"])


def test_the_file_wins_over_the_audit_with_a_warning(
    runner: CliRunner, folder: Path, write: Writer
) -> None:
    write("other.yaml", IMPORTANCE.replace("{greet: 2, resolve: 5, billing: 4}", "{greet: 5}"))
    result = runner.invoke(
        app, ["score", str(folder / "rated.yaml"), "--importance", str(folder / "other.yaml"),
              "-f", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "its importance replaces the importance: mapping in" in result.stderr
    items = json.loads(result.stdout)["ipa"]["items"]
    assert [(item["id"], item["importance"]) for item in items] == [("greet", 5)]


def test_a_file_of_another_organization_is_a_warning(
    runner: CliRunner, folder: Path, write: Writer
) -> None:
    write("them.yaml", IMPORTANCE.replace("organization: Acme", "organization: Globex"))
    result = runner.invoke(
        app, ["score", str(folder / "plain.yaml"), "--importance", str(folder / "them.yaml")]
    )
    assert result.exit_code == 0, result.stderr
    assert "the importance figures are of 'Globex', the audit of 'Acme'" in result.stderr


def test_a_file_of_another_rubric_is_refused(
    runner: CliRunner, folder: Path, write: Writer
) -> None:
    write("wcp.yaml", IMPORTANCE.replace("mini.yaml", "world-class-practices").replace(
        "{greet: 2, resolve: 5, billing: 4}", "{compelling-vision: 3}"))  # fmt: skip
    result = runner.invoke(
        app, ["score", str(folder / "plain.yaml"), "--importance", str(folder / "wcp.yaml")]
    )
    assert result.exit_code == 2
    assert "the importance file is for rubric 'world-class-practices', the audit for 'mini'" in (
        result.stderr
    )


def test_the_output_may_not_be_the_importance_file(runner: CliRunner, folder: Path) -> None:
    survey = folder / "survey"  # no extension: the table's name (-o survey.yaml is refused anyway)
    survey.write_bytes((folder / "survey.yaml").read_bytes())
    before = survey.read_bytes()
    result = runner.invoke(
        app, ["score", str(folder / "plain.yaml"), "--importance", str(survey), "-o", str(survey)]
    )
    assert result.exit_code == 2
    assert "is this command's importance file" in result.stderr
    assert survey.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            IMPORTANCE.replace("resolve: 5", "resolv: 5"),
            ["7:24: importance: unknown item id 'resolv' (did you mean 'resolve'?)"],
            id="unknown-id",
        ),
        pytest.param(
            IMPORTANCE.replace("resolve: 5", "resolve: 6"),
            ["7:33: importance.resolve: must be at most 5, got 6"],
            id="above-five",
        ),
        pytest.param(
            IMPORTANCE.replace("greet: 2", "greet: 0"),
            ["7:21: importance.greet: must be at least 1, got 0"],
            id="below-one",
        ),
        pytest.param(
            IMPORTANCE.replace("greet: 2", "greet: 2.5"),
            ["7:21: importance.greet: expected a whole-number importance from 1 to 5, got 2.5"],
            id="not-whole",
        ),
        pytest.param(
            IMPORTANCE.replace("greet: 2", "greet: n/a"),
            [
                "7:21: importance.greet: expected a whole-number importance from 1 to 5, got "
                "text 'n/a'"
            ],
            id="n-a",
        ),
        pytest.param(
            IMPORTANCE.replace("source: customer survey, May 2026, 412 answers\n", ""),
            ["1:1: the document: missing required key 'source'"],
            id="no-source",
        ),
        pytest.param(
            IMPORTANCE.replace("svccheck: 2", "svccheck: 1"),
            [
                "1:11: svccheck: format version 1 is not one this svccheck reads (2); was the file "
                "written by a newer svccheck?"
            ],
            id="version-one",
        ),
        pytest.param(
            IMPORTANCE.replace("date: 2026-05-31", "dat: 2026-05-31"),
            ["6:1: the document: unknown key 'dat' (did you mean 'date'?)"],
            id="misspelt-key",
        ),
        pytest.param(
            IMPORTANCE.replace("greet: 2, ", "greet: 2, greet: 3, "),
            [
                "7:24: duplicate key 'greet' (first at line 7); YAML would silently keep only the "
                "last one"
            ],
            id="duplicate-id",
        ),
        pytest.param(
            IMPORTANCE.replace("rubric: mini.yaml", "rubric: nope.yaml"),
            ["3:9: rubric: rubric file nope.yaml does not exist"],
            id="no-rubric",
        ),
    ],
)
def test_importance_file_errors_are_located(
    folder: Path, write: Writer, text: str, expected: list[str]
) -> None:
    path = write("bad.yaml", text)
    with pytest.raises(InvalidFileError) as raised:
        importance_format.load(str(path))
    shown = [line.removeprefix(f"{path}:") for line in raised.value.lines()]
    assert [line.replace(f"{folder}/", "") for line in shown] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            RATED.replace("svccheck: 2\n", ""),
            "5:1: importance: needs 'svccheck: 2' or later at the top of the file (it says 1)",
            id="format-one",
        ),
        pytest.param(
            RATED.replace("billing: 4}", "biling: 4}"),
            "6:36: importance: unknown item id 'biling' (did you mean 'billing'?)",
            id="unknown-id",
        ),
        pytest.param(
            RATED.replace("greet: 2", "greet: 9"),
            "6:21: importance.greet: must be at most 5, got 9",
            id="off-the-scale",
        ),
        pytest.param(
            RATED.replace("importance: {", "importance: [").replace("4}\n", "4]\n"),
            "6:13: importance: expected a mapping, got a list",
            id="a-list",
        ),
    ],
)
def test_audit_importance_errors_are_located(
    runner: CliRunner, folder: Path, write: Writer, text: str, expected: str
) -> None:
    path = write("bad.yaml", text)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{path}:{expected}"]
    scored = runner.invoke(app, ["score", str(path)])
    assert scored.exit_code == 2
    assert f"{path}:{expected}" in scored.stderr


def test_validate_names_the_importance_kind(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(folder / "survey.yaml"), str(folder / "rated.yaml")]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{folder / 'survey.yaml'}: valid importance",
        f"{folder / 'rated.yaml'}: valid audit, 3 of 3 items answered",
    ]


def as_json(document: Any) -> Any:
    return json.loads(json.dumps(document, default=str))


def test_the_importance_schema_accepts_the_files(runner: CliRunner, folder: Path) -> None:
    schema = json.loads(runner.invoke(app, ["schema", "importance"]).stdout)
    for path in [folder / "survey.yaml", SURVEY]:
        jsonschema.validate(as_json(yaml.safe_load(path.read_text())), schema)
    bad = {**yaml.safe_load(IMPORTANCE), "importance": {"greet": 6}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(bad), schema)


def test_per_rubric_schemas_know_the_item_ids(runner: CliRunner) -> None:
    arguments = ["schema", "importance", "--rubric", "customer-expectations"]
    schema = json.loads(runner.invoke(app, arguments).stdout)
    survey = yaml.safe_load(SURVEY.read_text())
    jsonschema.validate(as_json(survey), schema)
    misspelt = {**survey, "importance": {"respectfull-treatment": 4}}
    with pytest.raises(jsonschema.ValidationError, match="respectfull-treatment"):
        jsonschema.validate(as_json(misspelt), schema)
    audit_arguments = ["schema", "audit", "--rubric", "customer-expectations"]
    audit_schema = json.loads(runner.invoke(app, audit_arguments).stdout)
    rated = {
        **yaml.safe_load(EXAMPLE.read_text()),
        "svccheck": 2,
        "importance": {"fair-treatment": 4},
    }
    jsonschema.validate(as_json(rated), audit_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json({**rated, "importance": {"fair-treatment": 6}}), audit_schema)


def test_the_audit_keeps_importance_in_rubric_order(folder: Path, write: Writer) -> None:
    path = write("order.yaml", AUDIT + "importance: {billing: 1, greet: 3}\n")
    loaded = audit_files.load_audit(str(path))
    assert loaded.audit.importance == (("greet", 3), ("billing", 1))
    assert audit_files.load_audit(str(folder / "plain.yaml")).audit.importance is None


ratings = st.dictionaries(st.sampled_from(["greet", "resolve", "billing"]), st.integers(1, 5))
# Text a person writes (control characters and blank text are refused, with their own tests).
# PyYAML (which writes these documents here) leaves YAML 1.2 numbers such as 0E0 unquoted, as
# YAML 1.1 reads them as text; svccheck refuses them with a hint to quote (test_tree.py), so they
# are not drawn here.
YAML12_NUMBER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
written = (
    st.text(
        st.characters(exclude_categories=["Cc", "Cs"], exclude_characters="\x85\u2028\u2029"),
        min_size=1,
        max_size=20,
    )
    .filter(str.strip)
    .filter(lambda text: not YAML12_NUMBER.fullmatch(text.strip()))
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(given_ratings=ratings, source=written, date=st.none() | st.dates())
def test_the_importance_loader_reads_what_was_written(
    folder: Path, given_ratings: dict[str, int], source: str, date: object
) -> None:
    document = {"svccheck": 2, "kind": "importance", "rubric": "mini.yaml",
                "organization": "Acme", "source": source, "date": date,
                "importance": given_ratings}  # fmt: skip
    text = yaml.safe_dump(document, allow_unicode=True)
    file = str(folder / "generated.yaml")
    found, loaded, seen = importance_format.read(tree.parse(text, file), file)
    assert dict(found.ratings) == given_ratings
    assert [i for i, _ in found.ratings] == [i for i in loaded.item_ids() if i in given_ratings]
    assert (found.source, found.organization) == (source, "Acme")
    assert found.date == (None if date is None else str(date))
    assert (seen.renamed, seen.removed) == ((), ())


def test_diff_shows_importance_changes_when_both_sides_have_it(
    runner: CliRunner, folder: Path, write: Writer
) -> None:
    later = write("later.yaml", RATED.replace("greet: 2, resolve: 5", "greet: 3, resolve: 5"))
    data = json_of(runner, "diff", str(folder / "rated.yaml"), str(later), "-f", "json")
    assert data["importance"] == [
        {"id": "greet", "old": 2, "new": 3},
        {"id": "resolve", "old": 5, "new": 5},
        {"id": "billing", "old": 4, "new": 4},
    ]
    one_side = json_of(runner, "diff", str(folder / "plain.yaml"), str(later), "-f", "json")
    assert "importance" not in one_side


def test_plan_ranks_by_priority_with_importance(runner: CliRunner, write: Writer) -> None:
    # greet 2 (25%), resolve 3 (50%), billing 1 (0%); gains toward 75: billing 25, resolve 12.5,
    # greet 8.33 (tests/test_planning.py). Importance billing 1, resolve 5, greet 4 (mean 10/3):
    # priorities billing 25 x 0.3 = 7.5, resolve 12.5 x 1.5 = 18.75, greet 8.33 x 1.2 = 10.
    write("mini.yaml", MINI_RUBRIC)
    text = AUDIT.replace("{greet: 5, resolve: 2, billing: 3}", "{greet: 2, resolve: 3, billing: 1}")
    plain = write("a.yaml", text)
    rated = write("b.yaml", text + "importance: {billing: 1, resolve: 5, greet: 4}\n")
    by_gain = json_of(runner, "plan", str(plain), "-f", "json", "--per-phase", "1")
    by_priority = json_of(runner, "plan", str(rated), "-f", "json", "--per-phase", "1")
    assert [p["items"][0]["id"] for p in by_gain["phases"]] == ["billing", "resolve", "greet"]
    assert [p["items"][0]["id"] for p in by_priority["phases"]] == ["resolve", "greet", "billing"]
    assert by_priority["phases"][-1]["projected_overall"] == 75.0
    survey = write("survey.yaml", IMPORTANCE)
    from_file = json_of(
        runner, "plan", str(plain), "-f", "json", "--per-phase", "1", "--importance", str(survey)
    )
    # The survey: greet 2, resolve 5, billing 4 (mean 11/3): resolve 17.05, billing 27.27, greet
    # 4.55.
    assert [p["items"][0]["id"] for p in from_file["phases"]] == ["billing", "resolve", "greet"]


def test_the_example_places_the_nine_basics(runner: CliRunner) -> None:
    # Importances 4 4 5 5 4 3 4 2 5: mean 36 / 9 = 4. Percents 75 50 25 75 50 25 25 100 25:
    # mean 450 / 9 = 50. fair-treatment and knowledgeable-staff sit on both crosshairs.
    data = json_of(runner, "score", str(EXAMPLE), "--importance", str(SURVEY), "-f", "json")
    ipa = data["ipa"]
    assert (ipa["importance_mean"], ipa["performance_mean"]) == (4.0, 50.0)
    assert {item["id"]: item["quadrant"] for item in ipa["items"]} == {
        "respectful-treatment": "keep-up-the-good-work",
        "fair-treatment": "keep-up-the-good-work",
        "response-time": "concentrate-here",
        "product-quality": "keep-up-the-good-work",
        "knowledgeable-staff": "keep-up-the-good-work",
        "on-time-complete-delivery": "low-priority",
        "error-free-transactions": "concentrate-here",
        "friendly-courteous": "possible-overkill",
        "quick-problem-resolution": "concentrate-here",
    }
    assert ipa["source"].startswith("Customer survey, May 2026: 412 customers")
    # Gain 1.79 each for a 2 (weight 1 of 28): importance 5 gives 1.79 x 5 / 4 = 2.23, so the
    # two customers' priorities move ahead of every other item answered 2.
    assert [a["item"] for a in data["actions"][:4]] == [
        "everyone-adds-value",  # weight 2: gain 3.57, no importance: counts at the mean
        "response-time",
        "quick-problem-resolution",
        "error-free-transactions",  # importance 4 = the mean: priority = gain, rubric order
    ]


def test_convert_refuses_to_drop_importance(runner: CliRunner, folder: Path) -> None:
    target = folder / "rated.xlsx"
    result = runner.invoke(app, ["convert", str(folder / "rated.yaml"), "-o", str(target)])
    assert result.exit_code == 2
    assert "a workbook has no place for the audit's importance: mapping" in result.stderr
    assert not target.exists()


def test_the_audit_and_the_file_cannot_both_come_from_stdin(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["score", "-", "--importance", "-"], input=AUDIT)
    assert result.exit_code == 2
    assert "cannot both be read from standard input" in result.stderr


def test_strict_places_unanswered_items_at_zero(runner: CliRunner, write: Writer) -> None:
    write("mini.yaml", MINI_RUBRIC)
    path = write("s.yaml", "svccheck: 2\nrubric: mini.yaml\nanswers: {greet: 5}\n"
                 "importance: {greet: 2, resolve: 4}\n")  # fmt: skip
    lenient = json_of(runner, "score", str(path), "-f", "json")["ipa"]
    strict = json_of(runner, "score", str(path), "-f", "json", "--strict")["ipa"]
    assert [item["id"] for item in lenient["items"]] == ["greet"]
    assert [(i["id"], i["percent"], i["quadrant"]) for i in strict["items"]] == [
        ("greet", 100.0, "possible-overkill"),
        ("resolve", 0.0, "concentrate-here"),
    ]


def test_a_finished_session_reports_with_the_audits_importance(
    runner: CliRunner, folder: Path
) -> None:
    path = folder / "session.yaml"
    path.write_text(RATED.replace("{greet: 5, resolve: 2, billing: 3}", "{greet: 5}"))
    result = runner.invoke(app, ["audit", "-o", str(path)], input="2\n3\n")
    assert result.exit_code == 0, result.stderr
    assert "Ordered by priority" in result.stdout  # not a terminal: the full report
    assert "Importance and performance" in result.stdout
    assert "importance: {greet: 2, resolve: 5, billing: 4}" in path.read_text()
