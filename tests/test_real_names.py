"""Real gemeenten with long hyphenated names (Sint-Katelijne-Waver, Heist-op-den-Berg) stay whole.

The demo region with its seven gemeenten renamed to real ones of Rivierenland runs through the real
pipeline. Every edition is read back: the typst PDF, the HTML, the DOCX (as python-docx reads it
and as LibreOffice lays it out) must show each name whole, with plain hyphens.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import docx
import pytest
from pypdf import PdfReader

from igskit.paths import PROJECT_DIR
from igskit.render.word import _text_width
from igskit.run import pipeline

sys.path.insert(0, str(PROJECT_DIR / "bench"))
from regions import renamed_region  # noqa: E402

NAMES = ["Sint-Katelijne-Waver", "Heist-op-den-Berg", "Bonheiden", "Putte", "Berlaar", "Nijlen", "Lier"]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("echte-namen")
    params = renamed_region(root / "params", NAMES)
    pipeline.run(params, outputs=root / "outputs", progress=pipeline.Progress(write=lambda _line: None))
    return root / "outputs" / "netevallei"


def test_the_pdf_has_every_name_whole_with_plain_hyphens(region):
    for name in ("nota.pdf", "afsprakennota.pdf"):
        text = "\n".join(page.extract_text() or "" for page in PdfReader(region / name).pages)
        assert "\u2011" not in text and "\u2060" not in text, name
        for gemeente in NAMES:
            assert gemeente in text, (name, gemeente)
        assert re.search(r"\bSD1-OD1-A1\b", text), name  # codes too: one line, plain hyphens
    typ = (region / "versies" / "v1" / "nota.typ").read_text(encoding="utf-8")
    assert "#heel[Sint-Katelijne-Waver]" in typ and "#heel[SD1-OD1-A1]" in typ
    # a one-word gemeente is kept whole too: table text hyphenates, the region's names never
    assert "#heel[Bonheiden]" in typ and "#heel[Berlaar]" in typ


def test_the_html_keeps_names_on_one_line(region):
    html = (region / "nota.html").read_text(encoding="utf-8")
    assert '<span class="naam">Sint-Katelijne-Waver</span>' in html
    assert '<span class="naam">Heist-op-den-Berg</span>' in html


def test_word_text_has_plain_hyphens_and_tables_span_the_page(region):
    document = docx.Document(region / "nota.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "\u2011" not in text
    for gemeente in NAMES:
        assert gemeente in text, gemeente
    assert "SD1-OD1-A1" in text  # a code's w:noBreakHyphen reads as "-"
    with zipfile.ZipFile(region / "nota.docx") as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
        assert 'name="gemeenten"' not in archive.read("docProps/custom.xml").decode("utf-8")  # renderer-only
    width = _text_width(xml)
    assert width == 11906 - 2 * 1134  # A4 minus the reference document's margins
    tables = re.findall(r'<w:tblW w:type="pct" w:w="(\d+)"\s*/>.*?<w:tblGrid>(.*?)</w:tblGrid>', xml, re.S)
    assert len(tables) > 10
    for share, grid in tables:
        columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', grid)]
        assert abs(sum(columns) - width * int(share) / 5000) <= len(columns), (share, columns)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (make libreoffice) is not installed")
def test_libreoffice_lays_out_every_name_whole(region, tmp_path):
    shutil.copyfile(region / "nota.docx", tmp_path / "nota.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profiel",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "nota.docx")],
                   check=True, capture_output=True, timeout=240)
    pages = [page.extract_text() or "" for page in PdfReader(tmp_path / "nota.pdf").pages]
    lines = {line.strip() for page in pages for line in page.splitlines()}
    for gemeente in NAMES:
        assert gemeente in lines, gemeente  # the approval table: each name whole on its own line
    everything = flat("\n".join(pages))
    assert "\u2011" not in everything
    # where a line does break inside a name (running text, a narrow column), it breaks at a hyphen,
    # never inside one of the name's parts
    for gemeente in NAMES:
        cuts = [f"{gemeente[:i]} {gemeente[i:]}" for i in range(1, len(gemeente))
                if gemeente[i - 1] != "-" and gemeente[i] != "-"]
        assert not [cut for cut in cuts if cut in everything], gemeente
