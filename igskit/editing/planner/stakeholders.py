"""The planner's stakeholders tab: an editable grid with search, filter and sort, and one detail form.

ipydatagrid draws only the rows in view, so 500 stakeholders stay as quick as 50. The grid
edits the one-value fields (naam, categorie, gemeente, betrokkenheid, subsector, netwerkrol);
a click on a row opens the multi-value fields (fasen, prioriteiten) as checkboxes, the needs
(a list: each keeps its id), the partnerkaart, and *Verwijderen*, which first says where the
stakeholder is still used. Adding one appends a
row to the grid's data (the grid is not rebuilt).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd
from ipydatagrid import DataGrid

from igskit.editing import operations as ops
from igskit.editing.widgets.controls import CheckList
from igskit.editing.widgets.partners import NeedsList, NetworkPartnerForm, PartnerCardForm
from igskit.params import vocabulary as voc

COLUMNS = ("naam", "categorie", "gemeente", "betrokkenheid", "subsector", "netwerkrol")
CHOICES = {"categorie": dict(voc.CATEGORIES),
           "betrokkenheid": {key: label for key, (_zone, label) in voc.INVOLVEMENTS.items()},
           "netwerkrol": {key: label.split(":")[0] for key, label in voc.NETWORK_ROLES.items()}}
WIDTHS = {"naam": 300, "categorie": 130, "gemeente": 120, "betrokkenheid": 150, "subsector": 170, "netwerkrol": 110}


def stakeholder_frame(records: list[dict]) -> pd.DataFrame:
    """The grid's data: one row per stakeholder, indexed by its id."""
    rows = [{"id": str(r["id"]), **{c: str(r.get(c, "") or "") for c in COLUMNS}} for r in records if "id" in r]
    for row in rows:
        row["gemeente"] = row["gemeente"] or voc.BOVENLOKAAL
    frame = pd.DataFrame(rows, columns=["id", *COLUMNS]).set_index("id")
    if frame.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=str) for c in COLUMNS}, index=pd.Index([], name="id"))
    return frame


class StakeholdersTab(w.VBox):
    """Stakeholders of one region, in the planner's editing session."""

    def __init__(self, planner: Any):
        self.planner = planner
        self.selected: str | None = None
        self.search = w.Text(placeholder="Zoek op naam, gemeente of categorie …", layout=w.Layout(width="360px"))
        self.search.observe(lambda _c: self.filter(), "value")
        self.count = w.HTML()
        self.grid = DataGrid(pd.DataFrame(), editable=True, selection_mode="cell", base_column_size=150,
                             base_row_header_size=170, column_widths=WIDTHS,
                             layout=w.Layout(height="420px", width="100%"))
        self.grid.add_class("igskit-stakeholdergrid")
        self.grid.on_cell_change(self._cell_changed)
        self.grid.on_cell_click(self._cell_clicked)
        self.new_name = w.Text(placeholder="Naam van de nieuwe stakeholder", layout=w.Layout(width="300px"))
        self.new_category = w.Dropdown(options=[(label, key) for key, label in voc.CATEGORIES.items()],
                                       layout=w.Layout(width="260px"))
        self.new_involvement = w.Dropdown(options=[(label, key) for key, label in CHOICES["betrokkenheid"].items()],
                                          layout=w.Layout(width="260px"))
        self.new_place = w.Dropdown(layout=w.Layout(width="200px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_button.add_class("igskit-stakeholder-toevoegen")
        self.new_name.add_class("igskit-stakeholder-naam")
        self.add_button.on_click(lambda _b: self.add())
        self.detail = w.VBox()
        super().__init__([
            w.HTML("<p>Dubbelklik een cel om ze te wijzigen; klik op een kolomkop om te sorteren of te filteren. "
                   "Klik op een rij voor fasen, prioriteiten, noden, partnerkaart en verwijderen.</p>"),
            w.HBox([self.search, self.count]), self.grid,
            w.HTML("<b>Nieuwe stakeholder</b>"),
            w.HBox([self.new_name, self.new_category, self.new_involvement, self.new_place, self.add_button],
                   layout=w.Layout(flex_flow="row wrap")),
            self.detail])
        self.refresh()

    # --- data -----------------------------------------------------------------------------------

    @property
    def document(self):
        return self.planner.session.document

    def refresh(self) -> None:
        """Show the session's stakeholders (after a region switch, an undo or a merge)."""
        document = self.document
        if document.stakeholder_file() is not None:
            self.children = [w.HTML(f"<p>De stakeholders staan in een apart bestand "
                                    f"(<code>{html.escape(str(document.stakeholder_file().name))}</code>); "
                                    "pas ze daar aan, bv. in Excel.</p>")]
            return
        self.frame = stakeholder_frame(document.stakeholders())
        self.new_place.options = [voc.BOVENLOKAAL, *document.municipalities()]
        self.filter()
        self.show_detail(self.selected if self.selected in self.frame.index else None)

    def filter(self) -> None:
        """Show the rows that match the search text (the grid's own header filters come on top)."""
        needle = self.search.value.strip().lower()
        frame = self.frame
        if needle:
            mask = frame.apply(lambda row: needle in " ".join(row.astype(str)).lower(), axis=1)
            frame = frame[mask]
        self.shown = frame
        self.grid.data = frame
        self.count.value = f"&nbsp;{len(frame)} van {len(self.frame)} stakeholders"

    # --- edits ----------------------------------------------------------------------------------

    def _cell_changed(self, cell: dict) -> None:
        column, value = cell["column"], str(cell["value"]).strip()
        ident = str(self.shown.index[cell["row"]])
        old = str(self.frame.at[ident, column])
        name = self.frame.at[ident, "naam"]
        where = f"Stakeholders › {name} › {column}"
        checked = self._checked(column, value)
        if isinstance(checked, str) and checked.startswith("!"):
            self.grid.set_cell_value(column, ident, old)
            self.planner.field_error(where, checked[1:])
            return
        if self.planner.edit(ops.UpdateStakeholder(ident, {column: checked}), where=where) is False:
            self.grid.set_cell_value(column, ident, old)
            return
        self.frame.at[ident, column] = checked
        if checked != value:
            self.grid.set_cell_value(column, ident, checked)

    def _checked(self, column: str, value: str) -> str:
        """The value to write, or "!why" when it is refused (in the screen's words)."""
        if column == "naam":
            return value if value else "!de naam mag niet leeg zijn."
        if column == "gemeente":
            value = value or voc.BOVENLOKAAL
            places = [voc.BOVENLOKAAL, *self.document.municipalities()]
            match = next((p for p in places if p.lower() == value.lower()), None)
            return match or f"!'{value}' is geen gemeente van de regio; kies uit: {', '.join(places)}."
        if column in CHOICES:
            if not value and column == "netwerkrol":
                return ""
            options = CHOICES[column]
            match = next((k for k, label in options.items() if value.lower() in (k.lower(), label.lower())), None)
            return match or f"!'{value}' kan niet; kies uit: {', '.join(options)}."
        if column == "subsector":
            return value
        return value

    def add(self) -> None:
        name = self.new_name.value.strip()
        if not name:
            self.planner.field_error("Stakeholders › nieuwe stakeholder › naam", "vul eerst een naam in.")
            return
        fields = {"gemeente": self.new_place.value} if self.new_place.value != voc.BOVENLOKAAL else {}
        ident = self.planner.edit(ops.AddStakeholder(name, self.new_category.value, self.new_involvement.value,
                                                     fields), where="Stakeholders › nieuwe stakeholder")
        if not ident:
            return
        record = {"naam": name, "categorie": self.new_category.value, "gemeente": self.new_place.value,
                  "betrokkenheid": self.new_involvement.value, "subsector": "", "netwerkrol": ""}
        self.frame.loc[ident] = [record[c] for c in COLUMNS]
        self.new_name.value = ""
        self.selected = ident
        self.filter()
        self.show_detail(ident)

    # --- one stakeholder ------------------------------------------------------------------------------

    def _cell_clicked(self, cell: dict) -> None:
        row = cell.get("primary_key_row", cell.get("row"))
        if isinstance(row, int) and 0 <= row < len(self.shown):
            self.show_detail(str(self.shown.index[row]))

    def show_detail(self, ident: str | None) -> None:
        self.selected = ident
        if ident is None:
            self.detail.children = []
            return
        record = next((r for r in self.document.stakeholders() if r.get("id") == ident), {})
        phases = CheckList(options=[(label, key) for key, label in voc.PHASES.items()],
                           value=tuple(record.get("fasen", [])), description="Fasen", columns=4)
        priorities = CheckList(options=[(p.get("titel", p["id"]), p["id"]) for p in self.document.priorities()],
                               value=tuple(record.get("prioriteiten", [])), description="Prioriteiten", columns=2)
        name = html.escape(str(record.get("naam", ident)))
        needs = NeedsList(record, lambda op: self.planner.edit(op, where=f"Stakeholders › {name} › noden"),
                          lambda: self.document)
        card = PartnerCardForm(record, lambda op: self.planner.edit(op, where=f"Stakeholders › {name} › partnerkaart"))
        partner = NetworkPartnerForm(record, lambda op: self.planner.edit(
            op, where=f"Stakeholders › {name} › netwerkpartner"), lambda: self.document)
        phases.observe(lambda c: self.planner.edit(ops.UpdateStakeholder(ident, {"fasen": list(c["new"])}),
                                                   where=f"Stakeholders › {name} › fasen"), "value")
        priorities.observe(lambda c: self.planner.edit(ops.UpdateStakeholder(
            ident, {"prioriteiten": list(c["new"])}), where=f"Stakeholders › {name} › prioriteiten"), "value")
        delete = w.Button(description="Verwijderen", icon="trash", button_style="danger")
        delete.add_class("igskit-stakeholder-verwijderen")
        delete.on_click(lambda _b: self.ask_delete(ident))
        self.confirm = w.VBox()
        self.detail.children = [w.HTML(f"<h4>{name}</h4>"), phases, priorities, needs, card, partner, delete,
                                self.confirm]
        self.detail_widgets = {"fasen": phases, "prioriteiten": priorities, "noden": needs, "partnerkaart": card,
                               "netwerkpartner": partner}

    def ask_delete(self, ident: str) -> None:
        """Delete at once when nothing refers to the stakeholder; otherwise say where and ask."""
        uses = [u for u in self.document.usages(ident) if not u.startswith("stakeholders")]
        if not uses:
            self.delete(ident, [])
            return
        where = "".join(f"<li>{html.escape(self.planner.screen_path(u))}</li>" for u in uses[:12])
        more = f"<li>… en nog {len(uses) - 12} plaatsen</li>" if len(uses) > 12 else ""
        yes = w.Button(description="Verwijderen en overal weghalen", button_style="danger")
        no = w.Button(description="Niet verwijderen")
        yes.add_class("igskit-bevestig-verwijderen")
        yes.on_click(lambda _b: self.delete(ident, uses))
        no.on_click(lambda _b: setattr(self.confirm, "children", []))
        self.confirm.children = [w.HTML(f"<p><b>{html.escape(str(self.frame.at[ident, 'naam']))}</b> wordt nog "
                                        f"gebruikt:</p><ul>{where}{more}</ul>"), w.HBox([yes, no])]

    def delete(self, ident: str, uses: list[str]) -> None:
        for operation in references_removed(self.document, ident):
            self.planner.edit(operation, where="Stakeholders › verwijderen")
        self.planner.edit(ops.DeleteStakeholder(ident), where="Stakeholders › verwijderen")
        self.frame = self.frame.drop(index=ident)
        self.selected = None
        self.filter()
        self.show_detail(None)


def references_removed(document, ident: str) -> list[ops.Operation]:
    """The edits that take a stakeholder out of every action's partners and every SWOT source."""
    edits: list[ops.Operation] = []
    for _kind, _code, node, _parent in document.walk_objectives():
        partners = [str(p) for p in node.get("partners", []) or []]
        if ident in partners:
            edits.append(ops.EditObjective(str(node["id"]), {"partners": [p for p in partners if p != ident]}))
    for quadrant in voc.SWOT_QUADRANTS:
        for item in document.swot_items(quadrant):
            sources = item.get("bronnen") or []
            kept = [s for s in sources if not (s.get("soort") == "stakeholder" and s.get("verwijzing") == ident)]
            if len(kept) != len(sources):
                edits.append(ops.EditSwotItem(str(item["id"]), sources=tuple(kept)))
    return edits

