"""Applications over several interview rounds: the plan follows the hiring process, day by day."""

from __future__ import annotations

import pandas as pd
import pytest
from test_facts import make_tables

from followup_kit import Policy, facts, plan
from followup_kit.playbook import applications

KORA = {"candidate_id": "C1", "company": "Kora Bank", "role": "Graduate analyst",
        "interviewer_name": "Harriet Lowe", "interviewer_email": "harriet.lowe@kora.example"}
ROUND_1 = {"interview_id": "K1", "interview_date": "2026-04-01", "round": "1", **KORA}
ROUND_2 = {"interview_id": "K2", "interview_date": "2026-04-20", "round": "2", **KORA}
KORA_EVENTS = [
    {"interview_id": "K1", "date": "2026-04-02", "kind": "thank_you_sent"},
    {"interview_id": "K1", "date": "2026-04-10", "kind": "next_round"},
    {"interview_id": "K2", "date": "2026-04-21", "kind": "thank_you_sent"},
    {"interview_id": "K2", "date": "2026-05-05", "kind": "offer"},
    {"interview_id": "K2", "date": "2026-05-06", "kind": "reply_sent"},
]


def plan_on(day: str, interviews=(ROUND_1, ROUND_2), events=KORA_EVENTS, policy=None) -> pd.DataFrame:
    f = facts(*make_tables(list(interviews), list(events)), as_of=day, policy=policy)
    return plan(f, today=day, policy=policy)


def test_kora_bank_every_day_from_april_to_june():
    """The case of the issue: invited on 10 April, second round on 20 April, offer on 5 May, accepted."""
    seen = []
    for day in pd.date_range("2026-04-01", "2026-06-30", freq="D"):
        text = day.date().isoformat()
        p = plan_on(text)
        assert len(p) == 1, text  # one line per application, whatever the rounds
        row = p.iloc[0]
        seen.append((text, row["action"], row["interview_id"], row["round"], row["rounds"]))
        if text == "2026-04-01":
            assert (row["action"], row["interview_id"], row["round"], row["rounds"]) == \
                ("send_thank_you", "K1", 1, 1)
            assert row["due"] == pd.Timestamp("2026-04-02")
        elif text < "2026-04-10":
            assert (row["action"], row["interview_id"]) == ("wait", "K1"), text
        elif text < "2026-04-20":
            # Invited: prepare for the second round, never chase the first.
            assert (row["action"], row["interview_id"], row["rounds"]) == ("wait", "K1", 2), text
            assert row["due"] == pd.Timestamp("2026-04-20")
            assert "second interview" in row["reason"] and "Monday 20 April" in row["reason"]
            assert "prepare" in row["reason"]
        elif text == "2026-04-20":
            assert (row["action"], row["interview_id"], row["round"], row["rounds"]) == \
                ("send_thank_you", "K2", 2, 2)
            assert row["reason"].startswith("Your second interview for Graduate analyst at Kora Bank "
                                            "was on Monday 20 April")
        elif text < "2026-05-05":
            assert (row["action"], row["interview_id"]) in {("wait", "K2"), ("follow_up", "K2")}, text
        elif text == "2026-05-05":
            assert (row["action"], row["interview_id"]) == ("respond_to_offer", "K2")
            assert row["due"] == pd.Timestamp("2026-05-06")
        else:
            # Accepted on 6 May: nothing more to do, and never "move on" from the job they have.
            assert (row["action"], row["interview_id"]) == ("none", "K2"), text
        assert row["action"] != "move_on", text
        if row["interview_id"] == "K1":
            assert row["action"] != "follow_up", text
    assert len(seen) == 91


def test_kora_bank_facts_keep_one_row_per_round():
    f = facts(*make_tables([ROUND_1, ROUND_2], KORA_EVENTS), as_of="2026-07-10")
    assert f["interview_id"].tolist() == ["K1", "K2"]
    assert f["application_id"].tolist() == ["K1", "K1"]
    assert f["round"].tolist() == [1, 2]
    assert f["rounds"].tolist() == [2, 2]
    assert f["outcome"].astype(str).tolist() == ["next_round", "offer"]
    # The invitation is an answer: it ends the first round's wait, nine days after it.
    assert f.loc[0, "responded"] and f.loc[0, "response_days"] == 9
    p = plan(f, today="2026-07-10")
    assert p[["interview_id", "action"]].values.tolist() == [["K2", "none"]]


def test_applications_give_one_row_with_the_last_rounds_decision():
    f = facts(*make_tables([ROUND_1, ROUND_2], KORA_EVENTS), as_of="2026-07-10")
    a = applications(f)
    assert len(a) == 1
    row = a.iloc[0]
    assert row["application_id"] == "K1" and row["rounds"] == 2
    assert row["outcome"] == "offer"
    assert row["first_interview_date"] == pd.Timestamp("2026-04-01")
    assert row["last_interview_date"] == pd.Timestamp("2026-04-20")
    assert row["days_to_decision"] == 34  # 1 April to 5 May


def test_an_invitation_with_no_round_logged_waits_then_closes_once():
    policy = Policy()
    events = KORA_EVENTS[:2]
    row = plan_on("2026-04-15", interviews=[ROUND_1], events=events).iloc[0]
    closes = pd.Timestamp("2026-04-10") + pd.Timedelta(days=policy.give_up_after_days)
    assert (row["action"], row["due"]) == ("wait", closes)
    assert "log" in row["reason"] and "date" in row["reason"]
    before = plan_on((closes - pd.Timedelta(days=1)).date().isoformat(), [ROUND_1], events).iloc[0]
    assert before["action"] == "wait"
    after = plan_on(closes.date().isoformat(), [ROUND_1], events).iloc[0]
    assert after["action"] == "move_on"
    f = facts(*make_tables([ROUND_1], events), as_of=closes.date().isoformat())
    assert f.loc[0, "outcome"] == "next_round"
    assert applications(f).iloc[0]["outcome"] == "no_response"
    young = facts(*make_tables([ROUND_1], events), as_of="2026-04-15")
    assert applications(young).iloc[0]["outcome"] == "pending"


def test_a_later_round_held_settles_the_one_before_without_an_invitation():
    events = [e for e in KORA_EVENTS if e["kind"] != "next_round"]
    f = facts(*make_tables([ROUND_1, ROUND_2], events), as_of="2026-04-25")
    assert f["outcome"].astype(str).tolist() == ["next_round", "pending"]
    assert f.loc[0, "answered_on"] == pd.Timestamp("2026-04-20")
    # Before it is held, with no invitation logged, the scheduled round is still what comes next.
    row = plan_on("2026-04-16", events=events).iloc[0]
    assert (row["action"], row["due"]) == ("wait", pd.Timestamp("2026-04-20"))


def test_blank_rounds_are_numbered_by_date_within_company_and_role():
    late = {**ROUND_2, "round": ""}
    early = {**ROUND_1, "round": ""}
    other = {**ROUND_1, "interview_id": "X1", "company": "Other plc", "round": ""}
    f = facts(*make_tables([late, other, early], []), as_of="2026-05-01")
    by_id = f.set_index("interview_id")
    assert by_id.loc["K1", "round"] == 1 and by_id.loc["K2", "round"] == 2
    assert by_id.loc["K1", "application_id"] == by_id.loc["K2", "application_id"] == "K1"
    assert by_id.loc["X1", "round"] == 1 and by_id.loc["X1", "application_id"] == "X1"
    assert len(plan(f, today="2026-05-01")) == 2


def test_an_explicit_application_id_keeps_two_processes_for_one_role_apart():
    first = {**ROUND_1, "application_id": "2025-autumn"}
    again = {**ROUND_2, "interview_id": "K9", "round": "1", "application_id": "2026-spring"}
    f = facts(*make_tables([first, again], []), as_of="2026-05-01")
    assert f["application_id"].tolist() == ["2025-autumn", "2026-spring"]
    assert f["round"].tolist() == [1, 1]
    assert len(plan(f, today="2026-05-01")) == 2


@pytest.mark.parametrize("day, expected", [("2026-04-30", "second"), ("2026-06-30", "third")])
def test_reasons_name_the_round(day, expected):
    third = {**ROUND_2, "interview_id": "K3", "interview_date": "2026-06-01", "round": "3"}
    events = [e for e in KORA_EVENTS if e["kind"] not in {"offer", "reply_sent"}]
    events.append({"interview_id": "K2", "date": "2026-05-12", "kind": "next_round"})
    events.append({"interview_id": "K3", "date": "2026-06-02", "kind": "thank_you_sent"})
    row = plan_on(day, interviews=[ROUND_1, ROUND_2, third], events=events).iloc[0]
    assert f"{expected} interview" in row["reason"], row["reason"]
