"""Mail to review in the coaching session, driven as a coach would: set values, click, read the store back."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import write
from followup_kit.data.store import PROPOSAL_COLUMNS, Store
from followup_kit.errors import FollowupKitError
from followup_kit.widgets import coaching_session
from followup_kit.widgets.mail_review import EMPTY, mail_review
from followup_kit.widgets.session import CoachingSession

TODAY = "2026-03-06"
CANDIDATES = """candidate_id,name,email,cohort,country,timezone
C1,Amara Okafor,amara@example.org,2026-spring,GB,Europe/London
C2,Tevita Fifita,tevita@example.org,2026-spring,TO,Pacific/Tongatapu
"""
# Kora Bank's thank-you is due on 5 March and not yet logged; Umoja's application has two rounds.
INTERVIEWS = """interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date,promised_decision_date
I1,C1,Kora Bank,Graduate analyst,Ruth Mensah,ruth@korabank.example,2026-03-04,
I2,C1,Umoja Foods,Supply planner,Joe Banda,joe@umoja.example,2026-02-10,
I3,C1,Umoja Foods,Supply planner,Joe Banda,joe@umoja.example,2026-02-24,
I4,C2,Kiwi Co,Designer,Tane Moa,tane@kiwi.example,2026-03-02,
"""
EVENTS = """event_id,interview_id,date,kind,channel,to_interviewer,note
E1,I2,2026-02-11,thank_you_sent,email,true,
E2,I2,2026-02-17,next_round,email,,
E3,I3,2026-02-25,thank_you_sent,email,true,
"""
THANKS = ("Thank you for taking the time to meet me yesterday to talk about the Graduate analyst role "
          "at Kora Bank.")
#: A body that would run as script, were the evidence not escaped.
HOSTILE = 'Thanks <script>alert("x")</script> & see you <b>soon</b>'
LETTER = f"""Dear Ruth,

{THANKS} I really enjoyed hearing how your team builds its credit risk models.

Our conversation made me even keener to join Kora Bank as a Graduate analyst. The forecasting
models I built in Python during my placement would let me help your team from the first week.

Best wishes,
Amara Okafor
"""


@pytest.fixture
def store(tmp_path) -> Store:
    folder = tmp_path / "csv"
    folder.mkdir()
    paths = [write(folder, f"{name}.csv", text) for name, text in
             (("candidates", CANDIDATES), ("interviews", INTERVIEWS), ("events", EVENTS))]
    s = Store(tmp_path / "coach.db")
    s.import_csv(*paths)
    yield s
    s.close()


def proposals(*rows: dict) -> pd.DataFrame:
    """Proposals as a scan of C1's mail hands them to the store: the thank-you to Ruth unless a row says otherwise."""
    base = {"interview_id": "I1", "kind": "thank_you_sent", "date": "2026-03-05T09:12:00+00:00",
            "channel": "email", "to_interviewer": True, "evidence": THANKS}
    return pd.DataFrame([{**base, "message_id": f"<m{k}@example.org>", **row} for k, row in enumerate(rows)],
                        columns=PROPOSAL_COLUMNS)


def review(store: Store, *rows: dict, who: str = "C1") -> tuple[CoachingSession, dict, list[str]]:
    ids = store.add_proposals(who, proposals(*rows)) if rows else []
    session = CoachingSession(store, who, today=TODAY)
    _, parts = mail_review(session)
    return session, parts, ids


def action(session: CoachingSession, interview_id: str) -> str:
    return str(session.plan.set_index("interview_id").loc[interview_id, "action"])


def events_of(store: Store, interview_id: str) -> pd.DataFrame:
    events = store.events(candidate_id="C1")
    return events.loc[events["interview_id"] == interview_id]


def text_of(markup: str) -> str:
    """What a person reads of a widget's HTML: its text, without the style sheet that comes with a message."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<style>.*?</style>", "", markup, flags=re.S)))


def test_the_candidates_waiting_proposals_are_listed_in_order_with_their_evidence_escaped(store):
    store.add_proposals("C2", proposals({"interview_id": "I4"}))
    _, parts, ids = review(store,
                           {"evidence": HOSTILE},
                           {"interview_id": "I3", "kind": "employer_response", "to_interviewer": None,
                            "date": "2026-03-02T16:05:00+00:00",
                            "evidence": "We will let you know by the end of next week."})
    thanks, umoja = ids
    rows = parts["rows"]
    assert list(rows) == [umoja, thanks]
    assert [row["kind"].value for row in rows.values()] == ["employer_response", "thank_you_sent"]
    assert "2 events from Amara Okafor's mail to review" in text_of(parts["caption"].value)

    evidence = rows[thanks]["evidence"].value
    assert "<script>" not in evidence and "<b>soon" not in evidence
    assert html.escape(HOSTILE) in evidence
    assert HOSTILE in text_of(evidence)
    about = text_of(rows[thanks]["about"].value)
    assert "Thursday 5 March, 09:12" in about and "Kora Bank, Graduate analyst" in about
    assert "Amara Okafor's message, to the interviewer" in about
    umoja_about = text_of(rows[umoja]["about"].value)
    assert "Umoja Foods, Supply planner, second interview" in umoja_about and "from the employer" in umoja_about
    assert "to the interviewer" not in umoja_about
    assert not parts["accept_all"].disabled and parts["accept_all"].layout.display is None


def test_the_time_is_the_candidates_own(store):
    store.add_proposals("C2", proposals({"interview_id": "I4", "date": "2026-03-03T20:30:00+00:00"}))
    _, parts = mail_review(CoachingSession(store, "C2", today=TODAY))
    (row,) = parts["rows"].values()
    # 20:30 in London is 09:30 the next morning in Tonga.
    assert "Wednesday 4 March, 09:30" in text_of(row["about"].value)


def test_with_nothing_waiting_the_list_says_so(store):
    _, parts, _ = review(store)
    assert EMPTY in text_of(parts["caption"].value)
    assert parts["rows"] == {} and parts["list"].children == ()
    assert parts["accept_all"].disabled and parts["accept_all"].layout.display == "none"


def test_accepting_writes_the_event_and_the_thank_you_step_goes_from_the_plan(store):
    session, parts, (pid,) = review(store, {})
    assert action(session, "I1") == "send_thank_you"
    parts["rows"][pid]["accept"].click()

    written = events_of(store, "I1")
    assert written[["kind", "channel"]].values.tolist() == [["thank_you_sent", "email"]]
    assert bool(written["to_interviewer"].iloc[0])
    assert written["sent_at"].iloc[0] == pd.Timestamp("2026-03-05T09:12:00+00:00")
    assert action(session, "I1") != "send_thank_you"
    assert store.proposals("C1").empty and "<m0@example.org>" in store.mail_message_ids("C1")
    assert parts["rows"] == {} and EMPTY in text_of(parts["caption"].value)
    said = text_of(parts["decided"].value)
    assert f"Accepted {written['event_id'].iloc[0]}: thank-you letter sent, Thursday 5 March, 09:12." in said


def test_the_agenda_of_the_session_moves_on_when_mail_is_accepted(store):
    pid, = store.add_proposals("C1", proposals({}))
    box, parts = coaching_session(store, "C1", today=TODAY)
    tabs = parts["tabs"]
    assert [tabs.get_title(n) for n in range(3)] == ["Letter", "Log and correct", "Mail to review"]
    assert tabs.children[2] is not None and parts["mail"]["rows"].keys() == {pid}
    agenda = parts["session"].agenda().set_index("interview_id")
    assert agenda.loc["I1", "action"] == "send_thank_you"
    parts["mail"]["rows"][pid]["accept"].click()
    (table,) = parts["agenda"]["table"].outputs
    assert "send your thank-you letter" not in table["data"]["text/html"]
    assert parts["session"].agenda().set_index("interview_id").loc["I1", "action"] != "send_thank_you"


def test_a_kind_changed_before_accepting_is_the_kind_written(store):
    _, parts, (pid,) = review(store, {})
    row = parts["rows"][pid]
    row["kind"].value = "follow_up_sent"
    row["accept"].click()
    assert events_of(store, "I1")["kind"].tolist() == ["follow_up_sent"]
    assert "follow-up sent (chasing)" in text_of(parts["decided"].value)


def test_a_kind_changed_stays_chosen_while_another_row_is_accepted(store):
    _, parts, (first, second) = review(store, {}, {"interview_id": "I3", "kind": "employer_response",
                                                   "to_interviewer": None, "date": "2026-03-05T10:00:00+00:00",
                                                   "evidence": "We would like to offer you the role."})
    parts["rows"][second]["kind"].value = "offer"
    parts["rows"][first]["accept"].click()
    assert list(parts["rows"]) == [second]
    assert parts["rows"][second]["kind"].value == "offer"
    parts["rows"][second]["accept"].click()
    assert events_of(store, "I3")["kind"].tolist()[-1] == "offer"


def test_rejecting_writes_no_event_and_keeps_the_message_from_being_proposed_again(store):
    session, parts, (pid,) = review(store, {})
    before = store.events(candidate_id="C1")
    parts["rows"][pid]["reject"].click()

    assert store.events(candidate_id="C1").equals(before)
    assert action(session, "I1") == "send_thank_you"
    assert store.proposals("C1").empty and parts["rows"] == {}
    assert EMPTY in text_of(parts["caption"].value)
    assert "Rejected" in text_of(parts["decided"].value)
    assert "<m0@example.org>" in store.mail_message_ids("C1")
    with pytest.raises(FollowupKitError, match="already proposed"):
        store.add_proposals("C1", proposals({}))


def test_accept_all_writes_every_event_listed_with_the_kinds_chosen(store):
    session, parts, (thanks, umoja) = review(store, {}, {
        "interview_id": "I3", "kind": "employer_response", "to_interviewer": None,
        "date": "2026-03-05T15:00:00+00:00", "evidence": "Sadly we have chosen another candidate."})
    parts["rows"][umoja]["kind"].value = "rejection"
    parts["accept_all"].click()
    assert events_of(store, "I1")["kind"].tolist() == ["thank_you_sent"]
    assert events_of(store, "I3")["kind"].tolist()[-1] == "rejection"
    assert store.proposals("C1").empty and parts["rows"] == {}
    assert "Accepted 2 events" in text_of(parts["decided"].value)
    assert action(session, "I1") != "send_thank_you" and action(session, "I3") == "reply_to_rejection"


def test_a_proposal_the_store_refuses_says_why_beside_the_list_and_writes_nothing(store):
    # Dated before its interview: the store's own check refuses it, as it would a logged event.
    _, parts, (early, fine) = review(store, {"date": "2026-03-01T09:00:00+00:00"}, {"date": "2026-03-05T09:00:00+00:00"})
    before = store.events(candidate_id="C1")
    parts["accept_all"].click()
    said = text_of(parts["decided"].value)
    assert f"proposal '{early}'" in said and "nothing was accepted" in said
    assert "fk-error" in parts["decided"].value
    assert store.events(candidate_id="C1").equals(before)
    assert list(parts["rows"]) == [early, fine]


def test_the_path_box_can_start_on_the_candidates_export(store):
    session = CoachingSession(store, "C1", today=TODAY)
    _, parts = mail_review(session, start="/exports/amara/Takeout")
    assert parts["path"].value == "/exports/amara/Takeout"


# Reading mail: the scan of followup_kit.inbox, through the widget.

def mbox(folder: Path, *messages: str, name: str = "Sent.mbox") -> Path:
    path = folder / name
    path.write_text("".join(messages), encoding="utf-8")
    return path


def thank_you(message_id: str = "<thanks-kora@example.org>", sender: str = "amara@example.org") -> str:
    return (f"From {sender} Thu Mar  5 09:12:00 2026\n"
            f"From: Amara Okafor <{sender}>\nTo: Ruth Mensah <ruth@korabank.example>\n"
            "Subject: Thank you for yesterday\nDate: Thu, 05 Mar 2026 09:12:00 +0000\n"
            f"Message-ID: {message_id}\nContent-Type: text/plain; charset=utf-8\n\n{LETTER}\n")


NEWSLETTER = ("From news@korabank.example Thu Mar  5 07:00:00 2026\n"
              "From: Kora Bank Careers <news@korabank.example>\nTo: amara@example.org\n"
              "Subject: This month at Kora Bank\nDate: Thu, 05 Mar 2026 07:00:00 +0000\n"
              "Message-ID: <news-1@korabank.example>\nList-Unsubscribe: <mailto:leave@korabank.example>\n"
              "Precedence: bulk\n\nOur graduates ran a marathon for charity this month.\n\n")


def test_reading_a_mailbox_lists_what_it_shows_and_says_what_was_read(store, tmp_path):
    session, parts, _ = review(store)
    parts["path"].value = f"  '{mbox(tmp_path, thank_you(), NEWSLETTER)}' "
    states = []
    parts["read"].observe(lambda c: states.append((c["name"], c["new"])), names=["disabled", "description"])
    parts["read"].click()

    assert ("disabled", True) in states and ("description", "Reading\N{HORIZONTAL ELLIPSIS}") in states
    assert not parts["read"].disabled and parts["read"].description == "Read mail"
    assert "1 new event to review below." in text_of(parts["message"].value)
    assert text_of(parts["summary"].value).startswith("read 2 messages")
    (pid, row), = parts["rows"].items()
    assert row["kind"].value == "thank_you_sent" and row["interview_id"] == "I1"
    shown = " ".join(text_of(row["evidence"].value).strip("\u201c\u201d").split())
    assert shown and shown.rstrip("\N{HORIZONTAL ELLIPSIS}.") in " ".join(LETTER.split())
    row["accept"].click()
    assert events_of(store, "I1")["kind"].tolist() == ["thank_you_sent"]
    assert action(session, "I1") != "send_thank_you"


def test_an_uploaded_file_is_read_from_a_private_copy_deleted_after_the_scan(store, tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    _, parts, _ = review(store)
    data = thank_you().encode("utf-8")
    parts["upload"].value = ({"name": "../../Sent.mbox", "type": "application/mbox", "size": len(data),
                              "content": memoryview(data), "last_modified": dt.datetime(2026, 3, 6, tzinfo=dt.UTC)},)
    parts["read"].click()
    assert [row["kind"].value for row in parts["rows"].values()] == ["thank_you_sent"]
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "Sent.mbox").exists()
    assert parts["upload"].value == ()


def test_a_message_rejected_is_not_proposed_again_when_the_mail_is_read_again(store, tmp_path):
    _, parts, _ = review(store)
    parts["path"].value = str(mbox(tmp_path, thank_you()))
    parts["read"].click()
    (row,) = parts["rows"].values()
    row["reject"].click()
    # The same message, found again in another folder of another export.
    parts["path"].value = str(mbox(tmp_path, thank_you(), name="All mail.mbox"))
    parts["read"].click()
    assert parts["rows"] == {}
    assert "Nothing new to review in this mail." in text_of(parts["message"].value)
    assert events_of(store, "I1").empty


def test_mail_with_nothing_to_use_says_so_beside_the_button(store, tmp_path):
    _, parts, _ = review(store)
    parts["path"].value = str(mbox(tmp_path, NEWSLETTER))
    parts["read"].click()
    assert "Nothing new to review in this mail." in text_of(parts["message"].value)
    assert text_of(parts["summary"].value).startswith("read 1 message")
    assert parts["rows"] == {} and store.proposals("C1").empty


def test_a_message_from_another_address_is_read_when_the_coach_gives_it(store, tmp_path):
    _, parts, _ = review(store)
    parts["path"].value = str(mbox(tmp_path, thank_you(sender="amara.okafor@uni.example")))
    parts["also_from"].value = "amara.okafor@uni.example"
    parts["read"].click()
    assert [row["kind"].value for row in parts["rows"].values()] == ["thank_you_sent"]


@pytest.mark.parametrize(("typed", "address", "said"), [
    ("{tmp}/nowhere.mbox", "", "{tmp}/nowhere.mbox: not a mailbox (no such file or folder)"),
    ("{tmp}/interviews.csv", "", "{tmp}/interviews.csv: not a mailbox"),
    ("{tmp}/Sent.mbox", "amara at home", "also from: 'amara at home' is not an email address"),
    ("", "", "type the path of the candidate's mailbox export, or upload a file"),
])
def test_a_path_or_address_that_will_not_do_is_said_in_one_line_and_nothing_is_written(
        store, tmp_path, typed, address, said):
    (tmp_path / "interviews.csv").write_text(INTERVIEWS, encoding="utf-8")
    mbox(tmp_path, thank_you())
    _, parts, _ = review(store)
    parts["path"].value = typed.format(tmp=tmp_path)
    parts["also_from"].value = address
    parts["read"].click()
    shown = text_of(parts["message"].value)
    assert "fk-error" in parts["message"].value and said.format(tmp=tmp_path) in shown
    assert "\n" not in shown and "Traceback" not in shown
    assert store.proposals("C1").empty and parts["rows"] == {}
    assert not parts["read"].disabled and parts["read"].description == "Read mail"
