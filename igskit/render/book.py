"""The Quarto book project a run writes next to its executed notebooks.

The project is the single description of the document: chapters and appendices in order,
title block, formats. Quarto renders it when installed; the embedded renderer reads the same
``_quarto.yml`` so both produce the same chapters in the same order.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from igskit.params.load import LoadedPlan
from igskit.paths import REFERENCE_DOCX, TEMPLATES_DIR
from igskit.planning import nota
from igskit.planning.markup import prose, text

STEPS = ("01-stakeholders", "02-omgevingsanalyse", "03-doelstellingen", "04-begroting", "05-nota")
INDEX = "index.qmd"
TYPST_TEMPLATE = "nota-sjabloon.typ"  # the embedded renderer's typst template (nota.typ is its output)
QUARTO_FORMATS = {"html": "html", "docx": "docx", "pdf": "typst"}


@dataclass(frozen=True)
class Appendix:
    """A generated appendix: file name, title (without the "Bijlage A" prefix) and Markdown body."""

    name: str
    title: str
    body: str


@dataclass(frozen=True)
class BookInfo:
    title: str
    subtitle: str
    author: str
    date: str
    version: str


def book_info(loaded: LoadedPlan, version: str, today: dt.date) -> BookInfo:
    plan = loaded.plan
    period = plan.region.period
    return BookInfo(title=plan.nota.title,
                    subtitle=f"{plan.region.name} · subsidieperiode {period.start}–{period.end}",
                    author=f"IGS cultuur {plan.region.name}",
                    date=nota.dutch_date(today),
                    version=version)


def index_markdown(loaded: LoadedPlan, info: BookInfo) -> str:
    """The opening chapter: title facts, the summary and the region in (computed) numbers."""
    plan = loaded.plan
    label = f" ({text(plan.nota.version_label)})" if plan.nota.version_label else ""
    lines = [
        "# Inleiding {.unnumbered}",
        "",
        f"**{text(plan.region.name)}** · gemeenten: {text(', '.join(plan.region.municipality_names))} · "
        f"subsidieperiode {plan.region.period.start}–{plan.region.period.end} · "
        f"versie {text(info.version)}{label} van {info.date}",
        "",
    ]
    if plan.region.fictitious:
        lines += ["*Dit is een fictieve voorbeeldregio: alle namen en cijfers zijn verzonnen.*", ""]
    lines += ["## In een notendop", "", prose(plan.nota.texts.summary) or
              "*Nog in te vullen in het params-bestand onder `nota.teksten.notendop`.*", "",
              "## De regio in cijfers", "", nota.region_in_numbers(plan), ""]
    return "\n".join(lines)


def write_book(build: Path, loaded: LoadedPlan, info: BookInfo, appendices: list[Appendix]) -> Path:
    """Write ``_quarto.yml``, ``index.qmd``, the appendices and the house-style files into ``build``."""
    plan = loaded.plan
    (build / INDEX).write_text(index_markdown(loaded, info), encoding="utf-8")
    for appendix in appendices:
        (build / appendix.name).write_text(f"# {appendix.title}\n\n{appendix.body}\n", encoding="utf-8")
    reference = loaded.resolve(plan.nota.reference_doc) if plan.nota.reference_doc else REFERENCE_DOCX
    shutil.copyfile(reference, build / "reference.docx")
    shutil.copyfile(TEMPLATES_DIR / TYPST_TEMPLATE, build / TYPST_TEMPLATE)
    shutil.copyfile(TEMPLATES_DIR / "nota.css", build / "nota.css")
    formats = {}
    for fmt in plan.nota.formats:
        if fmt == "html":
            formats["html"] = {"toc": True, "css": "nota.css", "number-sections": True}
        elif fmt == "docx":
            formats["docx"] = {"reference-doc": "reference.docx", "toc": True, "number-sections": True}
        else:
            # Quarto's own typst template (a custom one must embed Quarto's partials); the house
            # style comes through its documented options. nota-sjabloon.typ is for the embedded renderer.
            formats["typst"] = {"toc": True, "number-sections": True, "section-numbering": "1.1.",
                                "papersize": "a4", "margin": {"x": "2cm", "y": "2cm"}, "fontsize": "10.5pt"}
    config = {
        "project": {"type": "book", "output-dir": "_book"},
        "lang": "nl",
        "execute": {"enabled": False, "echo": False, "warning": False},
        "book": {  # Quarto (and the embedded renderer) read these as Markdown: params text is escaped
            "title": str(text(info.title)),
            "subtitle": str(text(info.subtitle)),
            "author": str(text(info.author)),
            "date": info.date,
            "output-file": "nota",
            "chapters": [INDEX, *[f"{step}.ipynb" for step in STEPS]],
            "appendices": [a.name for a in appendices],
        },
        "crossref": {"chapters": True},
        "format": formats,
    }
    yaml = YAML()
    yaml.default_flow_style = False
    with (build / "_quarto.yml").open("w", encoding="utf-8") as fh:
        fh.write("# Quarto book project written by igskit; render with: quarto render\n")
        yaml.dump(config, fh)
    return build / "_quarto.yml"


def read_book(build: Path) -> dict:
    """The project's ``_quarto.yml`` as plain data."""
    return YAML(typ="safe").load((build / "_quarto.yml").read_text(encoding="utf-8"))
