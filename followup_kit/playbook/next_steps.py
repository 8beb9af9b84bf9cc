"""The next action for every interview, with its due date and a reason in plain words.

:func:`plan` reads the interview facts (:mod:`followup_kit.playbook.interview_facts`)
and picks, for each interview, the first step that applies; the dates it
needs come from the rules in :mod:`followup_kit.playbook.rules`.
"""

from __future__ import annotations

from dataclasses import fields
from types import SimpleNamespace

import numpy as np
import pandas as pd

from ..data.dates import as_day
from ..errors import FollowupKitError
from .applications import latest_rounds, waiting_for_next_round
from .policy import Policy
from .reasons import flags_and_advice, reasons
from .rules import (
    NAT,
    OUTCOMES,
    as_us,
    ghost_date,
    give_up_date,
    next_follow_up_from,
    reply_due,
    reply_window_closes,
)

ACTIONS = ("send_thank_you", "wait", "follow_up", "reply_to_rejection", "respond_to_offer",
           "move_on", "none")
#: The letter that carries out each step that has one.
LETTER_FOR = {"send_thank_you": "thank_you", "follow_up": "follow_up",
              "reply_to_rejection": "rejection_reply", "respond_to_offer": "offer_reply"}


def plan(facts: pd.DataFrame, today=None, policy: Policy | None = None) -> pd.DataFrame:
    """The next action for every application, with its due date and a plain reason.

    One line per application (see :mod:`followup_kit.data.rounds`): its latest
    round held speaks for it, named in the reason when there are several
    ("Your second interview at Kora Bank was on Monday 20 April. ..."). A
    round the employer answered with an invitation (``next_round``), or whose
    next round is known to be set, is never chased: its line says to
    ``wait`` until the next round's day and prepare for it; with no day
    logged, to log it once set, until ``give_up_after_days`` after the
    invitation, and then ``move_on``. A round's own thank-you comes first.

    Otherwise, the first that applies:

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
       ``ghost_after_days`` after ``waiting_since`` (the later of the interview
       and the promised date), then ``move_on``; with an answer but no decision:
       ``none`` (the next step is the employer's). With no answer
       ``give_up_after_days`` after ``waiting_since``: ``move_on`` even with
       follow-ups left. An answer without a decision keeps the interview open
       until ``give_up_after_days`` after the employer's last message, then
       ``move_on``. No clock runs out before the follow-up window opens, so an
       interview inside its promise (plus grace) is never told to move on.
    5. no answer and the next follow-up not yet welcome: ``wait`` until it is.
    6. otherwise ``follow_up``, due when the window opens (or
       ``min_gap_business_days`` after the last follow-up). An employer's answer
       never sends an interview back to ``wait``.

    The facts carry the :class:`Policy` they were built with, and the plan
    uses it: the due dates, flags and outcomes in the facts were fixed by it,
    so a plan under other numbers would mix two playbooks. To plan with other
    numbers, build the facts with them: ``plan(facts(..., policy=p), today)``.
    Giving a ``policy`` that differs from the facts' one is an error, and so
    is giving none for facts that no longer carry theirs: pandas drops
    ``DataFrame.attrs`` when frames are merged, joined or concatenated with
    others, and the plan never guesses the default in their place.

    Each reason ends with the warnings that apply, said as advice: a
    follow-up sent before the window opened (``early``), too many or too close
    together (``pushy``), or to someone other than the interviewer
    (``not_interviewer``); ``flags`` names them, comma-separated.

    Parameters
    ----------
    facts : DataFrame
        Interview facts from :func:`followup_kit.facts`.
    today : date-like, optional
        The day the plan is for; defaults to the computer's date.
    policy : Policy, optional
        Only to state the numbers expected: it must equal the policy the facts
        were built with (default: that one). Required for facts that do not
        say (their ``attrs`` were lost, or they were built by other code).

    Returns
    -------
    DataFrame
        ``interview_id`` (the latest round's), ``round`` and ``rounds`` (the
        rounds of its application known that day), ``action`` (Categorical), ``due`` (datetime64[us],
        missing when there is nothing to do), ``overdue`` (bool), ``reason``
        (str, sentences with dates like "Thursday 28 May") and ``flags`` (str:
        ``early``, ``pushy``, ``not_interviewer``, comma-separated, or empty).

    Examples
    --------
    >>> from followup_kit import Store, facts
    >>> f = facts(*Store(":memory:").tables(), as_of="2026-11-01", policy=Policy(max_follow_ups=1))
    >>> list(plan(f, today="2026-11-01").columns)
    ['interview_id', 'round', 'rounds', 'action', 'due', 'overdue', 'reason', 'flags']
    >>> plan(f, today="2026-11-01", policy=Policy())
    Traceback (most recent call last):
    ...
    followup_kit.errors.FollowupKitError: these facts were built with max_follow_ups=1, not max_follow_ups=2: build them again with facts(..., policy=...) to plan with other numbers
    """
    missing = [c for c in _PLAN_NEEDS if c not in facts.columns]
    if missing:
        raise FollowupKitError(
            f"plan needs interview facts; missing column(s) {', '.join(missing)}: "
            "build them with followup_kit.facts(candidates, interviews, events)")
    policy = _facts_policy(facts, policy)
    today_ = as_day(today)
    # One line per application: its latest round held speaks for it.
    f = facts.reset_index(drop=True)
    f = f.loc[latest_rounds(f)].reset_index(drop=True)
    s = _situations(f, policy, today_)
    code, due, overdue = _steps(s, f, policy, today_)
    reason = reasons(f, policy, today_, due=due, n=s.n, overdue=overdue, variants=_variants(s, f))
    flags, advice = flags_and_advice(f, policy, today_, now=s.thank | s.wait_ghost | s.wait_slot | s.follow)
    return pd.DataFrame({
        "interview_id": f["interview_id"].astype("str"),
        "round": f["round"].to_numpy(dtype=np.int64),
        "rounds": f["rounds"].to_numpy(dtype=np.int64),
        "action": pd.Categorical.from_codes(code, categories=list(ACTIONS)),
        "due": pd.Series(due, dtype="datetime64[us]"),
        "overdue": overdue,
        "reason": (reason + advice).astype("str"),
        "flags": flags,
    })


def _situations(f: pd.DataFrame, policy: Policy, today) -> SimpleNamespace:
    """Which situation of :func:`plan`'s list each interview is in, and the dates those need."""
    s = SimpleNamespace()
    since = as_us(f["waiting_since"])
    opens = as_us(f["follow_up_opens"])
    s.decided_on = as_us(f["outcome_date"])
    sent_thanks = ~np.isnat(as_us(f["thank_you_sent"]))
    s.n = n = f["follow_ups"].to_numpy(dtype=np.int64)
    s.answered = answered = f["responded"].to_numpy(dtype=bool)
    s.outcome = np.asarray(OUTCOMES, dtype=object)[
        pd.Categorical(f["outcome"], categories=list(OUTCOMES)).codes]
    s.ghost = ghost_date(since, opens, policy)
    s.next_slot = np.where(n == 0, opens,
                           np.maximum(opens, next_follow_up_from(as_us(f["last_follow_up"]), f["country"], policy)))
    replied = ~np.isnat(as_us(f["replied_on"]))
    s.too_late = today > reply_window_closes(s.decided_on, policy)
    used_up = n >= policy.max_follow_ups

    s.is_offer = (s.outcome == "offer") & ~replied
    unanswered_rejection = (s.outcome == "rejection") & ~replied
    s.is_rejection = unanswered_rejection & ~s.too_late
    s.let_go = unanswered_rejection & s.too_late
    # An invited round, or one whose next round is set, waits for that round; it is never chased.
    s.awaiting = waiting_for_next_round(f)
    s.invited = s.outcome == "next_round"
    s.next_date = as_us(f["next_round_date"])
    # A decided interview has its outcome_date; offers and rejections still owed a reply are not closed.
    s.closed = ~np.isnat(s.decided_on) & ~s.is_offer & ~s.is_rejection & ~s.awaiting
    open_ = ~(s.is_offer | s.is_rejection | s.closed)
    # Every round has its own thank-you, an invitation the day after or not.
    s.thank = open_ & ~sent_thanks & (n == 0) & (~answered | s.awaiting) & (today < opens)
    s.prepare = s.awaiting & ~s.thank & ~np.isnat(s.next_date)
    no_date = s.awaiting & ~s.thank & np.isnat(s.next_date)
    s.invite_closes = give_up_date(s.decided_on, s.decided_on, policy)
    s.log_date = no_date & (today < s.invite_closes)
    s.invite_lapsed = no_date & ~s.log_date
    rest = open_ & ~s.thank & ~s.awaiting
    s.give_up = give_up_date(since, opens, policy)
    s.give_up_answered = give_up_date(since, opens, policy, f["last_heard"])
    s.silent_too_long = rest & ~used_up & ~answered & (today >= s.give_up)
    s.no_decision = rest & answered & (today >= s.give_up_answered)
    s.move_on = (rest & used_up & ~answered & (today >= s.ghost)) | s.silent_too_long | s.no_decision
    s.wait_ghost = rest & used_up & ~answered & ~s.move_on
    s.their_turn = rest & used_up & answered & ~s.no_decision
    s.wait_slot = rest & ~used_up & ~answered & ~s.move_on & (today < s.next_slot)
    s.follow = rest & ~used_up & ~s.wait_slot & ~s.move_on
    return s


def _steps(s: SimpleNamespace, f: pd.DataFrame, policy: Policy, today) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each interview's action (its code in :data:`ACTIONS`), due date and whether it is overdue."""
    masks = [s.thank, s.wait_ghost | s.wait_slot | s.prepare | s.log_date, s.follow, s.is_rejection,
             s.is_offer, s.move_on | s.invite_lapsed, s.closed | s.their_turn]
    code = np.select(masks, list(range(len(ACTIONS))), default=len(ACTIONS) - 1)
    due = np.select([s.thank, s.wait_ghost, s.silent_too_long, s.no_decision, s.move_on,
                     s.wait_slot | s.follow, s.is_offer | s.is_rejection, s.prepare,
                     s.log_date | s.invite_lapsed],
                    [as_us(f["thank_you_due"]), s.ghost, s.give_up, s.give_up_answered, s.ghost,
                     s.next_slot, reply_due(s.decided_on, policy), s.next_date, s.invite_closes],
                    default=NAT)
    # Only a letter or a reply has a deadline; an open follow-up window is a welcome, not a due date.
    overdue = (s.thank | s.is_offer | s.is_rejection) & (due < today)
    return code, due, overdue


def _variants(s: SimpleNamespace, f: pd.DataFrame) -> dict[str, np.ndarray]:
    """The situations the reasons are worded for, one mask each."""
    n, answered = s.n, s.answered
    promised = f["promised_decision_date"].notna().to_numpy()
    return {
        "thank": s.thank, "wait_promised": s.wait_slot & (n == 0) & promised,
        "wait_default": s.wait_slot & (n == 0) & ~promised,
        "wait_again": s.wait_slot & (n > 0), "wait_ghost": s.wait_ghost,
        "follow_first": s.follow & (n == 0) & ~answered, "follow_again": s.follow & (n > 0) & ~answered,
        "follow_answered": s.follow & answered, "offer": s.is_offer & ~s.too_late,
        "offer_lapsed": s.is_offer & s.too_late, "rejection": s.is_rejection, "too_late": s.let_go,
        "move_on": s.move_on & ~s.silent_too_long & ~s.no_decision, "given_up": s.silent_too_long,
        "no_decision": s.no_decision, "withdrawn": s.closed & (s.outcome == "withdrawn"),
        "replied": s.closed & (s.outcome != "withdrawn") & ~s.let_go, "their_turn": s.their_turn,
        "prepare_invited": s.prepare & s.invited, "prepare_set": s.prepare & ~s.invited,
        "log_date": s.log_date, "invite_lapsed": s.invite_lapsed,
    }


def _facts_policy(facts: pd.DataFrame, policy: Policy | None) -> Policy:
    """The policy the facts were built with; an error if ``policy`` says otherwise, or if neither says."""
    built = facts.attrs.get("policy") if isinstance(facts, pd.DataFrame) else None
    if policy is None:
        if not isinstance(built, Policy):
            raise FollowupKitError(
                "these facts do not say which Policy they were built with (pandas drops "
                "DataFrame.attrs when frames are merged, joined or concatenated with others): "
                "give plan(..., policy=...) the one they were built with, Policy() for the defaults")
        return built
    if isinstance(built, Policy) and built != policy:
        differ = [f.name for f in fields(Policy) if getattr(built, f.name) != getattr(policy, f.name)]
        raise FollowupKitError(
            "these facts were built with "
            + ", ".join(f"{n}={getattr(built, n)!r}" for n in differ) + ", not "
            + ", ".join(f"{n}={getattr(policy, n)!r}" for n in differ)
            + ": build them again with facts(..., policy=...) to plan with other numbers")
    return policy


_PLAN_NEEDS = ("interview_id", "application_id", "round", "rounds", "next_round_date", "candidate_id",
               "company", "role", "interviewer_name", "interview_date", "promised_decision_date", "thank_you_due", "thank_you_sent",
               "follow_up_opens", "follow_ups", "early_follow_ups", "last_follow_up", "pushy",
               "not_interviewer", "answered_on", "responded", "outcome", "outcome_date",
               "replied_on", "waiting_since", "last_heard", "closest_follow_ups_days", "country")
