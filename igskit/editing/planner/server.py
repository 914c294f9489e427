"""``igskit planner``: serve the planner with Voilà on localhost and open it in the browser.

Voilà runs the planner notebook in a kernel of its own and shows only its widgets (no code).
The notebook is written into ``outputs/_planner/``, which is Voilà's root: the documents a run
makes (``outputs/<regio>/nota.html`` …) are then served by the same server, and nothing else:
only the region documents are on the allow-list.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path

from igskit.errors import IgskitError
from igskit.paths import outputs_dir

NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "planner", "metadata": {}, "outputs": [],
               "source": ["from igskit.editing.planner import Planner\n", "Planner()"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}
REGION = r"[a-z0-9][a-z0-9_.-]*"
ALLOWED = [rf"{REGION}/(nota|werkversie|afsprakennota|afsprakennota-werkversie)\.(html|docx|pdf)",
           rf"{REGION}/(begroting|stakeholders)\.xlsx", rf"{REGION}/wijzigingen\.html"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def command(port: int, params_dir: Path, root: Path) -> tuple[list[str], dict]:
    """The Voilà command line and environment for the planner."""
    notebook = root / "_planner" / "planner.ipynb"
    notebook.parent.mkdir(parents=True, exist_ok=True)
    notebook.write_text(json.dumps(NOTEBOOK, indent=1), encoding="utf-8")
    args = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", f"--Voila.root_dir={root}", "--ServerApp.port_retries=0",
            *[f"--VoilaConfiguration.file_allowlist={pattern}" for pattern in ALLOWED],
            "--VoilaConfiguration.show_tracebacks=False", "--theme=light",
            "--MappingKernelManager.cull_idle_timeout=0"]
    env = {**os.environ, "IGSKIT_PLANNER_PARAMS": str(params_dir), "IGSKIT_OUTPUTS": str(root)}
    return args, env


def serve(params_dir: Path, port: int | None = None, open_browser: bool = True) -> int:
    """Start the planner and wait until it is stopped (Ctrl-C)."""
    params_dir = Path(params_dir).resolve()
    if not params_dir.is_dir():
        raise IgskitError(f"De map {params_dir} bestaat niet. → Geef met --map de map met de params-bestanden op.")
    root = outputs_dir()
    root.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    args, env = command(port, params_dir, root)
    server = subprocess.Popen(args, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        if wait_until_up(url, server) and open_browser:
            webbrowser.open(url)
        print(f"De planner draait op {url} — stoppen met Ctrl-C.", flush=True)
        return server.wait()
    except KeyboardInterrupt:
        print("De planner stopt.", flush=True)
        return 0
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise IgskitError("De planner kon niet starten (Voilà stopte meteen); zie de meldingen hierboven.")
        try:
            with urllib.request.urlopen(url + "voila/static/", timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # the server answers
        except OSError:
            time.sleep(0.3)
    return False
