"""The afsprakennota editor (seed 004): the network's gemeenten, bevragingen, overleg structures, the ten
Arrow Roots domains of the samenwerking and the lokale netwerken that integrate.

The long texts of the afsprakennota (armoedeanalyse, drempels, visie, visie_gedeeld, naam) are in the
planner's texts tab; which objectives, actions, budget lines and partners belong to the network is
marked where they are edited (``netwerk``, ``netwerkpartner``). Its changes are the operations of
:mod:`igskit.editing.operations.network` and :class:`SetText`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.editing.widgets.choosers import Names, date_field, tags
from igskit.editing.widgets.kit import Editor, choices, fixed
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc
from igskit.params.reading import to_plain

LAST_INTEGRATION_YEAR = 2033  # the transition of the lokale netwerken ends in 2033 (seed 004)


class AgreementEditor(Editor):
    title = "Afsprakennota bewerken"
    help_text = ("Het netwerk vrijetijdsparticipatie: de deelnemende gemeenten, wat mensen in armoede vertelden, "
                 "de overlegstructuren, de samenwerking volgens Arrow Roots en de lokale netwerken die opgaan in "
                 "het bovenlokale netwerk. Welke doelstellingen, acties, partners en begrotingsregels bij het "
                 "netwerk horen, duid je aan waar je ze bewerkt.")

    def _build(self) -> list[w.Widget]:
        agreement = to_plain(self.document.doc.get("afsprakennota") or {})
        self.places = Names((p, p) for p in self.document.municipalities())
        return [w.HTML("<h4>Deelnemende gemeenten</h4>"), self._municipalities(agreement.get("gemeenten")),
                w.HTML("<h4>Bevragingen van mensen in armoede (deel 1)</h4>"),
                *self._surveys(agreement.get("bevragingen") or []),
                w.HTML("<h4>Overlegstructuren (deel 5)</h4>"), *self._meetings(agreement.get("overleg") or []),
                w.HTML("<h4>Samenwerking volgens Arrow Roots</h4><small>Leeg: dat domein is nog niet gedekt."
                       "</small>"), self._domains(agreement.get("samenwerking") or {}),
                w.HTML("<h4>Lokale netwerken die integreren</h4>"),
                *self._local_networks(agreement.get("lokale_netwerken") or [])]

    def _municipalities(self, spread: Any) -> w.Widget:
        spread = spread or voc.ALL_MUNICIPALITIES
        self.all_places = w.Checkbox(value=spread == voc.ALL_MUNICIPALITIES, description="alle gemeenten",
                                     indent=False, layout=fixed("160px"))
        self.chosen_places = tags(self.places, spread if isinstance(spread, list) else [],
                                  lambda v: self.edit(ops.SetAgreementMunicipalities(v or voc.ALL_MUNICIPALITIES)),
                                  placeholder="of kies de gemeenten die meedoen", width="70%")
        self.all_places.observe(lambda change: self.edit(ops.SetAgreementMunicipalities(
            voc.ALL_MUNICIPALITIES if change["new"] else self.places.ids(self.chosen_places.value)
            or voc.ALL_MUNICIPALITIES)), "value")
        return w.HBox([self.all_places, self.chosen_places])

    # --- bevragingen ------------------------------------------------------------------------------------

    def _surveys(self, surveys: list[dict]) -> list[w.Widget]:
        doc = self.document
        self.surveys: list[dict[str, w.Widget]] = []
        rows: list[w.Widget] = []
        for i, survey in enumerate(surveys):
            def change(field: str, value: Any, i: int = i) -> None:
                self.edit(lambda: ops.EditAgreementEntry.at(doc, "bevragingen", i, **{field: value}))

            places = survey.get("gemeenten")
            fields: dict[str, w.Widget] = {
                "wie": w.Text(value=str(survey.get("wie", "")), description="Wie", continuous_update=False,
                              layout=w.Layout(width="45%")),
                "hoe": w.Text(value=str(survey.get("hoe", "")), description="Hoe", continuous_update=False,
                              layout=fixed("260px")),
                "datum": date_field(survey.get("datum"), "Datum", lambda v, c=change: c("datum", v), width="230px"),
                "gemeenten": tags(self.places, places if isinstance(places, list) else [],
                                  lambda v, c=change: c("gemeenten", v or None), placeholder="Gemeenten (optioneel)"),
                "wat": w.Textarea(value=str(survey.get("wat", "")), description="Wat", continuous_update=False,
                                  placeholder="Wat het netwerk hoorde", layout=w.Layout(width="95%", height="60px")),
            }
            for field in ("wie", "hoe", "wat"):
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(lambda: ops.DeleteAgreementEntry.at(doc, "bevragingen", i)))
            fields["verwijderen"] = delete
            self.surveys.append(fields)
            rows.append(w.VBox([w.HBox([fields["wie"], fields["hoe"], fields["datum"], delete]), fields["gemeenten"],
                                fields["wat"]], layout=w.Layout(border_bottom="1px solid #eee", padding="4px 0")))
        self.new_survey_who = w.Text(placeholder="Wie (bv. ervaringsdeskundigen van De Schakel)",
                                     layout=w.Layout(width="40%"))
        self.new_survey_how = w.Text(placeholder="Hoe (bv. groepsgesprek)", layout=fixed("260px"))
        self.add_survey_button = w.Button(description="Bevraging toevoegen", icon="plus", button_style="success",
                                          layout=fixed("190px"))
        self.add_survey_button.on_click(lambda _b: self.structural(ops.AddAgreementEntry(
            "bevragingen", {"wie": self.new_survey_who.value.strip(), "hoe": self.new_survey_how.value.strip()})))
        return [*rows, w.HBox([self.new_survey_who, self.new_survey_how, self.add_survey_button])]

    # --- overleg structures -----------------------------------------------------------------------------

    def _meetings(self, meetings: list[dict]) -> list[w.Widget]:
        self.meetings: dict[str, dict[str, w.Widget]] = {}
        rows: list[w.Widget] = []
        for meeting in meetings:
            ident = str(meeting["id"])

            def change(field: str, value: Any, ident: str = ident) -> None:
                self.edit(ops.EditMeetingStructure(ident, {field: value}))

            fields: dict[str, w.Widget] = {
                "naam": w.Text(value=str(meeting.get("naam", "")), description="Naam", continuous_update=False,
                               layout=w.Layout(width="45%")),
                "frequentie": w.Text(value=str(meeting.get("frequentie", "")), description="Hoe vaak",
                                     continuous_update=False, layout=fixed("300px")),
                "wat": w.Textarea(value=str(meeting.get("wat", "")), description="Wat", continuous_update=False,
                                  layout=w.Layout(width="95%", height="48px")),
            }
            for field in fields:
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"),
                              tooltip="Verwijder het overleg (ook bij de partners die erin zitten)")
            delete.on_click(lambda _b, ident=ident: self.structural(ops.DeleteMeetingStructure(ident)))
            fields["verwijderen"] = delete
            self.meetings[ident] = fields
            rows.append(w.VBox([w.HBox([fields["naam"], fields["frequentie"],
                                        w.HTML(f"<small>id {html.escape(ident)}</small>", layout=fixed("160px")),
                                        delete]), fields["wat"]]))
        self.new_meeting = w.Text(placeholder="Naam van het nieuwe overleg", layout=w.Layout(width="40%"))
        self.add_meeting_button = w.Button(description="Overleg toevoegen", icon="plus", button_style="success",
                                           layout=fixed("190px"))
        self.add_meeting_button.on_click(lambda _b: self.structural(ops.AddMeetingStructure(
            self.new_meeting.value.strip())))
        return [*rows, w.HBox([self.new_meeting, self.add_meeting_button])]

    # --- Arrow Roots ------------------------------------------------------------------------------------

    def _domains(self, cooperation: dict) -> w.Widget:
        self.domains: dict[str, w.Textarea] = {}
        for key, label in voc.ARROW_ROOTS.items():
            area = w.Textarea(value=str(cooperation.get(key, "")), description=label, continuous_update=False,
                              style={"description_width": "170px"}, layout=w.Layout(width="95%", height="44px"))
            area.observe(lambda ch, key=key: self.edit(ops.SetText(("afsprakennota", "samenwerking", key), ch["new"])),
                         "value")
            self.domains[key] = area
        return w.VBox(list(self.domains.values()))

    # --- lokale netwerken -------------------------------------------------------------------------------

    def _local_networks(self, networks: list[dict]) -> list[w.Widget]:
        doc = self.document
        years = list(range(min(doc.years()[0] - 1, 2025), LAST_INTEGRATION_YEAR + 1))
        self.local_networks: list[dict[str, w.Widget]] = []
        rows: list[w.Widget] = []
        for i, local in enumerate(networks):
            def change(field: str, value: Any, i: int = i) -> None:
                self.edit(lambda: ops.EditAgreementEntry.at(doc, "lokale_netwerken", i, **{field: value}))

            fields: dict[str, w.Widget] = {
                "naam": w.Text(value=str(local.get("naam", "")), continuous_update=False, layout=w.Layout(width="45%")),
                "gemeente": w.Dropdown(options=choices(doc.municipalities(), local.get("gemeente")),
                                       value=local.get("gemeente"), layout=fixed("180px")),
                "integratie": w.Dropdown(options=choices(years, local.get("integratie")), value=local.get("integratie"),
                                         description="integreert in", style={"description_width": "initial"},
                                         layout=fixed("200px")),
            }
            for field in fields:
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(
                lambda: ops.DeleteAgreementEntry.at(doc, "lokale_netwerken", i)))
            fields["verwijderen"] = delete
            self.local_networks.append(fields)
            rows.append(w.HBox(list(fields.values())))
        self.new_local = w.Text(placeholder="Naam van het lokale netwerk", layout=w.Layout(width="40%"))
        self.new_local_place = w.Dropdown(options=doc.municipalities(), layout=fixed("180px"))
        self.new_local_year = w.Dropdown(options=years, value=years[-1], description="integreert in",
                                         style={"description_width": "initial"}, layout=fixed("200px"))
        self.add_local_button = w.Button(description="Lokaal netwerk toevoegen", icon="plus", button_style="success",
                                         layout=fixed("220px"))
        self.add_local_button.on_click(lambda _b: self.structural(ops.AddAgreementEntry("lokale_netwerken", {
            "naam": self.new_local.value.strip(), "gemeente": self.new_local_place.value,
            "integratie": self.new_local_year.value})))
        return [*rows, w.HBox([self.new_local, self.new_local_place, self.new_local_year, self.add_local_button])]


def agreement_editor(params_path: str | Path, *, show: bool = True) -> AgreementEditor:
    """Edit the afsprakennota's lists: gemeenten, bevragingen, overleg, Arrow Roots, lokale netwerken."""
    return display_editor(AgreementEditor(params_path), show)
