"""Edit operations of the monitoring indicators of an OD or an action (seed 004).

An indicator has no id: an operation names its objective, its position and the name the user
saw (``seen``), and refuses with :class:`StaleEditError` when that indicator now has another
name. An indicator written as a plain text (the older form) becomes a mapping with ``naam`` as
soon as another field is set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.fields import field_order
from igskit.editing.operations.base import Operation, StaleEditError, listed
from igskit.editing.roundtrip import map_append, map_pop_item, text_value
from igskit.errors import IgskitError
from igskit.params import planning_process as pp
from igskit.params import schema

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

_MODEL = {"od": schema.OperationalObjective, "actie": schema.Action}


def indicator_name(item: Any) -> str:
    return str(item.get("naam", "")) if isinstance(item, dict) else str(item)


def _holder(document: ParamsDocument, objective: str) -> CommentedMap:
    found = document.locate(objective)
    if found.kind not in _MODEL:
        raise KeyError("alleen een OD of een actie heeft indicatoren")
    return found.node


def _seen(node: CommentedMap, index: int, seen: str) -> Any:
    items = node.get("indicatoren") or []
    what = f"indicator {index + 1} ('{seen}')"
    if not 0 <= index < len(items):
        raise StaleEditError(f"{what} bestaat niet meer: er zijn er nu {len(items)}.")
    if indicator_name(items[index]) != seen:
        raise StaleEditError(f"{what} heet intussen '{indicator_name(items[index])}'; het bestand is gewijzigd.")
    return items[index]


@dataclass(frozen=True)
class AddIndicator(Operation):
    """A new indicator (only its name) at the end of an OD's or action's indicators; returns its position."""

    objective: str
    name: str

    def apply(self, document: ParamsDocument) -> int:
        if not self.name.strip():
            raise IgskitError("een indicator heeft een naam nodig")
        node = _holder(document, self.objective)
        item = CommentedMap()
        item["naam"] = text_value(self.name)
        map_append(node, "indicatoren", item, field_order(_MODEL[document.locate(self.objective).kind]))
        if isinstance(node["indicatoren"], CommentedSeq):
            node["indicatoren"].fa.set_block_style()
        document.mark_changed()
        return len(node["indicatoren"]) - 1

    def describe(self) -> str:
        return f"Indicator '{self.name.strip()}' toegevoegd bij '{self.objective}'"


@dataclass(frozen=True)
class EditIndicator(Operation):
    """Change fields of an indicator (naam, eenheid, nulmeting, nulmeting_jaar, streefwaarden {jaar: waarde}, bron)."""

    objective: str
    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, objective: str, index: int, **values: Any) -> EditIndicator:
        items = _holder(document, objective).get("indicatoren") or []
        seen = indicator_name(items[index]) if 0 <= index < len(items) else ""
        return cls(objective, index, seen, values)

    def apply(self, document: ParamsDocument) -> None:
        if "naam" in self.fields and not str(self.fields["naam"]).strip():
            raise IgskitError("een indicator heeft een naam nodig")
        node = _holder(document, self.objective)
        item = _seen(node, self.index, self.seen)
        if not isinstance(item, CommentedMap):  # a plain text: becomes {naam: …}
            mapping = CommentedMap()
            mapping["naam"] = item
            node["indicatoren"][self.index] = mapping
            item = mapping
            document.mark_changed()
        document.set_fields(item, pp.Indicator, self.fields)

    def describe(self) -> str:
        return f"Indicator '{self.seen}' van '{self.objective}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteIndicator(Operation):
    objective: str
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, objective: str, index: int) -> DeleteIndicator:
        items = _holder(document, objective).get("indicatoren") or []
        return cls(objective, index, indicator_name(items[index]) if 0 <= index < len(items) else "")

    def apply(self, document: ParamsDocument) -> None:
        node = _holder(document, self.objective)
        _seen(node, self.index, self.seen)
        map_pop_item(node, "indicatoren", self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"Indicator '{self.seen}' van '{self.objective}' verwijderd"
