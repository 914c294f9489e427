"""The planner: one page where a regiocoördinator edits the whole plan of a region, without code.

A region chooser (the params files of ``params/``), the save bar (always in view) and one tab
per planning step, all over one :class:`~igskit.editing.session.EditSession` of the chosen
region. Served by Voilà (``igskit planner``); the page holds no code cells.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import ipywidgets as w

from igskit.editing.planner.newregion import NewRegionForm
from igskit.editing.planner.savebar import SaveBar, link_list, relative_url
from igskit.editing.planner.stakeholders import StakeholdersTab
from igskit.editing.planner.texts import AGREEMENT_TEXTS, NOTA, NOTA_TEXTS, VISION, TextsTab
from igskit.editing.session import EditSession
from igskit.editing.widgets.budget import BudgetEditor
from igskit.editing.widgets.objectives import ObjectivesEditor
from igskit.editing.widgets.swot import SwotEditor
from igskit.errors import IgskitError
from igskit.paths import PARAMS_DIR, outputs_dir

CSS = """<style>
.igskit-savebar { position: sticky; top: 0; z-index: 100; background: #fff; padding: 6px 0;
                  border-bottom: 1px solid #ccc; }
.igskit-fout input, .igskit-fout textarea, input.igskit-fout { border: 2px solid #b71c1c !important; }
.igskit-conflict { margin: 6px 0; padding: 6px; background: #fff8e1; }
.igskit-planner .lm-TabBar-tab, .igskit-planner .p-TabBar-tab { flex: 0 0 auto !important; min-width: 0; }
</style>"""

TAB_TITLES = ("Stakeholders", "Omgevingsanalyse & SWOT", "Visie & doelstellingen", "Begroting",
              "Nota & afsprakennota")
_SECTION_WORDS = {
    "regio": "Regio", "gemeenten": "Gemeenten", "stakeholders": "Stakeholders", "swot": "SWOT",
    "sterktes": "Sterktes", "zwaktes": "Zwaktes", "kansen": "Kansen", "bedreigingen": "Bedreigingen",
    "omgevingsanalyse": "Omgevingsanalyse", "visie": "Visie", "prioriteiten": "Prioriteiten",
    "doelstellingen": "Doelstellingen", "begroting": "Begroting", "werking": "Werking",
    "andere_inkomsten": "Andere inkomsten", "personeel": "Personeel", "acties": "Acties",
    "gemeentelijke_bijdragen": "Gemeentelijke bijdrage", "nota": "Nota", "teksten": "Teksten",
    "afsprakennota": "Afsprakennota", "planning": "Planning",
}
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
NEW_REGION = "__nieuwe-regio__"


class Planner(w.VBox):
    """The whole planner page; ``params_dir`` holds the regions' params files."""

    def __init__(self, params_dir: str | Path | None = None, outputs: Path | None = None):
        self.params_dir = Path(params_dir or os.environ.get("IGSKIT_PLANNER_PARAMS") or PARAMS_DIR).resolve()
        self.outputs = outputs or outputs_dir()
        self.session: EditSession | None = None
        self.tab_views: list[Any] = []
        self.region = w.Dropdown(description="Regio", options=self.regions(), layout=w.Layout(width="420px"))
        self.region.add_class("igskit-regio")
        self.region.observe(lambda change: self.open_region(change["new"]), "value")
        self.bar = SaveBar(self)
        self.notice = w.HTML()
        self.tabs = w.Tab()
        super().__init__([w.HTML(CSS), w.HTML("<h2 style='margin:4px 0'>igskit planner</h2>"), self.region,
                          self.bar, self.notice, self.tabs])
        self.add_class("igskit-planner")
        if self.region.value and self.region.value != NEW_REGION:
            self.open_region(self.region.value)
        elif self.region.value == NEW_REGION:
            self.new_region()
            self.notice.value = (f"<p>Er staan nog geen params-bestanden in {html.escape(str(self.params_dir))}: "
                                 "maak hieronder de eerste regio.</p>")
        else:
            self.notice.value = (f"<p>Er staan nog geen params-bestanden in {html.escape(str(self.params_dir))}. "
                                 "Maak er een met <code>igskit nieuw</code>.</p>")

    def regions(self) -> list[tuple[str, str]]:
        return [(path.stem, str(path)) for path in sorted(self.params_dir.glob("*.yml"))] + [
            ("Nieuwe regio …", NEW_REGION)]

    # --- the region and its tabs -----------------------------------------------------------------

    def open_region(self, path: str | Path) -> None:
        """Open a region: a fresh session; an invalid file shows what to fix instead of the tabs."""
        if path == NEW_REGION:
            self.new_region()
            return
        if self.session is not None and self.session.unsaved:
            self.bar.say(f"Let op: {self.session.unsaved} niet-opgeslagen wijziging(en) van "
                         f"{self.session.path.stem} zijn niet bewaard.", "warning")
        self.session = EditSession(path)
        self.bar.links.value = ""
        if self.session.problem is not None:
            self.show_problem()
            return
        self.notice.value = ""
        self.build_tabs()
        self.bar.update()
        self.bar.say(f"{self.session.path.name} geopend. Je wijzigingen worden bewaard als je op 'Opslaan' klikt.")

    def new_region(self) -> None:
        """The form of ``igskit nieuw``; the new file opens in the planner."""
        self.tabs.children = [NewRegionForm(self.params_dir, self.created)]
        self.tabs.set_title(0, "Nieuwe regio")
        self.tab_views = []
        self.notice.value = ""
        self.session = None
        self.bar.update()

    def created(self, path: Path) -> None:
        self.region.options = self.regions()
        self.region.value = str(path)  # opens it

    def show_problem(self) -> None:
        """The file cannot be read or is invalid: a Dutch explanation with the place to fix, never a traceback."""
        self.tabs.children = []
        retry = w.Button(description="Opnieuw inlezen", icon="refresh")
        retry.on_click(lambda _b: self.open_region(self.session.path))
        self.notice.value = ("<div style='color:#b71c1c'><p><b>Dit params-bestand kan niet geopend worden.</b> "
                             "Herstel het in een teksteditor (of JupyterLab) op de plaats die hieronder staat en "
                             "klik dan op 'Opnieuw inlezen'.</p><pre style='white-space:pre-wrap'>"
                             f"{html.escape(str(self.session.problem))}</pre></div>")
        self.tabs.children = [retry]
        self.tabs.set_title(0, "Herstellen")
        self.bar.update()

    def build_tabs(self) -> None:
        embedded = {"session": self.session, "on_change": self.bar.update, "say": self.editor_said}
        self.tab_views = [
            StakeholdersTab(self),
            SwotEditor(**embedded),
            TextsTab(self, (("Visie", VISION),)),
            ObjectivesEditor(**embedded),
            BudgetEditor(**embedded),
            TextsTab(self, (("Nota", NOTA + NOTA_TEXTS), ("Afsprakennota", AGREEMENT_TEXTS))),
        ]
        views = self.tab_views
        self.tabs.children = [views[0], views[1], w.VBox([views[2], views[3]]), views[4], views[5]]
        for index, title in enumerate(TAB_TITLES):
            self.tabs.set_title(index, title)

    def refresh_tabs(self) -> None:
        """Show the session as it is now (after an undo or a merge with a change on disk)."""
        for view in self.tab_views:
            if hasattr(view, "refresh"):
                view.refresh()
            else:
                view.reload(announce=False)

    # --- edits ------------------------------------------------------------------------------------

    def edit(self, operation, where: str = "") -> Any:
        """Apply one edit to the session; a refused edit is said at the field, never raised. False when refused."""
        try:
            result = self.session.apply(operation)
        except (IgskitError, KeyError, ValueError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
            self.field_error(where, str(reason))
            return False
        self.bar.update()
        self.bar.say(f"{operation.describe()} — nog niet opgeslagen.", "warning")
        return result

    def field_error(self, where: str, message: str) -> None:
        self.bar.say(f"{where}: {message}" if where else message, "error")

    def editor_said(self, text: str, kind: str) -> None:
        self.bar.update()
        self.bar.say(text, kind)

    def mark_fields(self, fields: list[str]) -> None:
        """Mark the text fields a refused save names (nota texts, vision); clear the others."""
        for view in self.tab_views:
            for path, widget in getattr(view, "fields", {}).items():
                if ".".join(path) in fields:
                    widget.add_class("igskit-fout")
                else:
                    widget.remove_class("igskit-fout")

    def screen_path(self, field: str) -> str:
        """A params field in the screen's words: "begroting.werking[2].bedrag" → "Begroting › Werking › … › bedrag".

        A list position becomes the item's name or title when it has one, else "regel N".
        """
        document = self.session.document if self.session else None
        parts = [m.group(1) or int(m.group(2)) for m in _PART.finditer(field)]
        words: list[str] = []
        node: Any = document.doc if document is not None else None
        for i, part in enumerate(parts):
            if isinstance(part, int):
                item = node[part - 1] if isinstance(node, list) and 0 < part <= len(node) else None
                name = item.get("naam") or item.get("titel") or item.get("omschrijving") or item.get("functie") \
                    if isinstance(item, dict) else None
                words.append(str(name) if name else f"regel {part}")
                node = item
            else:
                words.append(_SECTION_WORDS.get(part, part) if i < len(parts) - 1 else part)
                node = node.get(part) if isinstance(node, dict) else None
        return " › ".join(words)

    # --- what a run made -----------------------------------------------------------------------------

    def links(self, result) -> str:
        """Links to the documents of a run, served by Voilà from the outputs folder."""
        region_dir = result.version.path.parent.parent
        root = self.outputs
        names = [("nota (HTML)", "nota.html"), ("nota (Word)", "nota.docx"), ("nota (PDF)", "nota.pdf"),
                 ("werkversie (HTML)", "werkversie.html"), ("werkversie (PDF)", "werkversie.pdf"),
                 ("afsprakennota (HTML)", "afsprakennota.html"), ("afsprakennota (Word)", "afsprakennota.docx"),
                 ("afsprakennota (PDF)", "afsprakennota.pdf"),
                 ("afsprakennota, werkversie (PDF)", "afsprakennota-werkversie.pdf"),
                 ("begroting.xlsx", "begroting.xlsx"), ("stakeholders.xlsx", "stakeholders.xlsx")]
        links = [(text, relative_url(region_dir / name, root)) for text, name in names
                 if (region_dir / name).is_file()]
        report = change_report(result)
        if report is not None:
            links.append(("wijzigingen t.o.v. de vorige versie", relative_url(report, root)))
        return link_list(links)


def change_report(result) -> Path | None:
    """Write the change report of this version against the one before as HTML next to the nota."""
    from igskit.run import changes
    from igskit.run.versions import History

    version = result.version
    region_dir = version.path.parent.parent
    history = History(region_dir.name, region_dir.parent)
    earlier = [v for v in history.versions() if v.number < version.number]
    if not earlier:
        return None
    previous = earlier[-1]
    markdown = changes.report_markdown(changes.load_version_plan(previous), changes.load_version_plan(version),
                                       previous.name, version.name)
    import pypandoc

    target = region_dir / "wijzigingen.html"
    title = f"Wijzigingen van {previous.name} naar {version.name}"
    page = pypandoc.convert_text(markdown, "html5", format="markdown-raw_html-raw_attribute-raw_tex",
                                 extra_args=["--standalone", f"--metadata=title:{title}", "--metadata=lang:nl-BE"])
    from igskit.render.embedded import sanitise_html

    target.write_text(sanitise_html(page), encoding="utf-8")  # the same second wall as the nota
    return target
