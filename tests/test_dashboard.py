"""Signed links, the page a link opens, and the settings of the served Voilà (no browser here)."""

from __future__ import annotations

import getpass
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest
from itsdangerous import TimestampSigner

from conftest import file_hash
from demo_case import demo_case, first_name
from followup_kit.cli import main
from followup_kit.dashboard import links, page
from followup_kit.dashboard.links import LinkError, make_link, make_token, read_token
from followup_kit.dashboard.server import (
    CONFIG,
    NOTEBOOK,
    kernel_environment,
    kernel_ipython_dir,
    prepare_counts,
    voila_command,
)
from followup_kit.data.demo import demo_store

SECRET = "a secret only these tests know"
# The demo's candidate: their page has letters, which carry their name.
DEMO = demo_case()
WHO, NAME = DEMO.who, DEMO.name
DAY = 24 * 60 * 60


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo store as ``followup-kit serve`` leaves it: with the cohort counts its pages read."""
    db = demo_store(tmp_path_factory.mktemp("demo") / "demo.db")
    prepare_counts(db, "2026-11-01")
    return db


@pytest.fixture(autouse=True)
def no_outside_secret(monkeypatch):
    for name in (links.SECRET_ENV, page.DB_ENV, page.SECRET_FILE_ENV, page.AS_OF_ENV,
                 "QUERY_STRING", "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)


def made_days_ago(monkeypatch, days: float, *args, **kwargs) -> str:
    """A token stamped ``days`` ago, as if made then."""
    then = int(time.time() - days * DAY)
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", lambda self: then)
        return make_token(*args, **kwargs)


def text_of(widget) -> str:
    parts = [getattr(widget, "value", "")] if isinstance(getattr(widget, "value", None), str) else []
    for child in getattr(widget, "children", ()):
        parts.append(text_of(child))
    return " ".join(parts)


def test_a_token_names_its_candidate():
    assert read_token(SECRET, make_token(SECRET, WHO)) == WHO


def test_a_link_carries_the_token_in_its_query():
    link = make_link(SECRET, WHO, "https://coach.example/dash/", days=7)
    assert link.startswith("https://coach.example/dash/?token=")
    assert read_token(SECRET, link.split("token=", 1)[1]) == WHO


@pytest.mark.parametrize("change", [
    # A character inside the signature: the last one also holds base64 padding bits, which
    # decode to the same bytes for some changes.
    lambda t: t[:-10] + ("A" if t[-10] != "A" else "B") + t[-9:],
    lambda t: t.replace(t.split(".")[0], "eyJjYW5kaWRhdGUiOiJDMDAwMDAxIiwiZGF5cyI6MTR9"),
    lambda t: "garbled!",
    lambda t: "",
    lambda t: None,
], ids=["signature", "payload", "garbled", "empty", "missing"])
def test_a_changed_or_missing_token_is_refused(change):
    with pytest.raises(LinkError):
        read_token(SECRET, change(make_token(SECRET, WHO)))


def test_another_secret_does_not_open_the_link():
    with pytest.raises(LinkError, match="not valid"):
        read_token("another secret", make_token(SECRET, WHO))


def test_max_age_expires_a_token():
    token = make_token(SECRET, WHO)
    with pytest.raises(LinkError, match="expired"):
        read_token(SECRET, token, max_age=-1)


def test_a_link_expires_after_its_days(monkeypatch):
    assert read_token(SECRET, made_days_ago(monkeypatch, 13, SECRET, WHO, 14)) == WHO
    with pytest.raises(LinkError, match="expired"):
        read_token(SECRET, made_days_ago(monkeypatch, 15, SECRET, WHO, 14))


def test_days_outside_the_limits_are_refused():
    with pytest.raises(links.FollowupKitError, match="--days"):
        make_token(SECRET, WHO, days=links.MAX_DAYS + 1)


def test_the_secret_file_is_private_and_stable(tmp_path):
    db = tmp_path / "coach.db"
    first = links.secret_for(db)
    assert len(first) >= 40
    assert stat.S_IMODE(links.secret_path(db).stat().st_mode) == 0o600
    assert links.secret_for(db) == first


def test_revoke_all_rotates_the_secret(tmp_path):
    db = tmp_path / "coach.db"
    token = make_token(links.secret_for(db), "C1")
    links.revoke_all(db)
    assert stat.S_IMODE(links.secret_path(db).stat().st_mode) == 0o600
    with pytest.raises(LinkError):
        read_token(links.secret_for(db), token)


def test_the_environment_secret_wins(tmp_path, monkeypatch):
    monkeypatch.setenv(links.SECRET_ENV, SECRET)
    assert links.secret_for(tmp_path / "coach.db") == SECRET
    assert not links.secret_path(tmp_path / "coach.db").exists()


def test_link_command_prints_a_working_link(demo, capsys):
    assert main(["link", "--db", str(demo), "--candidate", WHO, "--days", "3",
                 "--base-url", "https://coach.example/"]) == 0
    link = capsys.readouterr().out.strip()
    assert read_token(links.secret_for(demo), link.split("token=")[1]) == WHO


def test_link_command_refuses_an_unknown_candidate_in_one_line(demo, capsys):
    assert main(["link", "--db", str(demo), "--candidate", "C999999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "C999999" in err


def test_link_command_revokes_every_link(tmp_path, capsys):
    db = demo_store(tmp_path / "demo.db")
    token = make_token(links.secret_for(db), WHO)
    assert main(["link", "--db", str(db), "--revoke-all"]) == 0
    with pytest.raises(LinkError):
        read_token(links.secret_for(db), token)


def served(monkeypatch, db: Path, query: str | None) -> None:
    monkeypatch.setenv(page.DB_ENV, str(db))
    monkeypatch.setenv(page.SECRET_FILE_ENV, str(links.secret_path(db)))
    monkeypatch.setenv(page.AS_OF_ENV, "2026-11-01")
    if query is not None:
        monkeypatch.setenv("QUERY_STRING", query)


def test_a_valid_link_shows_its_candidate(demo, monkeypatch):
    served(monkeypatch, demo, "token=" + make_token(links.secret_for(demo), WHO))
    assert NAME in text_of(page.dashboard_for_request(preview="C000001"))


@pytest.mark.parametrize("query", [None, "", "token=", "token=garbled", "token=a&token=b"])
def test_a_served_page_without_a_good_token_reads_nothing(tmp_path, monkeypatch, query):
    # The store does not exist: a page that tried to read it would say so, not refuse.
    db = tmp_path / "never-opened.db"
    links.secret_for(db)
    served(monkeypatch, db, query)
    shown = page.dashboard_for_request(preview=WHO)
    assert isinstance(shown, w.HTML) and page.REFUSAL in shown.value


def test_a_link_of_a_candidate_forgotten_since_is_refused(tmp_path, monkeypatch):
    db = demo_store(tmp_path / "demo.db")
    prepare_counts(db, "2026-11-01")
    token = make_token(links.secret_for(db), WHO)
    served(monkeypatch, db, "token=" + token)
    assert NAME in text_of(page.dashboard_for_request())
    assert main(["forget", "--db", str(db), "--candidate", WHO, "--yes"]) == 0
    # The link itself is still good: only the candidate is gone.
    assert read_token(links.secret_for(db), token) == WHO
    shown = page.dashboard_for_request()
    assert isinstance(shown, w.HTML) and page.REFUSAL in shown.value and first_name(NAME) not in shown.value


def test_an_unreadable_store_says_to_try_later(tmp_path, monkeypatch):
    db = tmp_path / "gone.db"
    served(monkeypatch, db, "token=" + make_token(links.secret_for(db), WHO))
    assert page.UNAVAILABLE in page.dashboard_for_request().value


def people_in(db: Path) -> list[str]:
    """Every name and email of a candidate or an interviewer in the store."""
    from followup_kit.data.store import Store

    with Store(db, readonly=True) as store:
        candidates, interviews, _ = store.tables()
    return [*candidates["name"], *candidates["email"], *interviews["interviewer_name"],
            *interviews["interviewer_email"]]


@pytest.mark.parametrize("fault", ["garbled file", "no counts kept"])
def test_why_a_page_was_not_shown_goes_to_the_servers_log_without_personal_data(
        tmp_path, monkeypatch, capfd, fault):
    db = demo_store(tmp_path / "demo.db")
    people = people_in(db)
    if fault == "garbled file":
        prepare_counts(db, "2026-11-01")
        db.write_bytes(b"\0" * 100 + db.read_bytes()[100:])
    served(monkeypatch, db, "token=" + make_token(links.secret_for(db), WHO))
    capfd.readouterr()
    shown = page.dashboard_for_request()
    out, err = capfd.readouterr()
    assert shown.value == page.plain_page(page.UNAVAILABLE).value and out == ""
    [line] = err.splitlines()
    assert line.startswith("[followup-kit page ") and f"candidate {WHO}: the page was not shown: " in line
    assert "FollowupKitError: " in line
    assert ("not a followup_kit store (file is not a database)" if fault == "garbled file"
            else "no cohort counts kept for 2026-11-01") in line
    assert [who for who in people if who in line] == []


def test_the_preview_shows_the_demo_candidate_only_when_not_served():
    assert NAME in text_of(page.dashboard_for_request(preview=WHO))


def test_the_committed_voila_settings():
    config = json.loads(CONFIG.read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True and voila["show_tracebacks"] is False
    assert voila["allow_template_override"] == "NO" and voila["allow_theme_override"] == "NO"
    assert all("png" in rule or "svg" in rule for rule in voila["file_allowlist"])
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert config["MappingKernelManager"]["cull_interval"] > 0
    # A page whose outputs come later than this after its reply is rendered empty.
    assert config["VoilaExecutor"]["iopub_timeout"] >= 60
    headers = config["Voila"]["tornado_settings"]["headers"]
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_voila_reads_the_outputs_wait_from_the_committed_settings():
    from traitlets.config.loader import JSONFileConfigLoader
    from voila.execute import VoilaExecutor

    config = JSONFileConfigLoader(CONFIG.name, str(CONFIG.parent)).load_config()
    executor = VoilaExecutor(nbformat.v4.new_notebook(), config=config)
    assert executor.iopub_timeout == json.loads(CONFIG.read_text())["VoilaExecutor"]["iopub_timeout"]


def test_the_serve_command_line(demo, tmp_path):
    command = voila_command(NOTEBOOK, port=9999, preheat=2)
    assert Path(command[0]).name == "voila" and command[1] == "candidate_dashboard.ipynb"
    assert "--Voila.ip=127.0.0.1" in command and "--port=9999" in command
    assert "--preheat_kernel=True" in command and "--pool_size=2" in command
    env = kernel_environment(demo, "2026-11-01", ipython_dir=tmp_path)
    assert env[page.DB_ENV] == str(demo.resolve()) and Path(env[page.SECRET_FILE_ENV]).is_file()


def test_serve_can_cull_idle_kernels_sooner():
    command = voila_command(NOTEBOOK, cull_idle=30)
    assert "--MappingKernelManager.cull_idle_timeout=30" in command
    assert "--MappingKernelManager.cull_interval=3" in command
    assert not any("cull" in part for part in voila_command(NOTEBOOK))


def test_serve_refuses_a_missing_store_in_one_line(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.db")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def without_root_powers(argv: list[str]) -> list[str]:
    """``argv`` run so that file modes bind: root keeps its uid but loses its power to override them."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv (util-linux) is not here to drop the override")
    return ["setpriv", "--bounding-set", "-dac_override", *argv]


def test_serve_on_a_read_only_store_says_what_is_wrong_in_one_line(tmp_path, csv_files):
    from followup_kit.data.store import Store

    db = tmp_path / "coach.db"
    with Store(db) as store:
        store.import_csv(*csv_files)
    db.chmod(0o444)
    before, listing = file_hash(db), {p.name for p in tmp_path.iterdir()}
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_KIT_")}
    done = subprocess.run(without_root_powers(
        [str(Path(sys.executable).with_name("followup-kit")), "serve", "--db", str(db), "--port", "1"]),
        capture_output=True, text=True, timeout=120, env={**env, "TMPDIR": str(temp)})
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"followup-kit serve: --db: {db} is read-only for this user")
    assert done.stderr.count("\n") == 1 and "another program" not in done.stderr
    # Nothing was made: no secret, no kernels' folder; only SQLite's own files of a reader.
    assert file_hash(db) == before and list(temp.iterdir()) == []
    assert {p.name for p in tmp_path.iterdir()} - listing <= {"tmp", "coach.db-wal", "coach.db-shm"}


def test_serving_builds_the_cohort_counts_a_page_reads(tmp_path):
    from followup_kit.dashboard.server import prepare_counts
    from followup_kit.data.store import Store
    from followup_kit.stats.cache import cohort_counts

    db = demo_store(tmp_path / "demo.db")
    with Store(db, readonly=True) as store:
        before = cohort_counts(store, "2026-11-01", stale_ok=True)
    prepare_counts(db, "2026-11-01")
    with Store(db, readonly=True) as store:
        kept = cohort_counts(store, "2026-11-01", stale_ok=True)
        assert kept.current
        # What a read-only page reads is what was built, not a fresh build of its own.
        assert kept.state == store.data_state()
    assert kept.by_cohort.groups.equals(before.by_cohort.groups)


def test_a_preheated_kernel_warms_up_on_made_up_data_only(demo, monkeypatch):
    from followup_kit.data.store import Store
    from followup_kit.playbook import business_days

    served(monkeypatch, demo, None)
    read = []
    original = Store.tables
    monkeypatch.setattr(Store, "tables", lambda self, *a, **k: read.append(str(self.path))
                        or original(self, *a, **k))
    shown = []
    view = page.candidate_view
    monkeypatch.setattr(page, "candidate_view",
                        lambda store, cid, **k: shown.append((str(store.path), cid)) or view(store, cid, **k))
    business_days._CALENDARS.clear()
    page.warm_up("2026-11-01")
    with Store(demo, readonly=True) as store:
        countries = {c or "" for c in store.countries()}
    assert str(demo) not in read and all(path == ":memory:" for path, _ in shown)
    assert len(shown) == 1
    assert countries <= set(business_days._CALENDARS) and len(countries) > 1


def test_the_holidays_handed_to_the_kernels_are_the_packages(demo, tmp_path):
    from followup_kit.data.store import Store
    from followup_kit.playbook import business_days

    table = json.loads(kernel_environment(demo, "2026-11-01", ipython_dir=tmp_path)[links.HOLIDAYS_ENV])
    with Store(demo, readonly=True) as store:
        countries = {c for c in store.countries() if c}
    assert set(table) == countries
    for country, (first, last, days) in table.items():
        assert first <= 2025 and last == 2028
        assert days == [str(d) for d in business_days.public_holidays(country, first, last)]
    business_days._CALENDARS.clear()
    business_days.know_holidays(table)
    for country, (first, last, days) in table.items():
        held = business_days.business_calendar(country, first, last)
        assert [str(d) for d in held.holidays] == sorted(set(days) - weekend(days))


def weekend(days: list[str]) -> set[str]:
    """The holidays that fall on a Saturday or a Sunday (a business-day calendar drops them)."""
    import numpy as np

    dates = np.array(days, dtype="datetime64[D]")
    return {str(d) for d in dates[~np.is_busday(dates)]}


@pytest.mark.parametrize("garbage", ["not json", "[1, 2]", '{"GB": [2026]}', '{"GB": [2026, 2027, ["x"]]}',
                                     '{"": [2026, 2027, []]}'])
def test_a_page_handed_garbage_for_holidays_looks_them_up_itself(demo, monkeypatch, garbage):
    import numpy as np

    from followup_kit.playbook import business_days

    served(monkeypatch, demo, "token=" + make_token(links.secret_for(demo), WHO))
    monkeypatch.setenv(links.HOLIDAYS_ENV, garbage)
    business_days._CALENDARS.clear()
    assert NAME in text_of(page.dashboard_for_request())
    # Nothing of the garbage was kept: every calendar the page holds is the package's own.
    assert set(business_days._CALENDARS) - {""}
    for country, (first, last, held) in business_days._CALENDARS.items():
        days = business_days.public_holidays(country, first, last)
        assert [str(d) for d in held.holidays] == [str(d) for d in days[np.is_busday(days)]]


def test_a_served_page_loads_neither_holidays_nor_matplotlib_nor_tqdm_and_plans_the_same(demo, tmp_path):
    """In a fresh interpreter, as a kernel: the served holidays give the same next steps."""
    import subprocess
    import sys

    env = kernel_environment(demo, "2026-11-01", ipython_dir=kernel_ipython_dir(tmp_path))
    env["QUERY_STRING"] = "token=" + make_token(links.secret_for(demo), WHO)
    script = ("import sys\n"
              "from followup_kit.dashboard import dashboard_for_request\n"
              "shown = dashboard_for_request()\n"
              "steps = shown.children[1].children[0].value\n"
              "print(sorted(m for m in ('holidays', 'matplotlib', 'tqdm') if m in sys.modules))\n"
              "print(steps)\n")
    runs = {}
    for name, handed in (("handed", env), ("looked up", {k: v for k, v in env.items()
                                                         if k != links.HOLIDAYS_ENV})):
        done = subprocess.run([sys.executable, "-c", script], env=handed, capture_output=True,
                              text=True, timeout=120, check=True)
        loaded, steps = done.stdout.split("\n", 1)
        runs[name] = (loaded, steps)
    assert runs["handed"][0] == "[]"
    assert runs["looked up"][0] == "['holidays']"
    assert "Your next steps on" in runs["handed"][1] and runs["handed"][1] == runs["looked up"][1]


def kernel_prints(env: dict[str, str], code: str) -> str:
    """What a real kernel started with ``env`` prints running ``code`` (which must succeed)."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", env=env)
    said: list[str] = []
    try:
        reply = client.execute_interactive(
            code, timeout=60, output_hook=lambda msg: said.append(msg["content"].get("text", "")))
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok"
    return "".join(said).strip()


def test_a_served_kernel_keeps_no_history(demo, tmp_path):
    """Thirty kernels writing one history file lock it, and the error lands on a candidate's page."""
    env = kernel_environment(demo, "2026-11-01", ipython_dir=kernel_ipython_dir(tmp_path))
    assert kernel_prints(env, "print(get_ipython().history_manager.enabled)") == "False"


def owners_and_modes(folder: Path) -> dict:
    """Who owns each file under ``folder``, its mode and when it last changed."""
    return {p: (p.stat().st_uid, p.stat().st_mode, p.stat().st_mtime_ns) for p in (folder, *folder.rglob("*"))}


def test_a_folder_planted_where_the_kernels_ipython_folder_could_be_guessed_is_never_used(
        tmp_path, monkeypatch):
    """Another user who makes the folder first can neither stop serve nor run code in its kernels."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    planted = tmp_path / f"followup-kit-ipython-{getpass.getuser()}"
    startup = planted / "profile_default" / "startup"
    startup.mkdir(parents=True)
    ran = tmp_path / "the planted script ran"
    (startup / "00-planted.py").write_text(f"open({str(ran)!r}, 'w').close()\n", encoding="utf-8")
    if os.geteuid() == 0:
        # As another user would have made it.
        for path in (planted, *planted.rglob("*")):
            os.chown(path, 65534, 65534)
    as_planted = owners_and_modes(planted)

    folder = kernel_ipython_dir()
    assert folder.parent == tmp_path and folder != planted
    made = folder.stat()
    assert stat.S_IMODE(made.st_mode) == 0o700 and made.st_uid == os.geteuid()
    assert kernel_prints({**os.environ, "IPYTHONDIR": str(folder)},
                         "print(get_ipython().profile_dir.location)") == str(folder / "profile_default")
    assert not ran.exists()
    assert owners_and_modes(planted) == as_planted
    assert kernel_ipython_dir() not in (folder, planted)
