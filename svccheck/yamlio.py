"""YAML in and out: safe loading with positions, duplicate-key detection and the C loader.

PyYAML's own ``load`` forgets where each value came from and silently keeps the last of two
duplicate keys. Instead we *compose* the document (done in C by ``CSafeLoader`` when libyaml is
present) and build plain Python values ourselves, recording the line and column of every value and
key, so that later checks can point at ``FILE:LINE:COL``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import yaml

from svccheck.errors import InvalidFileError, Problem

try:  # libyaml makes parsing several times faster; fall back cleanly where it is missing.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]
Position = tuple[int, int]

# Limits against hostile documents: an alias bomb expands a few lines into billions of nodes, and
# very deep nesting exhausts the stack. Real rubrics and audits are far inside both.
MAX_NODES = 200_000
MAX_DEPTH = 64

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A loaded YAML document: plain values, and the node tree to tell where each one stands.

    Positions are looked up only when a problem is reported, so that loading thousands of valid
    files pays nothing for them.
    """

    file: str
    data: Any
    root: yaml.Node | None = None

    def node(self, path: Path, *, key: bool = False) -> yaml.Node | None:
        """The node of the value (or, with ``key``, of the key) at ``path``; else the nearest
        enclosing value's node."""
        node, key_node = self.root, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = next(
                    ((k, v) for k, v in node.value if k.value == part or k.value == str(part)),
                    None,
                )
                if found is None:
                    return node
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return node
                key_node, node = None, node.value[part]
            else:
                return node
        return (key_node or node) if key else node

    def position(self, path: Path, *, key: bool = False) -> Position:
        """1-based (line, column) of the value or key at ``path``; (0, 0) for an empty file."""
        node = self.node(path, key=key)
        return _position(node) if node is not None else (0, 0)

    def at(self, path: Path, message: str, *, key: bool = False) -> Problem:
        """A problem located at the value (or, with ``key``, the key) found at ``path``."""
        line, column = self.position(path, key=key)
        return Problem(self.file, line, column, message)


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.nodes = 0

    def problem(self, node: yaml.Node, message: str) -> None:
        line, column = _position(node)
        self.problems.append(Problem(self.document.file, line, column, message))

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _TooLarge(node, f"more than {MAX_NODES} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooLarge(node, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.problem(node, f"unsupported tag {node.tag!r}")
                return None
            return [self.build(child, depth + 1) for child in node.value]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        # The two commonest cases, without the constructor's bookkeeping (bulk loads feel it).
        if node.tag == _STR:
            return node.value
        if node.tag == _INT and node.value.isdigit() and node.value[:1] != "0":
            return int(node.value)
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, f"unsupported tag {node.tag!r} (only plain YAML values are allowed)")
            return None
        try:
            return _constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            self.problem(node, f"cannot read value {node.value!r}: {error}")
            return None

    def mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self.problem(node, f"unsupported tag {node.tag!r}")
            return {}
        result: dict[Any, Any] = {}
        key_nodes: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be a plain value, not a list or mapping")
                continue
            key = self.scalar(key_node)
            if isinstance(key, _dt.date):  # keep keys comparable and printable
                key = key_node.value
            if key in result:
                first = _position(key_nodes[key])[0]
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first}); "
                    "YAML would silently keep only the last one",
                )
                continue
            key_nodes[key] = key_node
            result[key] = self.build(value_node, depth + 1)
        return result


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def parse(text: str, file: str) -> Document:
    """Parse one YAML document; raise :class:`InvalidFileError` listing every problem found."""
    document = Document(file, None)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        too_deep = Problem(file, 0, 0, "document refused: nested too deeply")
        raise InvalidFileError([too_deep]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = error.problem or str(error)
        if error.context:
            message = f"{message} ({error.context})"
        if mark and _character_at(text, mark.line, mark.column) == "\t":
            message += "; YAML cannot indent with tabs: use spaces"
        raise InvalidFileError([Problem(file, line, column, f"invalid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"control character U+{error.character:04X} is not allowed in YAML; inside double "
            "quotes write it as an escape such as \\e or \\x1b"
            if isinstance(error.character, int)
            else f"invalid YAML: {error.reason}"
        )
        raise InvalidFileError([Problem(file, line, column, message)]) from None
    except yaml.YAMLError as error:
        raise InvalidFileError([Problem(file, 0, 0, f"invalid YAML: {error}")]) from None
    if root is None:
        document.data = None
        return document
    document.root = root
    builder = _Builder(document)
    try:
        document.data = builder.build(root)
    except _TooLarge as error:
        line, column = _position(error.node)
        raise InvalidFileError(
            [Problem(file, line, column, f"document refused: {error}")]
        ) from None
    except RecursionError:
        raise InvalidFileError(
            [Problem(file, 0, 0, "document refused: nested too deeply")]
        ) from None
    finally:
        # The shared constructor remembers every node it built; over thousands of files that
        # would keep them all alive.
        _constructor.constructed_objects.clear()
        _constructor.recursive_objects.clear()
    if builder.problems:
        raise InvalidFileError(builder.problems)
    return document


def dump(data: Any) -> str:
    """Serialise plain data as block-style YAML, keys in the given order, unicode kept."""
    dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text
