"""The planner in a real browser: Voilà on a free loopback port, Debian's chromium driven by Playwright.

Runs where Debian's chromium is installed (``make test`` installs it when run as root). On a
failure a screenshot and the server's log are left in the test's tmp folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from igskit import load_plan
from igskit.paths import PARAMS_DIR

from .conftest import edit_params
from .test_browser import CHROMIUM, CHROMIUM_ARGS, free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)"),
]


@pytest.fixture(scope="module")
def planner_server(tmp_path_factory):
    """`igskit planner` on 127.0.0.1 over a copy of the params folder; always stopped."""
    root = tmp_path_factory.mktemp("planner")
    params = root / "params"
    shutil.copytree(PARAMS_DIR, params, ignore=shutil.ignore_patterns("*.bak"))
    port = free_port()
    env = {**os.environ, "IGSKIT_OUTPUTS": str(root / "outputs"), "JUPYTER_PLATFORM_DIRS": "1",
           "JUPYTER_RUNTIME_DIR": str(root / "runtime")}
    log = (root / "planner.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "igskit.cli", "planner", "--map", str(params), "--poort",
                               str(port), "--geen-browser"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(url + "voila/static/", timeout=5)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("de planner startte niet:\n" + (root / "planner.log").read_text()[-3000:])
            time.sleep(0.5)
    try:
        yield url, params / "voorbeeldregio.yml", root
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
        log.close()


@pytest.fixture
def page(planner_server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    url, _params, root = planner_server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                                             timeout=60_000)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        try:
            page.goto(url)
            page.locator(".igskit-savebar").wait_for(timeout=120_000)
            yield page
        except Exception:
            page.screenshot(path=str(tmp_path / "planner.png"), full_page=True)
            shutil.copy(root / "planner.log", tmp_path / "planner.log")
            raise
        finally:
            browser.close()


def saved(page) -> None:
    page.locator(".igskit-opslaan").click()
    page.locator(".igskit-teller", has_text="Alles is opgeslagen").wait_for(timeout=30_000)


def test_add_a_stakeholder_through_the_grid_and_save(page, planner_server):
    _url, params, _root = planner_server
    page.locator(".igskit-stakeholder-naam input").fill("Circusatelier De Koord")
    page.locator(".igskit-stakeholder-toevoegen").click()
    page.get_by_text("1 niet-opgeslagen wijziging").wait_for()
    page.get_by_text("67 van 67 stakeholders").wait_for()
    saved(page)
    assert "Circusatelier De Koord" in [s.name for s in load_plan(params).plan.stakeholder_list]


def test_type_an_amount_the_flemish_way_and_letters_are_refused(page, planner_server):
    _url, params, _root = planner_server
    page.get_by_role("tab", name="Begroting").click()
    amount = page.locator(".igskit-werking-0-bedrag input")
    amount.wait_for()
    amount.fill("9a")
    amount.press("Tab")
    page.locator(".igskit-veldfout", has_text="Begroting › Werking › regel 1 › bedrag").wait_for()
    assert "geen getal" in page.locator(".igskit-veldfout").first.inner_text()
    amount.fill("9.500")
    amount.press("Tab")
    page.locator(".igskit-teller", has_text="1 niet-opgeslagen wijziging").wait_for()
    saved(page)
    text = params.read_text(encoding="utf-8")
    assert load_plan(params).plan.budget.operations[0].amount == 9500
    assert "      bedrag: 9500\n" in text and "# Fictieve voorbeeldregio" in text  # comments kept


def test_a_change_on_disk_and_a_pending_edit_both_survive(page, planner_server):
    _url, params, _root = planner_server
    page.get_by_role("tab", name="Visie & doelstellingen").click()
    vision = page.locator(".igskit-tekst-visie-tekst textarea")
    vision.fill("Een visie, getypt in de planner.")
    vision.press("Tab")
    page.locator(".igskit-teller", has_text="1 niet-opgeslagen wijziging").wait_for()
    # meanwhile a colleague changes another item in the file
    edit_params(params, lambda doc: doc["swot"]["sterktes"][0].__setitem__(
        "tekst", "Sterkte die een collega intussen aanpaste"))
    saved(page)
    plan = load_plan(params).plan
    assert plan.vision.text == "Een visie, getypt in de planner."
    assert plan.swot.strengths[0].text == "Sterkte die een collega intussen aanpaste"


def test_rerun_and_open_the_nota_link(page, planner_server):
    page.locator(".igskit-nota-opnieuw").click()
    link = page.locator(".igskit-links a", has_text="nota (HTML)")
    link.wait_for(timeout=300_000)
    href = link.get_attribute("href")
    with page.context.expect_page() as opened:
        link.click()
    nota = opened.value
    nota.wait_for_load_state()
    assert "Wervelland" in nota.content()
    assert href.endswith("voorbeeldregio/nota.html")
    assert Path(planner_server[2] / "outputs" / "voorbeeldregio" / "nota.html").is_file()
