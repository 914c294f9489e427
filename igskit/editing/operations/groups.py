"""Edit operations of the working groups per priority (seed 000 §2.2) and the reflection moments (seed 004).

A working group is named by its id (``wg-…``, made from its name when it is added). Its meetings
and the reflection moments have no id: an operation names the position and what the user saw
there (``seen``: the meeting's or moment's ``wat``) and refuses with :class:`StaleEditError`
when that entry now says something else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap

from igskit.editing.fields import field_order
from igskit.editing.operations.base import CreatesId, Operation, StaleEditError, listed
from igskit.editing.operations.network import drop_meeting_references
from igskit.editing.roundtrip import map_append, map_pop_item, text_value
from igskit.errors import IgskitError
from igskit.params import planning_process as pp
from igskit.params import schema
from igskit.params import vocabulary as voc

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument


def find_group(document: ParamsDocument, ident: str) -> tuple[int, CommentedMap]:
    for i, group in enumerate(document.doc.get("werkgroepen") or []):
        if isinstance(group, dict) and group.get("id") == ident:
            return i, group
    raise KeyError(f"werkgroep '{ident}' bestaat niet")


def _seen_entry(entries: list, index: int, seen: str, what: str) -> CommentedMap:
    label = f"{what} {index + 1} ('{seen[:60]}')"
    if not 0 <= index < len(entries):
        raise StaleEditError(f"{label} bestaat niet meer: er zijn er nu {len(entries)}.")
    actual = str(entries[index].get("wat", ""))
    if actual != seen:
        raise StaleEditError(f"{label} zegt intussen '{actual[:60]}'; het bestand is gewijzigd sinds je het zag.")
    return entries[index]


def _needs_text(text: str, what: str) -> None:
    if not str(text).strip():
        raise IgskitError(f"{what} heeft een omschrijving ('wat') nodig")


@dataclass(frozen=True)
class AddWorkingGroup(CreatesId):
    """A working group for a priority, at the end; ``apply`` returns its new id."""

    name: str
    priority: str
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        if not self.name.strip():
            raise IgskitError("geef de werkgroep een naam")
        if self.priority not in [str(p.get("id")) for p in document.priorities()]:
            raise KeyError(f"prioriteit '{self.priority}' bestaat niet")
        ident = self.claim_id(document, self.name, "wg")
        group = CommentedMap()
        group["id"] = ident
        group["naam"] = text_value(self.name)
        group["prioriteit"] = self.priority
        map_append(document.doc, "werkgroepen", group, field_order(schema.Plan))
        document.mark_changed()
        return ident

    def describe(self) -> str:
        return f"Werkgroep '{self.name.strip()}' toegevoegd"


@dataclass(frozen=True)
class EditWorkingGroup(Operation):
    """Change fields of a working group (naam, prioriteit, trekker, leden, voorgesteld)."""

    id: str
    fields: dict[str, Any] = field(default_factory=dict)

    def apply(self, document: ParamsDocument) -> None:
        _, group = find_group(document, self.id)
        document.set_fields(group, pp.WorkingGroup, self.fields)

    def describe(self) -> str:
        return f"Werkgroep '{self.id}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteWorkingGroup(Operation):
    id: str

    def apply(self, document: ParamsDocument) -> None:
        index, _ = find_group(document, self.id)
        map_pop_item(document.doc, "werkgroepen", index)
        drop_meeting_references(document, self.id)  # a network partner's 'overleg' may name the group
        document.mark_changed()

    def describe(self) -> str:
        return f"Werkgroep '{self.id}' verwijderd"


@dataclass(frozen=True)
class AddMeeting(Operation):
    """A meeting of a working group (datum, fase, wat), kept in date order; ``apply`` returns its position."""

    group: str
    date: Any
    phase: str
    what: str

    def apply(self, document: ParamsDocument) -> int:
        _needs_text(self.what, "een bijeenkomst")
        if self.phase not in voc.WORKING_GROUP_PHASES:
            raise KeyError(f"onbekende fase '{self.phase}'")
        if self.date is None:
            raise IgskitError("een bijeenkomst heeft een datum nodig")
        _, group = find_group(document, self.group)
        meeting = CommentedMap()
        meeting["datum"] = self.date
        meeting["fase"] = self.phase
        meeting["wat"] = text_value(self.what)
        meetings = group.get("bijeenkomsten") or []
        position = next((i for i, m in enumerate(meetings) if str(m.get("datum")) > str(self.date)), None)
        map_append(group, "bijeenkomsten", meeting, field_order(pp.WorkingGroup), position)
        document.mark_changed()
        return len(meetings) if position is None else position

    def describe(self) -> str:
        return f"Bijeenkomst van werkgroep '{self.group}' op {self.date} toegevoegd"


@dataclass(frozen=True)
class EditMeeting(Operation):
    """Change a meeting's datum, fase or wat."""

    group: str
    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, group: str, index: int, **values: Any) -> EditMeeting:
        _, node = find_group(document, group)
        meetings = node.get("bijeenkomsten") or []
        return cls(group, index, str(meetings[index].get("wat", "")) if 0 <= index < len(meetings) else "", values)

    def apply(self, document: ParamsDocument) -> None:
        if "wat" in self.fields:
            _needs_text(self.fields["wat"], "een bijeenkomst")
        if "datum" in self.fields and self.fields["datum"] is None:
            raise IgskitError("een bijeenkomst heeft een datum nodig")
        _, group = find_group(document, self.group)
        meeting = _seen_entry(group.get("bijeenkomsten") or [], self.index, self.seen, "bijeenkomst")
        document.set_fields(meeting, pp.Meeting, self.fields)

    def describe(self) -> str:
        return f"Bijeenkomst {self.index + 1} van werkgroep '{self.group}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteMeeting(Operation):
    group: str
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, group: str, index: int) -> DeleteMeeting:
        return cls(group, index, EditMeeting.at(document, group, index).seen)

    def apply(self, document: ParamsDocument) -> None:
        _, group = find_group(document, self.group)
        _seen_entry(group.get("bijeenkomsten") or [], self.index, self.seen, "bijeenkomst")
        map_pop_item(group, "bijeenkomsten", self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"Bijeenkomst {self.index + 1} van werkgroep '{self.group}' verwijderd"


def _reflections(document: ParamsDocument) -> list:
    return (document.doc.get("monitoring") or {}).get("reflectiemomenten") or []


@dataclass(frozen=True)
class AddReflection(Operation):
    """A reflection moment (jaar, wat), kept in year order; ``apply`` returns its position."""

    year: int
    what: str

    def apply(self, document: ParamsDocument) -> int:
        _needs_text(self.what, "een reflectiemoment")
        if int(self.year) not in document.years():
            raise KeyError(f"{self.year} ligt niet in de subsidieperiode")
        moment = CommentedMap()
        moment["jaar"] = int(self.year)
        moment["wat"] = text_value(self.what)
        moments = _reflections(document)
        position = next((i for i, m in enumerate(moments) if int(m.get("jaar", 0)) > int(self.year)), None)
        map_append(document.section("monitoring"), "reflectiemomenten", moment, field_order(pp.Monitoring), position)
        document.mark_changed()
        return len(moments) if position is None else position

    def describe(self) -> str:
        return f"Reflectiemoment in {self.year} toegevoegd"


@dataclass(frozen=True)
class EditReflection(Operation):
    """Change a reflection moment's jaar, datum, wat or met."""

    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, index: int, **values: Any) -> EditReflection:
        moments = _reflections(document)
        return cls(index, str(moments[index].get("wat", "")) if 0 <= index < len(moments) else "", values)

    def apply(self, document: ParamsDocument) -> None:
        if "wat" in self.fields:
            _needs_text(self.fields["wat"], "een reflectiemoment")
        moment = _seen_entry(_reflections(document), self.index, self.seen, "reflectiemoment")
        document.set_fields(moment, pp.Reflection, self.fields)

    def describe(self) -> str:
        return f"Reflectiemoment {self.index + 1} gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class DeleteReflection(Operation):
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, index: int) -> DeleteReflection:
        return cls(index, EditReflection.at(document, index).seen)

    def apply(self, document: ParamsDocument) -> None:
        _seen_entry(_reflections(document), self.index, self.seen, "reflectiemoment")
        map_pop_item(document.doc["monitoring"], "reflectiemomenten", self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"Reflectiemoment {self.index + 1} verwijderd"
