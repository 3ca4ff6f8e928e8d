"""Headless Chromium for the HTML tests: a page to a PNG screenshot or a PDF, and checks on both.

Chromium is the Debian package ``chromium`` (``.ci/run`` installs it when missing). Each run gets
a new profile folder and every background service off, so a run neither reads the machine's
profile nor reaches the network.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(page: Path, *flags: str) -> None:
    """Run Chromium once on ``page`` with ``flags`` (``--screenshot=…`` or ``--print-to-pdf=…``)."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *flags, page.as_uri()],
            check=True,
            capture_output=True,
            timeout=120,
        )


def screenshot(page: Path, target: Path, size: str = "1280,2000") -> Path:
    """A screenshot of ``page`` in a window of ``size`` (``width,height``)."""
    chromium(page, f"--screenshot={target}", f"--window-size={size}")
    return target


# What tests/measure.js reports, run in a copy of the page.
MEASURE = Path(__file__).with_name("measure.js")


def layout(page: Path, size: str = "1200,1600") -> dict[str, Any]:
    """How Chromium lays out ``page``'s charts in a window of ``size`` (see tests/measure.js)."""
    assert CHROMIUM is not None
    html = page.read_text(encoding="utf-8")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    script = MEASURE.read_text(encoding="utf-8")
    html = html.replace("</body>", f"<script>{script}</script></body>")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / page.name
        copy.write_text(html, encoding="utf-8")
        with tempfile.TemporaryDirectory() as profile:
            found = subprocess.run(
                [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                 "--dump-dom", copy.as_uri()],
                check=True, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
    dumped = re.search(r'<pre id="svccheck-layout">(.*?)</pre>', found.stdout, re.S)
    assert dumped is not None, "the measuring script did not run"
    unescaped = dumped.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    measured: dict[str, Any] = json.loads(unescaped)
    return measured


def pdf(page: Path, target: Path) -> Path:
    """``page`` printed to PDF, as a person printing it would get (A4 from the print CSS)."""
    chromium(page, f"--print-to-pdf={target}", "--no-pdf-header-footer")
    return target


def pdf_pages(path: Path) -> int:
    """How many pages a PDF has: its ``/Type /Page`` objects (Chromium writes them plainly)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def _unfilter(data: bytes, width: int, height: int, depth: int) -> list[bytearray]:
    """The scanlines of an 8-bit PNG with its filters undone (PNG spec, section 9)."""
    stride = width * depth
    rows: list[bytearray] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = row[i - depth] if i >= depth else 0
            up, corner = previous[i], previous[i - depth] if i >= depth else 0
            row[i] = (
                row[i] + (0, left, up, (left + up) // 2, _paeth(left, up, corner))[kind]
            ) & 255
        rows.append(row)
        previous = row
    return rows


def inked_share(path: Path) -> float:
    """The share of a PNG's pixels that are not white: 0 for a blank page."""
    blob = path.read_bytes()
    assert blob[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, header = 8, b"", b""
    while offset < len(blob):
        (length,) = struct.unpack(">I", blob[offset : offset + 4])
        kind, body = blob[offset + 4 : offset + 8], blob[offset + 8 : offset + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        offset += length + 12
    width, height, bits, colour = struct.unpack(">IIBB", header[:10])
    assert bits == 8, f"unexpected PNG bit depth {bits}"
    assert colour in (2, 6), f"unexpected PNG colour type {colour}"
    depth = 3 if colour == 2 else 4
    rows = _unfilter(zlib.decompress(idat), width, height, depth)
    # Every 8th row and column is plenty to tell a page with text from a blank one.
    sampled = [row[x * depth : x * depth + 3] for row in rows[::8] for x in range(0, width, 8)]
    return sum(1 for pixel in sampled if min(pixel) < 240) / len(sampled)
