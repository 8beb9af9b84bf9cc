"""The SQLite store: one file holding the three tables, written all or nothing.

The coach's notebook writes while dashboards read, so the file runs in WAL
mode (readers see the last committed state, never half an import) with
foreign keys on. ``schema_version`` records which migrations have run.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from ..errors import FollowupKitError
from . import schema

SCHEMA_VERSION = 3


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
]
assert len(MIGRATIONS) == SCHEMA_VERSION

#: Rows turned into Python values at a time while inserting: a million rows at once would
#: hold gigabytes of small strings; this many keep memory flat at no cost in speed.
INSERT_CHUNK = 100_000



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
    >>> store.schema_version
    3
    """

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = str(path)
        self.readonly = readonly
        if Path(self.path).is_dir():
            raise FollowupKitError(f"{self.path} is a folder; give the store's file name, e.g. "
                                   f"{Path(self.path) / 'coach.db'}")
        if readonly:
            if not Path(self.path).exists():
                raise FollowupKitError(f"{self.path}: no such store; run 'followup-kit init' first")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        else:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
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
            raise FollowupKitError(f"{self.path}: not a followup_kit store ({exc})") from None

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
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.schema_version
            if current > SCHEMA_VERSION:
                raise FollowupKitError(
                    f"{self.path}: this store was written by a newer followup_kit "
                    f"(schema version {current}); upgrade followup_kit to open it")
            for version in range(current, SCHEMA_VERSION):
                for statement in MIGRATIONS[version].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    # -- writing ------------------------------------------------------------
    def known(self) -> schema.Known:
        """The ids already stored, for checks that span imports."""
        q = self._db.execute
        dates = pd.read_sql_query("SELECT interview_id, interview_date FROM interviews", self._db)
        return schema.Known(
            candidate_ids={r[0] for r in q("SELECT candidate_id FROM candidates")},
            interview_ids=set(dates["interview_id"]),
            event_ids={r[0] for r in q("SELECT event_id FROM events")},
            interview_dates=pd.Series(
                pd.to_datetime(dates["interview_date"], format="%Y-%m-%d").astype("datetime64[us]").to_numpy(),
                index=dates["interview_id"].to_numpy()),
        )

    def import_csv(self, *paths: str | Path, progress: bool = False) -> dict[str, int]:
        """Import CSV files (each table recognised by its header), all or nothing.

        Every file is checked against the others and against what is stored
        before anything is written; then all rows go in one transaction. On any
        error the store is exactly as before.

        Parameters
        ----------
        *paths : str or Path
            The CSV files, in any order.
        progress : bool
            Show progress bars (reading and checking, then writing rows).

        Returns
        -------
        dict
            Rows added, by table name.
        """
        with tqdm(total=len(paths) + 1, desc="reading and checking", unit="step",
                  disable=not progress, leave=False) as bar:
            raws = []
            for p in paths:
                bar.set_postfix_str(Path(p).name)
                raws.append(schema.read_csv(p))
                bar.update()
            bar.set_postfix_str("checking every cell")
            self._check(raws)
            bar.update()
        return self._write(raws, checked=True, progress=progress)

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
        row = {"candidate_id": candidate_id or self._next_id("candidates"), "name": name, "email": email,
               "cohort": cohort, "country": country, "timezone": timezone}
        self._add_one("candidates", row)
        return row["candidate_id"]

    def add_interview(self, *, candidate_id: str, company: str, role: str, interviewer_name: str,
                      interviewer_email: str, interview_date, promised_decision_date=None,
                      interview_id: str | None = None) -> str:
        """Add one interview; returns the id (made by the store when not given)."""
        row = {"interview_id": interview_id or self._next_id("interviews"), "candidate_id": candidate_id,
               "company": company, "role": role, "interviewer_name": interviewer_name,
               "interviewer_email": interviewer_email, "interview_date": interview_date,
               "promised_decision_date": promised_decision_date}
        self._add_one("interviews", row)
        return row["interview_id"]

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
        row = {"event_id": event_id or self._next_id("events"), "interview_id": interview_id,
               "date": date, "kind": kind, "channel": channel, "to_interviewer": to_interviewer,
               "note": note}
        self._add_one("events", row)
        return row["event_id"]

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

    def _writable(self) -> None:
        if self.readonly:
            raise FollowupKitError(f"{self.path}: opened read-only")

    def _transaction(self):
        db = self._db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, kind, *_):
                db.execute("ROLLBACK" if kind else "COMMIT")
                return False
        return _Tx()

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
        return f"{prefix}{(int(row[0][1:]) if row else 0) + 1:0{width}d}"

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
                index=[i for i, _ in dates]))

    def _add_one(self, table: str, row: dict) -> None:
        self._writable()
        raw = schema.frame_to_raw(schema.TABLES[table], pd.DataFrame([row]), source=f"<{table}>")
        with self._transaction():
            # The checks that read stored ids run inside the write transaction, so no other
            # writer can add the same id between the check and the insert.
            schema.validate([raw], self._known_about(raw.frame), as_typed=False)
            self._insert(schema.TABLES[table], raw.frame)

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

    def _check(self, raws: list[schema.RawTable]) -> None:
        if self.readonly:
            raise FollowupKitError(f"{self.path}: opened read-only")
        schema.validate(raws, self.known(), as_typed=False)

    def _write(self, raws: list[schema.RawTable], *, checked: bool = False,
               progress: bool = False) -> dict[str, int]:
        if not checked:
            self._check(raws)
        by_name = {r.table.name: r for r in raws}
        counts = {}
        total = sum(len(r.frame) for r in raws)
        with tqdm(total=total, desc="writing", unit="row", unit_scale=True,
                  disable=not progress, leave=False) as bar:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for name in schema.ORDER:
                    if name in by_name:
                        counts[name] = self._insert(schema.TABLES[name], by_name[name].frame, bar)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return counts

    def _insert(self, table: schema.Table, text: pd.DataFrame, bar: tqdm | None = None) -> int:
        columns = [c for c in table.names if c in text.columns]
        sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")
        for start in range(0, len(text), INSERT_CHUNK):
            chunk = text.iloc[start:start + INSERT_CHUNK]
            arrays = []
            for name in columns:
                col = chunk[name]
                if table.column(name).kind == "bool":
                    col = schema.parse_bool(col).astype("Int64")
                else:
                    col = col.mask(col == "")
                arrays.append(col.to_numpy(dtype=object, na_value=None).tolist())
            self._db.executemany(sql, zip(*arrays, strict=True))
            if bar is not None:
                bar.update(len(chunk))
        return len(text)

    # -- reading ------------------------------------------------------------
    def _text(self, table: str, candidate_id: str | None, interview_id: str | None = None) -> pd.DataFrame:
        t = schema.TABLES[table]
        cols = ", ".join(
            f"CASE {c.name} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE '' END AS {c.name}"
            if c.kind == "bool" else f"coalesce(t.{c.name}, '') AS {c.name}"
            for c in t.columns)
        sql = f"SELECT {cols} FROM {table} AS t"
        where: list[str] = []
        params: tuple = ()
        if candidate_id is not None:
            params += (candidate_id,)
            if table == "candidates" or table == "interviews":
                where.append("t.candidate_id = ?")
            else:
                sql += " JOIN interviews AS i ON i.interview_id = t.interview_id"
                where.append("i.candidate_id = ?")
        if interview_id is not None:
            if table != "interviews":
                raise ValueError(f"{table} is not read by interview_id")
            params += (interview_id,)
            where.append("t.interview_id = ?")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t.rowid"
        cur = self._db.execute(sql, params)
        rows = cur.fetchall()
        data = list(zip(*rows, strict=True)) if rows else [[] for _ in t.names]
        return pd.DataFrame({name: pd.Series(col, dtype="str") for name, col in zip(t.names, data, strict=True)})

    def _read(self, table: str, candidate_id: str | None, interview_id: str | None = None) -> pd.DataFrame:
        return schema.typed(schema.TABLES[table], self._text(table, candidate_id, interview_id))

    def candidates(self, candidate_id: str | None = None) -> pd.DataFrame:
        """All candidates, or just one, as a typed DataFrame."""
        return self._read("candidates", candidate_id)

    def interviews(self, candidate_id: str | None = None, interview_id: str | None = None) -> pd.DataFrame:
        """All interviews, one candidate's, or the one with ``interview_id``, as a typed DataFrame.

        Both filters may be given; a row must then match both.
        """
        return self._read("interviews", candidate_id, interview_id)

    def events(self, candidate_id: str | None = None) -> pd.DataFrame:
        """All events, or one candidate's, as a typed DataFrame (with ``sent_at``)."""
        return self._read("events", candidate_id)

    def tables(self, candidate_id: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """(candidates, interviews, events) read in one snapshot, so they agree with each other."""
        self._db.execute("BEGIN")
        try:
            return tuple(self._read(name, candidate_id) for name in schema.ORDER)
        finally:
            self._db.execute("COMMIT")

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {name: self._db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                for name in schema.ORDER}

    # -- export -------------------------------------------------------------
    def export_csv(self, out_dir: str | Path) -> list[Path]:
        """Write ``candidates.csv``, ``interviews.csv`` and ``events.csv`` to ``out_dir``.

        Text comes out exactly as it went in, except that a cell a spreadsheet
        would run as a formula gets a leading apostrophe (``'=SUM(A1)``); import
        removes it again, so an export re-imports to the same store.
        """
        out = Path(out_dir)
        if out.exists() and not out.is_dir():
            raise FollowupKitError(f"{out} is a file; give a folder for the three CSV files")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise FollowupKitError(f"cannot make the folder {out}: {exc.strerror}") from None
        written = []
        self._db.execute("BEGIN")
        try:
            for name in schema.ORDER:
                text = schema.guard_formulas(self._text(name, None))
                path = out / f"{name}.csv"
                text.to_csv(path, index=False, encoding="utf-8-sig", quoting=csv.QUOTE_MINIMAL,
                            lineterminator="\r\n")
                written.append(path)
        finally:
            self._db.execute("COMMIT")
        return written
