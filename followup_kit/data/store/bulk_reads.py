"""Reading the tables: all rows, one candidate's or listed candidates', as typed DataFrames.

A whole table is read READ_CHUNK rowids per query, with SQLite joining each
column of those rows into one string and every value's length beside it; the
strings are cut into Arrow arrays without a Python object per value.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from .changes import state_of
from .progress import progress_bar
from .transactions import readonly_uri

if TYPE_CHECKING:
    from tqdm import tqdm

    from . import Store

#: Rowids read per query on the bulk path: each column of this many rows comes back as one
#: string (SQLite caps a value at a gigabyte), and the progress bar moves once per range.
READ_CHUNK = 250_000


def _unjoin(n: int, sizes: bytes | None, joined: list[bytes | None]) -> list[pa.Array] | None:
    """Cut each column's joined values at the sizes given, as Arrow text; None if they do not fit.

    ``sizes`` holds one character per value whose code point is the value's
    length in bytes, row after row; a value too long for a code point (over
    a megabyte) or text that is not UTF-8 makes the sizes not add up.
    """
    if n == 0:
        return [pa.array([], type=pa.string()) for _ in joined]
    lengths = np.frombuffer(sizes.decode("utf-8", "surrogatepass").encode("utf-32-le", "surrogatepass"),
                            dtype=np.uint32)
    if len(lengths) != n * len(joined):
        return None
    lengths = lengths.reshape(n, len(joined))
    out = []
    for k, data in enumerate(joined):
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths[:, k], out=offsets[1:])
        data = data or b""
        if offsets[-1] != len(data):
            return None
        array = pa.StringArray.from_buffers(n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data))
        try:
            array.validate(full=True)
        except pa.ArrowInvalid:
            return None
        out.append(array)
    return out


def known(store: Store) -> schema.Known:
    """The ids already stored, for checks that span imports, and the rows applications are checked with."""
    with store.snapshot():
        candidates = store._text("candidates", columns=["candidate_id"])
        interviews = store._text("interviews", columns=list(schema.ROUND_COLUMNS))
        events = store._text("events", columns=["event_id"])
        notes = store._text("notes", columns=["note_id"])
        forgotten = [row[0] for row in store._db.execute("SELECT candidate_id FROM forgotten")]
        invitations = store._invitations()
    return schema.Known(
        candidate_ids=candidates["candidate_id"],
        interview_ids=interviews["interview_id"],
        event_ids=events["event_id"],
        note_ids=notes["note_id"],
        interview_dates=pd.Series(
            schema.typed(schema.INTERVIEWS, interviews)["interview_date"].to_numpy(),
            index=interviews["interview_id"].to_numpy()),
        forgotten_ids=pd.Series(forgotten, dtype="str"),
        interviews=schema.typed(schema.INTERVIEWS, interviews),
        invitations=invitations,
    )


def _invitations(store: Store, candidate_id: Sequence[str] | None = None) -> pd.DataFrame:
    """The stored invitations to a next round (all, or those of the candidates listed), typed."""
    sql = (f"SELECT e.event_id, e.interview_id, e.date, e.kind FROM events AS e WHERE e.kind = "
           f"'{schema.INVITATION}'")
    params: dict = {}
    if candidate_id is not None:
        sql += (" AND e.interview_id IN (SELECT interview_id FROM interviews WHERE candidate_id IN "
                "(SELECT value FROM json_each(:cid)))")
        params["cid"] = json.dumps([str(c) for c in candidate_id])
    rows = store._db.execute(sql + " ORDER BY e.rowid", params).fetchall()
    columns = ["event_id", "interview_id", "date", "kind"]
    return schema.typed(schema.EVENTS, pd.DataFrame(rows, columns=columns, dtype="str")).loc[:, columns]


def _second_reader(store: Store) -> sqlite3.Connection | None:
    """A second connection that sees exactly what this one sees, to read on the other core.

    Two connections cannot share a snapshot, but equal :meth:`data_state`
    tokens mean equal data; when a write slips in between the two, or the
    store is in memory, there is no second reader and one connection reads
    everything. Only inside :meth:`snapshot`, which closes it.
    """
    if store._helper is not None or store.path == ":memory:" or not store._db.in_transaction:
        return store._helper
    state = store.data_state()
    helper = sqlite3.connect(readonly_uri(store.path), uri=True,
                             isolation_level=None, timeout=30, check_same_thread=False)
    try:
        helper.execute("BEGIN")
        if state_of(helper) == state:
            store._helper = helper
            return helper
    except sqlite3.DatabaseError:
        pass
    helper.close()
    return None


def _where(table: str, candidate_id, interview_id) -> tuple[str, dict]:
    """The FROM and WHERE clauses that pick the rows asked for, and their parameters."""
    sql = f"FROM {table} AS t"
    where: list[str] = []
    params: dict = {}
    if candidate_id is not None:
        if isinstance(candidate_id, str):
            test, params["cid"] = "= :cid", candidate_id
        else:
            test, params["cid"] = "IN (SELECT value FROM json_each(:cid))", json.dumps(
                [str(c) for c in candidate_id])
        if "candidate_id" in schema.TABLES[table].names:
            where.append(f"t.candidate_id {test}")
        else:
            sql += " JOIN interviews AS i ON i.interview_id = t.interview_id"
            where.append(f"i.candidate_id {test}")
    if interview_id is not None:
        if table != "interviews":
            raise ValueError(f"{table} is not read by interview_id")
        params["iid"] = interview_id
        where.append("t.interview_id = :iid")
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql, params


def _text(store: Store, table: str, candidate_id=None, interview_id: str | None = None, *,
          columns: Sequence[str] | None = None, bar: tqdm | None = None) -> pd.DataFrame:
    """Rows as stored, as text (``''`` for missing, ``true``/``false`` for yes/no), in rowid order."""
    t = schema.TABLES[table]
    names = list(columns or t.names)
    flags = [t.column(c).kind == "bool" for c in names]
    if candidate_id is None and interview_id is None:
        # Many queries, one snapshot: a write between two ranges must not show up in one.
        with store.snapshot():
            pieces = store._joined(table, names, bar)
    else:
        source, params = _where(table, candidate_id, interview_id)
        pieces = [store._rows(f"SELECT {', '.join(f't.{c}' for c in names)} {source} ORDER BY t.rowid",
                              params, len(names))]
        if bar is not None:
            bar.update(len(pieces[0][0]))
    out = {}
    for i, name in enumerate(names):
        column = pa.chunked_array([piece[i] for piece in pieces], type=pa.string())
        if flags[i]:
            column = pc.if_else(pc.equal(column, "1"), "true",
                                pc.if_else(pc.equal(column, "0"), "false", ""))
        out[name] = pd.Series(pd.array(column, dtype="str"))
    return pd.DataFrame(out, index=pd.RangeIndex(len(out[names[0]])))


def _rows(store: Store, sql: str, params: Mapping, width: int) -> list[pa.Array]:
    """The columns of a query's rows as text, ``''`` for missing: the path for a few rows."""
    rows = store._db.execute(sql, params).fetchall()
    if not rows:
        return [pa.array([], type=pa.string()) for _ in range(width)]
    return [pc.fill_null(pa.array(col).cast(pa.string()), "") for col in zip(*rows, strict=True)]


def _joined(store: Store, table: str, names: list[str], bar: tqdm | None) -> list[list[pa.Array]]:
    """Every row of ``table``, READ_CHUNK rowids per query, each column joined into one string.

    SQLite concatenates each column's values and writes every value's
    length in bytes as one character, so cutting them apart is a running
    sum, not a search. With a second reader (:meth:`_second_reader`) two
    threads each take every other range (SQLite lets go of the GIL). A
    range whose values do not fit their lengths is read again row by row.
    """
    # A range scan of the rowid visits rows in rowid order, so the joins keep that order.
    sizes = ", ".join(f"length(CAST(coalesce(t.{c}, '') AS BLOB))" for c in names)
    joined = ", ".join(f"CAST(group_concat(coalesce(t.{c}, ''), '') AS BLOB)" for c in names)
    sql = (f"SELECT count(*), CAST(group_concat(char({sizes}), '') AS BLOB), {joined} "
           f"FROM {table} AS t WHERE t.rowid BETWEEN :lo AND :hi")
    rows_sql = (f"SELECT {', '.join(f't.{c}' for c in names)} FROM {table} AS t "
                "WHERE t.rowid BETWEEN :lo AND :hi ORDER BY t.rowid")
    low, high = store._db.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
    if low is None:
        return [[pa.array([], type=pa.string()) for _ in names]]
    ranges = [{"lo": lo, "hi": lo + READ_CHUNK - 1} for lo in range(low, high + 1, READ_CHUNK)]

    def read(db: sqlite3.Connection, bounds: dict) -> list[pa.Array] | None:
        n, lengths, *values = db.execute(sql, bounds).fetchone()
        if bar is not None:
            bar.update(n)
        return _unjoin(n, lengths, values)

    helper = store._second_reader() if len(ranges) > 1 else None
    if helper is not None:
        with ThreadPoolExecutor(max_workers=1) as other:
            theirs = other.submit(lambda: [read(helper, b) for b in ranges[1::2]])
            mine = [read(store._db, b) for b in ranges[0::2]]
            done = [None] * len(ranges)
            done[0::2], done[1::2] = mine, theirs.result()
    else:
        done = [read(store._db, b) for b in ranges]
    return [store._rows(rows_sql, bounds, len(names)) if parts is None else parts
            for bounds, parts in zip(ranges, done, strict=True)]


def _read(store: Store, table: str, candidate_id=None, interview_id: str | None = None,
          bar: tqdm | None = None) -> pd.DataFrame:
    return schema.typed(schema.TABLES[table], store._text(table, candidate_id, interview_id, bar=bar))


def candidates(store: Store, candidate_id: str | Sequence[str] | None = None) -> pd.DataFrame:
    """All candidates, one, or those whose ids are listed, as a typed DataFrame."""
    return store._read("candidates", candidate_id)


def interviews(store: Store, candidate_id: str | Sequence[str] | None = None,
               interview_id: str | None = None) -> pd.DataFrame:
    """All interviews, one candidate's (or listed candidates'), or the one with ``interview_id``.

    Both filters may be given; a row must then match both. Returns a typed DataFrame.
    """
    return store._read("interviews", candidate_id, interview_id)


def events(store: Store, candidate_id: str | Sequence[str] | None = None) -> pd.DataFrame:
    """All events, or one (or listed) candidates', as a typed DataFrame (with ``sent_at``)."""
    return store._read("events", candidate_id)


def tables(store: Store, candidate_id: str | Sequence[str] | None = None, *,
           progress: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(candidates, interviews, events) read in one snapshot, so they agree with each other.

    Parameters
    ----------
    candidate_id : str or list of str, optional
        Only this candidate's rows, or those of the candidates listed.
    progress : bool
        Show a progress bar of the rows read.

    Returns
    -------
    tuple of DataFrame
        Typed frames, rows in the order they were written.
    """
    # One candidate's read (a served page) needs no bar, nor the time to import one.
    with store.snapshot(), (progress_bar(total=sum(store.counts().values()), desc="reading the store",
                                         unit="row", unit_scale=True, leave=False)
                            if progress else nullcontext()) as bar:
        return tuple(store._read(name, candidate_id, bar=bar) for name in schema.ORDER)


def counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    return {name: store._db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in schema.ORDER}


def note_count(store: Store) -> int:
    """How many session notes the store holds."""
    return store._db.execute("SELECT count(*) FROM notes").fetchone()[0]


def countries(store: Store) -> list[str | None]:
    """The countries the candidates live in, each once (None for candidates without one)."""
    return [row[0] for row in store._db.execute(
        "SELECT DISTINCT country FROM candidates ORDER BY country")]


def interview_years(store: Store) -> tuple[int, int] | None:
    """The years of the first and the last interview held, or None when there is none."""
    first, last = store._db.execute(
        "SELECT min(interview_date), max(interview_date) FROM interviews").fetchone()
    return None if first is None else (int(first[:4]), int(last[:4]))


def notes(store: Store, candidate_id: str | Sequence[str] | None = None) -> pd.DataFrame:
    """The coaches' notes of all candidates, one, or those listed, newest first.

    Parameters
    ----------
    candidate_id : str or list of str, optional
        Only this candidate's notes, or those of the candidates listed.

    Returns
    -------
    DataFrame
        ``note_id``, ``candidate_id``, ``date`` (``datetime64[us]``), ``coach``,
        ``text``, ``interview_id`` (``str``, missing where blank); the newest
        day first and, on one day, the note written last first.
    """
    typed = store._read("notes", candidate_id)
    # Read in the order written: reversed, a stable sort by day keeps the latest of a day first.
    newest = typed.iloc[::-1].sort_values("date", ascending=False, kind="stable")
    return newest.reset_index(drop=True)


def last_note_dates(store: Store, candidate_ids: str | Sequence[str] | None = None) -> pd.Series:
    """The day of each candidate's newest note; candidates without a note are not in it.

    Parameters
    ----------
    candidate_ids : str or list of str, optional
        Only these candidates (all when None).

    Returns
    -------
    Series
        ``datetime64[us]`` indexed by ``candidate_id``, in id order.
    """
    sql = "SELECT candidate_id, max(date) FROM notes"
    params: dict = {}
    if candidate_ids is not None:
        ids = [candidate_ids] if isinstance(candidate_ids, str) else [str(c) for c in candidate_ids]
        sql += " WHERE candidate_id IN (SELECT value FROM json_each(:cid))"
        params["cid"] = json.dumps(ids)
    who, day = store._rows(sql + " GROUP BY candidate_id ORDER BY candidate_id", params, 2)
    index = pd.Index(pd.array(who, dtype="str"), name="candidate_id")
    return pd.Series(schema.typed(schema.NOTES, pd.DataFrame({"date": pd.array(day, dtype="str")}))["date"]
                     .to_numpy(), index=index, name="last_note")


def caseload_ids(store: Store, coach: str) -> list[str]:
    """The ids of one coach's candidates (the coach's name compared without case), in the order written.

    Reads the ids alone, so a caseload reads its candidates' rows and no one else's.
    """
    return [row[0] for row in store._db.execute(
        "SELECT candidate_id FROM candidates WHERE lower(coach) = lower(?) ORDER BY rowid", (coach.strip(),))]


def coaches(store: Store) -> list[str]:
    """The coaches the candidates have, each once, in alphabetical order (without regard to case)."""
    found = [row[0] for row in store._db.execute(
        "SELECT DISTINCT coach FROM candidates WHERE coach IS NOT NULL AND coach <> ''")]
    return sorted(found, key=lambda name: (name.casefold(), name))
