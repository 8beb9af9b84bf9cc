"""Step two of every analysis: statistics from count tables.

Response curves (Kaplan–Meier with censoring), median response days, the
patience meter, outcome rates with Wilson intervals, two-group comparisons
and the cohort report. Each public function takes interview facts, reduces
them to counts with :mod:`followup_kit.counts`, and computes everything else
from those counts; the ``*_from_counts`` functions take count tables built
anywhere (a database, a Dask cluster) and give the same numbers.

Rates by behaviour (thank-you timing, follow-ups) are associations between
what candidates did and what employers answered, not effects: candidates who
write on time may differ in many other ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from .counts import DAY_COLUMNS, QUESTIONS, Counts, as_by, count
from .errors import FollowupKitError

#: The normal quantile of a two-sided 95% interval.
Z95 = NormalDist().inv_cdf(0.975)
CURVE_COLUMNS = ["days", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]
#: The outcomes whose rate is taken over settled interviews only: a pending
#: interview may still end either way.
SETTLED_OUTCOMES = QUESTIONS["settled"][1]
FUNNEL_STAGES = {
    "interviews": "interviews",
    "thanked": "thanked",
    "thanked_on_time": "thanked_on_time",
    "followed_up_in_window": "followed_up_in_window",
    "answered": "answered",
    "offer": "offers",
}
# Survival within this of one half counts as one half: 2 of 4 answered is a median.
_HALF = 0.5 + 1e-12


# -- Kaplan–Meier -------------------------------------------------------------
def curve_from_counts(days: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Kaplan–Meier "no answer yet" curve from day counts.

    Parameters
    ----------
    days : DataFrame
        Per group and day: the ``by`` columns, ``days``, ``events`` (answers
        that day), ``censored`` (still waiting when last seen that day).
    by : str or list of str, optional
        The group columns.

    Returns
    -------
    DataFrame
        See :func:`response_curve`.
    """
    by = as_by(by)
    table = days.loc[(days["events"] + days["censored"]) > 0, [*by, *DAY_COLUMNS]]
    table = table.sort_values([*by, "days"], kind="stable").reset_index(drop=True)
    gid = _gid(table, by)
    events = table["events"].to_numpy(dtype=np.int64)
    seen = events + table["censored"].to_numpy(dtype=np.int64)
    total = np.bincount(gid, weights=seen)[gid] if len(gid) else np.zeros(0)
    before = pd.Series(seen).groupby(gid).cumsum().to_numpy() - seen
    # Censored on day d still count at day d: an answer that day came first.
    at_risk = (total - before).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        survival = pd.Series(1.0 - events / at_risk).groupby(gid).cumprod().to_numpy().copy()
        greenwood = pd.Series(events / (at_risk * (at_risk - events.astype(float))))
        greenwood = greenwood.groupby(gid).cumsum().to_numpy()
        log_s = np.log(survival)
        spread = Z95 * np.sqrt(greenwood) / np.abs(log_s)
        centre = np.log(-log_s)
        low = np.exp(-np.exp(centre + spread))
        high = np.exp(-np.exp(centre - spread))
    untouched = survival >= 1.0
    low[untouched] = 1.0
    high[untouched] = 1.0
    # Greenwood's variance is infinite where the curve reaches 0. There the
    # upper limit is the previous one times the Wilson upper limit of "0 of
    # the n still waiting kept waiting", so it shrinks with n but never to 0.
    gone = survival <= 0.0
    low[gone] = 0.0
    survival[gone] = 0.0
    carried = pd.Series(np.where(gone, np.nan, high)).groupby(gid).ffill().fillna(1.0).to_numpy()
    high = np.where(gone, carried * Z95**2 / (at_risk + Z95**2), high)
    out = table[[*by, "days"]].copy()
    out["at_risk"] = at_risk
    out["events"] = events
    out["censored"] = table["censored"].to_numpy(dtype=np.int64)
    out["survival"] = survival
    out["ci_low"] = low
    out["ci_high"] = high
    return out


def response_curve(facts: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """How long employers take to answer: the Kaplan–Meier "no answer yet" curve.

    Interviews still waiting for an answer are censored on their last day
    seen (the as-of date), so they count while they wait and not after.

    Parameters
    ----------
    facts : DataFrame
        Interview facts; reads ``response_days``, ``responded`` and the ``by``
        columns.
    by : str or list of str, optional
        Group columns, e.g. ``"cohort"``; one curve per group.

    Returns
    -------
    DataFrame
        One row per group and day on which an answer came or a wait was last
        seen: the ``by`` columns, ``days`` (since the interview), ``at_risk``
        (still waiting at the start of that day, including those last seen that
        day), ``events`` (answers that day), ``censored`` (last seen that day,
        still waiting), ``survival`` (share still without an answer after that
        day), ``ci_low``, ``ci_high`` (95% log-log interval from Greenwood's
        variance; where the curve reaches 0, the previous upper limit times the
        Wilson upper limit of 0 out of ``at_risk``). The curve is 1 before the
        first row.
    """
    by = as_by(by)
    return curve_from_counts(count(facts, by, days=True).days, by)


def median_from_curve(curve: pd.DataFrame, groups: pd.DataFrame,
                      by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Median response days per group from a response curve; see :func:`median_response`.

    ``groups`` lists the groups (the ``by`` columns), including any without
    interviews.
    """
    by = as_by(by)
    keys = groups[by].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(groups)))
    gid = _gid_in(curve, keys, by)
    days = curve["days"].to_numpy(dtype=float)
    out = keys.copy()
    for name, column in (("median", "survival"), ("ci_low", "ci_low"), ("ci_high", "ci_high")):
        out[name] = _first_day(gid, days, curve[column].to_numpy() <= _HALF, len(keys))
    last = _per_group(np.maximum, gid, days, len(keys), -np.inf)
    has_rows = np.isfinite(last)
    notes = np.full(len(keys), "", dtype=object)
    never = has_rows & np.isinf(out["median"].to_numpy())
    open_top = has_rows & ~never & np.isinf(out["ci_high"].to_numpy())
    notes[open_top] = [f"upper limit not reached by day {d:.0f}, the last day seen"
                       for d in last[open_top]]
    notes[never] = [f"fewer than half had an answer by day {d:.0f}, the last day seen: "
                    "median not reached" for d in last[never]]
    notes[~has_rows] = "no interviews"
    for name in ("median", "ci_low", "ci_high"):
        out.loc[~has_rows, name] = np.nan
    out["note"] = notes.astype(str)
    return out


def median_response(facts: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Median days to an answer, with a 95% interval, per group.

    The median is the first day by which half the interviews had an answer
    on the response curve. The interval (Brookmeyer–Crowley on the log-log
    band) runs from the first day the lower band reaches one half to the
    first day the upper band does.

    Parameters
    ----------
    facts : DataFrame
        Interview facts; reads ``response_days``, ``responded`` and ``by``.
    by : str or list of str, optional
        Group columns.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``median``, ``ci_low``, ``ci_high`` (days; ``inf``
        where fewer than half had an answer within the days seen, never an
        invented number; ``NaN`` for a group without interviews) and ``note``
        saying why a value is infinite or missing.
    """
    by = as_by(by)
    counts = count(facts, by, days=True)
    return median_from_curve(curve_from_counts(counts.days, by), counts.groups, by)


def chance_from_curve(curve: pd.DataFrame, groups: pd.DataFrame, waited_days: int,
                      within_days: int, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The patience meter from a response curve; see :func:`chance_of_answer`."""
    by = as_by(by)
    waited, within = _whole_days(waited_days, "waited_days"), _whole_days(within_days, "within_days")
    keys = groups[by].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(groups)))
    n = len(keys)
    gid = _gid_in(curve, keys, by)
    days = curve["days"].to_numpy()
    survival = curve["survival"].to_numpy()
    seen = (curve["events"] + curve["censored"]).to_numpy(dtype=float)
    s_now = _per_group(np.minimum, gid[days <= waited], survival[days <= waited], n, 1.0)
    s_later = _per_group(np.minimum, gid[days <= waited + within],
                         survival[days <= waited + within], n, 1.0)
    waiting = np.bincount(gid[days > waited], weights=seen[days > waited], minlength=n)
    last = _per_group(np.maximum, gid, days.astype(float), n, -np.inf)
    with np.errstate(divide="ignore", invalid="ignore"):
        chance = np.where((s_now > 0) & (waiting > 0), 1.0 - s_later / s_now, np.nan)
    notes = np.full(n, "", dtype=object)
    short = (waiting > 0) & (waited + within > last)
    notes[short] = [f"the data follow interviews only to day {d:.0f}: the chance may be higher"
                    for d in last[short]]
    notes[(waiting == 0) & (s_now > 0)] = (
        f"no interview in the data was still waiting after {waited} days: no basis for a chance")
    notes[s_now <= 0] = f"every interview in the data had an answer within {waited} days"
    notes[np.isinf(last)] = "no interviews"
    out = keys.copy()
    out["waited_days"] = waited
    out["within_days"] = within
    out["still_waiting"] = waiting.astype(np.int64)
    out["chance"] = chance
    out["note"] = notes.astype(str)
    return out


def chance_of_answer(facts: pd.DataFrame, waited_days: int, within_days: int,
                     by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The patience meter: after waiting this long, the chance an answer still comes soon.

    From the response curve S: ``(S(t) - S(t + h)) / S(t)`` with ``t`` the days
    waited and ``h`` the days ahead.

    Parameters
    ----------
    facts : DataFrame
        Interview facts; reads ``response_days``, ``responded`` and ``by``.
    waited_days : int
        Days since the interview with no answer yet.
    within_days : int
        How many more days to look ahead.
    by : str or list of str, optional
        Group columns, e.g. ``"cohort"``.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``waited_days``, ``within_days``, ``still_waiting``
        (interviews in the data still without an answer after ``waited_days``:
        the basis of the estimate), ``chance`` (0 to 1; ``NaN`` when the data
        hold no interview that waited that long) and ``note`` in plain words.
    """
    by = as_by(by)
    counts = count(facts, by, days=True)
    return chance_from_curve(curve_from_counts(counts.days, by), counts.groups,
                             waited_days, within_days, by)


# -- rates ---------------------------------------------------------------------
def wilson_interval(successes, trials, z: float = Z95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rate and Wilson score interval (95% by default), element-wise.

    Returns ``(rate, low, high)``; where ``trials`` is 0 the rate is ``NaN``
    and the interval is the whole range 0 to 1.
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    empty = n <= 0
    low = np.where(empty, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(empty, 1.0, np.clip(centre + half, 0.0, 1.0))
    return np.where(empty, np.nan, p), low, high


def _outcome_question(outcome: str) -> tuple[str, str]:
    """The success count and the trials count of an outcome rate."""
    if outcome in SETTLED_OUTCOMES:
        return outcome, "settled"
    if outcome in QUESTIONS or outcome == "followed_up_in_window":
        return outcome, "interviews"
    raise FollowupKitError(
        f"unknown outcome {outcome!r}; choose one of {', '.join(SETTLED_OUTCOMES)}, pending, "
        "answered, thanked, thanked_on_time, followed_up_in_window")


def rates_from_counts(groups: pd.DataFrame, by: str | Sequence[str] | None, successes: str,
                      trials: str) -> pd.DataFrame:
    """Rates with Wilson 95% intervals from group counts; see :func:`outcome_rates`."""
    by = as_by(by)
    out = groups[by].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(groups)))
    out["count"] = groups[successes].to_numpy(dtype=np.int64)
    out["trials"] = groups[trials].to_numpy(dtype=np.int64)
    out["rate"], out["ci_low"], out["ci_high"] = wilson_interval(out["count"], out["trials"])
    out["note"] = np.where(out["trials"] > 0, "", f"no {trials} interviews: rate unknown"
                           if trials != "interviews" else "no interviews: rate unknown")
    return out


def outcome_rates(facts: pd.DataFrame, by: str | Sequence[str] | None = "cohort",
                  outcome: str = "offer") -> pd.DataFrame:
    """Share of interviews with an outcome, per group, with Wilson 95% intervals.

    Rates by behaviour (``by="thank_you_timing"``) are associations, not
    effects: they say what went together, not what one action causes.

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    by : str or list of str, optional
        Group columns: a cohort, or a behaviour such as ``thank_you_timing``.
    outcome : str
        ``offer``, ``rejection``, ``withdrawn`` or ``no_response`` (out of the
        settled interviews: those whose outcome is no longer pending), or
        ``pending``, ``answered``, ``thanked``, ``thanked_on_time``,
        ``followed_up_in_window`` (out of all interviews).

    Returns
    -------
    DataFrame
        The ``by`` columns, ``outcome``, ``count``, ``trials``, ``rate``,
        ``ci_low``, ``ci_high``, ``note``.
    """
    by = as_by(by)
    successes, trials = _outcome_question(outcome)
    counts = count(facts, by, [successes] + ([trials] if trials != "interviews" else []))
    out = rates_from_counts(counts.groups, by, successes, trials)
    out.insert(len(by), "outcome", outcome)
    return out


# -- two groups ----------------------------------------------------------------
def logrank_from_counts(days_a: pd.DataFrame, days_b: pd.DataFrame) -> tuple[float, float]:
    """Log-rank test of two response curves from their day counts.

    Returns
    -------
    (z, p) : tuple of float
        ``z`` is (answers seen in group a minus answers expected if both groups
        had the same curve) over its standard error, as ``scipy.stats.logrank``
        reports it; ``p`` is two-sided. Both ``NaN`` when no answer can be
        compared.
    """
    every = np.union1d(days_a["days"].to_numpy(), days_b["days"].to_numpy())
    parts = []
    for table in (days_a, days_b):
        pos = np.searchsorted(every, table["days"].to_numpy())
        events = np.bincount(pos, weights=table["events"], minlength=len(every))
        seen = events + np.bincount(pos, weights=table["censored"], minlength=len(every))
        at_risk = seen.sum() - (np.cumsum(seen) - seen)
        parts.append((events, at_risk))
    (events_a, risk_a), (events_b, risk_b) = parts
    events, risk = events_a + events_b, risk_a + risk_b
    live = (events > 0) & (risk > 1)
    expected_a = np.sum(risk_a[events > 0] * events[events > 0] / risk[events > 0])
    variance = np.sum(risk_a[live] * risk_b[live] * events[live] * (risk[live] - events[live])
                      / (risk[live] ** 2 * (risk[live] - 1)))
    if variance <= 0:
        return float("nan"), float("nan")
    z = (events_a.sum() - expected_a) / np.sqrt(variance)
    return float(z), float(2 * NormalDist().cdf(-abs(z)))


def compare_groups(facts: pd.DataFrame, by: str, groups: Sequence | None = None,
                   outcome: str = "offer") -> pd.DataFrame:
    """Compare two groups: outcome rates (Fisher exact test) and response curves (log-rank).

    A small p-value says the difference would be surprising if the groups
    were alike; it does not say what caused it. Differences between
    behaviours are associations, not effects.

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    by : str
        The column that tells the groups apart, e.g. ``cohort`` or
        ``thank_you_timing``.
    groups : pair, optional
        The two groups ``(a, b)``; each a value of ``by`` or a list of values
        pooled together, e.g. ``(["same_day", "on_time"], ["late", "none"])``.
        May be left out when ``by`` has exactly two values.
    outcome : str
        The outcome whose rate is compared; see :func:`outcome_rates`.

    Returns
    -------
    DataFrame
        One row: ``by``, ``group_a``, ``group_b``, ``count_a``, ``trials_a``,
        ``rate_a``, ``count_b``, ``trials_b``, ``rate_b``, ``difference``
        (rate a minus rate b) with ``difference_ci_low``/``difference_ci_high``
        (Newcombe's 95% interval from the two Wilson intervals), ``fisher_p``
        (two-sided Fisher exact test), ``median_days_a``, ``median_days_b``,
        ``logrank_z``, ``logrank_p`` and ``note``.
    """
    successes, trials = _outcome_question(outcome)
    asked = [successes] + ([trials] if trials != "interviews" else [])
    counts = count(facts, [by], asked, days=True)
    levels = counts.groups[by]
    if groups is None:
        if len(levels) != 2:
            raise FollowupKitError(
                f"{by} has {len(levels)} values; name the two groups to compare, e.g. "
                f"groups=({', '.join(repr(v) for v in list(levels)[:2])})")
        groups = (levels.iloc[0], levels.iloc[1])
    if len(groups) != 2:
        raise FollowupKitError("compare_groups compares exactly two groups: give groups=(a, b)")
    picked = []
    for side in groups:
        values = list(side) if isinstance(side, list | tuple) else [side]
        unknown = [v for v in values if v not in set(levels)]
        if unknown:
            raise FollowupKitError(f"{by} has no value {unknown[0]!r}; it has {', '.join(map(str, levels))}")
        picked.append(values)
    rows, medians, tables = {}, [], []
    for side, values in zip("ab", picked, strict=True):
        mine = counts.groups[by].isin(values).to_numpy()
        rows[f"count_{side}"] = int(counts.groups.loc[mine, successes].sum())
        rows[f"trials_{side}"] = int(counts.groups.loc[mine, trials].sum())
        days = counts.days.loc[counts.days[by].isin(values)]
        days = days.groupby("days", as_index=False)[["events", "censored"]].sum()
        tables.append(days)
        medians.append(median_from_curve(curve_from_counts(days),
                                          pd.DataFrame(index=pd.RangeIndex(1))).iloc[0])
    rate_a, low_a, high_a = (float(x) for x in wilson_interval(rows["count_a"], rows["trials_a"]))
    rate_b, low_b, high_b = (float(x) for x in wilson_interval(rows["count_b"], rows["trials_b"]))
    difference = rate_a - rate_b
    table = [[rows["count_a"], rows["trials_a"] - rows["count_a"]],
             [rows["count_b"], rows["trials_b"] - rows["count_b"]]]
    # scipy is only needed here; importing it lazily keeps `import followup_kit` quick.
    from scipy import stats

    fisher_p = float(stats.fisher_exact(table).pvalue)
    z, p = logrank_from_counts(*tables)
    notes = []
    if min(rows["trials_a"], rows["trials_b"]) == 0:
        notes.append(f"a group has no {trials} interviews: rates cannot be compared")
    if np.isnan(z):
        notes.append("no answers to compare the response curves with")
    notes.append("an association, not an effect")
    result = {
        "by": by,
        "group_a": _label(picked[0]),
        "group_b": _label(picked[1]),
        "count_a": rows["count_a"], "trials_a": rows["trials_a"], "rate_a": rate_a,
        "count_b": rows["count_b"], "trials_b": rows["trials_b"], "rate_b": rate_b,
        "difference": difference,
        "difference_ci_low": difference - np.hypot(rate_a - low_a, high_b - rate_b),
        "difference_ci_high": difference + np.hypot(high_a - rate_a, rate_b - low_b),
        "fisher_p": fisher_p,
        "median_days_a": float(medians[0]["median"]),
        "median_days_b": float(medians[1]["median"]),
        "logrank_z": z,
        "logrank_p": p,
        "note": "; ".join(notes),
    }
    return pd.DataFrame([result])


# -- reports -------------------------------------------------------------------
def cohort_report(facts: pd.DataFrame, within_days: int = 30) -> pd.DataFrame:
    """The programme lead's table: one row per cohort.

    The thank-you on-time rate counts a letter sent on the interview day or
    on the due day, out of all interviews. The offer rate is out of settled
    interviews (offer, rejection, withdrawn or no response): a pending
    interview may still end either way. Both are associations with the
    cohort, not effects of the programme.

    Parameters
    ----------
    facts : DataFrame
        Interview facts with ``cohort``, ``candidate_id``, ``thank_you_timing``,
        ``response_days``, ``responded`` and ``outcome``.
    within_days : int
        The horizon of the "answered within" share.

    Returns
    -------
    DataFrame
        ``cohort``, ``candidates``, ``interviews``, ``thank_you_on_time``,
        ``thank_you_on_time_rate``, ``median_response_days``,
        ``median_ci_low``, ``median_ci_high`` (days; ``inf`` when not reached),
        ``answered_within_{within_days}_days`` (1 - S(within_days) on the
        response curve; ``NaN`` when the cohort was not followed that long),
        ``offers``, ``settled``, ``offer_rate``, ``offer_ci_low``,
        ``offer_ci_high`` (Wilson 95%) and ``note`` explaining any ``inf``
        or ``NaN``.
    """
    return cohort_report_from_counts(count(facts, "cohort", REPORT_QUESTIONS, days=True), within_days)


#: The yes/no counts the cohort report reads, besides interviews and day counts.
REPORT_QUESTIONS = ["candidates", "thanked_on_time", "offer", "settled"]


def cohort_report_from_counts(counts: Counts, within_days: int = 30) -> pd.DataFrame:
    """The cohort report from count tables built elsewhere (SQL, a Dask cluster).

    Parameters
    ----------
    counts : Counts
        Counts by ``cohort`` with ``days=True`` and the questions of
        :data:`REPORT_QUESTIONS`.
    within_days : int
        The horizon of the "answered within" share.

    Returns
    -------
    DataFrame
        See :func:`cohort_report`.
    """
    within = _whole_days(within_days, "within_days")
    missing = [q for q in ["interviews", *REPORT_QUESTIONS] if q not in counts.groups.columns]
    if counts.by != ["cohort"] or counts.days is None or missing:
        raise FollowupKitError(
            "the cohort report needs counts by cohort with day counts and "
            f"{', '.join(REPORT_QUESTIONS)}: build them with count(facts, 'cohort', "
            "REPORT_QUESTIONS, days=True)" + (f" (missing: {', '.join(missing)})" if missing else ""))
    groups = counts.groups
    curve = curve_from_counts(counts.days, "cohort")
    median = median_from_curve(curve, groups, "cohort")
    out = groups[["cohort", "candidates", "interviews"]].copy()
    out["thank_you_on_time"] = groups["thanked_on_time"].to_numpy()
    out["thank_you_on_time_rate"] = wilson_interval(groups["thanked_on_time"],
                                                    groups["interviews"])[0]
    out["median_response_days"] = median["median"].to_numpy()
    out["median_ci_low"] = median["ci_low"].to_numpy()
    out["median_ci_high"] = median["ci_high"].to_numpy()
    gid = _gid_in(curve, groups, ["cohort"])
    days = curve["days"].to_numpy()
    survival = curve["survival"].to_numpy()
    upto = days <= within
    s_within = _per_group(np.minimum, gid[upto], survival[upto], len(groups), 1.0)
    last = _per_group(np.maximum, gid, days.astype(float), len(groups), -np.inf)
    floor = _per_group(np.minimum, gid, survival, len(groups), 1.0)
    # Past the last day seen the curve is unknown, unless everyone already had an answer.
    known = (last >= within) | (floor <= 0)
    share = f"answered_within_{within}_days"
    out[share] = np.where(known, 1.0 - s_within, np.nan)
    out["offers"] = groups["offer"].to_numpy()
    out["settled"] = groups["settled"].to_numpy()
    out["offer_rate"], out["offer_ci_low"], out["offer_ci_high"] = wilson_interval(
        groups["offer"], groups["settled"])
    no_offer_basis = (groups["settled"] == 0) & (groups["interviews"] > 0)
    out["note"] = _join_notes(
        median["note"].to_numpy(dtype=object),
        np.where(known | np.isinf(last), "",
                 np.char.add("followed only ", np.char.add(
                     np.where(np.isinf(last), 0, last).astype(int).astype(str),
                     f" days: share answered within {within} days unknown"))),
        np.where(no_offer_basis, "no settled interviews yet: offer rate unknown", ""),
    )
    return out


def funnel(facts: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """How far interviews got: interviews, thanked, thanked on time, followed up, answered, offers.

    ``thanked_on_time`` counts a letter sent on the interview day or the due
    day. ``followed_up_in_window`` counts interviews with at least one
    follow-up sent once the window had opened (``follow_ups`` greater than
    ``early_follow_ups``). The stages are counted independently, so a later
    stage can hold interviews an earlier one does not (an answer without a
    thank-you letter). Shares by behaviour are associations, not effects.

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    by : str or list of str, optional
        Group columns, e.g. ``"cohort"``.

    Returns
    -------
    DataFrame
        One row per group and stage: the ``by`` columns, ``stage`` (ordered
        categorical), ``count`` and ``share`` (of the group's interviews;
        ``NaN`` for a group without interviews).
    """
    by = as_by(by)
    stages = list(FUNNEL_STAGES)
    groups = count(facts, by, stages[1:]).groups
    n, k = len(groups), len(stages)
    each = np.repeat(np.arange(n), k)
    out = (groups[by].iloc[each].reset_index(drop=True) if by
           else pd.DataFrame(index=pd.RangeIndex(n * k)))
    labels = list(FUNNEL_STAGES.values())
    out["stage"] = pd.Categorical(np.tile(labels, n), categories=labels, ordered=True)
    out["count"] = groups[stages].to_numpy(dtype=np.int64).ravel()
    total = groups["interviews"].to_numpy(dtype=float)[each]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share"] = np.where(total > 0, out["count"] / total, np.nan)
    return out


# -- helpers -------------------------------------------------------------------
def _join_notes(*parts: np.ndarray) -> np.ndarray:
    """Join the non-empty notes of each row with "; "."""
    joined = np.asarray(parts[0], dtype=object)
    for part in parts[1:]:
        part = np.asarray(part, dtype=object)
        joined = np.where(joined == "", part, np.where(part == "", joined, joined + "; " + part))
    return joined.astype(str)


def _label(values: list) -> str:
    return " + ".join(str(v) for v in values)


def _whole_days(value, name: str) -> int:
    if isinstance(value, bool) or not float(value).is_integer() or value < 0:
        raise FollowupKitError(f"{name} must be a whole number of days, 0 or more (got {value!r})")
    return int(value)


def _gid(table: pd.DataFrame, by: list[str]) -> np.ndarray:
    if not by or table.empty:
        return np.zeros(len(table), dtype=np.intp)
    return table.groupby(by, sort=False, observed=True, dropna=False).ngroup().to_numpy()


def _gid_in(table: pd.DataFrame, keys: pd.DataFrame, by: list[str]) -> np.ndarray:
    """The row number in ``keys`` of each row's group."""
    if not by:
        return np.zeros(len(table), dtype=np.intp)
    if len(by) == 1:
        found = pd.Index(keys[by[0]]).get_indexer(table[by[0]])
    else:
        found = pd.MultiIndex.from_frame(keys[by]).get_indexer(pd.MultiIndex.from_frame(table[by]))
    if (found < 0).any():
        raise FollowupKitError("the curve holds a group the group counts do not list")
    return found.astype(np.intp)


def _per_group(ufunc, gid: np.ndarray, values: np.ndarray, n: int, start: float) -> np.ndarray:
    out = np.full(n, start, dtype=float)
    ufunc.at(out, gid, values)
    return out


def _first_day(gid: np.ndarray, days: np.ndarray, hit: np.ndarray, n: int) -> np.ndarray:
    return _per_group(np.minimum, gid[hit], days[hit], n, np.inf)
