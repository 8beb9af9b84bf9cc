"""The coach's caseload: who needs them soon, in which order, and finding a candidate in it."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from test_facts import make_tables

from followup_kit import facts, plan
from followup_kit.playbook.caseload import CASELOAD_COLUMNS, caseload, matching, search_text

TODAY = "2026-11-02"  # a Monday


def person(cid: str, name: str, cohort: str = "2026-autumn") -> dict:
    return {"candidate_id": cid, "name": name, "email": f"{cid.lower()}@example.org", "cohort": cohort,
            "country": "GB", "timezone": "Europe/London"}


PEOPLE = [person("C1", "Zoë Ngũgĩ"), person("C2", "Ben Ode"), person("C3", "Cat Lee", "2026-spring"),
          person("C4", "Dan Roe"), person("C5", "Eve Poe"), person("C6", "Fay Wu")]
COACHES = {"C1": "Ruth Amos", "C2": "ruth amos", "C3": "Sam Hale", "C4": "Sam Hale", "C5": "Ruth Amos",
           "C6": None}


def interview(iid: str, cid: str, held: str, company: str, **more) -> dict:
    return {"interview_id": iid, "candidate_id": cid, "interview_date": held, "company": company, **more}


INTERVIEWS = [
    # C1: a thank-you six days overdue, and a second application with an offer to answer, 12 days overdue.
    interview("I1", "C1", "2026-10-26", "Acme Ltd"),
    interview("I2", "C1", "2026-10-01", "Kora Bank", role="Clerk"),
    # C2: a thank-you one day overdue.
    interview("I3", "C2", "2026-10-30", "Umoja Tech"),
    # C3: thanked; the interviewer said they would decide by 2 November: a wait that ends soon.
    interview("I4", "C3", "2026-10-28", "Litware", promised_decision_date="2026-11-02"),
    # C4: thanked, promised a decision by 10 December: a wait far off.
    interview("I5", "C4", "2026-10-28", "Contoso", promised_decision_date="2026-12-10"),
    # C5: offered and accepted: nothing left to do.
    interview("I6", "C5", "2026-09-01", "Fabrikam"),
    # C6: silent for months after two follow-ups: moving on, said long ago.
    interview("I7", "C6", "2026-03-02", "Tailspin"),
]
EVENTS = [
    {"interview_id": "I2", "date": "2026-10-02", "kind": "thank_you_sent"},
    {"interview_id": "I2", "date": "2026-10-20", "kind": "offer"},
    {"interview_id": "I4", "date": "2026-10-28", "kind": "thank_you_sent"},
    {"interview_id": "I5", "date": "2026-10-28", "kind": "thank_you_sent"},
    {"interview_id": "I6", "date": "2026-09-01", "kind": "thank_you_sent"},
    {"interview_id": "I6", "date": "2026-09-20", "kind": "offer"},
    {"interview_id": "I6", "date": "2026-09-21", "kind": "reply_sent"},
    {"interview_id": "I7", "date": "2026-03-02", "kind": "thank_you_sent"},
    {"interview_id": "I7", "date": "2026-03-20", "kind": "follow_up_sent", "to_interviewer": "true"},
    {"interview_id": "I7", "date": "2026-04-03", "kind": "follow_up_sent", "to_interviewer": "true"},
]


@pytest.fixture(scope="module")
def world():
    c, i, e = make_tables(INTERVIEWS, EVENTS, PEOPLE)
    c = c.assign(coach=pd.Series([COACHES[x] for x in c["candidate_id"]], dtype="str"))
    f = facts(c, i, e, as_of=TODAY)
    return c, f, plan(f, today=TODAY)


def test_overdue_first_the_longest_first_then_by_due_day(world):
    c, f, p = world
    table = caseload(f, c, today=TODAY)
    assert tuple(table.columns) == CASELOAD_COLUMNS
    # C1's offer (due 21 October) is more overdue than C2's letter (31 October); then C3's wait.
    assert table["candidate_id"].tolist() == ["C1", "C2", "C3"]
    first = table.iloc[0]
    assert (first["action"], first["company"], first["interview_id"], first["due"], first["overdue"]) == \
        ("respond_to_offer", "Kora Bank", "I2", pd.Timestamp("2026-10-21"), True)
    assert first["steps_due"] == 2  # the offer and the overdue thank-you
    assert table.set_index("candidate_id").loc["C2", "steps_due"] == 1


def test_a_wait_is_due_on_the_day_it_ends_and_counts_only_within_the_days_asked(world):
    c, f, p = world
    ends = p.set_index("interview_id").loc[["I4", "I5"], ["action", "due"]]
    assert (ends["action"] == "wait").all()
    near = caseload(f, c, today=TODAY, within_days=7).set_index("candidate_id")
    assert near.loc["C3", "due"] == ends.loc["I4", "due"] and "C4" not in near.index
    days_to_c4 = (ends.loc["I5", "due"] - pd.Timestamp(TODAY)).days
    assert "C4" not in caseload(f, c, today=TODAY, within_days=days_to_c4 - 1)["candidate_id"].tolist()
    far = caseload(f, c, today=TODAY, within_days=days_to_c4).set_index("candidate_id")
    assert far.loc["C4", "action"] == "wait" and far.loc["C4", "due"] == ends.loc["I5", "due"]


def test_nothing_left_to_do_is_not_listed_and_moving_on_is_said_once(world):
    c, f, p = world
    steps = p.set_index("interview_id")
    assert steps.loc["I6", "action"] == "none" and steps.loc["I7", "action"] == "move_on"
    listed = caseload(f, c, today=TODAY, within_days=60)["candidate_id"].tolist()
    assert "C5" not in listed and "C6" not in listed
    # On the days after the clock ran out, moving on is a step to take.
    gave_up = steps.loc["I7", "due"]
    soon = gave_up + pd.Timedelta(days=2)
    f2 = facts(*make_tables(INTERVIEWS, EVENTS, PEOPLE), as_of=soon)
    c2 = c
    table = caseload(f2, c2, today=soon, within_days=7).set_index("candidate_id")
    assert table.loc["C6", "action"] == "move_on"


def test_a_coach_sees_their_caseload_alone_whatever_the_case_and_a_cohort_its_own(world):
    c, f, _ = world
    assert caseload(f, c, today=TODAY, coach="RUTH AMOS ")["candidate_id"].tolist() == ["C1", "C2"]
    assert caseload(f, c, today=TODAY, coach="Sam Hale", within_days=60)["candidate_id"].tolist() == ["C3", "C4"]
    assert caseload(f, c, today=TODAY, cohort="2026-spring")["candidate_id"].tolist() == ["C3"]
    assert caseload(f, c, today=TODAY, coach="Nobody").empty


def test_the_last_session_note_is_beside_each_candidate(world):
    c, f, _ = world
    notes = pd.Series(pd.to_datetime(["2026-10-30", "2026-09-01"]), index=["C2", "C9"])
    table = caseload(f, c, today=TODAY, last_notes=notes).set_index("candidate_id")
    assert table.loc["C2", "last_note"] == pd.Timestamp("2026-10-30")
    assert table["last_note"].isna().sum() == len(table) - 1


def test_a_search_finds_part_of_a_name_an_email_an_id_or_any_company_without_accents(world):
    c, f, _ = world
    table = caseload(f, c, today=TODAY)
    hay = search_text(table, c, f)

    def found(text):
        return matching(table, text, hay)["candidate_id"].tolist()

    assert found("zoe") == ["C1"] and found("NGUGI") == ["C1"]
    assert found("c2@example") == ["C2"]
    assert found("c3") == ["C3"]
    assert found("acme") == ["C1"]  # not the company of C1's most urgent step
    assert found("ben umoja") == ["C2"] and found("ben acme") == []
    assert found("  ") == ["C1", "C2", "C3"]


def test_followup_kit_agenda_lists_the_caseload_and_refuses_what_it_cannot_read(tmp_path, capsys):
    from followup_kit import Store
    from followup_kit.cli import main

    db = tmp_path / "coach.db"
    files = []
    for name, frame in zip(("candidates", "interviews", "events"), make_tables(INTERVIEWS, EVENTS, PEOPLE),
                           strict=True):
        path = tmp_path / f"{name}.csv"
        frame.drop(columns=["sent_at"], errors="ignore").to_csv(path, index=False, date_format="%Y-%m-%d")
        files.append(path)
    with Store(db) as store:
        store.import_csv(*files)
    assert main(["agenda", "--db", str(db), "--today", TODAY, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["candidate_id"] for r in rows] == ["C1", "C2", "C3"]
    assert rows[0]["due"] == "2026-10-21" and rows[0]["action"] == "respond_to_offer"
    assert main(["agenda", "--db", str(db), "--today", TODAY]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["candidate_id", "name", "cohort"] and "OVERDUE" in table[1]
    for argv, message in (
            (["--within", "-1"], "--within: -1 days is before today"),
            (["--cohort", "2027-spring"], "--cohort: no cohort '2027-spring' in"),
            (["--today", "02/11/2026"], "--today"),
    ):
        assert main(["agenda", "--db", str(db), *argv]) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, err


def test_agenda_for_a_coach_reads_their_caseload_and_an_unknown_coach_lists_the_coaches(tmp_path, capsys):
    """On the committed sample: one coach's candidates only, any case; a name not there lists who is."""
    from pathlib import Path

    from followup_kit import Store
    from followup_kit.cli import main

    data = Path(__file__).resolve().parent.parent / "data"
    db = tmp_path / "demo.db"
    with Store(db) as store:
        store.import_csv(*(data / f"{name}.csv" for name in ("candidates", "interviews", "events", "notes")))
        coaches = store.coaches()
        people = store.candidates()
    coach = coaches[0]
    theirs = set(people.loc[people["coach"] == coach, "candidate_id"])
    assert main(["agenda", "--db", str(db), "--today", "2026-11-01", "--coach", coach.upper(), "--format",
                 "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["candidate_id"] for r in rows} <= theirs and {r["coach"] for r in rows} == {coach}
    everyone = caseload(facts(*Store(db, readonly=True).tables(), as_of="2026-11-01"), people, today="2026-11-01")
    assert [r["candidate_id"] for r in rows] == everyone.loc[everyone["coach"] == coach, "candidate_id"].tolist()
    assert main(["agenda", "--db", str(db), "--coach", "Nobody Atall"]) == 2
    err = capsys.readouterr().err
    assert "--coach: no coach 'Nobody Atall'" in err and ", ".join(coaches) in err
    # Both filters: that coach's candidates in that cohort, and no one else.
    cohort = sorted(set(people.loc[people["coach"] == coach, "cohort"]))[-1]
    assert main(["agenda", "--db", str(db), "--today", "2026-11-01", "--coach", coach, "--cohort", cohort,
                 "--format", "json"]) == 0
    both = json.loads(capsys.readouterr().out)
    wanted = everyone.loc[(everyone["coach"] == coach) & (everyone["cohort"] == cohort), "candidate_id"].tolist()
    assert [r["candidate_id"] for r in both] == wanted and wanted
