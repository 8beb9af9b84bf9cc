"""Proposals read from mail, kept in the store until a coach accepts or rejects them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from conftest import store_rows
from followup_kit.data import store as store_module
from followup_kit.data.store import PROPOSAL_COLUMNS, ProposalError, Store
from followup_kit.errors import FollowupKitError
from followup_kit.stats import cache

SCHEMA_STEPS = Path(__file__).parent / "data" / "schema_steps"
THANKS = "Thank you for taking the time to talk about the analyst role on Friday."


@pytest.fixture
def store(tmp_path, csv_files) -> Store:
    s = Store(tmp_path / "s.db")
    s.import_csv(*csv_files)
    yield s
    s.close()


def found(*rows: dict) -> pd.DataFrame:
    """Proposals as a scan hands them to the store: a thank-you to Ann of I1 unless a row says otherwise."""
    base = {"interview_id": "I1", "kind": "thank_you_sent", "date": "2026-05-08T18:42:10+03:00",
            "channel": "email", "to_interviewer": True, "evidence": THANKS}
    return pd.DataFrame([{**base, "message_id": f"<m{k}@mail.example>", **row} for k, row in enumerate(rows)],
                        columns=PROPOSAL_COLUMNS)


def test_proposals_are_kept_with_ids_of_their_own_and_listed_in_the_order_sent(store):
    ids = store.add_proposals("C1", found(
        {"date": "2026-05-09T09:00:00+03:00"},
        # Sent before the first though written in another zone: 05:30 in UTC is 08:30 in Nairobi.
        {"kind": "employer_response", "date": "2026-05-09T05:30:00+00:00", "to_interviewer": None,
         "evidence": "Thanks, we will be in touch next week."}))
    store.add_proposals("C2", found({"interview_id": "I2", "message_id": "<beta@mail.example>"}))
    assert ids == ["M0000001", "M0000002"]
    mine = store.proposals("C1")
    assert list(mine.columns) == ["proposal_id", "candidate_id", *PROPOSAL_COLUMNS]
    assert mine.dtypes.astype("str").tolist() == ["str"] * 6 + ["boolean", "str", "str"]
    assert mine["proposal_id"].tolist() == ["M0000002", "M0000001"]
    assert mine["date"].tolist() == ["2026-05-09T05:30:00+00:00", "2026-05-09T09:00:00+03:00"]
    assert mine["to_interviewer"].tolist() == [pd.NA, True]
    assert store.proposals()["candidate_id"].tolist() == ["C2", "C1", "C1"]
    assert store.mail_message_ids("C1") == {"<m0@mail.example>", "<m1@mail.example>"}
    assert store.mail_message_ids("C3") == set()


def test_keeping_proposals_leaves_the_data_state_and_the_cached_counts_as_they_were(store):
    cache.cohort_counts(store, "2026-06-01")
    state = store.data_state()
    store.add_proposals("C1", found({}))
    store.reject_proposals(["M0000001"])
    assert store.data_state() == state
    assert cache.cohort_counts(store, "2026-06-01", build=False).current


def test_accepting_writes_the_event_as_log_does_with_the_messages_own_time(store):
    [pid] = store.add_proposals("C1", found({"date": "2026-05-08T18:42:10+03:00"}))
    state = store.data_state()
    [event_id] = store.accept_proposals([pid])
    assert event_id == "E00000001"
    event = store.events("C1").set_index("event_id").loc[event_id]
    assert event["date"] == pd.Timestamp("2026-05-08")
    assert event["sent_at"] == pd.Timestamp("2026-05-08T15:42:10", tz="UTC")
    assert (event["kind"], event["channel"], event["to_interviewer"]) == ("thank_you_sent", "email", True)
    assert pd.isna(event["note"])
    # The proposal is gone; only its message id is kept, with the decision and the event.
    assert store.proposals().empty
    decisions = store._db.execute("SELECT * FROM mail_decisions").fetchall()
    assert decisions == [("C1", "<m0@mail.example>", "accepted", event_id,
                          pd.Timestamp.today().date().isoformat(), pid)]
    assert store.mail_message_ids("C1") == {"<m0@mail.example>"}
    # Written like any other event: the candidate's rows changed.
    assert store.changed_candidates(state).tolist() == ["C1"]


def test_rejecting_writes_no_event_and_keeps_the_message_id(store):
    ids = store.add_proposals("C1", found({}, {}))
    assert store.reject_proposals(ids) == 2
    assert store.counts()["events"] == 5 and store.proposals().empty
    assert store._db.execute("SELECT decision, event_id FROM mail_decisions").fetchall() == [
        ("rejected", None), ("rejected", None)]
    assert store.mail_message_ids("C1") == {"<m0@mail.example>", "<m1@mail.example>"}


def test_a_message_once_proposed_or_decided_is_never_kept_again(store):
    store.add_proposals("C1", found({"message_id": "<pending@x>"}, {"message_id": "<taken@x>"},
                                    {"message_id": "<dropped@x>"}))
    store.accept_proposals(["M0000002"])
    store.reject_proposals(["M0000003"])
    before = store_rows(Path(store.path))
    for message_id in ("<pending@x>", "<taken@x>", "<dropped@x>"):
        with pytest.raises(FollowupKitError, match=f"message '{message_id}' was already proposed to C1"):
            store.add_proposals("C1", found({"message_id": "<new@x>"}, {"message_id": message_id}))
    assert store_rows(Path(store.path)) == before
    # Another candidate's mailbox may hold the same message: theirs to decide.
    assert store.add_proposals("C2", found({"interview_id": "I2", "message_id": "<taken@x>"})) == ["M0000004"]


def test_a_proposal_number_is_never_given_again(store):
    store.add_proposals("C1", found({}, {}))
    store.accept_proposals(["M0000002"])
    store.reject_proposals(["M0000001"])
    assert store.add_proposals("C1", found({"message_id": "<later@x>"})) == ["M0000003"]
    store.forget("C1")
    assert store.add_proposals("C2", found({"interview_id": "I2"})) == ["M0000004"]


def test_accepting_is_all_or_nothing_and_a_refused_event_names_its_proposal(store):
    ids = store.add_proposals("C1", found({}, {"date": "2026-05-07T23:00:00+03:00"}, {}))
    before = store_rows(Path(store.path))
    with pytest.raises(ProposalError) as caught:
        store.accept_proposals(ids)
    assert str(caught.value) == ("proposal 'M0000002': date: the event is dated before its interview "
                                 "(2026-05-08); nothing was accepted")
    assert (caught.value.proposal_id, caught.value.field) == ("M0000002", "date")
    assert store_rows(Path(store.path)) == before
    assert store.proposals()["proposal_id"].tolist() == ids[1:2] + ids[0:1] + ids[2:]


def test_the_coach_may_change_a_kind_before_accepting(store):
    ids = store.add_proposals("C1", found({}, {"kind": "follow_up_sent"}))
    events = store.accept_proposals(ids, kinds={"M0000002": "reply_sent"})
    written = store.events("C1").set_index("event_id").loc[events, "kind"].tolist()
    assert written == ["thank_you_sent", "reply_sent"]


@pytest.mark.parametrize(("kinds", "says", "field"), [
    ({"M0000001": "chased"}, "proposal 'M0000001': kind: unknown kind 'chased' (allowed: thank_you_sent, ",
     "kind"),
    ({"M0000009": "offer"}, "a kind is given for proposal 'M0000009', which is not among those accepted",
     "kind"),
])
def test_a_kind_that_cannot_be_is_refused_naming_the_field(store, kinds, says, field):
    store.add_proposals("C1", found({}))
    before = store_rows(Path(store.path))
    with pytest.raises(ProposalError, match="^" + says.replace("(", r"\(").replace(")", r"\)")) as caught:
        store.accept_proposals(["M0000001"], kinds=kinds)
    assert caught.value.field == field
    assert store_rows(Path(store.path)) == before


@pytest.mark.parametrize("decide", ["accept_proposals", "reject_proposals"])
def test_an_unknown_or_decided_proposal_is_named_and_nothing_is_written(store, decide):
    store.add_proposals("C1", found({}, {}))
    store.reject_proposals(["M0000002"])
    before = store_rows(Path(store.path))
    with pytest.raises(ProposalError, match="^no proposal 'M0000077' is waiting in ") as caught:
        getattr(store, decide)(["M0000001", "M0000077"])
    assert (caught.value.proposal_id, caught.value.field) == ("M0000077", None)
    today = pd.Timestamp.today().date().isoformat()
    with pytest.raises(ProposalError, match=f"^proposal 'M0000002' was already rejected on {today}"):
        getattr(store, decide)(["M0000001", "M0000002"])
    with pytest.raises(FollowupKitError, match="no proposal given"):
        getattr(store, decide)([])
    assert store_rows(Path(store.path)) == before


@pytest.mark.parametrize(("rows", "says"), [
    ([{"interview_id": "I2"}], "proposal 1 of 1: interview_id: 'I2' is not one of C1's interviews"),
    ([{}, {"kind": "ghosted"}], "proposal 2 of 2: kind: unknown kind 'ghosted'"),
    ([{"date": "2026-05-08"}], "proposal 1 of 1: date: '2026-05-08' is not a timestamp with its UTC offset"),
    ([{"date": "2026-05-08T10:00:00"}], "proposal 1 of 1: date: '2026-05-08T10:00:00' is not a timestamp with its UTC offset"),
    ([{"message_id": "<a@x>"}, {"message_id": "<a@x>"}], "proposal 2 of 2: message_id: message '<a@x>' is "
                                                          "proposed twice"),
    ([{"message_id": " "}], "proposal 1 of 1: message_id: a message id is needed"),
    ([{"evidence": "x" * 301}], "proposal 1 of 1: evidence: 301 characters; at most 300 are kept"),
    ([{"channel": "pigeon"}], "proposal 1 of 1: channel: unknown channel 'pigeon'"),
])
def test_a_proposal_the_store_cannot_keep_is_named_and_none_is_kept(store, rows, says):
    before = store_rows(Path(store.path))
    with pytest.raises(FollowupKitError, match="^" + says.replace("(", r"\(").replace(")", r"\)")):
        store.add_proposals("C1", found(*rows))
    assert store_rows(Path(store.path)) == before


def test_proposals_for_a_candidate_not_in_the_store_or_without_columns_are_refused(store):
    with pytest.raises(FollowupKitError, match="^no candidate 'C9' in "):
        store.add_proposals("C9", found({}))
    with pytest.raises(FollowupKitError, match="missing: evidence"):
        store.add_proposals("C1", found({}).drop(columns="evidence"))
    assert store.add_proposals("C1", found().iloc[:0]) == []
    assert store.proposals().empty


def test_a_read_only_store_keeps_no_proposal(store, tmp_path):
    with Store(store.path, readonly=True) as reader, pytest.raises(FollowupKitError, match="opened read-only"):
        reader.add_proposals("C1", found({}))


def test_a_decided_proposals_evidence_is_gone_from_the_file(tmp_path, csv_files):
    db = tmp_path / "s.db"
    with Store(db) as store:
        store.import_csv(*csv_files)
        store.add_proposals("C1", found({"evidence": "A sentence nobody else wrote, about the Kiwi panel."},
                                        {"evidence": "Another sentence nobody else wrote, about the offer."}))
    assert b"nobody else wrote, about the Kiwi" in db.read_bytes()
    with Store(db) as store:
        store.accept_proposals(["M0000001"])
        store.reject_proposals(["M0000002"])
    # The last connection closed folds the WAL into the file: what is left is the file alone.
    assert not Path(f"{db}-wal").exists()
    assert b"nobody else wrote" not in db.read_bytes()
    assert b"<m0@mail.example>" in db.read_bytes()


def version_7_store(db: Path, csv_files: list[Path]) -> None:
    """A store as followup_kit left it at schema version 7: every table holding rows, a note too."""
    con = sqlite3.connect(db, isolation_level=None)
    for step in range(1, 8):
        con.executescript((SCHEMA_STEPS / f"{step}.sql").read_text())
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.executemany("INSERT INTO schema_version VALUES (?)", [(v,) for v in range(1, 8)])
    con.close()
    with Store(":memory:") as fresh:
        fresh.import_csv(*csv_files)
        tables = {name: fresh._db.execute(f"SELECT * FROM {name} ORDER BY rowid").fetchall()
                  for name in ("candidates", "interviews", "events")}
    con = sqlite3.connect(db, isolation_level=None)
    for name, rows in tables.items():
        con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    con.execute("UPDATE candidates SET coach = 'Wanjiru Kamau' WHERE candidate_id = 'C1'")
    con.execute("INSERT INTO notes VALUES ('N0000001', 'C1', '2026-05-12', 'Wanjiru Kamau', 'Rehearsed', 'I1')")
    con.execute("UPDATE data_state SET writes = writes + 1, whole_at = writes + 1, "
                + ", ".join(f"{n}_top = (SELECT max(rowid) FROM {n})" for n in ("candidates", "interviews", "events")))
    con.close()


def test_a_version_7_store_is_migrated_keeping_every_row_and_the_data_state(tmp_path, csv_files):
    db = tmp_path / "v7.db"
    version_7_store(db, csv_files)
    con = sqlite3.connect(db)
    tables = ["candidates", "interviews", "events", "notes", "data_state", "forgotten"]
    before = {name: con.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall() for name in tables}
    state = store_module.changes.state_of(con)
    con.close()
    with Store(db) as store:
        assert store.schema_version == store_module.SCHEMA_VERSION == 8
        assert {name: store._db.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall()
                for name in tables} == before
        assert store.data_state() == state
        assert store._db.execute("PRAGMA foreign_key_check").fetchall() == []
        names = {r[0] for r in store._db.execute("SELECT name FROM sqlite_master")}
        assert {"mail_proposals", "mail_decisions", "mail_proposals_by_interview"} <= names
        # The index a candidate's proposals and decisions are read by.
        plan = " ".join(r[3] for r in store._db.execute(
            "EXPLAIN QUERY PLAN SELECT message_id FROM mail_proposals WHERE candidate_id = 'C1' "
            "UNION SELECT message_id FROM mail_decisions WHERE candidate_id = 'C1'"))
        assert "SCAN" not in plan.replace("SCAN SUBQUERY", ""), plan
        assert store.proposals().empty and store.mail_message_ids("C1") == set()
        # What migration 8 added works on the rows that were there.
        store.add_proposals("C1", found({"kind": "offer", "date": "2026-05-20T10:00:00+03:00",
                                         "to_interviewer": None}))
        [event] = store.accept_proposals(["M0000001"])
        assert store.events("C1").set_index("event_id").loc[event, "kind"] == "offer"


def test_another_program_deleting_a_candidate_takes_their_proposals_with_them(store):
    store.add_proposals("C1", found({}, {}))
    store.accept_proposals(["M0000001"])
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("PRAGMA foreign_keys = ON")
    other.execute("DELETE FROM candidates WHERE candidate_id = 'C1'")
    other.close()
    assert store.proposals().empty and store.mail_message_ids("C1") == set()
