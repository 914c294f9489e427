"""The planner's editing session: undo, and a save that keeps both an external change and an unsaved edit."""

from __future__ import annotations

from igskit import load_plan
from igskit.editing import operations as ops
from igskit.editing.session import EditSession

from .conftest import edit_params


def test_an_external_change_and_an_unsaved_edit_both_survive(demo_params):
    session = EditSession(demo_params)
    first = session.document.stakeholders()[0]
    session.apply(ops.UpdateStakeholder(first["id"], {"naam": "Naam uit de planner"}))
    session.apply(ops.SetText(("nota", "teksten", "notendop"), "Nieuwe samenvatting uit de planner."))
    # meanwhile someone edits another item in the file (with a comment of their own)
    edit_params(demo_params, lambda doc: doc["swot"]["sterktes"][0].__setitem__("tekst", "Sterkte van een collega"))
    outcome = session.save()
    assert outcome.saved and "samen opgeslagen" in outcome.message, outcome
    plan = load_plan(demo_params).plan
    assert plan.stakeholder_list[0].name == "Naam uit de planner"
    assert plan.nota.texts.summary == "Nieuwe samenvatting uit de planner."
    assert plan.swot.strengths[0].text == "Sterkte van een collega"
    assert "# Fictieve voorbeeldregio" in demo_params.read_text(encoding="utf-8")  # comments kept
    assert session.unsaved == 0


def test_the_same_item_changed_on_both_sides_asks_and_keeps_the_choice(demo_params):
    session = EditSession(demo_params)
    ident = session.document.stakeholders()[1]["id"]
    session.apply(ops.UpdateStakeholder(ident, {"naam": "Mijn naam"}))
    edit_params(demo_params, lambda doc: doc["stakeholders"][1].__setitem__("naam", "Naam van een collega"))
    outcome = session.save()
    assert not outcome.saved and len(outcome.conflicts) == 1
    conflict = outcome.conflicts[0]
    assert conflict.mine["naam"] == "Mijn naam" and conflict.theirs["naam"] == "Naam van een collega"
    assert conflict.what.startswith("Stakeholders › ")
    assert load_plan(demo_params).plan.stakeholder_list[1].name == "Naam van een collega"  # nothing written yet
    assert session.resolve({0: True}).saved
    assert load_plan(demo_params).plan.stakeholder_list[1].name == "Mijn naam"


def test_choosing_the_file_drops_only_that_edit(demo_params):
    session = EditSession(demo_params)
    ident = session.document.stakeholders()[1]["id"]
    session.apply(ops.UpdateStakeholder(ident, {"naam": "Mijn naam"}))
    session.apply(ops.SetText(("visie", "tekst"), "Een nieuwe visie."))
    edit_params(demo_params, lambda doc: doc["stakeholders"][1].__setitem__("naam", "Naam van een collega"))
    assert session.save().conflicts
    assert session.resolve({0: False}).saved
    plan = load_plan(demo_params).plan
    assert plan.stakeholder_list[1].name == "Naam van een collega" and plan.vision.text == "Een nieuwe visie."


def test_undo_takes_back_the_last_edit_only(demo_params):
    session = EditSession(demo_params)
    session.apply(ops.SetText(("visie", "tekst"), "Eerste."))
    session.apply(ops.SetText(("visie", "regierol"), "Tweede."))
    assert session.unsaved == 2
    undone = session.undo()
    assert isinstance(undone, ops.SetText) and undone.path == ("visie", "regierol")
    assert session.unsaved == 1
    session.save()
    plan = load_plan(demo_params).plan
    assert plan.vision.text == "Eerste." and plan.vision.directing_role != "Tweede."


def test_an_invalid_file_opens_as_a_problem_not_a_traceback(demo_params):
    demo_params.write_text("regio:\n  naam: [kapot\n", encoding="utf-8")
    session = EditSession(demo_params)
    assert session.document is None and "regel" in str(session.problem)
    assert not session.save().saved


def test_a_step_or_working_group_changed_on_both_sides_asks(demo_params):
    session = EditSession(demo_params)
    session.apply(ops.SetRoadmapStep("indienen", {"status": "bezig"}))
    session.apply(ops.EditWorkingGroup("wg-erfgoed", {"trekker": "ioed-wervelland"}))
    session.apply(ops.AddNeed("rvb", "Tijdig de ontwerpnota"))  # an addition never conflicts

    def theirs(doc):
        doc["stappenplan"]["stappen"]["indienen"]["status"] = "klaar"
        doc["werkgroepen"][3]["naam"] = "Werkgroep erfgoed"
    edit_params(demo_params, theirs)
    outcome = session.save()
    assert [c.what for c in outcome.conflicts] == ["Stappenplan › Dien je cultuurnota in",
                                                   "Werkgroepen › Werkgroep erfgoed en landschap"]
    assert outcome.conflicts[0].mine["status"] == "bezig" and outcome.conflicts[0].theirs["status"] == "klaar"
    assert session.resolve({0: False, 1: True}).saved
    plan = load_plan(demo_params).plan
    assert plan.roadmap.steps["indienen"].status == "klaar"
    group = next(g for g in plan.working_groups if g.id == "wg-erfgoed")
    assert group.name == "Werkgroep erfgoed" and group.lead == "ioed-wervelland"
    assert [n.id for n in next(s for s in plan.stakeholder_list if s.id == "rvb").need_items] == [
        "nood-tijdig-de-ontwerpnota"]
