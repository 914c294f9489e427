"""Part 6 of the afsprakennota: the network's own meerjarenbegroting.

The network's budget is a selection of the plan's own budget lines, never a second budget:
income and cost lines with ``netwerk: true`` and the budgets of the network's actions. Every
amount comes from ``planning/budget.lines`` (indexation, per-year amounts, action years), so
the network's totals equal igskit's own numbers for those lines to the cent.
"""

from __future__ import annotations

import pandas as pd

from igskit.params.schema import Plan
from igskit.planning import budget
from igskit.planning.budget import COSTS, GROUPS, INCOME, euro
from igskit.planning.findings import Finding
from igskit.planning.markup import Markup, text
from igskit.planning.network import TOPIC


def lines(plan: Plan) -> list[budget.Line]:
    """The plan's budget lines that belong to the network, in the budget's order."""
    return [line for line in budget.lines(plan) if line.network]


def totals(plan: Plan) -> pd.DataFrame:
    """The network's income, costs and saldo per year, in cents."""
    years = plan.region.period.years
    own = lines(plan)
    income = {y: sum(line.amounts.get(y, 0) for line in own if line.side == INCOME) for y in years}
    costs = {y: sum(line.amounts.get(y, 0) for line in own if line.side == COSTS) for y in years}
    frame = pd.DataFrame({"inkomsten": income, "uitgaven": costs}, index=pd.Index(years, name="jaar"))
    frame["saldo"] = frame["inkomsten"] - frame["uitgaven"]
    return frame


def balanced(plan: Plan) -> bool:
    """Balanced when no year ends in a deficit."""
    return bool((totals(plan)["saldo"] >= 0).all())


def total_costs(plan: Plan) -> int:
    return int(totals(plan)["uitgaven"].sum())


def budget_table(plan: Plan) -> pd.DataFrame:
    """The network's meerjarenbegroting: a row per line, a column per year and a total."""
    years = plan.region.period.years
    own = lines(plan)
    rows = []

    def add(label, amounts: dict[int, int], bold: bool = False):
        fmt = (lambda s: Markup(f"**{text(s)}**")) if bold else (lambda s: s)
        rows.append({"Post": fmt(label), **{str(y): fmt(euro(amounts.get(y, 0))) for y in years},
                     "Totaal": fmt(euro(sum(amounts.get(y, 0) for y in years)))})

    for side, heading in ((INCOME, "Inkomsten"), (COSTS, "Uitgaven")):
        for line in (x for x in own if x.side == side):
            add(f"{GROUPS[line.group][1]}: {line.label}", line.amounts)
        add(f"Totaal {heading.lower()}", {y: sum(x.amounts.get(y, 0) for x in own if x.side == side) for y in years},
            bold=True)
    saldo = totals(plan)["saldo"]
    add("Saldo (+ reserve / − tekort)", {y: int(saldo[y]) for y in years}, bold=True)
    return pd.DataFrame(rows)


def summary_table(plan: Plan) -> pd.DataFrame:
    """Per year: income, costs, saldo and whether the year is balanced."""
    t = totals(plan)
    rows = [{"Jaar": str(y), "Inkomsten": euro(int(r.inkomsten)), "Uitgaven": euro(int(r.uitgaven)),
             "Saldo": euro(int(r.saldo)), "Resultaat": "tekort" if r.saldo < 0 else "in evenwicht"}
            for y, r in t.iterrows()]
    return pd.DataFrame(rows, columns=["Jaar", "Inkomsten", "Uitgaven", "Saldo", "Resultaat"])


def findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    own = lines(plan)
    key = "begroting.andere_inkomsten[].netwerk"
    if not any(line.side == INCOME for line in own):
        found.append(Finding(TOPIC, "blokkerend", "6. De begroting van het netwerk heeft nog geen inkomsten (de "
                             "netwerksubsidie, bijdragen van partners en gemeenten): zet 'netwerk: true' bij die "
                             "inkomstenregels.", key))
    if not any(line.side == COSTS for line in own):
        found.append(Finding(TOPIC, "blokkerend", "6. De begroting van het netwerk heeft nog geen uitgaven: budgetten "
                             "van netwerkacties, of personeel en werking met 'netwerk: true'.",
                             "begroting.personeel[].netwerk / werking[].netwerk"))
    t = totals(plan)
    short = [f"{y} ({euro(int(-t.loc[y, 'saldo']), symbol=True)})" for y in t.index if t.loc[y, "saldo"] < 0]
    if short:
        found.append(Finding(TOPIC, "blokkerend", "6. De begroting van het netwerk sluit met een tekort in "
                             + ", ".join(short) + "; elk jaar moet in evenwicht zijn.", key))
    elif own:
        found.append(Finding(TOPIC, "in orde", "6. De begroting van het netwerk is elk jaar in evenwicht.", key))
    return found
