"""Dates the way people write them in a sentence: "Thursday 28 May".

The year is added only when it is not the current year, so a plan read in
May says "Friday 15 May" and one about next January says "Monday 4 January 2027".
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import FollowupKitError

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def as_day(value=None) -> np.datetime64:
    """A date-like value as a ``datetime64[us]`` day at midnight.

    Parameters
    ----------
    value : date, datetime, Timestamp, ISO text or None
        ``None`` means the computer's today; a time of day is dropped.

    Returns
    -------
    numpy.datetime64
    """
    try:
        stamp = pd.Timestamp.today() if value is None else pd.Timestamp(value)
    except (ValueError, TypeError):
        raise FollowupKitError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None
    if stamp is pd.NaT:
        raise FollowupKitError("a date is needed here, got an empty value")
    return np.datetime64(stamp.date(), "us")


def _this_year(today) -> int:
    return (dt.date.today() if today is None else pd.Timestamp(today)).year


def _write(day: pd.Timestamp, year: int) -> str:
    text = f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"
    return text if day.year == year else f"{text} {day.year}"


def human_date(ts, today=None) -> str:
    """Write one date as a person would: ``"Thursday 28 May"``.

    Parameters
    ----------
    ts : date, datetime, Timestamp or ISO text
        The date; a time of day is ignored.
    today : date-like, optional
        The reader's today; the year is written only when it differs from
        today's year. Defaults to the computer's date.

    Returns
    -------
    str
        Weekday, day and month, plus the year when it is not this year;
        ``""`` for a missing date.

    Examples
    --------
    >>> human_date("2026-05-28", today="2026-05-01")
    'Thursday 28 May'
    >>> human_date("2027-01-04", today="2026-05-01")
    'Monday 4 January 2027'
    """
    if ts is None or pd.isna(ts):
        return ""
    return _write(pd.Timestamp(ts), _this_year(today))


def human_dates(series, today=None) -> pd.Series:
    """Write a whole column of dates as :func:`human_date` does, quickly.

    Each distinct date is written once, so a million rows over a few hundred
    days cost a few hundred formats.

    Parameters
    ----------
    series : Series or array-like of datetime64
        The dates.
    today : date-like, optional
        The reader's today (see :func:`human_date`).

    Returns
    -------
    pandas.Series
        ``str`` values, missing where the date is missing, with the input's index.
    """
    index = series.index if isinstance(series, pd.Series) else None
    values = pd.Series(series).to_numpy(dtype="datetime64[us]").astype("datetime64[D]")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    year = _this_year(today)
    written = pa.array([_write(pd.Timestamp(d), year) for d in uniques], type=pa.large_string())
    picked = written.take(pa.array(codes, mask=codes < 0))
    return pd.Series(picked, index=index, dtype="str")
