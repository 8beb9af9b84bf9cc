"""The sample's applications: rounds, invitations and how applications end."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from followup_kit.data.rounds import number_rounds, round_problems
from followup_kit.data.sample import SAMPLE_AS_OF, generate, generate_typed
from followup_kit.playbook import applications, facts

AS_OF = pd.Timestamp(SAMPLE_AS_OF)


@pytest.fixture(scope="module")
def typed():
    return generate_typed(12000, seed=21)


@pytest.fixture(scope="module")
def rounds(typed):
    """Each later round beside the round before it: dates, interviewer, and the invitation."""
    _, interviews, events = typed
    by_round = interviews.set_index(["application_id", "round"])
    later = interviews[interviews["round"] > 1]
    before = by_round.loc[list(zip(later["application_id"], later["round"] - 1, strict=True))]
    invitations = events[events["kind"] == "next_round"].set_index("interview_id")["date"]
    return pd.DataFrame({
        "interview_id": later["interview_id"].to_numpy(),
        "before_id": before["interview_id"].to_numpy(),
        "held": later["interview_date"].to_numpy(),
        "before_held": before["interview_date"].to_numpy(),
        "invited_on": before["interview_id"].map(invitations).to_numpy(),
        "same_interviewer": (later["interviewer_name"].to_numpy() == before["interviewer_name"].to_numpy()),
        "same_place": ((later[["candidate_id", "company", "role"]].to_numpy()
                        == before[["candidate_id", "company", "role"]].to_numpy()).all(axis=1)),
    })


def test_about_45_percent_of_first_rounds_lead_to_a_second_and_15_percent_to_a_third(typed):
    _, interviews, _ = typed
    # First rounds old enough for their next rounds to have been held by the as-of day.
    first = interviews[(interviews["round"] == 1) & (interviews["interview_date"] <= AS_OF - pd.Timedelta(days=60))]
    reached = first["application_id"].map(interviews.groupby("application_id")["round"].max())
    assert len(first) > 10000
    assert (reached >= 2).mean() == pytest.approx(0.45, abs=0.03)
    assert (reached >= 3).mean() == pytest.approx(0.15, abs=0.02)
    assert interviews["round"].max() == 3


def test_later_rounds_are_the_same_application_with_its_first_rounds_id(typed, rounds):
    _, interviews, _ = typed
    assert rounds["same_place"].all()
    assert 0.6 < rounds["same_interviewer"].mean() < 0.8
    # Named as the store names an application: by the interview_id of its first round.
    first = interviews[interviews["round"] == 1]
    assert (first["application_id"] == first["interview_id"]).all()
    assert interviews["application_id"].isin(first["interview_id"]).all()
    # With both columns blanked, the rounds are found again from company, role and date.
    found = number_rounds(interviews.assign(application_id=pd.NA, round=pd.NA))
    assert (found["application_id"].to_numpy() == interviews["application_id"].to_numpy()).all()
    assert (found["round"].to_numpy() == interviews["round"].to_numpy()).all()


def test_every_invitation_lies_between_its_round_and_the_next(typed, rounds):
    _, interviews, events = typed
    assert rounds["invited_on"].notna().all()
    assert (rounds["invited_on"] > rounds["before_held"]).all()
    assert (rounds["invited_on"] < rounds["held"]).all()
    invitations = events[events["kind"] == "next_round"]
    assert invitations["interview_id"].is_unique
    held = invitations["interview_id"].map(interviews.set_index("interview_id")["interview_date"])
    assert (invitations["date"] > held).all()
    # An invitation without its round yet: the round is still to come, soon after the as-of day.
    waiting = invitations[~invitations["interview_id"].isin(rounds["before_id"])]
    assert len(waiting) > 0
    assert (waiting["date"] > AS_OF - pd.Timedelta(days=30)).all()


def test_only_an_applications_last_round_is_decided_and_nothing_follows_the_next_round(typed, rounds):
    _, interviews, events = typed
    last = interviews.groupby("application_id")["round"].transform("max") == interviews["round"]
    decisions = events[events["kind"].isin(["offer", "rejection", "withdrawn"])]
    assert decisions["interview_id"].is_unique
    assert decisions["interview_id"].isin(interviews.loc[last, "interview_id"]).all()
    invited = events.loc[events["kind"] == "next_round", "interview_id"]
    assert not decisions["interview_id"].isin(invited).any()
    assert not events.loc[events["kind"] == "reply_sent", "interview_id"].isin(invited).any()
    next_held = events["interview_id"].map(rounds.set_index("before_id")["held"])
    assert not (events["date"] >= next_held).any()


def test_about_40_percent_of_later_round_applications_end_in_silence(typed):
    apps = applications(facts(*typed, as_of=SAMPLE_AS_OF))
    settled = apps[apps["last_interview_date"] <= AS_OF - pd.Timedelta(days=120)]
    later = settled[settled["rounds"] >= 2]
    assert len(later) > 3000
    assert set(later["outcome"]) <= {"offer", "rejection", "withdrawn", "no_response"}
    assert 0.35 <= (later["outcome"] == "no_response").mean() <= 0.45
    # Jobs are mostly won over several rounds.
    offers = settled[settled["outcome"] == "offer"]
    assert (offers["rounds"] >= 2).mean() > 0.7


@pytest.mark.parametrize("n, seed, cohorts, as_of", [
    (1, 0, 1, SAMPLE_AS_OF), (7, 3, 2, "2026-03-15"), (60, 11, 4, SAMPLE_AS_OF),
    (900, 5, 12, "2027-01-31"), (5000, 2, 4, SAMPLE_AS_OF),
])
def test_round_problems_finds_nothing_in_the_sample(n, seed, cohorts, as_of):
    candidates, interviews, events = generate_typed(n, seed=seed, cohorts=cohorts, as_of=as_of)
    assert round_problems(interviews, events) == []
    assert interviews["interview_date"].max() < pd.Timestamp(as_of)
    if n >= 60:
        assert interviews["round"].max() >= 2 and (events["kind"] == "next_round").any()


def test_the_same_seed_gives_the_same_rounds():
    first, again, other = (generate(400, seed=s)[1] for s in (9, 9, 10))
    pd.testing.assert_frame_equal(first, again)
    assert list(first.columns[-2:]) == ["round", "application_id"]
    assert not np.array_equal(first["round"].to_numpy(), other["round"].to_numpy())
