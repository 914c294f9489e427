"""`igskit nieuw`: a real region from its gemeenten, valid at once, and a draft nota in one go."""

from __future__ import annotations

import os

import pytest

from igskit import cli, load_plan
from igskit.editing import newregion
from igskit.planning import conformance

NAME = "Cultuurregio Leie en Schelde"
# seven real gemeenten, all in referentieregio Regio Gent (Kruisem, the example, lies in
# the Vlaamse Ardennen: it is the second region of the two-referentieregio test)
SEVEN = "Deinze, Zulte, Gavere, Nazareth-De Pinte, Sint-Martens-Latem, Lievegem, Merelbeke-Melle"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """`igskit nieuw` then `igskit run` on the new file, both through the real CLI."""
    root = tmp_path_factory.mktemp("nieuw")
    params = root / "params"
    code_new = cli.main(["nieuw", NAME, "--gemeenten", SEVEN, "--map", str(params)])
    path = params / "cultuurregio-leie-en-schelde.yml"
    before = os.environ.get("IGSKIT_OUTPUTS")
    os.environ["IGSKIT_OUTPUTS"] = str(root / "outputs")
    try:
        code_run = cli.main(["run", str(path)])
    finally:
        if before is None:
            os.environ.pop("IGSKIT_OUTPUTS")
        else:
            os.environ["IGSKIT_OUTPUTS"] = before
    return code_new, code_run, path, root / "outputs" / "cultuurregio-leie-en-schelde"


def test_nieuw_writes_a_valid_file_with_the_gemeenten_prefilled(drafted):
    code_new, _run, path, _out = drafted
    assert code_new == 0
    text = path.read_text(encoding="utf-8")
    assert "nis: '44086'" in text and "inwoners: 22583" in text  # Nazareth-De Pinte
    assert "startwaarde" in text and "Statbel" in text and "IN TE VULLEN" in text
    plan = load_plan(path).plan
    assert plan.region.slug == "cultuurregio-leie-en-schelde"
    assert plan.region.reference_region == "Regio Gent" and not plan.region.fictitious
    assert len(plan.region.municipalities) == 7 and plan.region.inhabitants == 166_099
    assert (path.parent / "cultuurregio-leie-en-schelde" / "indicatoren.csv").is_file()


def test_new_file_is_not_ready_and_says_what_remains(drafted):
    _new, _run, path, _out = drafted
    findings = conformance.review(load_plan(path))
    assert not conformance.is_ready(findings)
    remaining = [f for f in findings if f.status == "blokkerend" and f.message.startswith("Nog in te vullen")]
    assert {f.key for f in remaining} >= {"visie", "regio.regiocoordinator", "nota.teksten"}
    assert any("Interne analyse" in f.message and "nog niet beantwoord" in f.message for f in findings)


def test_run_makes_a_draft_nota_at_once(drafted):
    _new, code_run, _path, out = drafted
    assert code_run == 0
    for name in ("nota.html", "nota.docx", "nota.pdf"):
        assert (out / name).stat().st_size > 0
    html = (out / "nota.html").read_text(encoding="utf-8")
    assert html.count("IN TE VULLEN") >= 10  # every placeholder visible as such
    working = " ".join((out / "werkversie.html").read_text(encoding="utf-8").split())
    assert "Wat nog te doen is, per planningsstap" in working  # the werkversie's list per step
    assert "Wat nog te doen is, per planningsstap" not in html  # never in the indienversie
    assert "Stap 3: visie en doelstellingen" in working


def test_nieuw_says_the_threshold_on_the_spot(tmp_path, capsys):
    assert cli.main(["nieuw", "Klein", "--gemeenten", "Zulte, Gavere", "--map", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "28.694 inwoners" in out and "ONDER de drempel van 85.000" in out


def test_nieuw_never_overwrites(drafted, capsys):
    _new, _run, path, _out = drafted
    before = path.read_bytes()
    assert cli.main(["nieuw", NAME, "--gemeenten", "Deinze", "--map", str(path.parent)]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_pre_fusion_name_exits_2_with_the_fusion(tmp_path, capsys):
    assert cli.main(["nieuw", "X", "--gemeenten", "Deinze, Nazareth, Zulte", "--map", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in err
    assert not any(tmp_path.iterdir())


def test_unknown_name_gets_the_closest_names(tmp_path, capsys):
    assert cli.main(["nieuw", "X", "--gemeenten", "Deinse", "--map", str(tmp_path)]) == 2
    assert "bedoel je 'Deinze'" in capsys.readouterr().err


def test_asking_on_the_terminal_checks_every_name():
    answers = iter(["Regio Test", "deinze", "De Pinte", "Zulte", "Zulte", ""])
    said: list[str] = []
    name, names = newregion.ask(prompt=lambda _q: next(answers), say=said.append)
    assert (name, names) == ("Regio Test", ["Deinze", "Zulte"])
    text = "\n".join(said)
    assert "Nazareth en De Pinte vormen sinds 2025 de gemeente Nazareth-De Pinte" in text
    assert "Zulte staat er al in" in text and "NIS 44083" in text


def test_nieuw_without_terminal_and_without_gemeenten_explains(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["nieuw", "X", "--map", str(tmp_path)]) == 2
    assert "--gemeenten" in capsys.readouterr().err


def test_what_remains_is_grouped_per_planning_step(drafted):
    from igskit.planning import remaining

    _new, _run, path, _out = drafted
    grouped = remaining.per_step(conformance.review(load_plan(path)))
    assert list(grouped) == ["Regio", "Planningsproces", "Stap 1: stakeholders", "Stap 2: omgevingsanalyse en SWOT",
                             "Stap 3: visie en doelstellingen", "Stap 4: begroting", "Stap 5: nota"]
    assert any(f.key == "begroting.personeel" for f in grouped["Stap 4: begroting"])
    assert any(f.key == "nota.teksten.notendop" for f in grouped["Stap 5: nota"])


def test_the_commented_afsprakennota_block_is_valid_once_uncommented(tmp_path):
    """The template's afsprakennota block, switched on as its comment says, loads and names what remains."""
    assert cli.main(["nieuw", NAME, "--gemeenten", SEVEN, "--map", str(tmp_path)]) == 0
    path = tmp_path / "cultuurregio-leie-en-schelde.yml"
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        inside = line.startswith("# afsprakennota:") or (inside and line.startswith("#"))
        lines.append(line[2:] if inside else line)
    text = "\n".join(lines).replace("  afsprakennota: false", "  afsprakennota: true")
    path.write_text(text + "\n", encoding="utf-8")
    findings = conformance.review(load_plan(path))
    messages = [f.message for f in findings if f.status == "blokkerend"]
    assert "Nog in te vullen: afsprakennota: naam, armoedeanalyse, drempels, visie, visie_gedeeld." in messages
    assert any(m.startswith("Deinze: geen OCMW") for m in messages)
    assert "1. Wat mensen in armoede vertelden (wie, hoe, wat): ontbreekt nog." in messages
