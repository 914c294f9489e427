"""The HTML editions made safe and whole: the body sanitised by nh3, stylesheet and figures inlined."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from igskit.errors import RenderError

FIGURE_DIR = "figuren"
_IMAGE_SRC = re.compile(rf'(<img src=)"({FIGURE_DIR}/[^"/]+\.png|logo\.(?:png|jpg))"')


def embed_resources(html_path: Path, build: Path) -> None:
    """Make the HTML one self-contained file: the stylesheet inline, the figures as data URIs."""
    # sanitised before the figures are inlined: nh3 over megabytes of base64 would cost a second
    html = sanitise_html(html_path.read_text(encoding="utf-8"))
    css = (build / "nota.css").read_text(encoding="utf-8")
    html = html.replace('<link rel="stylesheet" href="nota.css" />', f"<style>\n{css}\n</style>", 1)

    def data_uri(match: re.Match) -> str:
        data = base64.b64encode((build / match.group(2)).read_bytes()).decode("ascii")
        kind = "jpeg" if match.group(2).endswith(".jpg") else "png"
        return f'{match.group(1)}"data:image/{kind};base64,{data}"'

    html = _IMAGE_SRC.sub(data_uri, html)
    html_path.write_text(html, encoding="utf-8")


# The second wall behind escaping: the nota's body may hold only what pandoc writes for igskit's
# Markdown (headings, sections, tables, figures, lists, links, the table of contents).
_TAGS = {"a", "abbr", "aside", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div",
         "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
         "li", "nav", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "sup", "table", "tbody",
         "td", "tfoot", "th", "thead", "tr", "u", "ul"}
_COMMON = {"id", "class", "role", "lang", "dir", "data-number", "data-when-profile", "aria-hidden", "title"}
_ATTRIBUTES = {"*": _COMMON, "a": {"href"}, "img": {"src", "alt", "width", "height"},
               "table": {"style"}, "td": {"style", "colspan", "rowspan"}, "th": {"style", "colspan", "rowspan"},
               "col": {"style", "width", "span"}, "ol": {"type", "start"}}
_DATA_PNG = "data:image/png;base64,"
_FIGURE_SRC = re.compile(rf"{FIGURE_DIR}/[^\"/]+\.png")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "src":
        own = value.startswith(_DATA_PNG) or _FIGURE_SRC.fullmatch(value)
        return value if tag == "img" and own else None
    if attribute == "href":
        return value if value.startswith(("#", "http://", "https://", "mailto:")) else None
    return value


def sanitise_html(html: str) -> str:
    """``html`` with its body cleaned by nh3: no scripts, frames, event handlers or foreign images
    (an image is one of the run's figures, by relative path or already inlined as a PNG).

    The head is igskit's own (pandoc's template, the embedded stylesheet); only what is between
    ``<body>`` and ``</body>`` can carry text from a params file.
    """
    import nh3

    start, end = html.find("<body>"), html.rfind("</body>")
    if start < 0 or end < start:
        raise RenderError("De HTML-nota heeft geen <body>; ze kan niet veilig gemaakt worden.")
    start += len("<body>")
    body = nh3.clean(html[start:end], tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto",
                                                                                        "data"},
                     attribute_filter=_attribute_filter, link_rel=None, strip_comments=True,
                     filter_style_properties={"text-align", "width"})
    return html[:start] + body + html[end:]
