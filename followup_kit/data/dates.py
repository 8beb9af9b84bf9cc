"""Dates a person types, read strictly: the one parser of ``YYYY-MM-DD``.

Writing dates for people to read ("Thursday 28 May") is :mod:`followup_kit.words`.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from ..errors import FollowupKitError

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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
