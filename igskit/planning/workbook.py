"""begroting.xlsx: the meerjarenbegroting as a live workbook an accountant can work in.

The inputs (gemeenten with inhabitants, personeel, werking, andere inkomsten, acties) and the
funding rules (sheet *Regels*) are values; everything derived from them is a formula: the
Flemish subsidy ``MAX(ROUND(max_per_inwoner × inwoners; 2); minimum)`` unless a fixed amount
is asked, each gemeente's contribution (per inhabitant and/or fixed, with exceptions), the
indexation of staff and indexed lines per year, every total and the balance per year. Change
a rule or an input in Excel or LibreOffice and the whole budget follows.

The formulas round where igskit rounds (``ROUND(…; 2)``: exact cents, half away from zero as
budget.py's ROUND_HALF_UP for positive amounts), so the recalculated workbook equals igskit's
own numbers to the cent. Only functions Excel and LibreOffice share are used (SUM, SUMIF,
ROUND, MAX, IF, ISNUMBER). Text from the params file is written as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path

from igskit.params.schema import AmountLine, Plan
from igskit.planning import budget
from igskit.planning.celltext import safe_text_cell
from igskit.planning.objectives import find_objective, number

MONEY = "#,##0.00"
FIRST_YEAR_COL = 5  # column E: the first year on every input sheet with a column per year
ADDED_ROWS_UNTIL = 1000  # the totals also count lines added by hand in Excel, down to this row

# Regels: fixed rows, so formulas elsewhere can point at them
RULE_ROWS = {"max_per_inwoner": 2, "minimum_subsidie": 3, "min_cofinanciering": 4, "indexatie": 5,
             "bijdrage_per_inwoner": 6, "bijdrage_vast": 7, "gevraagd": 8}
DERIVED_ROWS = {"inwoners": 11, "volgens_inwoners": 12, "toegelaten": 13, "vlaams": 14, "gemeenten": 15,
                "cofinanciering": 16, "gehaald": 17}


def rule_ref(key: str) -> str:
    """The absolute reference to a rule or derived amount on the Regels sheet."""
    row = RULE_ROWS.get(key) or DERIVED_ROWS[key]
    return f"Regels!$B${row}"


def put_text(sheet, row: int, column: int, text) -> None:
    """Write text as a string cell, whatever its first character ('=' stays text, never a formula)."""
    safe_text_cell(sheet, row, column, "" if text is None else str(text))


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


class _Style:
    def __init__(self):
        from openpyxl.styles import Font, PatternFill

        self.bold = Font(bold=True)
        self.head = PatternFill("solid", fgColor="DCE9F5")

    def header(self, sheet, labels: list, widths: list[int]) -> None:
        for i, label in enumerate(labels, start=1):
            cell = sheet.cell(row=1, column=i, value=label)
            cell.font, cell.fill = self.bold, self.head
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[_col(i)].width = width
        sheet.freeze_panes = "B2"

    def bold_row(self, sheet, row: int) -> None:
        for cell in sheet[row]:
            cell.font = self.bold


def _year_header(years: list[int], fixed: list[str]) -> list:
    return [*fixed, *years, "Totaal"]


def _index_formula(base: str, year_col: str) -> str:
    """base × (1 + indexatie) ^ (years since the first year), rounded to the cent."""
    first = _col(FIRST_YEAR_COL)
    return f"=ROUND({base}*(1+{rule_ref('indexatie')})^({year_col}$1-${first}$1),2)"


def _row_total(sheet, row: int, n_years: int) -> None:
    first, last = _col(FIRST_YEAR_COL), _col(FIRST_YEAR_COL + n_years - 1)
    sheet.cell(row=row, column=FIRST_YEAR_COL + n_years, value=f"=SUM({first}{row}:{last}{row})")


def _money(sheet, min_row: int, min_col: int) -> None:
    for row in sheet.iter_rows(min_row=min_row, min_col=min_col):
        for cell in row:
            cell.number_format = MONEY


def _rules_sheet(book, plan: Plan, style: _Style, n_municipalities: int) -> None:
    sheet = book.create_sheet("Regels")
    style.header(sheet, ["Regel", "Waarde", "Bron", "Bevestigd", "Opmerking"], [44, 16, 44, 14, 50])
    rules, b = plan.budget.rules, plan.budget
    inputs = [
        ("max_per_inwoner", "Maximum Vlaamse subsidie per inwoner per jaar", rules.max_per_inhabitant),
        ("minimum_subsidie", "Minimumsubsidie per jaar", rules.minimum_subsidy),
        ("min_cofinanciering", "Minimale gemeentelijke cofinanciering (aandeel)", rules.min_cofinancing),
    ]
    for key, label, rule in inputs:
        row = RULE_ROWS[key]
        put_text(sheet, row, 1, label)
        sheet.cell(row=row, column=2, value=float(rule.value))
        put_text(sheet, row, 3, rule.source)
        put_text(sheet, row, 4, "ja" if rule.confirmed else "nee (ontwerp)")
        put_text(sheet, row, 5, rule.note)
    own = [("indexatie", "Indexatie per jaar (personeel en geïndexeerde posten)", float(b.indexation)),
           ("bijdrage_per_inwoner", "Gemeentelijke bijdrage per inwoner per jaar",
            float(b.contributions.per_inhabitant)),
           ("bijdrage_vast", "Vaste gemeentelijke bijdrage per gemeente per jaar", float(b.contributions.fixed)),
           ("gevraagd", "Gevraagde Vlaamse subsidie per jaar ('maximum' of een bedrag)",
            "maximum" if b.flemish_subsidy == "maximum" else float(b.flemish_subsidy))]
    for key, label, value in own:
        row = RULE_ROWS[key]
        put_text(sheet, row, 1, label)
        if isinstance(value, str):
            put_text(sheet, row, 2, value)
        else:
            sheet.cell(row=row, column=2, value=value)
        put_text(sheet, row, 3, "begroting van de regio")
    sheet.cell(row=RULE_ROWS["min_cofinanciering"], column=2).number_format = "0.00%"
    sheet.cell(row=RULE_ROWS["indexatie"], column=2).number_format = "0.00%"
    heading = DERIVED_ROWS["inwoners"] - 1
    sheet.cell(row=heading, column=1, value="Afgeleid (formules)").font = style.bold
    last = 1 + n_municipalities
    r = {k: f"B{v}" for k, v in {**RULE_ROWS, **DERIVED_ROWS}.items()}
    derived = [
        ("inwoners", "Inwoners van de regio", f"=SUM(Gemeenten!B2:B{last})", "0"),
        ("volgens_inwoners", "Maximum volgens inwoners", f"=ROUND({r['max_per_inwoner']}*{r['inwoners']},2)", MONEY),
        ("toegelaten", "Toegelaten maximum per jaar",
         f"=MAX({r['volgens_inwoners']},ROUND({r['minimum_subsidie']},2))", MONEY),
        ("vlaams", "Vlaamse subsidie per jaar",
         f"=IF(ISNUMBER({r['gevraagd']}),ROUND({r['gevraagd']},2),{r['toegelaten']})", MONEY),
        ("gemeenten", "Gemeentelijke bijdragen per jaar", f"=Gemeenten!E{last + 1}", MONEY),
        ("cofinanciering", "Minimale cofinanciering per jaar",
         f"=ROUND({r['vlaams']}*{r['min_cofinanciering']},2)", MONEY),
        ("gehaald", "Cofinanciering gehaald", f'=IF({r["gemeenten"]}>={r["cofinanciering"]},"ja","nee")', None),
    ]
    for key, label, formula, fmt in derived:
        row = DERIVED_ROWS[key]
        put_text(sheet, row, 1, label)
        cell = sheet.cell(row=row, column=2, value=formula)
        if fmt:
            cell.number_format = fmt


def _municipalities_sheet(book, plan: Plan, style: _Style) -> None:
    sheet = book.create_sheet("Gemeenten")
    style.header(sheet, ["Gemeente", "Inwoners", "Afwijkende bijdrage per inwoner", "Afwijkende vaste bijdrage",
                         "Bijdrage per jaar", "Per inwoner", "Contactpersoon", "E-mail"],
                 [24, 11, 18, 16, 17, 12, 26, 32])
    exceptions = {c.municipality: c for c in plan.budget.contributions.exceptions}
    for row, m in enumerate(plan.region.municipalities, start=2):
        put_text(sheet, row, 1, m.name)
        sheet.cell(row=row, column=2, value=m.inhabitants)
        exc = exceptions.get(m.name)
        if exc and exc.per_inhabitant is not None:
            sheet.cell(row=row, column=3, value=float(exc.per_inhabitant))
        if exc and exc.fixed is not None:
            sheet.cell(row=row, column=4, value=float(exc.fixed))
        rate = f'IF(C{row}="",{rule_ref("bijdrage_per_inwoner")},C{row})'
        fixed = f'IF(D{row}="",{rule_ref("bijdrage_vast")},D{row})'
        sheet.cell(row=row, column=5, value=f"=ROUND({rate}*B{row},2)+ROUND({fixed},2)").number_format = MONEY
        sheet.cell(row=row, column=6, value=f"=E{row}/B{row}").number_format = "0.00"
        put_text(sheet, row, 7, m.contact.name)
        put_text(sheet, row, 8, m.contact.email)
    last = 1 + len(plan.region.municipalities)
    total = last + 1
    put_text(sheet, total, 1, "Totaal")
    sheet.cell(row=total, column=2, value=f"=SUM(B2:B{last})")
    sheet.cell(row=total, column=5, value=f"=SUM(E2:E{last})").number_format = MONEY
    sheet.cell(row=total, column=6, value=f"=E{total}/B{total}").number_format = "0.00"
    style.bold_row(sheet, total)


def _amount_sheet(book, title: str, items: list[AmountLine], years: list[int], style: _Style) -> dict[int, int]:
    """Werking or andere inkomsten: a base amount (indexed or not), or typed amounts per year."""
    sheet = book.create_sheet(title)
    style.header(sheet, _year_header(years, ["Omschrijving", "Bedrag per jaar", "Geïndexeerd", "Soort"]),
                 [56, 15, 12, 14, *[13] * (len(years) + 1)])
    rows = {}
    for i, line in enumerate(items):
        row = 2 + i
        rows[i] = row
        put_text(sheet, row, 1, line.label)
        if line.per_year:
            put_text(sheet, row, 4, "per jaar")
            for j, y in enumerate(years):
                if y in line.per_year:
                    sheet.cell(row=row, column=FIRST_YEAR_COL + j, value=float(line.per_year[y]))
        else:
            sheet.cell(row=row, column=2, value=float(line.amount or 0))
            put_text(sheet, row, 3, "ja" if line.indexed else "nee")
            put_text(sheet, row, 4, "vast bedrag")
            for j in range(len(years)):
                col = _col(FIRST_YEAR_COL + j)
                indexed = _index_formula(f"ROUND($B{row},2)", col)[1:]
                sheet.cell(row=row, column=FIRST_YEAR_COL + j, value=f'=IF($C{row}="ja",{indexed},ROUND($B{row},2))')
        _row_total(sheet, row, len(years))
    _money(sheet, 2, 2)
    return rows


def _staff_sheet(book, plan: Plan, years: list[int], style: _Style) -> dict[int, int]:
    sheet = book.create_sheet("Personeel")
    style.header(sheet, _year_header(years, ["Functie", "VTE", "Kost per VTE (startjaar)", "Kost startjaar"]),
                 [40, 8, 16, 15, *[13] * (len(years) + 1)])
    rows = {}
    for i, staff in enumerate(plan.budget.staff):
        row = 2 + i
        rows[i] = row
        put_text(sheet, row, 1, staff.role)
        sheet.cell(row=row, column=2, value=float(staff.fte))
        sheet.cell(row=row, column=3, value=float(staff.cost_per_fte))
        sheet.cell(row=row, column=4, value=f"=ROUND(C{row}*B{row},2)")
        active = staff.years or years
        for j, y in enumerate(years):
            if y in active:  # a year out of service stays empty: copy the formula to extend it
                formula = _index_formula(f"$D{row}", _col(FIRST_YEAR_COL + j))
                sheet.cell(row=row, column=FIRST_YEAR_COL + j, value=formula)
        _row_total(sheet, row, len(years))
    _money(sheet, 2, 3)
    return rows


def _actions_sheet(book, plan: Plan, years: list[int], style: _Style) -> dict[int, int]:
    sheet = book.create_sheet("Acties")
    style.header(sheet, _year_header(years, ["SD", "Code", "Actie", "Bedrag per jaar"]),
                 [7, 14, 52, 15, *[13] * (len(years) + 1)])
    codes = number(plan)
    rows = {}
    for i, item in enumerate(plan.budget.actions):
        row = 2 + i
        rows[i] = row
        node = codes.get(item.action)
        action = find_objective(plan, item.action)
        put_text(sheet, row, 1, codes[node.sd_id].code if node else "")
        put_text(sheet, row, 2, node.code if node else item.action)
        put_text(sheet, row, 3, action.title if action is not None else "(actie bestaat niet meer)")
        if item.per_year:
            for j, y in enumerate(years):
                if y in item.per_year:
                    sheet.cell(row=row, column=FIRST_YEAR_COL + j, value=float(item.per_year[y]))
        else:
            sheet.cell(row=row, column=4, value=float(item.amount or 0))
            action_years = getattr(action, "years", []) if action is not None else []
            for j, y in enumerate(years):
                if y in action_years:  # the years the action runs; copy the formula to add a year
                    sheet.cell(row=row, column=FIRST_YEAR_COL + j, value=f"=ROUND($D{row},2)")
        _row_total(sheet, row, len(years))
    _money(sheet, 2, 4)
    return rows


def _overview_sheet(sheet, plan: Plan, years: list[int], refs: list[tuple[str, str, str, str, dict[int, str]]],
                    style: _Style) -> None:
    """Meerjarenbegroting: every line pointing at its input sheet, then SUMIF totals and the balance."""
    style.header(sheet, ["Soort", "Groep", "Post", *[str(y) for y in years], "Totaal"],
                 [11, 24, 56, *[14] * (len(years) + 1)])
    sheet.freeze_panes = "D2"
    row = 1
    for side, group, label, _src, cells in refs:
        row += 1
        put_text(sheet, row, 1, side)
        put_text(sheet, row, 2, group)
        put_text(sheet, row, 3, label)
        for j, y in enumerate(years):
            sheet.cell(row=row, column=4 + j, value=f"={cells[y]}" if y in cells else 0)
        sheet.cell(row=row, column=4 + len(years), value=f"=SUM(D{row}:{_col(3 + len(years))}{row})")
    last = row
    totals = {}
    for side in (budget.INCOME, budget.COSTS):
        row += 1
        totals[side] = row
        put_text(sheet, row, 3, f"Totaal {side}")
        for j in range(len(years) + 1):
            col = _col(4 + j)
            sheet.cell(row=row, column=4 + j, value=f'=SUMIF($A$2:$A${last},"{side}",{col}$2:{col}${last})')
        style.bold_row(sheet, row)
    row += 1
    put_text(sheet, row, 3, "Saldo (+ reserve / − tekort)")
    for j in range(len(years) + 1):
        col = _col(4 + j)
        sheet.cell(row=row, column=4 + j, value=f"={col}{totals[budget.INCOME]}-{col}{totals[budget.COSTS]}")
    style.bold_row(sheet, row)
    _money(sheet, 2, 4)


def _per_sd_sheet(book, plan: Plan, years: list[int], style: _Style) -> None:
    sheet = book.create_sheet("Kost per SD")
    style.header(sheet, ["Doelstelling", *[str(y) for y in years], "Totaal"], [60, *[14] * (len(years) + 1)])
    codes = number(plan)
    row = 1
    for sd in plan.objectives:
        row += 1
        put_text(sheet, row, 1, f"{codes[sd.id].code} {sd.title}")
        for j in range(len(years) + 1):
            col = _col(FIRST_YEAR_COL + j)
            sheet.cell(row=row, column=2 + j,
                       value=f'=SUMIF(Acties!$A:$A,"{codes[sd.id].code}",Acties!{col}:{col})')
    row += 1
    put_text(sheet, row, 1, "Personeel en werking (in de nota over de SD's verdeeld volgens 'verdeling')")
    for j in range(len(years) + 1):
        col = _col(FIRST_YEAR_COL + j)
        sheet.cell(row=row, column=2 + j, value=f"=SUM(Personeel!{col}2:{col}{ADDED_ROWS_UNTIL})"
                                               f"+SUM(Werking!{col}2:{col}{ADDED_ROWS_UNTIL})")
    _money(sheet, 2, 2)


def export_xlsx(plan: Plan, path: Path) -> Path:
    """Write the live begroting.xlsx (recalculated fully whenever it is opened)."""
    from openpyxl import Workbook
    from openpyxl.workbook.properties import CalcProperties

    years = plan.region.period.years
    style = _Style()
    book = Workbook()
    overview = book.active
    overview.title = "Meerjarenbegroting"
    _rules_sheet(book, plan, style, len(plan.region.municipalities))
    _municipalities_sheet(book, plan, style)
    b = plan.budget
    staff_rows = _staff_sheet(book, plan, years, style)
    operation_rows = _amount_sheet(book, "Werking", b.operations, years, style)
    other_rows = _amount_sheet(book, "Andere inkomsten", b.other_income, years, style)
    action_rows = _actions_sheet(book, plan, years, style)
    _per_sd_sheet(book, plan, years, style)

    def cells(sheet: str, row: int) -> dict[int, str]:
        return {y: f"'{sheet}'!{_col(FIRST_YEAR_COL + j)}{row}" for j, y in enumerate(years)}

    label = {g: budget.GROUPS[g][1] for g in budget.GROUPS}
    all_lines = budget.lines(plan)
    refs = [(budget.INCOME, label["vlaams"], all_lines[0].label, "Regels", {y: rule_ref("vlaams") for y in years})]
    for row, line in enumerate((x for x in all_lines if x.group == "gemeenten"), start=2):
        refs.append((budget.INCOME, label["gemeenten"], line.label, "Gemeenten",
                     {y: f"Gemeenten!$E${row}" for y in years}))
    by_group = {g: [x for x in all_lines if x.group == g] for g in ("andere", "personeel", "werking", "acties")}
    for group, sheet, rows in (("andere", "Andere inkomsten", other_rows), ("personeel", "Personeel", staff_rows),
                               ("werking", "Werking", operation_rows), ("acties", "Acties", action_rows)):
        for i, line in enumerate(by_group[group]):
            refs.append((budget.GROUPS[group][0], label[group], line.label, sheet, cells(sheet, rows[i])))
        # a line an accountant adds in Excel (below, or by inserting a row) counts too: the sheet's
        # column minus the lines above, so 0 until then (Excel shifts both when rows are inserted)
        added = {}
        for j, y in enumerate(years):
            col = _col(FIRST_YEAR_COL + j)
            listed = "".join(f"-'{sheet}'!{col}{rows[i]}" for i in range(len(by_group[group])))
            added[y] = f"SUM('{sheet}'!{col}2:{col}{ADDED_ROWS_UNTIL}){listed}"
        refs.append((budget.GROUPS[group][0], label[group], f"In Excel toegevoegd op blad {sheet}", sheet, added))
    _overview_sheet(overview, plan, years, refs, style)
    book.calculation = CalcProperties(fullCalcOnLoad=True)  # Excel and LibreOffice compute on opening

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
