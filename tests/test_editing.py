"""Editing a params file without widgets: the domain operations and the save semantics."""

from __future__ import annotations

import difflib
import os

import pytest

from igskit import ParamsError, load_plan
from igskit.editing.document import ParamsDocument, slugify
from igskit.editing.operations import (
    AddAmountLine,
    AddObjective,
    AddStakeholder,
    AddSwotItem,
    DeleteAmountLine,
    DeleteObjective,
    DeleteStakeholder,
    DeleteSwotItem,
    EditObjective,
    EditSwotItem,
    MoveObjective,
    MoveObjectiveTo,
    MoveSwotItem,
    ReplayError,
    SetActionBudget,
    SetAmountLine,
    SetContribution,
    SetStaffLine,
    UpdateStakeholder,
)
from igskit.errors import IgskitError, SaveConflictError
from igskit.paths import PARAMS_DIR
from igskit.planning.objectives import number

from .conftest import edit_params


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def assert_comments_kept(before: str, after: str) -> None:
    """Every comment line of ``before`` is still in ``after``, in the same order."""
    remaining = iter(comment_lines(after))
    for line in comment_lines(before):
        assert any(line == candidate for candidate in remaining), f"comment lost or moved: {line}"


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def line_after(text: str, needle: str) -> str:
    lines = text.splitlines()
    return lines[next(i for i, line in enumerate(lines) if needle in line) + 1]


# --- loading and saving -----------------------------------------------------------------------

def test_loading_and_dumping_changes_nothing(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    assert doc.dumps() == original
    assert not doc.dirty and not doc.changed_on_disk()
    result = doc.save()
    assert not result.written
    assert demo_params.read_text(encoding="utf-8") == original
    assert not doc.backup_path.exists()


def test_save_changes_only_the_edited_line_and_keeps_a_backup(demo_params):
    original = demo_params.read_bytes()
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("cc-kapelhoven", {"betrokkenheid": "expert"}))
    assert doc.dirty
    result = doc.save()
    assert result.written and result.backup == demo_params.with_name("voorbeeldregio.yml.bak")
    assert result.backup.read_bytes() == original
    after = demo_params.read_text(encoding="utf-8")
    assert changed_lines(original.decode("utf-8"), after) == ["-    betrokkenheid: structurele-partner",
                                                              "+    betrokkenheid: expert"]
    assert_comments_kept(original.decode("utf-8"), after)
    assert not doc.dirty and not doc.changed_on_disk()
    stakeholder = next(s for s in load_plan(demo_params).plan.stakeholder_list if s.id == "cc-kapelhoven")
    assert stakeholder.involvement == "expert"
    leftovers = [p.name for p in demo_params.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []  # the temporary file of the atomic write is gone


def test_save_keeps_the_file_mode(demo_params):
    os.chmod(demo_params, 0o640)
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("rvb", {"naam": "Raad van bestuur"}))
    doc.save()
    assert demo_params.stat().st_mode & 0o777 == 0o640


def test_key_order_and_comments_survive_many_edits(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    top_keys = list(doc.doc)
    doc.apply(AddStakeholder("Jeugdhuis De Klik", "maatschappelijk", "potentiele-partner",
                             {"gemeente": "Oostbeke", "subsector": "jeugd"}))
    doc.apply(DeleteStakeholder("cbs-kapelhoven"))
    doc.apply(AddSwotItem("bedreigingen", "De energieprijzen stijgen"))
    doc.apply(DeleteSwotItem("st-erfgoed"))
    sd = doc.apply(AddObjective("sd", "Jongeren maken cultuur", fields={"prioriteit": "prio-cocreatie"}))
    od = doc.apply(AddObjective("od", "Een jongerenpanel", sd))
    doc.apply(AddObjective("actie", "Panel samenstellen", od, {"jaren": [2027]}))
    doc.apply(DeleteObjective("a-persbeleid"))
    doc.apply(SetActionBudget("a-regiowebsite", amount=4000))
    doc.apply(SetAmountLine.at(doc, "werking", 3, per_year={2027: 7000, 2028: 7500}))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert_comments_kept(original, after)
    assert list(ParamsDocument(demo_params).doc) == top_keys
    # section headers still sit right above their section
    for header, key in (("# --- Visie", "visie:"), ("# --- Meerjarenbegroting", "begroting:"),
                        ("# --- Nota -", "nota:"), ("# --- Omgevingsanalyse", "omgevingsanalyse:")):
        block = after.split(header, 1)[1]
        first_key = next(line for line in block.splitlines()[1:] if line and not line.startswith("#"))
        assert first_key == key, header
    load_plan(demo_params)


def test_invalid_edit_is_refused_with_the_cli_message_and_nothing_is_written(demo_params):
    original = demo_params.read_bytes()
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("cc-kapelhoven", {"categorie": "onbekend"}))
    with pytest.raises(ParamsError) as refused:
        doc.save()
    assert demo_params.read_bytes() == original
    assert not doc.backup_path.exists()
    message = str(refused.value)
    assert "stakeholders[" in message and ".categorie" in message
    assert "'onbekend' is geen toegelaten waarde" in message
    assert "regel" in message and "niets overschreven" in message
    # the CLI, reading the same content from the file, says exactly the same
    demo_params.write_text(doc.dumps(), encoding="utf-8")
    with pytest.raises(ParamsError) as cli:
        load_plan(demo_params)
    assert str(cli.value) == message


def test_negative_amount_is_refused(demo_params):
    original = demo_params.read_bytes()
    doc = ParamsDocument(demo_params)
    doc.apply(SetAmountLine.at(doc, "werking", 0, amount=-100))
    with pytest.raises(ParamsError, match="begroting.werking\\[1\\].bedrag"):
        doc.save()
    assert demo_params.read_bytes() == original


def test_concurrent_change_is_detected_and_nothing_is_overwritten(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("rvb", {"naam": "Raad van bestuur (nieuw)"}))
    external = demo_params.read_text(encoding="utf-8").replace(
        "regio:\n", "# Opmerking van de voorzitter, met de hand toegevoegd.\nregio:\n", 1)
    demo_params.write_text(external, encoding="utf-8")
    assert doc.changed_on_disk()
    with pytest.raises(SaveConflictError) as conflict:
        doc.save()
    assert "Herladen" in str(conflict.value) and "niets opgeslagen" in str(conflict.value)
    assert demo_params.read_text(encoding="utf-8") == external
    assert not doc.backup_path.exists()
    doc.reload()  # the user reloads and makes the change again
    assert not doc.dirty
    doc.apply(UpdateStakeholder("rvb", {"naam": "Raad van bestuur (nieuw)"}))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert "# Opmerking van de voorzitter, met de hand toegevoegd." in after
    assert "naam: Raad van bestuur (nieuw)" in after


def test_removed_file_is_a_conflict(demo_params):
    doc = ParamsDocument(demo_params)
    demo_params.unlink()
    with pytest.raises(SaveConflictError):
        doc.save()
    assert not demo_params.exists()


def test_missing_file_gives_the_dutch_error(tmp_path):
    with pytest.raises(ParamsError, match="bestaat niet"):
        ParamsDocument(tmp_path / "nergens.yml")


# --- ids ------------------------------------------------------------------------------------------

def test_slugify():
    assert slugify("Cultuur voor Iedereen — één regio!") == "cultuur-voor-iedereen-een-regio"
    assert slugify("Drempels verlagen", "od") == "od-drempels-verlagen"
    assert slugify("???") == "nieuw"
    long = slugify("een " * 40)
    assert len(long) <= 40 and not long.endswith("-")


def test_new_ids_are_unique_across_the_file(demo_params):
    doc = ParamsDocument(demo_params)
    assert doc.new_id("Raad van bestuur") == "raad-van-bestuur"
    assert doc.new_id("RVB") == "rvb-2"  # 'rvb' is a stakeholder id already
    first = doc.apply(AddSwotItem("kansen", "Samenwerken met scholen"))
    second = doc.apply(AddSwotItem("kansen", "Samenwerken met scholen"))
    assert (first, second) == ("ka-samenwerken-met-scholen", "ka-samenwerken-met-scholen-2")


# --- stakeholders ---------------------------------------------------------------------------------

def test_add_stakeholder_goes_after_its_category(demo_params):
    doc = ParamsDocument(demo_params)
    ident = doc.apply(AddStakeholder("Jeugdhuis De Klik, Oostbeke", "intern", "supporter",
                                     {"gemeente": "Oostbeke", "fasen": ["verzamelen"]}))
    assert ident == "jeugdhuis-de-klik-oostbeke"
    doc.save()
    text = demo_params.read_text(encoding="utf-8")
    block = text.split("- id: jeugdhuis-de-klik-oostbeke\n", 1)[1].split("\n\n", 1)[0]
    assert block.splitlines() == ["    naam: Jeugdhuis De Klik, Oostbeke", "    categorie: intern",
                                  "    gemeente: Oostbeke", "    betrokkenheid: supporter",
                                  "    fasen: [verzamelen]"]
    # the last internal stakeholder, then the new one, then the next group's header
    assert text.index("id: vrijwilligers-regio") < text.index("id: jeugdhuis-de-klik-oostbeke") \
        < text.index("# Lokale overheden en beleidsmakers")
    plan = load_plan(demo_params).plan
    assert next(s for s in plan.stakeholder_list if s.id == ident).municipality == "Oostbeke"


def test_new_category_drops_a_subsector_that_does_not_fit(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("bib-kapelhoven", {"categorie": "extern"}))
    assert "subsector" not in next(s for s in doc.stakeholders() if s["id"] == "bib-kapelhoven")
    doc.apply(UpdateStakeholder("bib-oostbeke", {"categorie": "extern", "subsector": "culturele bovenbouw"}))
    doc.save()
    plan = load_plan(demo_params).plan
    assert next(s for s in plan.stakeholder_list if s.id == "bib-oostbeke").subsector == "culturele bovenbouw"


def test_empty_optional_field_is_removed_and_default_not_written(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("schepenoverleg", {"noden": "", "gemeente": "bovenlokaal"}))
    record = next(s for s in doc.stakeholders() if s["id"] == "schepenoverleg")
    assert "noden" not in record and "gemeente" not in record
    doc.apply(UpdateStakeholder("schepenoverleg", {"noden": "Een korte nood.", "fasen": ["verwerken"]}))
    record = next(s for s in doc.stakeholders() if s["id"] == "schepenoverleg")
    assert record["noden"] == "Een korte nood." and record["fasen"] == ["verwerken"]
    doc.save()
    load_plan(demo_params)


def test_delete_stakeholder_keeps_the_group_header(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    assert doc.usages("cc-kapelhoven")  # partners of actions, SWOT sources ...
    doc.apply(DeleteStakeholder("cbs-kapelhoven"))  # the first of its group
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert "cbs-kapelhoven" not in after
    assert line_after(after, "# Lokale overheden en beleidsmakers") == "  - id: gr-broekzele"
    assert_comments_kept(original, after)


def test_stakeholders_in_a_separate_file_are_not_edited(demo_params):
    csv = demo_params.parent / "stakeholders.csv"
    # the demo's stakeholders (partners and SWOT sources refer to them), their names shortened
    ids = [s["id"] for s in ParamsDocument(demo_params).stakeholders()]
    csv.write_text("id,naam,categorie,betrokkenheid\n" + "".join(f"{i},Naam {i},intern,supporter\n" for i in ids),
                   encoding="utf-8")
    edit_params(demo_params, lambda doc: doc.__setitem__("stakeholders", {"bestand": "stakeholders.csv"}))
    doc = ParamsDocument(demo_params)
    assert doc.stakeholder_file() == csv.resolve()
    assert doc.stakeholders() == []
    assert doc.stakeholder_names() == {i: f"Naam {i}" for i in ids}
    with pytest.raises(IgskitError, match="apart bestand"):
        doc.apply(AddStakeholder("X", "intern", "supporter"))
    with pytest.raises(IgskitError, match="apart bestand"):
        doc.apply(DeleteStakeholder("rvb"))


# --- SWOT -------------------------------------------------------------------------------------------

def test_swot_add_edit_move_delete(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    ident = doc.apply(AddSwotItem("bedreigingen", "De energieprijzen stijgen",
                                  ({"soort": "document", "verwijzing": "Energiebarometer"},)))
    assert ident == "be-de-energieprijzen-stijgen"
    doc.apply(EditSwotItem("st-cultuurhuizen", text="Sterke cultuurhuizen."))
    doc.apply(MoveSwotItem("zw-welzijn", -1))
    doc.apply(MoveSwotItem("ka-decreet", quadrant="sterktes"))
    doc.apply(DeleteSwotItem("zw-personeel"))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert_comments_kept(original, after)
    swot = load_plan(demo_params).plan.swot
    assert [i.id for i in swot.weaknesses][:2] == ["zw-welzijn", "zw-spreiding"]
    assert "zw-personeel" not in [i.id for i in swot.weaknesses]
    assert swot.strengths[-1].id == "ka-decreet" and "ka-decreet" not in [i.id for i in swot.opportunities]
    assert swot.strengths[0].text == "Sterke cultuurhuizen."
    assert swot.threats[-1].id == ident and swot.threats[-1].sources[0].ref == "Energiebarometer"
    # the new last threat comes before the next section's header, not after it
    assert after.index("id: be-de-energieprijzen-stijgen") < after.index("# --- Visie")


def test_delete_last_swot_item_keeps_the_next_header(demo_params):
    doc = ParamsDocument(demo_params)
    last = doc.swot_items("bedreigingen")[-1]["id"]
    doc.apply(DeleteSwotItem(last))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert "# --- Visie ---" in after and line_after(after, "# laat het aan de lokale partners?") == "visie:"


def test_swot_move_at_the_edge_does_nothing(demo_params):
    doc = ParamsDocument(demo_params)
    first = doc.swot_items("sterktes")[0]["id"]
    doc.apply(MoveSwotItem(first, -1))
    assert not doc.dirty


# --- objectives -------------------------------------------------------------------------------------

def test_add_objectives_with_fields(demo_params):
    doc = ParamsDocument(demo_params)
    sd = doc.apply(AddObjective("sd", "Jongeren maken zelf cultuur", fields={"prioriteit": "prio-cocreatie"}))
    od = doc.apply(AddObjective("od", "Een jongerenpanel adviseert het IGS", sd))
    action = doc.apply(AddObjective("actie", "Het jongerenpanel samenstellen", od, {
        "jaren": [2027, 2028], "spreiding": ["Oostbeke"], "partners": ["gc-wervelde"],
        "regierol": "Oproep lanceren en begeleiden"}))
    assert (sd, od, action) == ("sd-jongeren-maken-zelf-cultuur", "od-een-jongerenpanel-adviseert-het-igs",
                                "a-het-jongerenpanel-samenstellen")
    doc.save()
    text = demo_params.read_text(encoding="utf-8")
    assert text.index("id: a-het-jongerenpanel-samenstellen") < text.index("# --- Meerjarenbegroting")
    plan = load_plan(demo_params).plan
    codes = number(plan)
    assert codes[action].code == "SD5-OD1-A1"
    new = plan.objectives[-1].objectives[0].actions[0]
    assert new.spread == ["Oostbeke"] and new.years == [2027, 2028] and new.partners == ["gc-wervelde"]


def test_edit_objective_fields(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(EditObjective("a-drempelscan", {"titel": "Drempelscan met ervaringsdeskundigen",
                                              "spreiding": "alle gemeenten", "jaren": [2027, 2028], "regierol": ""}))
    doc.apply(EditObjective("sd-participatie", {"prioriteit": "prio-aanbod"}))
    doc.save()
    plan = load_plan(demo_params).plan
    action = plan.objectives[0].objectives[0].actions[0]
    assert action.title == "Drempelscan met ervaringsdeskundigen"
    assert action.years == [2027, 2028] and action.directing_role == ""
    assert plan.objectives[0].priority == "prio-aanbod"
    assert "titel: Drempelscan met ervaringsdeskundigen\n" in demo_params.read_text(encoding="utf-8")


def test_move_od_to_another_sd_keeps_its_id_and_actions(demo_params):
    doc = ParamsDocument(demo_params)
    before = load_plan(demo_params).plan
    od = before.objectives[0].objectives[0]
    target = before.objectives[2].id
    doc.apply(MoveObjectiveTo(od.id, target))
    doc.save()
    plan = load_plan(demo_params).plan
    moved = plan.objectives[2].objectives[-1]
    assert moved.id == od.id and [a.id for a in moved.actions] == [a.id for a in od.actions]
    assert od.id not in [o.id for o in plan.objectives[0].objectives]
    codes = number(plan)
    assert codes[od.id].code == f"SD3-OD{len(plan.objectives[2].objectives)}"


def test_move_action_and_reorder(demo_params):
    doc = ParamsDocument(demo_params)
    plan = load_plan(demo_params).plan
    first_od, second_od = plan.objectives[0].objectives[:2]
    action = first_od.actions[0].id
    doc.apply(MoveObjectiveTo(action, second_od.id, index=0))
    doc.apply(MoveObjective(second_od.id, -1))  # the second OD becomes the first
    doc.apply(MoveObjective(plan.objectives[0].id, -1))  # already first: nothing happens
    doc.save()
    plan = load_plan(demo_params).plan
    assert plan.objectives[0].objectives[0].id == second_od.id
    assert plan.objectives[0].objectives[0].actions[0].id == action
    with pytest.raises(KeyError):
        doc.apply(MoveObjectiveTo(action, plan.objectives[1].id))  # an action cannot sit directly under an SD


def test_delete_objective_removes_children_and_their_budget(demo_params):
    doc = ParamsDocument(demo_params)
    plan = load_plan(demo_params).plan
    od = plan.objectives[0].objectives[0]
    removed = doc.apply(DeleteObjective(od.id))
    assert removed == [od.id, *[a.id for a in od.actions]]
    for action in od.actions:
        assert doc.action_budget(action.id) is None
    doc.save()
    plan = load_plan(demo_params).plan
    assert od.id not in number(plan)


def test_delete_the_only_od_removes_the_empty_list(demo_params):
    doc = ParamsDocument(demo_params)
    sd = doc.apply(AddObjective("sd", "Tijdelijk"))
    od = doc.apply(AddObjective("od", "Enige od", sd))
    doc.apply(DeleteObjective(od))
    assert "ods" not in doc.locate(sd).node
    doc.save()
    load_plan(demo_params)


# --- budget -----------------------------------------------------------------------------------------

def test_amount_line_switches_between_bedrag_and_per_jaar(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    doc.apply(SetAmountLine.at(doc, "werking", 0, amount=9500))
    doc.apply(SetAmountLine.at(doc, "werking", 1, per_year={2027: 6000, 2028: 6200}))
    doc.apply(SetAmountLine.at(doc, "andere_inkomsten", 0, per_year={2028: 8000, 2029: 9000}))
    doc.apply(SetAmountLine.at(doc, "andere_inkomsten", 1, amount=4000.5))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert_comments_kept(original, after)
    budget = load_plan(demo_params).plan.budget
    assert budget.operations[0].amount == 9500
    assert budget.operations[1].amount is None and budget.operations[1].per_year == {2027: 6000, 2028: 6200}
    assert budget.other_income[0].per_year == {2028: 8000, 2029: 9000}
    assert str(budget.other_income[1].amount) == "4000.5" and budget.other_income[1].per_year == {}
    assert "bedrag: 9500\n" in after


def test_action_budget_add_change_remove(demo_params):
    original = demo_params.read_text(encoding="utf-8")
    doc = ParamsDocument(demo_params)
    doc.apply(SetActionBudget("a-regiowebsite", amount=5000))  # the last line, followed by the Nota header
    doc.apply(SetActionBudget("a-drempelscan", per_year={2027: 3000}))
    doc.apply(SetActionBudget("a-cultuurbus", None))
    doc.apply(SetContribution(0.8))
    sd = doc.apply(AddObjective("sd", "Nieuw"))
    od = doc.apply(AddObjective("od", "Nieuwe od", sd))
    action = doc.apply(AddObjective("actie", "Nieuwe actie", od, {"jaren": [2027]}))
    doc.apply(SetActionBudget(action, amount=1000))
    doc.save()
    after = demo_params.read_text(encoding="utf-8")
    assert_comments_kept(original, after)
    assert after.index("actie: a-nieuwe-actie") < after.index("# --- Nota -")
    budget = load_plan(demo_params).plan.budget
    lines = {line.action: line for line in budget.actions}
    assert lines["a-regiowebsite"].amount == 5000 and lines["a-regiowebsite"].per_year == {}
    assert lines["a-drempelscan"].per_year == {2027: 3000}
    assert "a-cultuurbus" not in lines and lines[action].amount == 1000
    assert str(budget.contributions.per_inhabitant) == "0.8"


def test_staff_line(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(SetStaffLine.at(doc, 1, vte=0.8, kost_per_vte=61000))
    doc.save()
    staff = load_plan(demo_params).plan.budget.staff[1]
    assert str(staff.fte) == "0.8" and staff.cost_per_fte == 61000


# --- operations: recorded, described, replayed on a changed file --------------------------------

def test_applied_operations_are_pending_until_saved_and_described_in_dutch(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(MoveSwotItem(doc.swot_items("sterktes")[0]["id"], -1))  # changes nothing: not recorded
    ident = doc.apply(AddStakeholder("Jeugdhuis De Klik", "maatschappelijk", "supporter"))
    doc.apply(UpdateStakeholder(ident, {"gemeente": "Oostbeke"}))
    assert [op.describe() for op in doc.pending] == [
        "Stakeholder 'Jeugdhuis De Klik' toegevoegd", "Stakeholder 'jeugdhuis-de-klik' gewijzigd (gemeente)"]
    assert doc.pending[0] == AddStakeholder("Jeugdhuis De Klik", "maatschappelijk", "supporter", id=ident)
    assert SetContribution(0.8).describe() == "Gemeentelijke bijdrage per inwoner: 0,80 euro"
    assert SetActionBudget("a-x").describe() == "Budget van actie 'a-x' geschrapt"
    doc.save()
    assert doc.pending == []


def test_pending_operations_replay_onto_a_file_that_changed_on_disk(demo_params):
    doc = ParamsDocument(demo_params)
    doc.apply(UpdateStakeholder("rvb", {"naam": "Raad van bestuur (nieuw)"}))
    swot = doc.apply(AddSwotItem("kansen", "Samenwerken met scholen"))
    doc.apply(MoveObjectiveTo("od-drempels", "sd-aanbod"))
    doc.apply(SetAmountLine.at(doc, "werking", 1, amount=6400))
    doc.apply(SetActionBudget("a-regiowebsite", amount=4100))
    # meanwhile a colleague removes the first operations line and adds a comment, in the file itself
    def colleague(data) -> None:
        data["begroting"]["werking"].pop(0)
        data.yaml_set_comment_before_after_key("regio", before="Nagekeken door de voorzitter.")
    edit_params(demo_params, colleague)
    with pytest.raises(SaveConflictError):
        doc.save()
    fresh = ParamsDocument(demo_params)
    # the secretariat line is now the first one: the operation names index 1, so it no longer fits
    with pytest.raises(ReplayError):
        fresh.replay(doc.pending)
    assert not fresh.dirty and fresh.pending == [] and fresh.dumps() == demo_params.read_text(encoding="utf-8")
    pending = [op for op in doc.pending if not isinstance(op, SetAmountLine)]
    fresh.replay([*pending, SetAmountLine.at(fresh, "werking", 0, amount=6400)])
    fresh.save()
    after = demo_params.read_text(encoding="utf-8")
    assert "# Nagekeken door de voorzitter." in after
    plan = load_plan(demo_params).plan
    assert next(s for s in plan.stakeholder_list if s.id == "rvb").name == "Raad van bestuur (nieuw)"
    assert plan.swot.opportunities[-1].id == swot
    assert "od-drempels" in [od.id for sd in plan.objectives if sd.id == "sd-aanbod" for od in sd.objectives]
    assert [(line.label, line.amount) for line in plan.budget.operations][0] == (
        "Secretariaat en boekhouding (dienstverleningsovereenkomst)", 6400)
    demo_lines = load_plan(PARAMS_DIR / "voorbeeldregio.yml").plan.budget.operations
    assert len(plan.budget.operations) == len(demo_lines) - 1  # the colleague removed one
    assert next(line for line in plan.budget.actions if line.action == "a-regiowebsite").amount == 4100


def test_an_operation_that_made_an_id_replays_to_the_same_id(demo_params):
    doc = ParamsDocument(demo_params)
    ident = doc.apply(AddSwotItem("kansen", "Decreet"))
    assert ident == "ka-decreet-2"  # 'ka-decreet' is taken
    doc.apply(EditSwotItem(ident, text="Het nieuwe decreet"))
    sd = doc.apply(AddObjective("sd", "Jongeren maken cultuur"))
    doc.apply(AddObjective("od", "Een jongerenpanel", sd))
    assert [getattr(op, "id", None) for op in doc.pending] == [ident, ident, sd, "od-een-jongerenpanel"]
    # on disk, someone removes 'ka-decreet': a fresh id would now be 'ka-decreet' itself
    edit_params(demo_params, lambda data: data["swot"]["kansen"].pop(
        next(i for i, item in enumerate(data["swot"]["kansen"]) if item["id"] == "ka-decreet")))
    fresh = ParamsDocument(demo_params)
    assert fresh.replay(doc.pending) == [ident, None, sd, "od-een-jongerenpanel"]
    assert [item["id"] for item in fresh.swot_items("kansen")][-1] == "ka-decreet-2"
    assert fresh.swot_items("kansen")[-1]["tekst"] == "Het nieuwe decreet"
    fresh.save()
    # replayed where the id is in use meanwhile, the operation refuses in Dutch
    again = ParamsDocument(demo_params)
    with pytest.raises(ReplayError, match="het id 'ka-decreet-2' bestaat intussen al"):
        again.replay(doc.pending[:1])


def test_a_budget_line_operation_fails_clearly_when_the_line_changed(demo_params):
    doc = ParamsDocument(demo_params)
    op = SetAmountLine.at(doc, "werking", 2, amount=5200)
    assert op.seen == "Vorming, verplaatsingen en netwerkmomenten van het team"
    edit_params(demo_params, lambda data: data["begroting"]["werking"].pop(0))
    fresh = ParamsDocument(demo_params)
    with pytest.raises(ReplayError) as refused:
        fresh.replay([SetAmountLine.at(fresh, "werking", 0, amount=1), op])
    message = str(refused.value)
    assert "Wijziging 2 van 2 (Regel 'Vorming, verplaatsingen en netwerkmomenten van het team' van werking " \
           "gewijzigd)" in message
    assert "regel 3 van werking" in message and "heet intussen 'Huisstijl, drukwerk en algemene communicatie'" \
        in message
    assert "Geen enkele van deze wijzigingen is toegepast" in message
    assert fresh.amount_lines("werking")[0]["bedrag"] == 6000 and not fresh.dirty  # the first one is undone too
    gone = DeleteAmountLine.at(doc, "werking", len(doc.amount_lines("werking")) - 1)  # the last line
    with pytest.raises(ReplayError, match="bestaat niet meer"):
        fresh.replay([gone])
    staff = SetStaffLine.at(doc, 0, vte=1)
    edit_params(demo_params, lambda data: data["begroting"]["personeel"][0].__setitem__("functie", "Directeur"))
    with pytest.raises(ReplayError, match="heet intussen 'Directeur'"):
        ParamsDocument(demo_params).replay([staff])


# --- the comment-preserving list operations underneath ------------------------------------------

def test_list_operations_keep_comments_in_place():
    import io

    from igskit.editing.roundtrip import map_append, map_pop_item, seq_insert, to_node
    from igskit.params.reading import yaml_round_trip

    yaml = yaml_round_trip()
    source = (
        "lijst:\n"
        "  - id: a\n"
        "    tekst: >-\n"
        "      een lange tekst\n"
        "  # over b\n"
        "  - id: b\n"
        "    bedrag: 5  # met de hand nagekeken\n"
        "\n"
        "# --- Volgende sectie\n"
        "volgende: 1\n"
    )

    def dump(doc) -> str:
        buffer = io.StringIO()
        yaml.dump(doc, buffer)
        return buffer.getvalue()

    doc = yaml.load(source)
    seq_insert(doc["lijst"], 2, to_node({"id": "c"}))
    assert dump(doc) == source.replace("# met de hand nagekeken\n", "# met de hand nagekeken\n  - id: c\n")
    doc = yaml.load(source)
    map_pop_item(doc, "lijst", 1)  # b goes; the section header stays above 'volgende'
    text = dump(doc)
    assert "id: b" not in text and "# over b" in text
    assert text.endswith("# --- Volgende sectie\nvolgende: 1\n")
    doc = yaml.load(source)
    map_append(doc, "nieuw", to_node({"id": "d"}), ["lijst", "nieuw", "volgende"])
    text = dump(doc)
    assert text.index("# met de hand nagekeken") < text.index("nieuw:") < text.index("# --- Volgende sectie")


def _add_then_remove(doc: ParamsDocument) -> None:
    for category in ("intern", "lokale-overheid", "cultureel", "maatschappelijk", "doelgroep", "extern"):
        doc.apply(DeleteStakeholder(doc.apply(AddStakeholder("Nieuwe partner", category, "supporter"))))
    for quadrant in ("sterktes", "zwaktes", "kansen", "bedreigingen"):
        source = {"soort": "document", "verwijzing": "x"}
        doc.apply(DeleteSwotItem(doc.apply(AddSwotItem(quadrant, "Nieuw punt", (source,)))))
    for sd in doc.objectives():
        doc.apply(DeleteObjective(doc.apply(AddObjective("od", "Nieuwe od", sd["id"]))))
        for od in sd.get("ods", []):
            action = doc.apply(AddObjective("actie", "Nieuwe actie", od["id"], {"jaren": [2027]}))
            doc.apply(SetActionBudget(action, amount=100))
            doc.apply(DeleteObjective(action))
    doc.apply(DeleteObjective(doc.apply(AddObjective("sd", "Nieuwe sd"))))
    for section in ("andere_inkomsten", "werking"):
        if doc.amount_lines(section):
            doc.apply(DeleteAmountLine.at(doc, section, doc.apply(AddAmountLine(section, "Nieuwe regel", 10))))


@pytest.mark.parametrize("fixture", ["demo_params", "small_params"])
def test_adding_and_removing_again_gives_back_the_file_byte_for_byte(fixture, request):
    path = request.getfixturevalue(fixture)
    doc = ParamsDocument(path)
    _add_then_remove(doc)
    assert doc.dumps() == path.read_text(encoding="utf-8")
