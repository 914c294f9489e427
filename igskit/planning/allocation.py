"""Costs by objective and by role, in exact cents.

Staff time (and, when given, a werking line) is spread over the SDs by ``verdeling`` (shares
summing to 1); every action's budget belongs to its SD. So the cost per SD is meaningful and,
with the not-allocated remainder, adds up to the total costs exactly: each year's cents are
distributed by largest remainder, ties going to the SD that comes first in the plan.
Every cost is also regierol (what the IGS does itself) or actorrol (what it funds in the
gemeenten): staff is regierol, werking and action lines say which (``rol``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning.budget import COSTS, euro, lines
from igskit.planning.findings import Finding
from igskit.planning.objectives import number

GENERAL = "_algemeen"
GENERAL_LABEL = "Personeel en werking (niet aan een SD toegewezen)"
MAX_GENERAL_SHARE = Decimal("0.25")


def distribute(cents: int, shares: dict[str, Decimal], order: list[str]) -> dict[str, int]:
    """Split ``cents`` by ``shares`` (summing to 1) into whole cents that add up exactly.

    Each part is floored; the cents left over go one by one to the largest fractional parts,
    ties broken by ``order`` (the SDs' order in the plan), so the result is deterministic.
    """
    exact = {k: Decimal(cents) * shares[k] for k in shares}
    floors = {k: int(v.to_integral_value(rounding=ROUND_FLOOR)) for k, v in exact.items()}
    left = cents - sum(floors.values())
    rank = sorted(shares, key=lambda k: (-(exact[k] - floors[k]), order.index(k) if k in order else len(order)))
    for k in rank[:left]:
        floors[k] += 1
    return floors


@dataclass(frozen=True)
class CostPart:
    target: str  # an SD id, or GENERAL
    role: str  # "regierol" or "actorrol"
    amounts: dict[int, int]  # year -> cents


def parts(plan: Plan) -> list[CostPart]:
    """Every cost line cut into the parts that go to one SD (or to no SD), with its role."""
    b = plan.budget
    codes = number(plan)
    order = [sd.id for sd in plan.objectives]
    cost_lines = [line for line in lines(plan) if line.side == COSTS]
    specs = [*((s, s.allocation) for s in b.staff), *((o, o.allocation) for o in b.operations),
             *((a, None) for a in b.actions)]
    if len(specs) != len(cost_lines):  # pragma: no cover - guards the link with budget.lines
        raise AssertionError("begrotingslijnen en verdeling lopen niet gelijk")
    result: list[CostPart] = []
    for line, (spec, allocation) in zip(cost_lines, specs):
        role = spec.cost_role
        if line.action is not None:
            target = codes[line.action].sd_id if line.action in codes else GENERAL
            result.append(CostPart(target, role, dict(line.amounts)))
        elif allocation:
            split: dict[str, dict[int, int]] = {k: {} for k in allocation}
            for year, cents in line.amounts.items():
                for k, v in distribute(cents, dict(allocation), order).items():
                    split[k][year] = v
            # a share for an SD that no longer exists counts as not allocated (a finding says so)
            result += [CostPart(k if k in order else GENERAL, role, amounts) for k, amounts in split.items()]
        else:
            result.append(CostPart(GENERAL, role, dict(line.amounts)))
    return result


def cost_by_sd(plan: Plan) -> pd.DataFrame:
    """Cost per SD per year in cents (actions + allocated staff and werking), then the rest.

    The rows always add up to the total costs of the budget, to the cent.
    """
    codes = number(plan)
    years = plan.region.period.years
    totals = {k: {y: 0 for y in years} for k in [*(sd.id for sd in plan.objectives), GENERAL]}
    for part in parts(plan):
        for y, v in part.amounts.items():
            if y in totals[part.target]:
                totals[part.target][y] += v
    rows = [{"Doelstelling": f"{codes[sd.id].code} {sd.title}", **{str(y): totals[sd.id][y] for y in years},
             "Totaal": sum(totals[sd.id].values())} for sd in plan.objectives]
    rows.append({"Doelstelling": GENERAL_LABEL, **{str(y): totals[GENERAL][y] for y in years},
                 "Totaal": sum(totals[GENERAL].values())})
    return pd.DataFrame(rows)


def role_by_year(plan: Plan) -> pd.DataFrame:
    """Regierol and actorrol per year, in cents, with the total."""
    years = plan.region.period.years
    rows = []
    for role in ("regierol", "actorrol"):
        amounts = {y: sum(p.amounts.get(y, 0) for p in parts(plan) if p.role == role) for y in years}
        rows.append({"Rol": voc.ROLES[role], **{str(y): amounts[y] for y in years}, "Totaal": sum(amounts.values())})
    rows.append({"Rol": "Totaal", **{str(y): rows[0][str(y)] + rows[1][str(y)] for y in years},
                 "Totaal": rows[0]["Totaal"] + rows[1]["Totaal"]})
    return pd.DataFrame(rows)


def role_by_sd(plan: Plan) -> pd.DataFrame:
    """Per SD (and the rest): regierol, actorrol and total over the whole period, in cents."""
    codes = number(plan)
    keys = [*(sd.id for sd in plan.objectives), GENERAL]
    sums = {k: {"regierol": 0, "actorrol": 0} for k in keys}
    for part in parts(plan):
        sums[part.target][part.role] += sum(part.amounts.get(y, 0) for y in plan.region.period.years)
    rows = [{"Doelstelling": GENERAL_LABEL if k == GENERAL else f"{codes[k].code} {codes[k].title}",
             "Regierol": v["regierol"], "Actorrol": v["actorrol"], "Totaal": v["regierol"] + v["actorrol"]}
            for k, v in sums.items()]
    return pd.DataFrame(rows, columns=["Doelstelling", "Regierol", "Actorrol", "Totaal"])


def checks(plan: Plan) -> list[Finding]:
    topic = "Begroting"
    frame = cost_by_sd(plan)
    total = int(frame["Totaal"].sum())
    general = int(frame["Totaal"].iloc[-1])
    if total and Decimal(general) / total > MAX_GENERAL_SHARE:
        share = round(100 * general / total)
        return [Finding(topic, "aandacht", f"{share} % van de uitgaven ({euro(general, True)}) is niet aan een "
                        "strategische doelstelling toegewezen; verdeel de personeelstijd over de SD's "
                        "('verdeling') zodat de kost per SD betekenis heeft.", "begroting.personeel[].verdeling")]
    return [Finding(topic, "in orde", "De uitgaven zijn grotendeels aan strategische doelstellingen toegewezen.",
                    "begroting.personeel[].verdeling")]
