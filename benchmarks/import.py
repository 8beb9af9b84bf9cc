"""How fast does ``Store.import_csv`` load a programme, against a bare CSV loader?

Generates a synthetic sample (1,000,000 interviews by default) into a temporary
folder, then loads the same three CSV files into two empty stores:

(a) ``Store(path).import_csv(...)``: reads, checks every cell, writes in one transaction;
(b) a baseline: the ``csv`` module and ``executemany`` into the same tables (same
    DDL, made by opening an empty ``Store``), in one transaction, no checks, with
    the settings the store's import runs with: foreign keys and CHECK lists off,
    the same page cache, the same number of rows per INSERT statement.

Each step runs in its own fresh process, so its peak memory (``ru_maxrss``)
is its own; the time is measured inside the process, after the imports. The
ratio import / baseline should stay at or under 2.

Run: ``.venv/bin/python benchmarks/import.py [--interviews N] [--profile]``
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import multiprocessing
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import candidates_for, machine, store_write_pragmas

TARGET_RATIO = 2.0


def _peak_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_idle() -> tuple[float, float, str]:
    """A process with followup_kit imported and nothing done: the memory floor."""
    import followup_kit  # noqa: F401

    return 0.0, _peak_mb(), ""


def step_generate(out: str, interviews: int, seed: int) -> tuple[float, float, str]:
    from followup_kit.data.sample import generate, write_frames

    started = time.perf_counter()
    frames = generate(candidates_for(interviews), seed=seed)
    write_frames(out, frames)
    seconds = time.perf_counter() - started
    counts = ", ".join(f"{len(f):,} {name}" for f, name in
                       zip(frames, ("candidates", "interviews", "events"), strict=True))
    return seconds, _peak_mb(), counts


def step_import(db: str, files: list[str]) -> tuple[float, float, str]:
    from followup_kit.data.store import Store

    with Store(db) as store:
        started = time.perf_counter()
        added = store.import_csv(*files)
        seconds = time.perf_counter() - started
    return seconds, _peak_mb(), ", ".join(f"{n:,} {name}" for name, n in added.items())


def step_baseline(db: str, files: list[str]) -> tuple[float, float, str]:
    from followup_kit.data.store import ROWS_PER_INSERT

    started = time.perf_counter()
    db_conn = sqlite3.connect(db, isolation_level=None)
    store_write_pragmas(db_conn)
    db_conn.execute("BEGIN IMMEDIATE")
    added = []
    for path in files:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            table = Path(path).stem
            flag = header.index("to_interviewer") if "to_interviewer" in header else -1
            one = f"({', '.join('?' * len(header))})"
            head = f"INSERT INTO {table} ({', '.join(header)}) VALUES "
            many = head + ", ".join([one] * ROWS_PER_INSERT)
            batch: list = []
            count = 0
            for row in reader:
                values = [v if v != "" else None for v in row]
                if flag >= 0 and values[flag] is not None:
                    values[flag] = 1 if values[flag] == "true" else 0
                batch.extend(values)
                count += 1
                if count % ROWS_PER_INSERT == 0:
                    db_conn.execute(many, batch)
                    batch = []
            if batch:
                db_conn.executemany(head + one, [batch[i:i + len(header)]
                                                 for i in range(0, len(batch), len(header))])
            added.append(f"{count:,} {table}")
    db_conn.execute("COMMIT")
    db_conn.close()
    return time.perf_counter() - started, _peak_mb(), ", ".join(added)


def step_profile(db: str, files: list[str]) -> tuple[float, float, str]:
    import cProfile
    import io
    import pstats

    from followup_kit.data.store import Store

    with Store(db) as store:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.runcall(store.import_csv, *files)
        seconds = time.perf_counter() - started
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(40)
    return seconds, _peak_mb(), text.getvalue()


def in_child(func, *args):
    """Run ``func(*args)`` in a fresh process and return its result."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


def _same_rows(db_a: str, db_b: str) -> bool:
    """True when both stores hold exactly the same rows."""
    conn = sqlite3.connect(db_a)
    conn.execute("ATTACH DATABASE ? AS other", (db_b,))
    try:
        for table in ("candidates", "interviews", "events"):
            for left, right in (("main", "other"), ("other", "main")):
                extra = conn.execute(f"SELECT count(*) FROM (SELECT * FROM {left}.{table} "
                                     f"EXCEPT SELECT * FROM {right}.{table})").fetchone()[0]
                if extra:
                    return False
        return True
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interviews", type=int, default=1_000_000,
                        help="interviews in the sample (default 1,000,000; about 2 events each)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true",
                        help="also profile Store.import_csv and print where its time goes")
    args = parser.parse_args(argv)

    import numpy
    import pandas

    print(machine())
    print(f"python {platform.python_version()}, pandas {pandas.__version__}, numpy {numpy.__version__}, "
          f"sqlite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        folder = Path(tmp)
        _, idle_mb, _ = in_child(step_idle)
        gen_s, gen_mb, counts = in_child(step_generate, str(folder / "csv"), args.interviews, args.seed)
        files = [str(folder / "csv" / f"{name}.csv") for name in ("candidates", "interviews", "events")]
        size_mb = sum(os.path.getsize(f) for f in files) / 2**20
        print(f"sample: {counts} ({size_mb:,.0f} MB of CSV)")

        from followup_kit.data.store import Store

        dbs = {}
        for name in ("import", "baseline", "profile"):
            dbs[name] = str(folder / f"{name}.db")
            Store(dbs[name]).close()  # the same DDL for every contender
        imp_s, imp_mb, imp_rows = in_child(step_import, dbs["import"], files)
        base_s, base_mb, base_rows = in_child(step_baseline, dbs["baseline"], files)
        same = _same_rows(dbs["import"], dbs["baseline"])

        print()
        print(f"{'step':<42}{'seconds':>10}{'peak RSS MB':>14}")
        print(f"{'python + followup_kit imported':<42}{'':>10}{idle_mb:>14,.0f}")
        print(f"{'generate + write CSV':<42}{gen_s:>10.2f}{gen_mb:>14,.0f}")
        print(f"{'(a) Store.import_csv':<42}{imp_s:>10.2f}{imp_mb:>14,.0f}")
        print(f"{'(b) csv + INSERT baseline, same pragmas':<42}{base_s:>10.2f}{base_mb:>14,.0f}")
        ratio = imp_s / base_s
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"ratio import / baseline: {ratio:.2f} ({verdict} the target of {TARGET_RATIO:g})")
        print(f"rows: import {imp_rows}; baseline {base_rows}; same rows in both stores: {same}")
        if args.profile:
            prof_s, _, report = in_child(step_profile, dbs["profile"], files)
            print(f"\nprofile of Store.import_csv ({prof_s:.2f} s under cProfile):")
            print(report)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
