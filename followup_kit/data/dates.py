"""Dates the way people write them in a sentence: "Thursday 28 May".

The year is added only when it is not the current year, so a plan read in
May says "Friday 15 May" and one about next January says "Monday 4 January 2027".
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pyarrow as pa

from ..errors import FollowupKitError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def parse_day(text: str, what: str = "date") -> np.datetime64:
    """The one strict parser for a date a person typed: ``YYYY-MM-DD`` or a clear error.

    Nothing is guessed: ``03/04/2026`` could be 3 April or 4 March, so it is
    refused rather than read either way.

    Parameters
    ----------
    text : str
        What was typed; spaces around it are ignored.
    what : str
        What the date is, for the message: an option (``"--today"``) or a field.

    Returns
    -------
    numpy.datetime64
        The day at midnight, ``datetime64[us]``.

    Examples
    --------
    >>> parse_day("2026-03-04")
    np.datetime64('2026-03-04T00:00:00.000000')
    >>> parse_day("03/04/2026", "--today")
    Traceback (most recent call last):
    ...
    followup_kit.errors.FollowupKitError: --today: '03/04/2026' is not a date; write it as YYYY-MM-DD (for example 2026-03-04)
    """
    shown = text if isinstance(text, str) else repr(text)
    if not isinstance(text, str) or not _ISO_DAY.fullmatch(text.strip()):
        raise FollowupKitError(f"{what}: {shown!r} is not a date; write it as YYYY-MM-DD "
                               "(for example 2026-03-04)")
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise FollowupKitError(f"{what}: {text.strip()!r} is not a date: check the month and "
                               "the day (YYYY-MM-DD)") from None
    return np.datetime64(day, "us")


def as_day(value=None) -> np.datetime64:
    """A date-like value as a ``datetime64[us]`` day at midnight.

    Parameters
    ----------
    value : date, datetime, Timestamp, ``YYYY-MM-DD`` text or None
        ``None`` means the computer's today; a time of day is dropped. Text
        goes through :func:`parse_day`, so only ``YYYY-MM-DD`` is accepted.

    Returns
    -------
    numpy.datetime64
    """
    if isinstance(value, str):
        return parse_day(value)
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
