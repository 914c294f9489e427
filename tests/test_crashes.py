"""A real ``igskit run`` killed with SIGKILL at many moments: publishing stays one switch.

Each kill is a real process killed the hard way (no ``finally`` runs), at a named moment
(``IGSKIT_TEST_KILL_AT``, see igskit.run.checkpoints) or after a delay. After every kill:
the published files were never torn (each equals some version's copy); ``igskit versies``
repairs the region (published files equal the latest complete version's manifest, build
folders and temporaries of the dead run are gone, no version folder without a manifest); the
next run completes and the numbering continues.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from igskit.run import publishing
from igskit.run.versions import History

from .conftest import FIXTURES, copy_region, edit_params

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and flock are POSIX")

# every named moment of a run, in order; each one is a kill in the test below
BEFORE_KERNELS = ["gevalideerd", "hersteld", "bouwmap-gemaakt"]
DURING_STEPS = ["snapshot-genomen", "stappen-gestart", "excel-bewaard", "boek-geschreven"]
AFTER_STEPS = ["stappen-klaar", "renderen-gestart", "gerenderd", "manifest-geschreven"]
PUBLISHING = ["versie-geclaimd", "publiceren-1-gekopieerd", "publiceren-1-vervangen", "publiceren-2-gekopieerd",
              "publiceren-2-vervangen", "publiceren-3-gekopieerd", "publiceren-3-vervangen", "gepubliceerd"]
POINTS = BEFORE_KERNELS + DURING_STEPS + AFTER_STEPS + PUBLISHING
VERSION_MADE = set(PUBLISHING)  # killed after the switch: the version exists, its publishing is repaired
TIMED_KILLS = (2.0, 4.0, 6.0)  # seconds after the start: inside the steps, rendering, publishing


def igskit(args, outputs: Path, cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "igskit.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "IGSKIT_OUTPUTS": str(outputs), **env}, timeout=180)


def hashes(folder: Path) -> dict[str, str]:
    return {name: publishing.digest(folder / name) for name in publishing.document_names(folder)}


def version_dirs(region: Path) -> list[str]:
    return sorted((p.name for p in (region / "versies").iterdir() if re.fullmatch(r"v\d+", p.name)),
                  key=lambda n: int(n[1:]))


def assert_never_torn(region: Path) -> None:
    """Right after a kill: every published file is some complete version's copy, byte for byte."""
    known: dict[str, set[str]] = {}
    for version in History("kleineregio", region.parent).versions():
        for name, sha in version.manifest["published"].items():
            known.setdefault(name, set()).add(sha)
    for name, sha in hashes(region).items():
        assert sha in known.get(name, set()), f"{name} is no version's copy after the kill"


def assert_repaired(region: Path, outputs: Path, cwd: Path, cli: bool = True) -> str:
    """``igskit versies`` (or the same repair in this process) makes everything come from the latest version."""
    if cli:
        result = igskit(["versies", "kleineregio"], outputs, cwd)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stdout + result.stderr
    else:
        History("kleineregio", outputs).recover()
    versions = version_dirs(region)
    for name in versions:
        assert (region / "versies" / name / "manifest.json").is_file(), f"{name} has no manifest"
    latest = region / "versies" / versions[-1]
    manifest = json.loads((latest / "manifest.json").read_text(encoding="utf-8"))
    assert hashes(region) == manifest["published"] == hashes(latest)
    leftovers = [p.name for p in region.iterdir() if p.name.startswith((publishing.BUILD_PREFIX, ".igskit-", ".nota."))]
    assert leftovers == []
    return versions[-1]


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    params = copy_region(FIXTURES / "kleineregio.yml", root / "params")
    outputs = root / "outputs"
    first = igskit(["run", str(params)], outputs, root)
    assert first.returncode == 0, first.stderr
    return {"params": params, "outputs": outputs, "region": outputs / "kleineregio", "root": root}


def _change(params: Path, text: str) -> None:
    """A change only the last step reads: one kernel, one step, a new nota."""
    edit_params(params, lambda doc: doc["planning"]["fasen"][0].__setitem__("wat", text))


def _touch(params: Path, number: int) -> None:
    """A new comment: a new version (new nota, new spreadsheets) that reuses every executed step."""
    with params.open("a", encoding="utf-8") as stream:
        stream.write(f"# opmerking {number}\n")


def test_killed_at_every_moment_the_next_run_repairs_and_continues(region):
    params, outputs, folder, root = region["params"], region["outputs"], region["region"], region["root"]
    expected = 1
    for number, point in enumerate(POINTS):
        if point in DURING_STEPS:
            _change(params, f"Armoede is zichtbaar in Zuidveld (wijziging {number}).")
        else:
            _touch(params, number)  # no kernel needed: quick
        killed = igskit(["run", str(params)], outputs, root, IGSKIT_TEST_KILL_AT=point)
        assert killed.returncode == -signal.SIGKILL, f"{point} was never reached: {killed.stderr[-2000:]}"
        assert_never_torn(folder)
        expected += point in VERSION_MADE
        assert assert_repaired(folder, outputs, root, cli=number % 5 == 0) == f"v{expected}", point
    for delay in TIMED_KILLS:
        _change(params, f"Armoede is zichtbaar in Zuidveld (na {delay} s gestopt).")
        process = subprocess.Popen([sys.executable, "-m", "igskit.cli", "run", str(params)], cwd=root,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "IGSKIT_OUTPUTS": str(outputs)})
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_never_torn(folder)
        assert_repaired(folder, outputs, root)
    # the numbering continues without gaps; an empty claim left by an older igskit does not block it
    versions = version_dirs(folder)
    assert versions == [f"v{n}" for n in range(1, len(versions) + 1)]
    (folder / "versies" / f"v{len(versions) + 1}").mkdir()
    _change(params, "Armoede is zichtbaar in Zuidveld (laatste run).")
    final = igskit(["run", str(params)], outputs, root)
    assert final.returncode == 0, final.stderr
    assert f"versie v{len(versions) + 1}" in final.stdout
    assert assert_repaired(folder, outputs, root) == f"v{len(versions) + 1}"
    snapshot = folder / "versies" / f"v{len(versions) + 1}" / "invoer" / "kleineregio.yml"
    assert snapshot.read_bytes() == params.read_bytes()
