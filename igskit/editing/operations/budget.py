"""Edit operations of step 04 (begroting): contribution, other income and operations lines, staff, actions.

Lines of ``andere_inkomsten``, ``werking`` and ``personeel`` have no id: an operation names its
section and index and the label the user saw there (``seen``: the omschrijving, for staff the
functie), and refuses with a Dutch :class:`StaleEditError` when that line now says something
else. Use ``SetAmountLine.at(document, section, index, ...)`` to make one from what the document
shows now. Action budgets are named by the action's id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from igskit.editing.fields import field_order, number
from igskit.editing.operations.base import Operation, StaleEditError, listed
from igskit.editing.roundtrip import map_append, map_pop_item, map_set, text_value, to_node
from igskit.errors import IgskitError
from igskit.params import schema

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

SECTION_LABEL = {"andere_inkomsten": "andere inkomsten", "werking": "werking", "personeel": "personeel"}
AMOUNT_SECTIONS = ("andere_inkomsten", "werking")
_LABEL_KEY = {"andere_inkomsten": "omschrijving", "werking": "omschrijving", "personeel": "functie"}


def _check_section(section: str) -> None:
    if section not in AMOUNT_SECTIONS:
        raise KeyError(f"onbekende begrotingsrubriek '{section}'")


def current_label(document: ParamsDocument, section: str, index: int) -> str:
    """The label line ``index`` of ``section`` shows now (what an operation on it must carry as ``seen``)."""
    lines = (document.doc.get("begroting") or {}).get(section) or []
    if not 0 <= index < len(lines):
        raise KeyError(f"begroting.{section} heeft geen regel {index + 1}")
    return str(lines[index].get(_LABEL_KEY[section], ""))


def seen_line(document: ParamsDocument, section: str, index: int, seen: str) -> CommentedMap:
    """Line ``index`` of ``section``, provided it still is the line labelled ``seen``."""
    lines: CommentedSeq = (document.doc.get("begroting") or {}).get(section) or CommentedSeq()
    what = f"regel {index + 1} van {SECTION_LABEL[section]} ('{seen}')"
    if not 0 <= index < len(lines):
        raise StaleEditError(f"{what} bestaat niet meer: de begroting heeft daar nu {len(lines)} regels.")
    actual = str(lines[index].get(_LABEL_KEY[section], ""))
    if actual != seen:
        raise StaleEditError(f"{what} heet intussen '{actual}'; het bestand is gewijzigd sinds je die regel zag.")
    return lines[index]


@dataclass(frozen=True)
class SetContribution(Operation):
    """The municipal contribution per inhabitant (euro)."""

    per_inhabitant: Any

    def apply(self, document: ParamsDocument) -> None:
        budget = document.section("begroting")
        if not isinstance(budget.get("gemeentelijke_bijdragen"), CommentedMap):
            map_set(budget, "gemeentelijke_bijdragen", CommentedMap(), field_order(schema.Budget))
            document.mark_changed()
        document.set_fields(budget["gemeentelijke_bijdragen"], schema.MunicipalContributions,
                            {"per_inwoner": self.per_inhabitant})

    def describe(self) -> str:
        amount = f"{float(self.per_inhabitant):.2f}".replace(".", ",")
        return f"Gemeentelijke bijdrage per inwoner: {amount} euro"


@dataclass(frozen=True)
class SetAmountLine(Operation):
    """Edit one line: ``amount`` (the same every year) or ``per_year`` ({year: amount}), not both."""

    section: str
    index: int
    seen: str
    label: str | None = None
    amount: Any = None
    per_year: dict[int, Any] | None = None
    indexed: bool | None = None
    network: bool | None = None  # part of the network vrijetijdsparticipatie's budget (afsprakennota)

    @classmethod
    def at(cls, document: ParamsDocument, section: str, index: int, **changes: Any) -> SetAmountLine:
        _check_section(section)
        return cls(section, index, current_label(document, section, index), **changes)

    def apply(self, document: ParamsDocument) -> None:
        _check_section(self.section)
        line = seen_line(document, self.section, self.index, self.seen)
        values: dict[str, Any] = {}
        if self.label is not None:
            values["omschrijving"] = self.label
        if self.amount is not None:
            values.update(bedrag=self.amount, per_jaar=None)
        elif self.per_year is not None:
            values.update(per_jaar=self.per_year, bedrag=None)
        if self.indexed is not None:
            values["geindexeerd"] = self.indexed
        if self.network is not None:
            values["netwerk"] = True if self.network else None  # off: the key leaves the file
        document.set_fields(line, schema.AmountLine, values)

    def describe(self) -> str:
        return f"Regel '{self.seen}' van {SECTION_LABEL[self.section]} gewijzigd"


@dataclass(frozen=True)
class AddAmountLine(Operation):
    """A new line at the end of a section; ``apply`` returns its index."""

    section: str
    label: str
    amount: Any = 0

    def apply(self, document: ParamsDocument) -> int:
        _check_section(self.section)
        item = CommentedMap()
        item["omschrijving"] = text_value(self.label)
        item["bedrag"] = number(self.amount)
        budget = document.section("begroting")
        map_append(budget, self.section, item, field_order(schema.Budget))
        document.mark_changed()
        return len(budget[self.section]) - 1

    def describe(self) -> str:
        return f"Regel '{self.label}' toegevoegd bij {SECTION_LABEL[self.section]}"


@dataclass(frozen=True)
class DeleteAmountLine(Operation):
    section: str
    index: int
    seen: str

    @classmethod
    def at(cls, document: ParamsDocument, section: str, index: int) -> DeleteAmountLine:
        _check_section(section)
        return cls(section, index, current_label(document, section, index))

    def apply(self, document: ParamsDocument) -> None:
        _check_section(self.section)
        seen_line(document, self.section, self.index, self.seen)
        map_pop_item(document.section("begroting"), self.section, self.index)
        document.mark_changed()

    def describe(self) -> str:
        return f"Regel '{self.seen}' van {SECTION_LABEL[self.section]} verwijderd"


@dataclass(frozen=True)
class SetStaffLine(Operation):
    """Edit a staff line: functie, vte, kost_per_vte, jaren (Dutch keys in ``fields``)."""

    index: int
    seen: str
    fields: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def at(cls, document: ParamsDocument, index: int, **values: Any) -> SetStaffLine:
        return cls(index, current_label(document, "personeel", index), values)

    def apply(self, document: ParamsDocument) -> None:
        line = seen_line(document, "personeel", self.index, self.seen)
        document.set_fields(line, schema.StaffLine, self.fields)

    def describe(self) -> str:
        return f"Personeelslijn '{self.seen}' gewijzigd ({listed(self.fields)})"


@dataclass(frozen=True)
class SetActionBudget(Operation):
    """An action's budget: ``amount`` for every year the action runs, or ``per_year``; neither removes it."""

    action: str
    amount: Any = None
    per_year: dict[int, Any] | None = None

    def apply(self, document: ParamsDocument) -> None:
        budget = document.doc.get("begroting")
        seq = budget.get("acties") if isinstance(budget, dict) else None
        index = next((i for i, line in enumerate(seq or []) if line.get("actie") == self.action), None)
        if self.amount is None and self.per_year is None:
            if index is not None:
                map_pop_item(budget, "acties", index)
                document.mark_changed()
            return
        if index is not None:
            values = {"bedrag": self.amount, "per_jaar": None} if self.amount is not None \
                else {"per_jaar": self.per_year, "bedrag": None}
            document.set_fields(seq[index], schema.ActionBudget, values)
            return
        seq = seq or []
        line = CommentedMap()
        line["actie"] = self.action
        ids = [str(node["id"]) for kind, _code, node, _parent in document.walk_objectives() if kind == "actie"]
        rank = {ident: i for i, ident in enumerate(ids)}  # keep the budget lines in the tree's order
        position = len(seq)
        for i, existing in enumerate(seq):
            if rank.get(str(existing.get("actie")), len(rank)) > rank.get(self.action, len(rank)):
                position = i
                break
        if self.amount is not None:
            line["bedrag"] = number(self.amount)
        else:
            line["per_jaar"] = to_node({k: number(v) for k, v in sorted(self.per_year.items())})
        map_append(document.section("begroting"), "acties", line, field_order(schema.Budget), position)
        document.mark_changed()

    def describe(self) -> str:
        if self.amount is None and self.per_year is None:
            return f"Budget van actie '{self.action}' geschrapt"
        return f"Budget van actie '{self.action}' ingesteld"


COST_SECTIONS = ("personeel", "werking")


def check_allocation(document: ParamsDocument, allocation: dict[str, Any]) -> dict[str, Decimal]:
    """Shares per SD as the file holds them; a sum other than 1 or an unknown SD is refused in Dutch."""
    sds = {str(node["id"]) for kind, _code, node, _parent in document.walk_objectives() if kind == "sd"}
    shares: dict[str, Decimal] = {}
    for sd, share in allocation.items():
        if sd not in sds:
            raise KeyError(f"strategische doelstelling '{sd}' bestaat niet")
        value = Decimal(str(share))
        if value < 0 or value > 1:
            raise IgskitError(f"het aandeel van {sd} moet tussen 0 en 100 % liggen")
        if value:
            shares[sd] = value
    total = sum(shares.values(), Decimal(0))
    if shares and total != 1:
        percent = f"{(total * 100).normalize():f}".replace(".", ",")
        raise IgskitError(f"de aandelen per SD tellen op tot {percent} %, niet tot 100 %; er is niets gewijzigd")
    return shares


@dataclass(frozen=True)
class SetCostSplit(Operation):
    """A staff or werking line's ``rol`` (regierol/actorrol) and/or ``verdeling`` over SDs ({sd-id: share}, sum 1).

    An empty verdeling removes it (the cost is then not allocated to an SD).
    """

    section: str
    index: int
    seen: str
    role: str | None = None
    allocation: dict[str, Any] | None = None

    @classmethod
    def at(cls, document: ParamsDocument, section: str, index: int, **changes: Any) -> SetCostSplit:
        if section not in COST_SECTIONS:
            raise KeyError(f"'{section}' heeft geen rol of verdeling")
        return cls(section, index, current_label(document, section, index), **changes)

    def apply(self, document: ParamsDocument) -> None:
        if self.section not in COST_SECTIONS:
            raise KeyError(f"'{self.section}' heeft geen rol of verdeling")
        if self.role is not None and self.role not in ("regierol", "actorrol"):
            raise KeyError(f"onbekende rol '{self.role}'; kies regierol of actorrol")
        values: dict[str, Any] = {}
        if self.allocation is not None:
            values["verdeling"] = check_allocation(document, self.allocation)
        if self.role is not None:
            values["rol"] = self.role
        line = seen_line(document, self.section, self.index, self.seen)
        model = schema.StaffLine if self.section == "personeel" else schema.AmountLine
        document.set_fields(line, model, values)

    def describe(self) -> str:
        what = ", ".join(k for k, v in (("rol", self.role), ("verdeling", self.allocation)) if v is not None)
        return f"Regel '{self.seen}' van {SECTION_LABEL[self.section]}: {what or 'niets'} gewijzigd"


@dataclass(frozen=True)
class SetActionRole(Operation):
    """The ``rol`` of an action's budget: regierol (what the IGS does itself) or actorrol (funded in the gemeenten)."""

    action: str
    role: str

    def apply(self, document: ParamsDocument) -> None:
        if self.role not in ("regierol", "actorrol"):
            raise KeyError(f"onbekende rol '{self.role}'; kies regierol of actorrol")
        seq = (document.doc.get("begroting") or {}).get("acties") or []
        line = next((b for b in seq if b.get("actie") == self.action), None)
        if line is None:
            raise IgskitError(f"actie '{self.action}' heeft geen budget; geef eerst een bedrag")
        document.set_fields(line, schema.ActionBudget, {"rol": self.role})

    def describe(self) -> str:
        return f"Budget van actie '{self.action}': {self.role}"
