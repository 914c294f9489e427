"""The working groups editor (seed 000 §2.2) with the reflection moments of the monitoring (seed 004).

One working group at a time: its name, the priority it works for, its trekker and members (chosen
from the stakeholders by name), its meetings and the SDs and ODs it proposed (chosen by code and
title). Below, the reflection moments, at least one a year. Its changes are the edit operations of
:mod:`igskit.editing.operations.groups`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.editing.widgets.choosers import Names, date_field, tags
from igskit.editing.widgets.kit import Editor, choices, fixed, short
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc
from igskit.params.reading import to_plain

PHASE_OPTIONS = [(label, key) for key, label in voc.WORKING_GROUP_PHASES.items()]
LABEL = {"description_width": "110px"}


class WorkingGroupsEditor(Editor):
    title = "Werkgroepen en reflectie bewerken"
    help_text = ("Een werkgroep of taskforce per prioriteit: wie trekt, wie doet mee, wanneer kwam ze samen en welke "
                 "doelstellingen stelde ze voor. Daaronder de reflectiemomenten: minstens één per jaar.")

    def __init__(self, *args: Any, **kwargs: Any):
        self.chosen: str | None = None
        super().__init__(*args, **kwargs)

    def _groups(self) -> list[dict]:
        return [to_plain(g) for g in self.document.doc.get("werkgroepen") or [] if isinstance(g, dict)]

    def _build(self) -> list[w.Widget]:
        doc = self.document
        self.people = Names.stakeholders(doc)
        self.proposals = Names.objectives(doc)
        self.priority_options = [(short(p.get("titel", p["id"]), 60), str(p["id"])) for p in doc.priorities()]
        groups = self._groups()
        ids = [str(g["id"]) for g in groups]
        if self.chosen not in ids:
            self.chosen = ids[0] if ids else None
        self.group_select = w.Dropdown(options=[(str(g.get("naam", g["id"])), str(g["id"])) for g in groups],
                                       value=self.chosen, description="Werkgroep", style=LABEL,
                                       layout=w.Layout(width="560px"))
        self.group_select.observe(lambda change: self.choose(change["new"]), "value")
        self.delete_group_button = w.Button(description="Werkgroep verwijderen", icon="trash", button_style="danger",
                                            layout=fixed("200px"), disabled=self.chosen is None)
        self.delete_group_button.on_click(lambda _b: self.delete_group())
        self.new_group = w.Text(placeholder="Naam van de nieuwe werkgroep", layout=fixed("320px"))
        self.new_priority = w.Dropdown(options=self.priority_options, layout=fixed("320px"))
        self.add_group_button = w.Button(description="Werkgroep toevoegen", icon="plus", button_style="success",
                                         layout=fixed("190px"))
        self.add_group_button.on_click(lambda _b: self.add_group())
        group = next((g for g in groups if g["id"] == self.chosen), None)
        return [w.HBox([self.group_select, self.delete_group_button]),
                self._group_form(group) if group else w.HTML("<i>Nog geen werkgroepen.</i>"),
                w.HBox([self.new_group, self.new_priority, self.add_group_button]),
                w.HTML("<h4>Reflectiemomenten</h4>"), *self._reflections()]

    def choose(self, ident: str | None) -> None:
        if self._updating:
            return
        self.chosen = ident
        self._show_body(self.quiet(self._build))

    # --- one working group ----------------------------------------------------------------------------

    def _group_form(self, group: dict) -> w.Widget:
        ident = str(group["id"])

        def change(field: str, value: Any) -> None:
            self.edit(ops.EditWorkingGroup(ident, {field: value}))

        self.group: dict[str, w.Widget] = {
            "naam": w.Text(value=str(group.get("naam", "")), description="Naam", continuous_update=False, style=LABEL,
                           layout=w.Layout(width="560px")),
            "prioriteit": w.Dropdown(options=choices(self.priority_options, group.get("prioriteit")),
                                     value=group.get("prioriteit"), description="Prioriteit", style=LABEL,
                                     layout=w.Layout(width="560px")),
            "trekker": w.Dropdown(options=self.people.options(group.get("trekker")),
                                  value=str(group.get("trekker", "") or ""), description="Trekker", style=LABEL,
                                  layout=w.Layout(width="560px")),
            "leden": tags(self.people, group.get("leden", []), lambda v: change("leden", v),
                          placeholder="Leden (stakeholders)"),
            "voorgesteld": tags(self.proposals, group.get("voorgesteld", []), lambda v: change("voorgesteld", v),
                                placeholder="Voorgestelde SD's en OD's"),
        }
        for field in ("naam", "prioriteit", "trekker"):
            self.group[field].observe(lambda ch, field=field: change(field, ch["new"]), "value")
        self.group["naam"].observe(lambda _c: self.quiet(self._rename_option), "value")
        return w.VBox([self.group["naam"], self.group["prioriteit"], self.group["trekker"],
                       w.HTML("<b>Leden</b>"), self.group["leden"], w.HTML("<b>Bijeenkomsten</b>"),
                       *self._meetings(ident, group.get("bijeenkomsten") or []),
                       w.HTML("<b>Voorgesteld</b> <small>(de SD's en OD's die uit de werkgroep kwamen)</small>"),
                       self.group["voorgesteld"]], layout=w.Layout(padding="4px 0 8px 0"))

    def _rename_option(self) -> None:
        groups = self._groups()
        self.group_select.options = [(str(g.get("naam", g["id"])), str(g["id"])) for g in groups]
        self.group_select.value = self.chosen

    def _meetings(self, group: str, meetings: list[dict]) -> list[w.Widget]:
        doc = self.document
        self.meetings: list[dict[str, w.Widget]] = []
        rows: list[w.Widget] = []
        for i, meeting in enumerate(meetings):
            def change(field: str, value: Any, i: int = i) -> None:
                self.edit(lambda: ops.EditMeeting.at(doc, group, i, **{field: value}))

            fields = {
                "datum": date_field(meeting.get("datum"), "", lambda v, c=change: c("datum", v), width="160px"),
                "fase": w.Dropdown(options=choices(PHASE_OPTIONS, meeting.get("fase")), value=meeting.get("fase"),
                                   layout=fixed("200px")),
                "wat": w.Text(value=str(meeting.get("wat", "")), continuous_update=False, layout=w.Layout(width="55%")),
            }
            for field in ("fase", "wat"):
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(lambda: ops.DeleteMeeting.at(doc, group, i)))
            fields["verwijderen"] = delete
            self.meetings.append(fields)
            rows.append(w.HBox(list(fields.values())))
        self.new_meeting_date = date_field(None, "", lambda _v: None, width="160px")
        self.new_meeting_phase = w.Dropdown(options=PHASE_OPTIONS, layout=fixed("200px"))
        self.new_meeting = w.Text(placeholder="Wat er gebeurde of gepland is", layout=w.Layout(width="45%"))
        self.add_meeting_button = w.Button(description="Bijeenkomst toevoegen", icon="plus", button_style="success",
                                           layout=fixed("200px"))
        self.add_meeting_button.on_click(lambda _b: self.add_meeting())
        return [*rows, w.HBox([self.new_meeting_date, self.new_meeting_phase, self.new_meeting,
                               self.add_meeting_button])]

    def add_meeting(self) -> Any:
        if self.new_meeting_date.value is None or not self.new_meeting.value.strip():
            self.say("Geef de datum van de bijeenkomst en wat er gebeurde.", "error")
            return None
        return self.structural(ops.AddMeeting(self.chosen, self.new_meeting_date.value, self.new_meeting_phase.value,
                                              self.new_meeting.value.strip()))

    def add_group(self) -> str | None:
        name = self.new_group.value.strip()
        if not name or not self.new_priority.value:
            self.say("Geef de nieuwe werkgroep een naam en kies haar prioriteit.", "error")
            return None
        ident = self.edit(ops.AddWorkingGroup(name, self.new_priority.value))
        if ident:
            self.chosen = ident
            self._show_body(self.quiet(self._build))
        return ident

    def delete_group(self) -> None:
        if self.chosen and self.attempt(ops.DeleteWorkingGroup(self.chosen)) is not False:
            self.chosen = None
            self._show_body(self.quiet(self._build))

    # --- reflection moments -----------------------------------------------------------------------------

    def _reflections(self) -> list[w.Widget]:
        doc = self.document
        years = doc.years()
        moments = [to_plain(m) for m in (doc.doc.get("monitoring") or {}).get("reflectiemomenten") or []]
        self.reflections: list[dict[str, w.Widget]] = []
        rows: list[w.Widget] = []
        for i, moment in enumerate(moments):
            def change(field: str, value: Any, i: int = i) -> None:
                self.edit(lambda: ops.EditReflection.at(doc, i, **{field: value}))

            fields = {
                "jaar": w.Dropdown(options=choices(years, moment.get("jaar")), value=moment.get("jaar"),
                                   layout=fixed("90px")),
                "datum": date_field(moment.get("datum"), "", lambda v, c=change: c("datum", v), width="160px"),
                "wat": w.Text(value=str(moment.get("wat", "")), continuous_update=False, layout=w.Layout(width="45%")),
                "met": tags(self.people, moment.get("met", []), lambda v, c=change: c("met", v), placeholder="Met wie",
                            width="30%"),
            }
            for field in ("jaar", "wat"):
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(lambda: ops.DeleteReflection.at(doc, i)))
            fields["verwijderen"] = delete
            self.reflections.append(fields)
            rows.append(w.HBox(list(fields.values()), layout=w.Layout(align_items="flex-start")))
        this_year = dt.date.today().year
        self.new_reflection_year = w.Dropdown(options=years, value=this_year if this_year in years else years[0],
                                              layout=fixed("90px"))
        self.new_reflection = w.Text(placeholder="Wat er gebeurt (bv. reflectiedag van de stuurgroep)",
                                     layout=w.Layout(width="50%"))
        self.add_reflection_button = w.Button(description="Reflectiemoment toevoegen", icon="plus",
                                              button_style="success", layout=fixed("230px"))
        self.add_reflection_button.on_click(lambda _b: self.add_reflection())
        return [*rows, w.HBox([self.new_reflection_year, self.new_reflection, self.add_reflection_button])]

    def add_reflection(self) -> Any:
        if not self.new_reflection.value.strip():
            self.say("Zeg wat er op het reflectiemoment gebeurt.", "error")
            return None
        return self.structural(ops.AddReflection(self.new_reflection_year.value, self.new_reflection.value.strip()))


def working_groups_editor(params_path: str | Path, *, show: bool = True) -> WorkingGroupsEditor:
    """Edit the working groups per priority and the reflection moments."""
    return display_editor(WorkingGroupsEditor(params_path), show)
