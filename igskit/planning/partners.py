"""Partnerkaarten of *Bouw je netwerk uit* (seed 002) and the partnerships that grew from them.

A partnerkaart records a partner's strengths and limitations, whether it works supra-locally
(*bovenlokaal?*), whether working with it crosses a boundary of discipline or gemeente
(*grensverleggend?*) and the idea it brings. The nota shows each card next to the actions and
working groups the partner now takes part in, starting from the gemeente of the own werking.
"""

from __future__ import annotations

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning import objectives
from igskit.planning.markup import text


def cards(plan: Plan):
    """Stakeholders with a partnerkaart, the own werking's gemeente first, then per gemeente."""
    home = _home(plan)
    order = {name: i for i, name in enumerate([home, *plan.region.municipality_names, voc.BOVENLOKAAL])}
    with_card = [s for s in plan.stakeholder_list if s.partner_card is not None]
    return sorted(with_card, key=lambda s: order.get(s.municipality, len(order)))


def _home(plan: Plan) -> str:
    """The gemeente of the own werking: the first gemeente of the region (seed 002 starts there)."""
    return plan.region.municipality_names[0]


def partnerships(plan: Plan, stakeholder_id: str) -> list[str]:
    """The actions (codes) and working groups a partner takes part in."""
    codes = objectives.number(plan)
    found = [codes[a.id].code for _sd, _od, a in objectives.iter_actions(plan) if stakeholder_id in a.partners]
    found += [g.name for g in plan.working_groups if stakeholder_id in g.members or g.lead == stakeholder_id]
    return found


def cards_table(plan: Plan) -> pd.DataFrame:
    rows = []
    for s in cards(plan):
        card = s.partner_card
        grown = partnerships(plan, s.id)
        marks = [word for word, flag in (("bovenlokaal", card.supra_local),
                                         ("grensverleggend", card.boundary_crossing)) if flag]
        where = ", ".join(x for x in (s.subsector, s.municipality) if x)
        partner = f"{s.name} ({where})" + (f": {' en '.join(marks)}" if marks else "")
        rows.append({"Partner": partner, "Sterktes": card.strengths or "–",
                     "Beperkingen": card.limitations or "–", "Idee": card.idea or "–",
                     "Samenwerking": ", ".join(grown) or "nog geen"})
    return pd.DataFrame(rows, columns=["Partner", "Sterktes", "Beperkingen", "Idee", "Samenwerking"])


def cards_text(plan: Plan) -> str:
    shown = cards(plan)
    if not shown:
        return ("*Nog geen partnerkaarten: vul bij een stakeholder `partnerkaart` in (sterktes, beperkingen, "
                "bovenlokaal, grensverleggend, idee).*")
    grown = sum(1 for s in shown if partnerships(plan, s.id))
    crossing = sum(1 for s in shown if s.partner_card.boundary_crossing)
    return (f"We vulden partnerkaarten in, te beginnen in {text(_home(plan))}. Van de {len(shown)} partners met een "
            "kaart werken er "
            f"{grown} nu mee aan een actie of werkgroep; {crossing} samenwerkingen zijn grensverleggend, over "
            "disciplines of gemeentegrenzen heen.")


def inspiration_table() -> pd.DataFrame:
    """The inspiration list of partner sectors (seed 002)."""
    return pd.DataFrame([{"Sector": k, "Bijvoorbeeld": v} for k, v in voc.INSPIRATION_SECTORS.items()])
