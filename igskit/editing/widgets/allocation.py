"""A cost line's role (regierol / actorrol) and its split over the SDs, as widgets for the budget editor.

The shares are typed as percentages per SD (20, 25, 12,5 …). They are written only when they add up
to 100 % (or are all empty: the cost is then not allocated to an SD); any other sum is shown in
place, in red, and nothing is changed, so a broken split never reaches the file.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import ipywidgets as w

from igskit.editing.widgets.controls import AmountText
from igskit.editing.widgets.kit import fixed, short

ROLE_OPTIONS = [("regierol (het IGS zelf)", "regierol"), ("actorrol (in de gemeenten)", "actorrol")]
HUNDRED = Decimal(100)


def role_dropdown(value: Any, on_change: Callable[[str], Any], kit: Any = None) -> w.Dropdown:
    """The rol of a cost; with a :class:`~igskit.editing.widgets.kit.Kit` its layout and style are shared."""
    make = kit or (lambda cls, **kwargs: cls(**{**kwargs, "layout": w.Layout(**kwargs["layout"]),
                                                 "style": kwargs["style"]}))
    dropdown = make(w.Dropdown, options=ROLE_OPTIONS, value=value or "regierol", description="rol",
                    style={"description_width": "initial"}, layout=fixed("260px"))
    dropdown.observe(lambda change: on_change(change["new"]), "value")
    return dropdown


def percent(share: Any) -> Decimal:
    return (Decimal(str(share)) * HUNDRED).normalize()


class CostSplit(w.VBox):
    """``rol`` and ``verdeling`` of one staff or werking line; ``apply(role=…)`` / ``apply(allocation=…)``
    makes and applies the operation and returns False when it was refused."""

    def __init__(self, document: Any, record: dict, where: str, apply: Callable[..., Any], kit: Any = None):
        self.apply, self.where, self.document = apply, where, document
        self.allocation = {str(k): v for k, v in (record.get("verdeling") or {}).items()}
        self.role = role_dropdown(record.get("rol"), lambda value: self.apply(role=value), kit)
        self.shares: dict[str, AmountText] = {}
        self.error = w.HTML()
        self.total = w.HTML(self._summary(), layout=fixed("420px"))
        self.open_button = w.Button(description="verdeling aanpassen", icon="pencil", layout=fixed("190px"))
        self.open_button.on_click(lambda _b: self.unfold())
        self.row = w.HBox([self.role, self.total, self.open_button], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([self.row, self.error])

    def _summary(self) -> str:
        codes = {str(n["id"]): c for k, c, n, _p in self.document.walk_objectives() if k == "sd"}
        parts = [f"{codes.get(sd, sd)} {format(percent(share), 'f').replace('.', ',')} %"
                 for sd, share in self.allocation.items()]
        return "verdeling: " + (", ".join(parts) if parts else "niet over de SD's verdeeld")

    def unfold(self) -> None:
        """Show a percentage field per SD (made only when asked: a budget has many lines)."""
        if self.shares:
            return
        for kind, code, node, _parent in self.document.walk_objectives():
            if kind != "sd":
                continue
            ident = str(node["id"])
            share = self.allocation.get(ident)
            field = AmountText(percent(share) if share is not None else None, description=f"{code} %", optional=True,
                               width="120px", where=f"{self.where} › {code}", on_amount=lambda _v: self.changed())
            field.text.tooltip = short(str(node.get("titel", "")), 120)
            self.shares[ident] = field
        self.total.value = self._total_text()
        self.total.layout = fixed("150px")
        self.row.children = [self.role, w.HTML("verdeling over de SD's:", layout=fixed("170px")),
                             *self.shares.values(), self.total]

    def _sum(self) -> Decimal:
        return sum((f.amount for f in self.shares.values() if f.amount is not None), Decimal(0))

    def _total_text(self) -> str:
        return f"samen {format(self._sum().normalize(), 'f').replace('.', ',')} %"

    def changed(self) -> bool:
        """Write the split when it adds up to 100 % (or is empty); otherwise say so in place."""
        self.total.value = self._total_text()
        chosen = {sd: f.amount for sd, f in self.shares.items() if f.amount}
        total = self._sum()
        if chosen and total != HUNDRED:
            shown = format(total.normalize(), "f").replace(".", ",")
            self.error.value = (f"<div class='igskit-veldfout' style='color:#b71c1c'>{html.escape(self.where)} › "
                                f"verdeling: de aandelen tellen op tot {shown} %, niet tot 100 %. Pas ze aan (of maak "
                                "alle velden leeg); tot dan blijft de verdeling in het bestand zoals ze was.</div>")
            for field in self.shares.values():
                field.text.add_class("igskit-fout")
            return False
        self.error.value = ""
        for field in self.shares.values():
            field.text.remove_class("igskit-fout")
        allocation = {sd: value / HUNDRED for sd, value in chosen.items()}
        if self.apply(allocation=allocation) is False:
            return False
        self.allocation = allocation
        return True
