"""Kill-safe publishing: the documents in ``outputs/<regio>/`` always come from one version.

The switch is the version folder: a build becomes ``versies/vN`` by one atomic rename, with its
``manifest.json`` (which lists the SHA-256 of every document it publishes) already inside. The
copies in the region folder (``nota.*``, ``begroting.xlsx``, ...) are derived from the latest
complete version, one atomic replace per file. A process killed half-way leaves them partly
old, never torn; the next run (and ``igskit versies``) compares them with the latest version's
manifest and repairs them before anything else. It also sets aside version folders without a
manifest and removes build folders and temporaries of runs that no longer live: a live run
holds an ``flock`` on its build folder, and every change to the region folder's published
files happens under an ``flock`` on the region folder itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from igskit.errors import PathError
from igskit.run.checkpoints import reached

try:
    import fcntl
except ImportError:  # Windows: no flock; stale builds are then recognised by age alone
    fcntl = None

MANIFEST = "manifest.json"
DOCUMENT_SUFFIXES = (".html", ".docx", ".pdf", ".xlsx", ".odt", ".epub")
NOT_PUBLISHED = {"reference.docx"}  # the house-style template of the book project, not a document
BUILD_PREFIX = ".bouw-"
TEMP_PREFIX = ".igskit-tijdelijk-"
INCOMPLETE_PREFIX = ".onvolledig-"
_LEGACY_TEMP = re.compile(r"^\.(nota|werkversie|begroting|stakeholders)\..+\.[0-9a-f]{6}$")
STALE_WITHOUT_LOCKS = 12 * 3600  # seconds; only where flock does not exist


def document_names(folder: Path) -> list[str]:
    """The document files of a version (or build) folder: what the region folder publishes."""
    names = []
    for path in folder.iterdir():
        if (path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith((".", "_"))
                and path.name not in NOT_PUBLISHED and path.is_file() and not path.is_symlink()):
            names.append(path.name)
    return sorted(names)


def digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def published_hashes(folder: Path) -> dict[str, str]:
    """``{document name: sha256}`` for the manifest of the version being made from ``folder``."""
    return {name: digest(folder / name) for name in document_names(folder)}


def expected_documents(version_path: Path, manifest: dict) -> dict[str, str]:
    """What a version publishes: from its manifest, or (older versions) from its files."""
    recorded = manifest.get("published")
    if isinstance(recorded, dict):
        return {name: sha for name, sha in recorded.items() if (version_path / name).is_file()}
    return published_hashes(version_path)


# --- locks -----------------------------------------------------------------------------------------


class FolderLock:
    """An ``flock`` on a folder (its inode: the lock follows the folder through a rename)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.fd: int | None = None

    def acquire(self, blocking: bool = True) -> bool:
        if fcntl is None:
            return True
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None


@contextmanager
def region_lock(region_dir: Path):
    """Serialise changes to the published files and to the build folders of one region."""
    lock = FolderLock(region_dir)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


# --- links ----------------------------------------------------------------------------------------


def refuse_links(region_dir: Path) -> None:
    """Never write through a symlink planted in a region folder.

    A link as the region folder, ``versies/`` or ``mislukt/`` stops the run with a Dutch
    message; a link as the cache folder is removed (the link, not its target: the cache is
    igskit's own and is rebuilt). Published files that are links are replaced, not followed.
    """
    for path in (region_dir, region_dir / "versies", region_dir / "mislukt"):
        if path.is_symlink():
            raise PathError(f"{path} is een symbolische koppeling (symlink) naar {os.readlink(path)}; igskit schrijft "
                            "nooit via een koppeling in de uitvoermap. → Verwijder de koppeling (niet wat ze aanwijst) "
                            "en voer de opdracht opnieuw uit.")
    cache = region_dir / ".cache"
    for path in (cache, cache / "hoofdstukken"):
        if path.is_symlink():
            path.unlink()
    if (cache / "hoofdstukken").is_dir():
        for entry in (cache / "hoofdstukken").iterdir():
            if entry.is_symlink():
                entry.unlink()  # a cached chapter is rewritten in place: never through a link


# --- publishing -----------------------------------------------------------------------------------


def publish_latest(region_dir: Path, latest, older: list, *, every: bool = False) -> list[str]:
    """Make the region folder's documents equal to ``latest``'s; return the names that changed.

    Call with the region lock held. Files already equal are left alone (unless ``every``: a
    new version is published whole); a document an older
    version published but ``latest`` does not (a format dropped) is removed, so every published
    document comes from the same version.
    """
    expected = expected_documents(latest.path, latest.manifest)
    changed = []
    for index, (name, sha) in enumerate(sorted(expected.items()), start=1):
        target = region_dir / name
        if not every and target.is_file() and not target.is_symlink() and digest(target) == sha:
            continue
        temporary = region_dir / f"{TEMP_PREFIX}{uuid.uuid4().hex[:8]}-{name}"
        with open(latest.path / name, "rb") as source, open(temporary, "xb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
            copy.flush()
            os.fsync(copy.fileno())
        reached(f"publiceren-{index}-gekopieerd")
        os.replace(temporary, target)  # a link at ``target`` is replaced itself, never its target
        reached(f"publiceren-{index}-vervangen")
        changed.append(name)
    stale = {name for version in older for name in expected_documents(version.path, version.manifest)} - set(expected)
    for name in sorted(stale):
        target = region_dir / name
        if target.is_symlink() or target.is_file():
            target.unlink()
            changed.append(name)
    return changed


# --- tidying after a crash ------------------------------------------------------------------------


def remove_dead_builds(region_dir: Path) -> list[str]:
    """Remove build folders and temporaries of runs that no longer live (region lock held)."""
    removed = []
    for path in region_dir.iterdir():
        name = path.name
        if name.startswith(TEMP_PREFIX) or _LEGACY_TEMP.match(name):
            if path.is_file() or path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(name)
        elif name.startswith(BUILD_PREFIX) and not path.is_symlink() and path.is_dir():
            if fcntl is None:
                dead = time.time() - path.stat().st_mtime > STALE_WITHOUT_LOCKS
            else:
                lock = FolderLock(path)
                dead = lock.acquire(blocking=False)  # a live run holds its build's lock
                lock.release()
            if dead:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(name)
        elif name.startswith(BUILD_PREFIX) and path.is_symlink():
            path.unlink()
            removed.append(name)
    return removed


def set_aside_incomplete(versions_dir: Path, pattern: re.Pattern) -> list[str]:
    """Version folders without a manifest (a run killed while claiming one) leave the numbering.

    An empty one is removed; one with content moves to ``versies/.onvolledig-vN-<tijd>`` for
    inspection. A link named like a version is moved aside too (the link itself).
    """
    moved = []
    if not versions_dir.is_dir():
        return moved
    for path in versions_dir.iterdir():
        if not pattern.match(path.name):
            continue
        if not path.is_symlink() and (path / MANIFEST).is_file():
            continue
        if not path.is_symlink() and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
        else:
            stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:4]}"
            os.replace(path, versions_dir / f"{INCOMPLETE_PREFIX}{path.name}-{stamp}")
        moved.append(path.name)
    return moved


def folder_size(folder: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total
