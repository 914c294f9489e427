"""Two editions of one run: the indienversie (nota.*) a board signs, the werkversie (werkversie.*)
the planning team reads; title page, status, goedkeuring and the house table style.

One executed run of the demo region (with one text left out, a partial goedkeuring and a logo) is
shared by every check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from igskit.errors import ParamsError
from igskit.params.load import load_plan
from igskit.params.schema import Plan
from igskit.paths import PARAMS_DIR
from igskit.planning import approval, conformance
from igskit.render.book import read_book, read_profile
from igskit.run import pipeline

from .conftest import copy_region, edit_params

FORBIDDEN = ("Controle", "Aandacht", "Ontbreekt", "Blokkerend", "kwaliteitscontrole", "params", "SHA-256")
# case-sensitive where the region's own prose may use the lower-case word ("bijzondere aandacht")
CASE_SENSITIVE = {"Controle", "Aandacht", "Ontbreekt", "Blokkerend"}
APPROVED = {"Kapelhoven": "2026-03-10", "Wervelde": "2026-03-12"}


def params_keys(model=Plan, prefix: str = "") -> set[str]:
    """Every dotted params key of the schema (Dutch aliases), e.g. ``begroting.regels.minimum_subsidie``."""
    import typing

    from pydantic import BaseModel

    keys = set()
    for name, info in model.model_fields.items():
        key = f"{prefix}{info.alias or name}"
        keys.add(key)
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    keys |= params_keys(inner, f"{key}.")
    return {k for k in keys if "." in k}


KNOWN_KEYS = params_keys()
DOTTED = re.compile(r"\b[a-z_]+(?:\.[a-z_]+)+\b")


def dotted_keys(text: str) -> set[str]:
    return {m for m in DOTTED.findall(text) if m in KNOWN_KEYS}


def forbidden_in(text: str) -> list[str]:
    found = [w for w in FORBIDDEN if (w in text if w in CASE_SENSITIVE else w.lower() in text.lower())]
    return found + sorted(dotted_keys(text))


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", " ", xml.replace("</w:p>", "\n"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("edities")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    import matplotlib.pyplot as plt

    plt.imsave(params.parent / "logo.png", [[[0.05, 0.3, 0.35]] * 8] * 4)

    def change(doc):
        doc["nota"]["logo"] = "logo.png"
        del doc["nota"]["teksten"]["zakelijk_plan"]  # a blocking finding with its params key
        doc["goedkeuring"] = {"raad_van_bestuur": {"datum": "2026-02-20", "referentie": "RvB/2026/04"},
                              "gemeenteraden": [{"gemeente": g, "datum": d} for g, d in APPROVED.items()]}

    edit_params(params, change)
    result = pipeline.run(params, outputs=root / "outputs", progress=pipeline.Progress(write=lambda _line: None))
    return {"params": params, "version": result.version.path, "region": root / "outputs" / "voorbeeldregio",
            "plan": load_plan(params).plan}


def test_both_editions_are_published(run):
    for name in ("nota.html", "nota.docx", "nota.pdf", "werkversie.html", "werkversie.pdf"):
        assert (run["region"] / name).is_file(), name
        assert (run["version"] / name).is_file(), name


def test_indienversie_has_no_checks_findings_keys_or_hashes(run):
    docx = docx_text(run["region"] / "nota.docx")
    pdf = "\n".join(pdf_pages(run["region"] / "nota.pdf"))
    html = (run["region"] / "nota.html").read_text(encoding="utf-8")
    html_text = re.sub(r"<[^>]+>", " ", html[html.index("<body"):])
    for name, text in (("docx", docx), ("pdf", pdf), ("html", html_text)):
        assert forbidden_in(text) == [], name
    # the data a check is about still shows: the chapters, the tables and the goedkeuring
    assert "Zakelijk plan" in docx and "Meerjarenbegroting" in pdf
    assert "Goedkeuring" in docx and "Kapelhoven" in docx


def test_werkversie_has_every_finding_the_kwaliteitscontrole_and_the_provenance(run):
    pdf = "\n".join(pdf_pages(run["region"] / "werkversie.pdf"))
    html = (run["region"] / "werkversie.html").read_text(encoding="utf-8")
    for text in (pdf, html):
        missing = [w for w in FORBIDDEN if w.lower() not in text.lower()]
        assert missing == []
        assert "nota.teksten.zakelijk_plan" in text
    assert dotted_keys(pdf)
    assert "Herkomst van deze versie" in pdf and "Werkversie voor het planningsteam" in pdf
    assert "Nog in te vullen in het params-bestand" in pdf
    # the goedkeuring's missing decisions are findings in the werkversie
    assert "gemeenteraad ontbreekt nog voor Oostbeke" in pdf.replace("\n", " ")


def test_title_page_has_status_version_and_logo(run):
    first = pdf_pages(run["region"] / "nota.pdf")[0]
    assert "Status: Ontwerp" in first and "Versie v1" in first
    assert "Cultuurnota 2027–2032" in first and "IGS cultuur Cultuurregio Wervelland" in first
    reader = PdfReader(run["region"] / "nota.pdf")
    assert reader.pages[0].images, "het logo staat op de titelpagina"
    doc = Document(run["region"] / "nota.docx")
    opening = "\n".join(p.text for p in doc.paragraphs[:8])
    assert "Status: Ontwerp" in opening and "versie v1" in opening
    with zipfile.ZipFile(run["region"] / "nota.docx") as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())  # the logo
    html = (run["region"] / "nota.html").read_text(encoding="utf-8")
    assert "Status: Ontwerp" in html and 'src="data:image/png;base64,' in html


def test_every_page_of_a_draft_says_so(run):
    marker = approval.draft_marker(run["plan"], "v1")
    for name in ("nota.pdf", "werkversie.pdf"):
        pages = pdf_pages(run["region"] / name)
        assert all("Ontwerp – nog niet goedgekeurd" in page for page in pages), name
    doc = Document(run["region"] / "nota.docx")
    for section in doc.sections:
        assert marker in section.header.paragraphs[0].text
        assert marker in section.first_page_header.paragraphs[0].text
    assert 'class="ontwerp-banner"' in (run["region"] / "nota.html").read_text(encoding="utf-8")


def test_approved_nota_has_no_draft_marker(run, tmp_path):
    from ruamel.yaml import YAML

    from igskit.render.embedded import render_embedded

    build = tmp_path / "definitief"
    shutil.copytree(run["version"], build)
    config = read_book(build)
    del config["igskit"]["ontwerp"]
    config["igskit"]["status"] = "Definitief"
    with (build / "_quarto.yml").open("w", encoding="utf-8") as fh:
        YAML().dump(config, fh)
    render_embedded(build, ["docx", "pdf"])
    pages = pdf_pages(build / "nota.pdf")
    assert "Status: Definitief" in pages[0]
    assert not any("Ontwerp – nog niet goedgekeurd" in page for page in pages)
    assert "header-ontwerp" not in "".join(zipfile.ZipFile(build / "nota.docx").namelist())


def test_approval_table_has_one_row_per_gemeente(run):
    names = run["plan"].region.municipality_names
    doc = Document(run["region"] / "nota.docx")
    header = ["Gemeente", "Beslissing gemeenteraad"]
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == header)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == names
    assert rows[0][1] == "10 maart 2026" and rows[1][1] == "12 maart 2026"
    assert all(r[1] == "nog niet beslist" for r in rows[2:])
    text = docx_text(run["region"] / "nota.docx")
    assert "De raad van bestuur keurde deze nota goed op 20 februari 2026 (referentie RvB/2026/04)." in text


def test_missing_decisions_are_findings_blocking_only_when_definitief(run, tmp_path):
    plan = run["plan"]
    found = {f.key: f.status for f in approval.findings(plan) if not f.ok}
    assert found == {"goedkeuring.gemeenteraden": "aandacht"}  # a draft: attention, not blocking
    final = plan.model_copy(update={"nota": plan.nota.model_copy(update={"status": "definitief"})})
    found = {f.key: f.status for f in approval.findings(final) if not f.ok}
    assert found == {"goedkeuring.gemeenteraden": "blokkerend"}
    board = final.model_copy(update={"approval": final.approval.model_copy(update={"board": None}),
                                     "nota": plan.nota.model_copy(update={"status": "goedgekeurd-raad-van-bestuur"})})
    assert {f.key: f.status for f in approval.findings(board) if not f.ok} == {
        "goedkeuring.raad_van_bestuur": "blokkerend", "goedkeuring.gemeenteraden": "aandacht"}
    review = conformance.review(load_plan(run["params"]))
    assert any(f.topic == "Goedkeuring" and f.status == "aandacht" for f in review)


def test_params_errors_for_logo_and_goedkeuring(run, tmp_path):
    params = copy_region(run["params"], tmp_path / "p")
    shutil.copyfile(run["params"].parent / "logo.png", params.parent / "logo.png")
    (params.parent / "nep.png").write_text("geen afbeelding", encoding="utf-8")
    (tmp_path / "buiten.png").write_bytes((run["params"].parent / "logo.png").read_bytes())
    for logo, words in (("nep.png", "geen PNG"), ("../buiten.png", "buiten de map"), ("weg.png", "bestaat niet")):
        edit_params(params, lambda doc, logo=logo: doc["nota"].__setitem__("logo", logo))
        with pytest.raises(ParamsError) as error:
            load_plan(params)
        assert words in str(error.value) and "nota.logo" in str(error.value)
    edit_params(params, lambda doc: doc["nota"].__setitem__("logo", "logo.png"))
    edit_params(params, lambda doc: doc["goedkeuring"]["gemeenteraden"][0].__setitem__("gemeente", "Atlantis"))
    with pytest.raises(ParamsError) as error:
        load_plan(params)
    assert "'Atlantis' is geen gemeente van de regio" in str(error.value)


def test_docx_tables_have_widths_header_rows_and_alignment(run):
    with zipfile.ZipFile(run["region"] / "nota.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
        settings = docx.read("word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S)
    assert len(tables) > 20
    for table in tables:
        assert 'w:jc w:val="center"' not in table  # no centred cells
        widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
        assert widths and all(w > 300 for w in widths)  # explicit column widths (twips)
        assert "<w:tblHeader" in table  # the header row repeats on every page
    coverage = next(t for t in tables if re.search(r"<w:t[^>]*>Totaal</w:t>", t) and "Kapelhoven" in t)
    rows = re.findall(r"<w:tr>.*?</w:tr>", coverage, flags=re.S)
    cells = re.findall(r"<w:tc>.*?</w:tc>", rows[1], flags=re.S)
    assert 'w:jc w:val="right"' not in cells[0] and "Kapelhoven" in cells[0]  # text left
    assert all('w:jc w:val="right"' in cell for cell in cells[1:])  # amounts and counts right


def test_html_tables_are_aligned_and_codes_unbroken(run):
    html = (run["region"] / "nota.html").read_text(encoding="utf-8")
    assert not re.search(r'<t[dh][^>]*text-align: center', html)
    assert re.search(r'<td style="text-align: ?right;?">[\d.]+</td>', html)
    assert '<span class="code">SD1-OD1-A1</span>' in html
    assert re.search(r'<col style="width: ?[\d.]+%', html)


def test_codes_never_break_in_pdf(run):
    typ = (run["version"] / "nota.typ").read_text(encoding="utf-8")
    assert "#heel[SD1-OD1-A1]" in typ
    text = "\n".join(pdf_pages(run["region"] / "nota.pdf"))
    assert "SD1-OD1-A1" in text and "\u2011" not in text  # one line, plain hyphens in the text


def test_headings_are_kept_with_what_follows(run):
    template = (run["version"] / "nota-sjabloon.typ").read_text(encoding="utf-8")
    assert "show heading: set block(sticky: true)" in template
    doc = Document(run["region"] / "nota.docx")
    for level in (1, 2, 3):
        assert doc.styles[f"Heading {level}"].paragraph_format.keep_with_next


def test_quarto_project_has_a_werkversie_profile(run):
    build = run["version"]
    config = read_book(build)
    profile = read_profile(build)
    assert "bijlage-herkomst.qmd" not in config["book"]["appendices"]
    assert profile == {"project": {"output-dir": "_book-werkversie"},
                       "book": {"output-file": "werkversie", "appendices": ["bijlage-herkomst.qmd"]}}
    assert (build / "_quarto-werkversie.yml").is_file()
    assert config["igskit"]["status"] == "Ontwerp" and config["igskit"]["versie"] == "v1"
    assert config["igskit"]["logo"] == "logo.png" and (build / "logo.png").is_file()
    # Quarto's own title page has no status field: its subtitle carries status and version, the
    # logo is the HTML book's cover; the embedded renderer takes the plain subtitle from `igskit`
    assert config["book"]["subtitle"].endswith("· Status: Ontwerp · versie v1")
    assert config["book"]["cover-image"] == "logo.png"
    assert "Status" not in config["igskit"]["subtitle"]
    banner = config["format"]["html"]["include-before-body"][0]["text"]
    assert "ontwerp-banner" in banner
    assert "#set page(header:" in config["format"]["typst"]["include-before-body"][0]["text"]
    nota = (build / "05-nota.ipynb").read_text(encoding="utf-8")
    assert 'when-profile=\\"werkversie\\"' in nota  # Quarto's conditional content, in the outputs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer) ontbreekt")
def test_docx_opened_in_libreoffice_has_toc_and_unbroken_gemeenten(run, tmp_path):
    shutil.copyfile(run["region"] / "nota.docx", tmp_path / "nota.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profiel",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "nota.docx")],
                   check=True, capture_output=True, timeout=240)
    pages = pdf_pages(tmp_path / "nota.pdf")
    lines = {line.strip() for page in pages for line in page.splitlines()}
    for name in run["plan"].region.municipality_names:
        assert name in lines, name  # the approval table's first column: each name whole on one line
    contents = next(page for page in pages if "Inhoudsopgave" in page)
    for title in ("Stakeholders en netwerk", "Omgevingsanalyse en SWOT", "Visie, prioriteiten en doelstellingen",
                  "Meerjarenbegroting", "Werking, netwerk en zakelijk plan"):
        assert re.search(rf"\d+\s+{re.escape(title)}", contents), title
    assert all("Ontwerp – nog niet goedgekeurd" in page for page in pages)
