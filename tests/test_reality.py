"""A real region (not `fictief`) is checked against the reference data; the demo is not."""

from __future__ import annotations

import pytest

from igskit import ParamsError, cli, load_plan
from igskit.editing import newregion
from igskit.planning import conformance

GENT = ["Deinze", "Zulte", "Gavere", "Nazareth-De Pinte", "Sint-Martens-Latem", "Lievegem", "Merelbeke-Melle"]


@pytest.fixture
def real(tmp_path):
    return newregion.create("Cultuurregio Leie en Schelde", GENT, tmp_path / "params").params


def replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(path):
    with pytest.raises(ParamsError) as info:
        load_plan(path)
    return info.value.problems, str(info.value)


def add_gemeente(path, name, nis, inhabitants):
    replace(path, "\n# --- Planningsproces", f"""    - naam: {name}
      nis: '{nis}'
      inwoners: {inhabitants}
      contact:
        naam: IN TE VULLEN
        email: IN TE VULLEN

# --- Planningsproces""")
    csv = path.parent / path.stem / "indicatoren.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + f"{name},{inhabitants}\n", encoding="utf-8")


def test_two_referentieregios_block_check_with_both_names(real, capsys):
    add_gemeente(real, "Kruisem", "45068", 15743)
    assert cli.main(["check", str(real)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "referentieregio's" in line)
    assert line.startswith("Blokkerend")
    assert "Regio Gent (Deinze" in line and "Vlaamse Ardennen (Kruisem)" in line


def test_stated_referentieregio_must_be_where_the_gemeenten_lie(real):
    replace(real, "referentieregio: Regio Gent", "referentieregio: Waasland")
    findings = conformance.review(load_plan(real))
    wrong = [f for f in findings if f.key == "regio.referentieregio"]
    assert wrong[0].status == "blokkerend" and "Regio Gent" in wrong[0].message and "Waasland" in wrong[0].message


def test_unknown_referentieregio_is_an_error_with_the_right_one(real):
    replace(real, "referentieregio: Regio Gent", "referentieregio: Gentse regio")
    problems, _ = problems_of(real)
    assert problems[0].field == "regio.referentieregio" and "Regio Gent" in problems[0].hint


def test_pre_fusion_gemeente_in_the_region_exits_2(real, capsys):
    replace(real, "  - naam: Nazareth-De Pinte\n", "  - naam: Nazareth\n")
    assert cli.main(["check", str(real)]) == 2
    err = capsys.readouterr().err
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in err
    assert "regio.gemeenten[4].naam" in err


def test_misspelt_gemeente_gets_the_closest_name(real):
    replace(real, "  - naam: Deinze\n", "  - naam: Deinse\n")
    problems, _ = problems_of(real)
    assert problems[0].field == "regio.gemeenten[1].naam" and "'Deinze'" in problems[0].hint
    replace(real, "  - naam: Deinse\n", "  - naam: deinze\n")
    problems, _ = problems_of(real)
    assert "officieel 'Deinze'" in problems[0].message


def test_pre_fusion_name_elsewhere_names_the_fusion_once(real):
    replace(real, "spreiding: alle gemeenten", "spreiding: [Deinze, De Pinte]")
    problems, _ = problems_of(real)
    assert len(problems) == 1
    assert problems[0].field == "doelstellingen[1].ods[1].acties[1].spreiding"
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in problems[0].message
    assert problems[0].hint == "schrijf 'Nazareth-De Pinte'"


def test_wrong_nis_code_is_an_error(real):
    replace(real, "nis: '44083'", "nis: '44084'")
    problems, _ = problems_of(real)
    assert problems[0].field == "regio.gemeenten[1].nis" and "44083" in problems[0].message


def test_inhabitants_far_from_the_reference_ask_attention(real):
    replace(real, "inwoners: 15791", "inwoners: 1579")  # Zulte, a digit lost
    csv = real.parent / real.stem / "indicatoren.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Zulte,15791", "Zulte,1579"), encoding="utf-8")
    findings = conformance.review(load_plan(real))
    typo = [f for f in findings if f.key == "regio.gemeenten[2].inwoners"]
    assert len(typo) == 1 and typo[0].status == "aandacht" and "Typfout?" in typo[0].message
    assert "15.791" in typo[0].message


def test_inhabitants_in_params_and_csv_differ_exits_2(real, capsys):
    replace(real, "inwoners: 15791", "inwoners: 16002")
    assert cli.main(["check", str(real)]) == 2
    err = capsys.readouterr().err
    assert "indicatoren.csv, regel 3" in err and "16002" in err and "15791" in err


def test_fictitious_demo_skips_the_reality_checks(capsys):
    loaded = load_plan("params/voorbeeldregio.yml")
    assert loaded.plan.region.fictitious
    assert not [f for f in conformance.review(loaded) if "referentieregio" in f.message]
    assert cli.main(["check", "params/voorbeeldregio.yml"]) == 0
    assert "De nota is klaar om in te dienen." in capsys.readouterr().out


def test_pre_fusion_name_in_a_stakeholder_xlsx_points_at_its_row(real):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "naam", "categorie", "gemeente", "betrokkenheid", "notities"])
    sheet.append(["cc-deinze", "Cultuurcentrum Deinze", "cultureel", "Deinze", "structurele-partner", "bellen"])
    sheet.append(["bib-de-pinte", "Bibliotheek De Pinte", "cultureel", "De Pinte", "structurele-partner", ""])
    book.save(real.parent / "stakeholders.xlsx")
    text = real.read_text(encoding="utf-8")
    start = text.index("stakeholders:\n")
    end = text.index("\n# --- Stap 2")
    real.write_text(text[:start] + "stakeholders: {bestand: stakeholders.xlsx}\n" + text[end:], encoding="utf-8")
    problems, _ = problems_of(real)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("stakeholders.xlsx", 3, "kolom 'gemeente'")]
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in problems[0].message


def test_inhabitants_in_params_and_xlsx_differ_exits_2(real, capsys):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["gemeente", "inwoners"])
    for m in load_plan(real).plan.region.municipalities:
        sheet.append([m.name, 15000 if m.name == "Zulte" else m.inhabitants])
    book.save(real.parent / real.stem / "indicatoren.xlsx")
    folder = "bestand: cultuurregio-leie-en-schelde/"
    replace(real, folder + "indicatoren.csv", folder + "indicatoren.xlsx")
    assert cli.main(["check", str(real)]) == 2
    err = capsys.readouterr().err
    assert "indicatoren.xlsx, regel 3" in err and "15000" in err and "15791" in err


def test_pre_fusion_rows_in_the_indicator_csv_name_the_fusion_and_the_row(real, capsys):
    csv = real.parent / real.stem / "indicatoren.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("Nazareth-De Pinte,"))
    cells = lines[row].split(",")
    lines[row:row + 1] = [",".join(["Nazareth", *cells[1:]]), ",".join(["De Pinte", *cells[1:]])]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["check", str(real)]) == 2
    err = capsys.readouterr().err
    assert f"indicatoren.csv, regel {row + 1}" in err
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in err
    assert "vervang de rijen van Nazareth en De Pinte door één rij 'Nazareth-De Pinte'" in err
