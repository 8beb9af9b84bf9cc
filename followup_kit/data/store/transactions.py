"""Locking and transactions: reads inside one snapshot, writes all or nothing.

A write takes SQLite's write lock, inserts with the row-by-row foreign-key and
CHECK lookups off, then checks the new rows once (:func:`_verify`), records
what changed (:func:`.changes._trace`) and commits; any error rolls it all back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import FollowupKitError
from .. import schema
from .changes import TOPS
from .migrations import sql_choices

if TYPE_CHECKING:
    from . import Store

#: The page cache of a write, in KiB (SQLite's negative form). An import's new pages then stay
#: in memory until COMMIT instead of being written to the WAL and read back as indexes grow.
WRITE_CACHE_KIB = 1 << 20


def readonly_uri(path: str) -> str:
    """The SQLite URI that opens ``path`` for reading only.

    The path is percent-encoded (``file:///a%23b.db?mode=ro``): written into the
    URI as it is, a ``#`` would cut off ``?mode=ro`` and a ``?`` or ``%`` would
    name another file.
    """
    return Path(path).resolve().as_uri() + "?mode=ro"


def is_busy(exc: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED")


def _begin_write(store: Store) -> None:
    """Take the write lock, waiting up to BUSY_TIMEOUT for another program's write to end."""
    try:
        store._db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise
        raise store._busy() from None


def _drop_helper(store: Store) -> None:
    """Close the second reader: once this connection writes, it no longer sees the same data."""
    if store._helper is not None:
        store._helper.close()
        store._helper = None


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """Read inside one consistent state of the file: every read in the block sees the same data.

    Reads nest: inside a snapshot, :meth:`tables` and :meth:`data_state`
    join it instead of starting their own.

    Examples
    --------
    >>> from followup_kit.data.store import Store
    >>> store = Store(":memory:")
    >>> with store.snapshot():
    ...     state, (candidates, interviews, events) = store.data_state(), store.tables()
    """
    if store._db.in_transaction:
        yield
        return
    store._db.execute("BEGIN")
    try:
        yield
    finally:
        if store._helper is not None:
            store._helper.close()
            store._helper = None
        store._db.execute("COMMIT")


@contextmanager
def _transaction(store: Store) -> Iterator[None]:
    """One write transaction: the rows inserted inside are verified, traced and committed.

    Any error rolls everything back; a constraint SQLite itself enforces
    (a duplicate id another program wrote meanwhile) becomes a FollowupKitError.
    """
    q = store._db.execute
    cache_kib = q("PRAGMA cache_size").fetchone()[0]
    # Row by row, SQLite's foreign-key lookups and CHECK lists cost more than the insert
    # itself; _verify makes the same checks once over the new rows before COMMIT. Both
    # pragmas only take effect outside a transaction.
    q("PRAGMA foreign_keys = OFF")
    q("PRAGMA ignore_check_constraints = ON")
    q(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")
    try:
        store._begin_write()
        try:
            before = store._tops()
            recorded = q(f"SELECT {', '.join(TOPS)} FROM data_state").fetchone()
            yield
            store._verify(before)
            store._trace(before, tuple(recorded))
            q("COMMIT")
        except sqlite3.IntegrityError as exc:
            q("ROLLBACK")
            raise FollowupKitError(
                f"{store.path}: the store changed while this was being written ({exc}); "
                "nothing was written: run the same command again") from None
        except BaseException:
            q("ROLLBACK")
            raise
    finally:
        store._drop_helper()
        q(f"PRAGMA cache_size = {cache_kib}")
        q("PRAGMA ignore_check_constraints = OFF")
        q("PRAGMA foreign_keys = ON")


def _tops(store: Store) -> tuple[int, ...]:
    """Each stored table's largest rowid, in :data:`~followup_kit.data.schema.STORED` order: a
    write's new rows lie above it."""
    return tuple(store._db.execute(f"SELECT coalesce(max(rowid), 0) FROM {name}").fetchone()[0]
                 for name in schema.STORED)


def _verify(store: Store, before: tuple[int, ...]) -> None:
    """The foreign keys and CHECK constraints of the rows added since ``before``.

    The checks are the schema's own (a reference names a stored parent, a
    choice is one allowed, a yes/no is 0 or 1), so a row that passed
    :func:`schema.validate` passes here unless another program changed the
    store in between.
    """
    for name, top in zip(schema.STORED, before, strict=True):
        table = schema.TABLES[name]
        failures = {}
        for col in table.columns:
            if col.kind == "ref":
                parent = schema.TABLES[col.parent]
                # A row naming its candidate and an interview (a note) names one of that candidate's.
                same = (" AND p.candidate_id = t.candidate_id"
                        if col.parent == "interviews" and "candidate_id" in table.names else "")
                failures[col.name] = (
                    f"t.{col.name} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {parent.name} AS p "
                    f"WHERE p.{parent.key} = t.{col.name}{same})",
                    f"its {col.parent[:-1]} is no longer in the store")
            elif col.kind == "choice":
                failures[col.name] = (f"t.{col.name} NOT IN ({sql_choices(col.allowed)})",
                                      f"{col.name} is not one of {', '.join(col.allowed)}")
            elif col.kind == "bool":
                failures[col.name] = (f"t.{col.name} NOT IN (0, 1)", f"{col.name} is not true or false")
            elif col.kind == "count":
                failures[col.name] = (f"typeof(t.{col.name}) NOT IN ('integer', 'null') OR t.{col.name} < 1",
                                      f"{col.name} is not a whole number, 1 or more")
        if not failures:
            continue
        where = " OR ".join(f"({sql})" for sql, _ in failures.values())
        bad = store._db.execute(f"SELECT {table.key}, {', '.join(f'({sql})' for sql, _ in failures.values())} "
                                f"FROM {name} AS t WHERE t.rowid > ? AND ({where}) LIMIT 1", (top,)).fetchone()
        if bad:
            why = next(text for (_, text), failed in zip(failures.values(), bad[1:], strict=True) if failed)
            raise FollowupKitError(
                f"{store.path}: {table.name[:-1]} '{bad[0]}' could not be written: {why} "
                "(the store changed while this was being written); nothing was written: "
                "run the same command again")
