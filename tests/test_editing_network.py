"""Editing the network vrijetijdsparticipatie (issue 16): real round trips on a copy of the demo, through the
operations and through the editors driven as a user would."""

from __future__ import annotations

import datetime as dt

import pytest

from igskit import load_plan
from igskit.editing import widgets as ed
from igskit.editing.document import ParamsDocument
from igskit.editing.operations import (
    AddAgreementEntry,
    AddMeetingStructure,
    DeleteAgreementEntry,
    DeleteMeetingStructure,
    DeleteWorkingGroup,
    EditAgreementEntry,
    EditMeetingStructure,
    SetAgreementMunicipalities,
    SetAmountLine,
    SetNetworkPartner,
    SetText,
)
from igskit.errors import IgskitError

from .test_editing import assert_comments_kept


def partner(plan, ident):
    return next(s for s in plan.stakeholder_list if s.id == ident).network_partner


def saved(document: ParamsDocument):
    document.save()
    return load_plan(document.path).plan


def test_network_partner_block(demo_params):
    before = demo_params.read_text(encoding="utf-8")
    document = ParamsDocument(demo_params)
    document.apply(SetNetworkPartner("bib-kapelhoven", {}))  # becomes a partner
    document.apply(SetNetworkPartner("bib-kapelhoven", {"brengt": "Een leesclub in eenvoudige taal",
                                                        "rollen": ["operator"], "overleg": ["netwerkoverleg"],
                                                        "voor_gemeenten": ["Kapelhoven", "Wervelde"]}))
    document.apply(SetNetworkPartner("rvb-voorzitter", partner=False))  # no longer a partner
    plan = saved(document)
    card = partner(plan, "bib-kapelhoven")
    assert card.brings == "Een leesclub in eenvoudige taal" and card.roles == ["operator"]
    assert card.meetings == ["netwerkoverleg"] and card.covers == ["Kapelhoven", "Wervelde"]
    assert partner(plan, "rvb-voorzitter") is None
    assert_comments_kept(before, demo_params.read_text(encoding="utf-8"))


def test_deleting_an_overleg_or_a_working_group_takes_it_out_of_the_partners(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(DeleteMeetingStructure("kerngroep"))
    document.apply(DeleteWorkingGroup("wg-toegankelijk"))
    plan = saved(document)  # a reference to nothing would be refused here
    assert [m.id for m in plan.agreement.meetings] == ["netwerkoverleg"]
    assert partner(plan, "igs-medewerker-vtp").meetings == ["netwerkoverleg"]


def test_overleg_bevragingen_lokale_netwerken_and_arrow_roots(demo_params):
    document = ParamsDocument(demo_params)
    ident = document.apply(AddMeetingStructure("Klankbordgroep ervaringsdeskundigen"))
    assert ident == "klankbordgroep-ervaringsdeskundigen"
    document.apply(EditMeetingStructure(ident, {"frequentie": "twee keer per jaar"}))
    index = document.apply(AddAgreementEntry("bevragingen", {"wie": "Jongeren van De Kelder", "hoe": "workshop"}))
    document.apply(EditAgreementEntry.at(document, "bevragingen", index, datum=dt.date(2026, 5, 1),
                                         gemeenten=["Wervelde"], wat="Ze willen **mee** programmeren."))
    document.apply(DeleteAgreementEntry.at(document, "bevragingen", 0))
    document.apply(AddAgreementEntry("lokale_netwerken", {"naam": "Lokaal netwerk Wervelde", "gemeente": "Wervelde",
                                                          "integratie": 2028}))
    document.apply(SetText(("afsprakennota", "samenwerking", "duurzaamheid"), "Vastgelegd in de statuten."))
    document.apply(SetAgreementMunicipalities(["Kapelhoven", "Wervelde", "Oostbeke", "Heiselaar", "Broekzele",
                                               "Steenaarde", "Hoeveldonk"]))
    plan = saved(document)
    agreement = plan.agreement
    assert agreement.meetings[-1].frequency == "twee keer per jaar"
    survey = agreement.surveys[-1]
    assert (survey.who, survey.how, survey.date, survey.municipalities) == (
        "Jongeren van De Kelder", "workshop", dt.date(2026, 5, 1), ["Wervelde"])
    assert agreement.local_networks[-1].integration == 2028
    assert agreement.cooperation.sustainability == "Vastgelegd in de statuten."
    assert len(agreement.municipalities) == 7


def test_a_survey_without_how_is_refused(demo_params):
    document = ParamsDocument(demo_params)
    with pytest.raises(IgskitError, match="'hoe' nodig"):
        document.apply(AddAgreementEntry("bevragingen", {"wie": "Iemand"}))
    assert not document.pending


def test_a_budget_line_joins_or_leaves_the_network(demo_params):
    document = ParamsDocument(demo_params)
    document.apply(SetAmountLine.at(document, "werking", 0, network=True))
    last = len(document.amount_lines("andere_inkomsten")) - 1
    document.apply(SetAmountLine.at(document, "andere_inkomsten", last, network=False))
    plan = saved(document)
    assert plan.budget.operations[0].network is True
    assert plan.budget.other_income[-1].network is False
    assert "netwerk: false" not in demo_params.read_text(encoding="utf-8")


# --- the editors --------------------------------------------------------------------------------------------

def test_objectives_and_budget_editors_mark_the_network(demo_params):
    objectives = ed.objectives_editor(demo_params, show=False)
    objectives.tree.value = "a-drempelscan"  # its OD belongs to the network: inherited, shown, not editable here
    assert objectives.network.disabled and objectives.network.description.endswith("(via SD1-OD1)")
    objectives.lead.value = "cc-kapelhoven"
    objectives.indicators.rows[0]["soort"].value = "drempels"
    objectives.tree.value = "a-regiowebsite"
    assert not objectives.network.disabled and not objectives.network.value
    objectives.network.value = True
    objectives.save_button.click()
    assert objectives.message.startswith("Opgeslagen"), objectives.message
    budget = ed.budget_editor(demo_params, show=False)
    budget.lines["werking"][0].network.value = True
    budget.staff[0]["netwerk"].value = True
    budget.save_button.click()
    assert budget.message.startswith("Opgeslagen"), budget.message
    plan = load_plan(demo_params).plan
    action = plan.objectives[0].objectives[0].actions[0]
    assert action.lead == "cc-kapelhoven" and action.indicators[0].kind == "drempels"
    website = next(a for sd in plan.objectives for od in sd.objectives for a in od.actions if a.id == "a-regiowebsite")
    assert website.network is True
    assert plan.budget.operations[0].network and plan.budget.staff[0].network


def test_the_stakeholder_editor_makes_a_network_partner(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.detail_select.value = "bib-kapelhoven"
    form = editor.network_partner
    assert not form.member.value and form.fields == {}
    form.member.value = True
    form.fields["brengt"].value = "Leesclubs in eenvoudige taal"
    form.fields["rollen"].toggle("promotor")
    form.fields["overleg"].value = [editor.network_partner.fields["overleg"].allowed_tags[0]]
    form.fields["alle"].value = True
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    card = partner(load_plan(demo_params).plan, "bib-kapelhoven")
    assert card.brings == "Leesclubs in eenvoudige taal" and card.roles == ["promotor"]
    assert card.meetings == ["netwerkoverleg"] and card.covers == "alle gemeenten"


def test_the_agreement_editor(demo_params):
    editor = ed.agreement_editor(demo_params, show=False)
    editor.all_places.value = False
    editor.chosen_places.value = ["Kapelhoven", "Wervelde"]
    editor.new_meeting.value = "Kerngroep armoede"
    editor.add_meeting_button.click()
    editor.meetings["kerngroep-armoede"]["frequentie"].value = "maandelijks"
    editor.surveys[0]["wat"].value = "Ze vertelden over vervoer."
    editor.domains["duurzaamheid"].value = "Vastgelegd in de statuten."
    editor.new_local.value = "Lokaal netwerk Oostbeke"
    editor.new_local_place.value = "Oostbeke"
    editor.add_local_button.click()
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    agreement = load_plan(demo_params).plan.agreement
    assert agreement.municipalities == ["Kapelhoven", "Wervelde"]
    assert agreement.meetings[-1].frequency == "maandelijks"
    assert agreement.surveys[0].what == "Ze vertelden over vervoer."
    assert agreement.cooperation.sustainability == "Vastgelegd in de statuten."
    assert (agreement.local_networks[-1].name, agreement.local_networks[-1].integration) == (
        "Lokaal netwerk Oostbeke", 2033)


def test_the_planner_shows_the_network_under_the_nota_tab(demo_params, tmp_path):
    from igskit.editing.planner import Planner

    planner = Planner(demo_params.parent, outputs=tmp_path / "outputs")
    planner.tabs.selected_index = 4
    agreement = planner.tab_views[8]
    assert agreement in planner.tabs.children[4].children
    agreement.domains["duurzaamheid"].value = "In de statuten."
    planner.bar.save_button.click()
    assert load_plan(demo_params).plan.agreement.cooperation.sustainability == "In de statuten."


def test_an_overleg_changed_on_both_sides_asks(demo_params):
    from igskit.editing.session import EditSession

    from .conftest import edit_params

    session = EditSession(demo_params)
    session.apply(EditMeetingStructure("kerngroep", {"frequentie": "om de twee weken"}))
    session.apply(SetAmountLine.at(session.document, "werking", 0, network=True))
    edit_params(demo_params, lambda doc: doc["afsprakennota"]["overleg"][1].__setitem__("frequentie", "wekelijks"))
    outcome = session.save()
    assert [c.what for c in outcome.conflicts] == ["Afsprakennota › Overleg › kerngroep"]
    assert session.resolve({0: False}).saved
    plan = load_plan(demo_params).plan
    assert plan.agreement.meetings[1].frequency == "wekelijks" and plan.budget.operations[0].network
