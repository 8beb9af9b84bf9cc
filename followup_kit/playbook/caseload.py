"""A coach's caseload: who needs them, across all their candidates, and for what.

:func:`caseload` reads the plan of many candidates and gives one row per
candidate with a step to take soon: overdue first (the longest overdue
first), then by the day the step is due. A step counts when

* it is overdue (a thank-you letter, or a reply to an offer or a rejection,
  past its day);
* or it is due within ``within_days`` of today: a letter or reply by its day,
  a follow-up from the day its window opens (still open, however long ago),
  a wait on the day it ends;
* a ``move_on`` counts in the ``within_days`` after its day only: it is said
  once, not every day after.

A candidate with nothing to do soon is not listed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import FollowupKitError
from .applications import plan_rows
from .next_steps import ACTIONS, plan

#: The caseload's columns, in order.
CASELOAD_COLUMNS = ("candidate_id", "name", "cohort", "coach", "action", "company", "role", "interview_id",
                    "due", "overdue", "steps_due", "last_note")


def due_soon(steps: pd.DataFrame, today, within_days: int) -> np.ndarray:
    """True for each plan row (``action``, ``due``, ``overdue``) that a coach should see on ``today``."""
    if within_days < 0:
        raise FollowupKitError(f"within_days: {within_days} is before today; give 0 or more days")
    day = np.datetime64(pd.Timestamp(today).normalize().to_datetime64(), "us")
    horizon = day + np.timedelta64(int(within_days), "D")
    due = steps["due"].to_numpy(dtype="datetime64[us]")
    action = steps["action"].astype("str").to_numpy()
    dated = ~np.isnat(due)
    by_then = dated & (due <= horizon)
    # Moving on is said in the days after the clock ran out, not every day from then on.
    recent = dated & (due >= day - np.timedelta64(int(within_days), "D"))
    said_once = (action == "move_on") & by_then & recent
    return (steps["overdue"].to_numpy(dtype=bool) | (by_then & (action != "move_on")) | said_once) \
        & (action != "none")


def caseload(facts: pd.DataFrame, candidates: pd.DataFrame, *, today, within_days: int = 7,
             coach: str | None = None, cohort: str | None = None,
             last_notes: pd.Series | None = None, steps: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per candidate with a step overdue or due within ``within_days`` days.

    Parameters
    ----------
    facts : DataFrame
        Interview facts (:func:`followup_kit.facts`) of the candidates to look at.
    candidates : DataFrame
        Their rows (``candidate_id``, ``name``, ``cohort`` and, when the store
        has it, ``coach``).
    today : date-like
        The day the coach looks; the facts should be built as of it.
    within_days : int
        How far ahead a step counts (default 7).
    coach, cohort : str, optional
        Only this coach's candidates (compared without case), only this cohort's.
    last_notes : Series, optional
        The day of each candidate's latest session note, indexed by ``candidate_id``.
    steps : DataFrame, optional
        ``plan(facts, today=today)`` when the caller already has it.

    Returns
    -------
    DataFrame
        :data:`CASELOAD_COLUMNS`: the candidate, their most urgent step
        (``action``, ``company``, ``role``, ``interview_id``, ``due``,
        ``overdue``), ``steps_due`` (how many of their steps count) and
        ``last_note`` (NaT without one). Overdue rows first, the longest
        overdue first; then by due day, then by name.

    Examples
    --------
    >>> from followup_kit import Store, facts
    >>> c, i, e = Store(":memory:").tables()
    >>> list(caseload(facts(c, i, e), c, today="2026-11-02").columns[:4])
    ['candidate_id', 'name', 'cohort', 'coach']
    """
    people = candidates.reset_index(drop=True)
    if "coach" not in people.columns:
        people = people.assign(coach=pd.Series([pd.NA] * len(people), dtype="str"))
    keep = np.ones(len(people), dtype=bool)
    if coach is not None:
        keep &= (people["coach"].str.casefold() == coach.strip().casefold()).fillna(False).to_numpy(dtype=bool)
    if cohort is not None:
        keep &= (people["cohort"] == cohort).fillna(False).to_numpy(dtype=bool)
    people = people.loc[keep]
    f = facts.loc[facts["candidate_id"].isin(people["candidate_id"])]
    if steps is None:
        steps = plan(f, today=today)
    else:
        steps = steps.loc[steps["interview_id"].isin(f["interview_id"])]
    rows = plan_rows(f)[["interview_id", "candidate_id", "company", "role"]]
    planned = steps[["interview_id", "action", "due", "overdue"]].merge(rows, on="interview_id", how="left")
    planned = planned.loc[due_soon(planned, today, within_days)]
    planned = planned.assign(not_overdue=~planned["overdue"]).sort_values(
        ["candidate_id", "not_overdue", "due"], kind="stable")
    counted = planned.groupby("candidate_id", sort=False).size().rename("steps_due")
    first = planned.drop_duplicates("candidate_id").set_index("candidate_id")
    out = people.set_index("candidate_id").loc[lambda p: p.index.isin(first.index),
                                               ["name", "cohort", "coach"]]
    out = out.join(first[["action", "company", "role", "interview_id", "due", "overdue"]]).join(counted)
    notes = last_notes if last_notes is not None else pd.Series(dtype="datetime64[us]")
    out["last_note"] = pd.Series(notes, dtype="datetime64[us]").reindex(out.index).to_numpy(dtype="datetime64[us]")
    out = out.reset_index().assign(not_overdue=lambda o: ~o["overdue"])
    out = out.sort_values(["not_overdue", "due", "name", "candidate_id"], kind="stable")
    out["action"] = pd.Categorical(out["action"].astype("str"), categories=list(ACTIONS))
    out["steps_due"] = out["steps_due"].astype(np.int64)
    return out.loc[:, list(CASELOAD_COLUMNS)].reset_index(drop=True)


def search_text(table: pd.DataFrame, candidates: pd.DataFrame | None = None,
                facts: pd.DataFrame | None = None) -> pd.Series:
    """What a search box matches in each caseload row: id, name, email and every company, folded.

    ``candidates`` gives the emails, ``facts`` every company a candidate has an
    application with (not only the one of their most urgent step). Build it once
    per caseload and give it to :func:`matching` on every keystroke.
    """
    ids = table["candidate_id"]
    text = ids + " " + table["name"].fillna("") + " " + table["company"].fillna("")
    if candidates is not None and "email" in candidates.columns:
        email = candidates.drop_duplicates("candidate_id").set_index("candidate_id")["email"]
        text = text + " " + email.reindex(ids).fillna("").to_numpy()
    if facts is not None and len(facts):
        theirs = facts.loc[facts["candidate_id"].isin(ids), ["candidate_id", "company"]].drop_duplicates()
        companies = theirs.groupby("candidate_id")["company"].agg(" ".join)
        text = text + " " + companies.reindex(ids).fillna("").to_numpy()
    return _folded(text).set_axis(table.index)


def matching(table: pd.DataFrame, text: str, haystack: pd.Series | None = None) -> pd.DataFrame:
    """The caseload rows that match what a coach typed: every word, in any order, anywhere.

    Case and accents do not matter ("zoe" finds Zoë); blank text matches every
    row. ``haystack`` is :func:`search_text` of the table (made here if not given).
    """
    words = _folded(pd.Series([text or ""], dtype="str")).iloc[0].split()
    if not words:
        return table
    haystack = search_text(table) if haystack is None else haystack
    hit = np.ones(len(table), dtype=bool)
    for word in words:
        hit &= haystack.str.contains(word, regex=False).to_numpy(dtype=bool)
    return table.loc[hit]


def _folded(values: pd.Series) -> pd.Series:
    """Text without case or accents, for matching what a coach types."""
    return (values.fillna("").astype("str").str.normalize("NFKD").str.encode("ascii", "ignore")
            .str.decode("ascii").str.casefold())
