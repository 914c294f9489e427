"""A stakeholder's needs and partnerkaart as widgets, shared by the stakeholder editor and the planner.

The widgets only build edit operations (:mod:`igskit.editing.operations.needs`) and hand them to
``apply``, which returns what the operation returned, or something false when it was refused
(the caller has already said why). A need is shown as its text with its id; its id never changes.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.editing.operations.needs import need_list

Apply = Callable[[ops.Operation], Any]
TRISTATE = [("— (niet ingevuld)", None), ("ja", True), ("nee", False)]
CARD_TEXTS = (("sterktes", "Sterktes", "Waar is de partner sterk in, wat heeft hij te bieden?"),
              ("beperkingen", "Beperkingen", "Waar botst hij op, wat zoekt hij?"),
              ("idee", "Idee", "Minstens één idee om samen te werken"))
CARD_FLAGS = (("bovenlokaal", "Bovenlokaal", "werkt de partner al over de gemeentegrenzen heen?"),
              ("grensverleggend", "Grensverleggend", "gaat de samenwerking over disciplines of grenzen heen?"))


class NeedsList(w.VBox):
    """The needs of one stakeholder: change a text, remove one, add one (it gets an id from its text)."""

    def __init__(self, stakeholder: dict, apply: Apply, document: Callable[[], Any]):
        self.ident = str(stakeholder["id"])
        self.apply, self.document = apply, document
        self._quiet = False
        self.rows: dict[str, w.Textarea] = {}
        self.delete_buttons: dict[str, w.Button] = {}
        self.new_text = w.Text(placeholder="Een nieuwe behoefte van deze stakeholder", layout=w.Layout(width="70%"))
        self.new_text.add_class("igskit-nieuwe-behoefte")
        self.add_button = w.Button(description="Behoefte toevoegen", icon="plus", button_style="success",
                                   layout=w.Layout(width="190px"))
        self.add_button.on_click(lambda _b: self.add())
        self.list = w.VBox()
        super().__init__([w.HTML("<b>Noden</b> <small>(wat deze partner van het IGS verwacht of nodig heeft; "
                                 "een doelstelling zegt op welke behoeften ze antwoordt)</small>"),
                          self.list, w.HBox([self.new_text, self.add_button])])
        self.show(stakeholder)

    def show(self, stakeholder: dict) -> None:
        rows: list[w.Widget] = []
        self.rows, self.delete_buttons = {}, {}
        for need in need_list(stakeholder):
            ident = need["id"]
            text = w.Textarea(value=need["tekst"], continuous_update=False, layout=w.Layout(width="70%", height="48px"))
            text.observe(lambda change, ident=ident: self.changed(ident, change), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=w.Layout(width="130px"),
                              tooltip="Verwijder deze behoefte (ook uit 'beantwoordt_noden' van de doelstellingen)")
            delete.on_click(lambda _b, ident=ident: self.delete(ident))
            self.rows[ident], self.delete_buttons[ident] = text, delete
            rows.append(w.HBox([text, w.HTML(f"<small style='color:#555'>id {html.escape(ident)}</small>",
                                             layout=w.Layout(width="auto", margin="0 6px")), delete]))
        self.list.children = rows or [w.HTML("<i>Nog geen noden opgetekend.</i>")]

    def _record(self) -> dict:
        return next((s for s in self.document().stakeholders() if s.get("id") == self.ident), {"id": self.ident})

    def changed(self, need: str, change: dict) -> None:
        if self._quiet:
            return
        if self.apply(ops.EditNeed(self.ident, need, change["new"])) is False:
            self._quiet = True
            self.rows[need].value = change["old"]  # the text in the file stays
            self._quiet = False

    def add(self) -> str | None:
        text = self.new_text.value.strip()
        ident = self.apply(ops.AddNeed(self.ident, text))
        if ident:
            self.new_text.value = ""
            self.show(self._record())
        return ident or None

    def delete(self, need: str) -> None:
        if self.apply(ops.DeleteNeed(self.ident, need)) is not False:
            self.show(self._record())


class PartnerCardForm(w.VBox):
    """The partnerkaart of *Bouw je netwerk uit*: sterktes, beperkingen, bovenlokaal, grensverleggend, idee."""

    def __init__(self, stakeholder: dict, apply: Apply):
        self.ident = str(stakeholder["id"])
        card = stakeholder.get("partnerkaart") or {}
        self.fields: dict[str, w.Widget] = {}
        style = {"description_width": "120px"}
        for key, label, hint in CARD_TEXTS:
            self.fields[key] = w.Textarea(value=str(card.get(key, "") or ""), description=label, placeholder=hint,
                                          continuous_update=False, style=style,
                                          layout=w.Layout(width="90%", height="48px"))
        for key, label, hint in CARD_FLAGS:
            self.fields[key] = w.Dropdown(options=TRISTATE, value=card.get(key), description=label, tooltip=hint,
                                          style=style, layout=w.Layout(width="320px"))
        for key, widget in self.fields.items():
            widget.observe(lambda change, key=key: apply(ops.SetPartnerCard(self.ident, {key: change["new"]})),
                           "value")
        order = ("sterktes", "beperkingen", "bovenlokaal", "grensverleggend", "idee")
        super().__init__([w.HTML("<b>Partnerkaart</b> <small>(Bouw je netwerk uit; alles optioneel)</small>"),
                          *(self.fields[key] for key in order)])


class NetworkPartnerForm(w.VBox):
    """A stakeholder's part in the network vrijetijdsparticipatie (``netwerkpartner``): whether it is a partner,
    what it brings and commits to in its own words, its roles, the overleg it sits in, trekker or not, and
    the gemeenten it covers (none chosen: its own gemeente)."""

    def __init__(self, stakeholder: dict, apply: Apply, document: Callable[[], Any]):
        self.ident, self.apply, self.document = str(stakeholder["id"]), apply, document
        super().__init__()
        self.show(stakeholder)

    def show(self, stakeholder: dict) -> None:
        from igskit.editing.widgets.choosers import Names, tags
        from igskit.editing.widgets.controls import CheckList
        from igskit.params import vocabulary as voc

        block = stakeholder.get("netwerkpartner")
        self.member = w.Checkbox(value=isinstance(block, dict), description="partner van het netwerk "
                                 "vrijetijdsparticipatie (afsprakennota)", indent=False, layout=w.Layout(width="auto"))
        self.member.observe(lambda change: self.joined(change["new"]), "value")
        self.fields: dict[str, w.Widget] = {}
        children: list[w.Widget] = [w.HTML("<b>Netwerkpartner</b>"), self.member]
        if isinstance(block, dict):
            doc = self.document()
            agreement = doc.doc.get("afsprakennota") or {}
            meetings = Names([*((str(m["id"]), str(m.get("naam", m["id"]))) for m in agreement.get("overleg") or []
                                if isinstance(m, dict) and "id" in m),
                              *((str(g["id"]), str(g.get("naam", g["id"]))) for g in doc.doc.get("werkgroepen") or []
                                if isinstance(g, dict) and "id" in g)])
            places = Names((p, p) for p in doc.municipalities())
            covers = block.get("voor_gemeenten")
            style = {"description_width": "120px"}
            self.fields = {
                "brengt": w.Textarea(value=str(block.get("brengt", "")), description="Brengt", style=style,
                                     placeholder="In de eigen woorden van de partner", continuous_update=False,
                                     layout=w.Layout(width="90%", height="54px")),
                "engageert": w.Textarea(value=str(block.get("engageert", "")), description="Engageert zich",
                                        style=style, continuous_update=False,
                                        layout=w.Layout(width="90%", height="54px")),
                "rollen": CheckList(options=[(label.split(":")[0], key) for key, label in voc.NETWORK_ROLES.items()],
                                    value=tuple(block.get("rollen", [])), description="Rollen", columns=5),
                "trekker": w.Checkbox(value=bool(block.get("trekker", False)), description="trekker van het netwerk",
                                      indent=False),
                "overleg": tags(meetings, block.get("overleg", []), lambda v: self.set("overleg", v),
                                placeholder="Overleg en werkgroepen waarin de partner zit"),
                "alle": w.Checkbox(value=covers == voc.ALL_MUNICIPALITIES, description="voor alle gemeenten",
                                   indent=False, layout=w.Layout(width="180px")),
                "voor_gemeenten": tags(places, covers if isinstance(covers, list) else [],
                                       lambda v: self.set("voor_gemeenten", v or None),
                                       placeholder="Voor welke gemeenten (leeg: de eigen gemeente)", width="70%"),
            }
            for key in ("brengt", "engageert", "rollen", "trekker"):
                self.fields[key].observe(lambda change, key=key: self.set(
                    key, list(change["new"]) if isinstance(change["new"], tuple) else change["new"]), "value")
            self.fields["alle"].observe(lambda change: self.set(
                "voor_gemeenten", voc.ALL_MUNICIPALITIES if change["new"] else
                (list(places.ids(self.fields["voor_gemeenten"].value)) or None)), "value")
            children += [self.fields["brengt"], self.fields["engageert"], self.fields["rollen"],
                         self.fields["trekker"], w.HTML("Overleg:"), self.fields["overleg"],
                         w.HBox([self.fields["alle"], self.fields["voor_gemeenten"]])]
        self.children = children

    def set(self, key: str, value: Any) -> Any:
        return self.apply(ops.SetNetworkPartner(self.ident, {key: value}))

    def joined(self, member: bool) -> None:
        """Become a partner (an empty block to fill in) or stop being one (the block is removed)."""
        if self.apply(ops.SetNetworkPartner(self.ident, partner=member)) is False:
            return
        self.show(next((s for s in self.document().stakeholders() if s.get("id") == self.ident), {"id": self.ident}))
