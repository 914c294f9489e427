"""The only door to Jupyter and papermill.

Two ways to execute the step notebooks, same results:

* ``KernelSession`` (the default): one kernel per run; papermill executes each step in it
  (papermill hands a pre-started kernel manager to nbclient, which then leaves it running).
  Between steps the namespace is wiped (as ``%reset`` does, minus its garbage collections),
  matplotlib's settings are restored to the kernel's start-up values, figures are closed and
  every igskit module gets back the attributes it had after import (so a step that patches
  igskit cannot change the next step's result). A module a
  step imported that is not igskit stays loaded: re-importing C extensions is not possible.
* ``fresh_kernels=True``: plain papermill, a new kernel per step (the reference path).
"""

from __future__ import annotations

import atexit
import os
import queue
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill as pm
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.log import logger as papermill_logger
from papermill.utils import merge_kwargs, remove_args

from igskit.errors import IgskitError, StepError

KERNEL_NAME = "python3"

# Run once when a shared kernel starts: import what every step imports, then remember the
# matplotlib settings a fresh kernel has, so each step can start from exactly those.
_WARM_UP = """
import sys, types
import matplotlib
import matplotlib.pyplot
import pandas
import IPython
IPython.get_ipython().run_line_magic("matplotlib", "inline")
import igskit.planning.conformance, igskit.planning.display, igskit.planning.nota
_figure = matplotlib.pyplot.figure()  # load fonts and the Agg renderer before the first step
_figure.savefig(__import__("io").BytesIO(), format="png")
matplotlib.pyplot.close(_figure)
del _figure
_baseline = types.ModuleType("__igskit_baseline__")
_baseline.rc = dict(matplotlib.rcParams)
_baseline.modules = {name: dict(module.__dict__) for name, module in sys.modules.items()
                     if name == "igskit" or name.startswith("igskit.")}


def _clear_namespace(shell):
    # What IPython's %reset does for the user's names, without its two gc.collect() passes
    # (about 0.15 s each with pandas and matplotlib loaded; the garbage goes at the next
    # automatic collection instead).
    shell.history_manager.reset(False)
    shell.displayhook._, shell.displayhook.__, shell.displayhook.___ = "", "", ""
    shell.user_ns.get("_oh", {}).clear()
    for key in [k for k in shell.user_ns if k not in ("__builtin__", "__builtins__", "__name__")]:
        del shell.user_ns[key]
    shell.user_ns_hidden.clear()
    shell.init_user_ns()
    shell.clear_main_mod_cache()


_baseline.clear_namespace = _clear_namespace
sys.modules["__igskit_baseline__"] = _baseline
del _baseline, _clear_namespace
"""

# Run before every step in a shared kernel.
_RESET = """
import sys as _sys
_sys.modules["__igskit_baseline__"].clear_namespace(get_ipython())
import os as _os, sys as _sys, matplotlib as _mpl, matplotlib.pyplot as _plt
_plt.close("all")
_mpl.rcParams.clear()
_mpl.rcParams.update(_sys.modules["__igskit_baseline__"].rc)
_modules = _sys.modules["__igskit_baseline__"].modules
for _name in [m for m in _sys.modules if (m == "igskit" or m.startswith("igskit.")) and m not in _modules]:
    _sys.modules.pop(_name)
for _name, _saved in _modules.items():
    _sys.modules[_name].__dict__.clear()
    _sys.modules[_name].__dict__.update(_saved)
_os.chdir({cwd!r})
_sys.modules["__igskit_baseline__"].clear_namespace(get_ipython())
"""


# Run in a kernel that has been idle for TIDY_AFTER_SECONDS.
_TIDY = """
import gc as _gc, ctypes as _ctypes
_gc.collect()
try:
    _ctypes.CDLL(None).malloc_trim(0)  # glibc only
except (AttributeError, OSError):
    pass
del _gc, _ctypes
"""
TIDY_AFTER_SECONDS = 30


@dataclass(frozen=True)
class StepRun:
    """What happened when one notebook was executed."""

    name: str
    output: Path
    seconds: float


class KernelSession:
    """One running kernel that several step notebooks are executed in, one after another.

    A session is used from the thread that entered it: its client's sockets belong to that
    thread's event loop. The client is started (and waited for) once, not once per step.
    """

    def __init__(self, kernel_name: str = KERNEL_NAME):
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None
        self.kc = None
        self.tidies = 0
        self.batch = None  # the _Batch whose step this kernel is executing, if any

    def __enter__(self) -> KernelSession:
        # IPC sockets in a private folder, by absolute path: papermill changes the working
        # directory while it executes, and TCP ports are open to every local user. ZeroMQ has
        # no IPC sockets on Windows: there the kernel listens on loopback TCP (messages signed).
        self._sockets = Path(tempfile.mkdtemp(prefix="igskit-kernel-"))
        if os.name == "posix":
            self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc",
                                         ip=str(self._sockets / "k"))
        else:
            self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="tcp", ip="127.0.0.1")
        run_sync(self.km.start_kernel)()
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(self.kc.wait_for_ready)(timeout=60)
        self.kc.allow_stdin = False
        self._run(_WARM_UP)
        return self

    def __exit__(self, *exc) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None and self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)
        self.km = None
        shutil.rmtree(self._sockets, ignore_errors=True)

    def tidy(self) -> None:
        """Collect the garbage of the last steps and hand freed memory back to the system.

        Left to an idle kernel (a kept kernel otherwise keeps ~50 MB more), never run between
        steps: a full collection costs about 0.1 s with pandas and matplotlib loaded.
        """
        try:
            self._run(_TIDY)
            self.tidies += 1
        except Exception:  # noqa: BLE001 - a kernel that cannot tidy still works; the next step says more
            pass

    @property
    def alive(self) -> bool:
        return self.km is not None and run_sync(self.km.is_alive)()

    @property
    def pid(self) -> int | None:
        process = getattr(self.km.provisioner, "process", None) if self.km else None
        return process.pid if process is not None else None

    def interrupt(self, hard: bool = False) -> None:
        """Interrupt the running cell (as Ctrl-C in a notebook does); ``hard`` kills the kernel."""
        pid = self.pid
        if pid is None:
            return
        try:
            if hard:
                os.kill(pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            elif os.name == "posix":
                os.kill(pid, signal.SIGINT)
            else:
                run_sync(self.km.interrupt_kernel)()
        except (OSError, RuntimeError):
            pass  # already gone

    def reset(self, cwd: Path) -> None:
        self._run(_RESET.format(cwd=str(cwd)))

    def _run(self, code: str) -> None:
        reply = run_sync(self.kc.execute_interactive)(code, store_history=False, timeout=120,
                                                       output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            raise IgskitError(f"De rekenomgeving (kernel) kon niet klaargezet worden voor de volgende stap "
                              f"({content.get('ename')}: {content.get('evalue')}). → Voer de opdracht opnieuw uit; "
                              "blijft het misgaan, gebruik dan 'igskit run --verse-kernels'.")


class SharedKernelEngine(NBClientEngine):
    """papermill's nbclient engine, executing in a :class:`KernelSession`'s running kernel.

    Same argument handling as papermill's own engine; the difference is the client: nbclient
    gets the session's kernel manager and its already started client, so it neither starts a
    kernel nor waits for one.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                 start_timeout=60, execution_timeout=None, session: KernelSession | None = None,
                                 **kwargs):
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(safe_kwargs, timeout=execution_timeout or kwargs.get("timeout"),
                                    startup_timeout=start_timeout, kernel_name=kernel_name, log=papermill_logger,
                                    log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
        client = PapermillNotebookClient(nb_man, km=session.km, **final_kwargs)
        client.kc = session.kc
        return client.execute()


papermill_engines.register("igskit-gedeelde-kernel", SharedKernelEngine)


def execute_step(notebook: Path, output: Path, parameters: dict, *, cwd: Path,
                 session: KernelSession | None = None) -> StepRun:
    """Execute one step notebook with papermill; raise :class:`StepError` if a cell fails.

    The output notebook is always written, also when a cell fails (papermill marks the cell),
    so the coördinator can open it and see what broke.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    extra = {"cwd": str(cwd)}
    if session is not None:
        # the reset moves the kernel into cwd; papermill's own cwd handling would chdir this
        # whole process, which is not safe while another thread drives another kernel
        session.reset(cwd)
        extra = {"engine_name": "igskit-gedeelde-kernel", "session": session}
    try:
        pm.execute_notebook(str(notebook), str(output), parameters=parameters,
                            kernel_name=KERNEL_NAME, progress_bar=False, log_output=False,
                            report_mode=False, request_save_on_cell_execute=False, **extra)
    except PapermillExecutionError as exc:
        raise StepError(notebook.stem, _cell_number(output, exc), exc.ename, exc.evalue, output) from None
    return StepRun(notebook.stem, output, time.perf_counter() - started)


def _cell_number(output: Path, exc: PapermillExecutionError) -> int | None:
    """The failing cell's position, counting the cells a user sees in the step notebook (1-based)."""
    try:
        nb = nbformat.read(output, as_version=4)
    except (OSError, ValueError):
        return None
    hidden = ("injected-parameters", "papermill-error-cell-tag")
    visible = [c for c in nb.cells if not any(t in c.metadata.get("tags", []) for t in hidden)]
    for number, cell in enumerate(visible, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return number
    return None


class _Batch:
    """The steps of one ``KernelPool.run`` call: how many are left, what came back."""

    def __init__(self, count: int):
        self.remaining = count
        self.runs: list[StepRun] = []
        self.errors: list[BaseException] = []
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.cancelled = False  # Ctrl-C: the steps not started yet are skipped
        if count == 0:
            self.done.set()

    def finish(self, run: StepRun | None = None, error: BaseException | None = None) -> None:
        with self.lock:
            if run is not None:
                self.runs.append(run)
            if error is not None:
                self.errors.append(error)
            self.remaining -= 1
            if self.remaining == 0:
                self.done.set()


class KernelPool:
    """Kernels that boot in the background while the caller prepares, then run the steps.

    Each kernel lives in a thread of its own (a session is used from the thread that entered
    it); ``run`` hands every step to whichever kernel is free and waits for its steps only, so
    a pool can serve run after run. ``size=0`` means plain papermill: a fresh kernel per step,
    one after another. A kernel that died between runs is started again before its next step.
    """

    def __init__(self, size: int = 2, *, jobs_hint: int = 5):
        self.size = min(size, jobs_hint) if size > 0 else 0
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self.sessions: list[KernelSession] = []  # the running kernels, for inspection
        self.code = _code_state()
        self.last_used = time.monotonic()
        self.active = 0  # runs waiting for their steps (guarded by _lock)
        self._lock = threading.Lock()

    def __enter__(self) -> KernelPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> KernelPool:
        for _ in range(self.size):
            thread = threading.Thread(target=self._work, daemon=True, name="igskit-kernel")
            thread.start()
            self._threads.append(thread)
        return self

    def close(self) -> None:
        """Stop the kernels (after the steps already handed to them)."""
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads = []

    @property
    def healthy(self) -> bool:
        return len(self._threads) == self.size and all(t.is_alive() for t in self._threads)

    def _work(self) -> None:
        session: KernelSession | None = None
        boot_error: BaseException | None = None
        try:
            try:
                session = KernelSession().__enter__()
                self.sessions.append(session)
            except BaseException as exc:  # noqa: BLE001 - reported with the steps it cannot run
                boot_error = exc
            tidied = True
            while True:
                try:
                    job = self._jobs.get(timeout=TIDY_AFTER_SECONDS)
                except queue.Empty:
                    if not tidied and session is not None and session.alive:
                        session.tidy()  # idle for a while: give the memory of the last steps back
                        tidied = True
                    continue
                if job is None:
                    break
                tidied = False
                batch, notebook, output, parameters, cwd, on_start, on_done = job
                if boot_error is not None or batch.errors or batch.cancelled:
                    batch.finish(error=boot_error)  # a kernel that would not start, a step failed, Ctrl-C
                    continue
                try:
                    if not session.alive:
                        self.sessions.remove(session)
                        session.__exit__(None, None, None)
                        session = KernelSession().__enter__()
                        self.sessions.append(session)
                    on_start(notebook.stem)
                    session.batch = batch
                    try:
                        if batch.cancelled:  # Ctrl-C came while this kernel picked up the step
                            raise KeyboardInterrupt
                        run = execute_step(notebook, output, parameters, cwd=cwd, session=session)
                    finally:
                        session.batch = None
                    on_done(run)
                except BaseException as exc:  # noqa: BLE001 - raised again by wait()
                    batch.finish(error=exc)
                    continue
                batch.finish(run=run)
        finally:
            if session is not None:
                session.__exit__(None, None, None)
                if session in self.sessions:
                    self.sessions.remove(session)

    def submit(self, jobs: list[tuple[Path, Path]], parameters: dict, *, cwd: Path, on_start=None,
               on_done=None) -> Pending:
        """Hand ``jobs`` (notebook, output) to the kernels and return at once; ``wait()`` for them.

        The caller can prepare the rest of the run while the steps execute. With ``size=0``
        (plain papermill) the steps run one after another inside ``wait()``.
        """
        on_start = on_start or (lambda _name: None)
        on_done = on_done or (lambda _run: None)
        order = [notebook.stem for notebook, _output in jobs]
        if self.size == 0:
            def run_plain() -> list[StepRun]:
                runs = []
                for notebook, output in jobs:
                    on_start(notebook.stem)
                    runs.append(execute_step(notebook, output, parameters, cwd=cwd))
                    on_done(runs[-1])
                return runs

            return Pending(self, None, order, run_plain)
        if len(self._threads) != self.size:
            raise RuntimeError("KernelPool.submit on a pool that is not started or already closed")
        batch = _Batch(len(jobs))
        with self._lock:
            self.active += 1
        for notebook, output in jobs:
            self._jobs.put((batch, notebook, output, parameters, cwd, on_start, on_done))
        return Pending(self, batch, order)

    def run(self, jobs: list[tuple[Path, Path]], parameters: dict, *, cwd: Path, on_start=None,
            on_done=None) -> list[StepRun]:
        """Execute ``jobs`` (notebook, output) and wait for all of them; the first error is raised."""
        return self.submit(jobs, parameters, cwd=cwd, on_start=on_start, on_done=on_done).wait()


class Pending:
    """Steps handed to a :class:`KernelPool`; ``wait()`` returns their runs or raises the first error."""

    def __init__(self, pool: KernelPool, batch: _Batch | None, order: list[str], run_plain=None):
        self._pool, self._batch, self._order, self._run_plain = pool, batch, order, run_plain
        self._finished = False

    def wait(self, *, raise_errors: bool = True) -> list[StepRun]:
        if self._run_plain is not None:
            run_plain, self._run_plain = self._run_plain, None
            return run_plain() if raise_errors else []
        batch = self._batch
        if batch is None:
            return []
        batch.done.wait()
        with self._pool._lock:
            if not self._finished:
                self._finished = True
                self._pool.active -= 1
                self._pool.last_used = time.monotonic()
        if batch.errors and raise_errors:
            raise batch.errors[0]
        return sorted(batch.runs, key=lambda r: self._order.index(r.name))

    def cancel(self, grace: float = 1.0) -> None:
        """Stop these steps at once (Ctrl-C): skip the ones not started, interrupt the running ones.

        A kernel ignores an interrupt between two cells, so the interrupt is repeated; a kernel
        still busy after ``grace`` seconds is killed. Returns when no kernel works for these
        steps any more (the kernels themselves are shut down by whoever owns the pool).
        """
        self._run_plain = None
        batch = self._batch
        if batch is None:
            return
        batch.cancelled = True
        hard_after = time.monotonic() + grace
        while not batch.done.wait(0.1):
            hard = time.monotonic() > hard_after
            for session in list(self._pool.sessions):
                if session.batch is batch:
                    session.interrupt(hard=hard)
            if time.monotonic() > hard_after + 10:
                break  # a kernel that not even SIGKILL stops: give up waiting, the pool's owner closes it
        if batch.done.is_set():
            self.wait(raise_errors=False)


# --- kernels kept between runs --------------------------------------------------------------------
#
# A process that runs the pipeline again and again (the editors' "Nota opnieuw maken" in
# JupyterLab, a batch worker) keeps its kernels: the next run skips the kernel start. They stop
# when the process ends, after KEEP_IDLE_SECONDS without a run, or when igskit's code changed.

KEEP_IDLE_SECONDS = 15 * 60
_kept: KernelPool | None = None
_kept_lock = threading.Lock()


def kept_pool(size: int) -> KernelPool:
    """This process's kept kernels (``size`` of them), started on first use."""
    global _kept
    with _kept_lock:
        if _kept is not None and (_kept.size != size or not _kept.healthy or _kept.code != _code_state()):
            _kept.close()
            _kept = None
        if _kept is None:
            _kept = KernelPool(size, jobs_hint=size).start()
            _schedule_idle_check()
        _kept.last_used = time.monotonic()
        return _kept


@atexit.register
def close_kept_pool() -> None:
    """Stop the kept kernels (they start again at the next run that asks for them)."""
    global _kept
    with _kept_lock:
        pool, _kept = _kept, None
    if pool is not None:
        pool.close()


def _schedule_idle_check() -> None:
    timer = threading.Timer(60, _idle_check)
    timer.daemon = True
    timer.start()


def _idle_check() -> None:
    global _kept
    with _kept_lock:
        pool = _kept
        if pool is None:
            return
        idle = pool.active == 0 and time.monotonic() - pool.last_used >= KEEP_IDLE_SECONDS
        if idle:
            _kept = None
    if idle:
        pool.close()
    else:
        _schedule_idle_check()


def _code_state() -> tuple:
    """Names, sizes and modification times of igskit's modules: a kept kernel with older code is replaced."""
    from igskit.paths import PACKAGE_DIR

    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(PACKAGE_DIR.rglob("*.py")))
