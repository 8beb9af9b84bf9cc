"""Writing many rows at once: CSV imports and DataFrames, checked together, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .. import schema
from .progress import progress_bar
from .transactions import WRITE_CACHE_KIB

if TYPE_CHECKING:
    from tqdm import tqdm

    from . import Store

#: Rows turned into Python values at a time while inserting: a million rows at once would
#: hold gigabytes of small strings; this many keep memory flat at no cost in speed.
INSERT_CHUNK = 100_000
#: Rows per INSERT statement on the bulk path: one statement of many rows costs SQLite and
#: Python less per row than as many one-row statements, and stays far below SQLite's 32,766
#: parameters a statement.
ROWS_PER_INSERT = 256
#: How many bytes of store one byte of CSV becomes, about (the sample: 1.6), with room to spare:
#: an import whose pages may not fit WRITE_CACHE_KIB is checked before any row is written.
STORE_BYTES_PER_CSV_BYTE = 2


def import_csv(store: Store, *paths: str | Path, progress: bool = False) -> dict[str, int]:
    """Import CSV files (each table recognised by its header, notes too), all or nothing.

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
    store._writable()
    size = sum(Path(p).stat().st_size for p in paths if Path(p).is_file())
    with ThreadPoolExecutor(max_workers=1) as reader, progress_bar(
            total=0, desc="importing", unit="row", unit_scale=True, disable=not progress,
            leave=False) as bar:
        files = [reader.submit(schema.read_csv, p) for p in paths]
        return store._write_files(files, reader, size * STORE_BYTES_PER_CSV_BYTE > WRITE_CACHE_KIB * 1024,
                                  bar)


def _write_files(store: Store, files: list[Future], reader: ThreadPoolExecutor, check_first: bool,
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
        with store._transaction():
            known = store.known()
            checked = reader.submit(lambda: schema.validate([f.result() for f in files], known,
                                                            as_typed=False))
            if check_first:
                checked.result()
            for name in schema.STORED:
                raw = table(name)
                if raw is not None:
                    bar.set_postfix_str(name)
                    counts[name] = store._insert(schema.TABLES[name], raw.frame, bar)
            checked.result()
    except BaseException:
        # Rows not yet checked may have failed on the way in; the checks say why, in words.
        failure = checked.exception() if checked is not None else None
        if failure is not None:
            raise failure from None
        raise
    return counts


def add_candidates(store: Store, frame: pd.DataFrame) -> int:
    """Add candidates from a DataFrame with the candidates columns; all or nothing."""
    return store._add("candidates", frame)


def add_interviews(store: Store, frame: pd.DataFrame) -> int:
    """Add interviews from a DataFrame with the interviews columns; all or nothing."""
    return store._add("interviews", frame)


def add_events(store: Store, frame: pd.DataFrame) -> int:
    """Add events from a DataFrame with the events columns; all or nothing.

    ``date`` may hold dates, tz-aware timestamps or ISO text.
    """
    return store._add("events", frame)


def _add(store: Store, table: str, frame: pd.DataFrame | Iterable[dict]) -> int:
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(list(frame))
    raw = schema.frame_to_raw(schema.TABLES[table], frame, source=f"<{table}>")
    return store._write([raw])[table]


def _write(store: Store, raws: list[schema.RawTable], *, checked: bool = False) -> dict[str, int]:
    """Check tables against the stored ids and write them, both in one write transaction.

    ``checked=True`` skips the checks, leaving only the ones made over the
    inserted rows before COMMIT (:meth:`_verify`).
    """
    store._writable()
    by_name = {r.table.name: r for r in raws}
    counts = {}
    with store._transaction():
        if not checked:
            schema.validate(raws, store.known(), as_typed=False)
        for name in schema.STORED:
            if name in by_name:
                counts[name] = store._insert(schema.TABLES[name], by_name[name].frame)
    return counts


def _insert(store: Store, table: schema.Table, text: pd.DataFrame, bar: tqdm | None = None) -> int:
    store._drop_helper()
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
        store._db.executemany(many, values[:whole].reshape(-1, ROWS_PER_INSERT * len(columns)).tolist())
        store._db.executemany(head + one, values[whole:].tolist())
        if bar is not None:
            bar.update(len(chunk))
    return len(text)
