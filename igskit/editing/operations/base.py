"""What every edit operation is: a frozen dataclass with ``apply(document)`` and a Dutch ``describe()``.

An operation names what it edits by a stable id (a stakeholder, a SWOT point, an objective), so
it can be applied again on a file that changed meanwhile. Budget lines have no id: an operation
on one names its section and index *and* the label the user saw (``seen``), and refuses with
:class:`StaleEditError` when that line now says something else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igskit.errors import IgskitError

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument


class StaleEditError(IgskitError):
    """An operation refers to something the file no longer holds as the user saw it."""


class ReplayError(IgskitError):
    """A pending edit does not fit the changed file any more; nothing of the replay was applied."""

    def __init__(self, path: Path, number: int, total: int, operation: Operation, reason: str):
        self.path, self.number, self.total, self.operation, self.reason = path, number, total, operation, reason
        super().__init__(
            f"De niet-opgeslagen wijzigingen passen niet meer op {path.name}, dat intussen gewijzigd is.\n"
            f"Wijziging {number} van {total} ({operation.describe()}): {reason}\n"
            "Geen enkele van deze wijzigingen is toegepast. Bekijk de nieuwe inhoud en maak ze opnieuw.")


@dataclass(frozen=True)
class Operation:
    """One edit of the params file; plain data, applied with :meth:`ParamsDocument.apply`."""

    def apply(self, document: ParamsDocument) -> Any:  # pragma: no cover - every operation overrides
        raise NotImplementedError

    def describe(self) -> str:  # pragma: no cover - every operation overrides
        raise NotImplementedError

    def resolved(self, result: Any) -> Operation:
        """This operation as it must be replayed, given what its first apply returned."""
        return self


@dataclass(frozen=True)
class CreatesId(Operation):
    """An operation that adds an item with a new id: after the first apply it carries that id.

    Subclasses declare a field ``id: str | None = None``.
    """

    def claim_id(self, document: ParamsDocument, title: str, prefix: str = "") -> str:
        """The id the new item gets: the one carried (replay), else a fresh one from ``title``."""
        ident = getattr(self, "id", None)
        if ident is None:
            return document.new_id(title, prefix)
        if ident in document.ids():
            raise StaleEditError(f"het id '{ident}' bestaat intussen al in het bestand")
        return ident

    def resolved(self, result: Any) -> Operation:
        return replace(self, id=result)


def listed(values: dict[str, Any]) -> str:
    """The changed keys of an edit, for a description."""
    return ", ".join(values) or "niets"


def drop_references(document: ParamsDocument, idents: set[str]) -> None:
    """Remove references to deleted ids: partners, zie_ook, SWOT sources, an action's trekker.

    A reference to nothing is an error in a params file, so deleting a stakeholder or an
    objective also removes the mentions of it (``document.usages`` says where, before the delete).
    """
    def prune(seq) -> None:
        if isinstance(seq, list):
            for i in reversed(range(len(seq))):
                if str(seq[i]) in idents:
                    del seq[i]

    for _kind, _code, node, _parent in document.walk_objectives():
        prune(node.get("zie_ook"))
        prune(node.get("partners"))
    for items in (document.doc.get("swot") or {}).values():
        for item in items or []:
            sources = item.get("bronnen") if isinstance(item, dict) else None
            if isinstance(sources, list):
                for i in reversed(range(len(sources))):
                    source = sources[i]
                    if isinstance(source, dict) and source.get("soort") == "stakeholder" \
                            and str(source.get("verwijzing")) in idents:
                        del sources[i]
    for kind, _code, node, _parent in document.walk_objectives():
        if kind == "actie" and str(node.get("trekker")) in idents:
            del node["trekker"]  # the action's trekker (afsprakennota) was deleted
