"""Outcome rates with Wilson 95% intervals.

Rates by behaviour (thank-you timing, follow-ups) are associations between
what candidates did and what employers answered, not effects: candidates who
write on time may differ in many other ways.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from .counts import QUESTIONS, as_by, count
from .survival import Z95

#: The outcomes whose rate is taken over the applications old enough to have settled
#: (``old_enough`` of their latest round, no next round awaited): a younger one may still
#: end either way, and an offer arrives sooner than silence counts, so a younger
#: application would tilt the rate.
SETTLED_OUTCOMES = QUESTIONS["settled"][1]


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


def outcome_question(outcome: str) -> tuple[str, str]:
    """The success count and the trials count of an outcome rate."""
    if outcome in SETTLED_OUTCOMES:
        return f"{outcome}_when_old_enough", "old_enough"
    if outcome == "pending":
        return outcome, "applications"
    if outcome in QUESTIONS or outcome == "followed_up_in_window":
        return outcome, "interviews"
    raise FollowupKitError(
        f"unknown outcome {outcome!r}; choose one of {', '.join(SETTLED_OUTCOMES)}, pending, "
        "answered, thanked, thanked_on_time, followed_up_in_window")


def no_basis(trials: str) -> str:
    """What a group without any of a rate's trials lacks, in words."""
    return {"interviews": "no interviews", "applications": "no applications",
            "old_enough": "no application old enough to have settled"}.get(trials, f"no {trials} interviews")


def rates_from_counts(groups: pd.DataFrame, by: str | Sequence[str] | None, successes: str,
                      trials: str) -> pd.DataFrame:
    """Rates with Wilson 95% intervals from group counts; see :func:`outcome_rates`."""
    by = as_by(by)
    out = groups[by].reset_index(drop=True) if by else pd.DataFrame(index=pd.RangeIndex(len(groups)))
    out["count"] = groups[successes].to_numpy(dtype=np.int64)
    out["trials"] = groups[trials].to_numpy(dtype=np.int64)
    out["rate"], out["ci_low"], out["ci_high"] = wilson_interval(out["count"], out["trials"])
    out["note"] = np.where(out["trials"] > 0, "", f"{no_basis(trials)}: rate unknown")
    return out


def outcome_rates(facts: pd.DataFrame, by: str | Sequence[str] | None = "cohort",
                  outcome: str = "offer") -> pd.DataFrame:
    """Share of applications with an outcome, or of interviews with a habit, per group, with Wilson 95% intervals.

    Rates by behaviour (``by="thank_you_timing"``) are associations, not
    effects: they say what went together, not what one action causes.

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    by : str or list of str, optional
        Group columns: a cohort, or a behaviour such as ``thank_you_timing``.
    outcome : str
        ``offer``, ``rejection``, ``withdrawn`` or ``no_response``: per
        application, each counted once with its final outcome (its last
        round's decision), out of the applications old enough to have
        settled (``ghost_after_days`` past the later of the latest round and
        its promised date, and no next round awaited); ``pending``, out of
        all applications. ``answered``, ``thanked``, ``thanked_on_time`` or
        ``followed_up_in_window``: per interview, out of all interviews
        (every round has its own letter, follow-ups and answer). Grouped by
        a column that differs between rounds (``thank_you_timing``,
        ``round``), an application counts in the group of its latest round.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``outcome``, ``count``, ``trials``, ``rate``,
        ``ci_low``, ``ci_high``, ``note``.
    """
    by = as_by(by)
    successes, trials = outcome_question(outcome)
    counts = count(facts, by, [successes] + ([trials] if trials != "interviews" else []))
    out = rates_from_counts(counts.groups, by, successes, trials)
    out.insert(len(by), "outcome", outcome)
    return out
