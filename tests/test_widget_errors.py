"""Every callback of every widget says what went wrong beside it: nothing fails silently.

A store another program is writing to (a second connection holding the write lock), a store
opened read-only, an error the toolkit raises on purpose, and one nobody expected: each is
read back from the message the widget shows, and an unexpected one from the log too.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import store_rows
from demo_case import candidate_waiting_on, demo_case
from followup_kit import FollowupKitError, Store
from followup_kit.data import store as store_module
from followup_kit.data.demo import demo_store
from followup_kit.stats.cache import cohort_counts
from followup_kit.widgets import candidate as candidate_module
from followup_kit.widgets import candidate_view, coaching_session, cohort_app
from followup_kit.widgets import cohorts as cohorts_module
from followup_kit.widgets import composer as composer_module

TODAY = "2026-11-01"
WHO = demo_case().who
# A candidate with several interviews waiting for an answer, so the meter's menu has a choice.
WAITING = candidate_waiting_on(2)
# How long a write waits for another program's lock in these tests, in seconds.
SHORT_WAIT = 0.05
LOGGER = "followup_kit.widgets.common"


@pytest.fixture
def demo(tmp_path) -> Path:
    return demo_store(tmp_path / "demo.db")


def said(widget) -> str:
    """The text of a message widget, as a person reads it."""
    return html.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", "", widget.value))


@contextmanager
def writing_elsewhere(path: Path):
    """Another program in the middle of a write: a second connection holds the write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.fixture(params=["busy", "read-only"])
def troubled(request, demo, monkeypatch):
    """(the store, what a write is told, the rows before) for a busy store and a read-only one."""
    # The candidate's view reads the cohort's counts from the store's cache, and fills the cache
    # when it is empty: a write, which a busy store refuses. Served pages find it filled by serve.
    with Store(demo) as store:
        cohort_counts(store, TODAY)
    before = store_rows(demo)
    if request.param == "busy":
        monkeypatch.setattr(store_module, "BUSY_TIMEOUT", SHORT_WAIT)
        store = Store(demo)
        with writing_elsewhere(demo):
            yield store, (f"{demo}: the store is busy (another program has been writing to it for "
                          f"{SHORT_WAIT:g} seconds); nothing was written: try again in a moment"), before
    else:
        store = Store(demo, readonly=True)
        yield store, f"{demo}: opened read-only", before
    store.close()
    assert store_rows(demo) == before


# -- the coaching session's writes: the store's own message, and nothing written ---------------
def add_interview(parts: dict) -> None:
    for name, value in (("company", "Orbit Bank"), ("role", "Data analyst"), ("interviewer_name", "Ada Obi"),
                        ("interviewer_email", "ada@orbit.example")):
        parts["logger"]["new"][name].value = value
    parts["logger"]["add"].click()


def change_role(parts: dict) -> None:
    parts["logger"]["fix"]["role"].value = "Lead analyst"
    parts["logger"]["save"].click()


WRITES = {
    "log an event": (lambda parts: parts["logger"]["log"].click(), "message"),
    "add an interview": (add_interview, "add_message"),
    "save a correction": (change_role, "fix_message"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_write_to_a_busy_or_read_only_store_shows_the_stores_message(troubled, write):
    store, told, _ = troubled
    _, parts = coaching_session(store, WHO, today=TODAY)
    act, shown = WRITES[write]
    act(parts)
    assert said(parts["logger"][shown]) == told
    assert "fk-error" in parts["logger"][shown].value


# -- the coaching session's other callbacks: they read nothing from the store, so they work -----
def pick_another_step(parts: dict) -> str:
    step = parts["agenda"]["step"]
    other = next(value for _, value in step.options if value != step.value)
    step.value = other
    return other


def test_picking_a_step_and_the_agenda_buttons_work_on_a_troubled_store(troubled):
    store, _, _ = troubled
    _, parts = coaching_session(store, WHO, today=TODAY)
    other = pick_another_step(parts)
    assert parts["session"].selected == other and parts["composer"]["interview"].value == other
    parts["agenda"]["log"].click()
    assert parts["tabs"].selected_index == 1 and parts["logger"]["interview"].value == other
    parts["agenda"]["draft"].click()
    assert parts["tabs"].selected_index == 0
    assert said(parts["agenda"]["message"]) == ""


def test_choosing_the_interview_to_correct_works_on_a_troubled_store(troubled):
    store, _, _ = troubled
    _, parts = coaching_session(store, WHO, today=TODAY)
    logger = parts["logger"]
    other = next(value for _, value in logger["fix_interview"].options if value != logger["fix_interview"].value)
    logger["fix_interview"].value = other
    row = parts["session"].interviews.set_index("interview_id").loc[other]
    assert logger["fix"]["role"].value == row["role"]
    assert said(logger["fix_message"]) == ""


def test_the_composer_drafts_checks_and_clears_on_a_troubled_store(troubled):
    store, _, _ = troubled
    _, parts = coaching_session(store, WHO, today=TODAY)
    composer = parts["composer"]
    composer["kind"].value = "thank_you"
    composer["new_strength"].value = "three years of payroll"
    composer["add_strength"].click()
    assert [box.description for box in composer["strengths"].children] == ["three years of payroll"]
    composer["draft"].click()
    assert "my three years of payroll" in composer["text"].value
    assert "Every part is there." in composer["checklist"].value and "Download the .eml" in composer["links"].value
    composer["kind"].value = "offer_reply"
    composer["intent"].value = "time"
    assert composer["reply_by"].layout.display == ""
    composer["clear"].click()
    assert composer["text"].value == "" and composer["links"].value == ""
    assert said(composer["message"]) == ""


# -- what the toolkit raises on purpose, and what nobody expected, from every callback ---------
def broken(exc: Exception):
    def fail(*args, **kwargs):
        raise exc
    return fail


class BrokenTable:
    """Stands in for the session's interviews table and fails as soon as it is read."""

    def __init__(self, exc: Exception):
        self.exc = exc

    def set_index(self, *args, **kwargs):
        raise self.exc


def other_fix_interview(parts: dict) -> None:
    fix = parts["logger"]["fix_interview"]
    fix.value = next(value for _, value in fix.options if value != fix.value)


def new_strength(parts: dict) -> None:
    parts["composer"]["new_strength"].value = "three years of payroll"
    parts["composer"]["add_strength"].click()


# callback: (what breaks, how a coach sets it off, the message widget, what "could not" says).
# Clearing the letter and choosing what a reply to an offer does only set widgets' values, so
# there is nothing below them to break; the test above shows they work on a troubled store.
COACHING = {
    "agenda step": (lambda s, m, e: m.setattr(s, "select", broken(e)), pick_another_step,
                    ("agenda", "message"), "show that interview"),
    "agenda draft button": (lambda s, m, e: m.setattr(s, "select", broken(e)),
                            lambda p: p["agenda"]["draft"].click(), ("agenda", "message"), "open the letter"),
    "agenda log button": (lambda s, m, e: m.setattr(s, "select", broken(e)),
                          lambda p: p["agenda"]["log"].click(), ("agenda", "message"), "open the log"),
    "log an event": (lambda s, m, e: m.setattr(s.store, "log_event", broken(e)),
                     lambda p: p["logger"]["log"].click(), ("logger", "message"), "log the event"),
    "add an interview": (lambda s, m, e: m.setattr(s.store, "add_interview", broken(e)),
                         lambda p: p["logger"]["add"].click(), ("logger", "add_message"), "add the interview"),
    "interview to correct": (lambda s, m, e: m.setattr(s, "interviews", BrokenTable(e)), other_fix_interview,
                             ("logger", "fix_message"), "show the interview to correct"),
    "save a correction": (lambda s, m, e: m.setattr(s.store, "correct_interview", broken(e)), change_role,
                          ("logger", "fix_message"), "save the correction"),
    "composer strength": (lambda s, m, e: m.setattr(composer_module, "phrase", broken(e)), new_strength,
                          ("composer", "message"), "add the strength"),
    "composer draft": (lambda s, m, e: m.setattr(composer_module, "draft", broken(e)),
                       lambda p: p["composer"]["draft"].click(), ("composer", "message"), "draft the letter"),
    "composer checklist": (lambda s, m, e: m.setattr(composer_module, "check", broken(e)),
                           lambda p: setattr(p["composer"]["text"], "value", "Dear Ann, thank you."),
                           ("composer", "message"), "check the letter and make its download"),
    "composer download": (lambda s, m, e: m.setattr(composer_module.Letter, "to_eml", broken(e)),
                          lambda p: setattr(p["composer"]["text"], "value", "Dear Ann, thank you."),
                          ("composer", "message"), "check the letter and make its download"),
}


@pytest.mark.parametrize("callback", sorted(COACHING))
def test_an_error_the_toolkit_raises_shows_as_its_message(demo, monkeypatch, callback):
    _, parts = coaching_session(demo, WHO, today=TODAY)
    breaks, act, (section, shown), _ = COACHING[callback]
    breaks(parts["session"], monkeypatch, FollowupKitError("the letter folder is gone"))
    act(parts)
    if callback == "composer download":
        # The checklist still follows the letter; only the download waits.
        section, shown = "composer", "links"
        assert said(parts[section][shown]) == "the letter folder is gone. Nothing to download yet."
        assert "Worth another look" in parts["composer"]["checklist"].value
    else:
        assert said(parts[section][shown]) == "the letter folder is gone"
    assert "fk-error" in parts[section][shown].value


@pytest.mark.parametrize("callback", sorted(COACHING))
def test_an_unexpected_error_shows_as_one_line_naming_the_action_and_goes_to_the_log(
        demo, monkeypatch, caplog, capsys, callback):
    _, parts = coaching_session(demo, WHO, today=TODAY)
    breaks, act, (section, shown), action = COACHING[callback]
    breaks(parts["session"], monkeypatch, sqlite3.OperationalError("disk I/O error"))
    with caplog.at_level(logging.ERROR, logger=LOGGER):
        act(parts)
    assert said(parts[section][shown]) == (f"could not {action}: OperationalError: disk I/O error "
                                           "(the details are in the log)")
    (record,) = [r for r in caplog.records if r.name == LOGGER]
    assert record.getMessage() == f"could not {action}"
    assert record.exc_info[0] is sqlite3.OperationalError
    assert capsys.readouterr() == ("", "")


def test_the_error_goes_once_the_callback_works_again(demo, monkeypatch):
    _, parts = coaching_session(demo, WHO, today=TODAY)
    composer = parts["composer"]
    with monkeypatch.context() as patched:
        patched.setattr(composer_module, "check", broken(RuntimeError("boom")))
        composer["text"].value = "Dear Ann, thank you."
    assert said(composer["message"]).startswith("could not check the letter and make its download")
    composer["text"].value = "Dear Ann, thank you for the interview."
    assert said(composer["message"]) == ""


# -- the cohort explorer and the candidate's view ------------------------------------------------
def cohort_choices(parts: dict) -> list:
    """A value for each of the explorer's controls, each one changing what it shows."""
    return [("as_of", dt.date(2026, 6, 1)), ("cohorts", parts["cohorts"].options[1:]),
            ("compare_by", "thank_you_timing"), ("held_from", dt.date(2025, 12, 1)),
            ("held_to", dt.date(2026, 3, 31))]


def test_the_cohort_explorer_works_on_a_troubled_store(troubled):
    store, _, _ = troubled
    _, parts = cohort_app(store, as_of=TODAY)
    for name, value in cohort_choices(parts):
        before = (parts["report"].outputs, parts["plots"].outputs)
        parts[name].value = value
        assert (parts["report"].outputs, parts["plots"].outputs) != before, name
        assert said(parts["message"]) == ""


@pytest.mark.parametrize(("exc", "says"), [
    (FollowupKitError("no interviews held in that range"), "no interviews held in that range"),
    (ZeroDivisionError("division by zero"), "ZeroDivisionError: division by zero (the details are in the log)"),
])
def test_every_choice_in_the_cohort_explorer_says_what_went_wrong(demo, monkeypatch, caplog, exc, says):
    _, parts = cohort_app(demo, as_of=TODAY)
    monkeypatch.setattr(cohorts_module, "cohort_report", broken(exc))
    actions = {"cohorts": "show the report for these cohorts", "compare_by": "compare by that",
               "as_of": "show the figures as of that day", "held_from": "keep the interviews held from that day",
               "held_to": "keep the interviews held up to that day"}
    for name, value in cohort_choices(parts):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger=LOGGER):
            parts[name].value = value
        unexpected = not isinstance(exc, FollowupKitError)
        assert said(parts["message"]) == (f"could not {actions[name]}: {says}" if unexpected else says), name
        assert len([r for r in caplog.records if r.name == LOGGER]) == int(unexpected)


def test_the_candidates_view_works_on_a_troubled_store(troubled):
    store, _, _ = troubled
    _, parts = candidate_view(store, WAITING, today=TODAY)
    before = parts["meter_sentence"].value
    parts["within"].value = 14
    assert parts["meter_sentence"].value != before
    parts["waiting"].value = parts["waiting"].options[1][1]
    assert parts["controller"].interview_id == parts["waiting"].options[1][1]
    assert said(parts["message"]) == ""


@pytest.mark.parametrize(("exc", "says"), [
    (FollowupKitError("the cohort has no counts for that day"), "the cohort has no counts for that day"),
    (KeyError("still_waiting"), "KeyError: 'still_waiting' (the details are in the log)"),
])
def test_every_choice_in_the_candidates_view_says_what_went_wrong(demo, monkeypatch, caplog, exc, says):
    _, parts = candidate_view(demo, WAITING, today=TODAY)
    monkeypatch.setattr(candidate_module, "chance_from_curve", broken(exc))
    unexpected = not isinstance(exc, FollowupKitError)
    for name, value, action in (("within", 14, "look that many days ahead"),
                                ("waiting", parts["waiting"].options[1][1], "show the wait of that interview")):
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger=LOGGER):
            parts[name].value = value
        assert said(parts["message"]) == (f"could not {action}: {says}" if unexpected else says), name
        assert len([r for r in caplog.records if r.name == LOGGER]) == int(unexpected)
