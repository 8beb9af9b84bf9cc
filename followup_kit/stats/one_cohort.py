"""What one candidate's view reads: the candidate's own tables and the count tables of their cohort.

The candidate's view shows one person and keeps nothing of anyone else, so it
reads their rows only (:func:`read_candidate`) and, for the patience meter,
their cohort's day and group counts (:func:`counts_of_cohort`), taken from the
count tables cached in the store (:func:`cohort_day_counts`): aggregates, no
names.
"""

from __future__ import annotations

import pandas as pd

from ..data.store import Store
from ..errors import FollowupKitError
from .cache import cohort_counts as cached_cohort_counts
from .counts import Counts


def read_candidate(store: Store, candidate_id: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One candidate's three tables, or a FollowupKitError when the store has no such candidate."""
    tables = store.tables(candidate_id)
    if tables[0].empty:
        raise FollowupKitError(
            f"no candidate '{candidate_id}' in {store.path}; check the id in the link, or ask "
            "your coach for a new one")
    return tables


def cohort_day_counts(store: Store, today) -> Counts:
    """The day counts of every cohort as of ``today``, from the count tables cached in the store.

    A page view reads them in milliseconds: tables kept for an earlier day, or
    for data changed since, are taken as they are rather than building the
    whole programme's facts again (see :func:`~followup_kit.stats.cache.cohort_counts`).
    """
    return cached_cohort_counts(store, today, stale_ok=True).by_cohort


def counts_of_cohort(counts: Counts, cohort: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The day and group counts of one cohort from counts made with ``by=[]`` or ``by="cohort"``."""
    if counts.days is None:
        raise FollowupKitError("cohort_counts has no day counts; make it with "
                               "followup_kit.stats.counts.count(facts, by, days=True)")
    if not counts.by:
        return counts.days, counts.groups
    if counts.by != ["cohort"]:
        raise FollowupKitError(f"cohort_counts are counted by {', '.join(counts.by)}; give counts "
                               "of the candidate's cohort (by=[]) or by cohort")
    groups = counts.groups.loc[counts.groups["cohort"].astype("str") == cohort]
    if groups.empty:
        raise FollowupKitError(f"cohort_counts hold no cohort '{cohort}', the candidate's cohort")
    days = counts.days.loc[counts.days["cohort"].astype("str") == cohort]
    return days.drop(columns="cohort"), groups.drop(columns="cohort")


__all__ = ["cohort_day_counts", "counts_of_cohort", "read_candidate"]
