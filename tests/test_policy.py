"""The Policy: defaults from the seed, and values a coach cannot set by mistake."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from followup_kit import FollowupKitError, Policy


def test_defaults_are_the_briefs():
    p = Policy()
    assert (p.thank_you_after_days, p.grace_business_days, p.default_wait_business_days,
            p.max_follow_ups, p.min_gap_business_days, p.ghost_after_days) == (1, 3, 10, 2, 5, 45)
    assert p.answer_kinds == ("employer_response", "next_round", "offer", "rejection")


def test_policy_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Policy().max_follow_ups = 3


def test_every_field_is_documented_with_the_seed():
    doc = " ".join(Policy.__doc__.split())
    for field in dataclasses.fields(Policy):
        assert f"{field.name} :" in doc, field.name
    assert "a day after the interview" in doc
    assert "give them a few more days" in doc


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Policy)
                                   if not f.name.endswith("_kinds")])
def test_negative_numbers_are_refused(field):
    with pytest.raises(FollowupKitError, match="cannot be negative"):
        Policy(**{field: -1})


@pytest.mark.parametrize("value", [1.5, "3", True, None])
def test_non_whole_numbers_are_refused(value):
    with pytest.raises(FollowupKitError, match="whole number"):
        Policy(grace_business_days=value)


def test_numpy_integers_are_accepted_as_plain_ints():
    p = Policy(max_follow_ups=np.int64(3))
    assert p.max_follow_ups == 3 and type(p.max_follow_ups) is int


def test_unknown_kinds_are_refused():
    with pytest.raises(FollowupKitError, match="unknown event kind"):
        Policy(answer_kinds=("employer_response", "telegram"))
    with pytest.raises(FollowupKitError, match="decision_kinds"):
        Policy(decision_kinds=("offer", "employer_response"))
    with pytest.raises(FollowupKitError, match="tuple"):
        Policy(answer_kinds="offer")
