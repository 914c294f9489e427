"""The planner's tab for the texts the coördinator writes: the vision, the nota's texts, the afsprakennota's.

Each text is one field; a change is one edit operation (:class:`~igskit.editing.operations.SetText`)
in the planner's session, saved with the others.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.params.schema import Agreement, NotaTexts

VISION = ((("visie", "tekst"), "Visie"), (("visie", "regierol"), "Visie op de regierol"))
NOTA = ((("nota", "titel"), "Titel van de nota"),)


def _texts_of(model, prefix: tuple[str, ...], titles: dict[str, str]) -> tuple:
    return tuple(((*prefix, info.alias), titles.get(info.alias, info.alias.replace("_", " ").capitalize()))
                 for info in model.model_fields.values() if info.annotation is str)


NOTA_TEXTS = _texts_of(NotaTexts, ("nota", "teksten"), {
    "notendop": "In een notendop", "behoeften_stakeholders": "Hoe spelen we in op de behoeften?",
    "positie_in_netwerk": "Positie in het netwerk", "samenhang_gemeenten": "Waarom deze gemeenten samen",
    "kansengroepen": "Kansengroepen", "kleine_projecten": "Kleine bovenlokale projecten",
    "haalbaarheid_en_verduurzaming": "Haalbaarheid en verduurzaming", "zakelijk_plan": "Zakelijk plan"})
AGREEMENT_TEXTS = _texts_of(Agreement, ("afsprakennota",), {
    "armoedeanalyse": "Kwalitatieve analyse van armoede", "drempels": "Drempels",
    "visie": "Visie op vrijetijdsparticipatie", "naam": "Naam van het netwerk",
    "visie_gedeeld": "Hoe de visie met de partners gedeeld werd"})


def value_at(data: Any, path: tuple[str, ...]) -> str:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return "" if data is None else str(data)


class TextsTab(w.VBox):
    """Text fields for ``groups`` of (path, title); long texts as text areas."""

    def __init__(self, planner: Any, groups: tuple[tuple[str, tuple], ...]):
        self.planner = planner
        self.groups = groups
        self.fields: dict[tuple[str, ...], w.Widget] = {}
        super().__init__()
        self.refresh()

    def refresh(self) -> None:
        document = self.planner.session.document
        children: list[w.Widget] = []
        for heading, texts in self.groups:
            children.append(w.HTML(f"<h4>{heading}</h4>"))
            for path, title in texts:
                long = path[-1] != "titel"
                widget = (w.Textarea if long else w.Text)(
                    value=value_at(document.doc, path), description=title, continuous_update=False,
                    style={"description_width": "220px"},
                    layout=w.Layout(width="95%", height="90px" if long else "auto"))
                widget.add_class("igskit-tekst-" + "-".join(path))
                widget.observe(lambda change, path=path, title=title: self.planner.edit(
                    ops.SetText(path, change["new"]), where=f"{heading_of(path)} › {title}"), "value")
                self.fields[path] = widget
                children.append(widget)
        self.children = children


def heading_of(path: tuple[str, ...]) -> str:
    return {"visie": "Visie", "nota": "Nota", "afsprakennota": "Afsprakennota"}.get(path[0], path[0])
