"""The words of a plan: each interview's reason, and the advice its warnings add.

:func:`reasons` says, for each situation :func:`~followup_kit.playbook.plan`
finds, what to do and why, with the dates it needs; :func:`flags_and_advice` names the
flags of each interview and says each one as advice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from ..words import human_dates, number_words, round_words, times_words
from .policy import Policy

#: The warnings a plan row can carry in ``flags``, in the order they are said.
FLAGS = ("early", "pushy", "not_interviewer")


def reasons(f: pd.DataFrame, policy: Policy, today, *, due, n, overdue, variants) -> pd.Series:
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
    # An application of several rounds names the round its line speaks of.
    several = f["rounds"].to_numpy(dtype=np.int64) > 1

    def this_round(rows) -> pd.Series:
        return round_words(f["round"].loc[rows]).set_axis(rows)

    def next_round(rows) -> pd.Series:
        return round_words(f["round"].loc[rows] + 1).set_axis(rows)

    def your(rows) -> pd.Series:
        # "Your interview for Clerk", or "Your second interview for Clerk at Acme" among several.
        return pd.Series(np.where(several[rows], "Your " + this_round(rows) + " for " + role.loc[rows]
                                  + " at " + company.loc[rows], "Your interview for " + role.loc[rows]),
                         index=rows, dtype="str")

    put(v["thank"], lambda r: your(r) + " was on " + day(f["interview_date"].loc[r])
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

    def since_your(rows) -> pd.Series:
        return pd.Series(np.where(several[rows], "your " + this_round(rows), "your interview"), index=rows,
                         dtype="str")

    put(v["follow_first"], lambda r: "You have not heard since " + since_your(r) + " on "
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
    put(v["prepare_invited"], lambda r: company.loc[r] + " invited you to a " + next_round(r) + ", on "
        + day(due_s.loc[r]) + "; prepare for it: read the job description and your notes from the "
        + this_round(r) + " again.")
    put(v["prepare_set"], lambda r: "Your " + next_round(r) + " at " + company.loc[r] + " is on "
        + day(due_s.loc[r]) + "; prepare for it: read the job description and your notes from the "
        + this_round(r) + " again.")
    put(v["log_date"], lambda r: company.loc[r] + " invited you to a " + next_round(r) + " on "
        + day(f["outcome_date"].loc[r]) + "; log its date once it is set. If no date is set by "
        + day(due_s.loc[r]) + ", put your energy into your other applications.")
    put(v["invite_lapsed"], lambda r: company.loc[r] + " invited you to a " + next_round(r) + " on "
        + day(f["outcome_date"].loc[r]) + ", and no date has come in the " + str(policy.give_up_after_days)
        + " days since; put your energy into your other applications.")
    # Each row is in exactly one situation: lay the pieces side by side and take them back in row order.
    named = {"thank", "follow_first", "prepare_invited", "prepare_set", "log_date", "invite_lapsed"}
    lead = np.zeros(len(f), dtype=bool)
    for name, mask in v.items():
        if name not in named:
            lead |= mask
    lead &= several
    texts = pa.concat_arrays([pa.array(t, type=pa.large_string()) for _, t in parts]
                             + [pa.array([""], type=pa.large_string())])
    total = sum(len(r) for r, _ in parts)
    where = np.full(len(f), total, dtype=np.int64)
    if parts:
        where[np.concatenate([r for r, _ in parts])] = np.arange(total)
    out = pd.Series(texts.take(where), index=f.index, dtype="str")
    if lead.any():
        rows = f.index[lead]
        out.loc[rows] = ("Your " + this_round(rows) + " at " + company.loc[rows] + " was on "
                         + day(f["interview_date"].loc[rows]) + ". " + out.loc[rows])
    return out


def flags_and_advice(f: pd.DataFrame, policy: Policy, today, *, now: np.ndarray) -> tuple[pd.Series, pd.Series]:
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

