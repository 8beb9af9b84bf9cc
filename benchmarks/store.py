"""The store at programme size: reads and writes against what SQLite can do, in one run.

Writes the synthetic sample (333,333 candidates, about a million interviews,
by default) as CSV, then times, each step in a fresh process so its peak
memory (``ru_maxrss``) is its own:

* ``followup-kit import`` of the CSV files into an empty store, against Arrow's
  ADBC SQLite driver ingesting the same rows, already parsed into Arrow tables,
  into the same schema (indexes, foreign keys, WAL) in one transaction, with the
  settings the store's import runs with (foreign keys and CHECK lists off, the
  same page cache); and a bare ADBC insert of the events alone into a table with
  no constraints;
* ``Store.tables()``, against a bare ``sqlite3`` ``SELECT *`` + ``fetchall`` of
  the three tables and an ADBC ``fetch_arrow_table`` + ``to_pandas``;
* one candidate's rows, the interview facts and the cohort report;
* ``followup-kit report --db`` with no cached counts, and again with them,
  against the best read plus the analysis; and the cached counts brought up
  to date after one logged event.

ADBC carries its own copy of SQLite, so it only ever runs in its own process
here (see ``followup_kit/data/store.py`` for why the store does not use it).
Targets: each ratio at most 1.5; one candidate under 50 ms.

Run: ``.venv/bin/python benchmarks/store.py [--candidates N] [--seed S]``
(needs ``pip install 'followup-kit[bench]'`` for the ADBC driver).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import io
import multiprocessing
import platform
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import machine, store_write_pragmas

TARGET = 1.5
TABLES = ("candidates", "interviews", "events")


def _peak_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _quiet_cli(argv: list[str]) -> None:
    from followup_kit.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        if main(argv) != 0:
            raise RuntimeError(f"followup-kit {' '.join(argv)} failed")


def step_generate(folder: str, candidates: int, seed: int) -> tuple[float, float, str]:
    from followup_kit.data.sample import generate, write_frames

    started = time.perf_counter()
    frames = generate(candidates, seed=seed)
    write_frames(folder, frames)
    rows = ", ".join(f"{len(f):,} {name}" for f, name in zip(frames, TABLES, strict=True))
    return time.perf_counter() - started, _peak_mb(), rows


def step_import(db: str, files: list[str]) -> tuple[float, float]:
    _quiet_cli(["init", "--db", db])
    started = time.perf_counter()
    _quiet_cli(["import", "--db", db, *files])
    return time.perf_counter() - started, _peak_mb()


def _arrow_tables(files: list[str]) -> dict:
    """The CSV files as Arrow tables typed as the store holds them: text, 0/1, empty as null."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pa_csv

    out = {}
    for path in files:
        header = Path(path).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        table = pa_csv.read_csv(path, convert_options=pa_csv.ConvertOptions(
            column_types={h: pa.string() for h in header}, strings_can_be_null=False))
        columns = []
        for name in table.column_names:
            col = table[name]
            blank = pc.equal(col, "")
            if name == "to_interviewer":
                col = pc.if_else(blank, None, pc.equal(col, "true")).cast(pa.int64())
            else:
                col = pc.if_else(blank, pa.scalar(None, pa.string()), col)
            columns.append(col)
        out[Path(path).stem] = pa.table(columns, names=table.column_names)
    return out


def step_adbc_ingest(db: str, files: list[str]) -> tuple[float, float]:
    import adbc_driver_sqlite.dbapi as adbc

    tables = _arrow_tables(files)
    started = time.perf_counter()
    with adbc.connect(db) as con, con.cursor() as cur:
        store_write_pragmas(cur)
        for name in TABLES:
            cur.adbc_ingest(name, tables[name], mode="append")
        con.commit()
    return time.perf_counter() - started, _peak_mb()


def step_adbc_bare_events(db: str, files: list[str]) -> tuple[float, float]:
    import adbc_driver_sqlite.dbapi as adbc

    events = _arrow_tables([f for f in files if f.endswith("events.csv")])["events"]
    started = time.perf_counter()
    with adbc.connect(db) as con, con.cursor() as cur:
        cur.adbc_ingest("events", events, mode="create")
        con.commit()
    return time.perf_counter() - started, _peak_mb()


def step_read(db: str) -> tuple[float, float]:
    from followup_kit.data.store import Store

    with Store(db, readonly=True) as store:
        started = time.perf_counter()
        store.tables()
        return time.perf_counter() - started, _peak_mb()


def step_fetchall(db: str) -> tuple[float, float]:
    started = time.perf_counter()
    con = sqlite3.connect(db)
    for name in TABLES:
        con.execute(f"SELECT * FROM {name}").fetchall()
    con.close()
    return time.perf_counter() - started, _peak_mb()


def step_adbc_read(db: str) -> tuple[float, float, float]:
    import adbc_driver_sqlite.dbapi as adbc

    started = time.perf_counter()
    arrow = []
    with adbc.connect(db) as con, con.cursor() as cur:
        for name in TABLES:
            cur.execute(f"SELECT * FROM {name}")
            arrow.append(cur.fetch_arrow_table())
    read = time.perf_counter() - started
    started = time.perf_counter()
    for table in arrow:
        table.to_pandas()
    return read, time.perf_counter() - started, _peak_mb()


def step_one_candidate(db: str) -> tuple[float, float]:
    from followup_kit.data.store import Store

    with Store(db, readonly=True) as store:
        ids = store.candidates()["candidate_id"]
        picks = ids.iloc[:: max(1, len(ids) // 50)].tolist()
        store.tables(picks[0])
        seconds = []
        for candidate in picks:
            started = time.perf_counter()
            store.tables(candidate)
            seconds.append(time.perf_counter() - started)
    seconds.sort()
    return seconds[len(seconds) // 2], seconds[-1]


def step_analysis(db: str) -> tuple[float, float, float]:
    from followup_kit.data.sample import SAMPLE_AS_OF
    from followup_kit.data.store import Store
    from followup_kit.playbook.interview_facts import facts
    from followup_kit.stats.report import cohort_report

    with Store(db, readonly=True) as store:
        tables = store.tables()
    started = time.perf_counter()
    f = facts(*tables, as_of=SAMPLE_AS_OF)
    built = time.perf_counter() - started
    started = time.perf_counter()
    cohort_report(f)
    return built, time.perf_counter() - started, _peak_mb()


def step_report(db: str) -> tuple[float, float]:
    from followup_kit.data.sample import SAMPLE_AS_OF

    started = time.perf_counter()
    _quiet_cli(["report", "--db", db, "--as-of", SAMPLE_AS_OF])
    return time.perf_counter() - started, _peak_mb()


def step_logged_event(db: str) -> tuple[float, float]:
    """Log one event, then bring the cached counts up to date; time that and a cached read."""
    import pandas as pd

    from followup_kit.data.sample import SAMPLE_AS_OF
    from followup_kit.data.store import Store
    from followup_kit.stats.cache import cohort_counts

    with Store(db) as store:
        interview = store.interviews(candidate_id=store.candidates()["candidate_id"].iloc[1000])
        store.add_events(pd.DataFrame({"event_id": ["BENCH1"], "interview_id": [interview["interview_id"][0]],
                                       "date": [SAMPLE_AS_OF], "kind": ["employer_response"],
                                       "channel": ["email"]}))
        started = time.perf_counter()
        cohort_counts(store, SAMPLE_AS_OF)
        refreshed = time.perf_counter() - started
        started = time.perf_counter()
        cohort_counts(store, SAMPLE_AS_OF)
        return refreshed, time.perf_counter() - started


def in_child(func, *args):
    """Run ``func(*args)`` in a fresh process and return its result."""
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


def _same_rows(db_a: str, db_b: str) -> bool:
    conn = sqlite3.connect(db_a)
    conn.execute("ATTACH DATABASE ? AS other", (db_b,))
    try:
        return all(
            conn.execute(f"SELECT count(*) FROM (SELECT * FROM {left}.{table} "
                         f"EXCEPT SELECT * FROM {right}.{table})").fetchone()[0] == 0
            for table in TABLES for left, right in (("main", "other"), ("other", "main")))
    finally:
        conn.close()


def _line(step: str, ours: str, reference: str = "", ratio: float | None = None, peak: str = "") -> None:
    ratio_text = f"{ratio:.2f}" if ratio is not None else ""
    print(f"{step:<32} {ours:>10}   {reference:<46} {ratio_text:>5}   {peak}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=333_333,
                        help="sample candidates (default 333,333: about a million interviews)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    import numpy
    import pandas

    print(machine())
    print(f"python {platform.python_version()}, pandas {pandas.__version__}, numpy {numpy.__version__}, "
          f"sqlite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="followup-store-bench-") as tmp:
        folder = Path(tmp)
        gen_s, _, rows = in_child(step_generate, str(folder / "csv"), args.candidates, args.seed)
        files = [str(folder / "csv" / f"{name}.csv") for name in TABLES]
        print(f"sample: {rows} (written in {gen_s:.1f} s)")

        from followup_kit.data.store import Store

        ours_db, adbc_db, bare_db = (str(folder / f"{name}.db") for name in ("ours", "adbc", "bare"))
        for db in (ours_db, adbc_db):
            Store(db).close()  # the same schema for both
        import_s, import_mb = in_child(step_import, ours_db, files)
        ingest_s, ingest_mb = in_child(step_adbc_ingest, adbc_db, files)
        bare_s, _ = in_child(step_adbc_bare_events, bare_db, files)
        same = _same_rows(ours_db, adbc_db)

        read_s, read_mb = in_child(step_read, ours_db)
        fetch_s, fetch_mb = in_child(step_fetchall, ours_db)
        adbc_s, to_pandas_s, adbc_mb = in_child(step_adbc_read, ours_db)
        one_median, one_worst = in_child(step_one_candidate, ours_db)
        facts_s, report_s, analysis_mb = in_child(step_analysis, ours_db)
        cold_s, cold_mb = in_child(step_report, ours_db)
        warm_s, warm_mb = in_child(step_report, ours_db)
        refresh_s, cached_s = in_child(step_logged_event, ours_db)

        best_read = adbc_s + to_pandas_s
        analysis = best_read + facts_s + report_s
        print()
        _line("step", "ours", "reference, same file, same run", None, "peak RSS")
        _line("Store.tables()", f"{read_s:.2f} s",
              f"ADBC read + to_pandas: {adbc_s:.2f} + {to_pandas_s:.2f} s", read_s / best_read,
              f"{read_mb:,.0f} MB (ADBC {adbc_mb:,.0f} MB)")
        _line("", "", f"sqlite3 SELECT * + fetchall: {fetch_s:.2f} s", read_s / fetch_s,
              f"(fetchall {fetch_mb:,.0f} MB)")
        _line("one candidate's rows", f"{one_median * 1000:.1f} ms",
              f"median of 50 (worst {one_worst * 1000:.1f} ms); target < 50 ms")
        _line("facts + cohort_report", f"{facts_s + report_s:.2f} s",
              f"facts {facts_s:.2f} s + report {report_s:.2f} s", None, f"{analysis_mb:,.0f} MB")
        _line("report --db, nothing cached", f"{cold_s:.2f} s",
              f"best read + analysis: {analysis:.2f} s", cold_s / analysis, f"{cold_mb:,.0f} MB")
        _line("report --db, counts cached", f"{warm_s:.2f} s",
              f"best read + analysis: {analysis:.2f} s", warm_s / analysis, f"{warm_mb:,.0f} MB")
        _line("counts after one logged event", f"{refresh_s:.2f} s",
              f"then a read of the cached counts: {cached_s * 1000:.0f} ms")
        _line("followup-kit import", f"{import_s:.2f} s",
              f"ADBC adbc_ingest, same schema: {ingest_s:.2f} s", import_s / ingest_s,
              f"{import_mb:,.0f} MB (ADBC {ingest_mb:,.0f} MB)")
        _line("", "", f"ADBC bare insert of the events alone: {bare_s:.2f} s")
        print(f"same rows in both stores: {same}")
        ratios = {"Store.tables()": read_s / best_read, "report --db, nothing cached": cold_s / analysis,
                  "import": import_s / ingest_s}
        over = [f"{name} {ratio:.2f}" for name, ratio in ratios.items() if ratio > TARGET]
        over += [f"one candidate {one_median * 1000:.1f} ms"] if one_median >= 0.05 else []
        print("targets: " + ("all met" if not over else "missed: " + ", ".join(over)))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
