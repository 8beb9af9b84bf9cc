"""Rounds and applications in the data layer: the columns, the kind, their checks, the store, export."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

import followup_kit.data.store as store_module
from conftest import CANDIDATES, file_hash, store_rows, write
from followup_kit.cli import main
from followup_kit.data import schema
from followup_kit.data.parquet import read_parquet, write_parquet
from followup_kit.data.rounds import number_rounds
from followup_kit.data.store import Store
from followup_kit.errors import ValidationError

HEADER = ("interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date,"
          "promised_decision_date,round,application_id\n")
KORA = "Kora Bank,Graduate analyst,Harriet Lowe,harriet@kora.example"


def interviews_csv(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)


@pytest.fixture
def kora(tmp_path):
    """A store with C1's first round at Kora Bank (K1, 1 April, round 1) and its invitation to a second."""
    folder = tmp_path / "in"
    folder.mkdir()
    files = [write(folder, "candidates.csv", CANDIDATES),
             write(folder, "interviews.csv", interviews_csv(f"K1,C1,{KORA},2026-04-01,,1,")),
             write(folder, "events.csv", "event_id,interview_id,date,kind,channel\n"
                   "E1,K1,2026-04-10,next_round,email\n")]
    db = tmp_path / "kora.db"
    with Store(db) as store:
        store.import_csv(*files)
    return db


def test_rounds_and_application_ids_are_stored_as_given(tmp_path, kora):
    more = write(tmp_path, "more.csv", interviews_csv(f"K2,C1,{KORA},2026-04-20,,,", f"M1,C2,{KORA},2026-04-03,,,APP-7",
                                                      f"M2,C2,{KORA},2026-04-23,,02,APP-7"))
    with Store(kora) as store:
        store.import_csv(more)
        iv = store.interviews()
        cands, ints, evs = store.tables()
    assert iv["round"].dtype == "Int64" and ints["round"].dtype == "Int64"
    assert iv["round"].astype("object").where(iv["round"].notna(), None).tolist() == [1, None, None, 2]
    assert iv["application_id"].dtype == "str"
    assert iv["application_id"].isna().tolist() == [True, True, False, False]
    assert evs["kind"].tolist() == ["next_round"]
    resolved = number_rounds(iv)
    assert resolved[["application_id", "round"]].values.tolist() == [["K1", 1], ["K1", 2], ["APP-7", 1],
                                                                      ["APP-7", 2]]


def test_a_file_without_the_columns_imports_as_before_and_reads_them_blank(tmp_path, csv_files):
    with Store(tmp_path / "s.db") as store:
        store.import_csv(*csv_files)
        iv = store.interviews()
    assert iv["round"].isna().all() and iv["application_id"].isna().all()
    assert number_rounds(iv)["round"].tolist() == [1, 1, 1]


@pytest.mark.parametrize(("cell", "message"), [
    ("0", "round 0 cannot be: round must be a whole number, 1 or more"),
    ("-1", "'-1' is not a whole number: round must be a whole number, 1 or more"),
    ("2.5", "'2.5' is not a whole number"),
    ("two", "'two' is not a whole number"),
    ("12345678", "round 12345678 is too large"),
])
def test_a_round_that_is_not_a_whole_number_from_1_is_one_line_and_nothing_is_imported(tmp_path, kora, cell,
                                                                                       message):
    bad = write(tmp_path, "interviews.csv", interviews_csv(f"K2,C1,{KORA},2026-04-20,,{cell},"))
    before = store_rows(kora)
    with Store(kora) as store, pytest.raises(ValidationError) as caught:
        store.import_csv(bad)
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [("interviews.csv", 2, "round")]
    assert message in str(caught.value)
    assert store_rows(kora) == before


@pytest.mark.parametrize(("files", "where", "message"), [
    ({"interviews.csv": [f"K3,C1,{KORA},2026-04-30,,3,"]},
     ("interviews.csv", 2, "round"), "application K1 has round 3 but no round 2"),
    ({"interviews.csv": [f"K2,C1,{KORA},2026-04-20,,1,"]},
     ("interviews.csv", 2, "round"), "application K1 has round 1 twice (K1 in the store and K2)"),
    ({"interviews.csv": [f"K2,C1,{KORA},2026-04-09,,2,"]},
     ("interviews.csv", 2, "interview_date"),
     "round 2 (K2) is dated 2026-04-09, before the invitation to it after K1 on 2026-04-10"),
    ({"interviews.csv": ["L1,C1,Loop,Analyst,Bo Li,bo@loop.example,2026-04-20,,1,",
                         "L2,C1,Loop,Analyst,Bo Li,bo@loop.example,2026-04-05,,2,"]},
     ("interviews.csv", 3, "interview_date"),
     "round 2 of application L1 (L2) is dated 2026-04-05, before round 1 on 2026-04-20"),
    ({"interviews.csv": ["X1,C2,Loop,Analyst,Bo Li,bo@loop.example,2026-04-20,,,K1"]},
     ("interviews.csv", 2, "application_id"), "application K1 belongs to C1 and C2"),
    ({"interviews.csv": [f"K2,C1,{KORA},2026-04-20,,,"],
      "events.csv": ["event_id,interview_id,date,kind,channel", "E2,K2,2026-04-21,thank_you_sent,email",
                     "E3,K1,2026-04-25,next_round,email"]},
     ("events.csv", 3, "date"), "the invitation after K1 is dated 2026-04-25, after round 2 was held on 2026-04-20"),
])
def test_an_application_that_cannot_be_is_refused_with_its_file_row_and_column(tmp_path, kora, files, where,
                                                                              message):
    paths = []
    for name, lines in files.items():
        text = interviews_csv(*lines) if name == "interviews.csv" else "\n".join(lines) + "\n"
        paths.append(write(tmp_path, name, text))
    before, hashed = store_rows(kora), file_hash(kora)
    with Store(kora) as store, pytest.raises(ValidationError) as caught:
        store.import_csv(*paths)
    assert [(p.file, p.row, p.column) for p in caught.value.problems] == [where]
    assert message in str(caught.value)
    assert store_rows(kora) == before and file_hash(kora) == hashed


def test_the_cli_import_says_one_line_and_that_nothing_was_imported(tmp_path, kora, capsys):
    bad = write(tmp_path, "interviews.csv", interviews_csv(f"K2,C1,{KORA},2026-04-20,,1,"))
    before = store_rows(kora)
    assert main(["import", "--db", str(kora), str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "interviews.csv:2:round: application K1 has round 1 twice (K1 in the store and K2)"
    assert "Nothing was imported" in err[1] and len(err) == 2
    assert store_rows(kora) == before


def test_everyday_writes_check_the_application_and_write_nothing_when_it_cannot_be(kora):
    with Store(kora) as store:
        before = store_rows(kora)
        kw = dict(candidate_id="C1", company="Kora Bank", role="Graduate analyst", interviewer_name="Harriet Lowe",
                  interviewer_email="harriet@kora.example")
        with pytest.raises(ValidationError, match="round 1 twice"):
            store.add_interview(**kw, interview_date="2026-04-20", round=1)
        with pytest.raises(ValidationError, match="belongs to C1 and C2"):
            store.add_interview(**{**kw, "candidate_id": "C2"}, interview_date="2026-04-20", application_id="K1")
        assert store_rows(kora) == before
        second = store.add_interview(**kw, interview_date="2026-04-20", round=2)
        with pytest.raises(ValidationError, match="after round 2 was held"):
            store.log_event(interview_id="K1", kind="next_round", date="2026-04-22")
        with pytest.raises(ValidationError, match="round 3 but no round 2"):
            store.correct_interview(second, round=3)
        store.correct_interview(second, round="")  # blank: numbered by date, round 2 all the same
    with Store(kora) as store:
        assert store.interviews(interview_id=second)["round"].isna().all()


def test_the_cli_logs_an_invitation_and_edits_a_round(kora, capsys):
    with Store(kora) as store:
        second = store.add_interview(candidate_id="C1", company="Kora Bank", role="Graduate analyst",
                                     interviewer_name="Harriet Lowe", interviewer_email="harriet@kora.example",
                                     interview_date="2026-04-20")
    assert main(["log", "--db", str(kora), "--interview", second, "--kind", "next_round", "--date", "2026-04-24",
                 "--today", "2026-04-24"]) == 0
    assert "logged" in capsys.readouterr().out
    # K1, the only other interview for the company and role, has no id: it joins the one given.
    assert main(["edit", "--db", str(kora), "--interview", second, "--round", "2", "--application-id", "KORA",
                 "--today", "2026-04-24"]) == 0
    assert "corrected" in capsys.readouterr().out
    assert main(["edit", "--db", str(kora), "--interview", second, "--round", "3", "--today", "2026-04-24"]) == 2
    assert "--round: application KORA has round 3 but no round 2" in capsys.readouterr().err
    with Store(kora) as store:
        iv = store.interviews()
        assert iv["round"].tolist() == [1, 2] and iv["application_id"].tolist()[1] == "KORA"
        assert number_rounds(iv)["application_id"].tolist() == ["KORA", "KORA"]
        assert store.events()["kind"].tolist() == ["next_round", "next_round"]


def _version_5_store(path):
    con = sqlite3.connect(path, isolation_level=None)
    for step in store_module.MIGRATIONS[:5]:
        con.executescript(step)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(v,) for v in range(1, 6)])
    con.execute("INSERT INTO candidates (candidate_id, name, email, cohort, country, timezone) VALUES ('C1', 'Ada', 'ada@example.org', 'c', 'GB', NULL)")
    con.executemany("INSERT INTO interviews VALUES (?, 'C1', 'Acme', 'Clerk', 'Bo Li', 'bo@acme.example', ?, NULL)",
                    [("I1", "2026-06-01"), ("I2", "2026-06-20")])
    kinds = ["thank_you_sent", "follow_up_sent", "reply_sent", "employer_response", "offer", "rejection", "withdrawn"]
    # Rowids out of the ids' order, and a gap, as deletions and other programs leave them.
    con.executemany("INSERT INTO events (rowid, event_id, interview_id, date, kind, channel, to_interviewer, note) "
                    "VALUES (?, ?, 'I1', '2026-06-02', ?, 'email', 1, 'n')",
                    [(10 - i * 2, f"E{i}", kind) for i, kind in enumerate(kinds[:4])]
                    + [(20 + i, f"F{i}", kind) for i, kind in enumerate(kinds[4:])])
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO events VALUES ('E9', 'I1', '2026-06-03', 'next_round', 'email', 1, NULL)")
    con.execute("UPDATE data_state SET writes = 3, " + ", ".join(
        f"{name}_top = (SELECT max(rowid) FROM {name})" for name in schema.ORDER))
    con.close()


def test_a_version_5_store_is_migrated_keeping_every_row_its_rowid_and_its_meaning(tmp_path):
    db = tmp_path / "v5.db"
    _version_5_store(db)
    con = sqlite3.connect(db)
    events_before = con.execute("SELECT rowid, * FROM events ORDER BY rowid").fetchall()
    interviews_before = con.execute("SELECT rowid, * FROM interviews ORDER BY rowid").fetchall()
    con.close()
    with Store(db) as store:
        state = store.data_state()
        assert store.schema_version == store_module.SCHEMA_VERSION
        assert store._db.execute("SELECT rowid, * FROM events ORDER BY rowid").fetchall() == events_before
        assert store._db.execute("SELECT rowid, * FROM interviews ORDER BY rowid").fetchall() == [
            (*row, 1, row[1]) for row in interviews_before]
        names = {r[0] for r in store._db.execute("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')")}
        assert {"events_by_interview", "interviews_by_candidate", "events_updated", "events_deleted"} <= names
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        iv = store.interviews()
        # Each interview stays an application of its own, as before, though two are for one role
        # at one company: a later blank round would have made them one.
        assert iv["round"].tolist() == [1] * len(iv)
        assert iv["application_id"].tolist() == iv["interview_id"].tolist()
        assert number_rounds(iv)["round"].tolist() == [1] * len(iv)
        store.log_event(interview_id="I1", kind="next_round", date="2026-06-10")
        assert store.changed_candidates(state).tolist() == ["C1"]
        store.delete_event("E0")
        assert store.events()["event_id"].tolist() == ["E3", "E2", "E1", "F0", "F1", "F2", "E00000001"]


def test_export_and_parquet_carry_rounds_and_anonymise_application_ids(tmp_path, kora):
    more = write(tmp_path, "more.csv", interviews_csv(f"K2,C1,{KORA},2026-04-20,,2,KORA grad scheme (Harriet)",
                                                      f"K3,C1,{KORA},2026-05-02,,,"))
    with Store(kora) as store:
        store.import_csv(more)
        tables = store.tables()
        out = tmp_path / "csv"
        store.export_csv(out)
        hidden = tmp_path / "anonymous"
        store.export_csv(hidden, pseudonym_key="not a real secret")
    exported = pd.read_csv(out / "interviews.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    assert exported[["round", "application_id"]].values.tolist() == [["1", ""], ["2", "KORA grad scheme (Harriet)"],
                                                                    ["", ""]]
    again = tmp_path / "again.db"
    with Store(again) as store:
        store.import_csv(*sorted(out.glob("*.csv")))
        for ours, theirs in zip(store.tables(), tables, strict=True):
            pd.testing.assert_frame_equal(ours, theirs)
    anonymous = pd.read_csv(hidden / "interviews.csv", dtype="str", keep_default_na=False, encoding="utf-8-sig")
    tag = anonymous["application_id"].tolist()
    assert tag[0] == tag[2] == "" and tag[1].startswith("application-") and "Harriet" not in tag[1]
    assert anonymous["round"].tolist() == ["1", "2", ""]
    with Store(tmp_path / "anon.db") as store:
        store.import_csv(*sorted(hidden.glob("*.csv")))
        assert number_rounds(store.interviews())["round"].tolist() == [1, 2, 3]
    write_parquet(tmp_path / "pq", tables)
    for ours, theirs in zip(read_parquet(tmp_path / "pq"), tables, strict=True):
        pd.testing.assert_frame_equal(ours, theirs)


def test_a_parquet_dataset_with_an_application_that_cannot_be_names_its_file(tmp_path, kora):
    with Store(kora) as store:
        candidates, interviews, events = store.tables()
    twice = pd.concat([interviews, interviews.assign(interview_id="K2")], ignore_index=True)
    write_parquet(tmp_path / "pq", (candidates, twice, events), parts=1)
    with pytest.raises(ValidationError) as caught:
        read_parquet(tmp_path / "pq")
    assert str(caught.value) == ("interviews/part-00000.parquet:3:round: application K1 has round 1 twice "
                                 "(K1 on row 2 and K2)")
