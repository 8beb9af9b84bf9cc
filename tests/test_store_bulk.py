"""The store's bulk paths: joined-column reads, set-wise checked writes, the data-state token."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from conftest import file_hash
from followup_kit import FollowupKitError, Store, ValidationError
from followup_kit.data import schema
from followup_kit.data import store as store_module
from followup_kit.data.sample import generate, write_frames
from followup_kit.data.store import bulk_reads, bulk_writes, changes

FILES = [f"{name}.csv" for name in schema.ORDER]


@pytest.fixture
def sample_files(tmp_path):
    folder = tmp_path / "sample"
    write_frames(folder, generate(40, seed=3))
    return [folder / name for name in FILES]


@pytest.fixture
def sample_store(tmp_path, sample_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*sample_files)
        yield store


def read_row_by_row(store: Store, table: str) -> pd.DataFrame:
    """A table read the plain way: every row fetched as a tuple, then typed."""
    t = schema.TABLES[table]
    exprs = [f"CASE {c.name} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE '' END" if c.kind == "bool"
             else f"coalesce({c.name}, '')" for c in t.columns]
    rows = store._db.execute(f"SELECT {', '.join(exprs)} FROM {table} ORDER BY rowid").fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in t.names]
    text = pd.DataFrame({name: pd.Series(col, dtype="str") for name, col in zip(t.names, columns, strict=True)})
    return schema.typed(t, text)


def assert_reads_match(store: Store) -> None:
    for frame, name in zip(store.tables(), schema.ORDER, strict=True):
        expected = read_row_by_row(store, name)
        pd.testing.assert_frame_equal(frame, expected)
        assert frame.dtypes.to_dict() == schema.empty(name).dtypes.to_dict()


@pytest.mark.parametrize("chunk", [7, 1000])
def test_joined_reads_equal_row_by_row_reads(sample_store, monkeypatch, chunk):
    # Small ranges: many queries, split between two readers; large: one query per table.
    monkeypatch.setattr(bulk_reads, "READ_CHUNK", chunk)
    assert_reads_match(sample_store)


def test_reads_with_gaps_nulls_and_odd_text(sample_store, monkeypatch):
    monkeypatch.setattr(bulk_reads, "READ_CHUNK", 5)
    db = sample_store._db
    db.execute("DELETE FROM events WHERE rowid % 3 = 0")
    db.execute("UPDATE events SET note = 'one\x1ftwo, Zoë ✓ 𝄞' WHERE rowid = 4")
    db.execute("UPDATE events SET note = '' WHERE rowid = 5")
    db.execute("UPDATE candidates SET country = NULL, timezone = NULL WHERE rowid = 2")
    assert_reads_match(sample_store)
    notes = sample_store.events().set_index("event_id")["note"]
    assert "one\x1ftwo, Zoë ✓ 𝄞" in set(notes.dropna())


def test_a_value_too_long_for_its_length_is_read_row_by_row(sample_store, monkeypatch):
    monkeypatch.setattr(bulk_reads, "READ_CHUNK", 20)
    long_note = "x" * 0x110000 + "é"
    sample_store._db.execute("UPDATE events SET note = ? WHERE rowid = 7", (long_note,))
    slow = []
    real = Store._rows

    def rows(self, sql, params, width):
        slow.append(params["lo"])
        return real(self, sql, params, width)

    monkeypatch.setattr(Store, "_rows", rows)
    assert sample_store.events()["note"].iloc[6] == long_note
    assert slow == [1]
    assert_reads_match(sample_store)


def test_one_reader_in_memory_gives_the_same_frames(sample_files, monkeypatch):
    monkeypatch.setattr(bulk_reads, "READ_CHUNK", 11)
    with Store(":memory:") as store:
        store.import_csv(*sample_files)
        with store.snapshot():
            assert store._second_reader() is None
        assert_reads_match(store)


def test_second_reader_refuses_a_snapshot_that_moved(sample_store, tmp_path):
    with sample_store.snapshot():
        sample_store.data_state()
        with Store(sample_store.path) as writer:
            writer._db.execute("UPDATE candidates SET name = 'Moved' WHERE rowid = 1")
        assert sample_store._second_reader() is None
        assert sample_store.candidates()["name"].iloc[0] != "Moved"


def test_filtered_reads_equal_the_rows_of_the_whole(sample_store):
    c, i, e = sample_store.tables()
    some = list(c["candidate_id"].iloc[[1, 5, 9]])
    sc, si, se = sample_store.tables(some)
    pd.testing.assert_frame_equal(sc, c[c["candidate_id"].isin(some)].reset_index(drop=True))
    pd.testing.assert_frame_equal(si, i[i["candidate_id"].isin(some)].reset_index(drop=True))
    keep = e["interview_id"].isin(si["interview_id"])
    pd.testing.assert_frame_equal(se, e[keep].reset_index(drop=True))
    one = sample_store.interviews(candidate_id=some[0])
    pd.testing.assert_frame_equal(one, i[i["candidate_id"] == some[0]].reset_index(drop=True))


def test_a_write_checks_foreign_keys_after_inserting_and_rolls_back(tmp_path, csv_files, monkeypatch):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.import_csv(*csv_files[:2])
        store._db.execute("DELETE FROM interviews WHERE interview_id = 'I3'")
    before = file_hash(db)
    # The checks saw I3 (another program deleted it after they ran): the write must notice.
    real_known = Store.known

    def stale_known(self):
        known = real_known(self)
        known.interview_ids = pd.concat([known.interview_ids, pd.Series(["I3"], dtype="str")])
        dates = pd.Series([pd.Timestamp("2026-05-11")], index=["I3"]).astype("datetime64[us]")
        known.interview_dates = pd.concat([known.interview_dates, dates])
        return known

    monkeypatch.setattr(Store, "known", stale_known)
    with Store(db) as store:
        with pytest.raises(FollowupKitError, match=r"event 'E5' could not be written: its interview is "
                                                   r"no longer in the store.*run the same command again"):
            store.import_csv(csv_files[2])
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store._db.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    assert file_hash(db) == before


def test_a_write_checks_choices_after_inserting(tmp_path, csv_files):
    db = tmp_path / "s.db"
    Store(db).close()
    before = file_hash(db)
    raw = schema.read_csv(csv_files[2])
    raw.frame.loc[3, "kind"] = "chased"
    with Store(db) as store:
        store._write([schema.read_csv(csv_files[0]), schema.read_csv(csv_files[1])], checked=True)
        after_first = file_hash(db)
        with pytest.raises(FollowupKitError, match=r"event 'E4' could not be written: kind is not one of"):
            store._write([raw], checked=True)
        assert file_hash(db) == after_first
        assert store.counts()["events"] == 0
    assert before != after_first


def test_a_large_failed_import_leaves_every_byte(tmp_path, monkeypatch):
    """Pages of an import stay in memory until COMMIT, so a failure writes nothing to the WAL."""
    folder = tmp_path / "big"
    write_frames(folder, generate(2000, seed=5))
    db = tmp_path / "s.db"
    Store(db).close()
    before = file_hash(db)
    real = Store._insert

    def insert_then_fail(self, table, text, bar=None):
        real(self, table, text, bar)
        if table.name == "events":
            raise OSError("disk full")

    monkeypatch.setattr(Store, "_insert", insert_then_fail)
    with Store(db) as store, pytest.raises(OSError):
        store.import_csv(*(folder / name for name in FILES))
    assert file_hash(db) == before


def test_migration_4_starts_the_state_from_the_rows_already_there(tmp_path):
    db = tmp_path / "v3.db"
    con = sqlite3.connect(db, isolation_level=None)
    for step in store_module.MIGRATIONS[:3]:
        con.executescript(step)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(1,), (2,), (3,)])
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C1', 'Ada', 'ada@example.org', 'c', NULL, NULL)")
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C2', 'Bo', 'bo@example.org', 'c', NULL, NULL)")
    con.close()
    with Store(db) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store.data_state() == "0.2.0.0"
        assert store.changed_candidates("0.2.0.0").tolist() == []
        triggers = {r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"events_deleted", "candidates_updated"} <= triggers


def test_every_kind_of_change_moves_the_state_and_names_its_candidate(sample_store):
    db = sample_store._db
    cands, ints, evs = sample_store.tables()
    who = ints.set_index("interview_id")["candidate_id"]
    seen = [sample_store.data_state()]

    def changed_since_last():
        state = sample_store.data_state()
        assert state not in seen
        names = sample_store.changed_candidates(seen[-1])
        seen.append(state)
        return None if names is None else sorted(names)

    sample_store.add_events(pd.DataFrame({
        "event_id": ["X1"], "interview_id": [ints["interview_id"].iloc[0]], "date": ["2026-11-01"],
        "kind": ["employer_response"], "channel": ["email"]}))
    assert changed_since_last() == [who.iloc[0]]
    db.execute("UPDATE interviews SET role = 'Analyst' WHERE interview_id = ?", (ints["interview_id"].iloc[4],))
    assert changed_since_last() == [who.iloc[4]]
    first_event = evs["interview_id"].iloc[2]
    db.execute("DELETE FROM events WHERE event_id = ?", (evs["event_id"].iloc[2],))
    assert changed_since_last() == [who[first_event]]
    db.execute("UPDATE candidates SET cohort = 'moved' WHERE candidate_id = ?", (cands["candidate_id"].iloc[7],))
    assert changed_since_last() == [cands["candidate_id"].iloc[7]]
    # Rows another program inserts move a rowid but cannot be traced: "everything changed".
    db.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('Z1', 'Zed', 'z@example.org', 'c', NULL, NULL)")
    assert changed_since_last() is None
    # The store's next write takes those rows in and traces its own again from then on.
    sample_store.add_candidates(pd.DataFrame({"candidate_id": ["Z2"], "name": ["Zoe"],
                                              "email": ["zoe@example.org"], "cohort": ["c"]}))
    assert changed_since_last() is None
    sample_store.add_candidates(pd.DataFrame({"candidate_id": ["Z3"], "name": ["Zia"],
                                              "email": ["zia@example.org"], "cohort": ["c"]}))
    assert changed_since_last() == ["Z3"]
    # A forgotten candidate leaves no id behind, so the store cannot say who changed.
    db.execute("DELETE FROM candidates WHERE candidate_id = ?", (cands["candidate_id"].iloc[3],))
    assert changed_since_last() is None
    assert db.execute("SELECT count(*) FROM changed_candidates WHERE candidate_id = ?",
                      (cands["candidate_id"].iloc[3],)).fetchone()[0] == 0
    # Deleting the newest event lets the next insert reuse its rowid: the store notices.
    top_event = db.execute("SELECT event_id, interview_id FROM events ORDER BY rowid DESC LIMIT 1").fetchone()
    db.execute("DELETE FROM events WHERE event_id = ?", (top_event[0],))
    changed_since_last()
    db.execute("INSERT INTO events (event_id, interview_id, date, kind, channel) "
               "VALUES ('X2', ?, '2026-10-31', 'offer', 'phone')", (top_event[1],))
    assert changed_since_last() is None
    assert sample_store.changed_candidates("not a token") is None


def test_a_large_write_says_everything_changed(sample_store, monkeypatch):
    monkeypatch.setattr(changes, "TRACE_LIMIT", 1)
    state = sample_store.data_state()
    sample_store.add_candidates(pd.DataFrame({"candidate_id": ["Z1", "Z2"], "name": ["A", "B"],
                                              "email": ["a@example.org", "b@example.org"], "cohort": ["c", "c"]}))
    assert sample_store.changed_candidates(state) is None


def test_count_tables_round_trip_and_leave_with_a_forgotten_candidate(sample_store):
    groups = pd.DataFrame({"cohort": pd.Categorical(["b", "a"], categories=["b", "a"]),
                           "interviews": [3, 0]})
    rows = pd.DataFrame({"candidate_id": pd.array(["C1", "C2"], dtype="str"),
                         "day": pd.to_datetime(["2026-01-02", "2026-01-03"]).astype("datetime64[us]")})
    state = sample_store.data_state()
    sample_store.save_counts("demo", {"groups": groups, "rows": rows}, key="k", state=state,
                             per_candidate=["rows"])
    assert sample_store.data_state() == state
    kept = sample_store.load_counts("demo")
    assert (kept.key, kept.state) == ("k", state)
    pd.testing.assert_frame_equal(kept.frames["groups"], groups)
    pd.testing.assert_frame_equal(kept.frames["rows"], rows)
    assert list(sample_store.load_counts("demo", ["groups"]).frames) == ["groups"]
    assert sample_store.load_counts("other") is None
    with Store(sample_store.path, readonly=True) as reader, pytest.raises(FollowupKitError, match="read-only"):
        reader.save_counts("demo", {"groups": groups}, key="k", state=state)
    sample_store._db.execute("DELETE FROM candidates WHERE rowid = 1")
    assert sample_store.load_counts("demo", ["groups", "rows"]) is None
    assert list(sample_store.load_counts("demo").frames) == ["groups"]


@pytest.mark.parametrize("fits", [True, False])
def test_rows_go_in_while_later_files_are_checked_unless_too_big(tmp_path, csv_dir, csv_files, monkeypatch, fits):
    (csv_dir / "events.csv").write_text("event_id,interview_id,date,kind,channel\n"
                                        "E1,I1,2026-05-09,chased,email\n", encoding="utf-8")
    if not fits:
        monkeypatch.setattr(bulk_writes, "WRITE_CACHE_KIB", 0)
    written = []
    real = Store._insert

    def insert(self, table, text, bar=None):
        written.append(table.name)
        return real(self, table, text, bar)

    monkeypatch.setattr(Store, "_insert", insert)
    db = tmp_path / "s.db"
    Store(db).close()
    before = file_hash(db)
    with Store(db) as store:
        with pytest.raises(ValidationError, match=r"events.csv:2:kind: unknown kind 'chased'"):
            store.import_csv(*csv_files)
        assert file_hash(db) == before
    assert written == (["candidates", "interviews", "events"] if fits else [])
