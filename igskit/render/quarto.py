"""Quarto renders a run's projects when it is installed: ``quarto render`` and ``--profile werkversie``.

Two kinds of project: the cultuurnota's *book* (chapters, an HTML site) and the afsprakennota's
single *document* (one self-contained HTML file). Both name their editions in ``_quarto.yml``
(``igskit-uitvoer``), which the embedded renderer reads too.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from igskit.errors import RenderError
from igskit.render.book import QUARTO_FORMATS, WORKING_PROFILE, output_stems, read_book, read_profile
from igskit.render.word import finish_docx

WORKING_FORMATS = ("html", "pdf")  # the werkversie is read on screen or printed, never edited


@dataclass(frozen=True)
class Rendered:
    renderer: str
    files: dict[str, Path] = field(default_factory=dict)


def quarto_path() -> str | None:
    return shutil.which("quarto")


def render_with_quarto(build: Path, formats: list[str]) -> Rendered:
    """Quarto renders the indienversie (``quarto render``) and the werkversie (``--profile werkversie``)."""
    quarto = quarto_path()
    if quarto is None:
        raise RenderError("Quarto is niet gevonden. → Installeer Quarto (quarto.org of conda-forge) of "
                          "render zonder Quarto met '--renderer ingebouwd'.")
    config = read_book(build)
    is_book = (config.get("project") or {}).get("type") == "book"
    stem, working_stem = output_stems(config)
    out_dir = (config.get("project") or {}).get("output-dir", "_book")
    working_dir = (read_profile(build).get("project") or {}).get("output-dir", f"{out_dir}-{WORKING_PROFILE}")
    files = {}
    editions = [(stem, out_dir, [], formats),
                (working_stem, working_dir, ["--profile", WORKING_PROFILE],
                 [fmt for fmt in formats if fmt in WORKING_FORMATS])]
    for edition_stem, book_dir, profile, edition_formats in editions:
        for fmt in edition_formats:
            result = subprocess.run([quarto, "render", str(build), "--to", QUARTO_FORMATS[fmt], *profile],
                                    capture_output=True, text=True, cwd=build)
            if result.returncode != 0:
                raise RenderError(f"Quarto kon het document niet maken als {fmt} ({edition_stem}):\n"
                                  f"{result.stderr[-2000:]}")
            target = build / f"{edition_stem}.{fmt}"
            # a book names its output file per edition; a document keeps its source's name in both
            produced = build / book_dir / f"{edition_stem if is_book else stem}.{fmt}"
            if fmt == "html" and is_book:
                site = build / f"{edition_stem}-html"
                if site.exists():
                    shutil.rmtree(site)
                shutil.copytree(build / book_dir, site, ignore=shutil.ignore_patterns("*.docx", "*.pdf"))
                target.write_text(f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                                  f'content="0; url={edition_stem}-html/index.html"><title>Nota</title>'
                                  f'<a href="{edition_stem}-html/index.html">Open de nota</a>', encoding="utf-8")
            else:
                shutil.copyfile(produced, target)
            if fmt == "docx":
                finish_docx(target, (config.get("igskit") or {}).get("ontwerp", ""))
            files[fmt if edition_stem == stem else f"{edition_stem}.{fmt}"] = target
    return Rendered("quarto", files)
