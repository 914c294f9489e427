"""Numbers as a Fleming types them (76.000, 9000,50): refused in YAML with the plain form, read in
CSV/XLSX when they can mean only one thing, refused there when they can mean two. Never silent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from igskit import ParamsError, load_plan
from igskit.params import fastyaml
from igskit.params.numbers import parse_cell
from igskit.planning import environment


def problems_of(path):
    with pytest.raises(ParamsError) as info:
        load_plan(path)
    return info.value.problems, str(info.value)


def set_value(path, prefix: str, value: str, occurrence: int = 0) -> int:
    """Replace the value on the n-th line starting (after indentation) with ``prefix``; its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [i for i, line in enumerate(lines) if line.strip().startswith(prefix)]
    i = hits[occurrence]
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    lines[i] = f"{indent}{prefix} {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 1


@pytest.mark.parametrize(("prefix", "typed", "advice"), [
    ("kost_per_vte:", "76.000", "schrijf 76000 als je 76000 bedoelt, of 76 als je 76 bedoelt"),  # YAML: 76.0
    ("bedrag:", "1.250.000", "schrijf 1250000"),
    ("bedrag:", "9000,50", "schrijf 9000.50"),
    ("bedrag:", "76.000,50", "schrijf 76000.50"),
    ("inwoners:", "45.010", "schrijf 45010"),  # an inhabitants figure has one reading, still refused in YAML
])
def test_flemish_numbers_in_yaml_are_refused_with_the_plain_form(demo_params, prefix, typed, advice):
    line = set_value(demo_params, prefix, typed)
    problems, message = problems_of(demo_params)
    assert len(problems) == 1, message
    assert problems[0].line == line
    assert f"'{typed}'" in problems[0].message
    assert problems[0].hint == advice
    assert "laat de cijfers na de komma weg" not in message


def test_yaml_thousands_dot_is_deferred_to_ruamel_which_keeps_the_text():
    assert fastyaml.load("kost_per_vte: 76.000\n") is None  # libyaml would say 76.0
    assert fastyaml.load("vte: 0.800\nbedrag: 12.50\n") == {"vte": 0.8, "bedrag": 12.5}


def test_plain_numbers_still_load(demo_params):
    set_value(demo_params, "kost_per_vte:", "76000.50")
    staff = load_plan(demo_params).plan.budget.staff[0]
    assert staff.cost_per_fte == Decimal("76000.50")


@pytest.mark.parametrize(("cell", "count", "value"), [
    ("45.010", True, 45010), ("1.250.000", False, 1250000), ("9000,50", False, 9000.5),
    ("76.000,50", False, 76000.5), ("12,5", False, 12.5), ("12.5", False, 12.5), ("34850", True, 34850),
    (34850, True, 34850), (19.4, False, 19.4), ("", False, None),
])
def test_spreadsheet_cells_read_as_meant(cell, count, value):
    assert parse_cell(cell, count=count) == (value, None)


@pytest.mark.parametrize(("cell", "readings"), [("45.010", ("45010", "45.01")), ("76,000", ("76000", "76.000"))])
def test_ambiguous_spreadsheet_cells_are_refused_with_both_readings(cell, readings):
    value, (message, hint) = parse_cell(cell, count=False)
    assert value is None
    assert readings[0] in message and readings[1] in message


def flemish_csv(demo_params, population: str = "34.850", extra: str = "19,4"):
    csv = demo_params.parent / "voorbeeldregio" / "indicatoren.csv"
    rows = [line.split(",") for line in csv.read_text(encoding="utf-8").splitlines()]
    rows[1][1], rows[1][2] = population, extra  # Kapelhoven: inwoners, aandeel_65plus
    csv.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    return csv


def test_flemish_csv_from_excel_is_read_as_meant(demo_params):
    flemish_csv(demo_params)
    frame = environment.load_indicators(load_plan(demo_params))
    assert frame.loc["Kapelhoven", "inwoners"] == 34850  # not 34.85
    assert frame.loc["Kapelhoven", "aandeel_65plus"] == pytest.approx(19.4)


def test_ambiguous_csv_cell_names_file_row_and_column(demo_params):
    flemish_csv(demo_params, extra="19.400")
    problems, message = problems_of(demo_params)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("indicatoren.csv", 2, "aandeel_65plus")]
    assert "19400" in message and "19.4" in message


def xlsx_indicators(demo_params, population, extra):
    csv = demo_params.parent / "voorbeeldregio" / "indicatoren.csv"
    rows = [line.split(",") for line in csv.read_text(encoding="utf-8").splitlines()]
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    for i, row in enumerate(rows[1:]):
        cells = [row[0], *[float(v) if "." in v else int(v) for v in row[1:]]]
        if i == 0:
            cells[1], cells[2] = population, extra
        sheet.append(cells)
    book.save(demo_params.parent / "voorbeeldregio" / "indicatoren.xlsx")
    text = demo_params.read_text(encoding="utf-8").replace("voorbeeldregio/indicatoren.csv",
                                                           "voorbeeldregio/indicatoren.xlsx")
    demo_params.write_text(text, encoding="utf-8")


def test_xlsx_text_cells_in_flemish_form_are_read_numeric_cells_as_they_are(demo_params):
    xlsx_indicators(demo_params, "34.850", "19,4")
    frame = environment.load_indicators(load_plan(demo_params))
    assert frame.loc["Kapelhoven", "inwoners"] == 34850
    assert frame.loc["Kapelhoven", "aandeel_65plus"] == pytest.approx(19.4)
    assert frame.loc["Wervelde", "inwoners"] == 23120  # a numeric cell


def test_ambiguous_xlsx_text_cell_names_file_row_and_column(demo_params):
    xlsx_indicators(demo_params, 34850, "19.400")
    problems, message = problems_of(demo_params)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("indicatoren.xlsx", 2, "aandeel_65plus")]
    assert "19400" in message and "19.4" in message


def test_inhabitants_in_params_and_indicator_file_must_agree(demo_params):
    flemish_csv(demo_params, population="34.000")
    problems, message = problems_of(demo_params)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("indicatoren.csv", 2, "inwoners")]
    assert "34000" in problems[0].message and "34850" in problems[0].message
    line = next(i for i, text in enumerate(demo_params.read_text(encoding="utf-8").splitlines(), start=1)
                if text.strip() == "inwoners: 34850")
    assert f"voorbeeldregio.yml, regel {line}" in problems[0].message  # both places: CSV row and params line


def test_an_indicator_value_follows_the_number_rule(demo_params):
    """A nulmeting typed as 1.500 is refused with both readings, never read as 1.5 in silence."""
    import pytest

    from igskit import ParamsError, load_plan

    text = demo_params.read_text(encoding="utf-8")
    demo_params.write_text(text.replace("            nulmeting: 4\n", "            nulmeting: 1.500\n", 1),
                           encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_plan(demo_params)
    message = str(info.value)
    assert "nulmeting" in message and "schrijf 1500 als je 1500 bedoelt, of 1.5 als je 1.5 bedoelt" in message
