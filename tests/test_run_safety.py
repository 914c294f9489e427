"""A run on a real machine: editors saving meanwhile, Ctrl-C, full and read-only disks, planted
symlinks, odd region ids and outputs folders, bugs. Real runs, real files, real signals; a full
disk is a real tmpfs of a few MB and a read-only one a real read-only remount when this machine
allows mounts (as root), otherwise the same OSError injected at the point where igskit writes.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from igskit.editing.document import ParamsDocument
from igskit.errors import DiskError, ParamsError, PathError
from igskit.paths import outputs_dir, writable_outputs_dir
from igskit.run import checkpoints, pipeline, publishing
from igskit.run.versions import History

from .conftest import FIXTURES, copy_region, edit_params

QUIET = pipeline.Progress(write=lambda _line: None)
OLD_TEXT = "Armoede is vooral zichtbaar in Zuidveld."


def igskit(args, outputs: Path | str, cwd: Path, timeout=180, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "igskit.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "IGSKIT_OUTPUTS": str(outputs), **env}, timeout=timeout)


def published(region: Path) -> dict[str, str]:
    return {name: publishing.digest(region / name) for name in publishing.document_names(region)}


def comment(params: Path, text: str) -> None:
    """A new version that reuses every executed step (no kernel starts)."""
    with params.open("a", encoding="utf-8") as stream:
        stream.write(f"# {text}\n")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """kleineregio run once (v1); tests copy its region folder instead of executing the steps again."""
    root = tmp_path_factory.mktemp("basis")
    params = copy_region(FIXTURES / "kleineregio.yml", root / "params")
    pipeline.run(params, outputs=root / "outputs", progress=QUIET)
    return root / "outputs" / "kleineregio"


@pytest.fixture
def region(base, tmp_path):
    """A fresh copy of the region with v1, its params file and outputs folder."""
    outputs = tmp_path / "outputs"
    shutil.copytree(base, outputs / "kleineregio", symlinks=True)
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")
    return {"params": params, "outputs": outputs, "region": outputs / "kleineregio", "root": tmp_path}


@pytest.fixture(autouse=True)
def _no_hooks():
    yield
    checkpoints.HOOKS.clear()


# --- mounts: a real full or read-only disk when this machine allows it ---------------------------------


@contextmanager
def small_disk(folder: Path, size_kb: int):
    """A tmpfs of ``size_kb`` at ``folder``; yields False (nothing mounted) where mounting is not allowed."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        yield False
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                             capture_output=True).returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True, capture_output=True)


def used_kb(folder: Path) -> int:
    return (shutil.disk_usage(folder).used + 1023) // 1024


# --- one snapshot -----------------------------------------------------------------------------------


def test_an_editor_saving_while_the_run_starts_changes_neither_the_snapshot_nor_the_nota(region):
    params, outputs = region["params"], region["outputs"]
    indicators = params.parent / "kleineregio" / "indicatoren.csv"
    validated_params, validated_indicators = params.read_bytes(), indicators.read_bytes()
    edit_params(params, lambda doc: doc["planning"]["fasen"][0].__setitem__("wat", "Eerste tekst X1."))
    validated_params = params.read_bytes()

    def editor_saves():  # right after igskit read the files, an editor saves new content
        edit_params(params, lambda doc: doc["planning"]["fasen"][0].__setitem__("wat", "Tweede tekst Y2."))
        indicators.write_bytes(validated_indicators.replace(b"\n", b"\r\n", 1) + b"\n")

    checkpoints.HOOKS["snapshot-genomen"] = editor_saves
    first = pipeline.run(params, outputs=outputs, progress=QUIET)
    checkpoints.HOOKS.clear()
    snapshot = first.version.path / "invoer"
    assert (snapshot / "kleineregio.yml").read_bytes() == validated_params != params.read_bytes()
    assert (snapshot / "kleineregio" / "indicatoren.csv").read_bytes() == validated_indicators
    assert first.executed == ["05-nota", "06-afsprakennota"]
    nota = (first.version.path / "nota.html").read_text(encoding="utf-8")
    assert "Eerste tekst X1." in nota and "Tweede tekst Y2." not in nota
    executed = (first.version.path / "05-nota.ipynb").read_text(encoding="utf-8")
    assert "Eerste tekst X1." in executed and "Tweede tekst Y2." not in executed  # the kernel loaded the snapshot
    assert first.version.manifest["inputs"]["params"]["sha256"] == publishing.digest(snapshot / "kleineregio.yml")

    second = pipeline.run(params, outputs=outputs, progress=QUIET)  # the saved change is the next version
    assert not second.unchanged and second.version.name == "v3"
    assert "Tweede tekst Y2." in (second.version.path / "nota.html").read_text(encoding="utf-8")
    assert (second.version.path / "invoer" / "kleineregio.yml").read_bytes() == params.read_bytes()


def test_a_save_between_the_check_and_the_snapshot_is_taken_whole(region):
    """Saved after igskit checked the file but before it took the snapshot: the new file, consistently.

    The check saw no step to execute; the snapshot has a new text for step 05, so 05 runs.
    """
    params, outputs = region["params"], region["outputs"]
    comment(params, "een nieuwe versie, zonder stappen")  # what igskit checks first: only step 05 is new
    checkpoints.HOOKS["gevalideerd"] = lambda: edit_params(
        params, lambda doc: doc["planning"]["fasen"][0].__setitem__("wat", "Later bewaard Z3."))
    result = pipeline.run(params, outputs=outputs, progress=QUIET)
    assert (result.version.path / "invoer" / "kleineregio.yml").read_bytes() == params.read_bytes()
    assert "Later bewaard Z3." in (result.version.path / "nota.html").read_text(encoding="utf-8")
    assert "Later bewaard Z3." in (result.version.path / "05-nota.ipynb").read_text(encoding="utf-8")
    assert result.executed == ["05-nota", "06-afsprakennota"]


# --- Ctrl-C -------------------------------------------------------------------------------------------


def test_ctrl_c_stops_the_steps_at_once_and_keeps_the_previous_version(region):
    params, outputs, folder, root = region["params"], region["outputs"], region["region"], region["root"]
    before = published(folder)
    process = subprocess.Popen([sys.executable, "-m", "igskit.cli", "run", "--opnieuw", str(params)], cwd=root,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "IGSKIT_OUTPUTS": str(outputs)},
                               # as from a terminal, also when this test runs where SIGINT is ignored
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("[1/6]") and line.rstrip().endswith("…"):
            break
    time.sleep(0.2)
    interrupted = time.monotonic()
    process.send_signal(signal.SIGINT)
    rest = process.stdout.read()
    code = process.wait(timeout=60)
    stopped_after = time.monotonic() - interrupted
    output = "".join(lines) + rest
    assert code == 130
    assert "onderbroken (Ctrl-C)" in rest and "Traceback" not in output
    finished = [line for line in output.splitlines() if ": klaar (" in line]
    assert len(finished) < 6, output  # it did not wait for the remaining steps
    assert stopped_after < 10, stopped_after
    assert published(folder) == before
    assert sorted(p.name for p in (folder / "versies").iterdir()) == ["v1"]
    assert not any(p.name.startswith(".bouw-") for p in folder.iterdir())
    assert not (folder / "mislukt").exists()  # stopped on purpose: nothing to inspect


def test_the_afsprakennota_step_failing_while_the_nota_is_made_keeps_the_previous_version(region, tmp_path,
                                                                                          monkeypatch):
    """The nota is made as soon as its chapters are executed; the afsprakennota's step may still fail then."""
    import threading

    import nbformat

    from igskit.errors import StepError
    from igskit.paths import NOTEBOOKS_DIR
    from igskit.run import steps

    folder = region["region"]
    before = published(folder)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, notebooks)
    broken = nbformat.read(notebooks / "06-afsprakennota.ipynb", as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell("import time\ntime.sleep(3)\nraise ValueError('kapot na 3 s')"))
    nbformat.write(broken, notebooks / "06-afsprakennota.ipynb")
    monkeypatch.setattr(steps, "NOTEBOOKS_DIR", notebooks)
    rendering = []
    checkpoints.HOOKS["renderen-gestart"] = lambda: rendering.append(True)
    with pytest.raises(StepError) as caught:
        pipeline.run(region["params"], outputs=region["outputs"], force=True, progress=QUIET)
    assert rendering  # the nota was being made when the step failed
    assert caught.value.step == "06-afsprakennota" and "kapot na 3 s" in str(caught.value)
    assert not [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")]  # no renderer left
    assert published(folder) == before
    assert sorted(p.name for p in (folder / "versies").iterdir()) == ["v1"]
    assert not any(p.name.startswith(".bouw-") for p in folder.iterdir())
    failed = caught.value.notebook.parent
    assert failed.parent == folder / "mislukt" and (failed / "06-afsprakennota.ipynb").is_file()


# --- full, read-only and immutable disks ----------------------------------------------------------------


def test_a_full_disk_is_a_dutch_message_with_the_folder_and_the_space_needed(base, tmp_path):
    disk = tmp_path / "schijf"
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")
    with small_disk(disk, 20 * 1024) as real:
        outputs = disk / "outputs"
        shutil.copytree(base, outputs / "kleineregio", symlinks=True)
        folder = outputs / "kleineregio"
        before = published(folder)
        comment(params, "een nieuwe versie")
        if real:
            remount(disk, f"size={used_kb(disk) + 600}k")  # room for part of a version, not for all of it
            result = igskit(["run", str(params)], outputs, tmp_path)
        else:  # no mounts here: the same error where igskit writes a version's spreadsheet
            def full():
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / ".bouw-x" / "begroting.xlsx"))

            checkpoints.HOOKS["stappen-gestart"] = full
            with pytest.raises(DiskError) as info:
                pipeline.run(params, outputs=outputs, progress=QUIET)
            result = subprocess.CompletedProcess([], 1, "", f"igskit: {info.value}")
        assert result.returncode == 1, result.stderr
        message = result.stderr
        assert "De schijf is vol: igskit kon niet schrijven in " + str(folder) in message
        assert re.search(r"Nodig: ongeveer \d+,\d MB \(zoveel nam de vorige versie in\)", message), message
        assert "De vorige versies en de gepubliceerde nota zijn niet aangeraakt." in message
        assert "Traceback" not in message and "Errno" not in message
        assert published(folder) == before
        assert sorted(p.name for p in (folder / "versies").iterdir()) == ["v1"]
        assert not any(p.name.startswith((".bouw-", ".igskit-")) for p in folder.iterdir())
        for failed in (folder / "mislukt").glob("*"):  # only what helps: the notebooks and a log
            assert {p.suffix for p in failed.iterdir()} <= {".ipynb", ".log"}
        if real:
            remount(disk, "size=20m")
            again = igskit(["run", str(params)], outputs, tmp_path)
            assert again.returncode == 0 and "versie v2" in again.stdout, again.stderr


def test_a_disk_turning_read_only_during_the_run_is_a_dutch_message(base, tmp_path):
    disk = tmp_path / "schijf"
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")
    with small_disk(disk, 20 * 1024) as real:
        outputs = disk / "outputs"
        shutil.copytree(base, outputs / "kleineregio", symlinks=True)
        folder = outputs / "kleineregio"
        before = published(folder)
        comment(params, "een nieuwe versie")

        def read_only():
            if real:
                remount(disk, "ro")
            else:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder / ".bouw-x" / "index.qmd"))

        checkpoints.HOOKS["excel-bewaard"] = read_only
        try:
            with pytest.raises(DiskError) as info:
                pipeline.run(params, outputs=outputs, progress=QUIET)
        finally:
            checkpoints.HOOKS.clear()
            if real:
                remount(disk, "rw")
        assert info.value.errno == errno.EROFS
        assert "staat op een alleen-lezen schijf: igskit kan er niet schrijven" in str(info.value)
        assert str(folder) in str(info.value)
        assert published(folder) == before
        result = pipeline.run(params, outputs=outputs, progress=QUIET)  # writable again: the next run works
        assert result.version.name == "v2"
        assert not any(p.name.startswith(".bouw-") for p in folder.iterdir())


@pytest.mark.skipif(not shutil.which("chattr") or os.name != "posix", reason="needs chattr")
def test_an_immutable_region_folder_is_a_dutch_message(region):
    params, outputs, folder, root = region["params"], region["outputs"], region["region"], region["root"]
    before = published(folder)
    comment(params, "een nieuwe versie")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable attribute")
    try:
        result = igskit(["run", str(params)], outputs, root)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert result.returncode == 1
    assert f"igskit kreeg geen toegang tot {folder}" in result.stderr and "Traceback" not in result.stderr
    assert published(folder) == before


def test_an_editor_save_on_a_full_or_read_only_disk_is_a_dutch_message(tmp_path):
    disk = tmp_path / "schijf"
    with small_disk(disk, 1024) as real:
        if not real and os.geteuid() == 0:
            pytest.skip("as root a chmod does not stop writes, and no mount is possible here")
        params = copy_region(FIXTURES / "kleineregio.yml", disk / "params")
        document = ParamsDocument(params)
        document.doc["afsprakennota"]["armoedeanalyse"] = "Nieuw."
        original = params.read_bytes()
        if real:
            remount(disk, "ro")
        else:
            params.parent.chmod(0o500)
        try:
            with pytest.raises(DiskError) as info:
                document.save()
        finally:
            if real:
                remount(disk, "rw")
            else:
                params.parent.chmod(0o700)
        assert "Er is niets opgeslagen; de wijzigingen staan nog in de editor." in str(info.value)
        assert str(params.parent) in str(info.value)
        assert params.read_bytes() == original
        if real:  # the planner's session says the same in its status line
            from igskit.editing.session import EditSession

            session = EditSession(params)
            session.document.doc["afsprakennota"]["armoedeanalyse"] = "Nieuw."
            session.document.pending = ["een wijziging"]
            remount(disk, "ro")
            try:
                outcome = session.save()
            finally:
                remount(disk, "rw")
            assert not outcome.saved and outcome.message == "Niet opgeslagen: de schijf weigert het bestand."
            assert isinstance(outcome.error, DiskError) and "alleen-lezen schijf" in str(outcome.error)


def test_an_editor_opening_a_file_in_another_encoding_gets_a_dutch_message(tmp_path):
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path)
    params.write_bytes(params.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    with pytest.raises(ParamsError) as info:
        ParamsDocument(params)
    assert str(params) in str(info.value)


# --- paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["versies", "../../.."], ["versies", "/etc"], ["versies", "a/b"],
                                  ["diff", "../../..", "v1", "v2"], ["diff", "/etc", "v1", "v2"]])
def test_region_ids_on_the_command_line_are_never_paths(args, tmp_path):
    result = igskit(args, tmp_path / "outputs", tmp_path)
    assert result.returncode == 2
    assert "is geen geldige regio-id" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "outputs").exists() or not any((tmp_path / "outputs").iterdir())


def test_igskit_outputs_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "thuis"))
    monkeypatch.setenv("IGSKIT_OUTPUTS", "~/igskit-uitvoer")
    monkeypatch.chdir(tmp_path)
    assert outputs_dir() == tmp_path / "thuis" / "igskit-uitvoer"
    assert writable_outputs_dir() == tmp_path / "thuis" / "igskit-uitvoer"
    assert (tmp_path / "thuis" / "igskit-uitvoer").is_dir() and not (tmp_path / "~").exists()


def test_an_outputs_folder_that_is_a_file_or_unwritable_stops_before_anything_runs(tmp_path):
    params = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")
    afile = tmp_path / "uitvoer.txt"
    afile.write_text("geen map")
    result = igskit(["run", str(params)], afile, tmp_path)
    assert result.returncode == 2 and "is een bestand, geen map" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    locked = tmp_path / "vergrendeld"
    locked.mkdir()
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(locked)]).returncode != 0:
            pytest.skip("as root only an immutable folder refuses writes")
    else:
        locked.chmod(0o500)
    try:
        result = igskit(["run", str(params)], locked, tmp_path)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(locked)])
        locked.chmod(0o700)
    assert result.returncode == 2 and f"igskit kan niet schrijven in IGSKIT_OUTPUTS ({locked})" in result.stderr
    assert result.stdout == "" and not any(locked.iterdir())


def test_symlinks_planted_in_the_region_folder_are_never_written_through(region, tmp_path):
    params, outputs, folder = region["params"], region["outputs"], region["region"]
    outside = tmp_path / "buiten"
    outside.mkdir()
    victim = outside / "belangrijk.html"
    victim.write_text("niet overschrijven")
    (folder / "nota.html").unlink()
    (folder / "nota.html").symlink_to(victim)
    for entry in (folder / ".cache" / "hoofdstukken").iterdir():  # every cached chapter a link outside
        entry.unlink()
        entry.symlink_to(victim)
    comment(params, "een nieuwe versie")
    result = pipeline.run(params, outputs=outputs, progress=QUIET)
    assert victim.read_text() == "niet overschrijven"
    assert not (folder / "nota.html").is_symlink()
    assert not any(p.is_symlink() for p in (folder / ".cache" / "hoofdstukken").iterdir())
    assert publishing.digest(folder / "nota.html") == result.version.manifest["published"]["nota.html"]
    shutil.rmtree(folder / ".cache")
    (outside / "cache").mkdir()
    (folder / ".cache").symlink_to(outside / "cache")
    comment(params, "nog een nieuwe versie")
    pipeline.run(params, outputs=outputs, progress=QUIET)
    assert list((outside / "cache").iterdir()) == [] and not (folder / ".cache").is_symlink()
    # the repair at the start of a run replaces a link, never its target
    (folder / "begroting.xlsx").unlink()
    (folder / "begroting.xlsx").symlink_to(victim)
    History("kleineregio", outputs).recover()
    assert victim.read_text() == "niet overschrijven" and not (folder / "begroting.xlsx").is_symlink()
    # a link as versies/, mislukt/ or the region folder itself: refused, nothing written there
    for name in ("versies", "mislukt"):
        target = outside / name
        target.mkdir()
        moved = folder / f"{name}-echt"
        if (folder / name).exists():
            (folder / name).rename(moved)
        (folder / name).symlink_to(target)
        with pytest.raises(PathError, match="symbolische koppeling"):
            pipeline.run(params, outputs=outputs, force=True, progress=QUIET)
        assert list(target.iterdir()) == []
        (folder / name).unlink()
        if moved.exists():
            moved.rename(folder / name)
    elsewhere = tmp_path / "andere-regio"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere)
    result = igskit(["run", "--opnieuw", str(params)], outputs, tmp_path)
    assert result.returncode == 2 and "symbolische koppeling" in result.stderr
    assert not any(p.name.startswith(".bouw-") for p in elsewhere.iterdir())


# --- internal errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("point, where", [("excel-bewaard", "region"), ("opdracht-run", "outputs")])
def test_a_bug_is_one_dutch_line_and_a_log_file(region, point, where):
    params, outputs, folder, root = region["params"], region["outputs"], region["region"], region["root"]
    before = published(folder)
    comment(params, "een nieuwe versie")
    result = igskit(["run", str(params)], outputs, root, IGSKIT_TEST_BUG_AT=point)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("igskit: interne fout in igskit — het volledige verslag staat in ")
    log = Path(lines[0].split("staat in ", 1)[1].split(". De vorige", 1)[0])
    assert log.parent == (folder if where == "region" else outputs)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and f"ingebouwde testfout op '{point}'" in text
    assert published(folder) == before
    assert sorted(p.name for p in (folder / "versies").iterdir()) == ["v1"]
    assert not any(p.name.startswith(".bouw-") for p in folder.iterdir())


# --- incomplete versions and live builds --------------------------------------------------------------


def test_incomplete_versions_are_set_aside_and_a_live_build_is_left_alone(region):
    outputs, folder, root = region["outputs"], region["region"], region["root"]
    history = History("kleineregio", outputs)
    (folder / "versies" / "v2").mkdir()  # an empty claim (an older igskit killed while promoting)
    (folder / "versies" / "v3").mkdir()
    (folder / "versies" / "v3" / "nota.html").write_text("half")  # content, no manifest
    live = history.new_build_dir()  # this process lives and holds the build's lock
    dead = folder / ".bouw-20200101-000000-dood00"
    dead.mkdir()
    (folder / ".igskit-tijdelijk-0000-nota.html").write_text("half gekopieerd")
    (folder / ".nota.html.a1b2c3").write_text("oude tijdelijke kopie")
    result = igskit(["versies", "kleineregio"], outputs, root)
    assert result.returncode == 0, result.stderr
    assert "opzij gezet" in result.stdout and "Opgeruimd" in result.stdout
    assert live.is_dir() and not dead.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".cache") == [live.name]
    names = sorted(p.name for p in (folder / "versies").iterdir())
    assert len(names) == 2 and names[0].startswith(".onvolledig-v3-") and names[1] == "v1"
    assert (folder / "versies" / names[0] / "nota.html").read_text() == "half"  # kept for inspection
    assert history.reserved_name(live) == "v4"  # past the incomplete v3 it saw
    assert history.next_number() == 5  # a live build's number is never handed out twice
    history.discard(live)


def test_two_runs_at_once_keep_the_version_names_they_printed(tmp_path):
    """Each build reserves its number when it starts (the title page says it before promotion)."""
    history = History("kleineregio", tmp_path)
    first, second = history.new_build_dir(), history.new_build_dir()
    assert (history.reserved_name(first), history.reserved_name(second)) == ("v1", "v2")
    late = history.promote(second, {"label": "tweede"})  # the second run finishes first
    early = history.promote(first, {"label": "eerste"})
    assert (early.name, late.name) == ("v1", "v2")
    assert [v.name for v in history.versions()] == ["v1", "v2"] and history.next_number() == 3


def test_mislukt_keeps_only_the_newest_failed_runs(tmp_path):
    from igskit.run.versions import KEEP_FAILED

    history = History("kleineregio", tmp_path)
    kept = []
    for number in range(KEEP_FAILED + 3):
        build = history.new_build_dir()
        (build / "01-stakeholders.ipynb").write_text("{}")
        kept.append(history.keep_failed(build, f"fout {number}"))
        os.utime(kept[-1], ns=(number * 10**9, number * 10**9))  # failed one second after the other
    left = sorted((tmp_path / "kleineregio" / "mislukt").iterdir())
    assert len(left) == KEEP_FAILED and set(left) == set(kept[-KEEP_FAILED:])
    assert all(not p.name.startswith("v") for p in left)  # named by time, not by a version never made


def test_a_step_or_renderer_failing_on_a_full_disk_is_translated_too(tmp_path):
    from igskit.errors import RenderError, StepError

    history = History("kleineregio", tmp_path)
    step = StepError("02-omgevingsanalyse", 3, "OSError", "[Errno 28] No space left on device: '/x/figuren/a.png'",
                     tmp_path / "02-omgevingsanalyse.ipynb")
    error = pipeline._reported_disk_error(step, history)
    assert isinstance(error, DiskError) and "De schijf is vol: igskit kon niet schrijven in /x/figuren" in str(error)
    assert "02-omgevingsanalyse.ipynb" in str(error)
    render = RenderError("pandoc: nota.html: withFile: resource exhausted (Read-only file system)")
    assert "alleen-lezen schijf" in str(pipeline._reported_disk_error(render, history))
    other = StepError("03-doelstellingen", 1, "ValueError", "kapot", tmp_path / "03.ipynb")
    assert pipeline._reported_disk_error(other, history) is None
