"""Choosing stakeholders, gemeenten and objectives by what a coördinator reads, never by their id.

A :class:`Names` maps ids to unique labels (a stakeholder's name, an SD/OD's code and title) and
back. :func:`tags` makes a ``TagsInput`` that offers only those labels (a value in the file that
is none of them is shown as it stands, so it can be removed); :func:`date_field` a date picker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as w

from igskit.editing.widgets.kit import NONE, short


class Names:
    """id -> a unique label, and back."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        pairs = list(pairs)
        counts: dict[str, int] = {}
        for _ident, label in pairs:
            counts[label] = counts.get(label, 0) + 1
        self.label = {ident: (label if counts[label] == 1 else f"{label} ({ident})") for ident, label in pairs}
        self.ident = {label: ident for ident, label in self.label.items()}

    @classmethod
    def stakeholders(cls, document) -> Names:
        return cls((ident, short(name, 70)) for ident, name in document.stakeholder_names().items())

    @classmethod
    def objectives(cls, document, kinds: tuple[str, ...] = ("sd", "od")) -> Names:
        return cls((str(node["id"]), f"{code} {short(node.get('titel', ''), 60)}")
                   for kind, code, node, _parent in document.walk_objectives() if kind in kinds)

    @classmethod
    def needs(cls, document) -> Names:
        """The stakeholders' needs by their text (and who has the need)."""
        from igskit.editing.operations.needs import need_list
        from igskit.errors import IgskitError

        if document.stakeholder_file() is None:
            records = document.stakeholders()
        else:  # kept in a CSV/XLSX: read through the validated plan
            try:
                plan = document.validate().plan
            except IgskitError:
                return cls([])
            records = [{"id": s.id, "naam": s.name, "noden": [{"id": n.id, "tekst": n.text} for n in s.need_items]}
                       for s in plan.stakeholder_list]
        return cls((need["id"], f"{short(need['tekst'], 70)} — {short(s.get('naam', s['id']), 40)}")
                   for s in records for need in need_list(s))

    def labels(self, idents: Iterable[Any]) -> list[str]:
        return [self.label.get(str(i), str(i)) for i in idents]

    def ids(self, labels: Iterable[str]) -> list[str]:
        return [self.ident.get(label, label) for label in labels]

    def options(self, current: Any = None, empty: bool = True) -> list[tuple[str, str]]:
        """Dropdown options (label, id); ``current`` is kept, marked, when it is not among them."""
        options = [(NONE, "")] if empty else []
        options += [(label, ident) for ident, label in self.label.items()]
        if current and str(current) not in self.label:
            options.append((f"{current} (ongeldig)", str(current)))
        return options


def tags(names: Names, values: Iterable[Any], on_change: Callable[[list[str]], Any], placeholder: str = "",
         width: str = "95%") -> w.TagsInput:
    """A list of ids shown as labels to choose from; ``on_change`` gets the ids."""
    chosen = names.labels(values)
    widget = w.TagsInput(value=chosen, allowed_tags=[*names.ident, *(c for c in chosen if c not in names.ident)],
                         allow_duplicates=False, placeholder=placeholder, layout=w.Layout(width=width))
    widget.observe(lambda change: on_change(names.ids(change["new"])), "value")
    return widget


def date_field(value: Any, description: str, on_change: Callable[[Any], Any], width: str = "250px") -> w.DatePicker:
    picker = w.DatePicker(value=value if value else None, description=description,
                          style={"description_width": "initial"}, layout=w.Layout(width=width))
    picker.observe(lambda change: on_change(change["new"]), "value")
    return picker
