"""The only door to Jupyter and papermill.

Two ways to execute the step notebooks, same results:

* ``KernelSession`` (the default): one kernel per run; papermill executes each step in it
  (papermill hands a pre-started kernel manager to nbclient, which then leaves it running).
  Between steps the namespace is wiped, matplotlib's settings are restored to the kernel's
  start-up values, figures are closed and igskit is re-imported, so one step's leftovers
  cannot change another step's result.
* ``fresh_kernels=True``: plain papermill, a new kernel per step (the reference path).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill as pm
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from papermill.exceptions import PapermillExecutionError

from igskit.errors import StepError

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
_baseline = types.ModuleType("__igskit_baseline__")
_baseline.rc = dict(matplotlib.rcParams)
sys.modules["__igskit_baseline__"] = _baseline
del _baseline
"""

# Run before every step in a shared kernel.
_RESET = """
get_ipython().run_line_magic("reset", "-f")
import os as _os, sys as _sys, matplotlib as _mpl, matplotlib.pyplot as _plt
_plt.close("all")
_mpl.rcParams.clear()
_mpl.rcParams.update(_sys.modules["__igskit_baseline__"].rc)
for _stale in [m for m in _sys.modules if m == "igskit" or m.startswith("igskit.")]:
    _sys.modules.pop(_stale)
_os.chdir({cwd!r})
get_ipython().run_line_magic("reset", "-f")
"""


@dataclass(frozen=True)
class StepRun:
    """What happened when one notebook was executed."""

    name: str
    output: Path
    seconds: float


class KernelSession:
    """One running kernel that several step notebooks are executed in, one after another."""

    def __init__(self, kernel_name: str = KERNEL_NAME):
        self.kernel_name = kernel_name
        self.km: AsyncKernelManager | None = None

    def __enter__(self) -> KernelSession:
        # IPC sockets in a private folder, by absolute path: papermill changes the working
        # directory while it executes, and TCP would expose the kernel on the network.
        self._sockets = Path(tempfile.mkdtemp(prefix="igskit-kernel-"))
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc", ip=str(self._sockets / "k"))
        run_sync(self.km.start_kernel)()
        self._run(_WARM_UP)
        return self

    def __exit__(self, *exc) -> None:
        if self.km is not None and self.km.has_kernel:
            run_sync(self.km.shutdown_kernel)(now=True)
        self.km = None
        shutil.rmtree(self._sockets, ignore_errors=True)

    def reset(self, cwd: Path) -> None:
        self._run(_RESET.format(cwd=str(cwd)))

    def _run(self, code: str) -> None:
        client = self.km.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive(code, store_history=False, timeout=120,
                                               output_hook=lambda _msg: None)
            if reply["content"]["status"] != "ok":
                content = reply["content"]
                raise RuntimeError(f"kernel reset failed: {content.get('ename')}: {content.get('evalue')}")
        finally:
            client.stop_channels()


def execute_step(notebook: Path, output: Path, parameters: dict, *, cwd: Path,
                 session: KernelSession | None = None) -> StepRun:
    """Execute one step notebook with papermill; raise :class:`StepError` if a cell fails.

    The output notebook is always written, also when a cell fails (papermill marks the cell),
    so the coördinator can open it and see what broke.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    extra = {}
    if session is not None:
        session.reset(cwd)
        extra["km"] = session.km
    try:
        pm.execute_notebook(str(notebook), str(output), parameters=parameters, cwd=str(cwd),
                            kernel_name=KERNEL_NAME, progress_bar=False, log_output=False,
                            report_mode=False, **extra)
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


@contextmanager
def kernel_for_run(fresh_kernels: bool = False):
    """A shared kernel for a whole run, or ``None`` when every step gets a fresh one."""
    if fresh_kernels:
        yield None
        return
    with KernelSession() as session:
        yield session


def read_notebook(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)
