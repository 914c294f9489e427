"""The stappenplan editor (seed 001 "Van goesting naar doen"): the eleven steps, what each gemeente
committed to, the existing regional cooperations and the juridische vorm.

Its changes are the edit operations of :mod:`igskit.editing.operations.roadmap`; the frame (Opslaan,
Herladen, Nota opnieuw maken) is :class:`~igskit.editing.widgets.kit.Editor`.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.editing.widgets.choosers import Names, date_field, tags
from igskit.editing.widgets.kit import NONE, Editor, choices, fixed
from igskit.editing.widgets.kit import show as display_editor
from igskit.params import vocabulary as voc
from igskit.params.reading import to_plain

STATUS_OPTIONS = [(label, key) for key, label in voc.ROADMAP_STATUSES.items()]
KIND_OPTIONS = [(label, key) for key, label in voc.COOPERATION_KINDS.items()]
FORM_OPTIONS = [(NONE + " nog niet gekozen", "")] + [(label, key) for key, label in voc.LEGAL_FORMS.items()]
COMMITMENT_DATES = (("engagementsverklaring", "Engagementsverklaring (college)"),
                    ("gemeenteraadsbeslissing", "Beslissing gemeenteraad"),
                    ("goedkeuring_cultuurnota", "Cultuurnota goedgekeurd"))
COMMITMENT_FLAGS = (("bbc_doelstelling", "IGS in de BBC"), ("budget_voorzien", "budget voorzien"))


class RoadmapEditor(Editor):
    title = "Stappenplan bewerken"
    help_text = ("De elf stappen van 'Van goesting naar doen' (OP/TIL): per stap de status, de datum (klaar op, of "
                 "gepland voor), wat er gebeurde en met wie. Daaronder per gemeente het engagement, de bestaande "
                 "regionale samenwerkingen en de juridische vorm.")

    def _roadmap(self) -> dict:
        return to_plain(self.document.doc.get("stappenplan") or {})

    def _build(self) -> list[w.Widget]:
        roadmap = self._roadmap()
        self.people = Names.stakeholders(self.document)
        return [w.HTML("<h4>De elf stappen</h4>"), *self._steps(roadmap.get("stappen") or {}),
                w.HTML("<h4>Engagement per gemeente</h4>"), self._commitments(roadmap.get("gemeenten") or []),
                w.HTML("<h4>Bestaande regionale samenwerkingen (stap 2)</h4>"),
                *self._cooperations(roadmap.get("samenwerkingen") or []),
                w.HTML("<h4>Juridische vorm (stap 6 en 7)</h4>"), self._legal_form(roadmap.get("juridische_vorm"))]

    # --- the eleven steps -------------------------------------------------------------------------

    def _steps(self, steps: dict) -> list[w.Widget]:
        self.steps: dict[str, dict[str, w.Widget]] = {}
        rows = []
        for number, (key, title) in enumerate(voc.ROADMAP_STEPS.items(), start=1):
            step = steps.get(key) or {}

            def change(field: str, value: Any, key: str = key) -> None:
                self.edit(ops.SetRoadmapStep(key, {field: value}))

            fields = {
                "status": w.Dropdown(options=STATUS_OPTIONS, value=step.get("status", "te doen"), description="Status",
                                     style={"description_width": "initial"}, layout=w.Layout(width="190px")),
                "datum": date_field(step.get("datum"), "Datum", lambda v, c=change: c("datum", v)),
                "uiterlijk": date_field(step.get("uiterlijk"), "Uiterlijk", lambda v, c=change: c("uiterlijk", v)),
                "toelichting": w.Textarea(value=str(step.get("toelichting", "")), placeholder="Wat er gebeurde",
                                          continuous_update=False, layout=w.Layout(width="95%", height="48px")),
                "betrokken": tags(self.people, step.get("betrokken", []), lambda v, c=change: c("betrokken", v),
                                  placeholder="Met wie (stakeholders)"),
            }
            for field in ("status", "toelichting"):
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            fields["status"].add_class(f"igskit-stap-{key}")
            self.steps[key] = fields
            rows.append(w.VBox([w.HTML(f"<b>{number}. {html.escape(title)}</b>"),
                                w.HBox([fields["status"], fields["datum"], fields["uiterlijk"]]),
                                fields["toelichting"],
                                w.HBox([w.HTML("Met wie:", layout=fixed("70px")), fields["betrokken"]])],
                               layout=w.Layout(border_bottom="1px solid #eee", padding="4px 0")))
        return rows

    # --- per gemeente -----------------------------------------------------------------------------

    def _commitments(self, entries: list[dict]) -> w.Widget:
        by_name = {str(e.get("gemeente")): e for e in entries}
        self.commitments: dict[str, dict[str, w.Widget]] = {}
        cells: list[w.Widget] = [w.HTML("<b>Gemeente</b>")]
        cells += [w.HTML(f"<b>{label}</b>") for _key, label in (*COMMITMENT_DATES, *COMMITMENT_FLAGS)]
        for name in self.document.municipalities():
            entry = by_name.get(name, {})

            def change(field: str, value: Any, name: str = name) -> None:
                self.edit(ops.SetCommitment(name, {field: value}))

            fields: dict[str, w.Widget] = {}
            for key, _label in COMMITMENT_DATES:
                fields[key] = date_field(entry.get(key), "", lambda v, key=key, c=change: c(key, v), width="160px")
            for key, _label in COMMITMENT_FLAGS:
                fields[key] = w.Checkbox(value=bool(entry.get(key, False)), indent=False, layout=w.Layout(width="auto"))
                fields[key].observe(lambda ch, key=key, c=change: c(key, ch["new"]), "value")
            self.commitments[name] = fields
            cells += [w.HTML(html.escape(name)), *fields.values()]
        return w.GridBox(cells, layout=w.Layout(grid_template_columns="minmax(120px, 1fr) repeat(3, 170px) "
                                                                      "repeat(2, 120px)", grid_gap="2px 6px"))

    # --- existing cooperations --------------------------------------------------------------------

    def _cooperations(self, entries: list[dict]) -> list[w.Widget]:
        doc = self.document
        self.cooperations: list[dict[str, w.Widget]] = []
        places = doc.municipalities()
        everywhere = Names((p, p) for p in places)
        rows: list[w.Widget] = []
        for i, entry in enumerate(entries):
            def change(field: str, value: Any, i: int = i) -> None:
                self.edit(lambda: ops.EditCooperation.at(doc, i, **{field: value}))

            spread = entry.get("gemeenten", voc.ALL_MUNICIPALITIES)
            fields: dict[str, w.Widget] = {
                "soort": w.Dropdown(options=choices(KIND_OPTIONS, entry.get("soort")), value=entry.get("soort"),
                                    layout=fixed("260px")),
                "naam": w.Text(value=str(entry.get("naam", "")), continuous_update=False, layout=fixed("300px")),
                "stakeholder": w.Dropdown(options=self.people.options(entry.get("stakeholder")),
                                          value=str(entry.get("stakeholder", "") or ""), layout=fixed("260px")),
                "afspraak": w.Text(value=str(entry.get("afspraak", "")), placeholder="Hoe het IGS zich ertoe verhoudt",
                                   continuous_update=False, layout=w.Layout(width="95%")),
                "gemeenten": tags(everywhere, spread if isinstance(spread, list) else [],
                                  lambda v, c=change: c("gemeenten", v or voc.ALL_MUNICIPALITIES),
                                  placeholder="alle gemeenten (of kies gemeenten)"),
            }
            for field in ("soort", "naam", "stakeholder", "afspraak"):
                fields[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.structural(lambda: ops.DeleteCooperation.at(doc, i)))
            fields["verwijderen"] = delete
            self.cooperations.append(fields)
            rows.append(w.VBox([w.HBox([fields["soort"], fields["naam"], fields["stakeholder"], delete]),
                                fields["gemeenten"], fields["afspraak"]],
                               layout=w.Layout(border_bottom="1px solid #eee", padding="4px 0")))
        self.new_kind = w.Dropdown(options=KIND_OPTIONS, layout=fixed("260px"))
        self.new_cooperation = w.Text(placeholder="Naam van de samenwerking", layout=fixed("300px"))
        self.add_cooperation_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_cooperation_button.on_click(lambda _b: self.add_cooperation())
        return [*rows, w.HBox([self.new_kind, self.new_cooperation, self.add_cooperation_button])]

    def add_cooperation(self) -> int | None:
        name = self.new_cooperation.value.strip()
        if not name:
            self.say("Geef eerst een naam voor de samenwerking.", "error")
            return None
        index = self.structural(ops.AddCooperation(self.new_kind.value, name))
        return index

    # --- legal form -----------------------------------------------------------------------------------

    def _legal_form(self, form: dict | None) -> w.Widget:
        form = form or {}

        def change(field: str, value: Any) -> None:
            self.edit(ops.SetLegalForm({field: value}))

        style = {"description_width": "120px"}
        self.legal: dict[str, w.Widget] = {
            "vorm": w.Dropdown(options=choices(FORM_OPTIONS, form.get("vorm", "")), value=form.get("vorm", ""),
                               description="Vorm", style=style, layout=w.Layout(width="560px")),
            "naam": w.Text(value=str(form.get("naam", "")), description="Naam", continuous_update=False, style=style,
                           layout=w.Layout(width="560px")),
            "oprichtingsakte": date_field(form.get("oprichtingsakte"), "Oprichtingsakte",
                                          lambda v: change("oprichtingsakte", v)),
            "statuten": date_field(form.get("statuten"), "Statuten", lambda v: change("statuten", v)),
            "intern_reglement": date_field(form.get("intern_reglement"), "Intern reglement",
                                           lambda v: change("intern_reglement", v)),
            "toelichting": w.Textarea(value=str(form.get("toelichting", "")), description="Toelichting",
                                      continuous_update=False, style=style,
                                      layout=w.Layout(width="95%", height="54px")),
        }
        for field in ("vorm", "naam", "toelichting"):
            self.legal[field].observe(lambda ch, field=field: change(field, ch["new"]), "value")
        self.legal["vorm"].observe(lambda _c: self._show_body(self.quiet(self._build)), "value")
        legal = self.legal
        if not form.get("vorm"):
            return w.VBox([legal["vorm"], w.HTML("<i>Kies eerst de vorm; dan kun je de data invullen.</i>")])
        return w.VBox([legal["vorm"], legal["naam"],
                       w.HBox([legal["oprichtingsakte"], legal["statuten"], legal["intern_reglement"]]),
                       legal["toelichting"]])


def roadmap_editor(params_path: str | Path, *, show: bool = True) -> RoadmapEditor:
    """Edit the stappenplan: the eleven steps, the engagement per gemeente, cooperations, the legal form."""
    return display_editor(RoadmapEditor(params_path), show)
