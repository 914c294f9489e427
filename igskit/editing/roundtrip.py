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
from ruamel.yaml.compat import ordereddict
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


# --- the comment lines after one entry ------------------------------------------------------------

def _detach_slot(container: Any, key: Any, slot: int, value: Any) -> list[str]:
    """Full-line comments stored in the post-value token of ``container[key]`` (its EOL comment stays)."""
    entry = container.ca.items.get(key)
    token = entry[slot] if entry and len(entry) > slot else None
    if token is None or isinstance(token, list):
        return []
    parts = token.value.split("\n")
    parts = parts[:-1] if parts and parts[-1] == "" else parts
    if isinstance(value, _BLOCK):  # a block scalar ends its own line: every line is a comment line
        column = getattr(token.start_mark, "column", 0) or 0
        entry[slot] = None
        return [(" " * column + p if i == 0 and p.startswith("#") else p) for i, p in enumerate(parts)]
    eol = parts[0] if parts else ""
    if eol.strip():
        token.value = eol + "\n"
    else:
        entry[slot] = None
    return parts[1:]


def _attach_slot(container: Any, key: Any, slot: int, value: Any, lines: list[str]) -> None:
    """Add comment lines after ``container[key]``, below the comment lines already there."""
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    if isinstance(value, _BLOCK):
        all_lines = (_token_lines([token]) if token is not None else []) + lines
        stripped = all_lines[0].lstrip(" ")
        column = len(all_lines[0]) - len(stripped) if stripped else 0
        entry[slot] = CommentToken("\n".join([stripped, *all_lines[1:]]) + "\n", CommentMark(column), None)
    elif token is None:
        entry[slot] = CommentToken("\n" + "\n".join(lines) + "\n", CommentMark(0), None)
    else:
        eol, _, rest = token.value.partition("\n")
        if rest and not rest.endswith("\n"):
            rest += "\n"
        token.value = eol + "\n" + rest + "\n".join(lines) + "\n"


def _slot(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def detach_trailing(node: Any) -> list[str]:
    """Remove and return the full-line comments that follow ``node`` (a map or list) in the file.

    An end-of-line comment on the node's last value stays where it is; only whole lines move.
    """
    if not isinstance(node, (CommentedMap, CommentedSeq)) or len(node) == 0:
        return []
    key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
    lines = _detach_after(node, key)
    if node.ca.end:
        lines += _token_lines(node.ca.end)
        node.ca.end = []
    return lines


def attach_trailing(node: Any, lines: list[str]) -> None:
    """Write comment lines right after ``node`` (a non-empty map or list)."""
    if lines:
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        _attach_after(node, key, lines)


def _detach_after(container: Any, key: Any) -> list[str]:
    value = container[key]
    if _is_block_collection(value):
        return detach_trailing(value)
    return _detach_slot(container, key, _slot(container), value)


def _attach_after(container: Any, key: Any, lines: list[str]) -> None:
    if not lines:
        return
    value = container[key]
    if _is_block_collection(value):
        attach_trailing(value, lines)
    else:
        _attach_slot(container, key, _slot(container), value, lines)


def _leading(container: Any, key: Any) -> list[CommentToken]:
    entry = container.ca.items.get(key)
    return list(entry[1]) if entry and len(entry) > 1 and entry[1] else []


def _set_leading(container: Any, key: Any, tokens: list[CommentToken]) -> None:
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[1] = tokens or None
    if not any(entry):
        del container.ca.items[key]


def _remove_entry(container: Any, key: Any) -> tuple[Any, list[str]]:
    """Remove one entry; return its value and the comment lines around it that must stay."""
    lines = _token_lines(_leading(container, key))
    if lines:
        _set_leading(container, key, [])
    lines += _detach_after(container, key)
    value = container.pop(key)
    return value, lines


def _place(container: Any, position: int, lines: list[str]) -> None:
    """Put comment lines where a removed entry was: before the entry now at ``position``."""
    if not lines or len(container) == 0:
        return
    keys = list(container) if isinstance(container, CommentedMap) else list(range(len(container)))
    if position < len(keys):
        _set_leading(container, keys[position], _line_tokens(lines) + _leading(container, keys[position]))
    else:
        _attach_after(container, keys[-1], lines)


# --- list operations --------------------------------------------------------------------------------

def seq_remove(seq: CommentedSeq, index: int) -> Any:
    """Remove and return ``seq[index]``; the comments before and after it stay in the file."""
    item, lines = _remove_entry(seq, index)
    _place(seq, index, lines)
    return item


def seq_insert(seq: CommentedSeq, index: int, item: Any) -> None:
    """Insert ``item`` at ``index``; comments between items keep their place in the file."""
    if index > len(seq) or index < 0:
        index = len(seq)
    lines = _detach_after(seq, index - 1) if index > 0 else []
    seq.insert(index, item)
    _place(seq, index + 1, lines)


def seq_move(seq: CommentedSeq, index: int, new_index: int) -> None:
    """Move an item within its list (up or down); comments between items stay in place."""
    item = seq_remove(seq, index)
    seq_insert(seq, new_index, item)


# --- maps -------------------------------------------------------------------------------------------

def map_set(node: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set ``node[key]``; a new key goes to its place in ``order`` (the schema's field order)."""
    if key in node:
        lines = _detach_after(node, key)
        if isinstance(value, str) and not isinstance(value, ScalarString):
            ordereddict.__setitem__(node, key, value)  # plain text: do not inherit the old block style
        else:
            node[key] = value
        _attach_after(node, key, lines)
        return
    rank = {k: i for i, k in enumerate(order)}
    position = len(node)
    for i, existing in enumerate(node):
        if rank.get(existing, len(order)) > rank.get(key, len(order)):
            position = i
            break
    keys = list(node)
    lines = _detach_after(node, keys[position - 1]) if position > 0 else []  # they belong above what follows
    node.insert(position, key, value)
    if position < len(keys):
        _set_leading(node, keys[position], _line_tokens(lines) + _leading(node, keys[position]))
    else:
        _attach_after(node, key, lines)


def map_remove(node: CommentedMap, key: str) -> None:
    """Remove ``key`` from ``node``; the comment lines around it stay in the file."""
    if key in node:
        position = list(node).index(key)
        _, lines = _remove_entry(node, key)
        _place(node, position, lines)


def map_append(node: CommentedMap, key: str, item: Any, order: list[str], index: int | None = None) -> None:
    """Insert ``item`` into the list ``node[key]`` (at ``index``, default the end), creating the list."""
    seq = node.get(key)
    if isinstance(seq, CommentedSeq) and len(seq):
        seq_insert(seq, len(seq) if index is None else index, item)
    else:
        map_set(node, key, CommentedSeq([item]), order)


def map_pop_item(node: CommentedMap, key: str, index: int, keep_empty: bool = False) -> Any:
    """Remove and return ``node[key][index]``; an emptied list loses its key unless ``keep_empty``."""
    seq = node[key]
    item = seq[index]
    if len(seq) > 1:
        return seq_remove(seq, index)
    if keep_empty:
        empty = CommentedSeq()
        empty.fa.set_flow_style()
        map_set(node, key, empty, list(node))
    else:
        map_remove(node, key)
    return item


# --- values -----------------------------------------------------------------------------------------

def text_value(new: str, old: Any = None) -> str:
    """A text in a style that reads well in the file: multi-line as ``|-``, long as ``>-``."""
    new = new.strip()
    if old is not None and str(old) == new:
        return old
    if "\n" in new:
        return LiteralScalarString(new)
    if len(new) > LONG_TEXT:
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

