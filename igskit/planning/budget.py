"""Step 04: the meerjarenbegroting, in exact euro cents.

Every amount is an ``int`` of cents; rounding happens once, where an amount is derived
(per-inhabitant maths, indexation), with ROUND_HALF_UP. Funding rules are parameters with
their source and whether they are confirmed, never constants in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from igskit.params.schema import AmountLine, Plan
from igskit.planning import markup
from igskit.planning.findings import Finding
from igskit.planning.markup import Markup, plain_figures
from igskit.planning.objectives import find_objective, iter_actions, network_ids, number

INCOME, COSTS = "inkomsten", "uitgaven"
GROUPS = {
    "vlaams": (INCOME, "Vlaamse subsidie"),
    "gemeenten": (INCOME, "Gemeentelijke bijdragen"),
    "andere": (INCOME, "Andere inkomsten"),
    "personeel": (COSTS, "Personeel"),
    "werking": (COSTS, "Werking"),
    "acties": (COSTS, "Acties en projecten"),
}


def to_cents(amount: Decimal | int) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def euro(cents: int, symbol: bool = False) -> str:
    """12345678 -> '123.456,78' (Dutch separators)."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    text = f"{sign}{whole:,}".replace(",", ".") + f",{rest:02d}"
    return f"€ {text}" if symbol else text


@dataclass(frozen=True)
class Line:
    group: str  # key of GROUPS
    label: str
    amounts: dict[int, int] = field(default_factory=dict)  # year -> cents
    action: str | None = None
    network: bool = False  # belongs to the network vrijetijdsparticipatie's own budget (planning/network.py)

    @property
    def side(self) -> str:
        return GROUPS[self.group][0]

    def total(self) -> int:
        return sum(self.amounts.values())


@dataclass(frozen=True)
class SubsidyDerivation:
    """How the Flemish amount follows from the rules and the region's inhabitants."""

    inhabitants: int
    rate: Decimal
    by_rate: int
    minimum: int
    allowed: int
    requested: int

    @property
    def too_high(self) -> bool:
        return self.requested > self.allowed


def subsidy_derivation(plan: Plan) -> SubsidyDerivation:
    rules = plan.budget.rules
    inhabitants = plan.region.inhabitants
    by_rate = to_cents(rules.max_per_inhabitant.value * inhabitants)
    minimum = to_cents(rules.minimum_subsidy.value)
    allowed = max(by_rate, minimum)
    asked = plan.budget.flemish_subsidy
    requested = allowed if asked == "maximum" else to_cents(asked)
    return SubsidyDerivation(inhabitants, rules.max_per_inhabitant.value, by_rate, minimum, allowed, requested)


def contributions(plan: Plan) -> dict[str, int]:
    """Each gemeente's yearly contribution in cents: a per-inhabitant rate, a fixed amount, or both."""
    base = plan.budget.contributions
    exceptions = {c.municipality: c for c in base.exceptions}
    result = {}
    for m in plan.region.municipalities:
        exc = exceptions.get(m.name)
        rate = exc.per_inhabitant if exc and exc.per_inhabitant is not None else base.per_inhabitant
        fixed = exc.fixed if exc and exc.fixed is not None else base.fixed
        result[m.name] = to_cents(rate * m.inhabitants) + to_cents(fixed)
    return result


def _indexed(base_cents: int, rate: Decimal, steps: int) -> int:
    return int((Decimal(base_cents) * (1 + rate) ** steps).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _amount_line(group: str, line: AmountLine, years: list[int], rate: Decimal) -> Line:
    if line.per_year:
        amounts = {y: to_cents(line.per_year[y]) for y in years if y in line.per_year}
    else:
        base = to_cents(line.amount)
        amounts = {y: _indexed(base, rate, i) if line.indexed else base for i, y in enumerate(years)}
    return Line(group, line.label, amounts, network=line.network)


def lines(plan: Plan) -> list[Line]:
    """Every budget line with its amount per year of the subsidy period."""
    years = plan.region.period.years
    b = plan.budget
    result = [Line("vlaams", "Werkingssubsidie Vlaamse overheid",
                   {y: subsidy_derivation(plan).requested for y in years})]
    result += [Line("gemeenten", f"Bijdrage {name}", {y: cents for y in years})
               for name, cents in contributions(plan).items()]
    result += [_amount_line("andere", line, years, b.indexation) for line in b.other_income]
    for staff in b.staff:
        staff_years = staff.years or years
        base = to_cents(staff.cost_per_fte * staff.fte)
        result.append(Line("personeel", f"{staff.role} ({_fte(staff.fte)} VTE)",
                           {y: _indexed(base, b.indexation, years.index(y)) for y in years if y in staff_years},
                           network=staff.network))
    result += [_amount_line("werking", line, years, b.indexation) for line in b.operations]
    codes, network = number(plan), network_ids(plan)
    for item in b.actions:
        action = find_objective(plan, item.action)
        label = f"{codes[item.action].code} {action.title}" if item.action in codes else item.action
        if item.per_year:
            amounts = {y: to_cents(v) for y, v in item.per_year.items()}
        else:
            action_years = action.years if action is not None and hasattr(action, "years") else []
            amounts = {y: to_cents(item.amount) for y in action_years}
        result.append(Line("acties", label, amounts, action=item.action, network=item.action in network))
    return result


def _fte(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def totals(plan: Plan) -> pd.DataFrame:
    """Income, costs and balance per year, in cents (integers)."""
    years = plan.region.period.years
    all_lines = lines(plan)
    income = {y: sum(line.amounts.get(y, 0) for line in all_lines if line.side == INCOME) for y in years}
    costs = {y: sum(line.amounts.get(y, 0) for line in all_lines if line.side == COSTS) for y in years}
    frame = pd.DataFrame({"inkomsten": income, "uitgaven": costs})
    frame["saldo"] = frame["inkomsten"] - frame["uitgaven"]
    frame.index.name = "jaar"
    return frame


def grand_total_costs(plan: Plan) -> int:
    return int(totals(plan)["uitgaven"].sum())


def budget_table(plan: Plan) -> pd.DataFrame:
    """The meerjarenbegroting as it is shown: one row per line, a column per year and a total."""
    years = plan.region.period.years
    rows = []

    def add(label: str, amounts: dict[int, int], bold: bool = False):
        total = sum(amounts.get(y, 0) for y in years)
        fmt = (lambda s: Markup(f"**{markup.text(s)}**")) if bold else (lambda s: s)
        rows.append({"Post": fmt(label), **{str(y): fmt(euro(amounts.get(y, 0))) for y in years},
                     "Totaal": fmt(euro(total))})

    all_lines = lines(plan)
    for side, heading in ((INCOME, "Inkomsten"), (COSTS, "Uitgaven")):
        for group, (group_side, group_label) in GROUPS.items():
            if group_side != side:
                continue
            members = [line for line in all_lines if line.group == group]
            if not members:
                continue
            for line in members:
                add(f"{group_label}: {line.label}" if group not in ("vlaams",) else line.label, line.amounts)
        side_total = {y: sum(line.amounts.get(y, 0) for line in all_lines if line.side == side) for y in years}
        add(f"Totaal {heading.lower()}", side_total, bold=True)
    t = totals(plan)
    add("Saldo (+ reserve / − tekort)", {y: int(t.loc[y, "saldo"]) for y in years}, bold=True)
    return pd.DataFrame(rows)


def summary_table(plan: Plan) -> pd.DataFrame:
    t = totals(plan)
    rows = [{"Jaar": str(y), "Inkomsten": euro(int(r.inkomsten)), "Uitgaven": euro(int(r.uitgaven)),
             "Saldo": euro(int(r.saldo)), "Resultaat": _balance_word(int(r.saldo))} for y, r in t.iterrows()]
    rows.append({"Jaar": "Totaal", "Inkomsten": euro(int(t.inkomsten.sum())), "Uitgaven": euro(int(t.uitgaven.sum())),
                 "Saldo": euro(int(t.saldo.sum())), "Resultaat": _balance_word(int(t.saldo.sum()))})
    return pd.DataFrame(rows)


def _balance_word(saldo: int) -> str:
    return "in evenwicht" if saldo == 0 else ("reserve" if saldo > 0 else "tekort")


def contribution_table(plan: Plan) -> pd.DataFrame:
    """Per gemeente: inhabitants, yearly contribution, per inhabitant, and total over the period."""
    n_years = len(plan.region.period.years)
    amounts = contributions(plan)
    rows = []
    for m in plan.region.municipalities:
        cents = amounts[m.name]
        rows.append({"Gemeente": m.name, "Inwoners": f"{m.inhabitants:,}".replace(",", "."),
                     "Bijdrage per jaar": euro(cents), "Per inwoner": euro(round(cents / m.inhabitants)),
                     "Over de periode": euro(cents * n_years)})
    total = sum(amounts.values())
    inhabitants = plan.region.inhabitants
    rows.append({"Gemeente": Markup("**Totaal**"), "Inwoners": f"{inhabitants:,}".replace(",", "."),
                 "Bijdrage per jaar": euro(total), "Per inwoner": euro(round(total / inhabitants)),
                 "Over de periode": euro(total * n_years)})
    return pd.DataFrame(rows)


def cost_per_sd(plan: Plan) -> pd.DataFrame:
    """Costs per SD in cents: actions plus allocated staff and werking (see planning.allocation)."""
    from igskit.planning.allocation import cost_by_sd

    return cost_by_sd(plan)


def cost_per_od(plan: Plan) -> pd.DataFrame:
    """Action costs rolled up per OD over the whole period (ODs without costs are listed with 0)."""
    codes = number(plan)
    totals_by_od: dict[str, int] = {}
    for line in lines(plan):
        if line.group == "acties" and line.action in codes:
            od = codes[line.action].od_id
            totals_by_od[od] = totals_by_od.get(od, 0) + line.total()
    return pd.DataFrame([{"Code": codes[od.id].code, "Operationele doelstelling": od.title,
                          "Kost over de periode": euro(totals_by_od.get(od.id, 0))}
                         for sd in plan.objectives for od in sd.objectives],
                        columns=["Code", "Operationele doelstelling", "Kost over de periode"])


def format_cents_table(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    for col in shown.columns:
        if shown[col].dtype.kind in "iu":
            shown[col] = shown[col].map(euro)
    return shown


def derivation_table(plan: Plan) -> pd.DataFrame:
    """How the Flemish amount was derived, rule by rule, with sources and draft status."""
    d = subsidy_derivation(plan)
    rules = plan.budget.rules

    def status(rule):
        return "bevestigd" if rule.confirmed else "ontwerp, niet bevestigd"

    rows = [
        {"Stap": "Inwoners van de regio", "Waarde": f"{d.inhabitants:,}".replace(",", "."),
         "Bron": "som van de inwoners per gemeente", "Status": "–"},
        {"Stap": "Maximum per inwoner per jaar", "Waarde": euro(to_cents(d.rate), True),
         "Bron": rules.max_per_inhabitant.source, "Status": status(rules.max_per_inhabitant)},
        {"Stap": "Maximum volgens inwoners", "Waarde": euro(d.by_rate, True), "Bron": "inwoners × maximum",
         "Status": "–"},
        {"Stap": "Minimumbedrag", "Waarde": euro(d.minimum, True), "Bron": rules.minimum_subsidy.source,
         "Status": status(rules.minimum_subsidy)},
        {"Stap": "Toegelaten maximum per jaar", "Waarde": euro(d.allowed, True),
         "Bron": "hoogste van de twee vorige", "Status": "–"},
        {"Stap": "Gevraagd per jaar", "Waarde": euro(d.requested, True), "Bron": "keuze van de regio",
         "Status": "te hoog" if d.too_high else "binnen de regels"},
        {"Stap": "Minimale gemeentelijke cofinanciering",
         "Waarde": f"{(rules.min_cofinancing.value * 100).normalize():f} % van de Vlaamse subsidie".replace(".", ","),
         "Bron": rules.min_cofinancing.source, "Status": status(rules.min_cofinancing)},
    ]
    return pd.DataFrame(rows)


def checks(plan: Plan) -> list[Finding]:
    """Every rule of step 04 as findings."""
    topic = "Begroting"
    found: list[Finding] = []
    d = subsidy_derivation(plan)
    if d.too_high:
        found.append(Finding(topic, "blokkerend", f"De gevraagde Vlaamse subsidie ({euro(d.requested, True)} per jaar) "
                             f"is hoger dan wat de regels toelaten ({euro(d.allowed, True)}).",
                             "begroting.vlaamse_subsidie"))
    else:
        found.append(Finding(topic, "in orde", f"De gevraagde Vlaamse subsidie ({euro(d.requested, True)} per jaar) "
                             "blijft binnen de regels.", "begroting.vlaamse_subsidie"))
    t = totals(plan)
    unbalanced = [(y, int(r.saldo)) for y, r in t.iterrows() if r.saldo < 0]
    if unbalanced:
        deficits = ", ".join(f"{y} ({euro(-s, True)})" for y, s in unbalanced)
        found.append(Finding(topic, "blokkerend", f"Tekort in {deficits}"
                             + ". Verhoog de inkomsten of verlaag de uitgaven.", "begroting"))
    else:
        reserve = [y for y, r in t.iterrows() if r.saldo > 0]
        found.append(Finding(topic, "in orde", "De begroting sluit elk jaar" + (
            f" (met een reserve in {', '.join(map(str, reserve))})." if reserve else " in evenwicht."), "begroting"))
    rate = plan.budget.rules.min_cofinancing.value
    municipal = sum(contributions(plan).values())
    needed = int((Decimal(d.requested) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if municipal < needed:
        found.append(Finding(topic, "blokkerend", f"De gemeenten dragen samen {euro(municipal, True)} per jaar bij; "
                             f"de cofinanciering vraagt minstens {euro(needed, True)}.",
                             "begroting.gemeentelijke_bijdragen"))
    else:
        found.append(Finding(topic, "in orde", f"De gemeentelijke cofinanciering ({euro(municipal, True)} per jaar) "
                             "haalt het minimum.", "begroting.gemeentelijke_bijdragen"))
    for name, cents in contributions(plan).items():
        if cents <= 0:
            found.append(Finding(topic, "blokkerend", f"Gemeente {name} draagt niets bij.",
                                 "begroting.gemeentelijke_bijdragen"))
    action_ids = {a.id for *_x, a in iter_actions(plan)}
    for item in plan.budget.actions:
        if item.action not in action_ids:
            found.append(Finding(topic, "blokkerend", f"Er is budget voorzien voor actie '{item.action}', maar die "
                                 "actie bestaat niet (meer).", "begroting.acties"))
        elif item.amount is not None and not find_objective(plan, item.action).years:
            found.append(Finding(topic, "aandacht", f"Actie '{item.action}' heeft een bedrag per jaar, maar nog geen "
                                 "jaren; het bedrag telt nergens mee.", "begroting.acties"))
    for name, rule in (("max_per_inwoner", plan.budget.rules.max_per_inhabitant),
                       ("minimum_subsidie", plan.budget.rules.minimum_subsidy),
                       ("min_cofinanciering", plan.budget.rules.min_cofinancing)):
        if not rule.confirmed:
            found.append(Finding(topic, "aandacht", f"De regel '{name}' is een ontwerpwaarde, nog niet bevestigd "
                                 f"({rule.source}). Controleer ze voor de indiening.", f"begroting.regels.{name}"))
    return found


def budget_figure(plan: Plan):
    """Income and costs per year as stacked bars, side by side."""
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext

    years = plan.region.period.years
    all_lines = lines(plan)
    fig, ax = plt.subplots(figsize=(9, 4.2))
    width = 0.38
    colours = {"vlaams": "#0E4C5A", "gemeenten": "#5b9bb5", "andere": "#a9cce3",
               "personeel": "#922b21", "werking": "#d98880", "acties": "#f5b7b1"}
    for side, offset in ((INCOME, -width / 2), (COSTS, width / 2)):
        bottom = [0.0] * len(years)
        for group, (group_side, label) in GROUPS.items():
            if group_side != side:
                continue
            values = [sum(line.amounts.get(y, 0) for line in all_lines if line.group == group) / 100 for y in years]
            ax.bar([i + offset for i in range(len(years))], values, width, bottom=bottom, color=colours[group],
                   label=label)
            bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(years)))
    ax.set_xticklabels([str(y) for y in years])
    ax.yaxis.set_major_formatter(lambda v, _p: f"€ {v:,.0f}".replace(",", "."))
    ax.set_ylabel("euro per jaar")
    ax.legend(fontsize=8, ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_title("Links inkomsten, rechts uitgaven", fontsize=9)
    fig.tight_layout()
    return fig
