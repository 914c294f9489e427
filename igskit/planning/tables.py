"""Pipe tables in the house style, without IPython: the notebooks show them (display.table) and
the book's own chapters (the goedkeuring in index.qmd) write them, in the main process too.
"""

from __future__ import annotations

import re

import pandas as pd

from igskit.planning import markup
from igskit.planning.markup import Markup  # noqa: F401 (used by _cell in some versions)


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
