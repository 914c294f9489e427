"""The params file is validated before any kernel starts; every error names file, line and field."""

from __future__ import annotations

import pytest

from igskit import ParamsError, load_plan
from igskit.params.reading import read_document

from .conftest import edit_params


def problems_of(path):
    with pytest.raises(ParamsError) as info:
        load_plan(path)
    return info.value.problems, str(info.value)


def line_of(path, text):
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def test_demo_region_is_valid_and_rich():
    plan = load_plan("params/voorbeeldregio.yml").plan
    assert plan.region.fictitious
    assert len(plan.region.municipalities) >= 6
    assert len(plan.stakeholder_list) >= 40
    assert {s.category for s in plan.stakeholder_list} == {
        "intern", "lokale-overheid", "cultureel", "maatschappelijk", "doelgroep", "extern"}
    assert len(plan.objectives) == 4
    assert plan.environment.indicators is not None


def test_missing_field_names_line_and_field(demo_params):
    edit_params(demo_params, lambda doc: doc["regio"]["gemeenten"][1]["contact"].pop("email"))
    problems, message = problems_of(demo_params)
    assert [p.field for p in problems] == ["regio.gemeenten[2].contact.email"]
    assert problems[0].message == "ontbreekt"
    gemeente = read_document(demo_params)["regio"]["gemeenten"][1]
    assert problems[0].line == gemeente.lc.key("contact")[0] + 1  # the block the field is missing from
    assert "ontbreekt" in message and "voorbeeldregio.yml" in message and "regel" in message


def test_wrong_type_points_at_the_value(demo_params):
    text = demo_params.read_text(encoding="utf-8")
    first = text.index("inwoners:")
    end = text.index("\n", first)
    demo_params.write_text(text[:first] + "inwoners: veel" + text[end:], encoding="utf-8")
    problems, _ = problems_of(demo_params)
    assert len(problems) == 1
    assert problems[0].field == "regio.gemeenten[1].inwoners"
    assert problems[0].line == line_of(demo_params, "inwoners: veel")
    assert "geheel getal" in problems[0].message


def test_unknown_key_is_an_error_not_ignored(demo_params):
    edit_params(demo_params, lambda doc: doc["regio"].insert(1, "referentieregoi", "tikfout"))
    problems, message = problems_of(demo_params)
    assert problems[0].field == "regio.referentieregoi"
    assert problems[0].line == line_of(demo_params, "referentieregoi")
    assert "geen bekend veld" in message


def test_yaml_syntax_error_names_the_line(demo_params):
    lines = demo_params.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if line.startswith("visie:"))
    lines.insert(target + 1, "  tekst: [niet gesloten")
    demo_params.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems, message = problems_of(demo_params)
    assert problems[0].field == "(YAML-syntaxis)"
    assert problems[0].line is not None and abs(problems[0].line - (target + 2)) <= 2
    assert "geen geldige YAML" in message


def test_missing_indicator_csv(demo_params):
    edit_params(demo_params, lambda doc: doc["omgevingsanalyse"]["indicatoren"].__setitem__("bestand", "weg.csv"))
    problems, _ = problems_of(demo_params)
    assert problems[0].field == "omgevingsanalyse.indicatoren.bestand"
    assert problems[0].line == line_of(demo_params, "bestand: weg.csv")
    assert "bestaat niet" in problems[0].message


def test_non_numeric_indicator_names_file_row_and_column(demo_params):
    csv = demo_params.parent / "voorbeeldregio" / "indicatoren.csv"
    rows = csv.read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    cells = rows[2].split(",")
    column = header.index("leefloon_per_1000")
    cells[column] = "veel"
    rows[2] = ",".join(cells)
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    problems, _ = problems_of(demo_params)
    assert (problems[0].file.name, problems[0].line, problems[0].field) == ("indicatoren.csv", 3, "leefloon_per_1000")


def test_unknown_gemeente_in_spreiding(demo_params):
    def change(doc):
        doc["doelstellingen"][0]["ods"][0]["acties"][0]["spreiding"] = ["Atlantis"]
    edit_params(demo_params, change)
    problems, _ = problems_of(demo_params)
    assert problems[0].field == "doelstellingen[1].ods[1].acties[1].spreiding"
    assert "Atlantis" in problems[0].message


def test_duplicate_id(demo_params):
    def change(doc):
        doc["stakeholders"][1]["id"] = doc["stakeholders"][0]["id"]
    edit_params(demo_params, change)
    problems, _ = problems_of(demo_params)
    assert problems[0].field == "stakeholders[2].id" and "al gebruikt" in problems[0].message


def test_stakeholders_from_xlsx_and_csv_with_row_numbers(small_params):
    from openpyxl import Workbook

    doc = read_document(small_params)
    people = doc["stakeholders"]
    columns = ["id", "naam", "categorie", "subsector", "gemeente", "betrokkenheid", "fasen", "prioriteiten"]
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for s in people:
        sheet.append([s.get(c) if not isinstance(s.get(c), list) else ", ".join(s.get(c)) for c in columns])
    book.save(small_params.parent / "stakeholders.xlsx")
    edit_params(small_params, lambda d: d.__setitem__("stakeholders", {"bestand": "stakeholders.xlsx"}))
    loaded = load_plan(small_params)
    assert [s.id for s in loaded.plan.stakeholder_list] == [s["id"] for s in people]
    assert loaded.inputs["stakeholders"].name == "stakeholders.xlsx"

    sheet.cell(row=4, column=3, value="cultureeel")  # a typo in the third stakeholder's category
    book.save(small_params.parent / "stakeholders.xlsx")
    problems, _ = problems_of(small_params)
    assert (problems[0].file.name, problems[0].line, problems[0].field) == ("stakeholders.xlsx", 4, "kolom 'categorie'")

    csv = small_params.parent / "stakeholders.csv"
    csv.write_text("id;naam;categorie;gemeente;betrokkenheid\nx-1;Een actor;cultureel;Zuidveld;onbekend\n",
                   encoding="utf-8")
    edit_params(small_params, lambda d: d.__setitem__("stakeholders", {"bestand": "stakeholders.csv"}))
    problems, _ = problems_of(small_params)
    assert (problems[0].file.name, problems[0].line, problems[0].field) == (
        "stakeholders.csv", 2, "kolom 'betrokkenheid'")


def test_cli_exits_2_and_touches_no_outputs(demo_params, tmp_path, monkeypatch):
    from igskit import cli

    outputs = tmp_path / "outputs"
    monkeypatch.setenv("IGSKIT_OUTPUTS", str(outputs))
    edit_params(demo_params, lambda doc: doc["regio"].insert(1, "naaam", "x"))
    assert cli.main(["run", str(demo_params)]) == 2
    assert not outputs.exists()


def test_a_file_not_saved_as_utf8_names_the_line(demo_params):
    text = demo_params.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "é" in row or "ë" in row)
    demo_params.write_bytes(text.encode("cp1252", errors="replace"))
    with pytest.raises(ParamsError) as error:
        load_plan(demo_params)
    problem = error.value.problems[0]
    assert problem.line == line and "UTF-8" in problem.message and "UTF-8" in problem.hint
