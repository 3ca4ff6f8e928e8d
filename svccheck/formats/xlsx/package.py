"""What a workbook's zip may hold before openpyxl reads any of it (docs/hostile-input.md).

openpyxl spends from one to thirty microseconds of Python on each XML element it reads, and
expands every entity a document type declares, so a small file could keep it busy for minutes
or fill the memory: 20 million empty cells in 100 KB, one entity of 1 MiB used 90 times. Every
part of the zip is therefore scanned first, in pieces and at the speed of ``bytes.count``:

* a document type declaration (``<!DOCTYPE``, which alone can declare entities) is refused in
  any part; Excel and LibreOffice never write one;
* the elements of all parts together are counted: those of cells, their values and rows (which
  openpyxl reads fast) and all others (shared strings, styles, properties: read slowly);
* no text or tag runs longer than :data:`MAX_RUN` bytes without a ``<`` (a cell holds at most
  32,767 characters, a few hundred KB as XML).

A part that is not XML from its start (an image) is left alone: an XML parser would stop where
the scan does.

Real audit workbooks are far inside every limit (docs/hostile-input.md has the figures).
"""

from __future__ import annotations

import io
import re
import xml.parsers.expat
import zipfile
import zlib
from typing import IO

from svccheck.core import files
from svccheck.core.errors import InputFileError
from svccheck.formats.xlsx.layout import (
    MAX_CELL_ELEMENTS,
    MAX_EXPANSION,
    MAX_OTHER_ELEMENTS,
    MAX_RUN,
    MAX_ZIP_ENTRIES,
)

# The start tags of cells, values, inline and shared texts, formulas and rows, in any namespace
# prefix: what openpyxl reads fastest. Anything else counts as another element.
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:c|v|is|t|f|row)[\s/>]")
_PIECE = 1 << 16


class _Root(Exception):
    """The first element has started: the prolog, where a DTD would be, is over."""


class _Tally:
    """The elements counted so far, refused as soon as a limit is passed."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.cells = self.others = 0

    def add(self, piece: bytes) -> None:
        starts = piece.count(b"<") - piece.count(b"</") - piece.count(b"<?") - piece.count(b"<!")
        if starts <= 0:
            return
        cells = len(_CELL_TAG.findall(piece))  # at most one per 2 bytes of a 64 KiB piece
        self.cells += cells
        self.others += max(starts - cells, 0)
        if self.cells > MAX_CELL_ELEMENTS or self.others > MAX_OTHER_ELEMENTS:
            raise InputFileError(
                f"{self.shown}: refused: the workbook holds more than {MAX_CELL_ELEMENTS} cell "
                f"elements or {MAX_OTHER_ELEMENTS} other XML elements (shared strings, styles, "
                "properties); a real audit holds far fewer. Keep a very large audit as YAML"
            )


def _prolog_parser(part: str, shown: str) -> xml.parsers.expat.XMLParserType:
    """An XML parser that refuses a document type declaration and stops at the first element."""
    parser = xml.parsers.expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise InputFileError(
            f"{shown}: refused: its part {part} declares a document type (<!DOCTYPE), which "
            "can define entities that expand without bound; Excel and LibreOffice never write one"
        )

    def root(*_: object) -> None:
        raise _Root

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    return parser


def _scan(stream: IO[bytes], part: str, tally: _Tally) -> None:
    """Scan one part in pieces: its prolog for a DTD, its elements into ``tally``."""
    parser: xml.parsers.expat.XMLParserType | None = _prolog_parser(part, tally.shown)
    carry = b""
    run = 0  # bytes since the last '<'
    while True:
        chunk = stream.read(_PIECE)
        if parser is not None:
            try:
                parser.Parse(chunk, not chunk)
            except _Root:
                parser = None
            except xml.parsers.expat.ExpatError:
                return  # not XML (an image): an XML parser would stop where expat did
        if not chunk:
            break
        first, last = chunk.find(b"<"), chunk.rfind(b"<")
        longest, run = (
            (run + len(chunk), run + len(chunk))
            if first < 0
            else (run + first, len(chunk) - last - 1)
        )
        piece = carry + chunk
        cut = piece.rfind(b"<")  # every tag of the piece whole: patterns never span two pieces
        whole, carry = (piece[:cut], piece[cut:]) if cut >= 0 else (b"", piece)
        tally.add(whole)
        if max(longest, run) > MAX_RUN:  # a gap inside one chunk is shorter than a chunk
            raise InputFileError(
                f"{tally.shown}: refused: its part {part} holds a run of more than {MAX_RUN} "
                "bytes of text in one piece; a cell holds at most 32,767 characters"
            )
    tally.add(carry)


def checked(data: bytes, shown: str) -> None:
    """Refuse a workbook that is no zip, unpacks to too much, or holds what openpyxl must not
    read (see the module's description); one message, exit 2."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            limit = MAX_EXPANSION * files.max_bytes()
            if len(entries) > MAX_ZIP_ENTRIES or unpacked > limit:
                raise InputFileError(
                    f"{shown}: refused: the workbook unpacks to {unpacked} bytes in "
                    f"{len(entries)} parts (at most {limit} bytes and {MAX_ZIP_ENTRIES} parts)"
                )
            tally = _Tally(shown)
            for entry in entries:
                # A part is unpacked to the size its entry declares, no further (zipfile checks).
                with archive.open(entry) as stream:
                    _scan(stream, entry.filename, tally)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError):
        raise InputFileError(
            f"{shown}: is not an .xlsx workbook (not a readable zip archive); save it from Excel "
            "or LibreOffice as .xlsx"
        ) from None
    except (NotImplementedError, RuntimeError) as error:  # another compression, a password
        raise InputFileError(f"{shown}: cannot be read as an .xlsx workbook ({error})") from None
