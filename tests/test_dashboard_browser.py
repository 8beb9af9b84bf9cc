"""The served dashboard in a real browser: a real ``followup-kit serve`` and headless Chromium.

Everything runs on loopback: the server listens on a free port of 127.0.0.1
and is stopped at the end, whatever happened.
"""

from __future__ import annotations

import csv
import getpass
import json
import os
import shutil
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner

from browsers import CHROMIUM_ARGS, free_port, stop
from demo_case import another_with_a_letter, demo_case
from followup_kit.dashboard.links import make_link, make_token, secret_for
from followup_kit.dashboard.server import CONFIG, NOTEBOOK, NOTEBOOK_DIR
from followup_kit.data.demo import DATA_DIR, DEMO_AS_OF, demo_store
from followup_kit.data.secret import secret_path
from readable import readable

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parent.parent
# The demo candidate: their page has letters, which carry their name.
CANDIDATE = demo_case().who
REFUSAL = "This link is not valid or has expired; ask your coach for a new one."
UNAVAILABLE = "Your page cannot be shown just now."
RENDER_MS = 60_000
NAMES = {row["candidate_id"]: row["name"]
         for row in csv.DictReader((DATA_DIR / "candidates.csv").open(encoding="utf-8"))}
#: People the candidate met, whose names the view rightly shows (one is also another candidate's).
INTERVIEWERS = {row["interviewer_name"]
                for row in csv.DictReader((DATA_DIR / "interviews.csv").open(encoding="utf-8"))
                if row["candidate_id"] == CANDIDATE}
#: Every name and email of the sample, of candidates and interviewers alike.
PEOPLE = {row[column] for name, columns in (("candidates", ("name", "email")),
                                            ("interviews", ("interviewer_name", "interviewer_email")))
          for row in csv.DictReader((DATA_DIR / f"{name}.csv").open(encoding="utf-8")) for column in columns}


@contextmanager
def serving(folder: Path, *options: str, env: dict[str, str] | None = None):
    """A running ``followup-kit serve`` on a copy of the demo store in ``folder``, stopped after.

    Yields the address, the port, the link secret, the store, the folder and the server's
    log (its standard output and error, as an operator reads them).
    """
    db = demo_store(folder / "demo.db")
    secret = secret_for(db)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {k: v for k, v in (env or os.environ).items() if not k.startswith("FOLLOWUP_KIT_")}
    log_path = folder / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("followup-kit")), "serve", "--db", str(db),
             "--port", str(port), "--as-of", DEMO_AS_OF, *options],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "voila/static/voila.js", timeout=2).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.3)
            yield {"base": base, "port": port, "secret": secret, "db": db, "folder": folder,
                   "log": log_path}
        finally:
            stop(process)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running ``followup-kit serve`` on a temporary copy of the demo store."""
    with serving(tmp_path_factory.mktemp("served")) as running:
        yield running


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


def test_serve_gives_its_kernels_a_private_ipython_folder_and_removes_it_when_stopped(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    # The folder an older serve used, made first by someone else with a start-up script in it.
    planted = temp / f"followup-kit-ipython-{getpass.getuser()}"
    (planted / "profile_default" / "startup").mkdir(parents=True)
    ran = tmp_path / "the planted script ran"
    (planted / "profile_default" / "startup" / "00-planted.py").write_text(
        f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    with serving(tmp_path, env={**os.environ, "TMPDIR": str(temp)}) as server:
        # A page starts a kernel; the refusal is enough, and the response ends once it has run.
        urllib.request.urlopen(server["base"] + "?token=none", timeout=120).read()
        made = [p for p in temp.iterdir() if p.name.startswith("followup-kit-ipython-") and p != planted]
        assert len(made) == 1
        assert stat.S_IMODE(made[0].stat().st_mode) == 0o700 and made[0].stat().st_uid == os.geteuid()
        assert (made[0] / "profile_default" / "ipython_kernel_config.json").is_file()
        assert not ran.exists()
    assert not made[0].exists() and planted.is_dir()


def test_why_a_page_was_not_shown_is_in_the_servers_log_and_not_on_the_page(tmp_path, browser):
    with serving(tmp_path) as server:
        link = make_link(server["secret"], CANDIDATE, server["base"], days=14)
        rendered(browser, link).close()
        db = server["db"]
        db.write_bytes(b"\0" * 100 + db.read_bytes()[100:])
        page = opened(browser, link)
        page.get_by_text(UNAVAILABLE).wait_for(timeout=RENDER_MS)
        shown = readable(page.content())
        page.close()
        log = server["log"].read_text(encoding="utf-8")
    said = [line for line in log.splitlines() if line.startswith("[followup-kit page ")]
    assert len(said) == 1, log[-2000:]
    assert f"candidate {CANDIDATE}: the page was not shown: FollowupKitError: " in said[0]
    assert said[0].endswith("not a followup_kit store (file is not a database)")
    assert "followup-kit page" not in shown and "not a database" not in shown
    assert [who for who in PEOPLE if who in log] == []


def fetched(url: str) -> tuple[int, bytes]:
    """The status and body the server answers ``url`` with, redirects followed."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


#: Where a Voila server could hand out a file: its file, static, template and extension
#: handlers, the Jupyter server's own, and the catch-all that sends any other path to its files.
FILE_ROUTES = ("voila/files/", "voila/static/", "voila/templates/lab/static/", "voila/labextensions/",
               "voila/api/themes/", "files/", "api/contents/", "")


def test_the_running_server_hands_out_no_file_but_pictures(server):
    db = server["db"]
    wanted = {
        "the notebook": (NOTEBOOK, b"dashboard_for_request(preview="),
        "its settings": (CONFIG, b'"file_denylist"'),
        "the store": (db, b"SQLite format 3"),
        "the store's secret": (secret_path(db), server["secret"].encode()),
        "the project": (ROOT / "pyproject.toml", b"[project]"),
    }
    asked = 0
    for what, (path, inside) in wanted.items():
        assert inside in path.read_bytes(), what
        relative = os.path.relpath(path, NOTEBOOK_DIR)
        # As it is ('../' where it lies outside), with '..' and '/' percent-encoded, and absolute.
        for form in dict.fromkeys([relative, relative.replace("..", "%2e%2e"), relative.replace("/", "%2F"),
                                   str(path)]):
            for route in FILE_ROUTES:
                status, body = fetched(server["base"] + route + form)
                asked += 1
                assert inside not in body, (what, route + form, status)
                if route == "voila/files/":
                    assert status in (403, 404), (what, form, status)
    # A picture beside the notebook is what the file handler is for: the test would see one.
    picture = NOTEBOOK_DIR / f"served-picture-{uuid.uuid4().hex}.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    try:
        assert fetched(server["base"] + "voila/files/" + picture.name) == (200, picture.read_bytes())
    finally:
        picture.unlink()
    assert asked > 100


@pytest.fixture(scope="module")
def preheated(tmp_path_factory):
    """A running ``followup-kit serve --preheat 1``: one kernel waits, started ahead of its page."""
    with serving(tmp_path_factory.mktemp("preheated"), "--preheat", "1") as running:
        yield running


def others_named(html: str, shown: str) -> list[str]:
    """The names of candidates other than ``shown`` in a page, but for the people ``shown`` met."""
    met = {row["interviewer_name"]
           for row in csv.DictReader((DATA_DIR / "interviews.csv").open(encoding="utf-8"))
           if row["candidate_id"] == shown}
    text = readable(html)
    return [name for cid, name in NAMES.items()
            if cid != shown and name != NAMES[shown] and name not in met and name in text]


def test_a_preheated_server_shows_a_good_link_a_bad_one_and_another_candidates(preheated, browser):
    # The secret as it is now: another test revokes every link of this server.
    secret, base = secret_for(preheated["db"]), preheated["base"]
    good = make_token(secret, CANDIDATE)
    # Another candidate with a letter to write, so that their name is on their page (it signs it).
    other = another_with_a_letter(CANDIDATE)
    links = {"good": make_link(secret, CANDIDATE, base),
             "bad": f"{base}?token={good[:-2]}{'AA' if not good.endswith('AA') else 'BB'}",
             "another candidate's": make_link(secret, other, base)}
    for kind, url in links.items():
        page = opened(browser, url)
        if kind == "bad":
            page.get_by_text(REFUSAL).wait_for(timeout=RENDER_MS)
        else:
            page.wait_for_selector("img[src^='data:image/svg+xml']", timeout=RENDER_MS)
        text, html = page.inner_text("body"), page.content()
        page.close()
        assert "Traceback" not in html, kind
        if kind == "bad":
            assert [name for name in NAMES.values() if name in readable(html)] == []
            assert "Patience meter" not in html
            continue
        shown = CANDIDATE if kind == "good" else other
        assert NAMES[shown] in text and "Your next steps on" in text and "Patience meter" in text, kind
        assert others_named(html, shown) == [], kind


def test_revoking_every_link_on_a_running_server_refuses_an_old_link(preheated, browser):
    db, base = preheated["db"], preheated["base"]
    old = make_link(secret_for(db), CANDIDATE, base)
    page = rendered(browser, old)
    assert NAMES[CANDIDATE] in page.inner_text("body")
    page.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_KIT_")}
    done = subprocess.run([str(Path(sys.executable).with_name("followup-kit")), "link", "--db", str(db),
                           "--revoke-all"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    # The kernel this page gets was started (preheated) before the secret changed.
    page = opened(browser, old)
    page.get_by_text(REFUSAL).wait_for(timeout=RENDER_MS)
    html = page.content()
    page.close()
    assert NAMES[CANDIDATE] not in readable(html) and "Patience meter" not in html
    page = rendered(browser, make_link(secret_for(db), CANDIDATE, base))
    assert NAMES[CANDIDATE] in page.inner_text("body")
    page.close()
