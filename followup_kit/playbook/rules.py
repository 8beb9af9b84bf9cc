"""The seed's three tips as rules over whole columns: dates and flags.

Every rule of the playbook is written here once:

* when the thank-you letter is due and how its timing counts
  (:func:`thank_you_due`, :func:`thank_you_timing`);
* when a follow-up becomes welcome, and when the next one may follow
  (:func:`follow_up_opens`, :func:`next_follow_up_from`);
* what is ``early``, ``pushy`` or ``not_interviewer``
  (:func:`is_early`, :func:`is_pushy`, :func:`not_interviewer`);
* when the silence clocks start (:func:`waiting_since`: never before the
  employer's promised date), when silence means ``no_response``
  (:func:`ghost_date`) and when an open interview is let go (:func:`give_up_date`);
* which follow-up is the reply to an offer or a rejection (:func:`is_reply`),
  when that reply is due, and until when it helps
  (:func:`reply_due`, :func:`reply_window_closes`).

:mod:`followup_kit.playbook.interview_facts` gathers the events and calls
these rules; :mod:`followup_kit.playbook.next_steps` turns the facts into the
next action. The numbers come from one :class:`~followup_kit.playbook.policy.Policy`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .business_days import add_business_days
from .policy import Policy

TIMINGS = ("same_day", "on_time", "late", "none")
#: A round's outcome; ``next_round`` is an invitation to another round of its application.
OUTCOMES = ("offer", "rejection", "withdrawn", "next_round", "no_response", "pending")

NAT = np.datetime64("NaT", "us")


def as_us(values) -> np.ndarray:
    """Dates or timestamps as a ``datetime64[us]`` array."""
    return np.asarray(pd.Series(values).to_numpy(dtype="datetime64[us]"))

# -- rule 1: the thank-you letter ------------------------------------------------
def thank_you_due(interview_date, policy: Policy) -> np.ndarray:
    """The day each thank-you letter is due: calendar days after the interview.

    Parameters
    ----------
    interview_date : array-like of datetime64
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``; a Friday interview is due on Saturday.
    """
    return as_us(interview_date) + np.timedelta64(policy.thank_you_after_days, "D")


def thank_you_timing(interview_date, due, sent) -> pd.Categorical:
    """How the first thank-you letter was timed: same_day, on_time, late or none.

    Parameters
    ----------
    interview_date, due, sent : array-like of datetime64
        The interview, the due day and the first ``thank_you_sent`` (missing if none).

    Returns
    -------
    pandas.Categorical
        Categories ``same_day``, ``on_time``, ``late``, ``none``.
    """
    held, due, sent = as_us(interview_date), as_us(due), as_us(sent)
    code = np.select([np.isnat(sent), sent <= held, sent <= due], [3, 0, 1], default=2)
    return pd.Categorical.from_codes(code, categories=list(TIMINGS))


# -- rule 2: don't panic or seem desperate ---------------------------------------
def follow_up_opens(interview_date, promised_decision_date, countries, policy: Policy) -> np.ndarray:
    """The first day a follow-up is welcome, per interview.

    ``grace_business_days`` after the promised decision date when there is one,
    else ``default_wait_business_days`` after the interview; business days skip
    weekends and the candidate's public holidays. Never before the interview
    nor before the promised date.

    Parameters
    ----------
    interview_date, promised_decision_date : array-like of datetime64
    countries : array-like of str
        The candidate's country per interview (missing: weekends only).
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    held, promised = as_us(interview_date), as_us(promised_decision_date)
    has_promise = ~np.isnat(promised)
    start = np.where(has_promise, promised, held)
    wait = np.where(has_promise, policy.grace_business_days, policy.default_wait_business_days)
    return add_business_days(start, wait, countries)


def next_follow_up_from(last_follow_up, countries, policy: Policy) -> np.ndarray:
    """The first day another follow-up is patient, after the last one.

    Parameters
    ----------
    last_follow_up : array-like of datetime64
    countries : array-like of str
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``: ``min_gap_business_days`` business days later.
    """
    return add_business_days(last_follow_up, policy.min_gap_business_days, countries)


def is_early(follow_up_date, opens) -> np.ndarray:
    """True for a follow-up sent before its window opened."""
    return as_us(follow_up_date) < as_us(opens)


def is_too_close(previous, current, countries, policy: Policy) -> np.ndarray:
    """True where a follow-up came fewer than ``min_gap_business_days`` after the one before."""
    return as_us(current) < next_follow_up_from(previous, countries, policy)


def is_pushy(follow_ups, any_too_close, policy: Policy) -> np.ndarray:
    """True for more than ``max_follow_ups`` follow-ups, or any two too close together."""
    return (np.asarray(follow_ups) > policy.max_follow_ups) | np.asarray(any_too_close, dtype=bool)


# -- rule 3: communicate with your interviewer ----------------------------------
def not_interviewer(to_interviewer) -> np.ndarray:
    """True for a follow-up that went to someone other than the interviewer.

    A missing ``to_interviewer`` is given the benefit of the doubt.
    """
    return ~pd.array(to_interviewer, dtype="boolean").fillna(True).to_numpy(dtype=bool)


def waiting_since(interview_date, promised_decision_date) -> np.ndarray:
    """The day every silence clock starts: the later of the interview and the promised date.

    "If your interviewer told you that they'd call you by a certain date, give
    them a few more days before you contact them again": until the employer's
    own date has passed, their silence is not silence yet, so nobody is told
    to give up before it.

    Parameters
    ----------
    interview_date, promised_decision_date : array-like of datetime64
        The promised date may be missing (no promise): the interview's day then.

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    held, promised = as_us(interview_date), as_us(promised_decision_date)
    return np.where(np.isnat(promised) | (promised < held), held, promised)


def ghost_date(since, opens, policy: Policy) -> np.ndarray:
    """The day silence becomes ``no_response``: ``ghost_after_days`` after :func:`waiting_since`.

    Never before the follow-up window opens (:func:`follow_up_opens`): an
    interview inside its promise plus grace is still pending.

    Parameters
    ----------
    since : array-like of datetime64
        :func:`waiting_since` of each interview.
    opens : array-like of datetime64
        The day each follow-up window opens.
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    return np.maximum(as_us(since) + np.timedelta64(policy.ghost_after_days, "D"), as_us(opens))


def give_up_date(since, opens, policy: Policy, last_heard=None) -> np.ndarray:
    """The day an open interview is let go: ``give_up_after_days`` after it went quiet.

    It went quiet on ``since`` (:func:`waiting_since`) for a silent interview,
    and on the later of that and the employer's last message for one the
    employer answered without deciding. Never before the follow-up window opens.

    Parameters
    ----------
    since : array-like of datetime64
    opens : array-like of datetime64
    policy : Policy
    last_heard : array-like of datetime64, optional
        The employer's last message (missing: never heard).

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    quiet = as_us(since)
    if last_heard is not None:
        heard = as_us(last_heard)
        quiet = np.where(np.isnat(heard), quiet, np.maximum(quiet, heard))
    return np.maximum(quiet + np.timedelta64(policy.give_up_after_days, "D"), as_us(opens))


def is_reply(follow_up_date, decided_on) -> np.ndarray:
    """True for a follow-up that answers a decision: dated on or after the news.

    Such a follow-up is the candidate's reply (accepting, asking for time,
    thanking the interviewer), not chasing an answer, so it never counts as a
    follow-up, early or pushy. Data logged since ``reply_sent`` exists says so
    directly; this inference keeps older data, where replies were logged as
    ``follow_up_sent``, right.

    Parameters
    ----------
    follow_up_date : array-like of datetime64
        The day of each ``follow_up_sent``.
    decided_on : array-like of datetime64
        The interview's ``outcome_date`` for each follow-up (missing: no decision yet).

    Returns
    -------
    numpy.ndarray
        bool; False wherever there is no decision.
    """
    return as_us(follow_up_date) >= as_us(decided_on)


def reply_due(decided_on, policy: Policy) -> np.ndarray:
    """The day a reply to an offer or a rejection is due: ``reply_after_days`` after the news.

    Parameters
    ----------
    decided_on : array-like of datetime64
        The day of the offer or rejection (missing: no decision).
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    return as_us(decided_on) + np.timedelta64(policy.reply_after_days, "D")


def reply_window_closes(decided_on, policy: Policy) -> np.ndarray:
    """The last day a reply to a decision still helps: ``reply_window_days`` after the news.

    After it, a rejection needs no reply any more and an offer may have lapsed.

    Parameters
    ----------
    decided_on : array-like of datetime64
    policy : Policy

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]``.
    """
    return as_us(decided_on) + np.timedelta64(policy.reply_window_days, "D")
