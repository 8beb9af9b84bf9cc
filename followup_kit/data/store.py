"""The SQLite store: one file holding the three tables, written all or nothing.

The coach's notebook writes while dashboards read, so the file runs in WAL
mode (readers see the last committed state, never half an import) with
foreign keys on. ``schema_version`` records which migrations have run.

Everything goes through Python's own ``sqlite3``. Arrow's ADBC driver reads
and writes faster, but it carries a second copy of SQLite inside it, and two
copies in one process undo each other's POSIX file locks: closing the ADBC
connection drops the locks the ``sqlite3`` connection still relies on, after
which another process may checkpoint and delete the WAL under it. So the bulk
paths here make the standard library fast instead: a read has SQLite join
each column of many rows into one string, with every value's length beside
it, and cuts the strings into Arrow arrays; a write checks its foreign keys
and CHECK constraints once, over the new rows, rather than row by row.

Besides the three tables the store keeps a cheap token of the data's state
(:meth:`Store.data_state`), the candidates whose rows changed since a state
(:meth:`Store.changed_candidates`), and named count tables that the layers
above cache in it (:meth:`Store.save_counts`, :meth:`Store.load_counts`).

For the people in it, the store forgets a candidate down to the bytes of the
file (:meth:`Store.forget`), copies itself while in use (:meth:`Store.backup`)
and exports with pseudonyms in place of names (:meth:`Store.export_csv`).
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import mmap
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import FollowupKitError
from . import dates, schema

SCHEMA_VERSION = 5

if TYPE_CHECKING:
    from tqdm import tqdm


def _progress_bar(**options):
    """A tqdm bar (imported only when one is made: a page that reads one candidate needs none)."""
    from tqdm.auto import tqdm

    return tqdm(**options)


def _choices(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


# The kinds an event could have before 'reply_sent' existed (migration 3 adds it).
_KINDS_V1 = ("thank_you_sent", "follow_up_sent", "employer_response", "offer", "rejection", "withdrawn")
_CHOICES = {"kind": _choices(_KINDS_V1), "channel": _choices(schema.CHANNELS)}

# Each step takes the store from version i to i + 1; append, never edit.
MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE candidates (
        candidate_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        cohort TEXT NOT NULL,
        country TEXT,
        timezone TEXT
    );
    CREATE TABLE interviews (
        interview_id TEXT PRIMARY KEY,
        candidate_id TEXT NOT NULL REFERENCES candidates(candidate_id) ON DELETE CASCADE,
        company TEXT NOT NULL,
        role TEXT NOT NULL,
        interviewer_name TEXT NOT NULL,
        interviewer_email TEXT NOT NULL,
        interview_date TEXT NOT NULL,
        promised_decision_date TEXT
    );
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ({_CHOICES["kind"]})),
        channel TEXT NOT NULL CHECK (channel IN ({_CHOICES["channel"]})),
        to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
        note TEXT
    );
    """,
    # Reading one candidate's rows (a dashboard) must not scan every interview.
    """
    CREATE INDEX interviews_by_candidate ON interviews(candidate_id);
    CREATE INDEX events_by_interview ON events(interview_id);
    """,
    # 'reply_sent': the candidate answering the employer, never chasing. SQLite cannot change a
    # CHECK in place, so the events table is rebuilt with every row kept.
    f"""
    CREATE TABLE events_v3 (
        event_id TEXT PRIMARY KEY,
        interview_id TEXT NOT NULL REFERENCES interviews(interview_id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ({_choices(schema.KINDS)})),
        channel TEXT NOT NULL CHECK (channel IN ({_CHOICES["channel"]})),
        to_interviewer INTEGER CHECK (to_interviewer IN (0, 1)),
        note TEXT
    );
    INSERT INTO events_v3 (event_id, interview_id, date, kind, channel, to_interviewer, note)
        SELECT event_id, interview_id, date, kind, channel, to_interviewer, note FROM events;
    DROP TABLE events;
    ALTER TABLE events_v3 RENAME TO events;
    CREATE INDEX events_by_interview ON events(interview_id);
    """,
    # What changed since a cache was built, and the caches themselves. ``writes`` counts every
    # write: the store's own, and each UPDATE or DELETE by any program (the triggers). An INSERT
    # by the store is traced to its candidates by the store; one by another program only moves
    # max(rowid) past the ``*_top`` the store last recorded, which says "changes unknown".
    # Per-row INSERT triggers would cost more than the insert itself on an import.
    """
    CREATE TABLE data_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        writes INTEGER NOT NULL,
        whole_at INTEGER NOT NULL,
        candidates_top INTEGER NOT NULL,
        interviews_top INTEGER NOT NULL,
        events_top INTEGER NOT NULL
    );
    INSERT INTO data_state (id, writes, whole_at, candidates_top, interviews_top, events_top)
        VALUES (1, 0, 0, (SELECT coalesce(max(rowid), 0) FROM candidates),
                (SELECT coalesce(max(rowid), 0) FROM interviews),
                (SELECT coalesce(max(rowid), 0) FROM events));
    CREATE TABLE changed_candidates (
        candidate_id TEXT PRIMARY KEY,
        at_write INTEGER NOT NULL
    );
    CREATE TABLE count_tables (
        name TEXT NOT NULL,
        part TEXT NOT NULL,
        key TEXT NOT NULL,
        state TEXT NOT NULL,
        per_candidate INTEGER NOT NULL CHECK (per_candidate IN (0, 1)),
        data BLOB NOT NULL,
        PRIMARY KEY (name, part)
    );
    CREATE TRIGGER candidates_updated AFTER UPDATE ON candidates BEGIN
        UPDATE data_state SET writes = writes + 1;
        INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
            SELECT old.candidate_id, writes FROM data_state
            UNION SELECT new.candidate_id, writes FROM data_state;
    END;
    -- Forgetting a candidate leaves nothing of them behind: not their id in the log, not
    -- their rows in a cache; so after it the store cannot say who changed (whole_at).
    CREATE TRIGGER candidates_deleted AFTER DELETE ON candidates BEGIN
        UPDATE data_state SET writes = writes + 1, whole_at = writes + 1,
            candidates_top = (SELECT coalesce(max(rowid), 0) FROM candidates);
        DELETE FROM changed_candidates WHERE candidate_id = old.candidate_id;
        DELETE FROM count_tables WHERE per_candidate = 1;
    END;
    CREATE TRIGGER interviews_updated AFTER UPDATE ON interviews BEGIN
        UPDATE data_state SET writes = writes + 1;
        INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
            SELECT old.candidate_id, writes FROM data_state
            UNION SELECT new.candidate_id, writes FROM data_state;
    END;
    CREATE TRIGGER interviews_deleted AFTER DELETE ON interviews BEGIN
        UPDATE data_state SET writes = writes + 1,
            whole_at = CASE WHEN interviews_top <> max(old.rowid,
                (SELECT coalesce(max(rowid), 0) FROM interviews)) THEN writes + 1 ELSE whole_at END,
            interviews_top = (SELECT coalesce(max(rowid), 0) FROM interviews);
        INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
            SELECT c.candidate_id, d.writes FROM candidates AS c, data_state AS d
            WHERE c.candidate_id = old.candidate_id;
    END;
    CREATE TRIGGER events_updated AFTER UPDATE ON events BEGIN
        UPDATE data_state SET writes = writes + 1;
        INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
            SELECT i.candidate_id, d.writes FROM interviews AS i, data_state AS d
            WHERE i.interview_id IN (old.interview_id, new.interview_id);
    END;
    CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN
        UPDATE data_state SET writes = writes + 1,
            whole_at = CASE WHEN events_top <> max(old.rowid,
                (SELECT coalesce(max(rowid), 0) FROM events)) THEN writes + 1 ELSE whole_at END,
            events_top = (SELECT coalesce(max(rowid), 0) FROM events);
        INSERT OR REPLACE INTO changed_candidates (candidate_id, at_write)
            SELECT i.candidate_id, d.writes FROM interviews AS i, data_state AS d
            WHERE i.interview_id = old.interview_id;
    END;
    """,
    # Who was forgotten, and on which day, so a programme can show it honoured a request:
    # the id the store gave them and the date, nothing a person could be recognised by.
    """
    CREATE TABLE forgotten (
        candidate_id TEXT NOT NULL,
        forgotten_on TEXT NOT NULL
    );
    """,
]
assert len(MIGRATIONS) == SCHEMA_VERSION

#: Seconds a write waits for another program's write to finish before saying the store is busy.
BUSY_TIMEOUT = 30.0
#: Pages a backup copies per step: small enough that its progress moves, large enough to be quick.
BACKUP_PAGES = 1024

#: Rows turned into Python values at a time while inserting: a million rows at once would
#: hold gigabytes of small strings; this many keep memory flat at no cost in speed.
INSERT_CHUNK = 100_000
#: Rows per INSERT statement on the bulk path: one statement of many rows costs SQLite and
#: Python less per row than as many one-row statements (about a third less on 2.3 million
#: events), and stays far below SQLite's 32,766 parameters a statement.
ROWS_PER_INSERT = 256
#: Rowids read per query on the bulk path: each column of this many rows comes back as one
#: string (SQLite caps a value at a gigabyte), and the progress bar moves once per range.
READ_CHUNK = 250_000
#: The page cache of a write, in KiB (SQLite's negative form). An import's new pages then stay
#: in memory until COMMIT instead of being written to the WAL and read back as indexes grow.
WRITE_CACHE_KIB = 1 << 20
#: How many bytes of store one byte of CSV becomes, about (the sample: 1.6), with room to spare:
#: an import whose pages may not fit WRITE_CACHE_KIB is checked before any row is written.
STORE_BYTES_PER_CSV_BYTE = 2
#: A write that adds more rows than this records "everything may have changed" rather than
#: its candidates one by one: a cache rebuilds whole after such a write anyway.
TRACE_LIMIT = 50_000
#: The tables a write touches, in the order their rowid tops are recorded.
_TOPS = ("candidates_top", "interviews_top", "events_top")


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


def _readonly_uri(path: str) -> str:
    """The SQLite URI that opens ``path`` for reading only.

    The path is percent-encoded (``file:///a%23b.db?mode=ro``): written into the
    URI as it is, a ``#`` would cut off ``?mode=ro`` and a ``?`` or ``%`` would
    name another file.
    """
    return Path(path).resolve().as_uri() + "?mode=ro"


def _is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, a trigger's ``BEGIN ... END`` kept whole."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                yield pending
            pending = ""


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


def _state_of(db: sqlite3.Connection) -> str:
    row = db.execute("SELECT (SELECT writes FROM data_state), "
                     + ", ".join(f"(SELECT coalesce(max(rowid), 0) FROM {name})"
                                 for name in schema.ORDER)).fetchone()
    return str(DataState(*row))


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


class Store:
    """One followup_kit SQLite file.

    Parameters
    ----------
    path : str or Path
        The database file; created (with its parent folder) when missing,
        unless ``readonly``.
    readonly : bool
        Open for reading only, as a dashboard does.

    Examples
    --------
    >>> store = Store(":memory:")
    >>> store.schema_version == SCHEMA_VERSION
    True
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        self._helper: sqlite3.Connection | None = None
        if Path(self.path).is_dir():
            raise FollowupKitError(f"{self.path} is a folder; give the store's file name, e.g. "
                                   f"{Path(self.path) / 'coach.db'}")
        if readonly:
            if not Path(self.path).exists():
                raise FollowupKitError(f"{self.path}: no such store; run 'followup-kit init' first")
            self._db = sqlite3.connect(_readonly_uri(self.path), uri=True, isolation_level=None,
                                       timeout=BUSY_TIMEOUT)
        else:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT)
        try:
            self._db.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
            elif self.schema_version != SCHEMA_VERSION:
                raise FollowupKitError(
                    f"{self.path}: store is at schema version {self.schema_version}, this followup_kit "
                    f"reads version {SCHEMA_VERSION}; open it once for writing to migrate it")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if _is_busy(exc):
                raise self._busy() from None
            raise FollowupKitError(f"{self.path}: not a followup_kit store ({exc})") from None
        except BaseException:
            self._db.close()
            raise

    # -- life cycle ---------------------------------------------------------
    def close(self) -> None:
        """Close the connection (the last writer to close folds the WAL into the file)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    @property
    def schema_version(self) -> int:
        """The number of migrations this file has been through."""
        has = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
        if not has:
            return 0
        row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _migrate(self) -> None:
        # A store already up to date is opened without the write lock: a coach opening the
        # notebook does not wait for an import another program is running.
        if self.schema_version == SCHEMA_VERSION:
            return
        self._begin_write()
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.schema_version
            if current > SCHEMA_VERSION:
                raise FollowupKitError(
                    f"{self.path}: this store was written by a newer followup_kit "
                    f"(schema version {current}); upgrade followup_kit to open it")
            for version in range(current, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[version]):
                    self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    # -- writing ------------------------------------------------------------
    def known(self) -> schema.Known:
        """The ids already stored, for checks that span imports."""
        with self.snapshot():
            candidates = self._text("candidates", columns=["candidate_id"])
            interviews = self._text("interviews", columns=["interview_id", "interview_date"])
            events = self._text("events", columns=["event_id"])
            forgotten = [row[0] for row in self._db.execute("SELECT candidate_id FROM forgotten")]
        return schema.Known(
            candidate_ids=candidates["candidate_id"],
            interview_ids=interviews["interview_id"],
            event_ids=events["event_id"],
            interview_dates=pd.Series(
                schema.typed(schema.INTERVIEWS, interviews)["interview_date"].to_numpy(),
                index=interviews["interview_id"].to_numpy()),
            forgotten_ids=pd.Series(forgotten, dtype="str"),
        )

    def import_csv(self, *paths: str | Path, progress: bool = False) -> dict[str, int]:
        """Import CSV files (each table recognised by its header), all or nothing.

        Every file is checked against the others and against what is stored,
        and the one transaction holding the rows commits only when every check
        passed; on any error the store is exactly as before. While later files
        are still being read and checked, the rows of earlier ones already go
        into that transaction: its pages stay in memory until COMMIT, so a
        rollback leaves the file as it was. An import too large for that
        memory is checked whole before anything is written.

        Parameters
        ----------
        *paths : str or Path
            The CSV files, in any order.
        progress : bool
            Show a progress bar of the rows written.

        Returns
        -------
        dict
            Rows added, by table name.
        """
        self._writable()
        size = sum(Path(p).stat().st_size for p in paths if Path(p).is_file())
        with ThreadPoolExecutor(max_workers=1) as reader, _progress_bar(
                total=0, desc="importing", unit="row", unit_scale=True, disable=not progress,
                leave=False) as bar:
            files = [reader.submit(schema.read_csv, p) for p in paths]
            return self._write_files(files, reader, size * STORE_BYTES_PER_CSV_BYTE > WRITE_CACHE_KIB * 1024,
                                     bar)

    def _write_files(self, files: list[Future], reader: ThreadPoolExecutor, check_first: bool,
                     bar: tqdm) -> dict[str, int]:
        """Write each table as its file arrives, parents first; commit once the checks pass.

        The ids the checks compare against are read inside the write
        transaction, so no other writer can add one between the check and the
        insert: it waits for this import to end (or is told the store is busy).
        """
        arrived: dict[str, schema.RawTable] = {}
        pending = list(files)

        def table(name: str) -> schema.RawTable | None:
            while name not in arrived and pending:
                raw = pending.pop(0).result()
                # A second file of a table is the checks' to report; only the first is written.
                if raw.table.name not in arrived:
                    arrived[raw.table.name] = raw
                    bar.total += len(raw.frame)
                    bar.refresh()
            return arrived.get(name)

        counts = {}
        checked: Future | None = None
        try:
            with self._transaction():
                known = self.known()
                checked = reader.submit(lambda: schema.validate([f.result() for f in files], known,
                                                                as_typed=False))
                if check_first:
                    checked.result()
                for name in schema.ORDER:
                    raw = table(name)
                    if raw is not None:
                        bar.set_postfix_str(name)
                        counts[name] = self._insert(schema.TABLES[name], raw.frame, bar)
                checked.result()
        except BaseException:
            # Rows not yet checked may have failed on the way in; the checks say why, in words.
            failure = checked.exception() if checked is not None else None
            if failure is not None:
                raise failure from None
            raise
        return counts

    def add_candidates(self, frame: pd.DataFrame) -> int:
        """Add candidates from a DataFrame with the candidates columns; all or nothing."""
        return self._add("candidates", frame)

    def add_interviews(self, frame: pd.DataFrame) -> int:
        """Add interviews from a DataFrame with the interviews columns; all or nothing."""
        return self._add("interviews", frame)

    def add_events(self, frame: pd.DataFrame) -> int:
        """Add events from a DataFrame with the events columns; all or nothing.

        ``date`` may hold dates, tz-aware timestamps or ISO text.
        """
        return self._add("events", frame)

    def _add(self, table: str, frame: pd.DataFrame | Iterable[dict]) -> int:
        if not isinstance(frame, pd.DataFrame):
            frame = pd.DataFrame(list(frame))
        raw = schema.frame_to_raw(schema.TABLES[table], frame, source=f"<{table}>")
        return self._write([raw])[table]

    # -- everyday writes: one row at a time, each checked like an import ----------
    def add_candidate(self, *, name: str, email: str, cohort: str, country: str | None = None,
                      timezone: str | None = None, candidate_id: str | None = None) -> str:
        """Add one candidate; returns the id (made by the store when not given).

        Checked with the import's rules and messages; raises ``ValidationError``
        and writes nothing when a field is wrong.
        """
        return self._add_one("candidates", {
            "candidate_id": candidate_id, "name": name, "email": email, "cohort": cohort,
            "country": country, "timezone": timezone})

    def add_interview(self, *, candidate_id: str, company: str, role: str, interviewer_name: str,
                      interviewer_email: str, interview_date, promised_decision_date=None,
                      interview_id: str | None = None) -> str:
        """Add one interview; returns the id (made by the store when not given)."""
        return self._add_one("interviews", {
            "interview_id": interview_id, "candidate_id": candidate_id, "company": company, "role": role,
            "interviewer_name": interviewer_name, "interviewer_email": interviewer_email,
            "interview_date": interview_date, "promised_decision_date": promised_decision_date})

    def log_event(self, *, interview_id: str, kind: str, date, channel: str = "email",
                  to_interviewer: bool | str | None = None, note: str | None = None,
                  event_id: str | None = None) -> str:
        """Log one event (a letter sent, an answer received); returns its id.

        Parameters
        ----------
        interview_id : str
            The interview it follows; must be in the store.
        kind : str
            One of :data:`~followup_kit.data.schema.KINDS`.
        date : date-like or str
            A day (``YYYY-MM-DD``) or a timestamp with its UTC offset; never
            before the interview.
        channel : str
            One of :data:`~followup_kit.data.schema.CHANNELS`.
        to_interviewer : bool or str, optional
            Whether the candidate's message went to the person who interviewed them.
        note : str, optional
        event_id : str, optional
            Made by the store when not given.

        Returns
        -------
        str
        """
        return self._add_one("events", {
            "event_id": event_id, "interview_id": interview_id, "date": date, "kind": kind,
            "channel": channel, "to_interviewer": to_interviewer, "note": note})

    #: The interview fields a coach may correct after the fact.
    CORRECTABLE = {"interviews": ("promised_decision_date", "interviewer_name", "interviewer_email", "role",
                                  "company"),
                   "events": ("date", "kind", "channel", "to_interviewer", "note")}

    def correct_interview(self, interview_id: str, **changes) -> None:
        """Correct one interview: a promised date learned later, the interviewer's name or email, the role.

        ``None`` or ``""`` clears an optional field (``promised_decision_date``).
        Checked with the import's rules; nothing is written when a value is wrong.
        """
        self._correct("interviews", interview_id, changes)

    def correct_event(self, event_id: str, **changes) -> None:
        """Correct one event's ``date``, ``kind``, ``channel``, ``to_interviewer`` or ``note``."""
        self._correct("events", event_id, changes)

    def delete_event(self, event_id: str) -> None:
        """Delete one event logged by mistake."""
        self._writable()
        with self._transaction():
            gone = self._db.execute("DELETE FROM events WHERE event_id = ?", (event_id,)).rowcount
            if not gone:
                raise FollowupKitError(f"no event '{event_id}' in {self.path}")

    def forget(self, candidate_id: str, *, today=None) -> dict[str, int]:
        """Delete a candidate and everything about them, bytes included, and note that it was done.

        Their interviews and events go in the same transaction as their own
        row, with SQLite's ``secure_delete`` on, and every count table cached
        in the store goes too (build them again with
        :func:`followup_kit.stats.cache.cohort_counts`, as ``followup-kit
        forget`` does at once, or pages served from the store cannot show the
        patience meter). The WAL is
        then folded into the file and emptied, and when the file still holds
        their name or email anywhere (SQLite may have left older copies of a
        row in the unused space of pages it split or merged) it is rewritten
        whole (``VACUUM``); so their name and email are in none of the
        store's files. The ``forgotten`` table keeps the id and the day, and
        nothing else about them.

        Forgetting an id already forgotten only cleans the files again: for
        when a program reading the store kept an old copy of the pages the
        first time.

        Parameters
        ----------
        candidate_id : str
            The candidate to forget.
        today : date-like, optional
            The day recorded in the ``forgotten`` table (default: today).

        Returns
        -------
        dict
            Rows deleted, by table name (all 0 when the id was already forgotten).

        Raises
        ------
        FollowupKitError
            When there is no such candidate, or when another program keeps
            reading the store so that old pages stay in its WAL file.
        """
        self._writable()
        q = self._db.execute
        day = pd.Timestamp(dates.as_day(today)).date().isoformat()
        deleted = dict.fromkeys(schema.ORDER, 0)
        traces: list[bytes] = []
        q("PRAGMA secure_delete = ON")
        try:
            with self._transaction():
                person = q("SELECT name, email FROM candidates WHERE candidate_id = ?",
                           (candidate_id,)).fetchone()
                if person:
                    traces = [text.encode("utf-8") for text in person if text]
                    # Children first: the write transaction runs with foreign keys off, so no
                    # cascade would do it.
                    deleted["events"] = q("DELETE FROM events WHERE interview_id IN (SELECT interview_id "
                                          "FROM interviews WHERE candidate_id = ?)", (candidate_id,)).rowcount
                    deleted["interviews"] = q("DELETE FROM interviews WHERE candidate_id = ?",
                                              (candidate_id,)).rowcount
                    deleted["candidates"] = q("DELETE FROM candidates WHERE candidate_id = ?",
                                              (candidate_id,)).rowcount
                    q("DELETE FROM count_tables")
                    q("INSERT INTO forgotten (candidate_id, forgotten_on) VALUES (?, ?)", (candidate_id, day))
                elif not q("SELECT 1 FROM forgotten WHERE candidate_id = ?", (candidate_id,)).fetchone():
                    raise FollowupKitError(f"no candidate '{candidate_id}' in {self.path}")
        finally:
            q("PRAGMA secure_delete = OFF")
        if self.path != ":memory:":
            self._fold_wal()
            # A second forget no longer knows what to look for, so it rewrites the file anyway.
            if not traces or _file_holds(Path(self.path), traces):
                q("VACUUM")
                self._fold_wal()
        return deleted

    def _fold_wal(self) -> None:
        """Copy the WAL into the file and empty it; an error when a reader keeps it from emptying."""
        busy, *_ = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise FollowupKitError(
                f"{self.path}: the rows are deleted, but a program still reading the store (a "
                f"dashboard, a notebook) keeps old pages in {self.path}-wal; close it and run the "
                "same command again to clear them")

    def _writable(self) -> None:
        if self.readonly:
            raise FollowupKitError(f"{self.path}: opened read-only")

    def _begin_write(self) -> None:
        """Take the write lock, waiting up to BUSY_TIMEOUT for another program's write to end."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc):
                raise
            raise self._busy() from None

    def _busy(self) -> FollowupKitError:
        return FollowupKitError(
            f"{self.path}: the store is busy (another program has been writing to it for "
            f"{BUSY_TIMEOUT:g} seconds); nothing was written: try again in a moment")

    def _drop_helper(self) -> None:
        """Close the second reader: once this connection writes, it no longer sees the same data."""
        if self._helper is not None:
            self._helper.close()
            self._helper = None

    def _next_id(self, table: str) -> str:
        """The next free id of the store's own form (``C000301``, ``I0000908``, ``E00002051``).

        Only ids of exactly that form are looked at, newest first along the
        primary key's index, so this costs a lookup, not a scan, however large
        the store. Ids of other forms (``E1``, ``mine-1``) never collide with it.
        """
        key = schema.TABLES[table].key
        prefix, width = {"candidates": ("C", 6), "interviews": ("I", 7), "events": ("E", 8)}[table]
        pattern = prefix + "[0-9]" * width
        row = self._db.execute(f"SELECT {key} FROM {table} WHERE {key} GLOB ? ORDER BY {key} DESC LIMIT 1",
                               (pattern,)).fetchone()
        top = int(row[0][1:]) if row else 0
        if table == "candidates":
            # A forgotten candidate's id stays theirs in the audit table: nobody new gets it.
            gone = self._db.execute("SELECT max(candidate_id) FROM forgotten WHERE candidate_id GLOB ?",
                                    (pattern,)).fetchone()[0]
            top = max(top, int(gone[1:]) if gone else 0)
        return f"{prefix}{top + 1:0{width}d}"

    def _known_about(self, rows: pd.DataFrame) -> schema.Known:
        """What the checks of a few rows need to know from the store: only the ids they name."""
        q = self._db.execute

        def present(table: str, key: str, ids) -> set:
            ids = sorted({i for i in ids if isinstance(i, str) and i})
            if not ids:
                return set()
            marks = ", ".join("?" * len(ids))
            return {r[0] for r in q(f"SELECT {key} FROM {table} WHERE {key} IN ({marks})", ids)}

        cands = present("candidates", "candidate_id", rows.get("candidate_id", ()))
        ivs = sorted(present("interviews", "interview_id", rows.get("interview_id", ())))
        dates = q(f"SELECT interview_id, interview_date FROM interviews WHERE interview_id IN "
                  f"({', '.join('?' * len(ivs))})", ivs).fetchall() if ivs else []
        return schema.Known(
            candidate_ids=cands, interview_ids=set(ivs),
            event_ids=present("events", "event_id", rows.get("event_id", ())),
            interview_dates=pd.Series(
                pd.to_datetime([d for _, d in dates], format="%Y-%m-%d").astype("datetime64[us]"),
                index=[i for i, _ in dates]),
            forgotten_ids=present("forgotten", "candidate_id", rows.get("candidate_id", ())))

    def _add_one(self, table: str, row: dict) -> str:
        """Check and write one row; returns its id, made by the store when the row has none."""
        self._writable()
        key = schema.TABLES[table].key
        with self._transaction():
            # The id is made and the checks that read stored ids run inside the write
            # transaction, so no other writer can take the same id in between.
            row = {**row, key: row[key] or self._next_id(table)}
            raw = schema.frame_to_raw(schema.TABLES[table], pd.DataFrame([row]), source=f"<{table}>")
            schema.validate([raw], self._known_about(raw.frame), as_typed=False)
            self._insert(schema.TABLES[table], raw.frame)
        return row[key]

    def _correct(self, table: str, key_value: str, changes: dict) -> None:
        self._writable()
        allowed = self.CORRECTABLE[table]
        unknown = [name for name in changes if name not in allowed]
        if unknown:
            raise FollowupKitError(f"cannot correct {', '.join(unknown)} of {table[:-1]} '{key_value}'; "
                                   f"these can be corrected: {', '.join(allowed)}")
        spec = schema.TABLES[table]
        with self._transaction():
            current = self._text_of(table, key_value)
            if current.empty:
                raise FollowupKitError(f"no {table[:-1]} '{key_value}' in {self.path}")
            updated = schema.frame_to_raw(spec, pd.DataFrame([{**current.iloc[0].to_dict(), **{
                name: ("" if value is None else value) for name, value in changes.items()}}]),
                source=f"<{table}>")
            # The row itself is being replaced: its own id is not a duplicate.
            known = self._known_about(updated.frame)
            known.ids(table).discard(key_value)
            if table == "interviews":
                known.interview_ids.discard(key_value)
            schema.validate([updated], known, as_typed=False)
            names = [n for n in changes]
            values = []
            for name in names:
                cell = updated.frame[name].iloc[0]
                if spec.column(name).kind == "bool":
                    parsed = schema.parse_bool(updated.frame[name]).astype("Int64").iloc[0]
                    values.append(None if pd.isna(parsed) else int(parsed))
                else:
                    values.append(cell if cell != "" else None)
            sets = ", ".join(f"{n} = ?" for n in names)
            self._db.execute(f"UPDATE {table} SET {sets} WHERE {spec.key} = ?", (*values, key_value))

    def _text_of(self, table: str, key_value: str) -> pd.DataFrame:
        spec = schema.TABLES[table]
        text = self._text(table, None, key_value) if table == "interviews" else None
        if text is None:
            cols = ", ".join(
                f"CASE {c.name} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE '' END AS {c.name}"
                if c.kind == "bool" else f"coalesce({c.name}, '') AS {c.name}" for c in spec.columns)
            rows = self._db.execute(f"SELECT {cols} FROM {table} WHERE {spec.key} = ?", (key_value,)).fetchall()
            text = pd.DataFrame(rows, columns=spec.names, dtype="str")
        return text

    def _write(self, raws: list[schema.RawTable], *, checked: bool = False) -> dict[str, int]:
        """Check tables against the stored ids and write them, both in one write transaction.

        ``checked=True`` skips the checks, leaving only the ones made over the
        inserted rows before COMMIT (:meth:`_verify`).
        """
        self._writable()
        by_name = {r.table.name: r for r in raws}
        counts = {}
        with self._transaction():
            if not checked:
                schema.validate(raws, self.known(), as_typed=False)
            for name in schema.ORDER:
                if name in by_name:
                    counts[name] = self._insert(schema.TABLES[name], by_name[name].frame)
        return counts

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction: the rows inserted inside are verified, traced and committed.

        Any error rolls everything back; a constraint SQLite itself enforces
        (a duplicate id another program wrote meanwhile) becomes a FollowupKitError.
        """
        q = self._db.execute
        cache_kib = q("PRAGMA cache_size").fetchone()[0]
        # Row by row, SQLite's foreign-key lookups and CHECK lists cost more than the insert
        # itself; _verify makes the same checks once over the new rows before COMMIT. Both
        # pragmas only take effect outside a transaction.
        q("PRAGMA foreign_keys = OFF")
        q("PRAGMA ignore_check_constraints = ON")
        q(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
        try:
            self._begin_write()
            try:
                before = self._tops()
                recorded = q(f"SELECT {', '.join(_TOPS)} FROM data_state").fetchone()
                yield
                self._verify(before)
                self._trace(before, tuple(recorded))
                q("COMMIT")
            except sqlite3.IntegrityError as exc:
                q("ROLLBACK")
                raise FollowupKitError(
                    f"{self.path}: the store changed while this was being written ({exc}); "
                    "nothing was written: run the same command again") from None
            except BaseException:
                q("ROLLBACK")
                raise
        finally:
            self._drop_helper()
            q(f"PRAGMA cache_size = {cache_kib}")
            q("PRAGMA ignore_check_constraints = OFF")
            q("PRAGMA foreign_keys = ON")

    def _insert(self, table: schema.Table, text: pd.DataFrame, bar: tqdm | None = None) -> int:
        self._drop_helper()
        columns = [c for c in table.names if c in text.columns]
        one = f"({', '.join('?' * len(columns))})"
        head = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES "
        many = head + ", ".join([one] * ROWS_PER_INSERT)
        for start in range(0, len(text), INSERT_CHUNK):
            chunk = text.iloc[start:start + INSERT_CHUNK]
            values = np.empty((len(chunk), len(columns)), dtype=object)
            for j, name in enumerate(columns):
                col = chunk[name]
                if table.column(name).kind == "bool":
                    col = schema.parse_bool(col).astype("Int64")
                else:
                    col = col.mask(col == "")
                values[:, j] = col.to_numpy(dtype=object, na_value=None)
            whole = len(chunk) // ROWS_PER_INSERT * ROWS_PER_INSERT
            self._db.executemany(many, values[:whole].reshape(-1, ROWS_PER_INSERT * len(columns)).tolist())
            self._db.executemany(head + one, values[whole:].tolist())
            if bar is not None:
                bar.update(len(chunk))
        return len(text)

    def _tops(self) -> tuple[int, int, int]:
        """Each table's largest rowid: a write's new rows lie above it."""
        return tuple(self._db.execute(f"SELECT coalesce(max(rowid), 0) FROM {name}").fetchone()[0]
                     for name in schema.ORDER)

    def _verify(self, before: tuple[int, int, int]) -> None:
        """The foreign keys and CHECK constraints of the rows added since ``before``.

        The checks are the schema's own (a reference names a stored parent, a
        choice is one allowed, a yes/no is 0 or 1), so a row that passed
        :func:`schema.validate` passes here unless another program changed the
        store in between.
        """
        for name, top in zip(schema.ORDER, before, strict=True):
            table = schema.TABLES[name]
            failures = {}
            for col in table.columns:
                if col.kind == "ref":
                    parent = schema.TABLES[col.parent]
                    failures[col.name] = (
                        f"NOT EXISTS (SELECT 1 FROM {parent.name} AS p "
                        f"WHERE p.{parent.key} = t.{col.name})",
                        f"its {col.parent[:-1]} is no longer in the store")
                elif col.kind == "choice":
                    failures[col.name] = (f"t.{col.name} NOT IN ({_choices(col.allowed)})",
                                          f"{col.name} is not one of {', '.join(col.allowed)}")
                elif col.kind == "bool":
                    failures[col.name] = (f"t.{col.name} NOT IN (0, 1)", f"{col.name} is not true or false")
            if not failures:
                continue
            where = " OR ".join(f"({sql})" for sql, _ in failures.values())
            bad = self._db.execute(f"SELECT {table.key}, {', '.join(f'({sql})' for sql, _ in failures.values())} "
                                   f"FROM {name} AS t WHERE t.rowid > ? AND ({where}) LIMIT 1", (top,)).fetchone()
            if bad:
                why = next(text for (_, text), failed in zip(failures.values(), bad[1:], strict=True) if failed)
                raise FollowupKitError(
                    f"{self.path}: {table.name[:-1]} '{bad[0]}' could not be written: {why} "
                    "(the store changed while this was being written); nothing was written: "
                    "run the same command again")

    def _trace(self, before: tuple[int, int, int], recorded: tuple[int, int, int]) -> None:
        """Count this write and name the candidates it added rows for, for caches built before it.

        ``before`` is each table's top rowid when the transaction began and
        ``recorded`` the tops the store had recorded by then; updates and
        deletes inside it are traced by the triggers.
        """
        q = self._db.execute
        after = self._tops()
        q("UPDATE data_state SET writes = writes + 1, "
          + ", ".join(f"{top} = ?" for top in _TOPS), after)
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

    # -- reading ------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read inside one consistent state of the file: every read in the block sees the same data.

        Reads nest: inside a snapshot, :meth:`tables` and :meth:`data_state`
        join it instead of starting their own.

        Examples
        --------
        >>> store = Store(":memory:")
        >>> with store.snapshot():
        ...     state, (candidates, interviews, events) = store.data_state(), store.tables()
        """
        if self._db.in_transaction:
            yield
            return
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            if self._helper is not None:
                self._helper.close()
                self._helper = None
            self._db.execute("COMMIT")

    def _second_reader(self) -> sqlite3.Connection | None:
        """A second connection that sees exactly what this one sees, to read on the other core.

        Two connections cannot share a snapshot, but equal :meth:`data_state`
        tokens mean equal data; when a write slips in between the two, or the
        store is in memory, there is no second reader and one connection reads
        everything. Only inside :meth:`snapshot`, which closes it.
        """
        if self._helper is not None or self.path == ":memory:" or not self._db.in_transaction:
            return self._helper
        state = self.data_state()
        helper = sqlite3.connect(_readonly_uri(self.path), uri=True,
                                 isolation_level=None, timeout=30, check_same_thread=False)
        try:
            helper.execute("BEGIN")
            if _state_of(helper) == state:
                self._helper = helper
                return helper
        except sqlite3.DatabaseError:
            pass
        helper.close()
        return None

    def _where(self, table: str, candidate_id, interview_id) -> tuple[str, dict]:
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
            if table in ("candidates", "interviews"):
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

    def _text(self, table: str, candidate_id=None, interview_id: str | None = None, *,
              columns: Sequence[str] | None = None, bar: tqdm | None = None) -> pd.DataFrame:
        """Rows as stored, as text (``''`` for missing, ``true``/``false`` for yes/no), in rowid order."""
        t = schema.TABLES[table]
        names = list(columns or t.names)
        flags = [t.column(c).kind == "bool" for c in names]
        if candidate_id is None and interview_id is None:
            # Many queries, one snapshot: a write between two ranges must not show up in one.
            with self.snapshot():
                pieces = self._joined(table, names, bar)
        else:
            source, params = self._where(table, candidate_id, interview_id)
            pieces = [self._rows(f"SELECT {', '.join(f't.{c}' for c in names)} {source} ORDER BY t.rowid",
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

    def _rows(self, sql: str, params: Mapping, width: int) -> list[pa.Array]:
        """The columns of a query's rows as text, ``''`` for missing: the path for a few rows."""
        rows = self._db.execute(sql, params).fetchall()
        if not rows:
            return [pa.array([], type=pa.string()) for _ in range(width)]
        return [pc.fill_null(pa.array(col).cast(pa.string()), "") for col in zip(*rows, strict=True)]

    def _joined(self, table: str, names: list[str], bar: tqdm | None) -> list[list[pa.Array]]:
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
        low, high = self._db.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
        if low is None:
            return [[pa.array([], type=pa.string()) for _ in names]]
        ranges = [{"lo": lo, "hi": lo + READ_CHUNK - 1} for lo in range(low, high + 1, READ_CHUNK)]

        def read(db: sqlite3.Connection, bounds: dict) -> list[pa.Array] | None:
            n, lengths, *values = db.execute(sql, bounds).fetchone()
            if bar is not None:
                bar.update(n)
            return _unjoin(n, lengths, values)

        helper = self._second_reader() if len(ranges) > 1 else None
        if helper is not None:
            with ThreadPoolExecutor(max_workers=1) as other:
                theirs = other.submit(lambda: [read(helper, b) for b in ranges[1::2]])
                mine = [read(self._db, b) for b in ranges[0::2]]
                done = [None] * len(ranges)
                done[0::2], done[1::2] = mine, theirs.result()
        else:
            done = [read(self._db, b) for b in ranges]
        return [self._rows(rows_sql, bounds, len(names)) if parts is None else parts
                for bounds, parts in zip(ranges, done, strict=True)]

    def _read(self, table: str, candidate_id=None, interview_id: str | None = None,
              bar: tqdm | None = None) -> pd.DataFrame:
        return schema.typed(schema.TABLES[table], self._text(table, candidate_id, interview_id, bar=bar))

    def candidates(self, candidate_id: str | Sequence[str] | None = None) -> pd.DataFrame:
        """All candidates, one, or those whose ids are listed, as a typed DataFrame."""
        return self._read("candidates", candidate_id)

    def interviews(self, candidate_id: str | Sequence[str] | None = None,
                   interview_id: str | None = None) -> pd.DataFrame:
        """All interviews, one candidate's (or listed candidates'), or the one with ``interview_id``.

        Both filters may be given; a row must then match both. Returns a typed DataFrame.
        """
        return self._read("interviews", candidate_id, interview_id)

    def events(self, candidate_id: str | Sequence[str] | None = None) -> pd.DataFrame:
        """All events, or one (or listed) candidates', as a typed DataFrame (with ``sent_at``)."""
        return self._read("events", candidate_id)

    def tables(self, candidate_id: str | Sequence[str] | None = None, *,
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
        with self.snapshot(), (_progress_bar(total=sum(self.counts().values()), desc="reading the store",
                                             unit="row", unit_scale=True, leave=False)
                               if progress else nullcontext()) as bar:
            return tuple(self._read(name, candidate_id, bar=bar) for name in schema.ORDER)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: self._db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in schema.ORDER}

    def countries(self) -> list[str | None]:
        """The countries the candidates live in, each once (None for candidates without one)."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT country FROM candidates ORDER BY country")]

    def interview_years(self) -> tuple[int, int] | None:
        """The years of the first and the last interview held, or None when there is none."""
        first, last = self._db.execute(
            "SELECT min(interview_date), max(interview_date) FROM interviews").fetchone()
        return None if first is None else (int(first[:4]), int(last[:4]))

    # -- the state of the data, and count tables cached against it ------------
    def data_state(self) -> str:
        """A token of the data's state: it changes whenever a row is added, changed or deleted.

        Cheap (four index lookups), so a cache can compare it on every read.

        Returns
        -------
        str
            Compare tokens only for equality, or pass one to :meth:`changed_candidates`.
        """
        return _state_of(self._db)

    def changed_candidates(self, since: str) -> pd.Series | None:
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
        with self.snapshot():
            now = DataState.parse(self.data_state())
            whole_at, *recorded = self._db.execute(
                f"SELECT whole_at, {', '.join(_TOPS)} FROM data_state").fetchone()
            if then is None or then.writes > now.writes or whole_at > then.writes:
                return None
            if tuple(recorded) != (now.candidates, now.interviews, now.events):
                return None
            if then == now:
                return pd.Series([], dtype="str")
            rows = self._db.execute("SELECT candidate_id FROM changed_candidates WHERE at_write > ?",
                                    (then.writes,)).fetchall()
        return pd.Series([r[0] for r in rows], dtype="str")

    def save_counts(self, name: str, frames: Mapping[str, pd.DataFrame], *, key: str, state: str,
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
        self._writable()
        personal = set(per_candidate)
        rows = [(name, part, key, state, int(part in personal), _frame_bytes(frame))
                for part, frame in frames.items()]
        self._begin_write()
        try:
            self._db.execute("DELETE FROM count_tables WHERE name = ?", (name,))
            self._db.executemany("INSERT INTO count_tables (name, part, key, state, per_candidate, data) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def load_counts(self, name: str, parts: Sequence[str] | None = None) -> StoredCounts | None:
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
        rows = self._db.execute("SELECT part, key, state, data FROM count_tables WHERE name = ?",
                                (name,)).fetchall() if parts is None else self._db.execute(
            "SELECT part, key, state, data FROM count_tables WHERE name = ? AND part IN "
            "(SELECT value FROM json_each(?))", (name, json.dumps(list(parts)))).fetchall()
        if not rows or (parts is not None and len(rows) < len(set(parts))):
            return None
        keys = {(key, state) for _, key, state, _ in rows}
        if len(keys) > 1:
            return None
        key, state = keys.pop()
        return StoredCounts(key=key, state=state, frames={part: _bytes_frame(data) for part, _, _, data in rows})

    # -- backup -------------------------------------------------------------
    def backup(self, out: str | Path, *, overwrite: bool = False, progress: bool = False) -> dict[str, int]:
        """Copy the store to ``out`` with SQLite's online backup, while others keep writing.

        The copy is taken inside one read transaction, so it is the store as
        it stood at one moment, and writes made meanwhile neither wait nor
        restart it. It is written beside ``out`` under another name, checked
        (``PRAGMA integrity_check``) and only then renamed, so ``out`` is never
        half a store.

        Parameters
        ----------
        out : str or Path
            The copy's file.
        overwrite : bool
            Replace ``out`` if it exists (refused otherwise).
        progress : bool
            Show a progress bar of the pages copied.

        Returns
        -------
        dict
            Rows copied, by table name.
        """
        target = Path(out)
        if self.path == ":memory:":
            raise FollowupKitError("a store in memory has no file to back up")
        if target.resolve() == Path(self.path).resolve():
            raise FollowupKitError(f"{target} is the store itself; give another file for the copy")
        if target.is_dir():
            raise FollowupKitError(f"{target} is a folder; give the copy's file name, e.g. {target / 'coach.db'}")
        if target.exists() and not overwrite:
            raise FollowupKitError(f"{target} already exists; give another name, or --force to replace it")
        if not target.parent.is_dir():
            raise FollowupKitError(f"{target.parent}: no such folder for the copy")
        scratch = target.with_name(f".{target.name}.partial")
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        try:
            with self.snapshot(), _progress_bar(total=0, desc="backing up", unit="page",
                                                disable=not progress, leave=False) as bar:
                copied = self.counts()

                def moved(status: int, remaining: int, total: int) -> None:
                    bar.total, bar.n = total, total - remaining
                    bar.refresh()

                copy = sqlite3.connect(scratch, isolation_level=None)
                try:
                    self._db.backup(copy, pages=BACKUP_PAGES, progress=moved)
                    verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
                finally:
                    copy.close()
            if verdict != "ok":
                raise FollowupKitError(f"{target}: the copy does not read back whole ({verdict}); "
                                       "the store was not changed: check the disk and try again")
            scratch.replace(target)
        except OSError as exc:
            raise FollowupKitError(f"cannot write {target}: {exc.strerror}") from None
        finally:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{scratch}{suffix}").unlink(missing_ok=True)
        return copied

    # -- export -------------------------------------------------------------
    def export_csv(self, out_dir: str | Path, *, pseudonym_key: str | None = None) -> list[Path]:
        """Write ``candidates.csv``, ``interviews.csv`` and ``events.csv`` to ``out_dir``.

        Text comes out exactly as it went in, except that a cell a spreadsheet
        would run as a formula gets a leading apostrophe (``'=SUM(A1)``); import
        removes it again, so an export re-imports to the same store.

        Parameters
        ----------
        out_dir : str or Path
            The folder for the three files.
        pseudonym_key : str, optional
            Anonymise with this key (the store's secret,
            :func:`~followup_kit.data.secret.store_secret`): names and emails
            of candidates and interviewers become pseudonyms
            (:func:`pseudonymise`) and notes are left empty; everything the
            analyses read is kept.
        """
        out = Path(out_dir)
        if out.exists() and not out.is_dir():
            raise FollowupKitError(f"{out} is a file; give a folder for the three CSV files")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FollowupKitError(f"cannot make the folder {out}: {exc.strerror}") from None
        written = []
        with self.snapshot():
            for name in schema.ORDER:
                text = self._text(name)
                if pseudonym_key is not None:
                    text = pseudonymise(text, name, pseudonym_key)
                text = schema.guard_formulas(text)
                path = out / f"{name}.csv"
                text.to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_MINIMAL,
                            lineterminator="\r\n")
                written.append(path)
        return written


def _file_holds(path: Path, needles: list[bytes]) -> bool:
    """Whether the file's raw bytes contain any of ``needles`` (read through mmap, not into memory)."""
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return False
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return any(data.find(needle) >= 0 for needle in needles)


#: The columns an anonymised export replaces, by table: (name column, email column, who, identity).
_PERSONAL = {"candidates": ("name", "email", "candidate", "candidate_id"),
             "interviews": ("interviewer_name", "interviewer_email", "interviewer", "interviewer_email")}


def pseudonyms(key: str, who: str, identities: pd.Series) -> pd.Series:
    """A stable tag per person: the first 16 hex digits of HMAC-SHA256(key, who and identity).

    Parameters
    ----------
    key : str
        The store's secret: without it nobody can tell who a tag stands for,
        or make one for a person they know.
    who : str
        ``"candidate"`` or ``"interviewer"``, so the two never share a tag.
    identities : Series of str
        What makes a person the same person: a candidate's id, an interviewer's email.

    Returns
    -------
    Series of str
        One tag per row, equal for equal identities, in every run with the same key.

    Examples
    --------
    >>> tags = pseudonyms("not a real secret", "candidate", pd.Series(["C1", "C2", "C1"]))
    >>> tags.iloc[0] == tags.iloc[2] != tags.iloc[1]
    True
    """
    codes, distinct = pd.factorize(identities, sort=False)
    secret = key.encode("utf-8")
    # HMAC has no vectorised form; it runs once per distinct person, in C, not once per row.
    tags = np.array([hmac.new(secret, f"{who}\0{value}".encode(), hashlib.sha256).hexdigest()[:16]
                     for value in distinct], dtype=object)
    return pd.Series(tags[codes], index=identities.index, dtype="str")


def pseudonymise(text: pd.DataFrame, table: str, key: str) -> pd.DataFrame:
    """One table's text as an anonymised export writes it.

    Names become ``Candidate <tag>`` / ``Interviewer <tag>`` and emails
    ``candidate-<tag>@example.invalid``; an interviewer is known by their email
    (case and spaces aside), so one interviewer of many candidates keeps one
    pseudonym. Notes, free text that may name anyone, are left empty.

    Parameters
    ----------
    text : DataFrame
        The table's rows as the store holds them, as text.
    table : str
        Which table they are.
    key : str
        The store's secret.

    Returns
    -------
    DataFrame
    """
    out = text.copy()
    if table in _PERSONAL:
        name, email, who, identity = _PERSONAL[table]
        person = out[identity].str.strip()
        if identity == email:
            person = person.str.lower()
        tag = pseudonyms(key, who, person)
        out.loc[:, name] = who.capitalize() + " " + tag
        out.loc[:, email] = who + "-" + tag + "@example.invalid"
    if "note" in out.columns:
        out.loc[:, "note"] = ""
    return out
