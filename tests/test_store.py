"""The SQLite store: typed reads, one candidate's rows, migrations, atomic writes, snapshot reads, export."""

from __future__ import annotations

import csv
import multiprocessing
import sqlite3
import time

import pandas as pd
import pytest

from conftest import file_hash, write
from followup_kit import FollowupKitError, Store
from followup_kit.data import store as store_module
from followup_kit.data.schema import empty
from followup_kit.data.store import bulk_writes


@pytest.fixture
def store(tmp_path, csv_files):
    s = Store(tmp_path / "s.db")
    s.import_csv(*csv_files)
    yield s
    s.close()


def test_file_is_wal_with_foreign_keys(store):
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == store_module.SCHEMA_VERSION
    with pytest.raises(sqlite3.IntegrityError):
        store._db.execute("INSERT INTO events (event_id, interview_id, date, kind, channel) "
                          "VALUES ('X', 'nope', '2026-01-01', 'offer', 'email')")


def test_tables_have_proper_dtypes(store):
    cands, ints, evs = store.tables()
    assert str(cands["candidate_id"].dtype) == "str"
    assert pd.isna(cands.loc[1, "country"]) and pd.isna(cands.loc[1, "timezone"])
    assert ints["interview_date"].dtype == "datetime64[us]"
    assert ints["promised_decision_date"].isna().tolist() == [False, True, True]
    assert evs["date"].dtype == "datetime64[us]"
    assert str(evs["sent_at"].dtype) == "datetime64[us, UTC]"
    assert evs["to_interviewer"].dtype == "boolean"
    assert evs["to_interviewer"].tolist()[:3] == [True, False, pd.NA]
    for frame, table in zip((cands, ints, evs), ("candidates", "interviews", "events"), strict=True):
        assert frame.dtypes.to_dict() == empty(table).dtypes.to_dict()


def test_timestamp_keeps_its_moment_and_written_date(store):
    evs = store.events().set_index("event_id")
    # 08:00 in Nairobi (+03:00) is 05:00 UTC on the same day.
    assert evs.loc["E1", "date"] == pd.Timestamp("2026-05-09")
    assert evs.loc["E1", "sent_at"] == pd.Timestamp("2026-05-09T05:00:00Z")
    # 20:00 UTC on the 11th is already the 12th in Tonga (+13:00): the moment is kept for the playbook.
    assert evs.loc["E5", "date"] == pd.Timestamp("2026-05-11")
    assert evs.loc["E5", "sent_at"] == pd.Timestamp("2026-05-11T20:00:00Z")
    assert pd.isna(evs.loc["E3", "sent_at"])


def test_one_candidates_rows_only(store):
    cands, ints, evs = store.tables(candidate_id="C2")
    assert cands["candidate_id"].tolist() == ["C2"]
    assert ints["interview_id"].tolist() == ["I2"]
    assert evs["event_id"].tolist() == ["E3", "E4"]
    assert store.events(candidate_id="nobody").empty


def test_one_interview_only(store):
    one = store.interviews(interview_id="I2")
    assert one["interview_id"].tolist() == ["I2"]
    assert one["candidate_id"].tolist() == ["C2"]
    assert one.dtypes.to_dict() == empty("interviews").dtypes.to_dict()
    assert store.interviews(interview_id="nope").empty
    # Both filters: the row must match both.
    assert store.interviews(candidate_id="C2", interview_id="I2")["interview_id"].tolist() == ["I2"]
    assert store.interviews(candidate_id="C1", interview_id="I2").empty


def test_add_frames_validates_and_is_atomic(store):
    new = pd.DataFrame({"event_id": ["E6", "E7"], "interview_id": ["I3", "I3"],
                        "date": [pd.Timestamp("2026-05-20"), pd.Timestamp("2026-05-02")],
                        "kind": ["offer", "offer"], "channel": ["phone", "phone"]})
    before = store.counts()
    with pytest.raises(FollowupKitError, match=r"<events>:3:date: the event is dated before its interview"):
        store.add_events(new)
    assert store.counts() == before
    assert store.add_events(new.iloc[:1]) == 1
    assert store.events().set_index("event_id").loc["E6", "kind"] == "offer"


def test_add_events_with_aware_timestamps(store):
    moment = pd.Timestamp("2026-05-12T21:30:00", tz="Pacific/Tongatapu")
    store.add_events(pd.DataFrame({"event_id": ["E8"], "interview_id": ["I3"], "date": [moment],
                                   "kind": ["employer_response"], "channel": ["email"]}))
    row = store.events().set_index("event_id").loc["E8"]
    assert row["date"] == pd.Timestamp("2026-05-12")
    assert row["sent_at"] == moment.tz_convert("UTC")


def test_failure_during_write_rolls_everything_back(tmp_path, csv_files, monkeypatch):
    db = tmp_path / "s.db"
    Store(db).close()
    before = file_hash(db)
    calls = []
    real = Store._insert

    def insert_then_fail(self, table, text, bar=None):
        calls.append(table.name)
        real(self, table, text, bar)
        if table.name == "interviews":
            raise OSError("disk full")

    monkeypatch.setattr(Store, "_insert", insert_then_fail)
    with Store(db) as s, pytest.raises(OSError):
        s.import_csv(*csv_files)
    assert calls == ["candidates", "interviews"]
    assert file_hash(db) == before
    monkeypatch.undo()
    assert Store(db).counts() == {"candidates": 0, "interviews": 0, "events": 0}


def _slow_writer(db, started, release):
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("BEGIN IMMEDIATE")
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C9', 'Kai', 'kai@example.org', 'x', NULL, NULL)")
    con.execute("INSERT INTO interviews (interview_id, candidate_id, company, role, interviewer_name, "
                "interviewer_email, interview_date) VALUES ('I9', 'C9', 'Co', 'Role', 'Ivy', 'ivy@co.example', "
                "'2026-06-01')")
    started.set()
    release.wait(20)
    con.execute("INSERT INTO events VALUES ('E9', 'I9', '2026-06-02', 'thank_you_sent', 'email', 1, NULL)")
    con.execute("COMMIT")
    con.close()


def test_reader_sees_last_commit_while_a_writer_is_half_way(tmp_path, store):
    ctx = multiprocessing.get_context("spawn")
    started, release = ctx.Event(), ctx.Event()
    writer = ctx.Process(target=_slow_writer, args=(str(store.path), started, release))
    writer.start()
    try:
        assert started.wait(20)
        with Store(store.path, readonly=True) as reader:
            cands, ints, evs = reader.tables()
        assert "C9" not in set(cands["candidate_id"]) and "I9" not in set(ints["interview_id"])
        assert set(evs["interview_id"]) <= set(ints["interview_id"])
    finally:
        release.set()
        writer.join(20)
    assert writer.exitcode == 0
    with Store(store.path, readonly=True) as reader:
        assert reader.counts() == {"candidates": 4, "interviews": 4, "events": 6}


def _importer(db, files):
    Store(db).import_csv(*files)


def test_snapshots_stay_consistent_during_a_large_import(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    n = 20000
    write(folder, "candidates.csv", "candidate_id,name,email,cohort\n" +
          "".join(f"C{i},N{i},n{i}@example.org,c\n" for i in range(n)))
    write(folder, "interviews.csv", "interview_id,candidate_id,company,role,interviewer_name,"
          "interviewer_email,interview_date\n" +
          "".join(f"I{i},C{i},Co,R,Ivy,ivy@co.example,2026-06-01\n" for i in range(n)))
    write(folder, "events.csv", "event_id,interview_id,date,kind,channel\n" +
          "".join(f"E{i},I{i},2026-06-02,thank_you_sent,email\n" for i in range(n)))
    db = tmp_path / "s.db"
    Store(db).close()
    ctx = multiprocessing.get_context("spawn")
    writer = ctx.Process(target=_importer, args=(str(db), [str(p) for p in sorted(folder.iterdir())]))
    writer.start()
    seen = set()
    with Store(db, readonly=True) as reader:
        deadline = time.monotonic() + 60
        while writer.is_alive() and time.monotonic() < deadline:
            cands, ints, evs = reader.tables()
            sizes = (len(cands), len(ints), len(evs))
            assert sizes in {(0, 0, 0), (n, n, n)}, sizes
            seen.add(sizes)
    writer.join(60)
    assert writer.exitcode == 0
    assert Store(db, readonly=True).counts() == {"candidates": n, "interviews": n, "events": n}
    assert (0, 0, 0) in seen


def test_migrates_an_old_store_and_keeps_its_data(tmp_path):
    db = tmp_path / "old.db"
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(store_module.MIGRATIONS[0])
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C1', 'Ada', 'ada@example.org', 'c', NULL, NULL)")
    con.close()
    with Store(db) as s:
        assert s.schema_version == store_module.SCHEMA_VERSION
        names = {r[0] for r in s._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"interviews_by_candidate", "events_by_interview"} <= names
        assert s.candidates()["name"].tolist() == ["Ada"]


def test_a_version_2_store_gains_reply_sent_and_keeps_every_event(tmp_path):
    db = tmp_path / "v2.db"
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    for step in store_module.MIGRATIONS[:2]:
        con.executescript(step)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(1,), (2,)])
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C1', 'Ada', 'ada@example.org', 'c', 'GB', NULL)")
    con.execute("INSERT INTO interviews VALUES ('I1', 'C1', 'Acme', 'Clerk', 'Bo Li', 'bo@acme.example', "
                "'2026-06-01', '2026-06-15')")
    old_kinds = ["thank_you_sent", "follow_up_sent", "employer_response", "offer", "rejection", "withdrawn"]
    con.executemany("INSERT INTO events VALUES (?, 'I1', '2026-06-02', ?, 'email', 1, 'n')",
                    [(f"E{i}", kind) for i, kind in enumerate(old_kinds)])
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO events VALUES ('E9', 'I1', '2026-06-03', 'reply_sent', 'email', 1, NULL)")
    con.close()
    with Store(db) as s:
        assert s.schema_version == store_module.SCHEMA_VERSION
        assert sorted(s.events()["kind"]) == sorted(old_kinds)
        s.add_events([{"event_id": "E9", "interview_id": "I1", "date": "2026-06-03",
                       "kind": "reply_sent", "channel": "email"}])
        assert "reply_sent" in set(s.events()["kind"])
        names = {r[0] for r in s._db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "events_by_interview" in names
        assert s._db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert s._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_refuses_a_store_from_a_newer_version(tmp_path):
    db = tmp_path / "new.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_version VALUES (99)")
    con.commit()
    con.close()
    with pytest.raises(FollowupKitError, match="newer followup_kit"):
        Store(db)


def test_not_a_store(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not a database " * 100)
    with pytest.raises(FollowupKitError, match="not a followup_kit store"):
        Store(bad)


def test_readonly_cannot_write(store):
    with Store(store.path, readonly=True) as reader, pytest.raises(FollowupKitError, match="read-only"):
        reader.add_candidates(pd.DataFrame({"candidate_id": ["Z"], "name": ["Z"],
                                            "email": ["z@example.org"], "cohort": ["c"]}))


@pytest.mark.parametrize("name", ["coach#1.db", "coach?mode=rwc.db", "100%.db", "a%41.db", "my store.db",
                                  "odd #?% name.db"])
def test_a_readonly_store_opens_its_own_file_whatever_its_name(tmp_path, csv_files, name):
    folder = tmp_path / "with # and ? and % in it"
    folder.mkdir()
    with Store(folder / name) as store:
        store.import_csv(*csv_files)
    # The file a URI without percent-encoding would name: '%41' is 'A'.
    decoy = folder / name.replace("%41", "A")
    if decoy.name != name:
        with Store(decoy) as other:
            other.add_candidate(candidate_id="X1", name="Decoy", email="x@example.org", cohort="c")
    listing = sorted(p.name for p in folder.iterdir())
    with Store(folder / name, readonly=True) as reader:
        assert reader.candidates()["candidate_id"].tolist() == ["C1", "C2", "C3"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader._db.execute("DELETE FROM events")
        with reader.snapshot():
            # The second reader (the bulk path's other thread) opens the same file, read-only too.
            helper = reader._second_reader()
            assert helper is not None
            assert helper.execute("SELECT count(*) FROM candidates").fetchone()[0] == 3
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                helper.execute("DELETE FROM events")
    # Nothing but the store's own WAL files was made: no file opened by a garbled name.
    assert set(p.name for p in folder.iterdir()) - set(listing) <= {f"{name}-wal", f"{name}-shm"}


def _read_csv_text(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_export_round_trips_exactly(tmp_path, store, csv_files):
    first = tmp_path / "first"
    store.export_csv(first)
    rows = _read_csv_text(first / "events.csv")
    notes = {r[0]: r[6] for r in rows[1:]}
    # Formulas are shown as text by a spreadsheet; everything else is as written.
    assert notes["E2"] == "'=HYPERLINK(\"http://x\")"
    assert notes["E5"] == "'+1 for the portfolio"
    assert notes["E4"] == 'said "keep going"'
    assert notes["E1"] == "Thanked Ann, mentioned SQL"
    assert rows[1][2] == "2026-05-09T08:00:00+03:00"
    assert _read_csv_text(first / "candidates.csv")[1][1] == "Zoë Ngũgĩ"
    for name in ("candidates", "interviews"):
        original = _read_csv_text(csv_files[0].parent / f"{name}.csv")
        if name == "interviews":
            # The file leaves out the optional round and application_id; the export writes them blank.
            original = [original[0] + ["round", "application_id"]] + [row + ["", ""] for row in original[1:]]
        else:
            # The file leaves out the optional coach; the export writes it blank.
            original = [original[0] + ["coach"]] + [row + [""] for row in original[1:]]
        assert _read_csv_text(first / f"{name}.csv") == original

    again = Store(tmp_path / "again.db")
    again.import_csv(*sorted(first.glob("*.csv")))
    for a, b in zip(store.tables(), again.tables(), strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert again.events().set_index("event_id").loc["E2", "note"] == '=HYPERLINK("http://x")'
    second = tmp_path / "second"
    again.export_csv(second)
    for name in ("candidates", "interviews", "events"):
        assert (first / f"{name}.csv").read_bytes() == (second / f"{name}.csv").read_bytes()


def test_rows_go_in_chunk_by_chunk_and_all_arrive(tmp_path, csv_files, monkeypatch):
    monkeypatch.setattr(bulk_writes, "INSERT_CHUNK", 2)
    with Store(tmp_path / "s.db") as s:
        assert s.import_csv(*csv_files) == {"candidates": 3, "interviews": 3, "events": 5}
        assert s.events()["event_id"].tolist() == ["E1", "E2", "E3", "E4", "E5"]
        assert s.events()["to_interviewer"].tolist()[:3] == [True, False, pd.NA]


def test_events_added_as_dicts_keep_to_interviewer_whether_text_or_bool(tmp_path, csv_files):
    with Store(tmp_path / "s.db") as s:
        s.import_csv(*csv_files)
        s.add_events([
            {"event_id": "E7", "interview_id": "I3", "date": "2026-05-20", "kind": "follow_up_sent",
             "channel": "email", "to_interviewer": "false"},
            {"event_id": "E8", "interview_id": "I3", "date": "2026-05-27", "kind": "follow_up_sent",
             "channel": "email", "to_interviewer": True},
        ])
        got = s.events().set_index("event_id")["to_interviewer"]
        assert (got["E7"], got["E8"]) == (False, True)
