"""The editors in the step notebooks: ipywidgets over :class:`~igskit.editing.ParamsDocument`.

Each editor reads the params file when it is built and writes it only when the user clicks
"Opslaan"; the file stays the one source of truth (rerun the cell and the editor shows what
is in the file). Every change goes through :mod:`igskit.editing`, so a save keeps comments,
refuses an invalid plan with the CLI's Dutch message and never overwrites someone else's
change. Under papermill the notebooks do not build editors at all (``show_editors=False``).

``stakeholder_editor``, ``swot_editor``, ``objectives_editor`` and ``budget_editor`` build,
display and return an editor; its widgets are attributes, so tests drive it like a user.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import display

from igskit import vocabulary as voc
from igskit.editing import ParamsDocument
from igskit.errors import IgskitError, SaveConflictError

ZONE_SHORT = {"besluitvorming": "besluitvorming", "visie-en-strategie": "visie en strategie",
              "informeren": "informeren"}
NONE = "—"
_COLORS = {"ok": "#1b6e20", "info": "#37474f", "warning": "#8a5300", "error": "#b71c1c"}


def _layout(width: str = "auto", **kwargs: Any) -> w.Layout:
    return w.Layout(width=width, **kwargs)


def _short(text: str, length: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _money(value: float) -> float:
    return round(float(value), 2)


def _set_multi(widget: w.SelectMultiple, options: list, values: list) -> None:
    """Show the values of a list field; values that are not among the options are kept, marked."""
    known = [option[1] if isinstance(option, tuple) else option for option in options]
    extra = [(f"{value} (ongeldig)", value) for value in values if value not in known]
    widget.options = [option if isinstance(option, tuple) else (str(option), option) for option in options] + extra
    widget.value = tuple(values)


def _choices(options: list, value: Any) -> list:
    """Dropdown options; a value in the file that is not one of them is shown, marked, so it can be fixed."""
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    if value is None or value in values:
        return list(options)
    return [*options, (f"{value} (ongeldig)", value)]


class Editor(w.VBox):
    """Common frame: title, the step's widgets, Opslaan / Herladen / Nota opnieuw maken, status."""

    title = ""
    help_text = ""

    def __init__(self, params_path: str | Path):
        self.path = Path(params_path).resolve()
        self.document: ParamsDocument | None = None
        self.message = ""  # the last status message as plain text
        self._updating = False
        self._run_thread: threading.Thread | None = None
        self._retired: list[w.Widget] = []  # widgets replaced by the last rebuild, closed at the next one
        self.save_button = w.Button(description="Opslaan", button_style="primary", icon="save",
                                    tooltip="Schrijf de wijzigingen naar het params-bestand")
        self.reload_button = w.Button(description="Herladen", icon="refresh",
                                      tooltip="Lees het bestand opnieuw in; niet-opgeslagen wijzigingen vervallen")
        self.rerun_button = w.Button(description="Nota opnieuw maken", icon="play", layout=_layout("190px"),
                                     tooltip="Voer alle stappen opnieuw uit en maak de nota, zoals 'igskit run'")
        self.save_button.add_class("igskit-save")
        self.reload_button.add_class("igskit-reload")
        self.rerun_button.add_class("igskit-rerun")
        self.status = w.HTML()
        self.progress = w.Output(layout=_layout("100%", max_height="240px", overflow="auto"))
        self.body = w.VBox()
        self.save_button.on_click(lambda _b: self.save())
        self.reload_button.on_click(lambda _b: self.reload())
        self.rerun_button.on_click(lambda _b: self.rerun())
        header = w.HTML(f"<h3 style='margin:0'>{html.escape(self.title)}</h3>"
                        f"<div style='color:#555'>{html.escape(self.help_text)}</div>")
        toolbar = w.HBox([self.save_button, self.reload_button, self.rerun_button])
        super().__init__([header, self.body, toolbar, self.status, self.progress])
        self.add_class("igskit-editor")
        self.reload(announce=False)

    # --- status -------------------------------------------------------------------------------

    def _say(self, text: str, kind: str = "info") -> None:
        self.message = text
        body = html.escape(text)
        if "\n" in text:
            body = f"<pre style='white-space:pre-wrap;margin:0;font-size:90%'>{body}</pre>"
        self.status.value = f"<div style='color:{_COLORS[kind]}'>{body}</div>"

    # --- file ---------------------------------------------------------------------------------

    def _show_body(self, children: list[w.Widget]) -> None:
        """Replace the step's widgets. The replaced ones are closed one rebuild later, not at once:
        the browser may still be loading their state (JupyterLab does that when it connects)."""
        old = list(self.body.children)
        self.body.children = children
        for widget in self._retired:
            _close(widget)
        self._retired = old

    def reload(self, announce: bool = True) -> None:
        """(Re)read the file and rebuild the widgets from it."""
        try:
            self.document = ParamsDocument(self.path)
        except IgskitError as exc:
            self.document = None
            self._show_body([])
            self._say(f"Kan {self.path.name} niet inlezen.\n{exc}", "error")
            self.save_button.disabled = True
            return
        self.save_button.disabled = False
        self._updating = True
        try:
            self._show_body(self._build())
        except (KeyError, TypeError, AttributeError, ValueError) as exc:  # a shape the widgets cannot show
            self._show_body([])
            self.save_button.disabled = True
            self._say(self._unshowable(exc), "error")
            return
        finally:
            self._updating = False
        if announce:
            self._say(f"Opnieuw ingelezen uit {self.path.name}: je ziet nu wat in het bestand staat.")
        else:
            self._say(f"Ingelezen uit {self.path}. Wijzig wat je wil en klik op 'Opslaan'.")

    def _unshowable(self, exc: Exception) -> str:
        try:
            self.document.validate()
        except IgskitError as problem:
            return f"De editor kan {self.path.name} niet tonen; los eerst deze fout op in het bestand.\n{problem}"
        return f"De editor kan {self.path.name} niet tonen ({type(exc).__name__}: {exc})."

    def save(self) -> bool:
        """Write the file; show what happened. True when the file is now up to date."""
        if self.document is None:
            return False
        try:
            result = self.document.save()
        except SaveConflictError as exc:
            self._say(str(exc), "error")
            return False
        except IgskitError as exc:
            self._say(f"Niet opgeslagen: de wijziging maakt het params-bestand ongeldig.\n{exc}", "error")
            return False
        if not result.written:
            self._say("Er was niets gewijzigd; het bestand is niet aangeraakt.")
        else:
            self._say(f"Opgeslagen om {result.saved_at:%H:%M}; een kopie van de vorige versie staat in "
                      f"{result.backup}. Voer het notebook opnieuw uit (of klik op 'Nota opnieuw maken') "
                      "om de gevolgen te zien.", "ok")
        return True

    def edit(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Apply one change to the document; a refused change is explained, never raised."""
        if self._updating or self.document is None:
            return None
        try:
            result = operation(*args, **kwargs)
        except (IgskitError, KeyError, ValueError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            self._say(f"Die wijziging kan niet: {reason}", "error")
            return None
        if self.document.changed_on_disk():
            self._say(f"Let op: {self.path.name} is intussen buiten deze editor gewijzigd. Opslaan zal weigeren; "
                      "klik op 'Herladen' om de nieuwe inhoud te zien.", "warning")
        else:
            self._say("Niet-opgeslagen wijzigingen: klik op 'Opslaan' om ze in het params-bestand te schrijven.",
                      "warning")
        return result

    def _quiet(self, function: Callable[[], Any]) -> Any:
        """Set widget values from the document without treating them as user edits."""
        previous, self._updating = self._updating, True
        try:
            return function()
        finally:
            self._updating = previous

    def structural(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """A change to the lists themselves (add, delete, move): apply it, then show the lists again."""
        if self.document is None:
            return
        before = self.document.dumps()
        self.edit(operation, *args, **kwargs)
        if self.document.dumps() != before:
            self._rebuild()

    def _rebuild(self) -> None:
        """Show the document again after a change to its lists (add, delete, move)."""
        self._show_body(self._quiet(self._build))

    # --- the whole pipeline -----------------------------------------------------------------------

    def rerun(self, wait: bool = False) -> threading.Thread | None:
        """Run the whole pipeline for this region (like ``igskit run``), with progress below."""
        if self._run_thread is not None and self._run_thread.is_alive():
            self._say("De nota wordt al gemaakt; even geduld.", "warning")
            return self._run_thread
        self.progress.clear_output()
        if self.document is not None and self.document.dirty:
            self.progress.append_stdout("Let op: niet-opgeslagen wijzigingen tellen niet mee; de nota wordt "
                                        "gemaakt uit het bestand zoals het nu is opgeslagen.\n")
        self.rerun_button.disabled = True
        self._say("De nota wordt gemaakt …")
        self._run_thread = threading.Thread(target=self._run_pipeline, daemon=True)
        self._run_thread.start()
        if wait:
            self._run_thread.join()
        return self._run_thread

    def _run_pipeline(self) -> None:
        from igskit import pipeline

        try:
            result = pipeline.run(self.path, progress=pipeline.Progress(
                write=lambda line: self.progress.append_stdout(line + "\n")))
        except IgskitError as exc:
            self._say(f"De nota kon niet gemaakt worden.\n{exc}", "error")
        except Exception as exc:  # noqa: BLE001 - shown to the user instead of a traceback in a thread
            self._say(f"De nota kon niet gemaakt worden door een onverwachte fout: {type(exc).__name__}: {exc}",
                      "error")
        else:
            if result.unchanged:
                self._say(f"Niets gewijzigd sinds versie {result.version.name}; de nota is dezelfde gebleven.", "ok")
            else:
                documents = ", ".join(str(p) for p in result.documents.values()) or "(geen documenten)"
                self._say(f"Klaar in {result.seconds:.0f} s: versie {result.version.name}. Documenten: {documents}",
                          "ok")
        finally:
            self.rerun_button.disabled = False

    # --- to be filled in per step ---------------------------------------------------------------------

    def _build(self) -> list[w.Widget]:
        raise NotImplementedError


def _close(widget: w.Widget) -> None:
    """Close a widget and everything inside it (frees the kernel side of widgets no longer shown)."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def _show(editor: Editor, show: bool) -> Editor:
    if show:
        display(editor)
    return editor


def rerun(params_path: str | Path):
    """Run the whole pipeline for one region from a notebook cell, printing progress (one call)."""
    from igskit import pipeline

    return pipeline.run(Path(params_path).resolve(), progress=pipeline.Progress())


# ============================================================================================
# Stakeholders
# ============================================================================================

class StakeholderRow:
    """The widgets of one stakeholder in the table."""

    def __init__(self, ident: str, record: dict, editor: StakeholderEditor):
        self.id = ident
        category = record.get("categorie")
        self.name = w.Text(value=str(record.get("naam", "")), continuous_update=False, layout=_layout("100%"))
        self.category = w.Dropdown(options=_choices(editor.category_options, category), value=category,
                                   layout=_layout("100%"))
        self.subsector = w.Dropdown(options=editor.subsector_options(category, record.get("subsector", "")),
                                    value=record.get("subsector", ""), layout=_layout("100%"))
        municipality = record.get("gemeente", voc.BOVENLOKAAL)
        self.municipality = w.Dropdown(options=_choices(editor.municipality_options, municipality),
                                       value=municipality, layout=_layout("100%"))
        involvement = record.get("betrokkenheid")
        self.involvement = w.Dropdown(options=_choices(editor.involvement_options, involvement), value=involvement,
                                      layout=_layout("100%"))
        self.delete_button = w.Button(description="Verwijderen", icon="trash", layout=_layout("120px"),
                                      tooltip=f"Verwijder {ident} uit het params-bestand")
        for widget, key in ((self.name, "naam"), (self.category, "categorie"), (self.subsector, "subsector"),
                            (self.municipality, "gemeente"), (self.involvement, "betrokkenheid")):
            widget.add_class(f"igskit-stakeholder-{key}")
            widget.observe(lambda change, key=key: editor.change_stakeholder(self, key, change["new"]), "value")
        self.delete_button.on_click(lambda _b: editor.delete_stakeholder(self.id))

    @property
    def widgets(self) -> list[w.Widget]:
        return [self.name, self.category, self.subsector, self.municipality, self.involvement, self.delete_button]


class StakeholderEditor(Editor):
    title = "Stakeholders bewerken"
    help_text = ("Naam, categorie (§1.1), gemeente en reliëf (§1.2) per stakeholder; kies hieronder een "
                 "stakeholder voor de details. Wijzigingen komen pas in het params-bestand na 'Opslaan'.")
    columns = "minmax(220px, 3fr) minmax(170px, 2fr) minmax(150px, 2fr) minmax(120px, 1fr) minmax(190px, 2fr) 120px"

    category_options = [(label, key) for key, label in voc.CATEGORIES.items()]
    involvement_options = [(f"{label} · {ZONE_SHORT[zone]}", key) for key, (zone, label) in voc.INVOLVEMENTS.items()]

    def subsector_options(self, category: str, current: str = "") -> list[tuple[str, str]]:
        options = [(NONE, "")] + [(s, s) for s in voc.SUBSECTORS.get(category or "", ())] + [("andere", "andere")]
        return _choices(options, current or None)

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
        header = [w.HTML(f"<b>{text}</b>") for text in ("Naam", "Categorie", "Subsector", "Gemeente",
                                                          "Betrokkenheid (reliëf)", "")]
        cells: list[w.Widget] = header
        for record in doc.stakeholders():
            row = StakeholderRow(str(record["id"]), record, self)
            self.rows[row.id] = row
            cells += row.widgets
        self.table = w.GridBox(cells, layout=w.Layout(grid_template_columns=self.columns, grid_gap="2px 6px",
                                                       max_height="480px", overflow="auto"))
        self.count = w.HTML(f"{len(self.rows)} stakeholders")
        return [self.count, self.table, self._details(), self._adder()]

    # --- details of one stakeholder ---------------------------------------------------------------

    def _details(self) -> w.Widget:
        doc = self.document
        names = [(_short(f"{r['naam']} ({r['id']})", 90), str(r["id"])) for r in doc.stakeholders()]
        self.detail_select = w.Dropdown(options=names, description="Details van", layout=_layout("60%"),
                                        style={"description_width": "90px"})
        self.phases = w.SelectMultiple(options=[(label, key) for key, label in voc.PHASES.items()], rows=4,
                                       description="Fasen", style={"description_width": "90px"})
        self.priorities = w.SelectMultiple(options=[(_short(p.get("titel", p["id"]), 50), str(p["id"]))
                                                    for p in doc.priorities()],
                                           rows=4, description="Prioriteiten", layout=_layout("420px"),
                                           style={"description_width": "90px"})
        roles = [(NONE, "")] + [(label, key) for key, label in voc.NETWORK_ROLES.items()]
        self.network_role = w.Dropdown(options=roles,
                                       description="Netwerkrol", layout=_layout("420px"),
                                       style={"description_width": "90px"})
        self.poverty_partner = w.Dropdown(options=[(NONE, "")] + [(label, key) for key, label in
                                                                   voc.POVERTY_PARTNERS.items()],
                                          description="Armoede", layout=_layout("420px"),
                                          style={"description_width": "90px"})
        self.needs = w.Textarea(description="Noden", continuous_update=False, layout=_layout("90%", height="70px"),
                                style={"description_width": "90px"})
        fields = {"fasen": self.phases, "prioriteiten": self.priorities, "netwerkrol": self.network_role,
                  "armoedepartner": self.poverty_partner, "noden": self.needs}
        for key, widget in fields.items():
            widget.observe(lambda change, key=key: self._change_detail(key, change["new"]), "value")
        self.detail_select.observe(lambda _c: self._quiet(self._show_detail), "value")
        self._quiet(self._show_detail)
        return w.VBox([w.HTML("<b>Details</b>"), self.detail_select,
                       w.HBox([self.phases, self.priorities]), self.network_role, self.poverty_partner, self.needs])

    def _show_detail(self) -> None:
        ident = self.detail_select.value
        record = next((r for r in self.document.stakeholders() if r.get("id") == ident), None) or {}
        self.phases.value = tuple(record.get("fasen", []))
        known = {value for _label, value in self.priorities.options}
        self.priorities.value = tuple(p for p in record.get("prioriteiten", []) if p in known)
        for widget, key, vocabulary in ((self.network_role, "netwerkrol", voc.NETWORK_ROLES),
                                        (self.poverty_partner, "armoedepartner", voc.POVERTY_PARTNERS)):
            value = record.get(key, "")
            widget.options = _choices([(NONE, "")] + [(label, k) for k, label in vocabulary.items()], value)
            widget.value = value
        self.needs.value = str(record.get("noden", ""))

    def _change_detail(self, key: str, value: Any) -> None:
        if self.detail_select.value is not None:
            self.edit(self.document.update_stakeholder, self.detail_select.value,
                      **{key: list(value) if isinstance(value, tuple) else value})

    # --- table edits ------------------------------------------------------------------------------

    def change_stakeholder(self, row: StakeholderRow, key: str, value: Any) -> None:
        if self._updating:
            return
        self.edit(self.document.update_stakeholder, row.id, **{key: value})
        if key == "categorie":
            record = next(r for r in self.document.stakeholders() if r.get("id") == row.id)

            def refresh() -> None:
                row.subsector.options = self.subsector_options(value, record.get("subsector", ""))
                row.subsector.value = record.get("subsector", "")

            self._quiet(refresh)
        if key == "naam":
            self._quiet(self._refresh_names)

    def _refresh_names(self) -> None:
        current = self.detail_select.value
        self.detail_select.options = [(_short(f"{r['naam']} ({r['id']})", 90), str(r["id"]))
                                      for r in self.document.stakeholders()]
        self.detail_select.value = current

    def delete_stakeholder(self, ident: str) -> None:
        uses = self.document.usages(ident)
        if self.edit(self.document.delete_stakeholder, ident) is None and ident in [
                r.get("id") for r in self.document.stakeholders()]:
            return
        self._rebuild()
        note = f" Let op: '{ident}' wordt nog genoemd in {', '.join(uses)}." if uses else ""
        self._say(f"'{ident}' verwijderd (nog niet opgeslagen).{note}", "warning")

    def _adder(self) -> w.Widget:
        self.new_name = w.Text(placeholder="Naam van de nieuwe stakeholder", layout=_layout("300px"))
        self.new_category = w.Dropdown(options=self.category_options, layout=_layout("230px"))
        self.new_involvement = w.Dropdown(options=self.involvement_options, layout=_layout("260px"))
        self.new_municipality = w.Dropdown(options=self.municipality_options, value=voc.BOVENLOKAAL,
                                           layout=_layout("150px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_button.on_click(lambda _b: self.add_stakeholder())
        return w.VBox([w.HTML("<b>Nieuwe stakeholder</b>"),
                       w.HBox([self.new_name, self.new_category, self.new_involvement, self.new_municipality,
                               self.add_button])])

    def add_stakeholder(self) -> str | None:
        name = self.new_name.value.strip()
        if not name:
            self._say("Geef eerst een naam voor de nieuwe stakeholder.", "error")
            return None
        ident = self.edit(self.document.add_stakeholder, name, self.new_category.value, self.new_involvement.value,
                          gemeente=self.new_municipality.value)
        if ident:
            self._rebuild()
            self._say(f"'{name}' toegevoegd met id '{ident}' (nog niet opgeslagen).", "warning")
        return ident


def stakeholder_editor(params_path: str | Path, *, show: bool = True) -> StakeholderEditor:
    """Edit the stakeholders of step 01 (table with category and relief dropdowns, details, add, delete)."""
    return _show(StakeholderEditor(params_path), show)


# ============================================================================================
# SWOT
# ============================================================================================

class SwotRow:
    def __init__(self, quadrant: str, item: dict, editor: SwotEditor):
        self.id = str(item["id"])
        self.text = w.Textarea(value=str(item.get("tekst", "")), continuous_update=False,
                               layout=_layout("100%", height="54px"))
        self.text.add_class("igskit-swot-tekst")
        sources = "; ".join(f"{voc.SWOT_SOURCE_KINDS.get(s.get('soort'), s.get('soort'))}: {s.get('verwijzing')}"
                            for s in item.get("bronnen", []))
        self.sources = w.HTML(f"<small style='color:#555'>{self.id} · bronnen: {html.escape(sources) or NONE}</small>")
        self.up_button = w.Button(description="Omhoog", icon="arrow-up", layout=_layout("100px"))
        self.down_button = w.Button(description="Omlaag", icon="arrow-down", layout=_layout("100px"))
        self.delete_button = w.Button(description="Verwijderen", icon="trash", layout=_layout("120px"))
        self.move_to = w.Dropdown(options=[("Verplaats naar …", "")] + [(label, key) for key, label in
                                                                         voc.SWOT_QUADRANTS.items() if key != quadrant],
                                  layout=_layout("170px"))
        self.text.observe(lambda change: editor.edit(editor.document.edit_swot_item, self.id, text=change["new"]),
                          "value")
        self.up_button.on_click(lambda _b: editor.structural(editor.document.move_swot_item, self.id, -1))
        self.down_button.on_click(lambda _b: editor.structural(editor.document.move_swot_item, self.id, 1))
        self.delete_button.on_click(lambda _b: editor.structural(editor.document.delete_swot_item, self.id))
        self.move_to.observe(lambda change: change["new"] and editor.structural(
            editor.document.move_swot_item, self.id, quadrant=change["new"]), "value")
        self.box = w.VBox([self.text, w.HBox([self.sources], layout=_layout(flex="1")),
                           w.HBox([self.up_button, self.down_button, self.move_to, self.delete_button])],
                          layout=w.Layout(border="1px solid #ddd", padding="4px", margin="2px 0"))


class SwotQuadrant:
    def __init__(self, quadrant: str, editor: SwotEditor):
        self.quadrant = quadrant
        self.rows = {str(item["id"]): SwotRow(quadrant, item, editor)
                     for item in editor.document.swot_items(quadrant)}
        self.new_text = w.Textarea(placeholder=f"Nieuw punt bij {voc.SWOT_QUADRANTS[quadrant].lower()}",
                                   layout=_layout("100%", height="54px"))
        self.new_source_kind = w.Dropdown(options=[("bron: geen", "")] + [(f"bron: {label}", key) for key, label in
                                                                           voc.SWOT_SOURCE_KINDS.items()],
                                          layout=_layout("200px"))
        self.new_source_ref = w.Text(placeholder="verwijzing (stakeholder-id, indicator, document …)",
                                     layout=_layout("340px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
        self.add_button.on_click(lambda _b: editor.add_item(self))
        self.box = w.VBox([row.box for row in self.rows.values()] + [
            w.HTML("<b>Nieuw punt</b>"), self.new_text,
            w.HBox([self.new_source_kind, self.new_source_ref, self.add_button])])


class SwotEditor(Editor):
    title = "SWOT bewerken"
    help_text = "Sterktes, zwaktes, kansen en bedreigingen: tekst aanpassen, toevoegen, verplaatsen of verwijderen."

    def _build(self) -> list[w.Widget]:
        self.quadrants = {q: SwotQuadrant(q, self) for q in voc.SWOT_QUADRANTS}
        selected = self.tabs.selected_index if hasattr(self, "tabs") else 0
        self.tabs = w.Tab([q.box for q in self.quadrants.values()],
                          titles=[f"{label} ({len(self.quadrants[key].rows)})"
                                  for key, label in voc.SWOT_QUADRANTS.items()])
        self.tabs.selected_index = selected or 0
        return [self.tabs]

    def add_item(self, quadrant: SwotQuadrant) -> str | None:
        text = quadrant.new_text.value.strip()
        if not text:
            self._say("Schrijf eerst de tekst van het nieuwe punt.", "error")
            return None
        sources = [{"soort": quadrant.new_source_kind.value, "verwijzing": quadrant.new_source_ref.value.strip()}] \
            if quadrant.new_source_kind.value and quadrant.new_source_ref.value.strip() else None
        ident = self.edit(self.document.add_swot_item, quadrant.quadrant, text, sources)
        if ident:
            self._rebuild()
            self._say(f"Punt '{ident}' toegevoegd (nog niet opgeslagen).", "warning")
        return ident


def swot_editor(params_path: str | Path, *, show: bool = True) -> SwotEditor:
    """Edit the SWOT of step 02: one tab per quadrant."""
    return _show(SwotEditor(params_path), show)


# ============================================================================================
# Objectives
# ============================================================================================

class ObjectivesEditor(Editor):
    title = "Doelstellingen bewerken"
    help_text = ("Kies een SD, OD of actie in de boom. De nummering volgt de volgorde; het id blijft, ook als je "
                 "een OD naar een andere SD verplaatst.")

    def _build(self) -> list[w.Widget]:
        doc = self.document
        self.tree = w.Select(options=self._tree_options(), rows=16, layout=_layout("100%"))
        self.tree.add_class("igskit-tree")
        self.up_button = w.Button(description="Omhoog", icon="arrow-up")
        self.down_button = w.Button(description="Omlaag", icon="arrow-down")
        self.delete_button = w.Button(description="Verwijderen", icon="trash", button_style="danger")
        self.move_target = w.Dropdown(description="Verplaats naar", layout=_layout("420px"),
                                      style={"description_width": "100px"})
        self.move_button = w.Button(description="Verplaatsen", icon="share")
        self.up_button.on_click(lambda _b: self._structural(doc.move_objective, self.tree.value, -1))
        self.down_button.on_click(lambda _b: self._structural(doc.move_objective, self.tree.value, 1))
        self.delete_button.on_click(lambda _b: self._delete())
        self.move_button.on_click(lambda _b: self.move_target.value and self._structural(
            doc.move_to, self.tree.value, self.move_target.value))

        style = {"description_width": "110px"}
        self.title_field = w.Textarea(description="Titel", continuous_update=False,
                                      layout=_layout("95%", height="54px"), style=style)
        self.priority_options = [(NONE, "")] + [(_short(p.get("titel", p["id"]), 60), str(p["id"]))
                                                for p in doc.priorities()]
        self.priority = w.Dropdown(description="Prioriteit", style=style, layout=_layout("480px"),
                                   options=self.priority_options)
        self.transversal = w.Checkbox(description="transversaal (geen eigen prioriteit)", indent=False)
        self.directing_role = w.Textarea(description="Regierol", continuous_update=False, style=style,
                                         layout=_layout("95%", height="54px"))
        self.actor_role = w.Textarea(description="Actorrol", continuous_update=False, style=style,
                                     layout=_layout("95%", height="54px"))
        self.all_municipalities = w.Checkbox(description="alle gemeenten", indent=False)
        self.spread = w.SelectMultiple(description="Spreiding", options=doc.municipalities(), rows=5, style=style)
        self.years = w.SelectMultiple(description="Jaren", options=doc.years(), rows=6, style=style)
        self.partner_options = [(_short(f"{n} ({i})", 70), i) for i, n in doc.stakeholder_names().items()]
        self.partners = w.SelectMultiple(description="Partners", options=self.partner_options, rows=6, style=style,
                                         layout=_layout("560px"))
        watched = {"titel": self.title_field, "prioriteit": self.priority, "transversaal": self.transversal,
                   "regierol": self.directing_role, "actorrol": self.actor_role, "spreiding": self.spread,
                   "jaren": self.years, "partners": self.partners}
        for key, widget in watched.items():
            widget.observe(lambda change, key=key: self._change(key, change["new"]), "value")
        self.all_municipalities.observe(lambda change: self._change("spreiding", None), "value")
        self.sd_fields = w.HBox([self.priority, self.transversal])
        self.action_fields = w.VBox([self.directing_role, self.actor_role,
                                     w.HBox([self.all_municipalities, self.spread, self.years]), self.partners])
        self.tree.observe(lambda _c: self._quiet(self._show_selected), "value")

        self.new_title = w.Text(placeholder="Titel van de nieuwe doelstelling of actie", layout=_layout("480px"))
        self.add_sd_button = w.Button(description="SD toevoegen", icon="plus", button_style="success")
        self.add_od_button = w.Button(description="OD toevoegen", icon="plus", button_style="success",
                                      tooltip="Onder de gekozen SD (of de SD van de gekozen OD of actie)")
        self.add_action_button = w.Button(description="Actie toevoegen", icon="plus", button_style="success",
                                          tooltip="Onder de gekozen OD (of de OD van de gekozen actie)")
        self.add_sd_button.on_click(lambda _b: self.add("sd"))
        self.add_od_button.on_click(lambda _b: self.add("od"))
        self.add_action_button.on_click(lambda _b: self.add("actie"))
        self.form_title = w.HTML()
        if self.tree.options:
            self.tree.value = self.tree.options[0][1]
        self._show_selected()
        return [self.tree,
                w.HBox([self.up_button, self.down_button, self.move_target, self.move_button, self.delete_button]),
                self.form_title, self.title_field, self.sd_fields, self.action_fields,
                w.HTML("<b>Toevoegen</b>"),
                w.HBox([self.new_title, self.add_sd_button, self.add_od_button, self.add_action_button])]

    def _tree_options(self) -> list[tuple[str, str]]:
        indent = {"sd": "", "od": "\u00a0" * 6, "actie": "\u00a0" * 12}
        return [(f"{indent[kind]}{code}  {_short(node.get('titel', ''), 100)}", str(node["id"]))
                for kind, code, node, _parent in self.document.walk_objectives()]

    def _show_selected(self) -> None:
        ident = self.tree.value
        found = self.document.locate(ident) if ident else None
        visible = found is not None
        for widget in (self.title_field, self.up_button, self.down_button, self.delete_button):
            widget.disabled = not visible
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
        targets = {"od": "sd", "actie": "od"}.get(found.kind)
        self.move_target.options = [("…", "")] + [
            (f"{c} {_short(n.get('titel', ''), 50)}", str(n["id"])) for k, c, n, _p in self.document.walk_objectives()
            if k == targets and str(n["id"]) != found.parent_id] if targets else []
        self.move_target.disabled = self.move_button.disabled = targets is None
        if found.kind == "sd":
            priority = str(node.get("prioriteit", ""))
            self.priority.options = _choices(self.priority_options, priority)
            self.priority.value = priority
            self.transversal.value = bool(node.get("transversaal", False))
        if found.kind == "actie":
            self.directing_role.value = str(node.get("regierol", ""))
            self.actor_role.value = str(node.get("actorrol", ""))
            spread = node.get("spreiding", voc.ALL_MUNICIPALITIES)
            self.all_municipalities.value = spread == voc.ALL_MUNICIPALITIES
            _set_multi(self.spread, self.document.municipalities(), list(spread) if isinstance(spread, list) else [])
            self.spread.disabled = self.all_municipalities.value
            _set_multi(self.years, self.document.years(), list(node.get("jaren", [])))
            _set_multi(self.partners, self.partner_options, list(node.get("partners", [])))

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
            self._quiet(self._refresh_tree)

    def _refresh_tree(self, select: str | None = None) -> None:
        current = select or self.tree.value
        self.tree.options = self._tree_options()
        ids = [value for _label, value in self.tree.options]
        self.tree.value = current if current in ids else (ids[0] if ids else None)
        self._show_selected()

    def _structural(self, operation: Callable[..., Any], *args: Any) -> None:
        if not self.tree.value:
            return
        selected = self.tree.value
        before = self.document.dumps()
        self.edit(operation, *args)
        if self.document.dumps() != before:
            self._quiet(lambda: self._refresh_tree(selected))

    def _delete(self) -> None:
        ident = self.tree.value
        if not ident:
            return
        removed = self.edit(self.document.delete_objective, ident)
        if removed:
            self._quiet(self._refresh_tree)
            self._say(f"Verwijderd (nog niet opgeslagen): {', '.join(removed)}, met hun budget.", "warning")

    def add(self, kind: str) -> str | None:
        title = self.new_title.value.strip()
        if not title:
            self._say("Geef eerst een titel.", "error")
            return None
        found = self.document.locate(self.tree.value) if self.tree.value else None
        if kind == "sd":
            ident = self.edit(self.document.add_sd, title)
        else:
            parent = self._parent_for(kind, found)
            if parent is None:
                wanted = "een SD" if kind == "od" else "een OD"
                self._say(f"Kies eerst {wanted} in de boom.", "error")
                return None
            add = self.document.add_od if kind == "od" else self.document.add_action
            ident = self.edit(add, parent, title)
        if ident:
            self.new_title.value = ""
            self._quiet(lambda: self._refresh_tree(ident))
            self._say(f"'{ident}' toegevoegd (nog niet opgeslagen).", "warning")
        return ident

    def _parent_for(self, kind: str, found) -> str | None:
        if found is None:
            return None
        if kind == "od":
            if found.kind == "sd":
                return str(found.node["id"])
            od_or_sd = self.document.locate(found.parent_id)
            return found.parent_id if od_or_sd.kind == "sd" else od_or_sd.parent_id
        if found.kind == "od":
            return str(found.node["id"])
        if found.kind == "actie":
            return found.parent_id
        return None


def objectives_editor(params_path: str | Path, *, show: bool = True) -> ObjectivesEditor:
    """Edit the objectives tree of step 03: add, edit, move between SDs, reorder, delete."""
    return _show(ObjectivesEditor(params_path), show)


# ============================================================================================
# Budget
# ============================================================================================

MODES = [("elk jaar", "bedrag"), ("per jaar", "per_jaar")]
ACTION_MODES = [("geen budget", ""), ("elk jaar van de actie", "bedrag"), ("per jaar", "per_jaar")]


class AmountRow:
    """One budget line: the same amount every year, or an amount per year."""

    def __init__(self, years: list[int], record: dict, modes: list[tuple[str, str]], css: str,
                 apply: Callable[[AmountRow], None], label: w.Widget, active_years: list[int] | None = None):
        self.label = label
        self.active_years = active_years or years
        per_year = {int(k): float(v) for k, v in (record.get("per_jaar") or {}).items()}
        mode = "per_jaar" if per_year else ("bedrag" if record.get("bedrag") is not None else modes[0][1])
        self.mode = w.Dropdown(options=modes, value=mode, layout=_layout("160px", flex="0 0 160px"))
        self.amount = w.FloatText(value=float(record.get("bedrag") or 0), layout=_layout("112px", flex="0 0 112px"))
        self.years = {y: w.FloatText(value=per_year.get(y, 0.0), description=str(y),
                                     style={"description_width": "34px"}, layout=_layout("112px", flex="0 0 112px"))
                      for y in years}
        self.amount.add_class(f"{css}-bedrag")
        for y, box in self.years.items():
            box.add_class(f"{css}-{y}")
        self.year_box = w.HBox(list(self.years.values()), layout=w.Layout(flex_flow="row wrap"))
        self.mode.observe(lambda _c: self._switch(apply), "value")
        self.amount.observe(lambda _c: apply(self), "value")
        for box in self.years.values():
            box.observe(lambda _c: apply(self), "value")
        self._show_mode()
        self.box = w.HBox([label, self.mode, self.amount, self.year_box], layout=w.Layout(align_items="center"))

    def _show_mode(self) -> None:
        self.amount.layout.display = "flex" if self.mode.value == "bedrag" else "none"
        self.year_box.layout.display = "flex" if self.mode.value == "per_jaar" else "none"

    def _switch(self, apply: Callable[[AmountRow], None]) -> None:
        """Changing the mode carries the amounts over: one amount becomes the same amount every year."""
        self._show_mode()
        self._holding = True
        if self.mode.value == "per_jaar" and not any(b.value for b in self.years.values()):
            for year, box in self.years.items():
                box.value = self.amount.value if year in self.active_years else 0.0
        elif self.mode.value == "bedrag" and not self.amount.value:
            self.amount.value = next((b.value for b in self.years.values() if b.value), 0.0)
        self._holding = False
        apply(self)

    @property
    def holding(self) -> bool:
        return getattr(self, "_holding", False)

    def value(self) -> dict[str, Any]:
        """What to write: {'amount': x} or {'per_year': {...}}, or {} for no budget."""
        if self.mode.value == "bedrag":
            return {"amount": _money(self.amount.value)}
        if self.mode.value == "per_jaar":
            return {"per_year": {y: _money(b.value) for y, b in self.years.items() if b.value}}
        return {}


class BudgetEditor(Editor):
    title = "Begroting bewerken"
    help_text = ("Bedragen in euro (punt als decimaalteken). 'elk jaar' geldt voor elk jaar van de periode (bij een "
                 "actie: elk jaar waarin de actie loopt); 'per jaar' geeft een bedrag per jaar.")

    def _build(self) -> list[w.Widget]:
        doc = self.document
        years = doc.years()
        per_inhabitant = doc.budget_value("gemeentelijke_bijdragen", "per_inwoner") or 0
        self.contribution = w.FloatText(value=float(per_inhabitant), description="Per inwoner (euro)",
                                        style={"description_width": "130px"}, layout=_layout("260px"))
        self.contribution.add_class("igskit-bijdrage-per-inwoner")
        self.contribution.observe(lambda change: self.edit(doc.set_contribution_per_inhabitant,
                                                           _money(change["new"])), "value")
        parts: list[w.Widget] = [w.HTML("<b>Gemeentelijke bijdrage</b>"), self.contribution]
        self.lines: dict[str, list[AmountRow]] = {}
        self.new_lines: dict[str, tuple[w.Text, w.Button]] = {}
        for section, heading in (("andere_inkomsten", "Andere inkomsten"), ("werking", "Werking")):
            self.lines[section] = []
            for i, record in enumerate(doc.amount_lines(section)):
                label = w.Text(value=str(record.get("omschrijving", "")), continuous_update=False,
                               layout=_layout("280px", flex="0 0 280px"))
                label.observe(lambda change, s=section, i=i: self.edit(doc.set_amount_line, s, i,
                                                                       label=change["new"]), "value")
                row = AmountRow(years, record, MODES, f"igskit-{section}-{i}",
                                lambda r, s=section, i=i: self._apply_line(s, i, r), label)
                row.delete_button = w.Button(description="Verwijderen", icon="trash",
                                             layout=_layout("120px", flex="0 0 120px"))
                row.delete_button.on_click(lambda _b, s=section, i=i: self.structural(doc.delete_amount_line, s, i))
                row.box.children = (*row.box.children, row.delete_button)
                self.lines[section].append(row)
            new_label = w.Text(placeholder=f"Nieuwe regel bij {heading.lower()}", layout=_layout("280px"))
            add_button = w.Button(description="Toevoegen", icon="plus", button_style="success")
            add_button.on_click(lambda _b, s=section, t=new_label: self._add_line(s, t.value))
            self.new_lines[section] = (new_label, add_button)
            parts += [w.HTML(f"<b>{heading}</b>"), *[r.box for r in self.lines[section]],
                      w.HBox([new_label, add_button])]
        parts += [w.HTML("<b>Personeel</b>"), *self._staff()]
        parts += [w.HTML("<b>Budget per actie</b>"), *self._actions(years)]
        return [w.VBox(parts)]

    def _add_line(self, section: str, label: str) -> None:
        if not label.strip():
            self._say("Geef eerst een omschrijving voor de nieuwe regel.", "error")
            return
        self.structural(self.document.add_amount_line, section, label.strip(), 0)

    def _apply_line(self, section: str, index: int, row: AmountRow) -> None:
        if not row.holding:
            self.edit(self.document.set_amount_line, section, index, **row.value())

    def _staff(self) -> list[w.Widget]:
        doc = self.document
        self.staff = []
        boxes = []
        for i, record in enumerate(doc.staff_lines()):
            role = w.Text(value=str(record.get("functie", "")), continuous_update=False, layout=_layout("280px"))
            fte = w.FloatText(value=float(record.get("vte", 0)), description="vte", layout=_layout("150px"),
                              style={"description_width": "40px"})
            cost = w.FloatText(value=float(record.get("kost_per_vte", 0)), description="kost per vte",
                               layout=_layout("230px"), style={"description_width": "90px"})
            fte.add_class(f"igskit-personeel-{i}-vte")
            cost.add_class(f"igskit-personeel-{i}-kost")
            role.observe(lambda c, i=i: self.edit(doc.set_staff_line, i, functie=c["new"]), "value")
            fte.observe(lambda c, i=i: self.edit(doc.set_staff_line, i, vte=round(c["new"], 2)), "value")
            cost.observe(lambda c, i=i: self.edit(doc.set_staff_line, i, kost_per_vte=_money(c["new"])), "value")
            self.staff.append({"functie": role, "vte": fte, "kost_per_vte": cost})
            boxes.append(w.HBox([role, fte, cost]))
        return boxes

    def _actions(self, years: list[int]) -> list[w.Widget]:
        doc = self.document
        self.actions: dict[str, AmountRow] = {}
        boxes = []
        for kind, code, node, _parent in doc.walk_objectives():
            if kind != "actie":
                continue
            ident = str(node["id"])
            record = doc.action_budget(ident) or {}
            label = w.HTML(f"<span title='{html.escape(str(node.get('titel', '')))}'>{code} "
                           f"{html.escape(_short(node.get('titel', ''), 34))}</span>",
                           layout=_layout("280px", flex="0 0 280px"))
            action_years = [int(y) for y in node.get("jaren", [])] or years
            row = AmountRow(years, record, ACTION_MODES, f"igskit-actie-{ident}",
                            lambda r, ident=ident: self._apply_action(ident, r), label, action_years)
            self.actions[ident] = row
            boxes.append(row.box)
        return boxes

    def _apply_action(self, ident: str, row: AmountRow) -> None:
        if not row.holding:
            self.edit(self.document.set_action_budget, ident, **row.value())


def budget_editor(params_path: str | Path, *, show: bool = True) -> BudgetEditor:
    """Edit the budget of step 04: contributions, other income, operations, staff and action budgets."""
    return _show(BudgetEditor(params_path), show)
