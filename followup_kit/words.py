"""Every phrase a person reads, written once: dates, counts, steps and what a rate means.

The command line, the widgets, the served page and the plan's reasons all
take their words from here, so "Thursday 28 May", "3 interviews", "follow up
from ..." and "an association, not an effect" read the same wherever they
appear.

Dates are written the way people write them in a sentence. The year is added
only when it is not the reader's current year, unless ``with_year`` says
otherwise: a plan read in May says "Friday 15 May", and one about next January
says "Monday 4 January 2027".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

#: Each step of a plan in the candidate's words, and the word that goes before its due date:
#: "send your thank-you letter by Saturday 31 October", "wait until Tuesday 3 November".
ACTION_WORDS = {
    "send_thank_you": ("send your thank-you letter", "by"),
    "wait": ("wait", "until"),
    "follow_up": ("follow up", "from"),
    "reply_to_rejection": ("reply to their answer", "by"),
    "respond_to_offer": ("answer the offer", "by"),
    "move_on": ("move on", "from"),
    "none": ("nothing to do", ""),
}

#: Each kind of event as a person reads it: the logger's "what happened" menu, the log's
#: confirmation, the mail proposals a coach reviews.
KIND_WORDS = {"thank_you_sent": "thank-you letter sent", "follow_up_sent": "follow-up sent (chasing)",
              "reply_sent": "reply sent (answering them)", "employer_response": "the employer wrote",
              "next_round": "invited to the next round",
              "offer": "offer", "rejection": "rejection", "withdrawn": "candidate withdrew"}

#: What a rate compared across behaviours is, said beside every such comparison.
ASSOCIATION = "an association, not an effect"
#: The same, said in a whole sentence under a report.
ASSOCIATION_SENTENCE = "Rates by behaviour are associations, not proof that the behaviour causes the outcome."

#: Column and group names as a person reads them, where replacing "_" by " " is not enough.
COLUMN_WORDS = {"thank_you_timing": "thank-you timing"}

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _this_year(today) -> int:
    return (dt.date.today() if today is None else pd.Timestamp(today)).year


def _write(day: pd.Timestamp, with_year: bool) -> str:
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def human_date(ts, today=None, *, with_year: bool | None = None) -> str:
    """Write one date as a person would: ``"Thursday 28 May"``.

    Parameters
    ----------
    ts : date, datetime, Timestamp or ISO text
        The date; a time of day is ignored.
    today : date-like, optional
        The reader's today; the year is written only when it differs from
        today's year. Defaults to the computer's date.
    with_year : bool, optional
        True always writes the year, False never does; None (the default)
        writes it when it is not ``today``'s year.

    Returns
    -------
    str
        Weekday, day and month, plus the year where it is written;
        ``""`` for a missing date.

    Examples
    --------
    >>> human_date("2026-05-28", today="2026-05-01")
    'Thursday 28 May'
    >>> human_date("2027-01-04", today="2026-05-01")
    'Monday 4 January 2027'
    >>> human_date("2026-05-28", with_year=True)
    'Thursday 28 May 2026'
    """
    if ts is None or pd.isna(ts):
        return ""
    day = pd.Timestamp(ts)
    return _write(day, day.year != _this_year(today) if with_year is None else with_year)


def human_dates(series, today=None, *, with_year: bool | None = None) -> pd.Series:
    """Write a whole column of dates as :func:`human_date` does, quickly.

    Each distinct date is written once, so a million rows over a few hundred
    days cost a few hundred formats.

    Parameters
    ----------
    series : Series or array-like of datetime64
        The dates.
    today : date-like, optional
        The reader's today (see :func:`human_date`).
    with_year : bool, optional
        As for :func:`human_date`.

    Returns
    -------
    pandas.Series
        ``str`` values, missing where the date is missing, with the input's index.
    """
    index = series.index if isinstance(series, pd.Series) else None
    values = pd.Series(series).to_numpy(dtype="datetime64[us]").astype("datetime64[D]")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    year = _this_year(today)
    written = pa.array([_write(d, d.year != year if with_year is None else with_year)
                        for d in map(pd.Timestamp, uniques)], type=pa.large_string())
    picked = written.take(pa.array(codes, mask=codes < 0))
    return pd.Series(picked, index=index, dtype="str")


def plural(n: int, noun: str, many: str | None = None) -> str:
    """A count and its noun: ``"1 interview"``, ``"2,500 interviews"``.

    Parameters
    ----------
    n : int
    noun : str
        The singular.
    many : str, optional
        The plural, where it is not ``noun + "s"`` (``"replies"``).

    Examples
    --------
    >>> plural(1, "event"), plural(12000, "event"), plural(2, "reply", "replies")
    ('1 event', '12,000 events', '2 replies')
    """
    return f"{n:,} {noun if n == 1 else (many or noun + 's')}"


def number_word(n: int) -> str:
    """A small count in words ("two"), a larger one in figures."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def number_words(values: np.ndarray) -> pd.Series:
    """:func:`number_word` of a whole column of counts."""
    words = np.asarray(_NUMBER_WORDS, dtype=object)
    return pd.Series(np.where(values < len(_NUMBER_WORDS), words[np.minimum(values, len(_NUMBER_WORDS) - 1)],
                              values.astype(str).astype(object)), dtype="str")


def times_words(values: np.ndarray) -> pd.Series:
    """How often, in words, for a whole column of counts: ``once``, ``twice``, ``3 times``."""
    words = np.where(values == 1, "once", np.where(values == 2, "twice", values.astype(str).astype(object)))
    return pd.Series(np.where(values > 2, words + " times", words), dtype="str")


def in_words(name) -> str:
    """A column or group name as a person reads it: ``thank_you_timing`` -> ``thank-you timing``."""
    return COLUMN_WORDS.get(name, str(name).replace("_", " "))


def step_when(action: str, due, today=None) -> str:
    """The word before a step's date and the date: ``"from Thursday 5 November"``; "" without a date."""
    if due is None or pd.isna(due):
        return ""
    return f"{ACTION_WORDS[action][1]} {human_date(due, today=today)}".strip()


def in_step_order(steps: pd.DataFrame, *, then: str | None = None) -> pd.DataFrame:
    """Steps in the order a person acts on them: open ones first, overdue first, then soonest due.

    Closed steps (``action`` ``none``) come last, and steps without a due date
    after those with one; the sort is stable, so rows that tie keep their order.

    Parameters
    ----------
    steps : DataFrame
        With ``action``, ``overdue`` and ``due``.
    then : str, optional
        A column that orders rows that tie (``"interview_id"``).

    Returns
    -------
    DataFrame
        The same rows, reordered.
    """
    closed = steps["action"].astype("str") == "none"
    keys = ["_closed", "overdue", "due"] + ([then] if then else [])
    return (steps.assign(_closed=closed)
            .sort_values(keys, ascending=[True, False, True] + ([True] if then else []),
                         na_position="last", kind="stable")
            .drop(columns="_closed"))


#: The word for each round a person reads, "second interview"; past these, "round 7 interview".
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")


def round_words(rounds) -> pd.Series:
    """How a person says each round of an application: "first interview", "second interview"."""
    values = pd.Series(rounds).to_numpy(dtype=np.int64)
    # A handful of distinct rounds: word each once.
    distinct, where = np.unique(values, return_inverse=True)
    words = np.array([f"{ORDINALS[r - 1]} interview" if 1 <= r <= len(ORDINALS) else f"round {r} interview"
                      for r in distinct.tolist()], dtype=object)
    return pd.Series(words[where] if len(values) else words, dtype="str")


def application_names(company, role, round_, rounds) -> pd.Series:
    """How a person names each application on a list: "Kora Bank, Graduate analyst (second interview)".

    An application of one round is its company and role; one of several adds
    the round its line speaks of, or the round to come when the next one is
    set but not yet held: "(second interview to come)".

    Parameters
    ----------
    company, role : Series of str
    round_, rounds : array-like of int
        The round a line speaks of, and the rounds its application has.

    Returns
    -------
    pandas.Series
        ``str``, one name per row, with ``company``'s index.

    Examples
    --------
    >>> application_names(pd.Series(["Kora Bank", "Umoja"]), pd.Series(["Analyst", "Clerk"]),
    ...                   [2, 1], [2, 1]).tolist()
    ['Kora Bank, Analyst (second interview)', 'Umoja, Clerk']
    >>> application_names(pd.Series(["Kora Bank"]), pd.Series(["Analyst"]), [1], [2]).tolist()
    ['Kora Bank, Analyst (second interview to come)']
    """
    company = pd.Series(company)
    index = company.index
    held = pd.Series(round_).to_numpy(dtype=np.int64)
    known = pd.Series(rounds).to_numpy(dtype=np.int64)
    base = (company.astype("str").to_numpy(dtype=object) + ", "
            + pd.Series(role).astype("str").to_numpy(dtype=object))
    said = round_words(np.maximum(held, known)).to_numpy(dtype=object)
    coming = np.where(held < known, " to come", "")
    names = np.where(known > 1, base + " (" + said + coming + ")", base)
    return pd.Series(names, index=index, dtype="str")
