"""The Quarto book project a run writes next to its executed notebooks.

The project is the single description of the document: chapters and appendices in order,
title block, formats. Quarto renders it when installed; the embedded renderer reads the same
``_quarto.yml`` so both produce the same chapters in the same order.
"""

from __future__ import annotations

import datetime as dt
import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from igskit.params import vocabulary as voc
from igskit.params.load import LoadedPlan, logo_suffix
from igskit.paths import REFERENCE_DOCX, TEMPLATES_DIR
from igskit.planning import approval, nota
from igskit.planning.findings import problems, working_only_markdown
from igskit.planning.markup import prose, text
from igskit.planning.tables import markdown_table

WORKING_PROFILE = "werkversie"  # Quarto profile of the werkversie (_quarto-werkversie.yml)
WORKING_STEM = "werkversie"  # its documents: werkversie.html, werkversie.pdf
STEPS = ("01-stakeholders", "02-omgevingsanalyse", "03-doelstellingen", "04-begroting", "05-nota")
INDEX = "index.qmd"
TYPST_TEMPLATE = "nota-sjabloon.typ"  # the embedded renderer's typst template (nota.typ is its output)
QUARTO_FORMATS = {"html": "html", "docx": "docx", "pdf": "typst"}


@dataclass(frozen=True)
class Appendix:
    """A generated appendix: file name, title (without the "Bijlage A" prefix) and Markdown body.

    A ``working`` appendix (the provenance) is in the werkversie only: Quarto lists it in the
    werkversie profile, the embedded renderer in a werkversie-only div.
    """

    name: str
    title: str
    body: str
    working: bool = False


@dataclass(frozen=True)
class BookInfo:
    title: str
    subtitle: str
    author: str
    date: str
    version: str
    status: str = "Ontwerp"  # the label of nota.status
    draft_marker: str = ""  # every page of a draft says so; empty once approved
    logo: Path | None = None
    gemeenten: tuple[str, ...] = ()  # the region's gemeenten: the documents keep their names whole


def book_info(loaded: LoadedPlan, version: str, today: dt.date) -> BookInfo:
    plan = loaded.plan
    period = plan.region.period
    return BookInfo(title=plan.nota.title,
                    subtitle=f"{plan.region.name} · subsidieperiode {period.start}–{period.end}",
                    author=f"IGS cultuur {plan.region.name}",
                    date=nota.dutch_date(today),
                    version=version,
                    status=voc.NOTA_STATUSES[plan.nota.status],
                    draft_marker=approval.draft_marker(plan, version) if approval.is_draft(plan) else "",
                    logo=loaded.inputs.get("logo"),
                    gemeenten=tuple(m.name for m in plan.region.municipalities))


def quarto_subtitle(info: BookInfo) -> str:
    """The subtitle Quarto's own title page shows: with status and version, which it has no field for.

    The embedded renderer shows those on their own lines and takes the plain subtitle from the
    ``igskit`` section instead.
    """
    return str(text(f"{info.subtitle} · Status: {info.status} · versie {info.version}"))


def title_facts(info: BookInfo) -> dict:
    """What the title page shows besides title, subtitle, author and date (``igskit`` in _quarto.yml)."""
    facts = {"status": info.status, "versie": info.version}
    if info.draft_marker:
        facts["ontwerp"] = info.draft_marker
    if info.logo is not None:
        facts["logo"] = f"logo{logo_suffix(info.logo)}"
    if info.gemeenten:  # for the embedded renderer (render.lua): a gemeente's name never breaks
        facts["gemeenten"] = [str(text(name)) for name in info.gemeenten]
    return facts


def approval_markdown(loaded: LoadedPlan) -> str:
    """The goedkeuring block: the board's decision, one row per gemeenteraad, findings (werkversie)."""
    plan = loaded.plan
    lines = ["## Goedkeuring", "", f"Status van deze nota: **{voc.NOTA_STATUSES[plan.nota.status]}**. "
             + text(approval.board_sentence(plan)), "",
             "::: {#tbl-goedkeuring}", "", markdown_table(approval.approval_table(plan)), "",
             ": Beslissingen van de gemeenteraden over deze nota", "", ":::", ""]
    open_points = problems(approval.findings(plan))
    if open_points:
        lines += [working_only_markdown("\n".join(f"- **{'Blokkerend' if f.status == 'blokkerend' else 'Aandacht'}**: "
                                                  f"{text(f.message)} (`{f.key}`)" for f in open_points)), ""]
    return "\n".join(lines)


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
              working_only_markdown("*Nog in te vullen in het params-bestand onder `nota.teksten.notendop`.*"), "",
              "## De regio in cijfers", "", nota.region_in_numbers(plan), "",
              approval_markdown(loaded)]
    return "\n".join(lines)


def copy_house_style(project: Path, loaded: LoadedPlan, info: BookInfo) -> None:
    """The logo, the DOCX reference document, the typst template and the stylesheet, into ``project``."""
    plan = loaded.plan
    if info.logo is not None:
        shutil.copyfile(info.logo, project / title_facts(info)["logo"])
    reference = loaded.resolve(plan.nota.reference_doc) if plan.nota.reference_doc else REFERENCE_DOCX
    shutil.copyfile(reference, project / "reference.docx")
    shutil.copyfile(TEMPLATES_DIR / TYPST_TEMPLATE, project / TYPST_TEMPLATE)
    shutil.copyfile(TEMPLATES_DIR / "nota.css", project / "nota.css")


def write_book(build: Path, loaded: LoadedPlan, info: BookInfo, appendices: list[Appendix]) -> Path:
    """Write ``_quarto.yml``, ``index.qmd``, the appendices and the house-style files into ``build``."""
    plan = loaded.plan
    (build / INDEX).write_text(index_markdown(loaded, info), encoding="utf-8")
    for appendix in appendices:
        (build / appendix.name).write_text(f"# {appendix.title}\n\n{appendix.body}\n", encoding="utf-8")
    copy_house_style(build, loaded, info)
    formats = quarto_formats(plan.nota.formats, info)
    config = {
        "project": {"type": "book", "output-dir": "_book"},
        "lang": "nl",
        "execute": {"enabled": False, "echo": False, "warning": False},
        "book": {  # Quarto (and the embedded renderer) read these as Markdown: params text is escaped
            "title": str(text(info.title)),
            "subtitle": quarto_subtitle(info),
            "author": str(text(info.author)),
            "date": info.date,
            "output-file": "nota",
            **({"cover-image": title_facts(info)["logo"]} if info.logo is not None else {}),
            "chapters": [INDEX, *[f"{step}.ipynb" for step in STEPS]],
            "appendices": [a.name for a in appendices if not a.working],
        },
        "crossref": {"chapters": True},
        "format": formats,
        "igskit": {**title_facts(info), "subtitle": str(text(info.subtitle))},
        "igskit-uitvoer": {"indienversie": "nota", "werkversie": WORKING_STEM},
    }
    # The werkversie: Quarto merges this profile into _quarto.yml (arrays are appended), shows the
    # `.content-visible when-profile="werkversie"` divs and writes werkversie.* into its own folder.
    profile = {
        "project": {"output-dir": "_book-werkversie"},
        "book": {"output-file": WORKING_STEM, "appendices": [a.name for a in appendices if a.working]},
    }
    if not profile["book"]["appendices"]:
        del profile["book"]["appendices"]
    return write_project_files(build, config, profile, "Quarto book project written by igskit",
                               "checks, findings, provenance")


def write_project_files(project: Path, config: dict, profile: dict, what: str, working: str) -> Path:
    """Write a project's ``_quarto.yml`` and its werkversie profile, each with a comment saying how to render it."""
    yaml = YAML()
    yaml.default_flow_style = False
    with (project / "_quarto.yml").open("w", encoding="utf-8") as fh:
        fh.write(f"# {what}. The indienversie: quarto render\n"
                 f"# The werkversie ({working}): quarto render --profile {WORKING_PROFILE}\n")
        yaml.dump(config, fh)
    with (project / f"_quarto-{WORKING_PROFILE}.yml").open("w", encoding="utf-8") as fh:
        fh.write(f"# Profile '{WORKING_PROFILE}' (quarto render --profile {WORKING_PROFILE}): the werkversie\n")
        yaml.dump(profile, fh)
    return project / "_quarto.yml"


def quarto_formats(wanted: list[str], info: BookInfo, standalone: bool = False) -> dict:
    """The ``format`` section of a project: HTML, DOCX and typst in the house style.

    ``standalone`` (a single document, not a book) makes the HTML one self-contained file.
    """
    formats = {}
    for fmt in wanted:
        if fmt == "html":
            formats["html"] = {"toc": True, "css": "nota.css", "number-sections": True}
            if standalone:
                formats["html"]["embed-resources"] = True
            if info.draft_marker:
                formats["html"]["include-before-body"] = [
                    {"text": f'<div class="ontwerp-banner" role="note">{html.escape(info.draft_marker)}</div>'}]
        elif fmt == "docx":
            formats["docx"] = {"reference-doc": "reference.docx", "toc": True, "number-sections": True}
        else:
            # Quarto's own typst template (a custom one must embed Quarto's partials); the house
            # style comes through its documented options. nota-sjabloon.typ is for the embedded renderer.
            formats["typst"] = {"toc": True, "number-sections": True, "section-numbering": "1.1.",
                                "papersize": "a4", "margin": {"x": "2cm", "y": "2cm"}, "fontsize": "10.5pt"}
            if info.draft_marker:
                # Quarto's typst template takes raw typst before the body: a header line on every page
                formats["typst"]["include-before-body"] = [{"text": _typst_draft_header(info.draft_marker)}]
    return formats


def _typst_draft_header(marker: str) -> str:
    text = marker.replace("\\", "\\\\").replace('"', '\\"')
    return (f'#set page(header: align(right, text(size: 8pt, fill: rgb("#B3261E"), weight: "bold", "{text}")))')


def output_stems(config: dict) -> tuple[str, str]:
    """The file names (without suffix) of a project's indienversie and werkversie."""
    names = config.get("igskit-uitvoer") or {}
    return names.get("indienversie", "nota"), names.get("werkversie", WORKING_STEM)


def read_book(build: Path) -> dict:
    """The project's ``_quarto.yml`` as plain data."""
    return YAML(typ="safe").load((build / "_quarto.yml").read_text(encoding="utf-8"))


def read_profile(build: Path, profile: str = WORKING_PROFILE) -> dict:
    """A profile's ``_quarto-<profile>.yml`` as plain data (empty when there is none)."""
    path = build / f"_quarto-{profile}.yml"
    if not path.is_file():
        return {}
    return YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
