"""The next action for every interview, with its due date and a reason in plain words.

:func:`plan` reads the interview facts (:mod:`followup_kit.playbook.interview_facts`)
and picks, for each interview, the first step that applies; the dates it
needs come from the rules in :mod:`followup_kit.playbook.rules`.
"""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pandas as pd
import pyarrow as pa

from ..data.dates import as_day
from ..errors import FollowupKitError
from ..words import human_dates, number_words, times_words
from .policy import Policy
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
#: The warnings a plan row can carry in ``flags``, in the order they are said.
FLAGS = ("early", "pushy", "not_interviewer")


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
        ``interview_id``, ``action`` (Categorical), ``due`` (datetime64[us],
        missing when there is nothing to do), ``overdue`` (bool), ``reason``
        (str, sentences with dates like "Thursday 28 May") and ``flags`` (str:
        ``early``, ``pushy``, ``not_interviewer``, comma-separated, or empty).

    Examples
    --------
    >>> from followup_kit import Store, facts
    >>> f = facts(*Store(":memory:").tables(), as_of="2026-11-01", policy=Policy(max_follow_ups=1))
    >>> list(plan(f, today="2026-11-01").columns)
    ['interview_id', 'action', 'due', 'overdue', 'reason', 'flags']
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
    f = facts.reset_index(drop=True)
    countries = f["country"]
    since = as_us(f["waiting_since"])
    opens = as_us(f["follow_up_opens"])
    last = as_us(f["last_follow_up"])
    decided_on = as_us(f["outcome_date"])
    sent_thanks = ~np.isnat(as_us(f["thank_you_sent"]))
    n = f["follow_ups"].to_numpy(dtype=np.int64)
    answered = f["responded"].to_numpy(dtype=bool)
    outcome = np.asarray(OUTCOMES, dtype=object)[
        pd.Categorical(f["outcome"], categories=list(OUTCOMES)).codes]
    ghost = ghost_date(since, opens, policy)
    next_slot = np.where(n == 0, opens,
                         np.maximum(opens, next_follow_up_from(last, countries, policy)))
    replied = ~np.isnat(as_us(f["replied_on"]))
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
    give_up = give_up_date(since, opens, policy)
    give_up_answered = give_up_date(since, opens, policy, f["last_heard"])
    silent_too_long = rest & ~used_up & ~answered & (today_ >= give_up)
    no_decision = rest & answered & (today_ >= give_up_answered)
    move_on = (rest & used_up & ~answered & (today_ >= ghost)) | silent_too_long | no_decision
    wait_ghost = rest & used_up & ~answered & ~move_on
    their_turn = rest & used_up & answered & ~no_decision
    wait_slot = rest & ~used_up & ~answered & ~move_on & (today_ < next_slot)
    follow = rest & ~used_up & ~wait_slot & ~move_on

    masks = [thank, wait_ghost | wait_slot, follow, is_rejection, is_offer, move_on,
             closed | their_turn]
    code = np.select(masks, list(range(len(ACTIONS))), default=len(ACTIONS) - 1)
    due = np.select([thank, wait_ghost, silent_too_long, no_decision, move_on, wait_slot | follow,
                     is_offer | is_rejection],
                    [as_us(f["thank_you_due"]), ghost, give_up, give_up_answered, ghost, next_slot,
                     reply_due(decided_on, policy)],
                    default=NAT)
    # Only a letter or a reply has a deadline; an open follow-up window is a welcome, not a due date.
    overdue = (thank | is_offer | is_rejection) & (due < today_)

    reason = _reasons(f, policy, today_, due=due, n=n, overdue=overdue, variants={
        "thank": thank, "wait_promised": wait_slot & (n == 0) & f["promised_decision_date"].notna().to_numpy(),
        "wait_default": wait_slot & (n == 0) & f["promised_decision_date"].isna().to_numpy(),
        "wait_again": wait_slot & (n > 0), "wait_ghost": wait_ghost,
        "follow_first": follow & (n == 0) & ~answered, "follow_again": follow & (n > 0) & ~answered,
        "follow_answered": follow & answered, "offer": is_offer & ~too_late,
        "offer_lapsed": is_offer & too_late, "rejection": is_rejection, "too_late": let_go,
        "move_on": move_on & ~silent_too_long & ~no_decision, "given_up": silent_too_long,
        "no_decision": no_decision, "withdrawn": closed & (outcome == "withdrawn"),
        "replied": closed & (outcome != "withdrawn") & ~let_go, "their_turn": their_turn,
    })
    flags, advice = _warnings(f, policy, today_, now=thank | wait_ghost | wait_slot | follow)
    return pd.DataFrame({
        "interview_id": f["interview_id"].astype("str"),
        "action": pd.Categorical.from_codes(code, categories=list(ACTIONS)),
        "due": pd.Series(due, dtype="datetime64[us]"),
        "overdue": overdue,
        "reason": (reason + advice).astype("str"),
        "flags": flags,
    })


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


def _warnings(f: pd.DataFrame, policy: Policy, today, *, now: np.ndarray) -> tuple[pd.Series, pd.Series]:
    """The ``flags`` column, and the advice each flag adds to the reason (with a leading space).

    ``now`` marks the interviews still waiting on the candidate's patience (wait,
    follow up, thank): the advice is about the next message; for the others it
    is for next time. Only the rows with a warning are written; the rest get "".
    """
    rows = len(f)
    early = f["early_follow_ups"].to_numpy(dtype=np.int64) > 0
    pushy = f["pushy"].to_numpy(dtype=bool)
    elsewhere = f["not_interviewer"].to_numpy(dtype=bool)
    # Each combination of the three flags is one text: eight at most, and no loop over rows.
    combo = early.astype(np.int64) * 4 + pushy.astype(np.int64) * 2 + elsewhere.astype(np.int64)
    names = np.array([", ".join(flag for flag, bit in zip(FLAGS, (4, 2, 1), strict=True) if c & bit)
                      for c in range(8)], dtype=object)
    flags = pd.Series(names[combo], dtype="str")
    advice = np.full(rows, "", dtype=object)
    warned = np.flatnonzero(combo > 0)
    if len(warned):
        advice[warned] = _advice(f.iloc[warned], policy, today, now=now[warned],
                                 early=early[warned], pushy=pushy[warned],
                                 elsewhere=elsewhere[warned]).to_numpy(dtype=object)
    return flags, pd.Series(advice, dtype="str")


def _advice(f: pd.DataFrame, policy: Policy, today, *, now: np.ndarray, early: np.ndarray,
            pushy: np.ndarray, elsewhere: np.ndarray) -> pd.Series:
    """The advice of each warned interview's flags, said as what to do instead."""
    rows = len(f)
    n = f["follow_ups"].to_numpy(dtype=np.int64)
    name = f["interviewer_name"].astype("str").reset_index(drop=True)

    def where(mask, text: pd.Series) -> pd.Series:
        return text.where(pd.Series(mask), "")

    opens = human_dates(f["follow_up_opens"].reset_index(drop=True), today=today)
    n_early = number_words(f["early_follow_ups"].to_numpy(dtype=np.int64))
    early_text = where(early, pd.Series(np.where(
        f["early_follow_ups"].to_numpy(dtype=np.int64) == 1, " Your follow-up came before ",
        " " + n_early.str.capitalize() + " of your follow-ups came before "), dtype="str")
        + opens + pd.Series(np.where(now, ", when a follow-up first looked patient; "
                                     "wait for the date the plan gives before you write again.",
                                     ", when a follow-up first looked patient; next time, wait for "
                                     "the date the plan gives."), dtype="str"))
    gap = f["closest_follow_ups_days"].astype("Int64").fillna(0).to_numpy(dtype=np.int64)
    too_many = n > policy.max_follow_ups
    then = pd.Series(np.where(now, "; give ", "; next time, give "), dtype="str")
    pushy_text = where(pushy & too_many, " You have followed up " + times_words(n) + ", more than the "
                       + number_words(np.full(rows, policy.max_follow_ups)) + " the playbook suggests"
                       + then + name + " time to answer.")
    days = pd.Series(np.where(gap == 1, "1 day", pd.Series(gap).astype(str) + " days"), dtype="str")
    pushy_text = pushy_text + where(pushy & ~too_many, " Two of your follow-ups were only " + days
                                    + " apart, closer than the " + str(policy.min_gap_business_days)
                                    + " working days the playbook suggests" + then + name
                                    + " time to answer.")
    elsewhere_text = where(elsewhere, " Your follow-up went to someone other than " + name
                           + "; write to " + name + ", who interviewed you.")
    return (early_text + pushy_text + elsewhere_text).astype("str")


_PLAN_NEEDS = ("interview_id", "candidate_id", "company", "role", "interviewer_name",
               "interview_date", "promised_decision_date", "thank_you_due", "thank_you_sent",
               "follow_up_opens", "follow_ups", "early_follow_ups", "last_follow_up", "pushy",
               "not_interviewer", "answered_on", "responded", "outcome", "outcome_date",
               "replied_on", "waiting_since", "last_heard", "closest_follow_ups_days", "country")


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
    put(v["wait_ghost"], lambda r: "You have followed up " + times_words(n[r]).set_axis(r)
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
    promised = f["promised_decision_date"].notna()

    def since(rows) -> pd.Series:
        # The clocks run from the employer's own date when they gave one.
        return pd.Series(np.where(promised.loc[rows], "the date they gave you, ", "your interview on "),
                         index=rows, dtype="str") + day(f["waiting_since"].loc[rows])

    put(v["move_on"], lambda r: "No answer from " + company.loc[r] + " "
        + str(policy.ghost_after_days) + " days after " + since(r) + ", and you followed up "
        + times_words(n[r]).set_axis(r) + "; put your energy into your other applications.")
    put(v["given_up"], lambda r: "No answer from " + company.loc[r] + " in the "
        + str(policy.give_up_after_days) + " days since " + since(r)
        + "; a follow-up this late rarely helps, so put your energy into your other applications.")
    put(v["no_decision"], lambda r: company.loc[r] + " last wrote on " + day(f["last_heard"].loc[r])
        + " without a decision, and " + str(policy.give_up_after_days)
        + " days have passed since; take it that the job has gone and put your energy into your "
        "other applications.")
    put(v["withdrawn"], lambda r: "You withdrew on " + day(f["outcome_date"].loc[r])
        + "; nothing more to do.")
    put(v["replied"], lambda r: "You replied to " + company.loc[r] + " on " + day(f["replied_on"].loc[r])
        + "; nothing more to do.")
    put(v["their_turn"], lambda r: company.loc[r] + " has answered and you have followed up "
        + times_words(n[r]).set_axis(r) + "; the next step is theirs.")
    # Each row is in exactly one situation: lay the pieces side by side and take them back in row order.
    texts = pa.concat_arrays([pa.array(t, type=pa.large_string()) for _, t in parts]
                             + [pa.array([""], type=pa.large_string())])
    total = sum(len(r) for r, _ in parts)
    where = np.full(len(f), total, dtype=np.int64)
    if parts:
        where[np.concatenate([r for r, _ in parts])] = np.arange(total)
    return pd.Series(texts.take(where), index=f.index, dtype="str")
