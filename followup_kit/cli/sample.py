"""Subcommand that writes a synthetic sample: candidates, interviews and events CSV files."""

from __future__ import annotations

import argparse
import sys
import time

from ..data.sample import SAMPLE_AS_OF, generate, write_frames
from ..errors import FollowupKitError
from .options import about, day_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sample", help="write synthetic candidates, interviews and events CSV files")
    p.add_argument("--out", required=True, help="folder for candidates.csv, interviews.csv, events.csv")
    p.add_argument("--candidates", type=int, default=300,
                   help="how many candidates (about three interviews each; default 300)")
    p.add_argument("--seed", type=int, default=0, help="random seed: the same seed writes the same files")
    p.add_argument("--cohorts", type=int, default=4, help="how many cohorts (default 4)")
    p.add_argument("--as-of", default=SAMPLE_AS_OF,
                   help="the day the data is taken, YYYY-MM-DD; nothing is dated after it")
    p.set_defaults(func=cmd_sample)


def cmd_sample(args: argparse.Namespace) -> int:
    for option, wrong, says in (
            ("--candidates", args.candidates < 1, "the sample needs at least 1 candidate"),
            ("--cohorts", args.cohorts < 1, "the sample needs at least 1 cohort"),
            ("--seed", args.seed < 0, "give 0 or more (a random seed is never negative)")):
        if wrong:
            raise FollowupKitError(f"{option}: {says}")
    started = time.perf_counter()
    # A million interviews take seconds: show a bar when someone is watching.
    progress = sys.stderr.isatty()
    frames = generate(args.candidates, seed=args.seed, cohorts=args.cohorts,
                      as_of=day_option(args.as_of, "--as-of"),
                      progress=progress)
    with about("--out"):
        paths = write_frames(args.out, frames, progress=progress)
    seconds = time.perf_counter() - started
    for path, frame in zip(paths, frames, strict=True):
        print(f"{path}: {len(frame):,} {path.stem}")
    print(f"synthetic sample (seed {args.seed}, as of {args.as_of}) written in {seconds:.1f} s")
    return 0
