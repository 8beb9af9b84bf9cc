"""The cohort report for programmes that outgrow one machine: Dask over a Parquet dataset.

The path from the raw tables to the report, with nothing per interview ever
gathered in one process:

1. each partition of the dataset (see :mod:`followup_kit.data.parquet`: one
   file per table, holding whole candidates) is read and checked on a worker,
   as a CSV import is checked;
2. the worker builds that partition's interview facts with
   :func:`followup_kit.facts`, the function the pandas path calls, and
   reduces them at once to count tables with
   :func:`followup_kit.stats.counts.count`;
3. the small per-partition count tables are summed (a tree of group-by sums,
   no shuffle) and only they reach the client, where the statistics of
   :mod:`followup_kit.stats` run on them.

Summing per partition is exact because a candidate's rows never straddle two
partitions: the distinct candidates of a cohort are the sum of each
partition's. The report therefore gives the numbers of
:func:`followup_kit.cohort_report` on one machine.

Dask is optional (``pip install 'followup-kit[scale]'``) and imported only
when a function here needs it, so ``import followup_kit`` never does.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from ..data import parquet, schema
from ..data.dates import as_day
from ..errors import FollowupKitError
from ..playbook.cohort_order import NEVER, first_interview_order, first_interviews
from ..playbook.interview_facts import facts
from ..playbook.policy import Policy
from ..stats import counts, report
from ..stats.cohort_tables import GROUPINGS, PARTS, CohortCounts, count_cohorts


def _dask():
    """Import dask.dataframe, or say how to install it."""
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:
        raise FollowupKitError("the scale path needs Dask: pip install 'followup-kit[scale]'") from exc
    return dask, dd


def facts_dask(path: str | Path, as_of=None, policy: Policy | None = None):
    """The interview facts of a Parquet dataset, as a Dask DataFrame built partition by partition.

    Nothing is read until something is computed. Each partition's three files
    are checked as a CSV import is (a bad file raises a ``ValidationError``
    naming the file, row and column) and turned into facts by
    :func:`followup_kit.facts` on the worker that reads them.

    Parameters
    ----------
    path : str or Path
        A dataset written by :func:`followup_kit.data.parquet.write_parquet`.
    as_of : date-like, optional
        The day the facts describe; default today.
    policy : Policy, optional
        The playbook's numbers; default ``Policy()``.

    Returns
    -------
    dask.dataframe.DataFrame
        One partition per file, the columns of ``FACTS_COLUMNS``.
    """
    _, dd = _dask()
    files = parquet.dataset_parts(path)
    day = as_day(as_of)
    policy = policy or Policy()
    tables = [dd.from_map(parquet.read_part, [part[name] for part in files],
                          meta=schema.empty(name), label=f"read-{name}")
              for name in schema.ORDER]
    meta = facts(*(schema.empty(name) for name in schema.ORDER), as_of=day, policy=policy)
    # Partition k of each table is file k of each folder: they line up by position.
    return dd.map_partitions(_partition_facts, *tables, files=files, as_of=day, policy=policy,
                             meta=meta, align_dataframes=False, enforce_metadata=False)


def _partition_facts(candidates: pd.DataFrame, interviews: pd.DataFrame, events: pd.DataFrame,
                     files: list[dict[str, Path]], as_of, policy: Policy,
                     partition_info=None) -> pd.DataFrame:
    """One partition's facts, from its three files once they pass the import's checks."""
    where = files[partition_info["number"]]
    frames = dict(zip(schema.ORDER, (candidates, interviews, events), strict=True))
    return facts(*parquet.checked_part(frames, where), as_of=as_of, policy=policy)


def count_dask(ddf, by: str | Sequence[str] | None = "cohort", questions: Sequence[str] = (),
               days: bool = True, *, client=None, progress: bool = False) -> counts.Counts:
    """The count tables of :func:`followup_kit.stats.counts.count`, computed on a Dask cluster.

    Every partition is counted by :func:`~followup_kit.stats.counts.count`
    itself; the partitions' tables are then summed. ``candidates`` is exact
    when no candidate's interviews straddle two partitions, as in the facts
    of :func:`facts_dask`.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        Interview facts from :func:`facts_dask`.
    by : str or list of str, optional
        The columns to group by; ``None`` for one group.
    questions : list of str
        The yes/no counts wanted per group; see :func:`followup_kit.stats.counts.count`.
    days : bool
        Also build the day counts (events and censored per group and day).
    client : distributed.Client, optional
        The cluster to compute on; by default Dask's current scheduler.
    progress : bool
        Show the cluster's progress bar on standard error.

    Returns
    -------
    Counts
        Small pandas frames in the shape, order and types the pandas path gives.
    """
    plan = _Plan(ddf, [(by, questions, days)])
    return plan.finish(_compute(client, progress, plan.pending))[0]


def cohort_counts_dask(source, as_of=None, policy: Policy | None = None, *, client=None,
                       progress: bool = False) -> CohortCounts:
    """The programme's cohort count tables, the report's and the patience meter's, in one run.

    Parameters
    ----------
    source : str, Path or dask.dataframe.DataFrame
        A Parquet dataset, or its facts from :func:`facts_dask`.
    as_of : date-like, optional
        The day the facts describe; default today.
    policy : Policy, optional
        The playbook's numbers; default ``Policy()``.
    client : distributed.Client, optional
        The cluster to compute on; by default Dask's current scheduler.
    progress : bool
        Show the cluster's progress bar on standard error.

    Returns
    -------
    CohortCounts
        ``by_cohort`` with every question of :data:`~followup_kit.stats.cohort_tables.COHORT_QUESTIONS`
        and the day counts, ``by_behaviour`` by cohort and thank-you timing,
        ``by_round`` by round with its day counts, as
        :func:`followup_kit.stats.cache.cohort_counts` builds them from a store.
    """
    _, dd = _dask()
    day = as_day(as_of)
    if isinstance(source, dd.DataFrame):
        plan = _Plan(source, GROUPINGS)
    else:
        policy = policy or Policy()
        plan = _Plan(facts_dask(source, day, policy), GROUPINGS,
                     read=(parquet.dataset_parts(source), day, policy))
    by_cohort, by_behaviour, by_round = plan.finish(_compute(client, progress, plan.pending))
    state = "" if isinstance(source, dd.DataFrame) else dataset_state(source)
    return CohortCounts(as_of=day, state=state, current=True, by_cohort=by_cohort,
                        by_behaviour=by_behaviour, by_round=by_round)


def cohort_report_dask(source, client=None, within_days: int = 30, as_of=None,
                       policy: Policy | None = None, *, progress: bool = False) -> pd.DataFrame:
    """The programme lead's cohort report, from raw tables to counts on a Dask cluster.

    Same table, same numbers as :func:`followup_kit.cohort_report` on the
    facts of the whole dataset: only the count tables are built on the
    cluster; every statistic is the one the pandas report computes.

    Parameters
    ----------
    source : str, Path or dask.dataframe.DataFrame
        A Parquet dataset, or its facts from :func:`facts_dask`.
    client : distributed.Client, optional
        The cluster to compute on; by default Dask's current scheduler.
    within_days : int
        The horizon of the "answered within" share.
    as_of : date-like, optional
        The day the report describes; default today.
    policy : Policy, optional
        The playbook's numbers; default ``Policy()``.
    progress : bool
        Show the cluster's progress bar on standard error.

    Returns
    -------
    DataFrame
        See :func:`followup_kit.cohort_report`.
    """
    counted = cohort_counts_dask(source, as_of, policy, client=client, progress=progress)
    return report.cohort_report_from_counts(counted.by_cohort, within_days)


def dataset_state(path: str | Path) -> str:
    """A token of a Parquet dataset's files (names, sizes, times): it changes when one is rewritten.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    str
    """
    files = [file for part in parquet.dataset_parts(path) for file in part.values()]
    stamps = pd.util.hash_pandas_object(pd.Series(
        [f"{parquet.source_name(f)}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files],
        dtype="str"), index=False)
    return f"parquet:{int(stamps.sum()) & ((1 << 64) - 1):016x}"


# -- helpers -------------------------------------------------------------------
class _Plan:
    """The count tables of several groupings of one facts DataFrame, computed in one run.

    From a Parquet dataset (``read``: its parts, the day and the policy), one
    task per partition reads its three files, builds the facts and counts
    them, so no per-interview row exists outside that task and none can move
    between processes, whatever the scheduler does with the tasks. From a
    Dask DataFrame of facts, each partition is counted by the task after the
    one that built it. The partitions' tables are then added up two by two.
    """

    def __init__(self, ddf, wanted: list[tuple], *, read=None):
        dask, dd = _dask()
        if not isinstance(ddf, dd.DataFrame):
            raise FollowupKitError(f"counting on the cluster needs the facts as a Dask DataFrame, got "
                                   f"{type(ddf).__name__}; open a Parquet dataset with "
                                   "followup_kit.scale.facts_dask(path)")
        self.meta = ddf._meta
        self.wanted = []
        ordered = set()
        for by, questions, days in wanted:
            by, questions = counts.as_by(by), list(questions)
            # The same checks as the pandas path, on the (empty) meta, before anything runs.
            counts.count(self.meta, by, questions, days=days)
            self.wanted.append((by, questions, days))
            ordered.update(c for c in by if self._built_per_partition(c))
        self.ordered = sorted(ordered)
        self.spec = []
        for by, _, days in self.wanted:
            self.spec.append((by, "sum"))
            if days:
                self.spec.append(([*by, "days"], "sum"))
        self.spec += [([column], "min") for column in self.ordered]
        if read is None:
            tables = [dask.delayed(_partition_tables)(part, self.wanted, self.ordered)
                      for part in ddf.to_delayed()]
        else:
            # From the files: one task reads a partition's three files, builds its facts and counts
            # them, so no row of a table or of the facts exists outside the task that needs it.
            files, as_of, policy = read
            count_part = dask.delayed(_read_and_count, pure=True)
            tables = [count_part(where, as_of, policy, self.wanted, self.ordered) for where in files]
        while len(tables) > 1:
            pairs = [tables[i:i + 2] for i in range(0, len(tables), 2)]
            tables = [dask.delayed(_add_tables)(*pair, self.spec) if len(pair) == 2 else pair[0]
                      for pair in pairs]
        self.pending = tables

    def _built_per_partition(self, column: str) -> bool:
        """A categorical whose categories each partition makes for itself (the cohorts)."""
        dtype = self.meta[column].dtype
        return isinstance(dtype, pd.CategoricalDtype) and len(dtype.categories) == 0

    def finish(self, done: list) -> list[counts.Counts]:
        found = list(done[0])
        dtypes = {column: _in_first_interview_order(firsts)
                  for column, firsts in zip(self.ordered, found[len(found) - len(self.ordered):],
                                            strict=True)}
        out = []
        for by, questions, days in self.wanted:
            groups = _tidy(found.pop(0), by, self.meta, dtypes, ["interviews", *questions],
                           every_category=True)
            table = (_tidy(found.pop(0), [*by, "days"], self.meta, dtypes, counts.DAY_COLUMNS[1:],
                           every_category=False) if days else None)
            out.append(counts.Counts(by=by, groups=groups, days=table))
        return out


def _plain_keys(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    # Each partition has categories of its own; the sums meet on the names.
    for column in by:
        if isinstance(table[column].dtype, pd.CategoricalDtype):
            table[column] = table[column].astype("str")
    return table


def _read_and_count(where: dict[str, Path], as_of, policy: Policy, wanted: list[tuple], ordered: list[str]) -> list:
    """One partition's count tables, from its three files: read, checked, made facts and counted here."""
    frames = {name: parquet.read_part(where[name]) for name in schema.ORDER}
    part = facts(*parquet.checked_part(frames, where), as_of=as_of, policy=policy)
    return _partition_tables(part, wanted, ordered)


def _partition_tables(part: pd.DataFrame, wanted: list[tuple], ordered: list[str]) -> list:
    """One partition's count tables, by the pandas path's own count, and its categories' first days."""
    tables = []
    for by, questions, days in wanted:
        counted = counts.count(part, by, questions, days=days)
        tables.append(_plain_keys(counted.groups, by))
        if days:
            tables.append(_plain_keys(counted.days, by))
    return tables + [_first_interviews(part, column) for column in ordered]


def _add_tables(left: list, right: list, spec: list[tuple]) -> list:
    """Two partitions' tables as one: counts added, first days the earlier of the two."""
    out = []
    for a, b, (keys, how) in zip(left, right, spec, strict=True):
        both = pd.concat([a, b], ignore_index=True)
        if not keys:
            out.append(both.sum().to_frame().T.astype(np.int64))
            continue
        grouped = both.groupby(keys, sort=False, observed=True, dropna=False)
        out.append((grouped.sum() if how == "sum" else grouped.min()).reset_index())
    return out


def _first_interviews(part: pd.DataFrame, column: str) -> pd.DataFrame:
    """Each category of ``column`` in the partition, with its first interview date (NaT for none)."""
    categories = part[column].cat.categories
    first = first_interviews(part[column].cat.codes.to_numpy(), part["interview_date"].to_numpy(),
                             len(categories))
    first = np.where(first == NEVER, np.datetime64("NaT", "us").view(np.int64), first)
    return pd.DataFrame({column: pd.Series(categories, dtype="str"),
                         "first": first.view("datetime64[us]")})


def _in_first_interview_order(firsts: pd.DataFrame) -> pd.CategoricalDtype:
    """The categories met from every partition's first days, in cohort order."""
    names = firsts.iloc[:, 0].astype("str").tolist()
    first = firsts.iloc[:, 1].to_numpy(dtype="datetime64[us]").view(np.int64)
    first = np.where(first == np.datetime64("NaT", "us").view(np.int64), NEVER, first)
    order = first_interview_order(names, first)
    return pd.CategoricalDtype(pd.Index([names[k] for k in order], dtype="str"))


def _compute(client, progress: bool, things: list) -> list:
    """Compute on the client's cluster (or Dask's current scheduler), with a bar on standard error."""
    dask, _ = _dask()
    if client is None:
        from dask.diagnostics import ProgressBar

        bar = ProgressBar(out=sys.stderr) if progress else contextlib.nullcontext()
        with bar:
            return list(dask.compute(*things))
    futures = client.compute(things, optimize_graph=True)
    if progress:
        from distributed import progress as show

        # The bar writes to standard output, which holds the report itself.
        with contextlib.redirect_stdout(sys.stderr):
            show(futures)
            print(file=sys.stderr)
    return client.gather(futures)


def _tidy(result, keys: list[str], meta: pd.DataFrame, dtypes: dict, columns: list[str], *,
          every_category: bool) -> pd.DataFrame:
    """A computed group-by sum as the pandas path lays it out.

    Groups come sorted (a categorical in category order), missing keys last;
    with ``every_category`` a single categorical group column lists every
    category, as :func:`followup_kit.stats.counts.group_index` does.
    """
    if not keys:
        return pd.DataFrame({c: [np.int64(result[c].sum())] for c in columns})
    table = result
    group_by = [c for c in keys if c in meta]
    kinds = {c: dtypes.get(c, meta[c].dtype) for c in group_by}
    # Dask may hand text back as NA-backed strings; the facts hold pandas' default str.
    table = table.astype({c: "str" if isinstance(kind, pd.StringDtype) else kind
                          for c, kind in kinds.items()})
    if every_category and len(group_by) == 1 and isinstance(kinds[group_by[0]], pd.CategoricalDtype):
        column = group_by[0]
        every = pd.DataFrame({column: pd.Categorical(kinds[column].categories, dtype=kinds[column])})
        table = every.merge(table, on=column, how="left", sort=False)
        table[columns] = table[columns].fillna(0)
    else:
        table = table.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)
    return table[[*keys, *columns]].astype(dict.fromkeys(columns, np.int64))


def cohort_counts_parquet(path: str | Path, as_of=None, policy: Policy | None = None, *,
                          engine: str = "pandas", client=None, progress: bool = False) -> CohortCounts:
    """The cohort count tables of a Parquet dataset, on one machine or on a Dask cluster.

    ``engine="pandas"`` reads and checks the whole dataset in this process
    and builds its facts at once, as a report from a store does; ``"dask"``
    is :func:`cohort_counts_dask`. Both give the same tables.

    Parameters
    ----------
    path : str or Path
        A dataset written by :func:`followup_kit.data.parquet.write_parquet`.
    as_of : date-like, optional
        The day the facts describe; default today.
    policy : Policy, optional
        The playbook's numbers; default ``Policy()``.
    engine : {"pandas", "dask"}
        Where the facts are built.
    client : distributed.Client, optional
        The cluster of the ``dask`` engine; by default Dask's current scheduler.
    progress : bool
        Show progress on standard error.

    Returns
    -------
    CohortCounts
    """
    if engine == "dask":
        return cohort_counts_dask(path, as_of, policy, client=client, progress=progress)
    if engine != "pandas":
        raise FollowupKitError(f"unknown engine {engine!r}; choose pandas or dask")
    day = as_day(as_of)
    state = dataset_state(path)
    tables = parquet.read_parquet(path, progress=progress)
    built = facts(*tables, as_of=day, policy=policy)
    return count_cohorts(built, as_of=day, state=state)


#: The files :func:`write_cohort_counts` writes, by the part of the counts they hold.
COUNT_FILES = dict(zip(PARTS, ("by_cohort.parquet", "days_by_cohort.parquet",
                               "by_cohort_and_thank_you_timing.parquet", "by_round.parquet",
                               "days_by_round.parquet"), strict=True))


def write_cohort_counts(counted: CohortCounts, out_dir: str | Path) -> list[Path]:
    """Write the cohort count tables as small Parquet files (:data:`COUNT_FILES`), for a dashboard to read.

    They hold aggregates only (counts per cohort, per cohort and day, per
    cohort and thank-you timing, per round, per round and day): no name, no id.

    Parameters
    ----------
    counted : CohortCounts
        From :func:`cohort_counts_parquet` or :func:`cohort_counts_dask`.
    out_dir : str or Path
        A folder; created when missing, the files in it replaced.

    Returns
    -------
    list of Path
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FollowupKitError(f"cannot create the folder {out}: {exc.strerror}") from None
    frames = counted.parts()
    about = {b"as_of": np.datetime_as_string(counted.as_of, unit="D").encode(),
             b"state": counted.state.encode()}
    written = []
    for part, name in COUNT_FILES.items():
        frame = frames[part].copy()
        # The facts' attrs (their policy) travel with the counts; the file holds the numbers only.
        frame.attrs = {}
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata({**table.schema.metadata, **about})
        # Written beside and moved into place, so a dashboard never reads half a file.
        partial = out / f".{name}.partial"
        pq.write_table(table, partial)
        partial.replace(out / name)
        written.append(out / name)
    return written


def read_cohort_counts(folder: str | Path) -> CohortCounts:
    """The cohort count tables :func:`write_cohort_counts` wrote.

    Parameters
    ----------
    folder : str or Path

    Returns
    -------
    CohortCounts
        ``current`` is True: the tables are as the run that wrote them saw the data.
    """
    import pyarrow.parquet as pq

    root = Path(folder)
    tables = {}
    for part, name in COUNT_FILES.items():
        try:
            tables[part] = pq.read_table(root / name)
        except (OSError, ValueError) as exc:
            raise FollowupKitError(f"cannot read the count table {root / name} ({exc}); write it "
                                   "with 'followup-kit report --parquet DIR --counts FOLDER'") from None
    about = tables["groups"].schema.metadata
    frames = {part: table.to_pandas() for part, table in tables.items()}
    return CohortCounts.from_parts(frames, np.datetime64(about[b"as_of"].decode(), "us"),
                                   about[b"state"].decode(), current=True)
