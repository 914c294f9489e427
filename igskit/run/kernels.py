"""Kernels for the steps of a run: a pool that boots them in the background, and kernels kept between runs.

A :class:`KernelPool` runs each kernel (a :class:`~igskit.run.jupyter.KernelSession`) in a thread of
its own and hands every step to whichever kernel is free. A process that runs the pipeline again
and again (the editors' "Nota opnieuw maken", a batch worker) keeps its pool (:func:`kept_pool`).
Jupyter itself is reached only through :mod:`igskit.run.jupyter`.
"""

from __future__ import annotations

import atexit
import queue
import threading
import time
from pathlib import Path

from igskit.run.jupyter import KernelSession, StepRun, execute_step

# A kernel idle this long (seconds) collects its garbage and hands freed memory back.
TIDY_AFTER_SECONDS = 30


class _Batch:
    """The steps of one ``KernelPool.run`` call: how many are left, what came back."""

    def __init__(self, count: int):
        self.remaining = count
        self.runs: list[StepRun] = []
        self.errors: list[BaseException] = []
        self.lock = threading.Condition()
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
            self.lock.notify_all()

    def wait_for(self, names: set[str]) -> None:
        """Until the steps ``names`` are done, a step failed or no step is left."""
        with self.lock:
            self.lock.wait_for(lambda: self.errors or self.remaining == 0 or names <= {r.name for r in self.runs})


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
        self._stopping = False  # the kernels were told to stop after the steps handed to them

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
        self.stop_when_idle()
        for thread in self._threads:
            thread.join()
        self._threads = []
        self._stopping = False

    def stop_when_idle(self) -> None:
        """Let each kernel stop as soon as no step is left for it (a pool used for one run only).

        A kernel that finds nothing more to do then shuts down while the other one still runs
        the last step and the nota is already being made: its memory is free for pandoc.
        """
        if not self._stopping:
            self._stopping = True
            for _ in self._threads:
                self._jobs.put(None)

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
        self._plain_runs: list[StepRun] = []
        self._finished = False

    def wait_for(self, names: list[str]) -> None:
        """Return when the steps ``names`` are done (others may still run); raise the first error.

        Plain papermill runs its steps one after another: there this waits for all of them.
        """
        if self._run_plain is not None or self._batch is None:
            self.wait()
            return
        self._batch.wait_for(set(names) & set(self._order))
        if self._batch.errors:
            self.wait()  # the other kernel's step ends first; then the first error is raised

    def wait(self, *, raise_errors: bool = True) -> list[StepRun]:
        if self._run_plain is not None:
            run_plain, self._run_plain = self._run_plain, None
            self._plain_runs = run_plain() if raise_errors else []
        if self._batch is None:
            return self._plain_runs
        batch = self._batch
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
