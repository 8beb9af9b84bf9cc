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
#: The report by round: each round's interviews, and each application in the row of its latest round.
BY_ROUND = ["round"]
#: Each table's grouping, its questions, and whether it has day counts too.
GROUPINGS = ((BY_COHORT, COHORT_QUESTIONS, True), (BY_BEHAVIOUR, COHORT_QUESTIONS, False),
             (BY_ROUND, COHORT_QUESTIONS, True))
#: The frames the tables are kept as: groups and days by cohort, groups by behaviour, groups and
#: days by round.
PARTS = ("groups", "days", "behaviour", "round_groups", "round_days")


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
    by_round : Counts
        By ``round``: the same questions and the day counts, what the report
        by round reads.
    """

    as_of: np.datetime64
    state: str
    current: bool
    by_cohort: Counts
    by_behaviour: Counts
    by_round: Counts

    def parts(self) -> dict[str, pd.DataFrame]:
        """The tables as the frames of :data:`PARTS`."""
        return {"groups": self.by_cohort.groups, "days": self.by_cohort.days,
                "behaviour": self.by_behaviour.groups, "round_groups": self.by_round.groups,
                "round_days": self.by_round.days}

    @classmethod
    def from_parts(cls, frames: dict[str, pd.DataFrame], as_of, state: str, current: bool) -> CohortCounts:
        """The tables from the frames of :data:`PARTS`."""
        return cls(as_of=as_of, state=state, current=current,
                   by_cohort=Counts(by=list(BY_COHORT), groups=frames["groups"], days=frames["days"]),
                   by_behaviour=Counts(by=list(BY_BEHAVIOUR), groups=frames["behaviour"]),
                   by_round=Counts(by=list(BY_ROUND), groups=frames["round_groups"],
                                   days=frames["round_days"]))


def count_cohorts(frame: pd.DataFrame, as_of, state: str = "", current: bool = True) -> CohortCounts:
    """Every table of :data:`GROUPINGS`, counted from interview facts (or the cache's kept rows)."""
    by_cohort, by_behaviour, by_round = (count(frame, by, questions, days=days)
                                         for by, questions, days in GROUPINGS)
    return CohortCounts(as_of=as_of, state=state, current=current, by_cohort=by_cohort,
                        by_behaviour=by_behaviour, by_round=by_round)
