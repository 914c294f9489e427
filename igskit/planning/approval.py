"""The goedkeuring of the nota: its status and the decisions of the raad van bestuur and of every
gemeenteraad (params ``nota.status`` and ``goedkeuring``).

A region moves from *ontwerp* (the planning team's draft) to *goedgekeurd door de raad van
bestuur* (the board approved it) to *definitief* (every gemeenteraad approved it too). The
approval table shows one row per gemeente; a decision that is not there yet is a finding: a point
of attention while the nota is a draft, blocking once the status claims the decision was taken.
"""

from __future__ import annotations

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning.findings import Finding

TOPIC = "Goedkeuring"


def status_label(plan: Plan) -> str:
    return voc.NOTA_STATUSES[plan.nota.status]


def is_draft(plan: Plan) -> bool:
    return plan.nota.status == "ontwerp"


def draft_marker(plan: Plan, version: str) -> str:
    """The line every page of a draft carries (PDF and DOCX header, HTML banner)."""
    return f"Ontwerp – nog niet goedgekeurd · versie {version}"


def _date(day) -> str:
    from igskit.planning.nota import dutch_date

    return dutch_date(day)


def board_sentence(plan: Plan) -> str:
    board = plan.approval.board
    if board is None:
        return "De raad van bestuur heeft over deze nota nog niet beslist."
    reference = f" (referentie {board.reference})" if board.reference else ""
    return f"De raad van bestuur keurde deze nota goed op {_date(board.date)}{reference}."


def approval_table(plan: Plan) -> pd.DataFrame:
    """One row per gemeente, in the order of ``regio.gemeenten``."""
    rows = []
    for name in plan.region.municipality_names:
        council = plan.approval.council(name)
        rows.append({"Gemeente": name,
                     "Beslissing gemeenteraad": _date(council.date) if council else "nog niet beslist",
                     "Referentie": (council.reference or "–") if council else "–"})
    return pd.DataFrame(rows, columns=["Gemeente", "Beslissing gemeenteraad", "Referentie"])


def findings(plan: Plan) -> list[Finding]:
    """Missing decisions. Blocking when the status says they were taken; attention while a draft.

    - the raad van bestuur's decision: blocking from *goedgekeurd door de raad van bestuur* on;
    - a gemeenteraad's decision: blocking only when the status is *definitief*.
    """
    status = plan.nota.status
    found: list[Finding] = []
    if plan.approval.board is None:
        found.append(Finding(TOPIC, "aandacht" if status == "ontwerp" else "blokkerend",
                             "De beslissing van de raad van bestuur (datum) ontbreekt nog"
                             + ("." if status == "ontwerp" else f", maar de status is '{status_label(plan)}'."),
                             "goedkeuring.raad_van_bestuur"))
    else:
        found.append(Finding(TOPIC, "in orde", "Beslissing van de raad van bestuur: aanwezig.",
                             "goedkeuring.raad_van_bestuur"))
    missing = [name for name in plan.region.municipality_names if plan.approval.council(name) is None]
    if missing:
        found.append(Finding(TOPIC, "blokkerend" if status == "definitief" else "aandacht",
                             f"De beslissing van de gemeenteraad ontbreekt nog voor {', '.join(missing)}"
                             + (", maar de status is 'Definitief'." if status == "definitief" else "."),
                             "goedkeuring.gemeenteraden"))
    else:
        found.append(Finding(TOPIC, "in orde", "Beslissingen van alle gemeenteraden: aanwezig.",
                             "goedkeuring.gemeenteraden"))
    if status == "definitief" and plan.approval.board is not None:
        late = [c.municipality for c in plan.approval.councils if c.date < plan.approval.board.date]
        if late:
            found.append(Finding(TOPIC, "aandacht", "De gemeenteraad besliste vóór de raad van bestuur in "
                                 f"{', '.join(late)}: kijk de datums na.", "goedkeuring.gemeenteraden"))
    return found
