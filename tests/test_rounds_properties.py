"""Properties of applications over rounds that hold for any hiring process and any planning day.

Each example is a few applications of one candidate, each of one to three rounds: rounds held in
order, an invitation to the next round between two rounds (or after the last, for a round never
held), sometimes a decision on the last round, and thank-yous and follow-ups anywhere.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from test_facts import make_tables
from test_playbook_properties import SETTINGS, policies

from followup_kit import facts, plan
from followup_kit.playbook import applications
from followup_kit.playbook.applications import DECIDED

START = dt.date(2026, 1, 5)
DECISIONS = ("offer", "rejection", "withdrawn", "employer_response")
NOISE = ("thank_you_sent", "follow_up_sent", "reply_sent")

application = st.fixed_dictionaries({
    "first": st.integers(0, 200),
    # Days from each round to the invitation to the next, and from the invitation to that round.
    "steps": st.lists(st.tuples(st.integers(0, 30), st.integers(1, 30)), max_size=2),
    # An invitation after the last round to a round that was never logged.
    "dangling": st.one_of(st.none(), st.integers(0, 30)),
    # The last round's answer: a decision, a reply without one, or nothing.
    "answer": st.one_of(st.none(), st.tuples(st.sampled_from(DECISIONS), st.integers(0, 60))),
    "noise": st.lists(st.tuples(st.integers(0, 2), st.integers(0, 90), st.sampled_from(NOISE)), max_size=4),
    "given": st.booleans(),
})


def iso(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def tables(apps: list[dict]):
    """Typed tables of one candidate: each application at a company of its own."""
    interviews, events = [], []
    for a, app in enumerate(apps):
        held = [app["first"]]
        for wait, after in app["steps"]:
            invited = held[-1] + wait
            events.append({"interview_id": f"A{a}R{len(held)}", "date": iso(invited), "kind": "next_round"})
            held.append(invited + after)
        for number, day in enumerate(held, start=1):
            interviews.append({"interview_id": f"A{a}R{number}", "company": f"Firm {a}", "role": "Analyst",
                               "interview_date": iso(day), "round": str(number) if app["given"] else "",
                               "application_id": f"A{a}R1" if app["given"] else ""})
        last = f"A{a}R{len(held)}"
        if app["dangling"] is not None and app["answer"] is None:
            events.append({"interview_id": last, "date": iso(held[-1] + app["dangling"]), "kind": "next_round"})
        if app["answer"] is not None:
            kind, after = app["answer"]
            events.append({"interview_id": last, "date": iso(held[-1] + after), "kind": kind})
        for which, after, kind in app["noise"]:
            number = min(which, len(held) - 1)
            events.append({"interview_id": f"A{a}R{number + 1}", "date": iso(held[number] + after), "kind": kind})
    return make_tables(interviews, events)


def planned(apps, policy, today):
    f = facts(*tables(apps), as_of=iso(today), policy=policy)
    p = plan(f, today=iso(today), policy=policy)
    return f, p, p.merge(f, on="interview_id", suffixes=("", "_fact"))


@SETTINGS
@given(apps=st.lists(application, min_size=1, max_size=4), policy=policies, today=st.integers(0, 400))
def test_one_plan_line_per_application_for_its_latest_round_held(apps, policy, today):
    f, p, _ = planned(apps, policy, today)
    latest = f.loc[f.groupby("application_id")["round"].idxmax()]
    assert sorted(p["interview_id"]) == sorted(latest["interview_id"])
    assert p["interview_id"].is_unique


@SETTINGS
@given(apps=st.lists(application, min_size=1, max_size=4), policy=policies, today=st.integers(0, 400))
def test_a_round_settled_by_an_invitation_is_never_chased(apps, policy, today):
    _, _, both = planned(apps, policy, today)
    invited = both.loc[both["outcome"] == "next_round"]
    assert not (invited["action"] == "follow_up").any()


@SETTINGS
@given(apps=st.lists(application, min_size=1, max_size=4), policy=policies, today=st.integers(0, 400))
def test_no_move_on_while_a_later_round_is_set_or_the_invitation_is_young(apps, policy, today):
    _, _, both = planned(apps, policy, today)
    gone = both.loc[both["action"] == "move_on"]
    # A later round logged for this application and not yet held keeps it open.
    assert gone["next_round_date"].isna().all()
    assert (gone["rounds"] == gone["round"]).all()
    invited = gone.loc[gone["outcome"] == "next_round"]
    young = (pd.Timestamp(iso(today)) - invited["outcome_date"]).dt.days < policy.give_up_after_days
    assert not young.any()


@SETTINGS
@given(apps=st.lists(application, min_size=1, max_size=4), policy=policies, today=st.integers(0, 400))
def test_an_applications_outcome_is_its_last_rounds_decision(apps, policy, today):
    f = facts(*tables(apps), as_of=iso(today), policy=policy)
    a = applications(f).set_index("application_id")
    last = f.loc[f.groupby("application_id")["round"].idxmax()].set_index("application_id")
    assert not (a["outcome"] == "next_round").any()
    decided = last["outcome"].isin(DECIDED)
    assert (a.loc[decided.index[decided], "outcome"].astype("str")
            == last.loc[decided, "outcome"].astype("str")).all()
    # Earlier rounds never decide an application: only the last round's answer does.
    assert ((a["outcome"].astype("str").isin(DECIDED)) <= decided.reindex(a.index)).all()
    # An invitation to a round never logged, older than give_up_after_days, closes it as silence.
    invited = last["outcome"] == "next_round"
    lapsed = invited & last["next_round_date"].isna() & (
        (pd.Timestamp(iso(today)) - last["outcome_date"]).dt.days >= policy.give_up_after_days)
    assert (a.loc[lapsed.index[lapsed], "outcome"] == "no_response").all()
    assert np.array_equal(a.index.sort_values(), last.index.sort_values())
