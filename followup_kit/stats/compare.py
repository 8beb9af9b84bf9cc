"""Two groups compared: the difference of their rates, Fisher's exact test, log-rank of their curves.

Differences between groups of candidates are associations, not effects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from ..words import ASSOCIATION
from .counts import Counts, count
from .groups import group_label
from .rates import no_basis, outcome_question, wilson_interval
from .survival import curve_from_counts, logrank_from_counts, median_from_curve


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
        The outcome whose rate is compared; see :func:`outcome_rates`: an
        offer rate counts applications, once each. The response curves count
        every round. With ``by="round"``, the curves are those of each round's
        interviews and an application counts in the group of its latest round.

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
    return compare_from_counts(count(facts, [by], compare_questions(outcome), days=True), by, groups,
                               outcome)


def compare_questions(outcome: str) -> list[str]:
    """The group counts :func:`compare_from_counts` needs for ``outcome``, besides the day counts."""
    successes, trials = outcome_question(outcome)
    return [successes] + ([trials] if trials != "interviews" else [])


def compare_from_counts(counts: Counts, by: str, groups: Sequence | None = None,
                        outcome: str = "offer") -> pd.DataFrame:
    """:func:`compare_groups` from count tables built elsewhere (a Dask cluster, SQL).

    ``counts`` are by ``[by]``, with day counts and :func:`compare_questions`.
    """
    successes, trials = outcome_question(outcome)
    missing = [q for q in compare_questions(outcome) if q not in counts.groups.columns]
    if counts.by != [by] or counts.days is None or missing:
        raise FollowupKitError(
            f"comparing by {by} needs counts by {by} with day counts and "
            f"{', '.join(compare_questions(outcome))}: build them with count(facts, [{by!r}], "
            f"compare_questions({outcome!r}), days=True)")
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
        notes.append(f"a group has {no_basis(trials)}: rates cannot be compared")
    if np.isnan(z):
        notes.append("no answers to compare the response curves with")
    notes.append(ASSOCIATION)
    result = {
        "by": by,
        "group_a": group_label(picked[0]),
        "group_b": group_label(picked[1]),
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
