"""A message's own words: quoted history, forwards and signatures set apart, HTML read as text."""

from __future__ import annotations

import datetime as dt
import email
import email.policy

import pytest

from followup_kit.data.store.mail import EVIDENCE_LIMIT
from followup_kit.inbox.reading import evidence, html_text, read_message, read_text


def parsed(raw: str | bytes):
    data = raw.encode() if isinstance(raw, str) else raw
    return email.message_from_bytes(data, policy=email.policy.default)


def test_quoted_lines_are_history_not_words():
    read = read_text("Tuesday at 10 works for me.\n\n> Are you free on Tuesday?\n> Amara")
    assert read.text == "Tuesday at 10 works for me."
    assert "Are you free on Tuesday?" in read.quoted


@pytest.mark.parametrize("attribution", [
    "On Tue, 3 Mar 2026 at 10:12, Amara Lee <amara@fernleaf.example> wrote:",
    "On Tue, 3 Mar 2026 at 10:12, Amara Lee <amara@fernleaf.example>\nwrote:",
    "On 3/3/26, 10:12 AM, \"Amara Lee\" <amara@fernleaf.example> wrote:",
    "On Mar 3, 2026, at 10:12, Amara Lee\n<amara@fernleaf.example> wrote:",
])
def test_on_wrote_starts_the_history_even_wrapped(attribution):
    body = f"Thank you, I will send them today.\n\n{attribution}\nCould you send two references?\n"
    read = read_text(body)
    assert read.text == "Thank you, I will send them today."
    assert read.quoted == "Could you send two references?"
    assert "amara@fernleaf.example" in read.quoted_from
    assert "wrote:" not in read.text


def test_outlook_original_message_and_header_block():
    marked = read_text("Thanks, I'm available on Tuesday.\n\n-----Original Message-----\nFrom: Amara\n"
                       "Sent: Monday\nTo: Hannah\nSubject: Interview\n\nWould Tuesday suit you?")
    assert marked.text == "Thanks, I'm available on Tuesday."
    assert "Would Tuesday suit you?" in marked.quoted
    block = read_text("Tuesday works.\n\nFrom: Amara Lee <amara@fernleaf.example>\nSent: Monday, March 2, 2026 "
                      "9:00 AM\nTo: Hannah Okafor\nSubject: RE: interview\n\nWe are sorry to say no.")
    assert block.text == "Tuesday works."
    assert block.quoted == "We are sorry to say no."
    assert block.quoted_from == "Amara Lee <amara@fernleaf.example>"


def test_a_forwarded_message_is_kept_apart_with_its_sender():
    read = read_text("FYI, look what came in!\n\n---------- Forwarded message ---------\n"
                     "From: Amara Lee <amara@fernleaf.example>\nDate: Tue, 3 Mar 2026 at 10:12\n"
                     "Subject: Your offer\nTo: Hannah <hannah@mail.example>\n\n"
                     "Dear Hannah, we are delighted to offer you the role.\n\nKind regards,\nAmara")
    assert read.text == "FYI, look what came in!"
    assert read.forwarded is not None
    assert "delighted to offer you the role" in read.forwarded.text
    assert read.forwarded_from == "Amara Lee <amara@fernleaf.example>"
    assert "offer" not in read.text


def test_an_outlook_forward_is_forwarded_when_the_subject_says_so():
    body = ("See below.\n\nFrom: Amara Lee <amara@fernleaf.example>\nSent: Monday\nTo: Hannah\n"
            "Subject: Offer\n\nWe are delighted to offer you the role.")
    assert read_text(body, forwarding=True).forwarded is not None
    assert read_text(body).forwarded is None


def test_signatures_are_left_out():
    dashed = read_text("We will decide by Friday.\n-- \nAmara Lee\nTalent Partner\n+44 20 7946 0000")
    assert dashed.text == "We will decide by Friday."
    signed = read_text("We will decide by Friday.\n\nKind regards,\nAmara Lee\nTalent Partner | Fernleaf Health")
    assert "Talent Partner" not in signed.text and "Amara Lee" not in signed.text
    assert "We will decide by Friday." in signed.text


def test_wrapped_lines_are_one_sentence_again():
    read = read_text("Dear Hannah,\n\nUnfortunately, we have decided that we will not\nmove forward with your "
                     "application at this time.\n\nBest,\nAmara")
    assert "we will not move forward with your application" in read.text
    flowed = read_text("We would like to invite you to a \nsecond interview.\n", flowed=True)
    assert "invite you to a second interview." in flowed.text
    # A greeting and a short name line stay lines of their own.
    assert read.text.startswith("Dear Hannah,\n")


def test_html_is_read_as_its_text():
    html = ("<html><head><style>p{color:red}</style><script>var x='hidden';</script></head><body>"
            "<div style='display:none'>Preview text nobody sees</div><p>Hi <b>Hannah</b>,</p>"
            "<p>We&rsquo;d like to invite you<br>to a <i>final</i> interview.</p><table><tr><td>Time</td>"
            "<td>10:00</td></tr></table><div class='gmail_quote'>On Mon, 2 Mar 2026, Hannah &lt;hannah@mail."
            "example&gt; wrote:<blockquote><p>Thank you for the interview.</p></blockquote></div></body></html>")
    text = html_text(html)
    assert "color" not in text and "hidden" not in text and "Preview text" not in text
    assert "Hi Hannah," in text and "Time 10:00" in text
    assert "> Thank you for the interview." in text
    read = read_text(text)
    assert "We\u2019d like to invite you to a final interview." in read.text
    assert "Thank you for the interview." in read.quoted


def _alternative(plain: str, html: str) -> str:
    return ("From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=B\n\n"
            f"--B\nContent-Type: text/plain; charset=utf-8\n\n{plain}\n--B\nContent-Type: text/html; charset=utf-8\n\n"
            f"{html}\n--B--\n")


def test_the_plain_part_is_preferred_and_html_only_is_read():
    both = read_message(parsed(_alternative("The plain words.", "<p>The HTML words.</p>")))
    assert both.text == "The plain words."
    html_only = parsed("From: a@b.example\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n"
                       "<p>We are still <b>interviewing</b>.</p>")
    assert read_message(html_only).text == "We are still interviewing."


CALENDAR = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Europe/London:20260320T100000\r\n"
            "SUMMARY:Second interview: Data\r\n  Analyst\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_a_calendar_part_is_read_as_an_invitation():
    raw = ("From: a@b.example\nSubject: Invitation\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
           "--B\nContent-Type: text/plain\n\nPlease see the invitation.\n"
           f"--B\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n{CALENDAR}--B--\n")
    invitation = read_message(parsed(raw)).invitation
    assert invitation is not None
    assert invitation.method == "REQUEST"
    assert invitation.start == dt.date(2026, 3, 20)
    assert invitation.summary == "Second interview: Data Analyst"
    assert read_message(parsed("From: a@b.example\nSubject: x\n\nNo calendar.")).invitation is None


def test_a_message_forwarded_as_an_attachment_is_forwarded():
    inner = "From: Amara <amara@fernleaf.example>\nSubject: Offer\n\nWe are delighted to offer you the role.\n"
    raw = ("From: hannah@mail.example\nSubject: Fw: Offer\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
           f"boundary=B\n\n--B\nContent-Type: text/plain\n\nLook!\n--B\nContent-Type: message/rfc822\n\n{inner}--B--\n")
    read = read_message(parsed(raw))
    assert read.text == "Look!"
    assert "delighted to offer you the role" in read.forwarded.text


@pytest.mark.parametrize("raw", [
    b"From: a@b.example\nContent-Type: text/plain; charset=x-klingon\n\n\xff\xfe\xfa\xfb\xfc\xfd\xf0\xf1\n",
    b"From: a@b.example\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n!!!!****\n",
    b"From: a@b.example\nContent-Type: text/plain; charset=utf-8\n\n\xff\xfe\xfa\xfb\xfc\xfd\xf0\xf1 ok\n",
])
def test_a_body_that_cannot_be_decoded_is_broken_encoding(raw):
    read = read_message(parsed(raw))
    assert read.problem == "broken encoding"
    assert read.text == ""


def test_a_few_bad_bytes_or_an_unknown_charset_holding_utf8_still_read():
    odd = read_message(parsed(b"From: a@b.example\nContent-Type: text/plain; charset=utf-8\n\n"
                              b"We will decide by Friday, caf\xe9 aside.\n"))
    assert odd.problem is None and "decide by Friday" in odd.text
    unknown = read_message(parsed("From: a@b.example\nContent-Type: text/plain; charset=x-unknown\n\n"
                                  "Zoë, we will decide by Friday.\n".encode()))
    assert unknown.problem is None and unknown.text == "Zoë, we will decide by Friday."


def test_a_calendar_alone_reads_as_no_words_not_as_a_problem():
    raw = f"From: a@b.example\nSubject: Invitation\nContent-Type: text/calendar; method=REQUEST\n\n{CALENDAR}"
    read = read_message(parsed(raw))
    assert read.problem is None
    assert read.invitation is not None and read.invitation.start == dt.date(2026, 3, 20)


def test_evidence_is_one_line_of_at_most_300_characters_cut_at_a_word():
    assert evidence("We are  delighted\n\tto offer you the role.") == "We are delighted to offer you the role."
    long = "We are still interviewing " + "and reviewing candidates carefully " * 20
    shown = evidence(long)
    assert len(shown) <= EVIDENCE_LIMIT
    assert shown.endswith("\u2026")
    assert long.startswith(shown[:-1])
    assert shown[-2] != " " and long[len(shown) - 1] == " "


def test_a_reply_written_below_the_quote_is_the_senders_words():
    read = read_text("On 4/3/26 10:12 AM, Victor Osei wrote:\n> Hi Marcus,\n>\n> We have decided to move forward "
                     "with another candidate.\n>\n> Victor\n\nHi Victor,\n\nThank you for letting me know.\n\nBest,\n"
                     "Marcus\n")
    assert read.text.startswith("Hi Victor,")
    assert "Thank you for letting me know." in read.text and "another candidate" not in read.text
    assert "We have decided to move forward with another candidate." in read.quoted
    assert read.quoted_from == "On 4/3/26 10:12 AM, Victor Osei wrote:"


def test_a_message_whose_parts_never_close_is_cut_short():
    raw = ("From: a@b.example\nSubject: Contract\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
           "--B\nContent-Type: text/plain\n\nPlease find your contract attached.\n--B\nContent-Type: application/pdf\n"
           "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK")
    assert read_message(parsed(raw)).problem == "the message is cut short"
    assert read_message(parsed(raw + "\n--B--\n")).problem is None
