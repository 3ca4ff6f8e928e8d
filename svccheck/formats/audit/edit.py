"""Changing one answer in an audit file's text and keeping every other character.

A person may keep an audit open in an editor while ``svccheck audit`` runs, add comments, or
fix a header; writing the whole file again from the data would throw all of that away. So a
save edits only the text of the one answer, found through the positions PyYAML's composer gives
every node, and the caller checks that the result reads back as intended.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from svccheck.formats.audit.writer import flow_value

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class EditError(Exception):
    """The file's text has a shape this editor does not change (the caller refuses the save)."""


def _end(node: yaml.Node) -> int:
    """Where a node's own text ends.

    A block mapping's or sequence's end mark lies at the next key, past comments and blank lines
    that belong to what follows, so its last descendant's end is used instead.
    """
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    return int(node.end_mark.index)


def _trimmed(text: str, start: int, end: int) -> int:
    """``end`` moved back over trailing line breaks (a block scalar's end mark includes them)."""
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _is_empty(node: yaml.Node) -> bool:
    """``answers:`` with nothing, ``null``, ``~`` or ``{}``: no answers at all."""
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:null"
    return isinstance(node, yaml.MappingNode) and not node.value


def _line_end(text: str, position: int) -> int:
    found = text.find("\n", position)
    if found == -1:
        return len(text)
    return found - 1 if found and text[found - 1] == "\r" else found


def set_answer(text: str, item_id: str, value: object, order: Sequence[str]) -> str:
    """``text`` with the answer to ``item_id`` set to ``value`` (``None``: not answered).

    ``order`` is the rubric's item order: a new answer goes after the nearest item before it
    that the file lists. Raises :class:`EditError` for a file this does not handle.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise EditError(f"not valid YAML: {error}") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise EditError("the file is not a block mapping")
    newline = "\r\n" if "\r\n" in text else "\n"
    flow = flow_value(value)
    found = [
        (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "answers"
    ]
    if not found:  # no answers yet: add the block at the end
        ending = "" if not text or text.endswith("\n") else newline
        return f"{text}{ending}answers:{newline}  {item_id}: {flow}".rstrip() + newline
    key, answers = found[-1]
    if _is_empty(answers):
        return _fill_empty(text, key, answers, f"{item_id}: {flow}".rstrip(), newline)
    if not isinstance(answers, yaml.MappingNode):
        raise EditError("answers: is not a mapping")
    for answer_key, answer_value in answers.value:
        if isinstance(answer_key, yaml.ScalarNode) and answer_key.value == item_id:
            start = int(answer_key.end_mark.index)
            end = _trimmed(text, start, _end(answer_value))
            shown = flow or ("null" if answers.flow_style else "")
            return f"{text[:start]}:{' ' if shown else ''}{shown}{text[end:]}"
    if answers.flow_style:
        last = _trimmed(text, 0, _end(answers.value[-1][1]))
        return f"{text[:last]}, {item_id}: {flow or 'null'}{text[last:]}"
    return _insert(text, key, answers, f"{item_id}: {flow}".rstrip(), order, newline)


def _fill_empty(text: str, key: yaml.Node, value: yaml.Node, line: str, newline: str) -> str:
    """Replace an empty ``answers:`` (nothing, ``null``, ``{}``) by a block with one line."""
    start, end = int(value.start_mark.index), int(value.end_mark.index)
    while start > key.end_mark.index + 1 and text[start - 1] in " \t":
        start -= 1  # no trailing blanks left where ``null`` was
    text = text[:start] + text[end:]
    position = _line_end(text, int(key.end_mark.index))
    return f"{text[:position]}{newline}  {line}{text[position:]}"


def _insert(
    text: str, key: yaml.Node, answers: yaml.MappingNode, line: str, order: Sequence[str], nl: str
) -> str:
    """Add a line for an item the file does not list, after the item before it in the rubric."""
    item_id = line.split(":", 1)[0]
    indent = " " * int(answers.value[0][0].start_mark.column)
    listed = {k.value: v for k, v in answers.value if isinstance(k, yaml.ScalarNode)}
    earlier = list(order[: order.index(item_id)]) if item_id in order else []
    after = next((listed[other] for other in reversed(earlier) if other in listed), None)
    if after is None:
        anchor = int(key.end_mark.index)
    else:
        anchor = _trimmed(text, int(after.start_mark.index), _end(after))
    position = _line_end(text, anchor)
    return f"{text[:position]}{nl}{indent}{line}{text[position:]}"


def _block_mapping(text: str) -> yaml.MappingNode:
    """The document's top-level block mapping, composed; :class:`EditError` for anything else."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise EditError(f"not valid YAML: {error}") from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise EditError("the file is not a block mapping")
    return root


def ensure_version(text: str, version: int) -> str:
    """``text`` declaring at least format ``version`` (``svccheck: N`` at the top), for an edit
    that adds what an older version cannot hold (evidence). The number is changed in place, or
    the line added before the first key; a lower number is never written.
    """
    root = _block_mapping(text)
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "svccheck":
            if not isinstance(value, yaml.ScalarNode) or not value.value.isdigit():
                raise EditError("its format version is not a whole number")
            if int(value.value) >= version:
                return text
            start, end = int(value.start_mark.index), int(value.end_mark.index)
            return f"{text[:start]}{version}{text[end:]}"
    if version <= 1:  # what a file without the key declares
        return text
    first = int(root.value[0][0].start_mark.index)
    line_start = text.rfind("\n", 0, first) + 1
    newline = "\r\n" if "\r\n" in text else "\n"
    return f"{text[:line_start]}svccheck: {version}{newline}{text[line_start:]}"


def set_header(text: str, name: str, value: str) -> str:
    """``text`` with the top-level field ``name`` set to ``value``: its value replaced in place
    (the line keeps its comment), or, when the file lacks the key, a line added before
    ``answers:`` (at the end without one). Raises :class:`EditError` for a file this does not
    handle."""
    root = _block_mapping(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    keys = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)]
    for key, node in keys:
        if key.value == name:
            if not isinstance(node, yaml.ScalarNode):
                raise EditError(f"{name}: is not a single value")
            start = int(key.end_mark.index)
            end = _trimmed(text, start, _end(node))
            return f"{text[:start]}: {flow_value(value)}{text[end:]}"
    following = next((k for k, _ in keys if k.value == "answers"), None)
    if following is None:
        ending = "" if text.endswith("\n") else newline
        return f"{text}{ending}{name}: {flow_value(value)}{newline}"
    line_start = text.rfind("\n", 0, int(following.start_mark.index)) + 1
    return f"{text[:line_start]}{name}: {flow_value(value)}{newline}{text[line_start:]}"
