"""The YAML layer: positions, duplicate keys, hostile documents, and only our own errors."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck import yamlio
from svccheck.errors import InvalidFileError


def test_positions_of_values_and_keys() -> None:
    document = yamlio.parse("a: 1\nb:\n  - x\n  - {c: 2026-09-30}\n", "f.yaml")
    assert document.data == {"a": 1, "b": ["x", {"c": dt.date(2026, 9, 30)}]}
    assert document.position(("b", 1, "c")) == (4, 9)
    assert document.position(("b",), key=True) == (2, 1)
    assert document.position(("b", 1, "c"), key=True) == (4, 6)
    assert str(document.at(("b", 1, "c"), "m")) == "f.yaml:4:9: m"


def test_missing_position_falls_back_to_the_enclosing_value() -> None:
    document = yamlio.parse("a:\n  b: 1\n", "f.yaml")
    assert str(document.at(("a", "zzz"), "m")) == "f.yaml:2:3: m"


def test_duplicate_keys_in_nested_mappings_are_all_reported() -> None:
    with pytest.raises(InvalidFileError) as caught:
        yamlio.parse("a: 1\na: 2\nb: {c: 1, c: 2}\n", "f.yaml")
    assert [p.line for p in caught.value.problems] == [2, 3]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InvalidFileError, match="alias bomb"):
        yamlio.parse("\n".join(lines), "bomb.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InvalidFileError, match="nested more than"):
        yamlio.parse("[" * 200 + "]" * 200, "deep.yaml")


def test_merge_keys_are_refused() -> None:
    with pytest.raises(InvalidFileError, match="merge keys"):
        yamlio.parse("base: &b {x: 1}\nother:\n  <<: *b\n", "f.yaml")


def test_byte_order_mark_is_ignored() -> None:
    assert yamlio.parse("\ufeffa: 1\n", "f.yaml").data == {"a": 1}


def test_dump_round_trips_unicode_and_order() -> None:
    data = {"z": "Ünïcødé – ok", "a": [1, None, "n/a"]}
    text = yamlio.dump(data)
    assert text.startswith("z: Ünïcødé – ok\n")
    assert yamlio.parse(text, "f.yaml").data == data


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_data_or_our_error(text: str) -> None:
    try:
        yamlio.parse(text, "fuzz.yaml")
    except InvalidFileError as error:
        assert all(str(problem).startswith("fuzz.yaml") for problem in error.problems)


# PyYAML's own emitter mangles NEL and the Unicode line separators; they are not ours to test.
safe_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x85\u2028\u2029"),
    max_size=20,
)
plain = st.none() | st.booleans() | st.integers() | safe_text
nested = st.recursive(
    plain,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(safe_text, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(nested)
def test_any_plain_document_round_trips(data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    assert yamlio.parse(text, "gen.yaml").data == data
