"""The logger follows a hiring process: it logs an invitation to the next round and adds that round."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from test_agenda_rounds import kora_store

from conftest import store_rows
from followup_kit import Store
from followup_kit.data.rounds import number_rounds
from followup_kit.widgets import coaching_session


@pytest.fixture
def kora(tmp_path):
    path, who, ids = kora_store(tmp_path / "kora.db")
    _, parts = coaching_session(path, who, today="2026-04-21")
    return path, ids, parts


def stored_rounds(path) -> dict[str, tuple[str, int]]:
    with Store(path, readonly=True) as store:
        numbered = number_rounds(store.interviews())
    return {r.interview_id: (r.application_id, int(r.round)) for r in numbered.itertuples(index=False)}


def test_add_the_next_round_fills_the_form_from_the_latest_round_and_adds_it_to_the_application(kora):
    path, ids, parts = kora
    log = parts["logger"]
    # Chosen from its first round, the application's latest round is what the form copies.
    log["interview"].value = ids["first"]
    log["add_next_round"].click()
    assert log["message"].value == "" and log["tabs"].selected_index == 1
    new = log["new"]
    assert (new["company"].value, new["role"].value, new["interviewer_name"].value,
            new["interviewer_email"].value, new["round"].value) == (
        "Kora Bank", "Graduate analyst", "Harriet Lowe", "harriet.lowe@kora.example", "3")
    assert "third interview at Kora Bank" in log["add_message"].value
    new["interview_date"].value = dt.date(2026, 5, 4)
    log["add"].click()
    assert "Added I0000004" in log["add_message"].value
    rounds = stored_rounds(path)
    assert rounds["I0000004"] == (rounds[ids["first"]][0], 3)
    assert rounds[ids["second"]] == (rounds[ids["first"]][0], 2)
    # The form is empty again, and a next interview added from it is an application of its own.
    assert new["company"].value == new["round"].value == "" and log["next_round_of"] == {}
    assert parts["session"].selected == "I0000004"


def test_logging_an_invitation_fills_the_next_round_form(tmp_path):
    path, who, ids = kora_store(tmp_path / "kora.db")
    _, parts = coaching_session(path, who, today="2026-04-21")
    log = parts["logger"]
    assert ("invited to the next round", "next_round") in log["kind"].options
    log["interview"].value = ids["second"]
    log["kind"].value = "next_round"
    log["date"].value = dt.date(2026, 4, 21)
    log["log"].click()
    assert "invited to the next round" in log["message"].value and "Add an interview" in \
        html.unescape(log["message"].value)
    new = log["new"]
    assert (new["company"].value, new["interviewer_name"].value, new["round"].value) == \
        ("Kora Bank", "Harriet Lowe", "3")
    assert parts["session"].selected == ids["second"]


def test_a_changed_company_is_not_a_next_round_of_the_old_application(kora):
    path, ids, parts = kora
    log = parts["logger"]
    log["interview"].value = ids["other"]
    log["add_next_round"].click()
    assert log["new"]["round"].value == "2"
    log["new"]["company"].value = "Fabrikam"
    log["new"]["round"].value = ""
    log["new"]["interview_date"].value = dt.date(2026, 4, 21)
    log["add"].click()
    added = log["add_message"].value
    assert "Added" in added
    rounds = stored_rounds(path)
    new_id = parts["session"].selected
    assert rounds[new_id] == (new_id, 1)


@pytest.mark.parametrize(("typed", "says"), [
    ("0", "round: round 0 cannot be"), ("x", "round: 'x' is not a whole number"),
    ("2", "round: application I0000001 has round 2 twice")])
def test_a_round_the_store_refuses_is_said_beside_the_form_and_nothing_is_added(kora, typed, says):
    path, ids, parts = kora
    log = parts["logger"]
    log["interview"].value = ids["second"]
    log["add_next_round"].click()
    log["new"]["round"].value = typed
    log["new"]["interview_date"].value = dt.date(2026, 5, 4)
    before = store_rows(path)
    log["add"].click()
    said = html.unescape(log["add_message"].value)
    assert "fk-error" in said and says in said and "Nothing was added" in said
    assert store_rows(path) == before


def test_add_the_next_round_without_an_interview_says_to_choose_one(tmp_path):
    with Store(tmp_path / "empty.db") as store:
        who = store.add_candidate(name="Ben Ode", email="ben@example.org", cohort="2026")
    _, parts = coaching_session(tmp_path / "empty.db", who, today="2026-04-21")
    parts["logger"]["add_next_round"].click()
    assert "choose the interview first" in parts["logger"]["message"].value
