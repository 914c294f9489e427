"""Params text in an Excel workbook: always a string cell, never a formula.

openpyxl stores any string that starts with ``=`` as a formula, so a budget line or gemeente
named ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` would become a live formula (CSV/DDE injection
when the accountant opens the workbook). Every cell that holds params text is written through
this module; formulas exist only where igskit assigns them itself, after the row is written.
"""

from __future__ import annotations


def safe_text_cell(sheet, row: int, column: int, value):
    """Write ``value`` into ``sheet`` at (row, column); a string stays text whatever its first character."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def append_text_row(sheet, values) -> int:
    """Append a row of values (strings as text, never formulas) and return its row number.

    An igskit formula in the same row is assigned afterwards, e.g. ``sheet[f"E{r}"] = "=SUM(…)"``.
    """
    sheet.append(list(values))
    row = sheet.max_row
    for cell in sheet[row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    return row
