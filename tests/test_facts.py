"""Interview facts: the seed's cases with real dates, and the shape of the table."""

from __future__ import annotations

import datetime as dt

import holidays
import pandas as pd
import pytest

from followup_kit import FACTS_COLUMNS, Policy, cohort_report, facts
from followup_kit.data import schema
from followup_kit.errors import FollowupKitError

CANDIDATE = {"candidate_id": "C1", "name": "Ann Smith", "email": "ann@example.org",
             "cohort": "2026-spring", "country": "GB", "timezone": "Europe/London"}


def make_tables(interviews: list[dict], events: list[dict] = (), candidates: list[dict] | None = None):
    """Typed (candidates, interviews, events) from a few dicts, checked like an import."""
    cands = pd.DataFrame(candidates or [CANDIDATE])
    base = {"company": "Acme Ltd", "role": "Data analyst", "interviewer_name": "Jo Bloggs",
            "interviewer_email": "jo@acme.example", "candidate_id": "C1", "promised_decision_date": ""}
    # An interview that says neither its round nor its application is an application of its own,
    # as every interview was before rounds: cases of several rounds say so.
    ivs = pd.DataFrame([{**base, **({} if {"round", "application_id"} & set(i) else
                                    {"application_id": i.get("interview_id", "")}), **i}
                        for i in interviews])
    evs = pd.DataFrame([{"event_id": f"E{n}", "channel": "email", "to_interviewer": "", "note": "",
                         **e} for n, e in enumerate(events)],
                       columns=["event_id", "interview_id", "date", "kind", "channel",
                                "to_interviewer", "note"])
    evs = evs.astype("str").assign(
        to_interviewer=evs["to_interviewer"].map({"true": True, "false": False}).astype("boolean"))
    raws = [schema.frame_to_raw(schema.TABLES[name], frame.astype("str"), name)
            for name, frame in (("candidates", cands), ("interviews", ivs))]
    typed = schema.validate(raws)
    ev = (schema.validate(raws + [schema.frame_to_raw(schema.EVENTS, evs, "events")])
          ["events"] if len(evs) else schema.empty("events"))
    return typed["candidates"], typed["interviews"], ev


def one(interview: dict, events: list[dict] = (), as_of="2026-07-01", policy=None, candidates=None):
    f = facts(*make_tables([{"interview_id": "I1", **interview}], events, candidates),
              as_of=as_of, policy=policy)
    assert len(f) == 1
    return f.iloc[0]


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_columns_and_dtypes_are_the_public_ones():
    f = facts(*make_tables([{"interview_id": "I1", "interview_date": "2026-05-15"}]), as_of="2026-06-01")
    assert tuple(f.columns) == FACTS_COLUMNS
    assert f["thank_you_timing"].cat.categories.tolist() == ["same_day", "on_time", "late", "none"]
    assert f["outcome"].cat.categories.tolist() == ["offer", "rejection", "withdrawn", "next_round", "no_response",
                                                    "pending"]
    for col in ("interview_date", "promised_decision_date", "thank_you_due", "thank_you_sent",
                "follow_up_opens", "last_follow_up", "answered_on", "outcome_date", "replied_on"):
        assert f[col].dtype == "datetime64[us]", col
    for col in ("follow_ups", "early_follow_ups", "response_days"):
        assert f[col].dtype == "int64", col
    for col in ("pushy", "not_interviewer", "responded"):
        assert f[col].dtype == bool, col
    assert f["cohort"].iloc[0] == "2026-spring"


@pytest.mark.parametrize(("sent", "timing"), [("2026-05-15", "same_day"), ("2026-05-16", "on_time"),
                                              ("2026-05-18", "late"), (None, "none")])
def test_friday_interview_thank_you_is_due_saturday(sent, timing):
    assert dt.date(2026, 5, 15).weekday() == 4
    events = [{"interview_id": "I1", "date": sent, "kind": "thank_you_sent"}] if sent else []
    row = one({"interview_date": "2026-05-15"}, events)
    assert row["thank_you_due"] == day("2026-05-16")
    assert row["thank_you_timing"] == timing


def test_no_promised_date_waits_ten_business_days_skipping_the_bank_holiday():
    assert dt.date(2026, 5, 25) in holidays.country_holidays("GB", years=2026)
    row = one({"interview_date": "2026-05-15"})
    # 18-22 May is five, 25 May is Spring bank holiday, 26-29 May is nine, Monday 1 June the tenth.
    assert row["follow_up_opens"] == day("2026-06-01")


def test_promised_date_before_a_bank_holiday_weekend():
    row = one({"interview_date": "2026-05-12", "promised_decision_date": "2026-05-22"})
    # Friday 22 May, then Saturday, Sunday and Monday 25 May off: Tuesday, Wednesday, Thursday.
    assert row["follow_up_opens"] == day("2026-05-28")


def test_no_country_means_weekends_only():
    nowhere = {**CANDIDATE, "country": "", "timezone": ""}
    row = one({"interview_date": "2026-05-12", "promised_decision_date": "2026-05-22"},
              candidates=[nowhere])
    assert row["follow_up_opens"] == day("2026-05-27")


def test_follow_up_one_day_before_the_window_is_early():
    iv = {"interview_date": "2026-05-12", "promised_decision_date": "2026-05-22"}
    early = one(iv, [{"interview_id": "I1", "date": "2026-05-27", "kind": "follow_up_sent",
                      "to_interviewer": "true"}])
    on_time = one(iv, [{"interview_id": "I1", "date": "2026-05-28", "kind": "follow_up_sent",
                        "to_interviewer": "true"}])
    assert (early["follow_ups"], early["early_follow_ups"]) == (1, 1)
    assert (on_time["follow_ups"], on_time["early_follow_ups"]) == (1, 0)
    assert early["last_follow_up"] == day("2026-05-27")


def follow_ups_on(*dates: str) -> list[dict]:
    return [{"interview_id": "I1", "date": d, "kind": "follow_up_sent", "to_interviewer": "true"}
            for d in dates]


def test_three_follow_ups_are_pushy_even_when_spaced_out():
    row = one({"interview_date": "2026-03-02"}, follow_ups_on("2026-03-16", "2026-03-30", "2026-04-13"))
    assert row["follow_ups"] == 3
    assert row["pushy"]
    two = one({"interview_date": "2026-03-02"}, follow_ups_on("2026-03-16", "2026-03-30"))
    assert not two["pushy"]


def test_two_follow_ups_within_five_business_days_are_pushy():
    # Friday 22 May to Friday 29 May is four business days in GB (25 May is a bank holiday).
    close = one({"interview_date": "2026-05-01"}, follow_ups_on("2026-05-22", "2026-05-29"))
    assert close["pushy"]
    apart = one({"interview_date": "2026-05-01"}, follow_ups_on("2026-05-22", "2026-06-01"))
    assert not apart["pushy"]
    nowhere = {**CANDIDATE, "country": ""}
    weekdays_only = one({"interview_date": "2026-05-01"}, follow_ups_on("2026-05-22", "2026-05-29"),
                        candidates=[nowhere])
    assert not weekdays_only["pushy"]


def test_follow_up_to_a_recruiter_is_not_interviewer():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-20", "kind": "follow_up_sent",
                "to_interviewer": "false"}])
    assert row["not_interviewer"]
    unknown = one({"interview_date": "2026-05-04"},
                  [{"interview_id": "I1", "date": "2026-05-20", "kind": "follow_up_sent"}])
    assert not unknown["not_interviewer"]


def test_rejection_by_letter():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-05", "kind": "thank_you_sent"},
               {"interview_id": "I1", "date": "2026-05-29", "kind": "rejection", "channel": "letter"}])
    assert row["outcome"] == "rejection"
    assert row["outcome_date"] == day("2026-05-29")
    assert row["answered_on"] == day("2026-05-29")
    assert row["responded"]
    assert row["response_days"] == 25


def test_an_interview_that_ends_in_an_offer():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-11", "kind": "employer_response"},
               {"interview_id": "I1", "date": "2026-05-18", "kind": "offer", "channel": "phone"}])
    assert row["outcome"] == "offer"
    assert row["outcome_date"] == day("2026-05-18")
    assert row["answered_on"] == day("2026-05-11")
    assert row["response_days"] == 7


def test_earliest_decision_wins():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-10", "kind": "withdrawn"},
               {"interview_id": "I1", "date": "2026-05-20", "kind": "rejection", "channel": "letter"}])
    assert row["outcome"] == "withdrawn"
    assert row["outcome_date"] == day("2026-05-10")


def test_a_thank_you_for_a_quick_rejection_is_a_reply_not_a_follow_up():
    # Rejected on Friday 8 May, four days after the interview: the follow-up window
    # was weeks away, yet thanking the interviewer on Saturday is not early or pushy.
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-08", "kind": "rejection", "channel": "letter"},
               *follow_ups_on("2026-05-09")])
    assert row["follow_up_opens"] > day("2026-05-09")
    assert (row["follow_ups"], row["early_follow_ups"]) == (0, 0)
    assert not row["pushy"] and not row["not_interviewer"]
    assert pd.isna(row["last_follow_up"])
    assert row["replied_on"] == day("2026-05-09")


def test_a_reply_on_the_day_of_the_news_to_a_recruiter_is_not_flagged():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-18", "kind": "offer", "channel": "phone"},
               {"interview_id": "I1", "date": "2026-05-18", "kind": "follow_up_sent",
                "to_interviewer": "false"},
               *follow_ups_on("2026-05-19")])
    assert row["follow_ups"] == 0
    assert not row["not_interviewer"] and not row["pushy"]
    assert row["replied_on"] == day("2026-05-18")


def test_follow_ups_before_the_decision_count_and_the_reply_after_it_does_not():
    row = one({"interview_date": "2026-03-02"},
              [*follow_ups_on("2026-03-16", "2026-03-30"),
               {"interview_id": "I1", "date": "2026-04-08", "kind": "rejection", "channel": "letter"},
               *follow_ups_on("2026-04-09")])
    assert row["follow_ups"] == 2
    assert row["early_follow_ups"] == 0
    assert not row["pushy"]
    assert row["last_follow_up"] == day("2026-03-30")
    assert row["replied_on"] == day("2026-04-09")
    # The same three messages with no decision are three follow-ups: pushy by count.
    chasing = one({"interview_date": "2026-03-02"}, follow_ups_on("2026-03-16", "2026-03-30", "2026-04-09"))
    assert chasing["follow_ups"] == 3 and chasing["pushy"]
    assert pd.isna(chasing["replied_on"])


def test_utc_plus_13_email_is_the_next_day_at_home():
    tonga = {**CANDIDATE, "country": "TO", "timezone": "Pacific/Tongatapu"}
    # 20:00 UTC on Monday 11 May is 09:00 on Tuesday 12 May in Tonga.
    sent = [{"interview_id": "I1", "date": "2026-05-11T20:00:00Z", "kind": "thank_you_sent"}]
    row = one({"interview_date": "2026-05-11"}, sent, candidates=[tonga])
    assert row["thank_you_sent"] == day("2026-05-12")
    assert row["thank_you_timing"] == "on_time"
    no_zone = {**tonga, "timezone": ""}
    written = one({"interview_date": "2026-05-11"}, sent, candidates=[no_zone])
    assert written["thank_you_sent"] == day("2026-05-11")
    assert written["thank_you_timing"] == "same_day"


def test_events_after_as_of_are_not_known_yet():
    events = [{"interview_id": "I1", "date": "2026-05-05", "kind": "thank_you_sent"},
              {"interview_id": "I1", "date": "2026-06-10", "kind": "offer"}]
    before = one({"interview_date": "2026-05-04"}, events, as_of="2026-06-01")
    assert before["outcome"] == "pending"
    assert not before["responded"]
    assert before["response_days"] == 28
    after = one({"interview_date": "2026-05-04"}, events, as_of="2026-06-10")
    assert after["outcome"] == "offer"


def test_silence_becomes_no_response_after_ghost_days():
    iv = {"interview_date": "2026-05-04"}
    assert one(iv, as_of="2026-06-17")["outcome"] == "pending"      # 44 days
    assert one(iv, as_of="2026-06-18")["outcome"] == "no_response"  # 45 days
    assert pd.isna(one(iv, as_of="2026-06-18")["outcome_date"])
    answered = one(iv, [{"interview_id": "I1", "date": "2026-05-20", "kind": "employer_response"}],
                   as_of="2026-08-01")
    assert answered["outcome"] == "pending"
    assert one(iv, as_of="2026-06-10", policy=Policy(ghost_after_days=30))["outcome"] == "no_response"


def test_withdrawal_censors_the_wait():
    row = one({"interview_date": "2026-05-04"},
              [{"interview_id": "I1", "date": "2026-05-14", "kind": "withdrawn"}], as_of="2026-06-30")
    assert not row["responded"]
    assert row["response_days"] == 10


def test_events_of_interviews_left_out_are_ignored():
    c, i, e = make_tables([{"interview_id": "I1", "interview_date": "2026-05-04"},
                           {"interview_id": "I2", "interview_date": "2026-05-04"}],
                          [{"interview_id": "I2", "date": "2026-05-05", "kind": "offer"}])
    f = facts(c, i[i["interview_id"] == "I1"], e, as_of="2026-06-01")
    assert f["interview_id"].tolist() == ["I1"]
    assert f["outcome"].iloc[0] == "pending"


def test_bad_as_of_says_what_to_write():
    with pytest.raises(FollowupKitError, match="YYYY-MM-DD"):
        facts(*make_tables([{"interview_id": "I1", "interview_date": "2026-05-04"}]), as_of="soon")


def test_cohorts_are_listed_in_the_order_they_began():
    people = [{**CANDIDATE, "candidate_id": "C1", "cohort": "Spring 2026"},
              {**CANDIDATE, "candidate_id": "C2", "cohort": "Autumn 2025"},
              {**CANDIDATE, "candidate_id": "C3", "cohort": "Autumn 2026"}]
    f = facts(*make_tables([{"interview_id": "I1", "candidate_id": "C1", "interview_date": "2026-04-01"},
                            {"interview_id": "I2", "candidate_id": "C2", "interview_date": "2025-10-01"}],
                           candidates=people), as_of="2026-11-01")
    # Autumn 2025 began first; Autumn 2026 has no interview yet, so it comes last but is not lost.
    assert f["cohort"].cat.categories.tolist() == ["Autumn 2025", "Spring 2026", "Autumn 2026"]
    assert f["cohort"].tolist() == ["Spring 2026", "Autumn 2025"]
    report = cohort_report(f)
    assert report["cohort"].tolist() == ["Autumn 2025", "Spring 2026", "Autumn 2026"]
    assert report["interviews"].tolist() == [1, 1, 0]


def test_facts_as_of_a_day_leave_out_what_came_later():
    tables = make_tables(
        [{"interview_id": "I1", "interview_date": "2026-05-04"},
         {"interview_id": "I2", "interview_date": "2026-06-15"}],
        [{"interview_id": "I1", "date": "2026-05-20", "kind": "offer"}])
    early = facts(*tables, as_of="2026-05-10")
    assert early["interview_id"].tolist() == ["I1"]
    assert (early["response_days"].iloc[0], early["responded"].iloc[0]) == (6, False)
    later = facts(*tables, as_of="2026-07-01")
    assert later["interview_id"].tolist() == ["I1", "I2"]
    assert later["outcome"].tolist() == ["offer", "pending"]
