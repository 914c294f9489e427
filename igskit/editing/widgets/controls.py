"""Controls for what a coördinator types: a checkbox list for multi-value fields, a Flemish amount field.

A ``SelectMultiple`` drops every other selected value on a plain click; a :class:`CheckList`
changes one value per click. A number field of the browser reads "9.000" as 9; an
:class:`AmountText` reads it as 9000 and refuses, at the field, anything that is not a number.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import traitlets

from igskit.editing.amounts import AmountError, format_amount, parse_number


class CheckList(w.Box):
    """A multi-value field as a list of checkboxes: a click changes one value, never the others.

    Same interface as ``SelectMultiple`` where the editors use it: ``options`` (values or
    (label, value) pairs) and ``value`` (a tuple); observe ``value`` for changes.
    """

    value = traitlets.Tuple()
    options = traitlets.List()

    def __init__(self, options=(), value=(), description: str = "", columns: int = 3, **_ignored: Any):
        self._boxes: list[tuple[Any, w.Checkbox]] = []
        self._syncing = False
        self._grid = w.GridBox(layout=w.Layout(grid_template_columns=f"repeat({columns}, minmax(0, 1fr))",
                                               max_height="180px", overflow="auto", width="100%"))
        label = w.HTML(f"<b>{html.escape(description)}</b>") if description else None
        super().__init__([c for c in (label, self._grid) if c is not None],
                         layout=w.Layout(flex_flow="column", width="100%"))
        self.options = list(options)
        self.value = tuple(value)

    @traitlets.observe("options")
    def _rebuild(self, _change=None) -> None:
        boxes = []
        for option in self.options:
            text, key = option if isinstance(option, tuple) else (str(option), option)
            box = w.Checkbox(value=key in self.value, description=str(text), indent=False,
                             layout=w.Layout(width="auto"))
            box.observe(lambda change, key=key: self._toggled(key, change["new"]), "value")
            boxes.append((key, box))
        for _key, old in self._boxes:
            old.close()
        self._boxes = boxes
        self._grid.children = [box for _key, box in boxes]

    @traitlets.observe("value")
    def _show_value(self, change) -> None:
        self._syncing = True
        try:
            for key, box in self._boxes:
                box.value = key in change["new"]
        finally:
            self._syncing = False

    def _toggled(self, key: Any, checked: bool) -> None:
        if self._syncing:
            return
        keys = [k for k, _box in self._boxes]
        chosen = set(self.value) | {key} if checked else set(self.value) - {key}
        self.value = tuple(sorted(chosen, key=lambda k: keys.index(k) if k in keys else len(keys)))

    def toggle(self, key: Any) -> None:
        """Click one checkbox (as a user would)."""
        box = dict(self._boxes)[key]
        box.value = not box.value


class AmountText(w.VBox):
    """A number field that reads what a Fleming types ("9.000", "9.000,50", "€ 9.000").

    Anything that is not a number is refused *at the field*: the field is marked and says why,
    and nothing is changed. ``on_amount(value)`` is called with the exact Decimal of a valid entry.
    """

    def __init__(self, value: Any = None, *, description: str = "", where: str = "", decimals: int = 2,
                 on_amount: Callable[[Any], Any] | None = None, width: str = "150px", optional: bool = False,
                 placeholder: str = ""):
        self.where, self.decimals, self.on_amount, self.optional = where, decimals, on_amount, optional
        self.text = w.Text(value=format_amount(value) if decimals else str(value or ""), description=description,
                           continuous_update=False, layout=w.Layout(width=width), placeholder=placeholder,
                           style={"description_width": "initial"})
        self.text.add_class("igskit-bedrag")
        self.error = w.HTML()
        self.amount = value
        self.text.observe(lambda change: self.typed(change["new"]), "value")
        super().__init__([self.text, self.error], layout=w.Layout(width="auto"))

    @property
    def value(self) -> Any:
        """The amount last taken (a Decimal), as a number field's ``value``."""
        return self.amount

    @value.setter
    def value(self, number: Any) -> None:
        """Type ``number`` into the field (a number, or text as a user types it)."""
        text = number if isinstance(number, str) else (format_amount(number) if self.decimals else str(number))
        if text == self.text.value:
            self.typed(text)
        else:
            self.text.value = text

    def typed(self, text: str) -> bool:
        """Read ``text`` as the user typed it; True when it was taken (an empty optional field is None)."""
        if self.optional and not text.strip():
            self.clear()
            self.amount = None
            if self.on_amount is not None:
                self.on_amount(None)
            return True
        try:
            value = parse_number(text, decimals=self.decimals)
        except AmountError as exc:
            self.refuse(str(exc))
            return False
        self.clear()
        self.amount = value
        if self.on_amount is not None:
            self.on_amount(value)
        shown = format_amount(value) if self.decimals else str(value)
        if shown != self.text.value:
            self.text.value = shown  # observed again: parses to the same value
        return True

    def refuse(self, message: str) -> None:
        self.text.add_class("igskit-fout")
        where = f"{self.where}: " if self.where else ""
        self.error.value = f"<div class='igskit-veldfout' style='color:#b71c1c'>{html.escape(where + message)}</div>"

    def clear(self) -> None:
        self.text.remove_class("igskit-fout")
        self.error.value = ""
