"""Benchmark: the cohort report from a Parquet dataset, one pandas process against Dask on two workers.

For each size a synthetic programme is written once as a Parquet dataset
(``followup-kit sample --format parquet``; kept under ``--keep`` so a second
run skips it) and the same report is made twice, each in a fresh process:

* **pandas**: read and check every partition, build the facts of the whole
  programme, count them, in one process (``report --parquet DIR``);
* **dask**: a ``LocalCluster`` of two single-threaded worker processes
  builds each partition's facts and counts where it reads them; the client
  gets the count tables (``report --parquet DIR --engine dask``).

Each run's wall time is printed with the peak resident memory of every
process (from ``getrusage`` in the process itself) and the peak of all of them
together (sampled by this script), and the two reports are compared: the
counts must be equal. A run that passes ``--memory-budget`` GiB in total is
stopped and reported as not finishing within it, so the largest size each
path manages on this machine shows in the table. At the first size the two
dataset layouts (a hash of ``candidate_id``, one file per cohort) are
measured against each other on the Dask path.

Run: ``python benchmarks/scale.py [--sizes 1000000,3000000,10000000] [--keep DIR] [--engines pandas,dask] [--no-layouts]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from _common import candidates_for, machine

COHORTS = 40
SEED = 0
AS_OF = "2026-11-01"


def peak_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_generate(args) -> dict:
    from followup_kit.data import parquet, sample

    started = time.perf_counter()
    tables = sample.generate_typed(candidates_for(args.interviews), seed=SEED, cohorts=COHORTS)
    interviews = len(tables[1])
    parquet.write_parquet(args.dataset, tables, layout=args.layout)
    return {"seconds": time.perf_counter() - started, "interviews": interviews,
            "partitions": len(parquet.dataset_parts(args.dataset)), "peak_mib": [peak_mib()]}


def child_report(args) -> dict:
    from followup_kit.data import parquet
    from followup_kit.scale import cohort_counts_parquet
    from followup_kit.stats.report import cohort_report_from_counts

    result = {"partitions": len(parquet.dataset_parts(args.dataset))}
    if args.engine == "pandas":
        started = time.perf_counter()
        counted = cohort_counts_parquet(args.dataset, AS_OF)
        result["seconds"] = time.perf_counter() - started
        result["peak_mib"] = [peak_mib()]
    else:
        import distributed

        started = time.perf_counter()
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            result["cluster_seconds"] = time.perf_counter() - started
            started = time.perf_counter()
            counted = cohort_counts_parquet(args.dataset, AS_OF, engine="dask", client=client)
            result["seconds"] = time.perf_counter() - started
            workers = client.run(peak_mib)
            result["peak_mib"] = [peak_mib(), *workers.values()]
    report = cohort_report_from_counts(counted.by_cohort)
    whole = [c for c in report.columns if report[c].dtype.kind == "i"]
    result["counts"] = report[whole].to_numpy().tolist()
    result["interviews"] = int(report["interviews"].sum())
    return result


def run_child(argv: list[str], budget_gib: float) -> dict | None:
    """Run this script as a child; None when it passed the memory budget and was stopped."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        child = subprocess.Popen([sys.executable, __file__, "--child", *argv, "--out", out.name],
                                 stderr=subprocess.DEVNULL)
        watched = psutil.Process(child.pid)
        total_peak = 0.0
        over = False
        while child.poll() is None:
            try:
                family = [watched, *watched.children(recursive=True)]
                total = sum(p.memory_info().rss for p in family) / 2**20
            except psutil.Error:
                total = 0.0
            total_peak = max(total_peak, total)
            if total > budget_gib * 1024:
                over = True
                for process in reversed(family):
                    try:
                        process.kill()
                    except psutil.Error:
                        pass
                break
            time.sleep(0.2)
        child.wait()
        if over or child.returncode != 0:
            return None
        result = json.loads(Path(out.name).read_text())
    result["total_peak_mib"] = total_peak
    return result


def dataset(keep: Path, interviews: int, layout: str, budget: float) -> Path | None:
    path = keep / f"interviews-{interviews}-{layout}-seed{SEED}"
    if not path.exists():
        started = time.perf_counter()
        made = run_child(["generate", "--interviews", str(interviews), "--layout", layout,
                          "--dataset", str(path)], budget)
        if made is None:
            print(f"  generating {interviews:,} interviews did not finish within {budget:g} GiB")
            return None
        print(f"  wrote {made['interviews']:,} interviews in {made['partitions']} {layout} "
              f"partitions in {time.perf_counter() - started:.0f} s ({path})")
    return path


def row(size: int, engine: str, layout: str, got: dict | None, budget: float) -> str:
    if got is None:
        return f"| {size:>12,} | {engine:<6} | {layout:<6} |  — | did not finish within {budget:g} GiB |  |  |  |"
    peaks = got["peak_mib"]
    workers = " + ".join(f"{p:,.0f}" for p in peaks[1:]) or "—"
    return (f"| {size:>12,} | {engine:<6} | {layout:<6} | {got['partitions']:>3} | "
            f"{got['seconds']:8.1f} | {peaks[0]:9,.0f} | {workers:>15} | {got['total_peak_mib']:9,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000000,3000000,10000000",
                        help="interviews per programme, comma-separated")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "followup-kit-scale",
                        help="folder the generated datasets are kept in between runs")
    parser.add_argument("--engines", default="pandas,dask",
                        help="the paths to measure, comma-separated (default pandas,dask)")
    parser.add_argument("--no-layouts", action="store_true",
                        help="skip the comparison of the two layouts at the first size")
    parser.add_argument("--memory-budget", type=float, default=16.0,
                        help="GiB all of a run's processes may use together before it is stopped")
    parser.add_argument("--child", nargs="?", help=argparse.SUPPRESS)
    parser.add_argument("--interviews", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--layout", default="hash", help=argparse.SUPPRESS)
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--dataset", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child_generate(args) if args.child == "generate" else child_report(args)
        Path(args.out).write_text(json.dumps(result))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [e for e in ("pandas", "dask") if e in args.engines.split(",")]
    args.keep.mkdir(parents=True, exist_ok=True)
    total_gib = psutil.virtual_memory().total / 2**30
    print(machine())
    print(f"memory: {total_gib:.1f} GiB, shared with other work; budget per run {args.memory_budget:g} GiB")
    print(f"{COHORTS} cohorts, as of {AS_OF}; dask: LocalCluster of 2 worker processes, 1 thread each")
    lines = ["| interviews | engine | layout | partitions | wall s | peak client/process MiB | "
             "peak each worker MiB | peak all processes MiB |",
             "|---:|---|---|---:|---:|---:|---:|---:|"]
    finished = {"pandas": 0, "dask": 0}
    for size in sizes:
        print(f"{size:,} interviews")
        layouts = ["hash", "cohort"] if size == sizes[0] and not args.no_layouts else ["hash"]
        results = {}
        for layout in layouts:
            path = dataset(args.keep, size, layout, args.memory_budget)
            engines = [e for e in chosen if layout == "hash" or e == "dask"]
            for engine in engines:
                got = (run_child(["report", "--engine", engine, "--dataset", str(path)],
                                 args.memory_budget) if path is not None else None)
                results[engine, layout] = got
                lines.append(row(size, engine, layout, got, args.memory_budget))
                print("  " + lines[-1], flush=True)
                if got is not None and layout == "hash":
                    finished[engine] = max(finished[engine], got["interviews"])
        pandas, dask = results.get(("pandas", "hash")), results.get(("dask", "hash"))
        if pandas and dask:
            same = pandas["counts"] == dask["counts"]
            print(f"  same counts from both engines: {'yes' if same else 'NO'}; dask / pandas wall time "
                  f"{dask['seconds'] / pandas['seconds']:.2f}; peak memory of the largest process "
                  f"{max(dask['peak_mib']) / max(pandas['peak_mib']):.2f}; cluster start "
                  f"{dask['cluster_seconds']:.1f} s (not in the wall time)")
            if not same:
                sys.exit(1)
        cohort = results.get(("dask", "cohort"))
        if dask and cohort:
            print(f"  layouts on dask: cohort / hash wall time {cohort['seconds'] / dask['seconds']:.2f}, "
                  f"largest worker peak {max(cohort['peak_mib'][1:]) / max(dask['peak_mib'][1:]):.2f}")
    print()
    print("\n".join(lines))
    print()
    for engine, most in ((e, finished[e]) for e in chosen):
        print(f"largest size {engine} finished within {args.memory_budget:g} GiB: "
              f"{most:,} interviews" if most else f"{engine}: no size finished")


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
