"""Build the igskit house-style ``reference.docx`` for pandoc's DOCX writer.

pandoc takes all paragraph/character/table styles, the page set-up (the last
``w:sectPr`` of the body) and the header/footer parts from a *reference
document* (``pandoc --reference-doc reference.docx``).  This script creates
that document reproducibly:

1. ask the pandoc binary shipped with ``pypandoc-binary`` for its own default
   reference document (``pandoc -o ... --print-default-data-file
   reference.docx``), so every style name pandoc emits is present;
2. restyle it with python-docx (plus a little raw OOXML where python-docx has
   no API): fonts, sizes, colours, heading/title styles, the ``Table`` table
   style, caption styles, A4 with 2 cm margins and a footer with a centred
   PAGE field;
3. rewrite the ZIP container with fixed timestamps so that repeated runs
   with the same pandoc version produce a byte-identical file.

Style *names* are never changed, because pandoc maps its output to them
(``Title``, ``Subtitle``, ``Author``, ``Date``, ``Heading 1``..``Heading 9``,
``Body Text``, ``First Paragraph``, ``Compact``, ``Table``, ``Table Caption``,
``Image Caption``, ``Captioned Figure``, ``TOC Heading``, ``Hyperlink`` ...).

Usage (from the repository root)::

    .venv/bin/python igskit/render/templates/build_reference.py [OUTPUT]

or, because ``igskit`` resolves as an implicit namespace package,
``.venv/bin/python -m igskit.render.templates.build_reference``.  The default
output is ``reference.docx`` next to this script.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "reference.docx"

# --------------------------------------------------------------------------
# House-style constants (keep in sync with nota-sjabloon.typ)
# --------------------------------------------------------------------------
#: Font that is present on every Office installation (Windows and macOS).
BODY_FONT = "Calibri"
HEADING_FONT = "Calibri"
BODY_SIZE = Pt(10.5)
TABLE_SIZE = Pt(9)
CAPTION_SIZE = Pt(9)
FOOTER_SIZE = Pt(8.5)
#: Document language for spell checking / hyphenation (Flemish Dutch).
LANGUAGE = "nl-BE"

DARK_TEAL = "0E4C5A"  # headings, title
TEAL = "2A7F8E"  # subtitle, heading 3, links
GREY_TEXT = "404040"  # captions, footer
BORDER_GREY = "A6A6A6"  # thin table rules
HEADER_FILL = "DCEBEE"  # light teal header-row shading

#: Start every level-1 heading (chapter) on a new page, as in nota-sjabloon.typ.
CHAPTER_ON_NEW_PAGE = True

#: Fixed timestamp for the ZIP entries (reproducible output).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------
# Low-level OOXML helpers
# --------------------------------------------------------------------------
def _set_fonts(rpr, font: str) -> None:
    """Set an explicit font on a ``w:rPr`` and drop theme-font references.

    pandoc's default styles use ``w:asciiTheme="majorHAnsi"`` and friends;
    a theme attribute wins over ``w:ascii``, so it has to be removed.
    """
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def _set_color(rpr, hex_rgb: str) -> None:
    """Set a plain RGB colour on a ``w:rPr`` (removing theme colours)."""
    color = rpr.find(qn("w:color"))
    if color is None:
        color = OxmlElement("w:color")
        rpr.append(color)
    for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
        color.attrib.pop(qn(attr), None)
    color.set(qn("w:val"), hex_rgb)


def _border(tag: str, size_eighths: int = 4, color: str = BORDER_GREY):
    el = OxmlElement(tag)
    el.set(qn("w:val"), "single")
    el.set(qn("w:sz"), str(size_eighths))
    el.set(qn("w:space"), "0")
    el.set(qn("w:color"), color)
    return el


def _get(doc, name: str):
    """Return the style whose (UI) name is *name*.

    Looks the style up by name only; ``doc.styles[...]`` would fall back to a
    deprecated style-id lookup (with a warning) for names such as "Caption"
    that pandoc spells differently from python-docx's built-in alias table.
    """
    for style in doc.styles:
        if style.name == name:
            return style
    raise KeyError(name)


def _builtin_style(
    doc,
    name: str,
    style_id: str,
    based_on: str = "Normal",
    ui_priority: int | None = None,
):
    """Return Word's built-in paragraph style *name*, adding it if absent.

    Word recognises built-in styles by their internal name ("footer",
    "toc 1"), so they must not be flagged ``customStyle`` and must carry
    Word's usual style id ("Footer", "TOC1").
    """
    for style in doc.styles:
        if style.style_id == style_id:
            return style
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    style.style_id = style_id
    style.base_style = _get(doc, based_on)
    if ui_priority is not None:
        uip = OxmlElement("w:uiPriority")
        uip.set(qn("w:val"), str(ui_priority))
        style.element.find(qn("w:basedOn")).addnext(uip)  # schema order
    return style


# --------------------------------------------------------------------------
# Style set-up
# --------------------------------------------------------------------------
def style_defaults(doc) -> None:
    """Body font, size and language go into ``w:docDefaults``.

    Putting the size in the document defaults (and *not* in ``Normal``)
    matters: paragraph styles override table styles in Word's style
    hierarchy, so a size on ``Normal``/``Compact`` would defeat the smaller
    font of the ``Table`` style.
    """
    styles_el = doc.styles.element
    rpr = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    half_points = str(int(BODY_SIZE.pt * 2))
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        el.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), LANGUAGE)

    # Slightly airier line spacing than Word's "single".
    ppr = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "264")  # 1.1 lines
    spacing.set(qn("w:lineRule"), "auto")


def style_body(doc) -> None:
    for name in ("Body Text", "First Paragraph"):
        pf = _get(doc, name).paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(6)
    pf = _get(doc, "Compact").paragraph_format
    pf.space_before = Pt(1)
    pf.space_after = Pt(1)
    pf = _get(doc, "Block Text").paragraph_format
    pf.left_indent = Cm(0.8)
    pf.right_indent = Cm(0.8)
    block = _get(doc, "Block Text")
    block.font.italic = True
    _set_color(block.element.get_or_add_rPr(), GREY_TEXT)
    # Hyperlinks in the house colour.
    _set_color(_get(doc, "Hyperlink").element.get_or_add_rPr(), TEAL)
    # Footnotes a little smaller.
    _get(doc, "Footnote Text").font.size = Pt(8.5)


def style_title_block(doc) -> None:
    """Title page: large dark-teal title, teal subtitle, author and date."""
    title = _get(doc, "Title")
    _set_fonts(title.element.get_or_add_rPr(), HEADING_FONT)
    _set_color(title.element.get_or_add_rPr(), DARK_TEAL)
    title.font.size = Pt(28)
    title.font.bold = True
    pf = title.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    pf.space_before = Pt(160)  # push the title block down the cover page
    pf.space_after = Pt(8)

    sub = _get(doc, "Subtitle")
    _set_fonts(sub.element.get_or_add_rPr(), HEADING_FONT)
    _set_color(sub.element.get_or_add_rPr(), TEAL)
    sub.font.size = Pt(16)
    sub.font.bold = False
    sub.paragraph_format.space_before = Pt(0)
    sub.paragraph_format.space_after = Pt(36)
    # pandoc's Subtitle carries a stray <w:numPr><w:ilvl/></w:numPr>; drop it.
    ppr = sub.element.get_or_add_pPr()
    numpr = ppr.find(qn("w:numPr"))
    if numpr is not None:
        ppr.remove(numpr)

    for name in ("Author", "Date"):
        st = _get(doc, name)
        st.font.size = Pt(12)
        st.font.bold = False
        _set_color(st.element.get_or_add_rPr(), GREY_TEXT)
        st.paragraph_format.space_before = Pt(0)
        st.paragraph_format.space_after = Pt(2)

    for name in ("Abstract Title", "Abstract"):
        st = _get(doc, name)
        st.paragraph_format.left_indent = Cm(1)
        st.paragraph_format.right_indent = Cm(1)
    _get(doc, "Abstract Title").font.bold = True


def style_headings(doc) -> None:
    """Heading 1-3 in dark teal with a clear size ladder; 4-6 modest."""
    ladder = {
        1: (Pt(18), True, DARK_TEAL, Pt(0), Pt(12)),
        2: (Pt(14), True, DARK_TEAL, Pt(18), Pt(6)),
        3: (Pt(12), True, TEAL, Pt(12), Pt(4)),
        4: (Pt(10.5), True, TEAL, Pt(10), Pt(2)),
        5: (Pt(10.5), False, TEAL, Pt(8), Pt(2)),
        6: (Pt(10.5), False, GREY_TEXT, Pt(8), Pt(2)),
    }
    for level, (size, bold, colour, before, after) in ladder.items():
        st = _get(doc, f"Heading {level}")
        rpr = st.element.get_or_add_rPr()
        _set_fonts(rpr, HEADING_FONT)
        _set_color(rpr, colour)
        st.font.size = size
        st.font.bold = bold
        st.font.italic = level == 5
        pf = st.paragraph_format
        pf.space_before = before
        pf.space_after = after
        pf.keep_with_next = True
        pf.keep_together = True
    _get(doc, "Heading 1").paragraph_format.page_break_before = CHAPTER_ON_NEW_PAGE

    # Heading 1 gets a thin teal rule underneath.
    ppr = _get(doc, "Heading 1").element.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    bottom = _border("w:bottom", size_eighths=6, color=DARK_TEAL)
    bottom.set(qn("w:space"), "4")
    pbdr.append(bottom)
    # pBdr must precede w:spacing inside pPr (CT_PPrBase sequence).
    ppr.find(qn("w:spacing")).addprevious(pbdr)

    # Table of contents title and entries (Word fills the TOC field with the
    # built-in "TOC 1".."TOC 3" styles).
    toc_h = _get(doc, "TOC Heading")
    rpr = toc_h.element.get_or_add_rPr()
    _set_fonts(rpr, HEADING_FONT)
    _set_color(rpr, DARK_TEAL)
    toc_h.font.bold = True
    toc_h.font.size = Pt(18)
    toc_h.paragraph_format.page_break_before = True  # TOC after the title page
    toc_h.paragraph_format.space_before = Pt(0)
    for level, (indent, bold) in {
        1: (0, True),
        2: (0.5, False),
        3: (1.0, False),
    }.items():
        st = _builtin_style(doc, f"toc {level}", f"TOC{level}", ui_priority=39)
        st.font.bold = bold
        pf = st.paragraph_format
        pf.left_indent = Cm(indent)
        pf.space_before = Pt(6 if level == 1 else 0)
        pf.space_after = Pt(2)


def style_table(doc) -> None:
    """pandoc's ``Table`` style: thin grey grid, shaded bold header, 9 pt."""
    st = _get(doc, "Table")
    el = st.element
    # Visible in Word's style gallery.
    for tag in ("w:semiHidden", "w:unhideWhenUsed"):
        for child in el.findall(qn(tag)):
            el.remove(child)

    # Whole-table run and paragraph properties: 9 pt, tight spacing.
    st.font.size = TABLE_SIZE
    st.paragraph_format.space_before = Pt(1)
    st.paragraph_format.space_after = Pt(1)
    st.paragraph_format.line_spacing = 1.0

    tblpr = el.find(qn("w:tblPr"))
    borders = OxmlElement("w:tblBorders")
    for side in ("w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"):
        borders.append(_border(side))
    # CT_TblPrBase order: ... tblInd, tblBorders, shd, tblLayout, tblCellMar ...
    tblpr.find(qn("w:tblInd")).addnext(borders)
    cellmar = tblpr.find(qn("w:tblCellMar"))
    for side, value in (
        ("w:top", "28"),
        ("w:left", "85"),
        ("w:bottom", "28"),
        ("w:right", "85"),
    ):
        cellmar.find(qn(side)).set(qn("w:w"), value)

    # Header row (pandoc sets tblLook firstRow="1" and tblHeader).
    first = el.find(qn("w:tblStylePr"))
    new_first = OxmlElement("w:tblStylePr")
    new_first.set(qn("w:type"), "firstRow")
    ppr = OxmlElement("w:pPr")
    keep = OxmlElement("w:keepNext")
    ppr.append(keep)
    new_first.append(ppr)
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    bcs = OxmlElement("w:bCs")
    rpr.append(bcs)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), DARK_TEAL)
    rpr.append(color)
    new_first.append(rpr)
    trpr = OxmlElement("w:trPr")
    trpr.append(OxmlElement("w:tblHeader"))
    new_first.append(trpr)
    tcpr = OxmlElement("w:tcPr")
    tcb = OxmlElement("w:tcBorders")
    tcb.append(_border("w:bottom", size_eighths=8, color=DARK_TEAL))
    tcpr.append(tcb)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), HEADER_FILL)
    tcpr.append(shd)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "bottom")
    tcpr.append(valign)
    new_first.append(tcpr)
    if first is not None:
        first.addprevious(new_first)
        el.remove(first)
    else:
        el.append(new_first)


def style_captions(doc) -> None:
    cap = _get(doc, "Caption")
    cap.font.size = CAPTION_SIZE
    cap.font.italic = False
    _set_color(cap.element.get_or_add_rPr(), GREY_TEXT)
    cap.paragraph_format.space_before = Pt(4)
    cap.paragraph_format.space_after = Pt(10)

    tcap = _get(doc, "Table Caption")
    tcap.font.bold = True
    _set_color(tcap.element.get_or_add_rPr(), DARK_TEAL)
    tcap.paragraph_format.space_before = Pt(10)
    tcap.paragraph_format.space_after = Pt(4)
    tcap.paragraph_format.keep_with_next = True

    icap = _get(doc, "Image Caption")
    icap.font.italic = True
    icap.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for name in ("Figure", "Captioned Figure"):
        st = _get(doc, name)
        st.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        st.paragraph_format.space_before = Pt(8)
        st.paragraph_format.space_after = Pt(2)
    _get(doc, "Captioned Figure").paragraph_format.keep_with_next = True


# --------------------------------------------------------------------------
# Page set-up and footer
# --------------------------------------------------------------------------
def _page_field_run(paragraph, instr: str) -> None:
    """Append a complex field (fldChar begin/instr/separate/end) to *paragraph*."""

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr_el = OxmlElement("w:instrText")
    instr_el.set(qn("xml:space"), "preserve")
    instr_el.text = f" {instr} "
    run_with(instr_el)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    run_with(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_setup(doc) -> None:
    """A4 portrait, 2 cm margins, centred page number in the footer."""
    section = doc.sections[-1]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    for side in ("top", "bottom", "left", "right"):
        setattr(section, f"{side}_margin", Cm(2.0))
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)
    section.gutter = Cm(0)

    footer_style = _builtin_style(doc, "footer", "Footer", ui_priority=99)
    footer_style.font.size = FOOTER_SIZE
    _set_color(footer_style.element.get_or_add_rPr(), GREY_TEXT)
    footer_style.paragraph_format.space_before = Pt(0)
    footer_style.paragraph_format.space_after = Pt(0)

    footer = section.footer
    footer.is_linked_to_previous = False  # creates the footer part
    para = footer.paragraphs[0]
    para.style = footer_style
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field_run(para, "PAGE")

    # The first page is the title page: give it an empty footer (w:titlePg).
    section.different_first_page_header_footer = True
    first = section.first_page_footer
    first.is_linked_to_previous = False
    first.paragraphs[0].style = footer_style


#: Child order of ``w:rPr`` required by the OOXML schema (CT_RPr).  Word may
#: call a file corrupt when it is violated; python-docx and the helpers above
#: sometimes append elements, so the order is restored at the end.
# fmt: off
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
    "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)
# fmt: on


def normalise_rpr_order(doc) -> None:
    """Sort the children of every ``w:rPr`` in styles.xml into schema order."""
    rank = {qn(f"w:{tag}"): i for i, tag in enumerate(_RPR_ORDER)}
    for rpr in doc.styles.element.iter(qn("w:rPr")):
        children = list(rpr)
        ordered = sorted(children, key=lambda c: rank.get(c.tag, len(rank)))
        if ordered != children:
            for child in children:
                rpr.remove(child)
            rpr.extend(ordered)


def sync_complex_script_sizes(doc) -> None:
    """Make ``w:szCs`` equal ``w:sz`` in every style.

    python-docx's ``font.size`` only writes ``w:sz``; pandoc's defaults carry
    a separate complex-script size that would otherwise be left stale.
    """
    for rpr in doc.styles.element.iter(qn("w:rPr")):
        sz = rpr.find(qn("w:sz"))
        if sz is None:
            continue
        szcs = rpr.find(qn("w:szCs"))
        if szcs is None:
            szcs = OxmlElement("w:szCs")
            sz.addnext(szcs)
        szcs.set(qn("w:val"), sz.get(qn("w:val")))


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------
def pandoc_default_reference(path: Path) -> None:
    """Write pandoc's own default reference.docx to *path*."""
    pandoc = pypandoc.get_pandoc_path()
    subprocess.run(
        [pandoc, "-o", str(path), "--print-default-data-file", "reference.docx"],
        check=True,
    )


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a DOCX container with fixed timestamps/attributes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zi.create_system = 0
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Build the house-style reference document and return its path."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "pandoc-default-reference.docx"
        pandoc_default_reference(base)
        doc = Document(str(base))

    style_defaults(doc)
    style_body(doc)
    style_title_block(doc)
    style_headings(doc)
    style_table(doc)
    style_captions(doc)
    page_setup(doc)
    sync_complex_script_sizes(doc)
    normalise_rpr_order(doc)

    buf = io.BytesIO()
    doc.save(buf)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(_normalise_zip(buf.getvalue()))
    return output


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else DEFAULT_OUTPUT
    path = build(target)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
