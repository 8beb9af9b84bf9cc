"""propose(): a stream of messages in, proposals and a count of every other message out, with the traps."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup_kit.data import schema
from followup_kit.data.csv_files import parse_csv
from followup_kit.inbox.propose import PROPOSAL_COLUMNS, Proposed, propose
from followup_kit.inbox.sources import Found
from followup_kit.words import human_date

CANDIDATE = {"candidate_id": "C1", "name": "Hannah Okafor", "email": "hannah@mail.example",
             "timezone": "Europe/London"}
INTERVIEWS = """interview_id,candidate_id,company,role,interviewer_name,interviewer_email,interview_date,promised_decision_date,round,application_id
I1,C1,Fernleaf Health,Data Analyst,Amara Lee,amara@fernleaf.example,2026-03-02,,1,
I2,C1,Fernleaf Health,Data Analyst,Tom Reed,tom@fernleaf.example,2026-03-16,,2,
I3,C1,Kora Bank,Clerk,Bob Ray,bob@korabank.example,2026-03-05,,,
I9,C2,Umoja Tech,Designer,Eve Moss,eve@umoja.example,2026-03-01,,,
"""
EVENTS = """event_id,interview_id,date,kind,channel,to_interviewer,note
E1,I3,2026-03-20,rejection,letter,,
"""

HANNAH = "Hannah Okafor <hannah@mail.example>"
AMARA = "Amara Lee <amara@fernleaf.example>"


def interviews():
    return schema.typed(schema.INTERVIEWS, parse_csv(INTERVIEWS.encode(), "interviews.csv").frame)


def events(text: str = EVENTS):
    return schema.typed(schema.EVENTS, parse_csv(text.encode(), "events.csv").frame)


def mail(sender: str, to: str, date: str | None, subject: str, body: str, *, message_id: str | None = "auto",
         extra: str = "", content_type: str = "text/plain; charset=utf-8") -> bytes:
    """A message's bytes, as an export holds it."""
    head = f"From: {sender}\nTo: {to}\n"
    if date is not None:
        head += f"Date: {date}\n"
    head += f"Subject: {subject}\n"
    if message_id == "auto":
        message_id = f"<{hashlib.sha1((sender + subject + str(date)).encode()).hexdigest()[:12]}@test>"
    if message_id is not None:
        head += f"Message-ID: {message_id}\n"
    return f"{head}{extra}MIME-Version: 1.0\nContent-Type: {content_type}\n\n{body}\n".encode()


def run(messages, **given) -> Proposed:
    found = [m if isinstance(m, Found) else Found("Inbox", f"message {n}", m) for n, m in enumerate(messages, 1)]
    given.setdefault("events", events())
    return propose(found, candidate=CANDIDATE, interviews=interviews(), **given)


THANK_YOU = mail(HANNAH, AMARA, "Tue, 3 Mar 2026 09:15:00 +0000", "Thank you",
                 "Dear Amara,\n\nThank you for taking the time to meet with me yesterday. I am very excited "
                 "about the Data Analyst role.\n\nBest regards,\nHannah")
INVITATION = mail(AMARA, HANNAH, "Fri, 6 Mar 2026 17:02:00 +0100", "Next steps",
                  "Hi Hannah,\n\nWe'd like to invite you to a second interview with Tom Reed.\n\nBest,\nAmara")
ATS_REJECTION = mail("Fernleaf Health <no-reply@greenhouse.io>", HANNAH, "Fri, 20 Mar 2026 09:00:00 +0000",
                     "Your application to Fernleaf Health",
                     "<p>Dear Hannah,</p><p>Thank you for your interest in the Data Analyst role at Fernleaf Health. "
                     "Unfortunately, we have decided to move forward with other candidates.</p>"
                     "<p>The Fernleaf Talent Team</p>", content_type="text/html; charset=utf-8")


def test_a_scan_proposes_each_event_with_its_evidence():
    result = run([THANK_YOU, INVITATION, ATS_REJECTION])
    frame = result.proposals
    assert list(frame.columns) == PROPOSAL_COLUMNS
    assert frame[["interview_id", "kind"]].values.tolist() == [
        ["I1", "thank_you_sent"], ["I1", "next_round"], ["I2", "rejection"]]
    assert frame["date"].tolist() == ["2026-03-03T09:15:00+00:00", "2026-03-06T17:02:00+01:00",
                                      "2026-03-20T09:00:00+00:00"]
    assert frame["channel"].tolist() == ["email"] * 3
    assert frame["to_interviewer"].tolist()[0] is True and frame["to_interviewer"].isna().tolist()[1:] == [True] * 2
    assert frame["evidence"].tolist() == [
        "Thank you for taking the time to meet with me yesterday.",
        "We'd like to invite you to a second interview with Tom Reed.",
        "Unfortunately, we have decided to move forward with other candidates."]
    assert frame["message_id"].str.fullmatch(r"<\w+@test>").all()
    assert (result.read, result.matched, result.proposed) == (3, 3, 3)
    assert str(frame["to_interviewer"].dtype) == "boolean"


def test_proposals_come_in_date_order_whatever_order_the_folders_give():
    result = run([ATS_REJECTION, INVITATION, THANK_YOU])
    assert result.proposals["kind"].tolist() == ["thank_you_sent", "next_round", "rejection"]


def test_a_follow_up_to_a_recruiter_is_not_to_the_interviewer():
    follow_up = mail(HANNAH, "Jo <jo@fernleaf.example>", "Thu, 12 Mar 2026 08:00:00 +0000",
                     "Data Analyst", "Dear Jo,\n\nI wanted to ask whether a decision has been made on the Data "
                     "Analyst role.\n\nBest,\nHannah")
    result = run([follow_up], events=events("event_id,interview_id,date,kind,channel,to_interviewer,note\n"))
    assert result.proposals[["interview_id", "kind"]].values.tolist() == [["I1", "follow_up_sent"]]
    assert result.proposals["to_interviewer"].tolist() == [False]


# -- the traps ---------------------------------------------------------------------
def test_a_newsletter_from_the_employers_domain_is_bulk():
    newsletter = mail("Fernleaf News <news@fernleaf.example>", HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000",
                      "We are hiring!", "We are delighted to offer you a look at our new clinics.",
                      extra="List-Unsubscribe: <mailto:leave@fernleaf.example>\n")
    bulk = mail(AMARA, HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000", "Team news",
                "We would like to invite you to our open day.", extra="Precedence: bulk\n")
    result = run([newsletter, bulk])
    assert result.proposed == 0 and result.ignored["bulk"] == 2


@pytest.mark.parametrize(("subject", "extra"), [
    ("Out of Office: Thank you", ""), ("Automatic reply: Thank you", ""), ("Abwesenheitsnotiz: Danke", ""),
    ("Re: Thank you", "Auto-Submitted: auto-replied\n"), ("Re: Thank you", "X-Autoreply: yes\n"),
])
def test_an_out_of_office_reply_is_never_proposed(subject, extra):
    reply = mail(AMARA, HANNAH, "Tue, 3 Mar 2026 09:16:00 +0000", subject,
                 "I am out of the office until Monday. We'll be in touch next week.", extra=extra)
    result = run([reply])
    assert result.proposed == 0 and result.ignored["auto_reply"] == 1


def test_a_hiring_systems_generated_rejection_is_still_read():
    generated = ATS_REJECTION.replace(b"MIME-Version", b"Auto-Submitted: auto-generated\nMIME-Version")
    assert run([generated]).proposals["kind"].tolist() == ["rejection"]
    # From a person's address, a generated message is an automatic one.
    personal = INVITATION.replace(b"MIME-Version", b"Auto-Submitted: auto-generated\nMIME-Version")
    assert run([personal]).ignored["auto_reply"] == 1


def test_an_ats_subject_that_reads_like_an_invitation_is_what_its_body_says():
    assert run([ATS_REJECTION]).proposals["kind"].tolist() == ["rejection"]
    receipt = mail("Fernleaf Health <no-reply@greenhouse.io>", HANNAH, "Fri, 20 Mar 2026 09:00:00 +0000",
                   "Your application to Fernleaf Health", "Thank you for applying. We have received your "
                   "application and our team is reviewing it.")
    result = run([receipt])
    assert result.proposed == 0 and result.ignored["nothing_to_use"] == 1


def test_a_forwarded_offer_is_the_candidate_passing_it_on():
    forward = mail(HANNAH, "Mum <mum@gmail.com>", "Sat, 21 Mar 2026 10:00:00 +0000", "Fwd: Your offer from Fernleaf",
                   "Look what came in!\n\n---------- Forwarded message ---------\nFrom: Tom Reed "
                   "<tom@fernleaf.example>\nDate: Fri, 20 Mar 2026\nSubject: Your offer\n\nDear Hannah, we are "
                   "delighted to offer you the position of Data Analyst.\n\nBest,\nTom")
    result = run([forward])
    assert result.proposed == 0 and result.ignored["nothing_to_use"] == 1


def test_a_reply_quoting_the_employers_rejection_is_a_reply():
    reply = mail(HANNAH, "Tom Reed <tom@fernleaf.example>", "Sat, 21 Mar 2026 10:00:00 +0000",
                 "Re: Your application", "Dear Tom,\n\nThank you for letting me know. I enjoyed meeting the team "
                 "and would welcome any feedback.\n\nKind regards,\nHannah\n\nOn Fri, 20 Mar 2026 at 09:00, Tom "
                 "Reed <tom@fernleaf.example> wrote:\n> Unfortunately, we have decided not to move forward with "
                 "your application.", extra="In-Reply-To: <not-in-this-export@fernleaf.example>\n")
    result = run([reply])
    assert result.proposals[["interview_id", "kind", "evidence"]].values.tolist() == [
        ["I2", "reply_sent", "Thank you for letting me know."]]
    assert result.proposals["to_interviewer"].tolist() == [True]
    # With the rejection in the mailbox too, the reply follows it.
    both = run([reply, ATS_REJECTION])
    assert both.proposals["kind"].tolist() == ["rejection", "reply_sent"]


def test_one_message_in_all_mail_and_in_sent_is_proposed_once():
    result = run([Found("All Mail.mbox", "message 4", THANK_YOU, labels=("Sent",)),
                  Found("Sent.mbox", "message 1", THANK_YOU)])
    assert result.proposed == 1 and result.ignored["duplicate"] == 1


def test_a_thank_you_sent_before_the_interview_by_mistake_is_no_event():
    early = THANK_YOU.replace(b"Tue, 3 Mar 2026", b"Sun, 1 Mar 2026")
    result = run([early])
    assert result.proposed == 0 and result.ignored["before_interview"] == 1


def test_the_day_is_the_candidates_own():
    # 23:30 in New York on 1 March is 2 March in London, the candidate's zone: the interview's day.
    late = THANK_YOU.replace(b"Tue, 3 Mar 2026 09:15:00 +0000", b"Sun, 1 Mar 2026 23:30:00 -0500")
    result = run([late])
    assert result.proposals["date"].tolist() == ["2026-03-01T23:30:00-05:00"]


def test_only_the_candidates_own_interviews_are_considered():
    other = mail("Eve Moss <eve@umoja.example>", HANNAH, "Fri, 20 Mar 2026 09:00:00 +0000", "Offer",
                 "We are delighted to offer you the Designer role.")
    result = run([other])
    assert result.proposed == 0 and result.ignored["not_about_an_interview"] == 1 and result.matched == 0


# -- what is never proposed again ---------------------------------------------------
def test_known_message_ids_are_already_decided():
    first = run([THANK_YOU])
    again = run([THANK_YOU], known=set(first.proposals["message_id"]))
    assert again.proposed == 0 and again.ignored["already_decided"] == 1


def test_an_event_already_in_the_store_on_that_day():
    kora = mail("Bob Ray <bob@korabank.example>", HANNAH, "Fri, 20 Mar 2026 16:00:00 +0000", "Clerk role",
                "Dear Hannah, unfortunately we will not be moving forward with your application.")
    result = run([kora])
    assert result.proposed == 0 and result.ignored["already_in_store"] == 1
    assert run([kora], events=events("event_id,interview_id,date,kind,channel,to_interviewer,note\n")).proposed == 1


def test_since_leaves_out_older_mail():
    result = run([THANK_YOU, ATS_REJECTION], since=dt.date(2026, 3, 10))
    assert result.proposals["kind"].tolist() == ["rejection"]
    assert result.ignored["before_since"] == 1


# -- unreadable ----------------------------------------------------------------------
def test_unreadable_messages_are_counted_and_named():
    no_date = mail(AMARA, HANNAH, None, "Hello", "We'll be in touch next week.")
    bad_date = mail(AMARA, HANNAH, "the day after tomorrow", "Hello", "We'll be in touch next week.")
    broken = mail(AMARA, HANNAH, "Fri, 6 Mar 2026 09:00:00 +0000", "Hi", "!!!!****",
                  extra="Content-Transfer-Encoding: base64\n")
    cut = Found("Inbox.mbox", "message 9", None, problem="the file ends inside this message")
    result = run([no_date, bad_date, broken, cut, INVITATION])
    assert result.unreadable == [("Inbox", "message 1", "no Date header"),
                                 ("Inbox", "message 2", "a Date header that is not a date"),
                                 ("Inbox", "message 3", "broken encoding"),
                                 ("Inbox.mbox", "message 9", "the file ends inside this message")]
    assert result.read == 5 and result.proposed == 1


def test_a_message_without_an_id_gets_one_from_its_date_sender_and_subject():
    bare = mail(AMARA, HANNAH, "Fri, 6 Mar 2026 17:02:00 +0100", "Next steps",
                "We'd like to invite you to a second interview.", message_id=None)
    made = run([bare]).proposals["message_id"].tolist()
    seed = "Fri, 06 Mar 2026 17:02:00 +0100\nAmara Lee <amara@fernleaf.example>\nNext steps"
    assert made == [f"<{hashlib.sha256(seed.encode()).hexdigest()}@followup-kit>"]
    assert run([bare, bare]).ignored["duplicate"] == 1


# -- the summary ----------------------------------------------------------------------
def test_the_summary_in_plain_words():
    newsletter = mail("News <news@fernleaf.example>", HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000", "News", "Hi",
                      extra="List-Unsubscribe: <mailto:x@fernleaf.example>\n")
    shop = mail("Shop <sales@shop.example>", HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000", "Sale", "Buy")
    cut = Found("Inbox.mbox", "message 9", None, problem="the file ends inside this message")
    result = run([THANK_YOU, newsletter, newsletter.replace(b"@test", b"@other"), shop, cut])
    assert result.summary() == (
        "read 5 messages: 3 about Hannah Okafor's interviews, 1 proposed, ignored 2 (2 newsletters), "
        "1 unreadable (Inbox.mbox, message 9: the file ends inside this message)")
    one = run([newsletter], since=dt.date(2026, 3, 1))
    assert one.summary() == "read 1 message: 1 about Hannah Okafor's interviews, 0 proposed, ignored 1 (1 newsletter)"
    old = run([THANK_YOU], since=dt.date(2026, 4, 1))
    assert old.summary().startswith(f"read 1 message (1 sent before {human_date('2026-04-01')}): 0 about")


# -- speed: only the messages that could matter are parsed ----------------------------
@dataclass(frozen=True)
class Counted(Found):
    """A message that records whether it was parsed."""

    parsed: list | None = None

    def headers(self):
        self.parsed.append(("headers", self.where))
        return super().headers()

    def message(self):
        self.parsed.append(("message", self.where))
        return super().message()


def test_mail_from_nobody_of_the_interviews_is_never_parsed():
    parsed: list = []
    noise = [mail(f"Friend <friend{n}@gmail.com>", HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000", "Hi", "Lunch?")
             for n in range(20)]
    noise.append(mail("Shop <noreply@shop.example>", HANNAH, "Sat, 21 Mar 2026 09:00:00 +0000", "Sale", "Buy now"))
    found = [Counted("Inbox", f"message {n}", raw, parsed=parsed) for n, raw in enumerate([*noise, THANK_YOU])]
    result = propose(found, candidate=CANDIDATE, interviews=interviews(), events=events())
    assert result.proposed == 1
    assert {where for _, where in parsed} == {f"message {len(noise)}"}


def test_the_proposals_frame_is_empty_but_typed_when_nothing_is_found():
    result = run([])
    assert result.proposals.empty and list(result.proposals.columns) == PROPOSAL_COLUMNS
    assert result.summary() == "read 0 messages: 0 about Hannah Okafor's interviews, 0 proposed"
    assert isinstance(result.proposals, pd.DataFrame)


# -- what came before a message decides what it is -----------------------------------------
def test_on_the_interviews_day_an_answer_to_an_earlier_message_is_from_before_it():
    early = mail(HANNAH, AMARA, "Sun, 1 Mar 2026 21:00:00 +0000", "Thank you", "Dear Amara,\n\nThank you for "
                 "meeting me today.\n\nHannah", message_id="<early@test>")
    answer = mail(AMARA, HANNAH, "Mon, 2 Mar 2026 08:00:00 +0000", "RE: Thank you",
                  "Ha, no problem at all, it happens! Speak later.", extra="In-Reply-To: <early@test>\n")
    see_you = mail(AMARA, HANNAH, "Mon, 2 Mar 2026 08:30:00 +0000", "Today",
                   "Hi Hannah, thanks for your note. See you at 2.", extra="In-Reply-To: <other@test>\n")
    result = run([early, answer, see_you])
    assert result.proposed == 0 and result.ignored["before_interview"] == 3


def test_an_invitation_to_a_round_already_offered_is_the_employer_answering():
    calendar = mail("Tanya <tanya@fernleaf.example>", HANNAH, "Mon, 9 Mar 2026 09:30:00 +0000", "Second interview",
                    "Hi Hannah,\n\nPlease see the attached calendar invitation for your second interview with Tom "
                    "on Monday 16 March.\n\nTanya")
    result = run([INVITATION, calendar])
    assert result.proposals["kind"].tolist() == ["next_round", "employer_response"]
    logged = events("event_id,interview_id,date,kind,channel,to_interviewer,note\nE1,I1,2026-03-05,next_round,phone,,\n")
    assert run([calendar], events=logged).proposals["kind"].tolist() == ["employer_response"]


def test_an_offer_logged_the_same_day_is_already_in_the_store():
    offer = mail("Tom Reed <tom@fernleaf.example>", HANNAH, "Fri, 20 Mar 2026 15:00:00 +0000", "Offer",
                 "Hi Hannah,\n\nAs discussed on the phone, I'm delighted to extend you an offer for the Data "
                 "Analyst role.\n\nTom")
    logged = events("event_id,interview_id,date,kind,channel,to_interviewer,note\nE1,I2,2026-03-20,offer,phone,,\n")
    result = run([offer], events=logged)
    assert result.proposed == 0 and result.ignored["already_in_store"] == 1
    welcome = mail("Tom Reed <tom@fernleaf.example>", HANNAH, "Tue, 24 Mar 2026 15:00:00 +0000", "RE: Offer",
                   "Delighted, Hannah! HR will send the contract over today.", extra="In-Reply-To: <yes@test>\n")
    accept = mail(HANNAH, "Tom Reed <tom@fernleaf.example>", "Mon, 23 Mar 2026 15:00:00 +0000", "Re: Offer",
                  "Dear Tom,\n\nThank you so much, I am delighted to accept the offer.\n\nHannah",
                  message_id="<yes@test>", extra="In-Reply-To: <offer@test>\n")
    both = run([offer, accept, welcome], events=logged)
    assert both.proposals["kind"].tolist() == ["reply_sent", "employer_response"]


def test_the_candidates_answer_not_written_as_a_reply():
    answer = mail(HANNAH, AMARA, "Sat, 7 Mar 2026 10:00:00 +0000", "Second interview",
                  "Hi Amara,\n\nJust got the invitation for the 16th, thank you! That time works for me.\n\nHannah")
    result = run([INVITATION, answer])
    assert result.proposals[["kind", "evidence"]].values.tolist()[1] == ["reply_sent", "That time works for me."]
    assert run([answer]).proposed == 0


def test_a_hiring_systems_body_that_cannot_be_read_is_unreadable():
    broken = mail("Fernleaf Health <no-reply@greenhouse.io>", HANNAH, "Fri, 20 Mar 2026 09:00:00 +0000", "Update",
                  "!!!!****", extra="Content-Transfer-Encoding: base64\n")
    result = run([broken])
    assert result.unreadable == [("Inbox", "message 1", "broken encoding")]


@given(st.sampled_from([THANK_YOU, INVITATION, ATS_REJECTION]), st.integers(0, 2000), st.binary(max_size=40),
       st.integers(0, 2000))
@settings(max_examples=80)
def test_mangled_bytes_are_counted_never_a_traceback(raw, at, inserted, cut):
    mangled = (raw[:at] + inserted + raw[at:])[:max(cut, 1)]
    result = run([mangled, THANK_YOU.replace(b"@test", b"@kept")])
    counted = result.proposed + sum(result.ignored.values()) + len(result.unreadable)
    assert counted == result.read == 2
    assert "thank_you_sent" in result.proposals["kind"].tolist()


def test_the_candidate_writing_to_a_hiring_system_is_matched_by_the_name_it_goes_by():
    confirm = mail(HANNAH, "Fernleaf Health <notifications@smartrecruiters.com>", "Sat, 7 Mar 2026 10:00:00 +0000",
                   "Re: Interview invitation - Round 2",
                   "Hello,\n\nThe link did not work, so I'm confirming here that I will attend on 16 March at 10:00.")
    result = run([INVITATION, confirm])
    assert result.proposals[["interview_id", "kind"]].values.tolist() == [["I1", "next_round"], ["I1", "reply_sent"]]
    elsewhere = confirm.replace(b"Fernleaf Health <notif", b"Talent Team <notif")
    assert run([elsewhere]).ignored["not_about_an_interview"] == 1


def test_a_role_named_in_passing_is_not_an_application_yet_to_be_interviewed_for():
    later = "I5,C1,Fernleaf Health,\"Staff Engineer, Platform\",Rob Hale,rob@fernleaf.example,2026-04-01,,1,\n"
    frame = schema.typed(schema.INTERVIEWS, parse_csv((INTERVIEWS + later).encode(), "interviews.csv").frame)
    invite = mail(AMARA, HANNAH, "Fri, 6 Mar 2026 17:02:00 +0100", "Next step",
                  "Hi Hannah,\n\nThe next step is a design interview with one of our staff engineers.\n\nAmara")
    result = propose([Found("Inbox", "message 1", invite)], candidate=CANDIDATE, interviews=frame, events=events())
    assert result.proposals[["interview_id", "kind"]].values.tolist() == [["I1", "next_round"]]
    # Written out in full, the role still picks its application, though its interview is to come.
    named = invite.replace(b"one of our staff engineers", b"the Staff Engineer, Platform team")
    result = propose([Found("Inbox", "message 1", named)], candidate=CANDIDATE, interviews=frame, events=events())
    assert result.ignored["before_interview"] == 1


def test_an_offer_made_on_the_phone_then_in_writing_is_an_offer_each_time():
    spoken = mail("Tom Reed <tom@fernleaf.example>", HANNAH, "Fri, 20 Mar 2026 15:00:00 +0000", "Offer",
                  "Hi Hannah,\n\nAs discussed on the phone, I'm delighted to offer you the Data Analyst role.\n\nTom")
    written = mail("Fernleaf Health <no-reply@greenhouse.io>", HANNAH, "Mon, 23 Mar 2026 09:00:00 +0000",
                   "Fernleaf Health has sent you an offer",
                   "Hi Hannah,\n\nFernleaf Health has sent you an offer for the Data Analyst position. Please "
                   "review the attached offer letter.")
    result = run([spoken, written])
    assert result.proposals["kind"].tolist() == ["offer", "offer"]


# -- mail arranging a round already set, and an offer the store holds --------------------------------
NO_EVENTS = "event_id,interview_id,date,kind,channel,to_interviewer,note\n"


def test_the_reminder_on_the_eve_of_a_round_the_store_holds_is_from_before_that_round():
    eve = mail("Jo Platt <jo@fernleaf.example>", HANNAH, "Sun, 15 Mar 2026 16:00:00 +0000", "RE: Second interview",
               "Hi Hannah,\n\nFor tomorrow, please bring your passport and a printed copy of the case study. "
               "Tom will meet you in Room 3.\n\nJo", extra="In-Reply-To: <yes@test>\n")
    accept = mail(HANNAH, "Jo Platt <jo@fernleaf.example>", "Sat, 7 Mar 2026 10:00:00 +0000", "Re: Second interview",
                  "Hi Jo,\n\nThank you, the 16th at 10:00 works for me.\n\nHannah", message_id="<yes@test>")
    result = run([INVITATION, accept, eve], events=events(NO_EVENTS))
    assert result.proposals["kind"].tolist() == ["next_round", "reply_sent"]
    assert result.ignored["before_interview"] == 1
    # The same note a week before the round answers her: the employer's response of the first round.
    earlier = eve.replace(b"Sun, 15 Mar 2026", b"Mon, 9 Mar 2026").replace(b"For tomorrow", b"For the 16th")
    assert run([INVITATION, accept, earlier], events=events(NO_EVENTS)).proposals["kind"].tolist()[-1] == \
        "employer_response"


@pytest.mark.parametrize(("text", "kind"), [
    ("Unfortunately we have decided not to move forward, so tomorrow's interview is cancelled.", "rejection"),
    ("Could we start tomorrow at 11:00 instead of 10:00? Tom has a clash.", "employer_response"),
])
def test_on_the_eve_of_a_round_a_decision_or_a_question_is_still_news(text, kind):
    eve = mail("Jo Platt <jo@fernleaf.example>", HANNAH, "Sun, 15 Mar 2026 16:00:00 +0000", "RE: Second interview",
               f"Hi Hannah,\n\n{text}\n\nJo", extra="In-Reply-To: <yes@test>\n")
    accept = mail(HANNAH, "Jo Platt <jo@fernleaf.example>", "Sat, 7 Mar 2026 10:00:00 +0000", "Re: Second interview",
                  "Hi Jo,\n\nThank you, the 16th at 10:00 works for me.\n\nHannah", message_id="<yes@test>")
    result = run([INVITATION, accept, eve], events=events(NO_EVENTS))
    assert result.proposals[["interview_id", "kind"]].values.tolist()[-1] == ["I1", kind]


def _system_calendar(date: str) -> bytes:
    calendar = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20260316T100000Z\r\n"
                "SUMMARY:Second interview: Hannah Okafor / Fernleaf Health\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    body = ("--B\nContent-Type: text/plain\n\nYour second interview for the Data Analyst role at Fernleaf Health is "
            "confirmed. The case brief is attached.\n"
            f"--B\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n{calendar}--B--")
    return mail("Fernleaf Health <no-reply@greenhouse.io>", HANNAH, date, "Interview confirmation: Fernleaf Health",
                body, content_type="multipart/mixed; boundary=B")


def test_a_systems_calendar_confirmation_of_the_round_offered_is_from_before_that_round():
    result = run([INVITATION, _system_calendar("Mon, 9 Mar 2026 09:00:00 +0000")], events=events(NO_EVENTS))
    assert result.proposals["kind"].tolist() == ["next_round"]
    assert result.ignored["before_interview"] == 1
    # With no round offered before it, the system's calendar request is the invitation itself.
    alone = run([_system_calendar("Mon, 9 Mar 2026 09:00:00 +0000")], events=events(NO_EVENTS))
    assert alone.proposals[["interview_id", "kind"]].values.tolist() == [["I1", "next_round"]]


def _written_offer(date: str) -> bytes:
    return mail("Tom Reed <tom@fernleaf.example>", HANNAH, date, "Offer of employment",
                "Hi Hannah,\n\nFurther to our call, please find attached your offer letter for the Data Analyst "
                "role.\n\nTom")


def test_the_letter_after_an_offer_the_store_holds_is_that_offer_unless_she_answered_it_between():
    logged = events(NO_EVENTS + "E1,I2,2026-03-20,offer,phone,,\n")
    result = run([_written_offer("Sat, 21 Mar 2026 11:00:00 +0000")], events=logged)
    assert result.proposed == 0 and result.ignored["already_in_store"] == 1
    # Ten days on, or after she asked for more: an offer made again, which she must answer.
    assert run([_written_offer("Mon, 30 Mar 2026 11:00:00 +0000")], events=logged).proposals["kind"].tolist() == \
        ["offer"]
    counter = mail(HANNAH, "Tom Reed <tom@fernleaf.example>", "Fri, 20 Mar 2026 18:00:00 +0000", "Re: Offer",
                   "Dear Tom,\n\nThank you for the offer. Would you be able to go to 55,000 for the base?\n\nHannah")
    again = run([counter, _written_offer("Sun, 22 Mar 2026 11:00:00 +0000")], events=logged)
    assert again.proposals["kind"].tolist() == ["reply_sent", "offer"]


def test_a_hiring_system_writing_from_a_country_domain_is_read():
    rejection = ATS_REJECTION.replace(b"no-reply@greenhouse.io", b"fernleaf@myworkday.eu")
    assert run([rejection]).proposals[["interview_id", "kind"]].values.tolist() == [["I2", "rejection"]]
