"""Benchmark: what a click costs in the widgets, timed in the kernel (no browser).

Three steps, each against a reference measured in the same run:

1. A filter change in the cohort explorer (``cohort_app``) on about 100,000
   interviews: choosing a subset of cohorts, another "compare by", a "held
   from" day (each redraws the report table and both charts). Target: at
   most 200 ms. Reference: one ``cohort_report(facts)`` on the same facts.
2. Logging one event with the logger of the coaching session and refreshing
   the agenda, in a store of about 1,000,000 interviews. Target: at most
   300 ms. Reference: a bare ``sqlite3`` INSERT of one event (committed) and a
   SELECT of that candidate's rows in the three tables.
3. Opening the coaching session (``coaching_session(path, candidate)``) for one
   candidate of that store. Target: at most 1 s. Reference: a bare ``sqlite3``
   connect, SELECT of that candidate's rows in the three tables, close.
4. The caseload (``caseload_view``) of a coach of about 1,000 candidates in that
   store (the sample's coach closest to 1,000; the benchmark assigns one when
   the sample has none that size). Opening it: at most 1 s; a keystroke in its
   search box: at most 100 ms; choosing another candidate (their session opens
   below): at most 300 ms. References: ``Store.tables`` of the coach's
   candidates, ``matching`` of the caseload, the bare SELECT of one candidate.
   And ``followup-kit agenda --coach`` as a command: at most 2x a command that
   reads the coach's candidates' rows alone (``Store.tables`` of their ids),
   both started as ``python -m`` in a fresh interpreter.

Each figure is the median of several runs. The stores are the sample of
``followup-kit sample --candidates 33333 --seed 7`` (and ``--candidates
333333``) imported with ``Store.import_csv``; ``--keep DIR`` builds them there
once and reuses them (the 1,000,000-interview import takes about a minute).
The events this benchmark logs are deleted again, so a kept store stays as
built. ``--profile`` prints where the time of a step that misses its target goes.

Run: ``.venv/bin/python benchmarks/widgets.py [--keep DIR] [--repeat N] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from _common import machine

from followup_kit.data.sample import SAMPLE_AS_OF, generate, write_frames
from followup_kit.data.store import Store
from followup_kit.playbook.caseload import matching
from followup_kit.stats.report import cohort_report
from followup_kit.widgets.caseload import caseload_view
from followup_kit.widgets.coaching import coaching_session
from followup_kit.widgets.cohorts import cohort_app

SEED = 7
SMALL = 33_333  # candidates: about 100,000 interviews
LARGE = 333_333  # candidates: about 1,000,000 interviews
TARGETS_MS = {"filter": 200, "log": 300, "open": 1000, "caseload": 1000, "keystroke": 100, "choose": 300}
#: Targets given as a ratio to the reference rather than in ms.
TARGET_RATIOS = {"agenda": 2.0}
#: The caseload the coach's figures are for, and the coach the benchmark assigns when the sample has none.
CASELOAD = 1000
BENCH_COACH = "Benchmark Coach"
TODAY = SAMPLE_AS_OF
#: One candidate's rows in the three tables, as the store's per-candidate read selects them.
CANDIDATE_SQL = (
    "SELECT * FROM candidates WHERE candidate_id = ?",
    "SELECT * FROM interviews WHERE candidate_id = ? ORDER BY rowid",
    "SELECT e.* FROM events AS e JOIN interviews AS i ON i.interview_id = e.interview_id "
    "WHERE i.candidate_id = ? ORDER BY e.rowid",
)


def store_of(folder: Path, candidates: int) -> Path:
    """The sample of ``candidates`` candidates (seed 7) as a store in ``folder``, built when missing.

    Built under a scratch name and moved into place, so an interrupted build is never reused.
    """
    path = folder / f"sample-{candidates}c-seed{SEED}.db"
    if path.exists():
        with Store(path, readonly=True) as store:
            counts = store.counts()
        print(f"store {path.name}: reused, {counts['interviews']:,} interviews, {counts['events']:,} events")
        return path
    started = time.perf_counter()
    csv_dir = folder / f"csv-{candidates}c"
    paths = write_frames(csv_dir, generate(candidates, seed=SEED, as_of=SAMPLE_AS_OF))
    scratch = folder / f"building-{path.name}"
    for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
        leftover.unlink(missing_ok=True)
    with Store(scratch) as store:
        counts = store.import_csv(*paths)
    # Closing the last connection folds the write-ahead log into the file.
    assert not Path(f"{scratch}-wal").exists(), "the store's WAL was not checkpointed on close"
    os.replace(scratch, path)
    for p in paths:
        p.unlink()
    csv_dir.rmdir()
    print(f"store {path.name}: built in {time.perf_counter() - started:.0f} s, "
          f"{counts['interviews']:,} interviews, {counts['events']:,} events")
    return path


def ms(seconds: float) -> float:
    return seconds * 1000


def median_ms(func, repeat: int) -> tuple[float, list[float]]:
    """Median wall time of ``repeat`` calls of ``func`` in ms, and every time."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(ms(time.perf_counter() - start))
    return statistics.median(times), times


def cold_and_median_ms(func, repeat: int) -> tuple[float, float]:
    """The wall time of a first call of ``func`` (cold) and the median of ``repeat`` more, in ms."""
    start = time.perf_counter()
    func()
    cold = ms(time.perf_counter() - start)
    return cold, median_ms(func, repeat)[0]


def profiled(label: str, func, lines: int = 25) -> None:
    """Print the cumulative profile of one call of ``func``."""
    profiler = cProfile.Profile()
    profiler.enable()
    func()
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(lines)
    print(f"\nprofile of one {label}:")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[:6000])


class Toggle:
    """Setting a widget's value to ``a``, then ``b``, then ``a`` ...: every call is a real change."""

    def __init__(self, widget, a, b):
        self.widget, self.values, self.n = widget, (a, b), 0

    def __call__(self) -> None:
        self.widget.value = self.values[self.n % 2]
        self.n += 1


def bench_filters(path: Path, repeat: int) -> list[tuple]:
    started = time.perf_counter()
    _, parts = cohort_app(path, as_of=TODAY)
    controller = parts["controller"]
    cohorts = controller.cohorts
    print(f"cohort_app on {len(controller.all_facts):,} interviews in {len(cohorts)} cohorts: "
          f"opened in {time.perf_counter() - started:.1f} s")
    subset = cohorts[: max(1, len(cohorts) // 2)]
    facts = controller.all_facts
    reference, _ = median_ms(lambda: cohort_report(facts), repeat)
    held = dt.date.fromisoformat(TODAY) - dt.timedelta(days=120)
    toggles = {
        f"filter: cohorts = {len(subset)} of {len(cohorts)}": Toggle(parts["cohorts"], subset, cohorts),
        "filter: compare by thank-you timing": Toggle(parts["compare_by"], "thank_you_timing", "cohort"),
        f"filter: held from {held.isoformat()}": Toggle(parts["held_from"], held, None),
    }
    rows = []
    for label, toggle in toggles.items():
        ours, _ = median_ms(toggle, repeat * 2)  # both directions of the change, alternately
        rows.append((label, ours, reference, "cohort_report(facts)", "filter", toggle))
    return rows


def bench_logger(path: Path, repeat: int) -> tuple[list[tuple], str, object]:
    """The coaching session's rows, a note on the candidate, and a function that deletes what was logged."""
    with sqlite3.connect(path) as con:
        # A candidate from the middle of the store, with interviews.
        (candidate,) = con.execute(
            "SELECT candidate_id FROM interviews WHERE rowid >= (SELECT max(rowid) / 2 FROM interviews) "
            "ORDER BY rowid LIMIT 1").fetchone()

    # -- opening the session ----------------------------------------------------------------------
    def open_session():
        box, parts = coaching_session(path, candidate, today=TODAY)
        parts["session"].store.close()

    cold, ours_open = cold_and_median_ms(open_session, repeat)

    def bare_select():
        db = sqlite3.connect(path)
        for sql in CANDIDATE_SQL:
            db.execute(sql, (candidate,)).fetchall()
        db.close()

    ref_open, _ = median_ms(bare_select, repeat)

    # -- logging one event -------------------------------------------------------------------------
    _, parts = coaching_session(path, candidate, today=TODAY)
    session, form = parts["session"], parts["logger"]
    interview = session.selected
    form["interview"].value = interview
    form["kind"].value = "employer_response"
    form["channel"].value = "email"
    form["date"].value = dt.date.fromisoformat(TODAY)
    logged: list[str] = []

    def log_one():
        form["log"].click()
        said = form["message"].value
        if "Logged " not in said:
            raise RuntimeError(f"the logger did not log: {said}")
        logged.append(said.split("Logged ", 1)[1].split(":", 1)[0])

    bare = sqlite3.connect(path, isolation_level=None)
    bench_ids: list[str] = []

    def bare_insert_select():
        event_id = f"Xbench{len(bench_ids):06d}"
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT INTO events (event_id, interview_id, date, kind, channel, to_interviewer, note) "
                     "VALUES (?, ?, ?, 'employer_response', 'email', NULL, NULL)", (event_id, interview, TODAY))
        bare.execute("COMMIT")
        bench_ids.append(event_id)
        for sql in CANDIDATE_SQL:
            bare.execute(sql, (candidate,)).fetchall()

    def tidy() -> None:
        for event_id in logged:
            session.store.delete_event(event_id)
        session.store.close()

    try:
        ours_log, _ = median_ms(log_one, repeat)
        ref_log, _ = median_ms(bare_insert_select, repeat)
    except BaseException:
        tidy()
        raise
    finally:
        bare.executemany("DELETE FROM events WHERE event_id = ?", [(i,) for i in bench_ids])
        bare.close()
    rows = [("log one event + refresh the agenda", ours_log, ref_log, "sqlite3 INSERT + SELECT", "log", log_one),
            ("open the coaching session", ours_open, ref_open, "sqlite3 connect + SELECT", "open", open_session)]
    note = f"candidate {candidate} ({len(session.interviews)} interviews); first open (cold) {cold:.0f} ms"
    return rows, note, tidy


def coach_of_about(path: Path, size: int) -> tuple[str, list[str], str]:
    """The coach whose caseload is closest to ``size`` candidates, their candidates, and how they were found.

    When no coach has between half and twice ``size``, every ``n``-th candidate is given
    :data:`BENCH_COACH` (an UPDATE the benchmark undoes at the end).
    """
    with sqlite3.connect(path) as con:
        sizes = con.execute("SELECT coach, count(*) FROM candidates WHERE coach IS NOT NULL "
                            "GROUP BY coach").fetchall()
        near = min(sizes, key=lambda cs: abs(cs[1] - size), default=None)
        if near is not None and size / 2 <= near[1] <= size * 2:
            coach, how = near[0], "the sample's"
        else:
            (total,) = con.execute("SELECT count(*) FROM candidates").fetchone()
            step = max(1, total // size)
            con.execute("UPDATE candidates SET coach = ? WHERE rowid % ? = 0", (BENCH_COACH, step))
            coach, how = BENCH_COACH, "assigned by the benchmark"
        ids = [r[0] for r in con.execute("SELECT candidate_id FROM candidates WHERE coach = ? ORDER BY rowid",
                                         (coach,))]
    return coach, ids, how


def command_ms(args: list[str], repeat: int) -> float:
    """Median wall time of a fresh ``python`` running ``args``, in ms (output discarded)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[1]),
                                                                      os.environ.get("PYTHONPATH")]))}

    def run():
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL, env=env)

    return median_ms(run, repeat)[0]


def bench_caseload(path: Path, repeat: int) -> tuple[list[tuple], str, object]:
    """The caseload's figures for a coach of about :data:`CASELOAD` candidates."""
    with Store(path):
        pass  # an older store is migrated once, before anything is timed
    coach, ids, how = coach_of_about(path, CASELOAD)

    def undo() -> None:
        if how.startswith("assigned"):
            with sqlite3.connect(path) as con:
                con.execute("UPDATE candidates SET coach = NULL WHERE coach = ?", (BENCH_COACH,))

    def open_caseload():
        box, parts = caseload_view(path, coach=coach, today=TODAY)
        parts["controller"].store.close()

    cold, ours_open = cold_and_median_ms(open_caseload, repeat)

    def read_rows():
        with Store(path, readonly=True) as store:
            store.tables(ids)

    ref_open, _ = median_ms(read_rows, repeat)

    _, parts = caseload_view(path, coach=coach, today=TODAY)
    controller = parts["controller"]
    table = controller.table
    # Two prefixes of a name in the caseload: each change is a keystroke (one letter more or less).
    name = str(table["name"].iloc[len(table) // 2]).split()[-1].lower()
    typing = Toggle(parts["search"], name[:2], name[:3])
    ours_key, _ = median_ms(typing, repeat * 2)
    ref_key, _ = median_ms(lambda: matching(table, name[:3], controller.haystack), repeat * 2)

    parts["search"].value = ""
    first, second = table["candidate_id"].iloc[0], table["candidate_id"].iloc[len(table) // 2]
    choosing = Toggle(parts["candidate"], first, second)
    ours_choose, _ = median_ms(choosing, repeat * 2)
    if parts["session"]["session"].candidate_id not in (first, second):
        raise RuntimeError("choosing a candidate did not open their session")

    def bare_select():
        db = sqlite3.connect(path)
        for sql in CANDIDATE_SQL:
            db.execute(sql, (second,)).fetchall()
        db.close()

    ref_choose, _ = median_ms(bare_select, repeat)
    controller.store.close()

    agenda = ["-m", "followup_kit.cli", "agenda", "--db", str(path), "--coach", coach, "--today", TODAY,
              "--format", "csv"]
    reading = ["-c", "import json, sys; from followup_kit.data.store import Store; "
               "Store(sys.argv[1], readonly=True).tables(json.loads(sys.argv[2]))", str(path), json.dumps(ids)]
    ours_agenda = command_ms(agenda, repeat)
    ref_agenda = command_ms(reading, repeat)
    rows = [("caseload: open (coach's rows, facts, plan, table)", ours_open, ref_open,
             "Store.tables(their ids)", "caseload", open_caseload),
            ("caseload: a keystroke in the search box", ours_key, ref_key, "matching() alone", "keystroke", typing),
            ("caseload: choose another candidate", ours_choose, ref_choose, "sqlite3 SELECT of one candidate",
             "choose", choosing),
            ("followup-kit agenda --coach (a command)", ours_agenda, ref_agenda,
             "python -c Store.tables(their ids)", "agenda", None)]
    note = (f"coach {coach!r} ({how}): {len(ids):,} candidates, {len(table):,} in the caseload; "
            f"first open (cold) {cold:.0f} ms")
    return rows, note, undo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="build the stores here once and reuse them")
    parser.add_argument("--small", type=int, default=SMALL, help="candidates of the cohort explorer's store")
    parser.add_argument("--large", type=int, default=LARGE, help="candidates of the coaching session's store")
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (the median is shown)")
    parser.add_argument("--profile", action="store_true",
                        help="profile each step that misses its target and print where its time goes")
    args = parser.parse_args()
    print(machine())
    with ExitStack() as stack:
        if args.keep:
            folder = args.keep
            folder.mkdir(parents=True, exist_ok=True)
        else:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="fk-bench-widgets-")))
        small = store_of(folder, args.small)
        large = store_of(folder, args.large)
        rows = bench_filters(small, args.repeat)
        logger_rows, note, tidy = bench_logger(large, args.repeat)
        stack.callback(tidy)  # the events logged, a profile's too, are deleted at the end
        rows += logger_rows
        caseload_rows, caseload_note, undo = bench_caseload(large, args.repeat)
        stack.callback(undo)
        rows += caseload_rows
        print(f"\nmedian of {args.repeat} runs ({2 * args.repeat} for a filter, a keystroke or a choice: "
              f"both directions); coaching session: {note}; {caseload_note}")
        width = max(len(r[0]) for r in rows) + 2
        print(f"{'step':<{width}}{'ours (ms)':>10}{'reference (ms)':>16}{'ratio':>8}{'target':>10}   reference")
        missed = []
        for label, ours, ref, what, target_key, func in rows:
            if target_key in TARGET_RATIOS:
                target = TARGET_RATIOS[target_key]
                met, said = ours / ref <= target, f"<= {target:g}x"
                verdict = "ok" if met else f"MISSED: {ours / ref:.2f}x"
            else:
                target = TARGETS_MS[target_key]
                met, said = ours <= target, f"<= {target}"
                verdict = "ok" if met else f"MISSED by {ours - target:.0f} ms"
            print(f"{label:<{width}}{ours:>10.1f}{ref:>16.1f}{ours / ref:>8.1f}{said:>10}   {what}; {verdict}")
            if not met and func is not None:
                missed.append((label, func))
        if args.profile:
            for label, func in missed:
                profiled(label, func)


if __name__ == "__main__":
    main()
