"""The afsprakennota as its own dossier: a sixth step, its own Quarto project and documents.

One executed run of the demo region (which starts a bovenlokaal netwerk vrijetijdsparticipatie)
is shared by the checks; the last test switches the afsprakennota off in that same region.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from igskit.params.load import load_plan
from igskit.paths import PARAMS_DIR
from igskit.planning import network, network_budget
from igskit.render import agreement
from igskit.render.book import read_book, read_profile
from igskit.run import pipeline, steps

from .conftest import copy_region, edit_params
from .test_editions import docx_text, forbidden_in, pdf_pages

PARTS = ("Omgevingsanalyse van armoede en drempels", "Visie op vrijetijdsparticipatie",
         "Strategische en operationele doelstellingen", "Geplande acties", "Partners en hun betrokkenheid",
         "Zakelijk deel")
DOCUMENTS = ("afsprakennota.html", "afsprakennota.docx", "afsprakennota.pdf",
             "afsprakennota-werkversie.html", "afsprakennota-werkversie.pdf")


def quiet():
    return pipeline.Progress(write=lambda _line: None)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("afsprakennota")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    result = pipeline.run(params, outputs=root / "outputs", progress=quiet())
    return {"params": params, "root": root, "version": result.version.path, "result": result,
            "region": root / "outputs" / "voorbeeldregio", "plan": load_plan(params).plan}


def heading_1(path: Path, level: str = "Heading 1") -> list[str]:
    """The DOCX's headings of one level (or every level: "Heading"), without their section numbers."""
    return [re.sub(r"^[\d.]+\s+", "", p.text).strip() for p in Document(path).paragraphs
            if p.style.name.startswith(level)]


def test_the_afsprakennota_is_a_sixth_step_only_when_asked(run):
    assert steps.steps_for(run["plan"])[-1] is steps.AGREEMENT
    assert "06-afsprakennota" in run["result"].executed
    assert (run["version"] / "06-afsprakennota.ipynb").is_file()
    off = run["plan"].model_copy(update={"nota": run["plan"].nota.model_copy(update={"include_agreement": False})})
    assert steps.AGREEMENT not in steps.steps_for(off)


def test_both_editions_of_the_afsprakennota_are_published(run):
    for name in DOCUMENTS:
        assert (run["region"] / name).is_file(), name
        assert (run["version"] / name).is_file(), name
    manifest = (run["version"] / "manifest.json").read_text(encoding="utf-8")
    assert all(f'"{name}"' in manifest for name in DOCUMENTS)  # their hashes are published


def test_docx_has_the_decree_parts_as_heading_1_in_order(run):
    found = heading_1(run["region"] / "afsprakennota.docx")
    assert found[:len(PARTS)] == list(PARTS)


def test_title_page_names_network_gemeenten_period_status_and_version(run):
    plan = run["plan"]
    first = pdf_pages(run["region"] / "afsprakennota.pdf")[0]
    flat = " ".join(first.split())
    assert "Afsprakennota vrijetijdsparticipatie" in flat
    assert network.name(plan) in flat
    for name in plan.region.municipality_names:
        assert name in flat
    assert f"subsidieperiode {plan.region.period.start}–{plan.region.period.end}" in flat
    assert "Status: Ontwerp" in flat and "Versie v1" in flat
    assert flat.count("Status: Ontwerp") == 1  # the embedded title page: the plain subtitle
    # a draft says so on every page
    assert all("Ontwerp – nog niet goedgekeurd" in page for page in pdf_pages(run["region"] / "afsprakennota.pdf"))


def test_indienversie_of_the_afsprakennota_has_no_checks_or_keys(run):
    for text in (docx_text(run["region"] / "afsprakennota.docx"),
                 "\n".join(pdf_pages(run["region"] / "afsprakennota.pdf"))):
        assert forbidden_in(text) == []


def test_werkversie_has_the_same_parts(run):
    pages = "\n".join(pdf_pages(run["region"] / "afsprakennota-werkversie.pdf"))
    positions = [pages.find(part) for part in PARTS]
    assert -1 not in positions and positions == sorted(positions)


def test_quarto_project_of_the_afsprakennota(run):
    project = run["version"] / agreement.FOLDER
    config = read_book(project)
    assert config["project"] == {"type": "default", "output-dir": "_uitvoer", "render": ["afsprakennota.ipynb"]}
    assert "book" not in config  # a single document: the decree's parts are its level-1 headings
    assert config["number-sections"] is True and config["toc"] is True
    assert set(config["format"]) == {"html", "docx", "typst"}
    assert config["format"]["html"]["embed-resources"] is True
    assert config["format"]["docx"]["reference-doc"] == "reference.docx" and (project / "reference.docx").is_file()
    assert config["igskit-uitvoer"] == {"indienversie": "afsprakennota", "werkversie": "afsprakennota-werkversie"}
    assert config["igskit"]["versie"] == "v1"
    assert config["subtitle"].endswith("· Status: Ontwerp · versie v1")  # Quarto's title page
    assert read_profile(project) == {"project": {"output-dir": "_uitvoer-werkversie"}}
    assert (project / "afsprakennota.ipynb").read_bytes() == (run["version"] / "06-afsprakennota.ipynb").read_bytes()


# --- the decree's parts, read back from the DOCX a region hands in ---------------------------------

def parts_of(path: Path) -> dict[str, list[list[list[str]]]]:
    """The DOCX's tables per level-1 heading (each table as rows of cell texts, hyphens normalised)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(path)
    parts: dict[str, list] = {}
    current = None
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, doc)
            if paragraph.style.name == "Heading 1":
                current = re.sub(r"^\d+\s+", "", paragraph.text).strip()
                parts[current] = []
        elif child.tag.endswith("}tbl") and current is not None:
            table = Table(child, doc)
            parts[current].append([[cell.text.replace("\u2011", "-").strip() for cell in row.cells]
                                   for row in table.rows])
    return parts


def column(table: list[list[str]], word: str) -> int:
    return next(i for i, header in enumerate(table[0]) if word.lower() in header.lower())


def test_part_3_lists_the_networks_objectives_with_their_codes(run):
    tables = parts_of(run["region"] / "afsprakennota.docx")[PARTS[2]]
    codes = {row[column(tables[0], "Code")] for row in tables[0][1:]}
    expected = set(network.objectives_table(run["plan"])["Code"].str.replace("\u2011", "-"))
    assert codes == expected and any("-OD" in code for code in codes)


def test_part_5_has_one_row_per_partner_with_engagement_and_role(run):
    table = parts_of(run["region"] / "afsprakennota.docx")[PARTS[4]][0]
    partners = network.partners(run["plan"])
    assert len(table) - 1 == len(partners)
    engagement, role = column(table, "engage"), column(table, "rol")
    for row, partner in zip(table[1:], partners):
        assert partner.name in row[0]
        assert "Brengt" in row[engagement] or "Engageert" in row[engagement], row
        assert row[role] not in ("", "–"), row


def test_part_6_budget_is_balanced_and_equals_igskits_numbers(run):
    from igskit.planning.budget import euro

    plan = run["plan"]
    table = next(t for t in parts_of(run["region"] / "afsprakennota.docx")[PARTS[5]] if t[0][0] == "Post")
    rows = {row[0]: row[1:] for row in table[1:]}
    totals = network_budget.totals(plan)
    years = [str(y) for y in plan.region.period.years]
    assert table[0][1:1 + len(years)] == years
    for label, key in (("Totaal inkomsten", "inkomsten"), ("Totaal uitgaven", "uitgaven"),
                       ("Saldo (+ reserve / − tekort)", "saldo")):
        assert rows[label][:len(years)] == [euro(int(totals.loc[int(y), key])) for y in years], label
    assert network_budget.balanced(plan) and (totals["saldo"] >= 0).all()


@pytest.fixture(scope="module")
def without_ocmw(tmp_path_factory):
    """The demo with Oostbeke's OCMW no longer a partner of the network (and nobody covering it)."""
    root = tmp_path_factory.mktemp("zonder-ocmw")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")

    def drop(doc):
        for stakeholder in doc["stakeholders"]:
            if stakeholder.get("armoedepartner") == "ocmw" and "netwerkpartner" in stakeholder and (
                    stakeholder.get("gemeente") == "Oostbeke"
                    or "Oostbeke" in (stakeholder["netwerkpartner"].get("voor_gemeenten") or [])
                    or stakeholder["netwerkpartner"].get("voor_gemeenten") == "alle gemeenten"):
                del stakeholder["netwerkpartner"]

    edit_params(params, drop)
    plan = load_plan(params).plan
    assert [f for f in network.decree_findings(plan) if f.status == "blokkerend" and "Oostbeke" in f.message]
    pipeline.run(params, outputs=root / "outputs", progress=quiet())
    return {"params": params, "region": root / "outputs" / "voorbeeldregio"}


def test_a_gemeente_without_ocmw_is_named_in_check_and_werkversie_not_in_the_indienversie(without_ocmw, capsys):
    from igskit import cli

    assert cli.main(["check", str(without_ocmw["params"])]) == 1
    assert "Oostbeke: geen OCMW" in " ".join(capsys.readouterr().out.split())
    working = " ".join(" ".join(pdf_pages(without_ocmw["region"] / "afsprakennota-werkversie.pdf")).split())
    assert "Oostbeke: geen OCMW" in working
    for text in (docx_text(without_ocmw["region"] / "afsprakennota.docx"),
                 "\n".join(pdf_pages(without_ocmw["region"] / "afsprakennota.pdf"))):
        assert "geen OCMW" not in " ".join(text.split())
        assert forbidden_in(text) == []


def test_a_region_that_stops_the_afsprakennota_publishes_none(run):
    """Runs last: switching it off in the same region removes the published afsprakennota."""
    edit_params(run["params"], lambda doc: doc["nota"].__setitem__("afsprakennota", False))
    result = pipeline.run(run["params"], outputs=run["root"] / "outputs", progress=quiet())
    version = result.version.path
    assert "06-afsprakennota" not in result.executed + result.reused
    assert not list(version.glob("afsprakennota*")) and not (version / "06-afsprakennota.ipynb").exists()
    assert not list(run["region"].glob("afsprakennota*"))
    for name in ("nota.docx", "nota.pdf", "werkversie.pdf"):
        assert (run["region"] / name).is_file()
    assert "afsprakennota" not in " ".join(heading_1(run["region"] / "nota.docx", "Heading")).lower()
