"""The seed's three tips as rules: dates, flags and the next action per interview.

Every rule of the playbook is written here once, over whole columns:

* when the thank-you letter is due and how its timing counts
  (:func:`thank_you_due`, :func:`thank_you_timing`);
* when a follow-up becomes welcome, and when the next one may follow
  (:func:`follow_up_opens`, :func:`next_follow_up_from`);
* what is ``early``, ``pushy`` or ``not_interviewer``
  (:func:`is_early`, :func:`is_pushy`, :func:`not_interviewer`);
* when silence means ``no_response`` (:func:`ghost_date`);
* which follow-up is the reply to an offer or a rejection (:func:`is_reply`),
  when that reply is due, and until when it helps
  (:func:`reply_due`, :func:`reply_window_closes`);
* the next action, its due date and a plain reason (:func:`plan`).

:mod:`followup_kit.facts` gathers the events and calls these rules; the
numbers come from one :class:`~followup_kit.policy.Policy`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .calendar import add_business_days
from .dates import as_day, human_dates
from .errors import FollowupKitError
from .policy import Policy

TIMINGS = ("same_day", "on_time", "late", "none")
OUTCOMES = ("offer", "rejection", "withdrawn", "no_response", "pending")
ACTIONS = ("send_thank_you", "wait", "follow_up", "reply_to_rejection", "respond_to_offer",
           "move_on", "none")
PLAN_COLUMNS = ("interview_id", "action", "due", "overdue", "reason")

_NAT = np.datetime64("NaT", "us")


def _us(values) -> np.ndarray:
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
    return _us(interview_date) + np.timedelta64(policy.thank_you_after_days, "D")


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
    held, due, sent = _us(interview_date), _us(due), _us(sent)
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
    held, promised = _us(interview_date), _us(promised_decision_date)
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
    return _us(follow_up_date) < _us(opens)


def is_too_close(previous, current, countries, policy: Policy) -> np.ndarray:
    """True where a follow-up came fewer than ``min_gap_business_days`` after the one before."""
    return _us(current) < next_follow_up_from(previous, countries, policy)


def is_pushy(follow_ups, any_too_close, policy: Policy) -> np.ndarray:
    """True for more than ``max_follow_ups`` follow-ups, or any two too close together."""
    return (np.asarray(follow_ups) > policy.max_follow_ups) | np.asarray(any_too_close, dtype=bool)


# -- rule 3: communicate with your interviewer ----------------------------------
def not_interviewer(to_interviewer) -> np.ndarray:
    """True for a follow-up that went to someone other than the interviewer.

    A missing ``to_interviewer`` is given the benefit of the doubt.
    """
    return ~pd.array(to_interviewer, dtype="boolean").fillna(True).to_numpy(dtype=bool)


def ghost_date(interview_date, policy: Policy) -> np.ndarray:
    """The day silence becomes ``no_response``: ``ghost_after_days`` after the interview."""
    return _us(interview_date) + np.timedelta64(policy.ghost_after_days, "D")


def give_up_date(interview_date, policy: Policy) -> np.ndarray:
    """The day a silent interview is let go even with follow-ups left: ``give_up_after_days`` after it."""
    return _us(interview_date) + np.timedelta64(policy.give_up_after_days, "D")


def is_reply(follow_up_date, decided_on) -> np.ndarray:
    """True for a follow-up that answers a decision: dated on or after the news.

    Such a follow-up is the candidate's reply (accepting, asking for time,
    thanking the interviewer), not chasing an answer, so it never counts as a
    follow-up, early or pushy.

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
    return _us(follow_up_date) >= _us(decided_on)


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
    return _us(decided_on) + np.timedelta64(policy.reply_after_days, "D")


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
    return _us(decided_on) + np.timedelta64(policy.reply_window_days, "D")


# -- the next action ----------------------------------------------------------------
def _times(n: np.ndarray) -> pd.Series:
    words = np.where(n == 1, "once", np.where(n == 2, "twice", n.astype(str).astype(object)))
    return pd.Series(np.where(n > 2, words + " times", words), dtype="str")


def plan(facts: pd.DataFrame, today=None, policy: Policy | None = None) -> pd.DataFrame:
    """The next action for every interview, with its due date and a plain reason.

    One action per interview, the first that applies:

    1. an offer not yet replied to: ``respond_to_offer``; a rejection:
       ``reply_to_rejection`` (thank them, ask for tips), both due
       ``reply_after_days`` after the news. A follow-up logged on or after the
       news is the reply (``replied_on`` in the facts), and the action becomes
       ``none``. A rejection more than ``reply_window_days`` old is let go
       (``none``: too late for a reply to help); an offer stays
       ``respond_to_offer``, with a reason saying it may have lapsed and to
       contact the employer today.
    2. withdrawn, or a decision already replied to: ``none``.
    3. no thank-you letter, no follow-up, no answer and the follow-up window
       not yet open: ``send_thank_you`` by ``thank_you_due``.
    4. all ``max_follow_ups`` used with no answer: ``wait`` until
       ``ghost_after_days`` after the interview, then ``move_on``; with an answer
       but no decision: ``none`` (the next step is the employer's). With no
       answer ``give_up_after_days`` after the interview: ``move_on`` even with
       follow-ups left.
    5. no answer and the next follow-up not yet welcome: ``wait`` until it is.
    6. otherwise ``follow_up``, due when the window opens (or
       ``min_gap_business_days`` after the last follow-up). An employer's answer
       never sends an interview back to ``wait``.

    Parameters
    ----------
    facts : DataFrame
        Interview facts from :func:`followup_kit.facts.facts`.
    today : date-like, optional
        The day the plan is for; defaults to the computer's date.
    policy : Policy, optional
        The playbook's numbers; defaults to ``Policy()``.

    Returns
    -------
    DataFrame
        ``interview_id``, ``action`` (Categorical), ``due`` (datetime64[us],
        missing when there is nothing to do), ``overdue`` (bool), ``reason``
        (str, one sentence with dates like "Thursday 28 May").
    """
    policy = policy or Policy()
    missing = [c for c in _PLAN_NEEDS if c not in facts.columns]
    if missing:
        raise FollowupKitError(
            f"plan needs interview facts; missing column(s) {', '.join(missing)}: "
            "build them with followup_kit.facts(candidates, interviews, events)")
    today_ = as_day(today)
    f = facts.reset_index(drop=True)
    countries = f["country"]
    held = _us(f["interview_date"])
    opens = _us(f["follow_up_opens"])
    last = _us(f["last_follow_up"])
    decided_on = _us(f["outcome_date"])
    sent_thanks = ~np.isnat(_us(f["thank_you_sent"]))
    n = f["follow_ups"].to_numpy(dtype=np.int64)
    answered = f["responded"].to_numpy(dtype=bool)
    outcome = np.asarray(OUTCOMES, dtype=object)[
        pd.Categorical(f["outcome"], categories=list(OUTCOMES)).codes]
    ghost = ghost_date(held, policy)
    next_slot = np.where(n == 0, opens,
                         np.maximum(opens, next_follow_up_from(last, countries, policy)))
    replied = ~np.isnat(_us(f["replied_on"]))
    too_late = today_ > reply_window_closes(decided_on, policy)
    used_up = n >= policy.max_follow_ups

    is_offer = (outcome == "offer") & ~replied
    unanswered_rejection = (outcome == "rejection") & ~replied
    is_rejection = unanswered_rejection & ~too_late
    let_go = unanswered_rejection & too_late
    # A decided interview has its outcome_date; offers and rejections still owed a reply are not closed.
    closed = ~np.isnat(decided_on) & ~is_offer & ~is_rejection
    open_ = ~(is_offer | is_rejection | closed)
    thank = open_ & ~sent_thanks & (n == 0) & ~answered & (today_ < opens)
    rest = open_ & ~thank
    give_up = give_up_date(held, policy)
    silent_too_long = rest & ~used_up & ~answered & (today_ >= give_up)
    move_on = (rest & used_up & ~answered & (today_ >= ghost)) | silent_too_long
    wait_ghost = rest & used_up & ~answered & ~move_on
    their_turn = rest & used_up & answered
    wait_slot = rest & ~used_up & ~answered & ~move_on & (today_ < next_slot)
    follow = rest & ~used_up & ~wait_slot & ~move_on

    masks = [thank, wait_ghost | wait_slot, follow, is_rejection, is_offer, move_on,
             closed | their_turn]
    code = np.select(masks, list(range(len(ACTIONS))), default=len(ACTIONS) - 1)
    due = np.select([thank, wait_ghost, silent_too_long, move_on, wait_slot | follow,
                     is_offer | is_rejection],
                    [_us(f["thank_you_due"]), ghost, give_up, ghost, next_slot,
                     reply_due(decided_on, policy)],
                    default=_NAT)
    # Only a letter or a reply has a deadline; an open follow-up window is a welcome, not a due date.
    overdue = (thank | is_offer | is_rejection) & (due < today_)

    reason = _reasons(f, policy, today_, due=due, n=n, overdue=overdue, variants={
        "thank": thank, "wait_promised": wait_slot & (n == 0) & f["promised_decision_date"].notna().to_numpy(),
        "wait_default": wait_slot & (n == 0) & f["promised_decision_date"].isna().to_numpy(),
        "wait_again": wait_slot & (n > 0), "wait_ghost": wait_ghost,
        "follow_first": follow & (n == 0) & ~answered, "follow_again": follow & (n > 0) & ~answered,
        "follow_answered": follow & answered, "offer": is_offer & ~too_late,
        "offer_lapsed": is_offer & too_late, "rejection": is_rejection, "too_late": let_go,
        "move_on": move_on & ~silent_too_long, "given_up": silent_too_long, "withdrawn": closed & (outcome == "withdrawn"),
        "replied": closed & (outcome != "withdrawn") & ~let_go, "their_turn": their_turn,
    })
    return pd.DataFrame({
        "interview_id": f["interview_id"].astype("str"),
        "action": pd.Categorical.from_codes(code, categories=list(ACTIONS)),
        "due": pd.Series(due, dtype="datetime64[us]"),
        "overdue": overdue,
        "reason": reason,
    })


_PLAN_NEEDS = ("interview_id", "candidate_id", "company", "role", "interviewer_name",
               "interview_date", "promised_decision_date", "thank_you_due", "thank_you_sent",
               "follow_up_opens", "follow_ups", "last_follow_up", "answered_on", "responded",
               "outcome", "outcome_date", "replied_on", "country")


def _reasons(f: pd.DataFrame, policy: Policy, today, *, due, n, overdue, variants) -> pd.Series:
    """One plain sentence per interview, built column-wise for each kind of situation."""
    def day(values) -> pd.Series:
        return human_dates(pd.Series(values), today=today)

    parts: list[tuple[np.ndarray, pd.Series]] = []

    def put(mask, build) -> None:
        if mask.any():
            rows = f.index[mask]
            parts.append((np.asarray(rows), build(rows)))

    due_s = pd.Series(due, index=f.index)
    name, company, role = f["interviewer_name"], f["company"], f["role"]

    def when(rows, word_before: str, word_after: str) -> pd.Series:
        # "from Friday 15 May" for a date ahead, "since Friday 15 May" for one that has passed.
        ahead = pd.Series(due[rows] > today, index=rows)
        return ahead.map({True: word_before, False: word_after}).astype("str") + " " + day(due_s.loc[rows])

    v = variants
    put(v["thank"], lambda r: "Your interview for " + role.loc[r] + " was on " + day(f["interview_date"].loc[r])
        + pd.Series(np.where(overdue[r], "; your thank-you email to ", "; send your thank-you email to "),
                    index=r)
        + name.loc[r] + pd.Series(np.where(overdue[r], " was due ", " by "), index=r) + day(due_s.loc[r])
        + pd.Series(np.where(overdue[r], ", so send it today.", "."), index=r))
    put(v["wait_promised"], lambda r: "Your interviewer said they would decide by "
        + day(f["promised_decision_date"].loc[r]) + "; follow up from " + day(due_s.loc[r])
        + " if you have not heard.")
    put(v["wait_default"], lambda r: "Employers often take a few weeks to decide; follow up from "
        + day(due_s.loc[r]) + " if you have not heard by then.")
    put(v["wait_again"], lambda r: "You followed up on " + day(f["last_follow_up"].loc[r])
        + "; give " + company.loc[r] + " until " + day(due_s.loc[r]) + " before you follow up again.")
    put(v["wait_ghost"], lambda r: "You have followed up " + _times(n[r]).set_axis(r)
        + " already; if " + company.loc[r] + " has not answered by " + day(due_s.loc[r]) + ", move on.")
    put(v["follow_first"], lambda r: "You have not heard since your interview on "
        + day(f["interview_date"].loc[r]) + "; " + when(r, "from", "since")
        + " you can ask " + name.loc[r] + " whether the " + role.loc[r] + " job is still open.")
    put(v["follow_again"], lambda r: "You followed up on " + day(f["last_follow_up"].loc[r])
        + " and have not heard; " + when(r, "from", "since") + " you can follow up once more with "
        + name.loc[r] + ".")
    put(v["follow_answered"], lambda r: company.loc[r] + " replied on " + day(f["answered_on"].loc[r])
        + " without a decision; " + when(r, "from", "since") + " you can ask " + name.loc[r]
        + " where things stand.")
    put(v["offer"], lambda r: company.loc[r] + " offered you the " + role.loc[r] + " job on "
        + day(f["outcome_date"].loc[r]) + "; reply to " + name.loc[r] + " by " + day(due_s.loc[r]) + ".")
    put(v["offer_lapsed"], lambda r: company.loc[r] + " offered you the " + role.loc[r] + " job on "
        + day(f["outcome_date"].loc[r]) + " and you have not answered; the offer may have lapsed, "
        "so contact " + name.loc[r] + " today.")
    put(v["rejection"], lambda r: company.loc[r] + " said no on " + day(f["outcome_date"].loc[r])
        + "; by " + day(due_s.loc[r]) + " thank " + name.loc[r]
        + " for their time and, if they seem open, ask for tips to improve.")
    put(v["too_late"], lambda r: "The answer from " + company.loc[r] + " came on "
        + day(f["outcome_date"].loc[r]) + "; it is too late for a reply to help now, "
        "so keep going with your other applications.")
    put(v["move_on"], lambda r: "No answer from " + company.loc[r] + " "
        + str(policy.ghost_after_days) + " days after your interview, and you followed up "
        + _times(n[r]).set_axis(r) + "; put your energy into your other applications.")
    put(v["given_up"], lambda r: "No answer from " + company.loc[r] + " in the "
        + str(policy.give_up_after_days) + " days since your interview on " + day(f["interview_date"].loc[r])
        + "; a follow-up this late rarely helps, so put your energy into your other applications.")
    put(v["withdrawn"], lambda r: "You withdrew on " + day(f["outcome_date"].loc[r])
        + "; nothing more to do.")
    put(v["replied"], lambda r: "You replied to " + company.loc[r] + " on " + day(f["replied_on"].loc[r])
        + "; nothing more to do.")
    put(v["their_turn"], lambda r: company.loc[r] + " has answered and you have followed up "
        + _times(n[r]).set_axis(r) + "; the next step is theirs.")
    # Each row is in exactly one situation: lay the pieces side by side and take them back in row order.
    texts = pa.concat_arrays([pa.array(t, type=pa.large_string()) for _, t in parts]
                             + [pa.array([""], type=pa.large_string())])
    total = sum(len(r) for r, _ in parts)
    where = np.full(len(f), total, dtype=np.int64)
    if parts:
        where[np.concatenate([r for r, _ in parts])] = np.arange(total)
    return pd.Series(texts.take(where), index=f.index, dtype="str")
