"""The stakeholder editor of step 01: a table with category and relief dropdowns, details, add, delete.

Its changes are the step's edit operations (:mod:`igskit.editing.operations.stakeholders`); the frame
(Opslaan, Herladen, Nota opnieuw maken) is :class:`~igskit.editing.widgets.kit.Editor`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing.operations import AddStakeholder, DeleteStakeholder, SetNetworkPartner, UpdateStakeholder
from igskit.editing.widgets.controls import CheckList
from igskit.editing.widgets.kit import FULL, NONE, Editor, choices, set_multi, short
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc

ZONE_SHORT = {"besluitvorming": "besluitvorming", "visie-en-strategie": "visie en strategie",
              "informeren": "informeren"}
CATEGORY_OPTIONS = [(label, key) for key, label in voc.CATEGORIES.items()]
INVOLVEMENT_OPTIONS = [(f"{label} · {ZONE_SHORT[zone]}", key) for key, (zone, label) in voc.INVOLVEMENTS.items()]


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
        self.edit(UpdateStakeholder(row.id, {key: value}))
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
        self.phases = CheckList(options=[(text, key) for key, text in voc.PHASES.items()], description="Fasen",
                                columns=4)
        self.priority_options = [(short(p.get("titel", p["id"]), 50), str(p["id"])) for p in doc.priorities()]
        self.priorities = CheckList(options=self.priority_options, description="Prioriteiten", columns=2)
        self.network_role = kit(w.Dropdown, description="Netwerkrol", layout={"width": "420px"}, style=label)
        self.poverty_partner = kit(w.Dropdown, description="Armoede", layout={"width": "420px"}, style=label)
        self.needs = kit(w.Textarea, description="Noden", continuous_update=False, style=label,
                         layout={"width": "90%", "height": "70px"})
        fields = {"fasen": self.phases, "prioriteiten": self.priorities, "netwerkrol": self.network_role,
                  "armoedepartner": self.poverty_partner, "noden": self.needs}
        for key, widget in fields.items():
            widget.observe(lambda change, key=key: self._change_detail(key, change["new"]), "value")
        network = self._network_partner(label)
        self.detail_select.observe(lambda _c: self.quiet(self._show_detail), "value")
        self.delete_button.on_click(lambda _b: self.delete(self.detail_select.value))
        self._show_detail()
        return w.VBox([w.HTML("<b>Details</b>"), w.HBox([self.detail_select, self.delete_button]),
                       w.HBox([self.phases, self.priorities]), self.network_role, self.poverty_partner, self.needs,
                       network])

    def _network_partner(self, label: dict) -> w.Widget:
        """The stakeholder as partner of the network vrijetijdsparticipatie (afsprakennota, part 5)."""
        kit = self.kit
        self.np_partner = w.Checkbox(description="partner van het netwerk vrijetijdsparticipatie (afsprakennota)",
                                     indent=False)
        self.np_brings = kit(w.Textarea, description="Brengt", continuous_update=False, style=label,
                             layout={"width": "90%", "height": "54px"})
        self.np_commits = kit(w.Textarea, description="Engageert", continuous_update=False, style=label,
                              layout={"width": "90%", "height": "54px"})
        self.np_roles = CheckList(options=[(text.split(":")[0], key) for key, text in voc.NETWORK_ROLES.items()],
                                  description="Netwerkrollen", columns=5)
        self.np_lead = w.Checkbox(description="trekker van het netwerk", indent=False)
        self.np_partner.observe(lambda change: self._change_partner(None, change["new"]), "value")
        for key, widget in (("brengt", self.np_brings), ("engageert", self.np_commits), ("rollen", self.np_roles),
                            ("trekker", self.np_lead)):
            widget.observe(lambda change, key=key: self._change_partner(key, change["new"]), "value")
        return w.VBox([w.HTML("<b>Netwerk vrijetijdsparticipatie</b>"), self.np_partner, self.np_brings,
                       self.np_commits, self.np_roles, self.np_lead])

    def _change_partner(self, key: str | None, value: Any) -> None:
        ident = self.detail_select.value
        if ident is None:
            return
        if key is None:
            self.edit(SetNetworkPartner(ident, partner=bool(value)))
            self.quiet(self._show_detail)
            return
        value = list(value) if isinstance(value, tuple) else value
        self.edit(SetNetworkPartner(ident, {key: value or None}))

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
        partner = record.get("netwerkpartner")
        self.np_partner.value = isinstance(partner, dict)
        partner = partner if isinstance(partner, dict) else {}
        self.np_brings.value = str(partner.get("brengt", ""))
        self.np_commits.value = str(partner.get("engageert", ""))
        set_multi(self.np_roles, [(t.split(":")[0], k) for k, t in voc.NETWORK_ROLES.items()],
                  list(partner.get("rollen", [])))
        self.np_lead.value = bool(partner.get("trekker", False))
        for widget in (self.np_brings, self.np_commits, self.np_roles, self.np_lead):
            widget.disabled = not self.np_partner.value

    def _change_detail(self, key: str, value: Any) -> None:
        if self.detail_select.value is not None:
            self.edit(UpdateStakeholder(self.detail_select.value,
                                        {key: list(value) if isinstance(value, tuple) else value}))

    def delete(self, ident: str | None) -> None:
        """Remove a stakeholder; say where it is still mentioned."""
        if not ident:
            return
        uses = self.document.usages(ident)
        if self.structural(DeleteStakeholder(ident)) is None and self._record(ident):
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
        ident = self.structural(AddStakeholder(name, self.new_category.value, self.new_involvement.value,
                                               {"gemeente": self.new_municipality.value}))
        if ident:
            self.say(f"'{name}' toegevoegd met id '{ident}' (nog niet opgeslagen).", "warning")
        return ident


def stakeholder_editor(params_path: str | Path, *, show: bool = True) -> StakeholderEditor:
    """Edit the stakeholders of step 01: a table with category and relief dropdowns, details, add, delete."""
    return display_editor(StakeholderEditor(params_path), show)
