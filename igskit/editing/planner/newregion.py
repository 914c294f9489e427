"""The planner's "Nieuwe regio": the form behind ``igskit nieuw``, with suggestions for gemeente names.

It writes ``params/<id>.yml`` exactly as ``igskit nieuw`` does (never over an existing file) and
opens it in the planner; a name that is not a current gemeente gets the fusion or the closest
names, in Dutch, under the form.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from igskit.editing.newregion import NewRegionError, create, split_names
from igskit.params import gemeenten


class NewRegionForm(w.VBox):
    """Name, gemeenten (typed or picked with suggestions), "Regio maken"; ``opened(path)`` after success."""

    def __init__(self, folder: Path, opened: Callable[[Path], None]):
        self.folder, self.opened = folder, opened
        self.name = w.Text(description="Naam", placeholder="bv. Cultuurregio Leie en Schelde",
                           layout=w.Layout(width="480px"))
        self.pick = w.Combobox(description="Gemeente", placeholder="typ de eerste letters …",
                               options=sorted(g.name for g in gemeenten.all_gemeenten()), ensure_option=False,
                               layout=w.Layout(width="360px"))
        self.add_button = w.Button(description="Toevoegen", icon="plus")
        self.names = w.Textarea(description="Gemeenten", placeholder="gescheiden door komma's",
                                layout=w.Layout(width="480px", height="70px"))
        self.create_button = w.Button(description="Regio maken", icon="check", button_style="success")
        self.message = w.HTML()
        for widget, css in ((self.name, "naam"), (self.names, "gemeenten"), (self.create_button, "maken")):
            widget.add_class(f"igskit-nieuw-{css}")
        self.add_button.on_click(lambda _b: self.add_pick())
        self.create_button.on_click(lambda _b: self.create())
        super().__init__([w.HTML("<h4>Nieuwe regio</h4><p>Geef de naam en de deelnemende gemeenten. igskit vult "
                                 "per gemeente het NIS-nummer, de referentieregio en het inwonertal in en zet "
                                 "overal 'IN TE VULLEN' waar jij nog iets schrijft.</p>"),
                          self.name, w.HBox([self.pick, self.add_button]), self.names, self.create_button,
                          self.message])

    def add_pick(self) -> None:
        found = gemeenten.find(self.pick.value) if self.pick.value.strip() else None
        if found is None:
            self.message.value = (f"<div style='color:#b71c1c'>'{html.escape(self.pick.value)}' is geen "
                                  "gemeente; kies een naam uit de suggesties.</div>")
            return
        names = split_names(self.names.value)
        if found.name not in names:
            self.names.value = ", ".join([*names, found.name])
        self.pick.value = ""
        self.message.value = ""

    def create(self) -> Path | None:
        try:
            result = create(self.name.value, split_names(self.names.value), self.folder)
        except NewRegionError as exc:
            self.message.value = ("<div style='color:#b71c1c'><pre style='white-space:pre-wrap'>"
                                  f"{html.escape(str(exc))}</pre></div>")
            return None
        self.message.value = f"<div style='color:#1b6e20'>{html.escape(result.message)}</div>"
        self.opened(result.params)
        return result.params
