"""Edit operations of step 01 (stakeholders): add, update, delete one stakeholder in the params file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.fields import field_order
from igskit.editing.operations.base import CreatesId, Operation, drop_references, listed
from igskit.editing.roundtrip import map_append, map_pop_item, map_remove, map_set, text_value
from igskit.errors import IgskitError
from igskit.params import schema
from igskit.params import vocabulary as voc
from igskit.params.network import NetworkPartner

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument


def _stakeholder_seq(document: ParamsDocument) -> CommentedSeq:
    file = document.stakeholder_file()
    if file is not None:
        raise IgskitError(f"De stakeholders staan in een apart bestand ({file}); pas ze daar aan.")
    seq = document.doc.get("stakeholders")
    return seq if isinstance(seq, CommentedSeq) else CommentedSeq()


def find_stakeholder(document: ParamsDocument, ident: str) -> tuple[int, CommentedMap]:
    for i, item in enumerate(_stakeholder_seq(document)):
        if isinstance(item, dict) and item.get("id") == ident:
            return i, item
    raise KeyError(f"stakeholder '{ident}' bestaat niet")


@dataclass(frozen=True)
class AddStakeholder(CreatesId):
    """Add a stakeholder after the last one of its category; ``apply`` returns its new id.

    ``fields`` holds further fields by their Dutch keys (gemeente, subsector, fasen ...).
    """

    name: str
    category: str
    involvement: str
    fields: dict[str, Any] = field(default_factory=dict)
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        seq = _stakeholder_seq(document)
        ident = self.claim_id(document, self.name)
        item = CommentedMap()
        for key, value in (("id", ident), ("naam", self.name.strip()), ("categorie", self.category)):
            item[key] = text_value(value)
        same = [i for i, s in enumerate(seq) if isinstance(s, dict) and s.get("categorie") == self.category]
        document.set_fields(item, schema.Stakeholder, {"betrokkenheid": self.involvement, **self.fields})
        map_append(document.doc, "stakeholders", item, field_order(schema.Plan), same[-1] + 1 if same else None)
        document.mark_changed()
        return ident

    def describe(self) -> str:
        return f"Stakeholder '{self.name.strip()}' toegevoegd"


@dataclass(frozen=True)
class UpdateStakeholder(Operation):
    """Change fields of one stakeholder (Dutch keys); an empty value removes an optional field.

    A new category drops a subsector that does not belong to it.
    """

    id: str
    fields: dict[str, Any]

    def apply(self, document: ParamsDocument) -> None:
        _, item = find_stakeholder(document, self.id)
        values = dict(self.fields)
        category = values.get("categorie", item.get("categorie"))
        subsector = values.get("subsector", item.get("subsector", ""))
        if "categorie" in values and subsector and subsector != "andere" \
                and subsector not in voc.SUBSECTORS.get(category, ()):
            values["subsector"] = ""
        document.set_fields(item, schema.Stakeholder, values)

    def describe(self) -> str:
        return f"Stakeholder '{self.id}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteStakeholder(Operation):
    """Remove a stakeholder and the references to it (partners, SWOT sources; ``document.usages``)."""

    id: str

    def apply(self, document: ParamsDocument) -> None:
        index, _ = find_stakeholder(document, self.id)
        map_pop_item(document.doc, "stakeholders", index, keep_empty=True)
        drop_references(document, {self.id})
        document.mark_changed()

    def describe(self) -> str:
        return f"Stakeholder '{self.id}' verwijderd"


@dataclass(frozen=True)
class SetNetworkPartner(Operation):
    """A stakeholder as partner of the network vrijetijdsparticipatie (its ``netwerkpartner`` block).

    ``fields`` by Dutch keys (brengt, engageert, rollen, overleg, trekker, voor_gemeenten) are written
    into the block, which is made when missing; ``partner=False`` removes the whole block.
    """

    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    partner: bool = True

    def apply(self, document: ParamsDocument) -> None:
        _, item = find_stakeholder(document, self.id)
        if not self.partner:
            if "netwerkpartner" in item:
                map_remove(item, "netwerkpartner")
                document.mark_changed()
            return
        if not isinstance(item.get("netwerkpartner"), CommentedMap):
            map_set(item, "netwerkpartner", CommentedMap(), field_order(schema.Stakeholder))
            document.mark_changed()
        document.set_fields(item["netwerkpartner"], NetworkPartner, self.fields)

    def describe(self) -> str:
        if not self.partner:
            return f"Stakeholder '{self.id}' is geen netwerkpartner meer"
        return f"Netwerkpartner '{self.id}' gewijzigd ({listed(self.fields)})"
