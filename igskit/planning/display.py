"""What a step notebook shows: tables and text as Markdown, so every renderer gets real tables.

A pandas table shown as HTML would be dropped from DOCX and PDF; as a Markdown pipe table it
becomes a real table in HTML, Word and PDF alike (and Quarto captions it via ``#| tbl-cap``).
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

from igskit.planning import markup
from igskit.planning.findings import (  # noqa: F401 (re-exported)
    STATUS_WORD,
    WORKING_ONLY_OPEN,
    Finding,
    working_only_markdown,
)
from igskit.planning.markup import Markup
from igskit.planning.tables import _cell, markdown_table  # noqa: F401 (re-exported)

# Params values in a notebook f-string: ``show.esc(name)`` for text, ``show.prose(text)`` for a
# field the schema marks Prose (see igskit.planning.markup: text is data, never markup).
esc = markup.text
prose = markup.prose



def table(frame: pd.DataFrame) -> None:
    display(Markdown(markdown_table(frame)))


def text(markdown: str) -> None:
    display(Markdown(markdown))


def working(markdown: str) -> None:
    """Show Markdown in the werkversie only (never in the indienversie)."""
    display(Markdown(working_only_markdown(markdown)))


def findings_markdown(findings: list[Finding], empty: str = "Geen opmerkingen.") -> str:
    """A finding's message is text (it quotes params values), never markup."""
    if not findings:
        return f"*{empty}*"
    return "\n".join(f"- **{STATUS_WORD[f.status]}**: {markup.text(f.message)}" for f in findings)


def findings(items: list[Finding], empty: str = "Geen opmerkingen.", heading: str = "") -> None:
    """Show what a check found, in the werkversie only (with its heading, e.g. "## Controle").

    The indienversie leaves the remark out entirely; the data it is about still shows.
    """
    body = findings_markdown(items, empty)
    working(f"{heading}\n\n{body}" if heading else body)


def findings_table(items: list[Finding]) -> pd.DataFrame:
    return pd.DataFrame([{"Onderwerp": f.topic, "Status": STATUS_WORD[f.status], "Vaststelling": f.message,
                          "Aan te passen in": _code(f.key) if f.key else "–"} for f in items],
                        columns=["Onderwerp", "Status", "Vaststelling", "Aan te passen in"])


def _code(key: str) -> Markup:
    """A params key as a code span (a key quotes ids and names, so backticks are kept out)."""
    plain = not any(c in key for c in "`|{}<>\n")
    return Markup(f"`{key}`") if plain else markup.text(key)


FIGURE_DPI = 150


def figure(fig) -> None:
    """Show a matplotlib figure once, as a PNG rendered here at a fixed resolution.

    Rendering it ourselves (instead of the inline backend's tight bounding box, which draws
    every figure twice) is faster and makes the image independent of backend settings.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image

    data = png(fig)
    plt.close(fig)
    display(Image(data=data, format="png"))


def png(fig) -> bytes:
    """``fig`` as a PNG at FIGURE_DPI, with its physical size (dpi) so it prints 1:1 (figures.py).

    The same pixels as ``savefig(format="png")``, written as RGB when the figure is opaque (as
    igskit's are) and with a faster zlib level: on the demo region's figures ~14 % less time
    and ~10 % fewer bytes for the notebook, the HTML, the DOCX and typst to carry.
    """
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image as PILImage

    fig.set_dpi(FIGURE_DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())
    image = PILImage.fromarray(pixels)
    if pixels[..., 3].min() == 255:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=3, dpi=(FIGURE_DPI, FIGURE_DPI))
    return buffer.getvalue()
