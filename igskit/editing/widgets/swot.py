"""The SWOT editor of step 02: one tab per quadrant; points are edited, added, moved, removed.

Its changes are the step's edit operations (:mod:`igskit.editing.operations.swot`); the frame
(Opslaan, Herladen, Nota opnieuw maken) is :class:`~igskit.editing.widgets.kit.Editor`.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from igskit.editing.operations import (
    AddSwotItem,
    DeleteSwotItem,
    EditSwotItem,
    MoveSwotItem,
)
from igskit.editing.widgets.kit import NONE, Editor, fixed
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc


class SwotRow:
    """One SWOT point: its text, its sources, and buttons to move or remove it."""

    def __init__(self, quadrant: str, item: dict, editor: SwotEditor):
        kit = editor.kit
        self.id = str(item["id"])
        self.text = kit(w.Textarea, value=str(item.get("tekst", "")), continuous_update=False,
                        layout={"width": "100%", "height": "54px"})
        sources = "; ".join(f"{voc.SWOT_SOURCE_KINDS.get(s.get('soort'), s.get('soort'))}: {s.get('verwijzing')}"
                            for s in item.get("bronnen", []))
        self.sources = kit(w.HTML, value=f"<small style='color:#555'>{self.id} · bronnen: "
                                         f"{html.escape(sources) or NONE}</small>", layout={"flex": "1 1 auto"})
        self.up_button = kit(w.Button, description="Omhoog", icon="arrow-up", layout=fixed("100px"))
        self.down_button = kit(w.Button, description="Omlaag", icon="arrow-down", layout=fixed("100px"))
        self.delete_button = kit(w.Button, description="Verwijderen", icon="trash", layout=fixed("120px"))
        self.move_to = kit(w.Dropdown, options=[("Verplaats naar …", "")] + [
            (label, key) for key, label in voc.SWOT_QUADRANTS.items() if key != quadrant], layout=fixed("170px"))
        self.text.observe(lambda change: editor.edit(EditSwotItem(self.id, text=change["new"])), "value")
        self.up_button.on_click(lambda _b: editor.structural(MoveSwotItem(self.id, -1)))
        self.down_button.on_click(lambda _b: editor.structural(MoveSwotItem(self.id, 1)))
        self.delete_button.on_click(lambda _b: editor.structural(DeleteSwotItem(self.id)))
        self.move_to.observe(lambda change: change["new"] and editor.structural(
            MoveSwotItem(self.id, quadrant=change["new"])), "value")
        buttons = kit(w.HBox, [self.sources, self.up_button, self.down_button, self.move_to, self.delete_button],
                      layout={"align_items": "center"})
        self.box = kit(w.VBox, [self.text, buttons],
                       layout={"border": "1px solid #ddd", "padding": "4px", "margin": "2px 0"})


class SwotQuadrant:
    """The points of one quadrant and the fields for a new one."""

    def __init__(self, quadrant: str, editor: SwotEditor):
        self.quadrant = quadrant
        self.rows = {str(item["id"]): SwotRow(quadrant, item, editor)
                     for item in editor.document.swot_items(quadrant)}
        self.new_text = w.Textarea(placeholder=f"Nieuw punt bij {voc.SWOT_QUADRANTS[quadrant].lower()}",
                                   layout=w.Layout(width="100%", height="54px"))
        self.new_source_kind = w.Dropdown(options=[("bron: geen", "")] + [
            (f"bron: {label}", key) for key, label in voc.SWOT_SOURCE_KINDS.items()], layout=w.Layout(width="200px"))
        self.new_source_ref = w.Text(placeholder="verwijzing (stakeholder-id, indicator, document …)",
                                     layout=w.Layout(width="340px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_button.on_click(lambda _b: editor.add(self))
        self.box = w.VBox([row.box for row in self.rows.values()] + [
            w.HTML("<b>Nieuw punt</b>"), self.new_text,
            w.HBox([self.new_source_kind, self.new_source_ref, self.add_button])])


class SwotEditor(Editor):
    title = "SWOT bewerken"
    help_text = "Sterktes, zwaktes, kansen en bedreigingen: tekst aanpassen, toevoegen, verplaatsen of verwijderen."

    def _build(self) -> list[w.Widget]:
        selected = self.tabs.selected_index if hasattr(self, "tabs") else 0
        self.quadrants = {q: SwotQuadrant(q, self) for q in voc.SWOT_QUADRANTS}
        self.tabs = w.Tab([q.box for q in self.quadrants.values()],
                          titles=[f"{label} ({len(self.quadrants[key].rows)})"
                                  for key, label in voc.SWOT_QUADRANTS.items()],
                          selected_index=selected or 0)
        return [self.tabs]

    def add(self, quadrant: SwotQuadrant) -> str | None:
        text = quadrant.new_text.value.strip()
        if not text:
            self.say("Schrijf eerst de tekst van het nieuwe punt.", "error")
            return None
        kind, ref = quadrant.new_source_kind.value, quadrant.new_source_ref.value.strip()
        sources = ({"soort": kind, "verwijzing": ref},) if kind and ref else ()
        ident = self.structural(AddSwotItem(quadrant.quadrant, text, sources))
        if ident:
            self.say(f"Punt '{ident}' toegevoegd (nog niet opgeslagen).", "warning")
        return ident


def swot_editor(params_path: str | Path, *, show: bool = True) -> SwotEditor:
    """Edit the SWOT of step 02: one tab per quadrant."""
    return display_editor(SwotEditor(params_path), show)
