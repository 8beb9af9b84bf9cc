"""``followup-kit mail scan | accept | reject`` end to end, on small mailbox exports made here."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import store_rows
from followup_kit.cli import main
from followup_kit.data.store import Store
from followup_kit.errors import FollowupKitError

HANNAH = "hannah.okafor@example.org"
PRIYA = "priya.shah@fernleaf.example"
TOM = "tom.reid@korabank.example"
#: How the year of these messages is written after a date: not at all while it is the reader's year.
IN_2026 = "" if pd.Timestamp.today().year == 2026 else " 2026"

THANK_YOU = f"""From {HANNAH} Wed Mar 04 18:42:10 2026
From: Hannah Okafor <{HANNAH}>
To: Priya Shah <{PRIYA}>
Subject: Thank you for today's interview
Date: Wed, 04 Mar 2026 18:42:10 +0000
Message-ID: <thanks-4c1d@mail.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Priya,

Thank you very much for taking the time to meet me today to talk about the Data analyst role.
I really enjoyed hearing about the team's work on patient records, and I am now even more keen
on the position. My experience building SQL reports for a hospital trust would let me help the
team from the first week.

Best wishes,
Hannah Okafor

"""
REJECTION = f"""From {TOM} Mon Mar 16 09:05:00 2026
From: Tom Reid <{TOM}>
To: Hannah Okafor <{HANNAH}>
Subject: Your application for Graduate analyst
Date: Mon, 16 Mar 2026 09:05:00 +0000
Message-ID: <decision-88@korabank.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Hannah,

Thank you for your interest in the Graduate analyst role at Kora Bank and for the time you gave us.
Unfortunately, we have decided not to move forward with your application. We wish you the best
of luck in your search.

Kind regards,
Tom Reid

"""
NEWSLETTER = """From news@fernleaf.example Tue Mar 10 07:00:00 2026
From: Fernleaf Health <news@fernleaf.example>
To: Hannah Okafor <hannah.okafor@example.org>
Subject: This month at Fernleaf Health
Date: Tue, 10 Mar 2026 07:00:00 +0000
Message-ID: <news-202603@fernleaf.example>
List-Unsubscribe: <https://fernleaf.example/unsubscribe>
Precedence: bulk
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Thank you for being part of our community. Our new clinics open in April.

"""


@pytest.fixture
def db(tmp_path) -> Path:
    """Hannah's store: one interview at Fernleaf Health, one at Kora Bank, nothing logged after either."""
    path = tmp_path / "coach.db"
    with Store(path) as store:
        store.add_candidate(candidate_id="C1", name="Hannah Okafor", email=HANNAH, cohort="2026-spring",
                            country="GB", timezone="Europe/London")
        store.add_candidate(candidate_id="C2", name="Sam Tui", email="sam.tui@example.org", cohort="2026-spring")
        store.add_interview(interview_id="I1", candidate_id="C1", company="Fernleaf Health", role="Data analyst",
                            interviewer_name="Priya Shah", interviewer_email=PRIYA, interview_date="2026-03-04",
                            promised_decision_date="2026-03-13")
        store.add_interview(interview_id="I2", candidate_id="C1", company="Kora Bank", role="Graduate analyst",
                            interviewer_name="Tom Reid", interviewer_email=TOM, interview_date="2026-03-02")
        store.add_interview(interview_id="I3", candidate_id="C2", company="Kiwi Co", role="Designer",
                            interviewer_name="Tane Moa", interviewer_email="tane@kiwi.example",
                            interview_date="2026-03-03")
    return path


@pytest.fixture
def mbox(tmp_path) -> Path:
    path = tmp_path / "takeout" / "All mail Including Spam and Trash.mbox"
    path.parent.mkdir()
    path.write_text(THANK_YOU + NEWSLETTER + REJECTION, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_scan_lists_the_proposals_in_words_and_the_summary_last(db, mbox, capsys):
    code, out, err = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    assert code == 0, err
    lines = out.rstrip("\n").splitlines()
    assert lines[0].split() == ["proposal", "date", "interview", "kind", "to", "interviewer", "evidence"]
    thanks, rejection = lines[1:3]
    assert thanks.startswith("M0000001") and rejection.startswith("M0000002")
    assert f"Wednesday 4 March{IN_2026} 18:42" in thanks and "Fernleaf Health, Data analyst" in thanks
    assert "thank-you letter sent" in thanks and " yes " in thanks
    assert f"Monday 16 March{IN_2026} 09:05" in rejection and "Kora Bank, Graduate analyst" in rejection
    assert "rejection" in rejection and " - " in rejection
    assert lines[3].startswith("read 3 messages") and len(lines) == 4
    with Store(db, readonly=True) as store:
        pending = store.proposals("C1")
        assert pending["kind"].tolist() == ["thank_you_sent", "rejection"]
        assert pending["interview_id"].tolist() == ["I1", "I2"]
        assert pending["date"].tolist() == ["2026-03-04T18:42:10+00:00", "2026-03-16T09:05:00+00:00"]
        # Nothing is an event until the coach accepts it.
        assert store.events().empty


def test_scan_as_json_gives_iso_dates_and_the_summary_on_stderr(db, mbox, capsys):
    code, out, err = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", "--format", "json",
                         str(mbox))
    assert code == 0
    records = json.loads(out)
    assert [list(r)[0] for r in records] == ["proposal_id", "proposal_id"]
    assert [(r["proposal_id"], r["kind"], r["date"], r["to_interviewer"]) for r in records] == [
        ("M0000001", "thank_you_sent", "2026-03-04T18:42:10+00:00", True),
        ("M0000002", "rejection", "2026-03-16T09:05:00+00:00", None)]
    assert {"interview_id", "channel", "message_id", "evidence", "candidate_id"} <= set(records[0])
    assert one_line(err).startswith("read 3 messages")


def test_a_message_seen_once_is_never_proposed_again_whatever_folder_it_is_in(db, mbox, capsys, tmp_path):
    assert run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))[0] == 0
    assert run(capsys, "mail", "accept", "--db", str(db), "M0000001")[0] == 0
    assert run(capsys, "mail", "reject", "--db", str(db), "M0000002")[0] == 0
    sent = tmp_path / "Sent"
    sent.write_text(THANK_YOU, encoding="utf-8")
    code, out, _ = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox), str(sent))
    assert code == 0
    assert out.splitlines()[0].startswith("read 4 messages")
    with Store(db, readonly=True) as store:
        assert store.proposals().empty and len(store.events()) == 1


def test_since_leaves_out_what_was_sent_before_the_day(db, mbox, capsys):
    code, out, _ = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", "--since", "2026-03-10",
                       "--format", "json", str(mbox))
    assert code == 0
    assert [r["kind"] for r in json.loads(out)] == ["rejection"]


def test_another_address_of_the_candidate_counts_as_theirs(db, mbox, capsys, tmp_path):
    other = tmp_path / "old-address.mbox"
    other.write_text(THANK_YOU.replace(HANNAH, "h.okafor@student.example"), encoding="utf-8")
    code, out, _ = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", "--format", "json",
                       str(other))
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", "--format", "json",
                       "--address", "h.okafor@student.example", str(other))
    assert code == 0 and [r["kind"] for r in json.loads(out)] == ["thank_you_sent"]


@pytest.mark.parametrize(("argv", "says"), [
    (["--candidate", "C9", "{mbox}"], "--candidate: no candidate 'C9'"),
    (["--candidate", "C1", "--address", "hannah at home", "{mbox}"], "--address: 'hannah at home' is not an email"),
    (["--candidate", "C1", "--since", "16/03/2026", "{mbox}"], "--since: '16/03/2026' is not a date"),
    (["--candidate", "C1", "{notes}"], "notes.txt"),
    (["--candidate", "C1", "{mbox}", "{notes}"], "notes.txt"),
])
def test_scan_refuses_bad_input_in_one_line_and_writes_nothing(db, mbox, capsys, tmp_path, argv, says):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Hannah on Friday about the Kora Bank decision.\n", encoding="utf-8")
    before = store_rows(db)
    filled = [a.format(mbox=mbox, notes=notes) for a in argv]
    code, out, err = run(capsys, "mail", "scan", "--db", str(db), *filled)
    assert code == 2 and out == ""
    assert says in one_line(err)
    assert store_rows(db) == before


def test_accept_writes_the_events_and_says_what_was_done(db, mbox, capsys):
    run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    code, out, err = run(capsys, "mail", "accept", "--db", str(db), "M0000002", "M0000001",
                         "--kind", "M0000002=employer_response")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "accepted 2:"
    assert lines[1] == (f"  E00000001 the employer wrote for Kora Bank, Graduate analyst on Monday 16 March{IN_2026} "
                        "09:05 (M0000002)")
    assert lines[2] == ("  E00000002 thank-you letter sent for Fernleaf Health, Data analyst on Wednesday 4 March"
                        f"{IN_2026} 18:42 (M0000001)")
    with Store(db, readonly=True) as store:
        events = store.events("C1").set_index("event_id")
        assert events.loc[["E00000001", "E00000002"], "kind"].tolist() == ["employer_response", "thank_you_sent"]
        assert store.proposals().empty


def test_accept_all_takes_one_candidates_proposals_and_reject_says_they_will_not_come_back(db, mbox, capsys):
    run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    with Store(db) as store:
        store.add_proposals("C2", pd.DataFrame([{
            "interview_id": "I3", "kind": "thank_you_sent", "date": "2026-03-03T20:00:00+13:00",
            "channel": "email", "to_interviewer": True, "message_id": "<sam-1@example.org>",
            "evidence": "Thank you for showing me the studio."}]))
    code, out, _ = run(capsys, "mail", "reject", "--db", str(db), "--all", "--candidate", "C2")
    assert code == 0
    assert out.splitlines() == ["rejected 1 (their messages are never proposed again):",
                                f"  M0000003 thank-you letter sent for Kiwi Co, Designer on Tuesday 3 March{IN_2026} 20:00"]
    code, out, _ = run(capsys, "mail", "accept", "--db", str(db), "--all", "--candidate", "C1")
    assert code == 0 and out.splitlines()[0] == "accepted 2:"
    code, out, _ = run(capsys, "mail", "accept", "--db", str(db), "--all")
    assert code == 0 and out.startswith("no proposals waiting: ")


@pytest.mark.parametrize(("argv", "says"), [
    (["accept", "M0000009"], "PROPOSAL: no proposal 'M0000009' is waiting"),
    (["reject", "M0000001", "M0000009"], "PROPOSAL: no proposal 'M0000009' is waiting"),
    (["accept"], "PROPOSAL: name the proposals to accept"),
    (["reject", "--all", "M0000001"], "--all: give --all or PROPOSAL ids to reject, not both"),
    (["accept", "--all", "--candidate", "C9"], "--candidate: no candidate 'C9'"),
    (["accept", "--candidate", "C2", "M0000001"], "PROPOSAL: proposal 'M0000001' is not C2's"),
    (["accept", "M0000001", "--kind", "M0000001=chased"], "--kind: proposal 'M0000001': kind: unknown kind 'chased'"),
    (["accept", "M0000001", "--kind", "M0000002=offer"], "--kind: a kind is given for proposal 'M0000002'"),
    (["accept", "M0000001", "--kind", "offer"], "--kind: 'offer' is not PROPOSAL=KIND"),
    (["accept", "M0000001", "M0000003"], "proposal 'M0000003': date: the event is dated before its interview"),
])
def test_accept_and_reject_refuse_in_one_line_naming_the_option_and_write_nothing(db, mbox, capsys, argv, says):
    run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    with Store(db) as store:
        # One the store would refuse: a message dated the day before the interview.
        store.add_proposals("C1", pd.DataFrame([{
            "interview_id": "I1", "kind": "thank_you_sent", "date": "2026-03-03T17:00:00+00:00",
            "channel": "email", "to_interviewer": True, "message_id": "<early@example.org>",
            "evidence": "Thank you for the chance to meet tomorrow."}]))
    before = store_rows(db)
    code, out, err = run(capsys, "mail", argv[0], "--db", str(db), *argv[1:])
    assert code == 2 and out == ""
    assert says in one_line(err)
    assert store_rows(db) == before


def test_a_proposal_accepted_twice_says_when_it_was(db, mbox, capsys):
    run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    run(capsys, "mail", "accept", "--db", str(db), "M0000001")
    code, _, err = run(capsys, "mail", "accept", "--db", str(db), "M0000001")
    today = pd.Timestamp.today().date().isoformat()
    assert code == 2
    assert one_line(err).endswith(f"PROPOSAL: proposal 'M0000001' was already accepted on {today} "
                                  "(event E00000001); nothing was written")


def plan(capsys, db: Path) -> dict[str, str]:
    """Hannah's plan on 5 March 2026 and on 17 March: each interview's next step."""
    steps = {}
    for today in ("2026-03-05", "2026-03-17"):
        code, out, err = run(capsys, "plan", "--db", str(db), "--candidate", "C1", "--today", today,
                             "--format", "json")
        assert code == 0, err
        steps.update({(r["interview_id"], today): r["action"] for r in json.loads(out)})
    return steps


def test_scan_then_accept_changes_the_plan_as_the_mail_says(db, mbox, capsys):
    before = plan(capsys, db)
    assert before[("I1", "2026-03-05")] == "send_thank_you"
    assert before[("I2", "2026-03-17")] != "reply_to_rejection"
    run(capsys, "mail", "scan", "--db", str(db), "--candidate", "C1", str(mbox))
    # Proposals alone change nothing.
    assert plan(capsys, db) == before
    assert run(capsys, "mail", "accept", "--db", str(db), "--all", "--candidate", "C1")[0] == 0
    after = plan(capsys, db)
    # The thank-you found in the mail is sent: the step is gone; the rejection is to be answered.
    assert after[("I1", "2026-03-05")] == "wait"
    assert after[("I2", "2026-03-17")] == "reply_to_rejection"


def test_scan_as_a_library_keeps_the_proposals_and_gives_their_ids(db, mbox):
    from followup_kit.inbox.scan import scan

    with Store(db) as store:
        found = scan(store, "C1", [mbox], progress=False)
        assert found.proposal_ids == ["M0000001", "M0000002"]
        assert found.proposed.proposed == 2 and found.proposed.read == 3
        assert store.proposals("C1")["message_id"].tolist() == found.proposed.proposals["message_id"].tolist()
        again = scan(store, "C1", [mbox], progress=False)
        assert again.proposal_ids == [] and again.proposed.ignored["already_decided"] == 2
        before = store_rows(db)
        with pytest.raises(FollowupKitError, match="^no candidate 'C9' in "):
            scan(store, "C9", [mbox], progress=False)
        with pytest.raises(FollowupKitError, match="^address: 'hannah@' is not an email address"):
            scan(store, "C1", [mbox], addresses=["hannah@"], progress=False)
        assert store_rows(db) == before
