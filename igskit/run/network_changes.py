"""What changed in the network vrijetijdsparticipatie between two versions: objectives and actions that
joined or left the network, trekkers, and the network's partners (engagement, roles, trekker, gemeenten).

The network's budget lines and saldo are compared in ``run/changes.py`` (the same tables as the
cultuurnota's budget, filtered to the network).
"""

from __future__ import annotations

from dataclasses import dataclass

from igskit.params.schema import Plan
from igskit.planning import network, objectives

NETWORK = "Netwerk vrijetijdsparticipatie"


@dataclass(frozen=True)
class NetworkChange:
    section: str
    text: str


def _q(value: str) -> str:
    return f"«{value}»"


def _topmost(ids: set[str], nodes: dict) -> list[str]:
    """The ids whose parent is not in ``ids`` too (a flagged OD stands for its actions), in plan order."""
    def parent(ident):
        node = nodes[ident]
        return None if node.kind == "sd" else (node.sd_id if node.kind == "od" else node.od_id)
    return [i for i in nodes if i in ids and parent(i) not in ids]


def membership_changes(old: Plan, new: Plan) -> list[NetworkChange]:
    before, after = objectives.number(old), objectives.number(new)
    was, now = objectives.network_ids(old), objectives.network_ids(new)
    found = []
    for ident in _topmost(now - was, after):
        how = "hoort nu bij het netwerk" if ident in before else "nieuw, en hoort bij het netwerk"
        found.append(NetworkChange(NETWORK, f"{after[ident].code} {how}: {_q(after[ident].title)}"))
    for ident in _topmost(was - now, before):
        if ident in after:
            found.append(NetworkChange(NETWORK, f"{after[ident].code} hoort niet meer bij het netwerk: "
                                                f"{_q(after[ident].title)}"))
        else:
            found.append(NetworkChange(NETWORK, f"{before[ident].code} weggehaald uit het netwerk: "
                                                f"{_q(before[ident].title)}"))
    names_old = {s.id: s.name for s in old.stakeholder_list}
    names_new = {s.id: s.name for s in new.stakeholder_list}
    leads_old = {a.id: a.lead for _sd, _od, a in objectives.iter_actions(old)}
    for _sd, _od, action in objectives.iter_actions(new):
        if action.id in now and action.id in leads_old and leads_old[action.id] != action.lead:
            a, b = leads_old[action.id], action.lead
            found.append(NetworkChange(NETWORK, f"{after[action.id].code} trekker: "
                                                f"{names_old.get(a, a) if a else 'geen'} → "
                                                f"{names_new.get(b, b) if b else 'geen'}"))
    return found


def partner_changes(old: Plan, new: Plan) -> list[NetworkChange]:
    a = {s.id: s for s in network.partners(old)}
    b = {s.id: s for s in network.partners(new)}
    found = [NetworkChange(NETWORK, f"nieuwe partner: {b[i].name} ({network.roles_text(b[i].network_partner.roles)})")
             for i in b if i not in a]
    found += [NetworkChange(NETWORK, f"geen partner meer: {a[i].name}") for i in a if i not in b]
    for i in (i for i in b if i in a):
        p, q, name = a[i].network_partner, b[i].network_partner, b[i].name
        if (p.brings, p.commits) != (q.brings, q.commits):
            found.append(NetworkChange(NETWORK, f"{name}: engagement aangepast"))
        if p.roles != q.roles:
            found.append(NetworkChange(NETWORK, f"{name}: rol(len) {network.roles_text(p.roles)} → "
                                                f"{network.roles_text(q.roles)}"))
        if p.lead != q.lead:
            found.append(NetworkChange(NETWORK, f"{name}: {'nu trekker' if q.lead else 'geen trekker meer'}"))
        if p.covers != q.covers:
            found.append(NetworkChange(NETWORK, f"{name}: gemeenten {_covers(p.covers)} → {_covers(q.covers)}"))
        if p.meetings != q.meetings:
            found.append(NetworkChange(NETWORK, f"{name}: overleg aangepast"))
    return found


def _covers(value) -> str:
    if value is None:
        return "de eigen gemeente"
    return value if isinstance(value, str) else (", ".join(value) or "geen")


def network_changes(old: Plan, new: Plan) -> list[NetworkChange]:
    if not (old.nota.include_agreement or new.nota.include_agreement):
        return []
    return [*membership_changes(old, new), *partner_changes(old, new)]

