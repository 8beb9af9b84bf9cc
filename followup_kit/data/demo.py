"""The demo store: the sample in ``data/`` imported once into ``data/demo.db``, for notebooks and tours."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import FollowupKitError
from . import schema
from .store import SCHEMA_VERSION, Store

#: The folder holding the committed sample (``candidates.csv``, ``interviews.csv``, ``events.csv``,
#: ``notes.csv``).
DATA_DIR = Path(__file__).resolve().parents[2] / "data"
#: The day the sample describes: the demo looks at it from there.
DEMO_AS_OF = "2026-11-01"


def demo_store(path: str | Path | None = None, data_dir: str | Path | None = None) -> Path:
    """The path of the demo store, built from the sample CSV files when missing or out of date.

    ``make demo`` builds it; a notebook opened on a fresh checkout builds it
    here on first use (a second or two), so every notebook runs without a
    separate step. The store is built in a temporary file and moved into
    place, so a notebook and ``make demo`` starting together never see half
    a store.

    Parameters
    ----------
    path : str or Path, optional
        Where the store lives; ``data/demo.db`` by default.
    data_dir : str or Path, optional
        The folder of the CSV files; the repository's ``data/`` by default. Its
        ``notes.csv`` is imported when it is there.

    Returns
    -------
    Path
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    path = Path(path) if path is not None else data_dir / "demo.db"
    sources = [data_dir / f"{name}.csv" for name in schema.ORDER]
    missing = [s.name for s in sources if not s.is_file()]
    if missing:
        raise FollowupKitError(f"{data_dir}: no {', '.join(missing)}; the demo store is built from "
                               "the sample CSV files there")
    notes = data_dir / "notes.csv"
    sources += [notes] if notes.is_file() else []
    if path.exists() and _current(path, sources):
        return path
    fd, scratch = tempfile.mkstemp(suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        with Store(scratch) as store:
            store.import_csv(*sources)
        os.replace(scratch, path)
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    finally:
        for leftover in (scratch, scratch + "-wal", scratch + "-shm"):
            Path(leftover).unlink(missing_ok=True)
    return path


def _current(path: Path, sources: list[Path]) -> bool:
    """Whether the store is newer than its CSV files and at this version of the schema."""
    if path.stat().st_mtime < max(s.stat().st_mtime for s in sources):
        return False
    try:
        with Store(path, readonly=True) as store:
            return store.schema_version == SCHEMA_VERSION and store.counts()["interviews"] > 0
    except FollowupKitError:
        return False
