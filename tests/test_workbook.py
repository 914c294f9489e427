"""begroting.xlsx is live: LibreOffice recalculates it and finds igskit's numbers to the cent."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from igskit import load_plan
from igskit.paths import PARAMS_DIR
from igskit.planning import budget, workbook
from igskit.planning.objectives import number

from .conftest import FIXTURES, copy_region, edit_params

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (libreoffice-calc) is niet geïnstalleerd")

# A private profile: always recalculate OOXML on load, and no lock on anyone else's profile.
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def recalculate(path, outdir):
    """Open the workbook in LibreOffice headless, recalculate everything and save it as xlsx in ``outdir``."""
    profile = outdir / "lo-profiel"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out = outdir / "herberekend"
    out.mkdir(exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    result = out / path.name
    assert result.is_file()
    return load_workbook(result, data_only=True)


def cents(value) -> int:
    assert isinstance(value, (int, float)), value
    return int(Decimal(str(value)).scaleb(2).to_integral_value())


def overview_rows(book):
    sheet = book["Meerjarenbegroting"]
    return {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]}


def _every_kind_of_rule(doc):
    """Fixed contributions with exceptions, an asked (lower) Flemish amount, staff for some years,
    an indexed werking line and half cents to round."""
    b = doc["begroting"]
    b["vlaamse_subsidie"] = 98765.43
    b["gemeentelijke_bijdragen"]["vast"] = 2500.5
    b["gemeentelijke_bijdragen"]["per_inwoner"] = 0.77
    b["gemeentelijke_bijdragen"]["afwijkingen"].append({"gemeente": "Wervelde", "vast": 1000})
    b["personeel"][1]["jaren"] = [2028, 2029, 2030]
    b["personeel"][1]["kost_per_vte"] = 61234.57
    b["werking"][0]["geindexeerd"] = True
    b["werking"][0]["bedrag"] = 9000.25
    b["indexatie"] = 0.0175


@pytest.fixture(scope="module", params=["demo", "wijzigingen", "alle-regels"])
def recalculated(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("werkboek")
    if request.param == "alle-regels":
        source = edit_params(copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp / "params"), _every_kind_of_rule)
    else:
        source = PARAMS_DIR / "voorbeeldregio.yml" if request.param == "demo" else FIXTURES / "wijzigingen-v2.yml"
    plan = load_plan(source).plan
    path = workbook.export_xlsx(plan, tmp / "begroting.xlsx")
    if SOFFICE is None:
        pytest.skip("LibreOffice (libreoffice-calc) is niet geïnstalleerd")
    return plan, path, recalculate(path, tmp)


def test_every_derived_amount_is_a_formula(tmp_path):
    plan = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan
    book = load_workbook(workbook.export_xlsx(plan, tmp_path / "begroting.xlsx"))
    assert book.calculation.fullCalcOnLoad
    rules = book["Regels"]
    assert rules["B14"].value.startswith("=IF(ISNUMBER(") and "B13" in rules["B14"].value
    assert rules["B13"].value.startswith("=MAX(")
    for row in book["Meerjarenbegroting"].iter_rows(min_row=2):
        for cell in row[3:]:
            assert isinstance(cell.value, str) and cell.value.startswith("="), (cell.coordinate, cell.value)
    contributions = book["Gemeenten"]
    assert [c.value for c in contributions["A"][1:-1]] == plan.region.municipality_names
    assert all(str(c.value).startswith("=ROUND(") for c in contributions["E"][1:-1])
    staff = book["Personeel"]
    assert "Regels!$B$5" in staff["F2"].value  # indexation refers to the rule
    # only functions Excel and LibreOffice share
    import re

    used = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    used |= set(re.findall(r"([A-Z]+)\(", cell.value))
    assert used <= {"SUM", "SUMIF", "ROUND", "MAX", "IF", "ISNUMBER"}, used


def test_text_from_params_is_never_a_formula(tmp_path):
    plan = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan
    staff = plan.budget.staff[0].model_copy(update={"role": "=HYPERLINK(\"http://x\";\"klik\")"})
    plan = plan.model_copy(update={"budget": plan.budget.model_copy(update={"staff": [staff]})})
    book = load_workbook(workbook.export_xlsx(plan, tmp_path / "begroting.xlsx"))
    cell = book["Personeel"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


@needs_libreoffice
def test_libreoffice_recalculation_matches_igskit_to_the_cent(recalculated):
    plan, _path, book = recalculated
    years = plan.region.period.years
    rows = overview_rows(book)
    totals = budget.totals(plan)
    for j, year in enumerate(years):
        assert cents(rows["Totaal inkomsten"][3 + j]) == totals.loc[year, "inkomsten"], year
        assert cents(rows["Totaal uitgaven"][3 + j]) == totals.loc[year, "uitgaven"], year
        assert cents(rows["Saldo (+ reserve / − tekort)"][3 + j]) == totals.loc[year, "saldo"], year
    assert cents(rows["Totaal uitgaven"][3 + len(years)]) == budget.grand_total_costs(plan)
    for line in budget.lines(plan):  # every line, every year
        for j, year in enumerate(years):
            value = rows[line.label][3 + j] or 0
            assert cents(value) == line.amounts.get(year, 0), (line.label, year)
    d = budget.subsidy_derivation(plan)
    rules = book["Regels"]
    assert rules["B11"].value == plan.region.inhabitants
    assert cents(rules["B12"].value) == d.by_rate
    assert cents(rules["B13"].value) == d.allowed
    assert cents(rules["B14"].value) == d.requested
    contributions = budget.contributions(plan)
    sheet = book["Gemeenten"]
    for row in sheet.iter_rows(min_row=2, max_row=1 + len(contributions), values_only=True):
        assert cents(row[4]) == contributions[row[0]], row[0]
    assert cents(rules["B15"].value) == sum(contributions.values())
    # the sheet "Kost per SD" sums the actions per SD and shows staff and werking apart (the nota
    # allocates those over the SDs by 'verdeling'); together they are all the costs
    codes = number(plan)
    direct = {sd.id: 0 for sd in plan.objectives}
    for line in budget.lines(plan):
        if line.group == "acties" and line.action in codes:
            direct[codes[line.action].sd_id] += line.total()
    recalculated_sd = list(book["Kost per SD"].iter_rows(min_row=2, values_only=True))
    for sd, got in zip(plan.objectives, recalculated_sd):
        assert cents(got[-1]) == direct[sd.id], got[0]
    assert sum(cents(row[-1]) for row in recalculated_sd) == int(budget.cost_per_sd(plan)["Totaal"].sum())


@needs_libreoffice
def test_changing_a_rule_in_excel_changes_the_subsidy_and_the_totals(tmp_path):
    plan = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan
    path = workbook.export_xlsx(plan, tmp_path / "begroting.xlsx")
    book = load_workbook(path)
    book["Regels"]["B2"] = 1.25  # max_per_inwoner 0,90 -> 1,25
    book["Gemeenten"]["B2"] = book["Gemeenten"]["B2"].value + 1000  # and one gemeente grows
    changed = tmp_path / "gewijzigd" / "begroting.xlsx"
    changed.parent.mkdir()
    book.save(changed)
    result = recalculate(changed, tmp_path)
    inhabitants = plan.region.inhabitants + 1000
    by_rate = budget.to_cents(Decimal("1.25") * inhabitants)
    expected_subsidy = max(by_rate, budget.to_cents(plan.budget.rules.minimum_subsidy.value))
    assert expected_subsidy != budget.subsidy_derivation(plan).requested
    rules = result["Regels"]
    assert cents(rules["B14"].value) == expected_subsidy
    rows = overview_rows(result)
    first = plan.region.municipalities[0]
    exceptions = {c.municipality: c for c in plan.budget.contributions.exceptions}
    rate = (exceptions[first.name].per_inhabitant if first.name in exceptions and
            exceptions[first.name].per_inhabitant is not None else plan.budget.contributions.per_inhabitant)
    new_contribution = budget.to_cents(rate * (first.inhabitants + 1000)) + budget.to_cents(
        plan.budget.contributions.fixed)
    delta = (expected_subsidy - budget.subsidy_derivation(plan).requested) + (
        new_contribution - budget.contributions(plan)[first.name])
    for j, year in enumerate(plan.region.period.years):
        assert cents(rows["Werkingssubsidie Vlaamse overheid"][3 + j]) == expected_subsidy
        assert cents(rows["Totaal inkomsten"][3 + j]) == budget.totals(plan).loc[year, "inkomsten"] + delta
        assert cents(rows["Saldo (+ reserve / − tekort)"][3 + j]) == budget.totals(plan).loc[year, "saldo"] + delta


@needs_libreoffice
def test_a_line_added_by_hand_in_excel_counts_in_the_totals(tmp_path):
    """An accountant copies a staff line below the last one: the meerjarenbegroting follows."""
    plan = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan
    path = workbook.export_xlsx(plan, tmp_path / "begroting.xlsx")
    book = load_workbook(path)
    staff = book["Personeel"]
    new = staff.max_row + 1
    staff.cell(row=new, column=1, value="Extra medewerker communicatie (in Excel toegevoegd)")
    years = plan.region.period.years
    for j in range(len(years)):
        staff.cell(row=new, column=workbook.FIRST_YEAR_COL + j, value=10000)
    changed = tmp_path / "gewijzigd" / "begroting.xlsx"
    changed.parent.mkdir()
    book.save(changed)
    rows = overview_rows(recalculate(changed, tmp_path))
    for j, year in enumerate(years):
        assert cents(rows["In Excel toegevoegd op blad Personeel"][3 + j]) == 1_000_000
        assert cents(rows["Totaal uitgaven"][3 + j]) == budget.totals(plan).loc[year, "uitgaven"] + 1_000_000
        assert cents(rows["In Excel toegevoegd op blad Werking"][3 + j]) == 0
