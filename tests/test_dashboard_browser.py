"""The served dashboard in a real browser: a real ``followup-kit serve`` and headless Chromium.

Everything runs on loopback: the server listens on a free port of 127.0.0.1
and is stopped at the end, whatever happened.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner

from browsers import CHROMIUM_ARGS, free_port, stop
from followup_kit.dashboard.links import make_link, make_token, secret_for
from followup_kit.data.demo import DATA_DIR, DEMO_AS_OF, demo_store

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parent.parent
CANDIDATE = "C000135"
REFUSAL = "This link is not valid or has expired; ask your coach for a new one."
RENDER_MS = 60_000
NAMES = {row["candidate_id"]: row["name"]
         for row in csv.DictReader((DATA_DIR / "candidates.csv").open(encoding="utf-8"))}
#: People the candidate met, whose names the view rightly shows (one is also another candidate's).
INTERVIEWERS = {row["interviewer_name"]
                for row in csv.DictReader((DATA_DIR / "interviews.csv").open(encoding="utf-8"))
                if row["candidate_id"] == CANDIDATE}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running ``followup-kit serve`` on a temporary copy of the demo store."""
    folder = tmp_path_factory.mktemp("served")
    db = demo_store(folder / "demo.db")
    secret = secret_for(db)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_KIT_")}
    log = (folder / "serve.log").open("w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("followup-kit")), "serve", "--db", str(db),
         "--port", str(port), "--as-of", DEMO_AS_OF],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "voila/static/voila.js", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "serve.log").read_text()) from None
                time.sleep(0.3)
        yield {"base": base, "port": port, "secret": secret, "db": db, "folder": folder}
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, ("Chromium is needed: apt-get install -y chromium "
                        "(the browser tests never download one)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def opened(browser, url: str, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    return page


def rendered(browser, url: str, width: int = 1280):
    """A page whose candidate view has drawn its timeline."""
    page = opened(browser, url, width)
    page.wait_for_selector("img[src^='data:image/svg+xml']", timeout=RENDER_MS)
    return page


def screenshot(page, path: Path, width: int) -> None:
    """The whole page as one picture: Voilà scrolls inside the page, so the window grows to fit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    height = page.evaluate(
        "Math.max(...[...document.querySelectorAll('body, body *')].map(e => e.scrollHeight))")
    before = page.viewport_size
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 8000)})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path))
    page.set_viewport_size(before)


@pytest.fixture(scope="module")
def link(server) -> str:
    return make_link(server["secret"], CANDIDATE, server["base"], days=14)


@pytest.fixture(scope="module")
def desktop(browser, link):
    page = rendered(browser, link)
    yield page
    page.close()


def test_headers_and_no_template_or_theme_from_the_address(link):
    with urllib.request.urlopen(f"{link}&template=classic&theme=dark", timeout=60) as response:
        headers = response.headers
        html = response.read().decode("utf-8")
    assert headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    for rule in ("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
                 "base-uri 'none'", "connect-src 'self'"):
        assert rule in csp
    start = html.index('id="jupyter-config-data"')
    config = json.loads(html[html.index(">", start) + 1:html.index("</script>", start)])
    assert config["jupyterLabTheme"] == "light" and "theme-dark" not in html
    assert "/voila/templates/lab/static/" in html and "/templates/classic/" not in html


def test_a_valid_link_shows_that_candidate_only(desktop):
    text = desktop.inner_text("body")
    html = desktop.content()
    assert NAMES[CANDIDATE] in text
    assert "Your next steps on" in text and "Patience meter" in text
    assert desktop.locator("img[src^='data:image/svg+xml']").count() >= 1
    others = {name for cid, name in NAMES.items() if cid != CANDIDATE} - {NAMES[CANDIDATE]} - INTERVIEWERS
    assert [name for name in others if name in html] == []
    assert "Traceback" not in html and "candidate_view(" not in html


def test_desktop_screenshot(desktop, screenshots):
    screenshot(desktop, screenshots / "candidate_dashboard.png", 1280)


def test_the_patience_meter_days_change_its_sentence(desktop):
    sentence = desktop.get_by_text("still got one within the next")
    before = sentence.inner_text()
    days = desktop.get_by_label("look ahead (days)")
    days.fill("35")
    days.press("Enter")
    desktop.wait_for_function(
        "before => ![...document.querySelectorAll('p')].some(p => p.innerText === before)"
        " && document.body.innerText.includes('within the next 35 days')",
        arg=before, timeout=20_000)


def forged(server) -> dict[str, str]:
    good = make_token(server["secret"], CANDIDATE)
    other_payload = make_token(server["secret"], "C000001").split(".")[0]
    then = int(time.time() - 15 * 24 * 60 * 60)
    original = TimestampSigner.get_timestamp
    TimestampSigner.get_timestamp = lambda self: then
    try:
        expired = make_token(server["secret"], CANDIDATE, days=14)
    finally:
        TimestampSigner.get_timestamp = original
    return {
        "forged": good[:-2] + ("AA" if not good.endswith("AA") else "BB"),
        "expired": expired,
        "missing": "",
        "other-candidate": ".".join([other_payload, *good.split(".")[1:]]),
        "other-secret": make_token("not this server's secret", CANDIDATE),
        # What else an address can carry: garbage, the key twice, bytes that are not UTF-8.
        "garbage": "%%%&&==;;",
        "two-tokens": f"{good}&token={good}",
        "not-utf8": f"%ff%fe{good}",
    }


def test_bad_tokens_show_the_refusal_and_no_data(server, browser):
    base = server["base"]
    # All pages at once: their kernels start side by side.
    pages = {}
    for kind, token in forged(server).items():
        pages[kind] = browser.new_page()
        pages[kind].goto(base if kind == "missing" else f"{base}?token={token}",
                         wait_until="commit")
    for kind, page in pages.items():
        page.get_by_text(REFUSAL).wait_for(timeout=RENDER_MS)
        html = page.content()
        assert [name for name in NAMES.values() if name in html] == [], kind
        assert "Patience meter" not in html and "Traceback" not in html, kind
        page.close()


def test_a_huge_address_is_turned_away_without_a_traceback(server):
    # 100 kB of query: the server refuses the request itself; no kernel starts, nothing is read.
    url = f"{server['base']}?token={'A' * 100_000}"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read().decode("utf-8", "replace")
    except ConnectionError:
        status, body = 0, ""
    assert status in (0, 400, 414, 431), (status, body[:300])
    assert "Traceback" not in body and not [name for name in NAMES.values() if name in body]


def test_code_sent_to_the_kernel_is_not_run(server, desktop):
    import websocket

    kernel = desktop.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    marker = server["folder"] / f"ran-{uuid.uuid4().hex}"
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server['port']}/api/kernels/{kernel}/channels", timeout=20,
        origin=f"http://127.0.0.1:{server['port']}")
    session = uuid.uuid4().hex

    def message(kind: str, content: dict) -> str:
        return json.dumps({
            "header": {"msg_id": uuid.uuid4().hex, "msg_type": kind, "session": session,
                       "username": "", "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell",
            "buffers": []})

    try:
        ws.send(message("execute_request", {
            "code": f"open({str(marker)!r}, 'w').write('ran')", "silent": False,
            "store_history": False, "user_expressions": {}, "allow_stdin": False,
            "stop_on_error": True}))
        ws.send(message("kernel_info_request", {}))
        seen = []
        deadline = time.monotonic() + 20
        while "kernel_info_reply" not in seen and time.monotonic() < deadline:
            seen.append(json.loads(ws.recv())["header"]["msg_type"])
    finally:
        ws.close()
    # The kernel answered the request that is allowed, so the connection worked.
    assert "kernel_info_reply" in seen
    assert "execute_reply" not in seen and "execute_input" not in seen
    time.sleep(1)
    assert not marker.exists()


def test_reads_on_a_phone_without_sideways_scrolling(browser, link, screenshots):
    page = rendered(browser, link, width=390)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        screenshot(page, screenshots / "candidate_dashboard_phone.png", 390)
    finally:
        page.close()


def test_no_serious_accessibility_violation(desktop):
    import axe_playwright_python

    source = (Path(axe_playwright_python.__file__).with_name("axe.min.js")).read_text("utf-8")
    desktop.evaluate(source + "\n;0")
    result = desktop.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], node["target"][-1]) for v in result["violations"]
               if v["impact"] in ("serious", "critical") for node in v["nodes"]]
    assert serious == []
