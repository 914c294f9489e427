from igskit import load_plan
from igskit.run import changes

from .conftest import FIXTURES


def test_change_report_line_by_line():
    old = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    new = load_plan(FIXTURES / "wijzigingen-v2.yml").plan
    lines = [c.text for c in changes.objective_changes(old, new)]
    assert lines == [
        "SD1-OD2-A1 → SD1-OD1-A2: actie verplaatst van SD1-OD2 naar SD1-OD1",
        "SD3-OD1 → SD1-OD2: OD verplaatst van SD3 naar SD1",
        "SD1-OD2-A1 timing: 2027, 2029, 2031 → 2027–2032",
        "SD2 herschreven: «Het aanbod in de regio afstemmen» wordt «Het aanbod in de regio afstemmen en versterken»",
        "SD2-OD1-A1 spreiding: Zuidveld, Rietmolen → alle gemeenten",
        "SD2-OD2 nieuw (afgesplitst van SD2-OD1): «Samen voorstellingen maken»",
        "SD2-OD1-A2 → SD2-OD2-A1: actie verplaatst van SD2-OD1 naar SD2-OD2",
        "SD3-OD1 nieuw: «Jongeren laten meebeslissen»",
        "SD3-OD1-A1 nieuw: «Een regionale jeugdcultuurraad»",
        "SD1-OD2 weggehaald (samengevoegd met SD1-OD1): «Ontmoeting in de buurt stimuleren»",
        "SD1-OD2-A2 weggehaald: «Een praatcafé Nederlands»",
    ]


def test_budget_before_and_after():
    old = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    new = load_plan(FIXTURES / "wijzigingen-v2.yml").plan
    years = changes.budget_years_table(old, new).set_index("Jaar")["Verschil"].to_dict()
    # 2027: praatcafé (2.000) dropped; 2028 and 2030: coproductie 12.000 -> 15.000
    assert years == {"2027": "-2.000,00", "2028": "+3.000,00", "2029": "0,00", "2030": "+3.000,00",
                     "2031": "0,00", "2032": "0,00"}
    per_sd = changes.budget_sd_table(old, new).set_index("Doelstelling")["Verschil"]
    assert per_sd["SD1 Meer inwoners laten deelnemen aan cultuur"] == "-2.000,00"
    assert per_sd["SD2 Het aanbod in de regio afstemmen en versterken"] == "+6.000,00"


def test_no_change_reports_nothing():
    plan = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    assert changes.all_changes(plan, plan) == []
