"""The next action per interview, its due date, overdue flag and plain reason."""

from __future__ import annotations

import pandas as pd
import pytest
from test_facts import CANDIDATE, follow_ups_on, make_tables

from followup_kit import FollowupKitError, Policy, facts, plan
from followup_kit.playbook.next_steps import ACTIONS
from followup_kit.words import human_date, human_dates


def plan_one(interview: dict, events=(), today="2026-05-20", policy=None, candidates=None):
    c, i, e = make_tables([{"interview_id": "I1", **interview}], events, candidates)
    f = facts(c, i, e, as_of=today, policy=policy)
    p = plan(f, today=today, policy=policy)
    assert len(p) == 1
    return p.iloc[0]


def test_human_dates_read_like_a_sentence():
    assert human_date("2026-05-28", today="2026-01-10") == "Thursday 28 May"
    assert human_date(pd.Timestamp("2027-01-04"), today="2026-12-30") == "Monday 4 January 2027"
    assert human_date(None) == ""
    out = human_dates(pd.Series(pd.to_datetime(["2026-05-12", None, "2025-12-31"]), index=[5, 6, 7]),
                      today="2026-05-01")
    assert out.index.tolist() == [5, 6, 7]
    assert out[5] == "Tuesday 12 May" and pd.isna(out[6]) and out[7] == "Wednesday 31 December 2025"


def test_friday_interview_thank_you_due_saturday():
    row = plan_one({"interview_date": "2026-05-15"}, today="2026-05-15")
    assert row["action"] == "send_thank_you"
    assert row["due"] == pd.Timestamp("2026-05-16")
    assert not row["overdue"]
    assert "by Saturday 16 May" in row["reason"] and "Jo Bloggs" in row["reason"]
    late = plan_one({"interview_date": "2026-05-15"}, today="2026-05-17")
    assert late["action"] == "send_thank_you" and late["overdue"]
    assert "send it today" in late["reason"]


def test_promised_date_wait_then_follow_up():
    iv = {"interview_date": "2026-05-05", "promised_decision_date": "2026-05-22"}
    thanked = [{"interview_id": "I1", "date": "2026-05-06", "kind": "thank_you_sent"}]
    row = plan_one(iv, thanked, today="2026-05-26")
    assert row["action"] == "wait"
    assert row["due"] == pd.Timestamp("2026-05-28")
    assert row["reason"] == ("Your interviewer said they would decide by Friday 22 May; "
                             "follow up from Thursday 28 May if you have not heard.")
    row = plan_one(iv, thanked, today="2026-05-28")
    assert row["action"] == "follow_up" and not row["overdue"]
    assert "whether the Data analyst job is still open" in row["reason"]


def test_no_promised_date_waits_for_the_default_window():
    row = plan_one({"interview_date": "2026-05-15"},
                   [{"interview_id": "I1", "date": "2026-05-15", "kind": "thank_you_sent"}],
                   today="2026-05-20")
    assert (row["action"], row["due"]) == ("wait", pd.Timestamp("2026-06-01"))
    assert "Monday 1 June" in row["reason"]


def test_second_follow_up_waits_for_the_gap_in_business_days():
    # After a follow-up on Friday 22 May the next is welcome five business days later: 1 June in GB.
    row = plan_one({"interview_date": "2026-05-01"}, follow_ups_on("2026-05-22"), today="2026-05-27")
    assert (row["action"], row["due"]) == ("wait", pd.Timestamp("2026-06-01"))
    assert "Friday 22 May" in row["reason"]
    assert plan_one({"interview_date": "2026-05-01"}, follow_ups_on("2026-05-22"),
                    today="2026-06-01")["action"] == "follow_up"


def test_follow_ups_used_up_then_move_on():
    spaced = follow_ups_on("2026-03-16", "2026-03-30")
    waiting = plan_one({"interview_date": "2026-03-02"}, spaced, today="2026-04-10")
    assert (waiting["action"], waiting["due"]) == ("wait", pd.Timestamp("2026-04-16"))
    gone = plan_one({"interview_date": "2026-03-02"}, spaced, today="2026-04-16")
    assert gone["action"] == "move_on" and not gone["overdue"]
    assert "45 days" in gone["reason"]


def test_rejection_by_letter_asks_for_a_positive_reply():
    events = [{"interview_id": "I1", "date": "2026-05-29", "kind": "rejection", "channel": "letter"}]
    row = plan_one({"interview_date": "2026-05-04"}, events, today="2026-05-29")
    assert row["action"] == "reply_to_rejection"
    assert row["due"] == pd.Timestamp("2026-05-30")
    assert "thank Jo Bloggs for their time" in row["reason"] and "tips" in row["reason"]
    assert plan_one({"interview_date": "2026-05-04"}, events, today="2026-06-02")["overdue"]
    replied = events + follow_ups_on("2026-05-30")
    assert plan_one({"interview_date": "2026-05-04"}, replied, today="2026-06-02")["action"] == "none"


def test_a_thank_you_the_day_after_a_rejection_closes_it():
    events = [{"interview_id": "I1", "date": "2026-05-08", "kind": "rejection", "channel": "letter"},
              *follow_ups_on("2026-05-09")]
    c, i, e = make_tables([{"interview_id": "I1", "interview_date": "2026-05-04"}], events)
    f = facts(c, i, e, as_of="2026-05-11")
    assert (f["follow_ups"].iloc[0], f["early_follow_ups"].iloc[0], f["pushy"].iloc[0]) == (0, 0, False)
    assert f["replied_on"].iloc[0] == pd.Timestamp("2026-05-09")
    row = plan(f, today="2026-05-11").iloc[0]
    assert row["action"] == "none" and pd.isna(row["due"]) and not row["overdue"]
    assert row["reason"] == "You replied to Acme Ltd on Saturday 9 May; nothing more to do."


def test_follow_ups_before_a_rejection_are_not_its_reply():
    events = [*follow_ups_on("2026-03-16", "2026-03-30"),
              {"interview_id": "I1", "date": "2026-04-08", "kind": "rejection", "channel": "letter"}]
    row = plan_one({"interview_date": "2026-03-02"}, events, today="2026-04-09")
    assert (row["action"], row["due"]) == ("reply_to_rejection", pd.Timestamp("2026-04-09"))
    replied = plan_one({"interview_date": "2026-03-02"}, events + follow_ups_on("2026-04-09"),
                       today="2026-04-10")
    assert replied["action"] == "none"
    assert "You replied to Acme Ltd on Thursday 9 April" in replied["reason"]


def test_offer_asks_for_a_reply():
    events = [{"interview_id": "I1", "date": "2026-05-18", "kind": "offer", "channel": "phone"}]
    row = plan_one({"interview_date": "2026-05-04"}, events, today="2026-05-18")
    assert (row["action"], row["due"]) == ("respond_to_offer", pd.Timestamp("2026-05-19"))
    assert "offered you the Data analyst job on Monday 18 May" in row["reason"]


def test_a_rejection_is_worth_a_reply_only_while_it_is_recent():
    # Rejected on Friday 8 May: the reply is due Saturday 9 May and helps until Friday 22 May.
    events = [{"interview_id": "I1", "date": "2026-05-08", "kind": "rejection", "channel": "letter"}]
    fresh = plan_one({"interview_date": "2026-04-20"}, events, today="2026-05-11")
    assert (fresh["action"], fresh["due"]) == ("reply_to_rejection", pd.Timestamp("2026-05-09"))
    assert fresh["overdue"]
    assert "thank Jo Bloggs for their time" in fresh["reason"]
    on_the_day = plan_one({"interview_date": "2026-04-20"}, events, today="2026-05-09")
    assert on_the_day["action"] == "reply_to_rejection" and not on_the_day["overdue"]
    last_day = plan_one({"interview_date": "2026-04-20"}, events, today="2026-05-22")
    assert last_day["action"] == "reply_to_rejection"
    old = plan_one({"interview_date": "2026-04-20"}, events, today="2026-05-28")
    assert old["action"] == "none" and pd.isna(old["due"]) and not old["overdue"]
    assert old["reason"] == ("The answer from Acme Ltd came on Friday 8 May; it is too late for a reply "
                             "to help now, so keep going with your other applications.")


def test_the_reply_window_is_the_coachs_to_change():
    events = [{"interview_id": "I1", "date": "2026-05-08", "kind": "rejection"}]
    row = plan_one({"interview_date": "2026-04-20"}, events, today="2026-05-28",
                   policy=Policy(reply_window_days=30))
    assert row["action"] == "reply_to_rejection" and row["overdue"]
    with pytest.raises(FollowupKitError, match="reply_window_days"):
        Policy(reply_after_days=3, reply_window_days=2)


def test_an_old_offer_still_needs_an_answer_and_may_have_lapsed():
    events = [{"interview_id": "I1", "date": "2026-04-20", "kind": "offer", "channel": "phone"}]
    row = plan_one({"interview_date": "2026-04-01"}, events, today="2026-05-20")
    assert (row["action"], row["due"]) == ("respond_to_offer", pd.Timestamp("2026-04-21"))
    assert row["overdue"]
    assert row["reason"] == ("Acme Ltd offered you the Data analyst job on Monday 20 April and you have "
                             "not answered; the offer may have lapsed, so contact Jo Bloggs today.")
    replied = events + follow_ups_on("2026-05-20")
    assert plan_one({"interview_date": "2026-04-01"}, replied, today="2026-05-20")["action"] == "none"


def test_months_of_silence_means_move_on_even_with_follow_ups_left():
    thanked = [{"interview_id": "I1", "date": "2026-01-06", "kind": "thank_you_sent"}]
    row = plan_one({"interview_date": "2026-01-05"}, thanked, today="2026-03-20")
    assert row["action"] == "follow_up" and not row["overdue"]
    row = plan_one({"interview_date": "2026-01-05"}, thanked, today="2026-04-05")
    assert row["action"] == "move_on"
    assert row["due"] == pd.Timestamp("2026-04-05")
    assert row["reason"] == ("No answer from Acme Ltd in the 90 days since your interview on Monday 5 January; "
                             "a follow-up this late rarely helps, so put your energy into your other "
                             "applications.")
    patient = plan_one({"interview_date": "2026-01-05"}, thanked, today="2026-04-05",
                       policy=Policy(give_up_after_days=120))
    assert patient["action"] == "follow_up"
    with pytest.raises(FollowupKitError, match="give_up_after_days"):
        Policy(give_up_after_days=30)


def test_withdrawn_needs_nothing():
    row = plan_one({"interview_date": "2026-05-04"},
                   [{"interview_id": "I1", "date": "2026-05-10", "kind": "withdrawn"}])
    assert row["action"] == "none" and pd.isna(row["due"]) and not row["overdue"]


def test_an_answer_without_decision_means_follow_up_not_wait():
    row = plan_one({"interview_date": "2026-05-15"},
                   [{"interview_id": "I1", "date": "2026-05-15", "kind": "thank_you_sent"},
                    {"interview_id": "I1", "date": "2026-05-18", "kind": "employer_response"}],
                   today="2026-05-20")
    assert row["action"] == "follow_up"
    assert row["due"] == pd.Timestamp("2026-06-01") and not row["overdue"]
    assert "replied on Monday 18 May without a decision" in row["reason"]


def test_year_is_written_only_when_not_this_year():
    row = plan_one({"interview_date": "2026-12-22"},
                   [{"interview_id": "I1", "date": "2026-12-23", "kind": "thank_you_sent"}],
                   today="2026-12-28")
    assert "2027" in row["reason"] and "2026" not in row["reason"]


def test_one_row_per_interview_in_order():
    c, i, e = make_tables([{"interview_id": f"I{n}", "interview_date": "2026-05-04"} for n in range(5)])
    p = plan(facts(c, i, e, as_of="2026-05-05"), today="2026-05-05")
    assert p["interview_id"].tolist() == [f"I{n}" for n in range(5)]
    assert list(p.columns) == ["interview_id", "round", "rounds", "action", "due", "overdue", "reason", "flags"]
    assert p["action"].cat.categories.tolist() == list(ACTIONS)
    assert p["due"].dtype == "datetime64[us]" and p["overdue"].dtype == bool


def test_policy_changes_the_plan():
    iv = {"interview_date": "2026-05-05", "promised_decision_date": "2026-05-22"}
    row = plan_one(iv, today="2026-05-26", policy=Policy(grace_business_days=0))
    assert row["action"] == "follow_up" and row["due"] == pd.Timestamp("2026-05-22")


def test_plan_needs_facts():
    with pytest.raises(FollowupKitError, match="facts"):
        plan(pd.DataFrame({"interview_id": ["I1"]}))


def test_the_gap_between_follow_ups_counts_the_candidates_holidays():
    # Five business days after Friday 22 May: Spring bank holiday Monday 25 May in GB moves it on.
    def due(country):
        c, i, e = make_tables([{"interview_id": "I1", "interview_date": "2026-05-01"}],
                              follow_ups_on("2026-05-22"), [{**CANDIDATE, "country": country}])
        return plan(facts(c, i, e, as_of="2026-05-29"), today="2026-05-29")["due"].iloc[0]

    assert due("GB") == pd.Timestamp("2026-06-01")
    assert due("") == pd.Timestamp("2026-05-29")
