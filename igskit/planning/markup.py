"""One rule for text from a params file, CSV or XLSX: it is data, never markup.

Every such value is *text*: :func:`text` escapes it for pandoc Markdown so that pandoc (and
Quarto) show exactly the characters the coördinator typed: no emphasis, links, raw HTML/typst,
attributes, citations, math, headings or Quarto shortcodes. Only the fields the schema marks as
*prose* (``igskit.params.schema.Prose``: the long texts a coördinator writes) go through
:func:`prose`, which renders a small, documented Markdown subset and escapes everything else:

- paragraphs (separated by an empty line; lines within a paragraph are joined),
- bullet lists (``- ``, ``* ``, ``+ ``) and numbered lists (``1. ``, ``1) ``), one level,
- emphasis ``*x*`` / ``_x_`` and strong ``**x**`` / ``__x__``,
- links ``[label](https://…)``, ``[label](http://…)`` and ``[label](mailto:…)``.

Nothing else is markup: a line starting with ``#`` is text, ``<b>`` is text, an image is text.

This is a small Python grammar rather than a pandoc round trip: every kernel calls it many times
(one value at a time), and pandoc would cost a process per call; here pandoc only ever sees
escaped characters plus the few constructs this module writes itself.

:class:`Markup` marks Markdown igskit wrote itself (table cells with ``**Totaal**``, a code
span around a params key): :func:`igskit.planning.display.markdown_table` escapes every cell
that is not ``Markup``.
"""

from __future__ import annotations

import re

__all__ = ["Markup", "cell", "plain_figures", "prose", "text"]


class Markup(str):
    """Markdown igskit wrote itself: trusted, passed to pandoc unchanged."""

    __slots__ = ()


# ASCII punctuation that pandoc's Markdown reads as syntax anywhere in a line is escaped with a
# backslash (``all_symbols_escapable``): emphasis, code, links, spans, attributes, raw HTML,
# entities, citations, math, sub/superscript, tables, and ``"``/``'`` (the ``smart`` extension
# would curl them); ``--`` and ``...`` (smart dashes and ellipses) too. What is syntax only at
# the start of a line (headings, lists, fenced divs, definition lists, ``%`` title blocks) is
# escaped when the text starts with it: text never holds a line break.
_SPECIAL = re.compile(r"""([\\`*_{}\[\]<>!|@$~^&"'])|(?<=-)-|-(?=-)|(?<=\.)\.|\.(?=\.)""")
# prose keeps pandoc's typography (curly quotes, dashes, ellipses): it is not markup
_SPECIAL_PROSE = re.compile(r"""([\\`*_{}\[\]<>!|@$~^&])""")
_LEADING = re.compile(r"""^(?:(\d+)([.)])|([#+\-.=:%()>;,?/]))""")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def _clean(value) -> str:
    if value is None:
        return ""
    return _CONTROL.sub("", str(value))


def text(value) -> Markup:
    """``value`` as literal inline text in pandoc Markdown (line breaks become spaces)."""
    return _escape(value, _SPECIAL)


def _escape(value, special: re.Pattern) -> Markup:
    escaped = special.sub(lambda m: "\\" + m.group(0), _SPACE.sub(" ", _clean(value)).strip())
    return Markup(_LEADING.sub(_escape_leading, escaped, count=1))


def _prose_text(value) -> Markup:
    return _escape(value, _SPECIAL_PROSE)


def _escape_leading(match: re.Match) -> str:
    if match.group(1):  # "1." or "1)" would start a numbered list
        return f"{match.group(1)}\\{match.group(2)}"
    return "\\" + match.group(3)


def cell(value) -> str:
    """A table cell: igskit's own :class:`Markup` as is, everything else as text."""
    if isinstance(value, Markup):
        return str(value).replace("\n", " ")
    return text(value)


def plain_figures() -> None:
    """Make matplotlib draw every string literally: no mathtext (``$x$``), no TeX.

    Every figure function calls this first: params text in labels (names, titles, SWOT points)
    would otherwise be parsed as mathtext, and an odd ``$`` would crash the step.
    """
    import matplotlib

    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False


# --- prose ---------------------------------------------------------------------------------

_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,9})[.)]\s+(.*)$")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\\\"'`]+)\)")
_STRONG_STAR = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*(?!\*)")
_STRONG_UNDER = re.compile(r"(?<![\w])__(?=\S)(.+?)(?<=\S)__(?![\w_])")
_EMPH_STAR = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_EMPH_UNDER = re.compile(r"(?<![\w])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w])")
_INLINE = (("link", _LINK), ("strong", _STRONG_STAR), ("strong", _STRONG_UNDER), ("emph", _EMPH_STAR),
           ("emph", _EMPH_UNDER))


def _inline(source: str, depth: int = 0) -> str:
    """Inline prose: each allowed construct is written as Markdown, everything between as text.

    Left to right, the construct that starts first wins (a link before emphasis at the same
    place); each pattern is searched again only once the text has moved past its last match.
    """
    if depth > 4:
        return _prose_text(source)
    out: list[str] = []
    position = 0
    found = [pattern.search(source) for _kind, pattern in _INLINE]
    while True:
        for i, (_kind, pattern) in enumerate(_INLINE):
            if found[i] is not None and found[i].start() < position:
                found[i] = pattern.search(source, position)
        candidates = [(m.start(), i) for i, m in enumerate(found) if m is not None]
        if not candidates:
            out.append(_piece(source[position:], first=not out))
            return "".join(out).strip()
        _start, index = min(candidates)
        match, kind = found[index], _INLINE[index][0]
        out.append(_piece(source[position:match.start()], first=not out))
        if kind == "link":
            out.append(f"[{_prose_text(match.group(1))}]({match.group(2)})")
        elif kind == "strong":
            out.append(f"**{_inline(match.group(1), depth + 1)}**")
        else:
            out.append(f"*{_inline(match.group(1), depth + 1)}*")
        position = match.end()


def _piece(plain: str, first: bool) -> str:
    """Text between constructs, with the spaces around it kept (they separate words)."""
    if not plain.strip():
        return " " if plain and not first else ""
    lead = " " if plain[:1].isspace() and not first else ""
    return lead + _prose_text(plain) + (" " if plain[-1:].isspace() else "")


def _blocks(value: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Paragraphs and lists: ``[(kind, [(number, text), …]), …]`` with kind para/bullet/ordered."""
    blocks: list[tuple[str, list[tuple[str, str]]]] = []
    for chunk in re.split(r"\n\s*\n", value.replace("\r\n", "\n").replace("\r", "\n")):
        current: tuple[str, list] | None = None
        for line in chunk.split("\n"):
            if not line.strip():
                continue
            bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
            if bullet:
                kind, item = "bullet", ("", bullet.group(1))
            elif numbered:
                kind, item = "ordered", (numbered.group(1), numbered.group(2))
            else:
                if current is not None:  # a continuation line joins the paragraph or the list item
                    number, previous = current[1][-1]
                    current[1][-1] = (number, f"{previous} {line.strip()}")
                    continue
                kind, item = "para", ("", line.strip())
            if current is None or current[0] != kind or kind == "para":
                current = (kind, [])
                blocks.append(current)
            current[1].append(item)
    return blocks


def prose(value, inline: bool = False) -> Markup:
    """Prose (a field the schema marks ``Prose``) as Markdown in the documented subset.

    With ``inline=True`` (a table cell) the result is one line: paragraphs are joined, list items
    follow each other as ``• item`` or ``1. item``.
    """
    blocks = _blocks(_clean(value))
    if inline:
        pieces = []
        for kind, items in blocks:
            for number, item in items:
                marker = {"bullet": "• ", "ordered": f"{number}\\. "}.get(kind, "")
                pieces.append(marker + _inline(item.strip()))
        return Markup(" ".join(pieces))
    out = []
    for kind, items in blocks:
        if kind == "para":
            out.append(_inline(items[0][1].strip()))
        elif kind == "bullet":
            out.append("\n".join(f"- {_inline(item.strip())}" for _, item in items))
        else:
            out.append("\n".join(f"{number}. {_inline(item.strip())}" for number, item in items))
    return Markup("\n\n".join(out))
