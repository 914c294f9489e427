"""JupyterLab settings for the step notebooks: what a user does there never changes the tracked files.

``make lab`` starts JupyterLab with :func:`strip_outputs` as the server's pre-save hook, so an
(auto)save of a step notebook keeps its cells and drops what running it produced: outputs,
execution counts and widget state. The notebooks in git stay the thin story of each step.
"""

from __future__ import annotations

from pathlib import Path

from igskit.paths import NOTEBOOKS_DIR
from igskit.run.steps import EVERY


def strip_outputs(model: dict, path: str, contents_manager=None, **_kwargs) -> None:
    """Jupyter server pre-save hook: clear the outputs of a step notebook before it is written.

    ``path`` is relative to the server's root; only the step notebooks (by name, in a folder
    named ``notebooks``) are stripped, any other notebook is saved as it is.
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    root = Path(getattr(contents_manager, "root_dir", ".") or ".")
    target = (root / path).resolve()
    if target.parent.name != NOTEBOOKS_DIR.name or target.name not in {f"{s.name}.ipynb" for s in EVERY}:
        return
    clear_outputs(model["content"])


def clear_outputs(notebook: dict) -> dict:
    """Drop outputs, execution counts and widget state from a notebook (in place); return it."""
    notebook.get("metadata", {}).pop("widgets", None)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        metadata = cell.get("metadata", {})
        metadata.pop("execution", None)
    return notebook
