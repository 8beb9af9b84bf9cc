"""What the counts need to count applications: each application's latest round, its outcome.

An application counts once, on the row of its latest round held, with the
outcome :func:`followup_kit.playbook.applications.applications` gives it (its
last round's decision; ``next_round`` is never a final outcome) and "old
enough" judged on that latest round. :func:`application_columns` puts this
on the facts' own rows, so each application question of
:mod:`followup_kit.stats.counts` stays one membership test and one
``bincount``, on pandas, in the store's cache and on every Dask partition.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from ..playbook.applications import APPLICATION_OUTCOMES, final_outcomes, latest_rounds
from ..playbook.policy import Policy

#: The columns :func:`application_columns` adds: true only on an application's latest round.
APPLICATION_COLUMNS = ("latest_round", "application_outcome", "application_old_enough")
#: The facts columns they are worked out from.
SOURCE_COLUMNS = ("outcome", "old_enough")
#: What applications() reads of an application that has several rounds or awaits one.
ROUND_COLUMNS = ("application_id", "round", "interview_date", "outcome", "outcome_date", "next_round_date",
                 "old_enough")


def application_columns(facts: pd.DataFrame) -> dict[str, np.ndarray]:
    """Each row's part in the count of applications.

    Parameters
    ----------
    facts : DataFrame
        Interview facts (or one partition of them, holding whole
        applications). Facts without ``application_id`` (made before rounds)
        hold one application per interview.

    Returns
    -------
    dict
        ``latest_round`` (bool: the row is its application's latest round
        held), ``application_outcome`` (Categorical of
        :data:`~followup_kit.playbook.applications.APPLICATION_OUTCOMES`, set on
        latest rounds only) and ``application_old_enough`` (bool, latest rounds
        only), one value per row.
    """
    from .counts import member, require

    require(facts, SOURCE_COLUMNS, "counting applications")
    one_each = "application_id" not in facts.columns
    n = len(facts)
    latest = np.ones(n, dtype=bool)
    outcome_codes = _codes(facts["outcome"])
    old_enough = facts["old_enough"].fillna(False).to_numpy(dtype=bool).copy()
    several = np.zeros(n, dtype=bool)
    if "rounds" in facts.columns:
        several = facts["rounds"].to_numpy(dtype=np.int64) > 1
    elif not one_each:
        several[:] = True
    if several.any():
        # Only an application of several rounds has a row that is not its latest.
        require(facts, ("application_id", "round"), "counting applications of several rounds")
        if facts.attrs.get("as_of") is not None and "next_round_date" in facts.columns:
            latest = latest_rounds(facts)
        else:
            rows = np.flatnonzero(several)
            latest[rows] = latest_rounds(facts[["application_id", "round"]].iloc[rows])
    # An application's outcome and old_enough are read off its latest round (applications()
    # reads no other round for them): that round's own, unless the employer's answer was an
    # invitation or a next round is known, which applications() rules on.
    awaiting = latest & member(facts["outcome"], ("next_round",))
    if "next_round_date" in facts.columns:
        awaiting |= latest & ~np.isnat(facts["next_round_date"].to_numpy(dtype="datetime64[us]"))
    if awaiting.any():
        require(facts, ROUND_COLUMNS, "counting applications invited to a next round")
        at = np.flatnonzero(awaiting)
        policy = facts.attrs.get("policy")
        if not isinstance(policy, Policy):
            raise FollowupKitError("these facts do not say which Policy they were built with: "
                                   "build them with followup_kit.facts to count their applications")
        today = facts.attrs.get("as_of", np.datetime64("today"))
        final, ready = final_outcomes(facts[list(ROUND_COLUMNS)].iloc[at], today, policy)
        outcome_codes[at] = final.codes
        old_enough[at] = ready
    outcome_codes[~latest] = -1
    old_enough &= latest
    out = {"latest_round": latest,
           "application_outcome": pd.Categorical.from_codes(outcome_codes,
                                                            categories=list(APPLICATION_OUTCOMES)),
           "application_old_enough": old_enough}
    if one_each and "round" not in facts.columns:
        out["round"] = np.ones(n, dtype=np.int64)
    return out


def _codes(outcome: pd.Series) -> np.ndarray:
    """Each outcome's number among :data:`APPLICATION_OUTCOMES`; -1 for ``next_round``."""
    if not isinstance(outcome.dtype, pd.CategoricalDtype):
        outcome = outcome.astype("category")
    return outcome.cat.set_categories(list(APPLICATION_OUTCOMES)).cat.codes.to_numpy().copy()


def with_application_columns(facts: pd.DataFrame, needed) -> pd.DataFrame:
    """``facts`` with the columns of :data:`APPLICATION_COLUMNS` that ``needed`` names and it lacks.

    Facts that already hold them (the rows the store's cache keeps) are returned as they are.
    """
    derivable = {*APPLICATION_COLUMNS, *(() if "application_id" in facts.columns else ("round",))}
    if not any(c in derivable and c not in facts.columns for c in needed):
        return facts
    added = {k: v for k, v in application_columns(facts).items() if k not in facts.columns}
    return facts.assign(**added)
