"""Print geometry shared by the nota's figures: drawn at the size they are printed.

The nota is A4 with 2 cm margins (the typst template, the Quarto typst format and the DOCX
reference document), so the text is 17 cm wide. A figure drawn 17 cm wide is saved with its
physical size in the PNG (display.figure) and placed at the text width, i.e. printed 1:1: a
7 pt matplotlib font is 7 pt on paper. A figure drawn wider is scaled down by
``TEXT_WIDTH_IN / width`` when printed (``printed_size``).
"""

from __future__ import annotations

TEXT_WIDTH_IN = 17 / 2.54  # A4 (21 cm) minus two margins of 2 cm
TEXT_HEIGHT_IN = 25.7 / 2.54  # A4 (29.7 cm) minus two margins of 2 cm
MAX_FIGURE_HEIGHT_IN = 8.6  # leaves room on the page for the caption
MIN_PRINTED_PT = 7.0  # the smallest type the nota prints


def printed_size(fontsize_pt: float, figure_width_in: float) -> float:
    """The size in points a font of a figure this wide has on the printed page."""
    return fontsize_pt * min(1.0, TEXT_WIDTH_IN / figure_width_in)
