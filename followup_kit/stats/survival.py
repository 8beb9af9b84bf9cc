"""Response curves: how long employers take to answer, with censoring.

Kaplan–Meier estimates of "no answer yet" by days since the interview, the
median response days with its interval, the patience meter and the log-rank
test. Each public function reduces interview facts to counts with
:mod:`followup_kit.stats.counts` and computes everything else from those
counts; the ``*_from_counts`` functions take count tables built anywhere (a
database, a Dask cluster) and give the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from .counts import DAY_COLUMNS, as_by, count
from .groups import first_day, group_ids, group_ids_in, per_group, whole_days

#: The normal quantile of a two-sided 95% interval.
Z95 = NormalDist().inv_cdf(0.975)
CURVE_COLUMNS = ["days", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]
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
    gid = group_ids(table, by)
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
    # Where the curve reaches 0 the log-log band is undefined (Greenwood's variance
    # divides by zero). Its lower end is 0, as lifelines gives; it has no upper end,
    # as R's survival gives none, so no median's upper limit rests on that point.
    gone = survival <= 0.0
    survival[gone] = 0.0
    low[gone] = 0.0
    high[gone] = np.nan
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
        variance, as lifelines' ``KaplanMeierFitter`` gives it; where the
        curve reaches 0 the band is undefined: ``ci_low`` is 0, as lifelines
        gives, and ``ci_high`` is ``NaN``, as R's ``survfit`` gives no upper
        limit there). The curve is 1 before the first row.
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
    gid = group_ids_in(curve, keys, by)
    days = curve["days"].to_numpy(dtype=float)
    out = keys.copy()
    for name, column in (("median", "survival"), ("ci_low", "ci_low"), ("ci_high", "ci_high")):
        out[name] = first_day(gid, days, curve[column].to_numpy() <= _HALF, len(keys))
    last = per_group(np.maximum, gid, days, len(keys), -np.inf)
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
    waited, within = whole_days(waited_days, "waited_days"), whole_days(within_days, "within_days")
    keys = groups[by].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(groups)))
    n = len(keys)
    gid = group_ids_in(curve, keys, by)
    days = curve["days"].to_numpy()
    survival = curve["survival"].to_numpy()
    seen = (curve["events"] + curve["censored"]).to_numpy(dtype=float)
    s_now = per_group(np.minimum, gid[days <= waited], survival[days <= waited], n, 1.0)
    s_later = per_group(np.minimum, gid[days <= waited + within],
                         survival[days <= waited + within], n, 1.0)
    waiting = np.bincount(gid[days > waited], weights=seen[days > waited], minlength=n)
    last = per_group(np.maximum, gid, days.astype(float), n, -np.inf)
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
