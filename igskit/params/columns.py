"""The columns of a stakeholder list kept in Excel or CSV: known, misspelt, or free notes.

People keep notes in Excel, so a column igskit does not know is ignored and named once as
"niet gebruikt" (an *aandacht* in the kwaliteitscontrole), never an error per row. A column
that looks like a misspelt known one ("categori") is one error listing the allowed columns.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from igskit.errors import Problem
from igskit.params.schema import Stakeholder

if TYPE_CHECKING:
    from igskit.params.load import LoadedPlan

KNOWN = tuple(f.alias for f in Stakeholder.model_fields.values())


def header_of(rows: list[tuple[int, dict[str, Any]]]) -> list[str]:
    return list(dict.fromkeys(k for _n, row in rows for k in row))


def misspelt(header: list[str]) -> list[tuple[str, str]]:
    """(column, the known column it is probably meant to be) for every near miss."""
    result = []
    for column in header:
        if column in KNOWN:
            continue
        close = difflib.get_close_matches(column.lower(), [k for k in KNOWN if k not in header], n=1, cutoff=0.75)
        if close:
            result.append((column, close[0]))
    return result


def unused(header: list[str]) -> list[str]:
    near = {c for c, _k in misspelt(header)}
    return [c for c in header if c not in KNOWN and c not in near]


def split_columns(rows: list[tuple[int, dict[str, Any]]], file: Path):
    """(rows with only the known columns, one problem per misspelt column)."""
    header = header_of(rows)
    problems = [Problem(file, 1, f"kolom '{column}'", f"kolom '{column}' is onbekend (tikfout voor '{known}'?)",
                        f"toegelaten kolommen: {', '.join(KNOWN)}; andere kolommen (bv. notities) worden "
                        "genegeerd") for column, known in misspelt(header)]
    return [(n, {k: v for k, v in row.items() if k in KNOWN}) for n, row in rows], problems


def unused_stakeholder_columns(loaded: LoadedPlan) -> tuple[Path | None, list[str]]:
    """The stakeholder file and its columns igskit does not use (named once, as 'niet gebruikt')."""
    from igskit.params.inputs import read_table

    file = loaded.inputs.get("stakeholders")
    if file is None:
        return None, []
    spec = loaded.raw.get("stakeholders") if isinstance(loaded.raw.get("stakeholders"), dict) else {}
    return file, unused(header_of(read_table(file, spec.get("blad", ""))))


def point_at_rows(problems: list[Problem], params: Path, file: Path | None, sheet: str = "") -> list[Problem]:
    """Problems about ``stakeholders[i]`` of a list kept in a file: that file's row and column,
    not the params file's ``bestand:`` line."""
    import re

    from igskit.params.inputs import read_table

    if file is None:
        return problems
    rows = None
    located = []
    for p in problems:
        match = re.fullmatch(r"stakeholders\[(\d+)\]\.(\w+)", p.field)
        if match and p.file == params:
            rows = rows if rows is not None else read_table(file, sheet)
            index = int(match[1]) - 1
            if index < len(rows):
                p = Problem(file, rows[index][0], f"kolom '{match[2]}'", p.message, p.hint)
        located.append(p)
    return located
