"""Edit operations of a stakeholder's needs (``noden``) and partnerkaart (step 01; seeds 001 and 002).

A need is named by its id, which stays when its text changes: objectives refer to it with
``beantwoordt_noden``. A stakeholder may have one need written as a plain text (its id is then
the stakeholder's id); adding a second need turns that text into a list item with that same id,
so nothing that refers to it breaks. A new need gets a slug id from its text (``nood-…``),
unique in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.fields import field_order
from igskit.editing.operations.base import CreatesId, Operation, listed
from igskit.editing.operations.stakeholders import find_stakeholder
from igskit.editing.roundtrip import map_pop_item, map_remove, map_set, text_value
from igskit.errors import IgskitError
from igskit.params import planning_process as pp
from igskit.params import schema

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

NEED_PREFIX = "nood"


def need_list(stakeholder: dict) -> list[dict]:
    """A stakeholder's needs as ``[{'id', 'tekst'}]``, whichever way the file writes them."""
    needs = stakeholder.get("noden")
    if isinstance(needs, str):
        return [{"id": str(stakeholder["id"]), "tekst": needs}] if needs.strip() else []
    return [{"id": str(n.get("id", "")), "tekst": str(n.get("tekst", ""))}
            for n in needs or [] if isinstance(n, dict)]


def _need_seq(document: ParamsDocument, item: CommentedMap) -> CommentedSeq:
    """The needs of a stakeholder as a list in the file (a plain-text need becomes its first item)."""
    needs = item.get("noden")
    if isinstance(needs, CommentedSeq):
        return needs
    seq = CommentedSeq()
    if isinstance(needs, str) and needs.strip():
        first = CommentedMap()
        first["id"] = str(item["id"])
        first["tekst"] = text_value(str(needs))
        seq.append(first)
    map_set(item, "noden", seq, field_order(schema.Stakeholder))
    document.mark_changed()
    return item["noden"]


def _find_need(item: CommentedMap, need: str) -> int | None:
    """The position of need ``need`` in a list of needs; None for a plain-text need (whose id is the stakeholder's)."""
    needs = item.get("noden")
    if isinstance(needs, str):
        if needs.strip() and need == item.get("id"):
            return None
    elif isinstance(needs, list):
        for i, entry in enumerate(needs):
            if isinstance(entry, dict) and entry.get("id") == need:
                return i
    raise KeyError(f"behoefte '{need}' van stakeholder '{item.get('id')}' bestaat niet")


def _check_text(text: str) -> str:
    if not text.strip():
        raise IgskitError("een behoefte heeft een tekst nodig; verwijder ze als ze niet meer geldt")
    return text


@dataclass(frozen=True)
class AddNeed(CreatesId):
    """Add a need at the end of a stakeholder's needs; ``apply`` returns its new id."""

    stakeholder: str
    text: str
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        _check_text(self.text)
        _, item = find_stakeholder(document, self.stakeholder)
        ident = self.claim_id(document, self.text, NEED_PREFIX)
        seq = _need_seq(document, item)
        entry = CommentedMap()
        entry["id"] = ident
        entry["tekst"] = text_value(self.text)
        seq.append(entry)
        document.mark_changed()
        return ident

    def describe(self) -> str:
        return f"Behoefte toegevoegd bij '{self.stakeholder}': '{self.text.strip()[:60]}'"


@dataclass(frozen=True)
class EditNeed(Operation):
    """Change the text of one need; its id stays (objectives refer to it)."""

    stakeholder: str
    need: str
    text: str

    def apply(self, document: ParamsDocument) -> None:
        _check_text(self.text)
        _, item = find_stakeholder(document, self.stakeholder)
        index = _find_need(item, self.need)
        if index is None:
            document.set_fields(item, schema.Stakeholder, {"noden": self.text})
        else:
            document.set_fields(item["noden"][index], pp.Need, {"tekst": self.text})

    def describe(self) -> str:
        return f"Behoefte '{self.need}' van '{self.stakeholder}' herschreven"


@dataclass(frozen=True)
class DeleteNeed(Operation):
    """Remove one need, and the objectives' references to it (``beantwoordt_noden``)."""

    stakeholder: str
    need: str

    def apply(self, document: ParamsDocument) -> None:
        _, item = find_stakeholder(document, self.stakeholder)
        index = _find_need(item, self.need)
        if index is None:
            map_remove(item, "noden")
        else:
            map_pop_item(item, "noden", index)
        for kind, _code, node, _parent in document.walk_objectives():
            answered = node.get("beantwoordt_noden")
            if isinstance(answered, list) and self.need in [str(n) for n in answered]:
                model = schema.StrategicObjective if kind == "sd" else schema.OperationalObjective
                kept = [str(n) for n in answered if str(n) != self.need]
                document.set_fields(node, model, {"beantwoordt_noden": kept})
        document.mark_changed()

    def describe(self) -> str:
        return f"Behoefte '{self.need}' van '{self.stakeholder}' verwijderd"


@dataclass(frozen=True)
class SetPartnerCard(Operation):
    """Change fields of a stakeholder's partnerkaart (sterktes, beperkingen, bovenlokaal, grensverleggend, idee).

    An empty text or None removes a field; a card left empty is removed as a whole.
    """

    stakeholder: str
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        _, item = find_stakeholder(document, self.stakeholder)
        if not isinstance(item.get("partnerkaart"), CommentedMap):
            if all(v is None or v == "" for v in self.fields.values()):
                return
            map_set(item, "partnerkaart", CommentedMap(), field_order(schema.Stakeholder))
            document.mark_changed()
        card = item["partnerkaart"]
        document.set_fields(card, pp.PartnerCard, self.fields)
        if not card:
            map_remove(item, "partnerkaart")
            document.mark_changed()

    def describe(self) -> str:
        return f"Partnerkaart van '{self.stakeholder}' gewijzigd ({listed(self.fields)})"
