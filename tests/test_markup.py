"""text() and prose(): what pandoc makes of them, with pandoc's full Markdown (every extension on)."""

from __future__ import annotations

import html
import re
import string

import pypandoc
import pytest

from igskit.params import schema
from igskit.planning import display
from igskit.planning.markup import Markup, cell, prose, text

TRICKY = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[klik](javascript:alert(1))",
    "[x]{onmouseover=alert(1)}", "`<b>x</b>`{=html}", '`#read("x.yml")`{=typst}', "![](/etc/hostname)",
    "*x* _y_ `z` <vzw>", "# Kop", "## Kop {#id .klasse}", "@naam", "[@naam]", "$x$", "$$x$$", "\\(x\\)",
    "<label>", "a\\b", "\\", "\\\\", "x\\", "{{< env HOME >}}", "{{{< env HOME >}}}", '=HYPERLINK("http://x","y")',
    "=cmd|' /C calc'!A0", "&lt;b&gt; &amp; &#65;", "-- --- ...", '"dubbel" en \'enkel\'', "~sub~ ^sup^ ~~weg~~",
    "1. geen lijst", "- geen lijst", "+ geen lijst", "* geen lijst", "> geen citaat", "::: div", ": definitie",
    "| a | b |", "---", "***", "    geen code", "^[voetnoot]", "<!-- commentaar -->", "http://x.be <http://y.be>",
    "a_b_c d*e*f", "`` dubbel ``", "(@) voorbeeld", "%titel", "[^1]", "Sint-Niklaas (Waasland): 12,5 %",
    string.punctuation, "café — ‘quotes’ € ☃", "a -- b --- c", "x... y.. z.", "1) a", "12. a", "-a", ".a", "#a",
    "a - b", "- ", "— a", ":: a", "%", "12.5 %", "a\\`b", "e-mail: x@y.be", "a_b", "OCMW's",
]


def to_html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html", format="markdown")


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


def test_text_is_shown_literally_by_pandoc():
    """One pandoc call: every value as its own paragraph; each comes back as the same characters."""
    rendered = to_html("\n\n".join(text(v) for v in TRICKY))
    paragraphs = re.findall(r"<p>(.*?)</p>", rendered, flags=re.S)
    assert [visible(p).replace("\n", " ") for p in paragraphs] == [re.sub(r"\s+", " ", v).strip() for v in TRICKY]
    assert "<a " not in rendered and "<em>" not in rendered and "<code>" not in rendered and "<h" not in rendered


def test_text_joins_lines_strips_control_characters_and_never_starts_a_block():
    assert text("regel\n# Kop") == "regel # Kop" and text("# Kop") == "\\# Kop" and text("1. a") == "1\\. a"
    assert text("  a\t b\r\nc  ") == "a b c"
    assert text("a\x00b\x1bc") == "abc"
    assert text(None) == "" and text(12.5) == "12\\.5" and text("SD1-OD2: a.b") == "SD1-OD2: a.b"
    assert isinstance(text("x"), Markup)


def test_cell_trusts_only_markup():
    assert cell(Markup("**Totaal**")) == "**Totaal**"
    assert cell("**Totaal**") == "\\*\\*Totaal\\*\\*"
    assert cell("a|b") == "a\\|b"


@pytest.mark.parametrize(("source", "expected"), [
    ("*nadruk* en **vet**", "<p><em>nadruk</em> en <strong>vet</strong></p>"),
    ("_nadruk_ en __vet__", "<p><em>nadruk</em> en <strong>vet</strong></p>"),
    ("**vet met *nadruk***", "<p><strong>vet met <em>nadruk</em></strong></p>"),
    ("[site](https://example.org/a_b?c=1)", '<p><a href="https://example.org/a_b?c=1">site</a></p>'),
    ("[mail](mailto:info@example.org)", '<p><a href="mailto:info@example.org">mail</a></p>'),
    ("[klik](javascript:alert(1))", "<p>[klik](javascript:alert(1))</p>"),
    ("[x](https://a.be){onclick=x}", '<p><a href="https://a.be">x</a>{onclick=x}</p>'),
    ("een\n# Kop", "<p>een # Kop</p>"),
    ("# Kop", "<p># Kop</p>"),
    ("<b>vet</b>", "<p>&lt;b&gt;vet&lt;/b&gt;</p>"),
    ("![](/etc/hostname)", "<p>![](/etc/hostname)</p>"),
    ("@naam $x$ {{< env HOME >}}", "<p>@naam $x$ {{&lt; env HOME &gt;}}</p>"),
    ("een\ntwee\n\ndrie", "<p>een twee</p>\n<p>drie</p>"),
    ("- a\n- b *c*", "<ul>\n<li>a</li>\n<li>b <em>c</em></li>\n</ul>"),
    ("1. a\n2) b", '<ol type="1">\n<li>a</li>\n<li>b</li>\n</ol>'),
    ("Zie:\n- a\n  verder", "<p>Zie:</p>\n<ul>\n<li>a verder</li>\n</ul>"),
    ("a_b_c en 2*3*4", "<p>a_b_c en 2<em>3</em>4</p>"),
    ("*", "<p>*</p>"),
    ("** niet vet **", "<p>** niet vet **</p>"),
    ("OCMW's -- \"samen\"...", "<p>OCMW’s – “samen”…</p>"),  # prose keeps pandoc's typography
])
def test_prose_subset(source, expected):
    assert to_html(prose(source)).strip() == expected


def test_prose_inline_is_one_line_for_a_table_cell():
    assert prose("- a\n- b\n\n1. c\n\nslot *x*", inline=True) == "• a • b 1\\. c slot *x*"
    assert "\n" not in prose("a\n\nb", inline=True)
    assert prose("", inline=True) == "" and prose(None) == ""


def test_markdown_table_escapes_params_cells_but_keeps_igskit_markup():
    import pandas as pd

    table = display.markdown_table(pd.DataFrame([{"Naam": "*x* | <b>", "Totaal": Markup("**12**")}]))
    assert "\\*x\\* \\| \\<b\\>" in table and "**12**" in table
    rendered = to_html(table)
    assert "<strong>12</strong>" in rendered and "*x* | &lt;b&gt;" in rendered


def test_findings_and_keys_are_text():
    from igskit.planning.findings import Finding

    found = [Finding("Onderwerp", "aandacht", "Naam '<b>*x*</b>' mist", "stakeholders.naam")]
    assert "\\<b\\>\\*x\\*" in display.findings_markdown(found)
    frame = display.findings_table([Finding("O", "aandacht", "m", "a`b|c")])
    assert frame.iloc[0]["Aan te passen in"] == "a\\`b\\|c"


def test_schema_marks_the_coordinators_long_texts_as_prose():
    prose_fields = {(m.__name__, a) for m in (schema.Vision, schema.Answer, schema.Priority, schema.FiveBScore,
                                               schema.NotaTexts, schema.Agreement)
                    for a in m.model_fields if schema.is_prose(m, a)}
    assert ("Vision", "text") in prose_fields and ("Answer", "answer") in prose_fields
    assert ("NotaTexts", "summary") in prose_fields and ("Agreement", "barriers") in prose_fields
    assert not schema.is_prose(schema.Priority, "title") and not schema.is_prose(schema.Answer, "question")
    assert not schema.is_prose(schema.Region, "name") and not schema.is_prose(schema.Nota, "title")
