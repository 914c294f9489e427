"""One region's editing session: one document, its unsaved edits, undo, and a save that loses nothing.

The planner edits the whole plan of a region through one :class:`EditSession`, so its tabs never
conflict with each other. Every edit is an operation (:mod:`igskit.editing.operations`) kept
until it is saved; that list is what makes *Ongedaan maken* (revert, replay all but the last)
and a safe save possible: when the file changed on disk meanwhile, the session reads it again
and applies the unsaved edits on top. An edit of an item that the other change left alone is
simply re-applied; an edit of an item that was changed on disk too becomes a :class:`Conflict`
that shows both values and lets the user choose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from igskit.editing import operations as ops
from igskit.editing.document import ParamsDocument
from igskit.errors import DiskError, IgskitError, SaveConflictError
from igskit.params import vocabulary as voc
from igskit.params.reading import parse_document, to_plain


@dataclass(frozen=True)
class Conflict:
    """An unsaved edit of an item that was also changed in the file on disk."""

    operation: ops.Operation
    what: str  # the item in the screen's words
    mine: Any  # the item as the unsaved edit makes it
    theirs: Any  # the item as it is in the file now


@dataclass
class Outcome:
    """What a save did, in Dutch for the status line."""

    saved: bool
    message: str
    conflicts: list[Conflict] = field(default_factory=list)
    error: IgskitError | None = None


def target(operation: ops.Operation) -> tuple | None:
    """The item an operation edits, as a key into the plain data; None for an operation that adds."""
    if isinstance(operation, (ops.UpdateStakeholder, ops.DeleteStakeholder, ops.SetNetworkPartner)):
        return ("stakeholder", operation.id)
    if isinstance(operation, (ops.EditNeed, ops.DeleteNeed, ops.SetPartnerCard)):
        return ("stakeholder", operation.stakeholder)
    if isinstance(operation, (ops.EditIndicator, ops.DeleteIndicator)):
        return ("doelstelling", operation.objective)
    if isinstance(operation, ops.SetRoadmapStep):
        return ("stap", operation.step)
    if isinstance(operation, ops.SetCommitment):
        return ("engagement", operation.municipality)
    if isinstance(operation, (ops.EditCooperation, ops.DeleteCooperation)):
        return ("samenwerking", operation.index)
    if isinstance(operation, ops.SetLegalForm):
        return ("tekst", ("stappenplan", "juridische_vorm"))
    if isinstance(operation, (ops.EditWorkingGroup, ops.DeleteWorkingGroup)):
        return ("werkgroep", operation.id)
    if isinstance(operation, (ops.EditMeeting, ops.DeleteMeeting)):
        return ("werkgroep", operation.group)
    if isinstance(operation, (ops.EditReflection, ops.DeleteReflection)):
        return ("reflectie", operation.index)
    if isinstance(operation, ops.SetCostSplit):
        return ("begrotingsregel", operation.section, operation.index)
    if isinstance(operation, (ops.EditMeetingStructure, ops.DeleteMeetingStructure)):
        return ("overleg", operation.id)
    if isinstance(operation, (ops.EditAgreementEntry, ops.DeleteAgreementEntry)):
        return ("afspraak", operation.key, operation.index)
    if isinstance(operation, ops.SetAgreementMunicipalities):
        return ("tekst", ("afsprakennota", "gemeenten"))
    if isinstance(operation, ops.SetActionRole):
        return ("actiebudget", operation.action)
    if isinstance(operation, (ops.EditSwotItem, ops.MoveSwotItem, ops.DeleteSwotItem)):
        return ("swot", operation.id)
    if isinstance(operation, (ops.EditObjective, ops.MoveObjective, ops.MoveObjectiveTo, ops.DeleteObjective)):
        return ("doelstelling", operation.id)
    if isinstance(operation, (ops.SetAmountLine, ops.DeleteAmountLine)):
        return ("begrotingsregel", operation.section, operation.index)
    if isinstance(operation, ops.SetStaffLine):
        return ("begrotingsregel", "personeel", operation.index)
    if isinstance(operation, ops.SetActionBudget):
        return ("actiebudget", operation.action)
    if isinstance(operation, ops.SetContribution):
        return ("tekst", ("begroting", "gemeentelijke_bijdragen", "per_inwoner"))
    if isinstance(operation, ops.SetText):
        return ("tekst", tuple(operation.path))
    return None


def item_value(data: dict, key: tuple) -> Any:
    """The item ``key`` (see :func:`target`) in plain params data, or None when it is not there."""
    kind = key[0]
    if kind == "stakeholder":
        items = data.get("stakeholders") if isinstance(data.get("stakeholders"), list) else []
        return next((s for s in items if isinstance(s, dict) and s.get("id") == key[1]), None)
    if kind == "swot":
        for items in (data.get("swot") or {}).values():
            for item in items or []:
                if isinstance(item, dict) and item.get("id") == key[1]:
                    return item
        return None
    if kind == "doelstelling":
        for sd in data.get("doelstellingen") or []:
            ods = sd.get("ods") or []
            for node in [sd, *ods, *[a for od in ods for a in od.get("acties") or []]]:
                if isinstance(node, dict) and node.get("id") == key[1]:
                    return {k: v for k, v in node.items() if k not in ("ods", "acties")}
        return None
    if kind == "begrotingsregel":
        lines = (data.get("begroting") or {}).get(key[1]) or []
        return lines[key[2]] if 0 <= key[2] < len(lines) else None
    if kind == "actiebudget":
        return next((b for b in (data.get("begroting") or {}).get("acties") or [] if b.get("actie") == key[1]), None)
    roadmap = data.get("stappenplan") if isinstance(data.get("stappenplan"), dict) else {}
    if kind == "stap":
        return (roadmap.get("stappen") or {}).get(key[1])
    if kind == "engagement":
        return next((e for e in roadmap.get("gemeenten") or [] if e.get("gemeente") == key[1]), None)
    if kind in ("samenwerking", "reflectie"):
        items = roadmap.get("samenwerkingen") if kind == "samenwerking" else \
            (data.get("monitoring") or {}).get("reflectiemomenten")
        return items[key[1]] if 0 <= key[1] < len(items or []) else None
    if kind == "werkgroep":
        return next((g for g in data.get("werkgroepen") or [] if g.get("id") == key[1]), None)
    agreement = data.get("afsprakennota") if isinstance(data.get("afsprakennota"), dict) else {}
    if kind == "overleg":
        return next((m for m in agreement.get("overleg") or [] if m.get("id") == key[1]), None)
    if kind == "afspraak":
        items = agreement.get(key[1]) or []
        return items[key[2]] if 0 <= key[2] < len(items) else None
    node: Any = data
    for part in key[1]:
        node = node.get(part) if isinstance(node, dict) else None
    return node


class EditSession:
    """The editing session of one params file (one region)."""

    def __init__(self, path: str | Path):
        self.path = Path(path).resolve()
        self.document: ParamsDocument | None = None
        self.problem: IgskitError | None = None  # why the file cannot be edited now (invalid, unreadable)
        self.conflicts: list[Conflict] = []
        self.open()

    def open(self) -> None:
        """(Re)read the file; an unreadable or unparsable file becomes :attr:`problem`, never a traceback."""
        try:
            self.document = ParamsDocument(self.path)
            self.problem = None
        except IgskitError as exc:
            self.document, self.problem = None, exc
        self.conflicts = []

    @property
    def pending(self) -> list[ops.Operation]:
        return list(self.document.pending) if self.document else []

    @property
    def unsaved(self) -> int:
        return len(self.pending)

    def apply(self, operation: ops.Operation) -> Any:
        """Apply one edit; it stays unsaved until :meth:`save`."""
        return self.document.apply(operation)

    def undo(self) -> ops.Operation | None:
        """Take back the last unsaved edit; returns it (None when there was none)."""
        pending = self.pending
        if not pending:
            return None
        self.document.revert()
        self.document.replay(pending[:-1])
        return pending[-1]

    def save(self) -> Outcome:
        """Write every unsaved edit; when the file changed on disk, merge instead of refusing."""
        document = self.document
        if document is None:
            return Outcome(False, "Het bestand kan niet bewaard worden zolang het niet gelezen kan worden.",
                           error=self.problem)
        if not document.pending:
            return Outcome(False, "Er zijn geen wijzigingen om op te slaan.")
        try:
            document.save()
        except SaveConflictError:
            return self._merge()
        except DiskError as exc:  # full, read-only or locked: the message names the folder
            return Outcome(False, "Niet opgeslagen: de schijf weigert het bestand.", error=exc)
        except IgskitError as exc:
            return Outcome(False, "Niet opgeslagen: het plan is zo niet geldig.", error=exc)
        return Outcome(True, f"Opgeslagen in {self.path.name} (vorige versie in {document.backup_path.name}).")

    def _merge(self) -> Outcome:
        """The file changed on disk: re-apply the unsaved edits on the new content, or ask per item."""
        document = self.document
        pending = document.pending
        try:
            fresh = ParamsDocument(self.path)
        except IgskitError as exc:
            return Outcome(False, "Het bestand is intussen gewijzigd en nu ongeldig; je wijzigingen blijven "
                                  "bewaard in het scherm. Herstel het bestand en sla dan opnieuw op.", error=exc)
        base = to_plain(parse_document(document.text, self.path))
        disk = to_plain(fresh.doc)
        edited = to_plain(document.doc)
        conflicts: list[Conflict] = []
        for operation in pending:
            key = target(operation)
            if key is None or item_value(base, key) == item_value(disk, key):
                continue
            conflicts.append(Conflict(operation, describe_target(key, base, disk), item_value(edited, key),
                                      item_value(disk, key)))
        if conflicts:
            self.conflicts = conflicts
            return Outcome(False, f"{self.path.name} is intussen ook gewijzigd, en {len(conflicts)} van je "
                                  "wijzigingen raakt hetzelfde. Kies per punt welke waarde blijft.", conflicts)
        return self._replay_and_save(fresh, pending)

    def resolve(self, keep_mine: dict[int, bool]) -> Outcome:
        """Finish a save after conflicts: per conflict (by index) keep my edit (True) or the file's (False)."""
        dropped = {id(c.operation) for i, c in enumerate(self.conflicts) if not keep_mine.get(i, True)}
        pending = [op for op in self.document.pending if id(op) not in dropped]
        try:
            fresh = ParamsDocument(self.path)
        except IgskitError as exc:
            return Outcome(False, "Het bestand kan nu niet gelezen worden.", error=exc)
        self.conflicts = []
        return self._replay_and_save(fresh, pending)

    def _replay_and_save(self, fresh: ParamsDocument, pending: list[ops.Operation]) -> Outcome:
        try:
            fresh.replay(pending)
        except IgskitError as exc:
            return Outcome(False, "Je wijzigingen konden niet opnieuw toegepast worden op het gewijzigde bestand; "
                                  "ze staan nog in het scherm.", error=exc)
        self.document = fresh
        if not fresh.pending:
            return Outcome(True, f"{self.path.name} was intussen gewijzigd; die inhoud is nu ingelezen.")
        try:
            fresh.save()
        except IgskitError as exc:
            return Outcome(False, "Niet opgeslagen: het plan is zo niet geldig.", error=exc)
        return Outcome(True, f"{self.path.name} was intussen gewijzigd: die wijziging én de jouwe zijn nu "
                             "samen opgeslagen.")


def describe_target(key: tuple, *sources: dict) -> str:
    """An item in the words of the screen: "Stakeholders › Cultuurcentrum X"."""
    kind = key[0]
    if kind == "stakeholder":
        name = next((v.get("naam") for d in sources if (v := item_value(d, key))), key[1])
        return f"Stakeholders › {name}"
    if kind == "swot":
        return f"SWOT › {key[1]}"
    if kind == "doelstelling":
        title = next((v.get("titel") for d in sources if (v := item_value(d, key))), key[1])
        return f"Doelstellingen › {title}"
    if kind == "begrotingsregel":
        section = {"werking": "Werking", "andere_inkomsten": "Andere inkomsten", "personeel": "Personeel"}[key[1]]
        return f"Begroting › {section} › regel {key[2] + 1}"
    if kind == "actiebudget":
        return f"Begroting › Acties › {key[1]}"
    if kind == "stap":
        return f"Stappenplan › {voc.ROADMAP_STEPS.get(key[1], key[1])}"
    if kind == "engagement":
        return f"Stappenplan › Engagement › {key[1]}"
    if kind == "samenwerking":
        return f"Stappenplan › Samenwerkingen › regel {key[1] + 1}"
    if kind == "reflectie":
        return f"Monitoring › Reflectiemoment {key[1] + 1}"
    if kind == "werkgroep":
        name = next((v.get("naam") for d in sources if (v := item_value(d, key))), key[1])
        return f"Werkgroepen › {name}"
    if kind == "overleg":
        return f"Afsprakennota › Overleg › {key[1]}"
    if kind == "afspraak":
        return f"Afsprakennota › {key[1].replace('_', ' ').capitalize()} › regel {key[2] + 1}"
    return " › ".join(str(p) for p in key[1])
