"""The words every face of the toolkit shares: dates, counts, steps in order."""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup_kit.words import (
    ACTION_WORDS,
    human_date,
    human_dates,
    in_step_order,
    number_words,
    plural,
    step_when,
    times_words,
)


def test_the_year_is_written_when_asked_never_when_not_and_otherwise_when_it_differs():
    assert human_date("2026-05-28", today="2026-01-02") == "Thursday 28 May"
    assert human_date("2026-05-28", today="2025-12-30") == "Thursday 28 May 2026"
    assert human_date("2026-05-28", today="2026-01-02", with_year=True) == "Thursday 28 May 2026"
    assert human_date("2026-05-28", today="2025-12-30", with_year=False) == "Thursday 28 May"
    column = human_dates(pd.Series(pd.to_datetime(["2026-05-28", None, "2027-01-04"])),
                         today="2026-03-01", with_year=True)
    assert column.iloc[0] == "Thursday 28 May 2026" and pd.isna(column.iloc[1])
    assert column.iloc[2] == "Monday 4 January 2027"
    assert human_dates(pd.Series(pd.to_datetime(["2027-01-04"])), today="2026-03-01",
                       with_year=False).iloc[0] == "Monday 4 January"


def test_counts_read_as_people_say_them():
    assert [plural(n, "interview") for n in (0, 1, 2, 12_345)] == [
        "0 interviews", "1 interview", "2 interviews", "12,345 interviews"]
    assert plural(2, "reply", "replies") == "2 replies"
    assert number_words(np.array([0, 1, 2, 10, 11])).tolist() == ["no", "one", "two", "ten", "11"]
    assert times_words(np.array([1, 2, 3, 12])).tolist() == ["once", "twice", "3 times", "12 times"]


def test_a_step_says_the_word_before_its_date():
    assert step_when("wait", "2026-11-03", today="2026-11-01") == "until Tuesday 3 November"
    assert step_when("follow_up", "2026-11-05", today="2026-11-01") == "from Thursday 5 November"
    assert step_when("respond_to_offer", "2026-11-05", today="2026-11-01") == "by Thursday 5 November"
    assert step_when("none", pd.NaT) == ""
    assert set(ACTION_WORDS) == {"send_thank_you", "wait", "follow_up", "reply_to_rejection",
                                 "respond_to_offer", "move_on", "none"}


def test_steps_come_open_first_overdue_first_then_soonest_and_ties_keep_their_order():
    steps = pd.DataFrame({
        "interview_id": ["I5", "I4", "I3", "I2", "I1", "I0"],
        "action": ["none", "wait", "follow_up", "send_thank_you", "follow_up", "wait"],
        "overdue": [False, False, True, False, False, False],
        "due": pd.to_datetime([None, "2026-11-09", "2026-10-20", "2026-11-02", "2026-11-09", None]),
    })
    assert in_step_order(steps)["interview_id"].tolist() == ["I3", "I2", "I4", "I1", "I0", "I5"]
    assert in_step_order(steps, then="interview_id")["interview_id"].tolist() == [
        "I3", "I2", "I1", "I4", "I0", "I5"]
