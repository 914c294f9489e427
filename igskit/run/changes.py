"""What changed between two versions, in the board's own terms (the way seed 003 shows a rewrite).

Objects are matched by their stable id, never by their number: an OD that moved from SD1 to
SD3 reads "SD1-OD4 → SD3-OD2: verplaatst", not as one removal and one addition.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from igskit.errors import VersionError
from igskit.params.load import LoadedPlan, load_plan
from igskit.params.schema import Plan
from igskit.planning import budget, network_budget, objectives
from igskit.planning.markup import text
from igskit.run.network_changes import NETWORK, network_changes


@dataclass(frozen=True)
class Change:
    section: str
    text: str


def load_version_plan(version) -> LoadedPlan:
    try:
        return load_plan(version.params_snapshot)
    except Exception as exc:  # an old snapshot may not satisfy today's schema
        raise VersionError(f"De params van versie {version.name} kunnen niet gelezen worden: {exc}") from exc


def _q(text: str) -> str:
    return f"«{text}»"


def objective_changes(old: Plan, new: Plan) -> list[Change]:
    """Objectives and actions added, removed, moved, merged, split, renumbered or reworded."""
    before, after = objectives.number(old), objectives.number(new)
    old_objs = {i: objectives.find_objective(old, i) for i in before}
    new_objs = {i: objectives.find_objective(new, i) for i in after}
    found: list[Change] = []
    section = "Doelstellingen"
    parent_before = {i: (n.sd_id if n.kind == "od" else n.od_id) for i, n in before.items()}
    parent_after = {i: (n.sd_id if n.kind == "od" else n.od_id) for i, n in after.items()}

    def children(plan_nodes, ident):
        return [i for i, n in plan_nodes.items() if n.kind == "actie" and n.od_id == ident]

    for ident, node in after.items():
        label = {"sd": "SD", "od": "OD", "actie": "actie"}[node.kind]
        if ident not in before:
            origin = ""
            if node.kind == "od":
                sources = {before[a].od_id for a in children(after, ident) if a in before}
                sources = [s for s in sources if s in after]
                if sources:
                    origin = f" (afgesplitst van {', '.join(after[s].code for s in sources)})"
            found.append(Change(section, f"{node.code} nieuw{origin}: {_q(node.title)}"))
            continue
        old_node = before[ident]
        if node.kind != "sd" and parent_before[ident] != parent_after[ident]:
            old_parent = before[parent_before[ident]].code
            new_parent = after[parent_after[ident]].code if parent_after[ident] in after else "?"
            found.append(Change(section, f"{old_node.code} → {node.code}: {label} verplaatst van {old_parent} "
                                         f"naar {new_parent}"))
        elif old_node.code != node.code and _local(old_node.code) != _local(node.code):
            # only its own position changed; a child that merely follows its renumbered
            # parent is not listed (the parent's line says it)
            found.append(Change(section, f"{old_node.code} → {node.code}: hernummerd"))
        if old_node.title != node.title:
            found.append(Change(section, f"{node.code} herschreven: {_q(old_node.title)} wordt {_q(node.title)}"))
        if node.kind == "od" and old_objs[ident].spread != new_objs[ident].spread:
            found.append(Change(section, f"{node.code} spreiding: {objectives.spread_text(old_objs[ident])} → "
                                         f"{objectives.spread_text(new_objs[ident])}"))
        if node.kind == "actie":
            a, b = old_objs[ident], new_objs[ident]
            if a.spread != b.spread:
                found.append(Change(section, f"{node.code} spreiding: {objectives.spread_text(a)} → "
                                             f"{objectives.spread_text(b)}"))
            if sorted(a.years) != sorted(b.years):
                found.append(Change(section, f"{node.code} timing: {objectives.years_text(a.years)} → "
                                             f"{objectives.years_text(b.years)}"))
            if a.directing_role != b.directing_role:
                found.append(Change(section, f"{node.code} regierol aangepast"))
            if a.actor_role != b.actor_role:
                found.append(Change(section, f"{node.code} actorrol aangepast"))
    for ident, node in before.items():
        if ident in after:
            continue
        merged = ""
        if node.kind == "od":
            targets = {after[a].od_id for a in children(before, ident) if a in after}
            if targets:
                merged = f" (samengevoegd met {', '.join(after[t].code for t in sorted(targets))})"
        if merged:
            found.append(Change(section, f"{node.code} weggehaald{merged}: {_q(node.title)}"))
        else:
            found.append(Change(section, f"{node.code} weggehaald: {_q(node.title)}"))
    return found


def _local(code: str) -> str:
    """The last part of a code: "SD1-OD2-A3" -> "A3"."""
    return code.rsplit("-", 1)[-1]


def stakeholder_changes(old: Plan, new: Plan) -> list[Change]:
    a = {s.id: s for s in old.stakeholder_list}
    b = {s.id: s for s in new.stakeholder_list}
    found = [Change("Stakeholders", f"nieuw: {b[i].name}") for i in b if i not in a]
    found += [Change("Stakeholders", f"weggehaald: {a[i].name}") for i in a if i not in b]
    from igskit.params import vocabulary as voc

    for i in b:
        if i in a and a[i].involvement != b[i].involvement:
            found.append(Change("Stakeholders", f"{b[i].name}: betrokkenheid "
                                f"{voc.INVOLVEMENTS[a[i].involvement][1]} → {voc.INVOLVEMENTS[b[i].involvement][1]}"))
    return found


def priority_changes(old: Plan, new: Plan) -> list[Change]:
    a = {p.id: p for p in old.priorities}
    b = {p.id: p for p in new.priorities}
    found = [Change("Prioriteiten", f"nieuw: {_q(b[i].title)}") for i in b if i not in a]
    found += [Change("Prioriteiten", f"weggehaald: {_q(a[i].title)}") for i in a if i not in b]
    found += [Change("Prioriteiten", f"herschreven: {_q(a[i].title)} wordt {_q(b[i].title)}")
              for i in b if i in a and a[i].title != b[i].title]
    return found


def swot_changes(old: Plan, new: Plan) -> list[Change]:
    found = []
    for quadrant, items in new.swot.quadrants().items():
        before = {i.id: i for i in old.swot.quadrants()[quadrant]}
        after = {i.id: i for i in items}
        found += [Change("SWOT", f"{quadrant}: nieuw {_q(after[i].text)}") for i in after if i not in before]
        found += [Change("SWOT", f"{quadrant}: weggehaald {_q(before[i].text)}") for i in before if i not in after]
    return found


def budget_years_table(old: Plan, new: Plan) -> pd.DataFrame:
    a, b = budget.totals(old), budget.totals(new)
    years = sorted(set(a.index) | set(b.index))
    rows = []
    for y in years:
        before = int(a.loc[y, "uitgaven"]) if y in a.index else 0
        after = int(b.loc[y, "uitgaven"]) if y in b.index else 0
        rows.append({"Jaar": str(y), "Uitgaven vorige versie": budget.euro(before),
                     "Uitgaven deze versie": budget.euro(after), "Verschil": _signed(after - before)})
    return pd.DataFrame(rows)


def budget_sd_table(old: Plan, new: Plan) -> pd.DataFrame:
    def per_sd(plan: Plan) -> dict[str, int]:
        frame = budget.cost_per_sd(plan)
        ids = [sd.id for sd in plan.objectives] + ["_algemeen"]
        return dict(zip(ids, frame["Totaal"].astype(int)))

    a, b = per_sd(old), per_sd(new)
    codes_new, codes_old = objectives.number(new), objectives.number(old)
    rows = []
    for ident in [*b.keys(), *[i for i in a if i not in b]]:
        if ident == "_algemeen":
            name = "Personeel en werking"
        elif ident in codes_new:
            name = f"{codes_new[ident].code} {codes_new[ident].title}"
        else:
            name = f"{codes_old[ident].code} {codes_old[ident].title} (weggehaald)"
        rows.append({"Doelstelling": name, "Vorige versie": budget.euro(a.get(ident, 0)),
                     "Deze versie": budget.euro(b.get(ident, 0)),
                     "Verschil": _signed(b.get(ident, 0) - a.get(ident, 0))})
    return pd.DataFrame(rows)


def _line_key(line: budget.Line) -> tuple[str, str]:
    """What identifies a budget line across versions: an action by its id, a staff line by its
    function (its VTE may change), a gemeente by its name, any other line by its description."""
    if line.action:
        return line.group, line.action
    if line.group == "personeel":
        return line.group, line.label.rsplit(" (", 1)[0]
    return line.group, line.label


def _keyed_lines(plan: Plan, network: bool = False) -> dict[tuple[str, str, int], budget.Line]:
    keyed: dict[tuple[str, str, int], budget.Line] = {}
    for line in budget.lines(plan):
        if network and not line.network:
            continue
        group, key = _line_key(line)
        n = 0
        while (group, key, n) in keyed:  # two lines with the same description stay two lines
            n += 1
        keyed[(group, key, n)] = line
    return keyed


def budget_line_changes(old: Plan, new: Plan, network: bool = False) -> pd.DataFrame:
    """Every income or cost line that appeared, disappeared or changed, with its amounts before and
    after (over the period) and, for a changed line, the years that changed. ``network``: only the
    network's own budget (a line that got or lost ``netwerk: true`` appears or disappears there)."""
    a, b = _keyed_lines(old, network), _keyed_lines(new, network)
    years = sorted(set(old.region.period.years) | set(new.region.period.years))
    rows = []
    for key in [*b, *[k for k in a if k not in b]]:
        before, after = a.get(key), b.get(key)
        line = after or before
        total_before = sum(before.amounts.get(y, 0) for y in years) if before else 0
        total_after = sum(after.amounts.get(y, 0) for y in years) if after else 0
        if before is None:
            what = "nieuw"
        elif after is None:
            what = "weggehaald"
        else:
            changed = [f"{y}: {budget.euro(before.amounts.get(y, 0))} → {budget.euro(after.amounts.get(y, 0))}"
                       for y in years if before.amounts.get(y, 0) != after.amounts.get(y, 0)]
            renamed = before.label != after.label and line.group != "personeel"
            if not changed and not renamed:
                continue
            old_code, _s, old_title = before.label.partition(" ")
            if line.action and old_title == after.label.partition(" ")[2]:
                was = f"voorheen {old_code}"  # only renumbered
            else:
                was = f"voorheen {_q(before.label)}"
            what = "; ".join([*(["bedrag " + ", ".join(changed)] if changed else []), *([was] if renamed else [])])
        side, group = budget.GROUPS[line.group]
        rows.append({"Post": f"{group}: {line.label}" if line.group != "vlaams" else line.label,
                     "Soort": side.capitalize(), "Wijziging": what, "Vorige versie": budget.euro(total_before),
                     "Deze versie": budget.euro(total_after), "Verschil": _signed(total_after - total_before)})
    return pd.DataFrame(rows, columns=["Post", "Soort", "Wijziging", "Vorige versie", "Deze versie", "Verschil"])


def balance_table(old: Plan, new: Plan, network: bool = False) -> pd.DataFrame:
    """Income, costs and balance per year, before and after (``network``: the network's own budget)."""
    totals = network_budget.totals if network else budget.totals
    a, b = totals(old), totals(new)
    rows = []

    def get(frame, column, y):
        return int(frame.loc[y, column]) if y in frame.index else 0

    for y in sorted(set(a.index) | set(b.index)):
        rows.append({"Jaar": str(y),
                     "Inkomsten vorige versie": budget.euro(get(a, "inkomsten", y)),
                     "Inkomsten deze versie": budget.euro(get(b, "inkomsten", y)),
                     "Saldo vorige versie": budget.euro(get(a, "saldo", y)),
                     "Saldo deze versie": budget.euro(get(b, "saldo", y)),
                     "Verschil saldo": _signed(get(b, "saldo", y) - get(a, "saldo", y))})
    return pd.DataFrame(rows)


def _signed(cents: int) -> str:
    return ("+" if cents > 0 else "") + budget.euro(cents) if cents else "0,00"


def all_changes(old: Plan, new: Plan) -> list[Change]:
    from igskit.run import process_changes  # the road to the plan; imports Change from here

    return [*priority_changes(old, new), *objective_changes(old, new), *stakeholder_changes(old, new),
            *swot_changes(old, new), *process_changes.process_changes(old, new),
            *(Change(c.section, c.text) for c in network_changes(old, new))]


def report_markdown(old: LoadedPlan, new: LoadedPlan, old_name: str, new_name: str) -> str:
    """The change report as Markdown: lists per section, then the budget before and after."""
    from igskit.planning.tables import markdown_table

    a, b = old.plan, new.plan
    lines = [f"Wat veranderde van versie {old_name} naar versie {new_name}. Nummers zijn die van de betrokken "
             "versie; doelstellingen en acties worden gevolgd op hun vaste id, ook als ze verhuisden.", ""]
    changes = all_changes(a, b)
    from igskit.run.process_changes import SECTIONS as PROCESS_SECTIONS

    for section in ("Prioriteiten", "Doelstellingen", "Stakeholders", "SWOT", *PROCESS_SECTIONS):
        items = [c.text for c in changes if c.section == section]
        lines += [f"## {section}", ""]
        lines += [f"- {text(t)}" for t in items] if items else ["Geen wijzigingen."]
        lines.append("")
    lines += ["## Begroting per jaar", "", markdown_table(budget_years_table(a, b)), "",
              "## Kosten per strategische doelstelling (hele periode)", "", markdown_table(budget_sd_table(a, b)), ""]
    posts = budget_line_changes(a, b)
    lines += ["## Begrotingsposten (inkomsten en uitgaven, hele periode)", "",
              markdown_table(posts) if not posts.empty else "Geen wijzigingen.", "",
              "## Saldo per jaar", "", markdown_table(balance_table(a, b)), ""]
    if a.nota.include_agreement or b.nota.include_agreement:
        items = [c.text for c in changes if c.section == NETWORK]
        posts = budget_line_changes(a, b, network=True)
        lines += [f"## {NETWORK}", "", *([f"- {text(t)}" for t in items] if items else ["Geen wijzigingen."]), "",
                  "## Begroting van het netwerk: posten (hele periode)", "",
                  markdown_table(posts) if not posts.empty else "Geen wijzigingen.", "",
                  "## Saldo van het netwerk per jaar", "", markdown_table(balance_table(a, b, network=True)), ""]
    return "\n".join(lines)
