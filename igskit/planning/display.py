"""What a step notebook shows: tables and text as Markdown, so every renderer gets real tables.

A pandas table shown as HTML would be dropped from DOCX and PDF; as a Markdown pipe table it
becomes a real table in HTML, Word and PDF alike (and Quarto captions it via ``#| tbl-cap``).
"""

from __future__ import annotations

import re

import pandas as pd
from IPython.display import Markdown, display

from igskit.planning import markup
from igskit.planning.findings import WORKING_ONLY_OPEN, Finding, working_only_markdown  # noqa: F401 (re-exported)
from igskit.planning.markup import Markup

# Params values in a notebook f-string: ``show.esc(name)`` for text, ``show.prose(text)`` for a
# field the schema marks Prose (see igskit.planning.markup: text is data, never markup).
esc = markup.text
prose = markup.prose

STATUS_WORD = {"in orde": "In orde", "aandacht": "Aandacht", "blokkerend": "Blokkerend"}


def markdown_table(frame: pd.DataFrame) -> str:
    """A pipe table; cell text is kept on one line and '|' is escaped.

    pandoc sizes the columns of a wide pipe table by the length of its dash rows, so each
    column gets dashes in proportion to its content, with a floor that keeps short headers
    (such as "Aantal") readable and a ceiling that keeps long text from taking the page.
    Every cell is text (escaped: a name or title from the params file is never markup) unless
    igskit wrote it as :class:`~igskit.planning.markup.Markup`.
    """
    if frame.empty:
        return "*(geen gegevens)*"
    header = [_cell(c) for c in frame.columns]
    raw = [[_plain(v) for v in row] for row in frame.itertuples(index=False)]
    rows = [[_cell(v) for v in row] for row in frame.itertuples(index=False)]
    widths = []
    for i, head in enumerate(frame.columns):
        longest = max([len(str(head)), *(len(r[i]) for r in raw)])
        widths.append(max(8, min(longest, 60)))
    right = [_is_numeric(frame.iloc[:, i], [r[i] for r in raw]) for i in range(len(header))]
    rule = "|".join(("-" * (w + 1) + ":") if r else (":" + "-" * (w + 1)) for w, r in zip(widths, right))
    lines = ["| " + " | ".join(header) + " |", "|" + rule + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


# An amount, count or share as igskit formats them: "12", "1.234", "€ 1.234,50", "−8.000", "12,5 %"
# (not a phone number such as "053 00 11 01": thousands are grouped with dots).
_NUMBER = re.compile(r"^[-+\u2212]?(€\s*)?[-+\u2212]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?(\s*%)?$")
_EMPTY = {"–", "-", ""}


def _is_numeric(column: pd.Series, cells: list[str]) -> bool:
    """Right-align a column of amounts or counts: numbers by type, or every filled cell a number.

    The house table style (templates/render.lua) turns every other column left-aligned; pipe-table
    alignment colons carry this choice to HTML, DOCX and PDF alike (and to Quarto).
    """
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    filled = [c for c in cells if c.strip() not in _EMPTY]
    return bool(filled) and all(_NUMBER.match(c.strip()) for c in filled)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _plain(value) -> str:
    return "–" if _missing(value) else str(value)


def _cell(value) -> str:
    if _missing(value):
        return "–"
    return markup.cell(value)


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
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=FIGURE_DPI)
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png"))
