"""The positioned tree: positions, duplicate keys, hostile documents, and only our own errors."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from svccheck.core.errors import InvalidFileError
from svccheck.formats import tree
from svccheck.formats.tree import Kind, Mapping, Node, Scalar, Sequence


def plain_value(node: Node) -> Any:
    """The tree as plain data, reading scalars as YAML 1.1 would (what safe_dump writes)."""
    if isinstance(node, Mapping):
        return {key.text: plain_value(value) for key, value in node.entries}
    if isinstance(node, Sequence):
        return [plain_value(item) for item in node.items]
    if node.kind is Kind.NULL:
        return None
    if node.kind is Kind.BOOL:
        return node.text.lower() in ("true", "yes", "on")
    return int(node.text) if node.kind is Kind.INT else node.text


def test_positions_of_values_and_keys() -> None:
    root = tree.parse("a: 1\nb:\n  - x\n  - {c: 2026-09-30}\n", "f.yaml").root
    assert isinstance(root, Mapping)
    (key_a, one), (_, listed) = root.entries
    assert (key_a.line, key_a.column, one.line, one.column) == (1, 1, 1, 4)
    assert isinstance(listed, Sequence)
    inner = listed.items[1]
    assert isinstance(inner, Mapping)
    key_c, date = inner.entries[0]
    assert (key_c.line, key_c.column) == (4, 6)
    assert date == Scalar(Kind.TIMESTAMP, "2026-09-30", True, 4, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: 'x'", Scalar(Kind.STR, "x", False, 1, 4), id="quoted"),
        pytest.param("a: yes", Scalar(Kind.BOOL, "yes", True, 1, 4), id="yaml-1.1-boolean"),
        pytest.param("a: 010", Scalar(Kind.INT, "010", True, 1, 4), id="yaml-1.1-octal"),
        pytest.param("a: .nan", Scalar(Kind.FLOAT, ".nan", True, 1, 4), id="nan"),
        pytest.param("a:", Scalar(Kind.NULL, "", True, 1, 3), id="empty"),
        pytest.param('a: "\\e"', Scalar(Kind.STR, "\x1b", False, 1, 4), id="escape-decoded"),
    ],
)
def test_scalars_keep_their_text_and_whether_quoted(text: str, expected: Scalar) -> None:
    root = tree.parse(text, "f.yaml").root
    assert isinstance(root, Mapping)
    assert root.entries[0][1] == expected


def test_duplicate_keys_are_reported_and_the_first_is_kept() -> None:
    parsed = tree.parse("a: 1\na: 2\nb: {c: 1, c: 2}\n", "f.yaml")
    assert [(p.line, p.column) for p in parsed.problems] == [(2, 1), (3, 11)]
    assert plain_value(parsed.root) == {"a": 1, "b": {"c": 1}}  # type: ignore[arg-type]


def test_keys_that_collide_as_text_are_duplicates() -> None:
    parsed = tree.parse('1: a\n"1": b\n', "f.yaml")
    assert [str(p) for p in parsed.problems] == [
        "f.yaml:2:1: duplicate key '1' (first at line 1); "
        "YAML would silently keep only the last one"
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InvalidFileError, match="alias bomb"):
        tree.parse("\n".join(lines), "bomb.yaml")


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(InvalidFileError, match="nested more than"):
        tree.parse("[" * 200 + "]" * 200, "deep.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys", id="merge-key"),
        pytest.param("? [a, b]\n: 1\n", "a key must be a plain value", id="complex-key"),
        pytest.param("a: !!set {x}\n", "unsupported tag", id="set"),
        pytest.param("a: !!binary aGk=\n", "unsupported tag", id="binary"),
        pytest.param("a: !!python/name:os.system x\n", "unsupported tag", id="python"),
    ],
)
def test_refused_constructs_are_problems_not_crashes(text: str, message: str) -> None:
    problems = tree.parse(text, "f.yaml").problems
    assert len(problems) == 1
    assert message in problems[0].message


def test_byte_order_mark_is_ignored() -> None:
    assert plain_value(tree.parse("\ufeffa: 1\n", "f.yaml").root) == {"a": 1}  # type: ignore[arg-type]


def test_empty_document_has_no_root() -> None:
    assert tree.parse("# only a comment\n", "f.yaml") == tree.Parsed(None, ())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_gives_a_tree_or_our_error(text: str) -> None:
    try:
        tree.parse(text, "fuzz.yaml")
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
    parsed = tree.parse(yaml.safe_dump(data, allow_unicode=True), "gen.yaml")
    assert parsed.problems == ()
    assert parsed.root is not None
    assert plain_value(parsed.root) == data


def test_a_large_file_without_aliases_is_not_taken_for_a_bomb() -> None:
    text = "".join(f"k{index}: {index}\n" for index in range(150_000))
    parsed = tree.parse(text, "big.yaml")
    assert isinstance(parsed.root, Mapping)
    assert len(parsed.root.entries) == 150_000


def test_the_memo_of_tags_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Hostile files with many long distinct texts must not grow the memo of resolved tags: it
    # keeps so many tags at most, and forgets them once so much text was composed.
    monkeypatch.setattr(tree, "_TAGS_TEXT", 10_000)
    tree._resolved.cache_clear()
    monkeypatch.setattr(tree, "_composed_since", 0)
    long_texts = "".join(f"k{i}: {'x' * 200}{i}\n" for i in range(40))  # 8 000 characters
    tree.parse(long_texts, "f.yaml")
    assert 80 <= tree._resolved.cache_info().currsize <= tree._TAGS_MAX
    tree.parse("z: " + "y" * 2_000 + "\n", "g.yaml")  # past 10 000 characters: forgotten
    assert tree._resolved.cache_info().currsize < 10


@given(st.from_regex(tree._yaml12_number(), fullmatch=True))
def test_every_yaml12_number_passes_the_character_check(text: str) -> None:
    # The pattern is compiled only for text made of these characters: a number with another
    # character would be read as text where editors read a number.
    assert tree._NUMBER_CHARACTERS.issuperset(text)
    root = tree.parse(f"value: {text}\n", "f.yaml").root
    assert isinstance(root, Mapping)
    read = root.entries[0][1]
    assert isinstance(read, Scalar)
    assert read.kind in (Kind.INT, Kind.FLOAT)  # YAML 1.1's number, or YAML 1.2's
