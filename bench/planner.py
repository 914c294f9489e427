"""Benchmark of the planner (issue 18), measured side by side in one run; prints ratios.

* adding one stakeholder in a region of 500 stakeholders through the planner's model (the
  grid gets one more row of data) vs. the notebook editor of step 01 (which rebuilds its list);
* the planner's memory after ten reruns ("Nota opnieuw maken" ten times, each after one edit):
  the planner process plus the kernels it keeps, as summed PSS and RSS.

Run: ``.venv/bin/python bench/planner.py [--repeat 5] [--write bench/PLANNER.md]``. No browser.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/regions.py beside this script

from regions import demo_copy, large_region  # noqa: E402

from igskit.editing.planner import Planner  # noqa: E402
from igskit.editing.widgets.stakeholders import StakeholderEditor  # noqa: E402
from igskit.run import kernels  # noqa: E402


def memory(process: psutil.Process) -> tuple[float, float]:
    """Summed PSS and RSS (MiB) of a process and its children (the kernels)."""
    pss = rss = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        pss += getattr(info, "pss", info.rss)
        rss += info.rss
    return pss / 2**20, rss / 2**20


def add_in_planner(params: Path, outputs: Path, n: int) -> float:
    planner = Planner(params.parent, outputs=outputs)
    planner.region.value = str(params)
    tab = planner.tab_views[0]
    tab.new_name.value = f"Nieuwe partner {n}"
    started = time.perf_counter()
    tab.add_button.click()
    return time.perf_counter() - started


def add_in_notebook_editor(params: Path, n: int) -> float:
    editor = StakeholderEditor(params)
    editor.new_name.value = f"Nieuwe partner {n}"
    started = time.perf_counter()
    editor.add_button.click()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="igskit-planner-bench-"))
    big = large_region(work / "groot", municipalities=20, stakeholders=500, actions=80)
    planner_times, editor_times = [], []
    for n in range(args.repeat):  # interleaved: each round measures both
        planner_times.append(add_in_planner(big, work / "uit", n))
        editor_times.append(add_in_notebook_editor(big, n))
    add_planner, add_editor = statistics.median(planner_times), statistics.median(editor_times)

    demo = demo_copy(work / "demo")
    os.environ["IGSKIT_OUTPUTS"] = str(work / "uit-demo")
    planner = Planner(demo.parent, outputs=work / "uit-demo")
    budget = planner.tab_views[4]
    me = psutil.Process()
    for n in range(args.reruns):
        budget.lines["werking"][0].amount.text.value = str(9000 + n)
        planner.bar.rerun(wait=True)
        budget = planner.tab_views[4]
    pss, rss = memory(me)
    kernels.close_kept_pool()
    rows = [
        ("stakeholder toevoegen, 500 stakeholders, planner (s)", f"{add_planner:.3f}"),
        ("stakeholder toevoegen, 500 stakeholders, notebook-editor (s)", f"{add_editor:.3f}"),
        ("verhouding planner / notebook-editor", f"{add_planner / add_editor:.3f}"),
        (f"geheugen planner + bewaarde kernels na {args.reruns} keer 'Nota opnieuw maken', som PSS (MiB)",
         f"{pss:.0f}"),
        ("idem, som RSS (MiB)", f"{rss:.0f}"),
    ]
    lines = ["| meting | waarde |", "|---|---|", *[f"| {a} | {b} |" for a, b in rows]]
    text = "\n".join(lines)
    print(text)
    if args.write:
        args.write.write_text(f"# igskit planner benchmark\n\nMediaan over {args.repeat} rondes; "
                              f"{args.reruns} reruns; doel geheugen: onder 600 MiB.\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
