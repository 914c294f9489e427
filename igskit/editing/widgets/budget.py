"""The budget editor of step 04: contribution, other income and operations lines, staff, action budgets.

Staff and werking lines also have their rol (regierol / actorrol) and their verdeling over the SDs
(percentages that must add up to 100); an action's budget has its rol.

Its changes are the step's edit operations (:mod:`igskit.editing.operations.budget`); the frame
(Opslaan, Herladen, Nota opnieuw maken) is :class:`~igskit.editing.widgets.kit.Editor`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing.operations import (
    AddAmountLine,
    DeleteAmountLine,
    SetActionBudget,
    SetActionRole,
    SetAmountLine,
    SetContribution,
    SetCostSplit,
    SetStaffLine,
)
from igskit.editing.widgets.allocation import CostSplit, role_dropdown
from igskit.editing.widgets.controls import AmountText
from igskit.editing.widgets.kit import Editor, fixed, short
from igskit.editing.widgets.kit import show as display_editor

MODES = [("elk jaar", "bedrag"), ("per jaar", "per_jaar")]
ACTION_MODES = [("geen budget", ""), ("elk jaar van de actie", "bedrag"), ("per jaar", "per_jaar")]
LABEL = fixed("280px")


class AmountRow:
    """One budget line: the same amount every year (``bedrag``), or an amount per year (``per_jaar``).

    Only the fields of the current way are in the row; the year fields are made when needed.
    """

    def __init__(self, editor: BudgetEditor, record: dict, modes: list, css: str, label: w.Widget,
                 apply: Callable[[AmountRow], None], active_years: list[int] | None = None,
                 extra: tuple[w.Widget, ...] = (), where: str = ""):
        kit = editor.kit
        self._kit, self._css, self._apply, self._extra, self._where = kit, css, apply, extra, where
        self._all_years = editor.document.years()
        self.active_years = active_years or self._all_years
        self._file_years = {int(k): v for k, v in (record.get("per_jaar") or {}).items()}
        self.holding = False
        self.label = label
        mode = "per_jaar" if self._file_years else ("bedrag" if record.get("bedrag") is not None else modes[0][1])
        self.mode = kit(w.Dropdown, options=modes, value=mode, layout=fixed("160px"))
        self.amount = AmountText(record.get("bedrag") or 0, where=f"{where} › bedrag", width="120px",
                                 on_amount=lambda _v: self._changed())
        self.amount.text.add_class(f"{css}-bedrag")
        self.years: dict[int, AmountText] = {}
        self.year_box: w.HBox | None = None
        if mode == "per_jaar":
            self._make_years()
        self.mode.observe(lambda _c: self._switch(), "value")
        self.box = kit(w.HBox, self._children(), layout={"align_items": "flex-start"})

    def _make_years(self) -> None:
        if self.years:
            return
        self.years = {y: AmountText(self._file_years.get(y, 0), description=str(y), width="150px",
                                    where=f"{self._where} › {y}", on_amount=lambda _v: self._changed())
                      for y in self._all_years}
        for year, box in self.years.items():
            box.text.add_class(f"{self._css}-{year}")
        self.year_box = self._kit(w.HBox, list(self.years.values()), layout={"flex_flow": "row wrap"})

    def _children(self) -> list[w.Widget]:
        shown = {"bedrag": [self.amount], "per_jaar": [self.year_box]}.get(self.mode.value, [])
        return [self.label, self.mode, *[x for x in shown if x is not None], *self._extra]

    def _switch(self) -> None:
        """Another way of budgeting: the amount carries over (one amount becomes that amount each year)."""
        self.holding = True
        if self.mode.value == "per_jaar":
            self._make_years()
            if not any(box.amount for box in self.years.values()):
                for year, box in self.years.items():
                    box.typed(str(self.amount.amount or 0) if year in self.active_years else "0")
        elif self.mode.value == "bedrag" and not self.amount.amount and self.years:
            self.amount.typed(str(next((box.amount for box in self.years.values() if box.amount), 0)))
        self.holding = False
        self.box.children = self._children()
        self._changed()

    def _changed(self) -> None:
        if not self.holding:
            self._apply(self)

    def value(self) -> dict[str, Any]:
        """What to write: {'amount': x}, {'per_year': {year: x}}, or {} for no budget."""
        if self.mode.value == "bedrag":
            return {"amount": self.amount.amount or 0}
        if self.mode.value == "per_jaar":
            return {"per_year": {y: box.amount for y, box in self.years.items() if box.amount}}
        return {}


class BudgetEditor(Editor):
    title = "Begroting bewerken"
    help_text = ("Bedragen in euro, zoals je ze gewoon schrijft: 9.000 of 9.000,50. 'elk jaar' geldt voor elk jaar van "
                 "de periode (bij een actie: elk jaar waarin de actie loopt); 'per jaar' geeft een bedrag per jaar.")

    def _build(self) -> list[w.Widget]:
        doc = self.document
        per_inhabitant = doc.budget_value("gemeentelijke_bijdragen", "per_inwoner") or 0
        self.contribution = AmountText(per_inhabitant, description="Per inwoner (euro)", width="260px",
                                       where="Begroting › Gemeentelijke bijdrage › per inwoner",
                                       on_amount=lambda value: self.edit(SetContribution(value)))
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
            label.observe(lambda change, i=i: self.edit(
                lambda: SetAmountLine.at(doc, section, i, label=change["new"])), "value")
            delete = kit(w.Button, description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(lambda: DeleteAmountLine.at(doc, section, i)))
            network = self._network_box(record)
            network.observe(lambda change, i=i: self.edit(
                lambda: SetAmountLine.at(doc, section, i, network=change["new"])), "value")
            heading = {"andere_inkomsten": "Andere inkomsten", "werking": "Werking"}[section]
            row = AmountRow(self, record, MODES, f"igskit-{section}-{i}", label,
                            lambda r, i=i: self.edit(lambda: SetAmountLine.at(doc, section, i, **r.value())),
                            extra=(network, delete), where=f"Begroting › {heading} › regel {i + 1}")
            row.delete_button, row.network = delete, network
            if section == "werking":
                row.split = CostSplit(doc, record, f"Begroting › Werking › regel {i + 1}",
                                      lambda i=i, **c: self.attempt(lambda: SetCostSplit.at(doc, "werking", i, **c)),
                                      kit)
            self.lines[section].append(row)
        return [w.VBox([row.box, row.split]) if hasattr(row, "split") else row.box for row in self.lines[section]]

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
        self.structural(AddAmountLine(section, label.strip(), 0))

    # --- staff and actions ---------------------------------------------------------------------------

    def _staff(self) -> list[w.Widget]:
        doc, kit = self.document, self.kit
        self.staff: list[dict[str, w.Widget]] = []
        for i, record in enumerate(doc.staff_lines()):
            where = f"Begroting › Personeel › regel {i + 1}"
            role = kit(w.Text, value=str(record.get("functie", "")), continuous_update=False, layout=LABEL)
            role.observe(lambda change, i=i: self.edit(lambda: SetStaffLine.at(doc, i, functie=change["new"])),
                         "value")
            fields = {
                "functie": role,
                "vte": AmountText(record.get("vte", 0), description="vte", width="150px", where=f"{where} › vte",
                                  on_amount=lambda value, i=i: self.edit(lambda: SetStaffLine.at(doc, i, vte=value))),
                "kost_per_vte": AmountText(record.get("kost_per_vte", 0), description="kost per vte", width="230px",
                                           where=f"{where} › kost per vte",
                                           on_amount=lambda value, i=i: self.edit(
                                               lambda: SetStaffLine.at(doc, i, kost_per_vte=value))),
                "netwerk": self._network_box(record),
            }
            fields["netwerk"].observe(lambda change, i=i: self.edit(
                lambda: SetStaffLine.at(doc, i, netwerk=change["new"] or None)), "value")
            fields["verdeling"] = CostSplit(doc, record, where, lambda i=i, **c: self.attempt(
                lambda: SetCostSplit.at(doc, "personeel", i, **c)), kit)
            self.staff.append(fields)
        return [w.VBox([self.kit(w.HBox, [f for k, f in fields.items() if k != "verdeling"]), fields["verdeling"]])
                for fields in self.staff]

    def _network_box(self, record: dict) -> w.Checkbox:
        """'netwerk': the line belongs to the network vrijetijdsparticipatie's own budget (afsprakennota)."""
        return self.kit(w.Checkbox, value=bool(record.get("netwerk", False)), description="netwerk", indent=False,
                        layout=fixed("90px"), tooltip="Hoort bij de begroting van het netwerk vrijetijdsparticipatie")

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
            record = doc.action_budget(ident) or {}
            role = role_dropdown(record.get("rol"), lambda value, ident=ident: self.edit(SetActionRole(ident, value)),
                                 kit)
            self.actions[ident] = AmountRow(
                self, record, ACTION_MODES, f"igskit-actie-{ident}", label,
                lambda r, ident=ident: self.edit(SetActionBudget(ident, **r.value())),
                [int(y) for y in node.get("jaren", [])], where=f"Begroting › Acties › {code}", extra=(role,))
            self.actions[ident].role = role
        return [row.box for row in self.actions.values()]


def budget_editor(params_path: str | Path, *, show: bool = True) -> BudgetEditor:
    """Edit the budget of step 04: contributions, other income, operations, staff and action budgets."""
    return display_editor(BudgetEditor(params_path), show)
