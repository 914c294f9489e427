"""All paths of the igskit template, anchored at the package; importing this has no side effects.

igskit is a template project: the package lives next to ``notebooks/``, ``params/`` and
``outputs/`` in one repository, and is installed in editable mode.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
PARAMS_DIR = PROJECT_DIR / "params"
OUTPUTS_DIR = PROJECT_DIR / "outputs"
TEMPLATES_DIR = PACKAGE_DIR / "render" / "templates"
REFERENCE_DOCX = TEMPLATES_DIR / "reference.docx"

# A region id (``regio.id`` in a params file) names a folder under outputs/: the same pattern
# as the schema's, so an id from the command line can never climb out of outputs/.
REGION_ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"
REGION_ID_MAX = 60
_REGION_ID = re.compile(REGION_ID_PATTERN)


def outputs_dir() -> Path:
    """Where region folders go: ``outputs/`` of the project, or ``$IGSKIT_OUTPUTS`` when set (``~`` expanded)."""
    override = os.environ.get("IGSKIT_OUTPUTS", "").strip()
    return Path(override).expanduser().resolve() if override else OUTPUTS_DIR


def check_region_id(text: str) -> str:
    """``text`` if it is a valid region id; a Dutch error (exit 2) otherwise."""
    from igskit.errors import PathError

    if len(text) > REGION_ID_MAX or not _REGION_ID.match(text):
        shown = text if len(text) <= 80 else text[:77] + "…"
        raise PathError(f"'{shown}' is geen geldige regio-id. Een regio-id bestaat uit kleine letters, cijfers, "
                        "'-', '_' en '.', begint met een letter of cijfer en is geen pad. "
                        "→ Geef de id uit het params-bestand (regio.id), bv. 'voorbeeldregio'.")
    return text


def writable_outputs_dir(path: Path | None = None) -> Path:
    """The outputs folder, created when missing and checked to be a folder igskit can write in.

    Raises a Dutch error (exit 2) before anything runs when it is a file, cannot be created
    or does not accept a new file (read-only, immutable, no permission, full).
    """
    import tempfile

    from igskit.errors import PathError

    folder = Path(path).expanduser() if path is not None else outputs_dir()
    source = "IGSKIT_OUTPUTS" if path is None and os.environ.get("IGSKIT_OUTPUTS", "").strip() else "de uitvoermap"
    if folder.exists() and not folder.is_dir():
        raise PathError(f"{source} ({folder}) is een bestand, geen map. "
                        "→ Kies een map, bv. IGSKIT_OUTPUTS=~/igskit-uitvoer, of verwijder het bestand.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=folder, prefix=".igskit-schrijftest-", delete=True)
        probe.write(b"igskit")
        probe.flush()
        probe.close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise PathError(f"igskit kan niet schrijven in {source} ({folder}): {reason}. "
                        "→ Kies een map waarin je mag schrijven (IGSKIT_OUTPUTS=…), of maak deze map "
                        "beschrijfbaar.") from None
    return folder.resolve()
