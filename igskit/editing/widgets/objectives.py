"""The objectives editor of step 03: the SD/OD/action tree, the chosen node's fields, add, move, delete.

The fields include the spreiding of an OD (an action without its own runs where its OD runs), the
needs an SD or OD answers (chosen by their text) and the indicators of an OD or action.

Its changes are the step's edit operations (:mod:`igskit.editing.operations.objectives`); the frame
(Opslaan, Herladen, Nota opnieuw maken) is :class:`~igskit.editing.widgets.kit.Editor`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing.operations import (
    AddObjective,
    DeleteObjective,
    EditObjective,
    MoveObjective,
    MoveObjectiveTo,
    Operation,
)
from igskit.editing.widgets.choosers import Names
from igskit.editing.widgets.controls import CheckList
from igskit.editing.widgets.indicators import IndicatorsList
from igskit.editing.widgets.kit import NONE, Editor, choices, set_multi, short
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc

NETWORK_LABEL = "hoort bij het netwerk vrijetijdsparticipatie (ook alles eronder)"


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
        self.up_button.on_click(lambda _b: self._reshape(MoveObjective(self.tree.value, -1)))
        self.down_button.on_click(lambda _b: self._reshape(MoveObjective(self.tree.value, 1)))
        self.delete_button.on_click(lambda _b: self.delete())
        self.move_button.on_click(lambda _b: self.move_target.value and self._reshape(
            MoveObjectiveTo(self.tree.value, self.move_target.value)))
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
                self.form_title, self.title_field, self.network, self.sd_fields, self.spread_box, self.needs_box,
                self.action_fields,
                self.indicators_box,
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
        self.inherits = w.Checkbox(description="waar de OD loopt", indent=False,
                                   tooltip="Zonder eigen spreiding loopt een actie waar haar OD loopt")
        self.all_municipalities = w.Checkbox(description="alle gemeenten", indent=False)
        self.spread = CheckList(description="Spreiding", options=doc.municipalities(), columns=4)
        self.years = CheckList(description="Jaren", options=doc.years(), columns=6)
        self.partner_options = [(short(n, 50), i) for i, n in doc.stakeholder_names().items()]
        self.partners = CheckList(description="Partners", options=self.partner_options, columns=3)
        watched = {"titel": self.title_field, "prioriteit": self.priority, "transversaal": self.transversal,
                   "regierol": self.directing_role, "actorrol": self.actor_role, "spreiding": self.spread,
                   "jaren": self.years, "partners": self.partners}
        for key, widget in watched.items():
            widget.observe(lambda change, key=key: self._change(key, change["new"]), "value")
        self.all_municipalities.observe(lambda _c: self._change("spreiding", None), "value")
        self.inherits.observe(lambda _c: self._change("spreiding", None), "value")
        self.network = w.Checkbox(description=NETWORK_LABEL,
                                  indent=False, layout=w.Layout(width="auto"))
        self.network.observe(lambda change: self._change("netwerk", change["new"] or None), "value")
        self.people = Names.stakeholders(doc)
        self.lead = w.Dropdown(description="Trekker", options=self.people.options(), style=style,
                               layout=w.Layout(width="560px"))
        self.lead.observe(lambda change: self._change("trekker", change["new"]), "value")
        self.need_names = Names.needs(doc)
        self.answers = w.TagsInput(allowed_tags=list(self.need_names.ident), allow_duplicates=False,
                                   placeholder="Kies de behoeften van stakeholders waarop dit antwoordt",
                                   layout=w.Layout(width="95%"))
        self.answers.observe(lambda change: self._change("beantwoordt_noden", self.need_names.ids(change["new"])),
                             "value")
        self.sd_fields = w.HBox([self.priority, self.transversal])
        self.spread_box = w.HBox([w.HTML("<b>Spreiding</b>", layout=w.Layout(width="110px")), self.inherits,
                                  self.all_municipalities, self.spread])
        self.needs_box = w.VBox([w.HTML("<b>Beantwoordt noden</b>"), self.answers])
        self.indicators_box = w.VBox()
        self.action_fields = w.VBox([self.directing_role, self.actor_role, self.lead, self.years, self.partners])

    def _network_parent(self, found) -> str | None:
        """The code of the SD or OD this node belongs to the network through, if any (it is inherited)."""
        parent_id = found.parent_id
        while parent_id:
            parent = self.document.locate(parent_id)
            if parent.node.get("netwerk"):
                return next(c for _k, c, n, _p in self.document.walk_objectives() if n is parent.node)
            parent_id = parent.parent_id
        return None

    def _show_indicators(self, found) -> None:
        """The indicators of the chosen OD or action (made anew for each choice)."""
        old = list(self.indicators_box.children)
        if found is None or found.kind == "sd":
            self.indicators_box.children = []
        else:
            ident = str(found.node["id"])
            code = next(c for _k, c, n, _p in self.document.walk_objectives() if n is found.node)
            self.indicators = IndicatorsList(self.document, ident, code, self.attempt,
                                             lambda: self.quiet(self._show_selected))
            self.indicators_box.children = [self.indicators]
        self._retired += old

    def _tree_options(self) -> list[tuple[str, str]]:
        indent = {"sd": "", "od": "\u00a0" * 6, "actie": "\u00a0" * 12}
        return [(f"{indent[kind]}{code}  {short(node.get('titel', ''), 100)}", str(node["id"]))
                for kind, code, node, _parent in self.document.walk_objectives()]

    def _show_selected(self) -> None:
        ident = self.tree.value
        found = self.document.locate(ident) if ident else None
        for widget in (self.title_field, self.network, self.up_button, self.down_button, self.delete_button):
            widget.disabled = found is None
        kind = found.kind if found else None
        self.sd_fields.layout.display = "flex" if kind == "sd" else "none"
        self.action_fields.layout.display = "flex" if kind == "actie" else "none"
        self.spread_box.layout.display = "flex" if kind in ("od", "actie") else "none"
        self.needs_box.layout.display = "flex" if kind in ("sd", "od") else "none"
        self.inherits.layout.display = "flex" if kind == "actie" else "none"
        self._show_indicators(found)
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
        self.network.value = bool(node.get("netwerk", False))
        via = self._network_parent(found)
        self.network.disabled = via is not None and not self.network.value
        self.network.description = (f"hoort bij het netwerk vrijetijdsparticipatie (via {via})" if via and
                                    not self.network.value else NETWORK_LABEL)
        if found.kind == "actie":
            lead = str(node.get("trekker", "") or "")
            self.lead.options = self.people.options(lead)
            self.lead.value = lead
        if found.kind in ("sd", "od"):
            chosen = self.need_names.labels(node.get("beantwoordt_noden") or [])
            self.answers.allowed_tags = [*self.need_names.ident, *(c for c in chosen if c not in self.need_names.ident)]
            self.answers.value = chosen
        if found.kind in ("od", "actie"):
            spread = node.get("spreiding")
            self.inherits.value = found.kind == "actie" and spread is None
            self.all_municipalities.value = spread in (None, voc.ALL_MUNICIPALITIES)
            set_multi(self.spread, self.document.municipalities(), list(spread) if isinstance(spread, list) else [])
            self.all_municipalities.disabled = self.inherits.value
            self.spread.disabled = self.all_municipalities.value or self.inherits.value
        if found.kind == "actie":
            self.directing_role.value = str(node.get("regierol", ""))
            self.actor_role.value = str(node.get("actorrol", ""))
            set_multi(self.years, self.document.years(), list(node.get("jaren", [])))
            set_multi(self.partners, self.partner_options, list(node.get("partners", [])))

    def _change(self, key: str, value: Any) -> None:
        if self._updating or not self.tree.value:
            return
        if key == "spreiding":
            inherits = self.inherits.value and self.document.locate(self.tree.value).kind == "actie"
            self.all_municipalities.disabled = inherits
            self.spread.disabled = self.all_municipalities.value or inherits
            value = None if inherits else (voc.ALL_MUNICIPALITIES if self.all_municipalities.value
                                           else list(self.spread.value))
        elif isinstance(value, tuple):
            value = list(value)
        elif key in ("netwerk", "trekker"):
            value = value or None  # unchecked or none chosen: the key leaves the file
        self.edit(EditObjective(self.tree.value, {key: value}))
        if key == "titel":
            self.quiet(self._refresh_tree)

    def _refresh_tree(self, select: str | None = None) -> None:
        current = select or self.tree.value
        self.tree.options = self._tree_options()
        ids = [value for _label, value in self.tree.options]
        self.tree.value = current if current in ids else (ids[0] if ids else None)
        self._show_selected()

    def _reshape(self, operation: Operation) -> None:
        """Move or reorder: the tree shows the new order, with the same node chosen."""
        if not self.tree.value:
            return
        selected, before = self.tree.value, self.document.dumps()
        self.edit(operation)
        if self.document.dumps() != before:
            self.quiet(lambda: self._refresh_tree(selected))

    def delete(self) -> None:
        """Delete the chosen node with everything under it (and the budget of its actions)."""
        if not self.tree.value:
            return
        removed = self.edit(DeleteObjective(self.tree.value))
        if removed:
            self.quiet(self._refresh_tree)
            self.say(f"Verwijderd (nog niet opgeslagen): {', '.join(removed)}, met hun budget.", "warning")

    def add(self, kind: str) -> str | None:
        """Add an SD, an OD (under the chosen SD) or an action (under the chosen OD)."""
        title = self.new_title.value.strip()
        if not title:
            self.say("Geef eerst een titel.", "error")
            return None
        parent = None if kind == "sd" else self._parent_for(kind)
        if kind != "sd" and parent is None:
            self.say(f"Kies eerst {'een SD' if kind == 'od' else 'een OD'} in de boom.", "error")
            return None
        ident = self.edit(AddObjective(kind, title, parent))
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
