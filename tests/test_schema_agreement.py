"""The exported JSON Schemas and the loaders agree, because both come from one declaration.

For generated documents (valid ones with hostile values put in at random places), the property:
whatever the loader accepts, ``jsonschema`` accepts in the document as JSON sees it (keys as text,
dates as ISO text); where the loader refuses a document the schema accepts, every problem is one
of the documented cross-field rules.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from svccheck.cli.validation import FORMATS
from svccheck.core.errors import InvalidFileError, Rule
from svccheck.formats import importance as importance_format
from svccheck.formats import tree
from svccheck.formats.audit import reader as audit_format
from svccheck.formats.rubric import reader as rubric_format
from tests.conftest import CRITERIA_RUBRIC, MINI_RUBRIC

# Property runs, subprocesses or real terminals, browsers and language servers: seconds.
pytestmark = pytest.mark.slow


def _ecma_pattern(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``pattern`` as editors (ECMA-262) apply it: ``$`` is the end, not also before a final \\n."""
    if validator.is_type(instance, "string"):
        python = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
        if not re.search(python, instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EditorValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)


def schema_errors(kind: str, data: Any) -> list[str]:
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = EditorValidator(FORMATS[kind].schema(), format_checker=checker)
    return [error.message for error in validator.iter_errors(data)]


def as_json(value: Any) -> Any:
    """The dumped document as JSON (and an editor's YAML 1.2) sees it."""
    if isinstance(value, dict):
        return {json_key(key): as_json(entry) for key, entry in value.items()}
    if isinstance(value, list):
        return [as_json(entry) for entry in value]
    if isinstance(value, dt.date):
        return str(value)
    if isinstance(value, str):
        return editor_reading(value)
    return value


def editor_reading(text: str) -> Any:
    """A string as an editor reads it once dumped: PyYAML writes ``1e3`` or ``0x1f`` unquoted
    (YAML 1.1 reads them as text), and YAML 1.2 reads those as numbers."""
    if not re.fullmatch(r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|[0-9.]+(?:[eE][-+]?[0-9]+)?)", text):
        return text
    node = tree.parse(yaml.safe_dump(text), "x.yaml").root
    if not isinstance(node, tree.Scalar) or node.kind is not tree.Kind.FLOAT:
        return text
    if "0o" in text or "0x" in text:
        return int(text, 0)
    return float(text)


def json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    return str(key) if isinstance(key, dt.date) else json.dumps(key)


def representable(value: Any) -> bool:
    """JSON has no NaN, and an object whose keys collide as text has no single JSON reading."""
    if isinstance(value, float):
        return not math.isnan(value)
    if isinstance(value, list):
        return all(representable(entry) for entry in value)
    if isinstance(value, dict):
        keys = [json_key(key) for key in value]
        return len(set(keys)) == len(keys) and all(representable(v) for v in value.values())
    return True


GOOD_RUBRIC = yaml.safe_load(MINI_RUBRIC)
GOOD_AUDIT = {
    "svccheck": 1,
    "rubric": "mini.yaml",
    "rubric_version": 1,
    "organization": "Acme",
    "unit": None,
    "period": "2026-Q3",
    "assessor": "Dana",
    "date": "2026-09-30",
    "answers": {"greet": 4, "resolve": {"score": "n/a", "note": "none"}, "billing": None},
}
GOOD_EVIDENCE_AUDIT = {
    **GOOD_AUDIT,
    "svccheck": 2,
    "answers": {
        "greet": {"score": 4, "evidence": "board minutes"},
        "resolve": {"score": 5, "note": "x", "evidence": ["a", {"text": "b", "date": "2026-03"}]},
        "billing": {"score": 2, "evidence": [{"text": "c", "date": "2026-03-31"}, "d"]},
    },
}
# Format 3 adds an answer's criteria (crit.yaml is MINI_RUBRIC with criteria for greet).
GOOD_CRITERIA_AUDIT = {
    **GOOD_AUDIT,
    "svccheck": 3,
    "rubric": "crit.yaml",
    "answers": {
        "greet": {"criteria": {"standard": "met", "greeted@4": "partly", "name-given": "met"}},
        "resolve": {"score": 4, "note": "x", "criteria": {}},
        "billing": 2,
    },
}
GOOD_EVIDENCE_RUBRIC = {**GOOD_RUBRIC, "svccheck": 2, "evidence_from": 4, "evidence_max_age": 12}
# Format 2 adds importance: in the audit, and the importance file of its own.
RATED_AUDIT = {**GOOD_AUDIT, "svccheck": 2, "importance": {"greet": 1, "billing": 5}}
GOOD_IMPORTANCE = {
    "svccheck": 2,
    "kind": "importance",
    "rubric": "mini.yaml",
    "organization": "Acme",
    "source": "survey",
    "date": "2026-05-31",
    "importance": {"greet": 3, "resolve": 5, "billing": 2},
}
GOOD = {"audit": GOOD_AUDIT, "rubric": GOOD_RUBRIC, "importance": GOOD_IMPORTANCE}
READERS = {
    "audit": audit_format.read,
    "rubric": rubric_format.read,
    "importance": importance_format.read,
}
safe_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029"),
    max_size=8,
)
hostile = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1100, 1100),
    st.sampled_from([10**20, -(10**20), 0, 1, 5, 6, 101, 1_000_001]),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.sampled_from([3.0, 0.5, -0.0, 100.0, 1e300]),
    st.sampled_from(
        ["n/a", "N/A", "", " ", "\u3000", "yes", "2026-Q3", "2026-13-01", "2026-02-30",
         "2026-09-30", "abc\n", "greet", "mini.yaml", "Mini", "x-y", "-1", "0", "07", "1e3"]
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    safe_text,
    st.lists(st.integers(1, 5) | safe_text, max_size=3),
    st.dictionaries(st.sampled_from(["score", "note", "x", "min", "id"]), st.integers(0, 6)),
    st.fixed_dictionaries(
        {"text": safe_text},
        optional={"date": st.sampled_from(["2026-03", "2026-13", "2026-02-30", None, 3])},
    ),
    # Copied: mutated() changes what it draws in place, and sampled_from hands out one object.
    st.sampled_from([[], ["x"], [None], [""], "2026-03"]).map(copy.deepcopy),
)  # fmt: skip
hostile_key = st.one_of(
    st.sampled_from(["x", "note", "score", "weight", "labels", "greet", "1", "Bad Key"]),
    st.integers(-3, 10),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)),
)


def places(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in the document."""
    yield path
    if isinstance(value, dict | list):
        for key, entry in value.items() if isinstance(value, dict) else enumerate(value):
            yield from places(entry, (*path, key))


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """The base document with up to three random changes: a value replaced, a key removed or
    an unknown key added."""
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(list(places(document))[1:]))
        *parents, last = path
        container: Any = document
        for part in parents:
            container = container[part]
        action = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
        if action == "replace":
            container[last] = draw(hostile)
        elif action == "remove" and isinstance(container, dict):
            del container[last]
        elif isinstance(container, dict):
            container[draw(hostile_key)] = draw(hostile)
    return document


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agreement")
    (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    (path / "crit.yaml").write_text(CRITERIA_RUBRIC, encoding="utf-8")
    return path


def load_problems(kind: str, text: str, file: str) -> list[Any] | None:
    """The loader's problems, or None when it accepts the file."""
    try:
        READERS[kind](tree.parse(text, file), file)
    except InvalidFileError as error:
        return list(error.problems)
    return None


def check_agreement(kind: str, document: dict[str, Any], folder: Path) -> None:
    assume(representable(document) and representable(as_json(document)))
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except (ValueError, yaml.YAMLError):  # nothing a person could have written either
        assume(False)
    problems = load_problems(kind, text, str(folder / f"{kind}.yaml"))
    errors = schema_errors(kind, as_json(document))
    if problems is None:
        assert errors == [], text
    elif not errors:
        assert all(p.rule is Rule.CROSS_FIELD for p in problems), (text, problems)


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(document=mutated(GOOD_AUDIT))
def test_audit_loader_and_schema_agree(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("audit", document, folder)


@SETTINGS
@given(document=mutated(RATED_AUDIT))
def test_rated_audit_loader_and_schema_agree(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("audit", document, folder)


@SETTINGS
@given(document=mutated(GOOD_IMPORTANCE))
def test_importance_loader_and_schema_agree(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("importance", document, folder)


@SETTINGS
@given(document=mutated(GOOD_RUBRIC))
def test_rubric_loader_and_schema_agree(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("rubric", document, folder)


@SETTINGS
@given(document=mutated(GOOD_EVIDENCE_AUDIT))
def test_audit_loader_and_schema_agree_on_evidence(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("audit", document, folder)


@SETTINGS
@given(document=mutated(GOOD_CRITERIA_AUDIT))
def test_audit_loader_and_schema_agree_on_criteria(folder: Path, document: dict[str, Any]) -> None:
    check_agreement("audit", document, folder)


@SETTINGS
@given(document=mutated(GOOD_EVIDENCE_RUBRIC))
def test_rubric_loader_and_schema_agree_on_evidence_keys(
    folder: Path, document: dict[str, Any]
) -> None:
    check_agreement("rubric", document, folder)


@pytest.mark.parametrize(
    ("kind", "document"),
    [
        pytest.param("audit", GOOD_AUDIT, id="audit"),
        pytest.param("rubric", GOOD_RUBRIC, id="rubric"),
        pytest.param("importance", GOOD_IMPORTANCE, id="importance"),
        pytest.param("audit", GOOD_EVIDENCE_AUDIT, id="audit-with-evidence"),
        pytest.param("audit", GOOD_CRITERIA_AUDIT, id="audit-with-criteria"),
        pytest.param("rubric", GOOD_EVIDENCE_RUBRIC, id="rubric-asking-for-evidence"),
    ],
)
def test_the_unchanged_documents_pass_both(
    folder: Path, kind: str, document: dict[str, Any]
) -> None:
    text = yaml.safe_dump(document)
    assert load_problems(kind, text, str(folder / f"{kind}.yaml")) is None
    assert schema_errors(kind, as_json(document)) == []


@pytest.mark.parametrize(
    ("kind", "change", "cross_field"),
    [
        pytest.param("audit", {"answers": {"gret": 4}}, True, id="unknown-item-id"),
        pytest.param("audit", {"answers": {"greet": 6}}, True, id="score-off-the-scale"),
        pytest.param("audit", {"rubric": "nope"}, True, id="rubric-not-found"),
        pytest.param("audit", {"svccheck": True}, False, id="version-true"),
        pytest.param("audit", {"rubric": " "}, False, id="blank-rubric"),
        pytest.param("audit", {"period": "2026-02-30"}, False, id="no-such-day"),
        pytest.param("audit", {"answers": {"greet": 3.0}}, None, id="whole-float-is-a-score"),
        pytest.param("audit", {"importance": {"greet": 3}}, True, id="importance-in-format-1"),
        pytest.param("audit", {"svccheck": 2, "importance": {"gret": 3}}, True, id="rated-typo"),
        pytest.param("audit", {"svccheck": 2, "importance": {"greet": 6}}, False, id="rated-6"),
        pytest.param("importance", {"importance": {"gret": 3}}, True, id="unknown-rated-id"),
        pytest.param("importance", {"importance": {"greet": 0}}, False, id="importance-0"),
        pytest.param("importance", {"svccheck": 1}, False, id="importance-format-1"),
        pytest.param("importance", {"rubric": "nope"}, True, id="importance-rubric-not-found"),
        pytest.param("rubric", {"levels": [{"name": "A", "min": 5}]}, True, id="first-level"),
        pytest.param("rubric", {"scale": {"min": 1, "max": 3}}, True, id="labels-missing"),
        pytest.param("rubric", {"target": 1e300}, False, id="target-too-large"),
        pytest.param(
            "audit", {"answers": {"greet": {"score": 4, "evidence": "x"}}}, True, id="evidence-v1"
        ),
        pytest.param(
            "rubric", {"svccheck": 2, "evidence_from": 1}, True, id="evidence-from-scale-minimum"
        ),
        pytest.param("rubric", {"evidence_from": 4}, True, id="evidence-from-in-version-1"),
        pytest.param(
            "rubric", {"svccheck": 2, "evidence_max_age": 0}, False, id="max-age-zero-months"
        ),
    ],
)
def test_known_cases(
    folder: Path, kind: str, change: dict[str, Any], cross_field: bool | None
) -> None:
    document = {**GOOD[kind], **change}
    problems = load_problems(kind, yaml.safe_dump(document), str(folder / f"{kind}.yaml"))
    errors = schema_errors(kind, as_json(document))
    if cross_field is None:
        assert (problems, errors) == (None, [])
    else:
        assert problems is not None
        assert all(p.rule is Rule.CROSS_FIELD for p in problems) == cross_field
        assert (errors == []) == cross_field
