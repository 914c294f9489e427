"""The afsprakennota vrijetijdsparticipatie (seed 004): the bovenlokaal netwerk's parts 1–5 and the
decree's conditions, computed from the plan.

The network's objectives, actions and partners are *the plan's own objects*: an SD, OD or action
with ``netwerk: true`` (inherited downwards), a stakeholder with a ``netwerkpartner`` block. Its
budget is in ``planning/network_budget.py``, its monitoring and planning in ``network_review.py``.
"""

from __future__ import annotations

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.load import LoadedPlan
from igskit.params.network import Agreement
from igskit.params.schema import Plan, Stakeholder
from igskit.planning import environment, nota, objectives
from igskit.planning.findings import Finding, working_only_markdown
from igskit.planning.markup import Markup, prose, text

TOPIC = "Afsprakennota"


def is_on(plan: Plan) -> bool:
    """Whether this region makes an afsprakennota at all."""
    return plan.nota.include_agreement


def agreement(plan: Plan) -> Agreement:
    """The afsprakennota section (empty when the file has none)."""
    return plan.agreement or Agreement()


def name(plan: Plan) -> str:
    """The network's name (the title page); a clear stand-in until ``afsprakennota.naam`` is given."""
    return agreement(plan).name or f"Netwerk vrijetijdsparticipatie {plan.region.name}"


def municipalities(plan: Plan) -> list[str]:
    """The participating gemeenten, in the region's order."""
    spread = agreement(plan).municipalities
    names = plan.region.municipality_names
    return names if spread == voc.ALL_MUNICIPALITIES else [n for n in names if n in spread]


def title_page(plan: Plan) -> dict[str, str]:
    """What the afsprakennota's title page names: the network, its gemeenten and the period (plain text)."""
    names = municipalities(plan)
    period = plan.region.period
    return {"naam": name(plan), "gemeenten": nota._enumerate(names) if names else "",
            "periode": f"{period.start}–{period.end}", "regio": plan.region.name}


def _spread(plan: Plan, spread) -> list[str]:
    return municipalities(plan) if spread == voc.ALL_MUNICIPALITIES else list(spread)


# --- part 1: omgevingsanalyse van armoede en drempels ---------------------------------------------

def poverty_columns(plan: Plan):
    spec = plan.environment.indicators
    return [c for c in spec.columns if c.poverty] if spec else []


def poverty_table(loaded: LoadedPlan) -> pd.DataFrame:
    """The poverty indicators (``armoede: true``) per participating gemeente, with their unit."""
    plan = loaded.plan
    columns = poverty_columns(plan)
    if not columns:
        return pd.DataFrame(columns=["Gemeente"])
    table = environment.indicator_table(loaded)
    rows = [*municipalities(plan)]
    if len(rows) == len(plan.region.municipalities):
        rows.append(environment.REGION_ROW)  # the region's figure is the network's only when all take part
    shown = pd.DataFrame(index=pd.Index(rows, name="Gemeente"))
    for col in columns:
        decimals = 0 if col.aggregation == "som" else 1
        shown[environment.column_heading(col)] = [environment.dutch_number(table.loc[r, col.column], decimals)
                                                  for r in rows]
    return shown.reset_index()


def poverty_sources_table(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([{"Indicator": c.label, "Eenheid": c.unit or "–", "Bron": c.source}
                         for c in poverty_columns(plan)], columns=["Indicator", "Eenheid", "Bron"])


def five_b_table(plan: Plan) -> pd.DataFrame:
    """The five B's (omgevingsanalyse.vijf_b) for the region and the participating gemeenten."""
    frame = environment.five_b_table(plan)
    keep = {"Regio", *municipalities(plan)}
    return frame[frame["Waar"].isin(keep)].reset_index(drop=True)


def surveys_table(plan: Plan) -> pd.DataFrame:
    rows = [{"Wie": s.who, "Hoe": s.how, "Wanneer": nota.dutch_date(s.date) if s.date else "–",
             "Gemeenten": ", ".join(_spread(plan, s.municipalities)) if s.municipalities is not None else "–",
             "Wat we hoorden": prose(s.what, inline=True) or "–"} for s in agreement(plan).surveys]
    return pd.DataFrame(rows, columns=["Wie", "Hoe", "Wanneer", "Gemeenten", "Wat we hoorden"])


# --- part 2: vision -------------------------------------------------------------------------------------

def participation_text(plan: Plan) -> str:
    """Deelnemen and/or deelhebben, in words; a werkversie remark while it is not chosen."""
    forms = agreement(plan).participation
    if not forms:
        return working_only_markdown("*Nog aan te geven in `afsprakennota.participatie`: deelnemen, deelhebben "
                                     "of beide.*")
    items = [voc.PARTICIPATION_FORMS[f].split(": ", 1) for f in forms]
    return "Het netwerk kiest voor:\n\n" + "\n".join(f"- **{head}**: {tail}" for head, tail in items)


def written(value: str, key: str) -> str:
    """A prose field, or (werkversie only) where to write it."""
    if value:
        return prose(value)
    return working_only_markdown(f"*Nog in te vullen in het params-bestand onder `{key}`.*")


# --- part 3 and 4: objectives and actions -----------------------------------------------------------

def tree(plan: Plan) -> list[tuple]:
    """(sd, [od, ...]) for the network: members (``netwerk: true``, inherited) and what holds them."""
    ids = objectives.network_ids(plan)
    result = []
    for sd in plan.objectives:
        ods = [od for od in sd.objectives if od.id in ids or any(a.id in ids for a in od.actions)]
        if sd.id in ids or ods:
            result.append((sd, ods))
    return result


def objectives_table(plan: Plan) -> pd.DataFrame:
    """Part 3: the network's SDs and ODs with the cultuurnota's own codes (SD1, SD1-OD2)."""
    codes = objectives.number(plan)
    ids = objectives.network_ids(plan)
    rows = []
    for sd, ods in tree(plan):
        rows.append({"Code": codes[sd.id].code, "Doelstelling": Markup(f"**{text(sd.title)}**"), "Gemeenten": "–",
                     "Van het netwerk": "volledig" if sd.id in ids else "deels"})
        for od in ods:
            spread = od.spread if isinstance(od.spread, str) else ", ".join(od.spread)
            part = "volledig" if od.id in ids else \
                "actie " + ", ".join(codes[a.id].code for a in od.actions if a.id in ids)
            rows.append({"Code": codes[od.id].code, "Doelstelling": od.title, "Gemeenten": spread,
                         "Van het netwerk": part})
    return pd.DataFrame(rows, columns=["Code", "Doelstelling", "Gemeenten", "Van het netwerk"])


def actions(plan: Plan) -> list[tuple]:
    """(sd, od, action) for every action of the network, in plan order."""
    ids = objectives.network_ids(plan)
    return [(sd, od, a) for sd, od, a in objectives.iter_actions(plan) if a.id in ids]


def actions_table(plan: Plan) -> pd.DataFrame:
    """Part 4: the network's actions: who leads, with whom, where, when, and how it is measured."""
    codes = objectives.number(plan)
    names = {s.id: s.name for s in plan.stakeholder_list}
    # five columns, so a long list of partners or a long title still reads on A4: who (trekker and
    # partners) and where-and-when share a cell each
    def who(a) -> Markup:
        lead = names.get(a.lead, a.lead) if a.lead else "–"
        return Markup(f"**Trekker:** {text(lead)}. "
                      f"**Partners:** {text(', '.join(names.get(p, p) for p in a.partners) or '–')}")

    rows = [{"Code": codes[a.id].code, "Actie": a.title, "Trekker en partners": who(a),
             "Gemeenten en timing": f"{objectives.spread_text(a, od)}; {objectives.years_text(a.years)}",
             "Indicator": "; ".join(i.name for i in a.indicators) or "–"} for _sd, od, a in actions(plan)]
    return pd.DataFrame(rows, columns=["Code", "Actie", "Trekker en partners", "Gemeenten en timing", "Indicator"])


def action_findings(plan: Plan) -> list[Finding]:
    codes = objectives.number(plan)
    found: list[Finding] = []
    if not tree(plan):
        return found  # conformance.required_parts names the missing part 3
    first = plan.region.period.years[: objectives.FIRST_WORKING_YEARS]
    for year in first:
        if not any(year in a.years for _sd, _od, a in actions(plan)):
            found.append(Finding(TOPIC, "blokkerend", f"4. Geen actie van het netwerk gepland in {year}; het decreet "
                                 "vraagt acties voor minstens de eerste twee werkjaren.",
                                 "doelstellingen[].ods[].acties[].jaren"))
    no_lead = [codes[a.id].code for _sd, _od, a in actions(plan) if not a.lead]
    if no_lead:
        found.append(Finding(TOPIC, "aandacht", f"4. Actie(s) van het netwerk zonder trekker: {', '.join(no_lead)}.",
                             "doelstellingen[].ods[].acties[].trekker"))
    no_indicator = [codes[a.id].code for _sd, _od, a in actions(plan) if not a.indicators]
    if no_indicator:
        found.append(Finding(TOPIC, "aandacht", "4. Actie(s) van het netwerk zonder indicator: "
                             f"{', '.join(no_indicator)}.", "doelstellingen[].ods[].acties[].indicatoren"))
    return found


# --- part 5: partners and how they are involved ----------------------------------------------------

def partners(plan: Plan) -> list[Stakeholder]:
    return [s for s in plan.stakeholder_list if s.network_partner is not None]


def covered(plan: Plan, s: Stakeholder) -> list[str]:
    """The participating gemeenten a partner covers: its own (a bovenlokaal one none) or voor_gemeenten."""
    partner = s.network_partner
    if partner is None:
        return []
    if partner.covers is None:
        return [s.municipality] if s.municipality in municipalities(plan) else []
    return [m for m in _spread(plan, partner.covers) if m in municipalities(plan)]


def meeting_names(plan: Plan) -> dict[str, str]:
    return {**{g.id: g.name for g in plan.working_groups}, **{m.id: m.name for m in agreement(plan).meetings}}


def roles_text(roles) -> str:
    return ", ".join(voc.NETWORK_ROLES[r].split(":")[0] for r in roles) or "–"


def engagement(s: Stakeholder) -> Markup:
    """What a partner brings and commits to, in its own words."""
    p = s.network_partner
    parts = [f"**Brengt:** {prose(p.brings, inline=True)}" if p.brings else "",
             f"**Engageert zich:** {prose(p.commits, inline=True)}" if p.commits else ""]
    return Markup(" ".join(x for x in parts if x) or "–")


def partners_table(plan: Plan) -> pd.DataFrame:
    """Part 5: one row per partner of the network."""
    meetings = meeting_names(plan)
    rows = []
    for s in partners(plan):
        p = s.network_partner
        where = "Regio" if s.municipality == voc.BOVENLOKAAL else s.municipality
        extra = [m for m in covered(plan, s) if m != s.municipality]
        if p.covers == voc.ALL_MUNICIPALITIES:
            where += ", voor alle gemeenten"
        elif extra:
            where += f" (ook voor {', '.join(extra)})" if s.municipality in covered(plan, s) else \
                f", voor {', '.join(extra)}"
        # three columns, so the engagement in the partner's own words gets half the line
        rows.append({"Partner": Markup(f"{text(s.name)} ({text(where)})" + (". **Trekker**" if p.lead else "")),
                     "Wat de partner brengt en waartoe hij zich engageert": engagement(s),
                     "Rol in het netwerk en overleg": f"{roles_text(p.roles)}. Overleg: "
                                                      f"{', '.join(meetings.get(i, i) for i in p.meetings) or '–'}"})
    return pd.DataFrame(rows, columns=["Partner", "Wat de partner brengt en waartoe hij zich engageert",
                                       "Rol in het netwerk en overleg"])


def meetings_table(plan: Plan) -> pd.DataFrame:
    """The network's overleg structures and which partners sit in them."""
    rows = [{"Overleg": m.name, "Frequentie": m.frequency or "–", "Wat": prose(m.what, inline=True) or "–",
             "Partners": ", ".join(s.name for s in partners(plan) if m.id in s.network_partner.meetings) or "–"}
            for m in agreement(plan).meetings]
    return pd.DataFrame(rows, columns=["Overleg", "Frequentie", "Wat", "Partners"])


def contacts_table(plan: Plan) -> pd.DataFrame:
    """Part 6: the participating gemeenten and their contact details (the nota's own table)."""
    frame = nota.contacts_table(plan)
    return frame[frame["Gemeente"].isin(municipalities(plan))].reset_index(drop=True)


def partner_findings(plan: Plan) -> list[Finding]:
    found: list[Finding] = []
    key = "stakeholders[].netwerkpartner"
    if not partners(plan):
        return found  # conformance.required_parts names the missing part 5
    silent = [s.name for s in partners(plan) if not (s.network_partner.brings and s.network_partner.commits)]
    if silent:
        found.append(Finding(TOPIC, "aandacht", "5. Nog geen engagement in eigen woorden (brengt en engageert) van: "
                             + ", ".join(silent) + ".", f"{key}.brengt / engageert"))
    no_role = [s.name for s in partners(plan) if not s.network_partner.roles]
    if no_role:
        found.append(Finding(TOPIC, "aandacht", "5. Nog geen netwerkrol voor: " + ", ".join(no_role) + ".",
                             f"{key}.rollen"))
    if not any(s.network_partner.lead for s in partners(plan)):
        found.append(Finding(TOPIC, "aandacht", "5. Geen enkele partner is trekker van het netwerk.",
                             f"{key}.trekker"))
    if not agreement(plan).meetings:
        found.append(Finding(TOPIC, "aandacht", "5. Het netwerk heeft nog geen overlegstructuur.",
                             "afsprakennota.overleg"))
    return found


def decree_table(plan: Plan) -> pd.DataFrame:
    """Per participating gemeente: its OCMW (or sociale dienst) and vereniging waar armen het woord nemen."""
    rows = []
    for m in municipalities(plan):
        found = {key: [s.name for s in partners(plan) if s.poverty_partner == key and m in covered(plan, s)]
                 for key in voc.POVERTY_PARTNERS}
        rows.append({"Gemeente": m, "OCMW of sociale dienst": ", ".join(found["ocmw"]) or "–",
                     "Vereniging waar armen het woord nemen": ", ".join(found["armoedevereniging"]) or "–"})
    return pd.DataFrame(rows, columns=["Gemeente", "OCMW of sociale dienst", "Vereniging waar armen het woord nemen"])


def _fix(plan: Plan, municipality: str, key: str) -> str:
    """What to do: a stakeholder of that kind is there but no partner yet, or none is there at all."""
    waiting = [s for s in plan.stakeholder_list if s.poverty_partner == key and s.network_partner is None
               and s.municipality in (municipality, voc.BOVENLOKAAL)]
    waiting.sort(key=lambda s: s.municipality != municipality)  # the gemeente's own first
    if waiting and waiting[0].municipality == municipality:
        return f"Geef '{waiting[0].name}' bij 'stakeholders' een blok 'netwerkpartner'."
    if waiting:
        return (f"Geef '{waiting[0].name}' bij 'stakeholders' een blok 'netwerkpartner' met {municipality} in "
                "'voor_gemeenten'.")
    return (f"Voeg er een toe bij 'stakeholders' (armoedepartner: {key}) met een blok 'netwerkpartner', of laat "
            "een regionale partner deze gemeente dekken.")


MISSING_PARTNER = {"ocmw": "OCMW (of zijn sociale dienst)",
                   "armoedevereniging": "vereniging waar armen het woord nemen"}


def decree_findings(plan: Plan) -> list[Finding]:
    """Per participating gemeente: an OCMW (or its sociale dienst) and a vereniging waar armen het woord
    nemen involved as partner of the network, in that gemeente or covering it (seed 004)."""
    found: list[Finding] = []
    for m in municipalities(plan):
        present = {s.poverty_partner for s in partners(plan) if s.poverty_partner and m in covered(plan, s)}
        for key in voc.POVERTY_PARTNERS:
            if key in present:
                continue
            what = MISSING_PARTNER[key]
            found.append(Finding(TOPIC, "blokkerend", f"{m}: geen {what} betrokken als partner van het netwerk. "
                                 f"Het decreet vraagt voor elke deelnemende gemeente een {what} als netwerkpartner, "
                                 "in de gemeente zelf of regionaal (met 'voor_gemeenten'). " + _fix(plan, m, key),
                                 "stakeholders[].armoedepartner en netwerkpartner"))
    if municipalities(plan) and not found:
        found.append(Finding(TOPIC, "in orde", "Elke deelnemende gemeente heeft een OCMW en een vereniging waar "
                             "armen het woord nemen als partner van het netwerk.",
                             "stakeholders[].netwerkpartner"))
    return found
