"""A copy of the store's file, taken while others keep writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import FollowupKitError
from .progress import progress_bar

if TYPE_CHECKING:
    from . import Store

#: Pages a backup copies per step: small enough that its progress moves, large enough to be quick.
BACKUP_PAGES = 1024


def backup(store: Store, out: str | Path, *, overwrite: bool = False, progress: bool = False) -> dict[str, int]:
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
        Rows copied, by table name, the notes' too.
    """
    target = Path(out)
    if store.path == ":memory:":
        raise FollowupKitError("a store in memory has no file to back up")
    if target.resolve() == Path(store.path).resolve():
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
        with store.snapshot(), progress_bar(total=0, desc="backing up", unit="page",
                                            disable=not progress, leave=False) as bar:
            copied = {**store.counts(),
                      "notes": store._db.execute("SELECT count(*) FROM notes").fetchone()[0]}

            def moved(status: int, remaining: int, total: int) -> None:
                bar.total, bar.n = total, total - remaining
                bar.refresh()

            copy = sqlite3.connect(scratch, isolation_level=None)
            try:
                store._db.backup(copy, pages=BACKUP_PAGES, progress=moved)
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
