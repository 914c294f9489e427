"""Edit operations of step 03 (doelstellingen): add, edit, reorder, move and delete SDs, ODs and actions.

Every node is named by its id, which stays when it moves: the codes (SD1-OD2-A3) follow the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap

from igskit.editing.fields import field_order
from igskit.editing.operations.base import CreatesId, Operation, drop_references, listed
from igskit.editing.operations.budget import SetActionBudget
from igskit.editing.roundtrip import map_append, map_pop_item, seq_move, text_value
from igskit.params import schema

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

KIND_LABEL = {"sd": "strategische doelstelling", "od": "operationele doelstelling", "actie": "actie"}
_KIND_MODEL = {"sd": schema.StrategicObjective, "od": schema.OperationalObjective, "actie": schema.Action}
_KIND_PREFIX = {"sd": "sd", "od": "od", "actie": "a"}
_PARENT_KIND = {"od": "sd", "actie": "od"}
_CHILDREN = {"sd": "ods", "od": "acties"}


def _append_child(parent: CommentedMap, kind: str, item: CommentedMap, index: int | None = None) -> None:
    """Put ``item`` in the children list of ``parent`` (an SD of kind 'sd' or an OD of kind 'od')."""
    map_append(parent, _CHILDREN[kind], item, field_order(_KIND_MODEL[kind]), index)


def _is_inside(node: CommentedMap, container: CommentedMap) -> bool:
    for key in ("ods", "acties"):
        for child in container.get(key) or []:
            if child is node or _is_inside(node, child):
                return True
    return False


@dataclass(frozen=True)
class AddObjective(CreatesId):
    """Add an SD (``kind`` 'sd', at the end), an OD under SD ``parent`` or an action under OD ``parent``.

    ``fields`` by Dutch keys (prioriteit, transversaal, jaren, spreiding, partners, regierol ...);
    ``apply`` returns the new id.
    """

    kind: str
    title: str
    parent: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        if self.kind not in KIND_LABEL:
            raise KeyError(f"onbekende soort '{self.kind}'")
        parent = None
        if self.kind != "sd":
            parent = document.locate(str(self.parent))
            if parent.kind != _PARENT_KIND[self.kind]:
                raise KeyError(f"'{self.parent}' is geen {KIND_LABEL[_PARENT_KIND[self.kind]]}")
        ident = self.claim_id(document, self.title, _KIND_PREFIX[self.kind])
        item = CommentedMap()
        item["id"] = ident
        item["titel"] = text_value(self.title)
        document.set_fields(item, _KIND_MODEL[self.kind], self.fields)
        if parent is None:
            map_append(document.doc, "doelstellingen", item, field_order(schema.Plan))
        else:
            _append_child(parent.node, parent.kind, item)
        document.mark_changed()
        return ident

    def describe(self) -> str:
        where = f" onder '{self.parent}'" if self.parent else ""
        return f"{KIND_LABEL.get(self.kind, self.kind).capitalize()} '{self.title.strip()}' toegevoegd{where}"


@dataclass(frozen=True)
class EditObjective(Operation):
    """Change fields of an SD, OD or action (titel, prioriteit, regierol, spreiding, jaren ...)."""

    id: str
    fields: dict[str, Any]

    def apply(self, document: ParamsDocument) -> None:
        found = document.locate(self.id)
        document.set_fields(found.node, _KIND_MODEL[found.kind], self.fields)

    def describe(self) -> str:
        return f"Doelstelling of actie '{self.id}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class MoveObjective(Operation):
    """Move an SD, OD or action up (-1) or down (+1) among its siblings (the numbering follows)."""

    id: str
    delta: int

    def apply(self, document: ParamsDocument) -> None:
        found = document.locate(self.id)
        new_index = max(0, min(len(found.siblings) - 1, found.index + self.delta))
        if new_index != found.index:
            seq_move(found.siblings, found.index, new_index)
            document.mark_changed()

    def describe(self) -> str:
        return f"'{self.id}' {'omhoog' if self.delta < 0 else 'omlaag'} geschoven"


@dataclass(frozen=True)
class MoveObjectiveTo(Operation):
    """Move an OD to another SD, or an action to another OD (at ``index``, else last); its id stays."""

    id: str
    parent: str
    index: int | None = None

    def apply(self, document: ParamsDocument) -> None:
        found = document.locate(self.id)
        parent = document.locate(self.parent)
        expected = _PARENT_KIND.get(found.kind)
        if expected is None or parent.kind != expected:
            raise KeyError(f"een {KIND_LABEL[found.kind]} kan niet onder '{self.parent}' staan")
        if found.parent_id == self.parent and self.index is None:
            return
        item = map_pop_item(found.parent, found.key, found.index)
        _append_child(parent.node, parent.kind, item, self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"'{self.id}' verplaatst naar '{self.parent}'"


@dataclass(frozen=True)
class DeleteObjective(Operation):
    """Delete an SD, OD or action with everything under it, the budget of its actions and references to them.

    ``apply`` returns the ids that were removed.
    """

    id: str

    def apply(self, document: ParamsDocument) -> list[str]:
        found = document.locate(self.id)
        removed = [self.id]
        for kind, _code, node, _parent in document.walk_objectives():
            if kind != "sd" and node is not found.node and _is_inside(node, found.node):
                removed.append(str(node["id"]))
        map_pop_item(found.parent, found.key, found.index, keep_empty=found.kind == "sd")
        for action_id in removed:
            SetActionBudget(action_id).apply(document)
        drop_references(document, set(removed))  # zie_ook (and the ids of what went with it)
        document.mark_changed()
        return removed

    def describe(self) -> str:
        return f"'{self.id}' verwijderd, met alles eronder en het budget van de acties"
