"""What changed on the road to the plan, for the change report (:mod:`igskit.run.changes`).

The stappenplan (step status, engagement per gemeente, cooperations, legal form), the working
groups, the stakeholders' needs and partnerkaarten, the indicators and reflection moments of the
monitoring, and the cost roles and SD shares of the budget. Items are matched by what names them
for good: ids (steps, groups, needs, objectives), the gemeente, or the label of a budget line.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning import objectives, process
from igskit.run.changes import Change

SECTIONS = ("Stappenplan", "Werkgroepen", "Noden", "Partnerkaarten", "Monitoring", "Kostenverdeling")
CARD_FIELDS = (("strengths", "sterktes"), ("limitations", "beperkingen"), ("supra_local", "bovenlokaal"),
               ("boundary_crossing", "grensverleggend"), ("idea", "idee"))
COMMITMENT_FIELDS = (("engagement", "engagementsverklaring"), ("council_decision", "beslissing gemeenteraad"),
                     ("bbc_objective", "IGS in de BBC"), ("budget_provided", "budget voorzien"),
                     ("nota_approved", "cultuurnota goedgekeurd"))


def _q(text: str) -> str:
    return f"«{text}»"


def _number(value: Decimal | None) -> str:
    return "—" if value is None else format(Decimal(value).normalize(), "f").replace(".", ",")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None or value == "":
        return "—"
    if hasattr(value, "year") and hasattr(value, "month"):
        return process.dutch_date(value)
    return str(value)


def process_changes(old: Plan, new: Plan) -> list[Change]:
    """Every change on the road to the plan, in the order of :data:`SECTIONS`."""
    return [*roadmap_changes(old, new), *group_changes(old, new), *need_changes(old, new),
            *card_changes(old, new), *monitoring_changes(old, new), *cost_changes(old, new)]


# --- stappenplan -------------------------------------------------------------------------------------

def roadmap_changes(old: Plan, new: Plan) -> list[Change]:
    section, found = "Stappenplan", []
    before = {s.key: s for s in process.states(old)}
    for state in process.states(new):
        was = before[state.key].step.status
        now = state.step.status
        if was != now:
            found.append(Change(section, f"stap {state.number} {_q(state.title)}: "
                                f"{voc.ROADMAP_STATUSES[was].lower()} → {voc.ROADMAP_STATUSES[now].lower()}"))
    a = {c.municipality: c for c in old.roadmap.commitments}
    for commitment in new.roadmap.commitments:
        earlier = a.get(commitment.municipality)
        for attribute, label in COMMITMENT_FIELDS:
            then = getattr(earlier, attribute) if earlier else None
            now = getattr(commitment, attribute)
            if (then or None) != (now or None):
                found.append(Change(section, f"{commitment.municipality}: {label} {_value(then)} → {_value(now)}"))
    names_before = {c.name for c in old.roadmap.cooperations}
    names_after = {c.name for c in new.roadmap.cooperations}
    found += [Change(section, f"samenwerking nieuw: {_q(n)}") for n in sorted(names_after - names_before)]
    found += [Change(section, f"samenwerking weggehaald: {_q(n)}") for n in sorted(names_before - names_after)]
    form_a, form_b = old.roadmap.legal_form, new.roadmap.legal_form
    kind_a = voc.LEGAL_FORMS[form_a.form] if form_a else "geen"
    kind_b = voc.LEGAL_FORMS[form_b.form] if form_b else "geen"
    if kind_a != kind_b:
        found.append(Change(section, f"juridische vorm: {kind_a.lower()} → {kind_b.lower()}"))
    return found


# --- werkgroepen ---------------------------------------------------------------------------------------

def group_changes(old: Plan, new: Plan) -> list[Change]:
    section = "Werkgroepen"
    a = {g.id: g for g in old.working_groups}
    b = {g.id: g for g in new.working_groups}
    people = {s.id: s.name for s in [*old.stakeholder_list, *new.stakeholder_list]}
    codes = {**{i: n.code for i, n in objectives.number(old).items()},
             **{i: n.code for i, n in objectives.number(new).items()}}
    titles = {p.id: p.title for p in [*old.priorities, *new.priorities]}
    found = [Change(section, f"nieuw: {_q(b[i].name)}") for i in b if i not in a]
    found += [Change(section, f"weggehaald: {_q(a[i].name)}") for i in a if i not in b]
    for i in b:
        if i not in a:
            continue
        then, now, name = a[i], b[i], _q(b[i].name)
        if then.name != now.name:
            found.append(Change(section, f"{_q(then.name)} heet nu {name}"))
        if then.priority != now.priority:
            found.append(Change(section, f"{name}: prioriteit {_q(titles.get(then.priority, then.priority))} → "
                                         f"{_q(titles.get(now.priority, now.priority))}"))
        if then.lead != now.lead:
            found.append(Change(section, f"{name}: trekker {people.get(then.lead, then.lead or '—')} → "
                                         f"{people.get(now.lead, now.lead or '—')}"))
        joined = len(set(now.members) - set(then.members))
        left = len(set(then.members) - set(now.members))
        if joined or left:
            found.append(Change(section, f"{name}: {joined} lid/leden erbij, {left} weg"))
        if len(now.meetings) != len(then.meetings):
            found.append(Change(section, f"{name}: {len(now.meetings)} bijeenkomsten (was {len(then.meetings)})"))
        added = [codes.get(p, p) for p in now.proposed if p not in then.proposed]
        dropped = [codes.get(p, p) for p in then.proposed if p not in now.proposed]
        if added or dropped:
            parts = [*(f"+ {c}" for c in added), *(f"− {c}" for c in dropped)]
            found.append(Change(section, f"{name}: voorgesteld {', '.join(parts)}"))
    return found


# --- needs and partnerkaarten --------------------------------------------------------------------------

def _needs(plan: Plan) -> dict[str, tuple[str, str]]:
    return {n.id: (s.name, n.text) for s in plan.stakeholder_list for n in s.need_items}


def need_changes(old: Plan, new: Plan) -> list[Change]:
    section = "Noden"
    a, b = _needs(old), _needs(new)
    found = [Change(section, f"nieuw bij {b[i][0]}: {_q(b[i][1])}") for i in b if i not in a]
    found += [Change(section, f"weggehaald bij {a[i][0]}: {_q(a[i][1])}") for i in a if i not in b]
    found += [Change(section, f"herschreven bij {b[i][0]}: {_q(a[i][1])} wordt {_q(b[i][1])}")
              for i in b if i in a and a[i][1] != b[i][1]]
    return found


def card_changes(old: Plan, new: Plan) -> list[Change]:
    section, found = "Partnerkaarten", []
    a = {s.id: s for s in old.stakeholder_list}
    for s in new.stakeholder_list:
        then = a[s.id].partner_card if s.id in a else None
        now = s.partner_card
        if then is None and now is not None:
            found.append(Change(section, f"nieuwe partnerkaart: {s.name}"))
        elif then is not None and now is None:
            found.append(Change(section, f"partnerkaart weggehaald: {s.name}"))
        elif then is not None and now is not None:
            texts = [label for attribute, label in CARD_FIELDS if getattr(then, attribute) != getattr(now, attribute)
                     and not isinstance(getattr(now, attribute), (bool, type(None)))]
            flags = [f"{label} {_value(getattr(then, attribute))} → {_value(getattr(now, attribute))}"
                     for attribute, label in CARD_FIELDS if getattr(then, attribute) != getattr(now, attribute)
                     and isinstance(getattr(now, attribute), (bool, type(None)))]
            if texts or flags:
                found.append(Change(section, f"{s.name}: " + "; ".join(
                    [*([f"{', '.join(texts)} herschreven"] if texts else []), *flags])))
    return found


# --- monitoring -----------------------------------------------------------------------------------------

def _indicator_holders(plan: Plan) -> dict[str, list]:
    holders: dict[str, list] = {}
    for sd in plan.objectives:
        for od in sd.objectives:
            holders[od.id] = od.indicators
            for action in od.actions:
                holders[action.id] = action.indicators
    return holders


def monitoring_changes(old: Plan, new: Plan) -> list[Change]:
    section, found = "Monitoring", []
    a, b = _indicator_holders(old), _indicator_holders(new)
    codes = {i: n.code for i, n in objectives.number(new).items()}
    for ident, indicators in b.items():
        if ident not in a:
            continue
        code = codes[ident]
        before = {i.name: i for i in a[ident]}
        after = {i.name: i for i in indicators}
        found += [Change(section, f"{code}: indicator nieuw {_q(n)}") for n in after if n not in before]
        found += [Change(section, f"{code}: indicator weggehaald {_q(n)}") for n in before if n not in after]
        for name in after:
            if name not in before:
                continue
            then, now = before[name], after[name]
            if (then.baseline, then.baseline_year) != (now.baseline, now.baseline_year):
                found.append(Change(section, f"{code} {_q(name)}: nulmeting {_number(then.baseline)} → "
                                             f"{_number(now.baseline)}"))
            years = sorted(set(then.targets) | set(now.targets))
            moved = [f"{y} {_number(then.targets.get(y))} → {_number(now.targets.get(y))}" for y in years
                     if then.targets.get(y) != now.targets.get(y)]
            if moved:
                found.append(Change(section, f"{code} {_q(name)}: streefwaarden {', '.join(moved)}"))
    count_a, count_b = len(old.monitoring.reflections), len(new.monitoring.reflections)
    if count_a != count_b:
        found.append(Change(section, f"{count_b} reflectiemomenten (was {count_a})"))
    return found


# --- budget: rol and verdeling --------------------------------------------------------------------------

def _split_text(allocation: dict[str, Decimal], codes: dict[str, str]) -> str:
    if not allocation:
        return "niet verdeeld"
    return ", ".join(f"{codes.get(sd, sd)} {_number(share * 100)} %" for sd, share in allocation.items())


def cost_changes(old: Plan, new: Plan) -> list[Change]:
    section, found = "Kostenverdeling", []
    codes = {**{i: n.code for i, n in objectives.number(old).items()},
             **{i: n.code for i, n in objectives.number(new).items()}}
    for kind, then_lines, now_lines, label in (
            ("Personeel", old.budget.staff, new.budget.staff, "role"),
            ("Werking", old.budget.operations, new.budget.operations, "label")):
        before = {getattr(line, label): line for line in then_lines}
        for line in now_lines:
            earlier = before.get(getattr(line, label))
            if earlier is None:
                continue
            name = f"{kind} {_q(getattr(line, label))}"
            if earlier.cost_role != line.cost_role:
                found.append(Change(section, f"{name}: {earlier.cost_role} → {line.cost_role}"))
            if earlier.allocation != line.allocation:
                found.append(Change(section, f"{name}: verdeling {_split_text(earlier.allocation, codes)} → "
                                             f"{_split_text(line.allocation, codes)}"))
    before = {b.action: b for b in old.budget.actions}
    for line in new.budget.actions:
        earlier = before.get(line.action)
        if earlier is not None and earlier.cost_role != line.cost_role:
            found.append(Change(section, f"actie {codes.get(line.action, line.action)}: {earlier.cost_role} → "
                                         f"{line.cost_role}"))
    return found
