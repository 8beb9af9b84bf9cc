"""The programme lead's tables: the cohort report and the funnel.

Rates by behaviour are associations, not effects.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from .counts import Counts, as_by, count
from .groups import group_ids_in, join_notes, per_group, whole_days
from .rates import wilson_interval
from .survival import curve_from_counts, median_from_curve

FUNNEL_STAGES = {
    "interviews": "interviews",
    "thanked": "thanked",
    "thanked_on_time": "thanked_on_time",
    "followed_up_in_window": "followed_up_in_window",
    "answered": "answered",
    "offer": "offers",
}


def cohort_report(facts: pd.DataFrame, within_days: int = 30, by: str = "cohort") -> pd.DataFrame:
    """The programme lead's table: one row per cohort (or per round).

    Interviews, thank-you letters, follow-up warnings and response times are
    counted per interview: every round has its own letter, follow-ups and
    answer (an invitation to the next round is an answer). Offers and the
    other outcomes are counted per application, once each, with its final
    outcome: the last round's decision.

    The thank-you on-time rate counts a letter sent on the interview day or
    on the due day, out of the interviews whose letter was due by the day the
    facts describe (a letter not due yet is neither on time nor missing).

    The offer rate counts only applications old enough to have settled: their
    latest round ``ghost_after_days`` or more past the later of the interview
    and the promised decision date, and no next round awaited. An offer comes
    within days while silence only counts after weeks, so a rate over
    whatever has settled so far would flatter a young cohort; ``too_young``
    says how many applications are left out, and the rate is blank, with a
    note, when none is old enough.

    ``silent_after_later_round`` is the share of applications that reached
    round 2 or later and ended without an answer, among those that reached
    round 2 or later and are old enough to have settled (Indeed's 2023
    survey put it near 40% of job seekers); blank, with a note, when there
    are none.

    ``warning_share`` is the share of interviews with an early, pushy or
    not-to-the-interviewer follow-up. All rates are associations with the
    cohort, not effects of the programme.

    Parameters
    ----------
    facts : DataFrame
        Interview facts with ``cohort``, ``candidate_id``, ``thank_you_timing``,
        ``response_days``, ``responded``, ``outcome`` and the rounds'
        ``application_id`` and ``round``.
    within_days : int
        The horizon of the "answered within" share.
    by : {"cohort", "round"}
        One row per cohort, or one per round: then each round's interviews
        give its letters, warnings and response times, and an application
        counts in the row of its latest round (the offer rate of
        applications that ended after that round).

    Returns
    -------
    DataFrame
        ``cohort`` (or ``round``), ``candidates``, ``interviews``,
        ``applications``, ``rounds_per_application`` (mean rounds held per
        application), ``thank_you_due`` (letters due by then),
        ``thank_you_on_time``, ``thank_you_on_time_rate``,
        ``median_response_days``,
        ``median_ci_low``, ``median_ci_high`` (days; ``inf`` when not reached),
        ``answered_within_{within_days}_days`` (1 - S(within_days) on the
        response curve; ``NaN`` when the cohort was not followed that long),
        ``old_enough`` (applications: the offer rate's trials), ``too_young``
        (applications), ``offers`` (among the old enough), ``offer_rate``,
        ``offer_ci_low``, ``offer_ci_high`` (Wilson 95%), ``reached_later_round``
        (applications whose latest round is 2 or later),
        ``later_round_old_enough`` (of them, old enough: the trials),
        ``silent_later_round`` (of those, ended ``no_response``),
        ``silent_after_later_round``, ``silent_ci_low``, ``silent_ci_high``
        (Wilson 95%), ``warnings``, ``warning_share`` and ``note`` explaining
        any ``inf`` or ``NaN``.
    """
    if by not in REPORT_GROUPINGS:
        raise FollowupKitError(f"the report is by {' or '.join(REPORT_GROUPINGS)}, not {by!r}")
    return cohort_report_from_counts(count(facts, by, REPORT_QUESTIONS, days=True), within_days)


#: The groupings a report can have: one row per cohort, or per round.
REPORT_GROUPINGS = ("cohort", "round")
#: The counts the cohort report reads, besides interviews and day counts.
REPORT_QUESTIONS = ["candidates", "applications", "rounds_held", "thank_you_is_due",
                    "thanked_on_time_when_due", "old_enough", "offer_when_old_enough",
                    "reached_later_round", "later_round_old_enough", "silent_after_later_round", "warned"]


def cohort_report_from_counts(counts: Counts, within_days: int = 30) -> pd.DataFrame:
    """The cohort report from count tables built elsewhere (SQL, a Dask cluster).

    Parameters
    ----------
    counts : Counts
        Counts by ``cohort`` (or by ``round``) with ``days=True`` and the
        questions of :data:`REPORT_QUESTIONS`.
    within_days : int
        The horizon of the "answered within" share.

    Returns
    -------
    DataFrame
        See :func:`cohort_report`.
    """
    within = whole_days(within_days, "within_days")
    missing = [q for q in ["interviews", *REPORT_QUESTIONS] if q not in counts.groups.columns]
    if len(counts.by) != 1 or counts.by[0] not in REPORT_GROUPINGS or counts.days is None or missing:
        raise FollowupKitError(
            "the cohort report needs counts by cohort (or round) with day counts and "
            f"{', '.join(REPORT_QUESTIONS)}: build them with count(facts, 'cohort', "
            "REPORT_QUESTIONS, days=True)" + (f" (missing: {', '.join(missing)})" if missing else ""))
    key = counts.by[0]
    groups = counts.groups
    curve = curve_from_counts(counts.days, key)
    median = median_from_curve(curve, groups, key)
    out = groups[[key, "candidates", "interviews", "applications"]].copy()
    applications = groups["applications"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["rounds_per_application"] = np.where(applications > 0, groups["rounds_held"] / applications,
                                                 np.nan)
    out["thank_you_due"] = groups["thank_you_is_due"].to_numpy()
    out["thank_you_on_time"] = groups["thanked_on_time_when_due"].to_numpy()
    out["thank_you_on_time_rate"] = wilson_interval(groups["thanked_on_time_when_due"],
                                                    groups["thank_you_is_due"])[0]
    out["median_response_days"] = median["median"].to_numpy()
    out["median_ci_low"] = median["ci_low"].to_numpy()
    out["median_ci_high"] = median["ci_high"].to_numpy()
    gid = group_ids_in(curve, groups, [key])
    days = curve["days"].to_numpy()
    survival = curve["survival"].to_numpy()
    upto = days <= within
    s_within = per_group(np.minimum, gid[upto], survival[upto], len(groups), 1.0)
    last = per_group(np.maximum, gid, days.astype(float), len(groups), -np.inf)
    floor = per_group(np.minimum, gid, survival, len(groups), 1.0)
    # Past the last day seen the curve is unknown, unless everyone already had an answer.
    known = (last >= within) | (floor <= 0)
    share = f"answered_within_{within}_days"
    out[share] = np.where(known, 1.0 - s_within, np.nan)
    out["old_enough"] = groups["old_enough"].to_numpy()
    out["too_young"] = (groups["applications"] - groups["old_enough"]).to_numpy()
    out["offers"] = groups["offer_when_old_enough"].to_numpy()
    out["offer_rate"], out["offer_ci_low"], out["offer_ci_high"] = wilson_interval(
        groups["offer_when_old_enough"], groups["old_enough"])
    out.loc[out["old_enough"] == 0, ["offer_ci_low", "offer_ci_high"]] = np.nan
    out["reached_later_round"] = groups["reached_later_round"].to_numpy()
    out["later_round_old_enough"] = groups["later_round_old_enough"].to_numpy()
    out["silent_later_round"] = groups["silent_after_later_round"].to_numpy()
    out["silent_after_later_round"], out["silent_ci_low"], out["silent_ci_high"] = wilson_interval(
        groups["silent_after_later_round"], groups["later_round_old_enough"])
    out.loc[out["later_round_old_enough"] == 0, ["silent_ci_low", "silent_ci_high"]] = np.nan
    out["warnings"] = groups["warned"].to_numpy()
    out["warning_share"] = wilson_interval(groups["warned"], groups["interviews"])[0]
    no_offer_basis = (groups["old_enough"] == 0) & (groups["interviews"] > 0)
    no_silence_basis = (groups["later_round_old_enough"] == 0) & (groups["interviews"] > 0)
    if key == "round":
        # Round 1's row holds the applications that ended there: none reached a later round.
        no_silence_basis &= groups["round"].to_numpy() > 1
    out["note"] = join_notes(
        median["note"].to_numpy(dtype=object),
        np.where(known | np.isinf(last), "",
                 np.char.add("followed only ", np.char.add(
                     np.where(np.isinf(last), 0, last).astype(int).astype(str),
                     f" days: share answered within {within} days unknown"))),
        np.where(no_offer_basis, "no application old enough to have settled yet: offer rate unknown", ""),
        np.where(no_silence_basis & (groups["reached_later_round"] > 0),
                 "no application past round 1 old enough to have settled yet: "
                 "silence after a later round unknown", ""),
        np.where(no_silence_basis & (groups["reached_later_round"] == 0),
                 "no application reached a second round: silence after a later round unknown", ""),
        np.where((groups["thank_you_is_due"] == 0) & (groups["interviews"] > 0),
                 "no thank-you letter due yet: on-time rate unknown", ""),
    )
    return out


def funnel(facts: pd.DataFrame, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """How far interviews got: interviews, thanked, thanked on time, followed up, answered, offers.

    Every stage counts interviews (every round has its own letter, follow-ups
    and answer, an invitation to the next round included) but ``offers``,
    which counts applications, once each with its final outcome; its share
    is of the group's applications. ``thanked_on_time`` counts a letter sent on the interview day or the due
    day. ``followed_up_in_window`` counts interviews with at least one
    follow-up sent once the window had opened (``follow_ups`` greater than
    ``early_follow_ups``). The stages are counted independently, so a later
    stage can hold interviews an earlier one does not (an answer without a
    thank-you letter). Shares by behaviour are associations, not effects.

    Parameters
    ----------
    facts : DataFrame
        Interview facts.
    by : str or list of str, optional
        Group columns, e.g. ``"cohort"``.

    Returns
    -------
    DataFrame
        One row per group and stage: the ``by`` columns, ``stage`` (ordered
        categorical), ``count`` and ``share`` (of the group's interviews, of
        its applications for ``offers``; ``NaN`` for a group without any).
    """
    by = as_by(by)
    stages = list(FUNNEL_STAGES)
    groups = count(facts, by, [*stages[1:], "applications"]).groups
    n, k = len(groups), len(stages)
    each = np.repeat(np.arange(n), k)
    out = (groups[by].iloc[each].reset_index(drop=True) if by
           else pd.DataFrame(index=pd.RangeIndex(n * k)))
    labels = list(FUNNEL_STAGES.values())
    out["stage"] = pd.Categorical(np.tile(labels, n), categories=labels, ordered=True)
    out["count"] = groups[stages].to_numpy(dtype=np.int64).ravel()
    bases = np.array(["applications" if stage == "offer" else "interviews" for stage in stages])
    total = groups[list(bases)].to_numpy(dtype=float).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share"] = np.where(total > 0, out["count"] / total, np.nan)
    return out
