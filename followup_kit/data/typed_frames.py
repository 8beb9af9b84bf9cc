"""Checked text into typed DataFrames, and DataFrames back into text.

Typed frames have these dtypes:

* ids and text: ``str`` (missing optional text is ``NaN``)
* ``interview_date``, ``promised_decision_date``: ``datetime64[us]`` calendar dates
* events ``date``: ``datetime64[us]``, the calendar date as written (for a
  timestamp, its date in the offset it was written with)
* events ``sent_at``: ``datetime64[us, UTC]``, the exact moment when the file
  gave a time with a UTC offset (an email's sent time), else ``NaT``. The
  playbook turns it into the candidate's own calendar date.
* ``to_interviewer``: nullable ``boolean``
* ``round``: nullable ``Int64`` (missing where blank)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .tables import TABLES, RawTable, Table

#: What a yes/no cell may say, in any case.
TRUE_TEXT = ("true", "yes", "1", "y", "t")
FALSE_TEXT = ("false", "no", "0", "n", "f")
_DATE_RE = r"\d{4}-\d{2}-\d{2}"
#: The largest whole number a ``count`` cell may hold: six digits, far past any hiring process.
MAX_COUNT = 999_999
_WHOLE_RE = r"0*\d{1,6}"
# A time after the date, optionally with seconds, fractions and a UTC offset.
_TIMESTAMP_RE = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"


#: Up to this many rows, a column is parsed value by value (see :func:`_distinct`).
_FEW = 1000


def _distinct(text: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Number the distinct values of ``text``: (code of each row, the distinct values).

    A programme's million dates fall on a few hundred days, so parsing each
    distinct value once and spreading the results by code is many times faster
    than parsing every row. A missing value gets the code of the last distinct
    value, which is always missing. A short column is its own distinct values:
    numbering would cost more than it saves.
    """
    if len(text) <= _FEW:
        return np.arange(len(text)), text.reset_index(drop=True)
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    uniques = pd.Series(uniques, dtype="str")
    uniques = pd.concat([uniques, pd.Series([np.nan], dtype="str")], ignore_index=True)
    return np.where(codes < 0, len(uniques) - 1, codes), uniques


def _spread(values: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """Per-distinct ``values`` back on every row."""
    return pd.Series(values.array.take(codes), index=index)


def parse_dates(text: pd.Series) -> pd.Series:
    """Parse ``YYYY-MM-DD`` strictly; anything else becomes NaT."""
    codes, uniques = _distinct(text)
    return _spread(_parse_dates_each(uniques), codes, text.index)


def _parse_dates_each(text: pd.Series) -> pd.Series:
    ok = text.str.fullmatch(_DATE_RE)
    out = pd.to_datetime(text.where(ok), format="%Y-%m-%d", errors="coerce")
    return out.astype("datetime64[us]")


def parse_event_dates(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Split event ``date`` text into (calendar date, UTC moment, is-valid).

    A plain date gives its date and no moment; a timestamp with an offset gives
    its date as written and the moment in UTC; a timestamp without an offset is a
    local wall-clock time: its date, no moment.
    """
    codes, uniques = _distinct(text)
    return tuple(_spread(part, codes, text.index) for part in _parse_event_dates_each(uniques))


def _parse_event_dates_each(text: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    is_date = text.str.fullmatch(_DATE_RE)
    is_stamp = text.str.fullmatch(_TIMESTAMP_RE)
    date = parse_dates(text.str.slice(0, 10).where(is_date | is_stamp))
    with_offset = is_stamp & text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$")
    sent_at = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us, UTC]")
    if with_offset.any():
        parsed = pd.to_datetime(text[with_offset].str.replace(" ", "T", n=1), format="ISO8601",
                                utc=True, errors="coerce")
        sent_at.loc[with_offset] = parsed.astype("datetime64[us, UTC]")
    valid = date.notna() & (~with_offset | sent_at.notna())
    return date, sent_at, valid


def frame_to_raw(table: Table, frame: pd.DataFrame, source: str) -> RawTable:
    """Turn a typed (or partly typed) DataFrame into text, ready for :func:`validate`."""
    out = pd.DataFrame(index=range(len(frame)))
    for name in frame.columns:
        col = frame[name].reset_index(drop=True)
        if name in table.names and table.column(name).kind == "bool" and pd.api.types.is_bool_dtype(col):
            text = col.map({True: "true", False: "false"}, na_action="ignore")
        elif name in table.names and table.column(name).kind == "bool" and col.dtype == object:
            # Python booleans among text ("yes", "false"): the text is checked like an import's.
            text = col.map(lambda v: ("true" if v else "false") if isinstance(v, bool | np.bool_) else v)
        elif (name in table.names and table.column(name).kind == "count"
              and pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)):
            text = _count_text(col)
        elif pd.api.types.is_datetime64_any_dtype(col):
            if getattr(col.dt, "tz", None) is not None:
                text = col.dt.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
            else:
                text = col.dt.strftime("%Y-%m-%d")
        else:
            text = col
        out[name] = text.astype("str").where(text.notna(), "").str.strip()
    return RawTable(table, out, source)


def parse_count(text: pd.Series) -> pd.Series:
    """Whole-number text as a nullable ``Int64`` column; blank, and anything else, is missing."""
    whole = text.where(text.str.fullmatch(_WHOLE_RE).fillna(False).astype(bool))
    return pd.to_numeric(whole, errors="coerce").astype("Int64")


def _count_text(col: pd.Series) -> pd.Series:
    """Numbers as a whole-number cell says them: ``2.0`` (a float column with blanks) is ``2``."""
    values = col.astype("Float64")
    whole = values.notna() & (values == values.round())
    return values.where(whole).astype("Int64").astype("str").where(whole, col.astype("str"))


def parse_bool(text: pd.Series) -> pd.Series:
    """Checked yes/no text as a nullable boolean column (blank is missing)."""
    return text.str.lower().isin(TRUE_TEXT).astype("boolean").mask(text == "")


def typed(table: Table, text: pd.DataFrame) -> pd.DataFrame:
    """Turn checked text into the typed DataFrame of ``table`` (see the module docstring)."""
    out = {}
    for col in table.columns:
        if col.name not in text.columns:
            raw = pd.Series("", index=text.index, dtype="str")
        else:
            raw = text[col.name]
            if raw.dtype != "str":
                raw = raw.astype("str")
        if col.kind == "date":
            out[col.name] = parse_dates(raw)
        elif col.kind == "date_or_timestamp":
            date, sent_at, _ = parse_event_dates(raw)
            out[col.name] = date
            out["sent_at"] = sent_at
        elif col.kind == "bool":
            out[col.name] = parse_bool(raw)
        elif col.kind == "count":
            out[col.name] = parse_count(raw)
        else:
            out[col.name] = raw.where(raw != "")
    return pd.DataFrame(out, index=pd.RangeIndex(len(text)))


def empty(table: str) -> pd.DataFrame:
    """An empty typed frame of ``table``, with the right columns and dtypes."""
    t = TABLES[table]
    return typed(t, pd.DataFrame({c: pd.Series([], dtype="str") for c in t.names}))
