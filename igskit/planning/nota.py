"""Step 05: the parts of the nota that are not one planning step — key figures, the planning
process and its deadlines, the afsprakennota's six parts — computed from the plan.

Text the coördinator writes comes from ``nota.teksten`` and ``afsprakennota``; every number
in the prose is computed here, never typed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning import budget, objectives
from igskit.planning.environment import dutch_number
from igskit.planning.findings import working_only_markdown
from igskit.planning.markup import plain_figures, prose, text

# Seed 001 (and seed 004): the dates of the 2027–2032 cycle. A region can add its own milestones.
OFFICIAL_DEADLINES = (
    (dt.date(2026, 4, 1), "Uiterste indiendatum cultuurnota (via KIOSK) voor 2027–2032"),
    (dt.date(2026, 10, 30), "Uiterste beslissing Vlaamse overheid over de subsidies"),
    (dt.date(2027, 1, 1), "Start van de subsidieperiode"),
    (dt.date(2029, 4, 1), "Volgend indienmoment, voor de rest van de periode"),
)

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def key_figures(plan: Plan) -> dict[str, str]:
    """The numbers the summary quotes, all computed."""
    actions = list(objectives.iter_actions(plan))
    total = budget.grand_total_costs(plan)
    period = plan.region.period
    return {
        "gemeenten": str(len(plan.region.municipalities)),
        "namen": _enumerate(plan.region.municipality_names),
        "inwoners": dutch_number(plan.region.inhabitants, 0),
        "periode": f"{period.start}–{period.end}",
        "prioriteiten": str(len(plan.priorities)),
        "sd": str(len(plan.objectives)),
        "od": str(sum(len(sd.objectives) for sd in plan.objectives)),
        "acties": str(len(actions)),
        "stakeholders": str(len(plan.stakeholder_list)),
        "begroting": budget.euro(total, symbol=True),
        "vlaams_per_jaar": budget.euro(budget.subsidy_derivation(plan).requested, symbol=True),
    }


def _enumerate(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def region_in_numbers(plan: Plan) -> str:
    k = key_figures(plan)
    k["namen"] = text(k["namen"])
    return (f"Het IGS verenigt {k['gemeenten']} gemeenten ({k['namen']}) met samen {k['inwoners']} inwoners. "
            f"Voor de periode {k['periode']} kiest het voor {k['prioriteiten']} inhoudelijke prioriteiten, "
            f"uitgewerkt in {k['sd']} strategische en {k['od']} operationele doelstellingen met {k['acties']} acties. "
            f"Daarvoor zijn {k['stakeholders']} stakeholders in kaart gebracht. De meerjarenbegroting bedraagt "
            f"{k['begroting']} over de hele periode, met een gevraagde Vlaamse werkingssubsidie van "
            f"{k['vlaams_per_jaar']} per jaar.")


def planning_table(plan: Plan) -> pd.DataFrame:
    """The four phases (seed 000 §1.3) with their dates and who takes part."""
    rows = []
    phases = {p.phase: p for p in plan.planning.phases}
    for key, label in voc.PHASES.items():
        p = phases.get(key)
        people = [s for s in plan.stakeholder_list if key in s.phases]
        categories = sorted({voc.CATEGORIES[s.category] for s in people})
        rows.append({"Fase": label,
                     "Periode": f"{dutch_date(p.start)} – {dutch_date(p.end)}" if p else "nog te plannen",
                     "Wat": (p.what if p and p.what else "–"),
                     "Betrokken": f"{len(people)} stakeholders ({', '.join(categories)})" if people else "nog niemand"})
    return pd.DataFrame(rows)


def deadlines(plan: Plan) -> list[tuple[dt.date, str]]:
    """Official deadlines plus the region's own milestones, in date order, without duplicates."""
    items = {(d, label) for d, label in OFFICIAL_DEADLINES}
    own = {(m.date, m.label) for m in plan.planning.milestones}
    dates_official = {d for d, _ in OFFICIAL_DEADLINES}
    items |= {(d, label) for d, label in own if d not in dates_official}
    return sorted(items)


def deadlines_table(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([{"Datum": dutch_date(d), "Mijlpaal": label} for d, label in deadlines(plan)])


def planning_figure(plan: Plan):
    """The planning trajectory: the four phases as bars and the deadlines as markers."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext

    phases = {p.phase: p for p in plan.planning.phases}
    fig, ax = plt.subplots(figsize=(9.5, 3.6))
    colours = ["#0E4C5A", "#5b9bb5", "#27ae60", "#d68910"]
    labels = list(voc.PHASES.values())
    for row, (key, colour) in enumerate(zip(voc.PHASES, colours)):
        p = phases.get(key)
        if p is not None:
            ax.barh(row, (p.end - p.start).days + 1, left=mdates.date2num(p.start), color=colour, height=0.55)
    marks = [d for d, _ in deadlines(plan) if d <= dt.date(2027, 1, 1)]
    for i, (d, label) in enumerate(x for x in deadlines(plan) if x[0] in marks):
        ax.axvline(mdates.date2num(d), color="#922b21", linestyle="--", linewidth=0.9)
        ax.text(mdates.date2num(d), -0.9 - 0.55 * (i % 2), _short(label), fontsize=6.5, ha="center",
                color="#922b21")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.set_ylim(len(labels) - 0.4, -2.0)
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(lambda v, _p: _month_label(mdates.num2date(v)))
    ax.tick_params(axis="x", labelsize=7)
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    fig.tight_layout()
    return fig


def _month_label(day) -> str:
    return f"{MONTHS[day.month - 1][:3]} {day.year}"


def _short(label: str, width: int = 28) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(label, width)[:2])


NOTA_SECTIONS = (
    ("stakeholder_needs", "Inspelen op de behoeften van de stakeholders",
     "Hoe het IGS inspeelt op de behoeften van zijn stakeholders."),
    ("network_position", "De positie van het IGS in het netwerk",
     "De plaats van het IGS tussen lokale, bovenlokale en Vlaamse spelers."),
    ("why_together", "Waarom deze gemeenten samen", "De relevantie van de partnergemeenten."),
    ("opportunity_groups", "Kansengroepen naar het vrijetijdsaanbod leiden",
     "Hoe het IGS kansengroepen toeleidt naar het aanbod."),
    ("small_projects", "Kleine bovenlokale cultuurprojecten beoordelen",
     "Hoe het IGS de inhoudelijke beoordeling van kleine bovenlokale cultuurprojecten aanpakt."),
    ("feasibility", "Haalbaarheid en verduurzaming van de acties",
     "Hoe de acties haalbaar zijn en blijven duren."),
    ("business_plan", "Zakelijk plan", "Het zakelijk plan van het IGS."),
)


def section_text(plan: Plan, attribute: str) -> str:
    """The coördinator's text for a section, or a clear placeholder that the check flags."""
    value = getattr(plan.nota.texts, attribute)
    if value:
        return prose(value)
    return working_only_markdown(
        f"*Nog in te vullen in het params-bestand onder `nota.teksten.{_alias(attribute)}`.*")


def _alias(attribute: str) -> str:
    from igskit.params.schema import NotaTexts

    return NotaTexts.model_fields[attribute].alias


def staff_table(plan: Plan) -> pd.DataFrame:
    years = plan.region.period.years
    return pd.DataFrame([{"Functie": s.role, "VTE": f"{s.fte.normalize():f}".replace(".", ","),
                          "Kost per VTE (startjaar)": budget.euro(budget.to_cents(s.cost_per_fte), True),
                          "Jaren": objectives.years_text(s.years or years)} for s in plan.budget.staff],
                        columns=["Functie", "VTE", "Kost per VTE (startjaar)", "Jaren"])


def contacts_table(plan: Plan) -> pd.DataFrame:
    """The participating gemeenten and their contact details (business part of the afsprakennota)."""
    return pd.DataFrame([{"Gemeente": m.name, "Contactpersoon": m.contact.name, "Functie": m.contact.role or "–",
                          "E-mail": m.contact.email, "Telefoon": m.contact.phone or "–"}
                         for m in plan.region.municipalities])
