"""The calendar export and the plan/ics subcommands, through a real store."""

from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
import pandas as pd
import pytest

from followup_kit import Store
from followup_kit.cli import main
from followup_kit.playbook.calendar_file import event_uid

NEW_INTERVIEWS = pd.DataFrame({
    "interview_id": ["I10", "I11"], "candidate_id": ["C3", "C3"], "company": ["Reef Ltd", "Palm plc"],
    "role": ["Editor", "Writer"], "interviewer_name": ["Mele Fifita", "Sione Lolo"],
    "interviewer_email": ["mele@reef.example", "sione@palm.example"],
    "interview_date": ["2026-05-14", "2026-05-12"], "promised_decision_date": ["", "2026-05-20"]})


@pytest.fixture
def db(tmp_path, csv_files):
    path = tmp_path / "coach.db"
    with Store(path) as store:
        store.import_csv(*csv_files)
        store.add_interviews(NEW_INTERVIEWS)
    return path


def export(db, out, today="2026-05-14", candidate="C3") -> int:
    return main(["ics", "--db", str(db), "--candidate", candidate, "--out", str(out), "--today", today])


def read_plan(db, capsys, *extra) -> list[dict]:
    capsys.readouterr()
    assert main(["plan", "--db", str(db), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_ics_parses_back_with_icalendar_and_plain_python(db, tmp_path, capsys):
    out = tmp_path / "c3.ics"
    assert export(db, out) == 0
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = cal.walk("VEVENT")
    by_summary = {str(e["SUMMARY"]): e for e in events}
    # I10: thank-you due the day after 14 May; I3: its follow-up window. I11's thank-you is past.
    assert len(events) == 2
    thanks = by_summary["Send your thank-you email to Mele Fifita (Reef Ltd, Editor)"]
    assert thanks.decoded("DTSTART") == dt.date(2026, 5, 15)
    assert thanks.decoded("DTEND") == dt.date(2026, 5, 16)
    assert "Thursday 14 May" in str(thanks["DESCRIPTION"])
    plan = {r["interview_id"]: r for r in read_plan(db, capsys, "--candidate", "C3", "--today", "2026-05-14")}
    starts = re.findall(r"^DTSTART;VALUE=DATE:(\d{8})\r?$", out.read_text(), flags=re.M)
    parsed = sorted(dt.datetime.strptime(s, "%Y%m%d").date() for s in starts)
    assert parsed == sorted(dt.date.fromisoformat(plan[i]["due"]) for i in ("I3", "I10"))
    assert all(isinstance(e.decoded("DTSTART"), dt.date) and not isinstance(e.decoded("DTSTART"), dt.datetime)
               for e in events)


def test_second_export_keeps_the_uids_and_moves_the_date(db, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export(db, first)
    export(db, second)

    def uids(path):
        return {str(e["UID"]): e.decoded("DTSTART")
                for e in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")}

    assert uids(first) == uids(second)
    with Store(db) as store:
        store.add_events(pd.DataFrame({"event_id": ["E10"], "interview_id": ["I10"], "date": ["2026-05-14"],
                                       "kind": ["thank_you_sent"], "channel": ["email"]}))
    later = tmp_path / "c.ics"
    export(db, later)
    before, after = uids(first), uids(later)
    # The thank-you is done, so its event goes and I10's follow-up window comes; I3 keeps its UID.
    assert set(before) - set(after) == {event_uid("I10", "thank-you")}
    assert set(after) - set(before) == {event_uid("I10", "follow-up")}
    assert before[event_uid("I3", "follow-up")] == after[event_uid("I3", "follow-up")]


def test_past_steps_are_left_out(db, tmp_path):
    out = tmp_path / "late.ics"
    export(db, out, today="2026-07-01")
    assert icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT") == []


def test_unknown_candidate_is_a_clear_error(db, tmp_path, capsys):
    assert export(db, tmp_path / "x.ics", candidate="C99") == 2
    assert "no candidate 'C99'" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()
    assert main(["plan", "--db", str(db), "--candidate", "C99"]) == 2


def test_missing_store_and_bad_date_exit_2(tmp_path, db, capsys):
    assert main(["plan", "--db", str(tmp_path / "none.db")]) == 2
    assert main(["plan", "--db", str(db), "--today", "next week"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_plan_json_csv_and_table(db, capsys):
    rows = read_plan(db, capsys, "--today", "2026-05-14")
    assert sorted(r["interview_id"] for r in rows) == ["I1", "I10", "I11", "I2", "I3"]
    assert {r["action"] for r in rows} <= {"send_thank_you", "wait", "follow_up", "reply_to_rejection",
                                           "respond_to_offer", "move_on", "none"}
    assert all(r["due"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["due"]) for r in rows)
    assert main(["plan", "--db", str(db), "--today", "2026-05-16", "--format", "csv"]) == 0
    table = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert table.columns.tolist() == ["interview_id", "candidate_id", "company", "role", "round", "rounds",
                                      "action", "due", "overdue", "flags", "reason"]
    assert main(["plan", "--db", str(db), "--today", "2026-05-16"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Overdue first, oldest first: I11's thank-you was due Wednesday 13 May, I10's Friday 15 May.
    assert lines[1].startswith("I11") and "OVERDUE" in lines[1] and "Wednesday 13 May" in lines[1]
    assert lines[2].startswith("I10") and "OVERDUE" in lines[2] and "Friday 15 May" in lines[2]
    assert all("OVERDUE" not in line for line in lines[3:])
