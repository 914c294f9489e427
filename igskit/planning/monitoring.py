"""How the plan answers the stakeholders' needs, and how it is monitored (seed 001 step 5/8, seed 004).

Needs are collected per stakeholder (``noden``); an SD or OD says which needs it answers
(``beantwoordt_noden``). Indicators sit on ODs and actions with a baseline, a target per year
and a source; reflection moments (at least one a year, seed 004) sit in ``monitoring``.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.planning_process import Indicator
from igskit.params.schema import Plan
from igskit.planning import objectives
from igskit.planning.findings import Finding


def answered_by(plan: Plan) -> dict[str, list[str]]:
    """need id -> the ids of the SDs and ODs that answer it, in plan order."""
    result: dict[str, list[str]] = {}
    for sd in plan.objectives:
        for need in sd.answers_needs:
            result.setdefault(need, []).append(sd.id)
        for od in sd.objectives:
            for need in od.answers_needs:
                result.setdefault(need, []).append(od.id)
    return result


def needs_table(plan: Plan) -> pd.DataFrame:
    """The needs grouped per stakeholder category, each with the objectives that answer it."""
    codes = objectives.number(plan)
    links = answered_by(plan)
    rows = []
    for category, label in voc.CATEGORIES.items():
        for s in plan.stakeholder_list:
            if s.category != category:
                continue
            for need in s.need_items:
                answer = ", ".join(codes[i].code for i in links.get(need.id, []) if i in codes)
                rows.append({"Groep": label, "Stakeholder": s.name, "Behoefte": need.text,
                             "Beantwoord door": answer or "nog door geen doelstelling"})
    return pd.DataFrame(rows, columns=["Groep", "Stakeholder", "Behoefte", "Beantwoord door"])


def needs_markdown(plan: Plan) -> str:
    """The needs per stakeholder group, one small table per group (as the nota shows them)."""
    from igskit.planning.tables import markdown_table

    table = needs_table(plan)
    blocks = []
    for label in voc.CATEGORIES.values():
        part = table[table["Groep"] == label].drop(columns="Groep")
        if not part.empty:
            blocks.append(f"**{label}**\n\n{markdown_table(part)}")
    return "\n\n".join(blocks) or "*Nog geen behoeften opgetekend.*"


def needs_summary(plan: Plan) -> str:
    items = [n for s in plan.stakeholder_list for n in s.need_items]
    links = answered_by(plan)
    answered = sum(1 for n in items if links.get(n.id))
    groups = len({s.category for s in plan.stakeholder_list if s.need_items})
    if not items:
        return "*Er zijn nog geen behoeften van stakeholders opgetekend (`stakeholders[].noden`).*"
    return (f"We tekenden {len(items)} behoeften op bij stakeholders uit {groups} groepen; "
            f"{answered} ervan krijgen een antwoord in een of meer doelstellingen.")


def needs_checks(plan: Plan) -> list[Finding]:
    topic = "Behoeften"
    links = answered_by(plan)
    found = [Finding(topic, "aandacht", f"De behoefte van {s.name} («{_clip(n.text)}») wordt door geen enkele "
                     "doelstelling beantwoord.", f"doelstellingen[].beantwoordt_noden ({n.id})")
             for s in plan.stakeholder_list for n in s.need_items if not links.get(n.id)]
    if not found and any(s.need_items for s in plan.stakeholder_list):
        found.append(Finding(topic, "in orde", "Elke opgetekende behoefte wordt door een doelstelling beantwoord.",
                             "doelstellingen[].beantwoordt_noden"))
    return found


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- indicators and reflection ----------------------------------------------------------------

def _number(value: Decimal | None) -> str:
    if value is None:
        return "–"
    whole, _, fraction = f"{value.normalize():f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def _targets(ind: Indicator) -> str:
    if not ind.targets:
        return "–"
    return "; ".join(f"{y}: {_number(v)}" for y, v in sorted(ind.targets.items()))


def indicator_rows(plan: Plan):
    """(code, level, indicator) for every indicator on an OD or an action, in plan order."""
    codes = objectives.number(plan)
    for sd in plan.objectives:
        for od in sd.objectives:
            for ind in od.indicators:
                yield codes[od.id].code, "OD", ind
            for action in od.actions:
                for ind in action.indicators:
                    yield codes[action.id].code, "actie", ind


def monitoring_table(plan: Plan, only: set[str] | None = None) -> pd.DataFrame:
    """Indicator, baseline, target per year and source, per OD and action (``only``: SD ids)."""
    codes = objectives.number(plan)
    rows = []
    for code, _level, ind in indicator_rows(plan):
        if only is not None and not any(code.startswith(codes[sd].code + "-") for sd in only if sd in codes):
            continue
        baseline = _number(ind.baseline) + (f" ({ind.baseline_year})" if ind.baseline_year else "")
        rows.append({"Code": code, "Indicator": ind.name + (f" ({ind.unit})" if ind.unit else ""),
                     "Nulmeting": baseline if ind.baseline is not None else "nog te meten",
                     "Streefwaarden": _targets(ind), "Bron": ind.source or "–"})
    return pd.DataFrame(rows, columns=["Code", "Indicator", "Nulmeting", "Streefwaarden", "Bron"])


def reflection_table(plan: Plan) -> pd.DataFrame:
    from igskit.planning.process import dutch_date

    names = {s.id: s.name for s in plan.stakeholder_list}
    return pd.DataFrame([{"Jaar": str(r.year), "Datum": dutch_date(r.date) if r.date else "–", "Wat": r.what,
                          "Met wie": ", ".join(names.get(i, i) for i in r.with_whom) or "–"}
                         for r in sorted(plan.monitoring.reflections, key=lambda r: (r.year, r.date or r.year))],
                        columns=["Jaar", "Datum", "Wat", "Met wie"])


def monitoring_checks(plan: Plan) -> list[Finding]:
    topic = "Monitoring"
    found: list[Finding] = []
    years_with = {r.year for r in plan.monitoring.reflections}
    missing = [y for y in plan.region.period.years if y not in years_with]
    if missing:
        found.append(Finding(topic, "aandacht", "Geen reflectiemoment gepland in " + ", ".join(map(str, missing))
                             + "; plan minstens één moment van reflectie per jaar (publiq-toolbox).",
                             "monitoring.reflectiemomenten"))
    else:
        found.append(Finding(topic, "in orde", "Elk werkjaar heeft een reflectiemoment.",
                             "monitoring.reflectiemomenten"))
    codes = objectives.number(plan)
    without = [codes[od.id].code for sd in plan.objectives for od in sd.objectives
               if not od.indicators and not any(a.indicators for a in od.actions)]
    if without:
        found.append(Finding(topic, "aandacht", f"Nog geen indicator voor {', '.join(without)}.",
                             "doelstellingen[].ods[].indicatoren"))
    no_target = [f"{code} «{_clip(ind.name, 40)}»" for code, _lvl, ind in indicator_rows(plan) if not ind.targets]
    if no_target:
        found.append(Finding(topic, "aandacht", f"{len(no_target)} indicator(en) zonder streefwaarde: "
                             + ", ".join(no_target[:5]) + (" …" if len(no_target) > 5 else "") + ".",
                             "doelstellingen[].ods[].acties[].indicatoren"))
    return found


def checks(plan: Plan) -> list[Finding]:
    return [*needs_checks(plan), *monitoring_checks(plan)]
