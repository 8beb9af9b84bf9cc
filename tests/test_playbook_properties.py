"""Properties of the playbook that hold for any interviews and events."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup_kit import Policy, facts, plan
from followup_kit.data import schema
from followup_kit.playbook.next_steps import ACTIONS

START = dt.date(2025, 12, 1)
COUNTRIES = ("GB", "US", "KE", "TO", "ZZ", "")
ANSWERS = ("employer_response", "offer", "rejection")

interview = st.fixed_dictionaries({
    "held": st.integers(0, 400),
    "promise": st.one_of(st.none(), st.integers(0, 60)),
    "country": st.sampled_from(COUNTRIES),
    "events": st.lists(st.tuples(st.integers(0, 120), st.sampled_from(schema.KINDS),
                                 st.sampled_from(("true", "false", ""))), max_size=6),
})
policies = st.builds(Policy, grace_business_days=st.integers(0, 6),
                     default_wait_business_days=st.integers(0, 15), max_follow_ups=st.integers(0, 3),
                     min_gap_business_days=st.integers(0, 7), ghost_after_days=st.integers(0, 60),
                     reply_after_days=st.integers(0, 3), reply_window_days=st.integers(3, 30))
# How many examples comes from the profile (tests/conftest.py): more, and the same ones, in CI.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def iso(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def tables(rows: list[dict]):
    """Typed tables for one candidate per interview (each with its own country)."""
    cands = pd.DataFrame({
        "candidate_id": [f"C{n}" for n in range(len(rows))], "name": "Ann", "email": "a@example.org",
        "cohort": "c", "country": [r["country"] for r in rows], "timezone": ""})
    ivs = pd.DataFrame({
        "interview_id": [f"I{n}" for n in range(len(rows))],
        "candidate_id": [f"C{n}" for n in range(len(rows))], "company": "Acme", "role": "Clerk",
        "interviewer_name": "Jo", "interviewer_email": "jo@acme.example",
        "interview_date": [iso(r["held"]) for r in rows],
        "promised_decision_date": ["" if r["promise"] is None else iso(r["held"] + r["promise"])
                                   for r in rows]})
    evs = pd.DataFrame([
        {"event_id": f"E{n}-{k}", "interview_id": f"I{n}", "date": iso(r["held"] + after), "kind": kind,
         "channel": "email", "to_interviewer": to, "note": ""}
        for n, r in enumerate(rows) for k, (after, kind, to) in enumerate(r["events"])],
        columns=schema.EVENTS.names)
    return (schema.typed(schema.CANDIDATES, cands.astype("str")),
            schema.typed(schema.INTERVIEWS, ivs.astype("str")),
            schema.typed(schema.EVENTS, evs.astype("str")))


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_window_never_opens_before_the_interview_or_the_promise(rows, policy, today):
    f = facts(*tables(rows), as_of=iso(today), policy=policy)
    assert (f["follow_up_opens"] >= f["interview_date"]).all()
    promised = f["promised_decision_date"].notna()
    assert (f.loc[promised, "follow_up_opens"] >= f.loc[promised, "promised_decision_date"]).all()
    assert (f["follow_up_opens"].dt.day_of_week < 5).all()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_every_interview_has_exactly_one_next_action(rows, policy, today):
    c, i, e = tables(rows)
    f = facts(c, i, e, as_of=iso(today), policy=policy)
    p = plan(f, today=iso(today), policy=policy)
    # Every interview held by today, in order; one still to come is not known yet.
    held = i.loc[i["interview_date"] <= pd.Timestamp(iso(today)), "interview_id"]
    assert p["interview_id"].tolist() == held.tolist()
    assert p["action"].notna().all() and set(p["action"].astype("str")) <= set(ACTIONS)
    assert (p["reason"].str.len() > 10).all()
    assert (p["due"].notna() | (p["action"] == "none")).all()
    assert not (p["overdue"] & p["action"].isin(["wait", "move_on", "none"])).any()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=6), policy=policies, today=st.integers(0, 520),
       answer=st.sampled_from(ANSWERS), after=st.integers(0, 120))
def test_an_employer_answer_never_makes_an_interview_wait_again(rows, policy, today, answer, after):
    c, i, e = tables(rows)
    before = plan(facts(c, i, e, as_of=iso(today), policy=policy), today=iso(today), policy=policy)
    answered = [{**r, "events": [*r["events"], (after, answer, "")]} for r in rows]
    c, i, e = tables(answered)
    f = facts(c, i, e, as_of=iso(today), policy=policy)
    after_plan = plan(f, today=iso(today), policy=policy)
    # An invitation to the next round is the one answer that is waited on: for the round it invites to.
    invited = (f["outcome"] == "next_round").to_numpy()
    known = f["responded"].to_numpy() & ~invited
    assert not (after_plan["action"][known] == "wait").any()
    assert not ((before["action"] != "wait") & (after_plan["action"] == "wait") & ~invited).any()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_a_follow_up_is_either_chasing_or_the_reply(rows, policy, today):
    c, i, e = tables(rows)
    f = facts(c, i, e, as_of=iso(today), policy=policy).set_index("interview_id")
    fu = e[(e["kind"] == "follow_up_sent") & (e["date"] <= pd.Timestamp(iso(today)))]
    decided = f["outcome_date"].reindex(fu["interview_id"]).to_numpy()
    after = fu["date"].to_numpy() >= decided
    chasing = fu[~after].groupby("interview_id").size().reindex(f.index, fill_value=0)
    # A reply_sent on or after the decision is the reply as well, said outright.
    rs = e[(e["kind"] == "reply_sent") & (e["date"] <= pd.Timestamp(iso(today)))]
    rs = rs[rs["date"].to_numpy() >= f["outcome_date"].reindex(rs["interview_id"]).to_numpy()]
    replies = pd.concat([fu[after], rs])
    first_reply = replies.groupby("interview_id")["date"].min().reindex(f.index)
    assert (f["follow_ups"] == chasing).all()
    assert (f["early_follow_ups"] <= f["follow_ups"]).all()
    assert f["replied_on"].equals(first_reply.astype("datetime64[us]").rename("replied_on"))
    assert (f["replied_on"].isna() | (f["replied_on"] >= f["outcome_date"])).all()
    assert not (f["last_follow_up"] >= f["outcome_date"]).any()
    assert not (f["pushy"] & (f["follow_ups"] == 0)).any()
    assert not (f["not_interviewer"] & (f["follow_ups"] == 0)).any()


@SETTINGS
@given(rows=st.lists(interview, min_size=1, max_size=8), policy=policies, today=st.integers(0, 520))
def test_a_rejection_asks_for_a_reply_only_inside_the_window_and_an_offer_always(rows, policy, today):
    c, i, e = tables(rows)
    f = facts(c, i, e, as_of=iso(today), policy=policy)
    p = plan(f, today=iso(today), policy=policy)
    unanswered = f["replied_on"].isna()
    inside = pd.Timestamp(iso(today)) <= f["outcome_date"] + pd.Timedelta(days=policy.reply_window_days)
    rejected = unanswered & (f["outcome"] == "rejection")
    assert ((p["action"] == "reply_to_rejection") == (rejected & inside)).all()
    assert (p.loc[rejected & ~inside, "action"] == "none").all()
    assert ((p["action"] == "respond_to_offer") == (unanswered & (f["outcome"] == "offer"))).all()
    lapsed = p["reason"].str.contains("may have lapsed")
    assert (lapsed == ((p["action"] == "respond_to_offer") & ~inside)).all()


# -- candidates in their own time zones, events with the moment they were sent ------------
# From the first zone past the date line (+14:00) to the last before it (-11:00), with
# quarter- and half-hour offsets and summer time; "" is a candidate with no zone.
ZONES = ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "America/St_Johns",
         "Australia/Lord_Howe", "Europe/London", "America/Los_Angeles", "Africa/Nairobi", "")
# An email's UTC offset, in minutes: -12:00 to +14:00 by quarter hours.
OFFSETS = st.integers(-12 * 4, 14 * 4).map(lambda quarters: quarters * 15)
# (day after the interview, kind, to the interviewer, sent at (minute of the day, offset) or a plain date)
zoned_event = st.tuples(st.integers(0, 120), st.sampled_from(schema.KINDS),
                        st.sampled_from(("true", "false", "")),
                        st.one_of(st.none(), st.tuples(st.integers(0, 24 * 60 - 1), OFFSETS)))
zoned_interview = st.fixed_dictionaries({
    "held": st.integers(0, 400),
    "promise": st.one_of(st.none(), st.integers(0, 60)),
    "country": st.sampled_from(COUNTRIES),
    "zone": st.sampled_from(ZONES),
    "events": st.lists(zoned_event, max_size=6),
})


def written(offset_days: int, sent) -> str:
    """An event's date as a file gives it: a plain date, or a timestamp with its UTC offset."""
    if sent is None:
        return iso(offset_days)
    minute, offset = sent
    sign = "-" if offset < 0 else "+"
    zone = "Z" if offset == 0 else f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"
    return f"{iso(offset_days)}T{minute // 60:02d}:{minute % 60:02d}:00{zone}"


def zoned_tables(rows: list[dict]):
    """Like :func:`tables`, with each candidate's time zone and events written as timestamps."""
    cands, ivs, _ = tables([{**r, "events": []} for r in rows])
    cands = cands.assign(timezone=pd.array([r["zone"] or pd.NA for r in rows], dtype="str"))
    evs = schema.typed(schema.EVENTS, pd.DataFrame([
        {"event_id": f"E{n}-{k}", "interview_id": f"I{n}", "date": written(r["held"] + after, sent),
         "kind": kind, "channel": "email", "to_interviewer": to, "note": ""}
        for n, r in enumerate(rows) for k, (after, kind, to, sent) in enumerate(r["events"])],
        columns=schema.EVENTS.names).astype("str"))
    return cands, ivs, evs


def own_day(text: str, zone: str) -> dt.date:
    """The candidate's calendar day of an event, worked out with the standard library."""
    moment = dt.datetime.fromisoformat(text)
    if zone and moment.tzinfo is not None:
        return moment.astimezone(zoneinfo.ZoneInfo(zone)).date()
    return moment.date()


@SETTINGS
@given(rows=st.lists(zoned_interview, min_size=1, max_size=6), policy=policies, today=st.integers(0, 520))
def test_a_thank_you_is_dated_on_the_candidates_own_calendar_day(rows, policy, today):
    c, i, e = zoned_tables(rows)
    f = facts(c, i, e, as_of=iso(today), policy=policy)
    p = plan(f, today=iso(today), policy=policy)
    day = START + dt.timedelta(days=today)
    for n, r in enumerate(rows):
        if START + dt.timedelta(days=r["held"]) > day:
            continue
        sent = [own_day(written(r["held"] + after, stamp), r["zone"])
                for after, kind, _, stamp in r["events"] if kind == "thank_you_sent"]
        sent = [d for d in sent if d <= day]
        got = f.set_index("interview_id").loc[f"I{n}", "thank_you_sent"]
        assert (pd.isna(got) and not sent) or got.date() == min(sent), (r, got)
    # The rules above still hold when dates come from moments in other zones.
    assert (f["follow_up_opens"] >= f["interview_date"]).all()
    assert (f["follow_up_opens"].dt.day_of_week < 5).all()
    assert p["action"].notna().all() and set(p["action"].astype("str")) <= set(ACTIONS)
    assert (p["due"].notna() | (p["action"] == "none")).all()


@SETTINGS
@given(rows=st.lists(zoned_interview, min_size=1, max_size=6), policy=policies, today=st.integers(0, 520),
       other=OFFSETS)
def test_the_same_moment_written_with_another_offset_gives_the_same_facts(rows, policy, today, other):
    # Only a candidate with a zone reads the moment; without one the date as written counts.
    def moved(after: int, sent, zone: str):
        if sent is None or not zone:
            return after, sent
        minute, offset = sent
        shifted = minute - offset + other
        return after + int(np.floor_divide(shifted, 24 * 60)), (int(shifted % (24 * 60)), other)

    again = [{**r, "events": [(*moved(r["held"] + after, stamp, r["zone"]), kind, to)
                              for after, kind, to, stamp in r["events"]]} for r in rows]
    again = [{**r, "events": [(day - r["held"], kind, to, stamp) for day, stamp, kind, to in r["events"]]}
             for r in again]
    first = facts(*zoned_tables(rows), as_of=iso(today), policy=policy)
    second = facts(*zoned_tables(again), as_of=iso(today), policy=policy)
    pd.testing.assert_frame_equal(first, second)
