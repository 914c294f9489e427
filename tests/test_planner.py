"""The planner's model, driven as the browser would drive it (no browser): one session, every tab."""

from __future__ import annotations

import pytest

from igskit import load_plan
from igskit.editing.planner import Planner

from .conftest import edit_params


@pytest.fixture
def planner(demo_params, tmp_path):
    return Planner(demo_params.parent, outputs=tmp_path / "outputs")


def test_opens_the_region_with_one_tab_per_step(planner, demo_params):
    assert [planner.tabs.get_title(i) for i in range(6)] == [
        "Stakeholders", "Omgevingsanalyse & SWOT", "Visie & doelstellingen", "Begroting", "Nota & afsprakennota",
        "Stappenplan & werkgroepen"]
    assert planner.session.path == demo_params.resolve()
    assert "Alles is opgeslagen" in planner.bar.count.value
    grid_tab = planner.tab_views[0]
    assert len(grid_tab.frame) == len(load_plan(demo_params).plan.stakeholder_list)


def test_edits_in_several_tabs_are_one_save_without_conflict(planner, demo_params):
    stakeholders, _swot, texts, _objectives, budget, nota, *_process = planner.tab_views
    stakeholders._cell_changed({"row": 0, "column": "naam", "value": "Sofie Verhaegen (coördinator)"})
    texts.fields[("visie", "tekst")].value = "Een visie uit de planner."
    budget.lines["werking"][0].amount.text.value = "9.000,50"
    nota.fields[("nota", "teksten", "notendop")].value = "Samenvatting uit de planner."
    assert "4 niet-opgeslagen wijzigingen" in planner.bar.count.value
    planner.bar.save_button.click()
    plan = load_plan(demo_params).plan
    assert plan.stakeholder_list[0].name == "Sofie Verhaegen (coördinator)"
    assert plan.vision.text == "Een visie uit de planner."
    assert str(plan.budget.operations[0].amount) in ("9000.5", "9000.50")
    assert plan.nota.texts.summary == "Samenvatting uit de planner."
    assert "Alles is opgeslagen" in planner.bar.count.value


def test_adding_a_stakeholder_appends_one_row(planner, demo_params):
    tab = planner.tab_views[0]
    before = len(tab.frame)
    tab.new_name.value = "Circusatelier De Koord"
    tab.new_category.value = "cultureel"
    tab.add_button.click()
    assert len(tab.frame) == before + 1 and len(tab.grid.data) == before + 1
    planner.bar.save_button.click()
    names = [s.name for s in load_plan(demo_params).plan.stakeholder_list]
    assert "Circusatelier De Koord" in names


def test_a_wrong_value_in_the_grid_is_refused_in_the_screens_words(planner):
    tab = planner.tab_views[0]
    name = tab.frame.iloc[2]["naam"]
    tab._cell_changed({"row": 2, "column": "categorie", "value": "iets anders"})
    assert f"Stakeholders › {name} › categorie" in planner.bar.status.value
    assert planner.session.unsaved == 0 and tab.grid.data.iloc[2]["categorie"] != "iets anders"


def test_deleting_a_partner_says_where_it_is_used_and_asks(planner, demo_params):
    tab = planner.tab_views[0]
    plan = load_plan(demo_params).plan
    used = next(p for sd in plan.objectives for od in sd.objectives for a in od.actions for p in a.partners)
    tab.show_detail(used)
    tab.ask_delete(used)
    question = tab.confirm.children[0].value
    assert "wordt nog gebruikt" in question and "Doelstellingen ›" in question
    assert planner.session.unsaved == 0  # nothing deleted yet
    tab.confirm.children[1].children[0].click()  # "Verwijderen en overal weghalen"
    planner.bar.save_button.click()
    plan = load_plan(demo_params).plan
    assert used not in {s.id for s in plan.stakeholder_list}
    assert all(used not in a.partners for sd in plan.objectives for od in sd.objectives for a in od.actions)


def test_an_external_change_and_a_pending_edit_both_survive(planner, demo_params):
    planner.tab_views[2].fields[("visie", "tekst")].value = "Mijn visie."
    edit_params(demo_params, lambda doc: doc["swot"]["kansen"][0].__setitem__("tekst", "Kans van een collega"))
    planner.bar.save_button.click()
    plan = load_plan(demo_params).plan
    assert plan.vision.text == "Mijn visie." and plan.swot.opportunities[0].text == "Kans van een collega"
    assert "samen opgeslagen" in planner.bar.status.value


def test_the_same_item_on_both_sides_shows_both_values(planner, demo_params):
    planner.tab_views[2].fields[("visie", "tekst")].value = "Mijn visie."
    edit_params(demo_params, lambda doc: doc["visie"].__setitem__("tekst", "Visie van een collega"))
    planner.bar.save_button.click()
    text = " ".join(getattr(c, "value", "") for c in planner.bar.choices.children if hasattr(c, "value")
                    and isinstance(c.value, str))
    assert "Mijn visie." in text and "Visie van een collega" in text
    planner.bar.choices.children[-1].click()  # keep mine (the default)
    assert load_plan(demo_params).plan.vision.text == "Mijn visie."


def test_undo_takes_back_the_last_edit(planner):
    texts = planner.tab_views[2]
    texts.fields[("visie", "tekst")].value = "Eerste."
    texts.fields[("visie", "regierol")].value = "Tweede."
    planner.bar.undo_button.click()
    assert planner.session.unsaved == 1
    assert planner.tab_views[2].fields[("visie", "regierol")].value != "Tweede."


def test_a_refused_save_names_the_field_on_screen_and_the_line_in_detail(planner, demo_params):
    original = demo_params.read_bytes()
    budget = planner.tab_views[4]
    role = budget.staff[0]["functie"].value
    budget.staff[0]["vte"].text.value = "0"  # a number, but the plan needs more than 0 vte
    planner.bar.save_button.click()
    assert f"Begroting › Personeel › {role} › vte" in planner.bar.status.value
    assert "regel" in planner.bar.detail.value and "begroting.personeel[1].vte" in planner.bar.detail.value
    assert demo_params.read_bytes() == original and planner.session.unsaved == 1  # nothing lost, nothing written


def test_an_invalid_file_opens_as_an_explanation(demo_params, tmp_path):
    demo_params.write_text("regio:\n  naam: [kapot\n", encoding="utf-8")
    planner = Planner(demo_params.parent, outputs=tmp_path / "outputs")
    assert "kan niet geopend worden" in planner.notice.value and "regel" in planner.notice.value
    assert planner.tabs.get_title(0) == "Herstellen"


def test_a_new_region_from_the_chooser(planner, demo_params):
    """'Nieuwe regio …' is igskit nieuw in the page: suggestions, the fusion message, then the new file opens."""
    from igskit.editing.planner.app import NEW_REGION

    planner.region.value = NEW_REGION
    form = planner.tabs.children[0]
    form.name.value = "Cultuurregio Leie en Schelde"
    form.names.value = "Deinze, Zulte, Nazareth"
    form.create_button.click()
    assert "Nazareth-De Pinte" in form.message.value  # the fusion, in Dutch; nothing written
    assert not (demo_params.parent / "cultuurregio-leie-en-schelde.yml").exists()
    form.names.value = "Deinze, Zulte"
    form.pick.value = "Gavere"
    form.add_button.click()
    assert form.names.value == "Deinze, Zulte, Gavere"
    form.create_button.click()
    created = demo_params.parent / "cultuurregio-leie-en-schelde.yml"
    assert created.is_file() and planner.session.path == created.resolve()
    assert planner.tabs.get_title(0) == "Stakeholders"


def test_needs_and_partnerkaart_in_the_stakeholder_detail(planner, demo_params):
    before = demo_params.read_text(encoding="utf-8")
    tab = planner.tab_views[0]
    tab.show_detail("jeugdhuis-wervelde")
    needs, card = tab.detail_widgets["noden"], tab.detail_widgets["partnerkaart"]
    assert list(needs.rows) == ["nood-podiumkansen", "nood-jongerenstem"]
    needs.rows["nood-jongerenstem"].value = "Mee programmeren in de cultuurhuizen."
    needs.new_text.value = "Een repetitieruimte"
    needs.add_button.click()
    assert list(needs.rows)[-1] == "nood-een-repetitieruimte"
    card.fields["idee"].value = "Een jongerenpodium op wieltjes."
    card.fields["bovenlokaal"].value = True
    planner.bar.save_button.click()
    s = next(s for s in load_plan(demo_params).plan.stakeholder_list if s.id == "jeugdhuis-wervelde")
    assert [n.id for n in s.need_items] == ["nood-podiumkansen", "nood-jongerenstem", "nood-een-repetitieruimte"]
    assert s.need_items[1].text == "Mee programmeren in de cultuurhuizen."
    assert s.partner_card.idea == "Een jongerenpodium op wieltjes." and s.partner_card.supra_local is True
    from .test_editing import assert_comments_kept

    assert_comments_kept(before, demo_params.read_text(encoding="utf-8"))


def test_the_stappenplan_and_werkgroepen_tab(planner, demo_params):
    import datetime as dt

    assert planner.tab_views[6] is None  # made when the tab is first opened
    planner.tabs.selected_index = 5
    roadmap, groups = planner.tab_views[6], planner.tab_views[7]
    roadmap.steps["communiceren"]["status"].value = "bezig"
    roadmap.steps["indienen"]["uiterlijk"].value = dt.date(2026, 3, 31)
    roadmap.steps["indienen"]["betrokken"].value = [roadmap.people.label["rvb"]]
    roadmap.commitments["Oostbeke"]["goedkeuring_cultuurnota"].value = dt.date(2026, 2, 26)
    roadmap.new_kind.value = "bibliotheekwerking"
    roadmap.new_cooperation.value = "Bibliotheeknetwerk Beekland"
    roadmap.add_cooperation_button.click()
    roadmap.cooperations[-1]["gemeenten"].value = ["Kapelhoven"]
    roadmap.legal["intern_reglement"].value = dt.date(2026, 1, 27)
    groups.new_group.value = "Werkgroep communicatie"
    groups.new_priority.value = "prio-aanbod"
    groups.add_group_button.click()
    assert groups.chosen == "wg-werkgroep-communicatie"
    groups.group["trekker"].value = "cbc-kapelhoven"
    groups.group["leden"].value = [groups.people.label["cc-kapelhoven"], groups.people.label["gc-wervelde"]]
    groups.group["voorgesteld"].value = [groups.proposals.label["od-programmatie"]]
    groups.new_meeting_date.value = dt.date(2026, 3, 5)
    groups.new_meeting.value = "Startvergadering"
    groups.add_meeting_button.click()
    groups.new_reflection_year.value = 2029
    groups.new_reflection.value = "Extra reflectie voor het indienmoment"
    groups.add_reflection_button.click()
    planner.bar.save_button.click()
    assert "Alles is opgeslagen" in planner.bar.count.value
    plan = load_plan(demo_params).plan
    steps = plan.roadmap.steps
    assert steps["communiceren"].status == "bezig" and steps["indienen"].deadline == dt.date(2026, 3, 31)
    assert steps["indienen"].with_whom == ["rvb"]
    assert next(c for c in plan.roadmap.commitments if c.municipality == "Oostbeke").nota_approved
    assert plan.roadmap.cooperations[-1].spread == ["Kapelhoven"]
    assert plan.roadmap.legal_form.internal_rules == dt.date(2026, 1, 27)
    group = next(g for g in plan.working_groups if g.id == "wg-werkgroep-communicatie")
    assert group.priority == "prio-aanbod" and group.lead == "cbc-kapelhoven"
    assert group.members == ["cc-kapelhoven", "gc-wervelde"] and group.proposed == ["od-programmatie"]
    assert [(m.date, m.phase, m.what) for m in group.meetings] == [(dt.date(2026, 3, 5), "plannen", "Startvergadering")]
    assert "Extra reflectie voor het indienmoment" in [m.what for m in plan.monitoring.reflections]
