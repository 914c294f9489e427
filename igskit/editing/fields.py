"""Writing values into ruamel nodes the way the file should show them, per the schema's fields.

Used by the edit operations (:mod:`igskit.editing.operations`): an empty value removes an
optional key, a default is not written for a key that is absent, 7500.0 is written as 7500,
and a mapping such as ``per_jaar`` is updated key by key so comments on kept keys stay.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.roundtrip import map_remove, map_set, text_value, to_node
from igskit.params.reading import to_plain


def slugify(text: str, prefix: str = "", max_length: int = 40) -> str:
    """A readable id from a title: lowercase ascii words joined by '-' (``prefix-`` in front)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    slug = slug or (words[0][:max_length] if words else "nieuw")
    return f"{prefix}-{slug}" if prefix else slug


def field_order(model: type[BaseModel]) -> list[str]:
    """The keys of ``model`` as the file spells them, in schema order."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _field(model: type[BaseModel], key: str):
    for name, f in model.model_fields.items():
        if (f.alias or name) == key:
            return f
    raise KeyError(f"{model.__name__} has no field {key!r}")


def number(value: Any) -> Any:
    """A number as the file should show it: 7500 rather than 7500.0, 0.85 rather than Decimal('0.85')."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def set_fields(node: CommentedMap, model: type[BaseModel], fields: dict[str, Any]) -> bool:
    """Write ``fields`` (Dutch keys of ``model``) into ``node``; True when anything changed."""
    order = field_order(model)
    changed = False
    for key, value in fields.items():
        info = _field(model, key)
        old = node.get(key)
        if _empty(value) and not info.is_required():
            if key in node:
                map_remove(node, key)
                changed = True
            continue
        if key not in node and not info.is_required():
            default = info.get_default(call_default_factory=True)
            if value == default:
                continue
        if isinstance(value, str):
            new = text_value(value, old)
        elif isinstance(value, (list, tuple)):
            if isinstance(old, CommentedSeq) and to_plain(old) == to_plain(list(value)):
                continue
            new = to_node(list(value))
            if isinstance(old, CommentedSeq) and not old.fa.flow_style():
                new.fa.set_block_style()
        elif isinstance(value, dict):
            changed = set_mapping(node, key, value, order) or changed
            continue
        else:
            new = number(value)
        if key in node and to_plain(old) == to_plain(new) and isinstance(old, bool) == isinstance(new, bool):
            continue
        map_set(node, key, new, order)
        changed = True
    return changed


def set_mapping(node: CommentedMap, key: str, value: dict, order: list[str]) -> bool:
    """Update a mapping (such as per_jaar) key by key, so comments on kept keys stay."""
    target = node.get(key)
    if not isinstance(target, CommentedMap):
        map_set(node, key, to_node({k: number(v) for k, v in sorted(value.items())}), order)
        return True
    changed = False
    keys = sorted(value)
    for k in [k for k in target if k not in value]:
        map_remove(target, k)
        changed = True
    for k in keys:
        new = number(value[k])
        if k in target and to_plain(target[k]) == to_plain(new):
            continue
        map_set(target, k, new, keys)
        changed = True
    return changed
