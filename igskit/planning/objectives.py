"""Step 03: vision, priorities and the objectives tree SD → OD → acties (seed 003).

Identity is not numbering: every SD, OD and action has a stable id in the params file; the
codes people read (SD1, SD1-OD2, SD1-OD2-A3) are computed from order here, so a move,
merge or split renumbers the view but cross-references and version comparisons follow the id.
"""

from __future__ import annotations

import math
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


def network_ids(plan: Plan) -> set[str]:
    """Ids of the SDs, ODs and actions of the network vrijetijdsparticipatie (``netwerk: true``,
    inherited downwards: everything under a network SD or OD belongs to the network too)."""
    ids: set[str] = set()
    for sd in plan.objectives:
        for od in sd.objectives:
            od_in = sd.network or od.network
            ids |= {a.id for a in od.actions if od_in or a.network}
            if od_in:
                ids.add(od.id)
        if sd.network:
            ids.add(sd.id)
    return ids


def parent_od(plan: Plan, action: Action) -> OperationalObjective | None:
    return next((od for sd in plan.objectives for od in sd.objectives if any(a is action for a in od.actions)),
                None) or next((od for sd in plan.objectives for od in sd.objectives
                               if any(a.id == action.id for a in od.actions)), None)


def effective_spread(action: Action, od: OperationalObjective | None = None):
    """An action's spreiding, or its OD's when it sets none (seed 003 works per OD)."""
    if action.spread is not None:
        return action.spread
    return od.spread if od is not None else voc.ALL_MUNICIPALITIES


def reached(plan: Plan, item: Action | OperationalObjective) -> list[str]:
    """The gemeenten an action's (or an OD's) spreiding reaches."""
    spread = item.spread if isinstance(item, OperationalObjective) else \
        effective_spread(item, parent_od(plan, item))
    if spread == voc.ALL_MUNICIPALITIES:
        return plan.region.municipality_names
    return list(spread)


def is_everywhere(plan: Plan, action: Action) -> bool:
    return effective_spread(action, parent_od(plan, action)) == voc.ALL_MUNICIPALITIES


def spread_text(item, od: OperationalObjective | None = None) -> str:
    spread = item.spread if isinstance(item, OperationalObjective) or od is None else effective_spread(item, od)
    if spread is None:
        return voc.ALL_MUNICIPALITIES + " (zoals de OD)"
    return spread if isinstance(spread, str) else ", ".join(spread)


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
            where = "" if od.spread == voc.ALL_MUNICIPALITIES else f" — spreiding: {text(spread_text(od))}"
            lines.append(f"*{nodes[od.id].code} {text(od.title)}*{where}{' ' + text(extra) if extra else ''}\n")
            for action in od.actions:
                detail = [f"regierol: {action.directing_role or 'nog in te vullen'}",
                          f"actorrol: {action.actor_role or '–'}",
                          f"spreiding: {spread_text(action, od)}",
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
                         "Spreiding": spread_text(action, od), "Timing": years_text(action.years),
                         "Partners": ", ".join(names.get(p, p) for p in action.partners) or "–"})
    return pd.DataFrame(rows, columns=["Code", "Actie", "Regierol", "Actorrol", "Spreiding", "Timing", "Partners"])


def overview_table(plan: Plan) -> pd.DataFrame:
    """Per SD: priority, number of ODs and actions."""
    nodes = number(plan)
    return pd.DataFrame([{"Code": nodes[sd.id].code, "Strategische doelstelling": sd.title,
                          "Prioriteit": priority_title(plan, sd), "OD's": len(sd.objectives),
                          "Acties": sum(len(od.actions) for od in sd.objectives)} for sd in plan.objectives])


def coverage_table(plan: Plan) -> pd.DataFrame:
    """Per gemeente and per SD, the actions that run specifically there (not 'alle gemeenten'),
    then the regional actions that run everywhere, so concentration is not hidden."""
    nodes = number(plan)
    everywhere = sum(1 for _sd, od, a in iter_actions(plan) if effective_spread(a, od) == voc.ALL_MUNICIPALITIES)
    rows = []
    for name in plan.region.municipality_names:
        row = {"Gemeente": name}
        for sd in plan.objectives:
            row[nodes[sd.id].code] = sum(1 for od in sd.objectives for a in od.actions
                                         if effective_spread(a, od) != voc.ALL_MUNICIPALITIES
                                         and name in effective_spread(a, od))
        row["Specifiek"] = sum(v for k, v in row.items() if k != "Gemeente")
        row["Alle gemeenten"] = everywhere
        row["Totaal"] = row["Specifiek"] + everywhere
        rows.append(row)
    return pd.DataFrame(rows)


def coverage_text(plan: Plan) -> str:
    total = sum(1 for _ in iter_actions(plan))
    everywhere = sum(1 for _sd, od, a in iter_actions(plan) if effective_spread(a, od) == voc.ALL_MUNICIPALITIES)
    return (f"Van de {total} acties lopen er {everywhere} in alle gemeenten; {total - everywhere} lopen gericht in "
            "een selectie van gemeenten. De tabel telt per gemeente en per strategische doelstelling de gerichte "
            "acties apart, zodat zichtbaar wordt waar het aanbod zich concentreert.")


def od_spread_table(plan: Plan) -> pd.DataFrame:
    """Spreiding per OD (seed 003): where the OD runs and how many of its actions run everywhere."""
    nodes = number(plan)
    return pd.DataFrame([{"Code": nodes[od.id].code, "Operationele doelstelling": od.title,
                          "Spreiding": spread_text(od),
                          "Acties in alle gemeenten": sum(1 for a in od.actions
                                                          if effective_spread(a, od) == voc.ALL_MUNICIPALITIES),
                          "Gerichte acties": sum(1 for a in od.actions
                                                 if effective_spread(a, od) != voc.ALL_MUNICIPALITIES)}
                         for sd in plan.objectives for od in sd.objectives],
                        columns=["Code", "Operationele doelstelling", "Spreiding", "Acties in alle gemeenten",
                                 "Gerichte acties"])


@dataclass
class TimelineFigure:
    """One page of the timeline: the figure and the codes of the actions it shows, in order."""

    figure: object
    codes: list[str]
    title: str


TIMELINE_ROWS_PER_FIGURE = 28  # rows of two lines at 7 pt: one A4 page of text height


def timeline_groups(plan: Plan, per_figure: int = TIMELINE_ROWS_PER_FIGURE) -> list[tuple[str, list]]:
    """Every action, grouped for the timeline's figures: whole SDs packed together while they fit,
    an SD with more actions than a figure holds split over several parts. Nothing is left out."""
    nodes = number(plan)
    groups: list[tuple[list[str], list]] = []
    for sd in plan.objectives:
        actions = [(sd, od, a) for od in sd.objectives for a in od.actions]
        if not actions:
            continue
        code = nodes[sd.id].code
        if len(actions) > per_figure:
            parts = math.ceil(len(actions) / per_figure)
            size = math.ceil(len(actions) / parts)
            for p in range(parts):
                groups.append(([f"{code} (deel {p + 1} van {parts})"], actions[p * size:(p + 1) * size]))
        elif groups and len(groups[-1][1]) + len(actions) <= per_figure and "deel" not in groups[-1][0][-1]:
            groups[-1][0].append(code)
            groups[-1][1].extend(actions)
        else:
            groups.append(([code], actions))
    return [(_join_codes(labels), actions) for labels, actions in groups]


def _join_codes(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " en " + labels[-1]


def timeline_figures(plan: Plan, per_figure: int = TIMELINE_ROWS_PER_FIGURE) -> list[TimelineFigure]:
    """Gantt-style, one row per action and a bar per planned year, coloured per SD; as many figures
    (each the width of the printed page) as it takes to show every action."""
    import textwrap

    import matplotlib.pyplot as plt

    from igskit.planning.figures import TEXT_WIDTH_IN
    plain_figures()  # params text in labels is drawn literally: no mathtext

    nodes = number(plan)
    years = plan.region.period.years
    palette = ["#0E4C5A", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#2c3e50", "#16a085"]
    colour = {sd.id: palette[i % len(palette)] for i, sd in enumerate(plan.objectives)}
    result = []
    for title, shown in timeline_groups(plan, per_figure):
        fig, ax = plt.subplots(figsize=(TEXT_WIDTH_IN, max(2.0, 0.26 * len(shown) + 0.9)))
        bars = [(row, y - 0.45, colour[sd.id]) for row, (sd, _od, action) in enumerate(shown) for y in action.years]
        if bars:  # one call for all bars (the same rectangles, in the same order, as one call per bar)
            rows, lefts, colours = zip(*bars)
            ax.barh(rows, 0.9, left=lefts, color=colours, height=0.7)
        ax.set_yticks(range(len(shown)))
        ax.set_yticklabels(["\n".join(textwrap.wrap(f"{nodes[a.id].code} {a.title}", 52, break_on_hyphens=False))
                            for _s, _o, a in shown], fontsize=7)
        ax.set_xticks(years)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        ax.set_ylim(len(shown) - 0.5, -0.5)
        ax.grid(axis="x", linestyle=":", linewidth=0.6)
        ax.set_xlabel("Werkjaar", fontsize=8)
        ax.set_title(f"Acties van {title}", fontsize=9, loc="left")
        fig.subplots_adjust(left=0.5, right=0.98, top=1 - 0.3 / fig.get_figheight(),
                            bottom=0.5 / fig.get_figheight())
        result.append(TimelineFigure(fig, [nodes[a.id].code for _s, _o, a in shown], title))
    return result


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
    everyone = plan.region.municipality_names
    reached_names = set()
    for _sd, od, a in iter_actions(plan):
        spread = effective_spread(a, od)
        reached_names |= set(everyone if spread == voc.ALL_MUNICIPALITIES else spread)
        if od.spread != voc.ALL_MUNICIPALITIES and spread != voc.ALL_MUNICIPALITIES \
                and set(spread) - set(od.spread):
            found.append(Finding(topic, "aandacht", f"{nodes[a.id].code} loopt in "
                                 f"{', '.join(sorted(set(spread) - set(od.spread)))}, buiten de spreiding van "
                                 f"{nodes[od.id].code}.", f"doelstellingen ({a.id}).spreiding"))
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
