import pytest

from igskit import ParamsError, load_plan
from igskit.planning import objectives

from .conftest import FIXTURES, edit_params


def codes(path):
    return {i: n.code for i, n in objectives.number(load_plan(path).plan).items()}


def test_codes_follow_order():
    found = codes(FIXTURES / "wijzigingen-v1.yml")
    assert found["sd-bereik"] == "SD1"
    assert found["od-ontmoeting"] == "SD1-OD2"
    assert found["a-praatcafe"] == "SD1-OD2-A2"
    assert found["od-jongerenpodium"] == "SD3-OD1"


def test_moving_an_od_renumbers_but_keeps_its_id(small_params):
    def move(doc):
        od = doc["doelstellingen"][2]["ods"].pop(0)  # od-jongerenpodium out of SD3 ...
        doc["doelstellingen"][0]["ods"].insert(0, od)  # ... to the front of SD1
        doc["doelstellingen"][2]["ods"].append({"id": "od-nieuw", "titel": "Nieuw", "acties": [
            {"id": "a-nieuw", "titel": "Nieuwe actie", "regierol": "Samenbrengen", "jaren": [2027]}]})
    edit_params(small_params, move)
    found = codes(small_params)
    assert found["od-jongerenpodium"] == "SD1-OD1"
    assert found["a-jongerenpodium"] == "SD1-OD1-A1"
    assert found["od-toeleiding"] == "SD1-OD2"


def test_see_also_follows_the_object_not_the_number(small_params):
    def link(doc):
        doc["doelstellingen"][1]["ods"][0]["acties"][0]["zie_ook"] = ["od-jongerenpodium"]
    edit_params(small_params, link)
    plan = load_plan(small_params).plan
    assert "zie ook SD3-OD1" in objectives.tree_markdown(plan)

    def move(doc):
        od = doc["doelstellingen"][2]["ods"].pop(0)
        doc["doelstellingen"][0]["ods"].append(od)
        doc["doelstellingen"][2]["ods"].append({"id": "od-x", "titel": "X", "acties": [
            {"id": "a-x", "titel": "X", "regierol": "Samenbrengen", "jaren": [2027]}]})
    edit_params(small_params, move)
    assert "zie ook SD1-OD2" in objectives.tree_markdown(load_plan(small_params).plan)


def messages(path):
    return [f.message for f in objectives.checks(load_plan(path).plan) if not f.ok]


def test_demo_region_passes_the_hard_rules():
    found = objectives.checks(load_plan("params/voorbeeldregio.yml").plan)
    assert not [f for f in found if f.status == "blokkerend"]


def test_too_few_priorities(small_params):
    def change(doc):
        dropped = doc["prioriteiten"].pop()["id"]
        for s in doc["stakeholders"]:
            if dropped in s.get("prioriteiten", []):
                s["prioriteiten"].remove(dropped)
        for sd in doc["doelstellingen"]:
            if sd.get("prioriteit") == dropped:
                del sd["prioriteit"]
                sd["transversaal"] = True
    edit_params(small_params, change)
    assert any("kies er 3 tot 5" in m for m in messages(small_params))


def test_sd_without_od_and_od_without_action(small_params):
    def change(doc):
        gone = {a["id"] for a in doc["doelstellingen"][2]["ods"][0]["acties"]}
        doc["doelstellingen"][2]["ods"][0]["acties"] = []
        doc["begroting"]["acties"] = [b for b in doc["begroting"]["acties"] if b["actie"] not in gone]
        doc["doelstellingen"].append({"id": "sd-leeg", "titel": "Leeg", "transversaal": True, "ods": []})
    edit_params(small_params, change)
    found = messages(small_params)
    assert "SD4 heeft geen operationele doelstelling." in found
    assert "SD3-OD1 heeft geen acties." in found


def test_first_two_working_years_need_actions(small_params):
    def change(doc):
        for sd in doc["doelstellingen"]:
            for od in sd["ods"]:
                for action in od["acties"]:
                    action["jaren"] = [y for y in action["jaren"] if y != 2028] or [2030]
    edit_params(small_params, change)
    assert any("Geen acties gepland in werkjaar 2028" in m for m in messages(small_params))


def test_every_gemeente_reached():
    assert any("Geen enkele actie bereikt Ekelbeek" in m for m in messages(FIXTURES / "kleineregio.yml"))


def test_dangling_see_also_and_partner_and_empty_regierol(small_params):
    def change(doc):
        action = doc["doelstellingen"][0]["ods"][0]["acties"][0]
        action["zie_ook"] = ["od-bestaat-niet"]
        action["partners"] = ["niemand"]
        action["regierol"] = ""
    edit_params(small_params, change)
    with pytest.raises(ParamsError) as error:  # a reference to nothing is an error, not a finding
        load_plan(small_params)
    fields = {p.field: p for p in error.value.problems}
    action = "doelstellingen[1].ods[1].acties[1]"
    assert "'od-bestaat-niet' is geen andere doelstelling" in fields[f"{action}.zie_ook"].message
    assert "stakeholder 'niemand' bestaat niet" in fields[f"{action}.partners"].message
    assert all(p.line and p.line > 1 for p in error.value.problems)
    edit_params(small_params, lambda doc: doc["doelstellingen"][0]["ods"][0]["acties"][0].update(
        zie_ook=[], partners=[]))
    assert any("SD1-OD1-A1 heeft geen regierol" in m for m in messages(small_params))


def test_years_text():
    assert objectives.years_text([2027, 2028, 2029, 2031]) == "2027–2029, 2031"
    assert objectives.years_text([]) == "nog te plannen"


def test_timeline_groups_pack_whole_sds_and_split_long_ones():
    plan = load_plan("params/voorbeeldregio.yml").plan
    codes = objectives.number(plan)
    every = [codes[a.id].code for *_x, a in objectives.iter_actions(plan)]
    per_sd = [sum(len(od.actions) for od in sd.objectives) for sd in plan.objectives]
    groups = objectives.timeline_groups(plan, per_figure=max(per_sd))
    assert [codes[a.id].code for _t, actions in groups for *_x, a in actions] == every
    assert all(len(actions) <= max(per_sd) for _t, actions in groups)
    small = objectives.timeline_groups(plan, per_figure=3)  # every SD longer than a figure: parts
    assert [codes[a.id].code for _t, actions in small for *_x, a in actions] == every
    assert all(len(actions) <= 3 for _t, actions in small)
    assert any("(deel 2 van" in title for title, _a in small)
    figures = objectives.timeline_figures(plan, per_figure=3)
    assert [c for item in figures for c in item.codes] == every
    import matplotlib.pyplot as plt

    plt.close("all")
