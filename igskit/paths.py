"""All paths of the igskit template, anchored at the package; importing this has no side effects.

igskit is a template project: the package lives next to ``notebooks/``, ``params/`` and
``outputs/`` in one repository, and is installed in editable mode.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PARAMS_DIR = PROJECT_DIR / "params"
OUTPUTS_DIR = PROJECT_DIR / "outputs"
TEMPLATES_DIR = PACKAGE_DIR / "render" / "templates"
REFERENCE_DOCX = TEMPLATES_DIR / "reference.docx"


def outputs_dir() -> Path:
    """Where region folders go: ``outputs/`` of the project, or ``$IGSKIT_OUTPUTS`` when set."""
    import os

    override = os.environ.get("IGSKIT_OUTPUTS")
    return Path(override).resolve() if override else OUTPUTS_DIR
