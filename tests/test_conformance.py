from igskit import load_plan
from igskit.cli import main
from igskit.planning import conformance

from .conftest import FIXTURES, edit_params


def statuses(path):
    return {f.message: f.status for f in conformance.review(load_plan(path))}


def test_demo_region_is_ready():
    findings = conformance.review(load_plan("params/voorbeeldregio.yml"))
    assert conformance.is_ready(findings), [f.message for f in findings if f.status == "blokkerend"]


def test_required_texts_pass_and_fail(demo_params):
    assert statuses(demo_params)["Waarom deze gemeenten samen: aanwezig."] == "in orde"
    edit_params(demo_params, lambda doc: doc["nota"]["teksten"].pop("samenhang_gemeenten"))
    assert statuses(demo_params)["Waarom deze gemeenten samen: ontbreekt nog."] == "blokkerend"


def test_afsprakennota_parts_only_when_asked(demo_params):
    assert any(f.topic == "Afsprakennota" for f in conformance.review(load_plan(demo_params)))
    edit_params(demo_params, lambda doc: doc["nota"].__setitem__("afsprakennota", False))
    assert not any(f.topic == "Afsprakennota" for f in conformance.review(load_plan(demo_params)))


def test_afsprakennota_needs_poverty_partners():
    found = conformance.review(load_plan(FIXTURES / "kleineregio.yml"))
    assert any(f.topic == "Afsprakennota" and f.status == "blokkerend" and "OCMW" in f.message for f in found)
    assert not conformance.is_ready(found)


def test_check_command_exit_codes(demo_params, capsys):
    assert main(["check", str(demo_params)]) == 0
    assert "klaar om in te dienen" in capsys.readouterr().out
    assert main(["check", str(FIXTURES / "kleineregio.yml")]) == 1
    out = capsys.readouterr().out
    assert "nog niet klaar" in out and "→ stakeholders[].armoedepartner" in out
    edit_params(demo_params, lambda doc: doc.insert(0, "onbekend", 1))
    assert main(["check", str(demo_params)]) == 2
