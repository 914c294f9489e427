"""What still has to be done before a nota can be submitted: placeholders, unanswered leading
questions of the omgevingsanalyse, and the region checked against the reference data.

Each finding names its planning step (``STEP_TOPICS``), so the werkversie can list per step
what remains; every one of them blocks submission except the inhabitants check ("typfout?").
"""

from __future__ import annotations

import re

from igskit.params import gemeenten
from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning.findings import Finding

# top-level params key -> the planning step where it is filled in
STEP_TOPICS = {
    "regio": "Regio",
    "planning": "Planningsproces",
    "stappenplan": "Planningsproces",
    "stakeholders": "Stap 1: stakeholders",
    "omgevingsanalyse": "Stap 2: omgevingsanalyse en SWOT",
    "swot": "Stap 2: omgevingsanalyse en SWOT",
    "visie": "Stap 3: visie en doelstellingen",
    "prioriteiten": "Stap 3: visie en doelstellingen",
    "doelstellingen": "Stap 3: visie en doelstellingen",
    "werkgroepen": "Stap 3: visie en doelstellingen",  # seed 000 §2.2: working groups shape the strategy
    "monitoring": "Stap 3: visie en doelstellingen",  # indicators per OD and action, reflection moments
    "begroting": "Stap 4: begroting",
    "nota": "Stap 5: nota",
    "afsprakennota": "Stap 5: nota",
    "goedkeuring": "Stap 5: nota",
}
INHABITANTS_TOLERANCE = 0.25


def placeholders(plan: Plan) -> list[Finding]:
    """Every value still marked 'IN TE VULLEN' (written by ``igskit nieuw``), one finding per group
    of fields (``regio.gemeenten[1].contact: naam, email``). Answers of the omgevingsanalyse are
    reported by :func:`leading_questions`."""
    groups: dict[str, list[str]] = {}
    tops: dict[str, str] = {}

    def walk(value, key: str, top: str):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}" if key else str(k), top or str(k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{key}[{i + 1}]", top)
        elif voc.is_placeholder(value) and not re.search(r"_analyse\[\d+\]\.antwoord$|netwerkanalyse\[\d+\]\."
                                                         r"antwoord$", key):
            parent, _dot, leaf = key.rpartition(".")
            groups.setdefault(parent or leaf, []).append(leaf if parent else "")
            tops[parent or leaf] = top

    walk(plan.model_dump(by_alias=True, mode="json"), "", "")
    found = []
    names = plan.region.municipality_names
    for parent, leaves in groups.items():
        fields = ", ".join(leaf for leaf in leaves if leaf)
        which = re.match(r"regio\.gemeenten\[(\d+)\]", parent)
        label = f"{parent} ({names[int(which[1]) - 1]})" if which else parent
        found.append(Finding(STEP_TOPICS.get(tops[parent], tops[parent]), "blokkerend",
                             f"Nog in te vullen: {label}" + (f": {fields}." if fields else "."), parent))
    return found


def leading_questions(plan: Plan) -> list[Finding]:
    """Seed 004 §1: every question listed is answered, and each of the three steps has answers."""
    topic = STEP_TOPICS["omgevingsanalyse"]
    found: list[Finding] = []
    env = plan.environment
    for key, title in voc.ANALYSIS_STEPS.items():
        answers = getattr(env, {"interne_analyse": "internal", "externe_analyse": "external",
                                "netwerkanalyse": "network"}[key])
        for i, a in enumerate(answers):
            if not a.answer.strip() or voc.is_placeholder(a.answer):
                found.append(Finding(topic, "blokkerend", f"{title}: de vraag '{a.question}' is nog niet "
                                     "beantwoord.", f"omgevingsanalyse.{key}[{i + 1}].antwoord"))
        if not answers:
            found.append(Finding(topic, "blokkerend", f"{title}: nog geen enkele leidende vraag beantwoord "
                                 "(zie de vragen van stap 1 van publiq's toolbox).",
                                 f"omgevingsanalyse.{key}"))
    return found


def reference_region(plan: Plan) -> list[Finding]:
    """All gemeenten lie in the one referentieregio the file states (skipped for a fictitious region)."""
    if plan.region.fictitious:
        return []
    stated = plan.region.reference_region
    by_region: dict[str, list[str]] = {}
    for m in plan.region.municipalities:
        g = gemeenten.find(m.name)
        if g is not None:
            by_region.setdefault(g.reference_region, []).append(m.name)
    if len(by_region) > 1:
        parts = [f"{name} ({gemeenten.dutch_join(names)})" for name, names in
                 sorted(by_region.items(), key=lambda item: -len(item[1]))]
        return [Finding("Regio", "blokkerend", f"De gemeenten liggen in {len(by_region)} referentieregio's: "
                        f"{gemeenten.dutch_join(parts)}. Een IGS cultuur groepeert gemeenten uit één "
                        "referentieregio.", "regio.gemeenten")]
    only = next(iter(by_region), stated)
    if only != stated:
        return [Finding("Regio", "blokkerend", f"De gemeenten liggen in referentieregio {only}, maar het "
                        f"params-bestand noemt {stated}.", "regio.referentieregio")]
    return [Finding("Regio", "in orde", f"Alle gemeenten liggen in referentieregio {stated}.",
                    "regio.referentieregio")]


def inhabitants_plausible(plan: Plan) -> list[Finding]:
    """An inhabitants figure far from the 2020 reference is probably a typo (aandacht)."""
    if plan.region.fictitious:
        return []
    found = []
    for i, m in enumerate(plan.region.municipalities):
        g = gemeenten.find(m.name)
        if g is None or not g.inhabitants_2020:
            continue
        if abs(m.inhabitants - g.inhabitants_2020) > INHABITANTS_TOLERANCE * g.inhabitants_2020:
            found.append(Finding("Regio", "aandacht", f"{m.name}: {_n(m.inhabitants)} inwoners wijkt meer dan "
                                 f"{int(INHABITANTS_TOLERANCE * 100)} % af van de {_n(g.inhabitants_2020)} inwoners op "
                                 f"1 januari {gemeenten.REFERENCE_YEAR} (Statbel). Typfout?",
                                 f"regio.gemeenten[{i + 1}].inwoners"))
    return found


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def review(plan: Plan) -> list[Finding]:
    """Everything of this module, region first."""
    return [*reference_region(plan), *inhabitants_plausible(plan), *leading_questions(plan),
            *placeholders(plan)]


TOPIC_STEPS = {"Stakeholders": "stakeholders", "Omgevingsanalyse": "omgevingsanalyse", "SWOT": "swot",
               "Doelstellingen": "doelstellingen", "Begroting": "begroting", "Cultuurnota": "nota",
               "Afsprakennota": "afsprakennota", "Regio": "regio", "Stappenplan": "stappenplan",
               "Werkgroepen": "werkgroepen", "Monitoring": "monitoring"}


def step_of(finding: Finding) -> str:
    """The planning step a finding belongs to: by the params key it names, else by its topic."""
    top = re.split(r"[.\[ (/]", finding.key, maxsplit=1)[0] if finding.key else ""
    return STEP_TOPICS.get(top) or STEP_TOPICS.get(TOPIC_STEPS.get(finding.topic, ""), finding.topic)


def per_step(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings that are not in order, grouped by planning step in the order of the steps."""
    order = list(dict.fromkeys(STEP_TOPICS.values()))
    grouped: dict[str, list[Finding]] = {}
    for f in sorted((f for f in findings if not f.ok),
                    key=lambda f: order.index(step_of(f)) if step_of(f) in order else len(order)):
        grouped.setdefault(step_of(f), []).append(f)
    return grouped


def per_step_markdown(findings: list[Finding]) -> str:
    """The werkversie's list of what remains, one heading per planning step (Markdown)."""
    grouped = per_step(findings)
    if not grouped:
        return "### Wat nog te doen is\n\n*Niets: elk blokkerend punt is opgelost.*"
    parts = ["### Wat nog te doen is, per planningsstap"]
    for topic, items in grouped.items():
        lines = "\n".join(f"- {'**Blokkerend**' if f.status == 'blokkerend' else 'Aandacht'}: {f.message}"
                          + (f" (`{f.key}`)" if f.key else "") for f in items)
        parts.append(f"#### {topic}\n\n{lines}")
    return "\n\n".join(parts)


def unused_columns(loaded) -> list[Finding]:
    """The stakeholder file's columns igskit ignores (notes), named once."""
    from igskit.params.columns import unused_stakeholder_columns

    file, columns = unused_stakeholder_columns(loaded)
    if not columns:
        return []
    return [Finding(STEP_TOPICS["stakeholders"], "aandacht", f"{file.name}: niet gebruikt: "
                    f"{', '.join(repr(c) for c in columns)} (igskit leest deze kolommen niet; ze mogen blijven "
                    "staan).", "stakeholders.bestand")]
