"""Subcommands that move data: init, import, export."""

from __future__ import annotations

import argparse
import sys

from ..data.parquet import write_parquet
from ..data.secret import secret_path, store_secret
from ..errors import FollowupKitError
from ..words import plural
from .options import about, open_store
from .sample import add_parquet_options, parquet_arguments


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create an empty store")
    p.add_argument("--db", required=True, help="the store file to create, e.g. data/coach.db")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("import", help="import candidates, interviews, events and notes CSV files, all or nothing")
    p.add_argument("--db", required=True, help="the store file (make one first with followup-kit init)")
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV files; each table is recognised by its header")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write the tables as CSV files or a Parquet dataset")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--out", required=True, help="folder for candidates.csv, interviews.csv, events.csv and "
                   "notes.csv (or, with --format parquet, a new folder for the dataset, without the notes)")
    p.add_argument("--anonymise", action="store_true",
                   help="replace candidates', interviewers' and coaches' names and emails with pseudonyms "
                        "keyed with the store's secret (the same person gets the same one every time) and "
                        "leave the text of every note out, to share the data for analysis (CSV only)")
    add_parquet_options(p)
    p.set_defaults(func=cmd_export)


def cmd_init(args: argparse.Namespace) -> int:
    with open_store(args.db, create=True) as store:
        print(f"{args.db}: store ready (schema version {store.schema_version})")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        added = store.import_csv(*args.files, progress=sys.stderr.isatty())
        total = store.counts()
        notes = store.note_count()
    for name, n in added.items():
        if n == 0:
            print(f"note: the {name} file has a header but no rows; nothing to import from it",
                  file=sys.stderr)
    parts = ", ".join(plural(n, name[:-1]) for name, n in added.items())
    held = [plural(total["candidates"], "candidate"), plural(total["interviews"], "interview"),
            plural(total["events"], "event")] + ([plural(notes, "note")] if notes else [])
    print(f"imported {parts} into {args.db} (now {', '.join(held)})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    layout = parquet_arguments(args)
    if args.anonymise and args.format == "parquet":
        raise FollowupKitError("--anonymise: an anonymised export is written as CSV; "
                               "leave out --format parquet")
    with open_store(args.db, readonly=True) as store:
        key = None
        if args.anonymise:
            try:
                key = store_secret(args.db)
            except OSError as exc:
                raise FollowupKitError(f"--anonymise: cannot make the store's secret "
                                       f"{secret_path(args.db)}: {exc.strerror}") from None
        with about("--out"):
            if args.format == "parquet":
                paths = write_parquet(args.out, store.tables(progress=sys.stderr.isatty()),
                                      progress=sys.stderr.isatty(), **layout)
            else:
                paths = store.export_csv(args.out, pseudonym_key=key)
    for path in paths:
        print(path)
    return 0
