"""One region's run, as a recipe: validate, decide what changed, execute, render, promote.

Nothing visible changes until the very end: a run builds in a hidden folder and becomes the
next version only when every step and every document succeeded. A failed run leaves its
notebooks and a log in ``outputs/<regio>/mislukt/``; the previous versions and documents stay
intact. A run killed at any moment is repaired by the next one (:meth:`History.recover`).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import shutil
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from igskit.errors import (
    IgskitError,
    InternalError,
    ParamsError,
    RenderError,
    StepError,
    disk_error,
    write_internal_log,
)
from igskit.params.load import LoadedPlan, load_plan
from igskit.params.sidecar import write_sidecar
from igskit.paths import writable_outputs_dir
from igskit.run import publishing, steps
from igskit.run.checkpoints import reached
from igskit.run.versions import SNAPSHOT_DIR, History, Version

# pandas, matplotlib, papermill and pandoc are imported only when there is work to do, so a
# run in which nothing changed answers quickly.


class Progress:
    """Dutch progress lines on the terminal (or wherever ``write`` sends them)."""

    def __init__(self, prefix: str = "", write=None):
        self.prefix = prefix
        self.write = write or (lambda line: print(line, flush=True))

    def say(self, line: str) -> None:
        self.write(f"{self.prefix}{line}")


@dataclass
class RunResult:
    version: Version
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    unchanged: bool = False
    seconds: float = 0.0

    @property
    def documents(self) -> dict[str, Path]:
        region_dir = self.version.path.parent.parent
        return {p.suffix[1:]: p for p in sorted(region_dir.glob("nota.*"))}


UNTOUCHED = "De vorige versies en de gepubliceerde nota zijn niet aangeraakt."


def run(params_path: str | Path, *, label: str = "", note: str = "", force: bool = False, renderer: str = "auto",
        fresh_kernels: bool = False, parallel_kernels: int = 2, keep_kernels: bool = False,
        outputs: Path | None = None, progress: Progress | None = None) -> RunResult:
    """Run the whole pipeline for one region's params file.

    Independent steps run in ``parallel_kernels`` kernels side by side (2 fits a 2-core
    machine); ``fresh_kernels`` is plain papermill with a new kernel per step, one by one.
    ``keep_kernels`` keeps the kernels running for the next run of this process (the editors'
    "Nota opnieuw maken", batch workers): a rerun then starts no kernel.

    Every failure is an :class:`IgskitError`: a full or read-only disk a Dutch
    :class:`~igskit.errors.DiskError`, a bug an :class:`~igskit.errors.InternalError` whose
    traceback is in a log file in the region folder. Ctrl-C stops the steps at once.
    """
    progress = progress or Progress()
    started = time.perf_counter()
    loaded = load_plan(params_path)  # the user's own file: errors name its lines; outputs/ untouched
    outputs = writable_outputs_dir(outputs)  # a file or a folder igskit cannot write in: exit 2, nothing ran
    reached("gevalideerd")
    history = History(loaded.plan.region.slug, outputs)
    try:
        return _run(loaded, history, progress, started, label=label, note=note, force=force, renderer=renderer,
                    fresh_kernels=fresh_kernels, parallel_kernels=parallel_kernels, keep_kernels=keep_kernels)
    except (StepError, RenderError) as exc:  # a kernel or pandoc that found the disk full or read-only
        raise _reported_disk_error(exc, history) or exc from None
    except (IgskitError, KeyboardInterrupt):
        raise
    except OSError as exc:
        error = disk_error(exc, folder=history.region_dir, needed=_needed(history), consequence=UNTOUCHED)
        if error is not None:
            raise error from None
        raise InternalError(write_internal_log(exc, _log_folder(history))) from exc
    except Exception as exc:
        raise InternalError(write_internal_log(exc, _log_folder(history))) from exc


def _run(first: LoadedPlan, history: History, progress: Progress, started: float, *, label: str, note: str,
         force: bool, renderer: str, fresh_kernels: bool, parallel_kernels: int, keep_kernels: bool) -> RunResult:
    progress.say(f"Params-bestand in orde: {first.path.name} ({first.plan.region.name}).")
    for line in history.recover():  # what a killed run left behind, repaired before anything else
        progress.say(line)
    reached("hersteld")
    prints = steps.fingerprints(first)
    run_print = steps.run_fingerprint(first, prints, first.plan.nota.formats)
    previous = history.latest()
    if previous is not None and not force and previous.manifest.get("run_fingerprint") == run_print:
        progress.say(f"Niets gewijzigd sinds versie {previous.name}: niets uitgevoerd. "
                     f"De nota staat in {history.region_dir}.")
        return RunResult(previous, reused=list(prints), unchanged=True,
                         seconds=time.perf_counter() - started)

    from igskit.run import kernels as pools

    to_run, reused = plan_steps(prints, previous, force)
    kernels = 0 if fresh_kernels or not to_run else max(1, parallel_kernels)
    build = history.new_build_dir()
    reached("bouwmap-gemaakt")
    # the kernels boot in the background while this process prepares everything else
    if keep_kernels and kernels:
        pool_context = nullcontext(pools.kept_pool(kernels))
    else:
        pool_context = pools.KernelPool(kernels, jobs_hint=len(to_run))
    try:
        with pool_context as pool:
            pending = renders = None
            try:
                from igskit.planning import stakeholders, workbook  # pandas: after the kernels set off
                from igskit.render import agreement
                from igskit.render.book import Appendix, book_info, write_book
                from igskit.render.embedded import quarto_path, render
                from igskit.run import changes, provenance

                # from here on only the snapshot counts: the bytes validated are the bytes kept and used
                loaded = snapshot_inputs(first, build)
                snapshot = loaded.path
                plan = loaded.plan
                prints = steps.fingerprints(loaded)
                run_print = steps.run_fingerprint(loaded, prints, plan.nota.formats)
                to_run, reused = plan_steps(prints, previous, force)
                report_warnings(loaded, progress)
                for name in reused:
                    shutil.copyfile(previous.path / f"{name}.ipynb", build / f"{name}.ipynb")
                    progress.say(f"[{_number(name)}/{len(prints)}] {_title(name)}: ongewijzigd, "
                                 f"overgenomen uit {previous.name}")
                # the steps start now; this process prepares the rest of the version meanwhile
                parameters = {"params_path": str(snapshot.relative_to(build))}
                pending = pool.submit(
                    [(s.notebook, build / f"{s.name}.ipynb") for s in to_run], parameters, cwd=build,
                    on_start=lambda name: progress.say(f"[{_number(name)}/{len(prints)}] {_title(name)} …"),
                    on_done=lambda r: progress.say(f"[{_number(r.name)}/{len(prints)}] {_title(r.name)}: "
                                                   f"klaar ({r.seconds:.1f} s)"))
                reached("stappen-gestart")
                workbook.export_xlsx(plan, build / "begroting.xlsx")
                stakeholders.export_xlsx(plan, build / "stakeholders.xlsx")
                progress.say("Begroting en stakeholderlijst als Excel-bestanden bewaard.")
                reached("excel-bewaard")
                today = dt.date.today()
                version_name = history.reserved_name(build)
                info = book_info(loaded, version_name, today)
                renderer_name = "Quarto" if (renderer == "quarto" or (renderer == "auto" and quarto_path())) else \
                    "ingebouwd (pandoc + typst)"
                label = label or plan.nota.version_label
                note = note or plan.nota.version_note
                inputs = provenance.inputs(loaded)
                appendices = []
                full_lists = stakeholders.appendix_markdown(plan)  # long categories: every name, in an appendix
                if full_lists:
                    appendices.append(Appendix("bijlage-stakeholders.qmd", stakeholders.APPENDIX_TITLE, full_lists))
                if previous is not None:
                    appendices.append(Appendix("bijlage-wijzigingen.qmd", f"Wijzigingen t.o.v. versie {previous.name}",
                                               changes.report_markdown(changes.load_version_plan(previous), loaded,
                                                                       previous.name, version_name)))
                executed = [s.name for s in to_run]
                appendices.append(Appendix("bijlage-herkomst.qmd", "Herkomst van deze versie",
                                           provenance.markdown(inputs, renderer_name, version_name, label, note,
                                                               executed, reused, dt.datetime.now()), working=True))
                write_book(build, loaded, info, appendices)
                with_agreement = steps.AGREEMENT.name in prints
                if with_agreement:  # the afsprakennota: its own document, next to the book
                    agreement.write_project(build, loaded, agreement.agreement_info(loaded, version_name, today))
                reached("boek-geschreven")
                software = provenance.software()
                if not keep_kernels:
                    pool.stop_when_idle()  # a kernel with nothing left shuts down while the other works
                # the nota is made as soon as its chapters are executed, while the afsprakennota's step
                # may still run; pandoc and typst work outside the GIL, in threads of this process
                cache = history.region_dir / ".cache" / "hoofdstukken"
                pending.wait_for([s.name for s in steps.STEPS])
                progress.say(f"Nota maken ({', '.join(plan.nota.formats)}) met renderer: {renderer_name} …")
                reached("renderen-gestart")
                renders = ThreadPoolExecutor(max_workers=2)
                # a long-lived process (keep_kernels) compiles typst in a child: its caches stay there
                jobs = [renders.submit(render, build, plan.nota.formats, renderer, cache=cache,
                                       isolate_typst=keep_kernels)]
                pending.wait()
                reached("stappen-klaar")
                if with_agreement:
                    agreement.place_notebook(build)
                    progress.say("Afsprakennota maken (tegelijk met de nota) …")
                    jobs.append(renders.submit(render, build / agreement.FOLDER, plan.nota.formats, renderer,
                                               cache=cache, isolate_typst=keep_kernels))
            except BaseException as exc:
                if pending is not None:
                    if isinstance(exc, KeyboardInterrupt):
                        pending.cancel()  # interrupt the running steps, skip the rest: stop at once
                    else:
                        pending.wait(raise_errors=False)  # no kernel may still be writing into the build
                if renders is not None:
                    renders.shutdown(wait=True)  # nor a renderer
                if keep_kernels and not isinstance(exc, StepError):
                    pools.close_kept_pool()  # a kernel in doubt is not kept
                raise
        with renders:  # the kernels are shut down (above) while the documents are made
            rendered = jobs[0].result()
            if with_agreement:
                agreement.publish(build, jobs[1].result().files)
        reached("gerenderd")
        manifest = {
            "region": plan.region.slug, "label": label, "note": note, "created": dt.datetime.now().isoformat(),
            "params_file": snapshot.name, "run_fingerprint": run_print, "steps": prints,
            "executed": executed, "reused": reused, "renderer": rendered.renderer,
            "formats": plan.nota.formats, "inputs": inputs, "software": software,
        }
        version = history.promote(build, manifest)
        reached("gepubliceerd")
    except BaseException as exc:
        if build.exists():
            error = _failed(history, build, exc, progress)
            if error is not exc:
                raise error from None
        raise
    seconds = time.perf_counter() - started
    progress.say(f"Klaar in {seconds:.1f} s: versie {version.name}"
                 + (f" ({label})" if label else "") + f". De nota staat in {history.region_dir}:")
    for name in publishing.document_names(version.path):
        progress.say(f"  - {history.region_dir / name}")
    return RunResult(version, executed, reused, seconds=seconds)


def report_warnings(loaded: LoadedPlan, progress: Progress) -> None:
    """The checks of every step, shown before anything runs (they do not stop the run)."""
    from igskit.planning import conformance
    from igskit.planning.findings import problems

    found = problems(conformance.step_rules(loaded))
    if not found:
        progress.say("Controles: geen opmerkingen.")
        return
    progress.say(f"Controles: {len(found)} opmerking(en) (zie ook de kwaliteitscontrole in de nota):")
    for f in found:
        progress.say(f"  ! [{f.status}] {f.message}")


def snapshot_inputs(loaded: LoadedPlan, build: Path) -> LoadedPlan:
    """Read the params file and its input files once, keep those bytes in ``invoer/``, validate them there.

    ``loaded`` (the files as they were on disk a moment ago) only says which files to take.
    The plan returned is validated from the snapshot itself: what the nota is made of, what
    the kernels load and what the version keeps are the same bytes, even when an editor saves
    the params file while the run starts.
    """
    folder = build / SNAPSHOT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    files = {loaded.path: folder / loaded.path.name}
    for path in loaded.inputs.values():
        try:
            relative = path.relative_to(loaded.base_dir)
        except ValueError:
            relative = Path(path.name)
        files[path] = folder / relative
    for source, target in files.items():
        data = source.read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as stream:
            stream.write(data)
    reached("snapshot-genomen")
    snapshot = load_plan(files[loaded.path])
    write_sidecar(snapshot, snapshot.path)  # the kernels of this run need not parse the YAML again
    return snapshot


def plan_steps(prints: dict[str, str], previous: Version | None, force: bool) -> tuple[list, list[str]]:
    """The steps to execute (their inputs changed) and the ones to take over from ``previous``."""
    to_run, reused = [], []
    for step in (s for s in steps.EVERY if s.name in prints):
        old = previous.path / f"{step.name}.ipynb" if previous else None
        if not force and previous and previous.manifest.get("steps", {}).get(step.name) == prints[step.name] \
                and old.is_file():
            reused.append(step.name)
        else:
            to_run.append(step)
    return to_run, reused


def _number(name: str) -> int:
    return [s.name for s in steps.EVERY].index(name) + 1


def _title(name: str) -> str:
    return next(s.title for s in steps.EVERY if s.name == name)


def _failed(history: History, build: Path, exc: BaseException, progress: Progress) -> BaseException:
    """Put a failed build aside (never over a version); a StepError then points at its new place.

    Ctrl-C removes the build: it was stopped on purpose. Otherwise ``mislukt/`` keeps the
    executed notebooks and a log, nothing else.
    """
    if isinstance(exc, (KeyboardInterrupt, ParamsError)):  # stopped on purpose, or nothing ran
        history.discard(build)
        return exc
    log = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    try:
        failed = history.keep_failed(build, log=f"{exc}\n\n{log}")
    except OSError:
        history.discard(build)  # the disk refuses even that: free the space at least
        return exc
    if isinstance(exc, StepError):
        return StepError(exc.step, exc.cell, exc.ename, exc.evalue, failed / exc.notebook.relative_to(build))
    progress.say(f"De mislukte run staat in {failed}.")
    return exc


_ERRNO = re.compile(r"\[Errno (\d+)\]\s*([^:]*)(?::\s*'([^']*)')?")
_PANDOC_DISK = {"No space left on device": errno.ENOSPC, "Read-only file system": errno.EROFS,
                "Disk quota exceeded": errno.EDQUOT}


def _reported_disk_error(exc: StepError | RenderError, history: History) -> IgskitError | None:
    """A step or the renderer that failed on a full or read-only disk says so in Dutch, like the rest."""
    if isinstance(exc, StepError):
        match = _ERRNO.search(exc.evalue or "")
        if not match:
            return None
        error = OSError(int(match.group(1)), match.group(2).strip(), match.group(3))
        consequence = f"{UNTOUCHED} Het notebook van de stap staat in {exc.notebook}."
    else:
        number = next((n for text, n in _PANDOC_DISK.items() if text in str(exc)), None)
        if number is None:
            return None
        error = OSError(number, os.strerror(number))
        consequence = UNTOUCHED
    return disk_error(error, folder=history.region_dir, needed=_needed(history), consequence=consequence)


def _needed(history: History) -> int | None:
    try:
        return history.size_estimate()
    except OSError:
        return None


def _log_folder(history: History) -> Path:
    region = history.region_dir
    return region if region.is_dir() and not region.is_symlink() else region.parent


def run_many(paths: list[Path], *, jobs: int = 2, **options) -> dict[str, RunResult | IgskitError]:
    """Run several regions, ``jobs`` at a time, each region in its own folder.

    Each worker process starts one kernel and keeps it for every region it runs, so a batch
    pays the kernel start and the imports once per worker instead of once per region. With
    ``jobs=1`` the regions run one after another in this process, keeping its two kernels.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    results: dict[str, RunResult | IgskitError] = {}
    keep = not options.get("fresh_kernels")
    if jobs <= 1 or len(paths) == 1:
        # one after another, in this process; several regions keep both kernels between them, a
        # single region stops its kernels before rendering (less memory while pandoc runs)
        defaults = {"keep_kernels": keep and len(paths) > 1, "parallel_kernels": 2}
        for path in paths:
            results[str(path)] = _run_one(str(path), {**defaults, **options})
        return results
    # spawn, not fork: a forked copy of a process that already talked to kernels (zmq
    # contexts, I/O threads) can deadlock
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context,
                             initializer=_start_worker_kernel if keep else None) as pool:
        futures = {str(p): pool.submit(_run_one, str(p), {"keep_kernels": keep, **options}) for p in paths}
        for key, future in futures.items():
            results[key] = future.result()
    return results


def _start_worker_kernel() -> None:
    """Boot the kernel a batch worker keeps for all its regions (while the batch gets going)."""
    from igskit.run.kernels import kept_pool

    kept_pool(1)


def _run_one(path: str, options: dict) -> RunResult | IgskitError:
    name = Path(path).stem
    progress = Progress(prefix=f"[{name}] ")
    try:
        return run(path, progress=progress, **{"parallel_kernels": 1, **options})
    except IgskitError as exc:
        progress.say(str(exc))
        return exc
