"""One kernel per run: steps stay isolated, and the documents equal plain papermill's."""

from __future__ import annotations

import os
import re
import signal
import time

import nbformat

from igskit.paths import PARAMS_DIR
from igskit.run import kernels, pipeline
from igskit.run.jupyter import KernelSession, execute_step

from .conftest import FIXTURES, copy_region


def notebook(path, *sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def printed(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.output_type == "stream")


def test_a_step_that_mutates_globals_does_not_affect_the_next(tmp_path):
    messy = notebook(tmp_path / "messy.ipynb",
                     "import matplotlib, igskit.planning.budget\n"
                     "matplotlib.rcParams['lines.linewidth'] = 9\n"
                     "igskit.planning.budget.INCOME = 'geknoeid'\n"
                     "leftover = 42")
    probe = notebook(tmp_path / "probe.ipynb",
                     "import matplotlib, igskit.planning.budget\n"
                     "print(matplotlib.rcParams['lines.linewidth'], igskit.planning.budget.INCOME,\n"
                     "      'leftover' in globals())")
    with KernelSession() as session:
        execute_step(probe, tmp_path / "p0.ipynb", {}, cwd=tmp_path, session=session)
        execute_step(messy, tmp_path / "m.ipynb", {}, cwd=tmp_path, session=session)
        execute_step(probe, tmp_path / "p1.ipynb", {}, cwd=tmp_path, session=session)
    fresh = printed(tmp_path / "p0.ipynb")
    assert fresh.split()[1:] == ["inkomsten", "False"]
    assert printed(tmp_path / "p1.ipynb") == fresh


def test_a_shared_kernel_runs_openblas_on_one_thread_and_keeps_its_warm_up_out_of_the_collector(tmp_path,
                                                                                                 monkeypatch):
    """The kernel's speed settings: one OpenBLAS thread (unless the user chose), the warm-up frozen."""
    probe = notebook(tmp_path / "probe.ipynb",
                     "import gc, os, pandas\n"
                     "print(os.environ.get('OPENBLAS_NUM_THREADS'), gc.get_freeze_count() > 10_000)")
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with KernelSession() as session:
        execute_step(probe, tmp_path / "p.ipynb", {}, cwd=tmp_path, session=session)
    assert printed(tmp_path / "p.ipynb").split() == ["1", "True"]
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")  # a user's own choice is kept
    with KernelSession() as session:
        execute_step(probe, tmp_path / "q.ipynb", {}, cwd=tmp_path, session=session)
    assert printed(tmp_path / "q.ipynb").split()[0] == "2"


def test_shared_kernel_gives_the_same_documents_as_plain_papermill(tmp_path):
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")
    quiet = pipeline.Progress(write=lambda _line: None)
    fast = pipeline.run(params, outputs=tmp_path / "snel", progress=quiet)
    plain = pipeline.run(params, outputs=tmp_path / "gewoon", fresh_kernels=True, progress=quiet)

    assert chapters_of(fast.version) == chapters_of(plain.version)
    figures = sorted(p.name for p in (fast.version.path / "figuren").iterdir())
    assert figures == sorted(p.name for p in (plain.version.path / "figuren").iterdir()) and figures
    for name in figures:
        assert (fast.version.path / "figuren" / name).read_bytes() == \
            (plain.version.path / "figuren" / name).read_bytes(), name


def chapters_of(version):
    text = (version.path / "nota.md").read_text(encoding="utf-8")
    return re.split(r"^# Bijlage ", text, flags=re.M)[0]  # the provenance appendix has the clock time


def test_kept_kernels_serve_the_next_run_and_another_region_unaffected(tmp_path):
    demo = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")
    small = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "params")
    quiet = pipeline.Progress(write=lambda _line: None)
    try:
        pipeline.run(demo, outputs=tmp_path / "bewaard", keep_kernels=True, progress=quiet)
        pids = sorted(s.pid for s in kernels.kept_pool(2).sessions)
        kept = pipeline.run(small, outputs=tmp_path / "bewaard", keep_kernels=True, progress=quiet)
        assert sorted(s.pid for s in kernels.kept_pool(2).sessions) == pids  # no kernel started
    finally:
        kernels.close_kept_pool()
    fresh = pipeline.run(small, outputs=tmp_path / "vers", progress=quiet)
    assert chapters_of(kept.version) == chapters_of(fresh.version)


def test_a_kept_kernel_that_died_is_started_again(tmp_path):
    demo = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")
    quiet = pipeline.Progress(write=lambda _line: None)
    try:
        pool = kernels.kept_pool(1)
        while not pool.sessions:  # still booting
            time.sleep(0.05)
        dead = pool.sessions[0].pid
        os.kill(dead, signal.SIGKILL)
        result = pipeline.run(demo, outputs=tmp_path / "uit", keep_kernels=True, parallel_kernels=1, progress=quiet)
        assert len(result.executed) == 6  # the demo makes an afsprakennota too
        assert kernels.kept_pool(1) is pool and [s.pid for s in pool.sessions] != [dead]
    finally:
        kernels.close_kept_pool()


def test_kept_kernels_are_replaced_when_igskit_changed(monkeypatch):
    try:
        first = kernels.kept_pool(1)
        monkeypatch.setattr(kernels, "_code_state", lambda: ("een andere versie",))
        assert kernels.kept_pool(1) is not first and not first.healthy
    finally:
        kernels.close_kept_pool()


def test_a_failing_step_leaves_a_kept_kernel_usable(tmp_path):
    from igskit.errors import StepError

    broken = notebook(tmp_path / "kapot.ipynb", "x = 1", "raise ValueError('kapot')")
    probe = notebook(tmp_path / "probe.ipynb", "print('x' in globals())")
    try:
        pool = kernels.kept_pool(1)
        pending = pool.submit([(broken, tmp_path / "k.ipynb"), (probe, tmp_path / "p.ipynb")], {}, cwd=tmp_path)
        try:
            pending.wait()
            raise AssertionError("the failing step must raise")
        except StepError as exc:
            assert exc.cell == 2 and "kapot" in str(exc)
        assert not (tmp_path / "p.ipynb").exists()  # the steps after a failure are not run
        pid = pool.sessions[0].pid
        runs = pool.run([(probe, tmp_path / "p.ipynb")], {}, cwd=tmp_path)
        assert [r.name for r in runs] == ["probe"] and printed(tmp_path / "p.ipynb").strip() == "False"
        assert kernels.kept_pool(1) is pool and pool.sessions[0].pid == pid
    finally:
        kernels.close_kept_pool()


def test_kept_kernels_stop_when_idle_but_not_while_a_run_waits(monkeypatch):
    try:
        pool = kernels.kept_pool(1)
        monkeypatch.setattr(kernels, "KEEP_IDLE_SECONDS", 0)
        pool.active = 1  # a run is waiting for its steps
        kernels._idle_check()
        assert kernels.kept_pool(1) is pool and pool.healthy
        pool.active = 0
        kernels._idle_check()
        assert not pool.healthy and kernels._kept is None
    finally:
        kernels.close_kept_pool()


def test_an_idle_kept_kernel_tidies_its_memory_and_keeps_working(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "TIDY_AFTER_SECONDS", 0.2)
    probe = notebook(tmp_path / "probe.ipynb", "print('x' in globals())")
    try:
        pool = kernels.kept_pool(1)
        pool.run([(probe, tmp_path / "p1.ipynb")], {}, cwd=tmp_path)
        session = pool.sessions[0]
        deadline = time.monotonic() + 30
        while session.tidies == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session.tidies == 1  # once per idle spell, not every 0.2 s
        time.sleep(0.5)
        assert session.tidies == 1
        pool.run([(probe, tmp_path / "p2.ipynb")], {}, cwd=tmp_path)
        assert printed(tmp_path / "p2.ipynb").strip() == "False"  # tidying left nothing behind
    finally:
        kernels.close_kept_pool()


def test_a_run_goes_on_when_its_named_steps_are_done_and_an_idle_kernel_stops(tmp_path):
    """The nota is made while the afsprakennota's step still runs; the kernel with nothing left shuts down."""
    quick = notebook(tmp_path / "snel.ipynb", "print('snel')")
    slow = notebook(tmp_path / "traag.ipynb", "import time\ntime.sleep(4)\nprint('traag')")
    with kernels.KernelPool(2) as pool:
        pending = pool.submit([(slow, tmp_path / "t.ipynb"), (quick, tmp_path / "s.ipynb")], {}, cwd=tmp_path)
        pool.stop_when_idle()
        pending.wait_for(["snel"])
        assert printed(tmp_path / "s.ipynb").strip() == "snel"
        assert not (tmp_path / "t.ipynb").exists() or "traag" not in printed(tmp_path / "t.ipynb")
        deadline = time.monotonic() + 3
        while len(pool.sessions) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pool.sessions) == 1  # stopped while the other kernel still sleeps
        runs = pending.wait()
        assert [r.name for r in runs] == ["traag", "snel"] and printed(tmp_path / "t.ipynb").strip() == "traag"
