"""The kwaliteitscontrole: every required part of the nota and every rule of the steps, with a
status (in orde / aandacht / ontbreekt) and the params key where it is fixed.

Used by the nota's quality chapter and by ``igskit check`` (no rendering).
"""

from __future__ import annotations

import datetime as dt

from igskit.params.load import LoadedPlan
from igskit.params.network import Agreement
from igskit.params.vocabulary import is_placeholder
from igskit.planning import (
    allocation,
    approval,
    budget,
    environment,
    monitoring,
    network,
    network_review,
    objectives,
    process,
    remaining,
    stakeholders,
)
from igskit.planning.findings import Finding
from igskit.planning.nota import NOTA_SECTIONS


def required_parts(loaded: LoadedPlan) -> list[Finding]:
    """The parts a cultuurnota (seed 001 step 8) and, if asked, an afsprakennota (seed 004) must have."""
    plan = loaded.plan
    found: list[Finding] = []

    def need(topic: str, present: bool, what: str, key: str, missing_status: str = "blokkerend"):
        found.append(Finding(topic, "in orde" if present else missing_status,
                             f"{what}: aanwezig." if present else f"{what}: ontbreekt nog.", key))

    topic = "Cultuurnota"
    need(topic, _filled(plan.nota.texts.summary), "Samenvatting (in een notendop)", "nota.teksten.notendop")
    need(topic, _filled(plan.vision.directing_role), "Visie op de regierol", "visie.regierol")
    need(topic, plan.environment.indicators is not None, "Omgevingsanalyse met cijfers", "omgevingsanalyse.indicatoren")
    need(topic, all(plan.swot.quadrants().values()), "SWOT met de vier kwadranten", "swot")
    need(topic, bool(plan.objectives), "Doelstellingen met acties", "doelstellingen")
    for attribute, title, _why in NOTA_SECTIONS:
        alias = f"nota.teksten.{_alias(attribute)}"
        need(topic, _filled(getattr(plan.nota.texts, attribute)), title, alias)
    need(topic, bool(plan.budget.staff), "Personeelsplan in de begroting", "begroting.personeel")
    need(topic, len(plan.planning.phases) == 4, "Planningsproces in vier fasen", "planning.fasen", "aandacht")

    if plan.nota.include_agreement:
        topic = "Afsprakennota"
        agreement = plan.agreement or Agreement()
        poverty_indicators = [c for c in plan.environment.indicators.columns if c.poverty] \
            if plan.environment.indicators else []
        need(topic, bool(poverty_indicators), "1. Kwantitatieve armoedeanalyse (indicatoren met 'armoede: true')",
             "omgevingsanalyse.indicatoren.kolommen")
        need(topic, _filled(agreement.poverty_analysis) and _filled(agreement.barriers),
             "1. Kwalitatieve analyse van armoede en drempels", "afsprakennota.armoedeanalyse / drempels")
        need(topic, any(_filled(q.who) and _filled(q.what) for q in agreement.surveys),
             "1. Wat mensen in armoede vertelden (wie, hoe, wat)", "afsprakennota.bevragingen")
        need(topic, _filled(agreement.vision), "2. Visie op vrijetijdsparticipatie van mensen in armoede",
             "afsprakennota.visie")
        need(topic, bool(agreement.participation), "2. Keuze deelnemen en/of deelhebben", "afsprakennota.participatie")
        need(topic, _filled(agreement.vision_shared), "2. Hoe de visie met de partners gedeeld werd",
             "afsprakennota.visie_gedeeld")
        need(topic, bool(network.tree(plan)), "3. Strategische en operationele doelstellingen van het netwerk",
             "doelstellingen[].netwerk")
        need(topic, bool(network.partners(plan)), "5. Partners en hun betrokkenheid", "stakeholders[].netwerkpartner")
        need(topic, all(m.contact.email for m in plan.region.municipalities),
             "6. Deelnemende gemeenten met contactgegevens", "regio.gemeenten[].contact")
    return found


def _filled(text: str) -> bool:
    """Written, and not the placeholder 'IN TE VULLEN' of a new region."""
    return bool(text) and not is_placeholder(text)


def _alias(attribute: str) -> str:
    from igskit.params.schema import NotaTexts

    return NotaTexts.model_fields[attribute].alias


def step_rules(loaded: LoadedPlan, today: dt.date | None = None) -> list[Finding]:
    """The rules of steps 01–04 and of the planning process, as their modules check them.

    ``today`` is the date the stappenplan is judged against (today when not given).
    """
    plan = loaded.plan
    return [environment.threshold_finding(plan), *stakeholders.gaps(plan), *environment.missing_values(loaded),
            *environment.swot_trace(plan), *objectives.checks(plan), *budget.checks(plan),
            *allocation.checks(plan), *monitoring.checks(plan), *process.checks(plan, today)]


def review(loaded: LoadedPlan, today: dt.date | None = None) -> list[Finding]:
    """The whole kwaliteitscontrole: what remains, the required parts, the goedkeuring, the steps' rules."""
    return [*remaining.review(loaded.plan), *remaining.unused_columns(loaded), *required_parts(loaded),
            *network_review.findings(loaded.plan, with_reflection=False),  # Monitoring names those already
            *approval.findings(loaded.plan), *step_rules(loaded, today)]


def is_ready(findings: list[Finding]) -> bool:
    """Ready to submit when nothing is missing (points of attention do not block)."""
    return not any(f.status == "blokkerend" for f in findings)
