"""The coach's writes one at a time: add, log, correct, delete; each checked like an import."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from followup_kit import FollowupKitError, Store, ValidationError
from followup_kit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def contents(path) -> list[str]:
    """Every row of the store as SQL: equal lists mean nothing was written."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def store(tmp_path, csv_files):
    with Store(tmp_path / "coach.db") as s:
        s.import_csv(*csv_files)
        yield s


def test_ids_are_made_in_the_stores_own_form(store):
    cid = store.add_candidate(name="Lea Brandt", email="lea@example.org", cohort="2026-autumn",
                              country="DE", timezone="Europe/Berlin")
    iid = store.add_interview(candidate_id=cid, company="Nordlicht", role="Analyst",
                              interviewer_name="Uwe Kühn", interviewer_email="uwe@nord.example",
                              interview_date="2026-06-01")
    eid = store.log_event(interview_id=iid, kind="thank_you_sent", date="2026-06-02")
    # The store's own ids are numbered apart from ids of other forms (C1-C3, I1-I3, E1-E5 here).
    assert (cid, iid, eid) == ("C000001", "I0000001", "E00000001")
    assert store.log_event(interview_id=iid, kind="follow_up_sent", date="2026-06-16",
                           to_interviewer="no") == "E00000002"
    events = store.events().set_index("event_id")
    assert not events.loc["E00000002", "to_interviewer"]
    assert store.log_event(interview_id="I1", kind="reply_sent", date="2026-05-30",
                           event_id="mine-1") == "mine-1"


@pytest.mark.parametrize(("fields", "column", "says"), [
    ({"kind": "chased"}, "kind", "unknown kind 'chased'"),
    ({"date": "03/06/2026"}, "date", "is not a date"),
    ({"date": "2026-05-01"}, "date", "before its interview"),
    ({"interview_id": "I9"}, "interview_id", "unknown interview 'I9'"),
    ({"channel": "pigeon"}, "channel", "pigeon"),
    ({"to_interviewer": "maybe"}, "to_interviewer", "maybe"),
    ({"event_id": "E1"}, "event_id", "E1"),
])
def test_a_bad_event_is_refused_with_the_imports_message_and_nothing_written(store, fields, column, says):
    before = contents(store.path)
    event = {"interview_id": "I1", "kind": "follow_up_sent", "date": "2026-05-21", **fields}
    with pytest.raises(ValidationError) as caught:
        store.log_event(**event)
    assert caught.value.column == column and says in str(caught.value)
    assert contents(store.path) == before


def test_a_promised_date_learned_later_and_other_corrections(store):
    store.correct_interview("I2", promised_decision_date="2026-06-05", interviewer_name="Bob Rae",
                            role="Senior clerk")
    row = store.interviews(interview_id="I2").iloc[0]
    assert (row["promised_decision_date"], row["interviewer_name"], row["role"]) == (
        pd.Timestamp("2026-06-05"), "Bob Rae", "Senior clerk")
    store.correct_interview("I2", promised_decision_date=None)
    assert pd.isna(store.interviews(interview_id="I2").iloc[0]["promised_decision_date"])
    before = contents(store.path)
    with pytest.raises(ValidationError, match="promised_decision_date: '2026-02-30' is not a date"):
        store.correct_interview("I2", promised_decision_date="2026-02-30")
    with pytest.raises(ValidationError, match="interviewer_email"):
        store.correct_interview("I2", interviewer_email="bob at beta")
    with pytest.raises(FollowupKitError, match="cannot correct interview_date"):
        store.correct_interview("I2", interview_date="2026-01-01")
    with pytest.raises(FollowupKitError, match="no interview 'I9'"):
        store.correct_interview("I9", role="x")
    assert contents(store.path) == before


def test_an_event_is_corrected_or_deleted_and_its_date_still_checked(store):
    store.correct_event("E2", to_interviewer=True, note="it was Ann after all")
    row = store.events().set_index("event_id").loc["E2"]
    assert (bool(row["to_interviewer"]), row["note"]) == (True, "it was Ann after all")
    with pytest.raises(ValidationError, match="before its interview"):
        store.correct_event("E2", date="2026-05-01")
    store.delete_event("E2")
    assert "E2" not in set(store.events()["event_id"])
    with pytest.raises(FollowupKitError, match="no event 'E2'"):
        store.delete_event("E2")


def test_a_read_only_store_refuses_every_write(tmp_path, csv_files):
    Store(tmp_path / "s.db").import_csv(*csv_files)
    with Store(tmp_path / "s.db", readonly=True) as s, pytest.raises(FollowupKitError, match="read-only"):
        s.log_event(interview_id="I1", kind="offer", date="2026-05-30")


def test_log_prints_the_event_id_and_the_new_next_step(store, capsys):
    assert main(["log", "--db", store.path, "--interview", "I3", "--kind", "follow_up_sent",
                 "--date", "2026-05-20", "--to-interviewer", "no", "--today", "2026-05-21"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "logged E00000001: follow_up_sent on 2026-05-20 for I3"
    assert out[1].startswith("next step: wait (until ")
    assert "write to Tane Moa, who interviewed you" in out[1]


def test_edit_records_a_promised_date_and_prints_the_next_step(store, capsys):
    assert main(["edit", "--db", store.path, "--interview", "I3", "--promised-date", "2026-06-12",
                 "--today", "2026-05-21"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "corrected I3: --promised-date"
    assert "decide by Friday 12 June" in out[1]


@pytest.mark.parametrize(("argv", "says"), [
    (["log", "--interview", "I1", "--kind", "chased", "--date", "2026-05-21"], "--kind: unknown kind 'chased'"),
    (["log", "--interview", "I1", "--kind", "offer", "--date", "21/05/2026"], "--date: '21/05/2026' is not a date"),
    (["log", "--interview", "I9", "--kind", "offer", "--date", "2026-05-21"], "--interview: unknown interview 'I9'"),
    (["edit", "--interview", "I1", "--promised-date", "soon"], "--promised-date: 'soon' is not a date"),
    (["edit", "--interview", "I1"], "nothing to change"),
])
def test_bad_options_exit_2_with_one_line_and_the_store_unchanged(store, argv, says):
    before = contents(store.path)
    done = subprocess.run([sys.executable, "-m", "followup_kit.cli", *argv[:1], "--db", store.path,
                           *argv[1:]], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done
    (line,) = done.stderr.splitlines()
    assert says in line and done.stdout == ""
    assert contents(store.path) == before
