"""Edit operations of the texts the coördinator writes: the vision, the nota's texts, the afsprakennota's.

A text is named by its place in the file (``("nota", "teksten", "notendop")``); the mappings on
the way are created in schema order when they are missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap

from igskit.editing.fields import field_order
from igskit.editing.operations.base import Operation
from igskit.editing.roundtrip import map_set
from igskit.params import schema

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument


def _model_of(model: type[BaseModel], key: str) -> type[BaseModel]:
    """The model of the mapping under ``key`` of ``model`` (unwrapping ``X | None``)."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            annotation = info.annotation
            for candidate in (annotation, *getattr(annotation, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    return candidate
    raise KeyError(f"'{key}' is geen groep velden in {model.__name__}")


@dataclass(frozen=True)
class SetText(Operation):
    """Set one text field, e.g. ``SetText(("visie", "tekst"), "…")``; an empty text removes an optional one."""

    path: tuple[str, ...]
    value: str

    def apply(self, document: ParamsDocument) -> None:
        node, model = document.doc, schema.Plan
        for key in self.path[:-1]:
            inner = _model_of(model, key)
            if not isinstance(node.get(key), CommentedMap):
                map_set(node, key, CommentedMap(), field_order(model))
                document.mark_changed()
            node, model = node[key], inner
        document.set_fields(node, model, {self.path[-1]: self.value})

    def describe(self) -> str:
        return f"Tekst '{'.'.join(self.path)}' gewijzigd"
