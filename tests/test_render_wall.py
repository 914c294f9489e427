"""The renderer's own wall, without igskit's escaping: raw Markdown tricks fed straight to render.lua.

Escaping (igskit.planning.markup) is the first wall; this proves the second one stands alone:
pandoc reads chapters without raw content, the Lua filter drops unsafe links and foreign images,
and nh3 cleans the HTML body. igskit's own constructs (fenced divs with attributes, header and
image attributes, table captions) keep working.
"""

from __future__ import annotations

import json
import shutil

from bs4 import BeautifulSoup

from igskit.paths import TEMPLATES_DIR
from igskit.render.embedded import _finish, _start_pandoc
from igskit.render.html import embed_resources, sanitise_html

from .hostile import png

CHAPTER = """# Hoofdstuk {.unnumbered}

<script>alert(1)</script> en <img src=x onerror=alert(1)> en <iframe src="https://x.be"></iframe>

`<b>rauw</b>`{=html} `#read("meta.md")`{=typst} `\\textbf{x}`{=latex}

```{=html}
<script>alert(2)</script>
```

[klik](javascript:alert(1)) [data](data:text/html,x) [ok](https://example.org) [intern](#fig-a)
[x]{onmouseover=alert(1) style="color:red"} ![](/etc/hostname) @naam $x$ \\(y\\)

::: {.content-visible when-profile="werkversie"}

Alleen in de werkversie.

:::

![Figuur 1: een figuur](figuren/a.png){#fig-a}

| a | b |
|---|---|
| 1 | 2 |

: Tabel 1: bijschrift
"""

def render(tmp_path, formats):
    (tmp_path / "figuren").mkdir()
    (tmp_path / "figuren" / "a.png").write_bytes(png())
    shutil.copyfile(TEMPLATES_DIR / "nota-sjabloon.typ", tmp_path / "nota-sjabloon.typ")
    shutil.copyfile(TEMPLATES_DIR / "reference.docx", tmp_path / "reference.docx")
    shutil.copyfile(TEMPLATES_DIR / "nota.css", tmp_path / "nota.css")
    (tmp_path / "meta.md").write_text("---\ntitle: Nota\n---\n", encoding="utf-8")
    (tmp_path / "01.md").write_text(CHAPTER, encoding="utf-8")
    job = tmp_path / "opdracht.json"
    job.write_text(json.dumps({"meta": "meta.md", "chapters": [{"markdown": "01.md",
                                                                "ast": str(tmp_path / "01.json")}]}))
    _finish(_start_pandoc(job, [f"{fmt}=nota.{ext}" for fmt, ext in formats], tmp_path))


def test_raw_content_and_unsafe_links_do_not_survive_the_renderer(tmp_path):
    render(tmp_path, [("html", "html"), ("typst", "typ")])
    embed_resources(tmp_path / "nota.html", tmp_path)  # stylesheet and figures inline, then nh3
    html = (tmp_path / "nota.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").body
    assert not body.find_all(["script", "iframe", "b", "style"])
    assert "<script" not in html and "<iframe" not in html  # as text, inert, at most
    for tag in body.find_all(True):
        assert not any(a.startswith("on") for a in tag.attrs), tag
        # the house table style aligns and sizes cells; no other style survives
        rules = [rule for rule in tag.attrs.get("style", "").split(";") if rule.strip()]
        assert all(rule.split(":")[0].strip() in ("text-align", "width") for rule in rules), tag
    hrefs = [a["href"] for a in body.find_all("a")]
    assert "https://example.org" in hrefs and "#fig-a" in hrefs
    assert not [h for h in hrefs if h.startswith(("javascript:", "data:"))]
    images = [img["src"] for img in body.find_all("img")]
    assert len(images) == 1 and images[0].startswith("data:image/png;base64,")
    text = body.get_text(" ")
    assert "@naam" in text and "$x$" in text and "klik" in text
    # igskit's own Markdown still works
    assert body.find(id="fig-a") is not None
    # the werkversie's conditional content is left out of this (indien) edition altogether
    assert body.find("div", class_="content-visible") is None and "Alleen in de werkversie" not in html
    assert body.find("table") is not None and "Tabel 1: bijschrift" in body.find("table").get_text()
    typst = (tmp_path / "nota.typ").read_text(encoding="utf-8")
    assert "/etc/hostname" not in typst
    import io

    import typst as typst_compiler
    from pypdf import PdfReader

    pdf = typst_compiler.compile(str(tmp_path / "nota.typ"), root=str(tmp_path))
    shown = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert '#read("meta.md")' in shown  # shown as code, never executed
    assert "title: Nota" not in shown


def test_sanitiser_keeps_the_head_and_cleans_only_the_body():
    page = ('<html><head><style>p{color:red}</style><title>T</title></head><body>'
            '<p onclick="x()">a</p><img src="data:image/png;base64,AAAA"><img src="file:///etc/x">'
            '<a href="javascript:alert(1)">j</a><td style="text-align: left; background: url(x)">c</td>'
            '</body></html>')
    clean = sanitise_html(page)
    assert "<style>p{color:red}</style>" in clean
    body = clean.split("<body>", 1)[1]
    assert "onclick" not in body and "javascript" not in body and "file:" not in body and "url(" not in body
    assert 'src="data:image/png;base64,AAAA"' in body
