"""Rubrics read before, kept in the user's cache folder (:mod:`svccheck.core.cache`).

Reading a rubric file (composing its YAML, converting it into the positioned tree, reading that
by the rubric's declaration and checking it) was most of what a report does at start-up beyond
importing: about 9 ms of a `score` of the largest built-in rubrics. A rubric read before is taken
from its entry instead, in about a quarter of the time. An entry is JSON (never a pickle): it can
make nothing but the records of a rubric.

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
import json
import os
import sys
import zlib
from typing import Any

import yaml

from svccheck import __version__
from svccheck.core import cache
from svccheck.model import rubric as model
from svccheck.model.rubric import OriginKind, Rubric

ENTRY_FORMAT = 1
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
    return f"rubric-{sys.implementation.cache_tag}-{checksum:08x}.json"


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
        entry = json.loads(data, object_hook=_made)
        if entry["text"] != text or entry["key"] != _key(path):
            return None
        kept = entry["rubric"]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return None
    return kept if type(kept) is Rubric else None


def put(path: str, text: str, rubric: Rubric) -> None:
    """Keep ``rubric``, read from ``text`` at ``path``, if its entry reads back as the same."""
    try:
        entry = {"key": _key(path), "text": text, "rubric": _plain(rubric)}
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        again = json.loads(data, object_hook=_made)["rubric"]
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return
    # repr tells apart what equality does not (1 and 1.0, a tuple and a list, text and an enum).
    if again == rubric and repr(again) == repr(rubric):
        cache.write(_entry_name(path), data)


def _plain(value: Any) -> Any:
    """A rubric's value as JSON data: records and the origin's kind tagged, tuples as lists."""
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


def _made(data: dict[str, Any]) -> Any:
    """A JSON object of an entry, made again: a record or the origin's kind (the rest as it is)."""
    if "record" in data:
        return RECORDS[data["record"]](*(_tuples(value) for value in data["fields"]))
    if "origin_kind" in data:
        return OriginKind(data["origin_kind"])
    return data


def _tuples(value: Any) -> Any:
    return tuple(_tuples(item) for item in value) if type(value) is list else value
