"""Measure igskit's speed side by side, in one run, and print ratios (``make bench``).

(a) naive baseline: every step notebook by plain papermill with a fresh kernel, then rendered
(b) igskit's cold run of the demo region (no previous version, kernels started for it)
(c) in-process floor: the same steps' code in this Python process, no kernels, then rendered
(d) a rerun with no change
(e) a rerun after a one-field budget edit, as the editors' "Nota opnieuw maken" does it: in a
    process that already ran the region once (kernels kept), three edits in a row per round;
    also through the command line
(f) a large generated region (30 gemeenten, 2,000 stakeholders, 300 actions), cold
(g) 15 generated regions: ``igskit run`` once per region, one after another, vs. one
    ``igskit run`` of all 15 (the batch: 2 worker processes) — both as a user types them
plus the peak memory (RSS and PSS summed over an ``igskit run`` process and its children).
Medians over ``--repeat`` runs; the machine is noisy, so only ratios measured here count.
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/regions.py beside this script

from regions import demo_copy, large_region  # noqa: E402

from igskit import load_plan  # noqa: E402
from igskit.params.reading import read_document, yaml_round_trip  # noqa: E402
from igskit.planning import workbook  # noqa: E402
from igskit.render import agreement  # noqa: E402
from igskit.render.book import book_info, write_book  # noqa: E402
from igskit.render.embedded import render_embedded  # noqa: E402
from igskit.run import kernels, pipeline  # noqa: E402
from igskit.run.steps import steps_for  # noqa: E402

QUIET = pipeline.Progress(write=lambda _line: None)


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def cli(*args: str, outputs: Path) -> None:
    """``igskit <args>`` as a user runs it: a new process, output to ``outputs``."""
    import subprocess

    command = [str(Path(sys.executable).parent / "igskit"), *args]
    subprocess.run(command, env={**os.environ, "IGSKIT_OUTPUTS": str(outputs)}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def peak_of_cli_run(params: Path, outputs: Path) -> tuple[float, float]:
    """Peak RSS and PSS (MiB) summed over an ``igskit run`` process and its children, sampled every 20 ms.

    RSS counts the shared libraries of every kernel again; PSS divides shared pages between
    the processes that share them, so its sum is the memory the run really occupies.
    """
    import subprocess

    command = [str(Path(sys.executable).parent / "igskit"), "run", str(params)]
    proc = subprocess.Popen(command, env={**os.environ, "IGSKIT_OUTPUTS": str(outputs)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = psutil.Process(proc.pid)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss = pss = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                info = p.memory_full_info()
                rss, pss = rss + info.rss, pss + info.pss
        except psutil.Error:
            pass
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.02)
    if proc.returncode != 0:
        raise RuntimeError(f"igskit run failed with exit status {proc.returncode}")
    return peak_rss / 2**20, peak_pss / 2**20


def in_process_floor(params: Path, build: Path) -> None:
    """Execute the notebooks' code cells here (no kernel), keep their outputs, then render."""
    from IPython.display import Image, Markdown

    import igskit.planning.display as shown

    loaded = load_plan(params)
    build.mkdir(parents=True, exist_ok=True)
    for step in steps_for(loaded.plan):
        nb = nbformat.read(step.notebook, as_version=4)
        namespace = {"params_path": str(params)}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = []

            def capture(obj, *_args, _outputs=outputs, **_kwargs):
                if isinstance(obj, Markdown):
                    _outputs.append(nbformat.v4.new_output("display_data", {"text/markdown": obj.data}))
                elif isinstance(obj, Image):
                    data = base64.b64encode(obj.data).decode()
                    _outputs.append(nbformat.v4.new_output("display_data", {"image/png": data}))

            shown.display = capture
            if "parameters" not in cell.metadata.get("tags", []):
                exec(compile(cell.source, step.name, "exec"), namespace)  # noqa: S102
            cell.outputs = outputs
        nbformat.write(nb, build / f"{step.name}.ipynb")
    workbook.export_xlsx(loaded.plan, build / "begroting.xlsx")
    import datetime as dt

    write_book(build, loaded, book_info(loaded, "v1", dt.date.today()), [])
    render_embedded(build, loaded.plan.nota.formats)
    if loaded.plan.nota.include_agreement:  # the afsprakennota: its own document, as a run makes it
        agreement.write_project(build, loaded, agreement.agreement_info(loaded, "v1", dt.date.today()))
        agreement.place_notebook(build)
        render_embedded(build / agreement.FOLDER, loaded.plan.nota.formats)


def edit_budget(params: Path, delta: int) -> None:
    doc = read_document(params)
    line = doc["begroting"]["werking"][0]
    line["bedrag"] = int(line["bedrag"]) + delta
    with params.open("w", encoding="utf-8") as fh:
        yaml_round_trip().dump(doc, fh)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--regions", type=int, default=15)
    parser.add_argument("--write", type=Path, help="also write the results as Markdown to this file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="igskit-bench-"))
    os.environ["MPLBACKEND"] = "Agg"
    counter = iter(range(10_000))

    def fresh() -> Path:
        return work / f"out-{next(counter)}"

    demo = demo_copy(work / "params")
    big = large_region(work / "groot")
    batch = [demo_copy(work / "batch", f"regio-{i:02d}") for i in range(args.regions)]
    print(f"werkmap: {work}", flush=True)

    # The machine is noisy and its speed drifts: every round measures each case once, one right
    # after the other, and each result is the median over the rounds, so a slow spell hits all
    # cases alike instead of one of them.
    samples: dict[str, list[float]] = {key: [] for key in ("a", "b", "c", "d", "e", "e_first", "f", "b_cli",
                                                             "e_cli")}
    pipeline.run(demo, outputs=fresh(), progress=QUIET)  # imports and caches warm for every case
    # The editor's kept kernels would live in a JupyterLab kernel, not beside the other cases: they
    # must not tidy (a garbage collection) in the middle of another case's measurement here.
    kernels.TIDY_AFTER_SECONDS = 3600
    editor = fresh()
    pipeline.run(demo, outputs=editor, keep_kernels=True, progress=QUIET)  # the coördinator's first run
    command_line = fresh()
    cli("run", str(demo), outputs=command_line)
    for round_number in range(1, args.repeat + 1):
        # every edit raises one amount by 1 euro: always a change no earlier version has seen
        samples["a"].append(timed(lambda: pipeline.run(demo, outputs=fresh(), fresh_kernels=True, progress=QUIET)))
        samples["b"].append(timed(lambda: pipeline.run(demo, outputs=fresh(), progress=QUIET)))
        samples["c"].append(timed(lambda: in_process_floor(demo, fresh())))
        # an editing session: three edits, each followed by "Nota opnieuw maken"; the first one
        # comes after the other cases' work in this process (typst's in-process caches cold)
        session = [timed(lambda: (edit_budget(demo, 1),
                                  pipeline.run(demo, outputs=editor, keep_kernels=True, progress=QUIET)))
                   for _ in range(3)]
        samples["e"] += session
        samples["e_first"].append(session[0])
        samples["d"].append(timed(lambda: pipeline.run(demo, outputs=editor, keep_kernels=True, progress=QUIET)))
        samples["f"].append(timed(lambda: pipeline.run(big, outputs=fresh(), progress=QUIET)))
        samples["b_cli"].append(timed(lambda: cli("run", str(demo), outputs=fresh())))
        samples["e_cli"].append(timed(lambda: (edit_budget(demo, 1), cli("run", str(demo), outputs=command_line))))
        print(f"ronde {round_number}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in samples.items()), flush=True)
    kernels.close_kept_pool()
    results: dict[str, float] = {key: statistics.median(values) for key, values in samples.items()}

    seq, par = [], []
    for round_number in range(max(1, args.repeat // 2)):
        seq.append(timed(lambda: [cli("run", str(p), outputs=work / f"seq-{round_number}")  # noqa: B023
                                  for p in batch]))
        par.append(timed(lambda: cli("run", *map(str, batch), outputs=work / f"par-{round_number}")))  # noqa: B023
        assert sorted(p.name for p in (work / f"par-{round_number}").iterdir()) == sorted(p.stem for p in batch)
        print(f"(g) {args.regions} regio's na elkaar {seq[-1]:.2f} s, in batch {par[-1]:.2f} s", flush=True)
    results["g_seq"], results["g_par"] = statistics.median(seq), statistics.median(par)

    results["peak_rss"], results["peak_pss"] = peak_of_cli_run(demo, fresh())

    rows = [
        ("igskit koud / naïeve papermill (b)/(a)", results["b"] / results["a"], "≤ 0,33 (≥ 3× sneller)"),
        ("igskit koud / ondergrens (b)/(c)", results["b"] / results["c"], "≤ 2"),
        ("herhaling zonder wijziging (d), seconden", results["d"], "ruim onder 1 s"),
        ("één begrotingswijziging in de editor / koud (e)/(b)", results["e"] / results["b"], "≤ 0,40"),
        ("idem, eerste wijziging van elke ronde / koud", results["e_first"] / results["b"], "(ter informatie)"),
        ("idem via de opdrachtregel / koud via de opdrachtregel", results["e_cli"] / results["b_cli"],
         "(ter informatie)"),
        ("grote regio / demo koud (f)/(b)", results["f"] / results["b"], "≤ 2"),
        (f"batch-versnelling {args.regions} regio's (na elkaar / batch)", results["g_seq"] / results["g_par"], "≥ 1,7"),
        ("piekgeheugen koude run, som RSS (MiB, proces + kinderen)", results["peak_rss"], "≤ 400"),
        ("piekgeheugen koude run, som PSS (MiB, gedeelde pagina's één keer)", results["peak_pss"], "≤ 400"),
    ]
    machine = (f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} kernen, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB")
    lines = ["# igskit benchmark\n", f"Machine: {machine}. Mediaan over {args.repeat} rondes (elke ronde meet "
             f"elk geval één keer, na elkaar; de batch {max(1, args.repeat // 2)} keer); "
             f"gemeten op {time.strftime('%Y-%m-%d %H:%M')}.\n", "| meting | seconden |", "|---|---|"]
    labels = {"a": "(a) naïeve papermill (verse kernel per stap) + renderen",
              "b": "(b) igskit koude run, demo-regio", "c": "(c) ondergrens: zelfde code in één proces + renderen",
              "d": "(d) herhaling zonder wijziging",
              "e": "(e) herhaling na één begrotingswijziging, vanuit de editor (kernels bewaard; 3 per ronde)",
              "e_first": "(e) idem, alleen de eerste wijziging van elke ronde (na het andere werk van de ronde)",
              "b_cli": "(b) koude run via de opdrachtregel (`igskit run`, processtart inbegrepen)",
              "e_cli": "(e) herhaling na één begrotingswijziging via de opdrachtregel",
              "f": "(f) grote regio, koud", "g_seq": f"(g) {args.regions} regio's na elkaar (`igskit run` per regio)",
              "g_par": f"(g) {args.regions} regio's in één batch (`igskit run` met alle {args.regions}, 2 tegelijk)"}
    lines += [f"| {labels[k]} | {results[k]:.2f} |" for k in labels]
    lines += ["", "| verhouding | gemeten | doel |", "|---|---|---|"]
    lines += [f"| {name} | {value:.2f} | {goal} |" for name, value, goal in rows]
    report = "\n".join(lines) + "\n"
    print()
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
