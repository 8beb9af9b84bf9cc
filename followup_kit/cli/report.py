"""The ``report`` subcommand: the cohort report as a table, CSV or JSON, and its pictures."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from tqdm.auto import tqdm

from ..data.parquet import dataset_parts
from ..data.store import Store
from ..errors import FollowupKitError, ValidationError
from ..stats.cache import cohort_report_from_store
from ..stats.report import REPORT_GROUPINGS, cohort_report, cohort_report_from_counts
from ..stats.tables import report_records, report_table
from ..words import human_date
from .options import about, day_option, nothing_held, open_store, writable, write_csv

#: How long to wait for a scheduler named on the command line before saying it cannot be reached.
CONNECT_SECONDS = 10


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="compare cohorts: thank-you habits, response times, offer rates")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", help="the store file")
    source.add_argument("--parquet", metavar="DIR",
                        help="a Parquet dataset, as 'sample' or 'export' write it with --format parquet")
    p.add_argument("--engine", choices=("pandas", "dask"), default="pandas",
                   help="--parquet: build the facts in this process (pandas, default) or on a Dask "
                   "cluster (dask)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="--engine dask: the address of a running 'dask scheduler', e.g. "
                   "tcp://10.0.0.5:8786 (default: a local cluster sized to this machine)")
    p.add_argument("--counts", metavar="DIR",
                   help="--parquet: also write the cohort count tables the patience meter reads here")
    p.add_argument("--as-of", help="the day the report describes, YYYY-MM-DD (default: today)")
    p.add_argument("--by", choices=REPORT_GROUPINGS, default="cohort",
                   help="one row per cohort (default), or per interview round: each round's letters "
                   "and response times, and each application in the row of its latest round")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table for reading, csv for a spreadsheet, json for other tools")
    p.add_argument("--plots", metavar="DIR", help="also write the report's pictures as PNG files here")
    p.set_defaults(func=cmd_report)


def open_for_counts(db: str) -> Store:
    """The store, open for writing when the file and its folder allow it, so counts built are kept.

    A store that cannot be written (a read-only copy, another user's file) is
    read as it is and its count tables built in memory.
    """
    return open_store(db, readonly=not writable(db))


def cmd_report(args: argparse.Namespace) -> int:
    as_of = day_option(args.as_of, "--as-of")
    progress = sys.stderr.isatty()
    interviews = None
    if args.db is not None:
        for option, given in (("--engine", args.engine != "pandas"), ("--scheduler", args.scheduler),
                              ("--counts", args.counts)):
            if given:
                raise FollowupKitError(f"{option} goes with --parquet; a report from --db reads the "
                                       "store's own cached counts")
    elif args.plots:
        raise FollowupKitError("--plots needs every interview's facts in one process: use --db")
    if args.parquet is not None:
        report = parquet_report(args, as_of, progress)
    elif args.plots:
        from ..playbook.interview_facts import facts as build_facts
        from ..plots import write_report_plots

        # The pictures need every interview's facts, so read them once for the table too.
        with open_store(args.db, readonly=True) as store:
            tables = store.tables(progress=progress)
        with tqdm(total=1, desc="building the interview facts", unit="step", disable=not progress,
                  leave=False) as bar:
            facts = build_facts(*tables, as_of=as_of)
            bar.update()
        report = cohort_report(facts, by=args.by)
        interviews = tables[1]
    else:
        with open_for_counts(args.db) as store:
            report = cohort_report_from_store(store, as_of=as_of, progress=progress, by=args.by)
            # Only an empty report needs the interviews, to say why it is empty.
            interviews = store.interviews() if report["interviews"].sum() == 0 else None
    # The pictures first: a folder that cannot be written is one line, not a report and then an error.
    written = []
    if args.plots:
        with about("--plots"):
            written = write_report_plots(facts, Path(args.plots))
    if args.format == "json":
        print(json.dumps(report_records(report), indent=2))
    elif args.format == "csv":
        write_csv(report)
    elif interviews is not None and report["interviews"].sum() == 0:
        print(nothing_held(interviews, as_of))
    elif args.parquet is not None and report["interviews"].sum() == 0:
        print(f"no interviews held by {human_date(as_of, with_year=True)} in {args.parquet}")
    else:
        print(report_table(report))
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def parquet_report(args: argparse.Namespace, as_of, progress: bool):
    """The cohort report of a Parquet dataset, on the engine the options name."""
    from ..scale import cohort_counts_parquet, write_cohort_counts

    if args.scheduler and args.engine != "dask":
        raise FollowupKitError("--scheduler names a Dask cluster: add --engine dask")
    with about("--parquet"):
        # A missing or malformed folder is refused here, before any cluster starts.
        dataset_parts(args.parquet)
    try:
        if args.engine == "dask":
            with dask_client(args.scheduler, progress) as client:
                counted = cohort_counts_parquet(args.parquet, as_of, engine="dask", client=client,
                                                progress=progress)
        else:
            counted = cohort_counts_parquet(args.parquet, as_of, progress=progress)
    except ValidationError as exc:
        # One line naming the file, row and column; the dataset is only read.
        raise FollowupKitError(f"{exc}; fix the dataset and run the report again") from None
    if args.counts:
        for path in write_cohort_counts(counted, args.counts):
            print(f"wrote {path}", file=sys.stderr)
    return cohort_report_from_counts(counted.by_round if args.by == "round" else counted.by_cohort)


@contextlib.contextmanager
def dask_client(address: str | None, progress: bool):
    """A client of the cluster at ``address``, or of a local cluster sized to this machine."""
    try:
        import distributed
    except ImportError:
        raise FollowupKitError("--engine dask needs Dask: pip install 'followup-kit[scale]'") from None
    if address is None:
        # One worker process per core, on loopback; the status page on a free port.
        with distributed.LocalCluster(host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                      threads_per_worker=1) as cluster, \
                distributed.Client(cluster) as client:
            if progress:
                print(f"Dask: {len(cluster.workers)} local workers; progress also at "
                      f"{client.dashboard_link}", file=sys.stderr)
            yield client
        return
    try:
        client = distributed.Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as exc:
        raise FollowupKitError(f"cannot reach the Dask scheduler at {address} ({exc}); start one with "
                               "'dask scheduler', or leave out --scheduler for a local cluster") from None
    with client:
        if progress:
            print(f"Dask: {len(client.scheduler_info()['workers'])} workers at {address}; progress "
                  f"also at {client.dashboard_link}", file=sys.stderr)
        yield client
