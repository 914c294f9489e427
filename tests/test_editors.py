"""The notebook editors, driven headless the way a user drives them: set values, click buttons."""

from __future__ import annotations

import pytest

from igskit import ParamsError, load_plan
from igskit.editing import widgets as ed
from igskit.run.pipeline import RunResult
from igskit.run.versions import Version

from .conftest import edit_params


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def stakeholder(path, ident):
    return next(s for s in load_plan(path).plan.stakeholder_list if s.id == ident)


def touch_externally(path):
    text = path.read_text(encoding="utf-8")
    path.write_text("# Met de hand toegevoegd in een teksteditor.\n" + text, encoding="utf-8")
    return path.read_bytes()


# --- all editors ------------------------------------------------------------------------------------

@pytest.mark.parametrize("factory", [ed.stakeholder_editor, ed.swot_editor, ed.objectives_editor, ed.budget_editor,
                                     ed.roadmap_editor, ed.working_groups_editor])
def test_building_an_editor_changes_nothing(demo_params, factory):
    original = demo_params.read_bytes()
    editor = factory(demo_params, show=False)
    assert editor.save_button.description == "Opslaan"
    assert editor.reload_button.description == "Herladen"
    assert editor.rerun_button.description == "Nota opnieuw maken"
    editor.save_button.click()
    assert "niets gewijzigd" in editor.message
    assert demo_params.read_bytes() == original
    assert not demo_params.with_name("voorbeeldregio.yml.bak").exists()


@pytest.mark.parametrize("factory", [ed.stakeholder_editor, ed.budget_editor])
def test_an_unreadable_file_is_reported_not_raised(demo_params, factory):
    demo_params.write_text(demo_params.read_text(encoding="utf-8") + "regio: dubbel\n", encoding="utf-8")
    editor = factory(demo_params, show=False)
    assert "Kan voorbeeldregio.yml niet inlezen" in editor.message
    assert editor.save_button.disabled


@pytest.mark.parametrize("factory", [ed.stakeholder_editor, ed.swot_editor, ed.objectives_editor])
def test_a_file_the_widgets_cannot_show_gets_the_cli_message(demo_params, factory):
    def drop_ids(doc):
        doc["stakeholders"][0].pop("id")
        doc["swot"]["sterktes"][0].pop("id")
        doc["doelstellingen"][0].pop("id")

    edit_params(demo_params, drop_ids)
    editor = factory(demo_params, show=False)
    assert editor.message.startswith("De editor kan voorbeeldregio.yml niet tonen")
    assert "veld 'stakeholders[1].id': ontbreekt" in editor.message
    assert editor.save_button.disabled and "Traceback" not in editor.status.value


def test_a_region_without_the_process_sections_gets_them_from_the_editors(small_params):
    import datetime as dt

    before = small_params.read_text(encoding="utf-8")
    roadmap = ed.roadmap_editor(small_params, show=False)
    roadmap.steps["draagvlak"]["status"].value = "bezig"
    roadmap.steps["draagvlak"]["datum"].value = dt.date(2026, 1, 15)
    first = next(iter(roadmap.commitments))
    roadmap.commitments[first]["bbc_doelstelling"].value = True
    roadmap.legal["vorm"].value = "projectvereniging"
    roadmap.legal["statuten"].value = dt.date(2026, 2, 1)
    roadmap.save_button.click()
    assert roadmap.message.startswith("Opgeslagen"), roadmap.message
    groups = ed.working_groups_editor(small_params, show=False)
    assert "Nog geen werkgroepen" in groups.body.children[1].value
    groups.new_group.value = "Werkgroep één"
    groups.add_group_button.click()
    groups.new_reflection.value = "Eerste reflectie"
    groups.add_reflection_button.click()
    groups.save_button.click()
    assert groups.message.startswith("Opgeslagen"), groups.message
    plan = load_plan(small_params).plan
    assert plan.roadmap.steps["draagvlak"].status == "bezig"
    assert plan.roadmap.steps["draagvlak"].date == dt.date(2026, 1, 15)
    assert [c.bbc_objective for c in plan.roadmap.commitments] == [True]
    assert plan.roadmap.legal_form.form == "projectvereniging"
    assert plan.roadmap.legal_form.statutes == dt.date(2026, 2, 1)
    assert [g.name for g in plan.working_groups] == ["Werkgroep één"]
    assert [m.what for m in plan.monitoring.reflections] == ["Eerste reflectie"]
    from .test_editing import assert_comments_kept

    assert_comments_kept(before, small_params.read_text(encoding="utf-8"))


def test_an_invalid_value_in_the_file_can_be_repaired_in_the_editor(demo_params):
    edit_params(demo_params, lambda doc: doc["stakeholders"][3].__setitem__("betrokkenheid", "beslisser"))
    with pytest.raises(ParamsError):
        load_plan(demo_params)
    editor = ed.stakeholder_editor(demo_params, show=False)
    row = editor.rows["rvb"]
    assert row.involvement.value == "beslisser"  # shown as it is in the file, marked as invalid
    assert ("beslisser (ongeldig)", "beslisser") in row.involvement.options
    row.involvement.value = "formele-beslisser"
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen")
    assert stakeholder(demo_params, "rvb").involvement == "formele-beslisser"


# --- stakeholders ----------------------------------------------------------------------------------

def test_stakeholder_table_edit_and_save(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    editor = ed.stakeholder_editor(demo_params, show=False)
    row = editor.rows["bib-kapelhoven"]
    assert [label for label, _ in row.category.options][0] == "Interne stakeholders"
    row.involvement.value = "expert"
    row.category.value = "extern"  # 'bibliotheken' is no subsector of 'extern': it is dropped
    assert row.subsector.value == "" and ("culturele bovenbouw", "culturele bovenbouw") in row.subsector.options
    row.subsector.value = "culturele bovenbouw"
    row.municipality.value = "Wervelde"
    row.name.value = "Bibliotheek Kapelhoven (hoofdbib)"
    assert "Niet-opgeslagen" in editor.message
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen om ") and "voorbeeldregio.yml.bak" in editor.message
    after = demo_params.read_text(encoding="utf-8")
    assert comment_lines(after) == comment_lines(original)
    s = stakeholder(demo_params, "bib-kapelhoven")
    assert (s.name, s.category, s.subsector, s.municipality, s.involvement) == (
        "Bibliotheek Kapelhoven (hoofdbib)", "extern", "culturele bovenbouw", "Wervelde", "expert")


def test_stakeholder_details(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.detail_select.value = "rvb"
    assert editor.phases.value == ("voorbereiden", "verwerken", "verspreiden")
    editor.phases.value = ("voorbereiden",)
    editor.priorities.value = ("prio-aanbod",)
    editor.network_role.value = "kampioen"
    editor.needs.new_text.value = "Tijdig de ontwerpnota, met een samenvatting."
    editor.needs.add_button.click()
    editor.card.fields["sterktes"].value = "Beslist over de begroting"
    editor.card.fields["bovenlokaal"].value = True
    editor.save_button.click()
    s = stakeholder(demo_params, "rvb")
    assert s.phases == ["voorbereiden"] and s.priorities == ["prio-aanbod"]
    assert s.network_role == "kampioen"
    assert [(n.id, n.text) for n in s.need_items] == [("nood-tijdig-de-ontwerpnota-met-een",
                                                       "Tijdig de ontwerpnota, met een samenvatting.")]
    assert s.partner_card.strengths == "Beslist over de begroting" and s.partner_card.supra_local is True
    editor.detail_select.value = "cc-kapelhoven"  # showing another one changes nothing
    assert not editor.document.dirty


def test_stakeholder_needs_keep_their_ids(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.detail_select.value = "jeugdhuis-wervelde"
    assert list(editor.needs.rows) == ["nood-podiumkansen", "nood-jongerenstem"]
    editor.needs.rows["nood-jongerenstem"].value = "Mee beslissen over de programmatie."
    editor.needs.rows["nood-podiumkansen"].value = "   "  # refused: the text stays
    assert editor.needs.rows["nood-podiumkansen"].value.startswith("Podiumkansen")
    assert "behoefte heeft een tekst nodig" in editor.message
    editor.needs.delete_buttons["nood-podiumkansen"].click()
    assert list(editor.needs.rows) == ["nood-jongerenstem"]
    editor.save_button.click()
    needs = stakeholder(demo_params, "jeugdhuis-wervelde").need_items
    assert [(n.id, n.text) for n in needs] == [("nood-jongerenstem", "Mee beslissen over de programmatie.")]


def test_stakeholder_add_and_delete(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    count = len(editor.rows)
    editor.add_button.click()
    assert "Geef eerst een naam" in editor.message
    editor.new_name.value = "Jeugdhuis De Klik"
    editor.new_category.value = "maatschappelijk"
    editor.new_involvement.value = "potentiele-partner"
    editor.new_municipality.value = "Oostbeke"
    editor.add_button.click()
    assert "jeugdhuis-de-klik" in editor.rows and len(editor.rows) == count + 1
    editor.detail_select.value = "cc-kapelhoven"
    editor.delete_button.click()
    assert "cc-kapelhoven" not in editor.rows
    assert "Ook weggehaald waar 'cc-kapelhoven' genoemd werd" in editor.message  # a partner of actions
    editor.save_button.click()
    ids = [s.id for s in load_plan(demo_params).plan.stakeholder_list]
    assert "jeugdhuis-de-klik" in ids and "cc-kapelhoven" not in ids
    assert stakeholder(demo_params, "jeugdhuis-de-klik").municipality == "Oostbeke"


def test_invalid_stakeholder_edit_is_refused(demo_params):
    original = demo_params.read_bytes()
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.rows["rvb"].name.value = ""
    editor.save_button.click()
    assert editor.message.startswith("Niet opgeslagen")
    assert "naam" in editor.message and "mag niet leeg zijn" in editor.message and "regel" in editor.message
    assert "Traceback" not in editor.status.value
    assert demo_params.read_bytes() == original
    editor.rows["rvb"].name.value = "Raad van bestuur"  # corrected: now it saves
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen")


def test_concurrent_change_is_detected_and_reload_shows_the_file(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    external = touch_externally(demo_params)
    editor.rows["rvb"].involvement.value = "supporter"
    assert "buiten deze editor gewijzigd" in editor.message
    editor.save_button.click()
    assert "gewijzigd sinds de editor het inlas" in editor.message and "Herladen" in editor.message
    assert demo_params.read_bytes() == external
    editor.reload_button.click()
    assert editor.rows["rvb"].involvement.value == "formele-beslisser"  # what the file says
    assert "Opnieuw ingelezen" in editor.message
    editor.rows["rvb"].involvement.value = "supporter"
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen")
    assert "# Met de hand toegevoegd in een teksteditor." in demo_params.read_text(encoding="utf-8")
    assert stakeholder(demo_params, "rvb").involvement == "supporter"


def test_reopening_shows_the_file_not_the_widgets(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.rows["rvb"].name.value = "Niet opgeslagen naam"
    again = ed.stakeholder_editor(demo_params, show=False)
    assert again.rows["rvb"].name.value == "Raad van bestuur Cultuurregio Wervelland"


def test_stakeholders_in_a_separate_file(demo_params):
    (demo_params.parent / "stakeholders.csv").write_text(
        "id,naam,categorie,betrokkenheid\nrvb,Raad van bestuur,intern,formele-beslisser\n", encoding="utf-8")
    edit_params(demo_params, lambda doc: doc.__setitem__("stakeholders", {"bestand": "stakeholders.csv"}))
    original = demo_params.read_bytes()
    editor = ed.stakeholder_editor(demo_params, show=False)
    assert editor.rows == {}
    assert editor.save_button.disabled
    text = editor.body.children[0].value
    assert "apart bestand" in text and "stakeholders.csv" in text
    assert demo_params.read_bytes() == original


# --- SWOT -------------------------------------------------------------------------------------------

def test_swot_editor(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    editor = ed.swot_editor(demo_params, show=False)
    assert editor.tabs.titles[0].startswith("Sterktes")
    strengths = editor.quadrants["sterktes"]
    strengths.rows["st-erfgoed"].text.value = "Een sterke erfgoedwerking."
    threats = editor.quadrants["bedreigingen"]
    threats.new_text.value = "De energieprijzen stijgen."
    threats.new_source_kind.value = "document"
    threats.new_source_ref.value = "Energiebarometer"
    threats.add_button.click()
    new_id = "be-de-energieprijzen-stijgen"
    assert new_id in editor.quadrants["bedreigingen"].rows
    editor.quadrants["zwaktes"].rows["zw-welzijn"].up_button.click()
    editor.quadrants["kansen"].rows["ka-decreet"].move_to.value = "sterktes"
    assert "ka-decreet" in editor.quadrants["sterktes"].rows
    editor.quadrants["zwaktes"].rows["zw-personeel"].delete_button.click()
    assert "zw-personeel" not in editor.quadrants["zwaktes"].rows
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen")
    after = demo_params.read_text(encoding="utf-8")
    assert set(comment_lines(original)) <= set(comment_lines(after))
    swot = load_plan(demo_params).plan.swot
    assert next(i for i in swot.strengths if i.id == "st-erfgoed").text == "Een sterke erfgoedwerking."
    assert swot.threats[-1].id == new_id and swot.threats[-1].sources[0].kind == "document"
    assert swot.weaknesses[0].id == "zw-welzijn"
    assert swot.strengths[-1].id == "ka-decreet"
    assert "zw-personeel" not in after


def test_swot_empty_text_is_refused(demo_params):
    original = demo_params.read_bytes()
    editor = ed.swot_editor(demo_params, show=False)
    editor.quadrants["kansen"].rows["ka-decreet"].text.value = "   "
    editor.save_button.click()
    assert "Niet opgeslagen" in editor.message and "swot.kansen[1].tekst" in editor.message
    assert demo_params.read_bytes() == original


# --- objectives -------------------------------------------------------------------------------------

def test_objectives_editor_edit_move_reorder_delete(demo_params):
    plan = load_plan(demo_params).plan
    od = plan.objectives[0].objectives[0]
    target_sd = plan.objectives[2].id
    editor = ed.objectives_editor(demo_params, show=False)
    assert editor.tree.options[0][0].startswith("SD1 ")
    editor.tree.value = od.id
    assert editor.title_field.value == od.title
    editor.title_field.value = "Drempels samen wegwerken"
    assert any(label.strip().endswith("Drempels samen wegwerken") for label, _ in editor.tree.options)
    assert (f"SD3 {plan.objectives[2].title[:49]}", target_sd) in [
        (label[:len(f"SD3 {plan.objectives[2].title[:49]}")], value) for label, value in editor.move_target.options]
    editor.move_target.value = target_sd
    editor.move_button.click()
    assert editor.tree.value == od.id
    action = plan.objectives[1].objectives[0].actions[1].id
    editor.tree.value = action
    editor.up_button.click()
    editor.tree.value = plan.objectives[3].objectives[-1].actions[-1].id
    editor.delete_button.click()
    assert "Verwijderd" in editor.message
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen")
    after = load_plan(demo_params).plan
    moved = after.objectives[2].objectives[-1]
    assert moved.id == od.id and moved.title == "Drempels samen wegwerken"
    assert [a.id for a in moved.actions] == [a.id for a in od.actions]
    assert after.objectives[1].objectives[0].actions[0].id == action
    assert plan.objectives[3].objectives[-1].actions[-1].id not in [
        a.id for sd in after.objectives for o in sd.objectives for a in o.actions]


def test_objectives_editor_action_fields_and_adding(demo_params):
    editor = ed.objectives_editor(demo_params, show=False)
    editor.tree.value = "a-drempelscan"
    assert editor.all_municipalities.value and editor.years.value == (2027,)
    editor.all_municipalities.value = False
    editor.spread.value = ("Kapelhoven", "Oostbeke")
    editor.years.value = (2027, 2028)
    editor.directing_role.value = "Methodiek uitwerken."
    editor.partners.value = ("cc-kapelhoven",)
    editor.new_title.value = "Drempelscan opvolgen"
    editor.add_action_button.click()  # goes into the OD of the chosen action
    assert editor.tree.value == "a-drempelscan-opvolgen"
    editor.new_title.value = "Jongeren maken cultuur"
    editor.add_sd_button.click()
    editor.new_title.value = "Een jongerenpanel"
    editor.add_od_button.click()
    assert editor.tree.value == "od-een-jongerenpanel"
    editor.tree.value = "sd-jongeren-maken-cultuur"
    editor.priority.value = "prio-cocreatie"
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    plan = load_plan(demo_params).plan
    action = plan.objectives[0].objectives[0].actions[0]
    assert action.spread == ["Kapelhoven", "Oostbeke"] and action.years == [2027, 2028]
    assert action.directing_role == "Methodiek uitwerken." and action.partners == ["cc-kapelhoven"]
    assert plan.objectives[0].objectives[0].actions[-1].id == "a-drempelscan-opvolgen"
    assert plan.objectives[-1].id == "sd-jongeren-maken-cultuur" and plan.objectives[-1].priority == "prio-cocreatie"
    assert plan.objectives[-1].objectives[0].id == "od-een-jongerenpanel"


def test_objectives_editor_od_spread_needs_and_indicators(demo_params):
    from decimal import Decimal

    editor = ed.objectives_editor(demo_params, show=False)
    editor.tree.value = "od-drempels"
    assert editor.spread_box.layout.display == "flex" and editor.needs_box.layout.display == "flex"
    assert editor.inherits.layout.display == "none"
    editor.all_municipalities.value = False
    editor.spread.value = ("Kapelhoven", "Wervelde")
    labels = list(editor.answers.value)
    podium = editor.need_names.label["nood-podiumkansen"]
    assert podium.startswith("Podiumkansen en begeleiding voor jonge makers.")
    editor.answers.value = [*labels[1:], podium]
    indicators = editor.indicators
    indicators.rows[0]["streefwaarden"][2028].text.value = "12,5"
    indicators.rows[0]["streefwaarden"][2032].text.value = ""
    indicators.rows[0]["streefwaarden"][2031].text.value = "veel"  # refused at the field
    assert "igskit-fout" in indicators.rows[0]["streefwaarden"][2031].text._dom_classes
    indicators.rows[0]["bron"].value = "UiTPAS-rapportering"
    editor.tree.value = "a-drempelscan"
    assert editor.inherits.layout.display == "flex" and not editor.inherits.value
    editor.inherits.value = True
    editor.indicators.new_name.value = "verbeterpunten opgevolgd"
    editor.indicators.add_button.click()
    editor.indicators.rows[-1]["eenheid"].value = "%"
    editor.indicators.rows[-1]["nulmeting"].text.value = "0"
    editor.indicators.rows[-1]["nulmeting_jaar"].value = 2026
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    od = load_plan(demo_params).plan.objectives[0].objectives[0]
    assert od.spread == ["Kapelhoven", "Wervelde"]
    assert od.answers_needs == ["sportdienst-steenaarde", "dienstencentrum-heiselaar", "vtd-hoeveldonk",
                                "nood-vergoeding", "nood-podiumkansen"]
    assert od.indicators[0].targets == {2028: Decimal("12.5"), 2030: Decimal(15)}
    assert od.indicators[0].source == "UiTPAS-rapportering"
    action = od.actions[0]
    assert action.spread is None
    new = action.indicators[-1]
    assert (new.name, new.unit, new.baseline, new.baseline_year) == ("verbeterpunten opgevolgd", "%", 0, 2026)
def test_objectives_editor_marks_the_network_and_the_trekker(demo_params):
    editor = ed.objectives_editor(demo_params, show=False)
    editor.tree.value = "od-drempels"
    assert editor.network.value  # the demo's network OD
    editor.network.value = False
    editor.tree.value = "a-verhalenkaravaan"
    assert not editor.network.value and editor.lead.value == ""
    editor.network.value = True
    editor.lead.value = "bib-kapelhoven"
    editor.tree.value = "a-drempelscan"
    assert editor.lead.value == "armoedever-kapelhoven"
    editor.lead.value = ""
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    plan = load_plan(demo_params).plan
    drempels = plan.objectives[0].objectives[0]
    assert not drempels.network and drempels.actions[0].lead is None
    caravan = next(a for a in plan.objectives[0].objectives[2].actions if a.id == "a-verhalenkaravaan")
    assert caravan.network and caravan.lead == "bib-kapelhoven"
    text = demo_params.read_text(encoding="utf-8")
    assert "netwerk: false" not in text  # unchecked leaves no key behind


def test_objectives_empty_title_is_refused(demo_params):
    original = demo_params.read_bytes()
    editor = ed.objectives_editor(demo_params, show=False)
    editor.tree.value = "od-drempels"
    editor.title_field.value = ""
    editor.save_button.click()
    assert editor.message.startswith("Niet opgeslagen")
    assert "doelstellingen[1].ods[1].titel" in editor.message and "mag niet leeg zijn" in editor.message
    assert demo_params.read_bytes() == original


# --- budget -----------------------------------------------------------------------------------------

def test_budget_editor(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    editor = ed.budget_editor(demo_params, show=False)
    office = editor.lines["werking"][0]
    assert office.mode.value == "bedrag" and office.amount.value == 9000
    office.amount.value = 9750
    secretariat = editor.lines["werking"][1]
    secretariat.mode.value = "per_jaar"  # 6000 every year becomes 6000 per year
    assert all(box.value == 6000 for box in secretariat.years.values())
    secretariat.years[2030].value = 6500
    income = editor.lines["andere_inkomsten"][0]
    assert income.mode.value == "per_jaar" and income.years[2028].value == 8000
    income.years[2031].value = 2000
    editor.contribution.value = 0.8
    editor.staff[1]["vte"].value = 0.6
    scan = editor.actions["a-drempelscan"]
    scan.amount.value = 4500
    assert editor.actions["a-persbeleid"].mode.value == ""
    editor.actions["a-persbeleid"].mode.value = "bedrag"
    editor.actions["a-persbeleid"].amount.value = 1200
    editor.actions["a-cultuurbus"].mode.value = ""
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    after = demo_params.read_text(encoding="utf-8")
    assert comment_lines(after) == comment_lines(original)
    budget = load_plan(demo_params).plan.budget
    assert budget.operations[0].amount == 9750
    assert budget.operations[1].per_year == {y: (6500 if y == 2030 else 6000) for y in range(2027, 2033)}
    assert budget.other_income[0].per_year == {2028: 8000, 2029: 8000, 2030: 6000, 2031: 2000}
    assert str(budget.contributions.per_inhabitant) == "0.8" and str(budget.staff[1].fte) == "0.6"
    lines = {line.action: line for line in budget.actions}
    assert lines["a-drempelscan"].amount == 4500 and lines["a-persbeleid"].amount == 1200
    assert "a-cultuurbus" not in lines


def test_budget_roles_and_shares(demo_params):
    from decimal import Decimal

    editor = ed.budget_editor(demo_params, show=False)
    staff = editor.staff[1]["verdeling"]
    assert staff.total.value == "verdeling: SD1 70 %, SD3 30 %" and staff.shares == {}  # fields made on demand
    staff.open_button.click()
    assert staff.shares["sd-participatie"].text.value == "70" and staff.total.value == "samen 100 %"
    staff.shares["sd-participatie"].text.value = "60"  # 90 %: refused in place, nothing changes
    assert "tellen op tot 90 %, niet tot 100 %" in staff.error.value
    assert "Begroting › Personeel › regel 2" in staff.error.value and not editor.document.pending
    staff.shares["sd-aanbod"].text.value = "10"
    assert staff.error.value == "" and len(editor.document.pending) == 1
    werking = editor.lines["werking"][0].split
    werking.role.value = "actorrol"
    werking.unfold()
    werking.shares["sd-netwerk"].text.value = "100"
    editor.lines["werking"][3].split.unfold()
    editor.lines["werking"][3].split.shares["sd-netwerk"].text.value = ""  # all empty: not allocated
    editor.actions["a-drempelscan"].role.value = "actorrol"
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    budget = load_plan(demo_params).plan.budget
    assert budget.staff[1].allocation == {"sd-participatie": Decimal("0.6"), "sd-aanbod": Decimal("0.1"),
                                          "sd-cocreatie": Decimal("0.3")}
    assert budget.operations[0].cost_role == "actorrol" and budget.operations[0].allocation == {"sd-netwerk": 1}
    assert budget.operations[3].allocation == {}
    assert budget.actions[0].cost_role == "actorrol"


def test_a_broken_split_is_never_saved(demo_params):
    original = demo_params.read_bytes()
    editor = ed.budget_editor(demo_params, show=False)
    editor.staff[0]["verdeling"].unfold()
    editor.staff[0]["verdeling"].shares["sd-netwerk"].text.value = "50"
    editor.save_button.click()
    assert demo_params.read_bytes() == original
    assert "tellen op tot 115 %" in editor.staff[0]["verdeling"].error.value


def test_budget_add_and_delete_lines(demo_params):
    editor = ed.budget_editor(demo_params, show=False)
    label, add = editor.new_lines["werking"]
    add.click()
    assert "Geef eerst een omschrijving" in editor.message
    label.value = "Verzekering vrijwilligers"
    add.click()
    new_row = editor.lines["werking"][-1]
    assert new_row.label.value == "Verzekering vrijwilligers" and new_row.amount.value == 0
    new_row.amount.value = 1250
    kept = [line.label for line in load_plan(demo_params).plan.budget.other_income][1:]
    editor.lines["andere_inkomsten"][0].delete_button.click()
    assert len(editor.lines["andere_inkomsten"]) == len(kept)
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    budget = load_plan(demo_params).plan.budget
    assert (budget.operations[-1].label, budget.operations[-1].amount) == ("Verzekering vrijwilligers", 1250)
    assert [line.label for line in budget.other_income] == kept
    assert kept[0] == "Eigen inkomsten (deelnemersbijdragen cultuurbus en regiodag)"
    text = demo_params.read_text(encoding="utf-8")
    assert text.index("Verzekering vrijwilligers") < text.index("# Budgetten per actie")


def test_stakeholder_editor_makes_a_network_partner_with_its_engagement(demo_params):
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.detail_select.value = "ocmw-oostbeke"
    form = editor.network_partner
    assert form.member.value and form.fields["rollen"].value == ("promotor",)
    form.fields["rollen"].value = ("promotor", "kampioen")
    form.fields["trekker"].value = True
    editor.detail_select.value = "bib-oostbeke"
    form = editor.network_partner
    assert not form.member.value and "brengt" not in form.fields  # the fields show once it is a partner
    form.member.value = True
    form.fields["brengt"].value = "Onze leesclubs en een *gratis* lidkaart."
    form.fields["engageert"].value = "We nemen deel aan het netwerkoverleg."
    editor.detail_select.value = "caw-beekland"
    editor.network_partner.member.value = False  # no longer a partner: the whole block goes
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    people = {s.id: s for s in load_plan(demo_params).plan.stakeholder_list}
    oostbeke = people["ocmw-oostbeke"].network_partner
    assert oostbeke.roles == ["promotor", "kampioen"] and oostbeke.lead and oostbeke.meetings == ["netwerkoverleg"]
    assert people["bib-oostbeke"].network_partner.brings == "Onze leesclubs en een *gratis* lidkaart."
    assert people["bib-oostbeke"].network_partner.commits.startswith("We nemen deel")
    assert people["caw-beekland"].network_partner is None


def test_budget_editor_marks_the_networks_lines(demo_params):
    editor = ed.budget_editor(demo_params, show=False)
    subsidy = next(row for row in editor.lines["andere_inkomsten"]
                   if row.label.value.startswith("Subsidie bovenlokaal"))
    assert subsidy.network.value and not editor.lines["werking"][0].network.value
    editor.lines["werking"][0].network.value = True
    staff = next(f for f in editor.staff if f["functie"].value == "Medewerker vrijetijdsparticipatie")
    assert staff["netwerk"].value
    staff["netwerk"].value = False
    editor.save_button.click()
    assert editor.message.startswith("Opgeslagen"), editor.message
    budget = load_plan(demo_params).plan.budget
    assert budget.operations[0].network and not any(s.network for s in budget.staff)
    assert "netwerk: false" not in demo_params.read_text(encoding="utf-8")


def test_budget_negative_amount_is_refused(demo_params):
    """Refused at the field, in the screen's words; the file is not touched."""
    original = demo_params.read_bytes()
    editor = ed.budget_editor(demo_params, show=False)
    field = editor.lines["werking"][2].amount
    field.value = -500
    assert "Begroting › Werking › regel 3 › bedrag" in field.error.value and "negatief" in field.error.value
    assert "igskit-fout" in field.text._dom_classes
    editor.save_button.click()
    assert editor.message.startswith("Er was niets gewijzigd")
    assert demo_params.read_bytes() == original


@pytest.mark.parametrize("typed, written", [("9.000", "9000"), ("9.000,50", "9000.5"), ("€ 9.000", "9000"),
                                            ("9000,50", "9000.5")])
def test_budget_amounts_typed_the_flemish_way(demo_params, typed, written):
    editor = ed.budget_editor(demo_params, show=False)
    field = editor.lines["werking"][0].amount
    field.text.value = typed  # as typed in the browser
    assert field.error.value == "" and field.text.value in ("9.000", "9.000,50")
    editor.save_button.click()
    text = demo_params.read_text(encoding="utf-8")
    assert f"bedrag: {written}\n" in text and "# Fictieve voorbeeldregio" in text


@pytest.mark.parametrize("typed", ["9a", "negen", "9,000", "1.2.3"])
def test_budget_letters_are_refused_at_the_field(demo_params, typed):
    original = demo_params.read_bytes()
    editor = ed.budget_editor(demo_params, show=False)
    field = editor.lines["werking"][0].amount
    field.text.value = typed
    assert "Begroting › Werking › regel 1 › bedrag" in field.error.value
    assert field.value == 9000 and editor.document.pending == []
    editor.save_button.click()
    assert demo_params.read_bytes() == original


def test_budget_concurrent_change(demo_params):
    editor = ed.budget_editor(demo_params, show=False)
    other = ed.budget_editor(demo_params, show=False)  # e.g. the same notebook open twice
    other.lines["werking"][0].amount.value = 1
    other.save_button.click()
    saved = demo_params.read_bytes()
    editor.lines["werking"][0].amount.value = 2
    editor.save_button.click()
    assert "is gewijzigd sinds de editor het inlas" in editor.message
    assert demo_params.read_bytes() == saved
    editor.reload_button.click()
    assert editor.lines["werking"][0].amount.value == 1


# --- rerunning the pipeline ---------------------------------------------------------------------------

def test_rerun_button_runs_the_pipeline_with_progress(demo_params, monkeypatch, tmp_path):
    calls = []

    def fake_run(path, progress, keep_kernels=False):
        calls.append((path, keep_kernels))
        progress.say("Params-bestand in orde.")
        progress.say("Stap 1 van 5: stakeholders …")
        version = Version("v3", tmp_path / "v3", {})
        return RunResult(version, executed=["01-stakeholders"], seconds=2.0)

    monkeypatch.setattr("igskit.run.pipeline.run", fake_run)
    editor = ed.budget_editor(demo_params, show=False)
    editor.rerun_button.click()
    editor._run_thread.join(timeout=30)
    assert calls == [(demo_params.resolve(), True)]  # kernels kept for the next click
    printed = "".join(output["text"] for output in editor.progress.outputs)
    assert "Params-bestand in orde." in printed and "Stap 1 van 5" in printed
    assert editor.message.startswith("Klaar") and "v3" in editor.message
    assert not editor.rerun_button.disabled


def test_rerun_shows_errors_in_dutch(demo_params, monkeypatch):
    def failing_run(path, progress):
        load_plan(path)
        raise ParamsError([])

    monkeypatch.setattr("igskit.run.pipeline.run", failing_run)
    editor = ed.stakeholder_editor(demo_params, show=False)
    editor.rows["rvb"].name.value = "Niet opgeslagen"
    editor.rerun(wait=True)
    printed = "".join(output["text"] for output in editor.progress.outputs)
    assert "niet-opgeslagen wijzigingen tellen niet mee" in printed
    assert editor.message.startswith("De nota kon niet gemaakt worden")
    assert "Traceback" not in editor.status.value


# --- under papermill ----------------------------------------------------------------------------------

def test_under_papermill_no_editor_is_built_and_nothing_changes(demo_params, tmp_path):
    import papermill as pm

    from igskit.paths import NOTEBOOKS_DIR

    original = demo_params.read_bytes()
    out = tmp_path / "04-begroting.ipynb"
    pm.execute_notebook(str(NOTEBOOKS_DIR / "04-begroting.ipynb"), str(out), cwd=str(NOTEBOOKS_DIR),
                        parameters={"params_path": str(demo_params)},
                        kernel_name="python3", progress_bar=False)
    assert "application/vnd.jupyter.widget-view+json" not in out.read_text(encoding="utf-8")
    assert demo_params.read_bytes() == original
    assert not demo_params.with_name("voorbeeldregio.yml.bak").exists()


def test_replaced_widgets_are_closed_one_rebuild_later(demo_params):
    editor = ed.swot_editor(demo_params, show=False)
    first = editor.quadrants["sterktes"].rows["st-erfgoed"].text
    editor.reload_button.click()
    assert first.comm is not None  # the browser may still be loading it
    editor.reload_button.click()
    assert first.comm is None  # closed: reloading does not pile up widgets


def test_rerun_in_one_call(demo_params, monkeypatch, tmp_path):
    seen = []

    def fake_run(path, progress, keep_kernels=False):
        seen.append(path)
        progress.say("Params-bestand in orde.")
        return RunResult(Version("v1", tmp_path / "v1", {}), seconds=1.0)

    monkeypatch.setattr("igskit.run.pipeline.run", fake_run)
    result = ed.rerun(demo_params)
    assert seen == [demo_params.resolve()] and result.version.name == "v1"
