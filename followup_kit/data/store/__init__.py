"""The SQLite store: one file holding the tables (and the coaches' notes), written all or nothing.

The coach's notebook writes while dashboards read, so the file runs in WAL
mode (readers see the last committed state, never half an import) with
foreign keys on.

Everything goes through Python's own ``sqlite3``. Arrow's ADBC driver carries
a second copy of SQLite inside it, and two copies in one process undo each
other's POSIX file locks: closing the ADBC connection drops the locks the
``sqlite3`` connection still relies on, after which another process may
checkpoint and delete the WAL under it. So the bulk paths make the standard
library fast instead: a read has SQLite join each column of many rows into
one string and cuts the strings into Arrow arrays; a write checks its foreign
keys and CHECK constraints once, over the new rows, rather than row by row.

:class:`Store` opens the file and gathers its methods from one module per job:

* :mod:`.migrations`: the schema versions and the numbered migrations
* :mod:`.transactions`: the write lock, snapshots, writes all or nothing
* :mod:`.bulk_writes`: CSV imports and DataFrames of many rows
* :mod:`.everyday_writes`: one row at a time, corrections, deletions
* :mod:`.bulk_reads`: the tables as typed DataFrames
* :mod:`.changes`: the data's state, what changed since one, and the count tables cached against it
* :mod:`.mail`: events read from a candidate's mail, pending until a coach accepts or rejects them
* :mod:`.privacy`: forgetting a candidate, pseudonyms
* :mod:`.backup` and :mod:`.export`: a copy of the file, and the CSV files
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ...errors import FollowupKitError
from . import (
    backup,
    bulk_reads,
    bulk_writes,
    changes,
    everyday_writes,
    export,
    mail,
    migrations,
    privacy,
    transactions,
)
from .bulk_writes import ROWS_PER_INSERT
from .changes import DataState, StoredCounts
from .mail import PROPOSAL_COLUMNS, ProposalError
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .privacy import pseudonymise, pseudonyms
from .transactions import WRITE_CACHE_KIB

__all__ = ["MIGRATIONS", "PROPOSAL_COLUMNS", "ROWS_PER_INSERT", "SCHEMA_VERSION", "WRITE_CACHE_KIB", "DataState",
           "ProposalError", "Store", "StoredCounts", "pseudonymise", "pseudonyms"]

#: Seconds a write waits for another program's write to finish before saying the store is busy.
BUSY_TIMEOUT = 30.0


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
        # The wait this connection was opened with, for the message when it runs out.
        self._timeout = BUSY_TIMEOUT
        if Path(self.path).is_dir():
            raise FollowupKitError(f"{self.path} is a folder; give the store's file name, e.g. "
                                   f"{Path(self.path) / 'coach.db'}")
        if readonly:
            if not Path(self.path).exists():
                raise FollowupKitError(f"{self.path}: no such store; run 'followup-kit init' first")
            self._db = sqlite3.connect(transactions.readonly_uri(self.path), uri=True, isolation_level=None,
                                       timeout=self._timeout)
        else:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=self._timeout)
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
            if transactions.is_busy(exc):
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

    def _writable(self) -> None:
        if self.readonly:
            raise FollowupKitError(f"{self.path}: opened read-only")

    def _busy(self) -> FollowupKitError:
        return FollowupKitError(
            f"{self.path}: the store is busy (another program has been writing to it for "
            f"{self._timeout:g} seconds); nothing was written: try again in a moment")

    # -- migrations -----------------------------------------------------------
    schema_version = property(migrations.schema_version)
    _migrate = migrations._migrate

    # -- transactions ---------------------------------------------------------
    snapshot = transactions.snapshot
    _begin_write = transactions._begin_write
    _drop_helper = transactions._drop_helper
    _transaction = transactions._transaction
    _tops = transactions._tops
    _verify = transactions._verify

    # -- bulk writes ----------------------------------------------------------
    import_csv = bulk_writes.import_csv
    add_candidates = bulk_writes.add_candidates
    add_interviews = bulk_writes.add_interviews
    add_events = bulk_writes.add_events
    _write_files = bulk_writes._write_files
    _add = bulk_writes._add
    _write = bulk_writes._write
    _insert = bulk_writes._insert

    # -- everyday writes ------------------------------------------------------
    CORRECTABLE = everyday_writes.CORRECTABLE
    add_candidate = everyday_writes.add_candidate
    add_interview = everyday_writes.add_interview
    log_event = everyday_writes.log_event
    add_note = everyday_writes.add_note
    set_coach = everyday_writes.set_coach
    correct_interview = everyday_writes.correct_interview
    correct_event = everyday_writes.correct_event
    delete_event = everyday_writes.delete_event
    _next_id = everyday_writes._next_id
    _known_about = everyday_writes._known_about
    _add_one = everyday_writes._add_one
    _correct = everyday_writes._correct
    _text_of = everyday_writes._text_of

    # -- bulk reads -----------------------------------------------------------
    known = bulk_reads.known
    candidates = bulk_reads.candidates
    interviews = bulk_reads.interviews
    events = bulk_reads.events
    notes = bulk_reads.notes
    last_note_dates = bulk_reads.last_note_dates
    coaches = bulk_reads.coaches
    caseload_ids = bulk_reads.caseload_ids
    note_count = bulk_reads.note_count
    tables = bulk_reads.tables
    counts = bulk_reads.counts
    countries = bulk_reads.countries
    interview_years = bulk_reads.interview_years
    _second_reader = bulk_reads._second_reader
    _text = bulk_reads._text
    _rows = bulk_reads._rows
    _joined = bulk_reads._joined
    _read = bulk_reads._read
    _invitations = bulk_reads._invitations

    # -- the state of the data, and count tables cached against it ------------
    data_state = changes.data_state
    changed_candidates = changes.changed_candidates
    save_counts = changes.save_counts
    load_counts = changes.load_counts
    _trace = changes._trace

    # -- mail proposals, pending until a coach decides -------------------------
    add_proposals = mail.add_proposals
    proposals = mail.proposals
    mail_message_ids = mail.mail_message_ids
    accept_proposals = mail.accept_proposals
    reject_proposals = mail.reject_proposals

    # -- privacy, backup, export ----------------------------------------------
    forget = privacy.forget
    _fold_wal = privacy._fold_wal
    backup = backup.backup
    export_csv = export.export_csv
