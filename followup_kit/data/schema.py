"""The three tables (candidates, interviews, events): columns, checks and dtypes.

This module is the one definition of the data model. It reads CSV files as
text, checks every cell with vectorised pandas operations and turns the text
into typed DataFrames. The store and the CLI call it; nothing else defines a
column.

Typed frames have these dtypes:

* ids and text: ``str`` (missing optional text is ``NaN``)
* ``interview_date``, ``promised_decision_date``: ``datetime64[us]`` calendar dates
* events ``date``: ``datetime64[us]``, the calendar date as written (for a
  timestamp, its date in the offset it was written with)
* events ``sent_at``: ``datetime64[us, UTC]``, the exact moment when the file
  gave a time with a UTC offset (an email's sent time), else ``NaT``. The
  playbook turns it into the candidate's own calendar date.
* ``to_interviewer``: nullable ``boolean``
"""

from __future__ import annotations

import csv
import io
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from ..errors import Problem, ValidationError
from .lookup import positions

KINDS = (
    "thank_you_sent",
    "follow_up_sent",
    "reply_sent",
    "employer_response",
    "offer",
    "rejection",
    "withdrawn",
)
CHANNELS = ("email", "note", "phone", "letter", "in_person", "other")

_TRUE = ("true", "yes", "1", "y", "t")
_FALSE = ("false", "no", "0", "n", "f")
_DATE_RE = r"\d{4}-\d{2}-\d{2}"
# A time after the date, optionally with seconds, fractions and a UTC offset.
_TIMESTAMP_RE = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?"
_EMAIL_RE = r"[^@ \t\r\n]+@[^@ \t\r\n]+\.[^@ \t\r\n]+"
MAX_PROBLEMS = 50
#: The most characters one cell may hold: a note is a few sentences, and a cell of megabytes is
#: nearly always a quote that was never closed, which swallowed the rest of the file.
MAX_CELL = 10_000
#: A value quoted in a message is cut to this many characters.
SHOWN = 60
#: A spreadsheet runs a cell that starts with one of these as a formula; export guards
#: such a cell with a leading apostrophe and import takes one apostrophe off again.
FORMULA_START = r"[=+\-@\t\r]"


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``kind`` is one of ``id``, ``ref`` (an id of ``parent``), ``text``, ``email``,
    ``date``, ``date_or_timestamp``, ``choice`` (one of ``allowed``), ``bool``,
    ``country`` (ISO 3166 alpha-2) or ``timezone`` (IANA name).
    """

    name: str
    kind: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    parent: str | None = None
    doc: str = ""


@dataclass(frozen=True)
class Table:
    """A table: its name, its columns in file order, and its id column."""

    name: str
    columns: tuple[Column, ...]
    key: str
    doc: str = ""
    date_column: str | None = None

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


CANDIDATES = Table(
    "candidates",
    (
        Column("candidate_id", "id", doc="your own id for the candidate, e.g. C0001"),
        Column("name", "text", doc="the candidate's name as letters should use it"),
        Column("email", "email"),
        Column("cohort", "text", doc="the group the candidate belongs to, e.g. 2026-spring"),
        Column("country", "country", required=False, doc="ISO 3166 alpha-2, for public holidays"),
        Column("timezone", "timezone", required=False, doc="IANA name, e.g. Europe/Paris"),
    ),
    key="candidate_id",
    doc="one row per candidate",
)
INTERVIEWS = Table(
    "interviews",
    (
        Column("interview_id", "id"),
        Column("candidate_id", "ref", parent="candidates"),
        Column("company", "text"),
        Column("role", "text"),
        Column("interviewer_name", "text"),
        Column("interviewer_email", "email"),
        Column("interview_date", "date"),
        Column("promised_decision_date", "date", required=False,
               doc="the date the interviewer said they would decide by, if they said one"),
    ),
    key="interview_id",
    doc="one row per interview",
    date_column="interview_date",
)
EVENTS = Table(
    "events",
    (
        Column("event_id", "id"),
        Column("interview_id", "ref", parent="interviews"),
        Column("date", "date_or_timestamp",
               doc="YYYY-MM-DD, or an ISO timestamp with its UTC offset such as an email's sent time"),
        Column("kind", "choice", allowed=KINDS),
        Column("channel", "choice", allowed=CHANNELS),
        Column("to_interviewer", "bool", required=False,
               doc="true when the message went to the person who interviewed the candidate"),
        Column("note", "text", required=False),
    ),
    key="event_id",
    doc="one row per thing that happened after an interview",
    date_column="date",
)
TABLES: dict[str, Table] = {t.name: t for t in (CANDIDATES, INTERVIEWS, EVENTS)}
#: Parents come before children: the order to import, insert and check in.
ORDER = ("candidates", "interviews", "events")


@dataclass
class RawTable:
    """A table read from a CSV file as text, before any check of its cells.

    ``rows`` holds each row's number as a spreadsheet shows the file (the
    header is row 1, blank lines count); None means the rows follow the
    header one after another.
    """

    table: Table
    frame: pd.DataFrame
    source: str
    rows: np.ndarray | None = None

    def row_numbers(self) -> np.ndarray:
        """Each row's number as a spreadsheet shows it."""
        return np.arange(len(self.frame)) + 2 if self.rows is None else self.rows


def _no_ids() -> pd.Series:
    return pd.Series([], dtype="str")


@dataclass
class Known:
    """Ids (and interview dates) already in the store, for checks across imports.

    The ids of a whole store come as ``str`` Series: millions of rows are handed
    over as Arrow-backed columns without making a Python string of each. The
    few ids one row names may come as a set. ``forgotten_ids`` are the
    candidates the store forgot: no row may bring one back.
    """

    candidate_ids: pd.Series | set = field(default_factory=_no_ids)
    interview_ids: pd.Series | set = field(default_factory=_no_ids)
    event_ids: pd.Series | set = field(default_factory=_no_ids)
    interview_dates: pd.Series | None = None  # index interview_id -> datetime64
    forgotten_ids: pd.Series | set = field(default_factory=_no_ids)

    def ids(self, table: str) -> pd.Series | set:
        return {"candidates": self.candidate_ids, "interviews": self.interview_ids,
                "events": self.event_ids}[table]


@cache
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _countries() -> frozenset[str]:
    """Two-letter codes of the countries whose public holidays the holidays package knows."""
    import holidays

    return frozenset(code for code in holidays.list_supported_countries() if len(code) == 2)


#: Separators some spreadsheets save "CSV" with, and how a message names them.
_OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}


def recognise(header: Iterable[str], source: str) -> Table:
    """Say which table a CSV header belongs to, by its id columns."""
    header = list(header)
    names = {h.strip() for h in header}
    for name in ("events", "interviews", "candidates"):
        if TABLES[name].key in names:
            return TABLES[name]
    keys = {t.key for t in TABLES.values()}
    for sep, words in _OTHER_SEPARATORS.items():
        if any(keys & {part.strip() for part in h.split(sep)} for h in header):
            raise ValidationError(Problem(
                source, 1, "-", f"the columns are separated by {words}, not commas: save the file "
                "as 'CSV UTF-8 (comma delimited)' and import it again"))
    raise ValidationError(Problem(
        source, 1, "-",
        "not a followup_kit table: the first row must be the header, naming the columns with "
        "candidate_id, interview_id or event_id (see data/README.md for the three file formats)"))


def read_csv(path: str | Path, source: str | None = None) -> RawTable:
    """Read one CSV file as text and recognise its table by its header.

    UTF-8 with or without a byte-order mark. Raises ``ValidationError`` for a
    file that is empty, not text, not CSV, or misses a required column.
    """
    path = Path(path)
    source = source or path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(Problem(source, 1, "-", f"cannot read the file: {exc.strerror}")) from None
    return parse_csv(data, source)


def parse_csv(data: bytes, source: str) -> RawTable:
    """Parse CSV bytes; see :func:`read_csv`."""
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise ValidationError(Problem(source, 1, "-", "the file is empty"))
    if b"\x00" in data[:65536]:
        raise ValidationError(Problem(source, 1, "-", "not a CSV file: it holds binary data"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(data, exc.start, source) from None
    header = _header(text, source)
    table = recognise(header, source)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    frame = _read_arrow(body, header)
    if frame is None:
        frame = _read_pandas(text, header, source)
    frame.columns = [c.strip() for c in frame.columns]
    # Spaces around a cell are never meant: take them off once, here, for every later step.
    frame = frame.apply(lambda col: col.str.strip())
    rows = None
    # A blank line (or a spreadsheet's empty row, all commas) holds nothing to import; the rows
    # after it keep the numbers a spreadsheet shows them with.
    blank = (frame == "").all(axis=1).to_numpy()
    if blank.any():
        rows = (np.arange(len(frame)) + 2)[~blank]
        frame = frame.loc[~blank].reset_index(drop=True)
    for col in frame.columns:
        # An export writes '=... so a spreadsheet shows text; take the guard off again.
        guarded = frame[col].str.startswith("'")
        if guarded.any():
            guarded &= frame[col].str.match("'+" + FORMULA_START)
            frame.loc[guarded, col] = frame.loc[guarded, col].str.slice(1)
    return RawTable(table, frame, source, rows)


def _not_utf8(data: bytes, at: int, source: str) -> ValidationError:
    """Where the first byte that is not UTF-8 sits: its row and, below the header, its column."""
    row = data[:at].count(b"\n") + 1
    column = "-"
    if row > 1:
        names = next(csv.reader([data[: data.find(b"\n")].decode("utf-8-sig", "replace")]), [])
        before = data[data.rfind(b"\n", 0, at) + 1:at].decode("utf-8", "replace")
        try:
            cells = next(csv.reader([before]), [""]) if before else [""]
        except csv.Error:
            cells = []
        if 0 < len(cells) <= len(names):
            column = names[len(cells) - 1].strip()
    return ValidationError(Problem(
        source, row, column, "not UTF-8 text: save the file as CSV UTF-8 and try again"))


def _header(text: str, source: str) -> list[str]:
    """The cells of the first row."""
    first_line = re.split(r"\r\n?|\n", text, maxsplit=1)[0]
    try:
        return next(csv.reader([first_line]), [])
    except csv.Error:
        raise ValidationError(Problem(
            source, 1, "-", f"the first row is {len(first_line):,} characters long, too long for a "
            "header: the first row must name the columns (see data/README.md)")) from None


def guard_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula, with a leading apostrophe.

    Every CSV file the toolkit writes goes through here, so a company named
    ``=HYPERLINK(...)`` opens as text. A cell that already starts with the
    guard (``'=...``) gets one more, so :func:`parse_csv`, which takes one off,
    gives it back exactly. Columns that are not text are left as they are.

    Parameters
    ----------
    frame : DataFrame

    Returns
    -------
    DataFrame
        A copy; ``frame`` is not changed.

    Examples
    --------
    >>> guard_formulas(pd.DataFrame({"company": ["=1+1", "Acme", "'=x"]}))["company"].tolist()
    ["'=1+1", 'Acme', "''=x"]
    """
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("str").where(out[col].notna())
        if not (pd.api.types.is_string_dtype(out[col]) or out[col].dtype == object):
            continue
        text = out[col].astype("str")
        risky = text.str.match("'*" + FORMULA_START).fillna(False).astype(bool) & out[col].notna()
        if risky.any():
            out.loc[risky, col] = "'" + text[risky]
    return out


def _read_arrow(body: bytes, header: list[str]) -> pd.DataFrame | None:
    """Read every column as text with Arrow's fast reader; None if a row is malformed."""
    if len(set(header)) != len(header):
        return None
    try:
        tab = pa_csv.read_csv(
            io.BytesIO(body),
            # A blank line fails here, so the reader that keeps it (and its row number) takes over.
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={h: pa.string() for h in header},
                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return pd.DataFrame({name: pd.Series(pd.array(tab.column(i), dtype="str"))
                         for i, name in enumerate(tab.column_names)})


def _read_pandas(text: str, header: list[str], source: str) -> pd.DataFrame:
    """The slower reader that names the line of a malformed row (and fills short rows)."""
    try:
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False,
                           skipinitialspace=False, skip_blank_lines=False, engine="c")
    except ValueError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        line = int(match.group(1)) if match else 1
        fields = f" ({match.group(2)} fields where the header has {len(header)})" if match else ""
        raise ValidationError(Problem(
            source, line, "-", f"not a well-formed CSV row{fields}: check for a stray comma or quote")
        ) from None


def _problems(mask: np.ndarray, rows: np.ndarray, source: str, column: str, message) -> list[Problem]:
    idx = np.flatnonzero(mask)[:MAX_PROBLEMS]
    out = []
    for i in idx:
        msg = message(i) if callable(message) else message
        out.append(Problem(source, int(rows[i]), column, msg))
    return out


def _check_columns(raw: RawTable) -> None:
    table, frame, source = raw.table, raw.frame, raw.source
    names = list(frame.columns)
    missing = [c for c in table.required if c not in names]
    if missing:
        raise ValidationError([Problem(source, 1, c, f"missing column '{c}' (the {table.name} "
                                       f"file needs: {', '.join(table.required)})") for c in missing])
    dupes = sorted({c for c in names if names.count(c) > 1})
    unknown = [c for c in names if c not in table.names]
    problems = [Problem(source, 1, c, "this column appears twice") for c in dupes]
    problems += [Problem(source, 1, c, f"unknown column '{c}' in the {table.name} file "
                         f"(allowed: {', '.join(table.names)})") for c in unknown]
    if problems:
        raise ValidationError(problems)


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


def _parse_dates(text: pd.Series) -> pd.Series:
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
    date = _parse_dates(text.str.slice(0, 10).where(is_date | is_stamp))
    with_offset = is_stamp & text.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$")
    sent_at = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us, UTC]")
    if with_offset.any():
        parsed = pd.to_datetime(text[with_offset].str.replace(" ", "T", n=1), format="ISO8601",
                                utc=True, errors="coerce")
        sent_at.loc[with_offset] = parsed.astype("datetime64[us, UTC]")
    valid = date.notna() & (~with_offset | sent_at.notna())
    return date, sent_at, valid


def _isin(text: pd.Series, values) -> np.ndarray:
    """Membership test on Arrow arrays: pandas' isin boxes every value of a large set."""
    if isinstance(values, pd.Series):
        value_set = pa.array(values).cast(pa.string())
    else:
        value_set = pa.array(list(values), type=pa.string())
    if len(value_set) == 0:
        return np.zeros(len(text), dtype=bool)
    found = pc.is_in(pa.array(text).cast(pa.string()), value_set=value_set)
    return found.to_numpy(zero_copy_only=False).astype(bool)


def _shown(value: str) -> str:
    """A cell as a message quotes it: cut short when it is long."""
    return value if len(value) <= SHOWN else value[: SHOWN - 3] + "..."


def _date_hint(value: str) -> str:
    """What a date that is not ``YYYY-MM-DD`` most likely is, said after the message."""
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", value):
        return " (day and month are never guessed: 13 November 2026 is 2026-11-13)"
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        return " (a number here is a spreadsheet's day count: format the column as a date)"
    return ""


#: What a row of a forgotten candidate is told: their data stay out, and a return means a new record.
_FORGOTTEN = ("candidate '{}' was forgotten at their request, so nothing of theirs is imported again: "
              "leave their rows out (a person who comes back is added with a new id)")


def _check_cells(raw: RawTable, known: Known, siblings: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """Every per-cell and cross-table check of one raw table; returns the problems found."""
    table, frame, source = raw.table, raw.frame, raw.source
    rows = raw.row_numbers()
    # The header again below the first rows: two files pasted together. The row is said once,
    # not once per cell that does not fit.
    again = (frame[table.key] == table.key).to_numpy() if table.key in frame.columns else None
    if again is not None and again.any():
        problems = _problems(again, rows, source, "-", "the header row again, in the middle of the "
                             "file (were two files pasted together?): delete this row")
        keep = ~again
        frame = frame.loc[keep].reset_index(drop=True)
        rows = rows[keep]
        raw = RawTable(table, frame, source, rows)
    else:
        problems = []
    parsed: dict[str, pd.Series] = {}
    for col in table.columns:
        if col.name not in frame.columns:
            continue
        text = frame[col.name]
        blank = (text == "").to_numpy()
        if col.required:
            problems += _problems(blank, rows, source, col.name, f"'{col.name}' is empty; it is required")
        long = (text.str.len() > MAX_CELL).to_numpy()
        problems += _problems(long, rows, source, col.name,
                              lambda i, t=text: f"{len(t.iat[i]):,} characters, more than the "
                              f"{MAX_CELL:,} one cell may hold (in a file: is a closing quote missing?)")
        present = ~blank & ~long

        def value(i, text=text):
            return _shown(text.iat[i])

        if col.kind == "id":
            dup = text.duplicated(keep="first").to_numpy() & present
            problems += _problems(dup, rows, source, col.name,
                                  lambda i, v=value: f"duplicate id '{v(i)}' (it appears on an earlier row)")
            existing = known.ids(table.name)
            if len(existing):
                clash = _isin(text, existing) & present
                problems += _problems(clash, rows, source, col.name,
                                      lambda i, v=value: f"id '{v(i)}' is already in the store")
            if table.name == "candidates":
                problems += _problems(_isin(text, known.forgotten_ids) & present, rows, source, col.name,
                                      lambda i, v=value: _FORGOTTEN.format(v(i)))
        elif col.kind == "ref":
            parent = TABLES[col.parent]
            ok = _isin(text, known.ids(col.parent))
            in_file = siblings.get(col.parent)
            if in_file is not None:
                ok |= _isin(text, in_file[parent.key])
            noun = col.parent[:-1]
            gone = _isin(text, known.forgotten_ids) if col.parent == "candidates" else np.zeros_like(ok)
            problems += _problems(present & ~ok & gone, rows, source, col.name,
                                  lambda i, v=value: _FORGOTTEN.format(v(i)))
            problems += _problems(present & ~ok & ~gone, rows, source, col.name,
                                  lambda i, v=value, n=noun: f"unknown {n} '{v(i)}': it is not in the "
                                  f"{n}s file nor in the store")
        elif col.kind == "email":
            bad = present & ~text.str.fullmatch(_EMAIL_RE).to_numpy(dtype=bool)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not an email address")
        elif col.kind == "date":
            parsed[col.name] = _parse_dates(text)
            bad = present & parsed[col.name].isna().to_numpy()
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a date; write it as YYYY-MM-DD"
                                  + _date_hint(v(i)))
        elif col.kind == "date_or_timestamp":
            parsed[col.name], _, valid = parse_event_dates(text)
            bad = present & ~valid.to_numpy()
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a date; write YYYY-MM-DD or an "
                                  "ISO timestamp such as 2026-05-12T09:30:00+02:00" + _date_hint(v(i)))
        elif col.kind == "choice":
            bad = present & ~_isin(text, col.allowed)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value, c=col: f"unknown {c.name} '{v(i)}' "
                                  f"(allowed: {', '.join(c.allowed)})")
        elif col.kind == "bool":
            bad = present & ~_isin(text.str.lower(), _TRUE + _FALSE)
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not true or false")
        elif col.kind == "country":
            bad = present & ~_isin(text, _countries())
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a two-letter country code "
                                  "(ISO 3166, e.g. GB, KE, US); leave it empty to count weekends only")
        elif col.kind == "timezone":
            bad = present & ~_isin(text, _timezones())
            problems += _problems(bad, rows, source, col.name,
                                  lambda i, v=value: f"'{v(i)}' is not a time zone name "
                                  "(IANA, e.g. Europe/London, Africa/Nairobi)")
    problems += _check_dates_across(raw, known, siblings, rows, parsed)
    return problems


def _check_dates_across(raw: RawTable, known: Known, siblings, rows, parsed) -> list[Problem]:
    frame, source = raw.frame, raw.source
    if raw.table is INTERVIEWS and "promised_decision_date" in parsed:
        bad = (parsed["promised_decision_date"] < parsed["interview_date"]).to_numpy()
        return _problems(bad, rows, source, "promised_decision_date",
                         "the promised decision date is before the interview")
    if raw.table is EVENTS:
        ids: list[pd.Series] = []
        dates: list[np.ndarray] = []
        if known.interview_dates is not None and len(known.interview_dates):
            ids.append(pd.Series(known.interview_dates.index, dtype="str"))
            dates.append(known.interview_dates.to_numpy(dtype="datetime64[us]"))
        sib = siblings.get("interviews")
        if sib is not None:
            ids.append(sib["interview_id"])
            dates.append(_parse_dates(sib["interview_date"]).to_numpy(dtype="datetime64[us]"))
        if not sum(len(d) for d in dates):
            # No interview dated anywhere (an interviews file of a header alone): nothing to compare.
            return []
        # Reversed, so an id listed twice takes its last date, as a later row overrides an earlier one.
        keys = pd.concat(ids, ignore_index=True).iloc[::-1]
        on = np.concatenate(dates)[::-1]
        found = positions(frame["interview_id"], keys)
        held = np.where(found >= 0, on[np.maximum(found, 0)], np.datetime64("NaT"))
        bad = parsed["date"].to_numpy() < held
        return _problems(bad, rows, source, "date",
                         lambda i: "the event is dated before its interview "
                         f"({pd.Timestamp(held[i]).date().isoformat()})")
    return []


def validate(raws: Iterable[RawTable], known: Known | None = None, *,
             as_typed: bool = True) -> dict[str, pd.DataFrame]:
    """Check raw tables together and return them typed, by table name.

    All files are checked before any error is raised, so one run reports the
    problems of every file. Raises ``ValidationError`` listing them, first
    file (in import order) and first row first. With ``as_typed=False`` the
    checked text frames come back unchanged (the store writes text).
    """
    known = known or Known()
    by_name: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for raw in raws:
        if raw.table.name in by_name:
            other = by_name[raw.table.name].source
            problems.append(Problem(raw.source, 1, "-", f"a second {raw.table.name} file "
                                    f"(the first is {other}): merge them into one"))
            continue
        by_name[raw.table.name] = raw
    order = {t: i for i, t in enumerate(ORDER)}
    for raw in sorted(by_name.values(), key=lambda r: order[r.table.name]):
        try:
            _check_columns(raw)
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError(problems)
    siblings = {name: raw.frame for name, raw in by_name.items()}
    for name in ORDER:
        if name in by_name:
            found = _check_cells(by_name[name], known, siblings)
            column_order = {c: i for i, c in enumerate(TABLES[name].names)}
            problems += sorted(found, key=lambda p: (p.row, column_order.get(p.column, -1)))
    if problems:
        raise ValidationError(problems)
    if not as_typed:
        return {name: raw.frame for name, raw in by_name.items()}
    return {name: typed(TABLES[name], raw.frame) for name, raw in by_name.items()}


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
        elif pd.api.types.is_datetime64_any_dtype(col):
            if getattr(col.dt, "tz", None) is not None:
                text = col.dt.strftime("%Y-%m-%dT%H:%M:%S.%f%z")
            else:
                text = col.dt.strftime("%Y-%m-%d")
        else:
            text = col
        out[name] = text.astype("str").where(text.notna(), "").str.strip()
    return RawTable(table, out, source)


def parse_bool(text: pd.Series) -> pd.Series:
    """Checked yes/no text as a nullable boolean column (blank is missing)."""
    return text.str.lower().isin(_TRUE).astype("boolean").mask(text == "")


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
            out[col.name] = _parse_dates(raw)
        elif col.kind == "date_or_timestamp":
            date, sent_at, _ = parse_event_dates(raw)
            out[col.name] = date
            out["sent_at"] = sent_at
        elif col.kind == "bool":
            out[col.name] = parse_bool(raw)
        else:
            out[col.name] = raw.where(raw != "")
    return pd.DataFrame(out, index=pd.RangeIndex(len(text)))


def empty(table: str) -> pd.DataFrame:
    """An empty typed frame of ``table``, with the right columns and dtypes."""
    t = TABLES[table]
    return typed(t, pd.DataFrame({c: pd.Series([], dtype="str") for c in t.names}))
