"""Count tables kept in the store, so the cohort report and the patience meter read aggregates.

A programme's report starts from a few small count tables (per cohort and
day; per cohort; per cohort and thank-you timing; per round and per round and day). Building them means
reading every row and building every interview's facts: seconds for a million
interviews, too slow for a page view. :func:`cohort_counts` keeps them in the
store (:meth:`~followup_kit.Store.save_counts`) with what they were built
from, and brings them up to date when that changes:

* the **data** (:meth:`~followup_kit.Store.data_state`): the candidates whose
  rows changed are read again and their interviews' facts replace the old ones
  (the cache keeps one small row per interview for this); when the store
  cannot say who changed, or too many did, everything is read again;
* the **day** the facts describe, the **policy**, or the **code** that builds
  facts and counts (:func:`code_version`): everything is built again.

The count tables are the same, table for table, as ``count(facts(...))``
gives on the whole programme; the tests check it after imports, logged
events, corrections, deletions and on a new day.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import import_module, metadata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..data import dates, lookup, rounds, tables, typed_frames
from ..data.dates import as_day
from ..data.lookup import positions
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook import business_days, cohort_order, interview_facts, rules
from ..playbook import policy as policy_module
from ..playbook.cohort_order import cohorts_in_order
from ..playbook.interview_facts import facts
from ..playbook.policy import Policy
from . import cohort_tables, counts, per_application
from .cohort_tables import COHORT_QUESTIONS, PARTS, CohortCounts, count_cohorts
from .counts import question_columns
from .per_application import with_application_columns
from .report import REPORT_GROUPINGS, cohort_report_from_counts
from .survival import chance_from_curve, curve_from_counts

#: The columns of the interview facts the count tables are built from, kept per interview, with
#: each application's part (:mod:`~followup_kit.stats.per_application`) on its rows: an
#: application never spans two candidates, so a changed candidate's rows replace theirs whole.
ROW_COLUMNS = list(dict.fromkeys(["candidate_id", "interview_date", "thank_you_timing", "response_days",
                                  "responded", *question_columns(COHORT_QUESTIONS)]))
#: The parts that hold one row per interview or candidate (dropped when a candidate is deleted).
PER_CANDIDATE = ("interviews", "candidates")
#: A refresh reads only the changed candidates' rows while they are at most this share of all
#: candidates; past it, one read of everything is quicker than many small ones.
INCREMENTAL_SHARE = 0.2

if TYPE_CHECKING:
    from tqdm import tqdm

# Modules whose code decides a count: a change to any of them makes every cache stale.
_BUILDERS = (tables, typed_frames, dates, lookup, business_days, rules, policy_module, cohort_order,
             interview_facts, import_module("followup_kit.playbook.applications"), counts, per_application,
             cohort_tables, rounds)


@cache
def code_version() -> str:
    """A fingerprint of the code that builds facts and counts, and of the holiday calendars.

    Returns
    -------
    str
        Changes whenever a rule, a count or a public-holiday calendar changes.
    """
    # The installed version, read without importing the package (a served page never needs it).
    digest = hashlib.sha256(metadata.version("holidays").encode())
    for path in (*(module.__file__ for module in _BUILDERS), __file__):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def _fingerprint(policy: Policy) -> str:
    return hashlib.sha256(repr(policy).encode()).hexdigest()[:12]


def _aggregates(rows: pd.DataFrame, candidates: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The count tables from the kept rows, as ``count(facts(...))`` builds them."""
    cohorts = candidates["cohort"].reset_index(drop=True)
    cpos = positions(rows["candidate_id"], candidates["candidate_id"])
    frame = rows.reset_index(drop=True).assign(
        cohort=cohorts_in_order(cohorts, cpos, rows["interview_date"].to_numpy(dtype="datetime64[us]")))
    return count_cohorts(frame, as_of=None).parts()


def _result(frames: dict[str, pd.DataFrame], day, state: str, current: bool) -> CohortCounts:
    return CohortCounts.from_parts(frames, day, state, current)


def _kept_day(key: str) -> np.datetime64:
    """The day a cache key names."""
    return np.datetime64(key.split("; ")[0][len("as_of="):], "us")


def _name(policy: Policy) -> str:
    """The name a policy's count tables are kept under."""
    return f"cohorts/{_fingerprint(policy)}"


def kept_day(store: Store, policy: Policy | None = None) -> np.datetime64 | None:
    """The day the count tables kept in the store for ``policy`` describe, or None when none are kept.

    Parameters
    ----------
    store : Store
    policy : Policy, optional
        Default ``Policy()``, the one ``followup-kit serve`` and ``report`` use.

    Returns
    -------
    numpy.datetime64 or None
    """
    kept = store.load_counts(_name(policy or Policy()), PARTS)
    return None if kept is None else _kept_day(kept.key)


def cohort_counts(store: Store, as_of=None, policy: Policy | None = None, *, stale_ok: bool = False,
                  build: bool = True, progress: bool = False) -> CohortCounts:
    """The programme's count tables by cohort, from the store's cache, brought up to date.

    Parameters
    ----------
    store : Store
        The store; when it is open for writing, tables built or brought up to
        date are kept in it for the next reader.
    as_of : date-like, optional
        The day the facts describe; default today.
    policy : Policy, optional
        The playbook's numbers; default ``Policy()``. Each policy has a cache of its own.
    stale_ok : bool
        Return the kept tables even when the data changed since they were
        built or the day moved on (never tables of a later day), so a page
        view never builds a programme's facts; ``current`` then says which.
        When nothing is kept, the tables are built all the same.
    build : bool
        Build the tables when none kept will do, reading every candidate's
        rows. False returns only kept tables and raises ``FollowupKitError``
        when there are none: a served page passes it, so that it never reads
        another candidate's rows.
    progress : bool
        Show progress bars while tables are built.

    Returns
    -------
    CohortCounts
    """
    policy = policy or Policy()
    day = as_day(as_of)
    name = _name(policy)
    key = f"as_of={np.datetime_as_string(day, unit='D')}; code={code_version()}"
    with store.snapshot():
        state = store.data_state()
        kept = store.load_counts(name, PARTS)
    kept_day = _kept_day(kept.key) if kept is not None else None
    if kept is not None:
        if kept.key == key and kept.state == state:
            return _result(kept.frames, day, state, current=True)
        if stale_ok and kept.key.endswith(f"code={code_version()}") and kept_day <= day:
            return _result(kept.frames, kept_day, kept.state, current=False)
    if not build:
        raise FollowupKitError(
            f"{store.path}: no cohort counts kept for {np.datetime_as_string(day, unit='D')} or before "
            "by this version of followup_kit; 'followup-kit serve' and 'report' build them")
    from tqdm.auto import tqdm

    with tqdm(total=4, desc="cohort counts", unit="step", disable=not progress, leave=False) as bar:
        frames = None
        if kept is not None and kept.key == key:
            frames = _brought_up_to_date(store, name, kept.state, day, policy, bar)
        if frames is None:
            frames = _built_whole(store, day, policy, bar, progress)
        bar.set_postfix_str("counting")
        state = frames.pop("state")
        frames.update(_aggregates(frames["interviews"], frames["candidates"]))
        bar.update()
        # A look back at an earlier day is not kept: it would push out the current day's tables.
        if not store.readonly and (kept_day is None or kept_day <= day):
            bar.set_postfix_str("keeping them in the store")
            store.save_counts(name, frames, key=key, state=state, per_candidate=PER_CANDIDATE)
        bar.update()
    return _result(frames, day, state, current=True)


def _built_whole(store: Store, day, policy: Policy, bar: tqdm, progress: bool) -> dict:
    bar.set_postfix_str("reading every row")
    with store.snapshot():
        state = store.data_state()
        candidates, interviews, events = store.tables(progress=progress)
    bar.update()
    bar.set_postfix_str("building the interview facts")
    f = facts(candidates, interviews, events, as_of=day, policy=policy)
    bar.update()
    return {"state": state, "interviews": kept_rows(f),
            "candidates": candidates[["candidate_id", "cohort"]]}


def kept_rows(f: pd.DataFrame) -> pd.DataFrame:
    """The facts' columns the cache keeps per interview, the application columns worked out."""
    return with_application_columns(f, ROW_COLUMNS)[ROW_COLUMNS]


def _brought_up_to_date(store: Store, name: str, since: str, day, policy: Policy, bar: tqdm) -> dict | None:
    """The kept rows with the changed candidates' rows built again, or None when that does not pay."""
    kept = store.load_counts(name, PER_CANDIDATE)
    if kept is None or kept.state != since:
        return None
    old_rows, old_candidates = kept.frames["interviews"], kept.frames["candidates"]
    bar.set_postfix_str("reading the candidates who changed")
    with store.snapshot():
        state = store.data_state()
        changed = store.changed_candidates(since)
        if changed is None or len(changed) > INCREMENTAL_SHARE * max(len(old_candidates), 1):
            return None
        candidates, interviews, events = store.tables(changed.tolist())
    bar.update()
    bar.set_postfix_str("building their interview facts")
    f = facts(candidates, interviews, events, as_of=day, policy=policy)
    bar.update()
    stay = ~old_rows["candidate_id"].isin(changed)
    stay_candidates = ~old_candidates["candidate_id"].isin(changed)
    rows = pd.concat([old_rows.loc[stay], kept_rows(f)], ignore_index=True)
    people = pd.concat([old_candidates.loc[stay_candidates], candidates[["candidate_id", "cohort"]]],
                       ignore_index=True)
    return {"state": state, "interviews": rows, "candidates": people}


def cohort_report_from_store(store: Store, as_of=None, within_days: int = 30,
                             policy: Policy | None = None, *, progress: bool = False,
                             by: str = "cohort") -> pd.DataFrame:
    """The cohort report of the whole programme, from the store's cached count tables.

    The same table as ``cohort_report(facts(*store.tables(), as_of=as_of))``,
    in milliseconds when the cache is current.

    Parameters
    ----------
    store : Store
    as_of : date-like, optional
        The day the report describes; default today.
    within_days : int
        The horizon of the "answered within" share.
    policy : Policy, optional
    progress : bool
        Show progress bars while count tables are built.
    by : {"cohort", "round"}
        One row per cohort, or per round.

    Returns
    -------
    DataFrame
        See :func:`~followup_kit.stats.report.cohort_report`.
    """
    if by not in REPORT_GROUPINGS:
        raise FollowupKitError(f"the report is by {' or '.join(REPORT_GROUPINGS)}, not {by!r}")
    counted = cohort_counts(store, as_of, policy, progress=progress)
    return cohort_report_from_counts(counted.by_round if by == "round" else counted.by_cohort, within_days)


def chance_of_answer_from_store(store: Store, waited_days: int, within_days: int, as_of=None,
                                policy: Policy | None = None, *, stale_ok: bool = True) -> pd.DataFrame:
    """The patience meter for every cohort, from the store's cached day counts.

    Parameters
    ----------
    store : Store
    waited_days, within_days : int
        As :func:`~followup_kit.stats.survival.chance_of_answer` takes them.
    as_of : date-like, optional
        The day; default today.
    policy : Policy, optional
    stale_ok : bool
        Accept the kept counts of an earlier day or of data since changed, as a
        page view should (see :func:`cohort_counts`).

    Returns
    -------
    DataFrame
        As ``chance_of_answer(facts, waited_days, within_days, by="cohort")``.
    """
    counted = cohort_counts(store, as_of, policy, stale_ok=stale_ok).by_cohort
    return chance_from_curve(curve_from_counts(counted.days, "cohort"), counted.groups,
                             waited_days, within_days, "cohort")
