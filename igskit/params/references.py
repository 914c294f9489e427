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
    return problems
