"""Finishing touches to the Word nota that pandoc (or Quarto) cannot write.

- ``w:updateFields`` in ``settings.xml``: Word updates the table of contents (page numbers
  included) when the file is opened; LibreOffice shows the entries render.lua wrote out.
- While the nota is an *ontwerp*, a header line on every page (title page included) says so:
  one header part, referenced as the default and the first-page header of every section.
- Table columns as wide as the page: pandoc writes each table's grid in twips for a 5.5-inch
  text width (its own default), whatever the page; Word and LibreOffice lay a fixed-layout table
  out by that grid, so every column came out 18 % narrower than render.lua asked on A4. The grid
  is scaled to the reference document's real text width (page width minus margins).
- A non-breaking hyphen (U+2011, what render.lua puts in codes such as SD1-OD2-A3) becomes
  Word's own ``w:noBreakHyphen``: Word and LibreOffice keep the code on one line and show, copy
  and search it with a plain "-".

The file is rewritten as a whole and replaced atomically.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HEADER_PART = "word/header-ontwerp.xml"
HEADER_ID = "rIdIgskitOntwerp"
DRAFT_COLOUR = "B3261E"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# children of w:settings that must follow w:updateFields (ECMA-376 CT_Settings order)
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "m:mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "sl:schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def finish_docx(path: Path, draft_marker: str = "") -> Path:
    """Ask Word to update fields; add the draft header line when ``draft_marker`` is given."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
        infos = {info.filename: info for info in source.infolist()}
    parts["word/settings.xml"] = _update_fields(parts["word/settings.xml"].decode("utf-8")).encode("utf-8")
    document = _no_break_hyphens(parts["word/document.xml"].decode("utf-8"))
    parts["word/document.xml"] = _scale_table_grids(document).encode("utf-8")
    if draft_marker:
        parts[HEADER_PART] = _header_xml(draft_marker).encode("utf-8")
        parts["word/_rels/document.xml.rels"] = _add_relationship(
            parts["word/_rels/document.xml.rels"].decode("utf-8")).encode("utf-8")
        parts["[Content_Types].xml"] = _add_content_type(parts["[Content_Types].xml"].decode("utf-8")).encode("utf-8")
        parts["word/document.xml"] = _reference_header(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    temporary = path.with_name(f".{path.name}.deel")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            info = infos.get(name) or zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    os.replace(temporary, path)
    return path


_TEXT_WITH_NB_HYPHEN = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*\u2011[^<]*)</w:t>")


def _no_break_hyphens(document: str) -> str:
    """Every U+2011 in a text run becomes ``w:noBreakHyphen`` in the same run (its formatting kept)."""
    def split(match: re.Match) -> str:
        pieces = match.group(1).split("\u2011")
        texts = [f'<w:t xml:space="preserve">{piece}</w:t>' if piece else "" for piece in pieces]
        return "<w:noBreakHyphen/>".join(texts)

    return _TEXT_WITH_NB_HYPHEN.sub(split, document)


PANDOC_TEXT_WIDTH = 7920  # twips: the text width pandoc's docx writer assumes for every table grid
_TABLE_GRID = re.compile(r'(<w:tblW w:type="pct" w:w="(\d+)"\s*/>.*?<w:tblGrid>)(.*?)(</w:tblGrid>)', re.S)
_GRID_COLUMN = re.compile(r'<w:gridCol w:w="(\d+)"\s*/>')


def _text_width(document: str) -> int:
    """The body's text width in twips: page width minus left and right margins (last section)."""
    section = document[document.rfind("<w:sectPr"):]
    page = re.search(r'<w:pgSz\b[^>]*\bw:w="(\d+)"', section)
    left = re.search(r'<w:pgMar\b[^>]*\bw:left="(\d+)"', section)
    right = re.search(r'<w:pgMar\b[^>]*\bw:right="(\d+)"', section)
    if not (page and left and right):
        return PANDOC_TEXT_WIDTH
    return int(page.group(1)) - int(left.group(1)) - int(right.group(1))


def _scale_table_grids(document: str) -> str:
    """Every table's grid columns in proportion, summing to its share (``tblW`` pct) of the text width."""
    width = _text_width(document)

    def scale(match: re.Match) -> str:
        columns = [int(w) for w in _GRID_COLUMN.findall(match.group(3))]
        total = sum(columns)
        if not columns or total <= 0:
            return match.group(0)
        target = width * int(match.group(2)) / 5000
        grid = "".join(f'<w:gridCol w:w="{round(w * target / total)}" />' for w in columns)
        return f"{match.group(1)}{grid}{match.group(4)}"

    return _TABLE_GRID.sub(scale, document)


def _update_fields(settings: str) -> str:
    settings = re.sub(r"<w:updateFields\b[^>]*/>", "", settings)
    element = '<w:updateFields w:val="true"/>'
    for tag in _AFTER_UPDATE_FIELDS:
        name = tag if ":" in tag else f"w:{tag}"
        match = re.search(rf"<{re.escape(name)}[\s/>]", settings)
        if match:
            return settings[:match.start()] + element + settings[match.start():]
    return settings.replace("</w:settings>", f"{element}</w:settings>")


def _header_xml(marker: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{_W}" xmlns:r="{_R}">'
            '<w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="right"/></w:pPr>'
            f'<w:r><w:rPr><w:b/><w:color w:val="{DRAFT_COLOUR}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(marker)}</w:t></w:r></w:p></w:hdr>')


def _add_relationship(rels: str) -> str:
    if HEADER_ID in rels:
        return rels
    relation = (f'<Relationship Id="{HEADER_ID}" Target="{HEADER_PART.removeprefix("word/")}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"/>')
    return rels.replace("</Relationships>", f"{relation}</Relationships>")


def _add_content_type(types: str) -> str:
    if f"/{HEADER_PART}" in types:
        return types
    override = (f'<Override PartName="/{HEADER_PART}" ContentType='
                '"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>')
    return types.replace("</Types>", f"{override}</Types>")


def _reference_header(document: str) -> str:
    """Every section uses the draft header, as default and as first-page header."""
    references = (f'<w:headerReference w:type="default" r:id="{HEADER_ID}"/>'
                  f'<w:headerReference w:type="first" r:id="{HEADER_ID}"/>')

    def section(match: re.Match) -> str:
        body = re.sub(r"<w:headerReference\b[^>]*/>", "", match.group(2))
        return f"{match.group(1)}{references}{body}"

    document = re.sub(r"(<w:sectPr\b[^>]*>)(.*?)(?=</w:sectPr>)", section, document, flags=re.S)
    if 'xmlns:r="' not in document[:2000]:
        document = document.replace("<w:document ", f'<w:document xmlns:r="{_R}" ', 1)
    return document
