"""Business days: weekends and each candidate's public holidays, vectorised.

A business day is Monday to Friday and not a public holiday of the
candidate's country (the ``holidays`` package). A candidate with no country,
or a country the package does not know, gets weekends only.

One ``numpy.busdaycalendar`` per country is built the first time that country
is seen and kept; it is rebuilt only when a later call needs years it does not
cover, so a cohort of a million interviews costs one calendar per country.
A process can also be handed the holidays worked out by another
(:func:`holiday_table`, :func:`know_holidays`): a served dashboard's kernel
then never loads the ``holidays`` package, which takes a tenth of a second.
"""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd

# Weekends-only is stored under this key; no ISO country code is empty.
_NO_COUNTRY = ""
_CALENDARS: dict[str, tuple[int, int, np.busdaycalendar]] = {}
_LOCK = threading.Lock()


def public_holidays(country: str | None, first_year: int, last_year: int) -> np.ndarray:
    """The public holidays of ``country`` from ``first_year`` to ``last_year``.

    Parameters
    ----------
    country : str or None
        ISO 3166 alpha-2 code such as ``"GB"``; ``None``, ``""`` or a code the
        ``holidays`` package does not know gives no holidays.
    first_year, last_year : int
        The years to cover, both included.

    Returns
    -------
    numpy.ndarray
        Sorted ``datetime64[D]`` dates.
    """
    if not country or not isinstance(country, str):
        return np.array([], dtype="datetime64[D]")
    import holidays

    try:
        found = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    except NotImplementedError:
        return np.array([], dtype="datetime64[D]")
    return np.array(sorted(found), dtype="datetime64[D]")


def holiday_table(countries, first_year: int, last_year: int) -> dict[str, list]:
    """The public holidays of each of ``countries`` over these years, as plain JSON-ready values.

    Parameters
    ----------
    countries : iterable of str or None
        ISO codes; None and unknown codes are left out (they have no holidays).
    first_year, last_year : int
        The years to cover, both included.

    Returns
    -------
    dict
        ``{country: [first_year, last_year, ["YYYY-MM-DD", ...]]}``, for :func:`know_holidays`.
    """
    table = {}
    for country in countries:
        if country and isinstance(country, str):
            days = public_holidays(country, first_year, last_year)
            table[country] = [first_year, last_year, [str(d) for d in days]]
    return table


def know_holidays(table: dict) -> None:
    """Keep the calendars of :func:`holiday_table`'s result, as if this process had built them.

    A calendar this process already holds for more years is kept.

    Parameters
    ----------
    table : dict
        ``{country: [first_year, last_year, ["YYYY-MM-DD", ...]]}``.

    Raises
    ------
    ValueError
        When the table is not of that shape; nothing is kept then.
    """
    built = {}
    for country, (first, last, days) in table.items():
        if not isinstance(country, str) or not country:
            raise ValueError(f"not a country code: {country!r}")
        holidays = np.array(sorted(days), dtype="datetime64[D]")
        built[country] = (int(first), int(last), np.busdaycalendar(weekmask="1111100",
                                                                    holidays=holidays))
    with _LOCK:
        for country, entry in built.items():
            held = _CALENDARS.get(country)
            if held is None or held[1] - held[0] < entry[1] - entry[0]:
                _CALENDARS[country] = entry


def business_calendar(country: str | None, first_year: int, last_year: int) -> np.busdaycalendar:
    """The business-day calendar of ``country``, covering at least the years given.

    Built once per country and kept; a wider request widens it once.

    Parameters
    ----------
    country : str or None
        ISO 3166 alpha-2 code, or ``None`` for weekends only.
    first_year, last_year : int
        The years whose holidays must be known.

    Returns
    -------
    numpy.busdaycalendar
        Monday to Friday, less the country's public holidays.
    """
    key = country if isinstance(country, str) and country else _NO_COUNTRY
    with _LOCK:
        held = _CALENDARS.get(key)
        if held is not None and held[0] <= first_year and held[1] >= last_year:
            return held[2]
        if held is not None:
            first_year, last_year = min(first_year, held[0]), max(last_year, held[1])
        cal = np.busdaycalendar(weekmask="1111100",
                                holidays=public_holidays(key, first_year, last_year))
        _CALENDARS[key] = (first_year, last_year, cal)
        return cal


def _days(dates) -> np.ndarray:
    return np.asarray(pd.Series(dates).to_numpy(dtype="datetime64[us]")).astype("datetime64[D]")


def _groups(countries, n: int):
    """Yield (country, row positions) for each country among ``countries``."""
    if countries is None:
        yield None, np.arange(n)
        return
    codes, uniques = pd.factorize(pd.Series(countries, copy=False), use_na_sentinel=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for rows in np.split(order, bounds):
        if len(rows):
            code = codes[rows[0]]
            yield (None if code < 0 else uniques[code]), rows


def _year_span(*arrays: np.ndarray) -> tuple[int, int]:
    years = [a[~np.isnat(a)].astype("datetime64[Y]").astype(int) + 1970 for a in arrays]
    years = [y for y in years if len(y)]
    if not years:
        return 2000, 2000
    # One more year at the end: a wait that starts in late December ends in January.
    return int(min(y.min() for y in years)), int(max(y.max() for y in years)) + 1


def add_business_days(dates, n, countries=None) -> np.ndarray:
    """The ``n``-th business day after each date, in each row's country.

    ``n = 0`` gives the date itself when it is a business day, else the next
    business day; the result is never before the date. Missing dates stay missing.

    Parameters
    ----------
    dates : array-like of datetime64
        Calendar dates.
    n : int or array-like of int
        Business days to add, one number or one per date (not negative).
    countries : array-like of str, optional
        ISO country code per date (missing means weekends only).

    Returns
    -------
    numpy.ndarray
        ``datetime64[us]`` dates.

    Examples
    --------
    >>> add_business_days(["2026-05-22"], 3, ["GB"])  # Spring bank holiday on the 25th
    array(['2026-05-28T00:00:00.000000'], dtype='datetime64[us]')
    """
    days = _days(dates)
    steps = np.broadcast_to(np.asarray(n, dtype=np.int64), days.shape)
    out = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    if np.isnat(days).all():
        # Nothing to move (a plan with no follow-ups yet): build no calendar at all.
        return out.astype("datetime64[us]")
    first, last = _year_span(days)
    # About 250 business days make a year: a long wait needs the holidays of the years it crosses.
    last += int(steps.max(initial=0)) // 250
    for country, rows in _groups(countries, len(days)):
        cal = business_calendar(country, first, last)
        d, k = days[rows], steps[rows]
        moved = np.busday_offset(d, k, roll="backward", busdaycal=cal)
        if (k == 0).any():
            moved = np.where(k == 0, np.busday_offset(d, 0, roll="forward", busdaycal=cal), moved)
        out[rows] = moved
    return out.astype("datetime64[us]")
