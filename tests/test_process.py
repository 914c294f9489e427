"""The road to the plan: stappenplan, working groups, partnerkaarten, needs, monitoring, spreiding per
OD, and costs by SD and by role; checked on the model and on the executed notebooks of one real run."""

from __future__ import annotations

import copy
import datetime as dt
import random
import subprocess
import sys
from decimal import Decimal

import nbformat
import pytest

from igskit import load_plan
from igskit.errors import ParamsError
from igskit.params.schema import Plan
from igskit.paths import PARAMS_DIR
from igskit.planning import allocation, budget, monitoring, objectives, partners, process
from igskit.planning.display import WORKING_ONLY_OPEN
from igskit.run import pipeline

from .conftest import copy_region, edit_params


@pytest.fixture(scope="module")
def demo():
    return load_plan(PARAMS_DIR / "voorbeeldregio.yml")


def changed(loaded, change) -> Plan:
    raw = copy.deepcopy(loaded.raw)
    change(raw)
    return Plan.model_validate(raw)


def od(raw, ident):
    return next(o for sd in raw["doelstellingen"] for o in sd["ods"] if o["id"] == ident)


# --- findings ------------------------------------------------------------------------------------

def test_a_priority_without_working_group_is_a_finding(demo):
    assert not [f for f in process.working_group_checks(demo.plan) if not f.ok]
    plan = changed(demo, lambda raw: raw["werkgroepen"].pop(0))  # wg-toegankelijk
    found = [f for f in process.working_group_checks(plan) if not f.ok]
    assert len(found) == 1 and "Cultuur voor iedereen" in found[0].message and found[0].key == "werkgroepen"


def test_a_need_no_objective_answers_is_a_finding(demo):
    assert not [f for f in monitoring.needs_checks(demo.plan) if not f.ok]
    plan = changed(demo, lambda raw: od(raw, "od-taal").pop("beantwoordt_noden"))
    found = [f for f in monitoring.needs_checks(plan) if not f.ok]
    assert {f.key.split("(")[-1].rstrip(")") for f in found} == {"bib-oostbeke", "gemeenschap-wervelde"}
    table = monitoring.needs_table(plan)
    assert (table["Beantwoord door"] == "nog door geen doelstelling").sum() == 2


def test_a_step_overdue_against_a_given_date_is_a_finding(demo):
    plan = demo.plan
    before = process.roadmap_checks(plan, today=dt.date(2026, 1, 10))
    assert [f.status for f in before] == ["in orde"]
    after = process.roadmap_checks(plan, today=dt.date(2026, 4, 2))
    late = {f.key for f in after if f.status == "aandacht"}
    assert late == {"stappenplan.stappen.cultuurnota", "stappenplan.stappen.communiceren",
                    "stappenplan.stappen.indienen"}
    # a planned date that passed makes a step late before its deadline does
    plan = changed(demo, lambda raw: raw["stappenplan"]["stappen"]["cultuurnota"].update(datum="2026-01-05"))
    assert [f.key for f in process.roadmap_checks(plan, today=dt.date(2026, 1, 10)) if not f.ok] == \
        ["stappenplan.stappen.cultuurnota"]


def test_next_step_and_checklist(demo):
    state = process.next_step(demo.plan, today=dt.date(2026, 1, 10))
    assert (state.number, state.key, state.late) == (8, "cultuurnota", False)
    text = process.checklist_markdown(demo.plan, today=dt.date(2026, 4, 2))
    assert text.count("- [x]") == 7 and text.count("- [ ]") == 4
    assert text.count("**te laat**") == 3 and "1 april 2026" in text and "30 oktober 2026" in text
    assert "1 april 2029" in text


def test_a_step_marked_done_without_its_evidence_is_a_finding(demo):
    def drop(raw):
        raw["stappenplan"]["gemeenten"].pop()  # Hoeveldonk
        raw["stappenplan"]["juridische_vorm"].pop("intern_reglement")
    found = {f.message for f in process.roadmap_checks(changed(demo, drop), today=dt.date(2026, 1, 10))}
    assert any("engagementsverklaring ontbreekt voor Hoeveldonk" in m for m in found)
    assert any("intern reglement" in m for m in found)
    assert any("Stap 7" in m and "Hoeveldonk" in m for m in found)


def test_a_year_without_reflection_is_a_finding(demo):
    plan = changed(demo, lambda raw: raw["monitoring"]["reflectiemomenten"].pop(2))  # 2029
    messages = [f.message for f in monitoring.monitoring_checks(plan) if f.topic == "Monitoring" and not f.ok]
    assert any("Geen reflectiemoment gepland in 2029" in m for m in messages)


# --- budget by SD and role ------------------------------------------------------------------------

def test_cost_per_sd_with_allocated_staff_adds_up_to_the_total_exactly(demo):
    plan = demo.plan
    frame = allocation.cost_by_sd(plan)
    totals = budget.totals(plan)
    for year in plan.region.period.years:
        assert int(frame[str(year)].sum()) == int(totals.loc[year, "uitgaven"])
    assert int(frame["Totaal"].sum()) == budget.grand_total_costs(plan)
    general = int(frame["Totaal"].iloc[-1])
    assert general < budget.grand_total_costs(plan) * 0.1  # staff is allocated, not "niet toegewezen"
    roles = allocation.role_by_year(plan)
    assert int(roles["Totaal"].iloc[-1]) == budget.grand_total_costs(plan)
    assert int(roles["Totaal"].iloc[1]) > 0  # actorrol lines exist


def test_cost_per_sd_is_exact_with_awkward_shares_and_everything_allocated(demo):
    def thirds(raw):
        b = raw["begroting"]
        b["personeel"][0]["verdeling"] = {"sd-participatie": 0.3333, "sd-aanbod": 0.3333, "sd-cocreatie": 0.3334}
        b["personeel"][0]["kost_per_vte"] = 71999.99
        for line in b["werking"]:
            line["verdeling"] = {"sd-netwerk": 0.7, "sd-aanbod": 0.3}
    plan = changed(demo, thirds)
    frame = allocation.cost_by_sd(plan)
    assert int(frame["Totaal"].iloc[-1]) == 0  # nothing left unallocated
    assert int(frame["Totaal"].iloc[:-1].sum()) == budget.grand_total_costs(plan)
    again = allocation.cost_by_sd(plan)
    assert frame.equals(again)  # deterministic


def test_distribute_always_returns_exact_cents():
    rng = random.Random(17)
    order = ["a", "b", "c", "d"]
    for _ in range(500):
        raw = [rng.randint(1, 9999) for _ in order]
        shares = {k: Decimal(v) / sum(raw) for k, v in zip(order, raw)}
        shares["d"] += 1 - sum(shares.values())
        cents = rng.randint(0, 10_000_000)
        parts = allocation.distribute(cents, shares, order)
        assert sum(parts.values()) == cents
        assert all(abs(parts[k] - cents * shares[k]) < 1 for k in order)
    assert allocation.distribute(100, {"a": Decimal("0.5"), "b": Decimal("0.5")}, ["b", "a"]) == {"a": 50, "b": 50}
    assert allocation.distribute(1, {"a": Decimal("0.5"), "b": Decimal("0.5")}, ["b", "a"]) == {"a": 0, "b": 1}


def test_shares_that_do_not_sum_to_one_are_a_validation_error(demo_params):
    def bad(doc):
        doc["begroting"]["personeel"][0]["verdeling"]["sd-netwerk"] = 0.3
    edit_params(demo_params, bad)
    with pytest.raises(ParamsError) as info:
        load_plan(demo_params)
    text = str(info.value)
    assert "begroting.personeel[1].verdeling" in text and "tellen op tot 0,95" in text


def test_misspelt_gemeenten_and_priorities_in_the_new_sections_are_errors(demo_params):
    def bad(doc):
        doc["stappenplan"]["gemeenten"][0]["gemeente"] = "Kapelhovn"
        doc["werkgroepen"][0]["prioriteit"] = "prio-onbekend"
    edit_params(demo_params, bad)
    with pytest.raises(ParamsError) as info:
        load_plan(demo_params)
    fields = {p.field for p in info.value.problems}
    assert fields == {"stappenplan.gemeenten[1].gemeente", "werkgroepen[1].prioriteit"}


def test_ids_that_point_nowhere_are_findings_so_deleting_elsewhere_keeps_the_file_valid(demo_params):
    def dangling(doc):
        doc["werkgroepen"][0]["leden"].append("onbekende-partner")
        doc["begroting"]["personeel"][1]["verdeling"] = {"sd-bestaat-niet": 1}
        doc["doelstellingen"][0]["ods"][0]["beantwoordt_noden"].append("nood-weg")
        doc["werkgroepen"][1]["voorgesteld"].append("od-weg")
    edit_params(demo_params, dangling)
    plan = load_plan(demo_params).plan
    messages = " ".join(f.message for f in process.reference_checks(plan))
    for needle in ("onbekende-partner", "sd-bestaat-niet", "nood-weg", "od-weg"):
        assert needle in messages
    frame = allocation.cost_by_sd(plan)  # the orphaned share counts as not allocated, totals still exact
    assert int(frame["Totaal"].sum()) == budget.grand_total_costs(plan)


# --- spreiding -----------------------------------------------------------------------------------

def test_an_action_inherits_its_ods_spreiding(demo):
    plan = demo.plan
    action = objectives.find_objective(plan, "a-verhalenkaravaan")
    assert action.spread is None
    assert objectives.reached(plan, action) == ["Kapelhoven", "Wervelde", "Oostbeke", "Heiselaar"]
    # an action outside its OD's spreiding is pointed out
    plan2 = changed(demo, lambda raw: od(raw, "od-taal")["acties"][1].update(spreiding=["Hoeveldonk"]))
    assert any("buiten de spreiding" in f.message for f in objectives.checks(plan2))


def test_coverage_separates_actions_everywhere_from_actions_in_specific_gemeenten(demo):
    plan = demo.plan
    table = objectives.coverage_table(plan).set_index("Gemeente")
    everywhere = sum(1 for _s, o, a in objectives.iter_actions(plan)
                     if objectives.effective_spread(a, o) == "alle gemeenten")
    assert set(table["Alle gemeenten"]) == {everywhere}
    # Hoeveldonk: cultuurbus, coproducties, verhalenroutes, cultuur in de buurt
    assert table.loc["Hoeveldonk", "Specifiek"] == 4
    assert (table["Totaal"] == table["Specifiek"] + table["Alle gemeenten"]).all()
    assert "lopen er" in objectives.coverage_text(plan)


# --- partnerkaarten and vocabulary ---------------------------------------------------------------

def test_partnerkaarten_show_the_partnerships_that_grew(demo):
    shown = partners.cards(demo.plan)
    assert shown[0].municipality == "Kapelhoven"  # start from the gemeente of the own werking
    table = partners.cards_table(demo.plan)
    row = table.set_index("Partner").loc["Fablab De Werkbank, Oostbeke (creatieve economie, Oostbeke): grensverleggend"]
    assert "SD2-OD2-A2" in row["Samenwerking"]
    assert "(cultuurhuizen, Kapelhoven): bovenlokaal" in table["Partner"].iloc[0]


def test_inspiration_sectors_are_valid_subsectors_and_old_values_stay_valid(demo):
    from igskit.params import vocabulary as voc

    for sub in ("circus",):
        assert sub in voc.SUBSECTORS["cultureel"]
    for sub in ("gezondheidszorg", "milieu", "mobiliteit", "duurzaamheid", "lokale economie", "tewerkstelling"):
        assert sub in voc.SUBSECTORS["maatschappelijk"]
    for key, subs in voc.CORE_SUBSECTORS.items():
        assert set(subs) <= set(voc.SUBSECTORS[key])


def test_the_older_forms_still_load():
    small = load_plan(PARAMS_DIR.parent / "tests" / "fixtures" / "kleineregio.yml").plan
    assert small.roadmap.steps == {} and small.working_groups == []
    text_needs = [s for s in small.stakeholder_list if isinstance(s.needs, str) and s.needs]
    assert all(s.need_items[0].id == s.id for s in text_needs)


def test_check_names_the_next_step():
    result = subprocess.run([sys.executable, "-m", "igskit.cli", "check", str(PARAMS_DIR / "voorbeeldregio.yml")],
                            capture_output=True, text=True)
    assert "Volgende stap in het stappenplan: Stap 8: Maak werk van een cultuurnota" in result.stdout


# --- one real run ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    root = tmp_path_factory.mktemp("proces")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    result = pipeline.run(params, outputs=root / "outputs", progress=pipeline.Progress(write=lambda _l: None))
    notebooks = {}
    for name in ("01-stakeholders", "03-doelstellingen", "04-begroting", "05-nota"):
        nb = nbformat.read(result.version.path / f"{name}.ipynb", as_version=4)
        notebooks[name] = [out["data"]["text/markdown"] for cell in nb.cells if cell.cell_type == "code"
                           for out in cell.get("outputs", []) if "text/markdown" in out.get("data", {})]
    return notebooks


def test_the_werkversie_holds_the_eleven_step_tracker(executed):
    tracker = [md for md in executed["05-nota"] if "Stappenplan (werkversie)" in md]
    assert len(tracker) == 1
    md = tracker[0]
    assert md.startswith(WORKING_ONLY_OPEN) and md.rstrip().endswith(":::")
    for number in range(1, 12):
        assert f"**Stap {number}. " in md
    assert md.count("- [x]") == 7 and "Volgende stap" in md


def test_the_nota_shows_the_planning_process_and_needs(executed):
    outputs = "\n".join(executed["05-nota"])
    assert "Maak afspraken" in outputs and "Projectvereniging" in outputs and "Erfgoedcel Wervelland" in outputs
    needs = [md for md in executed["05-nota"] if "| Beantwoord door |" in md]
    assert needs and "SD1-OD2" in needs[0] and not needs[0].startswith(WORKING_ONLY_OPEN)
    assert "**Doelgroepen, gebruikers en gemeenschappen uit de regio**" in needs[0]  # grouped
    # the afsprakennota is its own document: the nota has its short summary only
    assert "## Afsprakennota vrijetijdsparticipatie" in outputs and "afsprakennota.pdf" in outputs
    assert "Monitoring van het netwerk" not in outputs


def test_the_nota_shows_working_groups_monitoring_and_partnerkaarten(executed):
    doel = "\n".join(executed["03-doelstellingen"])
    assert "### Cultuur voor iedereen" in doel and "**Werkgroep cultuur voor iedereen**" in doel
    assert "Strategie ontwerpen" in doel
    assert "| Nulmeting | Streefwaarden | Bron |" in doel and "2028: 700" in doel
    assert "| Jaar | Datum | Wat | Met wie |" in doel
    assert "| Specifiek | Alle gemeenten | Totaal |" in doel
    stake = "\n".join(executed["01-stakeholders"])
    assert "| Partner | Sterktes | Beperkingen | Idee | Samenwerking |" in stake
    begroting = "\n".join(executed["04-begroting"])
    assert "Regierol (wat het IGS zelf doet)" in begroting and "Actorrol" in begroting


def test_change_report_names_step_status_and_working_group_changes(demo):
    from igskit.run.process_changes import process_changes

    def later(raw):
        raw["stappenplan"]["stappen"]["cultuurnota"]["status"] = "klaar"
        raw["werkgroepen"][1]["leden"].append("fablab-oostbeke")
        raw["werkgroepen"].pop(3)
    found = [c.text for c in process_changes(demo.plan, changed(demo, later))]
    assert "stap 8 «Maak werk van een cultuurnota»: bezig → klaar" in found
    assert "weggehaald: «Werkgroep erfgoed en landschap»" in found
    assert "«Werkgroep afgestemd aanbod»: 1 lid/leden erbij, 0 weg" in found


def test_a_stakeholder_list_in_csv_carries_partnerkaart_and_needs(small_params):
    from igskit.params.reading import read_document, to_plain

    csv = small_params.parent / "stakeholders.csv"
    header = "id;naam;categorie;subsector;gemeente;betrokkenheid;noden;sterktes;bovenlokaal;grensverleggend;idee\n"
    kept = "".join(f"{s['id']};{s['naam']};{s['categorie']};{s.get('subsector', '')};{s.get('gemeente', '')};"
                   f"{s['betrokkenheid']};;;;;\n" for s in to_plain(read_document(small_params))["stakeholders"])
    csv.write_text(header + kept + "circus-x;Circusatelier X;cultureel;circus;Zuidveld;potentiele-partner;"
                   "Een oefenzaal;Jonge artiesten;nee;ja;Circus op het plein\n", encoding="utf-8")
    edit_params(small_params, lambda d: d.__setitem__("stakeholders", {"bestand": "stakeholders.csv"}))
    plan = load_plan(small_params).plan
    person = next(s for s in plan.stakeholder_list if s.id == "circus-x")
    assert person.partner_card.boundary_crossing is True and person.partner_card.supra_local is False
    assert person.need_items[0].id == "circus-x" and person.partner_card.idea == "Circus op het plein"


def test_change_report_names_a_changed_od_spreiding(demo):
    from igskit.run import changes

    new = changed(demo, lambda raw: od(raw, "od-taal").update(spreiding=["Kapelhoven", "Oostbeke"]))
    texts = [c.text for c in changes.objective_changes(demo.plan, new)]
    assert "SD1-OD3 spreiding: Kapelhoven, Wervelde, Oostbeke, Heiselaar → Kapelhoven, Oostbeke" in texts
