"""The planning steps, and what each one reads.

Five steps make the cultuurnota; a region that also starts a bovenlokaal netwerk
vrijetijdsparticipatie (``nota.afsprakennota: true``) gets a sixth, its afsprakennota.

A step's fingerprint is a hash of the params sections and input files it declares here, its
notebook's source and igskit's own code. A step re-executes exactly when its fingerprint
changes; tests prove that changing a section a step does not declare leaves its output equal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from igskit.params.inputs import file_digest
from igskit.params.load import LoadedPlan
from igskit.paths import NOTEBOOKS_DIR, PACKAGE_DIR


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    reads: tuple[str, ...]  # top-level params keys (Dutch, as in the file)
    files: tuple[str, ...] = ()  # kinds of input file: "stakeholders", "indicatoren", "referentiedocument"

    @property
    def notebook(self):
        return NOTEBOOKS_DIR / f"{self.name}.ipynb"


ALL = ("regio", "planning", "stakeholders", "omgevingsanalyse", "swot", "visie", "prioriteiten", "doelstellingen",
       "begroting", "nota", "afsprakennota", "stappenplan", "werkgroepen", "monitoring", "goedkeuring")

STEPS = (
    Step("01-stakeholders", "Stakeholders en netwerk",
         ("regio", "stakeholders", "prioriteiten", "nota", "doelstellingen", "werkgroepen"),
         ("stakeholders",)),
    Step("02-omgevingsanalyse", "Omgevingsanalyse en SWOT",
         ("regio", "stakeholders", "prioriteiten", "omgevingsanalyse", "swot", "nota"),
         ("stakeholders", "indicatoren")),
    Step("03-doelstellingen", "Visie, prioriteiten en doelstellingen",
         ("regio", "stakeholders", "visie", "prioriteiten", "doelstellingen", "werkgroepen", "monitoring"),
         ("stakeholders",)),
    Step("04-begroting", "Meerjarenbegroting", ("regio", "begroting", "doelstellingen")),
    Step("05-nota", "Werking, netwerk en zakelijk plan", ALL, ("stakeholders", "indicatoren")),
)
AGREEMENT = Step("06-afsprakennota", "Afsprakennota vrijetijdsparticipatie", ALL, ("stakeholders", "indicatoren"))
EVERY = (*STEPS, AGREEMENT)  # every step notebook there is


def steps_for(plan) -> tuple[Step, ...]:
    """The steps of ``plan``'s run: the afsprakennota only when the nota asks for it."""
    return EVERY if plan.nota.include_agreement else STEPS


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of igskit's own source: a code change invalidates every step."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(step: Step, loaded: LoadedPlan, raw: dict) -> str:
    """Hash of everything ``step`` reads. ``raw`` is the params file as plain data."""
    digest = hashlib.sha256()
    sections = {key: raw.get(key) for key in step.reads}
    digest.update(json.dumps(sections, sort_keys=True, default=str).encode())
    for kind in step.files:
        path = loaded.inputs.get(kind)
        digest.update(f"{kind}:{file_digest(path) if path and path.is_file() else '-'}".encode())
    digest.update(notebook_digest(step.notebook).encode())
    digest.update(code_digest().encode())
    return digest.hexdigest()


def notebook_digest(path) -> str:
    """A hash of what a step notebook does: its cells' kind, source and tags.

    Outputs, execution counts, cell ids and notebook or cell metadata (what JupyterLab's autosave
    and widgets write) are left out, and so is the ``parameters`` cell: papermill injects the
    run's parameters after it, so its defaults never change a result. An autosaved notebook
    therefore never makes a new version.
    """
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = []
    for cell in notebook.get("cells", []):
        tags = sorted(cell.get("metadata", {}).get("tags", []))
        if "parameters" in tags:
            continue
        source = cell.get("source", "")
        cells.append([cell.get("cell_type"), "".join(source) if isinstance(source, list) else source, tags])
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def fingerprints(loaded: LoadedPlan) -> dict[str, str]:
    return {step.name: fingerprint(step, loaded, loaded.raw) for step in steps_for(loaded.plan)}


def run_fingerprint(loaded: LoadedPlan, step_prints: dict[str, str], formats: list[str]) -> str:
    """Hash of everything a whole run depends on: steps, all input files, templates, formats."""
    from igskit.paths import TEMPLATES_DIR

    digest = hashlib.sha256(json.dumps(step_prints, sort_keys=True).encode())
    digest.update(loaded.path.read_bytes())
    for kind, path in sorted(loaded.inputs.items()):
        digest.update(f"{kind}:{file_digest(path)}".encode())
    for path in sorted(TEMPLATES_DIR.iterdir()):
        if path.is_file() and path.suffix in (".docx", ".typ", ".css"):
            digest.update(path.name.encode() + path.read_bytes())
    digest.update(",".join(sorted(formats)).encode())
    return digest.hexdigest()
