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
    assert agreement.network_name(load_plan(run["params"])) in flat
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
