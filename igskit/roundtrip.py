"""Comment-preserving edits of ruamel.yaml round-trip structures.

ruamel keeps a comment attached to a node, not to a place in the file. A section header such
as ``# --- Visie ---`` is stored on the last value *before* it, so appending an item to the
list above it, or deleting that list's last item, would move the header or lose it. The
helpers here detach such trailing comment lines from the item they hang on and put them back
where they belong in the file, so everything someone wrote by hand stays where it was.

Comment lines travel as plain text lines with their own indentation ("" for a blank line).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

LONG_TEXT = 70  # plain texts longer than this are written as a folded block (>-)
_BLOCK = (LiteralScalarString, FoldedScalarString)


# --- comment lines <-> tokens ------------------------------------------------------------------

def _token_lines(tokens: Iterable[CommentToken]) -> list[str]:
    lines: list[str] = []
    for token in tokens:
        column = getattr(token.start_mark, "column", 0) or 0
        parts = token.value.split("\n")
        if parts and parts[-1] == "":
            parts = parts[:-1]
        for n, part in enumerate(parts):
            lines.append(" " * column + part if n == 0 and part.startswith("#") else part)
    return lines


def _line_tokens(lines: list[str]) -> list[CommentToken]:
    tokens = []
    for line in lines:
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped) if stripped else 0
        tokens.append(CommentToken(stripped + "\n", CommentMark(column), None))
    return tokens


def _is_block_collection(value: Any) -> bool:
    return isinstance(value, (CommentedMap, CommentedSeq)) and len(value) > 0 and not value.fa.flow_style()


def _last_slot(node: CommentedMap | CommentedSeq) -> tuple[Any, int, Any]:
    """(key or index, position of the post-value comment in ca.items, value) of node's last entry."""
    if isinstance(node, CommentedMap):
        key = next(reversed(node))
        return key, 2, node[key]
    return len(node) - 1, 0, node[len(node) - 1]


# --- trailing comments of an item -----------------------------------------------------------------

def detach_trailing(node: Any) -> list[str]:
    """Remove and return the full-line comments that follow ``node`` in the file.

    An end-of-line comment on the node's last value stays where it is; only whole lines move.
    """
    if not isinstance(node, (CommentedMap, CommentedSeq)) or len(node) == 0:
        return []
    levels: list[list[str]] = []
    current = node
    while isinstance(current, (CommentedMap, CommentedSeq)) and len(current) > 0:
        key, slot, value = _last_slot(current)
        lines: list[str] = []
        entry = current.ca.items.get(key)
        token = entry[slot] if entry and len(entry) > slot else None
        if token is not None and not isinstance(token, list) and (slot == 2 or not _is_block_collection(value)):
            text = token.value
            if isinstance(value, _BLOCK):  # a block scalar ends its own line: every line is a comment line
                column = getattr(token.start_mark, "column", 0) or 0
                parts = text.split("\n")
                parts = parts[:-1] if parts[-1] == "" else parts
                lines += [(" " * column + p if i == 0 and p.startswith("#") else p) for i, p in enumerate(parts)]
                entry[slot] = None
            else:
                eol, _, rest = text.partition("\n")
                parts = rest.split("\n")
                parts = parts[:-1] if parts and parts[-1] == "" else parts
                lines += parts
                if eol.strip():
                    token.value = eol + "\n"
                else:
                    entry[slot] = None
        if current.ca.end:
            lines += _token_lines(current.ca.end)
            current.ca.end = []
        levels.append(lines)
        if not _is_block_collection(value):
            break
        current = value
    return [line for level in reversed(levels) for line in level]


def attach_trailing(node: Any, lines: list[str]) -> None:
    """Write comment lines right after ``node`` (a non-empty map or list)."""
    if not lines:
        return
    current = node
    while True:
        key, slot, value = _last_slot(current)
        if _is_block_collection(value):
            current = value
            continue
        break
    entry = current.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    if isinstance(value, _BLOCK):
        existing = _token_lines([token]) if token is not None else []
        all_lines = lines + existing
        first = all_lines[0]
        stripped = first.lstrip(" ")
        column = len(first) - len(stripped) if stripped else 0
        value_text = "\n".join([stripped, *all_lines[1:]]) + "\n"
        entry[slot] = CommentToken(value_text, CommentMark(column), None)
        return
    if token is None:
        entry[slot] = CommentToken("\n" + "\n".join(lines) + "\n", CommentMark(0), None)
    else:
        eol, _, rest = token.value.partition("\n")
        token.value = eol + "\n" + "\n".join(lines) + "\n" + rest


def _leading(seq: CommentedSeq, index: int) -> list[CommentToken]:
    entry = seq.ca.items.get(index)
    return list(entry[1]) if entry and len(entry) > 1 and entry[1] else []


def _set_leading(seq: CommentedSeq, index: int, tokens: list[CommentToken]) -> None:
    entry = seq.ca.items.setdefault(index, [None, None, None, None])
    entry[1] = tokens or None
    if not any(entry):
        del seq.ca.items[index]


# --- list operations --------------------------------------------------------------------------------

def seq_remove(seq: CommentedSeq, index: int) -> Any:
    """Remove and return ``seq[index]``; comments before and after it stay in the file."""
    if index > 0:
        moved = _token_lines(_leading(seq, index))
        _set_leading(seq, index, [])
    else:
        moved = []
    moved += detach_trailing(seq[index])
    item = seq.pop(index)
    if not moved:
        return item
    if index < len(seq):
        if index == 0:
            seq.ca.comment = seq.ca.comment or [None, []]
            seq.ca.comment[1] = (seq.ca.comment[1] or []) + _line_tokens(moved)
        else:
            _set_leading(seq, index, _line_tokens(moved) + _leading(seq, index))
    elif len(seq):
        attach_trailing(seq[-1], moved)
    else:
        seq.ca.end = _line_tokens(moved) + list(seq.ca.end or [])
    return item


def seq_insert(seq: CommentedSeq, index: int, item: Any) -> None:
    """Insert ``item`` at ``index``; comments between items keep their place in the file."""
    if index > len(seq) or index < 0:
        index = len(seq)
    moved = detach_trailing(seq[index - 1]) if index > 0 else []
    seq.insert(index, item)
    if not moved:
        return
    if index + 1 < len(seq):
        _set_leading(seq, index + 1, _line_tokens(moved) + _leading(seq, index + 1))
    elif isinstance(item, (CommentedMap, CommentedSeq)) and len(item):
        attach_trailing(item, moved)
    else:
        attach_trailing(seq, moved)


def seq_move(seq: CommentedSeq, index: int, new_index: int) -> None:
    """Move an item within its list (up or down); comments between items stay in place."""
    item = seq_remove(seq, index)
    seq_insert(seq, new_index, item)


# --- map operations ---------------------------------------------------------------------------------

def map_set(node: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set ``node[key]``; a new key goes to its place in ``order`` (the schema's field order)."""
    if key in node:
        node[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    position = len(node)
    for i, existing in enumerate(node):
        if rank.get(existing, len(order)) > rank.get(key, len(order)):
            position = i
            break
    if position == len(node) and len(node):
        moved = detach_trailing(node)
        node.insert(position, key, value)
        if moved:
            attach_trailing(node, moved)
    else:
        node.insert(position, key, value)


def map_remove(node: CommentedMap, key: str) -> None:
    """Remove ``key`` from ``node``, keeping the comment lines that followed the map."""
    if key not in node:
        return
    if key == next(reversed(node)):
        moved = detach_trailing(node)
        del node[key]
        if len(node):
            attach_trailing(node, moved)
    else:
        del node[key]


# --- values -----------------------------------------------------------------------------------------

def text_value(new: str, old: Any = None) -> str:
    """A text in a style that reads well in the file: multi-line as ``|-``, long as ``>-``."""
    new = new.strip()
    if old is not None and str(old) == new:
        return old
    if "\n" in new:
        return LiteralScalarString(new)
    if isinstance(old, FoldedScalarString) or len(new) > LONG_TEXT:
        return FoldedScalarString(new)
    if isinstance(old, ScalarString) and not isinstance(old, _BLOCK):
        return type(old)(new)  # keep the quotes someone chose
    return new


def to_node(value: Any) -> Any:
    """Plain Python -> ruamel round-trip nodes; short lists of scalars are written inline ([a, b])."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = to_node(v)
        return node
    if isinstance(value, (list, tuple)):
        node = CommentedSeq(to_node(v) for v in value)
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            node.fa.set_flow_style()
        return node
    if isinstance(value, str):
        return text_value(value)
    return value

