"""Step one of every analysis: reduce interview facts to small count tables.

Every statistic in :mod:`followup_kit.stats` is computed from two kinds of
table, never from the rows themselves:

* **day counts**, per group and day: ``events`` (interviews the employer
  answered on that day after the interview) and ``censored`` (interviews still
  unanswered when last seen on that day). In SQL::

      SELECT cohort, response_days AS days,
             SUM(responded) AS events, SUM(NOT responded) AS censored
      FROM facts GROUP BY cohort, response_days

* **group counts**, per group: ``interviews`` and one sum per yes/no question
  (``offer``, ``settled``, ``thanked_on_time`` ...), i.e. successes and trials.

Both are plain group-by sums, so the same tables can come from pandas, from a
database or from a Dask cluster, and the statistics on top give the same
numbers. Here they are built with one pass over the rows per table: the group
columns are numbered once and every sum is a ``numpy.bincount``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FollowupKitError
from .per_application import with_application_columns

#: Stages of the funnel and the yes/no questions the group counts can answer.
#: Each maps to (column, values): the row counts when ``column`` is one of
#: ``values``; ``True`` means a true boolean. The outcome questions, ``old_enough``
#: and ``applications`` count applications, once each, on their latest round
#: (the columns of :mod:`followup_kit.stats.per_application`); the others count interviews.
QUESTIONS: dict[str, tuple[str, tuple]] = {
    "thanked": ("thank_you_timing", ("same_day", "on_time", "late")),
    # Sending the letter on the day of the interview is earlier than the due
    # day, so it counts as on time.
    "thanked_on_time": ("thank_you_timing", ("same_day", "on_time")),
    # The employer answered this round: a decision, a message or an invitation to the next one.
    "answered": ("responded", (True,)),
    "applications": ("latest_round", (True,)),
    "offer": ("application_outcome", ("offer",)),
    "rejection": ("application_outcome", ("rejection",)),
    "withdrawn": ("application_outcome", ("withdrawn",)),
    "no_response": ("application_outcome", ("no_response",)),
    "pending": ("application_outcome", ("pending",)),
    # An application whose outcome is no longer open: the trials of an outcome rate.
    "settled": ("application_outcome", ("offer", "rejection", "withdrawn", "no_response")),
    # The thank-you letter's due day has come: the trials of the on-time rate.
    "thank_you_is_due": ("thank_you_is_due", (True,)),
    # The application's latest round is long enough past (and past the promise) for silence to
    # have settled it, and no next round is awaited.
    "old_enough": ("application_old_enough", (True,)),
    # A follow-up was early, pushy or sent to someone other than the interviewer.
    "warned": ("warned", (True,)),
}
#: Questions that compare a column with another column or a number: (a, b) holds when a > b.
DERIVED: dict[str, tuple[str, str | int]] = {
    # At least one follow-up was sent once the window had opened.
    "followed_up_in_window": ("follow_ups", "early_follow_ups"),
    # An interview of round 2 or later.
    "later_round": ("round", 1),
}
#: Questions that hold when all the questions named do: the successes among the trials.
BOTH: dict[str, tuple[str, ...]] = {
    "thanked_on_time_when_due": ("thanked_on_time", "thank_you_is_due"),
    # Each decided outcome among the applications old enough to have settled: an offer comes
    # in days while silence takes weeks, so only those give an outcome rate that is fair.
    **{f"{outcome}_when_old_enough": (outcome, "old_enough")
       for outcome in ("offer", "rejection", "withdrawn", "no_response")},
    # Applications whose latest round was round 2 or later: those that reached a later round.
    "reached_later_round": ("applications", "later_round"),
    "later_round_old_enough": ("reached_later_round", "old_enough"),
    # Went silent after a later round: the share Indeed's 2023 survey speaks of.
    "silent_after_later_round": ("reached_later_round", "no_response_when_old_enough"),
}
#: Sums rather than yes/no counts: (column, question), the column summed over the rows the
#: question holds for.
SUMS: dict[str, tuple[str, str]] = {
    # The rounds of each application, summed on its latest round: rounds per application
    # is this over ``applications``, whatever the grouping.
    "rounds_held": ("round", "applications"),
}

DAY_COLUMNS = ["days", "events", "censored"]


@dataclass
class Counts:
    """The count tables of one grouping of the facts.

    Attributes
    ----------
    by : list of str
        The group columns (empty for one group holding every interview).
    groups : DataFrame
        One row per group: the ``by`` columns, ``interviews`` and one column per
        question asked (``offer``, ``settled``, ``candidates`` ...).
    days : DataFrame or None
        One row per group and day on which something was seen: the ``by``
        columns, ``days``, ``events``, ``censored``; sorted by group and day.
    """

    by: list[str]
    groups: pd.DataFrame
    days: pd.DataFrame | None = None


def as_by(by: str | Sequence[str] | None) -> list[str]:
    """The group columns as a list (``None`` means no grouping)."""
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def require(facts: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise a FollowupKitError naming the facts columns ``what`` needs and lacks."""
    if not isinstance(facts, pd.DataFrame):
        raise FollowupKitError(
            f"{what} needs interview facts as a DataFrame, got {type(facts).__name__}; "
            "build them with followup_kit.facts(candidates, interviews, events)")
    missing = [c for c in columns if c not in facts.columns]
    if missing:
        raise FollowupKitError(
            f"{what} needs the facts column(s) {', '.join(missing)}; build the facts with "
            "followup_kit.facts(candidates, interviews, events) or add them")


def group_index(facts: pd.DataFrame, by: Sequence[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Number the groups of ``facts``.

    A single categorical column lists every category, even one no interview
    falls in (so an empty cohort shows up with zero counts); otherwise the
    groups are the combinations seen, sorted.

    Returns
    -------
    codes : ndarray of intp
        The group number of each row.
    keys : DataFrame
        One row per group number, holding the ``by`` columns.
    """
    if not by:
        return np.zeros(len(facts), dtype=np.intp), pd.DataFrame(index=pd.RangeIndex(1))
    if len(by) == 1:
        col = facts[by[0]]
        if isinstance(col.dtype, pd.CategoricalDtype):
            codes = col.cat.codes.to_numpy().astype(np.intp)
            if (codes < 0).any():
                raise FollowupKitError(f"the column {by[0]} has missing values; fill them to group by it")
            return codes, pd.DataFrame({by[0]: pd.Categorical(col.cat.categories,
                                                              dtype=col.dtype)})
        codes, uniques = pd.factorize(col, sort=True, use_na_sentinel=False)
        return codes.astype(np.intp), pd.DataFrame({by[0]: uniques})
    parts = [pd.factorize(facts[c], sort=True, use_na_sentinel=False) for c in by]
    combined = np.zeros(len(facts), dtype=np.int64)
    for part_codes, uniques in parts:
        combined = combined * len(uniques) + part_codes
    codes, _ = pd.factorize(combined, sort=True)
    first = np.empty(codes.max() + 1 if len(codes) else 0, dtype=np.intp)
    # Writing in reverse leaves each group's first row in place.
    first[codes[::-1]] = np.arange(len(codes))[::-1]
    return codes.astype(np.intp), facts[by].iloc[first].reset_index(drop=True)


def response_arrays(facts: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """``response_days`` as int64 and ``responded`` as 0/1, checked."""
    days = facts["response_days"]
    if days.isna().any():
        raise FollowupKitError("response_days has missing values; every interview needs its days "
                               "to an answer or to the as-of date")
    days = days.to_numpy(dtype=np.int64)
    if len(days) and days.min() < 0:
        raise FollowupKitError("response_days has negative values: an answer before its interview; "
                               "check the event dates")
    answered = facts["responded"].fillna(False).to_numpy(dtype=bool).astype(np.int64)
    return days, answered


def member(col: pd.Series, values: tuple) -> np.ndarray:
    """Whether each value of ``col`` is one of ``values``, without a pass over strings."""
    if values == (True,):
        return col.fillna(False).to_numpy(dtype=bool)
    if isinstance(col.dtype, pd.CategoricalDtype):
        wanted = np.isin(np.asarray(col.cat.categories, dtype=object), values)
        return np.append(wanted, False)[col.cat.codes.to_numpy()]
    return col.isin(values).to_numpy()


def hits(facts: pd.DataFrame, name: str, memo: dict | None = None) -> np.ndarray:
    """Whether each interview answers yes to the question ``name``, as booleans (a number for a sum).

    Parameters
    ----------
    facts : DataFrame
        Interview facts (or one partition of them).
    name : str
        A name of :data:`QUESTIONS`, :data:`DERIVED`, :data:`BOTH` or :data:`SUMS`.
    memo : dict, optional
        Answers already worked out for these facts, by name: questions built from
        the same questions (applications, later rounds) read each one once.

    Returns
    -------
    numpy.ndarray
        bool (int64 for a sum), one per row.
    """
    if memo is not None and name in memo:
        return memo[name]
    if name in SUMS:
        column, where = SUMS[name]
        found = np.where(hits(facts, where, memo), facts[column].to_numpy(dtype=np.int64), 0)
    elif name in BOTH:
        first, *rest = BOTH[name]
        found = hits(facts, first, memo)
        for other in rest:
            found = found & hits(facts, other, memo)
    elif name in DERIVED:
        more, than = DERIVED[name]
        than = than if isinstance(than, int) else facts[than].to_numpy(dtype=np.int64)
        found = facts[more].to_numpy(dtype=np.int64) > than
    else:
        found = member(facts[QUESTIONS[name][0]], QUESTIONS[name][1])
    if memo is not None:
        memo[name] = found
    return found


def question_columns(names: Sequence[str]) -> list[str]:
    """The facts columns the named questions read."""
    cols = []
    for name in names:
        if name in QUESTIONS:
            cols.append(QUESTIONS[name][0])
        elif name in DERIVED:
            cols.extend(c for c in DERIVED[name] if isinstance(c, str))
        elif name in BOTH:
            cols.extend(question_columns(BOTH[name]))
        elif name in SUMS:
            cols.extend([SUMS[name][0], *question_columns([SUMS[name][1]])])
        elif name != "candidates":
            raise FollowupKitError(f"unknown count {name!r}; choose from "
                                   f"{', '.join([*QUESTIONS, *DERIVED, *BOTH, *SUMS, 'candidates'])}")
    return list(dict.fromkeys(cols))


def count(facts: pd.DataFrame, by: str | Sequence[str] | None = None,
          questions: Sequence[str] = (), *, days: bool = False) -> Counts:
    """Reduce interview facts to count tables.

    Parameters
    ----------
    facts : DataFrame
        Interview facts, one row per interview.
    by : str or list of str, optional
        The columns to group by, e.g. ``"cohort"``; ``None`` for one group.
    questions : list of str
        The yes/no counts wanted per group: names of :data:`QUESTIONS`,
        :data:`DERIVED`, :data:`BOTH` or :data:`SUMS`, or ``"candidates"``
        (distinct candidates).
        ``applications`` and the outcome questions count each application
        once, on its latest round, with its final outcome (see
        :mod:`followup_kit.stats.per_application`); grouped by a column that
        differs between rounds (``thank_you_timing``, ``round``), an
        application counts in the group of its latest round.
    days : bool
        Also build the day counts (events and censored per group and day).

    Returns
    -------
    Counts
    """
    by = as_by(by)
    needed = [*by, *question_columns(questions)]
    if "candidates" in questions:
        needed.append("candidate_id")
    if days:
        needed += ["response_days", "responded"]
    facts = with_application_columns(facts, needed)
    require(facts, needed, "counting")
    codes, keys = group_index(facts, by)
    n_groups = len(keys)
    groups = keys.copy()
    groups["interviews"] = np.bincount(codes, minlength=n_groups).astype(np.int64)
    memo: dict[str, np.ndarray] = {}
    for name in questions:
        if name == "candidates":
            groups[name] = _distinct_per_group(facts["candidate_id"], codes, n_groups)
            continue
        groups[name] = np.bincount(codes, weights=hits(facts, name, memo), minlength=n_groups).astype(np.int64)
    table = _day_counts(facts, codes, keys) if days else None
    return Counts(by=by, groups=groups, days=table)


def _distinct_per_group(ids: pd.Series, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """How many distinct ids each group holds."""
    starts = _sorted_runs(ids, codes)
    if starts is not None:
        return np.bincount(codes[starts], minlength=n_groups).astype(np.int64)
    # Hashing the ids once is the costly part; everything after works on small ints.
    id_codes, uniques = pd.factorize(ids, use_na_sentinel=False)
    home = np.empty(len(uniques), dtype=np.intp)
    home[id_codes[::-1]] = codes[::-1]
    if (home[id_codes] == codes).all():
        # Each id sits in one group (a candidate has one cohort): count ids by home group.
        return np.bincount(home, minlength=n_groups).astype(np.int64)
    pair = codes.astype(np.int64) * (len(uniques) + 1) + id_codes
    first = ~pd.Series(pair).duplicated().to_numpy()
    return np.bincount(codes[first], minlength=n_groups).astype(np.int64)


def _sorted_runs(ids: pd.Series, codes: np.ndarray) -> np.ndarray | None:
    """Where each id's rows start, when ids come sorted and each stays in one group; else None.

    Facts come ordered by candidate, so telling ids apart needs only a
    comparison of neighbours instead of hashing every id.
    """
    if len(ids) < 2 or ids.hasnans:
        return None
    values = pa.array(ids)
    if not pa.types.is_string(values.type) and not pa.types.is_large_string(values.type):
        return None
    same = pc.equal(values[1:], values[:-1]).to_numpy(zero_copy_only=False)
    if not (codes[1:][same] == codes[:-1][same]).all():
        return None
    starts = np.flatnonzero(np.r_[True, ~same])
    firsts = values.take(pa.array(starts))
    if not pc.all(pc.greater(firsts[1:], firsts[:-1])).as_py() and len(starts) > 1:
        return None
    return starts


def _day_counts(facts: pd.DataFrame, codes: np.ndarray, keys: pd.DataFrame) -> pd.DataFrame:
    days, answered = response_arrays(facts)
    n_groups = len(keys)
    if len(days) == 0:
        empty = keys.iloc[:0].reset_index(drop=True)
        for c in DAY_COLUMNS:
            empty[c] = np.array([], dtype=np.int64)
        return empty
    width = int(days.max()) + 1
    cell = codes.astype(np.int64) * width + days
    if n_groups * width <= max(4 * len(days), 1 << 20):
        # A dense (group, day, answered) grid is small enough to count directly.
        both = np.bincount(cell * 2 + answered, minlength=n_groups * width * 2).reshape(-1, 2)
        seen = np.flatnonzero(both.any(axis=1))
        censored, events = both[seen, 0], both[seen, 1]
    else:
        seen, inverse = np.unique(cell, return_inverse=True)
        events = np.bincount(inverse, weights=answered, minlength=len(seen)).astype(np.int64)
        censored = np.bincount(inverse, minlength=len(seen)).astype(np.int64) - events
    group, day = np.divmod(seen, width)
    table = keys.iloc[group].reset_index(drop=True)
    table["days"] = day.astype(np.int64)
    table["events"] = events.astype(np.int64)
    table["censored"] = censored.astype(np.int64)
    return table
