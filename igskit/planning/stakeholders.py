"""Step 01: identify stakeholders, give them relief, link them to priorities, find the gaps.

Follows OP/TIL's planning tools (seed 000 §1.1 categories, §1.2 relief, §1.3 phases, §2.1
stakeholders per priority) and "Bouw je netwerk uit" (seed 002: the bollenschema).
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan, Stakeholder
from igskit.planning.celltext import append_text_row
from igskit.planning.findings import Finding
from igskit.planning.markup import plain_figures

MIN_ACTORS_PER_PRIORITY = 3
ROWS_PER_CATEGORY = 40  # a longer category is listed in full in the appendix, not in the chapter
PARTNER_CATEGORIES = ("cultureel", "maatschappelijk", "doelgroep")
# Seed 000 §2.1: the three columns of the per-priority schema.
PRIORITY_COLUMNS = {
    "Culturele actoren uit de regio": ("cultureel",),
    "Maatschappelijke actoren uit de regio": ("maatschappelijk", "doelgroep"),
    "Expertise en ervaring van elders": ("extern",),
}


def zone_of(stakeholder: Stakeholder) -> str:
    return voc.INVOLVEMENTS[stakeholder.involvement][0]


def stakeholder_frame(plan: Plan) -> pd.DataFrame:
    """All stakeholders with Dutch column names, in the order of the params file."""
    rows = [{
        "Id": s.id,
        "Naam": s.name,
        "Categorie": voc.CATEGORIES[s.category],
        "Subsector": s.subsector or "–",
        "Gemeente": s.municipality,
        "Cultureel": "ja" if s.is_cultural else "nee",
        "Betrokkenheid": voc.INVOLVEMENTS[s.involvement][1],
        "Zone": voc.ZONES[zone_of(s)],
        "Fasen": ", ".join(voc.PHASES[p] for p in s.phases) or "–",
    } for s in plan.stakeholder_list]
    return pd.DataFrame(rows, columns=["Id", "Naam", "Categorie", "Subsector", "Gemeente", "Cultureel",
                                       "Betrokkenheid", "Zone", "Fasen"])


def category_summary(plan: Plan) -> pd.DataFrame:
    """Per category: how many stakeholders and which subsectors are covered."""
    rows = []
    for key, label in voc.CATEGORIES.items():
        members = [s for s in plan.stakeholder_list if s.category == key]
        subsectors = sorted({s.subsector for s in members if s.subsector})
        rows.append({"Categorie": label, "Aantal": len(members),
                     "Subsectoren": ", ".join(subsectors) or "–"})
    return pd.DataFrame(rows)


def category_table(plan: Plan, category: str) -> pd.DataFrame:
    """Every stakeholder of one category (none left out)."""
    members = [s for s in plan.stakeholder_list if s.category == category]
    rows = [{"Naam": s.name, "Subsector": s.subsector or "–", "Gemeente": s.municipality,
             "Betrokkenheid": voc.INVOLVEMENTS[s.involvement][1]} for s in members]
    return pd.DataFrame(rows, columns=["Naam", "Subsector", "Gemeente", "Betrokkenheid"])


def long_categories(plan: Plan) -> list[str]:
    """The categories whose list goes to the appendix (more than ROWS_PER_CATEGORY members)."""
    return [key for key in voc.CATEGORIES
            if sum(1 for s in plan.stakeholder_list if s.category == key) > ROWS_PER_CATEGORY]


APPENDIX_TITLE = "Alle stakeholders"


def category_text(plan: Plan, category: str) -> str:
    """What the chapter says about a long category: how many, and where the complete list is."""
    n = sum(1 for s in plan.stakeholder_list if s.category == category)
    return (f"{n} actoren in deze categorie. De volledige lijst, met subsector, gemeente en betrokkenheid, "
            f"staat in de bijlage *{APPENDIX_TITLE}*.")


def appendix_markdown(plan: Plan) -> str | None:
    """The appendix with the complete lists of the long categories (None when every list fits the chapter)."""
    from igskit.planning.tables import markdown_table

    long = long_categories(plan)
    if not long:
        return None
    parts = ["Het hoofdstuk over de stakeholders toont de langste categorieën niet volledig; hier staan ze "
             "allemaal, in de volgorde van de stakeholderlijst.", ""]
    for key in long:
        parts += [f"## {voc.CATEGORIES[key]}", "", markdown_table(category_table(plan, key)), ""]
    return "\n".join(parts)


def export_xlsx(plan: Plan, path) -> None:
    """Every stakeholder with all its fields, as an Excel list (the nota shows a selection)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    frame = stakeholder_frame(plan)
    frame["Prioriteiten"] = [", ".join(s.priorities) or "–" for s in plan.stakeholder_list]
    frame["Netwerkrol"] = [s.network_role or "–" for s in plan.stakeholder_list]
    frame["Armoedepartner"] = [voc.POVERTY_PARTNERS.get(s.poverty_partner or "", "–") for s in plan.stakeholder_list]
    frame["Noden"] = ["; ".join(n.text for n in s.need_items) or "–" for s in plan.stakeholder_list]
    book = Workbook()
    sheet = book.active
    sheet.title = "Stakeholders"
    sheet.append(list(frame.columns))
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DCE9F5")
    for row in frame.itertuples(index=False):
        append_text_row(sheet, row)  # params text is never a formula
    for column, width in zip("ABCDEFGHIJKLM", (22, 36, 34, 26, 16, 10, 34, 40, 30, 18, 18, 24, 50)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)


def relief_table(plan: Plan) -> pd.DataFrame:
    """Counts per relief zone (rows) and category (columns), seed 000 §1.2."""
    counts = Counter((zone_of(s), s.category) for s in plan.stakeholder_list)
    rows = []
    for zone, zone_label in voc.ZONES.items():
        row = {"Zone": zone_label}
        for cat, cat_label in voc.CATEGORIES.items():
            row[cat_label] = counts.get((zone, cat), 0)
        row["Totaal"] = sum(counts.get((zone, c), 0) for c in voc.CATEGORIES)
        rows.append(row)
    return pd.DataFrame(rows)


def phase_table(plan: Plan) -> pd.DataFrame:
    """Who takes part in which planning phase (seed 000 §1.3)."""
    rows = []
    for key, label in voc.PHASES.items():
        members = [s for s in plan.stakeholder_list if key in s.phases]
        by_category = Counter(voc.CATEGORIES[s.category] for s in members)
        rows.append({"Fase": label, "Aantal": len(members),
                     "Vooral": ", ".join(f"{c} ({n})" for c, n in by_category.most_common(3)) or "–"})
    return pd.DataFrame(rows)


def priority_table(plan: Plan) -> pd.DataFrame:
    """Seed 000 §2.1: per content priority, the cultural, societal and outside actors."""
    rows = []
    for p in plan.priorities:
        members = [s for s in plan.stakeholder_list if p.id in s.priorities]
        row = {"Prioriteit": p.title}
        for column, categories in PRIORITY_COLUMNS.items():
            names = [s.name for s in members if s.category in categories]
            row[column] = ", ".join(names) or "–"
        row["Aantal"] = len(members)
        rows.append(row)
    return pd.DataFrame(rows)


def network_roles_table(plan: Plan) -> pd.DataFrame:
    """Who takes which UGent network role: a stakeholder's ``netwerkrol`` or, as partner of the network
    vrijetijdsparticipatie, one of its ``netwerkpartner.rollen``."""
    def roles(s) -> set[str]:
        return {s.network_role} | set(s.network_partner.roles if s.network_partner else ())

    rows = [{"Rol": label, "Wie": ", ".join(s.name for s in plan.stakeholder_list if key in roles(s))
             or "nog niemand"} for key, label in voc.NETWORK_ROLES.items()]
    return pd.DataFrame(rows)


def gaps(plan: Plan) -> list[Finding]:
    """What the map is missing, as findings the coördinator can act on."""
    found: list[Finding] = []
    people = plan.stakeholder_list
    topic = "Stakeholders"
    for key, label in voc.CATEGORIES.items():
        if not any(s.category == key for s in people):
            found.append(Finding(topic, "blokkerend", f"Niemand in de categorie '{label}'. "
                                 "Vul aan, of leg uit waarom deze groep niet betrokken wordt.", "stakeholders"))
    for key in ("cultureel", "maatschappelijk"):
        covered = {s.subsector for s in people if s.category == key}
        missing = [sub for sub in voc.CORE_SUBSECTORS[key] if sub not in covered]
        if missing and len(missing) < len(voc.CORE_SUBSECTORS[key]):
            found.append(Finding(topic, "aandacht", f"{voc.CATEGORIES[key]}: nog niemand uit "
                                 f"{', '.join(missing)}.", "stakeholders"))
    for zone, label in voc.ZONES.items():
        if not any(zone_of(s) == zone for s in people):
            found.append(Finding(topic, "blokkerend", f"Niemand in de zone '{label}'.", "stakeholders"))
    for name in plan.region.municipality_names:
        partners = [s for s in people if s.municipality == name and s.category in PARTNER_CATEGORIES]
        if not partners:
            found.append(Finding(topic, "aandacht", f"Gemeente {name} heeft nog geen partner "
                                 "(culturele of maatschappelijke actor, of doelgroep). Zoek er minstens één.",
                                 "stakeholders"))
    for p in plan.priorities:
        members = [s for s in people if p.id in s.priorities]
        societal = [s for s in members if s.category == "maatschappelijk"]
        if len(members) < MIN_ACTORS_PER_PRIORITY:
            found.append(Finding(topic, "aandacht", f"Prioriteit '{p.title}' heeft maar {len(members)} "
                                 f"betrokken actor(en); mik op minstens {MIN_ACTORS_PER_PRIORITY}.",
                                 "stakeholders[].prioriteiten"))
        elif not societal:
            found.append(Finding(topic, "aandacht", f"Prioriteit '{p.title}' heeft geen maatschappelijke "
                                 "actor; denk aan jeugd, welzijn, onderwijs of toerisme.",
                                 "stakeholders[].prioriteiten"))
    if plan.nota.include_agreement:  # the decree's condition itself is checked per gemeente (planning/network.py)
        for key, label in voc.POVERTY_PARTNERS.items():
            if not any(s.poverty_partner == key for s in people):
                found.append(Finding("Afsprakennota", "aandacht",
                                     f"Geen {label} bij de stakeholders. Samenwerking met OCMW's en met "
                                     "verenigingen waar armen het woord nemen is een subsidievoorwaarde "
                                     "voor het netwerk vrijetijdsparticipatie.", "stakeholders[].armoedepartner"))
    return found


# --- figures ------------------------------------------------------------------------------------

def relief_figure(plan: Plan):
    """Seed 000 §1.2 as a figure: three rings (decision, vision & strategy, inform), one wedge per category."""
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext
    from matplotlib.patches import Wedge

    fig, ax = plt.subplots(figsize=(7.5, 7.5))
    radii = {"besluitvorming": (0, 1), "visie-en-strategie": (1, 2), "informeren": (2, 3)}
    shades = {"besluitvorming": "#0E4C5A", "visie-en-strategie": "#5b9bb5", "informeren": "#c5dde8"}
    categories = list(voc.CATEGORIES)
    step = 360 / len(categories)
    counts = Counter((zone_of(s), s.category) for s in plan.stakeholder_list)
    for zone, (r0, r1) in radii.items():
        for i, cat in enumerate(categories):
            ax.add_patch(Wedge((0, 0), r1, i * step, (i + 1) * step, width=r1 - r0,
                               facecolor=shades[zone], edgecolor="white", linewidth=2))
            n = counts.get((zone, cat), 0)
            angle = math.radians((i + 0.5) * step)
            r = (r0 + r1) / 2 if r0 else 0.55
            colour = "white" if zone != "informeren" else "#1a1a1a"
            ax.text(r * math.cos(angle), r * math.sin(angle), str(n) if n else "–", ha="center",
                    va="center", fontsize=13, fontweight="bold", color=colour)
    for i, cat in enumerate(categories):
        angle = math.radians((i + 0.5) * step)
        ax.text(3.45 * math.cos(angle), 3.45 * math.sin(angle), _wrap(voc.CATEGORIES[cat], 18),
                ha="center", va="center", fontsize=9)
    handles = [plt.Rectangle((0, 0), 1, 1, color=shades[z]) for z in radii]
    ax.legend(handles, [voc.ZONES[z] for z in radii], loc="lower center", bbox_to_anchor=(0.5, -0.12),
              ncol=1, frameon=False, fontsize=9)
    ax.set_xlim(-4.2, 4.2)
    ax.set_ylim(-4.2, 4.2)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.1, top=0.98)  # the legend sits below the rings
    return fig


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)
