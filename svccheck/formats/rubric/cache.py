"""Rubrics read before, kept in the user's cache folder (:mod:`svccheck.core.cache`).

Reading a rubric file (composing its YAML, converting it into the positioned tree, reading that by
the rubric's declaration and checking it) was most of what a report does at start-up beyond
importing: about 9 ms of a `score` of the largest built-in rubrics. A rubric read before is taken
from its entry instead, in about a quarter of the time. An entry is plain data (never a pickle):
strings, numbers, lists and tagged mappings, written with :mod:`marshal`, and read back by a walk
that accepts nothing else and makes nothing but the records of a rubric (a code object or any other
value reads as no entry; nothing in an entry is ever run). :mod:`marshal`, built into the
interpreter, rather than JSON: importing :mod:`json` and decoding were 2.7 ms of a `diff` (A/B in
benchmarks/README.md), the margin of the 1.30x start-up budget of issue 25; its format is tied to
the Python version, which the key holds. Entries live in the user's own cache folder, which nobody
else can write (:mod:`svccheck.core.cache`); each carries the CRC-32 of its data, checked before
:mod:`marshal` reads it, since a damaged length in marshal data can take seconds to refuse (a disk
error, a file cut short: measured up to 12 s for 300 random bytes). The check guards against
damage, not against the user: an entry crafted by the folder's owner can slow only the owner's own
svccheck, and never makes more than a rubric.

Keyed by content: an entry holds the rubric file's whole text and path and what decided how it
was read (the entry format, svccheck's version, the Python implementation and version, PyYAML's
version and whether libyaml is used, and the size and modification time of every module of the
rubric reader), and is used only when all of it is the same as now. So an edited rubric, another
svccheck, Python or PyYAML, or an edited reader module (in a development checkout) reads the file
again. Only a rubric read without a problem is kept, and only when its entry reads back as the
same rubric; a rubric from standard input is not kept. One entry per rubric file and Python.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import zlib
from typing import Any

import yaml

from svccheck import __version__
from svccheck.core import cache
from svccheck.model import rubric as model
from svccheck.model.rubric import OriginKind, Rubric

ENTRY_FORMAT = 2  # 1 was JSON, in files named .json
_SEAL = b"svccheck rubric entry 2\n"  # then the CRC-32 of the data (4 bytes), then the data
# Every svccheck module the rubric reader is made of, and this one: the size and modification
# time of each file are part of the key (tests/test_rubric_cache.py checks that none is missing).
# Named, not imported: a report of a rubric kept here never imports the reader (0.8 ms, measured).
READER_MODULES = (
    "svccheck.core.errors", "svccheck.core.record", "svccheck.core.sanitize",
    "svccheck.core.vocabulary", "svccheck.formats.dates", "svccheck.formats.declare",
    "svccheck.formats.numbers", "svccheck.formats.structure", "svccheck.formats.tree",
    "svccheck.formats.evidence", "svccheck.formats.rubric.guidance",
    "svccheck.formats.rubric.sources", "svccheck.formats.rubric.reader", "svccheck.model.audit",
    "svccheck.model.header", "svccheck.model.rubric", __name__,
)  # fmt: skip
# The folder of the svccheck package, which holds the source file of each module above.
_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The records a rubric is made of, by name: the only things an entry can make.
RECORDS: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        model.Rubric, model.Scale, model.Level, model.Section, model.Item, model.Guidance,
        model.Criterion, model.Origin,
    )
}  # fmt: skip


def _entry_name(path: str) -> str:
    """The entry of the rubric file at ``path`` (a checksum spreads the files; the key inside
    decides)."""
    checksum = zlib.crc32(path.encode("utf-8", "replace"))
    return f"rubric-{sys.implementation.cache_tag}-{checksum:08x}.marshal"


def _key(path: str) -> list[Any]:
    """Everything besides the text that decides what the rubric file at ``path`` reads as."""
    stamps = []
    for module in READER_MODULES:
        status = os.stat(os.path.join(_PACKAGE, *module.split(".")[1:]) + ".py")
        stamps.append([module, status.st_mtime_ns, status.st_size])
    return [
        ENTRY_FORMAT, __version__, sys.implementation.cache_tag, sys.version, yaml.__version__,
        yaml.__with_libyaml__, path, stamps,
    ]  # fmt: skip


def get(path: str, text: str) -> Rubric | None:
    """The rubric kept for the file at ``path`` if it was read from exactly ``text`` by this
    svccheck, else ``None``."""
    data = cache.read(_entry_name(path))
    if data is None:
        return None
    try:
        entry = marshal.loads(_opened(data))
        if type(entry) is not dict or entry["text"] != text or entry["key"] != _key(path):
            return None
        kept = _made(entry["rubric"])
    except (OSError, ValueError, TypeError, KeyError, EOFError, RecursionError):
        return None
    return kept if type(kept) is Rubric else None


def put(path: str, text: str, rubric: Rubric) -> None:
    """Keep ``rubric``, read from ``text`` at ``path``, if its entry reads back as the same."""
    try:
        entry = {"key": _key(path), "text": text, "rubric": _plain(rubric)}
        data = _sealed(marshal.dumps(entry))
        again = _made(marshal.loads(_opened(data))["rubric"])
    except (OSError, ValueError, TypeError, KeyError, EOFError, RecursionError):
        return
    # repr tells apart what equality does not (1 and 1.0, a tuple and a list, text and an enum).
    if again == rubric and repr(again) == repr(rubric):
        cache.write(_entry_name(path), data)


def _sealed(payload: bytes) -> bytes:
    """An entry's bytes: the seal, the CRC-32 of ``payload``, ``payload``."""
    return _SEAL + zlib.crc32(payload).to_bytes(4, "big") + payload


def _opened(data: bytes) -> bytes:
    """The payload of an entry's bytes; :class:`ValueError` if they are not one, whole."""
    seal, checksum, payload = (
        data[: len(_SEAL)],
        data[len(_SEAL) : len(_SEAL) + 4],
        data[len(_SEAL) + 4 :],
    )
    if seal != _SEAL or checksum != zlib.crc32(payload).to_bytes(4, "big"):
        raise ValueError("not a whole rubric cache entry")
    return payload


def _plain(value: Any) -> Any:
    """A rubric's value as plain data: records and the origin's kind tagged, tuples as lists."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if type(value) is tuple:
        return [_plain(item) for item in value]
    if type(value) is OriginKind:
        return {"origin_kind": value.value}
    name = type(value).__name__
    if RECORDS.get(name) is not type(value):
        raise TypeError(f"not kept in a rubric's cache entry: {name}")
    fields = dataclasses.fields(value)
    return {"record": name, "fields": [_plain(getattr(value, f.name)) for f in fields]}


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _made(value: Any) -> Any:
    """A value of an entry made again (:func:`_plain` undone): a record, the origin's kind, a
    tuple or a scalar; anything else is refused with :class:`TypeError` (no entry)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        return tuple(_made(item) for item in value)
    if kind is dict and type(value.get("record")) is str and type(value.get("fields")) is list:
        return RECORDS[value["record"]](*(_made(field) for field in value["fields"]))
    if kind is dict and type(value.get("origin_kind")) is str:
        return OriginKind(value["origin_kind"])
    raise TypeError(f"not in a rubric's cache entry: {kind.__name__}")
