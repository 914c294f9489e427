"""The editors in the step notebooks: ipywidgets over :class:`~igskit.editing.document.ParamsDocument`.

Each editor reads the params file when it is built and writes it only when the user clicks
"Opslaan"; the file stays the one source of truth (rerun the cell and the editor shows what
is in the file). Every change goes through :mod:`igskit.editing.document`, so a save keeps comments,
refuses an invalid plan with the CLI's Dutch message and never overwrites someone else's
change. Under papermill the notebooks build no editors at all (``show_editors=False``).

``stakeholder_editor``, ``swot_editor``, ``objectives_editor`` and ``budget_editor`` build,
display and return an editor; its widgets are attributes, so tests drive it like a user.
``rerun(params_path)`` makes the nota from a notebook cell, like the editors' button.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing.editorkit import NONE, Editor, choices, money, rerun, set_multi, short
from igskit.editing.editorkit import show as display_editor
from igskit.params import vocabulary as voc

__all__ = ["budget_editor", "objectives_editor", "rerun", "stakeholder_editor", "swot_editor"]

FULL = {"width": "100%"}
ZONE_SHORT = {"besluitvorming": "besluitvorming", "visie-en-strategie": "visie en strategie",
              "informeren": "informeren"}
def fixed(width: str) -> dict:
    """A layout that keeps its width in a row (it does not shrink when the row is full)."""
    return {"width": width, "flex": f"0 0 {width}"}


CATEGORY_OPTIONS = [(label, key) for key, label in voc.CATEGORIES.items()]
INVOLVEMENT_OPTIONS = [(f"{label} · {ZONE_SHORT[zone]}", key) for key, (zone, label) in voc.INVOLVEMENTS.items()]


# ============================================================================================
# Stakeholders (step 01)
# ============================================================================================

def subsector_options(category: str | None, current: str = "") -> list:
    options = [(NONE, "")] + [(s, s) for s in voc.SUBSECTORS.get(category or "", ())] + [("andere", "andere")]
    return choices(options, current or None)


class StakeholderRow:
    """One stakeholder in the table: name, category, subsector, gemeente, relief."""

    def __init__(self, record: dict, editor: StakeholderEditor):
        kit = editor.kit
        self.id = str(record["id"])
        category, subsector = record.get("categorie"), record.get("subsector", "")
        municipality, involvement = record.get("gemeente", voc.BOVENLOKAAL), record.get("betrokkenheid")
        self.name = kit(w.Text, value=str(record.get("naam", "")), continuous_update=False, layout=FULL)
        self.category = kit(w.Dropdown, options=choices(CATEGORY_OPTIONS, category), value=category, layout=FULL)
        self.subsector = kit(w.Dropdown, options=subsector_options(category, subsector), value=subsector,
                             layout=FULL)
        self.municipality = kit(w.Dropdown, options=choices(editor.municipality_options, municipality),
                                value=municipality, layout=FULL)
        self.involvement = kit(w.Dropdown, options=choices(INVOLVEMENT_OPTIONS, involvement), value=involvement,
                               layout=FULL)
        for widget, key in ((self.name, "naam"), (self.category, "categorie"), (self.subsector, "subsector"),
                            (self.municipality, "gemeente"), (self.involvement, "betrokkenheid")):
            widget.observe(lambda change, key=key: editor.change(self, key, change["new"]), "value")

    @property
    def widgets(self) -> list[w.Widget]:
        return [self.name, self.category, self.subsector, self.municipality, self.involvement]


class StakeholderEditor(Editor):
    title = "Stakeholders bewerken"
    help_text = ("Naam, categorie (§1.1), gemeente en reliëf (§1.2) per stakeholder; kies onder de tabel een "
                 "stakeholder voor de details of om te verwijderen. Wijzigingen komen pas in het params-bestand "
                 "na 'Opslaan'.")
    columns = "minmax(220px, 3fr) minmax(170px, 2fr) minmax(150px, 2fr) minmax(120px, 1fr) minmax(190px, 2fr)"

    def _build(self) -> list[w.Widget]:
        doc = self.document
        self.rows: dict[str, StakeholderRow] = {}
        external = doc.stakeholder_file()
        if external is not None:
            self.save_button.disabled = True
            return [w.HTML(
                f"<p>De stakeholders van deze regio staan in een apart bestand: <code>{html.escape(str(external))}"
                "</code>. Pas ze daar aan (bv. in Excel) en voer het notebook opnieuw uit; deze editor verandert "
                "er niets aan.</p>")]
        self.municipality_options = [*doc.municipalities(), voc.BOVENLOKAAL]
        cells: list[w.Widget] = [self.kit(w.HTML, value=f"<b>{text}</b>") for text in (
            "Naam", "Categorie", "Subsector", "Gemeente", "Betrokkenheid (reliëf)")]
        for record in doc.stakeholders():
            row = StakeholderRow(record, self)
            self.rows[row.id] = row
            cells += row.widgets
        self.table = w.GridBox(cells, layout=w.Layout(grid_template_columns=self.columns, grid_gap="2px 6px",
                                                       max_height="480px", overflow="auto"))
        return [w.HTML(f"{len(self.rows)} stakeholders"), self.table, self._details(), self._adder()]

    def change(self, row: StakeholderRow, key: str, value: Any) -> None:
        """A value in the table changed."""
        if self._updating:
            return
        self.edit(self.document.update_stakeholder, row.id, **{key: value})
        record = self._record(row.id)
        if key == "categorie":  # offer the subsectors of the new category; one that did not fit was dropped
            def refresh() -> None:
                row.subsector.options = subsector_options(value, record.get("subsector", ""))
                row.subsector.value = record.get("subsector", "")

            self.quiet(refresh)
        if key == "naam":
            self.quiet(self._refresh_names)

    def _record(self, ident: str) -> dict:
        return next((r for r in self.document.stakeholders() if r.get("id") == ident), {})

    # --- details, delete --------------------------------------------------------------------------

    def _details(self) -> w.Widget:
        kit, doc = self.kit, self.document
        label = {"description_width": "90px"}
        self.detail_select = kit(w.Dropdown, options=self._names(), description="Details van",
                                 layout={"width": "60%"}, style=label)
        self.delete_button = w.Button(description="Verwijderen", icon="trash", button_style="danger",
                                      tooltip="Verwijder de gekozen stakeholder uit het params-bestand")
        self.phases = kit(w.SelectMultiple, options=[(text, key) for key, text in voc.PHASES.items()], rows=4,
                          description="Fasen", style=label)
        self.priority_options = [(short(p.get("titel", p["id"]), 50), str(p["id"])) for p in doc.priorities()]
        self.priorities = kit(w.SelectMultiple, options=self.priority_options, rows=4, description="Prioriteiten",
                              layout={"width": "420px"}, style=label)
        self.network_role = kit(w.Dropdown, description="Netwerkrol", layout={"width": "420px"}, style=label)
        self.poverty_partner = kit(w.Dropdown, description="Armoede", layout={"width": "420px"}, style=label)
        self.needs = kit(w.Textarea, description="Noden", continuous_update=False, style=label,
                         layout={"width": "90%", "height": "70px"})
        fields = {"fasen": self.phases, "prioriteiten": self.priorities, "netwerkrol": self.network_role,
                  "armoedepartner": self.poverty_partner, "noden": self.needs}
        for key, widget in fields.items():
            widget.observe(lambda change, key=key: self._change_detail(key, change["new"]), "value")
        self.detail_select.observe(lambda _c: self.quiet(self._show_detail), "value")
        self.delete_button.on_click(lambda _b: self.delete(self.detail_select.value))
        self._show_detail()
        return w.VBox([w.HTML("<b>Details</b>"), w.HBox([self.detail_select, self.delete_button]),
                       w.HBox([self.phases, self.priorities]), self.network_role, self.poverty_partner, self.needs])

    def _names(self) -> list[tuple[str, str]]:
        return [(short(f"{r.get('naam', '')} ({r['id']})", 90), str(r["id"])) for r in self.document.stakeholders()]

    def _refresh_names(self) -> None:
        current = self.detail_select.value
        self.detail_select.options = self._names()
        self.detail_select.value = current

    def _show_detail(self) -> None:
        record = self._record(self.detail_select.value)
        set_multi(self.phases, [(text, key) for key, text in voc.PHASES.items()], list(record.get("fasen", [])))
        set_multi(self.priorities, self.priority_options, list(record.get("prioriteiten", [])))
        for widget, key, vocabulary in ((self.network_role, "netwerkrol", voc.NETWORK_ROLES),
                                        (self.poverty_partner, "armoedepartner", voc.POVERTY_PARTNERS)):
            value = record.get(key, "")
            widget.options = choices([(NONE, "")] + [(text, k) for k, text in vocabulary.items()], value)
            widget.value = value
        self.needs.value = str(record.get("noden", ""))

    def _change_detail(self, key: str, value: Any) -> None:
        if self.detail_select.value is not None:
            self.edit(self.document.update_stakeholder, self.detail_select.value,
                      **{key: list(value) if isinstance(value, tuple) else value})

    def delete(self, ident: str | None) -> None:
        """Remove a stakeholder; say where it is still mentioned."""
        if not ident:
            return
        uses = self.document.usages(ident)
        if self.structural(self.document.delete_stakeholder, ident) is None and self._record(ident):
            return
        note = f" Ook weggehaald waar '{ident}' genoemd werd: {', '.join(uses)}." if uses else ""
        self.say(f"'{ident}' verwijderd (nog niet opgeslagen).{note}", "warning")

    # --- add ----------------------------------------------------------------------------------------

    def _adder(self) -> w.Widget:
        self.new_name = w.Text(placeholder="Naam van de nieuwe stakeholder", layout=w.Layout(width="300px"))
        self.new_category = w.Dropdown(options=CATEGORY_OPTIONS, layout=w.Layout(width="230px"))
        self.new_involvement = w.Dropdown(options=INVOLVEMENT_OPTIONS, layout=w.Layout(width="260px"))
        self.new_municipality = w.Dropdown(options=self.municipality_options, value=voc.BOVENLOKAAL,
                                           layout=w.Layout(width="150px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_button.on_click(lambda _b: self.add())
        return w.VBox([w.HTML("<b>Nieuwe stakeholder</b>"),
                       w.HBox([self.new_name, self.new_category, self.new_involvement, self.new_municipality,
                               self.add_button])])

    def add(self) -> str | None:
        name = self.new_name.value.strip()
        if not name:
            self.say("Geef eerst een naam voor de nieuwe stakeholder.", "error")
            return None
        ident = self.structural(self.document.add_stakeholder, name, self.new_category.value,
                                self.new_involvement.value, gemeente=self.new_municipality.value)
        if ident:
            self.say(f"'{name}' toegevoegd met id '{ident}' (nog niet opgeslagen).", "warning")
        return ident


def stakeholder_editor(params_path: str | Path, *, show: bool = True) -> StakeholderEditor:
    """Edit the stakeholders of step 01: a table with category and relief dropdowns, details, add, delete."""
    return display_editor(StakeholderEditor(params_path), show)


# ============================================================================================
# SWOT (step 02)
# ============================================================================================

class SwotRow:
    """One SWOT point: its text, its sources, and buttons to move or remove it."""

    def __init__(self, quadrant: str, item: dict, editor: SwotEditor):
        kit, doc = editor.kit, editor.document
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
        self.text.observe(lambda change: editor.edit(doc.edit_swot_item, self.id, text=change["new"]), "value")
        self.up_button.on_click(lambda _b: editor.structural(doc.move_swot_item, self.id, -1))
        self.down_button.on_click(lambda _b: editor.structural(doc.move_swot_item, self.id, 1))
        self.delete_button.on_click(lambda _b: editor.structural(doc.delete_swot_item, self.id))
        self.move_to.observe(lambda change: change["new"] and editor.structural(
            doc.move_swot_item, self.id, quadrant=change["new"]), "value")
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
        sources = [{"soort": kind, "verwijzing": ref}] if kind and ref else None
        ident = self.structural(self.document.add_swot_item, quadrant.quadrant, text, sources)
        if ident:
            self.say(f"Punt '{ident}' toegevoegd (nog niet opgeslagen).", "warning")
        return ident


def swot_editor(params_path: str | Path, *, show: bool = True) -> SwotEditor:
    """Edit the SWOT of step 02: one tab per quadrant."""
    return display_editor(SwotEditor(params_path), show)


# ============================================================================================
# Objectives (step 03)
# ============================================================================================

class ObjectivesEditor(Editor):
    title = "Doelstellingen bewerken"
    help_text = ("Kies een SD, OD of actie in de boom. De nummering volgt de volgorde; het id blijft, ook als je "
                 "een OD naar een andere SD verplaatst.")

    def _build(self) -> list[w.Widget]:
        doc = self.document
        self.tree = w.Select(options=self._tree_options(), rows=16, layout=w.Layout(width="100%"))
        self.up_button = w.Button(description="Omhoog", icon="arrow-up")
        self.down_button = w.Button(description="Omlaag", icon="arrow-down")
        self.delete_button = w.Button(description="Verwijderen", icon="trash", button_style="danger")
        self.move_target = w.Dropdown(description="Verplaats naar", layout=w.Layout(width="420px"),
                                      style={"description_width": "100px"})
        self.move_button = w.Button(description="Verplaatsen", icon="share")
        self.up_button.on_click(lambda _b: self._reshape(doc.move_objective, self.tree.value, -1))
        self.down_button.on_click(lambda _b: self._reshape(doc.move_objective, self.tree.value, 1))
        self.delete_button.on_click(lambda _b: self.delete())
        self.move_button.on_click(lambda _b: self.move_target.value and self._reshape(
            doc.move_to, self.tree.value, self.move_target.value))
        self._form(doc)
        self.new_title = w.Text(placeholder="Titel van de nieuwe doelstelling of actie", layout=w.Layout(width="480px"))
        self.add_sd_button = w.Button(description="SD toevoegen", icon="plus", button_style="success")
        self.add_od_button = w.Button(description="OD toevoegen", icon="plus", button_style="success",
                                      tooltip="Onder de gekozen SD (of de SD van de gekozen OD of actie)")
        self.add_action_button = w.Button(description="Actie toevoegen", icon="plus", button_style="success",
                                          tooltip="Onder de gekozen OD (of de OD van de gekozen actie)")
        for button, kind in ((self.add_sd_button, "sd"), (self.add_od_button, "od"),
                             (self.add_action_button, "actie")):
            button.on_click(lambda _b, kind=kind: self.add(kind))
        self.tree.observe(lambda _c: self.quiet(self._show_selected), "value")
        if self.tree.options:
            self.tree.value = self.tree.options[0][1]
        self._show_selected()
        return [self.tree,
                w.HBox([self.up_button, self.down_button, self.move_target, self.move_button, self.delete_button]),
                self.form_title, self.title_field, self.sd_fields, self.action_fields,
                w.HTML("<b>Toevoegen</b>"),
                w.HBox([self.new_title, self.add_sd_button, self.add_od_button, self.add_action_button])]

    def _form(self, doc) -> None:
        """The fields of the chosen SD, OD or action."""
        style = {"description_width": "110px"}
        self.form_title = w.HTML()
        self.title_field = w.Textarea(description="Titel", continuous_update=False, style=style,
                                      layout=w.Layout(width="95%", height="54px"))
        self.priority_options = [(NONE, "")] + [(short(p.get("titel", p["id"]), 60), str(p["id"]))
                                                for p in doc.priorities()]
        self.priority = w.Dropdown(description="Prioriteit", style=style, layout=w.Layout(width="480px"),
                                   options=self.priority_options)
        self.transversal = w.Checkbox(description="transversaal (geen eigen prioriteit)", indent=False)
        self.directing_role = w.Textarea(description="Regierol", continuous_update=False, style=style,
                                         layout=w.Layout(width="95%", height="54px"))
        self.actor_role = w.Textarea(description="Actorrol", continuous_update=False, style=style,
                                     layout=w.Layout(width="95%", height="54px"))
        self.all_municipalities = w.Checkbox(description="alle gemeenten", indent=False)
        self.spread = w.SelectMultiple(description="Spreiding", options=doc.municipalities(), rows=5, style=style)
        self.years = w.SelectMultiple(description="Jaren", options=doc.years(), rows=6, style=style)
        self.partner_options = [(short(f"{n} ({i})", 70), i) for i, n in doc.stakeholder_names().items()]
        self.partners = w.SelectMultiple(description="Partners", options=self.partner_options, rows=6, style=style,
                                         layout=w.Layout(width="560px"))
        watched = {"titel": self.title_field, "prioriteit": self.priority, "transversaal": self.transversal,
                   "regierol": self.directing_role, "actorrol": self.actor_role, "spreiding": self.spread,
                   "jaren": self.years, "partners": self.partners}
        for key, widget in watched.items():
            widget.observe(lambda change, key=key: self._change(key, change["new"]), "value")
        self.all_municipalities.observe(lambda _c: self._change("spreiding", None), "value")
        self.sd_fields = w.HBox([self.priority, self.transversal])
        self.action_fields = w.VBox([self.directing_role, self.actor_role,
                                     w.HBox([self.all_municipalities, self.spread, self.years]), self.partners])

    def _tree_options(self) -> list[tuple[str, str]]:
        indent = {"sd": "", "od": "\u00a0" * 6, "actie": "\u00a0" * 12}
        return [(f"{indent[kind]}{code}  {short(node.get('titel', ''), 100)}", str(node["id"]))
                for kind, code, node, _parent in self.document.walk_objectives()]

    def _show_selected(self) -> None:
        ident = self.tree.value
        found = self.document.locate(ident) if ident else None
        for widget in (self.title_field, self.up_button, self.down_button, self.delete_button):
            widget.disabled = found is None
        self.sd_fields.layout.display = "flex" if found and found.kind == "sd" else "none"
        self.action_fields.layout.display = "flex" if found and found.kind == "actie" else "none"
        if found is None:
            self.form_title.value = "<i>Kies een doelstelling of actie in de boom.</i>"
            self.move_target.options = []
            return
        node = found.node
        code = next(c for _k, c, n, _p in self.document.walk_objectives() if n is node)
        self.form_title.value = f"<b>{code}</b> <small>(id {html.escape(ident)})</small>"
        self.title_field.value = str(node.get("titel", ""))
        parent_kind = {"od": "sd", "actie": "od"}.get(found.kind)
        targets = [(f"{c} {short(n.get('titel', ''), 50)}", str(n["id"]))
                   for k, c, n, _p in self.document.walk_objectives()
                   if k == parent_kind and str(n["id"]) != found.parent_id]
        self.move_target.options = [("…", ""), *targets] if parent_kind else []
        self.move_target.disabled = self.move_button.disabled = parent_kind is None
        if found.kind == "sd":
            priority = str(node.get("prioriteit", ""))
            self.priority.options = choices(self.priority_options, priority)
            self.priority.value = priority
            self.transversal.value = bool(node.get("transversaal", False))
        if found.kind == "actie":
            self.directing_role.value = str(node.get("regierol", ""))
            self.actor_role.value = str(node.get("actorrol", ""))
            spread = node.get("spreiding", voc.ALL_MUNICIPALITIES)
            self.all_municipalities.value = spread == voc.ALL_MUNICIPALITIES
            set_multi(self.spread, self.document.municipalities(), list(spread) if isinstance(spread, list) else [])
            self.spread.disabled = self.all_municipalities.value
            set_multi(self.years, self.document.years(), list(node.get("jaren", [])))
            set_multi(self.partners, self.partner_options, list(node.get("partners", [])))

    def _change(self, key: str, value: Any) -> None:
        if self._updating or not self.tree.value:
            return
        if key == "spreiding":
            self.spread.disabled = self.all_municipalities.value
            value = voc.ALL_MUNICIPALITIES if self.all_municipalities.value else list(self.spread.value)
        elif isinstance(value, tuple):
            value = list(value)
        self.edit(self.document.edit_objective, self.tree.value, **{key: value})
        if key == "titel":
            self.quiet(self._refresh_tree)

    def _refresh_tree(self, select: str | None = None) -> None:
        current = select or self.tree.value
        self.tree.options = self._tree_options()
        ids = [value for _label, value in self.tree.options]
        self.tree.value = current if current in ids else (ids[0] if ids else None)
        self._show_selected()

    def _reshape(self, operation: Callable[..., Any], *args: Any) -> None:
        """Move or reorder: the tree shows the new order, with the same node chosen."""
        if not self.tree.value:
            return
        selected, before = self.tree.value, self.document.dumps()
        self.edit(operation, *args)
        if self.document.dumps() != before:
            self.quiet(lambda: self._refresh_tree(selected))

    def delete(self) -> None:
        """Delete the chosen node with everything under it (and the budget of its actions)."""
        if not self.tree.value:
            return
        removed = self.edit(self.document.delete_objective, self.tree.value)
        if removed:
            self.quiet(self._refresh_tree)
            self.say(f"Verwijderd (nog niet opgeslagen): {', '.join(removed)}, met hun budget.", "warning")

    def add(self, kind: str) -> str | None:
        """Add an SD, an OD (under the chosen SD) or an action (under the chosen OD)."""
        title = self.new_title.value.strip()
        if not title:
            self.say("Geef eerst een titel.", "error")
            return None
        if kind == "sd":
            ident = self.edit(self.document.add_sd, title)
        else:
            parent = self._parent_for(kind)
            if parent is None:
                self.say(f"Kies eerst {'een SD' if kind == 'od' else 'een OD'} in de boom.", "error")
                return None
            ident = self.edit(self.document.add_od if kind == "od" else self.document.add_action, parent, title)
        if ident:
            self.new_title.value = ""
            self.quiet(lambda: self._refresh_tree(ident))
            self.say(f"'{ident}' toegevoegd (nog niet opgeslagen).", "warning")
        return ident

    def _parent_for(self, kind: str) -> str | None:
        found = self.document.locate(self.tree.value) if self.tree.value else None
        if found is None:
            return None
        if kind == "od":
            if found.kind == "sd":
                return str(found.node["id"])
            parent = self.document.locate(found.parent_id)
            return found.parent_id if parent.kind == "sd" else parent.parent_id
        if found.kind == "od":
            return str(found.node["id"])
        return found.parent_id if found.kind == "actie" else None


def objectives_editor(params_path: str | Path, *, show: bool = True) -> ObjectivesEditor:
    """Edit the objectives tree of step 03: add, edit, move between SDs, reorder, delete."""
    return display_editor(ObjectivesEditor(params_path), show)


# ============================================================================================
# Budget (step 04)
# ============================================================================================

MODES = [("elk jaar", "bedrag"), ("per jaar", "per_jaar")]
ACTION_MODES = [("geen budget", ""), ("elk jaar van de actie", "bedrag"), ("per jaar", "per_jaar")]
LABEL = fixed("280px")
NUMBER = fixed("112px")


class AmountRow:
    """One budget line: the same amount every year (``bedrag``), or an amount per year (``per_jaar``).

    Only the fields of the current way are in the row; the year fields are made when needed.
    """

    def __init__(self, editor: BudgetEditor, record: dict, modes: list, css: str, label: w.Widget,
                 apply: Callable[[AmountRow], None], active_years: list[int] | None = None,
                 extra: tuple[w.Widget, ...] = ()):
        kit = editor.kit
        self._kit, self._css, self._apply, self._extra = kit, css, apply, extra
        self._all_years = editor.document.years()
        self.active_years = active_years or self._all_years
        self._file_years = {int(k): float(v) for k, v in (record.get("per_jaar") or {}).items()}
        self.holding = False
        self.label = label
        mode = "per_jaar" if self._file_years else ("bedrag" if record.get("bedrag") is not None else modes[0][1])
        self.mode = kit(w.Dropdown, options=modes, value=mode, layout=fixed("160px"))
        self.amount = kit(w.FloatText, value=float(record.get("bedrag") or 0), layout=NUMBER,
                          _dom_classes=(f"{css}-bedrag",))
        self.years: dict[int, w.FloatText] = {}
        self.year_box: w.HBox | None = None
        if mode == "per_jaar":
            self._make_years()
        self.mode.observe(lambda _c: self._switch(), "value")
        self.amount.observe(lambda _c: self._changed(), "value")
        self.box = kit(w.HBox, self._children(), layout={"align_items": "center"})

    def _make_years(self) -> None:
        if self.years:
            return
        self.years = {y: self._kit(w.FloatText, value=self._file_years.get(y, 0.0), description=str(y),
                                   style={"description_width": "34px"}, layout=NUMBER,
                                   _dom_classes=(f"{self._css}-{y}",)) for y in self._all_years}
        for box in self.years.values():
            box.observe(lambda _c: self._changed(), "value")
        self.year_box = self._kit(w.HBox, list(self.years.values()), layout={"flex_flow": "row wrap"})

    def _children(self) -> list[w.Widget]:
        shown = {"bedrag": [self.amount], "per_jaar": [self.year_box]}.get(self.mode.value, [])
        return [self.label, self.mode, *[x for x in shown if x is not None], *self._extra]

    def _switch(self) -> None:
        """Another way of budgeting: the amount carries over (one amount becomes that amount each year)."""
        self.holding = True
        if self.mode.value == "per_jaar":
            self._make_years()
            if not any(box.value for box in self.years.values()):
                for year, box in self.years.items():
                    box.value = self.amount.value if year in self.active_years else 0.0
        elif self.mode.value == "bedrag" and not self.amount.value and self.years:
            self.amount.value = next((box.value for box in self.years.values() if box.value), 0.0)
        self.holding = False
        self.box.children = self._children()
        self._changed()

    def _changed(self) -> None:
        if not self.holding:
            self._apply(self)

    def value(self) -> dict[str, Any]:
        """What to write: {'amount': x}, {'per_year': {year: x}}, or {} for no budget."""
        if self.mode.value == "bedrag":
            return {"amount": money(self.amount.value)}
        if self.mode.value == "per_jaar":
            return {"per_year": {y: money(box.value) for y, box in self.years.items() if box.value}}
        return {}


class BudgetEditor(Editor):
    title = "Begroting bewerken"
    help_text = ("Bedragen in euro (punt als decimaalteken). 'elk jaar' geldt voor elk jaar van de periode (bij een "
                 "actie: elk jaar waarin de actie loopt); 'per jaar' geeft een bedrag per jaar.")

    def _build(self) -> list[w.Widget]:
        doc = self.document
        per_inhabitant = doc.budget_value("gemeentelijke_bijdragen", "per_inwoner") or 0
        self.contribution = w.FloatText(value=float(per_inhabitant), description="Per inwoner (euro)",
                                        style={"description_width": "130px"}, layout=w.Layout(width="260px"))
        self.contribution.observe(lambda change: self.edit(doc.set_contribution_per_inhabitant,
                                                           money(change["new"])), "value")
        parts: list[w.Widget] = [w.HTML("<b>Gemeentelijke bijdrage</b>"), self.contribution]
        self.lines: dict[str, list[AmountRow]] = {}
        self.new_lines: dict[str, tuple[w.Text, w.Button]] = {}
        for section, heading in (("andere_inkomsten", "Andere inkomsten"), ("werking", "Werking")):
            parts += [w.HTML(f"<b>{heading}</b>"), *self._lines(section), self._line_adder(section, heading)]
        parts += [w.HTML("<b>Personeel</b>"), *self._staff()]
        parts += [w.HTML("<b>Budget per actie</b>"), *self._actions()]
        return [w.VBox(parts)]

    # --- other income and operations --------------------------------------------------------------

    def _lines(self, section: str) -> list[w.Widget]:
        doc, kit = self.document, self.kit
        self.lines[section] = []
        for i, record in enumerate(doc.amount_lines(section)):
            label = kit(w.Text, value=str(record.get("omschrijving", "")), continuous_update=False, layout=LABEL)
            label.observe(lambda change, i=i: self.edit(doc.set_amount_line, section, i, label=change["new"]), "value")
            delete = kit(w.Button, description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(doc.delete_amount_line, section, i))
            row = AmountRow(self, record, MODES, f"igskit-{section}-{i}", label,
                            lambda r, i=i: self.edit(doc.set_amount_line, section, i, **r.value()), extra=(delete,))
            row.delete_button = delete
            self.lines[section].append(row)
        return [row.box for row in self.lines[section]]

    def _line_adder(self, section: str, heading: str) -> w.Widget:
        label = w.Text(placeholder=f"Nieuwe regel bij {heading.lower()}", layout=w.Layout(width="280px"))
        button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        button.on_click(lambda _b: self.add_line(section, label.value))
        self.new_lines[section] = (label, button)
        return w.HBox([label, button])

    def add_line(self, section: str, label: str) -> None:
        if not label.strip():
            self.say("Geef eerst een omschrijving voor de nieuwe regel.", "error")
            return
        self.structural(self.document.add_amount_line, section, label.strip(), 0)

    # --- staff and actions ---------------------------------------------------------------------------

    def _staff(self) -> list[w.Widget]:
        doc, kit = self.document, self.kit
        self.staff: list[dict[str, w.Widget]] = []
        for i, record in enumerate(doc.staff_lines()):
            fields = {
                "functie": kit(w.Text, value=str(record.get("functie", "")), continuous_update=False, layout=LABEL),
                "vte": kit(w.FloatText, value=float(record.get("vte", 0)), description="vte",
                           style={"description_width": "40px"}, layout={"width": "150px"}),
                "kost_per_vte": kit(w.FloatText, value=float(record.get("kost_per_vte", 0)), description="kost per vte",
                                    style={"description_width": "90px"}, layout={"width": "230px"}),
            }
            for key, widget in fields.items():
                widget.observe(lambda change, i=i, key=key: self.edit(
                    doc.set_staff_line, i, **{key: round(change["new"], 2) if key != "functie" else change["new"]}),
                    "value")
            self.staff.append(fields)
        return [self.kit(w.HBox, list(fields.values())) for fields in self.staff]

    def _actions(self) -> list[w.Widget]:
        doc, kit = self.document, self.kit
        self.actions: dict[str, AmountRow] = {}
        for kind, code, node, _parent in doc.walk_objectives():
            if kind != "actie":
                continue
            ident = str(node["id"])
            title = str(node.get("titel", ""))
            label = kit(w.HTML, value=f"<span title='{html.escape(title)}'>{code} {html.escape(short(title, 34))}"
                                      "</span>", layout=LABEL)
            self.actions[ident] = AmountRow(
                self, doc.action_budget(ident) or {}, ACTION_MODES, f"igskit-actie-{ident}", label,
                lambda r, ident=ident: self.edit(doc.set_action_budget, ident, **r.value()),
                [int(y) for y in node.get("jaren", [])])
        return [row.box for row in self.actions.values()]


def budget_editor(params_path: str | Path, *, show: bool = True) -> BudgetEditor:
    """Edit the budget of step 04: contributions, other income, operations, staff and action budgets."""
    return display_editor(BudgetEditor(params_path), show)
