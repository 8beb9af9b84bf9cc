"""The three tables as Parquet datasets, partitioned so that each candidate's rows meet in one file.

A dataset is a folder with ``candidates/``, ``interviews/`` and ``events/``,
each holding the same file names (``part-00000.parquet``, ...). File number
``k`` of every table holds the same candidates: their row, their interviews
and those interviews' events. Every interview fact depends on one
candidate's rows only, so each partition can be turned into facts on its own,
on any machine, without moving rows between them.

Two layouts are written:

* ``hash`` (the default): a candidate goes to file ``hash(candidate_id) % n``,
  with ``n`` chosen so a file holds about :data:`INTERVIEWS_PER_PART`
  interviews. Files come out the same size whatever the cohorts.
* ``cohort``: one file per cohort. Files are as uneven as the cohorts, and a
  programme with few large cohorts gets few large files.

``benchmarks/scale.py`` measures both; the README gives the figures.

Columns keep the dtypes of :func:`followup_kit.data.schema.typed`. A dataset
read back goes through the same checks as a CSV import
(:func:`followup_kit.data.schema.validate`), file by file: a problem names
the file (``events/part-00003.parquet``), the row (counted as in a CSV
export: the first data row is row 2) and the column.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm.auto import tqdm

from ..errors import FollowupKitError, Problem, ValidationError
from . import schema
from .lookup import positions

#: The layouts :func:`write_parquet` knows.
LAYOUTS = ("hash", "cohort")
#: Interviews per file in the ``hash`` layout: a few hundred megabytes of facts at most.
INTERVIEWS_PER_PART = 250_000
#: The typed events column that is not a column of the CSV file (see schema).
_MOMENT = "sent_at"


def _part_name(number: int) -> str:
    return f"part-{number:05d}.parquet"


def candidate_parts(candidates: pd.DataFrame, interviews: pd.DataFrame, layout: str = "hash",
                    parts: int | None = None) -> tuple[np.ndarray, int]:
    """The file each candidate goes to.

    Parameters
    ----------
    candidates, interviews : DataFrame
        Typed tables; ``interviews`` only sets the number of files of the ``hash`` layout.
    layout : {"hash", "cohort"}
        See the module docstring.
    parts : int, optional
        Files of the ``hash`` layout; by default one per :data:`INTERVIEWS_PER_PART` interviews.

    Returns
    -------
    tuple of (ndarray, int)
        Each candidate's file number, and the number of files.
    """
    if layout not in LAYOUTS:
        raise FollowupKitError(f"unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if layout == "cohort":
        if parts is not None:
            raise FollowupKitError("the cohort layout writes one file per cohort; leave out the number "
                                   "of partitions or choose the hash layout")
        codes, names = pd.factorize(candidates["cohort"], sort=True)
        return codes.astype(np.int64), max(len(names), 1)
    if parts is None:
        parts = max(1, math.ceil(len(interviews) / INTERVIEWS_PER_PART))
    if isinstance(parts, bool) or not isinstance(parts, int | np.integer) or parts < 1:
        raise FollowupKitError(f"the number of partitions must be a whole number, 1 or more (got {parts!r})")
    return _hash_part(candidates["candidate_id"], int(parts)), int(parts)


def _hash_part(ids: pd.Series, parts: int) -> np.ndarray:
    # pandas' hash is fixed across processes and versions, so a dataset written twice splits the same.
    hashed = pd.util.hash_pandas_object(pd.Series(ids, dtype="str"), index=False).to_numpy()
    return (hashed % np.uint64(parts)).astype(np.int64)


def write_parquet(out_dir: str | Path, tables: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], *,
                  layout: str = "hash", parts: int | None = None,
                  progress: bool = False) -> list[Path]:
    """Write (candidates, interviews, events) as a Parquet dataset, one candidate's rows per file.

    All or nothing: the dataset is written in a new folder beside ``out_dir``
    and moved into place once complete.

    Parameters
    ----------
    out_dir : str or Path
        A new (or empty) folder.
    tables : tuple of DataFrame
        Typed tables, as ``Store.tables()`` and ``generate_typed`` return them.
    layout : {"hash", "cohort"}
        See the module docstring.
    parts : int, optional
        Files per table in the ``hash`` layout.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    list of Path
        The three table folders, candidates first.
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        # Files left from an earlier dataset would be read as part of this one.
        raise FollowupKitError(f"{out} already exists and is not an empty folder; choose a new folder "
                               "for the Parquet dataset or remove it")
    candidates, interviews, events = (t.reset_index(drop=True) for t in tables)
    per_candidate, n = candidate_parts(candidates, interviews, layout, parts)
    if layout == "hash":
        per_interview = _hash_part(interviews["candidate_id"], n)
    else:
        found = positions(interviews["candidate_id"], candidates["candidate_id"])
        per_interview = np.where(found >= 0, per_candidate[np.maximum(found, 0)], 0)
    found = positions(events["interview_id"], interviews["interview_id"])
    per_event = np.where(found >= 0, per_interview[np.maximum(found, 0)], 0)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    except OSError as exc:
        raise FollowupKitError(f"cannot create the folder {out}: {exc.strerror}") from None
    try:
        with tqdm(total=3 * n, desc="writing Parquet", unit="file", disable=not progress,
                  leave=False) as bar:
            for name, frame, part in zip(schema.ORDER, (candidates, interviews, events),
                                         (per_candidate, per_interview, per_event), strict=True):
                _write_table(staging / name, frame, part, n, bar)
        if out.exists():
            out.rmdir()
        os.replace(staging, out)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise FollowupKitError(f"cannot write the Parquet dataset {out}: {exc.strerror}") from None
        raise
    return [out / name for name in schema.ORDER]


def _write_table(folder: Path, frame: pd.DataFrame, part: np.ndarray, n: int, bar: tqdm) -> None:
    folder.mkdir()
    order = np.argsort(part, kind="stable")
    table = pa.Table.from_pandas(frame, preserve_index=False).take(pa.array(order))
    bounds = np.searchsorted(part[order], np.arange(n + 1))
    for number in range(n):
        # An empty file still carries the columns and their types, so every table has every part.
        pq.write_table(table.slice(bounds[number], bounds[number + 1] - bounds[number]),
                       folder / _part_name(number))
        bar.update()


def dataset_parts(path: str | Path) -> list[dict[str, Path]]:
    """The files of a Parquet dataset, partition by partition.

    Parameters
    ----------
    path : str or Path
        The folder :func:`write_parquet` wrote.

    Returns
    -------
    list of dict
        One ``{"candidates": file, "interviews": file, "events": file}`` per partition, in order.
    """
    root = Path(path)
    if not root.is_dir():
        raise FollowupKitError(f"{root} is not a folder; write a dataset there with "
                               "'followup-kit sample --format parquet' or 'followup-kit export "
                               "--format parquet'")
    names = {}
    for table in schema.ORDER:
        folder = root / table
        found = sorted(p.name for p in folder.glob("*.parquet")) if folder.is_dir() else []
        if not found:
            raise FollowupKitError(f"{folder} holds no Parquet files; a dataset needs candidates/, "
                                   "interviews/ and events/ folders, as 'followup-kit export --format "
                                   "parquet' writes them")
        names[table] = found
    first = names[schema.ORDER[0]]
    for table in schema.ORDER[1:]:
        missing = sorted(set(first) ^ set(names[table]))
        if missing:
            where = table if missing[0] not in names[table] else schema.ORDER[0]
            raise FollowupKitError(f"{root / where / missing[0]} is missing: every table needs the same "
                                   "partition files, so that a candidate's rows meet in one partition")
    return [{table: root / table / name for table in schema.ORDER} for name in first]


def source_name(file: Path) -> str:
    """How a problem names a partition file: its table folder and file name."""
    return f"{file.parent.name}/{file.name}"


def read_part(file: Path) -> pd.DataFrame:
    """One partition file of one table, as it is stored (checked by :func:`checked_part`).

    Parameters
    ----------
    file : Path

    Returns
    -------
    DataFrame
    """
    try:
        return pq.read_table(file).to_pandas()
    except (OSError, pa.ArrowException) as exc:
        raise ValidationError(Problem(source_name(file), 1, "-",
                                      f"not a readable Parquet file ({exc})")) from None


def checked_part(frames: dict[str, pd.DataFrame], files: dict[str, Path]) -> tuple[pd.DataFrame, ...]:
    """One partition's three tables, checked as a CSV import is and typed.

    The cross-table checks (an interview's candidate, an event's interview,
    an event dated before its interview) look inside the partition only, so
    a dataset whose candidate's rows are split between files fails them.

    Parameters
    ----------
    frames : dict of DataFrame
        ``{"candidates": ..., "interviews": ..., "events": ...}`` as read by :func:`read_part`.
    files : dict of Path
        The files they were read from, to name in problems.

    Returns
    -------
    tuple of DataFrame
        (candidates, interviews, events) typed as :func:`followup_kit.data.schema.typed` types them.

    Raises
    ------
    ValidationError
        Every problem of the partition, each naming file, row and column.
    """
    raws = []
    moment = None
    for name in schema.ORDER:
        frame = frames[name]
        source = source_name(files[name])
        if name == "events" and _MOMENT in frame.columns:
            moment = frame[_MOMENT].reset_index(drop=True)
            if not isinstance(moment.dtype, pd.DatetimeTZDtype):
                raise ValidationError(Problem(source, 1, _MOMENT, "the moment an event was sent must be "
                                              f"a timestamp with a time zone (found {moment.dtype})"))
            frame = frame.drop(columns=_MOMENT)
        raws.append(schema.frame_to_raw(schema.TABLES[name], frame, source))
    typed = schema.validate(raws)
    events = typed["events"]
    if moment is not None:
        events[_MOMENT] = moment.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    return typed["candidates"], typed["interviews"], events


def read_parquet(path: str | Path, *, progress: bool = False) -> tuple[pd.DataFrame, ...]:
    """A whole Parquet dataset in this process, checked partition by partition and typed.

    Parameters
    ----------
    path : str or Path
        The folder :func:`write_parquet` wrote.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    tuple of DataFrame
        (candidates, interviews, events), as ``Store.tables()`` returns them.
    """
    parts = dataset_parts(path)
    checked = []
    for files in tqdm(parts, desc="reading and checking", unit="partition", disable=not progress,
                      leave=False):
        checked.append(checked_part({name: read_part(file) for name, file in files.items()}, files))
    return tuple(pd.concat([part[i] for part in checked], ignore_index=True)
                 for i in range(len(schema.ORDER)))
