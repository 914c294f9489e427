"""The only door to Jupyter: the one module of igskit that imports papermill, nbclient and jupyter_client.

Two ways to execute a step notebook, same results:

* in a ``KernelSession`` (the default): one running kernel that papermill executes several steps
  in (papermill hands the pre-started kernel manager to nbclient, which then leaves it running).
  Between steps the namespace is wiped (as ``%reset`` does, minus its garbage collections),
  matplotlib's settings are restored to the kernel's start-up values, figures are closed and
  every igskit module gets back the attributes it had after import (so a step that patches
  igskit cannot change the next step's result). A module a step imported that is not igskit
  stays loaded: re-importing C extensions is not possible.
* without a session (``fresh_kernels=True``): plain papermill, a new kernel per step (the
  reference path).

:func:`execute_step` is the door; which kernel runs which step, and the kernels kept between
runs, are in :mod:`igskit.run.kernels`.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

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
# What the warm-up loaded (pandas, matplotlib, igskit: modules that live as long as the kernel)
# leaves the garbage collector's generations: a full collection during a step then walks only
# the step's own objects (~0.1 s less per kernel on the demo region).
__import__("gc").freeze()
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


# Run in a kernel that has been idle for a while (see igskit.run.kernels.TIDY_AFTER_SECONDS).
_TIDY = """
import gc as _gc, ctypes as _ctypes
_gc.collect()
try:
    _ctypes.CDLL(None).malloc_trim(0)  # glibc only
except (AttributeError, OSError):
    pass
del _gc, _ctypes
"""


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
        run_sync(self.km.start_kernel)(env=_kernel_environment())
        self.kc = self.km.client()
        self.kc.start_channels()
        run_sync(_wait_until_ready)(self.km, self.kc, timeout=60)
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


def _kernel_environment() -> dict[str, str]:
    """This process's environment for a step kernel, with OpenBLAS on one thread.

    The steps do no linear algebra worth a thread: numpy's OpenBLAS starts a thread pool on
    import that costs ~0.1 s of CPU per kernel, time the other kernel and pandoc need on a
    small machine. A value the user set is kept.
    """
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    return env


async def _wait_until_ready(km: AsyncKernelManager, kc, timeout: float) -> None:
    """jupyter_client's ``wait_for_ready`` without its last step, which listens for 0.2 s of silence.

    The kernel is ready when it answers ``kernel_info`` on the shell channel and its IOPub
    messages arrive (the subscription is connected). jupyter_client then drains IOPub until it
    has been quiet for 0.2 s; that is 0.2 s of every kernel start spent waiting, and not needed
    here: every later reader (``execute_interactive``, nbclient) skips IOPub messages that
    answer another request.
    """
    deadline = time.monotonic() + timeout
    while True:
        kc.kernel_info()
        try:
            msg = await kc.shell_channel.get_msg(timeout=1)
        except Empty:
            pass
        else:
            if msg["msg_type"] == "kernel_info_reply":
                try:
                    await kc.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass  # IOPub not connected yet: ask again
                else:
                    kc._handle_kernel_info_reply(msg)
                    return
        if not await km.is_alive():
            raise RuntimeError("De kernel stopte tijdens het opstarten.")
        if time.monotonic() > deadline:
            raise RuntimeError(f"De kernel antwoordde niet binnen {timeout:.0f} s.")


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
