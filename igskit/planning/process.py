"""The road to the plan: the stappenplan of seed 001 and the working groups of seed 000 §2.2.

The eleven steps "Van goesting naar doen" are tracked in ``stappenplan`` (status, date,
evidence, per gemeente the engagementsverklaring and council decision, the existing regional
cooperation, the legal form). What is late is judged against a date passed in (today by
default), so tests can fix the date. The working groups per priority (``werkgroepen``) show who
shaped each priority's strategy, when, and which objectives they proposed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.planning_process import RoadmapStep
from igskit.params.schema import Plan
from igskit.planning import objectives
from igskit.planning.findings import Finding
from igskit.planning.markup import text
from igskit.planning.tables import markdown_table

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def dutch_date(day: dt.date | None) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else "–"


# --- deadlines ---------------------------------------------------------------------------------

def submission_date(plan: Plan) -> dt.date:
    """Seed 001: submit by 1 April of the year before the subsidy period (1 April 2026 for 2027–2032)."""
    return dt.date(plan.region.period.start - 1, 4, 1)


def decision_date(plan: Plan) -> dt.date:
    """Seed 001: the Flemish government decides by 30 October of that year."""
    return dt.date(plan.region.period.start - 1, 10, 30)


def seed_deadlines(plan: Plan) -> dict[str, tuple[dt.date, str]]:
    """The deadline seed 001 sets (or implies) per step, with where it comes from."""
    submit = submission_date(plan)
    fiat = dt.date(submit.year - 1, 6, 30)
    return {
        "afspraken": (fiat, f"fiat van de nieuwe besturen, voorjaar {fiat.year}"),
        "juridische-structuur": (submit, "statuten goedgekeurd door alle gemeenteraden, uiterlijk begin "
                                         f"{submit.year}"),
        "cultuurnota": (submit, "indiening"),
        "communiceren": (submit, "goedkeuring raad van bestuur en gemeenteraden vóór de indiening"),
        "indienen": (submit, "uiterste indiendatum via KIOSK"),
        "beslissing": (decision_date(plan), "uiterste beslissing Vlaamse overheid"),
    }


def fixed_deadlines(plan: Plan) -> list[tuple[dt.date, str]]:
    submit = submission_date(plan)
    period = plan.region.period
    items = [(submit, f"Uiterste indiendatum cultuurnota (KIOSK) voor {period.start}–{period.end}"),
             (decision_date(plan), "Uiterste beslissing Vlaamse overheid")]
    if period.end - period.start >= 3:
        items.append((dt.date(submit.year + 3, 4, 1), "Volgend indienmoment, voor de rest van de periode"))
    return items


# --- the tracker ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class StepState:
    number: int
    key: str
    title: str
    step: RoadmapStep
    deadline: dt.date | None
    deadline_why: str
    late: bool

    @property
    def done(self) -> bool:
        return self.step.status == "klaar"


def states(plan: Plan, today: dt.date | None = None) -> list[StepState]:
    """The eleven steps in order with their status, deadline and whether they are late on ``today``."""
    today = today or dt.date.today()
    deadlines = seed_deadlines(plan)
    result = []
    for number, (key, title) in enumerate(voc.ROADMAP_STEPS.items(), start=1):
        step = plan.roadmap.steps.get(key) or RoadmapStep()
        seed_deadline, why = deadlines.get(key, (None, ""))
        deadline = step.deadline or seed_deadline
        if step.deadline:
            why = "eigen planning"
        late = step.status != "klaar" and any(d is not None and d < today for d in (deadline, step.date))
        result.append(StepState(number, key, title, step, deadline, why, late))
    return result


def next_step(plan: Plan, today: dt.date | None = None) -> StepState | None:
    """The first step (in the seed's order) that is not done yet."""
    return next((s for s in states(plan, today) if not s.done), None)


def next_step_text(plan: Plan, today: dt.date | None = None) -> str:
    state = next_step(plan, today)
    if state is None:
        return "Alle elf stappen van het stappenplan zijn klaar."
    when = f", uiterlijk {dutch_date(state.deadline)}" if state.deadline else ""
    late = " (te laat)" if state.late else ""
    return (f"Stap {state.number}: {state.title} — {voc.ROADMAP_STATUSES[state.step.status].lower()}"
            f"{when}{late}.")


def checklist_markdown(plan: Plan, today: dt.date | None = None) -> str:
    """The werkversie checklist: every step ticked or not, with dates, deadlines and what is late."""
    today = today or dt.date.today()
    lines = [f"Stand van het stappenplan op {dutch_date(today)}. Volgende stap: **{next_step_text(plan, today)}**", ""]
    for s in states(plan, today):
        box = "[x]" if s.done else "[ ]"
        parts = [voc.ROADMAP_STATUSES[s.step.status].lower()]
        if s.step.date:
            parts.append(("op " if s.done else "gepland ") + dutch_date(s.step.date))
        if s.deadline:
            parts.append(f"uiterlijk {dutch_date(s.deadline)} ({s.deadline_why})")
        late = " — **te laat**" if s.late else ""
        evidence = f" {text(s.step.evidence)}" if s.step.evidence else ""
        lines.append(f"- {box} **Stap {s.number}. {s.title}**: {'; '.join(parts)}{late}.{evidence}")
    lines += ["", "Vaste deadlines: " + "; ".join(
        f"{dutch_date(d)}: {label[0].lower() + label[1:]} "
        f"({'verstreken' if d < today else f'nog {(d - today).days} dagen'})"
        for d, label in fixed_deadlines(plan)) + "."]
    return "\n".join(lines)


def done_table(plan: Plan, today: dt.date | None = None) -> pd.DataFrame:
    """For the nota: what was done, with whom and when (steps that are done or under way)."""
    names = {s.id: s.name for s in plan.stakeholder_list}
    rows = [{"Stap": f"{s.number}. {s.title}", "Wanneer": dutch_date(s.step.date),
             "Stand": voc.ROADMAP_STATUSES[s.step.status], "Wat": s.step.evidence or "–",
             "Met wie": ", ".join(names.get(i, i) for i in s.step.with_whom) or "–"}
            for s in states(plan, today) if s.step.status != "te doen"]
    return pd.DataFrame(rows, columns=["Stap", "Wanneer", "Stand", "Wat", "Met wie"])


def commitments_table(plan: Plan) -> pd.DataFrame:
    """Per gemeente: engagementsverklaring, council decision, BBC objective, budget, approval of the nota."""
    given = {c.municipality: c for c in plan.roadmap.commitments}
    rows = []
    for name in plan.region.municipality_names:
        c = given.get(name)
        rows.append({"Gemeente": name,
                     "Engagementsverklaring (college)": dutch_date(c.engagement) if c else "–",
                     "Beslissing gemeenteraad": dutch_date(c.council_decision) if c else "–",
                     "IGS in de BBC": ("ja" if c.bbc_objective else "nee") if c else "–",
                     "Budget voorzien": ("ja" if c.budget_provided else "nee") if c else "–",
                     "Cultuurnota goedgekeurd": dutch_date(c.nota_approved) if c else "–"})
    return pd.DataFrame(rows)


def cooperations_table(plan: Plan) -> pd.DataFrame:
    """Step 2: the regional cooperation that already exists, and how the IGS relates to it."""
    return pd.DataFrame([{"Soort": voc.COOPERATION_KINDS[c.kind], "Naam": c.name,
                          "Gemeenten": c.spread if isinstance(c.spread, str) else ", ".join(c.spread),
                          "Afspraak met het IGS": c.link or "–"} for c in plan.roadmap.cooperations],
                        columns=["Soort", "Naam", "Gemeenten", "Afspraak met het IGS"])


def legal_form_text(plan: Plan) -> str:
    form = plan.roadmap.legal_form
    if form is None:
        return "*De juridische vorm is nog niet gekozen (`stappenplan.juridische_vorm`).*"
    name = f" ({text(form.name)})" if form.name else ""
    parts = [f"Juridische vorm: **{voc.LEGAL_FORMS[form.form]}**{name}."]
    for label, day in (("Oprichtingsakte", form.founding_deed), ("Statuten goedgekeurd", form.statutes),
                       ("Intern reglement", form.internal_rules)):
        parts.append(f"{label}: {dutch_date(day) if day else 'nog niet'}.")
    if form.note:
        parts.append(text(form.note))
    return " ".join(parts)


def roadmap_checks(plan: Plan, today: dt.date | None = None) -> list[Finding]:
    """Late steps, and steps marked done without the evidence the seed asks for."""
    topic = "Stappenplan"
    found: list[Finding] = []
    all_states = states(plan, today)
    for s in all_states:
        if s.late:
            when = f"de deadline ({dutch_date(s.deadline)})" if s.deadline and s.deadline < (today or dt.date.today()) \
                else f"de geplande datum ({dutch_date(s.step.date)})"
            found.append(Finding(topic, "aandacht", f"Stap {s.number} '{s.title}' is "
                                 f"{voc.ROADMAP_STATUSES[s.step.status].lower()}, maar {when} is voorbij.",
                                 f"stappenplan.stappen.{s.key}"))
    done = {s.key for s in all_states if s.done}
    given = {c.municipality: c for c in plan.roadmap.commitments}
    if "afspraken" in done:
        missing = [m for m in plan.region.municipality_names if not (given.get(m) and given[m].engagement)]
        if missing:
            found.append(Finding(topic, "aandacht", "Stap 4 staat op klaar, maar de engagementsverklaring ontbreekt "
                                 f"voor {', '.join(missing)}.", "stappenplan.gemeenten"))
    if "samenwerkingen" in done and not plan.roadmap.cooperations:
        found.append(Finding(topic, "aandacht", "Stap 2 staat op klaar, maar er zijn geen bestaande samenwerkingen "
                             "in kaart gebracht.", "stappenplan.samenwerkingen"))
    if "juridische-vorm" in done and plan.roadmap.legal_form is None:
        found.append(Finding(topic, "aandacht", "Stap 6 staat op klaar, maar de juridische vorm is niet ingevuld.",
                             "stappenplan.juridische_vorm"))
    if "juridische-structuur" in done:
        form = plan.roadmap.legal_form
        if form is None or not form.statutes or not form.internal_rules:
            found.append(Finding(topic, "aandacht", "Stap 7 staat op klaar, maar de datum van de statuten of het "
                                 "intern reglement ontbreekt.", "stappenplan.juridische_vorm"))
        missing = [m for m in plan.region.municipality_names
                   if not (given.get(m) and given[m].council_decision and given[m].bbc_objective)]
        if missing:
            found.append(Finding(topic, "aandacht", "Stap 7 staat op klaar, maar de beslissing van de gemeenteraad of "
                                 f"de doelstelling in de BBC ontbreekt voor {', '.join(missing)}.",
                                 "stappenplan.gemeenten"))
    if not found:
        found.append(Finding(topic, "in orde", "Geen stap van het stappenplan loopt achter.", "stappenplan"))
    return found


# --- working groups per priority (seed 000 §2.2) ----------------------------------------------------

def working_groups_markdown(plan: Plan) -> str:
    """Per priority: its working group, members, meetings and the objectives it proposed."""
    names = {s.id: s.name for s in plan.stakeholder_list}
    codes = objectives.number(plan)
    blocks: list[str] = []
    for priority in plan.priorities:
        groups = [g for g in plan.working_groups if g.priority == priority.id]
        blocks.append(f"### {text(priority.title)}\n")
        if not groups:
            blocks.append("*Voor deze prioriteit is er nog geen werkgroep.*\n")
            continue
        for g in groups:
            lead = f" Trekker: {text(names.get(g.lead, g.lead))}." if g.lead else ""
            members = ", ".join(text(names.get(m, m)) for m in g.members) or "nog geen leden"
            proposed = "\n".join(f"- {codes[i].code} {text(codes[i].title)}" for i in g.proposed if i in codes)
            blocks.append(f"**{text(g.name)}**.{lead} Leden: {members}.\n")
            if g.meetings:
                frame = pd.DataFrame([{"Datum": dutch_date(m.date), "Fase": voc.WORKING_GROUP_PHASES[m.phase],
                                       "Wat": m.what} for m in sorted(g.meetings, key=lambda m: m.date)])
                blocks.append(markdown_table(frame) + "\n")
            blocks.append(f"De werkgroep stelde voor:\n\n{proposed}\n" if proposed
                          else "*Nog geen doelstellingen voorgesteld.*\n")
    return "\n".join(blocks)


def working_groups_table(plan: Plan) -> pd.DataFrame:
    """One row per priority: working group, number of members and meetings, proposed objectives."""
    codes = objectives.number(plan)
    rows = []
    for p in plan.priorities:
        groups = [g for g in plan.working_groups if g.priority == p.id]
        rows.append({"Prioriteit": p.title, "Werkgroep": ", ".join(g.name for g in groups) or "geen",
                     "Leden": sum(len(g.members) for g in groups),
                     "Bijeenkomsten": sum(len(g.meetings) for g in groups),
                     "Voorgesteld": ", ".join(codes[i].code for g in groups for i in g.proposed if i in codes) or "–"})
    return pd.DataFrame(rows, columns=["Prioriteit", "Werkgroep", "Leden", "Bijeenkomsten", "Voorgesteld"])


def working_group_checks(plan: Plan) -> list[Finding]:
    topic = "Werkgroepen"
    found: list[Finding] = []
    for p in plan.priorities:
        groups = [g for g in plan.working_groups if g.priority == p.id]
        if not groups:
            found.append(Finding(topic, "aandacht", f"Prioriteit '{p.title}' heeft geen werkgroep die de strategie "
                                 "mee invult (OP/TIL §2.2).", "werkgroepen"))
        for g in groups:
            if not g.members:
                found.append(Finding(topic, "aandacht", f"Werkgroep '{g.name}' heeft nog geen leden.",
                                     f"werkgroepen ({g.id}).leden"))
    if not found:
        found.append(Finding(topic, "in orde", "Elke prioriteit heeft een werkgroep met leden.", "werkgroepen"))
    return found


def reference_checks(plan: Plan) -> list[Finding]:
    """Ids in the newer sections that point nowhere (e.g. a stakeholder or OD deleted meanwhile)."""
    stakeholder_ids = {s.id for s in plan.stakeholder_list}
    sd_ids = {sd.id for sd in plan.objectives}
    objective_ids = sd_ids | {od.id for sd in plan.objectives for od in sd.objectives}
    need_ids = {n.id for s in plan.stakeholder_list for n in s.need_items}
    found: list[Finding] = []

    def check(values, known, what: str, where: str, key: str, status: str = "aandacht"):
        for value in values:
            if value and value not in known:
                found.append(Finding("Verwijzingen", status, f"{where} verwijst naar {what} '{value}', die niet "
                                     "(meer) bestaat.", key))

    for g in plan.working_groups:
        check([g.lead, *g.members], stakeholder_ids, "stakeholder", f"Werkgroep '{g.name}'", f"werkgroepen ({g.id})")
        check(g.proposed, objective_ids, "doelstelling", f"Werkgroep '{g.name}'", f"werkgroepen ({g.id}).voorgesteld")
    for key, step in plan.roadmap.steps.items():
        check(step.with_whom, stakeholder_ids, "stakeholder", f"Stap '{voc.ROADMAP_STEPS[key]}'",
              f"stappenplan.stappen.{key}.betrokken")
    for c in plan.roadmap.cooperations:
        check([c.stakeholder], stakeholder_ids, "stakeholder", f"Samenwerking '{c.name}'",
              "stappenplan.samenwerkingen")
    for r in plan.monitoring.reflections:
        check(r.with_whom, stakeholder_ids, "stakeholder", f"Reflectiemoment {r.year}", "monitoring.reflectiemomenten")
    for sd in plan.objectives:
        check(sd.answers_needs, need_ids, "behoefte", f"Doelstelling '{sd.id}'", f"doelstellingen ({sd.id})")
        for od in sd.objectives:
            check(od.answers_needs, need_ids, "behoefte", f"Doelstelling '{od.id}'",
                  f"doelstellingen ({od.id}).beantwoordt_noden")
    for label, items in (("personeel", plan.budget.staff), ("werking", plan.budget.operations)):
        for line in items:
            name = getattr(line, "label", None) or line.role
            check(line.allocation, sd_ids, "strategische doelstelling", f"De verdeling van '{name}'",
                  f"begroting.{label}[].verdeling")
    return found


def checks(plan: Plan, today: dt.date | None = None) -> list[Finding]:
    return [*roadmap_checks(plan, today), *working_group_checks(plan), *reference_checks(plan)]
