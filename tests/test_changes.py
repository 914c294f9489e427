from decimal import Decimal

from igskit import load_plan
from igskit.planning import budget
from igskit.run import changes

from .conftest import FIXTURES, copy_region, edit_params


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


def test_budget_lines_that_appeared_disappeared_or_changed():
    old = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    new = load_plan(FIXTURES / "wijzigingen-v2.yml").plan
    posts = changes.budget_line_changes(old, new).set_index("Post")
    assert list(posts.index) == [
        "Andere inkomsten: Provinciale projectsubsidie jongerenpodium",
        "Acties en projecten: SD2-OD2-A1 Een gezamenlijke voorstelling per seizoen",
        "Acties en projecten: SD1-OD2-A2 Een praatcafé Nederlands",
    ]
    new_line = posts.loc["Andere inkomsten: Provinciale projectsubsidie jongerenpodium"]
    assert (new_line["Soort"], new_line["Wijziging"], new_line["Vorige versie"], new_line["Deze versie"]) == (
        "Inkomsten", "nieuw", "0,00", "10.000,00")
    changed = posts.loc["Acties en projecten: SD2-OD2-A1 Een gezamenlijke voorstelling per seizoen"]
    assert changed["Wijziging"] == ("bedrag 2028: 12.000,00 → 15.000,00, 2030: 12.000,00 → 15.000,00; "
                                    "voorheen SD2-OD1-A2")
    assert (changed["Vorige versie"], changed["Deze versie"], changed["Verschil"]) == ("24.000,00", "30.000,00",
                                                                                       "+6.000,00")
    cut = posts.loc["Acties en projecten: SD1-OD2-A2 Een praatcafé Nederlands"]
    assert (cut["Soort"], cut["Wijziging"], cut["Vorige versie"], cut["Deze versie"], cut["Verschil"]) == (
        "Uitgaven", "weggehaald", "2.000,00", "0,00", "-2.000,00")


def test_balance_per_year_before_and_after():
    old = load_plan(FIXTURES / "wijzigingen-v1.yml").plan
    new = load_plan(FIXTURES / "wijzigingen-v2.yml").plan
    balance = changes.balance_table(old, new).set_index("Jaar")
    # 2027: praatcafé (-2.000 costs); 2028: +5.000 income, +3.000 coproductie; 2029: +5.000 income;
    # 2030: +3.000 coproductie
    assert balance["Verschil saldo"].to_dict() == {"2027": "+2.000,00", "2028": "+2.000,00", "2029": "+5.000,00",
                                                   "2030": "-3.000,00", "2031": "0,00", "2032": "0,00"}
    for year, row in balance.iterrows():
        assert row["Saldo vorige versie"] == budget.euro(int(budget.totals(old).loc[int(year), "saldo"]))
        assert row["Saldo deze versie"] == budget.euro(int(budget.totals(new).loc[int(year), "saldo"]))
    assert balance.loc["2028", "Inkomsten deze versie"] == budget.euro(
        int(budget.totals(old).loc[2028, "inkomsten"]) + 500_000)


def test_staff_contributions_and_subsidy_are_named(tmp_path):
    import shutil

    old_path = copy_region(FIXTURES / "wijzigingen-v1.yml", tmp_path / "oud")
    new_path = copy_region(FIXTURES / "wijzigingen-v1.yml", tmp_path / "nieuw")
    for folder in ("oud", "nieuw"):  # the fixtures share the small region's indicator file
        shutil.copytree(FIXTURES / "kleineregio", tmp_path / folder / "kleineregio")

    def grow(doc):
        doc["begroting"]["regels"]["max_per_inwoner"]["waarde"] = 2.0  # above the minimum: the subsidy grows
        doc["begroting"]["gemeentelijke_bijdragen"]["per_inwoner"] = 0.80  # every contribution grows
        doc["begroting"]["personeel"][0]["vte"] = 1.0
        doc["begroting"]["werking"].append({"omschrijving": "Huur van een regiokantoor", "bedrag": 3000})

    edit_params(new_path, grow)
    old, new = load_plan(old_path).plan, load_plan(new_path).plan
    posts = changes.budget_line_changes(old, new).set_index("Post")
    first = old.region.municipalities[0].name
    grown = budget.to_cents(Decimal("0.05") * old.region.municipalities[0].inhabitants) * 6
    assert posts.loc[f"Gemeentelijke bijdragen: Bijdrage {first}", "Verschil"] == "+" + budget.euro(grown)
    subsidy = posts.loc["Werkingssubsidie Vlaamse overheid"]
    assert subsidy["Wijziging"].startswith("bedrag 2027: ") and subsidy["Soort"] == "Inkomsten"
    staff = posts.loc["Personeel: Regiocoördinator (1 VTE)"]
    assert staff["Wijziging"].startswith("bedrag 2027: 56.000,00 → 70.000,00")
    assert posts.loc["Werking: Huur van een regiokantoor", "Wijziging"] == "nieuw"
    report = changes.report_markdown(load_plan(old_path), load_plan(new_path), "v1", "v2")
    assert "## Begrotingsposten" in report and "## Saldo per jaar" in report
    assert "Huur van een regiokantoor" in report


def test_network_changes_are_named_in_the_boards_words(tmp_path):
    from igskit.paths import PARAMS_DIR
    from igskit.planning import network_budget

    old_path = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "oud")
    new_path = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "nieuw")

    def change(doc):
        people = {s["id"]: s for s in doc["stakeholders"]}
        people["caw-beekland"].pop("netwerkpartner")
        people["ocmw-oostbeke"]["netwerkpartner"]["rollen"] = ["promotor", "kampioen"]
        people["ocmw-oostbeke"]["netwerkpartner"]["engageert"] = "We leiden toe en delen de gids uit."
        participation = doc["doelstellingen"][0]
        participation["ods"][2]["netwerk"] = True  # od-taal joins the network, with its two actions
        participation["ods"][0]["acties"][0]["trekker"] = "ervaringsdeskundigen"  # a-drempelscan
        next(line for line in doc["begroting"]["andere_inkomsten"]
             if line["omschrijving"].startswith("Subsidie bovenlokaal"))["bedrag"] = 62000

    edit_params(new_path, change)
    old, new = load_plan(old_path).plan, load_plan(new_path).plan
    lines = [c.text for c in changes.all_changes(old, new) if c.section == "Netwerk vrijetijdsparticipatie"]
    assert lines == [
        "SD1-OD3 hoort nu bij het netwerk: «Taal en leesplezier inzetten als hefboom voor de participatie van "
        "anderstaligen en gezinnen in kwetsbare situaties»",
        "SD1-OD1-A1 trekker: Het Schakelhuis, vereniging waar armen het woord nemen, Kapelhoven → Ervaringsdeskundigen "
        "in armoede en sociale uitsluiting",
        "geen partner meer: CAW Beekland",
        "OCMW Oostbeke: engagement aangepast",
        "OCMW Oostbeke: rol(len) Netwerkpromotor → Netwerkpromotor, Netwerkkampioen",
    ]
    posts = changes.budget_line_changes(old, new, network=True).set_index("Post")
    # the taal-OD's budgeted action joins the network's budget; the subsidy grew by 2.000 a year
    caravan = next(p for p in posts.index if p.startswith("Acties en projecten: SD1-OD3-A1 Verhalenkaravaan"))
    assert posts.loc[caravan, "Wijziging"] == "nieuw"
    subsidy = posts.loc["Andere inkomsten: Subsidie bovenlokaal netwerk vrijetijdsparticipatie (Vlaamse overheid)"]
    assert subsidy["Verschil"] == "+12.000,00"
    saldo = changes.balance_table(old, new, network=True).set_index("Jaar")
    for year, row in saldo.iterrows():
        assert row["Saldo vorige versie"] == budget.euro(int(network_budget.totals(old).loc[int(year), "saldo"]))
        assert row["Saldo deze versie"] == budget.euro(int(network_budget.totals(new).loc[int(year), "saldo"]))
    assert saldo.loc["2027", "Verschil saldo"] == "-4.000,00"  # +2.000 subsidy, -6.000 verhalenkaravaan
    report = changes.report_markdown(load_plan(old_path), load_plan(new_path), "v1", "v2")
    assert "## Netwerk vrijetijdsparticipatie" in report and "## Saldo van het netwerk per jaar" in report
    assert "geen partner meer: CAW Beekland" in report
