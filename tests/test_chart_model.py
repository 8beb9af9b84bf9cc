"""The chart model: what each picture draws and says, on small cases worked by hand.

Three interviews, the same in every picture: an answer (an offer) on day 3
and one (a rejection) on day 10, both thanked the same day; one still
waiting when last seen on day 40, thanked late.

    day  at_risk  answers  waiting  still waiting (Kaplan-Meier)
     3      3        1        0      1 - 1/3         = 2/3
    10      2        1        0      2/3 * (1 - 1/2) = 1/3
    40      1        0        1      1/3

The 95% Wilson interval of 1 offer of 2 settled interviews is 0.5 +- 0.4055
(z = 1.96: centre (0.5 + z^2/4) / (1 + z^2/2) = 0.5, half width
z * sqrt(1/8 + z^2/16) / (1 + z^2/2) = 0.4055); of 0 of 3 it runs from 0 to
(z^2/3) / (1 + z^2/3) = 0.5615.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from test_analysis import make_facts

import followup_kit as fk
from followup_kit import chart_model
from followup_kit.errors import FollowupKitError
from followup_kit.palette import LINESTYLES, PALETTE
from followup_kit.words import ASSOCIATION


def three() -> pd.DataFrame:
    return make_facts([3, 10, 40], [True, True, False],
                      outcome=["offer", "rejection", "pending"],
                      timing=["same_day", "same_day", "late"],
                      follow_ups=[1, 0, 2], early=[0, 0, 2])


def test_the_curve_of_three_interviews_its_limits_and_the_counts_still_waiting():
    model = chart_model.curve_model(fk.response_curve(three()), max_days=30)
    assert model.title == "How long employers take to answer" and model.subtitle is None
    assert model.x_limits == (0, 30) and model.y_limits == (0, 1.02)
    assert model.x_ticks == (0, 5, 10, 15, 20, 25, 30)
    (curve,) = model.curves
    assert curve.label == "all interviews" and not model.named and model.legend_title == ""
    assert (curve.colour, curve.linestyle) == (PALETTE[0], LINESTYLES[0])
    # From day 0, a step on each answer, then flat to day 30: the last day shown, though the
    # interview still waiting was seen to day 40.
    assert curve.days.tolist() == [0, 3, 10, 30]
    np.testing.assert_allclose(curve.survival, [1, 2 / 3, 1 / 3, 1 / 3], rtol=0, atol=1e-12)
    assert curve.at_risk.tolist() == [3, 3, 2, 2]
    assert curve.ci_low[0] == curve.ci_high[0] == 1.0
    # Still waiting on day 0: all 3; on day 5 and 10 the two seen on day 10 or later; then one.
    assert curve.waiting.tolist() == [3, 2, 2, 1, 1, 1, 1]
    assert curve.waiting_said == ("3", "2", "2", "1", "1", "1", "1")
    # Nobody was last seen waiting by day 30: no marks, but room for them.
    assert curve.marks_days.tolist() == [] and curve.marks_survival.tolist() == []
    assert model.message is None and model.counted == 1
    assert model.description == ("How long employers take to answer. "
                                 "all interviews: 33% still waiting on day 30.")
    everything = chart_model.curve_model(fk.response_curve(three()), max_days=None)
    assert everything.x_limits == (0, 40) and everything.curves[0].days.tolist() == [0, 3, 10, 40]
    assert everything.curves[0].marks_days.tolist() == [40]
    np.testing.assert_allclose(everything.curves[0].marks_survival, [1 / 3], rtol=0, atol=1e-12)


def test_curves_by_behaviour_are_named_in_words_and_only_five_are_counted():
    model = chart_model.curve_model(fk.response_curve(three(), by="thank_you_timing"))
    assert [c.label for c in model.curves] == ["same day", "late"]
    assert model.named and model.legend_title == "thank-you timing"
    assert [c.colour for c in model.curves] == PALETTE[:2]
    assert dict(model.tooltips)["group"] == "thank-you timing"
    many = make_facts(list(range(1, 8)), [True] * 7, cohort=[f"c{i}" for i in range(7)])
    model = chart_model.curve_model(fk.response_curve(many, by="cohort"))
    assert len(model.curves) == 7 and model.counted == 5
    assert model.subtitle == "(the first 5 of 7 groups are counted under the curves)"


def test_a_curve_with_nothing_to_draw_says_so():
    empty = chart_model.curve_model(fk.response_curve(three().iloc[:0]))
    assert empty.curves == () and empty.message == chart_model.NO_INTERVIEWS
    assert empty.x_limits == (0, 30)
    assert empty.description == "How long employers take to answer: no interviews yet."
    silent = chart_model.curve_model(fk.response_curve(make_facts([4, 9], [False, False])))
    assert silent.message == chart_model.NO_ANSWERS


def test_the_rates_of_three_interviews_k_of_n_and_the_limit():
    rates = fk.outcome_rates(three(), by="thank_you_timing")
    model = chart_model.rates_model(rates)
    assert model.labels == ("same day", "on time", "late", "none")
    # Only the two answered interviews have settled, both thanked the same day.
    assert model.said == ("1 of 2", "no data yet", "no data yet", "no data yet")
    assert model.known.tolist() == [True, False, False, False]
    assert model.rate[0] == 0.5
    (below,), (above,) = model.interval_reach
    assert below == pytest.approx(0.4055, abs=1e-4) and above == pytest.approx(0.4055, abs=1e-4)
    # The axis runs 15% past the widest interval's end, to 100% at most.
    assert model.x_limits == (0, 1.0)
    assert model.title == "Offer rate by thank-you timing" and model.subtitle == ASSOCIATION
    assert model.x_title == "offer rate (of interviews old enough to have settled, 95% interval)"
    assert model.y_title == "thank-you timing"
    assert model.description == ("Offer rate by thank-you timing. same day: 50% (1 of 2); "
                                 "on time: no data yet; late: no data yet; none: no data yet.")
    assert model.message is None


def test_no_offer_of_three_sets_the_limit_by_the_interval_and_a_cohort_is_no_behaviour():
    facts = make_facts([3, 5, 8], [True] * 3, outcome=["rejection"] * 3)
    model = chart_model.rates_model(fk.outcome_rates(facts, by="cohort"))
    assert model.said == ("0 of 3",) and model.labels == ("A",)
    assert model.x_limits[1] == pytest.approx(0.5615 * 1.15, abs=1e-3)
    assert model.title == "Offer rate by cohort" and model.subtitle is None
    overall = chart_model.rates_model(fk.outcome_rates(facts, by=None))
    assert overall.labels == ("all interviews",) and overall.title == "Offer rate"
    assert overall.y_title is None
    empty = chart_model.rates_model(fk.outcome_rates(facts.iloc[:0], by="cohort"))
    assert empty.message == chart_model.NO_INTERVIEWS


def test_the_answers_of_three_interviews_week_by_week():
    model = chart_model.histogram_model(fk.response_curve(three()))
    assert model.edges.tolist() == [0, 7, 14, 21, 28, 35, 42] and model.x_limits == (0, 42)
    (answers,) = model.bars
    assert answers.label == "answers" and answers.heights.tolist() == [1, 1, 0, 0, 0, 0]
    assert model.waiting.label == "still waiting when last seen"
    assert model.waiting.heights.tolist() == [0, 0, 0, 0, 0, 1]
    assert model.waiting.bottom.tolist() == [1, 1, 0, 0, 0, 0]
    assert model.x_title == "days since the interview (7-day bars)"
    by_timing = chart_model.histogram_model(fk.response_curve(three(), by="thank_you_timing"))
    assert [b.label for b in by_timing.bars] == ["same day", "late"] and by_timing.waiting is None


def test_the_funnel_of_three_interviews():
    model = chart_model.funnel_model(fk.funnel(three()))
    assert model.stages == ("Interviews", "Thank-you sent", "Thank-you on time",
                            "Followed up in the window", "Employer answered", "Offers")
    (bars,) = model.groups
    np.testing.assert_allclose(bars.heights, [1, 1, 2 / 3, 1 / 3, 2 / 3, 1 / 3], rtol=0, atol=1e-12)
    assert bars.said == ("3 (100%)", "3 (100%)", "2 (67%)", "1 (33%)", "2 (67%)", "1 (33%)")
    assert not model.named and model.message is None
    empty = chart_model.funnel_model(fk.funnel(three().iloc[:0], by="cohort"))
    assert empty.groups == () and empty.message == chart_model.NO_INTERVIEWS


def test_a_model_is_frozen_and_its_numbers_read_only():
    model = chart_model.curve_model(fk.response_curve(three()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.title = "something else"
    with pytest.raises(ValueError, match="read-only"):
        model.curves[0].survival[1] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        chart_model.rates_model(fk.outcome_rates(three())).rate[0] = 1.0


def test_a_result_without_its_columns_is_refused_by_the_picture_s_name():
    with pytest.raises(FollowupKitError, match="plot_x needs .*survival"):
        chart_model.curve_model(fk.response_curve(three()).drop(columns="survival"),
                                picture="plot_x")
    with pytest.raises(FollowupKitError, match="rates_model needs .*trials"):
        chart_model.rates_model(fk.outcome_rates(three()).drop(columns="trials"))
