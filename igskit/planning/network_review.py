"""The afsprakennota's monitoring, organisation and planning (seed 004), and all of its findings.

Monitoring: the indicators of the network's objectives and actions, by what they measure (reach,
barriers, cooperation), and a reflection moment every year. Organisation: the ten Arrow Roots
domains as a checklist. Planning: the indienmomenten and the transition of lokale netwerken.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.load import LoadedPlan
from igskit.params.schema import Plan
from igskit.planning import budget, monitoring, network, network_budget, nota, objectives
from igskit.planning.findings import Finding
from igskit.planning.markup import prose, text
from igskit.planning.network import TOPIC

# Seed 004, "Praktische info": the afsprakennota's own dates.
TRANSITION_END = 2033
DEADLINES = (
    (dt.date(2026, 4, 1), "Uiterste indiendatum van de afsprakennota voor 2027–2032 (samen met de cultuurnota)"),
    (dt.date(2029, 4, 1), "Volgend indienmoment, voor de rest van de periode"),
)
TRANSITION = (f"tegen {TRANSITION_END}", "Alle lokale netwerken vrijetijdsparticipatie zijn geïntegreerd in een "
              "bovenlokaal netwerk (einde van de overgangsmaatregel)")


# --- monitoring ------------------------------------------------------------------------------------

def indicator_rows(plan: Plan):
    """(code, level, indicator) of the network's ODs and actions."""
    codes = objectives.number(plan)
    ids = objectives.network_ids(plan)
    by_code = {codes[i].code for i in ids}
    return [(code, level, ind) for code, level, ind in monitoring.indicator_rows(plan) if code in by_code]


def monitoring_table(plan: Plan) -> pd.DataFrame:
    rows = [{"Code": code, "Indicator": ind.name + (f" ({ind.unit})" if ind.unit else ""),
             "Meet": voc.INDICATOR_KINDS[ind.kind] if ind.kind else "–",
             "Streefwaarden": monitoring._targets(ind), "Bron": ind.source or "–"}
            for code, _level, ind in indicator_rows(plan)]
    return pd.DataFrame(rows, columns=["Code", "Indicator", "Meet", "Streefwaarden", "Bron"])


def monitoring_findings(plan: Plan) -> list[Finding]:
    kinds = {ind.kind for _c, _l, ind in indicator_rows(plan)}
    return [Finding(TOPIC, "aandacht", f"Monitoring: nog geen indicator die meet: {label.lower()} "
                    f"('soort: {key}').", "doelstellingen[].ods[].indicatoren[].soort")
            for key, label in voc.INDICATOR_KINDS.items() if key not in kinds]


def reflection_findings(plan: Plan) -> list[Finding]:
    """A year without a reflection moment (shown in the afsprakennota's werkversie; ``igskit check``
    already names it under Monitoring)."""
    years = {r.year for r in plan.monitoring.reflections}
    missing = [str(y) for y in plan.region.period.years if y not in years]
    if not missing:
        return []
    return [Finding(TOPIC, "aandacht", "Geen reflectiemoment in " + ", ".join(missing) + "; plan minstens één "
                    "moment van reflectie per jaar.", "monitoring.reflectiemomenten")]


# --- organisation of the cooperation: Arrow Roots ---------------------------------------------------

def _arrow_roots(plan: Plan) -> dict[str, str]:
    """Domain -> how it is covered; '' for a domain not (yet) covered, also one still 'IN TE VULLEN'."""
    return {k: ("" if voc.is_placeholder(v) else v) for k, v in network.agreement(plan).cooperation.by_domain().items()}


def arrow_roots_table(plan: Plan) -> pd.DataFrame:
    covered = _arrow_roots(plan)
    return pd.DataFrame([{"Domein": label, "Gedekt": "ja" if covered[key] else "nog niet",
                          "Hoe": prose(covered[key], inline=True) or "–"} for key, label in voc.ARROW_ROOTS.items()],
                        columns=["Domein", "Gedekt", "Hoe"])


def arrow_roots_findings(plan: Plan) -> list[Finding]:
    covered = _arrow_roots(plan)
    missing = [voc.ARROW_ROOTS[k] for k, v in covered.items() if not v]
    if not missing:
        return []
    return [Finding(TOPIC, "aandacht", "Organisatie van de samenwerking: nog niet beschreven voor "
                    + ", ".join(missing) + " (Arrow Roots).", "afsprakennota.samenwerking")]


# --- planning and deadlines ---------------------------------------------------------------------------

def deadlines_table(plan: Plan) -> pd.DataFrame:
    rows = [{"Wanneer": nota.dutch_date(d), "Wat": label} for d, label in DEADLINES]
    rows.append({"Wanneer": TRANSITION[0], "Wat": TRANSITION[1]})
    rows += [{"Wanneer": str(n.integration), "Wat": f"{n.name} ({n.municipality}) integreert in het netwerk"}
             for n in sorted(network.agreement(plan).local_networks, key=lambda n: n.integration)]
    return pd.DataFrame(rows, columns=["Wanneer", "Wat"])


def local_network_findings(plan: Plan) -> list[Finding]:
    return [Finding(TOPIC, "blokkerend", f"{n.name} integreert pas in {n.integration}; lokale netwerken moeten "
                    f"tegen {TRANSITION_END} in een bovenlokaal netwerk geïntegreerd zijn.",
                    "afsprakennota.lokale_netwerken[].integratie")
            for n in network.agreement(plan).local_networks if n.integration > TRANSITION_END]


# --- the cultuurnota's summary ----------------------------------------------------------------------

def summary_markdown(plan: Plan) -> str:
    """The cultuurnota's short section on the afsprakennota ('' when the region makes none)."""
    if not network.is_on(plan):
        return ""
    ods = sum(len(ods) for _sd, ods in network.tree(plan))  # as part 3 lists them (also those in part)
    forms = network.agreement(plan).participation
    form = " en ".join(f"*{f}*" for f in forms) if forms else "een vorm van participatie die nog te kiezen is"
    names = network.municipalities(plan)
    where = "alle gemeenten van de regio" if len(names) == len(plan.region.municipalities) else \
        nota._enumerate([text(n) for n in names]) if names else "nog te kiezen gemeenten"
    total = budget.euro(network_budget.total_costs(plan), symbol=True)
    return (f"## Afsprakennota vrijetijdsparticipatie\n\nSamen met deze cultuurnota dient het IGS de afsprakennota "
            f"in van het **{text(network.name(plan))}**, een bovenlokaal netwerk vrijetijdsparticipatie voor mensen "
            f"in armoede in {where}. Het netwerk kiest voor {form}. Het werkt aan {ods} operationele "
            f"doelstellingen met {len(network.actions(plan))} acties, die ook in deze nota staan; de begroting "
            f"van het netwerk bedraagt {total} over de hele periode.\n\n"
            "De volledige afsprakennota is een apart document: afsprakennota.pdf.")


# --- the werkversie: what each part still needs ------------------------------------------------------

PARTS = ("1", "2", "3", "4", "5", "6", "monitoring", "samenwerking", "planning")


def by_part(loaded: LoadedPlan) -> dict[str, list[Finding]]:
    """What still needs attention, per part of the afsprakennota (for its werkversie)."""
    from igskit.planning.conformance import required_parts

    plan = loaded.plan
    parts: dict[str, list[Finding]] = {key: [] for key in PARTS}
    for f in (f for f in required_parts(loaded) if f.topic == TOPIC and not f.ok):
        parts[f.message[0]].append(f)
    parts["4"] += network.action_findings(plan)
    parts["5"] += [f for f in network.decree_findings(plan) if not f.ok] + network.partner_findings(plan)
    parts["6"] += [f for f in network_budget.findings(plan) if not f.ok]
    parts["monitoring"] += monitoring_findings(plan) + reflection_findings(plan)
    parts["samenwerking"] += arrow_roots_findings(plan)
    parts["planning"] += local_network_findings(plan)
    if not network.agreement(plan).name:
        parts["planning"].append(_unnamed())
    return parts


def _unnamed() -> Finding:
    return Finding(TOPIC, "aandacht", "Het netwerk heeft nog geen naam voor de titelpagina.", "afsprakennota.naam")


# --- everything -------------------------------------------------------------------------------------

def findings(plan: Plan, with_reflection: bool = True) -> list[Finding]:
    """Every finding about the afsprakennota's content (none when the region makes none)."""
    if not network.is_on(plan):
        return []
    found = [*network.decree_findings(plan), *network.action_findings(plan), *network.partner_findings(plan),
             *network_budget.findings(plan), *monitoring_findings(plan), *arrow_roots_findings(plan),
             *local_network_findings(plan)]
    if not network.agreement(plan).name:
        found.append(_unnamed())
    if with_reflection:
        found += reflection_findings(plan)
    return found
