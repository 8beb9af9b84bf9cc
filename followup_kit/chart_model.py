"""Each picture described once, as data: what is drawn, and every word and number written on it.

A chart here is built once from the result of an analysis
(:func:`~followup_kit.response_curve`, :func:`~followup_kit.outcome_rates`,
:func:`~followup_kit.funnel`): its series, bands and points, the rates and
their intervals, the labels, title and subtitle, the axis limits and ticks,
the "k of n" beside each rate, the "still waiting" counts under the curves
and what it says when there is nothing to draw. :mod:`followup_kit.plots`
(matplotlib) and :mod:`followup_kit.charts` (Vega-Lite) only render these
descriptions, so a picture says the same in a PNG and in the browser. The
models are frozen dataclasses whose arrays are read-only; nothing here
imports matplotlib.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import FollowupKitError
from .palette import LINESTYLES, PALETTE
from .stats.rates import SETTLED_OUTCOMES
from .stats.survival import CURVE_COLUMNS
from .words import ASSOCIATION, in_words

#: Days the response curve shows by default: the months in which answers come.
CURVE_DAYS = 120
# At most this many groups get a row of "still waiting" counts under the curves.
MAX_RISK_ROWS = 5
#: Above this many censoring days in a group, the tick marks are noise; the band tells the story.
MAX_CENSOR_MARKS = 40
#: Steps (days) for the ticks of the curve's x axis; the smallest giving at most seven ticks is used.
TICK_STEPS = (1, 2, 5, 7, 10, 14, 20, 30, 60, 90, 120, 180, 365)
OUTCOME_WORDS = {
    "offer": "Offer rate",
    "rejection": "Rejection rate",
    "withdrawn": "Withdrawal rate",
    "no_response": "Share never answered",
    "pending": "Share still open",
    "answered": "Share answered",
    "thanked": "Share thanked",
    "thanked_on_time": "Share thanked on time",
    "followed_up_in_window": "Share followed up in the window",
}
#: The funnel's stages, in order, as a person reads them.
STAGE_LABELS = {
    "interviews": "Interviews",
    "thanked": "Thank-you sent",
    "thanked_on_time": "Thank-you on time",
    "followed_up_in_window": "Followed up in the window",
    "answered": "Employer answered",
    "offers": "Offers",
}
#: What a picture says in its middle when there is nothing to draw.
NO_INTERVIEWS = "no interviews yet"
NO_ANSWERS = "no employer has answered yet"
#: A chart's words where it has no sentence of its own.
UNDESCRIBED = "(a chart)"
#: The one group of a result not grouped by anything.
ALL_INTERVIEWS = "all interviews"
CURVE_TITLE = "How long employers take to answer"
DAYS_TITLE = "days since the interview"
WAITING_TITLE = "still waiting"
INTERVAL_FROM, INTERVAL_TO = "95% interval from", "to"
RATE_OWN_COLUMNS = ["outcome", "count", "trials", "rate", "ci_low", "ci_high", "note"]
FUNNEL_OWN_COLUMNS = ["stage", "count", "share"]


def _frozen(*values) -> tuple[np.ndarray, ...]:
    """Read-only arrays of ``values``; views, so the analysis' own arrays stay as they were."""
    arrays = tuple(np.asarray(v).view() for v in values)
    for a in arrays:
        a.flags.writeable = False
    return arrays


def group_columns(result: pd.DataFrame, own: list[str]) -> list[str]:
    """The columns of ``result`` that name its groups: every column but the analysis' ``own``."""
    return [c for c in result.columns if c not in own]


def result_groups(result: pd.DataFrame, by: list[str]):
    """(label, rows) per group in the order of the result, the label in words."""
    if not by:
        return [(ALL_INTERVIEWS, result)] if len(result) else []
    out = []
    for key, rows in result.groupby(by, sort=False, observed=True):
        key = key if isinstance(key, tuple) else (key,)
        out.append((", ".join(in_words(k) for k in key), rows))
    return out


def need_columns(result: pd.DataFrame, columns, what: str) -> None:
    """Refuse a result without ``columns``, naming the picture (``what``) and the columns missing."""
    missing = [c for c in columns if c not in result.columns]
    if missing:
        raise FollowupKitError(f"{what} needs a result with the column(s) {', '.join(missing)}")


def still_waiting_on(rows: pd.DataFrame, days) -> np.ndarray:
    """How many of one group's interviews were still waiting for an answer on each of ``days``.

    Parameters
    ----------
    rows : DataFrame
        One group's rows of a :func:`~followup_kit.response_curve` result.
    days : sequence of int
        The days since the interview to count on, in increasing order.

    Returns
    -------
    ndarray of int
    """
    seen = (rows["events"] + rows["censored"]).to_numpy()
    before = np.r_[0, np.cumsum(seen)]
    # Interviews seen on a day or later were still waiting on that day.
    return seen.sum() - before[np.searchsorted(rows["days"].to_numpy(), days, side="left")]


def tick_days(last: int) -> list[int]:
    """Days to label on a curve's x axis from 0 to ``last``: at most seven, a round step apart.

    Parameters
    ----------
    last : int
        The last day shown.

    Returns
    -------
    list of int
    """
    last = max(int(last), 1)
    step = next((s for s in TICK_STEPS if last // s <= 6), TICK_STEPS[-1] * (last // 2190 + 1))
    return list(range(0, last + 1, step))


def _style(i: int) -> tuple[str, str]:
    """The colour and line style of the ``i``-th group of a picture."""
    return PALETTE[i % len(PALETTE)], LINESTYLES[i % len(LINESTYLES)]


def _by_words(by: list[str]) -> str:
    return ", ".join(in_words(b) for b in by)


def _nothing_said(result: pd.DataFrame, groups) -> str | None:
    if not groups:
        return NO_INTERVIEWS
    return NO_ANSWERS if result["events"].sum() == 0 else None


# -- the response curves ----------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Curve:
    """One group's response curve as drawn, from day 0 to the last day shown or seen.

    ``days``, ``survival``, ``ci_low``, ``ci_high`` and ``at_risk`` are the
    steps (each holds from its day to the next); ``marks_days`` and
    ``marks_survival`` the days on which interviews were last seen still
    waiting and where the curve then stood (``marks_censored`` of them), or
    None where there are too many to mark; ``waiting`` the number still
    waiting on each of the chart's ``x_ticks``, ``waiting_said`` the same in
    figures.
    """

    label: str
    colour: str
    linestyle: str
    days: np.ndarray
    survival: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    at_risk: np.ndarray
    marks_days: np.ndarray | None
    marks_survival: np.ndarray | None
    marks_censored: np.ndarray | None
    waiting: np.ndarray
    waiting_said: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class CurveChart:
    """The response curves, their 95% bands and the "still waiting" counts under the axis.

    The first ``counted`` curves get a row of counts; ``subtitle`` says so when
    that is not all of them. ``named`` is whether the groups are named (in a
    legend and beside their counts): only when there is more than one.
    """

    title: str
    subtitle: str | None
    x_title: str
    y_title: str
    x_limits: tuple[int, int]
    y_limits: tuple[float, float]
    x_ticks: tuple[int, ...]
    y_ticks: tuple[float, ...]
    legend_title: str
    curves: tuple[Curve, ...]
    counted: int
    waiting_title: str
    message: str | None
    description: str
    tooltips: tuple[tuple[str, str], ...]

    @property
    def named(self) -> bool:
        return len(self.curves) > 1


def _curve(label: str, rows: pd.DataFrame, i: int, last: int, ticks: list[int]) -> Curve:
    shown = rows.loc[rows["days"] <= last]
    days = np.r_[0, shown["days"].to_numpy()]
    # Day 0: nobody has answered yet, and every interview of the group is followed.
    start = {"survival": 1.0, "ci_low": 1.0, "ci_high": 1.0, "at_risk": rows["at_risk"].iloc[0]}
    values = {c: np.r_[first, shown[c].to_numpy()] for c, first in start.items()}
    # A curve stops on the last day its group was seen, or goes on flat to the last day shown.
    end = min(int(rows["days"].max()), last)
    if days[-1] < end:
        days = np.r_[days, end]
        values = {c: np.r_[v, v[-1]] for c, v in values.items()}
    censored = shown.loc[shown["censored"] > 0]
    marks = ((censored["days"], censored["survival"], censored["censored"])
             if len(censored) <= MAX_CENSOR_MARKS else (None, None, None))
    waiting = still_waiting_on(rows, ticks)
    colour, linestyle = _style(i)
    return Curve(label, colour, linestyle,
                 *_frozen(days, values["survival"], values["ci_low"], values["ci_high"],
                          values["at_risk"]),
                 *(None if m is None else _frozen(m)[0] for m in marks),
                 *_frozen(waiting), tuple(f"{int(n):,}" for n in waiting))


def curve_model(curve: pd.DataFrame, *, max_days: int | None = CURVE_DAYS,
                picture: str = "curve_model") -> CurveChart:
    """Describe the response curves of a :func:`~followup_kit.response_curve` result.

    Parameters
    ----------
    curve : DataFrame
        The result of :func:`followup_kit.response_curve` (any ``by``).
    max_days : int or None
        The last day shown (default 120); ``None`` shows every day followed.
        Interviews still waiting after it still count in the curve.
    picture : str
        The picture's name, for the error about a result without its columns.

    Returns
    -------
    CurveChart
    """
    need_columns(curve, CURVE_COLUMNS, picture)
    by = group_columns(curve, CURVE_COLUMNS)
    groups = result_groups(curve, by)
    last = int(curve["days"].max()) if len(curve) else 30
    if max_days is not None:
        last = min(last, int(max_days))
    last = max(last, 1)
    ticks = tick_days(last)
    curves = tuple(_curve(label, rows, i, last, ticks) for i, (label, rows) in enumerate(groups))
    counted = min(len(curves), MAX_RISK_ROWS)
    legend_title = _by_words(by)
    return CurveChart(
        title=CURVE_TITLE,
        subtitle=(f"(the first {counted} of {len(curves)} groups are counted under the curves)"
                  if len(curves) > counted else None),
        x_title=DAYS_TITLE, y_title="still waiting for an answer",
        x_limits=(0, last), y_limits=(0, 1.02), x_ticks=tuple(ticks),
        y_ticks=(0, 0.2, 0.4, 0.6, 0.8, 1.0),
        legend_title=legend_title, curves=curves, counted=counted, waiting_title=WAITING_TITLE,
        message=_nothing_said(curve, groups),
        description=_curve_words(groups, last),
        tooltips=(("group", legend_title or "interviews"), ("days", "day"),
                  ("survival", WAITING_TITLE), ("ci_low", INTERVAL_FROM), ("ci_high", INTERVAL_TO),
                  ("at_risk", "interviews followed that day")))


def _curve_words(groups, last: int) -> str:
    """The curves in one sentence, for a screen reader and for a plain-text output."""
    if not groups:
        return f"{CURVE_TITLE}: {NO_INTERVIEWS}."
    said = []
    for label, rows in groups:
        upto = rows.loc[rows["days"] <= last, "survival"]
        share = float(upto.iloc[-1]) if len(upto) else 1.0
        said.append(f"{label}: {share:.0%} still waiting on day {min(last, int(rows['days'].max()))}")
    return f"{CURVE_TITLE}. " + "; ".join(said) + "."


# -- the rates --------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RateChart:
    """Rates with their 95% intervals, one row per group, top to bottom, "k of n" beside each.

    ``rate`` is NaN for a group with nothing to count (its ``said`` is "no
    data yet"); ``subtitle`` is the warning that a rate by behaviour is an
    association, where the groups are behaviours.
    """

    title: str
    subtitle: str | None
    x_title: str
    y_title: str | None
    x_limits: tuple[float, float]
    labels: tuple[str, ...]
    rate: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray
    count: np.ndarray
    trials: np.ndarray
    said: tuple[str, ...]
    message: str | None
    description: str
    tooltips: tuple[tuple[str, str], ...]

    @property
    def known(self) -> np.ndarray:
        """Which rows have a rate."""
        return ~np.isnan(self.rate)

    @property
    def interval_reach(self) -> tuple[np.ndarray, np.ndarray]:
        """How far each known rate's interval reaches below and above it, as error bars take it."""
        known = self.known
        return self.rate[known] - self.ci_low[known], self.ci_high[known] - self.rate[known]


def rates_model(rates: pd.DataFrame, *, picture: str = "rates_model") -> RateChart:
    """Describe the rates of an :func:`~followup_kit.outcome_rates` result.

    Parameters
    ----------
    rates : DataFrame
        The result of :func:`followup_kit.outcome_rates` (or the columns
        ``count``, ``trials``, ``rate``, ``ci_low``, ``ci_high`` plus group
        columns).
    picture : str
        The picture's name, for the error about a result without its columns.

    Returns
    -------
    RateChart
    """
    need_columns(rates, RATE_OWN_COLUMNS[1:6], picture)
    by = group_columns(rates, RATE_OWN_COLUMNS)
    outcome = str(rates["outcome"].iloc[0]) if "outcome" in rates and len(rates) else "rate"
    labels = ([", ".join(in_words(v) for v in row) for row in rates[by].itertuples(index=False)]
              if by else [ALL_INTERVIEWS] * len(rates))
    rate, low, high = _frozen(*(rates[c].to_numpy(dtype=float)
                                for c in ("rate", "ci_low", "ci_high")))
    count, trials = _frozen(rates["count"].to_numpy(), rates["trials"].to_numpy())
    said = tuple(f"{k:,} of {n:,}" if n else "no data yet" for k, n in zip(count, trials, strict=True))
    words = OUTCOME_WORDS.get(outcome, in_words(outcome))
    denominator = ("of interviews old enough to have settled" if outcome in SETTLED_OUTCOMES
                   else "of interviews")
    title = words if words[:1].isupper() else words.capitalize()
    if by:
        title = f"{title} by {_by_words(by)}"
    described = "; ".join(f"{g}: {s}" if math.isnan(r) else f"{g}: {r:.0%} ({s})"
                          for g, r, s in zip(labels, rate, said, strict=True))
    y_title = _by_words(by) if by else None
    return RateChart(
        title=title,
        subtitle=ASSOCIATION if by and not set(by) <= {"cohort"} else None,
        x_title=f"{words.lower()} ({denominator}, 95% interval)",
        y_title=y_title,
        x_limits=(0, min(1.0, max(0.1, float(np.nanmax(high, initial=0.1)) * 1.15))),
        labels=tuple(labels), rate=rate, ci_low=low, ci_high=high, count=count, trials=trials,
        said=said, message=NO_INTERVIEWS if rates.empty else None,
        description=f"{title}. {described}." if described else f"{title}.",
        tooltips=(("group", y_title or "interviews"), ("rate", words.lower()),
                  ("ci_low", INTERVAL_FROM), ("ci_high", INTERVAL_TO), ("said", "interviews")))


# -- when employers answered, and the funnel ---------------------------------------------------
@dataclass(frozen=True, eq=False)
class Bars:
    """One group's bars: their heights, where they start (``bottom``), colour, name and words."""

    label: str
    colour: str
    heights: np.ndarray
    bottom: np.ndarray | None = None
    said: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class HistogramChart:
    """Answers per ``bin_days`` days since the interview, one set of bars per group.

    ``edges`` are the bins' edges; with one group, ``waiting`` stacks on its
    answers the interviews last seen still waiting in each bin.
    """

    title: str
    x_title: str
    y_title: str
    bin_days: int
    edges: np.ndarray
    bars: tuple[Bars, ...]
    waiting: Bars | None
    x_limits: tuple[int, int]
    message: str | None


def histogram_model(curve: pd.DataFrame, *, bin_days: int = 7,
                    picture: str = "histogram_model") -> HistogramChart:
    """Describe when employers answered, from a :func:`~followup_kit.response_curve` result.

    Parameters
    ----------
    curve : DataFrame
        The result of :func:`followup_kit.response_curve`; its ``events`` and
        ``censored`` columns are the day counts.
    bin_days : int
        Days per bar (a week by default).
    picture : str
        The picture's name, for the error about a result without its columns.

    Returns
    -------
    HistogramChart
    """
    need_columns(curve, CURVE_COLUMNS, picture)
    groups = result_groups(curve, group_columns(curve, CURVE_COLUMNS))
    last = int(curve["days"].max()) if len(curve) else 0
    (edges,) = _frozen(np.arange(0, last + bin_days + 1, bin_days))

    def per_bin(rows: pd.DataFrame, column: str) -> np.ndarray:
        return _frozen(np.histogram(rows["days"], bins=edges, weights=rows[column])[0])[0]

    bars = tuple(Bars("answers" if len(groups) == 1 else label, _style(i)[0], per_bin(rows, "events"))
                 for i, (label, rows) in enumerate(groups))
    waiting = (Bars("still waiting when last seen", PALETTE[0], per_bin(groups[0][1], "censored"),
                    bottom=bars[0].heights)
               if len(groups) == 1 else None)
    return HistogramChart(
        title="When employers answered", x_title=f"{DAYS_TITLE} ({bin_days}-day bars)",
        y_title="interviews", bin_days=bin_days, edges=edges, bars=bars, waiting=waiting,
        x_limits=(0, int(edges[-1])), message=_nothing_said(curve, groups))


@dataclass(frozen=True, eq=False)
class FunnelChart:
    """How many interviews reached each stage: one bar per stage and group, "n (share)" beside it.

    ``stages`` are the stages' names from the top; each group's ``heights``
    are its shares of its interviews, in that order. A group without
    interviews has no bars.
    """

    title: str
    x_title: str
    stages: tuple[str, ...]
    groups: tuple[Bars, ...]
    x_limits: tuple[float, float]
    x_ticks: tuple[float, ...]
    legend_title: str
    message: str | None

    @property
    def named(self) -> bool:
        return len(self.groups) > 1


def funnel_model(funnel: pd.DataFrame, *, picture: str = "funnel_model") -> FunnelChart:
    """Describe a :func:`~followup_kit.funnel` result.

    Parameters
    ----------
    funnel : DataFrame
        The result of :func:`followup_kit.funnel`.
    picture : str
        The picture's name, for the error about a result without its columns.

    Returns
    -------
    FunnelChart
    """
    need_columns(funnel, FUNNEL_OWN_COLUMNS, picture)
    by = group_columns(funnel, FUNNEL_OWN_COLUMNS)
    # A group with no interviews has no shares to draw; "0 (0%)" would claim it has.
    groups = [(label, rows) for label, rows in result_groups(funnel, by)
              if rows.loc[rows["stage"] == "interviews", "count"].sum() > 0]
    stages = list(STAGE_LABELS)
    bars = []
    for i, (label, rows) in enumerate(groups):
        rows = rows.set_index(rows["stage"].astype(str)).reindex(stages)
        share, count = _frozen(rows["share"].fillna(0).to_numpy(dtype=float),
                               rows["count"].fillna(0).astype(int).to_numpy())
        bars.append(Bars(label, _style(i)[0], share,
                         said=tuple(f"{n:,} ({s:.0%})" for s, n in zip(share, count, strict=True))))
    return FunnelChart(
        title="From interview to offer", x_title="share of interviews",
        stages=tuple(STAGE_LABELS[s] for s in stages), groups=tuple(bars),
        x_limits=(0, 1.22), x_ticks=tuple(np.linspace(0, 1, 5)), legend_title=_by_words(by),
        message=None if groups else NO_INTERVIEWS)
