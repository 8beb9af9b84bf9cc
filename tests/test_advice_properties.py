"""Properties of the advice that hold for any interviews, events and policy.

* nobody is told the employer has gone quiet before their promised date plus grace;
* every open interview settles within ``give_up_after_days`` of the employer's last message
  (or of the later of the interview and the promise, when they never wrote);
* a ``reply_sent`` never counts as chasing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st
from test_playbook_properties import SETTINGS, interview, iso, policies, tables

from followup_kit import facts, plan

ANSWERS = ("employer_response", "offer", "rejection")


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_no_interview_is_given_up_before_its_promise_and_grace(rows, policy, today):
    f = facts(*tables(rows), as_of=iso(today), policy=policy)
    p = plan(f, today=iso(today))
    inside = (f["promised_decision_date"].notna() & (pd.Timestamp(iso(today)) < f["follow_up_opens"])).to_numpy()
    assert not (f["outcome"].to_numpy()[inside] == "no_response").any()
    assert not (p["action"].to_numpy()[inside] == "move_on").any()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_every_open_interview_settles_within_give_up_days_of_the_last_message(rows, policy, today):
    c, i, e = tables(rows)
    f = facts(c, i, e, as_of=iso(today), policy=policy).set_index("interview_id")
    day = pd.Timestamp(iso(today))
    seen = e[e["date"] <= day]
    last_word = seen[seen["kind"].isin(ANSWERS)].groupby("interview_id")["date"].max()
    start = np.maximum(i.set_index("interview_id")["interview_date"],
                       i.set_index("interview_id")["promised_decision_date"].fillna(pd.Timestamp("1900-01-01")))
    start = start.reindex(f.index)
    since = np.maximum(start, last_word.reindex(f.index).fillna(pd.Timestamp("1900-01-01")))
    settled_by = np.maximum(since + pd.Timedelta(days=policy.give_up_after_days), f["follow_up_opens"])
    overdue = day >= settled_by
    assert not (f.loc[overdue, "outcome"] == "pending").any()
    moved = plan(f.reset_index(), today=iso(today)).set_index("interview_id")["action"]
    undecided = overdue & f["outcome_date"].isna()
    assert (moved[undecided] == "move_on").all()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520),
       replies=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 120),
                                  st.sampled_from(("true", "false", ""))), max_size=6))
def test_reply_sent_never_changes_the_follow_up_counts(rows, policy, today, replies):
    plain = facts(*tables(rows), as_of=iso(today), policy=policy)
    with_replies = [dict(r, events=list(r["events"])) for r in rows]
    for which, after, to in replies:
        with_replies[which % len(rows)]["events"].append((after, "reply_sent", to))
    more = facts(*tables(with_replies), as_of=iso(today), policy=policy)
    for column in ("follow_ups", "early_follow_ups", "last_follow_up", "pushy", "not_interviewer",
                   "outcome", "follow_up_opens", "response_days"):
        pd.testing.assert_series_equal(plain[column], more[column], check_names=True)
    # Replies only ever add a reply to news, never take one away.
    assert (more["replied_on"].notna() >= plain["replied_on"].notna()).all()

