"""Versions of a region's nota: ``outputs/<regio>/versies/v1, v2, …``, never overwritten.

Each version folder is a complete Quarto book project with its executed notebooks, the
rendered documents, a snapshot of the params and input files, and ``manifest.json``. The
latest documents are also copied to ``outputs/<regio>/nota.*`` (one atomic replace per file),
so a coördinator always finds the newest nota at the same place.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from igskit.errors import VersionError
from igskit.paths import outputs_dir

MANIFEST = "manifest.json"
SNAPSHOT_DIR = "invoer"
PUBLISHED = ("nota.html", "nota.docx", "nota.pdf", "werkversie.html", "werkversie.pdf", "begroting.xlsx",
             "stakeholders.xlsx")
_VERSION = re.compile(r"^v(\d+)$")


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
        self.slug = slug
        self.region_dir = (outputs or outputs_dir()) / slug
        self.versions_dir = self.region_dir / "versies"

    def versions(self) -> list[Version]:
        if not self.versions_dir.is_dir():
            return []
        found = []
        for path in self.versions_dir.iterdir():
            match = _VERSION.match(path.name)
            if match and (path / MANIFEST).is_file():
                found.append(Version(path.name, path, json.loads((path / MANIFEST).read_text(encoding="utf-8"))))
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

    def new_build_dir(self) -> Path:
        """A fresh, hidden folder to build in; nothing visible changes until it is promoted."""
        build = self.region_dir / f".bouw-{dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        build.mkdir(parents=True)
        return build

    def promote(self, build: Path, manifest: dict) -> Version:
        """Turn a finished build into the next version (atomic rename) and publish its documents."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        while True:
            latest = self.latest()
            name = f"v{(latest.number if latest else 0) + 1}"
            manifest = {**manifest, "version": name}
            (build / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
            target = self.versions_dir / name
            try:
                target.mkdir()  # claim the name; a concurrent run gets the next one
            except FileExistsError:
                continue
            os.replace(build, target)
            break
        version = Version(name, target, manifest)
        self.publish(version)
        return version

    def publish(self, version: Version) -> None:
        for name in PUBLISHED:
            source = version.path / name
            if source.is_file():
                temporary = self.region_dir / f".{name}.{uuid.uuid4().hex[:6]}"
                shutil.copyfile(source, temporary)
                os.replace(temporary, self.region_dir / name)

    def keep_failed(self, build: Path) -> Path:
        """Move a failed build aside for inspection; the versions and published documents stay untouched."""
        failed = self.region_dir / "mislukt" / build.name.removeprefix(".bouw-")
        failed.parent.mkdir(parents=True, exist_ok=True)
        os.replace(build, failed)
        return failed
