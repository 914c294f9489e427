"""A step re-executes exactly when one of its inputs changes (params sections, input files, code)."""

from __future__ import annotations

import nbformat
import pytest

from igskit import load_plan
from igskit.run import steps
from igskit.run.jupyter import KernelSession, execute_step

from .conftest import edit_params

ALL = [s.name for s in steps.STEPS]


def changed_steps(params, change) -> list[str]:
    before = steps.fingerprints(load_plan(params))
    change()
    after = steps.fingerprints(load_plan(params))
    return [name for name in ALL if before[name] != after[name]]


def test_budget_line_invalidates_budget_and_nota(demo_params):
    def change():
        edit_params(demo_params, lambda doc: doc["begroting"]["werking"][0].__setitem__("bedrag", 1))
    assert changed_steps(demo_params, change) == ["04-begroting", "05-nota"]


def test_input_csv_invalidates_environment_and_nota(demo_params):
    csv = demo_params.parent / "voorbeeldregio" / "indicatoren.csv"

    def change():
        csv.write_text(csv.read_text(encoding="utf-8").replace(",", ", ", 1), encoding="utf-8")
    assert changed_steps(demo_params, change) == ["02-omgevingsanalyse", "05-nota"]


@pytest.mark.parametrize("section, expected", [
    ("swot", ["02-omgevingsanalyse", "05-nota"]),
    ("doelstellingen", ["01-stakeholders", "03-doelstellingen", "04-begroting", "05-nota"]),
    ("werkgroepen", ["01-stakeholders", "03-doelstellingen", "05-nota"]),
    ("stakeholders", ["01-stakeholders", "02-omgevingsanalyse", "03-doelstellingen", "05-nota"]),
    ("regio", ALL),
])
def test_each_section_invalidates_exactly_its_readers(demo_params, section, expected):
    def change():
        def edit(doc):
            node = doc[section]
            first = node[0] if isinstance(node, list) else node.get("sterktes", [node])[0]
            key = next(k for k in ("naam", "titel", "tekst") if k in first)
            first[key] = first[key] + " (gewijzigd)"
        edit_params(demo_params, edit)
    assert changed_steps(demo_params, change) == expected


def test_comment_only_edit_changes_no_step(demo_params):
    def change():
        demo_params.write_text(demo_params.read_text(encoding="utf-8") + "\n# een opmerking\n", encoding="utf-8")
    assert changed_steps(demo_params, change) == []


def test_undeclared_sections_do_not_change_a_steps_output(demo_params, tmp_path):
    """The declarations are honest: a step's output stays the same when only sections it does not read change."""
    def outputs(nb_path):
        nb = nbformat.read(nb_path, as_version=4)
        return [o.get("data", {}).get("text/markdown") or o.get("data", {}).get("image/png")
                for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]

    def edit_swot_and_budget(doc):
        doc["swot"]["sterktes"][0]["tekst"] = "Iets heel anders"
        doc["begroting"]["werking"][0]["bedrag"] = 1

    def edit_stakeholders_and_vision(doc):
        doc["stakeholders"][0]["naam"] = "Een andere naam"
        doc["visie"]["tekst"] = "Een andere visie."

    cases = [(edit_swot_and_budget, ("swot", "begroting"), ("01-stakeholders", "03-doelstellingen")),
             (edit_stakeholders_and_vision, ("stakeholders", "visie"), ("04-begroting",))]
    parameters = {"params_path": str(demo_params)}
    with KernelSession() as session:
        for number, (edit, sections, names) in enumerate(cases):
            original = demo_params.read_text(encoding="utf-8")
            chosen = [s for s in steps.STEPS if s.name in names]
            for step in chosen:
                assert not set(sections) & set(step.reads), step.name
            before = [outputs(execute_step(s.notebook, tmp_path / f"{number}-a-{s.name}.ipynb", parameters,
                                           cwd=tmp_path, session=session).output) for s in chosen]
            edit_params(demo_params, edit)
            after = [outputs(execute_step(s.notebook, tmp_path / f"{number}-b-{s.name}.ipynb", parameters,
                                          cwd=tmp_path, session=session).output) for s in chosen]
            assert after == before
            demo_params.write_text(original, encoding="utf-8")


def test_autosaved_outputs_and_parameters_change_no_step(tmp_path):
    """What JupyterLab's autosave writes (outputs, counts, widget state, edited defaults) is not a change."""
    import json

    for step in steps.STEPS:
        notebook = json.loads(step.notebook.read_text(encoding="utf-8"))
        notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                cell["execution_count"] = 7
                cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["750 KB aan uitvoer\n"]}]
                if "parameters" in cell["metadata"].get("tags", []):
                    cell["source"] = ['params_path = "../params/mijnregio.yml"\n']
        copy = tmp_path / step.notebook.name
        copy.write_text(json.dumps(notebook), encoding="utf-8")
        assert steps.notebook_digest(copy) == steps.notebook_digest(step.notebook)
        # a change to what the step does is still a change
        notebook["cells"][-1]["source"] = ["show.text('anders')\n"]
        copy.write_text(json.dumps(notebook), encoding="utf-8")
        assert steps.notebook_digest(copy) != steps.notebook_digest(step.notebook)


def test_lab_save_hook_strips_only_step_notebooks(tmp_path):
    import json
    from types import SimpleNamespace

    from igskit.editing.lab import strip_outputs
    from igskit.paths import NOTEBOOKS_DIR, PROJECT_DIR

    def model():
        return {"type": "notebook", "content": {"metadata": {"widgets": {}}, "cells": [
            {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": "1",
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "x"}]}]}}

    step = model()
    strip_outputs(step, "01-stakeholders.ipynb", contents_manager=SimpleNamespace(root_dir=str(NOTEBOOKS_DIR)))
    assert step["content"]["cells"][0]["outputs"] == [] and "widgets" not in step["content"]["metadata"]
    via_project = model()
    strip_outputs(via_project, "notebooks/02-omgevingsanalyse.ipynb",
                  contents_manager=SimpleNamespace(root_dir=str(PROJECT_DIR)))
    assert via_project["content"]["cells"][0]["execution_count"] is None
    elsewhere = model()
    strip_outputs(elsewhere, "verkenning.ipynb", contents_manager=SimpleNamespace(root_dir=str(PROJECT_DIR)))
    assert json.dumps(elsewhere) == json.dumps(model())
