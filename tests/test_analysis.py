"""Analyses: counts, Kaplan–Meier curves, medians, patience meter, rates, tests, reports, CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy import stats

import followup_kit as fk
from followup_kit.errors import FollowupKitError
from followup_kit.stats import counts, rates

# scipy warns where its log-log band is undefined (survival 0 or 1) and where its log-rank
# variance is 0; the tests compare only the points where both are defined.
pytestmark = pytest.mark.filterwarnings(
    "ignore:The confidence interval is undefined:RuntimeWarning",
    "ignore:invalid value encountered in scalar divide:RuntimeWarning")

TIMING = ["same_day", "on_time", "late", "none"]
OUTCOMES = ["offer", "rejection", "withdrawn", "no_response", "pending"]


def make_facts(days, responded, cohort="A", *, outcome=None, timing=None, candidate=None,
               follow_ups=None, early=None, old_enough=None, due=None, warned=None) -> pd.DataFrame:
    """Facts with the columns the analyses read, one row per interview.

    By default every thank-you letter is due, and an interview is old enough
    to count in the offer rate when its outcome is settled.
    """
    n = len(days)
    outcome = outcome if outcome is not None else ["pending"] * n
    return pd.DataFrame({
        "interview_id": pd.array([f"I{i:04d}" for i in range(n)], dtype="str"),
        "candidate_id": pd.array(candidate if candidate is not None
                                 else [f"C{i:04d}" for i in range(n)], dtype="str"),
        "cohort": pd.array(cohort if isinstance(cohort, list) else [cohort] * n, dtype="str"),
        "thank_you_timing": pd.Categorical(timing if timing is not None else ["on_time"] * n,
                                           categories=TIMING),
        "follow_ups": np.asarray(follow_ups if follow_ups is not None else [0] * n, dtype=np.int64),
        "early_follow_ups": np.asarray(early if early is not None else [0] * n, dtype=np.int64),
        "response_days": np.asarray(days, dtype=np.int64),
        "responded": np.asarray(responded, dtype=bool),
        "outcome": pd.Categorical(outcome, categories=OUTCOMES),
        "thank_you_is_due": np.asarray(due if due is not None else [True] * n, dtype=bool),
        "old_enough": np.asarray(old_enough if old_enough is not None
                                 else [o != "pending" for o in outcome], dtype=bool),
        "warned": np.asarray(warned if warned is not None else [False] * n, dtype=bool),
    })


def scipy_sf(days, responded):
    days, responded = np.asarray(days), np.asarray(responded, dtype=bool)
    data = stats.CensoredData(uncensored=days[responded], right=days[~responded])
    return stats.ecdf(data).sf


# -- the hand-worked case ---------------------------------------------------------
# Six interviews: answers on days 1, 2, 3, 5; still waiting when last seen on days 2 and 4.
#
# day  at_risk  events  censored  survival                       Greenwood sum
#  1      6       1        0      1 - 1/6           = 0.8333      1/(6*5) = 0.0333
#  2      5       1        1      0.8333 * (1 - 1/5) = 0.6667     + 1/(5*4) = 0.0833
#     (the one censored on day 2 is still at risk on day 2: the answer counts first)
#  3      3       1        0      0.6667 * (1 - 1/3) = 0.4444     + 1/(3*2) = 0.2500
#  4      2       0        1      0.4444                          0.2500
#  5      1       1        0      0.4444 * (1 - 1/1) = 0          infinite
#
# Log-log band at day 1: log S = ln(0.8333) = -0.18232, se = sqrt(0.0333) / 0.18232 = 1.00139,
# centre = ln(0.18232) = -1.70198, z = 1.95996:
#   low  = exp(-exp(-1.70198 + 1.95996 * 1.00139)) = exp(-exp(0.26070))  = 0.2731
#   high = exp(-exp(-1.70198 - 1.95996 * 1.00139)) = exp(-exp(-3.66465)) = 0.9747
# Day 2: se = sqrt(0.0833) / 0.40547 = 0.71196, centre = ln(0.40547) = -0.90272
#   low = exp(-exp(-0.90272 + 1.39541)) = 0.1946, high = exp(-exp(-2.29813)) = 0.9044
# Day 3: se = sqrt(0.25) / 0.81093 = 0.61658, centre = -0.20957
#   low = exp(-exp(1.01890)) = 0.0662, high = exp(-exp(-1.41805)) = 0.7849
# Day 5: survival 0, Greenwood is infinite: low 0; high is day 4's 0.7849 times the Wilson
#   upper limit of 0 of 1 kept waiting, z^2 / (1 + z^2) = 3.8415 / 4.8415 = 0.7934: 0.6228.
# Median: first day with survival <= 1/2 is day 3. Interval: the lower band is below
# 1/2 from day 1 on; the upper band never goes below 1/2, so the upper limit is infinite.
HAND_DAYS = [1, 2, 2, 3, 4, 5]
HAND_RESPONDED = [True, True, False, True, False, True]


def test_hand_worked_curve():
    curve = fk.response_curve(make_facts(HAND_DAYS, HAND_RESPONDED))
    assert curve["days"].tolist() == [1, 2, 3, 4, 5]
    assert curve["at_risk"].tolist() == [6, 5, 3, 2, 1]
    assert curve["events"].tolist() == [1, 1, 1, 0, 1]
    assert curve["censored"].tolist() == [0, 1, 0, 1, 0]
    np.testing.assert_allclose(curve["survival"], [0.8333, 0.6667, 0.4444, 0.4444, 0], atol=1e-4)
    np.testing.assert_allclose(curve["ci_low"], [0.2731, 0.1946, 0.0662, 0.0662, 0], atol=1e-4)
    np.testing.assert_allclose(curve["ci_high"][:4], [0.9747, 0.9044, 0.7849, 0.7849], atol=1e-4)
    # Day 5 takes the curve to 0, where the log-log band has no upper end (R's survfit gives NA).
    assert np.isnan(curve["ci_high"].iloc[4])


def test_hand_worked_median():
    median = fk.median_response(make_facts(HAND_DAYS, HAND_RESPONDED)).iloc[0]
    assert median["median"] == 3
    assert median["ci_low"] == 1
    assert math.isinf(median["ci_high"])
    assert "upper limit not reached" in median["note"]


# Log-rank by hand. Group a: answers on days 1 and 3. Group b: answer on day 2, waiting on day 4.
# day  n_a n_b  n  d   expected in a     variance n_a n_b d (n - d) / (n^2 (n - 1))
#  1    2   2   4  1   2 * 1/4 = 0.5     2*2*1*3 / (16*3) = 0.2500
#  2    1   2   3  1   1 * 1/3 = 0.3333  1*2*1*2 / (9*2)  = 0.2222
#  3    1   1   2  1   1 * 1/2 = 0.5     1*1*1*1 / (4*1)  = 0.2500
# observed in a = 2, expected 1.3333, variance 0.7222: z = 0.6667 / 0.8498 = 0.7845, p = 0.4328
def test_hand_worked_logrank():
    facts = make_facts([1, 3, 2, 4], [True, True, True, False], cohort=["a", "a", "b", "b"])
    row = fk.compare_groups(facts, "cohort").iloc[0]
    assert row["logrank_z"] == pytest.approx(0.7845, abs=1e-4)
    assert row["logrank_p"] == pytest.approx(0.4328, abs=1e-4)


# -- agreement with scipy on random censored data ---------------------------------
censored_samples = st.lists(st.tuples(st.integers(0, 40), st.booleans()), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(censored_samples)
def test_curve_and_band_agree_with_scipy(sample):
    days, responded = map(list, zip(*sample, strict=True))
    curve = fk.response_curve(make_facts(days, responded))
    assert curve["at_risk"].iloc[0] == len(days)
    if not any(responded):
        assert (curve["survival"] == 1).all()
        return
    sf = scipy_sf(days, responded)
    at = curve["days"].to_numpy()
    np.testing.assert_allclose(curve["survival"], sf.evaluate(at), atol=1e-12)
    band = sf.confidence_interval(method="log-log")
    inside = (curve["survival"] > 0) & (curve["survival"] < 1)
    np.testing.assert_allclose(curve.loc[inside, "ci_low"], band.low.evaluate(at[inside]),
                               atol=1e-9)
    np.testing.assert_allclose(curve.loc[inside, "ci_high"], band.high.evaluate(at[inside]),
                               atol=1e-9)
    assert not curve[["survival", "ci_low"]].isna().any().any()
    # The only gap in the band is its upper end where the curve reaches 0.
    assert (curve["ci_high"].isna() == (curve["survival"] == 0)).all()
    assert (curve["ci_low"] <= curve["survival"] + 1e-12).all()
    assert (curve["survival"] <= curve["ci_high"].fillna(0) + 1e-12).all()


@settings(max_examples=60, deadline=None)
@given(censored_samples)
def test_median_agrees_with_scipy_curve(sample):
    days, responded = map(list, zip(*sample, strict=True))
    median = fk.median_response(make_facts(days, responded)).iloc[0]
    if not any(responded):
        assert math.isinf(median["median"]) and "median not reached" in median["note"]
        return
    sf = scipy_sf(days, responded)
    grid = np.unique(days)
    below = grid[sf.evaluate(grid) <= 0.5 + 1e-12]
    assert median["median"] == (below[0] if len(below) else np.inf)
    assert median["ci_low"] <= median["median"] <= median["ci_high"]


@settings(max_examples=60, deadline=None)
@given(censored_samples, censored_samples)
def test_logrank_agrees_with_scipy(a, b):
    sample = [(d, r, "a") for d, r in a] + [(d, r, "b") for d, r in b]
    days, responded, cohort = map(list, zip(*sample, strict=True))
    row = fk.compare_groups(make_facts(days, responded, cohort=cohort), "cohort").iloc[0]
    da, ra = np.array([d for d, _ in a]), np.array([r for _, r in a], dtype=bool)
    db, rb = np.array([d for d, _ in b]), np.array([r for _, r in b], dtype=bool)
    if not (ra.any() or rb.any()):
        assert math.isnan(row["logrank_z"]) and "no answers" in row["note"]
        return
    expected = stats.logrank(stats.CensoredData(uncensored=da[ra], right=da[~ra]),
                             stats.CensoredData(uncensored=db[rb], right=db[~rb]))
    if not np.isfinite(expected.statistic):
        assert math.isnan(row["logrank_z"])
        return
    assert row["logrank_z"] == pytest.approx(expected.statistic, rel=1e-9, abs=1e-12)
    assert row["logrank_p"] == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 500), st.integers(0, 500))
def test_wilson_agrees_with_scipy(k, n):
    k = min(k, n)
    rate, low, high = rates.wilson_interval(k, n)
    if n == 0:
        assert np.isnan(rate) and (low, high) == (0.0, 1.0)
        return
    ci = stats.binomtest(k, n).proportion_ci(method="wilson")
    assert rate == pytest.approx(k / n)
    assert low == pytest.approx(ci.low, abs=1e-12)
    assert high == pytest.approx(ci.high, abs=1e-12)


# -- counts ------------------------------------------------------------------------
def test_day_counts_match_a_plain_groupby():
    rng = np.random.default_rng(3)
    facts = make_facts(rng.integers(0, 30, 400), rng.random(400) < 0.6,
                       cohort=list(rng.choice(["x", "y", "z"], 400)))
    table = counts.count(facts, "cohort", days=True).days
    plain = (facts.groupby(["cohort", "response_days", "responded"]).size()
             .unstack(fill_value=0).reset_index())
    assert table["days"].tolist() == plain["response_days"].tolist()
    assert table["events"].tolist() == plain[True].tolist()
    assert table["censored"].tolist() == plain[False].tolist()


def test_distinct_candidates_with_and_without_sorted_ids():
    cands = ["C2", "C2", "C1", "C3", "C3", "C1"]
    facts = make_facts([1] * 6, [True] * 6, cohort=["a", "a", "b", "a", "a", "b"],
                       candidate=cands)
    got = counts.count(facts, "cohort", ["candidates"]).groups
    assert got["candidates"].tolist() == [2, 1]
    ordered = facts.sort_values("candidate_id").reset_index(drop=True)
    assert counts.count(ordered, "cohort", ["candidates"]).groups["candidates"].tolist() == [2, 1]
    # A candidate seen in two groups counts once in each.
    mixed = make_facts([1] * 3, [True] * 3, cohort=["a", "b", "a"], candidate=["C1"] * 3)
    assert counts.count(mixed, "cohort", ["candidates"]).groups["candidates"].tolist() == [1, 1]


def test_missing_columns_say_what_to_do():
    with pytest.raises(FollowupKitError, match="response_days"):
        fk.response_curve(pd.DataFrame({"responded": [True]}))
    with pytest.raises(FollowupKitError, match="negative"):
        fk.response_curve(make_facts([-1], [True]))


# -- degenerate input ---------------------------------------------------------------
def test_empty_facts_give_clear_answers():
    empty = make_facts([], [])
    assert fk.response_curve(empty).empty
    median = fk.median_response(empty).iloc[0]
    assert np.isnan(median["median"]) and median["note"] == "no interviews"
    chance = fk.chance_of_answer(empty, 5, 7).iloc[0]
    assert np.isnan(chance["chance"]) and chance["note"] == "no interviews"
    assert fk.cohort_report(empty).empty
    rates = fk.outcome_rates(empty, by=None).iloc[0]
    assert rates["trials"] == 0 and np.isnan(rates["rate"]) and "rate unknown" in rates["note"]
    assert fk.funnel(empty)["count"].tolist() == [0] * 6


def test_empty_cohort_shows_up_with_zero_counts():
    facts = make_facts([3, 5], [True, False])
    facts["cohort"] = pd.Categorical(["A", "A"], categories=["A", "B"])
    report = fk.cohort_report(facts).set_index("cohort")
    assert report.loc["B", "interviews"] == 0
    assert np.isnan(report.loc["B", "median_response_days"])
    assert "no interviews" in report.loc["B", "note"]
    rates = fk.outcome_rates(facts, by="cohort").set_index("cohort")
    assert rates.loc["B", "trials"] == 0 and rates.loc["B", "ci_high"] == 1.0


def test_all_censored():
    facts = make_facts([4, 10, 12], [False] * 3)
    curve = fk.response_curve(facts)
    assert (curve["survival"] == 1).all() and (curve["ci_low"] == 1).all()
    median = fk.median_response(facts).iloc[0]
    assert math.isinf(median["median"]) and "day 12" in median["note"]
    chance = fk.chance_of_answer(facts, 5, 5).iloc[0]
    assert chance["chance"] == 0 and chance["still_waiting"] == 2
    report = fk.cohort_report(facts).iloc[0]
    assert np.isnan(report["answered_within_30_days"])
    assert "followed only 12 days" in report["note"]


def test_all_answered_on_day_zero():
    facts = make_facts([0] * 5, [True] * 5, outcome=["offer"] * 5)
    curve = fk.response_curve(facts).iloc[0]
    # At 0 the log-log band is undefined: 0 below (lifelines), no upper end (R's survfit).
    assert (curve["survival"], curve["ci_low"]) == (0, 0)
    assert np.isnan(curve["ci_high"])
    median = fk.median_response(facts).iloc[0]
    assert (median["median"], median["ci_low"], median["ci_high"]) == (0, 0, np.inf)
    assert "upper limit not reached" in median["note"]
    chance = fk.chance_of_answer(facts, 0, 7).iloc[0]
    assert np.isnan(chance["chance"]) and "every interview" in chance["note"]
    report = fk.cohort_report(facts).iloc[0]
    assert report["answered_within_30_days"] == 1.0 and report["offer_rate"] == 1.0


def test_single_interview():
    facts = make_facts([9], [True], outcome=["rejection"])
    assert fk.median_response(facts).iloc[0]["median"] == 9
    report = fk.cohort_report(facts).iloc[0]
    assert (report["candidates"], report["interviews"], report["offers"]) == (1, 1, 0)
    assert report["offer_ci_high"] < 1 and report["offer_ci_low"] == 0
    with pytest.raises(FollowupKitError, match="name the two groups"):
        fk.compare_groups(facts, "cohort")


# -- patience meter -------------------------------------------------------------------
def test_chance_of_answer_is_the_conditional_drop_of_the_curve():
    rng = np.random.default_rng(5)
    facts = make_facts(rng.integers(0, 60, 300), rng.random(300) < 0.7)
    sf = scipy_sf(facts["response_days"], facts["responded"])
    row = fk.chance_of_answer(facts, 10, 14).iloc[0]
    s10, s24 = sf.evaluate(10), sf.evaluate(24)
    assert row["chance"] == pytest.approx((s10 - s24) / s10)
    assert row["still_waiting"] == (facts["response_days"] > 10).sum()
    assert row["note"] == ""
    late = fk.chance_of_answer(facts, 55, 30).iloc[0]
    assert "may be higher" in late["note"]
    beyond = fk.chance_of_answer(facts, 100, 5).iloc[0]
    assert np.isnan(beyond["chance"]) and "no basis" in beyond["note"]
    with pytest.raises(FollowupKitError, match="whole number"):
        fk.chance_of_answer(facts, -1, 5)


# -- rates, comparisons, reports --------------------------------------------------------
def test_outcome_rates_and_fisher_by_behaviour():
    timing = ["same_day", "on_time", "late", "none"] * 10
    outcome = ["offer", "offer", "rejection", "rejection"] * 10
    outcome[-1] = "pending"
    facts = make_facts([5] * 40, [True] * 40, timing=timing, outcome=outcome)
    rates = fk.outcome_rates(facts, by="thank_you_timing").set_index("thank_you_timing")
    assert rates.loc["same_day", ["count", "trials"]].tolist() == [10, 10]
    assert rates.loc["none", ["count", "trials"]].tolist() == [0, 9]
    row = fk.compare_groups(facts, "thank_you_timing",
                            groups=(["same_day", "on_time"], ["late", "none"])).iloc[0]
    assert row["group_a"] == "same_day + on_time"
    assert (row["count_a"], row["trials_a"], row["count_b"], row["trials_b"]) == (20, 20, 0, 19)
    assert row["fisher_p"] == pytest.approx(stats.fisher_exact([[20, 0], [0, 19]]).pvalue)
    assert row["difference_ci_low"] < row["difference"] <= row["difference_ci_high"]
    assert "association" in row["note"]


def test_cohort_report_and_funnel_match_direct_counts():
    rng = np.random.default_rng(11)
    n = 500
    facts = make_facts(rng.integers(0, 80, n), rng.random(n) < 0.6,
                       cohort=list(rng.choice(["2026-spring", "2026-autumn"], n)),
                       outcome=list(rng.choice(OUTCOMES, n)), timing=list(rng.choice(TIMING, n)),
                       candidate=[f"C{i // 3:04d}" for i in range(n)],
                       follow_ups=rng.integers(0, 3, n), early=rng.integers(0, 2, n),
                       old_enough=rng.random(n) < 0.7, due=rng.random(n) < 0.9,
                       warned=rng.random(n) < 0.2)
    facts["early_follow_ups"] = np.minimum(facts["early_follow_ups"], facts["follow_ups"])
    report = fk.cohort_report(facts).set_index("cohort")
    for cohort, rows in facts.groupby("cohort"):
        got = report.loc[cohort]
        assert got["candidates"] == rows["candidate_id"].nunique()
        assert got["interviews"] == len(rows)
        due = rows["thank_you_is_due"]
        on_time = (rows["thank_you_timing"].isin(["same_day", "on_time"]) & due).sum()
        assert got["thank_you_on_time_rate"] == pytest.approx(on_time / due.sum())
        old = rows["old_enough"]
        assert (got["offers"], got["old_enough"], got["too_young"]) == (
            ((rows["outcome"] == "offer") & old).sum(), old.sum(), (~old).sum())
        assert got["warning_share"] == pytest.approx(rows["warned"].mean())
        sf = scipy_sf(rows["response_days"], rows["responded"])
        assert got["answered_within_30_days"] == pytest.approx(1 - sf.evaluate(30))
    stages = fk.funnel(facts, by="cohort")
    one = stages.loc[stages["cohort"] == "2026-spring"].set_index("stage")["count"]
    rows = facts.loc[facts["cohort"] == "2026-spring"]
    assert one["interviews"] == len(rows)
    assert one["thanked"] == (rows["thank_you_timing"] != "none").sum()
    assert one["followed_up_in_window"] == (rows["follow_ups"] > rows["early_follow_ups"]).sum()
    assert one["answered"] == rows["responded"].sum()
    assert one["offers"] == (rows["outcome"] == "offer").sum()


# -- the CLI through a real store -------------------------------------------------------
def test_report_json_through_a_store(tmp_path, capsys):
    from followup_kit.cli import main
    from followup_kit.data import sample

    files = sample.write_sample(tmp_path / "csv", 60, seed=2, cohorts=2)
    db = tmp_path / "coach.db"
    assert main(["init", "--db", str(db)]) == 0
    assert main(["import", "--db", str(db), *map(str, files)]) == 0
    capsys.readouterr()
    assert main(["report", "--db", str(db), "--as-of", "2026-11-01", "--format", "json",
                 "--plots", str(tmp_path / "plots")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    assert {"cohort", "candidates", "interviews", "median_response_days", "offer_rate",
            "answered_within_30_days", "note"} <= set(rows[0])
    assert sum(r["candidates"] for r in rows) == 60
    for row in rows:
        assert all(v is None or not isinstance(v, float) or math.isfinite(v) for v in row.values())
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == [
        "funnel.png", "offer_rates.png", "response_curves.png"]
    assert main(["report", "--db", str(tmp_path / "missing.db")]) == 2


def test_group_numbering_follows_an_edited_column():
    facts = make_facts([1, 2, 3], [True, True, False], cohort=["b", "a", "b"])
    assert fk.outcome_rates(facts, by="cohort")["cohort"].tolist() == ["a", "b"]
    facts.loc[0, "cohort"] = "c"
    assert fk.outcome_rates(facts, by="cohort")["cohort"].tolist() == ["a", "b", "c"]
    assert fk.cohort_report(facts)["interviews"].tolist() == [1, 1, 1]


def test_cohort_report_from_counts_says_which_counts_it_needs():
    from followup_kit.stats.counts import count
    from followup_kit.stats.report import REPORT_QUESTIONS, cohort_report_from_counts

    facts = pd.DataFrame({"cohort": ["a", "a", "b"], "candidate_id": ["C1", "C2", "C3"],
                          "thank_you_timing": pd.Categorical(["on_time", "none", "late"]),
                          "response_days": [3, 10, 4], "responded": [True, False, True],
                          "outcome": pd.Categorical(["offer", "pending", "rejection"]),
                          "thank_you_is_due": [True, True, False], "old_enough": [True, False, True],
                          "warned": [False, True, False]})
    with pytest.raises(FollowupKitError, match="day counts"):
        cohort_report_from_counts(count(facts, "cohort", REPORT_QUESTIONS, days=False))
    with pytest.raises(FollowupKitError, match=f"missing: {', '.join(REPORT_QUESTIONS[3:])}"):
        cohort_report_from_counts(count(facts, "cohort", REPORT_QUESTIONS[:3], days=True))
    ok = cohort_report_from_counts(count(facts, "cohort", REPORT_QUESTIONS, days=True))
    pd.testing.assert_frame_equal(ok, fk.cohort_report(facts))


# -- independent references: lifelines, statsmodels, published examples ------------------
def two_groups(count_a: int, trials_a: int, count_b: int, trials_b: int) -> pd.DataFrame:
    """Settled interviews of cohorts a and b with these offer counts."""
    outcome = (["offer"] * count_a + ["rejection"] * (trials_a - count_a)
               + ["offer"] * count_b + ["rejection"] * (trials_b - count_b))
    n = trials_a + trials_b
    return make_facts([5] * n, [True] * n, cohort=["a"] * trials_a + ["b"] * trials_b, outcome=outcome)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(censored_samples, st.integers(0, 5))
def test_median_and_its_interval_agree_with_lifelines(sample, after):
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    # One interview still waiting after the last day keeps the curve above 0: where it reaches
    # 0, lifelines' band is [0, 0] and ours has no upper end (as R's survfit), so their medians'
    # upper limits differ there by design.
    days = [d for d, _ in sample] + [max(d for d, _ in sample) + after]
    responded = [r for _, r in sample] + [False]
    curve = fk.response_curve(make_facts(days, responded))
    # At exactly one half lifelines compares a rounded product with 0.5, and misses it by an ulp
    # as often as not; we count it as the median, which is the definition.
    assume(not np.isclose(curve[["survival", "ci_low", "ci_high"]].to_numpy(), 0.5, rtol=0, atol=1e-9).any())
    ours = fk.median_response(make_facts(days, responded)).iloc[0]
    fitted = KaplanMeierFitter().fit(days, responded)
    band = median_survival_times(fitted.confidence_interval_)
    assert ours["median"] == fitted.median_survival_time_
    assert ours["ci_low"] == band["KM_estimate_lower_0.95"].iloc[0]
    assert ours["ci_high"] == band["KM_estimate_upper_0.95"].iloc[0]


@pytest.mark.parametrize("table", [(7, 20, 3, 25), (0, 10, 4, 12), (10, 10, 0, 8), (1, 3, 30, 50),
                                   (45, 300, 12, 40), (5, 5, 5, 5), (0, 7, 0, 9), (1, 1, 0, 1)])
def test_difference_and_its_interval_agree_with_statsmodels_newcombe(table):
    from statsmodels.stats.proportion import confint_proportions_2indep

    row = fk.compare_groups(two_groups(*table), "cohort").iloc[0]
    low, high = confint_proportions_2indep(*table, method="newcomb", compare="diff")
    assert row["difference"] == pytest.approx(table[0] / table[1] - table[2] / table[3], abs=1e-12)
    assert row["difference_ci_low"] == pytest.approx(low, abs=1e-12)
    assert row["difference_ci_high"] == pytest.approx(high, abs=1e-12)


@settings(deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.data())
def test_fisher_agrees_with_scipy_on_any_table_either_way_round(trials_a, trials_b, data):
    count_a = data.draw(st.integers(0, trials_a))
    count_b = data.draw(st.integers(0, trials_b))
    row = fk.compare_groups(two_groups(count_a, trials_a, count_b, trials_b), "cohort").iloc[0]
    table = [[count_a, trials_a - count_a], [count_b, trials_b - count_b]]
    assert row["fisher_p"] == pytest.approx(stats.fisher_exact(table).pvalue, rel=1e-12)
    swapped = fk.compare_groups(two_groups(count_a, trials_a, count_b, trials_b), "cohort",
                                groups=("b", "a")).iloc[0]
    assert swapped["fisher_p"] == pytest.approx(row["fisher_p"], rel=1e-12)
    assert swapped["difference"] == pytest.approx(-row["difference"], abs=1e-12)


@pytest.mark.parametrize(("table", "published"), [
    # R's ?fisher.test, the Convictions data (Fisher 1935): twins convicted, dizygotic 2 of 17,
    # monozygotic 10 of 13; two-sided p-value 0.0005367.
    ((2, 17, 10, 13), 0.0005367),
    # Wikipedia, "Fisher's exact test": studying among dieters, men 1 of 12, women 9 of 12;
    # two-tailed p = 0.002759.
    ((1, 12, 9, 12), 0.002759),
])
def test_fisher_matches_published_examples(table, published):
    row = fk.compare_groups(two_groups(*table), "cohort").iloc[0]
    assert row["fisher_p"] == pytest.approx(published, abs=5e-7)
