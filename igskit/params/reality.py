"""Checks of a real region against the reference data: current gemeenten, referentieregio, inhabitants.

A region with ``regio.fictief: true`` (the demo, the test regions) skips the checks against
reality; the check that the params file and the indicator CSV give the same inhabitants holds
for every region (one page must never state two totals).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING

from ruamel.yaml.comments import CommentedMap

from igskit.errors import Problem
from igskit.params import gemeenten
from igskit.params.inputs import read_table
from igskit.params.numbers import parse_cell
from igskit.params.problems import line_of
from igskit.params.schema import Plan

if TYPE_CHECKING:
    from igskit.params.load import LoadedPlan


def check_region(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """Every gemeente of the region is a current Flemish gemeente, spelled as officially written."""
    if plan.region.fictitious:
        return []
    problems: list[Problem] = []
    for i, m in enumerate(plan.region.municipalities):
        where = (path, line_of(doc, ("regio", "gemeenten", i, "naam")), f"regio.gemeenten[{i + 1}].naam")
        known = gemeenten.find(m.name)
        if known is None:
            problems.append(Problem(*where, *gemeenten.unknown_name_advice(m.name)))
        elif known.name != m.name:
            problems.append(Problem(*where, f"'{m.name}' is officieel '{known.name}'",
                                    f"schrijf '{known.name}' (zo staat de naam ook in de andere velden)"))
        elif m.nis and m.nis != known.nis:
            problems.append(Problem(path, line_of(doc, ("regio", "gemeenten", i, "nis")),
                                    f"regio.gemeenten[{i + 1}].nis", f"{known.name} heeft NIS-code {known.nis}, "
                                    f"niet {m.nis}", f"schrijf nis: '{known.nis}' of laat het veld weg"))
    regions = gemeenten.reference_regions()
    stated = plan.region.reference_region
    if stated not in regions:
        close = difflib.get_close_matches(stated, regions, n=2, cutoff=0.5)
        lying = sorted({g.reference_region for m in plan.region.municipalities
                        if (g := gemeenten.find(m.name)) is not None})
        hint = (f"bedoel je {gemeenten.dutch_join([repr(c) for c in close], 'of')}? " if close else "") + \
            f"kies uit de 15 referentieregio's: {', '.join(regions)}"
        if len(lying) == 1:
            hint = f"de gemeenten liggen in '{lying[0]}': schrijf referentieregio: {lying[0]}"
        problems.append(Problem(path, line_of(doc, ("regio", "referentieregio")), "regio.referentieregio",
                                f"'{stated}' is geen referentieregio van de Vlaamse regiovorming", hint))
    return problems


def fused_names_elsewhere(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """A gemeente name from before the 2025 fusions anywhere else in the file, with the fusion."""
    if plan.region.fictitious:
        return []
    found: list[Problem] = []
    region = set(plan.region.municipality_names)

    def look(name: str, loc: tuple, field: str):
        fusion = gemeenten.fused_into(name)
        if name in region or fusion is None:
            return
        hint = f"schrijf '{fusion.new}'" if fusion.new in region else \
            f"schrijf '{fusion.new}', en neem die gemeente op in regio.gemeenten als ze deelneemt"
        found.append(Problem(path, line_of(doc, loc), field, f"'{name}' is geen gemeente meer: {fusion.sentence()}",
                             hint))

    for i, s in enumerate(plan.stakeholder_list):
        look(s.municipality, ("stakeholders", i, "gemeente"), f"stakeholders[{i + 1}].gemeente")
    for i, sd in enumerate(plan.objectives):
        for j, od in enumerate(sd.objectives):
            for k, action in enumerate(od.actions):
                if isinstance(action.spread, list):
                    for name in action.spread:
                        look(name, ("doelstellingen", i, "ods", j, "acties", k, "spreiding"),
                             f"doelstellingen[{i + 1}].ods[{j + 1}].acties[{k + 1}].spreiding")
    for i, c in enumerate(plan.budget.contributions.exceptions):
        look(c.municipality, ("begroting", "gemeentelijke_bijdragen", "afwijkingen", i, "gemeente"),
             f"begroting.gemeentelijke_bijdragen.afwijkingen[{i + 1}].gemeente")
    for i, score in enumerate(plan.environment.five_bs):
        look(score.municipality, ("omgevingsanalyse", "vijf_b", i, "gemeente"),
             f"omgevingsanalyse.vijf_b[{i + 1}].gemeente")
    return found


def prefer(specific: list[Problem], general: list[Problem]) -> list[Problem]:
    """``specific`` problems replace ``general`` ones about the same field (a fusion says more)."""
    fields = {p.field for p in specific}
    return [*specific, *[p for p in general if p.field not in fields]]


def inhabitants_agree(loaded: LoadedPlan, doc: CommentedMap) -> list[Problem]:
    """The inhabitants per gemeente in the params file and in the indicator CSV are the same."""
    spec = loaded.plan.environment.indicators
    if spec is None:
        return []
    file = loaded.resolve(spec.path)
    rows = read_table(file)
    by_name = {row.get(spec.municipality_column): (number, row) for number, row in rows}
    problems = []
    for i, m in enumerate(loaded.plan.region.municipalities):
        if m.name not in by_name:
            continue
        number, row = by_name[m.name]
        value, refused = parse_cell(row.get(spec.population_column), count=True)
        if refused is not None or value is None or value == m.inhabitants:
            continue
        line = line_of(doc, ("regio", "gemeenten", i, "inwoners"))
        shown = int(value) if value == int(value) else value
        place = f"{loaded.path.name}" + (f", regel {line}" if line else "")
        problems.append(Problem(
            file, number, spec.population_column,
            f"{m.name} telt hier {shown} inwoners, maar {m.inhabitants} in het params-bestand "
            f"({place}, regio.gemeenten[{i + 1}].inwoners); de nota zou twee totalen tonen",
            "zet op beide plaatsen hetzelfde, recentste cijfer (Statbel, 1 januari van het jaar)"))
    return problems
