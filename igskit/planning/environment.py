"""Step 02: environment analysis (internal, external, network) and the SWOT (seed 004 §1).

Nothing here knows which indicators exist: the columns, units and sources come from the
params file. Missing values stay missing (NaN, shown as "–"), never zero.
"""

from __future__ import annotations

import math

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.inputs import read_table
from igskit.params.load import LoadedPlan
from igskit.params.numbers import parse_cell
from igskit.params.schema import IndicatorColumn, Plan
from igskit.planning.figures import MAX_FIGURE_HEIGHT_IN, TEXT_WIDTH_IN
from igskit.planning.findings import Finding
from igskit.planning.markup import plain_figures, prose

REGION_ROW = "Regio"


def load_indicators(loaded: LoadedPlan) -> pd.DataFrame:
    """The indicator CSV as numbers, one row per gemeente (in the region's order)."""
    spec = loaded.plan.environment.indicators
    names = loaded.plan.region.municipality_names
    if spec is None:
        return pd.DataFrame(index=pd.Index(names, name="Gemeente"))
    rows = {row[spec.municipality_column]: row for _, row in read_table(loaded.resolve(spec.path))}
    data = {}
    counts = {spec.population_column, *[c.column for c in spec.columns if c.aggregation == "som"]}
    for col in [spec.population_column, *[c.column for c in spec.columns if c.column != spec.population_column]]:
        data[col] = [_number(rows.get(name, {}).get(col), col in counts) for name in names]
    return pd.DataFrame(data, index=pd.Index(names, name="Gemeente"))


def _number(value, count: bool = False) -> float:
    """A cell as a number; the file was checked when the plan was loaded (params/numbers.py)."""
    number, _refused = parse_cell(value, count)
    return math.nan if number is None else number


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    """Population-weighted mean over the gemeenten that have a value; NaN if none has one."""
    mask = values.notna() & weights.notna()
    if not mask.any() or weights[mask].sum() == 0:
        return math.nan
    return float((values[mask] * weights[mask]).sum() / weights[mask].sum())


def aggregate(values: pd.Series, weights: pd.Series, how: str) -> float:
    if how == "som":
        return float(values.sum(min_count=1))
    if how == "gemiddelde":
        return float(values.mean()) if values.notna().any() else math.nan
    return weighted_mean(values, weights)


def indicator_table(loaded: LoadedPlan) -> pd.DataFrame:
    """Indicators per gemeente plus a region row (sum or population-weighted mean per column)."""
    spec = loaded.plan.environment.indicators
    frame = load_indicators(loaded)
    if spec is None:
        return frame
    weights = frame[spec.population_column]
    region = {c.column: aggregate(frame[c.column], weights, c.aggregation) for c in spec.columns}
    region.setdefault(spec.population_column, float(weights.sum(min_count=1)))
    table = pd.concat([frame, pd.DataFrame([region], index=pd.Index([REGION_ROW], name="Gemeente"))])
    return table[[c.column for c in spec.columns]] if all(
        c.column in table for c in spec.columns) else table


def column_heading(col: IndicatorColumn) -> str:
    return f"{col.label} ({col.unit})" if col.unit else col.label


def format_indicator_table(loaded: LoadedPlan) -> pd.DataFrame:
    """The indicator table ready to show: Dutch number format, "–" for missing values."""
    spec = loaded.plan.environment.indicators
    table = indicator_table(loaded)
    if spec is None:
        return table.reset_index()
    shown = pd.DataFrame(index=table.index)
    for col in spec.columns:
        decimals = 0 if col.aggregation == "som" else 1
        shown[column_heading(col)] = [dutch_number(v, decimals) for v in table[col.column]]
    return shown.reset_index()


def sources_table(plan: Plan) -> pd.DataFrame:
    spec = plan.environment.indicators
    if spec is None:
        return pd.DataFrame(columns=["Indicator", "Eenheid", "Regiowaarde", "Bron"])
    how = {"som": "som", "gewogen-gemiddelde": "gemiddelde gewogen naar inwoners", "gemiddelde": "gemiddelde"}
    return pd.DataFrame([{"Indicator": c.label, "Eenheid": c.unit or "–", "Regiowaarde": how[c.aggregation],
                          "Bron": c.source} for c in spec.columns])


def missing_values(loaded: LoadedPlan) -> list[Finding]:
    spec = loaded.plan.environment.indicators
    if spec is None:
        return [Finding("Omgevingsanalyse", "blokkerend", "Er is geen indicatorenbestand opgegeven.",
                        "omgevingsanalyse.indicatoren")]
    frame = load_indicators(loaded)
    found = []
    for col in spec.columns:
        empty = [name for name, v in frame[col.column].items() if pd.isna(v)]
        if empty:
            found.append(Finding("Omgevingsanalyse", "aandacht",
                                 f"'{col.label}' ontbreekt voor {', '.join(empty)} (niet als nul meegeteld).",
                                 "omgevingsanalyse.indicatoren.bestand"))
    return found


def threshold_finding(plan: Plan) -> Finding:
    threshold = plan.environment.threshold_inhabitants
    total = plan.region.inhabitants
    if total >= threshold:
        return Finding("Regio", "in orde", f"De regio telt {dutch_number(total, 0)} inwoners, boven de drempel "
                       f"van {dutch_number(threshold, 0)} inwoners voor een IGS cultuur.", "regio.gemeenten")
    return Finding("Regio", "blokkerend", f"De regio telt {dutch_number(total, 0)} inwoners, onder de drempel van "
                   f"{dutch_number(threshold, 0)} inwoners voor een IGS cultuur. Breid de regio uit of "
                   "controleer de inwonersaantallen.", "regio.gemeenten")


def five_b_table(plan: Plan) -> pd.DataFrame:
    """The five B's of an accessible offer, for the region and where given per gemeente."""
    rows = []
    for s in plan.environment.five_bs:
        rows.append({"Dimensie": voc.FIVE_BS[s.dimension],
                     "Waar": "Regio" if s.municipality == voc.BOVENLOKAAL else s.municipality,
                     "Score (1–5)": str(s.score) if s.score is not None else "–",
                     "Toelichting": prose(s.remark, inline=True) or "–"})
    order = list(voc.FIVE_BS.values())
    frame = pd.DataFrame(rows, columns=["Dimensie", "Waar", "Score (1–5)", "Toelichting"])
    if not frame.empty:
        frame["_o"] = frame["Dimensie"].map(order.index)
        frame = frame.sort_values(["_o", "Waar"], kind="stable").drop(columns="_o")
    return frame


def answers_table(answers) -> pd.DataFrame:
    return pd.DataFrame([{"Vraag": a.question, "Antwoord": prose(a.answer, inline=True)} for a in answers],
                        columns=["Vraag", "Antwoord"])


def describe_source(plan: Plan, kind: str, ref: str) -> str:
    """A SWOT source in words: stakeholder ids and indicator columns resolve to their names."""
    if kind == "stakeholder":
        match = next((s for s in plan.stakeholder_list if s.id == ref), None)
        return f"Stakeholder: {match.name}" if match else f"Stakeholder: {ref} (onbekend)"
    if kind == "indicator" and plan.environment.indicators is not None:
        match = next((c for c in plan.environment.indicators.columns if c.column == ref), None)
        return f"Indicator: {match.label}" if match else f"Indicator: {ref} (onbekend)"
    return f"{voc.SWOT_SOURCE_KINDS[kind]}: {ref}"


def swot_table(plan: Plan) -> pd.DataFrame:
    """Every SWOT item with where it comes from, so a reader can trace why it is there."""
    rows = []
    for quadrant, items in plan.swot.quadrants().items():
        for item in items:
            rows.append({"SWOT": voc.SWOT_QUADRANTS[quadrant], "Vaststelling": item.text,
                         "Bron": "; ".join(describe_source(plan, s.kind, s.ref) for s in item.sources)
                         or "geen bron"})
    return pd.DataFrame(rows, columns=["SWOT", "Vaststelling", "Bron"])


def swot_trace(plan: Plan) -> list[Finding]:
    """SWOT items without a source, or whose source points to nothing."""
    found = []
    stakeholder_ids = {s.id for s in plan.stakeholder_list}
    columns = {c.column for c in plan.environment.indicators.columns} if plan.environment.indicators else set()
    for quadrant, items in plan.swot.quadrants().items():
        if not items:
            found.append(Finding("SWOT", "blokkerend", f"De SWOT heeft nog geen {quadrant}.", f"swot.{quadrant}"))
        for item in items:
            if not item.sources:
                found.append(Finding("SWOT", "aandacht", f"'{item.text}' heeft geen bron; voeg toe waar dit "
                                     "vandaan komt.", f"swot.{quadrant}"))
            for s in item.sources:
                if (s.kind == "stakeholder" and s.ref not in stakeholder_ids) or (
                        s.kind == "indicator" and s.ref not in columns):
                    found.append(Finding("SWOT", "blokkerend", f"'{item.text}' verwijst naar {s.kind} "
                                         f"'{s.ref}', die niet bestaat.", f"swot.{quadrant}"))
    return found


SWOT_FONT_PT = 8.0  # printed 1:1: the figures are drawn at the text width
_SWOT_WRAP = 50  # characters per line in a quadrant half the text width wide, at SWOT_FONT_PT
_SWOT_LINE_IN = SWOT_FONT_PT * 1.35 / 72  # one line of text, in inches
_SWOT_TITLE_IN = 0.45  # a quadrant's title and padding


def swot_figures(plan: Plan) -> list:
    """The familiar 2×2: strengths and weaknesses (internal) above opportunities and threats.

    Every item is drawn, never "+ N andere": a figure is as tall as its longest quadrant needs,
    and a SWOT too long for one page continues in a next figure with the same four quadrants.
    """
    import textwrap

    quadrants = {q: ["\n".join(textwrap.wrap(f"• {i.text}", _SWOT_WRAP, subsequent_indent="  "))
                     for i in items] for q, items in plan.swot.quadrants().items()}
    row_lines = int((MAX_FIGURE_HEIGHT_IN / 2 - _SWOT_TITLE_IN) / _SWOT_LINE_IN)
    pages: list[dict[str, list[str]]] = []
    left = {q: list(items) for q, items in quadrants.items()}
    while not pages or any(left.values()):
        page = {}
        for quadrant, items in left.items():
            taken, used = [], 0
            while items and (not taken or used + items[0].count("\n") + 1 <= row_lines):
                used += items[0].count("\n") + 1
                taken.append(items.pop(0))
            page[quadrant] = taken
        pages.append(page)
    return [_swot_page(page) for page in pages]


def swot_figure(plan: Plan):
    """The first (usually only) SWOT figure."""
    return swot_figures(plan)[0]


def _swot_page(page: dict[str, list[str]]):
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext
    names = list(page)

    def lines(quadrant: str) -> int:
        return sum(item.count("\n") + 1 for item in page[quadrant]) or 1

    heights = [max(lines(names[0]), lines(names[1])), max(lines(names[2]), lines(names[3]))]
    rows_in = [_SWOT_TITLE_IN + h * _SWOT_LINE_IN for h in heights]
    fig, axes = plt.subplots(2, 2, figsize=(TEXT_WIDTH_IN, sum(rows_in) + 0.1),
                             gridspec_kw={"height_ratios": rows_in})
    colours = {"sterktes": "#dbeedd", "zwaktes": "#fbe3d6", "kansen": "#dce9f5", "bedreigingen": "#f3dcdc"}
    for ax, quadrant in zip(axes.flat, names):
        ax.set_facecolor(colours[quadrant])
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(voc.SWOT_QUADRANTS[quadrant], fontsize=10, fontweight="bold", loc="left")
        ax.text(0.02, 0.97, "\n".join(page[quadrant]) or "(nog leeg)", va="top", ha="left",
                fontsize=SWOT_FONT_PT, linespacing=1.2, transform=ax.transAxes)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.3 / (sum(rows_in) + 0.1),
                        wspace=0.04, hspace=0.3 / (sum(rows_in) / 2))
    return fig


def indicator_figure(loaded: LoadedPlan):
    """Poverty and risk indicators per gemeente, with the region's value as a dashed line."""
    import matplotlib.pyplot as plt

    plain_figures()  # params text in labels is drawn literally: no mathtext

    spec = loaded.plan.environment.indicators
    columns = [c for c in spec.columns if c.aggregation != "som"] if spec else []
    table = indicator_table(loaded)
    cols = min(3, max(1, len(columns)))
    rows = max(1, math.ceil(len(columns) / cols))
    # one shared gemeente axis: the names once per row, not once per indicator
    fig, axes = plt.subplots(rows, cols, figsize=(4 * cols, 3.2 * rows), squeeze=False, sharey=True)
    for ax in axes.flat:
        ax.axis("off")
    for ax, col in zip(axes.flat, columns):
        ax.axis("on")
        values = table[col.column].drop(REGION_ROW)
        colours = ["#c0392b" if col.poverty else "#0E4C5A"] * len(values)
        ax.barh(list(values.index), values.fillna(0).values, color=colours)
        for y, v in enumerate(values):
            if pd.isna(v):
                ax.text(0, y, " ontbreekt", va="center", fontsize=7, color="#555555")
        region_value = table.loc[REGION_ROW, col.column]
        if not pd.isna(region_value):
            ax.axvline(region_value, color="#333333", linestyle="--", linewidth=1)
        ax.set_title(_short(column_heading(col)), fontsize=9)
        ax.tick_params(labelsize=7)
    axes[0][0].invert_yaxis()  # once: the axes share it
    fig.tight_layout()
    return fig


def _short(text: str, width: int = 38) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def dutch_number(value, decimals: int = 0) -> str:
    """1234567.8 -> '1.234.567,8' (Dutch separators); missing -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
