"""Properties of the advice that hold for any interviews, events and policy.

* the follow-up window opens ``grace_business_days`` after a promise, as worked out here with
  numpy's business-day functions and the ``holidays`` package, apart from the playbook's code;
* nobody is told the employer has gone quiet before that day;
* every open interview settles within ``give_up_after_days`` of the employer's last message
  (or of the later of the interview and the promise, when they never wrote);
* a ``reply_sent`` never counts as chasing.
"""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st
from test_playbook_properties import SETTINGS, START, interview, iso, policies, tables

from followup_kit import Policy, facts, plan

ANSWERS = ("employer_response", "offer", "rejection")


def promise_and_grace(promised: dt.date, country: str, grace: int) -> dt.date:
    """The first day a follow-up is welcome after a promise, worked out apart from the playbook.

    The first business day on or after the promised date with ``grace`` business days after the
    promise, up to and including it; business days are Monday to Friday less the public holidays
    the ``holidays`` package gives the country (none for no country or one it does not know).
    """
    try:
        off = sorted(holidays.country_holidays(country, years=range(promised.year, promised.year + 2))
                     if country else [])
    except NotImplementedError:  # a code the holidays package does not know: weekends only
        off = []
    day = promised
    while not (np.is_busday(day, holidays=off)
               and np.busday_count(promised + dt.timedelta(days=1), day + dt.timedelta(days=1),
                                   holidays=off) >= grace):
        day += dt.timedelta(days=1)
    return day


def promised_windows(rows: list[dict], policy: Policy, today: int) -> dict[str, dt.date]:
    """Each interview held by ``today`` with a promise: its id and :func:`promise_and_grace`."""
    day = START + dt.timedelta(days=today)
    held = {f"I{n}": (START + dt.timedelta(days=r["held"]), r) for n, r in enumerate(rows)}
    return {key: promise_and_grace(when + dt.timedelta(days=r["promise"]), r["country"],
                                   policy.grace_business_days)
            for key, (when, r) in held.items() if r["promise"] is not None and when <= day}


def test_promise_and_grace_by_hand():
    # Friday 22 May 2026 promised; Monday 25 May is the Spring bank holiday in GB, not in KE.
    assert promise_and_grace(dt.date(2026, 5, 22), "GB", 3) == dt.date(2026, 5, 28)
    assert promise_and_grace(dt.date(2026, 5, 22), "KE", 3) == dt.date(2026, 5, 27)
    # A promise on a Saturday: three business days after it end on Wednesday; none, on Monday.
    assert promise_and_grace(dt.date(2026, 5, 30), "", 3) == dt.date(2026, 6, 3)
    assert promise_and_grace(dt.date(2026, 5, 30), "ZZ", 0) == dt.date(2026, 6, 1)
    assert promise_and_grace(dt.date(2026, 5, 29), "", 0) == dt.date(2026, 5, 29)


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_the_window_opens_grace_business_days_after_the_promise(rows, policy, today):
    f = facts(*tables(rows), as_of=iso(today), policy=policy).set_index("interview_id")
    for key, opens in promised_windows(rows, policy, today).items():
        assert f.loc[key, "follow_up_opens"] == pd.Timestamp(opens), (key, rows, opens)


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
# A silence clock shorter than the grace: the day after a promise kept on the interview day.
@example(rows=[{"held": 0, "promise": 0, "country": "GB", "events": []}],
         policy=Policy(ghost_after_days=0, grace_business_days=3), today=1)
def test_no_interview_is_given_up_before_its_promise_and_grace(rows, policy, today):
    f = facts(*tables(rows), as_of=iso(today), policy=policy).set_index("interview_id")
    p = plan(f.reset_index(), today=iso(today)).set_index("interview_id")
    day = START + dt.timedelta(days=today)
    for key, opens in promised_windows(rows, policy, today).items():
        if day < opens:
            assert f.loc[key, "outcome"] != "no_response", (key, rows, opens)
            assert p.loc[key, "action"] != "move_on", (key, rows, opens)


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

