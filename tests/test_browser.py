"""One real-browser test: JupyterLab on localhost, a step notebook in headless Chromium, edit, save.

Runs only where Debian's chromium is installed (``make test`` installs it when run as root);
Playwright drives it through ``executable_path``, never through a browser of its own.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from igskit.paths import NOTEBOOKS_DIR, PARAMS_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_settings(settings: Path) -> None:
    """No news or update notifications over the page; every cell stays in the page (no windowing)."""
    for name, values in (("apputils-extension/notification", {"fetchNews": "false", "checkForUpdates": False}),
                         ("notebook-extension/tracker", {"windowingMode": "none"})):
        target = settings / "@jupyterlab" / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving a copy of the notebooks and params; always stopped."""
    root = tmp_path / "project"
    shutil.copytree(NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(PARAMS_DIR, root / "params", ignore=shutil.ignore_patterns("*.bak"))
    home = tmp_path / "jupyter"
    lab_settings(home / "settings")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "IPYTHONDIR": str(home / "ipython"), "JUPYTER_PLATFORM_DIRS": "1"}
    token, port = secrets.token_hex(16), free_port()
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
               "--allow-root",
               f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ContentsManager.pre_save_hook=igskit.editing.lab.strip_outputs"]
    log = (tmp_path / "jupyterlab.log").open("wb")
    server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "jupyterlab.log").read_text()[-3000:])
                time.sleep(0.5)
        yield url, token, root
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()


def run_all_cells(page, attempts: int = 6) -> None:
    """Run → Run All Cells, as a user would; again if the kernel was not connected yet."""
    page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=90_000)
    started = page.locator(".jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]"))
    for _ in range(attempts):
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            started.first.wait_for(timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - the kernel was still connecting; the cells did not start
            page.keyboard.press("Escape")
    pytest.fail("JupyterLab did not start running the cells")


def test_a_step_notebook_saved_in_jupyterlab_keeps_no_outputs(lab, tmp_path):
    """Open 04-begroting, Run All, save with Ctrl+S as a user would: the file keeps its cells, not the outputs.

    JupyterLab runs with ``make lab``'s pre-save hook. On failure, a screenshot and the browser
    console are left in ``tmp_path``.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    url, token, root = lab
    notebook = root / "notebooks" / "04-begroting.ipynb"
    before = json.loads(notebook.read_text(encoding="utf-8"))
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                             timeout=60_000)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.set_default_timeout(60_000)
            console = []
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            try:
                page.goto(f"{url}/lab/tree/notebooks/04-begroting.ipynb?token={token}")
                page.locator(".jp-Notebook").first.wait_for()
                run_all_cells(page)
                page.locator(".jp-OutputArea-output").first.wait_for(timeout=180_000)
                page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(timeout=180_000)
                page.locator(".jp-Notebook").first.click()
                page.keyboard.press("Control+s")
                page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
            except Exception:
                page.screenshot(path=str(tmp_path / "jupyterlab.png"), full_page=True)
                (tmp_path / "console.txt").write_text("\n".join(console))
                raise
        finally:
            browser.close()
    after = json.loads(notebook.read_text(encoding="utf-8"))
    assert [c["source"] for c in after["cells"]] == [c["source"] for c in before["cells"]]
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in after["cells"] if c["cell_type"] == "code")
    assert "widgets" not in after["metadata"]
