"""Edit operations of the bovenlokaal netwerk vrijetijdsparticipatie (seed 004, issue 16).

The lists of the ``afsprakennota``: its overleg structures (by id; a partner's ``overleg`` refers to them),
bevragingen and lokale netwerken (by position and what the user saw there). The ``netwerk`` and
``trekker`` of an objective or action are fields of :class:`EditObjective`, a budget line's
``netwerk`` of :class:`SetAmountLine` / :class:`SetStaffLine`, a stakeholder's ``netwerkpartner``
block :class:`SetNetworkPartner`; the Arrow Roots texts are :class:`SetText`
(``("afsprakennota", "samenwerking", "middelen")``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap

from igskit.editing.fields import field_order
from igskit.editing.operations.base import CreatesId, Operation, StaleEditError, listed
from igskit.editing.roundtrip import map_append, map_pop_item, text_value
from igskit.errors import IgskitError
from igskit.params import network

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

_LIST_LABEL = {"bevragingen": ("bevraging", "wie", network.Survey),
               "lokale_netwerken": ("lokaal netwerk", "naam", network.LocalNetwork)}


def drop_meeting_references(document: ParamsDocument, ident: str) -> None:
    """Take an overleg or working group id out of every partner's ``overleg`` (a reference to nothing is an error)."""
    for item in document.doc.get("stakeholders") or []:
        partner = item.get("netwerkpartner") if isinstance(item, dict) else None
        meetings = partner.get("overleg") if isinstance(partner, dict) else None
        if isinstance(meetings, list) and ident in [str(m) for m in meetings]:
            document.set_fields(partner, network.NetworkPartner,
                                {"overleg": [str(m) for m in meetings if str(m) != ident]})


# --- the afsprakennota's overleg structures ---------------------------------------------------------

def _agreement(document: ParamsDocument) -> CommentedMap:
    return document.section("afsprakennota")


def find_meeting_structure(document: ParamsDocument, ident: str) -> tuple[int, CommentedMap]:
    for i, entry in enumerate((document.doc.get("afsprakennota") or {}).get("overleg") or []):
        if isinstance(entry, dict) and entry.get("id") == ident:
            return i, entry
    raise KeyError(f"overleg '{ident}' bestaat niet")


@dataclass(frozen=True)
class AddMeetingStructure(CreatesId):
    """An overleg structure of the network; ``apply`` returns its new id (made from its name)."""

    name: str
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        if not self.name.strip():
            raise IgskitError("geef het overleg een naam")
        ident = self.claim_id(document, self.name)
        entry = CommentedMap()
        entry["id"] = ident
        entry["naam"] = text_value(self.name)
        map_append(_agreement(document), "overleg", entry, field_order(network.Agreement))
        document.mark_changed()
        return ident

    def describe(self) -> str:
        return f"Overleg '{self.name.strip()}' toegevoegd"


@dataclass(frozen=True)
class EditMeetingStructure(Operation):
    """Change an overleg structure's naam, frequentie or wat."""

    id: str
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        _, entry = find_meeting_structure(document, self.id)
        document.set_fields(entry, network.MeetingStructure, self.fields)

    def describe(self) -> str:
        return f"Overleg '{self.id}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteMeetingStructure(Operation):
    """Remove an overleg structure, and take it out of the partners' ``overleg``."""

    id: str

    def apply(self, document: ParamsDocument) -> None:
        index, _ = find_meeting_structure(document, self.id)
        map_pop_item(document.doc["afsprakennota"], "overleg", index)
        drop_meeting_references(document, self.id)
        document.mark_changed()

    def describe(self) -> str:
        return f"Overleg '{self.id}' verwijderd"


# --- bevragingen and lokale netwerken ----------------------------------------------------------------------

def _entry(document: ParamsDocument, key: str, index: int, seen: str) -> CommentedMap:
    what, label_key, _model = _LIST_LABEL[key]
    entries = (document.doc.get("afsprakennota") or {}).get(key) or []
    if not 0 <= index < len(entries):
        raise StaleEditError(f"{what} {index + 1} ('{seen}') bestaat niet meer: er zijn er nu {len(entries)}.")
    actual = str(entries[index].get(label_key, ""))
    if actual != seen:
        raise StaleEditError(f"{what} {index + 1} ('{seen}') heet intussen '{actual}'; het bestand is gewijzigd.")
    return entries[index]


def entry_label(document: ParamsDocument, key: str, index: int) -> str:
    entries = (document.doc.get("afsprakennota") or {}).get(key) or []
    return str(entries[index].get(_LIST_LABEL[key][1], "")) if 0 <= index < len(entries) else ""


@dataclass(frozen=True)
class AddAgreementEntry(Operation):
    """A bevraging (``bevragingen``: wie, hoe) or a lokaal netwerk (``lokale_netwerken``: naam, gemeente,
    integratie) at the end of its list; ``values`` holds its required fields. Returns its position."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> int:
        if self.key not in _LIST_LABEL:
            raise KeyError(f"onbekende lijst '{self.key}' in de afsprakennota")
        what, _label_key, model = _LIST_LABEL[self.key]
        for name, info in model.model_fields.items():
            if info.is_required() and not str(self.values.get(info.alias or name, "") or "").strip():
                raise IgskitError(f"een {what} heeft '{info.alias or name}' nodig")
        entry = CommentedMap()
        for key in field_order(model):
            if key in self.values and self.values[key] not in (None, ""):
                value = self.values[key]
                entry[key] = text_value(value) if isinstance(value, str) else value
        agreement = _agreement(document)
        map_append(agreement, self.key, entry, field_order(network.Agreement))
        document.mark_changed()
        return len(agreement[self.key]) - 1

    def describe(self) -> str:
        what, label_key, _model = _LIST_LABEL.get(self.key, (self.key, "", None))
        return f"{what.capitalize()} '{self.values.get(label_key, '')}' toegevoegd"


@dataclass(frozen=True)
class EditAgreementEntry(Operation):
    """Change fields of a bevraging or lokaal netwerk, named by its position and what the user saw."""

    key: str
    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, key: str, index: int, **values: Any) -> EditAgreementEntry:
        return cls(key, index, entry_label(document, key, index), values)

    def apply(self, document: ParamsDocument) -> None:
        if self.key not in _LIST_LABEL:
            raise KeyError(f"onbekende lijst '{self.key}' in de afsprakennota")
        document.set_fields(_entry(document, self.key, self.index, self.seen), _LIST_LABEL[self.key][2], self.fields)

    def describe(self) -> str:
        return f"{_LIST_LABEL[self.key][0].capitalize()} '{self.seen}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteAgreementEntry(Operation):
    key: str
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, key: str, index: int) -> DeleteAgreementEntry:
        return cls(key, index, entry_label(document, key, index))

    def apply(self, document: ParamsDocument) -> None:
        if self.key not in _LIST_LABEL:
            raise KeyError(f"onbekende lijst '{self.key}' in de afsprakennota")
        _entry(document, self.key, self.index, self.seen)
        map_pop_item(document.doc["afsprakennota"], self.key, self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"{_LIST_LABEL[self.key][0].capitalize()} '{self.seen}' verwijderd"


@dataclass(frozen=True)
class SetAgreementMunicipalities(Operation):
    """The gemeenten that take part in the network: 'alle gemeenten' or a list."""

    municipalities: Any

    def apply(self, document: ParamsDocument) -> None:
        document.set_fields(_agreement(document), network.Agreement, {"gemeenten": self.municipalities})

    def describe(self) -> str:
        return "Deelnemende gemeenten van het netwerk gewijzigd"
