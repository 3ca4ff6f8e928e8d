"""The fast reader of valid audits agrees with the full loader, or declines.

Property, on generated documents (valid audits with hostile values put in at random places, as in
tests/test_schema_agreement.py, and YAML written by hand with tags, anchors, duplicate keys and
numbers in other spellings): whenever :func:`svccheck.audit_fast.read` accepts a document, the
full loader accepts it too and gives an equal audit, rubric and warnings. Declining is always
allowed; the full loader then reports the problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from svccheck import audit_fast, audit_format, tree
from svccheck.audit import LoadedAudit
from svccheck.errors import InvalidFileError
from tests.conftest import MINI_RUBRIC
from tests.test_schema_agreement import GOOD_AUDIT, SETTINGS, mutated

# A later edition of the mini rubric: `greet` replaces an item of edition 1 called `hello`.
EDITION_2 = "svccheck: 2\n" + MINI_RUBRIC.replace("version: 1\n", "version: 2\n", 1).replace(
    "      - id: greet\n", "      - id: greet\n        replaces: [hello]\n", 1
)
# Answers and header values as a person might write them in YAML: spellings the fast reader
# must either read exactly as the full loader does or leave to it.
RAW_VALUES = [
    "3", "'3'", '"3"', "3.0", "+3", "03", "0x3", "3e0", "!!int 3", '!!int "3"', "!!str 3",
    "!!float 3", "!custom 3", "&a 3", "*a", "n/a", "'n/a'", "N/A", "na", "~", "null", "''",
    "[3]", "{}", "{score: 3}", "{score: 3, note: ok}", "{score: 3, score: 4}", "{note: ~}",
    "{score: n/a, note: 2026-09-30}", "{score: 3, note: [x]}", "{score: 9}", "{<<: {score: 3}}",
    "{score: &b 2}", "*b", "0", "-1", "6", "1000", "yes", "2026-09-30", "'  '", "&c {score: 4}",
]  # fmt: skip
RAW_KEYS = [
    "greet", "'greet'", '"resolve"', "billing", "hello", "gret", "Greet", "!!str greet",
    "? greet", "1", "'1'", "no", "<<", "&k greet", "x",
]  # fmt: skip
RAW_HEADER = [
    "svccheck: 1", "svccheck: '1'", "svccheck: +1", "svccheck: 2", "kind: audit",
    "kind: 'audit'", "kind: rubric", "rubric_version: 1", "rubric_version: 2",
    "rubric_version: 01", "rubric_version: '1'", "period: 2026-Q3", "period: 2026-09-30",
    "period: '2026-09'", "period: 2026-02-30", "date: 2026-09-30", "date: 20260930",
    "organization: ~", "organization: 12", "organization: yes", "unit: !!str 12",
    "assessor: &n Dana", "answers: ~", "answers: []", "answers:", "rubric: mini.yaml",
    "rubric: ''", "rubric: mini-2.yaml", "rubric: mini", "rubric: ./mini.yaml", "x: 1",
    "importance: ~", "importance:", "importance: {greet: 3}", "importance: {hello: 2}",
]  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fast")
    (path / "mini.yaml").write_text(MINI_RUBRIC, encoding="utf-8")
    (path / "mini-2.yaml").write_text(EDITION_2, encoding="utf-8")
    return path


def full(text: str, file: str) -> LoadedAudit | None:
    """What the full loader reads, or None when it refuses the file."""
    try:
        return audit_format.read(tree.parse(text, file), file)
    except InvalidFileError:
        return None


def fast(text: str, file: str) -> LoadedAudit | None:
    """What the fast reader reads, or None when it declines (or the YAML does not parse)."""
    try:
        composed = tree.compose(text, file)
    except InvalidFileError:
        return None
    return audit_fast.read(composed, file)


def check(text: str, folder: Path) -> bool:
    """The property for one document; whether the fast reader accepted it."""
    file = str(folder / "audit.yaml")
    quick = fast(text, file)
    if quick is not None:
        assert quick == full(text, file), text
    return quick is not None


@SETTINGS
@given(document=mutated(GOOD_AUDIT), edition=st.sampled_from(["mini.yaml", "mini-2.yaml"]))
def test_generated_audits(folder: Path, document: dict[str, Any], edition: str) -> None:
    document = {**document, "rubric": edition} if "rubric" in document else document
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except (ValueError, yaml.YAMLError):
        assume(False)
    check(text, folder)


VALID_KEYS = ["greet", "resolve", "billing", "hello"]
VALID_VALUES = ["1", "4", "n/a", "~", "", "{score: 3, note: ok}", "{score: n/a, note: x}"]
VALID_HEADER = ["svccheck: 1", "kind: audit", "rubric_version: 1", "period: 2026-Q3", "unit: A"]


@st.composite
def written(draw: st.DrawFn) -> str:
    """An audit written by hand: header lines and answers drawn from the spellings above, the
    valid ones as often as all the others (so that the fast reader accepts many)."""
    line = st.sampled_from(VALID_HEADER) | st.sampled_from(RAW_HEADER)
    header = draw(st.lists(line, max_size=4, unique_by=lambda text: text.split(":")[0]))
    rubric = draw(st.sampled_from(["rubric: mini.yaml", "rubric: mini-2.yaml"]))
    header = [text for text in header if not text.startswith("rubric:")] or [""]
    if draw(st.booleans()):  # a rubric written otherwise, or none
        rubric = draw(st.sampled_from([text for text in RAW_HEADER if "rubric" in text] + [""]))
    key = st.sampled_from(VALID_KEYS) | st.sampled_from(RAW_KEYS)
    value = st.sampled_from(VALID_VALUES) | st.sampled_from(RAW_VALUES)
    answers = draw(st.lists(st.tuples(key, value), max_size=5, unique_by=lambda pair: pair[0]))
    lines = [rubric, *header, "answers:", *(f"  {k}: {v}".rstrip() for k, v in answers)]
    return "\n".join(line for line in lines if line) + "\n"


@SETTINGS
@given(text=written())
def test_audits_written_by_hand(folder: Path, text: str) -> None:
    check(text, folder)


@pytest.mark.parametrize(
    "text",
    [
        yaml.safe_dump(GOOD_AUDIT),
        "rubric: mini.yaml\nanswers:\n  greet: 4\n  resolve: {score: n/a, note: none}\n",
        "rubric: mini-2.yaml\nrubric_version: 1\nanswers:\n  hello: 3\n  billing: ~\n",
        "svccheck: 1\nkind: audit\nrubric: mini.yaml\nperiod: 2026-09-30\nanswers: ~\n",
    ],
)
def test_valid_audits_take_the_fast_path(folder: Path, text: str) -> None:
    assert check(text, folder)


@pytest.mark.parametrize(
    "text",
    [
        "rubric: mini.yaml\nanswers:\n  greet: 3.0\n",  # valid, but left to the full loader
        "rubric: mini.yaml\nanswers:\n  gret: 4\n",
        "rubric: mini.yaml\nanswers:\n  greet: 4\n  greet: 5\n",
        "rubric: mini.yaml\nanswers:\n  greet: 9\n",
        "rubric: nope.yaml\n",
        "rubric: mini.yaml\nanswers: &a {greet: 3}\nx: *a\n",
        "- rubric: mini.yaml\n",
    ],
)
def test_doubtful_audits_are_declined(folder: Path, text: str) -> None:
    assert not check(text, folder)
