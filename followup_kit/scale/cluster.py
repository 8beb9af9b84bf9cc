"""The cohort report for programmes that outgrow one machine: Dask over Parquet.

The interview facts are written once as a Parquet dataset (several files);
a Dask cluster reduces them to the same count tables that
:func:`followup_kit.stats.counts.count` builds with pandas, each with one group-by
sum, and the statistics of :mod:`followup_kit.stats` run on those small
tables. Because both paths meet at the counts, the report gives the same
numbers as :func:`followup_kit.cohort_report` on one machine.

Dask is optional (``pip install 'followup-kit[scale]'``) and imported only
when a function here needs it, so ``import followup_kit`` never does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import FollowupKitError
from ..stats import counts, report

#: Rows per Parquet file: small enough for one worker's memory many times over.
PARTITION_ROWS = 250_000


def _dask():
    """Import dask.dataframe, or say how to install it."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:
        raise FollowupKitError("the scale path needs Dask: pip install 'followup-kit[scale]'") from exc
    return dask, dd


def write_facts_parquet(facts: pd.DataFrame, path: str | Path,
                        partition_rows: int = PARTITION_ROWS) -> list[Path]:
    """Write interview facts as a Parquet dataset a Dask cluster can read in parallel.

    Rows keep their order (facts come ordered by candidate) and their types:
    categorical columns keep every category in order, so a cohort without
    interviews still shows up in the report and cohorts stay in the order
    they began; dates stay dates and yes/no columns stay booleans.

    Parameters
    ----------
    facts : DataFrame
        Interview facts from :func:`followup_kit.facts`.
    path : str or Path
        A new (or empty) folder; one file per ``partition_rows`` rows is written in it.
    partition_rows : int
        Rows per file.

    Returns
    -------
    list of Path
        The files written, in row order.
    """
    counts.require(facts, [], "writing facts to Parquet")
    if isinstance(partition_rows, bool) or not isinstance(partition_rows, int | np.integer) \
            or partition_rows < 1:
        raise FollowupKitError(f"partition_rows must be a whole number of rows, 1 or more "
                               f"(got {partition_rows!r})")
    folder = Path(path)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        # Files left from an earlier dataset would be read as part of this one.
        raise FollowupKitError(f"{folder} already exists and is not an empty folder; "
                               "choose a new folder for the Parquet dataset or remove it")
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(facts, preserve_index=False)
    written = []
    for number, start in enumerate(range(0, max(len(facts), 1), partition_rows)):
        file = folder / f"part-{number:05d}.parquet"
        pq.write_table(table.slice(start, partition_rows), file)
        written.append(file)
    return written


def read_facts_parquet(path: str | Path):
    """Open a Parquet dataset of interview facts as a Dask DataFrame.

    Parameters
    ----------
    path : str or Path
        The folder :func:`write_facts_parquet` wrote.

    Returns
    -------
    dask.dataframe.DataFrame
        One partition per file, read only when something is computed.
    """
    _, dd = _dask()
    folder = Path(path)
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        raise FollowupKitError(f"{folder} holds no Parquet files; write the facts there with "
                               "followup_kit.scale.write_facts_parquet(facts, path)")
    return dd.read_parquet(str(folder))


def count_dask(ddf, by: str | Sequence[str] | None = "cohort", questions: Sequence[str] = (),
               days: bool = True, *, client=None) -> counts.Counts:
    """The count tables of :func:`followup_kit.stats.counts.count`, computed on a Dask cluster.

    Each table is one group-by sum over the partitions; the distinct
    candidates are one more group-by. All of them are computed together, so
    the files are read once. The result is small pandas frames in the shape,
    order and types the pandas path gives, so every ``*_from_counts``
    function in :mod:`followup_kit.stats` takes them.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Interview facts, e.g. from :func:`read_facts_parquet`.
    by : str or list of str, optional
        The columns to group by; ``None`` for one group.
    questions : list of str
        The yes/no counts wanted per group; see :func:`followup_kit.stats.counts.count`.
    days : bool
        Also build the day counts (events and censored per group and day).
    client : distributed.Client, optional
        The cluster to compute on; by default Dask's current scheduler.

    Returns
    -------
    Counts
    """
    dask, dd = _dask()
    if not isinstance(ddf, dd.DataFrame):
        raise FollowupKitError(f"count_dask needs the facts as a Dask DataFrame, got "
                               f"{type(ddf).__name__}; open a Parquet dataset with "
                               "followup_kit.scale.read_facts_parquet(path)")
    by = counts.as_by(by)
    questions = list(questions)
    asked = [q for q in questions if q != "candidates"]
    needed = [*by, *counts.question_columns(questions)]
    if "candidates" in questions:
        needed.append("candidate_id")
    if days:
        needed += ["response_days", "responded"]
    counts.require(ddf._meta, needed, "counting")
    ddf = _known_categories(ddf, by, client)
    sums = ["interviews", *asked]
    hits = ddf.map_partitions(_question_hits, by, asked,
                              meta=_question_hits(ddf._meta, by, asked))
    pending = {"groups": _sum(hits, by, sums)}
    if "candidates" in questions:
        # One reducer holds the distinct ids (a few megabytes for a million
        # candidates), which is cheaper than shuffling them between workers.
        ids = ddf["candidate_id"]
        pending["candidates"] = (ddf.groupby(by, sort=False, observed=True, dropna=False)
                                 ["candidate_id"].nunique(split_out=1) if by
                                 else ids.nunique(dropna=False, split_out=1))
    if days:
        day_hits = ddf.map_partitions(_day_hits, by, meta=_day_hits(ddf._meta, by))
        pending["days"] = _sum(day_hits, [*by, "days"], counts.DAY_COLUMNS[1:])
    done = dict(zip(pending, _compute(dask, client, *pending.values()), strict=True))

    keys = ddf._meta[by]
    groups = _tidy(done["groups"], by, keys, sums, every_category=True)
    if "candidates" in done:
        distinct = done["candidates"]
        distinct = (distinct.rename("candidates").to_frame() if by
                    else pd.DataFrame({"candidates": [distinct]}))
        found = _tidy(distinct, by, keys, ["candidates"], every_category=True)
        groups["candidates"] = found["candidates"].to_numpy()
        groups = groups[[*by, "interviews", *questions]]
    table = None
    if days:
        table = _tidy(done["days"], [*by, "days"], keys, counts.DAY_COLUMNS[1:], every_category=False)
    return counts.Counts(by=by, groups=groups, days=table)


def cohort_report_dask(source, client=None, within_days: int = 30) -> pd.DataFrame:
    """The programme lead's cohort report, with the counting done on a Dask cluster.

    Same table, same numbers as :func:`followup_kit.cohort_report`: only the
    count tables are built on the cluster; every statistic is the one the
    pandas report computes.

    Parameters
    ----------
    source : str, Path or dask.dataframe.DataFrame
        A Parquet dataset written by :func:`write_facts_parquet`, or the facts
        as a Dask DataFrame.
    client : distributed.Client, optional
        The cluster to compute on; by default Dask's current scheduler.
    within_days : int
        The horizon of the "answered within" share.

    Returns
    -------
    DataFrame
        See :func:`followup_kit.cohort_report`.
    """
    _, dd = _dask()
    ddf = source if isinstance(source, dd.DataFrame) else read_facts_parquet(source)

    on_cluster = count_dask(ddf, "cohort", report.REPORT_QUESTIONS, days=True, client=client)
    return report.cohort_report_from_counts(on_cluster, within_days)


# -- helpers -------------------------------------------------------------------
def _question_hits(part: pd.DataFrame, by: list[str], asked: list[str]) -> pd.DataFrame:
    """Per row: the group columns, 1 for ``interviews`` and 0/1 for each question."""
    out = part[by].copy()
    out["interviews"] = np.ones(len(part), dtype=np.int64)
    for name in asked:
        out[name] = counts.hits(part, name).astype(np.int64)
    return out


def _day_hits(part: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per row: the group columns, ``days``, and 0/1 for ``events`` and ``censored``."""
    days, answered = counts.response_arrays(part)
    out = part[by].copy()
    out["days"] = days
    out["events"] = answered
    out["censored"] = 1 - answered
    return out


def _sum(hits, keys: list[str], columns: list[str]):
    if not keys:
        return hits[columns].sum()
    # Count tables are small: one output partition, combined as a tree, no shuffle.
    return hits.groupby(keys, sort=False, observed=True, dropna=False)[columns].sum(split_out=1)


def _compute(dask, client, *things):
    if client is None:
        return dask.compute(*things)
    return dask.compute(*things, scheduler=client.get)


def _known_categories(ddf, by: list[str], client):
    """Give categorical group columns their categories, in the order the files hold them.

    Parquet files keep each column's categories, but Dask does not read them
    up front; the report lists cohorts in that order, empty ones included.
    """
    dask, _ = _dask()
    unknown = [c for c in by
               if isinstance(ddf[c].dtype, pd.CategoricalDtype) and not ddf[c].cat.known]
    if not unknown:
        return ddf
    found = _compute(dask, client, *[
        ddf[c].map_partitions(_categories_of, meta=pd.Series([], dtype=object)) for c in unknown])
    dtypes = {}
    for column, lists in zip(unknown, found, strict=True):
        merged = list(dict.fromkeys(v for one in lists for v in one))
        values = pd.Index(merged, dtype=lists.iloc[0].dtype) if len(lists) else pd.Index(merged)
        dtypes[column] = pd.CategoricalDtype(values, ordered=ddf[column].dtype.ordered)
    return ddf.astype(dtypes)


def _categories_of(column: pd.Series) -> pd.Series:
    return pd.Series([column.cat.categories], dtype=object)


def _tidy(result, keys: list[str], key_meta: pd.DataFrame, columns: list[str], *,
          every_category: bool) -> pd.DataFrame:
    """A computed group-by sum as the pandas path lays it out.

    Groups come sorted (a categorical in category order), missing keys last;
    with ``every_category`` a single categorical group column lists every
    category, as :func:`followup_kit.stats.counts.group_index` does.
    """
    if isinstance(result, pd.Series) and not keys:
        return pd.DataFrame({c: [np.int64(result[c])] for c in columns})
    table = result.reset_index() if keys else result
    group_by = [c for c in keys if c in key_meta]
    # Dask reads text as NA-backed strings; the facts hold pandas' default str.
    table = table.astype({c: "str" if isinstance(key_meta[c].dtype, pd.StringDtype)
                          else key_meta[c].dtype for c in group_by})
    for c in group_by:
        if isinstance(key_meta[c].dtype, pd.CategoricalDtype) and len(group_by) == 1 \
                and table[c].isna().any():
            raise FollowupKitError(f"the column {c} has missing values; fill them to group by it")
    if every_category and len(group_by) == 1 and isinstance(key_meta[group_by[0]].dtype,
                                                            pd.CategoricalDtype):
        column = group_by[0]
        dtype = key_meta[column].dtype
        every = pd.DataFrame({column: pd.Categorical(dtype.categories, dtype=dtype)})
        table = every.merge(table, on=column, how="left", sort=False)
        table[columns] = table[columns].fillna(0)
    else:
        table = table.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
    return table[[*keys, *columns]].astype(dict.fromkeys(columns, np.int64))
