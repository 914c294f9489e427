"""The afsprakennota's domain: the network's own objects, the decree's conditions, its budget, notebook 06."""

from __future__ import annotations

import re

import nbformat
import pytest

from igskit import load_plan
from igskit.cli import main
from igskit.errors import ParamsError
from igskit.params import vocabulary as voc
from igskit.paths import PARAMS_DIR
from igskit.planning import budget, conformance, network, network_budget, network_review, objectives
from igskit.planning.findings import WORKING_ONLY_OPEN
from igskit.planning.markup import text
from igskit.run.jupyter import execute_step
from igskit.run.steps import NOTEBOOKS_DIR

from .conftest import FIXTURES, copy_region, edit_params

DEMO = PARAMS_DIR / "voorbeeldregio.yml"
NETWORK_ACTIONS = ["a-drempelscan", "a-uitpas-regio", "a-cultuurbus", "a-vtp-netwerkoverleg", "a-toeleiders",
                   "a-vrijetijdsgids", "a-cultuur-in-de-buurt"]


@pytest.fixture(scope="module")
def demo():
    return load_plan(DEMO)


def stakeholder(doc, ident):
    return next(s for s in doc["stakeholders"] if s["id"] == ident)


def blocking(path) -> list[str]:
    return [f.message for f in conformance.review(load_plan(path)) if f.status == "blokkerend"]


# --- the demo's parts 3-6 ------------------------------------------------------------------------

def test_network_objects_are_the_plans_own_objects_with_inheritance(demo):
    plan = demo.plan
    ids = objectives.network_ids(plan)
    # two network ODs (their actions inherit), one action flagged on its own, the rest of the plan not
    assert {"od-drempels", "od-vtp-netwerk", *NETWORK_ACTIONS} == ids
    assert [a.id for _sd, _od, a in network.actions(plan)] == NETWORK_ACTIONS
    assert "od-taal" not in ids and "a-verhalenkaravaan" not in ids


def test_title_page_names_the_network_its_gemeenten_and_period(demo):
    assert network.title_page(demo.plan) == {
        "naam": "Netwerk vrijetijdsparticipatie Wervelland", "periode": "2027–2032", "regio": "Cultuurregio Wervelland",
        "gemeenten": "Kapelhoven, Wervelde, Oostbeke, Heiselaar, Broekzele, Steenaarde en Hoeveldonk"}


def test_part_3_lists_the_network_objectives_with_the_cultuurnotas_codes(demo):
    plan = demo.plan
    codes = objectives.number(plan)
    table = network.objectives_table(plan)
    assert list(table["Code"]) == [codes[i].code for i in
                                   ("sd-participatie", "od-drempels", "od-vtp-netwerk", "sd-cocreatie",
                                    "od-cocreatie-projecten")]
    assert list(table["Code"])[:3] == ["SD1", "SD1-OD1", "SD1-OD2"]
    assert codes["od-taal"].code not in set(table["Code"])  # an OD of SD1 that is not the network's
    assert list(table["Van het netwerk"]) == ["deels", "volledig", "volledig", "deels",
                                              f"actie {codes['a-cultuur-in-de-buurt'].code}"]


def test_part_4_every_network_action_has_a_trekker_partners_timing_and_indicator(demo):
    plan = demo.plan
    table = network.actions_table(plan)
    codes = objectives.number(plan)
    assert list(table["Code"]) == [codes[a].code for a in NETWORK_ACTIONS]
    row = table[table["Code"] == codes["a-drempelscan"].code].iloc[0]
    assert row["Trekker en partners"].startswith(
        "**Trekker:** Het Schakelhuis, vereniging waar armen het woord nemen, Kapelhoven. **Partners:** ")
    assert "Expertisecentrum vrijetijdsparticipatie" in row["Trekker en partners"]
    assert row["Gemeenten en timing"] == "alle gemeenten; 2027"
    assert not table["Trekker en partners"].str.startswith("**Trekker:** –").any()
    assert (table["Indicator"] != "–").all()
    assert network.action_findings(plan) == []


def test_part_4_names_missing_first_years_trekker_and_indicator(demo_params):
    def change(doc):
        for sd in doc["doelstellingen"]:
            for od in sd["ods"]:
                for action in od["acties"]:
                    if action["id"] in NETWORK_ACTIONS:
                        action["jaren"] = [2030]
                        action.pop("trekker", None)
                        action.pop("indicatoren", None)
    edit_params(demo_params, change)
    found = {f.message: f.status for f in network.action_findings(load_plan(demo_params).plan)}
    assert found["4. Geen actie van het netwerk gepland in 2027; het decreet vraagt acties voor minstens de "
                 "eerste twee werkjaren."] == "blokkerend"
    assert any("2028" in m and s == "blokkerend" for m, s in found.items())
    assert any(m.startswith("4. Actie(s) van het netwerk zonder trekker: SD1-OD1-A1") for m in found)
    assert any(m.startswith("4. Actie(s) van het netwerk zonder indicator:") for m in found)


def test_part_5_one_row_per_partner_with_engagement_and_role(demo):
    plan = demo.plan
    partners = [s for s in plan.stakeholder_list if s.network_partner is not None]
    table = network.partners_table(plan)
    assert len(table) == len(partners)
    assert all(str(cell).startswith(str(text(s.name))) for cell, s in zip(table["Partner"], partners))
    assert len(partners) >= 14
    labels = {label.split(":")[0] for label in voc.NETWORK_ROLES.values()}
    engagement, roles = "Wat de partner brengt en waartoe hij zich engageert", "Rol in het netwerk en overleg"
    for _i, row in table.iterrows():
        assert "**Brengt:**" in row[engagement] and "**Engageert zich:**" in row[engagement]
        assert set(row[roles].split(". Overleg: ")[0].split(", ")) <= labels
    leads = table["Partner"].str.endswith(". **Trekker**")
    assert leads.any() and not leads.all()
    schakelhuis = table[table["Partner"].str.startswith("Het Schakelhuis")].iloc[0]
    assert "(Kapelhoven (ook voor Oostbeke, Heiselaar))" in schakelhuis["Partner"]
    assert "Netwerkoverleg vrijetijdsparticipatie" in schakelhuis[roles]
    assert list(network.meetings_table(plan)["Overleg"]) == ["Netwerkoverleg vrijetijdsparticipatie",
                                                             "Kerngroep van de trekkers"]


def test_part_6_network_budget_is_balanced_and_equals_igskits_own_numbers(demo):
    plan = demo.plan
    years = plan.region.period.years
    income_labels = {line.label for line in plan.budget.other_income if line.network}
    staff_roles = {s.role for s in plan.budget.staff if s.network}
    operations = {line.label for line in plan.budget.operations if line.network}
    assert len(income_labels) == 3 and staff_roles == {"Medewerker vrijetijdsparticipatie"} and operations

    def belongs(line):
        return ((line.group == "andere" and line.label in income_labels)
                or (line.group == "personeel" and line.label.split(" (")[0] in staff_roles)
                or (line.group == "werking" and line.label in operations)
                or (line.group == "acties" and line.action in NETWORK_ACTIONS))

    own = [line for line in budget.lines(plan) if belongs(line)]
    totals = network_budget.totals(plan)
    for year in years:
        income = sum(line.amounts.get(year, 0) for line in own if line.side == budget.INCOME)
        costs = sum(line.amounts.get(year, 0) for line in own if line.side == budget.COSTS)
        assert (int(totals.loc[year, "inkomsten"]), int(totals.loc[year, "uitgaven"])) == (income, costs)
        assert income == budget.to_cents(60000 + 17000 + 8000)  # the subsidy and the contributions
    assert network_budget.balanced(plan)
    assert network_budget.total_costs(plan) == sum(line.total() for line in own if line.side == budget.COSTS)
    saldo = network_budget.summary_table(plan)
    assert set(saldo["Resultaat"]) == {"in evenwicht"}
    shown = network_budget.budget_table(plan)
    assert shown.iloc[-1]["Totaal"].endswith(f"**{budget.euro(int(totals['saldo'].sum()))}**".replace(".", "\\."))
    assert [f.status for f in network_budget.findings(plan)] == ["in orde"]
    assert list(network.contacts_table(plan)["Gemeente"]) == plan.region.municipality_names


def test_demo_meets_the_decree_in_every_gemeente(demo):
    found = network.decree_findings(demo.plan)
    assert [f.status for f in found] == ["in orde"]
    table = network.decree_table(demo.plan)
    assert (table["OCMW of sociale dienst"] != "–").all()
    assert (table["Vereniging waar armen het woord nemen"] != "–").all()
    assert conformance.is_ready(conformance.review(demo))


# --- hostile and edge cases ------------------------------------------------------------------------

def test_gemeenten_without_ocmw_are_named_and_block_check(demo_params, capsys):
    edit_params(demo_params, lambda doc: stakeholder(doc, "sociale-dienst-heidekant").pop("netwerkpartner"))
    found = blocking(demo_params)
    for name in ("Heiselaar", "Steenaarde", "Hoeveldonk"):
        assert f"{name}: geen OCMW (of zijn sociale dienst) betrokken als partner van het netwerk." in \
            " ".join(found)
    assert not any(m.startswith("Kapelhoven:") for m in found)
    assert "een blok 'netwerkpartner' met Steenaarde in 'voor_gemeenten'." in " ".join(found)  # the regional one
    assert main(["check", str(demo_params)]) == 1
    out = capsys.readouterr().out
    assert "Steenaarde: geen OCMW" in out and "nog niet klaar" in out


def test_gemeenten_without_armoedevereniging_are_named(demo_params, capsys):
    edit_params(demo_params, lambda doc: stakeholder(doc, "armoedever-steenaarde").pop("netwerkpartner"))
    found = [m for m in blocking(demo_params) if "vereniging waar armen het woord nemen" in m]
    assert [m.split(":")[0] for m in found] == ["Steenaarde", "Hoeveldonk"]
    assert main(["check", str(demo_params)]) == 1
    assert "Hoeveldonk: geen vereniging waar armen het woord nemen" in capsys.readouterr().out


def test_a_regional_partner_covers_gemeenten_only_through_voor_gemeenten(demo_params):
    edit_params(demo_params, lambda doc: stakeholder(doc, "armoedever-kapelhoven")["netwerkpartner"]
                .pop("voor_gemeenten"))
    assert [m.split(":")[0] for m in blocking(demo_params) if "vereniging waar armen" in m] == ["Oostbeke", "Heiselaar"]
    # a vereniging elsewhere that explicitly covers them satisfies the condition
    edit_params(demo_params, lambda doc: stakeholder(doc, "armoedever-steenaarde")["netwerkpartner"]
                .__setitem__("voor_gemeenten", ["Steenaarde", "Hoeveldonk", "Oostbeke", "Heiselaar"]))
    assert not [m for m in blocking(demo_params) if "vereniging waar armen" in m]
    # a bovenlokaal partner without voor_gemeenten covers no gemeente at all
    edit_params(demo_params, lambda doc: stakeholder(doc, "sociale-dienst-heidekant")["netwerkpartner"]
                .pop("voor_gemeenten"))
    assert [m.split(":")[0] for m in blocking(demo_params) if "OCMW" in m] == ["Heiselaar", "Steenaarde", "Hoeveldonk"]


def test_a_poverty_partner_that_is_no_network_partner_does_not_count(demo_params):
    edit_params(demo_params, lambda doc: stakeholder(doc, "ocmw-wervelde").pop("netwerkpartner"))
    [message] = [m for m in blocking(demo_params) if "OCMW" in m]
    assert message.startswith("Wervelde:") and message.endswith(
        "Geef 'OCMW Wervelde' bij 'stakeholders' een blok 'netwerkpartner'.")  # what to do


def test_a_negative_network_year_blocks(demo_params, capsys):
    def change(doc):
        subsidy = next(line for line in doc["begroting"]["andere_inkomsten"]
                       if line["omschrijving"].startswith("Subsidie bovenlokaal netwerk"))
        subsidy["bedrag"] = 50000
    edit_params(demo_params, change)
    plan = load_plan(demo_params).plan
    assert not network_budget.balanced(plan)
    short = [m for m in blocking(demo_params) if m.startswith("6. De begroting van het netwerk sluit met een tekort")]
    assert short == ["6. De begroting van het netwerk sluit met een tekort in 2029 (€ 212,00), 2031 (€ 3.472,96); "
                     "elk jaar moet in evenwicht zijn."]
    assert "tekort" in set(network_budget.summary_table(plan)["Resultaat"])
    assert main(["check", str(demo_params)]) == 1


def test_a_lokaal_netwerk_after_2033_blocks(demo_params):
    edit_params(demo_params, lambda doc: doc["afsprakennota"]["lokale_netwerken"][0].__setitem__("integratie", 2034))
    assert any(m.startswith("Lokaal netwerk vrijetijdsparticipatie Kapelhoven integreert pas in 2034")
               for m in blocking(demo_params))


@pytest.mark.parametrize("key, value, replacement", [
    ("doelstellingen", ["sd-participatie"], "netwerk: true"),
    ("betrokkenheid_partners", "De OCMW's zijn partner.", "netwerkpartner"),
])
def test_old_afsprakennota_keys_get_a_clear_dutch_error(demo_params, key, value, replacement):
    edit_params(demo_params, lambda doc: doc["afsprakennota"].insert(1, key, value))
    expected = 1 + next(i for i, line in enumerate(demo_params.read_text(encoding="utf-8").splitlines())
                        if line.startswith(f"  {key}:"))
    with pytest.raises(ParamsError) as caught:
        load_plan(demo_params)
    [problem] = caught.value.problems
    assert problem.line == expected and problem.field == f"afsprakennota.{key}"
    assert problem.message == f"'afsprakennota.{key}' bestaat niet meer" and replacement in problem.hint


def test_unknown_references_in_the_network_are_errors(demo_params):
    def change(doc):
        stakeholder(doc, "ocmw-oostbeke")["netwerkpartner"]["overleg"].append("stuurgroepje")
        stakeholder(doc, "ocmw-oostbeke")["netwerkpartner"]["voor_gemeenten"] = ["Gent"]
    edit_params(demo_params, change)
    with pytest.raises(ParamsError) as caught:
        load_plan(demo_params)
    messages = {p.field: p.message for p in caught.value.problems}
    assert messages[next(f for f in messages if f.endswith("netwerkpartner.overleg"))] == \
        "overleg 'stuurgroepje' bestaat niet"
    assert messages[next(f for f in messages if f.endswith("voor_gemeenten"))] == "gemeente 'Gent' bestaat niet"


def test_a_region_without_afsprakennota_needs_none_of_it(demo_params):
    edit_params(demo_params, lambda doc: doc["nota"].__setitem__("afsprakennota", False))
    loaded = load_plan(demo_params)
    assert network_review.findings(loaded.plan) == [] and network_review.summary_markdown(loaded.plan) == ""
    assert not any(f.topic == network.TOPIC for f in conformance.review(loaded))

    def without(doc):  # no afsprakennota section and no network partners at all
        del doc["afsprakennota"]
        for s in doc["stakeholders"]:
            s.pop("netwerkpartner", None)
    edit_params(demo_params, without)
    loaded = load_plan(demo_params)
    assert network_review.findings(loaded.plan) == [] and conformance.is_ready(conformance.review(loaded))


def test_a_network_of_some_gemeenten_covers_only_those(demo_params):
    def change(doc):
        doc["afsprakennota"]["gemeenten"] = ["Kapelhoven", "Steenaarde"]
        stakeholder(doc, "sociale-dienst-heidekant").pop("netwerkpartner")  # Heiselaar and Hoeveldonk do not take part
    edit_params(demo_params, change)
    loaded = load_plan(demo_params)
    plan = loaded.plan
    assert network.municipalities(plan) == ["Kapelhoven", "Steenaarde"]
    assert [m.split(":")[0] for m in blocking(demo_params) if "OCMW" in m] == ["Steenaarde"]
    assert list(network.poverty_table(loaded)["Gemeente"]) == ["Kapelhoven", "Steenaarde"]  # no region row
    assert list(network.contacts_table(plan)["Gemeente"]) == ["Kapelhoven", "Steenaarde"]
    assert list(network.decree_table(plan)["Gemeente"]) == ["Kapelhoven", "Steenaarde"]
    assert "in Kapelhoven en Steenaarde." in network_review.summary_markdown(plan)


def test_network_texts_are_data_never_markup(demo_params):
    from igskit.planning.tables import markdown_table

    def change(doc):
        partner = stakeholder(doc, "ocmw-oostbeke")["netwerkpartner"]
        partner["brengt"] = "<script>x</script> | een pijp en **vet**"
        partner["engageert"] = "# geen kop\n\n- een lijstje"
        doc["afsprakennota"]["overleg"][0]["naam"] = "Overleg | `code` <b>"
        doc["afsprakennota"]["bevragingen"][0]["wie"] = "=HYPERLINK(\"x\") | wie"
    edit_params(demo_params, change)
    plan = load_plan(demo_params).plan
    for table in (network.partners_table(plan), network.meetings_table(plan), network.surveys_table(plan)):
        md = markdown_table(table)
        assert "<script>" not in md and "<b>" not in md
        header = md.splitlines()[0].count(" | ")
        assert all(line.count(" | ") == header for line in md.splitlines()[2:])  # no cell split by a '|'
    assert "**vet**" in markdown_table(network.partners_table(plan))  # the prose subset still works


# --- notebook 06, executed for real ----------------------------------------------------------------

PARTS = ["Omgevingsanalyse van armoede en drempels", "Visie op vrijetijdsparticipatie",
         "Strategische en operationele doelstellingen", "Geplande acties", "Partners en hun betrokkenheid",
         "Zakelijk deel"]
WORKING_WORDS = re.compile(r"Controle|Aandacht|Ontbreekt|params|`[a-z_]+(\.[a-z_\[\]]+)+`")


def run_06(params, tmp_path):
    out = tmp_path / "06-afsprakennota.ipynb"
    execute_step(NOTEBOOKS_DIR / "06-afsprakennota.ipynb", out, {"params_path": str(params)}, cwd=tmp_path)
    nb = nbformat.read(out, as_version=4)
    shown = []  # the markdown a reader gets, in order: markdown cells and the code cells' outputs
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            shown.append(cell.source)
        else:
            shown += [o["data"]["text/markdown"] for o in cell.get("outputs", [])
                      if "text/markdown" in o.get("data", {})]
    return shown


def headings(shown: list[str]) -> list[str]:
    return [line[2:] for md in shown for line in md.splitlines() if line.startswith("# ")]


WORKING_DIV = re.compile(re.escape(WORKING_ONLY_OPEN) + r"\n.*?\n:::(?:\n|$)", re.S)


def submitted(shown: list[str]) -> str:
    """Everything outside werkversie-only divs (what the indienversie keeps)."""
    return "\n".join(WORKING_DIV.sub("", md) for md in shown)


def working(shown: list[str]) -> str:
    """Everything inside werkversie-only divs."""
    return "\n".join(div for md in shown for div in WORKING_DIV.findall(md))


def test_notebook_06_has_the_decrees_parts_in_order_and_no_findings_for_submission(tmp_path):
    params = copy_region(DEMO, tmp_path / "params")
    shown = run_06(params, tmp_path)
    assert headings(shown) == [*PARTS, "Monitoring en reflectie", "Organisatie van de samenwerking",
                               "Planning en indienmomenten"]
    text = submitted(shown)
    assert not WORKING_WORDS.search(text), WORKING_WORDS.search(text)
    assert "| SD1-OD2 |" in text and "**Brengt:**" in text and "Netwerkoperator" in text
    assert "Subsidie bovenlokaal netwerk vrijetijdsparticipatie" in text and "1 april 2029" in text
    # the werkversie names what the demo still lacks (one Arrow Roots domain), the indienversie never
    assert "Duurzaamheid (Arrow Roots)" in working(shown) and "Arrow Roots)" not in text


def test_notebook_06_shows_a_missing_ocmw_in_the_werkversie_only(tmp_path):
    params = copy_region(DEMO, tmp_path / "params")
    edit_params(params, lambda doc: stakeholder(doc, "sociale-dienst-heidekant").pop("netwerkpartner"))
    shown = run_06(params, tmp_path)
    finding = "Steenaarde: geen OCMW (of zijn sociale dienst) betrokken als partner van het netwerk."
    assert finding in working(shown)
    assert "geen OCMW" not in submitted(shown) and not WORKING_WORDS.search(submitted(shown))


def test_notebook_06_runs_for_a_region_with_an_empty_network(tmp_path):
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")  # no partners, budget or overleg
    shown = run_06(params, tmp_path)
    assert headings(shown)[:6] == PARTS
    assert not WORKING_WORDS.search(submitted(shown))
    assert "Zuidveld: geen OCMW" in working(shown)
    assert "De begroting van het netwerk sluit met een tekort" in working(shown)
    assert "afsprakennota.drempels" in working(shown)  # a missing text says where to write it, werkversie only
