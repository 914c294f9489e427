"""One kernel per run: steps stay isolated, and the documents equal plain papermill's."""

from __future__ import annotations

import re

import nbformat

from igskit import pipeline
from igskit.jupyter import KernelSession, execute_step
from igskit.paths import PARAMS_DIR

from .conftest import copy_region


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
                     "import matplotlib, igskit.budget\n"
                     "matplotlib.rcParams['lines.linewidth'] = 9\n"
                     "igskit.budget.INCOME = 'geknoeid'\n"
                     "leftover = 42")
    probe = notebook(tmp_path / "probe.ipynb",
                     "import matplotlib, igskit.budget\n"
                     "print(matplotlib.rcParams['lines.linewidth'], igskit.budget.INCOME, 'leftover' in globals())")
    with KernelSession() as session:
        execute_step(probe, tmp_path / "p0.ipynb", {}, cwd=tmp_path, session=session)
        execute_step(messy, tmp_path / "m.ipynb", {}, cwd=tmp_path, session=session)
        execute_step(probe, tmp_path / "p1.ipynb", {}, cwd=tmp_path, session=session)
    fresh = printed(tmp_path / "p0.ipynb")
    assert fresh.split()[1:] == ["inkomsten", "False"]
    assert printed(tmp_path / "p1.ipynb") == fresh


def test_shared_kernel_gives_the_same_documents_as_plain_papermill(tmp_path):
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")
    quiet = pipeline.Progress(write=lambda _line: None)
    fast = pipeline.run(params, outputs=tmp_path / "snel", progress=quiet)
    plain = pipeline.run(params, outputs=tmp_path / "gewoon", fresh_kernels=True, progress=quiet)

    def chapters(version):
        text = (version.path / "nota.md").read_text(encoding="utf-8")
        return re.split(r"^# Bijlage ", text, flags=re.M)[0]  # the provenance appendix has the clock time

    assert chapters(fast.version) == chapters(plain.version)
    figures = sorted(p.name for p in (fast.version.path / "figuren").iterdir())
    assert figures == sorted(p.name for p in (plain.version.path / "figuren").iterdir()) and figures
    for name in figures:
        assert (fast.version.path / "figuren" / name).read_bytes() == \
            (plain.version.path / "figuren" / name).read_bytes(), name
