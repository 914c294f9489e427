"""Edit operations of the ``stappenplan`` (seed 001): the eleven steps, the gemeenten's commitments,
the existing regional cooperations and the juridische vorm.

A step is named by its key (``draagvlak`` … ``beslissing``), a commitment by its gemeente. An
existing cooperation has no id: an operation names its position and the name the user saw there
(``seen``) and refuses with :class:`StaleEditError` when that entry now has another name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.fields import field_order
from igskit.editing.operations.base import Operation, StaleEditError, listed
from igskit.editing.roundtrip import map_append, map_pop_item, map_remove, map_set, text_value
from igskit.errors import IgskitError
from igskit.params import planning_process as pp
from igskit.params import vocabulary as voc

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument


def _roadmap(document: ParamsDocument) -> CommentedMap:
    return document.section("stappenplan")


def _child_map(document: ParamsDocument, parent: CommentedMap, key: str, order: list[str]) -> CommentedMap:
    if not isinstance(parent.get(key), CommentedMap):
        map_set(parent, key, CommentedMap(), order)
        document.mark_changed()
    return parent[key]


@dataclass(frozen=True)
class SetRoadmapStep(Operation):
    """Change fields of one step (status, datum, toelichting, betrokken, uiterlijk); empty removes a field.

    The steps are kept in the order of the stappenplan, whatever order they are added in.
    """

    step: str
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        if self.step not in voc.ROADMAP_STEPS:
            raise KeyError(f"onbekende stap '{self.step}'; kies uit: {', '.join(voc.ROADMAP_STEPS)}")
        steps = _child_map(document, _roadmap(document), "stappen", field_order(pp.Roadmap))
        if not isinstance(steps.get(self.step), CommentedMap):
            if all(v is None or v == "" or v == [] for v in self.fields.values()):
                return
            map_set(steps, self.step, CommentedMap(), list(voc.ROADMAP_STEPS))
            document.mark_changed()
        document.set_fields(steps[self.step], pp.RoadmapStep, self.fields)

    def describe(self) -> str:
        return f"Stap '{voc.ROADMAP_STEPS.get(self.step, self.step)}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class SetCommitment(Operation):
    """Change what one gemeente committed to (engagementsverklaring, gemeenteraadsbeslissing, bbc_doelstelling,
    budget_voorzien, goedkeuring_cultuurnota); a gemeente without an entry gets one, in the region's order."""

    municipality: str
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        names = document.municipalities()
        if self.municipality not in names:
            raise KeyError(f"'{self.municipality}' is geen gemeente van de regio")
        roadmap = _roadmap(document)
        entries = roadmap.get("gemeenten") if isinstance(roadmap.get("gemeenten"), CommentedSeq) else []
        entry = next((e for e in entries if isinstance(e, dict) and e.get("gemeente") == self.municipality), None)
        if entry is None:
            if all(v is None or v == "" or v is False for v in self.fields.values()):
                return
            entry = CommentedMap()
            entry["gemeente"] = self.municipality
            rank = {name: i for i, name in enumerate(names)}
            position = next((i for i, e in enumerate(entries)
                             if rank.get(str(e.get("gemeente")), len(rank)) > rank[self.municipality]), None)
            map_append(roadmap, "gemeenten", entry, field_order(pp.Roadmap), position)
            document.mark_changed()
        document.set_fields(entry, pp.MunicipalCommitment, self.fields)

    def describe(self) -> str:
        return f"Engagement van {self.municipality} gewijzigd ({listed(self.fields)})"


def _cooperation(document: ParamsDocument, index: int, seen: str) -> CommentedMap:
    entries = (document.doc.get("stappenplan") or {}).get("samenwerkingen") or []
    what = f"samenwerking {index + 1} ('{seen}')"
    if not 0 <= index < len(entries):
        raise StaleEditError(f"{what} bestaat niet meer: er zijn nu {len(entries)} samenwerkingen.")
    actual = str(entries[index].get("naam", ""))
    if actual != seen:
        raise StaleEditError(f"{what} heet intussen '{actual}'; het bestand is gewijzigd sinds je ze zag.")
    return entries[index]


def cooperation_name(document: ParamsDocument, index: int) -> str:
    """The name cooperation ``index`` shows now (what an operation on it carries as ``seen``)."""
    entries = (document.doc.get("stappenplan") or {}).get("samenwerkingen") or []
    if not 0 <= index < len(entries):
        raise KeyError(f"stappenplan.samenwerkingen heeft geen regel {index + 1}")
    return str(entries[index].get("naam", ""))


@dataclass(frozen=True)
class AddCooperation(Operation):
    """An existing regional cooperation (step 2) at the end of the list; ``apply`` returns its position."""

    kind: str
    name: str

    def apply(self, document: ParamsDocument) -> int:
        if self.kind not in voc.COOPERATION_KINDS:
            raise KeyError(f"onbekende soort samenwerking '{self.kind}'")
        if not self.name.strip():
            raise IgskitError("geef de samenwerking een naam")
        entry = CommentedMap()
        entry["soort"] = self.kind
        entry["naam"] = text_value(self.name)
        roadmap = _roadmap(document)
        map_append(roadmap, "samenwerkingen", entry, field_order(pp.Roadmap))
        document.mark_changed()
        return len(roadmap["samenwerkingen"]) - 1

    def describe(self) -> str:
        return f"Samenwerking '{self.name.strip()}' toegevoegd"


@dataclass(frozen=True)
class EditCooperation(Operation):
    """Change fields of a cooperation (soort, naam, stakeholder, gemeenten, afspraak)."""

    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, index: int, **values: Any) -> EditCooperation:
        return cls(index, cooperation_name(document, index), values)

    def apply(self, document: ParamsDocument) -> None:
        document.set_fields(_cooperation(document, self.index, self.seen), pp.ExistingCooperation, self.fields)

    def describe(self) -> str:
        return f"Samenwerking '{self.seen}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteCooperation(Operation):
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, index: int) -> DeleteCooperation:
        return cls(index, cooperation_name(document, index))

    def apply(self, document: ParamsDocument) -> None:
        _cooperation(document, self.index, self.seen)
        map_pop_item(document.doc["stappenplan"], "samenwerkingen", self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"Samenwerking '{self.seen}' verwijderd"


@dataclass(frozen=True)
class SetLegalForm(Operation):
    """Change the juridische vorm (vorm, naam, oprichtingsakte, statuten, intern_reglement, toelichting).

    ``vorm`` empty removes the whole juridische vorm (a form without a choice means nothing).
    """

    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        if self.fields.get("vorm") and self.fields["vorm"] not in voc.LEGAL_FORMS:
            raise KeyError(f"onbekende juridische vorm '{self.fields['vorm']}'")
        roadmap = _roadmap(document)
        if "vorm" in self.fields and not self.fields["vorm"]:
            if "juridische_vorm" in roadmap:
                map_remove(roadmap, "juridische_vorm")
                document.mark_changed()
            return
        if not isinstance(roadmap.get("juridische_vorm"), CommentedMap):
            if not self.fields.get("vorm"):
                raise IgskitError("kies eerst de juridische vorm")
            entry = CommentedMap()
            entry["vorm"] = self.fields["vorm"]
            map_set(roadmap, "juridische_vorm", entry, field_order(pp.Roadmap))
            document.mark_changed()
        document.set_fields(roadmap["juridische_vorm"], pp.LegalForm, self.fields)

    def describe(self) -> str:
        return f"Juridische vorm gewijzigd ({listed(self.fields)})"
