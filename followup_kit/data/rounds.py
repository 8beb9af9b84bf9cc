"""Applications and their rounds: which interviews are one hiring process, and in which order.

An **application** is one candidate's hiring process for one role at one
company; its interviews are its **rounds**, numbered 1, 2, 3 from the first.
The interviews table may say both (``application_id``, ``round``), either, or
neither:

* An interview with an ``application_id`` belongs to that application.
* One without belongs with the candidate's other interviews for the same
  company and role (compared without case and extra spaces). When exactly one
  of those has an ``application_id``, it joins that one; otherwise they form an
  application of their own, named by the ``interview_id`` of its first round.
* A blank ``round`` takes the lowest number its application has free, in the
  order the interviews were held (then by ``interview_id``); a given one is kept.

:func:`number_rounds` works this out; :func:`round_problems` says what cannot
be right (a round 0, a round given twice, a gap, a later round held before an
earlier one, an application shared by two candidates, an invitation dated
after the round it invites to).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import Problem
from .lookup import positions


def _blank(values: pd.Series) -> pd.Series:
    """True where a text cell says nothing."""
    return values.isna() | (values.astype("str").str.strip() == "")


def _folded_codes(values: pd.Series) -> np.ndarray:
    """A number per text, the same for texts equal but for case and extra spaces.

    Each distinct value is folded once (a cohort has few companies and roles).
    """
    codes, distinct = pd.factorize(values.astype("str"), use_na_sentinel=False)
    folded = pd.Series(distinct, dtype="str").str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()
    same, _ = pd.factorize(folded, use_na_sentinel=False)
    return same[codes].astype(np.int64)


def application_keys(interviews: pd.DataFrame, candidate_codes: np.ndarray | None = None) -> np.ndarray:
    """A number per interview, the same for one candidate's interviews for one company and role.

    Company and role are compared without case and extra spaces.
    ``candidate_codes``, when the caller has them, number the candidates (one
    number per candidate, none negative) in place of reading the ids again.
    """
    if candidate_codes is not None and len(candidate_codes) and candidate_codes.min() >= 0:
        candidate = np.asarray(candidate_codes, dtype=np.int64)
    else:
        candidate, _ = pd.factorize(interviews["candidate_id"].astype("str"), use_na_sentinel=False)
    company, role = _folded_codes(interviews["company"]), _folded_codes(interviews["role"])
    combined = (candidate.astype(np.int64) * (int(company.max(initial=0)) + 1) + company) \
        * (int(role.max(initial=0)) + 1) + role
    return pd.factorize(combined)[0]


def _held_order(interviews: pd.DataFrame) -> np.ndarray:
    """Row positions in the order the interviews were held, then by ``interview_id``."""
    frame = pd.DataFrame({"held": interviews["interview_date"].to_numpy(dtype="datetime64[us]"),
                          "id": interviews["interview_id"].astype("str").to_numpy()})
    return frame.sort_values(["held", "id"], kind="stable").index.to_numpy()


def given_rounds(interviews: pd.DataFrame) -> pd.Series:
    """The ``round`` column as given (Int64, missing where blank or absent)."""
    if "round" not in interviews.columns:
        return pd.Series(pd.array([pd.NA] * len(interviews), dtype="Int64"), index=interviews.index)
    return pd.Series(interviews["round"], index=interviews.index).astype("Int64")


def number_rounds(interviews: pd.DataFrame) -> pd.DataFrame:
    """The interviews with every ``application_id`` and ``round`` worked out.

    Parameters
    ----------
    interviews : DataFrame
        Typed interviews; ``application_id`` and ``round`` may be absent or
        blank in any row.

    Returns
    -------
    DataFrame
        A copy, in the same order, with ``application_id`` (str) and ``round``
        (int64) filled in every row.

    Examples
    --------
    >>> iv = pd.DataFrame({"interview_id": ["B", "A"], "candidate_id": ["C1", "C1"],
    ...                    "company": ["Kora Bank", "kora  bank"], "role": ["Analyst", "analyst"],
    ...                    "interview_date": pd.to_datetime(["2026-04-20", "2026-04-01"])})
    >>> number_rounds(iv)[["interview_id", "application_id", "round"]].values.tolist()
    [['B', 'A', 2], ['A', 'A', 1]]
    """
    return numbered_applications(interviews)[0]


def numbered_applications(interviews: pd.DataFrame, candidate_codes: np.ndarray | None = None,
                          ) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`number_rounds`, and a number per row for its application (0, 1, 2 ... in no set order).

    The numbers let a caller group rounds by application without reading the ids again;
    ``candidate_codes`` are as in :func:`application_keys`.
    """
    out = interviews.copy()
    n = len(out)
    given = (~_blank(out["application_id"])).to_numpy() if "application_id" in out.columns else \
        np.zeros(n, dtype=bool)
    rounds = given_rounds(out).to_numpy(dtype=np.float64, na_value=np.nan)
    if given.all() and not np.isnan(rounds).any():
        # Every interview says both: nothing to work out.
        application = out["application_id"].astype("str").str.strip()
        out["application_id"] = application
        out["round"] = rounds.astype(np.int64)
        return out, pd.factorize(application)[0].astype(np.int64)
    key = application_keys(out, candidate_codes)
    # Most interviews are the only one of their company and role and name no application: each is
    # round 1 (or its given round) of an application of its own. Only the others need working out.
    alone = (np.bincount(key, minlength=int(key.max()) + 1 if n else 0)[key] == 1) & ~given
    if given.any():
        # An interview another row names as its application is worked out with it.
        named = out["application_id"].astype("str").str.strip()[given]
        alone &= positions(out["interview_id"], named.drop_duplicates()) < 0
    application = out["interview_id"].astype("str").copy()
    numbered = np.where(np.isnan(rounds), 1, rounds).astype(np.int64)
    # An interview alone is its own application: its row number is its application's.
    codes = np.arange(n, dtype=np.int64)
    rest = np.flatnonzero(~alone)
    if len(rest):
        worked = _number(out.iloc[rest], key[rest])
        application.iloc[rest] = worked["application_id"].to_numpy()
        numbered[rest] = worked["round"].to_numpy(dtype=np.int64)
        codes[rest] = n + pd.factorize(worked["application_id"])[0]
    out["application_id"] = application.set_axis(out.index)
    out["round"] = numbered
    return out, codes


def _number(out: pd.DataFrame, key: np.ndarray) -> pd.DataFrame:
    """:func:`number_rounds` for interviews that share a company and role or name an application."""
    out = out.copy()
    n = len(out)
    position = pd.RangeIndex(n)
    key, _ = pd.factorize(key)
    ids = out["interview_id"].astype("str").to_numpy(dtype=object)
    if "application_id" in out.columns:
        given = out["application_id"].astype("str").str.strip().set_axis(position)
        given = given.where(~_blank(out["application_id"].set_axis(position)))
    else:
        given = pd.Series([None] * n, index=position, dtype="str")
    # A blank row joins the one application its company and role already have an id for.
    named = pd.Series(given.to_numpy(), index=key).dropna()
    by_key = named.groupby(level=0)
    one_id = by_key.first().loc[(by_key.nunique() == 1).to_numpy()]
    joined = np.full(int(key.max()) + 1 if n else 0, None, dtype=object)
    joined[one_id.index.to_numpy()] = one_id.to_numpy(dtype=object)
    application = given.fillna(pd.Series(joined[key], index=position, dtype="str"))
    # The rest: one application per company and role, named by its first round (a round 1
    # given, else the first held).
    rounds = given_rounds(out).set_axis(position)
    order = _held_order(out)
    rest = application.isna().to_numpy()
    held_rest = order[rest[order]]
    later = pd.array(rounds.to_numpy()[held_rest], dtype="Int64") != 1
    later = later.fillna(True).to_numpy(dtype=bool)
    ranked = held_rest[np.argsort(later, kind="stable")]
    _, first = np.unique(key[ranked], return_index=True)
    named_by = np.full(len(joined), None, dtype=object)
    named_by[key[ranked[first]]] = ids[ranked[first]]
    application = application.fillna(pd.Series(named_by[key], index=position, dtype="str")).astype("str")

    numbered = rounds.copy()
    blank = rounds.isna().to_numpy()
    if blank.any():
        app_code, _ = pd.factorize(application)
        in_order = order[blank[order]]
        # The k-th blank round of an application, in the order held, counting from 0.
        kth = pd.Series(app_code[in_order]).groupby(app_code[in_order]).cumcount().to_numpy()
        has_given = np.zeros(app_code.max() + 1, dtype=bool)
        has_given[app_code[~blank]] = True
        plain = ~has_given[app_code[in_order]]
        numbered.iloc[in_order[plain]] = kth[plain] + 1
        # An application with some rounds given: its blank ones take the free numbers, lowest first.
        for code in np.flatnonzero(has_given & np.isin(np.arange(len(has_given)), app_code[blank])):
            taken = set(rounds[(app_code == code) & ~blank].astype(int))
            rows = in_order[app_code[in_order] == code]
            free = (r for r in range(1, len(taken) + len(rows) + 2) if r not in taken)
            for row in rows:
                numbered.iloc[row] = next(free)
    out["application_id"] = application.to_numpy()
    out["round"] = numbered.to_numpy(dtype=np.int64)
    return out


def round_problems(interviews: pd.DataFrame, events: pd.DataFrame | None = None, *,
                   interviews_file: str = "interviews", events_file: str = "events",
                   rows: Sequence[int] | None = None, event_rows: Sequence[int] | None = None,
                   new: Sequence[bool] | None = None, new_events: Sequence[bool] | None = None,
                   invitation_kind: str = "next_round", most: int = 50) -> list[Problem]:
    """What cannot be right about the applications and rounds of these interviews.

    Parameters
    ----------
    interviews : DataFrame
        Typed interviews, every row of the store's (or an import's) candidates.
    events : DataFrame, optional
        Typed events; their invitations to a next round are checked too.
    interviews_file, events_file : str
        The names the problems give for the two tables (a file name on import).
    rows, event_rows : sequence of int, optional
        Each row's 1-based row number in its file (default: position + 2, the
        header being row 1).
    new, new_events : sequence of bool, optional
        Which rows a write brings (default: all). Only applications holding a
        new row (or a new invitation) are checked, and a problem found on a
        row already stored is said on the application's last new row, since
        that is the row to fix.
    invitation_kind : str
        The event kind of an invitation to the next round.
    most : int
        Problems of each sort listed at most.

    Returns
    -------
    list of Problem
        Empty when every application is whole: rounds 1, 2, 3 and so on, each
        once, held in that order, all of one candidate.
    """
    iv = interviews.reset_index(drop=True)
    n = len(iv)
    where = np.asarray(rows if rows is not None else np.arange(n) + 2)
    fresh = np.ones(n, dtype=bool) if new is None else np.asarray(new, dtype=bool)
    problems: list[Problem] = []
    given = given_rounds(iv)
    below = (given.notna() & (given.fillna(1) < 1)).to_numpy() & fresh
    problems += [Problem(interviews_file, int(where[i]), "round",
                         f"round {given[i]} cannot be: the first interview of an application is round 1")
                 for i in np.flatnonzero(below)[:most]]
    if below.any() or n == 0:
        return problems
    numbered = number_rounds(iv)
    app = numbered["application_id"].to_numpy(dtype=object)
    rnd = numbered["round"].to_numpy()
    ids = iv["interview_id"].astype("str").to_numpy(dtype=object)
    held = iv["interview_date"].to_numpy(dtype="datetime64[us]")
    codes, names = pd.factorize(numbered["application_id"])
    # The last new row of each application; -1 where it has none.
    last_new = np.full(len(names), -1)
    new_rows = np.flatnonzero(fresh)
    ends = pd.Series(new_rows).groupby(codes[new_rows]).max()
    last_new[ends.index.to_numpy()] = ends.to_numpy()
    touched = last_new >= 0

    def blame(i: int) -> int:
        return int(where[i if fresh[i] else last_new[codes[i]]])

    def said(i: int) -> str:
        return f"on row {int(where[i])}" if fresh[i] else "in the store"

    people = numbered.groupby(codes)["candidate_id"].nunique()
    for code in people.index[(people > 1).to_numpy() & touched[people.index]][:most]:
        at = np.flatnonzero(codes == code)
        whose = sorted(iv.loc[at, "candidate_id"].astype("str").unique())
        problems.append(Problem(interviews_file, blame(at[-1]), "application_id",
                                f"application {names[code]} belongs to {' and '.join(whose)}: an "
                                "application is one candidate's"))
    first = pd.Series(np.arange(n)).groupby([codes, rnd]).transform("min").to_numpy()
    twice = np.flatnonzero((first != np.arange(n)) & touched[codes])
    for i in twice[:most]:
        f = first[i]
        problems.append(Problem(interviews_file, blame(i), "round",
                                f"application {app[i]} has round {rnd[i]} twice ({ids[f]} {said(f)} "
                                f"and {ids[i]})"))
    distinct = pd.DataFrame({"code": codes, "round": rnd}).drop_duplicates()
    span = distinct.groupby("code")["round"].agg(["max", "size"])
    gaps = span.index[(span["max"] > span["size"]).to_numpy() & touched[span.index]][:most]
    for code in gaps:
        have = set(distinct.loc[distinct["code"] == code, "round"].tolist())
        top = max(have)
        missing = sorted(set(range(1, top + 1)) - have)
        last = np.flatnonzero((codes == code) & (rnd == top))[0]
        problems.append(Problem(interviews_file, blame(last), "round",
                                f"application {names[code]} has round {top} but no round "
                                f"{' or '.join(map(str, missing))}"))
    # Rounds in order of their number: each must be held no earlier than every round before it.
    order = np.lexsort((np.arange(n), rnd, codes))
    latest = pd.Series(held[order]).groupby(codes[order]).cummax()
    before = latest.groupby(codes[order]).shift(1).to_numpy(dtype="datetime64[us]")
    early = order[(held[order] < before) & touched[codes[order]]]
    for i in early[:most]:
        earlier = np.flatnonzero((codes == codes[i]) & (rnd < rnd[i]))
        b = earlier[np.argmax(held[earlier])]
        problems.append(Problem(interviews_file, blame(i), "interview_date",
                                f"round {rnd[i]} of application {app[i]} ({ids[i]}) is dated "
                                f"{_day(held[i])}, before round {rnd[b]} on {_day(held[b])}"))
    if events is not None and len(events):
        problems += _invitation_problems(numbered, fresh, where, events, interviews_file, events_file,
                                         event_rows, new_events, invitation_kind, most)
    return problems


def _day(value) -> str:
    return np.datetime_as_string(np.datetime64(value, "D"))


def _invitation_problems(numbered: pd.DataFrame, fresh: np.ndarray, where: np.ndarray, events: pd.DataFrame,
                         interviews_file: str, events_file: str, event_rows, new_events,
                         invitation_kind: str, most: int) -> list[Problem]:
    """An invitation dated after the next round was held cannot be the invitation to it."""
    ev = events.reset_index(drop=True)
    at = np.asarray(event_rows if event_rows is not None else np.arange(len(ev)) + 2)
    fresh_events = np.ones(len(ev), dtype=bool) if new_events is None else np.asarray(new_events, dtype=bool)
    invited = np.flatnonzero((ev["kind"].astype("str") == invitation_kind).to_numpy())
    if not len(invited):
        return []
    rounds = pd.Series(numbered["round"].to_numpy(), dtype="int64").astype("str")
    keys = pd.Series(numbered["application_id"].to_numpy(), dtype="str") + "\x1f" + rounds
    this = positions(ev["interview_id"].to_numpy()[invited], numbered["interview_id"])
    invited, this = invited[this >= 0], this[this >= 0]
    wanted = (pd.Series(numbered["application_id"].to_numpy()[this], dtype="str") + "\x1f"
              + pd.Series(numbered["round"].to_numpy()[this] + 1, dtype="int64").astype("str"))
    following = positions(wanted, keys)
    invited, this, following = invited[following >= 0], this[following >= 0], following[following >= 0]
    on = ev["date"].to_numpy(dtype="datetime64[us]")[invited].astype("datetime64[D]")
    held = numbered["interview_date"].to_numpy(dtype="datetime64[us]")[following].astype("datetime64[D]")
    late = (on > held) & (fresh_events[invited] | fresh[following])
    problems = []
    ids = numbered["interview_id"].astype("str").to_numpy(dtype=object)
    for k in np.flatnonzero(late)[:most]:
        i, nxt = invited[k], following[k]
        r = int(numbered["round"].iloc[nxt])
        if fresh_events[i]:
            problems.append(Problem(events_file, int(at[i]), "date",
                                    f"the invitation after {ids[this[k]]} is dated {on[k]}, after round "
                                    f"{r} was held on {held[k]}"))
        else:
            problems.append(Problem(interviews_file, int(where[nxt]), "interview_date",
                                    f"round {r} ({ids[nxt]}) is dated {held[k]}, before the invitation "
                                    f"to it after {ids[this[k]]} on {on[k]}"))
    return problems
