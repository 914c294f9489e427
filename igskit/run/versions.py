"""Versions of a region's nota: ``outputs/<regio>/versies/v1, v2, …``, never overwritten.

Each version folder is a complete Quarto book project with its executed notebooks, the
rendered documents, a snapshot of the params and input files, and ``manifest.json``. A build
becomes a version by one atomic rename (its manifest already inside), and the latest version's
documents are then copied to ``outputs/<regio>/`` (one atomic replace per file), so a
coördinator always finds the newest nota at the same place. :mod:`igskit.run.publishing` keeps
that kill-safe: see :meth:`History.recover`.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from igskit.errors import VersionError
from igskit.paths import check_region_id, outputs_dir
from igskit.run import publishing
from igskit.run.checkpoints import reached
from igskit.run.publishing import MANIFEST, FolderLock, region_lock

SNAPSHOT_DIR = "invoer"
FAILED_LOG = "fout.log"
_VERSION = re.compile(r"^v(\d+)$")
# a build reserves its version number in its name (".bouw-v3-<stamp>"): the title page, the
# provenance and the change report say "versie v3" before the build is promoted to versies/v3
_RESERVED = re.compile(rf"^{re.escape(publishing.BUILD_PREFIX)}v(\d+)-")
KEEP_FAILED = 10  # mislukt/ keeps the newest failed runs; older ones are removed


@dataclass(frozen=True)
class Version:
    name: str
    path: Path
    manifest: dict

    @property
    def number(self) -> int:
        return int(self.name[1:])

    @property
    def params_snapshot(self) -> Path:
        return self.path / SNAPSHOT_DIR / self.manifest["params_file"]


class History:
    """The versions of one region."""

    def __init__(self, slug: str, outputs: Path | None = None):
        self.slug = check_region_id(slug)
        self.region_dir = (outputs or outputs_dir()) / slug
        self.versions_dir = self.region_dir / "versies"
        self._build_locks: dict[Path, FolderLock] = {}

    def versions(self) -> list[Version]:
        """The complete versions (a folder ``vN`` with its manifest), oldest first."""
        if not self.versions_dir.is_dir():
            return []
        found = []
        for path in self.versions_dir.iterdir():
            match = _VERSION.match(path.name)
            if match and not path.is_symlink() and (path / MANIFEST).is_file():
                try:
                    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
                except ValueError:
                    continue  # not igskit's: recover() sets it aside
                found.append(Version(path.name, path, manifest))
        return sorted(found, key=lambda v: v.number)

    def latest(self) -> Version | None:
        versions = self.versions()
        return versions[-1] if versions else None

    def get(self, name: str) -> Version:
        name = name if name.startswith("v") else f"v{name}"
        for version in self.versions():
            if version.name == name:
                return version
        known = ", ".join(v.name for v in self.versions()) or "nog geen"
        raise VersionError(f"Versie {name} van regio '{self.slug}' bestaat niet (beschikbaar: {known}).")

    def next_number(self) -> int:
        """One past every ``vN`` name in ``versies/``, complete or not, and every number a live
        build reserved: a name is never reused, and two runs at once never get the same one."""
        numbers = [0]
        if self.versions_dir.is_dir():
            numbers += [int(m.group(1)) for p in self.versions_dir.iterdir() if (m := _VERSION.match(p.name))]
        if self.region_dir.is_dir():
            numbers += [int(m.group(1)) for p in self.region_dir.iterdir() if (m := _RESERVED.match(p.name))]
        return max(numbers) + 1

    @staticmethod
    def reserved_name(build: Path) -> str:
        """The version name ``build`` reserved when it was made (``v3``)."""
        match = _RESERVED.match(build.name)
        if match is None:
            raise VersionError(f"Bouwmap {build.name} heeft geen gereserveerd versienummer.")
        return f"v{match.group(1)}"

    # --- recovery ---------------------------------------------------------------------------------

    def recover(self) -> list[str]:
        """Repair what a killed run left behind; return Dutch lines saying what was done.

        Refuses symlinks in the region folder; removes build folders and temporaries of runs
        that no longer live; sets aside version folders without a manifest; makes the published
        documents equal to the latest complete version's (hash by hash).
        """
        publishing.refuse_links(self.region_dir)
        if not self.region_dir.is_dir():
            return []
        said = []
        with region_lock(self.region_dir):
            removed = publishing.remove_dead_builds(self.region_dir)
            if removed:
                said.append(f"Opgeruimd na een onderbroken run: {', '.join(sorted(removed))}.")
            aside = publishing.set_aside_incomplete(self.versions_dir, _VERSION)
            if aside:
                said.append(f"Onvolledige versiemap(pen) {', '.join(sorted(aside))} opzij gezet "
                            "(een run werd onderbroken terwijl hij die versie aanmaakte).")
            versions = self.versions()
            if versions:
                changed = publishing.publish_latest(self.region_dir, versions[-1], versions[:-1])
                if changed:
                    said.append(f"Gepubliceerde documenten hersteld uit versie {versions[-1].name}: "
                                f"{', '.join(changed)}.")
        return said

    # --- building ---------------------------------------------------------------------------------

    def new_build_dir(self) -> Path:
        """A fresh, hidden folder to build in, locked while this process lives.

        Nothing visible changes until it is promoted. Created and locked under the region lock,
        so :meth:`recover` in another process never mistakes it for a dead run's.
        """
        publishing.refuse_links(self.region_dir)
        self.region_dir.mkdir(parents=True, exist_ok=True)
        with region_lock(self.region_dir):
            stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
            build = self.region_dir / f"{publishing.BUILD_PREFIX}v{self.next_number()}-{stamp}"
            build.mkdir()
            lock = FolderLock(build)
            lock.acquire()
            self._build_locks[build] = lock
        return build

    def release(self, build: Path) -> None:
        lock = self._build_locks.pop(build, None)
        if lock is not None:
            lock.release()

    def promote(self, build: Path, manifest: dict) -> Version:
        """Turn a finished build into the next version (one atomic rename) and publish it."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        manifest = {**manifest, "published": publishing.published_hashes(build)}
        match = _RESERVED.match(build.name)
        number = int(match.group(1)) if match else self.next_number()
        for _attempt in range(1000):
            name = f"v{number}"
            manifest = {**manifest, "version": name}
            (build / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            reached("manifest-geschreven")
            target = self.versions_dir / name
            try:
                # the claim and the switch at once: a rename fails when vN exists with content
                # (a concurrent run took it) and replaces a leftover empty vN
                os.rename(build, target)
            except OSError as exc:
                if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
                    raise
                number = max(number + 1, self.next_number())  # only a leftover can hold a reserved name
                continue
            break
        else:
            raise VersionError(f"Geen vrije versienaam gevonden in {self.versions_dir}.")
        reached("versie-geclaimd")
        version = Version(name, target, manifest)
        self.release(build)
        self.publish(every=True)
        return version

    def publish(self, every: bool = False) -> list[str]:
        """Publish the latest complete version's documents (not necessarily this run's: a later one wins)."""
        with region_lock(self.region_dir):
            versions = self.versions()
            if not versions:
                return []
            return publishing.publish_latest(self.region_dir, versions[-1], versions[:-1], every=every)

    def keep_failed(self, build: Path, log: str = "") -> Path:
        """Move a failed build aside for inspection, keeping only what helps: notebooks and a log.

        The versions and published documents stay untouched; the rest of the build (documents,
        spreadsheets, input copies) is removed, so a failure on a full disk frees space.
        """
        stamp = _RESERVED.sub("", build.name).removeprefix(publishing.BUILD_PREFIX)
        failed = self.region_dir / "mislukt" / stamp
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(build, failed)
        self.release(build)
        self._prune_failed(failed.parent)
        for path in failed.iterdir():
            if path.suffix == ".ipynb" and path.is_file():
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if log:
            try:
                (failed / FAILED_LOG).write_text(log, encoding="utf-8")
            except OSError:
                pass  # a full disk: the notebooks still say what happened
        return failed

    @staticmethod
    def _prune_failed(folder: Path) -> None:
        """Keep the newest :data:`KEEP_FAILED` failed runs (by when they failed) in ``mislukt/``."""
        runs = [p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
        runs.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
        for old in runs[:-KEEP_FAILED]:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self, build: Path) -> None:
        """Remove a build that was stopped on purpose (Ctrl-C)."""
        self.release(build)
        shutil.rmtree(build, ignore_errors=True)

    def size_estimate(self) -> int | None:
        """Bytes a new version takes: the latest version's size (for 'disk full' messages)."""
        latest = self.latest()
        return publishing.folder_size(latest.path) if latest else None
