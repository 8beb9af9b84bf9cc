"""The coaching session's widgets, driven as a coach would: set values, click, read the store."""

from __future__ import annotations

import base64
import datetime as dt
import email
import email.policy
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import store_rows
from demo_case import demo_case, first_name
from followup_kit import FollowupKitError, Store, check_thank_you
from followup_kit.cli import main
from followup_kit.data.demo import demo_store
from followup_kit.playbook.next_steps import LETTER_FOR
from followup_kit.widgets import coaching_session

TODAY = "2026-11-01"
DEMO = demo_case()
WHO = DEMO.who
# The interviews of WHO's plan these tests write about, as the sample has them.
THANK_YOU = DEMO.step("send_thank_you")
WAITING = DEMO.waiting


@pytest.fixture
def store(tmp_path) -> Path:
    return demo_store(tmp_path / "demo.db")


@pytest.fixture
def app(store):
    return coaching_session(store, WHO, today=TODAY)


def test_the_agenda_lists_every_interview_overdue_first(app):
    _, parts = app
    agenda = parts["session"].agenda()
    # One line per application: its latest round.
    assert set(agenda["interview_id"]) == DEMO.latest_rounds
    overdue = agenda["overdue"].tolist()
    assert overdue == sorted(overdue, reverse=True) and overdue[0]
    assert agenda["action"].astype("str").tolist()[-1] == "none"
    assert parts["agenda"]["step"].value == agenda["interview_id"].iloc[0]
    (table,) = parts["agenda"]["table"].outputs
    assert "<table" in table["data"]["text/html"] and "OVERDUE" in table["data"]["text/html"]


def test_logging_an_event_writes_it_and_the_agenda_moves_on(app, store):
    _, parts = app
    session, log = parts["session"], parts["logger"]
    # A thank-you letter is overdue.
    thank = THANK_YOU["interview_id"]
    assert thank in session.agenda().query("action == 'send_thank_you'")["interview_id"].tolist()
    parts["agenda"]["step"].value = thank
    parts["agenda"]["log"].click()
    assert log["interview"].value == thank and log["kind"].value == "thank_you_sent"
    assert parts["tabs"].selected_index == 1
    log["date"].value = dt.date(2026, 11, 1)
    log["note"].value = "mentioned the payroll project"
    log["log"].click()
    assert f"Logged {DEMO.next_event_id}" in log["message"].value
    with Store(store, readonly=True) as s:
        event = s.events(candidate_id=WHO).set_index("event_id").loc[DEMO.next_event_id]
    assert (event["interview_id"], event["kind"], event["note"]) == (
        thank, "thank_you_sent", "mentioned the payroll project")
    step = session.agenda().set_index("interview_id").loc[thank]
    assert str(step["action"]) != "send_thank_you"
    assert log["note"].value == ""


@pytest.mark.parametrize(("field", "value", "says"), [
    ("date", None, "date:"),
    ("date", dt.date(2026, 1, 1), "before its interview"),
    ("channel", "email", None),
])
def test_a_bad_value_shows_the_message_beside_the_form_and_writes_nothing(app, store, field, value, says):
    _, parts = app
    log = parts["logger"]
    log["interview"].value = WAITING["interview_id"]
    log["kind"].value = "follow_up_sent"
    log[field].value = value
    before = store_rows(store)
    if says is None:
        # A good value is written: the check of this case is the one above it failing.
        log["log"].click()
        assert "Logged" in log["message"].value
        return
    log["log"].click()
    assert "fk-error" in log["message"].value and says in log["message"].value
    assert "Nothing was logged" in log["message"].value
    assert store_rows(store) == before


def test_a_promised_date_learned_later_is_saved_and_a_bad_email_refused(app, store):
    _, parts = app
    log, session = parts["logger"], parts["session"]
    waiting = WAITING["interview_id"]
    log["fix_interview"].value = waiting
    log["fix"]["interviewer_email"].value = "rhys at example"
    before = store_rows(store)
    log["save"].click()
    said = html.unescape(log["fix_message"].value)
    assert "interviewer's email: 'rhys at example' is not an email address" in said
    assert store_rows(store) == before
    log["fix"]["interviewer_email"].value = session.interviews.set_index("interview_id").loc[
        waiting, "interviewer_email"]
    log["fix"]["promised_decision_date"].value = dt.date(2026, 11, 20)
    log["save"].click()
    assert "Saved: promised decision date." in log["fix_message"].value
    with Store(store, readonly=True) as s:
        row = s.interviews(interview_id=waiting).iloc[0]
    assert row["promised_decision_date"].date() == dt.date(2026, 11, 20)
    reason = session.agenda().set_index("interview_id").loc[waiting, "reason"]
    # The plan now waits for the promise: the window opens three business days after it.
    assert "Wednesday 25 November" in reason and reason != WAITING["reason"]


def test_adding_an_interview_puts_it_on_the_agenda(app, store):
    _, parts = app
    new = parts["logger"]["new"]
    new["company"].value = "Fabrikam"
    new["role"].value = "Payroll Clerk"
    new["interviewer_name"].value = "Ngozi Adeyemi"
    new["interviewer_email"].value = "not-an-email"
    new["interview_date"].value = dt.date(2026, 10, 30)
    before = store_rows(store)
    parts["logger"]["add"].click()
    assert "interviewer's email: 'not-an-email'" in html.unescape(parts["logger"]["add_message"].value)
    assert store_rows(store) == before
    new["interviewer_email"].value = "ngozi@fabrikam.example"
    parts["logger"]["add"].click()
    added = DEMO.next_interview_id
    assert f"Added {added}" in parts["logger"]["add_message"].value
    agenda = parts["session"].agenda().set_index("interview_id")
    assert str(agenda.loc[added, "action"]) == "send_thank_you"
    assert parts["session"].selected == added


def test_every_view_observes_the_session(app, store):
    _, parts = app
    session, composer, log = parts["session"], parts["composer"], parts["logger"]
    # The session opens on the most urgent step, the composer on its letter.
    first = DEMO.steps.iloc[0]
    assert session.selected == first["interview_id"]
    assert composer["kind"].value == LETTER_FOR[first["action"]]
    # Another step, with another letter.
    other = DEMO.steps[DEMO.steps["action"].map(LETTER_FOR).notna()
                       & (DEMO.steps["action"].map(LETTER_FOR) != LETTER_FOR[first["action"]])].iloc[0]
    session.selected = other["interview_id"]
    assert (parts["agenda"]["step"].value == composer["interview"].value == log["interview"].value
            == log["fix_interview"].value == other["interview_id"])
    assert composer["kind"].value == LETTER_FOR[other["action"]]
    # Looking at the same interview again puts the composer back on the letter of its step.
    composer["kind"].value = "note"
    session.select(other["interview_id"])
    assert composer["kind"].value == LETTER_FOR[other["action"]]

    revisions = []
    session.observe(lambda change: revisions.append(change["new"]), names="revision")
    with Store(store) as other:
        added = other.add_interview(candidate_id=WHO, company="Northwind", role="Clerk",
                                    interviewer_name="Jo Ray", interviewer_email="jo@northwind.example",
                                    interview_date="2026-10-30")
    session.changed(selected=added)
    assert len(revisions) == 1
    assert added in [value for _, value in parts["agenda"]["step"].options]
    assert parts["agenda"]["step"].value == composer["interview"].value == log["interview"].value == added
    (table,) = parts["agenda"]["table"].outputs
    assert "Northwind" in table["data"]["text/html"]


def test_the_composer_drafts_a_letter_that_passes_its_checklist(app):
    _, parts = app
    composer = parts["composer"]
    parts["agenda"]["step"].value = THANK_YOU["interview_id"]
    parts["agenda"]["draft"].click()
    assert composer["interview"].value == THANK_YOU["interview_id"] and composer["kind"].value == "thank_you"
    composer["draft"].click()
    assert "strength" in composer["message"].value  # a thank-you letter needs one
    composer["new_strength"].value = "four years of project coordination"
    composer["add_strength"].click()
    composer["draft"].click()
    text = composer["text"].value
    assert "four years of project coordination" in text and first_name(THANK_YOU["interviewer_name"]) in text
    result = composer["state"]["check"]
    assert result.ok and result.parts == check_thank_you(text, interview={
        "interviewer_name": THANK_YOU["interviewer_name"], "role": THANK_YOU["role"],
        "company": THANK_YOU["company"]}).parts
    assert "Every part is there" in composer["checklist"].value
    # The download is the letter as an email file.
    eml = re.search(r'base64,([A-Za-z0-9+/=]+)"', composer["links"].value).group(1)
    message = email.message_from_bytes(base64.b64decode(eml), policy=email.policy.default)
    assert message["Subject"] == composer["subject"].value
    assert message.get_body().get_content().replace("\r\n", "\n").strip() == text.strip()
    assert "mailto:" in composer["links"].value


def test_a_pasted_letter_is_checked_as_it_is_edited(app):
    _, parts = app
    composer = parts["composer"]
    composer["interview"].value = WAITING["interview_id"]
    composer["kind"].value = "thank_you"
    composer["clear"].click()
    assert composer["state"]["check"] is None
    composer["text"].value = "Hi, thanks for the chat yesterday."
    first = composer["state"]["check"]
    assert first.parts["appreciation"] and not first.parts["interviewer"] and not first.parts["role"]
    assert "missing:</b> names the interviewer" in composer["checklist"].value
    composer["text"].value = (f"Dear {first_name(WAITING['interviewer_name'])},\n\nThanks for the chat "
                              f"yesterday. I am still keen on the {WAITING['role']} role, and my two years "
                              "of survey work would help.")
    assert composer["state"]["check"].ok


OFFER_REPLIES = {reply: text.format(first=first_name(THANK_YOU["interviewer_name"]), role=THANK_YOU["role"],
                                     company=THANK_YOU["company"]) for reply, text in {
    "polite decline": ("Dear {first},\n\nThank you so much for offering me the {role} role at {company}. "
                       "After a lot of thought I have decided to decline. I hope our paths cross again.\n\n"
                       "Best wishes,\nAroha"),
    "curt decline": "Dear {first}, thank you for the {role} offer. I must decline.",
    "acceptance": "Dear {first}, thank you for offering me the {role} role. I am delighted to accept.",
    "unclear": "Dear {first}, thank you for the {role} offer.",
}.items()}


@pytest.mark.parametrize("reply", sorted(OFFER_REPLIES))
def test_the_checklist_gives_the_verdict_the_cli_gives(app, store, tmp_path, capsys, reply):
    _, parts = app
    composer = parts["composer"]
    composer["interview"].value = THANK_YOU["interview_id"]
    composer["kind"].value = "offer_reply"
    composer["text"].value = OFFER_REPLIES[reply]
    result = composer["state"]["check"]
    letter = tmp_path / "reply.txt"
    letter.write_text(OFFER_REPLIES[reply], encoding="utf-8")
    code = main(["check", "--kind", "offer_reply", "--db", str(store), "--interview", THANK_YOU["interview_id"],
                 "--format", "json", str(letter)])
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["ok"] is result.clean and code == (0 if result.clean else 1)
    checklist = composer["checklist"].value
    assert ("Every part is there." in checklist) is result.clean
    assert ("Worth another look:" in checklist) is not result.clean
    assert checklist.count("missing:") == len(result.missing)
    if reply.endswith("decline"):
        assert "declines the offer" in checklist
        assert "says again that they want this job: not asked of a letter that declines" in checklist
    assert result.clean is (reply in ("polite decline", "acceptance"))


def test_the_composer_offers_to_accept_ask_for_time_or_decline(app):
    _, parts = app
    composer = parts["composer"]
    composer["interview"].value = THANK_YOU["interview_id"]
    composer["kind"].value = "thank_you"
    assert composer["intent"].layout.display == "none"
    composer["kind"].value = "offer_reply"
    assert composer["intent"].layout.display == "" and composer["reply_by"].layout.display == "none"
    assert [value for _, value in composer["intent"].options] == ["accept", "time", "decline"]
    composer["intent"].value = "time"
    assert composer["reply_by"].layout.display == ""
    composer["draft"].click()
    assert html.unescape(composer["message"].value).endswith(
        "answer by: choose the day you will give your answer by</span>")
    composer["reply_by"].value = dt.date(2026, 11, 13)
    for intent, says in (("time", "until Friday 13 November"), ("decline", "I have decided to decline"),
                         ("accept", "I am delighted to accept")):
        composer["intent"].value = intent
        composer["draft"].click()
        assert says in composer["text"].value
        assert composer["state"]["check"].intent == intent and composer["state"]["check"].clean
        assert "Every part is there." in composer["checklist"].value
    composer["kind"].value = "thank_you"
    assert composer["intent"].layout.display == "none" and composer["reply_by"].layout.display == "none"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.downloads = []

    def handle_starttag(self, tag, attrs):
        self.downloads += [value for name, value in attrs if tag == "a" and name == "download"]


def test_the_eml_download_is_named_after_the_company_as_written(app):
    _, parts = app
    session, composer = parts["session"], parts["composer"]
    added = session.store.add_interview(candidate_id=WHO, company="A&B <Freight>", role="Clerk",
                                        interviewer_name="Jo Ray", interviewer_email="jo@ab.example",
                                        interview_date="2026-10-28")
    session.changed()
    composer["interview"].value = added
    composer["kind"].value = "thank_you"
    composer["text"].value = "Dear Jo, thank you for the interview."
    links = _Links()
    links.feed(composer["links"].value)
    assert links.downloads == ["thank-you-A&B <Freight>.eml"]


@pytest.mark.parametrize(("kind", "tone", "typed", "sentence", "note"), [
    ("thank_you", "warm", ("My calm way with patients.", "i ran the ward rota"),
     "I bring my calm way with patients, I ran the ward rota, and I believe that would let me contribute",
     "\u201cMy calm way with patients.\u201d reads \u201cmy calm way with patients\u201d; "
     "\u201ci ran the ward rota\u201d reads \u201cI ran the ward rota\u201d"),
    # Typed without its "I": a verb first, or what the candidate is.
    ("note", "formal", ("Managed a team of five", "calm under pressure", "advanced Excel skills"),
     "I bring my advanced Excel skills, I managed a team of five, I am calm under pressure, and I am "
     "confident that this would serve the team well.",
     "\u201cManaged a team of five\u201d reads \u201cI managed a team of five\u201d; "
     "\u201ccalm under pressure\u201d reads \u201cI am calm under pressure\u201d"),
])
def test_the_composer_says_how_a_strength_was_written(app, kind, tone, typed, sentence, note):
    _, parts = app
    composer = parts["composer"]
    composer["kind"].value = kind
    composer["tone"].value = tone
    for words in typed:
        composer["new_strength"].value = words
        composer["add_strength"].click()
    composer["draft"].click()
    assert sentence in composer["text"].value
    assert 'class="fk-note"' in composer["message"].value
    assert html.unescape(composer["message"].value).endswith(
        f"strengths as the letter writes them: {note}</span>")
    assert "Every part is there." in composer["checklist"].value


def test_an_unknown_candidate_is_refused(store):
    with pytest.raises(FollowupKitError, match="no candidate 'C999999'"):
        coaching_session(store, "C999999", today=TODAY)
