"""Messages a first-time user meets: Dutch YAML errors, one message per mistake, spreadsheet notes
tolerated, and readiness that blocks on unanswered leading questions."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from igskit import ParamsError, cli, load_plan
from igskit.params.reading import read_document
from igskit.planning import conformance

from .conftest import edit_params

ENGLISH = ("found", "expected", "while", "scanning", "parsing", "could not", "not allowed", "token")


def problems_of(path):
    with pytest.raises(ParamsError) as info:
        load_plan(path)
    return info.value.problems, str(info.value)


def insert_after(path, startswith: str, new_line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    lines.insert(i + 1, new_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return i + 2


@pytest.mark.parametrize(("line", "words"), [
    ("\ttekst: met een tab", "gebruik spaties, geen tabs"),
    ("  tekst: Cultuur: samen", "tussen aanhalingstekens"),
    ("  tekst \"niet gesloten", "aanhalingsteken"),
    ("  tekst: 'niet gesloten", "aanhalingsteken"),
    ("  tekst: [niet gesloten", "niet gesloten"),
    ("  tekst", "dubbelpunt"),
    (" tekst: verkeerd ingesprongen", "inspringing"),
    ("  tekst: @iemand", "aanhalingstekens"),
])
def test_yaml_parser_errors_are_dutch(demo_params, line, words):
    target = insert_after(demo_params, "visie:", line)
    problems, message = problems_of(demo_params)
    assert problems[0].field == "(YAML-syntaxis)"
    assert problems[0].line is not None and abs(problems[0].line - target) <= 2
    assert words in message
    text = f"{problems[0].message} {problems[0].hint}".lower()
    assert not [w for w in ENGLISH if w in text], text


def set_action(path, key, value):
    def change(doc):
        doc["doelstellingen"][0]["ods"][0]["acties"][0][key] = value
    edit_params(path, change)


def test_spreiding_alle_gets_one_clear_message(demo_params):
    set_action(demo_params, "spreiding", "alle")
    problems, _ = problems_of(demo_params)
    assert len(problems) == 1
    assert problems[0].field.endswith("acties[1].spreiding")
    assert "schrijf 'alle gemeenten' of een lijst" in problems[0].hint


def test_year_range_shows_both_valid_forms(demo_params):
    set_action(demo_params, "jaren", "2027-2032")
    problems, _ = problems_of(demo_params)
    assert len(problems) == 1 and problems[0].field.endswith("acties[1].jaren")
    assert "[2027, 2028, 2029, 2030, 2031, 2032]" in problems[0].hint and "'- 2027'" in problems[0].hint


def stakeholder_book(small_params, columns):
    people = read_document(small_params)["stakeholders"]
    book = Workbook()
    sheet = book.active
    sheet.append(columns)
    for s in people:
        sheet.append([", ".join(s[c]) if isinstance(s.get(c), list) else
                      (s.get(c) if c[0].islower() else "notitie bij " + s["id"]) for c in columns])
    book.save(small_params.parent / "stakeholders.xlsx")
    edit_params(small_params, lambda d: d.__setitem__("stakeholders", {"bestand": "stakeholders.xlsx"}))
    return people


def test_free_extra_columns_are_ignored_and_named_once(small_params, capsys):
    columns = ["id", "naam", "categorie", "subsector", "gemeente", "betrokkenheid", "Notities", "Telefoon"]
    people = stakeholder_book(small_params, columns)
    loaded = load_plan(small_params)
    assert len(loaded.plan.stakeholder_list) == len(people)
    notes = [f for f in conformance.review(loaded) if "niet gebruikt" in f.message]
    assert len(notes) == 1 and notes[0].status == "aandacht"
    assert "'Notities', 'Telefoon'" in notes[0].message and "stakeholders.xlsx" in notes[0].message
    cli.main(["check", str(small_params)])
    assert capsys.readouterr().out.count("niet gebruikt") == 1


def test_misspelt_column_is_one_message_listing_the_allowed_ones(small_params):
    stakeholder_book(small_params, ["id", "naam", "categori", "subsector", "gemeente", "betrokkenheid"])
    problems, _ = problems_of(small_params)
    assert len(problems) == 1
    assert (problems[0].file.name, problems[0].line, problems[0].field) == ("stakeholders.xlsx", 1, "kolom 'categori'")
    assert "'categorie'" in problems[0].message and "toegelaten kolommen: id, naam, categorie" in problems[0].hint


def test_unanswered_leading_question_blocks(demo_params, capsys):
    def empty_answer(doc):
        doc["omgevingsanalyse"]["externe_analyse"][0]["antwoord"] = ""
    edit_params(demo_params, empty_answer)
    assert cli.main(["check", str(demo_params)]) == 1
    out = capsys.readouterr().out
    assert "Blokkerend" in out and "nog niet beantwoord" in out and "omgevingsanalyse.externe_analyse[1]" in out


def test_placeholder_answer_and_missing_step_block(demo_params):
    def change(doc):
        doc["omgevingsanalyse"]["interne_analyse"][0]["antwoord"] = "IN TE VULLEN"
        doc["omgevingsanalyse"].pop("netwerkanalyse")
    edit_params(demo_params, change)
    blocking = [f for f in conformance.review(load_plan(demo_params)) if f.status == "blokkerend"]
    assert any(f.key == "omgevingsanalyse.interne_analyse[1].antwoord" for f in blocking)
    assert any(f.key == "omgevingsanalyse.netwerkanalyse" for f in blocking)


def test_thousands_dot_in_an_amount_is_no_longer_silent(demo_params, capsys):
    text = demo_params.read_text(encoding="utf-8").replace("kost_per_vte: 72000", "kost_per_vte: 72.000", 1)
    demo_params.write_text(text, encoding="utf-8")
    assert cli.main(["check", str(demo_params)]) == 2
    assert "schrijf 72000" in capsys.readouterr().err


def test_reference_errors_in_a_stakeholder_file_point_at_its_row(small_params):
    columns = ["id", "naam", "categorie", "subsector", "gemeente", "betrokkenheid", "prioriteiten"]
    stakeholder_book(small_params, columns)
    from openpyxl import load_workbook

    book = load_workbook(small_params.parent / "stakeholders.xlsx")
    book.active.cell(row=5, column=5, value="Rietmoolen")  # the fourth stakeholder's gemeente
    book.save(small_params.parent / "stakeholders.xlsx")
    problems, _ = problems_of(small_params)
    assert [(p.file.name, p.line, p.field) for p in problems] == [("stakeholders.xlsx", 5, "kolom 'gemeente'")]
