"""Forgetting a candidate (bytes included), the anonymised export, and backing up a live store."""

from __future__ import annotations

import builtins
import hashlib
import hmac
import html
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import followup_kit as fk
from conftest import file_hash
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data import store as store_module
from followup_kit.data.sample import SAMPLE_AS_OF, generate, write_frames
from followup_kit.data.secret import SECRET_ENV, secret_path
from followup_kit.data.store import backup as store_backup
from followup_kit.stats import cache
from followup_kit.stats.report import cohort_report

FILES = [f"{name}.csv" for name in schema.ORDER]


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    """A store of 60 sample candidates, with the cohort counts cached in it."""
    monkeypatch.delenv(SECRET_ENV, raising=False)
    folder = tmp_path / "sample"
    write_frames(folder, generate(60, seed=5, cohorts=3))
    path = tmp_path / "coach.db"
    with fk.Store(path) as store:
        store.import_csv(*(folder / name for name in FILES))
        cache.cohort_counts(store, SAMPLE_AS_OF)
    return path


def store_files(db: Path) -> list[Path]:
    """The store and its WAL and shared-memory files, as many as exist."""
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


def holds(files: list[Path], text: str) -> list[str]:
    """The names of the files whose raw bytes contain ``text`` (as UTF-8)."""
    needle = text.encode("utf-8")
    return [p.name for p in files if needle in p.read_bytes()]


def only_theirs(candidates: pd.DataFrame, interviews: pd.DataFrame) -> pd.Series:
    """A candidate whose name and email are in no other row (the sample reuses names)."""
    for k, row in candidates.iterrows():
        others = "\n".join(pd.concat([candidates.drop(index=k)[["name", "email"]],
                                       interviews[["interviewer_name", "interviewer_email"]]
                                       .set_axis(["name", "email"], axis=1)]).stack())
        if row["name"] not in others and row["email"] not in others:
            return row
    raise AssertionError("every sample candidate shares a name")


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_forget_deletes_the_candidate_and_leaves_their_bytes_in_no_file(db, capsys):
    with fk.Store(db) as store:
        candidates, interviews, events = store.tables()
    gone = only_theirs(candidates, interviews)
    who, name, email = gone["candidate_id"], gone["name"], gone["email"]
    theirs = interviews.loc[interviews["candidate_id"] == who, "interview_id"]
    assert len(theirs) > 0
    # A dashboard's connection stays open (idle) throughout, so the WAL and its index stay too.
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("SELECT count(*) FROM candidates").fetchone()
    assert holds(store_files(db), name) and holds(store_files(db), email)

    assert main(["forget", "--db", str(db), "--candidate", who, "--yes"]) == 0
    assert f"forgot {who}" in capsys.readouterr().out

    files = store_files(db)
    assert Path(f"{db}-wal") in files and Path(f"{db}-shm") in files
    assert holds(files, name) == [] and holds(files, email) == []
    reader.close()
    with fk.Store(db) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        left = store.tables()
        audit = store._db.execute("SELECT * FROM forgotten").fetchall()
        cols = [r[1] for r in store._db.execute("PRAGMA table_info(forgotten)")]
        # forget built the cached counts again, for the day they were kept, from what is left.
        rebuilt = cache.cohort_counts(store, SAMPLE_AS_OF, build=False)
        assert rebuilt.current and rebuilt.state == store.data_state()
        [(name,)] = store._db.execute("SELECT DISTINCT name FROM count_tables").fetchall()
        rows = store.load_counts(name, cache.PER_CANDIDATE).frames
        assert who not in {*rows["interviews"]["candidate_id"], *rows["candidates"]["candidate_id"]}
        after = cache.cohort_report_from_store(store, SAMPLE_AS_OF)
    pd.testing.assert_frame_equal(left[0], candidates.loc[candidates["candidate_id"] != who]
                                  .reset_index(drop=True))
    pd.testing.assert_frame_equal(left[1], interviews.loc[interviews["candidate_id"] != who]
                                  .reset_index(drop=True))
    pd.testing.assert_frame_equal(left[2], events.loc[~events["interview_id"].isin(theirs)]
                                  .reset_index(drop=True))
    assert cols == ["candidate_id", "forgotten_on"]
    assert audit == [(who, pd.Timestamp.today().date().isoformat())]
    pd.testing.assert_frame_equal(after, cohort_report(fk.facts(*left, as_of=SAMPLE_AS_OF)))


def test_a_forgotten_id_is_not_given_to_someone_new(db):
    with fk.Store(db) as store:
        last = store.candidates()["candidate_id"].max()
        store.forget(last)
        new = store.add_candidate(name="Noa Tane", email="noa@example.org", cohort="2026-spring")
    assert new > last


def test_an_older_export_cannot_bring_a_forgotten_candidate_back(db, tmp_path, capsys):
    older = tmp_path / "older"
    assert main(["export", "--db", str(db), "--out", str(older)]) == 0
    with fk.Store(db) as store:
        gone = only_theirs(store.candidates(), store.interviews())
    who = gone["candidate_id"]
    assert main(["forget", "--db", str(db), "--candidate", who, "--yes"]) == 0
    # Their rows from the older export, beside a new candidate's row: all or nothing.
    tables = {name: pd.read_csv(older / f"{name}.csv", dtype="str", keep_default_na=False,
                                encoding="utf-8-sig") for name in schema.ORDER}
    theirs = tables["candidates"].loc[tables["candidates"]["candidate_id"] == who]
    newcomer = pd.DataFrame([{**theirs.iloc[0].to_dict(), "candidate_id": "C900001", "name": "Noa Tane",
                              "email": "noa@example.org"}])
    back = tmp_path / "back"
    back.mkdir()
    pd.concat([newcomer, theirs]).to_csv(back / "candidates.csv", index=False)
    interviews = tables["interviews"].loc[tables["interviews"]["candidate_id"] == who]
    interviews.to_csv(back / "interviews.csv", index=False)
    events = tables["events"].loc[tables["events"]["interview_id"].isin(interviews["interview_id"])]
    events.to_csv(back / "events.csv", index=False)
    capsys.readouterr()
    before = file_hash(db)

    assert main(["import", "--db", str(db), *(str(back / name) for name in FILES)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith(f"candidates.csv:3:candidate_id: candidate '{who}' was forgotten")
    assert "new id" in lines[0]
    assert lines[1:] == ["Nothing was imported: fix the file and run the same command again."]
    assert file_hash(db) == before

    # Without their candidate row, their interviews are refused for the same reason.
    assert main(["import", "--db", str(db), str(back / "interviews.csv")]) == 2
    assert f"interviews.csv:2:candidate_id: candidate '{who}' was forgotten" in capsys.readouterr().err
    with fk.Store(db) as store, pytest.raises(fk.ValidationError, match="was forgotten"):
        store.add_candidate(candidate_id=who, name=gone["name"], email=gone["email"], cohort="2026-spring")
    assert file_hash(db) == before
    # A person who comes back is added with a new id.
    with fk.Store(db) as store:
        again = store.add_candidate(name=gone["name"], email=gone["email"], cohort="2026-spring")
    assert again != who


#: A statement that reads rows of the people's tables (the count of rowids a data-state token takes
#: reads none).
PERSON_ROWS = re.compile(r"\b(?:FROM|JOIN)\s+(?:candidates|interviews|events)\b")
ROWID_TOP = re.compile(r"coalesce\(max\(rowid\), 0\) FROM (?:candidates|interviews|events)\b")


def served_page(db: Path, me: str, monkeypatch) -> tuple[str, list[str]]:
    """The page of ``me``'s link as a served kernel runs it, and every SQL statement it ran.

    The store is read-only, the day and the link come from serve; the text is what a reader
    sees ("Harbour & Co", not its markup "Harbour &amp; Co").
    """
    from followup_kit.dashboard import links, page

    for name in (SECRET_ENV, "VOILA_PREHEAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(page.DB_ENV, str(db))
    monkeypatch.setenv(page.SECRET_FILE_ENV, str(secret_path(db)))
    monkeypatch.setenv(page.AS_OF_ENV, SAMPLE_AS_OF)
    monkeypatch.setenv("QUERY_STRING", "token=" + links.make_token(links.secret_for(db), me))
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.set_trace_callback(statements.append)
        return connection

    monkeypatch.setattr(sqlite3, "connect", traced)
    shown = page.dashboard_for_request()
    text = html.unescape(" ".join(w.value for w in walk(shown) if isinstance(getattr(w, "value", None), str)))
    return text, statements


def test_a_page_after_forget_reads_no_other_candidates_rows(db, monkeypatch, capsys):
    with fk.Store(db) as store:
        people = store.candidates()
        gone = only_theirs(people, store.interviews())["candidate_id"]
        me = people.loc[people["candidate_id"] != gone, "candidate_id"].iloc[0]
        mine = store.interviews(me)["company"]
    # On a terminal, forget shows the progress of building the counts, as serve and report do.
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["forget", "--db", str(db), "--candidate", gone, "--yes"]) == 0
    assert "cohort counts" in capsys.readouterr().err
    text, statements = served_page(db, me, monkeypatch)
    assert "Your next steps on" in text and all(company in text for company in mine)
    reads = [s for s in statements if PERSON_ROWS.search(ROWID_TOP.sub("", s))]
    assert reads and all(f"candidate_id = '{me}'" in s for s in reads), [
        s[:160] for s in reads if f"candidate_id = '{me}'" not in s]


def walk(widget):
    """The widget and every widget inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_forget_asks_on_a_terminal_and_refuses_without_one(db, monkeypatch, capsys):
    with fk.Store(db) as store:
        who = store.candidates()["candidate_id"].iloc[0]
    before = file_hash(db)
    assert main(["forget", "--db", str(db), "--candidate", who]) == 2
    assert "--yes" in one_line(capsys.readouterr().err)
    assert file_hash(db) == before

    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt: asked.append(prompt) or "no")
    assert main(["forget", "--db", str(db), "--candidate", who]) == 1
    assert who in asked[0] and "cannot be undone" in asked[0]
    with fk.Store(db) as store:
        assert who in set(store.candidates()["candidate_id"])

    monkeypatch.setattr(builtins, "input", lambda prompt: "yes")
    assert main(["forget", "--db", str(db), "--candidate", who]) == 0
    with fk.Store(db) as store:
        assert who not in set(store.candidates()["candidate_id"])


def test_forget_of_an_unknown_candidate_says_so(db, capsys):
    before = file_hash(db)
    assert main(["forget", "--db", str(db), "--candidate", "C999999", "--yes"]) == 2
    assert "no candidate 'C999999'" in one_line(capsys.readouterr().err)
    assert file_hash(db) == before


def test_a_reader_that_keeps_old_pages_is_named_and_a_second_forget_clears_them(db, monkeypatch, capsys):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    with fk.Store(db) as store:
        row = only_theirs(store.candidates(), store.interviews())
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM candidates").fetchone()
    assert main(["forget", "--db", str(db), "--candidate", row["candidate_id"], "--yes"]) == 2
    assert "close it and run the same command again" in one_line(capsys.readouterr().err)
    # The reader still sees its snapshot: the old pages are really there.
    assert reader.execute("SELECT count(*) FROM candidates WHERE candidate_id = ?",
                          (row["candidate_id"],)).fetchone()[0] == 1
    reader.execute("COMMIT")
    assert main(["forget", "--db", str(db), "--candidate", row["candidate_id"], "--yes"]) == 0
    assert "already forgotten" in capsys.readouterr().out
    files = store_files(db)
    assert holds(files, row["name"]) == [] and holds(files, row["email"]) == []
    reader.close()


def reference_tag(secret: str, who: str, identity: str) -> str:
    return hmac.new(secret.encode(), f"{who}\0{identity}".encode(), hashlib.sha256).hexdigest()[:16]


def test_anonymised_export_gives_stable_pseudonyms_and_the_same_report(db, tmp_path):
    first, second = tmp_path / "anon1", tmp_path / "anon2"
    assert main(["export", "--db", str(db), "--out", str(first), "--anonymise"]) == 0
    assert main(["export", "--db", str(db), "--out", str(second), "--anonymise"]) == 0
    for name in FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes()

    with fk.Store(db) as store:
        candidates, interviews, events = store.tables()
    exported = b"".join((first / name).read_bytes() for name in FILES)
    people = pd.concat([candidates["name"], candidates["email"], interviews["interviewer_name"],
                        interviews["interviewer_email"]]).unique()
    assert [p for p in people if p.encode() in exported] == []

    secret = secret_path(db).read_text().strip()
    anon = [pd.read_csv(first / name, dtype="str", keep_default_na=False, encoding="utf-8-sig")
            for name in FILES]
    expected = [reference_tag(secret, "candidate", c) for c in candidates["candidate_id"]]
    assert anon[0]["name"].tolist() == [f"Candidate {t}" for t in expected]
    assert anon[0]["email"].tolist() == [f"candidate-{t}@example.invalid" for t in expected]
    expected = [reference_tag(secret, "interviewer", e.strip().lower()) for e in interviews["interviewer_email"]]
    assert anon[1]["interviewer_name"].tolist() == [f"Interviewer {t}" for t in expected]
    assert anon[1]["interviewer_email"].nunique() == interviews["interviewer_email"].str.lower().nunique()
    assert (anon[2]["note"] == "").all() and (events["note"].fillna("") != "").any()

    shared = tmp_path / "shared.db"
    assert main(["init", "--db", str(shared)]) == 0
    assert main(["import", "--db", str(shared), *(str(first / name) for name in FILES)]) == 0
    with fk.Store(shared) as store:
        theirs = cohort_report(fk.facts(*store.tables(), as_of=SAMPLE_AS_OF))
    ours = cohort_report(fk.facts(candidates, interviews, events, as_of=SAMPLE_AS_OF))
    pd.testing.assert_frame_equal(theirs, ours)


def test_another_secret_gives_other_pseudonyms(db, tmp_path, monkeypatch):
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "a"), "--anonymise"]) == 0
    monkeypatch.setenv(SECRET_ENV, "another programme's secret")
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "b"), "--anonymise"]) == 0
    a = pd.read_csv(tmp_path / "a" / "candidates.csv", dtype="str", encoding="utf-8-sig")
    b = pd.read_csv(tmp_path / "b" / "candidates.csv", dtype="str", encoding="utf-8-sig")
    assert (a["candidate_id"] == b["candidate_id"]).all()
    assert not (a["name"] == b["name"]).any()


# A coach's notebook in another process: it logs one event each time it is asked to.
WRITER = textwrap.dedent("""
    import sys
    from followup_kit import Store
    with Store(sys.argv[1]) as store:
        interview = store.interviews()["interview_id"].iloc[0]
        date = str(store.interviews()["interview_date"].iloc[0].date())
        for line in sys.stdin:
            store.log_event(interview_id=interview, kind="employer_response", date=date)
            print("logged", flush=True)
""")


class WritesAtEveryStep:
    """Stands in for the backup's progress bar: after each step of the copy, one write elsewhere."""

    def __init__(self, writer: subprocess.Popen):
        self.writer, self.steps, self.total, self.n = writer, 0, 0, 0

    def __call__(self, **kwargs):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def refresh(self):
        self.steps += 1
        # Were the copy restarted by the writes, it would never end.
        assert self.steps < 1000
        if self.n < self.total:
            self.writer.stdin.write("write\n")
            self.writer.stdin.flush()
            assert self.writer.stdout.readline() == "logged\n"


def test_backup_copies_a_store_being_written_as_it_stood_when_the_copy_began(db, tmp_path, monkeypatch,
                                                                              capsys):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        bar = WritesAtEveryStep(writer)
        with fk.Store(db) as store:
            at_start = store.tables()
        copy = tmp_path / "backups" / "coach-copy.db"
        copy.parent.mkdir()
        with monkeypatch.context() as patched:
            patched.setattr(store_backup, "progress_bar", bar)
            patched.setattr(store_backup, "BACKUP_PAGES", 4)
            assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
        assert f"to {copy}" in capsys.readouterr().out
    finally:
        writer.stdin.close()
        writer.wait(timeout=60)
    assert bar.steps > 5
    assert sorted(p.name for p in copy.parent.iterdir()) == ["coach-copy.db"]
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with fk.Store(copy, readonly=True) as backup, fk.Store(db, readonly=True) as live:
        copied, now = backup.tables(), live.tables()
    assert len(now[2]) == len(at_start[2]) + bar.steps - 1
    for ours, theirs in zip(copied, at_start, strict=True):
        pd.testing.assert_frame_equal(ours, theirs)


def test_backup_refuses_to_overwrite_without_force(db, tmp_path, capsys):
    out = tmp_path / "copy.db"
    out.write_bytes(b"last week's copy")
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 2
    assert "--force" in one_line(capsys.readouterr().err)
    assert out.read_bytes() == b"last week's copy"
    assert main(["backup", "--db", str(db), "--out", str(out), "--force"]) == 0
    with fk.Store(out, readonly=True) as copy:
        assert copy.counts()["candidates"] == 60


@pytest.mark.parametrize("where, says", [("self", "is the store itself"),
                                         ("missing/copy.db", "no such folder"),
                                         ("folder", "is a folder")])
def test_backup_says_what_is_wrong_with_the_target(db, tmp_path, capsys, where, says):
    (tmp_path / "folder").mkdir()
    out = db if where == "self" else tmp_path / where
    before = file_hash(db)
    assert main(["backup", "--db", str(db), "--out", str(out), "--force"]) == 2
    assert says in one_line(capsys.readouterr().err)
    assert file_hash(db) == before


# -- the coaches' session notes: words about a person, kept out of every shared copy ----------
COACH = "Wanjiru Kamau"


def with_notes(db: Path) -> dict[str, list[str]]:
    """Two candidates in one coach's caseload, each with notes no other row holds; their texts by id."""
    said = {}
    with fk.Store(db) as store:
        people = store.candidates()["candidate_id"].tolist()[:2]
        for who in people:
            store.set_coach(who, COACH)
            interview = store.interviews(who)["interview_id"].iloc[0]
            said[who] = [f"{who} rehearsed the salary talk, nervous about the panel (session one)",
                         f"{who} says the second interviewer seemed keen; draft a thank-you tonight"]
            store.add_note(candidate_id=who, text=said[who][0], date="2026-10-20", coach=COACH)
            store.add_note(candidate_id=who, text=said[who][1], date="2026-10-27", coach=COACH,
                           interview_id=interview)
    return said


def test_an_anonymised_export_leaves_the_notes_text_out_and_tags_the_coach(db, tmp_path):
    said = with_notes(db)
    plain, hidden = tmp_path / "plain", tmp_path / "hidden"
    assert main(["export", "--db", str(db), "--out", str(plain)]) == 0
    assert main(["export", "--db", str(db), "--out", str(hidden), "--anonymise"]) == 0
    texts = [t for ts in said.values() for t in ts]
    # The plain export carries every note, word for word; the anonymised one none of them.
    notes = pd.read_csv(plain / "notes.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert sorted(notes["text"]) == sorted(texts)
    everything = b"".join(p.read_bytes() for p in hidden.iterdir())
    with fk.Store(db, readonly=True) as store:
        coaches = store.coaches()
    assert [t for t in texts if t.encode() in everything] == []
    assert COACH in coaches and [c for c in coaches if c.encode() in everything] == []
    anon = pd.read_csv(hidden / "notes.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert (anon["text"] == store_module.privacy.LEFT_OUT).all()
    assert anon[["note_id", "candidate_id", "date", "interview_id"]].equals(
        notes[["note_id", "candidate_id", "date", "interview_id"]])
    secret = secret_path(db).read_text().strip()
    tag = "coach-" + reference_tag(secret, "coach", COACH.casefold())
    assert set(anon["coach"]) == {tag} and len(anon) == len(texts)
    candidates = pd.read_csv(hidden / "candidates.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert candidates["coach"].str.fullmatch("coach-[0-9a-f]{16}").all()
    assert candidates["coach"].nunique() == len(coaches)
    assert candidates.loc[candidates["candidate_id"].isin(list(said)), "coach"].tolist() == [tag] * len(said)
    # The folder shared still imports whole, and counts the sessions without a word of them.
    shared = tmp_path / "shared.db"
    with fk.Store(shared) as store:
        store.import_csv(*sorted(hidden.glob("*.csv")))
        assert store.last_note_dates().to_dict() == {who: pd.Timestamp("2026-10-27") for who in said}


def test_forget_removes_the_bytes_of_every_note_about_the_candidate(db, capsys):
    said = with_notes(db)
    gone, kept = list(said)
    assert all(holds(store_files(db), text) for text in said[gone])
    assert main(["forget", "--db", str(db), "--candidate", gone, "--yes"]) == 0
    assert "2 notes" in capsys.readouterr().out
    assert [holds(store_files(db), text) for text in said[gone]] == [[], []]
    with fk.Store(db, readonly=True) as store:
        assert store.notes(gone).empty
        assert sorted(store.notes(kept)["text"]) == sorted(said[kept])


def test_a_backup_holds_the_notes_and_a_restored_copy_reads_them_back(db, tmp_path, capsys):
    with_notes(db)
    copy = tmp_path / "coach-copy.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    assert "4 notes" in capsys.readouterr().out
    restored = tmp_path / "restored.db"
    restored.write_bytes(copy.read_bytes())
    with fk.Store(restored) as back, fk.Store(db, readonly=True) as live:
        pd.testing.assert_frame_equal(back.notes(), live.notes())
        assert COACH in back.coaches() and back.coaches() == live.coaches()
        assert back.last_note_dates().to_dict() == live.last_note_dates().to_dict()


def test_the_candidates_page_shows_no_note_and_never_reads_the_notes(db, monkeypatch):
    said = with_notes(db)
    me = next(iter(said))
    text, statements = served_page(db, me, monkeypatch)
    assert "Your next steps on" in text
    # Not their own notes, nor anyone else's, nor a word of one.
    for texts in said.values():
        for note in texts:
            assert note not in text
            assert "salary talk" not in text and "seemed keen" not in text
    assert COACH not in text
    assert statements and not [s for s in statements if re.search(r"\bnotes\b", s)]


# -- what was read from a candidate's mail: the coach's working papers, in no shared copy ------
def with_mail(db: Path) -> dict[str, dict[str, list[str]]]:
    """Two candidates with mail proposals, one of each accepted; their evidence and message ids by id.

    ``evidence`` holds the sentences of the proposals still waiting (an accepted one keeps none),
    ``message_ids`` the ids of all of them.
    """
    said = {}
    with fk.Store(db) as store:
        people = store.candidates()["candidate_id"].tolist()[2:4]
        for who in people:
            interview = store.interviews(who).iloc[0]
            day = (interview["interview_date"] + pd.Timedelta(days=1)).date().isoformat()
            found = pd.DataFrame({
                "interview_id": interview["interview_id"], "kind": "employer_response",
                "date": [f"{day}T09:15:00+00:00", f"{day}T16:40:00+00:00"], "channel": "email",
                "to_interviewer": None,
                "message_id": [f"<{who}-first-7f3a@mail.employer.example>", f"<{who}-second-c21e@mail.employer.example>"],
                "evidence": [f"{who}: we were impressed by your answers on the caseload question (waiting)",
                             f"{who}: the panel will meet again on Thursday (accepted)"]})
            first, second = store.add_proposals(who, found)
            store.accept_proposals([second])
            said[who] = {"evidence": found["evidence"].tolist()[:1], "message_ids": found["message_id"].tolist()}
    return said


def test_forget_removes_the_bytes_of_the_candidates_mail_proposals_and_message_ids(db, capsys):
    said = with_mail(db)
    gone, kept = list(said)
    traces = [*said[gone]["evidence"], *said[gone]["message_ids"]]
    assert all(holds(store_files(db), text) for text in traces)
    assert main(["forget", "--db", str(db), "--candidate", gone, "--yes"]) == 0
    assert " notes and 2 messages read from their mail deleted" in capsys.readouterr().out
    assert [holds(store_files(db), text) for text in traces] == [[]] * len(traces)
    with fk.Store(db, readonly=True) as store:
        assert store.proposals(gone).empty and store.mail_message_ids(gone) == set()
        assert store.proposals(kept)["evidence"].tolist() == said[kept]["evidence"]
        assert store.mail_message_ids(kept) == set(said[kept]["message_ids"])
    assert all(holds(store_files(db), text) for text in [*said[kept]["evidence"], *said[kept]["message_ids"]])


def test_no_export_carries_what_was_read_from_mail(db, tmp_path):
    said = with_mail(db)
    traces = [text for who in said.values() for texts in who.values() for text in texts]
    for args, folder in (([], "plain"), (["--anonymise"], "hidden")):
        assert main(["export", "--db", str(db), "--out", str(tmp_path / folder), *args]) == 0
        everything = b"".join(p.read_bytes() for p in (tmp_path / folder).iterdir())
        assert [t for t in traces if t.encode() in everything] == []
        assert sorted(p.name for p in (tmp_path / folder).iterdir()) == sorted(f"{n}.csv" for n in schema.STORED)
    # The accepted proposals are events by then, and go out as every event does.
    events = pd.read_csv(tmp_path / "hidden" / "events.csv", dtype="str", keep_default_na=False,
                         encoding="utf-8-sig")
    assert events["date"].str.endswith("T16:40:00+00:00").sum() == len(said)


def test_a_backup_holds_the_mail_proposals_and_their_decisions(db, tmp_path, capsys):
    said = with_mail(db)
    copy = tmp_path / "coach-copy.db"
    assert main(["backup", "--db", str(db), "--out", str(copy)]) == 0
    with fk.Store(copy, readonly=True) as back, fk.Store(db, readonly=True) as live:
        pd.testing.assert_frame_equal(back.proposals(), live.proposals())
        for who in said:
            assert back.mail_message_ids(who) == live.mail_message_ids(who) == set(said[who]["message_ids"])


def test_no_candidates_page_shows_or_reads_what_was_read_from_mail(db, monkeypatch):
    said = with_mail(db)
    me = next(iter(said))
    text, statements = served_page(db, me, monkeypatch)
    assert "Your next steps on" in text
    # Not their own proposals, nor the other candidate's, nor a word of one.
    for who in said.values():
        for trace in [*who["evidence"], *who["message_ids"]]:
            assert trace not in text
    assert "impressed by your answers" not in text
    assert statements and not [s for s in statements if "mail_" in s]
