"""Faults: an import killed at any point, a writer killed under a reader, two writers, old stores.

Every process here is real and every kill is a SIGKILL: nothing gets to clean up. Each kill
lands at a point the test names, reached for certain: the killed process says when it got
there and then waits to be killed (or, inside SQLite's COMMIT, kills itself once COMMIT has
started writing the WAL).
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pandas as pd
import pytest

import followup_kit as fk
from conftest import file_hash
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data import store as store_module
from followup_kit.data.sample import generate, write_frames

FILES = [f"{name}.csv" for name in schema.ORDER]
SCHEMA_STEPS = Path(__file__).parent / "data" / "schema_steps"

# ``followup-kit import`` with one point of it made to announce itself; the test kills it there.
IMPORT_STOPPED_AT = textwrap.dedent("""
    import os, signal, sys, threading
    from pathlib import Path
    from followup_kit.cli import main
    from followup_kit.data import schema, store

    point, db = sys.argv[1], sys.argv[2]

    def reached(what):
        os.write(1, (what + "\\n").encode())

    def wait_here(what):
        reached(what)
        if sys.stdin.readline() == "":
            threading.Event().wait()

    if point == "checking":
        def validate(*args, **kwargs):
            wait_here("checking")
        schema.validate = validate
    if point == "inserting":
        real_insert = store.Store._insert
        def insert(self, table, text, bar=None):
            done = real_insert(self, table, text, bar)
            if table.name == "interviews":
                wait_here("inserting")
            return done
        store.Store._insert = insert
    if point == "known":
        real_known = store.Store.known
        def known(self):
            ids = real_known(self)
            wait_here("known")
            return ids
        store.Store.known = known
    if point == "committing":
        wal = Path(db + "-wal")
        def kill_once_the_wal_grows():
            # The import's pages stay in the page cache until COMMIT (WRITE_CACHE_KIB), so the
            # WAL grows only while COMMIT writes them: die in the middle of that.
            while not (wal.exists() and wal.stat().st_size > 1 << 16):
                pass
            reached("committing")
            os.kill(os.getpid(), signal.SIGKILL)
        def trace(sql):
            if sql == "COMMIT" and getattr(trace, "armed", False):
                threading.Thread(target=kill_once_the_wal_grows, daemon=True).start()
        real_insert = store.Store._insert
        def insert(self, table, text, bar=None):
            self._db.set_trace_callback(trace)
            trace.armed = True
            return real_insert(self, table, text, bar)
        store.Store._insert = insert
    sys.exit(main(["import", "--db", db, *sys.argv[3:]]))
""")


def stopped_import(point: str, db: Path, files: list[Path]) -> subprocess.Popen:
    """An import subprocess run up to ``point``; returns once it says it is there."""
    proc = subprocess.Popen([sys.executable, "-c", IMPORT_STOPPED_AT, point, str(db), *map(str, files)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    if line != f"{point}\n":
        proc.kill()
        raise AssertionError(f"the import did not reach {point}: {line!r} {proc.stderr.read()}")
    return proc


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def counts(db: Path) -> dict[str, int]:
    with fk.Store(db, readonly=True) as store:
        return store.counts()


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict:
    """A store's first 40 candidates, and the rest of a sample (over 50,000 rows) to import."""
    root = tmp_path_factory.mktemp("big")
    candidates, interviews, events = generate(6_000, seed=13)
    first = set(candidates["candidate_id"].iloc[:40])
    early = interviews["candidate_id"].isin(first)
    theirs = events["interview_id"].isin(interviews.loc[early, "interview_id"])
    write_frames(root / "first", (candidates.loc[candidates["candidate_id"].isin(first)],
                                  interviews.loc[early], events.loc[theirs]))
    write_frames(root / "rest", (candidates.loc[~candidates["candidate_id"].isin(first)],
                                 interviews.loc[~early], events.loc[~theirs]))
    rest = [root / "rest" / name for name in FILES]
    total = {"candidates": len(candidates), "interviews": len(interviews), "events": len(events)}
    assert sum(total.values()) - 40 > 50_000
    return {"first": [root / "first" / name for name in FILES], "rest": rest, "total": total}


@pytest.mark.parametrize("point", ["checking", "inserting", "committing"])
def test_an_import_killed_leaves_the_store_as_before_or_after_never_between(tmp_path, big, point):
    db = tmp_path / "coach.db"
    with fk.Store(db) as store:
        store.import_csv(*big["first"])
        before = store.counts()
    proc = stopped_import(point, db, big["rest"])
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    if point == "committing":
        # Killed with COMMIT under way: part of the import's pages are in the WAL already.
        assert Path(f"{db}-wal").stat().st_size > 1 << 16
    assert integrity(db) == "ok"
    now = counts(db)
    assert now in (before, big["total"])
    if point != "committing":
        # Nothing is in the file before COMMIT: these points can only end as before.
        assert now == before
    if point == "committing" and now == before:
        # The store recovered from a torn COMMIT is whole and usable: the same import goes in.
        assert main(["import", "--db", str(db), *map(str, big["rest"])]) == 0
        assert counts(db) == big["total"]
    with fk.Store(db) as store:
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []


# The coach's notebook: adds interviews and logs three events each, one write at a time, as
# fast as it can, saying which write it starts; the test kills it in the middle.
LOGGER = textwrap.dedent("""
    import sys
    from followup_kit import Store
    with Store(sys.argv[1]) as store:
        candidate = store.candidates()["candidate_id"].iloc[0]
        write = 0
        for n in range(100_000):
            write += 1
            print("writing", write, flush=True)
            interview = store.add_interview(
                candidate_id=candidate, company="Fault Ltd", role=f"Role {n}",
                interviewer_name="Ann Lee", interviewer_email="ann@fault.example",
                interview_date="2026-05-01")
            for step in (1, 2, 3):
                write += 1
                print("writing", write, flush=True)
                store.log_event(interview_id=interview, kind="employer_response", date="2026-05-02",
                                note=f"step {step}")
""")

# A dashboard: reads the whole store again and again, each read in one snapshot, and checks
# what it sees; one JSON line per read, until stdin closes.
READER = textwrap.dedent("""
    import json, sys, threading
    from followup_kit import Store
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    states, problems, reads = set(), [], 0
    with Store(sys.argv[1], readonly=True) as store:
        while not stop.is_set():
            with store.snapshot():
                state = store.data_state()
                candidates, interviews, events = store.tables()
            reads += 1
            states.add(state)
            if not events["interview_id"].isin(interviews["interview_id"]).all():
                problems.append(f"{state}: an event without its interview")
            if not interviews["candidate_id"].isin(candidates["candidate_id"]).all():
                problems.append(f"{state}: an interview without its candidate")
            for frame, name in ((candidates, "candidates"), (interviews, "interviews"), (events, "events")):
                for column in ("candidate_id", "interview_id", "event_id", "company", "kind", "date",
                               "interview_date"):
                    if column in frame and frame[column].isna().any():
                        problems.append(f"{state}: a {name} row without its {column}")
            ours = events.loc[events["note"].fillna("").str.startswith("step ")]
            steps = ours.groupby("interview_id")["note"].agg(lambda s: sorted(s.tolist()))
            for interview, seen in steps.items():
                if seen != [f"step {k}" for k in range(1, len(seen) + 1)]:
                    problems.append(f"{state}: {interview} has {seen}, a later write without an earlier one")
            print(json.dumps({"reads": reads, "states": len(states), "problems": problems[:5]}), flush=True)
""")


def test_a_writer_killed_mid_write_never_shows_a_reader_half_of_anything(tmp_path, csv_files):
    db = tmp_path / "coach.db"
    with fk.Store(db) as store:
        store.import_csv(*csv_files)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    seen: list[dict] = []
    enough = threading.Event()

    def follow():
        for line in reader.stdout:
            seen.append(json.loads(line))
            if seen[-1]["states"] >= 4:
                enough.set()
        enough.set()

    watcher = threading.Thread(target=follow, daemon=True)
    watcher.start()
    logger = subprocess.Popen([sys.executable, "-c", LOGGER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        # Kill it once the reader has seen the store change a few times, at whatever write is next.
        for line in logger.stdout:
            if enough.is_set() and int(line.split()[1]) % 4 == 3:
                logger.send_signal(signal.SIGKILL)
                break
        assert logger.wait(timeout=60) == -signal.SIGKILL
        # The reader goes on reading what the killed writer left, then stops.
        last = len(seen)
        while len(seen) < last + 3 and reader.poll() is None and watcher.is_alive():
            watcher.join(timeout=0.1)
    finally:
        logger.kill()
        reader.stdin.close()
        reader.wait(timeout=60)
        watcher.join(timeout=60)
    assert reader.returncode == 0
    assert seen[-1]["states"] >= 4, seen[-1]
    assert seen[-1]["problems"] == []
    assert integrity(db) == "ok"
    with fk.Store(db) as store:
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        written = store.events()
    assert written["note"].str.startswith("step ").sum() >= 3


@pytest.fixture
def half_store(tmp_path) -> dict:
    """A store of candidates and interviews, and its events in a file not yet imported.

    The file's events carry the ids the store would give the next events it logs itself.
    """
    folder = tmp_path / "sample"
    write_frames(folder, generate(300, seed=21))
    db = tmp_path / "coach.db"
    with fk.Store(db) as store:
        store.import_csv(folder / "candidates.csv", folder / "interviews.csv")
        interview = store.interviews().iloc[0]
    events = pd.read_csv(folder / "events.csv", dtype="str", encoding="utf-8-sig")
    assert "E00000001" in set(events["event_id"])
    return {"db": db, "events": folder / "events.csv", "interview": interview, "n": len(events)}


def test_a_coachs_write_during_an_import_waits_for_it_and_takes_a_fresh_id(half_store):
    db = half_store["db"]
    importer = stopped_import("known", db, [half_store["events"]])
    try:
        # The import has read the stored ids; the coach now logs an event from the notebook.
        began, logged = threading.Event(), {}

        def log():
            try:
                with fk.Store(db) as coach:
                    coach._db.set_trace_callback(lambda sql: sql == "BEGIN IMMEDIATE" and began.set())
                    logged["id"] = coach.log_event(
                        interview_id=half_store["interview"]["interview_id"], kind="thank_you_sent",
                        date=str(half_store["interview"]["interview_date"].date()))
            except Exception as exc:  # reported below, with the import's own outcome
                logged["error"] = exc
                began.set()

        writer = threading.Thread(target=log)
        writer.start()
        assert began.wait(timeout=60)
        importer.stdin.write("go\n")
        importer.stdin.flush()
        out, err = importer.communicate(timeout=120)
        writer.join(timeout=120)
    finally:
        importer.kill()
    assert importer.returncode == 0, err
    assert "imported" in out and "Traceback" not in err
    assert "error" not in logged, logged.get("error")
    with fk.Store(db, readonly=True) as store:
        events = store.events()
    assert len(events) == half_store["n"] + 1
    assert events["event_id"].is_unique
    # The coach's write came after the import's and took the next free id.
    assert events["event_id"].iloc[-1] == logged["id"]


@pytest.mark.parametrize("command", ["log", "import", "edit", "forget"])
def test_a_store_busy_past_the_timeout_says_so_in_one_line(half_store, command, monkeypatch, capsys):
    db = half_store["db"]
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    interview = half_store["interview"]
    args = {"log": ["--interview", interview["interview_id"], "--kind", "thank_you_sent",
                    "--date", str(interview["interview_date"].date())],
            "import": [str(half_store["events"])],
            "edit": ["--interview", interview["interview_id"], "--role", "Analyst"],
            "forget": ["--candidate", interview["candidate_id"], "--yes"]}[command]
    before = file_hash(db)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert main([command, "--db", str(db), *args]) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "the store is busy" in err and "try again" in err
    assert file_hash(db) == before


def old_store(path: Path, version: int, csv_files: list[Path]) -> None:
    """A store as a followup_kit of schema ``version`` left it, holding the test's rows."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    for step in range(1, version + 1):
        con.executescript((SCHEMA_STEPS / f"{step}.sql").read_text())
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(v,) for v in range(1, version + 1)])
    for path_, table in zip(csv_files, schema.ORDER, strict=True):
        frame = pd.read_csv(path_, dtype="str", keep_default_na=False)
        if table == "events":
            frame["to_interviewer"] = frame["to_interviewer"].map({"true": 1, "false": 0, "": None})
        frame = frame.astype(object).where(frame != "", None)
        marks = ", ".join("?" * frame.shape[1])
        con.executemany(f"INSERT INTO {table} ({', '.join(frame.columns)}) VALUES ({marks})",
                        frame.itertuples(index=False, name=None))
    if version >= 4:
        # As that version's own import did: count the write and record where each table ends.
        con.execute("UPDATE data_state SET writes = writes + 1, whole_at = writes + 1, "
                    + ", ".join(f"{name}_top = (SELECT max(rowid) FROM {name})" for name in schema.ORDER))
    con.close()


@pytest.mark.parametrize("version", range(1, store_module.SCHEMA_VERSION))
def test_a_store_of_every_earlier_version_opens_migrates_and_keeps_every_row(tmp_path, csv_files, version):
    reference = tmp_path / "today.db"
    with fk.Store(reference) as store:
        store.import_csv(*csv_files)
        expected = store.tables()
    db = tmp_path / f"v{version}.db"
    old_store(db, version, csv_files)
    with fk.Store(db) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        got = store.tables()
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        state = store.data_state()
        # What the newer versions added works on the old rows: a reply, the state, forgetting.
        store.log_event(interview_id="I1", kind="reply_sent", date="2026-05-21")
        assert store.changed_candidates(state).tolist() == ["C1"]
        store.set_coach("C1", "Grace Otieno")
        store.add_note(candidate_id="C1", text="Talked the follow-up through", date="2026-05-21",
                       coach="Grace Otieno", interview_id="I1")
        assert store.coaches() == ["Grace Otieno"] and store.notes("C1")["interview_id"].tolist() == ["I1"]
        store.forget("C3")
        assert store.counts() == {"candidates": 2, "interviews": 2, "events": 5}
    # Each interview already there is round 1 of an application of its own, as it was before rounds.
    migrated = got[1]
    if version < 6:
        assert migrated["round"].tolist() == [1] * len(migrated)
        assert migrated["application_id"].tolist() == migrated["interview_id"].tolist()
    # Nobody had a coach before coaches existed.
    assert got[0]["coach"].isna().all()
    got = (got[0], migrated.drop(columns=["round", "application_id"]), got[2])
    expected = (expected[0], expected[1].drop(columns=["round", "application_id"]), expected[2])
    for ours, theirs in zip(got, expected, strict=True):
        pd.testing.assert_frame_equal(ours, theirs)


def test_an_old_store_to_migrate_while_another_program_writes_says_it_is_busy(tmp_path, csv_files,
                                                                              monkeypatch, capsys):
    db = tmp_path / "v3.db"
    old_store(db, 3, csv_files)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert main(["log", "--db", str(db), "--interview", "I1", "--kind", "reply_sent",
                     "--date", "2026-05-21"]) == 2
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "the store is busy" in err, err
    with fk.Store(db) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store.counts()["events"] == 5
