"""The coaching notebook in a real JupyterLab, driven by headless Chromium as a coach would use it.

A real ``jupyter lab`` serves a temporary copy of ``notebooks/`` whose first
cell points at a temporary copy of the demo store (``data/demo.db`` is never
written). The browser opens the notebook, runs every cell, waits for the
caseload, opens the demo candidate's session from it, waits for their
agenda, then logs a thank-you letter through the logger by clicking, and the
test reads the new row back from the store file. Everything listens on
127.0.0.1; nothing is downloaded; the server is stopped at the end, whatever
happened.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browsers import CHROMIUM_ARGS, free_port, stop
from demo_case import demo_case
from followup_kit.data.demo import DEMO_AS_OF, demo_store
from followup_kit.data.store import Store
from followup_kit.widgets.coaching import CoachingSession
from followup_kit.widgets.logger import KIND_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = "coaching_session.ipynb"
# The demo candidate the coaching notebook opens on, and their name as the sample has it.
CANDIDATE, NAME = demo_case().who, demo_case().name
KIND = "thank_you_sent"
#: Generous, bounded waits (milliseconds for the browser, seconds for the server).
SERVER_S = 60
PAGE_MS = 60_000
RUN_MS = 60_000
STEP_MS = 20_000
#: Width of a desktop screen; tall enough for the agenda and the logger together.
SHOT_SIZE = {"width": 1280, "height": 1260}
#: Settings a fresh JupyterLab would otherwise ask about in a pop-up: no news, no update checks.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False}}


def notebook_on(folder: Path, db: Path) -> Path:
    """Copy ``notebooks/`` into ``folder``, its coaching notebook's parameters cell pointing at ``db``."""
    shutil.copytree(NOTEBOOKS, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.db*"))
    path = folder / NOTEBOOK
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next(c for c in nb["cells"] if c["cell_type"] == "code")
    source = "".join(first["source"])
    assert "STORE = demo_store()" in source, f"the parameters cell of {NOTEBOOK} changed:\n{source}"
    first["source"] = source.replace("STORE = demo_store()", f"STORE = {str(db)!r}")
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running JupyterLab on 127.0.0.1, no token, serving a copy of notebooks/ on a copy of the demo store."""
    folder = tmp_path_factory.mktemp("lab")
    db = demo_store(folder / "demo.db")
    root = folder / "notebooks"
    notebook_on(root, db)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "FOLLOWUP_KIT_"))}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR", "MPLCONFIGDIR"):
        env[name] = str(folder / name.lower())
        Path(env[name]).mkdir()
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    for name, values in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"]) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    # Server extensions this test does not need: the language servers and voila's (which runs code).
    (Path(env["JUPYTER_CONFIG_DIR"]) / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {"jupyter_lsp": False, "voila.server_extension": False}}}))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    jupyter = Path(sys.executable).parent / "jupyter"
    log_path = folder / "lab.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(jupyter), "lab", "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
         "--no-browser", "--ServerApp.open_browser=False", "--IdentityProvider.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root}", "--ServerApp.terminals_enabled=False",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", f"--LabApp.user_settings_dir={env['JUPYTERLAB_SETTINGS_DIR']}",
         f"--LabApp.workspaces_dir={env['JUPYTERLAB_WORKSPACES_DIR']}", "--allow-root"],
        stdout=log, stderr=subprocess.STDOUT, env=env, cwd=folder, start_new_session=True)
    try:
        deadline = time.monotonic() + SERVER_S
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    state = (f"exited with {process.returncode}" if process.poll() is not None
                             else f"no answer after {SERVER_S} s")
                    raise RuntimeError(f"waiting for JupyterLab's /api/status on {base}: {state}\n"
                                       + log_path.read_text()[-4000:]) from None
                time.sleep(0.3)
        yield {"base": base, "db": db, "log": log_path}
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium, or None when it is missing (the test then fails, saying so)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        yield None
        return
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def waiting(what: str, wait, lab: dict, page, timeout: int) -> None:
    """Run ``wait(timeout)``; on a timeout fail naming what was awaited, with the page's text and the log."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        wait(timeout)
    except PlaywrightTimeout:
        text = page.locator("body").inner_text()[-3000:]
        pytest.fail(f"waited {timeout / 1000:.0f} s for {what}; the page says:\n{text}\n"
                    f"--- JupyterLab's log:\n{lab['log'].read_text()[-3000:]}", pytrace=False)


#: True once the tab in view is the notebook ``name`` with all its ``cells``, and that notebook's
#: own toolbar names its kernel and says it is idle. The toolbar says "idle" before it has a
#: kernel too (its first state, beside "No Kernel"), so this is asked only once the server has
#: the page connected to the notebook's kernel; the status bar follows the tabs a moment late.
IN_VIEW_AND_IDLE = """([name, cells]) => {
    const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current');
    const panel = tab && document.getElementById(tab.dataset.id);
    const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
    const kernel = panel && panel.querySelector('.jp-Toolbar-kernelName');
    return panel !== null && tab.innerText.trim() === name
        && panel.querySelectorAll('.jp-Notebook .jp-Cell').length === cells
        && status !== null && status.dataset.status === 'idle'
        && kernel !== null && kernel.innerText.trim() !== 'No Kernel';
}"""


def connected_kernel(lab: dict, name: str) -> bool:
    """Whether the server runs a kernel for notebook ``name`` with a page connected to it."""
    with urllib.request.urlopen(f"{lab['base']}/api/sessions", timeout=5) as answer:
        sessions = json.load(answer)
    return any(s["path"] == name and s["kernel"]["connections"] > 0 for s in sessions)


def open_notebook(page, lab: dict, name: str) -> None:
    """Open ``name`` and wait until it is the notebook in view, connected to its own idle kernel.

    The lab keeps its workspace from one page to the next: a notebook an earlier test opened comes
    back first, its kernel already idle, while this one is still loading and starting its own. A
    status bar saying "Idle" is then the other notebook's, and "Run All Cells" clicked then runs
    nothing.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    cells = len(json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"])
    page.goto(f"{lab['base']}/lab/tree/{name}", timeout=PAGE_MS)

    def connected(timeout: int) -> None:
        deadline = time.monotonic() + timeout / 1000
        while not connected_kernel(lab, name):
            if time.monotonic() > deadline:
                raise PlaywrightTimeout(f"no kernel of {name} with a page connected")
            page.wait_for_timeout(100)

    waiting(f"a kernel for {name} with the page connected to it (JupyterLab's /api/sessions)",
            connected, lab, page, PAGE_MS)
    waiting(f"{name} in view with its {cells} cells and its own kernel idle",
            lambda t: page.wait_for_function(IN_VIEW_AND_IDLE, arg=[name, cells], timeout=t),
            lab, page, PAGE_MS)


def run_to_the_caseload(page, lab):
    """Open the coaching notebook, run every cell and wait for the caseload; the caseload's table."""
    page.set_default_timeout(STEP_MS)
    open_notebook(page, lab, NOTEBOOK)
    page.get_by_role("menubar").get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menu").get_by_role("menuitem", name="Run All Cells", exact=True).click()
    caseload = page.locator(".jp-OutputArea-output table", has_text="with a step overdue or due")
    waiting("the caseload table after Run > Run All Cells", lambda t: caseload.wait_for(timeout=t),
            lab, page, RUN_MS)
    return caseload


def events_of(db: Path) -> list[tuple]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return con.execute("SELECT event_id, interview_id, date, kind, channel FROM events "
                           "ORDER BY rowid").fetchall()


def test_a_coach_runs_the_notebook_and_logs_a_thank_you(browser, request, screenshots):
    assert browser is not None, (
        "Chromium is needed for this browser test and 'chromium' is not on PATH: install Debian's "
        "(apt-get install -y chromium); the tests never download one ('playwright install' cannot here)")
    lab = request.getfixturevalue("lab")  # started only once there is a browser to drive it
    with Store(lab["db"], readonly=True) as store:
        options = CoachingSession(store, CANDIDATE, today=DEMO_AS_OF).interview_options()
    before = events_of(lab["db"])
    # The second interview of the list, so the choice is the click's, not the agenda's default.
    label, interview_id = options[1] if len(options) > 1 else options[0]

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        # The notebook opens on the caseload: the coach chooses the candidate under it.
        run_to_the_caseload(page, lab)
        page.get_by_label("open", exact=True).select_option(
            label=f"{NAME} ({CANDIDATE})".replace(" ", "\N{NO-BREAK SPACE}"))
        agenda = page.locator(".jp-OutputArea-output table", has_text="what to do next")
        waiting("the agenda table ('what to do next') after choosing the candidate",
                lambda t: agenda.wait_for(timeout=t), lab, page, STEP_MS)
        assert f"{NAME}: what to do next" in agenda.inner_text()

        # The session's own tabs (Letter | Log and correct), not JupyterLab's; then the logger's
        # "Log an event" form is the only visible one of the forms with an "interview" menu.
        page.locator(".jp-OutputArea-output .widget-tab").first.get_by_role(
            "tab", name="Log and correct", exact=True).click()

        def field(name: str):
            return page.get_by_label(name, exact=True).filter(visible=True)

        waiting("the logger's 'Log an event' form", lambda t: field("what happened").wait_for(timeout=t),
                lab, page, STEP_MS)
        # ipywidgets writes the options' spaces as no-break spaces.
        field("interview").select_option(label=label.replace(" ", "\N{NO-BREAK SPACE}"))
        field("what happened").select_option(label=KIND_WORDS[KIND])
        field("how").select_option(label="email")
        # A button's name starts with its Font Awesome icon's glyph: match the end of it.
        page.get_by_role("button", name=re.compile(r"\bLog it$")).click()

        said = page.locator(".widget-html .fk-ok", has_text="Logged E").filter(visible=True)
        waiting("the green 'Logged E...' message after clicking 'Log it' (a red one means the store "
                "refused the event)", lambda t: said.wait_for(timeout=t), lab, page, STEP_MS)
        message = said.inner_text()
        assert KIND_WORDS[KIND] in message, message
        assert page.locator(".widget-html .fk-error").filter(visible=True).count() == 0

        # The view a coach wants to keep: the agenda above the logger, the log confirmed. The lab's
        # shell does not scroll as a page, so a taller window shows the whole session; the file
        # browser is folded away, as a coach would to give the table the width.
        open_panel = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_panel.count():
            open_panel.click()
        page.set_viewport_size(SHOT_SIZE)
        page.locator(".jp-OutputArea-output h3", has_text=NAME).evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)  # let the notebook settle after the resize and scroll
        page.screenshot(path=str(screenshots / "coaching_session.png"))
    finally:
        page.close()

    after = events_of(lab["db"])
    new = [row for row in after if row not in before]
    assert len(new) == 1, new
    event_id, logged_interview, day, kind, channel = new[0]
    assert f"Logged {event_id}" in message
    assert (logged_interview, kind, channel) == (interview_id, KIND, "email")
    assert day.startswith(DEMO_AS_OF)


COHORT_NOTEBOOK = "cohort_analysis.ipynb"


def test_a_lead_sees_the_cohort_charts_drawn_by_the_browser_and_regroups_them(browser, request,
                                                                              screenshots):
    """The cohort explorer's two charts are drawn by JupyterLab itself, and a new grouping redraws them."""
    assert browser is not None, "Chromium is needed for this browser test and 'chromium' is not on PATH"
    lab = request.getfixturevalue("lab")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.set_default_timeout(STEP_MS)
        open_notebook(page, lab, COHORT_NOTEBOOK)
        page.get_by_role("menubar").get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menu").get_by_role("menuitem", name="Run All Cells", exact=True).click()

        charts = page.locator(".jp-OutputArea-output .vega-embed")
        waiting("the two charts under the cohort report", lambda t: charts.nth(1).locator(
            "svg, canvas").first.wait_for(timeout=t), lab, page, RUN_MS)
        assert charts.count() == 2
        curve = charts.nth(0).locator("[aria-label], svg, canvas").first
        label = curve.get_attribute("aria-label") or ""
        assert "How long employers take to answer" in label, label

        page.get_by_label("compare by", exact=True).select_option(label="thank-you timing")
        regrouped = page.locator(".jp-OutputArea-output .vega-embed [aria-label*='on time']")
        waiting("the curves regrouped by thank-you timing", lambda t: regrouped.first.wait_for(
            timeout=t), lab, page, STEP_MS)
        assert page.locator(".jp-OutputArea-output .vega-embed").count() == 2

        open_panel = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
        if open_panel.count():
            open_panel.click()
        # The lead's choices, the report and both charts in one window.
        page.set_viewport_size({"width": 1280, "height": 1080})
        page.locator(".jp-OutputArea-output .widget-select-multiple").first.evaluate(
            "e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(screenshots / "cohort_analysis.png"))
    finally:
        page.close()
    assert not [e for e in errors if "vega" in e.lower()], errors
