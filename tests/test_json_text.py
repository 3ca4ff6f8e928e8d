"""The JSON writer (:mod:`svccheck.render.json_text`): indented as ``json.dumps`` indents, the
lists named one entry a line, the same data either way, and text that would trouble a terminal
escaped."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from svccheck.render.json_text import dumps

# Text without characters the writer escapes (its own test below): the rest is json.dumps's.
TEXT = st.text(
    st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("éü€"), max_size=8
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12,
)
DOCUMENTS = st.dictionaries(st.sampled_from(["a", "b", "list", "é"]), VALUES)


@given(DOCUMENTS)
def test_without_lists_named_it_is_json_dumps_indented(data: dict[str, Any]) -> None:
    assert dumps(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@given(DOCUMENTS, st.lists(VALUES, max_size=4))
def test_named_lists_hold_one_entry_a_line_and_the_same_data(
    data: dict[str, Any], entries: list[Any]
) -> None:
    document = {**data, "list": entries}
    text = dumps(document, one_per_line=("list",))
    assert json.loads(text) == document
    if entries:
        lines = text.split("\n")
        start = lines.index('  "list": [')
        written = lines[start + 1 : start + 1 + len(entries)]
        assert [json.loads(line.strip().removesuffix(",")) for line in written] == entries
        assert lines[start + 1 + len(entries)] in ("  ]", "  ],")


def test_one_line_entries_are_escaped_as_the_rest() -> None:
    document = {"list": [{"note": "a\u202eb\x1b[31m\u200bc"}], "other": "\u202e"}
    text = dumps(document, one_per_line=("list",))
    for troubling in ("\u202e", "\x1b", "\u200b"):
        assert troubling not in text
    assert '    {"note": "a\\u202eb\\u001b[31m\\u200bc"}' in text.split("\n")
    assert json.loads(text) == document


def test_delete_in_ascii_text_is_escaped() -> None:
    # ASCII text skips the scan for what JSON leaves raw, but not for DEL, which is ASCII.
    text = dumps({"note": "before\x7fafter", "list": ["\x7f"]}, one_per_line=("list",))
    assert "\x7f" not in text
    assert json.loads(text) == {"note": "before\x7fafter", "list": ["\x7f"]}
