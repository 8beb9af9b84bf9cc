"""Subcommand that writes a synthetic sample: the tables as CSV files or a Parquet dataset."""

from __future__ import annotations

import argparse
import sys
import time

from ..data import schema
from ..data.parquet import LAYOUTS, write_parquet
from ..data.sample import SAMPLE_AS_OF, generate, generate_notes, write_frames
from ..errors import FollowupKitError
from .options import about, day_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sample", help="write synthetic candidates (with their coaches), interviews, events "
                       "and session notes as CSV files, or a Parquet dataset")
    p.add_argument("--out", required=True, help="folder for candidates.csv, interviews.csv, events.csv and "
                   "notes.csv (or, with --format parquet, a new folder for the dataset, without the notes)")
    p.add_argument("--candidates", type=int, default=300,
                   help="how many candidates (about three interviews each; default 300)")
    p.add_argument("--seed", type=int, default=0, help="random seed: the same seed writes the same files")
    p.add_argument("--cohorts", type=int, default=4, help="how many cohorts (default 4)")
    p.add_argument("--as-of", default=SAMPLE_AS_OF,
                   help="the day the data is taken, YYYY-MM-DD; nothing is dated after it")
    add_parquet_options(p)
    p.set_defaults(func=cmd_sample)


def add_parquet_options(p: argparse.ArgumentParser) -> None:
    """The options of a command that can write the three tables as a Parquet dataset."""
    p.add_argument("--format", choices=("csv", "parquet"), default="csv",
                   help="csv: three CSV files; parquet: a dataset for 'report --parquet' (default csv)")
    p.add_argument("--layout", choices=LAYOUTS, default="hash",
                   help="parquet: split candidates by a hash of their id into even files (default), or "
                   "one file per cohort")
    p.add_argument("--partitions", type=int,
                   help="parquet, hash layout: how many files per table (default: one per 250,000 "
                   "interviews)")


def parquet_arguments(args: argparse.Namespace) -> dict:
    """The layout options, refused when the output is CSV (they would silently do nothing)."""
    if args.format != "parquet" and (args.layout != "hash" or args.partitions is not None):
        raise FollowupKitError("--layout and --partitions shape a Parquet dataset; add --format parquet")
    if args.partitions is not None and args.partitions < 1:
        raise FollowupKitError(f"--partitions: give 1 file or more (got {args.partitions})")
    return {"layout": args.layout, "parts": args.partitions}


def cmd_sample(args: argparse.Namespace) -> int:
    for option, wrong, says in (
            ("--candidates", args.candidates < 1, "the sample needs at least 1 candidate"),
            ("--cohorts", args.cohorts < 1, "the sample needs at least 1 cohort"),
            ("--seed", args.seed < 0, "give 0 or more (a random seed is never negative)")):
        if wrong:
            raise FollowupKitError(f"{option}: {says}")
    started = time.perf_counter()
    layout = parquet_arguments(args)
    # A million interviews take seconds: show a bar when someone is watching.
    progress = sys.stderr.isatty()
    frames = generate(args.candidates, seed=args.seed, cohorts=args.cohorts,
                      as_of=day_option(args.as_of, "--as-of"),
                      progress=progress)
    with about("--out"):
        if args.format == "parquet":
            typed = [schema.typed(schema.TABLES[name], frame)
                     for name, frame in zip(schema.ORDER, frames, strict=True)]
            paths = write_parquet(args.out, typed, progress=progress, **layout)
        else:
            frames = (*frames, generate_notes(frames[0], frames[1], seed=args.seed,
                                              as_of=day_option(args.as_of, "--as-of")))
            paths = write_frames(args.out, frames, progress=progress)
    seconds = time.perf_counter() - started
    for path, frame in zip(paths, frames, strict=True):
        print(f"{path}: {len(frame):,} {path.stem}")
    print(f"synthetic sample (seed {args.seed}, as of {args.as_of}) written in {seconds:.1f} s")
    return 0
