"""Declared readers: the values YAML really produces, read as editors read them, located."""

from __future__ import annotations

import pytest

from svccheck.core.errors import InvalidFileError
from svccheck.formats import tree
from svccheck.formats.declare import INVALID, Context, Text
from svccheck.formats.numbers import Integer, Number, Version
from svccheck.formats.structure import (
    Field,
    Format,
    ListOf,
    Record,
)


def read_value(reader: object, value_text: str) -> tuple[object, list[str]]:
    """Read ``key: <value_text>`` with ``reader``; the value and the problems' messages."""
    root = tree.parse(f"key: {value_text}\n", "f.yaml").root
    assert isinstance(root, tree.Mapping)
    context = Context("f.yaml")
    value = reader.read(root.entries[0][1], ("key",), context)  # type: ignore[attr-defined]
    return value, [str(problem) for problem in context.problems]


def assert_reads(reader: object, written: str, value: object, message: str | None) -> list[str]:
    """``reader`` reads ``written`` as ``value``, with no problem or exactly one naming
    ``message``; returns the problems."""
    got, problems = read_value(reader, written)
    assert got == value
    if message is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert message in problems[0]
    return problems


TEXT_CASES = [
    pytest.param("plain words", "plain words", None, id="plain"),
    pytest.param("2026-09-30", "2026-09-30", None, id="date-stays-text"),
    pytest.param("2026-09-30 10:00:00", "2026-09-30 10:00:00", None, id="datetime-stays-text"),
    pytest.param("'yes'", "yes", None, id="quoted-yes"),
    pytest.param("yes", INVALID, "YAML 1.1 reads yes as true/false", id="yaml11-yes"),
    pytest.param("ON", INVALID, "YAML 1.1 reads ON as true/false", id="yaml11-on"),
    pytest.param("true", INVALID, "expected text, got true; put it in quotes", id="true"),
    pytest.param("42", INVALID, "expected text, got 42; put it in quotes", id="number"),
    pytest.param(".inf", INVALID, "expected text, got .inf", id="infinity"),
    pytest.param("1e3", INVALID, "expected text, got 1e3; put it in quotes", id="yaml12-number"),
    pytest.param("'1e3'", "1e3", None, id="quoted-number-is-text"),
    pytest.param("'  '", INVALID, "must not be empty", id="blank"),
    pytest.param("[a]", INVALID, "expected text, got a list", id="list"),
    pytest.param("{a: 1}", INVALID, "expected text, got a mapping", id="mapping"),
    pytest.param("", INVALID, "expected text, got nothing", id="nothing"),
]


@pytest.mark.parametrize(("written", "value", "message"), TEXT_CASES)
def test_text(written: str, value: object, message: str | None) -> None:
    problems = assert_reads(Text(), written, value, message)
    assert all(
        problem.startswith(("f.yaml:1:6: key: ", "f.yaml:1:5: key: ")) for problem in problems
    )


NUMBER_CASES = [
    pytest.param("3", 3, None, id="int"),
    pytest.param("3.0", 3, None, id="whole-float-as-json-reads-it"),
    pytest.param("+4", 4, None, id="plus-sign"),
    pytest.param("3.5", INVALID, "expected a whole number, got 3.5", id="fraction"),
    pytest.param("010", INVALID, "leading 0 as octal", id="yaml11-octal"),
    pytest.param("0x1f", INVALID, "write '0x1f' as a plain decimal number", id="hex"),
    pytest.param("1_000", INVALID, "write '1_000' as a plain decimal number", id="underscores"),
    pytest.param("1:30", INVALID, "write '1:30' as a plain decimal number", id="sexagesimal"),
    pytest.param("9" * 5000, INVALID, "is too large", id="5000-digits"),
    pytest.param(".nan", INVALID, "must be a finite number, got .nan", id="nan"),
    pytest.param("-.inf", INVALID, "must be a finite number, got -.inf", id="minus-infinity"),
    pytest.param("1.0e+400", INVALID, "is too large", id="overflows-to-infinity"),
    pytest.param("11", INVALID, "must be at most 10, got 11", id="above"),
    pytest.param("-1", INVALID, "must be at least 0, got -1", id="below"),
    pytest.param("yes", INVALID, "YAML 1.1 reads yes as true/false", id="yaml11-boolean"),
    pytest.param("'5'", INVALID, "expected a whole number, got text '5'", id="quoted"),
    pytest.param("2026-01-01", INVALID, "expected a whole number, got 2026-01-01", id="date"),
]


@pytest.mark.parametrize(("written", "value", "message"), NUMBER_CASES)
def test_integer(written: str, value: object, message: str | None) -> None:
    assert_reads(Integer(0, 10), written, value, message)


@pytest.mark.parametrize(
    ("written", "value", "message"),
    [
        pytest.param("0.5", 0.5, None, id="fraction"),
        pytest.param("7", 7.0, None, id="int"),
        pytest.param("0", INVALID, "must be greater than 0, got 0", id="zero"),
        pytest.param(".nan", INVALID, "must be a finite number", id="nan"),
        pytest.param(".inf", INVALID, "must be a finite number", id="infinity"),
        pytest.param("1e3", 1000.0, None, id="yaml12-float-as-editors-read-it"),
        pytest.param("0o17", INVALID, "write '0o17' as a plain decimal", id="yaml12-octal"),
        pytest.param("1_000.5", INVALID, "write '1_000.5' as a plain decimal", id="underscores"),
        pytest.param("1001", INVALID, "must be at most 1000", id="too-large"),
    ],
)
def test_number(written: str, value: object, message: str | None) -> None:
    assert_reads(Number(maximum=1000, above=0), written, value, message)


def test_a_list_keeps_reading_after_a_bad_entry() -> None:
    value, problems = read_value(ListOf(Integer(0, 9), 1), "[1, x, 3, 40]")
    assert value == (1, 3)
    assert [p.split(": ", 1)[0] for p in problems] == ["f.yaml:1:10", "f.yaml:1:16"]


# A format with a key added in version 2, to show how format versions are enforced.
EVOLVING = Format(
    "thing",
    "a thing",
    Record(
        (
            Field("svccheck", Version((1, 2))),
            Field("name", Text(), True),
            Field("colour", Text(), since=2),
        )
    ),
    (1, 2),
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("name: a\n", None, id="no-version-means-1"),
        pytest.param("svccheck: 2\nname: a\ncolour: red\n", None, id="version-2-key"),
        pytest.param(
            "name: a\ncolour: red\n",
            "f.yaml:2:1: colour: needs 'svccheck: 2' or later at the top of the file (it says 1)",
            id="version-2-key-in-version-1",
        ),
        pytest.param(
            "svccheck: 3\nname: a\n",
            "f.yaml:1:11: svccheck: format version 3 is not one this svccheck reads (1, 2); "
            "was the file written by a newer svccheck?",
            id="newer-version",
        ),
        pytest.param(
            "svccheck: true\nname: a\n",
            "f.yaml:1:11: svccheck: expected a format version, got true",
            id="boolean-version",
        ),
    ],
)
def test_format_versions(text: str, message: str | None) -> None:
    fields, context = EVOLVING.read(tree.parse(text, "f.yaml"), "f.yaml")
    assert fields is not None
    assert [str(problem) for problem in context.problems] == ([message] if message else [])


def test_writers_declare_the_lowest_version_that_holds_their_keys() -> None:
    assert EVOLVING.lowest_version(["name"]) == 1
    assert EVOLVING.lowest_version(["name", "colour"]) == 2


def test_problems_raise_together() -> None:
    context = Context("f.yaml")
    root = tree.parse("a: 1\nb: 2\n", "f.yaml").root
    assert isinstance(root, tree.Mapping)
    for _, node in root.entries:
        context.problem(node, "wrong")
    with pytest.raises(InvalidFileError) as caught:
        context.raise_if_any()
    assert caught.value.lines() == ["f.yaml:1:4: wrong", "f.yaml:2:4: wrong"]
