"""The bollenschema (seed 002, "Bouw je netwerk uit"): one bubble per gemeente, readable on paper.

Cultural actors above the line, the others below, every name whole (a long one over two lines)
at 7.5 pt on the printed page: figures are drawn at the nota's text width (figures.py). A bubble
is as large as its names need; a page holds as many bubbles as fit, and a large region gets more
pages. The table ``actors_per_place_table`` lists the same names per gemeente.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from igskit.params import vocabulary as voc
from igskit.params.schema import Plan
from igskit.planning.stakeholders import _wrap


@dataclass
class BubbleFigure:
    """One page of the bollenschema: the figure and the places (gemeenten, bovenlokaal) it shows."""

    figure: object
    places: list[str]


@dataclass
class _Half:
    """One half of a bubble: its columns of lines (text, width, distance of the line's middle from
    the centre line, all in inches). Long names sit near the centre, where the circle is widest;
    a little space between two names keeps a name of two lines together."""

    columns: list[list[tuple[str, float, float]]]
    offsets: list[float]  # per column: its centre's x offset from the bubble's centre (inches)
    italic: bool

    def radius(self) -> float:
        need = 0.0
        for column, offset in zip(self.columns, self.offsets):
            for _text, width, middle in column:
                need = max(need, math.hypot(abs(offset) + width / 2, middle + BUBBLE_LINE / 2))
        return need


BUBBLE_FONT = 7.5  # pt; figures are drawn at print size (figures.py), so this is the size on paper
BUBBLE_TITLE_FONT = 8.5
BUBBLE_LINE = 1.25 * BUBBLE_FONT / 72  # inches between two lines
BUBBLE_NAME_GAP = 0.35 * BUBBLE_LINE  # extra space between two names
BUBBLE_COLUMN_GAP = 0.15
BUBBLE_PAD = 0.09  # between the text and the centre line, and between the text and the circle
BUBBLE_WRAP = 44  # characters: a longer name goes over two lines, never cut
BUBBLE_WRAPS = (BUBBLE_WRAP, 34, 26)  # narrower wraps tried for a smaller bubble


def bubble_names(plan: Plan, place: str) -> tuple[list[str], list[str]]:
    """The cultural (above) and the other (below) actors of one place, every one of them."""
    members = [s for s in plan.stakeholder_list if s.municipality == place]
    return [s.name for s in members if s.is_cultural], [s.name for s in members if not s.is_cultural]


def _half(names: list[str], italic: bool, n_columns: int, measure, wrap: int = BUBBLE_WRAP) -> _Half:
    entries = [[(line, measure(line, italic)) for line in _wrap(n, wrap).split("\n")] for n in names]
    entries = entries or [[("(nog niemand)", measure("(nog niemand)", italic))]]
    entries.sort(key=lambda e: -max(w for _t, w in e))  # the widest nearest the centre line
    per_column = math.ceil(len(entries) / n_columns)
    groups = [entries[c * per_column:(c + 1) * per_column] for c in range(n_columns)]
    groups = [g for g in groups if g]
    widths = [max(w for e in g for _t, w in e) for g in groups]
    total = sum(widths) + BUBBLE_COLUMN_GAP * (len(widths) - 1)
    offsets, left = [], -total / 2
    for width in widths:
        offsets.append(left + width / 2)
        left += width + BUBBLE_COLUMN_GAP
    columns = []
    for group in groups:
        column, distance = [], BUBBLE_PAD
        for entry in group:
            # above the line, a two-line name reads top-down, so its second line is nearer the centre
            for text, width in (reversed(entry) if not italic else entry):
                column.append((text, width, distance + BUBBLE_LINE / 2))
                distance += BUBBLE_LINE
            distance += BUBBLE_NAME_GAP
        columns.append(column)
    return _Half(columns, offsets, italic)


def _bubble(plan: Plan, place: str, measure, max_radius: float):
    above, below = bubble_names(plan, place)
    best = None
    # the smallest circle over a few layouts: names on one line or wrapped, in one or more columns
    for n_columns in range(1, 9):
        for wrap in BUBBLE_WRAPS:
            upper = _half(above, False, min(n_columns, max(1, len(above))), measure, wrap)
            lower = _half(below, True, min(n_columns, max(1, len(below))), measure, wrap)
            radius = max(upper.radius(), lower.radius()) + BUBBLE_PAD
            if best is None or radius < best[2]:
                best = (upper, lower, radius)
        if n_columns >= 3 and best[2] <= max_radius:
            break
    return best


def bollenschema_figures(plan: Plan) -> list[BubbleFigure]:
    """Seed 002: one bubble per gemeente (plus bovenlokaal), cultural actors above the line, the
    others below, every name whole and printed at 7.5 pt. Each bubble is as large as its names
    need; bubbles fill pages of the nota's text width, as many figures as it takes."""
    from matplotlib.patches import Circle

    from igskit.planning.figures import MAX_FIGURE_HEIGHT_IN, TEXT_WIDTH_IN
    from igskit.planning.markup import plain_figures

    plain_figures()  # params text in names is drawn literally: no mathtext

    probe = _figure((1, 1))
    renderer = probe.canvas.get_renderer()
    from matplotlib.font_manager import FontProperties

    fonts = {False: FontProperties(size=BUBBLE_FONT), True: FontProperties(size=BUBBLE_FONT, style="italic")}

    widths: dict[tuple[str, bool], float] = {}

    def word(text: str, italic: bool) -> float:
        if (text, italic) not in widths:
            width, _h, _d = renderer.get_text_width_height_descent(text, fonts[italic], ismath=False)
            widths[(text, italic)] = width / probe.dpi
        return widths[(text, italic)]

    def measure(text: str, italic: bool) -> float:
        # word by word (names share many words; measuring is the slow part), with a little room
        # for the kerning between words
        words = text.split(" ")
        return 1.03 * (sum(word(w, italic) for w in words) + (len(words) - 1) * word("a a", italic)
                       - (len(words) - 1) * 2 * word("a", italic))

    title_h = 0.24
    legend_h = 0.3
    margin = 0.05
    max_radius = TEXT_WIDTH_IN / 2 - margin
    places = [*plan.region.municipality_names, voc.BOVENLOKAAL]
    bubbles = [(place, *_bubble(plan, place, measure, max_radius)) for place in places]
    # shelf packing: rows of bubbles across the page, pages of rows no taller than a page
    def page_height(rows: list[list]) -> float:
        return sum(_row_height(r, title_h, margin) for r in rows if r) + legend_h

    pages: list[list[list]] = [[[]]]
    for bubble in bubbles:
        rows = pages[-1]
        used = sum(2 * b[3] + 2 * margin for b in rows[-1])
        if rows[-1] and used + 2 * bubble[3] + 2 * margin <= TEXT_WIDTH_IN and \
                page_height([*rows[:-1], [*rows[-1], bubble]]) <= MAX_FIGURE_HEIGHT_IN:
            rows[-1].append(bubble)  # next to the others in this row
        elif rows[-1] and page_height([*rows, [bubble]]) <= MAX_FIGURE_HEIGHT_IN:
            rows.append([bubble])  # a new row on this page
        elif rows[-1]:
            pages.append([[bubble]])  # a new page
        else:
            rows[-1].append(bubble)
    figures = []
    for rows in pages:
        height = sum(_row_height(r, title_h, margin) for r in rows) + legend_h
        fig = _figure((TEXT_WIDTH_IN, height))  # outside pyplot: a large region has dozens
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, TEXT_WIDTH_IN)
        ax.set_ylim(0, height)
        ax.axis("off")
        top = height
        for row in rows:
            row_h = _row_height(row, title_h, margin)
            x = (TEXT_WIDTH_IN - sum(2 * b[3] + 2 * margin for b in row)) / 2
            for place, upper, lower, radius in row:
                cx, cy = x + margin + radius, top - title_h - margin - (row_h - title_h - 2 * margin) / 2
                x += 2 * radius + 2 * margin
                members = any(bubble_names(plan, place))
                ax.add_patch(Circle((cx, cy), radius, facecolor="#eaf3f7" if members else "#fbe9e7",
                                    edgecolor="#0E4C5A", linewidth=1.2, gid=f"bol:{place}"))
                ax.plot([cx - radius * 0.92, cx + radius * 0.92], [cy, cy], color="#0E4C5A", linewidth=0.6,
                        linestyle=":")
                ax.text(cx, cy + radius + 0.03, place if place != voc.BOVENLOKAAL else "Bovenlokaal",
                        ha="center", va="bottom", fontsize=BUBBLE_TITLE_FONT, fontweight="bold",
                        gid=f"titel:{place}")
                for half, sign in ((upper, 1), (lower, -1)):
                    for column, offset in zip(half.columns, half.offsets):
                        for line, _w, middle in column:
                            ax.text(cx + offset, cy + sign * middle, line,
                                    ha="center", va="center", fontsize=BUBBLE_FONT,
                                    style="italic" if half.italic else "normal", gid=f"naam:{place}")
            top -= row_h
        ax.text(TEXT_WIDTH_IN / 2, 0.1, "Boven de lijn: culturele actoren · onder de lijn (cursief): "
                "niet-culturele actoren", ha="center", va="bottom", fontsize=BUBBLE_FONT)
        figures.append(BubbleFigure(fig, [b[0] for r in rows for b in r]))
    return figures


def _figure(size):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)
    return fig


def _row_height(row: list, title_h: float, margin: float) -> float:
    return max(2 * b[3] for b in row) + title_h + 2 * margin


def actors_per_place_table(plan: Plan) -> pd.DataFrame:
    """The bollenschema as a table: per gemeente (and bovenlokaal) every cultural and every other actor."""
    rows = []
    for place in [*plan.region.municipality_names, voc.BOVENLOKAAL]:
        above, below = bubble_names(plan, place)
        rows.append({"Gemeente": place if place != voc.BOVENLOKAAL else "Bovenlokaal",
                     "Culturele actoren": "; ".join(above) or "–", "Niet-culturele actoren": "; ".join(below) or "–"})
    return pd.DataFrame(rows, columns=["Gemeente", "Culturele actoren", "Niet-culturele actoren"])


def bubble_caption(item: BubbleFigure, index: int, count: int) -> str:
    """The caption under one page of the bollenschema, naming its gemeenten."""
    names = [p if p != voc.BOVENLOKAAL else "bovenlokaal" for p in item.places]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    part = f" (deel {index} van {count})" if count > 1 else ""
    return f"*Bollenschema{part}: {listed}*"
