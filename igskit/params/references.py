"""Cross-references inside a plan: unique ids and names that must exist (typos must not pass)."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from igskit.errors import Problem
from igskit.params import vocabulary as voc
from igskit.params.problems import line_of
from igskit.params.schema import Plan


def check_references(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """Hard errors: ids that must be unique and names that must exist (typos must not pass)."""
    problems: list[Problem] = []
    names = set(plan.region.municipality_names)
    valid_places = names | {voc.BOVENLOKAAL}
    stakeholders = plan.stakeholder_list
    stakeholder_in_file = not isinstance(doc.get("stakeholders"), list)

    def where(*loc):
        return line_of(doc, loc) if not stakeholder_in_file or loc[0] != "stakeholders" else None

    seen: dict[str, str] = {}

    def unique(kind: str, ident: str, loc: tuple, field_path: str):
        if ident in seen:
            problems.append(Problem(path, line_of(doc, loc), field_path,
                                    f"id '{ident}' wordt al gebruikt door een {seen[ident]}",
                                    "elk id moet uniek zijn in het hele bestand"))
        else:
            seen[ident] = kind

    for i, s in enumerate(stakeholders):
        unique("stakeholder", s.id, ("stakeholders", i, "id"), f"stakeholders[{i + 1}].id")
        if s.municipality not in valid_places:
            problems.append(Problem(path, where("stakeholders", i, "gemeente"), f"stakeholders[{i + 1}].gemeente",
                                    f"'{s.municipality}' is geen gemeente van de regio",
                                    f"kies uit: {', '.join(sorted(names))} of '{voc.BOVENLOKAAL}'"))
    priority_ids = {p.id for p in plan.priorities}
    for i, p in enumerate(plan.priorities):
        unique("prioriteit", p.id, ("prioriteiten", i, "id"), f"prioriteiten[{i + 1}].id")
    for i, s in enumerate(stakeholders):
        for ref in s.priorities:
            if ref not in priority_ids:
                problems.append(Problem(path, where("stakeholders", i, "prioriteiten"),
                                        f"stakeholders[{i + 1}].prioriteiten",
                                        f"prioriteit '{ref}' bestaat niet",
                                        f"kies uit: {', '.join(sorted(priority_ids))}"))
    for i, sd in enumerate(plan.objectives):
        base = ("doelstellingen", i)
        unique("strategische doelstelling", sd.id, (*base, "id"), f"doelstellingen[{i + 1}].id")
        if sd.priority is not None and sd.priority not in priority_ids:
            problems.append(Problem(path, line_of(doc, (*base, "prioriteit")), f"doelstellingen[{i + 1}].prioriteit",
                                    f"prioriteit '{sd.priority}' bestaat niet",
                                    f"kies uit: {', '.join(sorted(priority_ids))}, of zet 'transversaal: true'"))
        for j, od in enumerate(sd.objectives):
            od_loc = (*base, "ods", j)
            unique("operationele doelstelling", od.id, (*od_loc, "id"), f"doelstellingen[{i + 1}].ods[{j + 1}].id")
            for k, action in enumerate(od.actions):
                a_loc = (*od_loc, "acties", k)
                field_base = f"doelstellingen[{i + 1}].ods[{j + 1}].acties[{k + 1}]"
                unique("actie", action.id, (*a_loc, "id"), f"{field_base}.id")
                if isinstance(action.spread, list):
                    for name in action.spread:
                        if name not in names:
                            problems.append(Problem(path, line_of(doc, (*a_loc, "spreiding")),
                                                    f"{field_base}.spreiding",
                                                    f"'{name}' is geen gemeente van de regio",
                                                    f"kies uit: {', '.join(sorted(names))}, "
                                                    "of schrijf 'alle gemeenten'"))
                for year in action.years:
                    if year not in plan.region.period.years:
                        problems.append(Problem(path, line_of(doc, (*a_loc, "jaren")), f"{field_base}.jaren",
                                                f"{year} valt buiten de subsidieperiode "
                                                f"{plan.region.period.start}–{plan.region.period.end}",
                                                "kies jaren binnen de subsidieperiode"))
    council_seen: set[str] = set()
    for i, council in enumerate(plan.approval.councils):
        loc = ("goedkeuring", "gemeenteraden", i, "gemeente")
        field_path = f"goedkeuring.gemeenteraden[{i + 1}].gemeente"
        if council.municipality not in names:
            problems.append(Problem(path, line_of(doc, loc), field_path,
                                    f"'{council.municipality}' is geen gemeente van de regio",
                                    f"kies uit: {', '.join(sorted(names))}"))
        elif council.municipality in council_seen:
            problems.append(Problem(path, line_of(doc, loc), field_path,
                                    f"de gemeenteraad van {council.municipality} staat er twee keer in",
                                    "houd één beslissing per gemeente"))
        council_seen.add(council.municipality)
    return problems + dangling_references(plan, doc, path) + process_references(plan, doc, path)


def _choices(values, limit: int = 40) -> str:
    values = sorted(values)
    shown = ", ".join(values[:limit])
    return (shown + f", … ({len(values)} in totaal)") if len(values) > limit else (shown or "(geen)")


def dangling_references(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """Every other reference must point to something that exists: a typo is an error, never ignored.

    Gemeenten in budget exceptions and five-B scores, years in the budget, action budgets,
    SWOT sources, partners, trekkers, 'zie ook'.
    """
    problems: list[Problem] = []
    names = set(plan.region.municipality_names)
    years = plan.region.period.years
    period = f"{plan.region.period.start}–{plan.region.period.end}"
    stakeholder_ids = {s.id for s in plan.stakeholder_list}
    sd_ids = {sd.id for sd in plan.objectives}
    objective_ids = sd_ids | {od.id for sd in plan.objectives for od in sd.objectives}
    action_ids = {a.id for sd in plan.objectives for od in sd.objectives for a in od.actions}
    stakeholder_hint = "gebruik het id van een stakeholder"

    def add(loc: tuple, field: str, message: str, hint: str):
        problems.append(Problem(path, line_of(doc, loc), field, message, hint))

    budget = plan.budget
    seen_exceptions: set[str] = set()
    for i, c in enumerate(budget.contributions.exceptions):
        loc = ("begroting", "gemeentelijke_bijdragen", "afwijkingen", i, "gemeente")
        field = f"begroting.gemeentelijke_bijdragen.afwijkingen[{i + 1}].gemeente"
        if c.municipality not in names:
            add(loc, field, f"'{c.municipality}' is geen gemeente van de regio", f"kies uit: {_choices(names)}")
        elif c.municipality in seen_exceptions:
            add(loc, field, f"gemeente '{c.municipality}' heeft al een afwijking",
                "geef elke gemeente hoogstens één afwijking")
        seen_exceptions.add(c.municipality)
    for i, score in enumerate(plan.environment.five_bs):
        if score.municipality not in names | {voc.BOVENLOKAAL}:
            add(("omgevingsanalyse", "vijf_b", i, "gemeente"), f"omgevingsanalyse.vijf_b[{i + 1}].gemeente",
                f"'{score.municipality}' is geen gemeente van de regio",
                f"kies uit: {_choices(names)} of '{voc.BOVENLOKAAL}'")
    for section in ("andere_inkomsten", "werking", "acties"):
        lines = {"andere_inkomsten": budget.other_income, "werking": budget.operations, "acties": budget.actions}
        for i, line in enumerate(lines[section]):
            for year in line.per_year:
                if year not in years:
                    add(("begroting", section, i, "per_jaar", year), f"begroting.{section}[{i + 1}].per_jaar",
                        f"{year} valt buiten de subsidieperiode {period}",
                        f"gebruik alleen de jaren {', '.join(map(str, years))}")
    for i, staff in enumerate(budget.staff):
        for year in staff.years:
            if year not in years:
                add(("begroting", "personeel", i, "jaren"), f"begroting.personeel[{i + 1}].jaren",
                    f"{year} valt buiten de subsidieperiode {period}",
                    f"gebruik alleen de jaren {', '.join(map(str, years))}")
    budgeted: set[str] = set()
    for i, ab in enumerate(budget.actions):
        loc, field = ("begroting", "acties", i, "actie"), f"begroting.acties[{i + 1}].actie"
        if ab.action not in action_ids:
            add(loc, field, f"actie '{ab.action}' bestaat niet",
                f"gebruik het id van een actie onder 'doelstellingen': {_choices(action_ids)}")
        elif ab.action in budgeted:
            add(loc, field, f"actie '{ab.action}' heeft al een budget", "geef elke actie één budgetregel")
        budgeted.add(ab.action)
    columns = {c.column for c in plan.environment.indicators.columns} if plan.environment.indicators else set()
    other_ids = stakeholder_ids | objective_ids | action_ids | {p.id for p in plan.priorities}
    swot_ids: set[str] = set()
    for quadrant, items in plan.swot.quadrants().items():
        for i, item in enumerate(items):
            if item.id in swot_ids or item.id in other_ids:
                add(("swot", quadrant, i, "id"), f"swot.{quadrant}[{i + 1}].id", f"id '{item.id}' wordt al gebruikt",
                    "elk id moet uniek zijn in het hele bestand")
            swot_ids.add(item.id)
            for j, source in enumerate(item.sources):
                loc = ("swot", quadrant, i, "bronnen", j, "verwijzing")
                field = f"swot.{quadrant}[{i + 1}].bronnen[{j + 1}].verwijzing"
                if source.kind == "stakeholder" and source.ref not in stakeholder_ids:
                    add(loc, field, f"stakeholder '{source.ref}' bestaat niet",
                        f"{stakeholder_hint}, of kies een andere 'soort' (bv. consultatie)")
                elif source.kind == "indicator" and source.ref not in columns:
                    add(loc, field, f"indicator '{source.ref}' staat niet bij omgevingsanalyse.indicatoren.kolommen",
                        f"kies uit: {_choices(columns)}")
    for i, sd in enumerate(plan.objectives):
        for j, od in enumerate(sd.objectives):
            od_loc = ("doelstellingen", i, "ods", j)
            od_field = f"doelstellingen[{i + 1}].ods[{j + 1}]"
            for ref in od.see_also:
                if ref not in objective_ids | action_ids or ref == od.id:
                    add((*od_loc, "zie_ook"), f"{od_field}.zie_ook", f"'{ref}' is geen andere doelstelling of actie",
                        "gebruik het id van een SD, OD of actie")
            for k, action in enumerate(od.actions):
                a_loc, a_field = (*od_loc, "acties", k), f"{od_field}.acties[{k + 1}]"
                for ref in action.see_also:
                    if ref not in objective_ids | action_ids or ref == action.id:
                        add((*a_loc, "zie_ook"), f"{a_field}.zie_ook", f"'{ref}' is geen andere doelstelling of actie",
                            "gebruik het id van een SD, OD of actie")
                for ref in action.partners:
                    if ref not in stakeholder_ids:
                        add((*a_loc, "partners"), f"{a_field}.partners", f"stakeholder '{ref}' bestaat niet",
                            f"{stakeholder_hint} uit 'stakeholders'")
                if action.lead is not None and action.lead not in stakeholder_ids:
                    add((*a_loc, "trekker"), f"{a_field}.trekker", f"stakeholder '{action.lead}' bestaat niet",
                        f"{stakeholder_hint} uit 'stakeholders'")
    return problems


def process_references(plan: Plan, doc: CommentedMap, path: Path) -> list[Problem]:
    """Hard errors in the newer sections: gemeente names, priorities and duplicate ids (typos).

    Ids of stakeholders, objectives and needs that no longer exist (an editor deleted them) are
    findings of the kwaliteitscontrole instead (igskit.planning.process.reference_checks), so a
    deletion elsewhere never makes the file invalid.
    """
    problems: list[Problem] = []
    names = set(plan.region.municipality_names)
    need_ids: set[str] = set()
    for i, s in enumerate(plan.stakeholder_list):
        for j, need in enumerate(s.need_items):
            if need.id in need_ids:
                problems.append(Problem(path, line_of(doc, ("stakeholders", i, "noden", j, "id")),
                                        f"stakeholders[{i + 1}].noden[{j + 1}].id",
                                        f"behoefte-id '{need.id}' wordt al gebruikt", "elk id moet uniek zijn"))
            need_ids.add(need.id)

    def refs(values, known: set[str], loc: tuple, field: str, what: str, hint: str):
        for value in values:
            if value not in known:
                problems.append(Problem(path, line_of(doc, loc), field, f"{what} '{value}' bestaat niet", hint))

    def places(spread, loc: tuple, field: str):
        if isinstance(spread, list):
            refs(spread, names, loc, field, "gemeente", f"kies uit: {', '.join(sorted(names))}, of 'alle gemeenten'")

    for i, sd in enumerate(plan.objectives):
        for j, od in enumerate(sd.objectives):
            places(od.spread, ("doelstellingen", i, "ods", j, "spreiding"),
                   f"doelstellingen[{i + 1}].ods[{j + 1}].spreiding")
    priority_ids = {p.id for p in plan.priorities}
    seen: set[str] = set()
    for i, g in enumerate(plan.working_groups):
        base, field = ("werkgroepen", i), f"werkgroepen[{i + 1}]"
        if g.id in seen:
            problems.append(Problem(path, line_of(doc, (*base, "id")), f"{field}.id",
                                    f"werkgroep-id '{g.id}' wordt al gebruikt", "elk id moet uniek zijn"))
        seen.add(g.id)
        refs([g.priority], priority_ids, (*base, "prioriteit"), f"{field}.prioriteit", "prioriteit",
             f"kies uit: {', '.join(sorted(priority_ids))}")
    for i, c in enumerate(plan.roadmap.commitments):
        refs([c.municipality], names, ("stappenplan", "gemeenten", i, "gemeente"),
             f"stappenplan.gemeenten[{i + 1}].gemeente", "gemeente", f"kies uit: {', '.join(sorted(names))}")
    for i, c in enumerate(plan.roadmap.cooperations):
        places(c.spread, ("stappenplan", "samenwerkingen", i, "gemeenten"),
               f"stappenplan.samenwerkingen[{i + 1}].gemeenten")
    problems += _network_references(plan, doc, path, refs, places)
    return problems


def _network_references(plan: Plan, doc: CommentedMap, path: Path, refs, places) -> list[Problem]:
    """The network's gemeenten, overleg ids and lokale netwerken (seed 004)."""
    problems: list[Problem] = []
    names = set(plan.region.municipality_names)
    agreement = plan.agreement
    meeting_ids: set[str] = set()
    if agreement is not None:
        places(agreement.municipalities, ("afsprakennota", "gemeenten"), "afsprakennota.gemeenten")
        for i, survey in enumerate(agreement.surveys):
            if survey.municipalities is not None:
                places(survey.municipalities, ("afsprakennota", "bevragingen", i, "gemeenten"),
                       f"afsprakennota.bevragingen[{i + 1}].gemeenten")
        for i, m in enumerate(agreement.meetings):
            if m.id in meeting_ids:
                problems.append(Problem(path, line_of(doc, ("afsprakennota", "overleg", i, "id")),
                                        f"afsprakennota.overleg[{i + 1}].id", f"overleg-id '{m.id}' wordt al gebruikt",
                                        "elk id moet uniek zijn"))
            meeting_ids.add(m.id)
        for i, local in enumerate(agreement.local_networks):
            refs([local.municipality], names, ("afsprakennota", "lokale_netwerken", i, "gemeente"),
                 f"afsprakennota.lokale_netwerken[{i + 1}].gemeente", "gemeente",
                 f"kies uit: {', '.join(sorted(names))}")
    known = meeting_ids | {g.id for g in plan.working_groups}
    for i, s in enumerate(plan.stakeholder_list):
        partner = s.network_partner
        if partner is None:
            continue
        base, field = ("stakeholders", i, "netwerkpartner"), f"stakeholders[{i + 1}].netwerkpartner"
        if partner.covers is not None:
            places(partner.covers, (*base, "voor_gemeenten"), f"{field}.voor_gemeenten")
        refs(partner.meetings, known, (*base, "overleg"), f"{field}.overleg", "overleg",
             "gebruik het id van een overleg onder 'afsprakennota.overleg' of van een werkgroep"
             + (f": {', '.join(sorted(known))}" if known else ""))
    return problems
