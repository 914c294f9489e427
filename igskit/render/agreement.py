"""The afsprakennota's own Quarto project, next to the cultuurnota's book.

A region that also starts a bovenlokaal netwerk vrijetijdsparticipatie hands in a separate
dossier (seed 004): the afsprakennota, a policy document *and* subsidy application. Its text is
one executed step notebook (``06-afsprakennota``) whose level-1 headings are the decree's parts,
so the project is a single Quarto document, not a book: ``afsprakennota/_quarto.yml`` with
``project: type: default``. The same profile as the book's makes the werkversie. Quarto renders
it when installed; the embedded renderer reads the same ``_quarto.yml``.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

from igskit.params.load import LoadedPlan
from igskit.planning import network
from igskit.planning.markup import text
from igskit.render.book import (
    WORKING_PROFILE,
    BookInfo,
    book_info,
    copy_house_style,
    quarto_formats,
    quarto_subtitle,
    title_facts,
    write_project_files,
)

STEP = "06-afsprakennota"  # the step notebook whose executed copy is the document
FOLDER = "afsprakennota"  # the project's folder inside a build
STEM = "afsprakennota"  # afsprakennota.html/.docx/.pdf: the indienversie
WORKING_STEM = "afsprakennota-werkversie"  # its werkversie (html and pdf)
OUTPUT_DIR = "_uitvoer"  # where Quarto writes the indienversie (the werkversie: OUTPUT_DIR-werkversie)


def agreement_info(loaded: LoadedPlan, version: str, today: dt.date, logo: Path | None = None) -> BookInfo:
    """The afsprakennota's title page: the nota's (author, date, status, version, gemeenten), with its
    own title and the network, its gemeenten and the period as subtitle."""
    plan = loaded.plan
    period = plan.region.period
    info = replace(book_info(loaded, version, today), title="Afsprakennota vrijetijdsparticipatie",
                   subtitle=f"{network.name(plan)} · gemeenten: {', '.join(network.municipalities(plan))} · "
                            f"subsidieperiode {period.start}–{period.end}")
    return replace(info, logo=logo) if logo is not None else info


def write_project(build: Path, loaded: LoadedPlan, info: BookInfo) -> Path:
    """Write ``build/afsprakennota/`` (``_quarto.yml``, the werkversie profile, the house style).

    The executed notebook comes in later, with :func:`place_notebook`, once its step has run.
    """
    project = build / FOLDER
    project.mkdir(exist_ok=True)
    copy_house_style(project, loaded, info)
    config = {
        "project": {"type": "default", "output-dir": OUTPUT_DIR, "render": [f"{STEM}.ipynb"]},
        "lang": "nl",
        "execute": {"enabled": False, "echo": False, "warning": False},
        # Quarto merges project metadata into the document; read as Markdown, so params text is escaped
        "title": str(text(info.title)),
        "subtitle": quarto_subtitle(info),
        "author": str(text(info.author)),
        "date": info.date,
        "toc": True,
        "number-sections": True,
        "format": quarto_formats(loaded.plan.nota.formats, info, standalone=True),
        "igskit": {**title_facts(info), "subtitle": str(text(info.subtitle))},
        "igskit-uitvoer": {"indienversie": STEM, "werkversie": WORKING_STEM},
    }
    profile = {"project": {"output-dir": f"{OUTPUT_DIR}-{WORKING_PROFILE}"}}
    return write_project_files(project, config, profile, "Quarto project of the afsprakennota, written by igskit",
                               "checks and findings")


def place_notebook(build: Path) -> Path:
    """Copy the executed step notebook into the project as the document's source."""
    target = build / FOLDER / f"{STEM}.ipynb"
    shutil.copyfile(build / f"{STEP}.ipynb", target)
    return target


def publish(build: Path, files: dict[str, Path]) -> dict[str, Path]:
    """Move the rendered afsprakennota up into the build folder, next to the nota: what a version publishes."""
    moved = {}
    for path in files.values():
        target = build / path.name
        shutil.move(str(path), target)
        moved[path.name] = target
    return moved
