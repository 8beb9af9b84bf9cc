"""The ``report`` subcommand: the cohort report as a table, CSV or JSON, and its pictures."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from tqdm.auto import tqdm

from ..data.store import Store
from ..stats.cache import cohort_report_from_store
from ..stats.report import cohort_report
from ..stats.tables import report_records, report_table
from .options import about, day_option, nothing_held, open_store, write_csv


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="compare cohorts: thank-you habits, response times, offer rates")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--as-of", help="the day the report describes, YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table for reading, csv for a spreadsheet, json for other tools")
    p.add_argument("--plots", metavar="DIR", help="also write the report's pictures as PNG files here")
    p.set_defaults(func=cmd_report)


def open_for_counts(db: str) -> Store:
    """The store, open for writing when the file and its folder allow it, so counts built are kept.

    A store that cannot be written (a read-only copy, another user's file) is
    read as it is and its count tables built in memory.
    """
    path = Path(db)
    if path.is_file() and os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK):
        return open_store(db)
    return open_store(db, readonly=True)


def cmd_report(args: argparse.Namespace) -> int:
    as_of = day_option(args.as_of, "--as-of")
    progress = sys.stderr.isatty()
    if args.plots:
        from ..playbook.interview_facts import facts as build_facts
        from ..plots import write_report_plots

        # The pictures need every interview's facts, so read them once for the table too.
        with open_store(args.db, readonly=True) as store:
            tables = store.tables(progress=progress)
        with tqdm(total=1, desc="building the interview facts", unit="step", disable=not progress,
                  leave=False) as bar:
            facts = build_facts(*tables, as_of=as_of)
            bar.update()
        report = cohort_report(facts)
        interviews = tables[1]
    else:
        with open_for_counts(args.db) as store:
            report = cohort_report_from_store(store, as_of=as_of, progress=progress)
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
    else:
        print(report_table(report))
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0
