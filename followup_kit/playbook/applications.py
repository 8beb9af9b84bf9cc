"""Applications: one row per hiring process, from the facts of its rounds.

:func:`applications` reads the interview facts (one row per round) and gives
each application's latest round with the application's own outcome: the last
round's decision; an invitation to a round that never came, after
``give_up_after_days``, is ``no_response``; otherwise ``pending``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from .policy import Policy
from .rules import as_us, give_up_date

#: An application's outcome: how its last round ended, or that it is still open.
APPLICATION_OUTCOMES = ("offer", "rejection", "withdrawn", "no_response", "pending")
DECIDED = ("offer", "rejection", "withdrawn")


def per_application_max(application_id, values, *, codes: np.ndarray | None = None) -> np.ndarray:
    """Each row's application's largest value (ints or bools), without sorting the ids.

    ``codes`` numbers the applications, when already known, in place of ``application_id``.
    """
    if codes is None:
        codes, _ = pd.factorize(pd.Series(application_id).astype("str"))
    values = np.asarray(values).astype(np.int64)
    top = np.full(int(codes.max(initial=-1)) + 1, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(top, codes, values)
    return top[codes]


def latest_rounds(facts: pd.DataFrame) -> np.ndarray:
    """True for each application's latest round held (the facts' rows the plan speaks of)."""
    as_of = facts.attrs.get("as_of")
    if as_of is not None and "next_round_date" in facts.columns:
        # A round before the latest has its next round held by the facts' day; the latest has
        # none, or one still to come (or not yet known): no need to group the rounds.
        next_round = as_us(facts["next_round_date"])
        return np.isnat(next_round) | (next_round > np.datetime64(as_of, "us"))
    rounds = facts["round"].to_numpy(dtype=np.int64)
    if "rounds" not in facts.columns:
        return rounds == per_application_max(facts["application_id"], rounds)
    # An application of one round known has nothing later: only the others are grouped.
    latest = np.ones(len(facts), dtype=bool)
    several = np.flatnonzero(facts["rounds"].to_numpy(dtype=np.int64) > 1)
    if len(several):
        mine = rounds[several]
        latest[several] = mine == per_application_max(facts["application_id"].to_numpy()[several], mine)
    return latest


def plan_rows(facts: pd.DataFrame) -> pd.DataFrame:
    """The facts' rows a plan speaks for, one per application, in the plan's own order."""
    return facts.loc[latest_rounds(facts)].reset_index(drop=True)


def waiting_for_next_round(facts: pd.DataFrame) -> np.ndarray:
    """True for a round that was invited on, or has its next round known, and is not decided."""
    outcome = facts["outcome"]
    invited = (outcome == "next_round").to_numpy(dtype=bool)
    pending = (outcome == "pending").to_numpy(dtype=bool)
    return invited | (pending & ~np.isnat(as_us(facts["next_round_date"])))


def final_outcomes(latest: pd.DataFrame, today, policy: Policy) -> tuple[pd.Categorical, np.ndarray]:
    """The outcome of each application, and whether it is old enough, from its latest round's facts.

    The last round's decision stands. An invitation (``next_round``) with no
    later round logged within ``give_up_after_days`` is ``no_response``; any
    other invitation, or a next round known and not yet held, is ``pending``
    and not old enough to count, whatever the round's own age.
    """
    outcome = latest["outcome"]
    invited = (outcome == "next_round").to_numpy(dtype=bool)
    invited_on = as_us(latest["outcome_date"])
    next_round = as_us(latest["next_round_date"])
    gone = invited & np.isnat(next_round) & (np.datetime64(today, "us") >= give_up_date(invited_on, invited_on, policy))
    named = outcome if isinstance(outcome.dtype, pd.CategoricalDtype) else outcome.astype("category")
    # An invitation is no final outcome: it drops out here and is ruled on below.
    codes = named.cat.set_categories(list(APPLICATION_OUTCOMES)).cat.codes.to_numpy().copy()
    codes[invited] = np.where(gone[invited], APPLICATION_OUTCOMES.index("no_response"),
                              APPLICATION_OUTCOMES.index("pending"))
    old_enough = latest["old_enough"].fillna(False).to_numpy(dtype=bool) & ~(waiting_for_next_round(latest) & ~gone)
    return pd.Categorical.from_codes(codes, categories=list(APPLICATION_OUTCOMES)), old_enough


def applications(facts: pd.DataFrame, policy: Policy | None = None) -> pd.DataFrame:
    """One row per application: its latest round's facts, and the application's outcome.

    Parameters
    ----------
    facts : DataFrame
        Interview facts from :func:`followup_kit.facts`, with every round of
        each application they hold.
    policy : Policy, optional
        The numbers the facts were built with (default: the facts' own).

    Returns
    -------
    DataFrame
        The facts' columns, of each application's latest round held, with
        ``outcome`` the application's (one of :data:`APPLICATION_OUTCOMES`):
        the last round's decision; ``no_response`` when the last round was
        answered with an invitation and no later round came within
        ``give_up_after_days``, or when it went unanswered; else ``pending``.
        ``outcome_date`` is the decision's date. ``old_enough`` is False while
        a next round is awaited. Added: ``first_interview_date``,
        ``last_interview_date`` and ``days_to_decision`` (Int64: from the first
        interview to the decision; missing without one). On applications of
        one round each and no invitation, the rows are the facts' own.
    """
    built = facts.attrs.get("policy")
    policy = policy or built
    if not isinstance(policy, Policy):
        raise FollowupKitError("these facts do not say which Policy they were built with: "
                               "give applications(..., policy=...) the one they were built with")
    today = np.datetime64(facts.attrs.get("as_of", np.datetime64("today")), "us")
    f = facts.reset_index(drop=True)
    ids = f["application_id"].astype("str")
    first = f.groupby(ids.to_numpy())["interview_date"].transform("min").to_numpy(dtype="datetime64[us]")
    out = f.loc[latest_rounds(f)].copy()
    first = first[out.index.to_numpy()]
    outcome, old_enough = final_outcomes(out, today, policy)
    outcome = outcome.astype("str").to_numpy(dtype=object)
    decided = np.isin(outcome, DECIDED)
    decided_on = np.where(decided, as_us(out["outcome_date"]), np.datetime64("NaT", "us"))
    days = np.zeros(len(out), dtype=np.int64)
    days[decided] = (decided_on[decided] - first[decided]) // np.timedelta64(1, "D")
    out["outcome"] = pd.Categorical(outcome, categories=list(APPLICATION_OUTCOMES))
    out["outcome_date"] = decided_on
    out["old_enough"] = old_enough
    out["first_interview_date"] = first
    out["last_interview_date"] = out["interview_date"].to_numpy(dtype="datetime64[us]")
    out["days_to_decision"] = pd.array(np.where(decided, days, pd.NA), dtype="Int64")
    out.attrs = dict(facts.attrs)
    return out.reset_index(drop=True)
