"""Hostile text in every free-text field: the real pipeline runs once, every document is opened.

Text from a params file is data, never markup: nothing in it becomes live in nota.html, every
payload is shown literally in HTML, DOCX and PDF, no Excel cell from it is a formula, no file
from outside the project is embedded, and no Quarto shortcode survives into the book project.
"""

from __future__ import annotations

import hashlib
import re
import zipfile

import nbformat
import pytest
from bs4 import BeautifulSoup
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from igskit.paths import PARAMS_DIR
from igskit.run import pipeline

from .conftest import copy_region
from .hostile import MUNICIPALITY_NAMES, PAYLOADS, PROSE_VISIBLE, make_hostile_region, png, string_fields


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_normalise(text: str) -> str:
    # the PDF's font maps its hyphen glyph to U+00AD; a hyphenation break is "\xad" + newline
    return normalise(text.replace("\xad\n", "").replace("\xad", "-"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("vijandig")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    outside = root / "buiten" / "geheim.png"
    outside.parent.mkdir()
    outside.write_bytes(png())
    injected = make_hostile_region(params, outside)
    outputs = root / "outputs"
    result = pipeline.run(params, outputs=outputs, progress=pipeline.Progress(write=lambda _line: None))
    region = outputs / "voorbeeldregio"
    html = (region / "nota.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    document = Document(region / "nota.docx")
    docx_parts = [p.text for p in document.paragraphs]
    docx_parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    pdf = " ".join(page.extract_text() for page in PdfReader(region / "nota.pdf").pages)
    cells = []
    for name in ("begroting.xlsx", "stakeholders.xlsx"):
        for sheet in load_workbook(region / name).worksheets:
            cells += [(name, sheet.title, c) for row in sheet.iter_rows() for c in row if c.value is not None]
    return {"params": params, "injected": injected, "result": result, "region": region, "outside": outside,
            "agreement_text": agreement_text(region, params, root),
            "version": result.version.path, "html": html, "soup": soup,
            "html_text": normalise(soup.body.get_text(" ")), "docx_text": normalise(" ".join(docx_parts)),
            "pdf_text": pdf_normalise(pdf), "cells": cells,
            # the werkversie: the same plus findings and the provenance appendix (label, note)
            "working_text": normalise(BeautifulSoup((region / "werkversie.html").read_text(encoding="utf-8"),
                                                    "html.parser").body.get_text(" "))}


def agreement_text(region, params, root) -> str:
    """The afsprakennota's text: its HTML when the run made one, else notebook 06 executed on its own."""
    html = region / "afsprakennota.html"
    if html.exists():
        return normalise(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").body.get_text(" "))
    import nbformat

    from igskit.paths import NOTEBOOKS_DIR
    from igskit.run.jupyter import execute_step

    out = root / "06-afsprakennota.ipynb"
    execute_step(NOTEBOOKS_DIR / "06-afsprakennota.ipynb", out, {"params_path": str(params)}, cwd=root)
    shown = [o["data"]["text/markdown"] for cell in nbformat.read(out, as_version=4).cells
             for o in cell.get("outputs", []) if "text/markdown" in o.get("data", {})]
    return normalise(" ".join(shown))


# --- the corpus itself ---------------------------------------------------------------------------

def test_every_free_text_field_of_the_schema_holds_a_payload(hostile):
    fields = {(f.model, f.attribute) for f in string_fields()}
    injected = {(i.field.model, i.field.attribute) for i in hostile["injected"]}
    assert len(fields) >= 25
    assert fields == injected, f"niet bereikt in het demobestand: {fields - injected}"
    assert {i.field.attribute for i in hostile["injected"] if i.field.prose} >= {"text", "directing_role", "answer",
                                                                                 "summary", "poverty_analysis"}


def test_every_injected_value_reaches_a_document(hostile):
    """Each field's tag (T07, P03) is in the HTML (either edition) or in an Excel file, unless shown nowhere."""
    excel = " ".join(str(c.value) for _n, _s, c in hostile["cells"]) + " " + hostile["working_text"] \
        + " " + hostile["agreement_text"]  # the afsprakennota's own fields reach the afsprakennota
    missing = []
    for item in hostile["injected"]:
        tag = item.value.rsplit(" ", 1)[1]
        if item.field.shown and not re.search(rf"\b{tag}\b", hostile["html_text"] + " " + excel):
            missing.append((item.field.path, tag))
    assert not missing


# --- nothing live in the HTML ----------------------------------------------------------------

def test_nothing_live_in_the_html(hostile):
    soup = hostile["soup"]
    assert not soup.find_all(["script", "iframe", "object", "embed", "form", "input", "label", "vzw", "base"])
    assert soup.find_all("style"), "the nota's own stylesheet stays"
    body = soup.body
    assert not body.find_all("style")
    for tag in body.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), (tag.name, attribute)
            assert "javascript:" not in str(value).lower(), (tag.name, attribute, value)
    for link in body.find_all("a"):
        assert link["href"].startswith(("#", "https://", "http://", "mailto:")), link["href"]
    images = body.find_all("img")
    assert images, "igskit's figures are in the nota"
    figures = list((hostile["version"] / "figuren").glob("*.png"))
    assert len(images) <= len(figures)
    for image in images:
        assert image["src"].startswith("data:image/png;base64,"), image["src"][:60]


def test_no_heading_comes_from_a_line_break_in_params_text(hostile):
    headings = [h.get_text(" ") for h in hostile["soup"].find_all(re.compile(r"^h[1-6]$"))]
    assert not [h for h in headings if "Kop" in h or "Geen kop" in h]


def test_prose_renders_the_subset_and_nothing_more(hostile):
    soup = hostile["soup"]
    assert soup.body.find("em", string="nadruk") and soup.body.find("strong", string="vet")
    assert soup.body.find("a", href="https://example.org/pad", string="een site")
    assert soup.body.find("li", string=re.compile("punt een"))


# --- literal text in every format ------------------------------------------------------------

EXPECTED = [normalise(p) for p in (*PAYLOADS, *PROSE_VISIBLE, *MUNICIPALITY_NAMES)]


def squeeze(text: str) -> str:
    """Without any whitespace: a PDF table cell breaks a long token over lines."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_payload_is_shown_literally(hostile, fmt):
    text = hostile[f"{fmt}_text"]
    if fmt == "pdf":
        missing = [p for p in EXPECTED if squeeze(p) not in squeeze(text)]
    else:
        missing = [p for p in EXPECTED if p not in text]
    assert not missing


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_every_text_field_in_the_nota_is_shown_whole_and_literally(hostile, fmt):
    """Field by field: a text value the nota shows (its tag is in the HTML) is there as typed."""
    text = hostile[f"{fmt}_text"]
    shown = [i for i in hostile["injected"] if not i.field.prose
             and re.search(rf"\b{i.value.rsplit(' ', 1)[1]}\b", hostile["html_text"])]
    assert len(shown) >= 25
    if fmt == "pdf":
        missing = [i.value for i in shown if squeeze(i.value) not in squeeze(text)]
    else:
        missing = [i.value for i in shown if normalise(i.value) not in text]
    assert not missing


def test_the_pdf_holds_nothing_of_the_params_file_typst_could_read(hostile):
    pdf = hostile["pdf_text"]
    assert "Zo lees je dit bestand" not in pdf  # a comment at the top of the params file
    assert "fictief: true" not in pdf


def test_no_file_from_outside_the_project_in_the_docx(hostile):
    figures = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (hostile["version"] / "figuren").glob("*.png")}
    assert hashlib.sha256(hostile["outside"].read_bytes()).hexdigest() not in figures
    assert f"![geheim]({hostile['outside']})" in hostile["docx_text"]
    with zipfile.ZipFile(hostile["region"] / "nota.docx") as docx:
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
        assert media
        for name in media:
            assert hashlib.sha256(docx.read(name)).hexdigest() in figures, name
        rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
    for target in re.findall(r'Target="([^"]+)"[^>]*TargetMode="External"', rels):
        assert target.startswith(("http://", "https://", "mailto:")), target


# --- Excel -----------------------------------------------------------------------------------

def test_no_excel_cell_from_params_text_is_a_formula(hostile):
    params_cells = [(n, s, c) for n, s, c in hostile["cells"]
                    if isinstance(c.value, str) and any(p in c.value for p in ("HYPERLINK", "cmd|", "alert("))]
    assert any(c.value.startswith("=") for _n, _s, c in params_cells), "the corpus puts '=...' text in a workbook"
    for name, sheet, cell in params_cells:
        assert cell.data_type == "s", (name, sheet, cell.coordinate, cell.value)
    formulas = [c.value for _n, _s, c in hostile["cells"] if c.data_type == "f"]
    assert formulas, "igskit's own totals stay live formulas"
    # igskit's own formulas (the live workbook): its functions over its own sheets and cells, no params text
    functions = {"SUM", "SUMIF", "ROUND", "MAX", "MIN", "IF", "ISNUMBER"}
    for formula in formulas:
        assert set(re.findall(r"([A-Z]+)\(", formula)) <= functions, formula
        assert not any(p in formula for p in ("HYPERLINK", "cmd|", "alert(", "javascript", "<")), formula
        assert re.fullmatch(r"=[A-Za-z0-9_$!:+\-*/^(),.;>=&\" ']*", formula), formula


# --- the Quarto project ----------------------------------------------------------------------

def test_quarto_shortcodes_are_neutralised_in_the_book_project(hostile):
    version = hostile["version"]
    sources = [*version.glob("*.qmd"), version / "_quarto.yml"]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for notebook in version.glob("*.ipynb"):
        nb = nbformat.read(notebook, as_version=4)
        texts += [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
        texts += [output.get("data", {}).get("text/markdown", "") for cell in nb.cells if cell.cell_type == "code"
                  for output in cell.get("outputs", [])]
    assert len(texts) > 10
    for text in texts:
        assert "{{<" not in text and ">}}" not in text
    assert any("env HOME" in text for text in texts), "the payload is in the project, as text"
