"""Editing the fields of the road to the plan without widgets: needs, partnerkaart, stappenplan,
werkgroepen, reflectiemomenten, indicators, cost roles and SD shares. Real round trips on a copy of the demo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from igskit import load_plan
from igskit.editing.document import ParamsDocument
from igskit.editing.operations import (
    AddCooperation,
    AddIndicator,
    AddMeeting,
    AddNeed,
    AddReflection,
    AddWorkingGroup,
    DeleteCooperation,
    DeleteIndicator,
    DeleteMeeting,
    DeleteNeed,
    DeleteReflection,
    DeleteWorkingGroup,
    EditCooperation,
    EditIndicator,
    EditMeeting,
    EditNeed,
    EditObjective,
    EditReflection,
    EditWorkingGroup,
    SetActionRole,
    SetCommitment,
    SetCostSplit,
    SetLegalForm,
    SetPartnerCard,
    SetRoadmapStep,
    StaleEditError,
    UpdateStakeholder,
)
from igskit.errors import IgskitError

from .test_editing import assert_comments_kept, changed_lines


def stakeholder(plan, ident):
    return next(s for s in plan.stakeholder_list if s.id == ident)


def saved(document: ParamsDocument):
    document.save()
    return load_plan(document.path).plan


# --- needs -----------------------------------------------------------------------------------------

def test_needs_round_trip_keeps_ids_and_comments(demo_params):
    before = demo_params.read_text(encoding="utf-8")
    document = ParamsDocument(demo_params)
    document.apply(EditNeed("jeugdhuis-wervelde", "nood-podiumkansen", "Podiumkansen, coaching en een zaal."))
    new = document.apply(AddNeed("jeugdhuis-wervelde", "Repetitieruimte in elke gemeente"))
    assert new == "nood-repetitieruimte-in-elke-gemeente"
    plan = saved(document)
    needs = stakeholder(plan, "jeugdhuis-wervelde").need_items
    assert [n.id for n in needs] == ["nood-podiumkansen", "nood-jongerenstem", new]
    assert needs[0].text == "Podiumkansen, coaching en een zaal."
    after = demo_params.read_text(encoding="utf-8")
    assert_comments_kept(before, after)
    # only the one text changed and one need was added: nothing else in the file moved
    assert changed_lines(before, after) == [
        "-        tekst: Podiumkansen en begeleiding voor jonge makers.",
        "+        tekst: Podiumkansen, coaching en een zaal.",
        "+      - id: nood-repetitieruimte-in-elke-gemeente", "+        tekst: Repetitieruimte in elke gemeente"]


def test_a_plain_text_need_keeps_its_id_when_a_second_one_is_added(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(EditObjective("od-drempels", {"beantwoordt_noden": ["ocmw-kapelhoven", "cc-kapelhoven"]}))
    document.apply(AddNeed("cc-kapelhoven", "Een regionale technische pool"))
    document.apply(AddNeed("cc-kapelhoven", "Een regionale technische pool"))  # same text: another id
    plan = saved(document)
    needs = stakeholder(plan, "cc-kapelhoven").need_items
    assert needs[0].id == "cc-kapelhoven" and needs[0].text.startswith("Afstemming van de programmatie")
    assert [n.id for n in needs[1:]] == ["nood-een-regionale-technische-pool", "nood-een-regionale-technische-pool-2"]


def test_deleting_a_need_takes_it_out_of_the_objectives(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(DeleteNeed("ocmw-kapelhoven", "ocmw-kapelhoven"))
    plan = saved(document)
    assert stakeholder(plan, "ocmw-kapelhoven").need_items == []
    od = plan.objectives[0].objectives[0]
    assert "ocmw-kapelhoven" not in od.answers_needs and "nood-vergoeding" in od.answers_needs


def test_an_empty_need_is_refused(demo_params):
    document = ParamsDocument(demo_params)
    with pytest.raises(IgskitError, match="tekst"):
        document.apply(AddNeed("cc-kapelhoven", "  "))
    assert not document.pending


def test_partnerkaart(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(SetPartnerCard("bib-kapelhoven", {"sterktes": "Collectie en leesclubs", "bovenlokaal": True}))
    document.apply(SetPartnerCard("cc-kapelhoven", {"grensverleggend": True, "beperkingen": ""}))
    document.apply(SetPartnerCard("jeugdhuis-wervelde", {"sterktes": "", "beperkingen": "", "bovenlokaal": None,
                                                         "grensverleggend": None, "idee": ""}))
    plan = saved(document)
    card = stakeholder(plan, "bib-kapelhoven").partner_card
    assert card.strengths == "Collectie en leesclubs" and card.supra_local is True and card.idea == ""
    cc = stakeholder(plan, "cc-kapelhoven").partner_card
    assert cc.boundary_crossing is True and cc.limitations == "" and cc.strengths.startswith("Een groot podium")
    assert stakeholder(plan, "jeugdhuis-wervelde").partner_card is None


# --- stappenplan -------------------------------------------------------------------------------------

def test_roadmap_step_commitment_and_legal_form(demo_params):
    before = demo_params.read_text(encoding="utf-8")
    document = ParamsDocument(demo_params)
    document.apply(SetRoadmapStep("communiceren", {"status": "klaar", "betrokken": ["rvb"]}))
    document.apply(SetRoadmapStep("cultuurnota", {"datum": dt.date(2026, 2, 3), "toelichting": ""}))
    document.apply(SetCommitment("Oostbeke", {"goedkeuring_cultuurnota": dt.date(2026, 2, 26),
                                              "budget_voorzien": False}))
    document.apply(SetLegalForm({"naam": "Projectvereniging Wervelland", "intern_reglement": None}))
    plan = saved(document)
    assert plan.roadmap.steps["communiceren"].status == "klaar"
    assert plan.roadmap.steps["communiceren"].with_whom == ["rvb"]
    assert plan.roadmap.steps["cultuurnota"].date == dt.date(2026, 2, 3)
    assert plan.roadmap.steps["cultuurnota"].evidence == ""
    oostbeke = next(c for c in plan.roadmap.commitments if c.municipality == "Oostbeke")
    assert oostbeke.nota_approved == dt.date(2026, 2, 26) and oostbeke.budget_provided is False
    assert plan.roadmap.legal_form.name == "Projectvereniging Wervelland"
    assert plan.roadmap.legal_form.internal_rules is None
    assert_comments_kept(before, demo_params.read_text(encoding="utf-8"))


def test_an_unknown_step_is_refused(demo_params):
    document = ParamsDocument(demo_params)
    with pytest.raises(KeyError, match="onbekende stap"):
        document.apply(SetRoadmapStep("feest", {"status": "klaar"}))


def test_cooperations_add_edit_delete(demo_params):
    document = ParamsDocument(demo_params)
    index = document.apply(AddCooperation("bibliotheekwerking", "Bibliotheeknetwerk Beekland"))
    document.apply(EditCooperation.at(document, index, gemeenten=["Kapelhoven", "Wervelde"],
                                      afspraak="Samen een regionale collectie."))
    document.apply(DeleteCooperation.at(document, 0))
    plan = saved(document)
    names = [c.name for c in plan.roadmap.cooperations]
    assert "Erfgoedcel Wervelland" not in names and names[-1] == "Bibliotheeknetwerk Beekland"
    assert plan.roadmap.cooperations[-1].spread == ["Kapelhoven", "Wervelde"]


def test_a_stale_cooperation_edit_is_refused(demo_params):
    document = ParamsDocument(demo_params)
    with pytest.raises(StaleEditError, match="heet intussen"):
        document.apply(EditCooperation(0, "Iets anders", {"afspraak": "x"}))


# --- werkgroepen and reflection ----------------------------------------------------------------------

def test_working_groups(demo_params):
    document = ParamsDocument(demo_params)
    ident = document.apply(AddWorkingGroup("Werkgroep communicatie", "prio-aanbod"))
    assert ident == "wg-werkgroep-communicatie"
    document.apply(EditWorkingGroup(ident, {"trekker": "cbc-kapelhoven", "leden": ["cc-kapelhoven", "rvb"],
                                            "voorgesteld": ["od-programmatie"]}))
    document.apply(AddMeeting(ident, dt.date(2026, 3, 1), "plannen", "Eerste samenkomst"))
    document.apply(AddMeeting(ident, dt.date(2026, 2, 1), "exploreren", "Verkenning"))  # goes first
    document.apply(EditMeeting.at(document, ident, 1, fase="strategie-ontwerpen"))
    document.apply(DeleteMeeting("wg-erfgoed", 0, "Verkenning van de routes en verhalen in het beeklandschap."))
    document.apply(DeleteWorkingGroup("wg-aanbod"))
    plan = saved(document)
    groups = {g.id: g for g in plan.working_groups}
    assert "wg-aanbod" not in groups
    new = groups[ident]
    assert new.lead == "cbc-kapelhoven" and new.members == ["cc-kapelhoven", "rvb"]
    assert [m.what for m in new.meetings] == ["Verkenning", "Eerste samenkomst"]
    assert new.meetings[1].phase == "strategie-ontwerpen"
    assert len(groups["wg-erfgoed"].meetings) == 1


def test_reflection_moments(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(AddReflection(2028, "Extra reflectie na de zomer"))
    document.apply(EditReflection.at(document, 0, met=["rvb"], datum=dt.date(2027, 11, 20)))
    document.apply(DeleteReflection(4, "Jaarlijkse reflectie in de stuurgroep en op de regiodag."))
    plan = saved(document)
    moments = plan.monitoring.reflections
    assert [m.year for m in moments] == [2027, 2028, 2028, 2029, 2031, 2032]
    assert moments[2].what == "Extra reflectie na de zomer"
    assert moments[0].with_whom == ["rvb"] and moments[0].date == dt.date(2027, 11, 20)


# --- objectives ----------------------------------------------------------------------------------------

def test_od_spread_needs_and_indicators(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(EditObjective("od-drempels", {"spreiding": ["Kapelhoven", "Wervelde"],
                                                 "beantwoordt_noden": ["nood-podiumkansen"]}))
    document.apply(EditObjective("sd-participatie", {"beantwoordt_noden": ["nood-jongerenstem"]}))
    index = document.apply(AddIndicator("a-drempelscan", "verbeterpunten opgevolgd"))
    document.apply(EditIndicator.at(document, "a-drempelscan", index, eenheid="%", nulmeting=Decimal(0),
                                    nulmeting_jaar=2026, streefwaarden={2028: 50, 2030: Decimal("80.5")},
                                    bron="jaarverslag"))
    document.apply(DeleteIndicator.at(document, "od-drempels", 0))
    plan = saved(document)
    od = plan.objectives[0].objectives[0]
    assert od.spread == ["Kapelhoven", "Wervelde"] and od.answers_needs == ["nood-podiumkansen"]
    assert od.indicators == []
    assert plan.objectives[0].answers_needs == ["nood-jongerenstem"]
    indicator = od.actions[0].indicators[-1]
    assert indicator.name == "verbeterpunten opgevolgd" and indicator.unit == "%"
    assert indicator.targets == {2028: Decimal(50), 2030: Decimal("80.5")} and indicator.baseline_year == 2026


def test_a_plain_text_indicator_becomes_a_mapping(demo_params):
    from .conftest import edit_params

    edit_params(demo_params, lambda doc: doc["doelstellingen"][0]["ods"][0]["acties"][0].__setitem__(
        "indicatoren", ["aantal scans"]))
    document = ParamsDocument(demo_params)
    document.apply(EditIndicator.at(document, "a-drempelscan", 0, eenheid="scans"))
    plan = saved(document)
    assert plan.objectives[0].objectives[0].actions[0].indicators[0].unit == "scans"


# --- budget ------------------------------------------------------------------------------------------

def test_cost_roles_and_shares(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(SetCostSplit.at(document, "personeel", 1, allocation={"sd-participatie": Decimal("0.5"),
                                                                         "sd-cocreatie": Decimal("0.5")}))
    document.apply(SetCostSplit.at(document, "werking", 0, role="actorrol",
                                   allocation={"sd-aanbod": Decimal("0.25"), "sd-netwerk": Decimal("0.75")}))
    document.apply(SetCostSplit.at(document, "werking", 3, allocation={}))
    document.apply(SetActionRole("a-drempelscan", "actorrol"))
    plan = saved(document)
    assert plan.budget.staff[1].allocation == {"sd-participatie": Decimal("0.5"), "sd-cocreatie": Decimal("0.5")}
    assert plan.budget.operations[0].cost_role == "actorrol"
    assert plan.budget.operations[0].allocation == {"sd-aanbod": Decimal("0.25"), "sd-netwerk": Decimal("0.75")}
    assert plan.budget.operations[3].allocation == {}
    assert plan.budget.actions[0].cost_role == "actorrol"


def test_a_broken_sum_of_shares_is_refused_and_nothing_changes(demo_params):
    document = ParamsDocument(demo_params)
    before = document.dumps()
    with pytest.raises(IgskitError, match="tellen op tot 90 %, niet tot 100 %"):
        document.apply(SetCostSplit.at(document, "personeel", 0, allocation={"sd-participatie": Decimal("0.4"),
                                                                             "sd-aanbod": Decimal("0.5")}))
    assert document.dumps() == before and not document.pending


def test_pending_process_edits_replay_on_a_changed_file(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(AddNeed("rvb", "Tijdig de ontwerpnota"))
    document.apply(SetRoadmapStep("indienen", {"status": "bezig"}))
    pending = list(document.pending)
    other = ParamsDocument(demo_params)
    other.apply(UpdateStakeholder("cc-kapelhoven", {"naam": "CC De Spil"}))
    other.save()
    fresh = ParamsDocument(demo_params)
    fresh.replay(pending)
    plan = saved(fresh)
    assert stakeholder(plan, "cc-kapelhoven").name == "CC De Spil"
    assert [n.id for n in stakeholder(plan, "rvb").need_items][-1] == "nood-tijdig-de-ontwerpnota"
    assert plan.roadmap.steps["indienen"].status == "bezig"


# --- the change report ------------------------------------------------------------------------------

def test_the_change_report_names_what_the_editors_changed(demo_params):
    from igskit.run import changes

    old = load_plan(demo_params)
    document = ParamsDocument(demo_params)
    document.apply(SetRoadmapStep("cultuurnota", {"status": "klaar"}))
    document.apply(SetCommitment("Oostbeke", {"goedkeuring_cultuurnota": dt.date(2026, 2, 26)}))
    document.apply(SetLegalForm({"vorm": "dienstverlenende-vereniging"}))
    document.apply(EditWorkingGroup("wg-aanbod", {"trekker": "cc-kapelhoven", "voorgesteld": ["od-programmatie",
                                                                                               "od-drempels"]}))
    document.apply(AddNeed("cc-kapelhoven", "Een technische pool"))
    document.apply(EditNeed("jeugdhuis-wervelde", "nood-jongerenstem", "Mee programmeren."))
    document.apply(SetPartnerCard("cc-kapelhoven", {"bovenlokaal": False, "idee": "Samen op tournee."}))
    document.apply(SetPartnerCard("bib-kapelhoven", {"sterktes": "Collecties"}))
    document.apply(EditIndicator.at(document, "od-drempels", 0, streefwaarden={2028: 10, 2030: 20, 2032: 20}))
    document.apply(AddIndicator("a-drempelscan", "verbeterpunten opgevolgd"))
    document.apply(AddReflection(2030, "Extra reflectie"))
    document.apply(SetCostSplit.at(document, "personeel", 1, role="actorrol",
                                   allocation={"sd-participatie": Decimal("1")}))
    document.apply(SetActionRole("a-drempelscan", "actorrol"))
    saved(document)
    new = load_plan(demo_params)
    found = {(c.section, c.text) for c in changes.all_changes(old.plan, new.plan)}
    for expected in [
        ("Stappenplan", "stap 8 «Maak werk van een cultuurnota»: bezig → klaar"),
        ("Stappenplan", "Oostbeke: cultuurnota goedgekeurd — → 26 februari 2026"),
        ("Stappenplan", "juridische vorm: projectvereniging → dienstverlenende vereniging"),
        ("Werkgroepen", "«Werkgroep afgestemd aanbod»: trekker An Claeys, cultuurbeleidscoördinator Kapelhoven → "
                        "Cultuurcentrum De Spil, Kapelhoven"),
        ("Werkgroepen", "«Werkgroep afgestemd aanbod»: voorgesteld + SD1-OD1, − SD2-OD2"),
        ("Noden", "nieuw bij Cultuurcentrum De Spil, Kapelhoven: «Een technische pool»"),
        ("Noden", "herschreven bij Jeugdhuis De Kelder, Wervelde: «Een stem in wat er in de cultuurhuizen "
                  "geprogrammeerd wordt.» wordt «Mee programmeren.»"),
        ("Partnerkaarten", "Cultuurcentrum De Spil, Kapelhoven: idee herschreven; bovenlokaal ja → nee"),
        ("Partnerkaarten", "nieuwe partnerkaart: Bibliotheek Kapelhoven"),
        ("Monitoring", "SD1-OD1 «aandeel inwoners met recht op verhoogde tegemoetkoming dat een kansentarief "
                       "gebruikt»: streefwaarden 2030 15 → 20"),
        ("Monitoring", "SD1-OD1-A1: indicator nieuw «verbeterpunten opgevolgd»"),
        ("Monitoring", "7 reflectiemomenten (was 6)"),
        ("Kostenverdeling", "Personeel «Medewerker vrijetijdsparticipatie»: regierol → actorrol"),
        ("Kostenverdeling", "Personeel «Medewerker vrijetijdsparticipatie»: verdeling SD1 70 %, SD3 30 % → "
                            "SD1 100 %"),
        ("Kostenverdeling", "actie SD1-OD1-A1: regierol → actorrol"),
    ]:
        assert expected in found, expected
    report = changes.report_markdown(old, new, "v1", "v2")
    assert "## Partnerkaarten" in report and "## Kostenverdeling" in report
