"""Text as a workbook cell holds it: every text comes back exactly, Excel's escapes read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from svccheck.formats.xlsx.cell_text import escape, unescape

# Texts dense in what escaping is about: underscores, x, hex digits, carriage returns.
tricky = st.text(alphabet=st.sampled_from(["_", "x", "0", "0", "D", "5", "F", "\r", "\n", "a"]))


@given(st.one_of(tricky, st.text()))
def test_every_text_comes_back_exactly(text: str) -> None:
    assert unescape(escape(text)) == text


def test_a_carriage_return_is_written_as_excel_writes_it() -> None:
    assert escape("a\r\nb") == "a_x000D_\nb"
    assert escape("_x000D_") == "_x005F_x000D_"  # the text itself, not a carriage return


def test_excel_escapes_read_as_their_characters() -> None:
    assert unescape("line_x000D_\nnext_x0009_tab") == "line\r\nnext\ttab"
