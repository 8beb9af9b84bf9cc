"""What changed since a state of the data, and the count tables cached against such a state."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from .. import schema

if TYPE_CHECKING:
    from . import Store

#: A write that adds more rows than this records "everything may have changed" rather than
#: its candidates one by one: a cache rebuilds whole after such a write anyway.
TRACE_LIMIT = 50_000
#: The tables a write touches, in the order their rowid tops are recorded.
TOPS = ("candidates_top", "interviews_top", "events_top")


@dataclass(frozen=True)
class DataState:
    """Where the data stood: the write counter and each table's largest rowid.

    Two states are equal exactly when nothing was written in between (as far
    as SQLite lets one tell cheaply: an INSERT by another program moves a
    rowid, an UPDATE or DELETE by anyone moves ``writes``).
    """

    writes: int
    candidates: int
    interviews: int
    events: int

    def __str__(self) -> str:
        return f"{self.writes}.{self.candidates}.{self.interviews}.{self.events}"

    @classmethod
    def parse(cls, token: str) -> DataState | None:
        """The state a token written by ``str()`` names, or None for any other text."""
        try:
            return cls(*(int(part) for part in token.split(".")))
        except (TypeError, ValueError):
            return None


@dataclass
class StoredCounts:
    """Count tables as :meth:`Store.load_counts` returns them.

    Attributes
    ----------
    key : str
        What the tables were built for (the caller's own description: a day, a policy, a version).
    state : str
        The :meth:`Store.data_state` token of the data they were built from.
    frames : dict of str to DataFrame
        The tables, by part name.
    """

    key: str
    state: str
    frames: dict[str, pd.DataFrame]


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    # A frame's attrs (the policy facts were built with) are the caller's, not the table's.
    bare = frame.copy(deep=False)
    bare.attrs = {}
    table = pa.Table.from_pandas(bare, preserve_index=False)
    sink = io.BytesIO()
    options = pa.ipc.IpcWriteOptions(compression="zstd" if pa.Codec.is_available("zstd") else None)
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _bytes_frame(data: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(data).read_all().to_pandas()


def state_of(db: sqlite3.Connection) -> str:
    row = db.execute("SELECT (SELECT writes FROM data_state), "
                     + ", ".join(f"(SELECT coalesce(max(rowid), 0) FROM {name})"
                                 for name in schema.ORDER)).fetchone()
    return str(DataState(*row))


def _trace(store: Store, before: tuple[int, ...], recorded: tuple[int, int, int]) -> None:
    """Count this write and name the candidates it added rows for, for caches built before it.

    ``before`` is each table's top rowid when the transaction began (in
    :data:`~followup_kit.data.schema.STORED` order) and ``recorded`` the tops
    the store had recorded by then; updates and deletes inside it are traced
    by the triggers. A write that only added notes is not counted: no cache
    reads notes, so none of them goes stale.
    """
    q = store._db.execute
    tops = store._tops()
    after, before, notes_added = tops[:len(TOPS)], before[:len(TOPS)], tops[len(TOPS):] != before[len(TOPS):]
    if notes_added and after == tuple(before):
        return
    q("UPDATE data_state SET writes = writes + 1, "
      + ", ".join(f"{top} = ?" for top in TOPS), after)
    added = sum(max(a - b, 0) for a, b in zip(after, before, strict=True))
    # Rows another program inserted since the store last wrote cannot be traced to anyone.
    if recorded != before or added > TRACE_LIMIT:
        q("UPDATE data_state SET whole_at = writes")
        return
    q("""INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
         SELECT candidate_id, (SELECT writes FROM data_state) FROM candidates WHERE rowid > ?1
         UNION SELECT candidate_id, (SELECT writes FROM data_state) FROM interviews WHERE rowid > ?2
         UNION SELECT i.candidate_id, (SELECT writes FROM data_state)
               FROM events AS e JOIN interviews AS i ON i.interview_id = e.interview_id
               WHERE e.rowid > ?3""", before)


def data_state(store: Store) -> str:
    """A token of the data's state: it changes whenever a row is added, changed or deleted.

    Cheap (four index lookups), so a cache can compare it on every read.

    Returns
    -------
    str
        Compare tokens only for equality, or pass one to :meth:`changed_candidates`.
    """
    return state_of(store._db)


def changed_candidates(store: Store, since: str) -> pd.Series | None:
    """The candidates whose rows were added, changed or deleted after state ``since``.

    Parameters
    ----------
    since : str
        A token from :meth:`data_state`.

    Returns
    -------
    Series of str or None
        Candidate ids, in no particular order; None when the store cannot
        tell: after a large write, rows another program inserted, a
        deleted candidate (whose id is not kept), or a token it does not
        recognise. Then treat everything as changed.
    """
    then = DataState.parse(since)
    with store.snapshot():
        now = DataState.parse(store.data_state())
        whole_at, *recorded = store._db.execute(
            f"SELECT whole_at, {', '.join(TOPS)} FROM data_state").fetchone()
        if then is None or then.writes > now.writes or whole_at > then.writes:
            return None
        if tuple(recorded) != (now.candidates, now.interviews, now.events):
            return None
        if then == now:
            return pd.Series([], dtype="str")
        rows = store._db.execute("SELECT candidate_id FROM changed_candidates WHERE at_write > ?",
                                 (then.writes,)).fetchall()
    return pd.Series([r[0] for r in rows], dtype="str")


def save_counts(store: Store, name: str, frames: Mapping[str, pd.DataFrame], *, key: str, state: str,
                per_candidate: Iterable[str] = ()) -> None:
    """Keep count tables in the store under ``name``, replacing any kept before.

    The store does not read them; it only drops the parts named in
    ``per_candidate`` (rows that belong to one candidate each) whenever a
    candidate is deleted, so that forgetting someone leaves none of their
    rows behind. Saving is not a change of the data: :meth:`data_state`
    stays as it was.

    Parameters
    ----------
    name : str
        The cache's name, e.g. ``"cohorts"``.
    frames : dict of str to DataFrame
        The tables, by part name.
    key : str
        What they were built for, as the caller describes it.
    state : str
        The :meth:`data_state` token of the data they were built from.
    per_candidate : iterable of str
        The parts holding one row per interview or candidate.
    """
    store._writable()
    personal = set(per_candidate)
    rows = [(name, part, key, state, int(part in personal), _frame_bytes(frame))
            for part, frame in frames.items()]
    store._begin_write()
    try:
        store._db.execute("DELETE FROM count_tables WHERE name = ?", (name,))
        store._db.executemany("INSERT INTO count_tables (name, part, key, state, per_candidate, data) "
                              "VALUES (?, ?, ?, ?, ?, ?)", rows)
        store._db.execute("COMMIT")
    except BaseException:
        store._db.execute("ROLLBACK")
        raise


def load_counts(store: Store, name: str, parts: Sequence[str] | None = None) -> StoredCounts | None:
    """The count tables kept under ``name``, or None when there are none.

    Parameters
    ----------
    name : str
        The cache's name.
    parts : list of str, optional
        Only these parts (all when None). A part asked for and not kept
        (dropped with a deleted candidate) makes the result None.

    Returns
    -------
    StoredCounts or None
    """
    rows = store._db.execute("SELECT part, key, state, data FROM count_tables WHERE name = ?",
                             (name,)).fetchall() if parts is None else store._db.execute(
        "SELECT part, key, state, data FROM count_tables WHERE name = ? AND part IN "
        "(SELECT value FROM json_each(?))", (name, json.dumps(list(parts)))).fetchall()
    if not rows or (parts is not None and len(rows) < len(set(parts))):
        return None
    keys = {(key, state) for _, key, state, _ in rows}
    if len(keys) > 1:
        return None
    key, state = keys.pop()
    return StoredCounts(key=key, state=state, frames={part: _bytes_frame(data) for part, _, _, data in rows})
