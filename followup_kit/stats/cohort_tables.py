"""A programme's cohort count tables, defined once: their groupings, questions and parts.

The store's cache (:mod:`followup_kit.stats.cache`), a Parquet dataset on one
machine and the Dask path (:mod:`followup_kit.scale`) all build these tables,
and in the same way: the report and the patience meter read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .counts import BOTH, DERIVED, QUESTIONS, SUMS, Counts, count

#: Every count a cohort's group table holds: the report's, the funnel's, the rates'.
COHORT_QUESTIONS = ["candidates", *QUESTIONS, *DERIVED, *BOTH, *SUMS]
BY_COHORT = ["cohort"]
#: The patience meter's and the rates' grouping: cohort and thank-you timing.
BY_BEHAVIOUR = ["cohort", "thank_you_timing"]
#: Each table's grouping, its questions, and whether it has day counts too.
GROUPINGS = ((BY_COHORT, COHORT_QUESTIONS, True), (BY_BEHAVIOUR, COHORT_QUESTIONS, False))
#: The frames the tables are kept as: groups and days by cohort, groups by behaviour.
PARTS = ("groups", "days", "behaviour")


@dataclass
class CohortCounts:
    """The count tables of a programme's cohorts, as one day saw them.

    Attributes
    ----------
    as_of : numpy.datetime64
        The day the facts describe.
    state : str
        The store's :meth:`~followup_kit.Store.data_state` the tables were built from.
    current : bool
        True when built from the data as they are now, for the day asked.
    by_cohort : Counts
        By ``cohort``: every question of :data:`COHORT_QUESTIONS` and the day
        counts; what :func:`~followup_kit.stats.report.cohort_report_from_counts`
        and the patience meter read.
    by_behaviour : Counts
        By ``cohort`` and ``thank_you_timing``: the same questions.
    """

    as_of: np.datetime64
    state: str
    current: bool
    by_cohort: Counts
    by_behaviour: Counts

    def parts(self) -> dict[str, pd.DataFrame]:
        """The tables as the frames of :data:`PARTS`."""
        return {"groups": self.by_cohort.groups, "days": self.by_cohort.days,
                "behaviour": self.by_behaviour.groups}

    @classmethod
    def from_parts(cls, frames: dict[str, pd.DataFrame], as_of, state: str, current: bool) -> CohortCounts:
        """The tables from the frames of :data:`PARTS`."""
        return cls(as_of=as_of, state=state, current=current,
                   by_cohort=Counts(by=list(BY_COHORT), groups=frames["groups"], days=frames["days"]),
                   by_behaviour=Counts(by=list(BY_BEHAVIOUR), groups=frames["behaviour"]))


def count_cohorts(frame: pd.DataFrame, as_of, state: str = "", current: bool = True) -> CohortCounts:
    """Every table of :data:`GROUPINGS`, counted from interview facts (or the cache's kept rows)."""
    by_cohort, by_behaviour = (count(frame, by, questions, days=days) for by, questions, days in GROUPINGS)
    return CohortCounts(as_of=as_of, state=state, current=current, by_cohort=by_cohort,
                        by_behaviour=by_behaviour)
