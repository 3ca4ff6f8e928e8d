"""Hostile workbooks, generated: each is read or refused (exit 2) at once, before openpyxl
spends minutes or gigabytes on it (svccheck.formats.xlsx.package, docs/hostile-input.md)."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from svccheck.formats.xlsx.layout import MAX_CELL_ELEMENTS, MAX_OTHER_ELEMENTS, MAX_RUN
from tests.conftest import app

SHEET, STYLES = "xl/worksheets/sheet1.xml", "xl/styles.xml"
Change = Callable[[bytes], bytes]


@pytest.fixture
def template(runner: CliRunner, mini_rubric: Path, tmp_path: Path) -> Path:
    target = tmp_path / "q4.xlsx"
    result = runner.invoke(app, ["template", str(mini_rubric), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


def hostile(template: Path, changes: dict[str, Change], name: str = "hostile.xlsx") -> Path:
    """The template with some of its parts changed, zipped as tightly as a zip bomb would be."""
    with zipfile.ZipFile(template) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    for part, change in changes.items():
        parts[part] = change(parts[part])
    target = template.parent / name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return target


def rows_of(cells: bytes, count: int, per_row: int) -> Change:
    """``count`` more rows of ``per_row`` copies of ``cells`` below the items."""
    extra = b"".join(
        b'<row r="%d">' % n + cells * per_row + b"</row>" for n in range(20, 20 + count)
    )
    return lambda sheet: sheet.replace(b"</sheetData>", extra + b"</sheetData>")


def entity_bomb(sheet: bytes) -> bytes:
    """One internal entity of 1 MiB used 90 times in the organization cell (a 94 MB cell)."""
    declared = b'<!DOCTYPE worksheet [<!ENTITY a "' + b"x" * (1 << 20) + b'">]>'
    cell = b'<c r="B2" t="inlineStr"><is><t>' + b"&a;" * 90 + b"</t></is></c>"
    return declared + sheet.replace(b'<c r="B2" s="3" t="n" />', cell)


def more_styles(count: int) -> Change:
    return lambda styles: styles.replace(
        b"</cellXfs>", b'<xf numFmtId="14"/>' * count + b"</cellXfs>"
    )


def long_text(size: int, where: bytes = b"B2") -> Change:
    """A header cell left empty by the template (B2: organization) holding ``size`` x's."""
    cell = b'<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (where, b"x" * size)
    return lambda sheet: sheet.replace(b'<c r="%s" s="3" t="n" />' % where, cell)


def _score(runner: CliRunner, path: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["score", str(path)])
    return result.exit_code, result.stderr


def test_a_document_type_is_refused_before_any_entity_expands(
    runner: CliRunner, template: Path
) -> None:
    path = hostile(template, {SHEET: entity_bomb})
    assert path.stat().st_size < 20_000
    code, message = _score(runner, path)
    assert code == 2
    assert (
        "hostile.xlsx: refused: its part xl/worksheets/sheet1.xml declares a document type"
        in message
    )


def test_rows_of_empty_cells_past_the_limit_are_refused(runner: CliRunner, template: Path) -> None:
    path = hostile(template, {SHEET: rows_of(b"<c/>", 4000, 1000)})  # 4 million empty cells
    assert path.stat().st_size < 150_000
    code, message = _score(runner, path)
    assert code == 2
    assert f"more than {MAX_CELL_ELEMENTS} cell elements" in message


def test_empty_cells_beyond_column_200_within_the_limits_are_ignored(
    runner: CliRunner, template: Path
) -> None:
    def wide(sheet: bytes) -> bytes:  # each item row 3,000 empty cells wider than declared
        for row in (10, 11, 12):
            empty = b"".join(b'<c r="%s%d" s="2"/>' % (column, row) for column in _columns(3000))
            end = sheet.index(b"</row>", sheet.index(b'<row r="%d"' % row))
            sheet = sheet[:end] + empty + sheet[end:]
        return sheet

    path = hostile(template, {SHEET: wide})
    code, message = _score(runner, path)
    assert code == 0, message


def _columns(count: int) -> list[bytes]:
    return [get_column_letter(n).encode() for n in range(13, 13 + count)]


def test_too_many_other_elements_are_refused(runner: CliRunner, template: Path) -> None:
    path = hostile(template, {STYLES: more_styles(MAX_OTHER_ELEMENTS)})
    code, message = _score(runner, path)
    assert code == 2
    assert f"or {MAX_OTHER_ELEMENTS} other XML elements" in message


def test_a_text_run_past_the_limit_is_refused(runner: CliRunner, template: Path) -> None:
    path = hostile(template, {SHEET: long_text(MAX_RUN + 1)})
    code, message = _score(runner, path)
    assert code == 2
    assert f"holds a run of more than {MAX_RUN} bytes of text" in message


def _measured(path: Path) -> tuple[int, float, int]:
    """Exit code, seconds and peak memory (KiB) of ``svccheck score PATH`` in a new process.

    The peak is the process's own (VmHWM): ``ru_maxrss`` would count the forking parent's too.
    """
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['svccheck', 'score', {str(path)!r}]\n"
        "try:\n"
        "    runpy.run_module('svccheck', run_name='__main__')\n"
        "finally:\n"
        "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "    print(status, file=sys.stderr)\n"
    )
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    seconds = time.monotonic() - start
    return done.returncode, seconds, int(done.stderr.strip().splitlines()[-1])


def _at_the_limits(template: Path) -> dict[str, dict[str, Change]]:
    """Workbooks just inside or just past each limit: the slowest that can be read."""
    others = MAX_OTHER_ELEMENTS - 600  # the template's own other elements
    values = (MAX_CELL_ELEMENTS - 6000) // 3
    return {
        "entity bomb": {SHEET: entity_bomb},
        "4 million empty cells": {SHEET: rows_of(b"<c/>", 4000, 1000)},
        "styles and inline texts at the limits": {
            STYLES: more_styles(others),
            SHEET: rows_of(b'<c t="inlineStr"><is><t>x</t></is></c>', 4000, values // 4000),
        },
        "styles and numbers at the limits": {
            STYLES: more_styles(others),
            SHEET: rows_of(b'<c s="5"><v>45000</v></c>', 4000, 3 * values // 8000),
        },
        "one long text": {SHEET: long_text(MAX_RUN - 100)},
    }


@pytest.mark.slow
def test_every_hostile_workbook_is_read_or_refused_within_seconds_and_200_mb(
    template: Path,
) -> None:
    for number, (name, changes) in enumerate(_at_the_limits(template).items()):
        path = hostile(template, changes, f"hostile-{number}.xlsx")
        code, seconds, peak = _measured(path)
        assert code in (0, 2), name
        # 2 s and 100 MB on the development machine; generous for a busy CI machine.
        assert seconds < 8, f"{name}: {seconds:.1f} s"
        assert peak < 200 * 1024, f"{name}: {peak} KiB"
