"""Step 03: vision, priorities and the objectives tree SD → OD → acties (seed 003).

Identity is not numbering: every SD, OD and action has a stable id in the params file; the
codes people read (SD1, SD1-OD2, SD1-OD2-A3) are computed from order here, so a move,
merge or split renumbers the view but cross-references and version comparisons follow the id.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Action, OperationalObjective, Plan, StrategicObjective
from igskit.planning.findings import Finding
from igskit.planning.markup import plain_figures, prose, text

MIN_PRIORITIES, MAX_PRIORITIES = 3, 5
FIRST_WORKING_YEARS = 2


@dataclass(frozen=True)
class Node:
    """One objective or action with its computed code and its place in the tree."""

    id: str
    code: str
    kind: str  # "sd", "od" or "actie"
    title: str
    sd_id: str
    od_id: str | None = None


def number(plan: Plan) -> dict[str, Node]:
    """Codes for every SD, OD and action, computed from their order in the params file."""
    nodes: dict[str, Node] = {}
    for i, sd in enumerate(plan.objectives, start=1):
        nodes[sd.id] = Node(sd.id, f"SD{i}", "sd", sd.title, sd.id)
        for j, od in enumerate(sd.objectives, start=1):
            nodes[od.id] = Node(od.id, f"SD{i}-OD{j}", "od", od.title, sd.id, od.id)
            for k, action in enumerate(od.actions, start=1):
                nodes[action.id] = Node(action.id, f"SD{i}-OD{j}-A{k}", "actie", action.title, sd.id, od.id)
    return nodes


def iter_actions(plan: Plan):
    """(sd, od, action) for every action, in order."""
    for sd in plan.objectives:
        for od in sd.objectives:
            for action in od.actions:
                yield sd, od, action


def reached(plan: Plan, action: Action) -> list[str]:
    """The gemeenten an action's spreiding reaches."""
    if action.spread == voc.ALL_MUNICIPALITIES:
        return plan.region.municipality_names
    return list(action.spread)


def spread_text(action: Action) -> str:
    return action.spread if isinstance(action.spread, str) else ", ".join(action.spread)


def years_text(years: list[int]) -> str:
    """[2027, 2028, 2029, 2031] -> '2027–2029, 2031'."""
    if not years:
        return "nog te plannen"
    years, parts, start = sorted(set(years)), [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            parts.append(str(y) if start == y else f"{start}–{y}")
            start = None
    return ", ".join(parts)


def see_also_text(plan: Plan, refs: list[str], nodes: dict[str, Node] | None = None) -> str:
    nodes = nodes or number(plan)
    # a broken reference is a params error (and blocks); the nota never prints a raw id
    return ", ".join(nodes[r].code for r in refs if r in nodes)


def priority_title(plan: Plan, sd: StrategicObjective) -> str:
    if sd.transversal or sd.priority is None:
        return "transversaal"
    return next((p.title for p in plan.priorities if p.id == sd.priority), sd.priority)


def tree_markdown(plan: Plan) -> str:
    """The tree as numbered text, the way seed 003 presents it: SD, ODs in italics, actions."""
    nodes = number(plan)
    lines: list[str] = []
    for sd in plan.objectives:
        label = " (transversaal)" if sd.transversal else ""
        lines.append(f"**{nodes[sd.id].code}{label}: {text(sd.title)}**\n")
        for od in sd.objectives:
            extra = f" (zie ook {see_also_text(plan, od.see_also, nodes)})" if od.see_also else ""
            lines.append(f"*{nodes[od.id].code} {text(od.title)}*{' ' + text(extra) if extra else ''}\n")
            for action in od.actions:
                detail = [f"regierol: {action.directing_role or 'nog in te vullen'}",
                          f"actorrol: {action.actor_role or '–'}",
                          f"spreiding: {spread_text(action)}",
                          f"timing: {years_text(action.years)}"]
                if action.see_also:
                    detail.append(f"zie ook {see_also_text(plan, action.see_also, nodes)}")
                lines.append(f"- {nodes[action.id].code} {text(action.title)} — " + text("; ".join(detail)))
            lines.append("")
    return "\n".join(lines)


def sd_table(plan: Plan, sd: StrategicObjective) -> pd.DataFrame:
    """One SD's actions in the columns of seed 003: regierol, actorrol, spreiding, timing."""
    nodes = number(plan)
    names = {s.id: s.name for s in plan.stakeholder_list}
    rows = []
    for od in sd.objectives:
        for action in od.actions:
            rows.append({"Code": nodes[action.id].code, "Actie": action.title,
                         "Regierol": action.directing_role or "–", "Actorrol": action.actor_role or "–",
                         "Spreiding": spread_text(action), "Timing": years_text(action.years),
                         "Partners": ", ".join(names.get(p, p) for p in action.partners) or "–"})
    return pd.DataFrame(rows, columns=["Code", "Actie", "Regierol", "Actorrol", "Spreiding", "Timing", "Partners"])


def overview_table(plan: Plan) -> pd.DataFrame:
    """Per SD: priority, number of ODs and actions."""
    nodes = number(plan)
    return pd.DataFrame([{"Code": nodes[sd.id].code, "Strategische doelstelling": sd.title,
                          "Prioriteit": priority_title(plan, sd), "OD's": len(sd.objectives),
                          "Acties": sum(len(od.actions) for od in sd.objectives)} for sd in plan.objectives])


def coverage_table(plan: Plan) -> pd.DataFrame:
    """How many actions reach each gemeente, per SD."""
    nodes = number(plan)
    rows = []
    for name in plan.region.municipality_names:
        row = {"Gemeente": name}
        for sd in plan.objectives:
            row[nodes[sd.id].code] = sum(1 for od in sd.objectives for a in od.actions if name in reached(plan, a))
        row["Totaal"] = sum(v for k, v in row.items() if k != "Gemeente")
        rows.append(row)
    return pd.DataFrame(rows)


def timeline_figure(plan: Plan, max_rows: int = 60):
    """Gantt-style: one row per action, a bar per planned year, coloured per SD."""
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext

    nodes = number(plan)
    years = plan.region.period.years
    actions = list(iter_actions(plan))
    shown = actions[:max_rows]
    palette = ["#0E4C5A", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#2c3e50", "#16a085"]
    colour = {sd.id: palette[i % len(palette)] for i, sd in enumerate(plan.objectives)}
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.26 * len(shown) + 1)))
    for row, (sd, _od, action) in enumerate(shown):
        for y in action.years:
            ax.barh(row, 0.9, left=y - 0.45, color=colour[sd.id], height=0.7)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([f"{nodes[a.id].code} {_clip(a.title, 48)}" for _s, _o, a in shown], fontsize=7)
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax.invert_yaxis()
    ax.grid(axis="x", linestyle=":", linewidth=0.6)
    ax.set_xlabel("Werkjaar")
    if len(actions) > max_rows:
        ax.set_title(f"Eerste {max_rows} van {len(actions)} acties", fontsize=9)
    fig.tight_layout()
    return fig


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def checks(plan: Plan) -> list[Finding]:
    """Every rule of step 03, as findings (shown in the nota and as warnings on the run)."""
    found: list[Finding] = []
    topic = "Doelstellingen"
    nodes = number(plan)
    n = len(plan.priorities)
    if MIN_PRIORITIES <= n <= MAX_PRIORITIES:
        found.append(Finding(topic, "in orde", f"{n} inhoudelijke prioriteiten (3 tot 5 gevraagd).", "prioriteiten"))
    else:
        found.append(Finding(topic, "blokkerend", f"{n} inhoudelijke prioriteiten; kies er 3 tot 5.", "prioriteiten"))
    for p in plan.priorities:
        if not any(sd.priority == p.id for sd in plan.objectives):
            found.append(Finding(topic, "aandacht", f"Prioriteit '{p.title}' is nog in geen enkele strategische "
                                 "doelstelling vertaald.", "doelstellingen[].prioriteit"))
    for sd in plan.objectives:
        if not sd.objectives:
            found.append(Finding(topic, "blokkerend", f"{nodes[sd.id].code} heeft geen operationele doelstelling.",
                                 f"doelstellingen ({sd.id}).ods"))
        if not sd.transversal and sd.priority is None:
            found.append(Finding(topic, "aandacht", f"{nodes[sd.id].code} hoort bij geen prioriteit; koppel een "
                                 "prioriteit of markeer ze als transversaal.", f"doelstellingen ({sd.id})"))
        for od in sd.objectives:
            if not od.actions:
                found.append(Finding(topic, "blokkerend", f"{nodes[od.id].code} heeft geen acties.",
                                     f"doelstellingen ({od.id}).acties"))
    first_years = plan.region.period.years[:FIRST_WORKING_YEARS]
    for year in first_years:
        count = sum(1 for *_x, a in iter_actions(plan) if year in a.years)
        if count == 0:
            found.append(Finding(topic, "blokkerend", f"Geen acties gepland in werkjaar {year}; de nota moet "
                                 f"acties bevatten voor minstens de eerste {FIRST_WORKING_YEARS} werkjaren.",
                                 "doelstellingen[].ods[].acties[].jaren"))
    if all(any(y in a.years for *_x, a in iter_actions(plan)) for y in first_years):
        found.append(Finding(topic, "in orde", f"Acties gepland voor de eerste {FIRST_WORKING_YEARS} werkjaren "
                             f"({', '.join(map(str, first_years))}).", "doelstellingen[].ods[].acties[].jaren"))
    reached_names = {name for *_x, a in iter_actions(plan) for name in reached(plan, a)}
    missing = [m for m in plan.region.municipality_names if m not in reached_names]
    if missing:
        found.append(Finding(topic, "aandacht", f"Geen enkele actie bereikt {', '.join(missing)}.",
                             "doelstellingen[].ods[].acties[].spreiding"))
    else:
        found.append(Finding(topic, "in orde", "Elke gemeente wordt door minstens één actie bereikt.",
                             "doelstellingen[].ods[].acties[].spreiding"))
    stakeholder_ids = {s.id for s in plan.stakeholder_list}
    for sd in plan.objectives:
        for od in sd.objectives:
            for ref in od.see_also:
                if ref not in nodes:
                    found.append(Finding(topic, "blokkerend", f"{nodes[od.id].code} verwijst met 'zie ook' naar "
                                         f"'{ref}', dat niet bestaat.", f"doelstellingen ({od.id}).zie_ook"))
            for action in od.actions:
                code = nodes[action.id].code
                if not action.directing_role.strip():
                    found.append(Finding(topic, "blokkerend", f"{code} heeft geen regierol; Vlaamse middelen gaan "
                                         "naar de regierol.", f"doelstellingen ({action.id}).regierol"))
                if not action.years:
                    found.append(Finding(topic, "aandacht", f"{code} heeft nog geen timing.",
                                         f"doelstellingen ({action.id}).jaren"))
                for ref in action.see_also:
                    if ref not in nodes:
                        found.append(Finding(topic, "blokkerend", f"{code} verwijst met 'zie ook' naar '{ref}', dat "
                                             "niet bestaat.", f"doelstellingen ({action.id}).zie_ook"))
                for ref in action.partners:
                    if ref not in stakeholder_ids:
                        found.append(Finding(topic, "aandacht", f"{code} noemt partner '{ref}', die niet bij de "
                                             "stakeholders staat.", f"doelstellingen ({action.id}).partners"))
    return found


def find_objective(plan: Plan, ident: str) -> StrategicObjective | OperationalObjective | Action | None:
    for sd in plan.objectives:
        if sd.id == ident:
            return sd
        for od in sd.objectives:
            if od.id == ident:
                return od
            for action in od.actions:
                if action.id == ident:
                    return action
    return None


def priorities_table(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([{"Prioriteit": p.title, "Toelichting": prose(p.description, inline=True) or "–",
                          "Uitgewerkt in": ", ".join(number(plan)[sd.id].code for sd in plan.objectives
                                                     if sd.priority == p.id) or "nog geen SD"}
                         for p in plan.priorities], columns=["Prioriteit", "Toelichting", "Uitgewerkt in"])
