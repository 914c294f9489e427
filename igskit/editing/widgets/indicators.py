"""The monitoring indicators of an OD or an action (seed 004), as widgets for the objectives editor.

Per indicator: naam, eenheid, nulmeting (+ jaar), a streefwaarde per year of the period (empty: no
target that year) and bron. Numbers are typed the Flemish way (12,5) and refused at the field when
they are not numbers. The widgets only build the operations of :mod:`igskit.editing.operations.indicators`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from igskit.editing import operations as ops
from igskit.editing.widgets.controls import AmountText
from igskit.editing.widgets.kit import fixed
from igskit.params import vocabulary as voc

NO_YEAR = ("—", None)
KIND_OPTIONS = [("—", None), *((label, key) for key, label in voc.INDICATOR_KINDS.items())]


class IndicatorsList(w.VBox):
    """The indicators of one OD or action; ``apply`` returns False for a refused edit, ``rebuilt`` redraws."""

    def __init__(self, document: Any, objective: str, code: str, apply: Callable[[Any], Any],
                 rebuilt: Callable[[], None]):
        self.document, self.objective, self.apply, self.rebuilt = document, objective, apply, rebuilt
        node = document.locate(objective).node
        items = [item if isinstance(item, dict) else {"naam": str(item)} for item in node.get("indicatoren") or []]
        years = document.years()
        self.rows: list[dict[str, Any]] = []
        boxes: list[w.Widget] = []
        for i, item in enumerate(items):
            where = f"Doelstellingen › {code} › indicator {i + 1}"

            def change(field: str, value: Any, i: int = i) -> Any:
                return self.apply(lambda: ops.EditIndicator.at(self.document, objective, i, **{field: value}))

            targets = {int(k): v for k, v in (item.get("streefwaarden") or {}).items()}
            row: dict[str, Any] = {
                "naam": w.Text(value=str(item.get("naam", "")), description="Indicator", continuous_update=False,
                               style={"description_width": "80px"}, layout=w.Layout(width="60%")),
                "eenheid": w.Text(value=str(item.get("eenheid", "")), description="eenheid", continuous_update=False,
                                  style={"description_width": "initial"}, layout=fixed("180px")),
                "nulmeting": AmountText(item.get("nulmeting"), description="nulmeting", optional=True, width="190px",
                                        where=f"{where} › nulmeting", on_amount=lambda v, c=change: c("nulmeting", v)),
                "nulmeting_jaar": w.Dropdown(options=[NO_YEAR, *self._years(years, item.get("nulmeting_jaar"))],
                                             value=item.get("nulmeting_jaar"), description="in",
                                             style={"description_width": "initial"}, layout=fixed("120px")),
                "soort": w.Dropdown(options=KIND_OPTIONS, value=item.get("soort"), description="netwerk",
                                    tooltip="Wat de indicator meet voor het netwerk vrijetijdsparticipatie",
                                    style={"description_width": "initial"}, layout=fixed("300px")),
                "bron": w.Text(value=str(item.get("bron", "")), description="bron", continuous_update=False,
                               style={"description_width": "initial"}, layout=w.Layout(width="50%")),
                "streefwaarden": {year: AmountText(targets.get(year), description=str(year), optional=True,
                                                   width="130px", where=f"{where} › streefwaarde {year}",
                                                   on_amount=lambda _v, i=i: self.targets_changed(i))
                                  for year in years},
            }
            for field in ("naam", "eenheid", "nulmeting_jaar", "bron", "soort"):
                row[field].observe(lambda ch, field=field, c=change: c(field, ch["new"]), "value")
            delete = w.Button(description="Verwijderen", icon="trash", layout=fixed("120px"))
            delete.on_click(lambda _b, i=i: self.delete(i))
            row["verwijderen"] = delete
            self.rows.append(row)
            boxes.append(w.VBox([w.HBox([row["naam"], row["eenheid"], row["soort"], delete]),
                                 w.HBox([row["nulmeting"], row["nulmeting_jaar"], row["bron"]]),
                                 w.HBox([w.HTML("streefwaarden:", layout=fixed("100px")),
                                         *row["streefwaarden"].values()], layout=w.Layout(flex_flow="row wrap"))],
                                layout=w.Layout(border_bottom="1px solid #eee", padding="4px 0")))
        self.new_name = w.Text(placeholder="Wat je meet, bv. 'aantal deelnemers met kansentarief'",
                               layout=w.Layout(width="60%"))
        self.add_button = w.Button(description="Indicator toevoegen", icon="plus", button_style="success",
                                   layout=fixed("190px"))
        self.add_button.on_click(lambda _b: self.add())
        super().__init__([w.HTML(f"<b>Indicatoren</b> <small>(monitoring van {code})</small>"), *boxes,
                          w.HBox([self.new_name, self.add_button])])

    @staticmethod
    def _years(years: list[int], current: Any) -> list[tuple[str, int]]:
        around = sorted({*range(years[0] - 3, years[-1] + 1), *([int(current)] if current else [])})
        return [(str(y), y) for y in around]

    def targets_changed(self, index: int) -> None:
        boxes = self.rows[index]["streefwaarden"]
        targets = {year: box.amount for year, box in boxes.items() if box.amount is not None}
        self.apply(lambda: ops.EditIndicator.at(self.document, self.objective, index, streefwaarden=targets))

    def add(self) -> None:
        if self.apply(ops.AddIndicator(self.objective, self.new_name.value.strip())) is not False:
            self.rebuilt()

    def delete(self, index: int) -> None:
        if self.apply(lambda: ops.DeleteIndicator.at(self.document, self.objective, index)) is not False:
            self.rebuilt()
