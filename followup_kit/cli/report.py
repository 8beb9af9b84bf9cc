"""The ``report`` subcommand: the cohort report as a table, CSV or JSON, and its pictures."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..data.store import Store
from ..stats.report import cohort_report
from ..stats.tables import report_records, report_table
from .options import day_option, nothing_held, write_csv


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="compare cohorts: thank-you habits, response times, offer rates")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--as-of", help="the day the report describes, YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table for reading, csv for a spreadsheet, json for other tools")
    p.add_argument("--plots", metavar="DIR", help="also write the report's pictures as PNG files here")
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from ..playbook.interview_facts import facts as build_facts

    as_of = day_option(args.as_of, "--as-of")
    with Store(args.db, readonly=True) as store:
        tables = store.tables()
    facts = build_facts(*tables, as_of=as_of)
    report = cohort_report(facts)
    if args.format == "json":
        print(json.dumps(report_records(report), indent=2))
    elif args.format == "csv":
        write_csv(report)
    elif facts.empty:
        print(nothing_held(tables[1], as_of))
    else:
        print(report_table(report))
    if args.plots:
        from ..plots import write_report_plots

        for path in write_report_plots(facts, Path(args.plots)):
            print(f"wrote {path}", file=sys.stderr)
    return 0
