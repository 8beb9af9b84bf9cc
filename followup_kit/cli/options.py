"""What every subcommand reads the same way: dates typed on the command line, CSV on stdout."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.dates import as_day, parse_day
from ..data.schema import guard_formulas
from ..data.store import Store
from ..errors import FollowupKitError, ValidationError
from ..words import human_date


def day_option(value: str | None, option: str) -> np.datetime64:
    """The day an option names (``--today``, ``--as-of``); the computer's today when not given.

    Goes through the one strict parser, so ``03/04/2026`` is refused with a
    message naming the option instead of being read as 4 March or 3 April.
    """
    return as_day(None) if value is None else parse_day(value, option)


def open_store(db: str, *, readonly: bool = False, create: bool = False) -> Store:
    """The store ``--db`` names; a store that cannot be opened is an error that names ``--db``.

    Only ``init`` creates a store (``create=True``). For every other command a
    missing file, or an empty one (SQLite would take it for a new store), is
    an error, and nothing is made or changed.
    """
    if not create and not _holds_a_store(db):
        raise FollowupKitError(f"--db: no store at {db}; create one with followup-kit init")
    try:
        return Store(db, readonly=readonly)
    except FollowupKitError as exc:
        raise FollowupKitError(f"--db: {exc}") from None
    except OSError as exc:
        raise FollowupKitError(f"--db: cannot use {db}: {exc.strerror}") from None


def _holds_a_store(db: str) -> bool:
    """Whether ``db`` is something that could be a store: a file with bytes in it, or a folder
    (which the store refuses in words of its own)."""
    path = Path(db)
    return path.is_dir() or (path.is_file() and path.stat().st_size > 0)


def writable(db: str) -> bool:
    """Whether this user may write the store ``db``: the file and its folder (where the WAL goes)."""
    path = Path(db)
    return path.is_file() and os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


@contextmanager
def about(option: str) -> Iterator[None]:
    """Errors raised inside are about ``option``: their one line starts with it.

    For a call whose only input from the command line is that option, such as
    the folder or file a command writes to.
    """
    try:
        yield
    except FollowupKitError as exc:
        raise FollowupKitError(f"{option}: {exc}") from None


def write_csv(frame: pd.DataFrame) -> None:
    """Write a table to stdout as CSV, with spreadsheet formulas neutralised."""
    guard_formulas(frame).to_csv(sys.stdout, index=False)


def nothing_held(interviews: pd.DataFrame, day) -> str:
    """Why a plan or report for ``day`` is empty: no interviews at all, or none held by then."""
    if interviews.empty:
        return "no interviews in the store yet: import some with 'followup-kit import'"
    first = interviews["interview_date"].min()
    return (f"no interviews held by {human_date(day, with_year=True)}; "
            f"the first is on {human_date(first, with_year=True)}")


def text_table(frame: pd.DataFrame) -> str:
    """Left-aligned columns, two spaces apart; the last column (the reason) is not padded."""
    cells = frame.astype("str")
    lines = pd.Series("", index=cells.index, dtype="str")
    header = ""
    for name in cells.columns[:-1]:
        width = max(len(name), int(cells[name].str.len().max()))
        lines = lines + cells[name].str.ljust(width) + "  "
        header += name.ljust(width) + "  "
    lines = lines + cells[cells.columns[-1]]
    return "\n".join([header + cells.columns[-1], *lines])


def option_error(exc: ValidationError, options: dict[str, str]) -> FollowupKitError:
    """The first problem of a one-row write, naming the option that was typed (``options``: field -> option)."""
    problem = exc.problems[0]
    return FollowupKitError(f"{options.get(problem.column, problem.column)}: {problem.message}")
