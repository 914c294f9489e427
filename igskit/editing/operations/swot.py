"""Edit operations of step 02 (omgevingsanalyse): add, edit, move and delete SWOT points."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap

from igskit.editing.operations.base import CreatesId, Operation
from igskit.editing.roundtrip import map_append, map_pop_item, seq_move, text_value, to_node
from igskit.params import schema
from igskit.params import vocabulary as voc

if TYPE_CHECKING:
    from igskit.editing.document import ParamsDocument

SWOT_PREFIX = {"sterktes": "st", "zwaktes": "zw", "kansen": "ka", "bedreigingen": "be"}


def _quadrant_label(quadrant: str) -> str:
    return voc.SWOT_QUADRANTS.get(quadrant, quadrant).lower()


def _append(document: ParamsDocument, quadrant: str, item: CommentedMap) -> None:
    if quadrant not in voc.SWOT_QUADRANTS:
        raise KeyError(f"onbekend kwadrant '{quadrant}'")
    map_append(document.section("swot"), quadrant, item, list(voc.SWOT_QUADRANTS))


def find_swot(document: ParamsDocument, ident: str) -> tuple[str, int, CommentedMap]:
    swot = document.doc.get("swot") or {}
    for quadrant in voc.SWOT_QUADRANTS:
        for i, item in enumerate(swot.get(quadrant) or []):
            if isinstance(item, dict) and item.get("id") == ident:
                return quadrant, i, item
    raise KeyError(f"SWOT-punt '{ident}' bestaat niet")


@dataclass(frozen=True)
class AddSwotItem(CreatesId):
    """Add a point at the end of a quadrant; ``sources`` as ({'soort': ..., 'verwijzing': ...}, ...)."""

    quadrant: str
    text: str
    sources: tuple[dict, ...] = ()
    id: str | None = None

    def apply(self, document: ParamsDocument) -> str:
        if self.quadrant not in SWOT_PREFIX:
            raise KeyError(f"onbekend kwadrant '{self.quadrant}'")
        ident = self.claim_id(document, self.text, SWOT_PREFIX[self.quadrant])
        item = CommentedMap()
        item["id"] = ident
        item["tekst"] = text_value(self.text)
        if self.sources:
            item["bronnen"] = to_node([dict(s) for s in self.sources])
            item["bronnen"].fa.set_block_style()
        _append(document, self.quadrant, item)
        document.mark_changed()
        return ident

    def describe(self) -> str:
        return f"SWOT-punt toegevoegd bij {_quadrant_label(self.quadrant)}: '{self.text.strip()[:60]}'"


@dataclass(frozen=True)
class EditSwotItem(Operation):
    """Change the text and/or the sources of a point (None: leave as it is)."""

    id: str
    text: str | None = None
    sources: tuple[dict, ...] | None = None

    def apply(self, document: ParamsDocument) -> None:
        _, _, item = find_swot(document, self.id)
        values: dict[str, Any] = {}
        if self.text is not None:
            values["tekst"] = self.text
        if self.sources is not None:
            values["bronnen"] = [dict(s) for s in self.sources]
        document.set_fields(item, schema.SwotItem, values)

    def describe(self) -> str:
        return f"SWOT-punt '{self.id}' gewijzigd"


@dataclass(frozen=True)
class MoveSwotItem(Operation):
    """Move a point up (``delta`` -1) or down (+1) in its quadrant, or to the end of another ``quadrant``."""

    id: str
    delta: int = 0
    quadrant: str | None = None

    def apply(self, document: ParamsDocument) -> None:
        current, index, _ = find_swot(document, self.id)
        if self.quadrant and self.quadrant != current:
            _append(document, self.quadrant, map_pop_item(document.doc["swot"], current, index))
        else:
            seq = document.doc["swot"][current]
            new_index = max(0, min(len(seq) - 1, index + self.delta))
            if new_index == index:
                return
            seq_move(seq, index, new_index)
        document.mark_changed()

    def describe(self) -> str:
        if self.quadrant:
            return f"SWOT-punt '{self.id}' verplaatst naar {_quadrant_label(self.quadrant)}"
        return f"SWOT-punt '{self.id}' {'omhoog' if self.delta < 0 else 'omlaag'} geschoven"


@dataclass(frozen=True)
class DeleteSwotItem(Operation):
    id: str

    def apply(self, document: ParamsDocument) -> None:
        quadrant, index, _ = find_swot(document, self.id)
        map_pop_item(document.doc["swot"], quadrant, index)
        document.mark_changed()

    def describe(self) -> str:
        return f"SWOT-punt '{self.id}' verwijderd"
