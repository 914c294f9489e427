"""What produced a version: input hashes, software versions, renderer and date."""

from __future__ import annotations

import datetime as dt
import platform
import shutil
import subprocess
from functools import lru_cache
from importlib import metadata

import pandas as pd

from igskit.params.inputs import file_digest
from igskit.params.load import LoadedPlan
from igskit.planning.markup import Markup, text

PACKAGES = ("igskit", "papermill", "nbclient", "nbformat", "ipykernel", "pandas", "matplotlib", "pydantic",
            "ruamel.yaml", "openpyxl", "pypandoc-binary", "typst")
KIND_LABELS = {"params": "Params-bestand", "stakeholders": "Stakeholderlijst", "indicatoren": "Indicatoren",
               "referentiedocument": "Referentiedocument (Word-huisstijl)", "logo": "Logo"}


def inputs(loaded: LoadedPlan) -> dict[str, dict[str, str]]:
    files = {"params": loaded.path, **loaded.inputs}
    return {kind: {"file": path.name, "sha256": file_digest(path)} for kind, path in files.items()}


@lru_cache(maxsize=1)
def software() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "niet geïnstalleerd"
    try:
        import pypandoc

        versions["pandoc"] = pypandoc.get_pandoc_version()
    except (ImportError, OSError):
        versions["pandoc"] = "niet gevonden"
    quarto = shutil.which("quarto")
    if quarto:
        result = subprocess.run([quarto, "--version"], capture_output=True, text=True)
        versions["quarto"] = result.stdout.strip() or "onbekend"
    return versions


def markdown(input_hashes: dict, renderer: str, version: str, label: str, note: str, executed: list[str],
             reused: list[str], when: dt.datetime) -> str:
    from igskit.planning.tables import markdown_table

    files = pd.DataFrame([{"Invoer": KIND_LABELS.get(kind, kind), "Bestand": v["file"],
                           "SHA-256": Markup(f"`{v['sha256']}`")} for kind, v in input_hashes.items()])
    soft = pd.DataFrame([{"Onderdeel": k, "Versie": v} for k, v in software().items()])
    lines = [
        f"Deze nota is versie **{text(version)}**" + (f" (*{text(label)}*)" if label else "") +
        f", gemaakt op {when:%d-%m-%Y om %H:%M} met renderer **{renderer}**.",
        "",
    ]
    if note:
        lines += [f"Notitie bij deze versie: {text(note)}", ""]
    lines += [
        f"Opnieuw uitgevoerde stappen: {', '.join(executed) or 'geen'}. "
        f"Ongewijzigd overgenomen uit de vorige versie: {', '.join(reused) or 'geen'}.",
        "",
        "## Invoerbestanden",
        "",
        markdown_table(files),
        "",
        "## Software",
        "",
        markdown_table(soft),
    ]
    return "\n".join(lines)
