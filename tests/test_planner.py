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
    assert [planner.tabs.get_title(i) for i in range(5)] == [
        "Stakeholders", "Omgevingsanalyse & SWOT", "Visie & doelstellingen", "Begroting", "Nota & afsprakennota"]
    assert planner.session.path == demo_params.resolve()
    assert "Alles is opgeslagen" in planner.bar.count.value
    grid_tab = planner.tab_views[0]
    assert len(grid_tab.frame) == len(load_plan(demo_params).plan.stakeholder_list)


def test_edits_in_several_tabs_are_one_save_without_conflict(planner, demo_params):
    stakeholders, _swot, texts, _objectives, budget, nota = planner.tab_views
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
