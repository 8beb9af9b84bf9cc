"""Benchmark: a whole cohort opening its dashboards at once, the server measured apart from the browsers.

For each N (10 and 30 by default) two waves run one after the other, each on a
fresh server:

- the dashboard wave: ``followup-kit serve`` on a copy of the demo store, with
  short kernel culling (``--cull-idle``), and N candidates' dashboards opened at
  the same moment, each from its own signed link (``followup_kit.dashboard.links``);
- the baseline wave: the same Voilà command line, ``voila.json`` and
  environment, started the way ``serve`` starts it (under its supervisor), on
  a folder holding only the one-cell notebook ``benchmarks/dashboard.py``
  compares with (one picture in a widget), opened N times.

Headless Chromium opens every page in a browser context of its own, several
pages to a Chromium process. For every page the time from navigation to its
first picture (the timeline's ``<img src="data:image/svg+xml...">``, the
baseline's dot) is recorded. Voilà's page draws no widget before every widget
model of the page has come from the kernel, so that picture is the page sent
whole. A dashboard page must be a candidate's view naming one of its
candidate's employers; a page that shows no picture in time, the refusal, or
another view is an error (that no candidate sees another's data is the test
suite's to prove, not this load's).

Every half second the benchmark reads each process's CPU time (psutil, user +
system): the server's (the supervisor, Voilà and every kernel, a culled one
included: its last reading is kept) and the browsers' (the Chromium processes
the benchmark started), apart. Over a wave (from the first navigation to the
last page drawn or given up) each sum grows by what that side spent; divided
by N it is a page's cost. The server's memory is the resident memory of Voilà
and its kernels: idle, at the most while the pages open, and after every page
is closed, until the culling has shut the kernels down. The ratios dashboard
/ baseline are the figures to compare from one run to the next.

Run: ``python benchmarks/load.py [--sizes 10 30] [--cull-idle SECONDS] [--preheat N]``.
It takes a few minutes per N: most of it is waiting for the culling. Run it on a
quiet machine; it says so when the load average at the start is above 0.5.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM_ARGS, free_port, machine, stop, write_baseline  # noqa: E402

from followup_kit import Store  # noqa: E402
from followup_kit.dashboard.links import make_link, secret_for  # noqa: E402
from followup_kit.dashboard.page import REFUSAL, UNAVAILABLE  # noqa: E402
from followup_kit.dashboard.server import (  # noqa: E402
    CONFIG,
    NOTEBOOK,
    kernel_environment,
    kernel_ipython_dir,
    supervised,
    voila_command,
)
from followup_kit.data.demo import DEMO_AS_OF, demo_store  # noqa: E402

FIRST_PLOT = "img[src^='data:image/svg+xml']"
MIB = 2**20
#: Seconds between two readings of the processes' CPU time and memory.
EVERY = 0.5
#: Above this load average at the start, the machine is busy with something else.
QUIET = 0.5
WHOLE = ("page whole = from navigation to the page's first picture (Voila draws no widget "
         "before the page's last widget model has come from the kernel)")


def answering(process: subprocess.Popen, base: str, log: Path, what: str) -> None:
    """Wait until the server at ``base`` serves Voilà's scripts."""
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(base + "voila/static/voila.js", timeout=2).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start:\n" + log.read_text()) from None
            time.sleep(0.3)


def serve(db: Path, cull_idle: int, preheat: int, log: Path) -> tuple[subprocess.Popen, str]:
    """``followup-kit serve`` on a free loopback port, once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("followup-kit")), "serve", "--db", str(db),
               "--port", str(port), "--as-of", DEMO_AS_OF, "--cull-idle", str(cull_idle),
               "--preheat", str(preheat)]
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    answering(process, base, log, "followup-kit serve")
    return process, base


def serve_baseline(folder: Path, db: Path, cull_idle: int, preheat: int,
                   log: Path) -> tuple[subprocess.Popen, str]:
    """The baseline notebook served as ``followup-kit serve`` serves the dashboard, once it answers.

    The same command line (``voila_command`` with the same options, its notebook
    swapped for the baseline's), run under the same supervisor from a folder
    holding the baseline and a copy of ``notebooks/voila.json``, with the
    kernels' environment ``serve`` gives them. It needs no link: it reads no token.
    """
    (folder / "voila.json").write_bytes(CONFIG.read_bytes())
    name = write_baseline(folder)
    port = free_port()
    command = voila_command(port=port, preheat=preheat, cull_idle=cull_idle)
    command[command.index(NOTEBOOK.name)] = name
    ipython = kernel_ipython_dir()
    try:
        env = kernel_environment(db, DEMO_AS_OF, ipython_dir=ipython)
        process = subprocess.Popen(supervised(ipython, command), cwd=folder, env=env,
                                   stdout=log.open("w"), stderr=subprocess.STDOUT,
                                   start_new_session=True)
    except BaseException:
        # Once the supervisor runs, it removes the folder when Voilà stops.
        shutil.rmtree(ipython, ignore_errors=True)
        raise
    base = f"http://127.0.0.1:{port}/"
    answering(process, base, log, "the baseline's Voila")
    return process, base


def is_kernel(proc: psutil.Process) -> bool:
    return any("ipykernel" in part for part in proc.cmdline())


def memory(pid: int) -> tuple[float, int]:
    """Resident memory of the server and everything it started, in MiB, and how many kernels run."""
    root = psutil.Process(pid)
    total, kernels = 0, 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
            kernels += is_kernel(proc)
        except psutil.Error:
            continue
    return total / MIB, kernels


class Meter(threading.Thread):
    """Reads, every ``EVERY`` seconds, the CPU time of the server's and the browsers' processes.

    Each process's last reading is kept after it has gone (a culled kernel's
    time would be lost with it otherwise), keyed by pid and start time so a pid
    used again is another process. The server is ``server_pid`` and all it
    started; the browsers are the Chromium processes this benchmark started.
    Between :meth:`begin` and :meth:`end` it also keeps the server's most
    resident memory.
    """

    def __init__(self, server_pid: int) -> None:
        super().__init__(daemon=True)
        self.server = psutil.Process(server_pid)
        self.me = psutil.Process()
        self.cpu: dict[tuple[int, float], tuple[str, float]] = {}
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.peak: tuple[float, int] = (0.0, 0)
        self.started: dict[tuple[int, float], tuple[str, float]] = {}

    def read(self) -> None:
        try:
            server = [self.server, *self.server.children(recursive=True)]
        except psutil.Error:
            server = []
        ours = {proc.pid for proc in server}
        browsers = []
        for proc in self.me.children(recursive=True):
            try:
                if proc.pid not in ours and "chrom" in proc.name().lower():
                    browsers.append(proc)
            except psutil.Error:
                continue
        rss, kernels, seen = 0, 0, {}
        for side, procs in (("server", server), ("browsers", browsers)):
            for proc in procs:
                try:
                    with proc.oneshot():
                        times = proc.cpu_times()
                        key = (proc.pid, proc.create_time())
                        if side == "server":
                            rss += proc.memory_info().rss
                            kernels += is_kernel(proc)
                except psutil.Error:
                    continue
                seen[key] = (side, times.user + times.system)
        with self.lock:
            # A process's CPU time only grows: a reading that finishes late never lowers it.
            for key, (side, seconds) in seen.items():
                self.cpu[key] = (side, max(seconds, self.cpu.get(key, (side, 0.0))[1]))
            if rss / MIB > self.peak[0]:
                self.peak = (rss / MIB, kernels)

    def run(self) -> None:
        while not self.done.wait(EVERY):
            self.read()

    def begin(self) -> None:
        """Start a wave: CPU counts from now, and the memory's peak is read afresh."""
        self.read()
        with self.lock:
            self.started = dict(self.cpu)
            self.peak = (0.0, 0)

    def end(self) -> dict:
        """End the wave: each side's CPU seconds since :meth:`begin`, and the server's peak memory."""
        self.read()
        self.done.set()
        with self.lock:
            spent = {"server": 0.0, "browsers": 0.0}
            for key, (side, seconds) in self.cpu.items():
                spent[side] += seconds - self.started.get(key, (side, 0.0))[1]
            return {**spent, "peak": self.peak}


async def open_one(browser, url: str, timeout_s: float) -> tuple:
    """One candidate opens their link: (seconds to the first plot or None, error or None, page)."""
    from playwright.async_api import Error as PlaywrightError

    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    start = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        await page.wait_for_selector(FIRST_PLOT, timeout=timeout_s * 1000)
        took = time.perf_counter() - start
    except PlaywrightError as exc:
        body = ""
        try:
            body = await page.inner_text("body", timeout=2000)
        except PlaywrightError:
            pass
        first_line = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        said = "refused" if REFUSAL in body else "unavailable" if UNAVAILABLE in body else \
            f"no plot: {type(exc).__name__}: {first_line}"
        return None, said, page
    return took, None, page


async def shows_own(page, companies: set[str] | None) -> str | None:
    """Whether a drawn page is what its link opens, the error if not.

    A dashboard (``companies`` given) must be its candidate's view naming one
    of their employers; a baseline page must show its dot.
    """
    from playwright.async_api import Error as PlaywrightError

    try:
        if companies is None:
            dots = await page.locator("img[alt='a dot']").count()
            return None if dots == 1 else "the page is not the baseline's one picture"
        text = await page.inner_text("body", timeout=10_000)
    except PlaywrightError:
        return "the page could not be read"
    if "Your interviews: what to do next" not in text:
        return "the page is not a candidate's view"
    if not any(company in text for company in companies):
        return "the page names none of its candidate's employers"
    return None


async def wave(links: list[tuple[str, set[str] | None]], pid: int, cull_idle: int,
               timeout_s: float, per_browser: int) -> dict:
    """Open every link at once, measure, close them all, and watch the memory come back.

    Candidates each have a browser of their own: the pages are spread over several Chromium
    processes, ``per_browser`` pages each, so no one browser's limits queue them.
    """
    from playwright.async_api import async_playwright

    idle_mib, _ = memory(pid)
    meter = Meter(pid)
    async with async_playwright() as p:
        browsers = await asyncio.gather(*(
            p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for _ in range(0, len(links), per_browser)))
        try:
            meter.start()
            meter.begin()
            results = await asyncio.gather(*(open_one(browsers[i // per_browser], url, timeout_s)
                                             for i, (url, _) in enumerate(links)))
            spent = meter.end()
            open_mib, open_kernels = memory(pid)
            if spent["peak"][0] > open_mib:
                open_mib, open_kernels = spent["peak"]
            for i, (took, error, page) in enumerate(results):
                if error is None:
                    results[i] = (took, await shows_own(page, links[i][1]), page)
                await page.context.close()
        finally:
            meter.done.set()
            for browser in browsers:
                await browser.close()
    closed_at = time.monotonic()
    await asyncio.sleep(10)
    closed_mib, closed_kernels = memory(pid)
    interval = min(60, max(1, cull_idle // 10))
    deadline = closed_at + cull_idle + 2 * interval + 60
    culled_mib, kernels = closed_mib, closed_kernels
    while kernels and time.monotonic() < deadline:
        await asyncio.sleep(2)
        culled_mib, kernels = memory(pid)
    return {
        "times": [t for t, error, _ in results if t is not None and error is None],
        "errors": [error for _, error, _ in results if error],
        "server_cpu": spent["server"], "browsers_cpu": spent["browsers"],
        "idle": idle_mib, "open": open_mib, "open_kernels": open_kernels,
        "closed": closed_mib, "closed_kernels": closed_kernels,
        "culled": culled_mib, "culled_kernels": kernels,
        "culled_after": time.monotonic() - closed_at,
    }


def run(n: int, page: str, folder: Path, db: Path, candidates: list[tuple[str, set[str]]],
        args) -> dict:
    """One wave of ``n`` pages (``page`` is "dashboard" or "baseline") on a server of its own."""
    log = folder / f"serve-{page}-{n}.log"
    if page == "dashboard":
        process, base = serve(db, args.cull_idle, args.preheat, log)
        secret = secret_for(db)
        links = [(make_link(secret, cid, base), companies) for cid, companies in candidates[:n]]
    else:
        where = folder / f"baseline-{n}"
        where.mkdir()
        process, base = serve_baseline(where, db, args.cull_idle, args.preheat, log)
        links = [(base, None)] * n
    try:
        # Let the server (and a preheated pool) settle before the idle memory is read.
        time.sleep(15 if args.preheat else 3)
        return asyncio.run(wave(links, process.pid, args.cull_idle, args.timeout, args.per_browser))
    finally:
        stop(process)


def figures(r: dict, n: int) -> dict[str, float | None]:
    """The four figures of one wave: CPU seconds a page (server, browsers), MiB a page, seconds."""
    times = r["times"]
    return {"server CPU": r["server_cpu"] / n, "browsers CPU": r["browsers_cpu"] / n,
            "memory": (r["open"] - r["idle"]) / n,
            "median": statistics.median(times) if times else None,
            "worst": max(times) if times else None}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(rows: dict[int, dict[str, dict]], args) -> None:
    print(f"one server per wave, --cull-idle {args.cull_idle}, --preheat {args.preheat}, "
          f"{args.per_browser} pages per Chromium; CPU = user + system seconds over the wave, "
          f"per page; memory is the resident memory of Voila and its kernels; {WHOLE}")
    head = (f"{'page':<9}  {'N':>3}  {'ok':>3}  {'errors':>6}  {'server CPU':>10}  "
            f"{'browsers CPU':>12}  {'idle':>6}  {'all open':>14}  {'per page':>8}  "
            f"{'whole median':>12}  {'worst':>7}  {'10 s after closing':>18}  "
            f"{'after culling':>24}")
    print(head)
    for n, waves in rows.items():
        for page, r in waves.items():
            f = figures(r, n)
            median = f"{f['median']:.1f} s" if f["median"] is not None else "-"
            worst = f"{f['worst']:.1f} s" if f["worst"] is not None else "-"
            print(f"{page:<9}  {n:>3}  {len(r['times']):>3}  {len(r['errors']):>6}  "
                  f"{f['server CPU']:>8.2f} s  {f['browsers CPU']:>10.2f} s  "
                  f"{r['idle']:>4.0f} M  {r['open']:>6.0f} M ({r['open_kernels']:>2} k)  "
                  f"{f['memory']:>6.0f} M  {median:>12}  {worst:>7}  "
                  f"{r['closed']:>8.0f} M ({r['closed_kernels']:>2} k)  "
                  f"{r['culled']:>6.0f} M ({r['culled_kernels']:>2} k) at {r['culled_after']:>4.0f} s")
    for n, waves in rows.items():
        if len(waves) < 2:
            continue
        mine, base = figures(waves["dashboard"], n), figures(waves["baseline"], n)
        parts = []
        for name, label in (("server CPU", "server CPU"), ("browsers CPU", "browsers CPU"),
                            ("memory", "memory per page"), ("median", "page whole median"),
                            ("worst", "worst")):
            a, b = mine[name], base[name]
            parts.append(f"{label} {a / b:.2f}" if a is not None and b else f"{label} -")
        print(f"N={n:<3} ratios dashboard / baseline: " + ", ".join(parts))
    for n, waves in rows.items():
        for page, r in waves.items():
            for error in sorted(set(r["errors"])):
                print(f"{page} N={n}: {r['errors'].count(error)} x {error}")
    print("M = MiB, k = kernels running; 'all open' is the most while the pages opened; "
          "'per page' = (all open - idle) / N")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--cull-idle", type=int, default=120,
                        help="seconds before an idle kernel is shut down (long enough that no "
                             "page is culled before the last one has drawn)")
    parser.add_argument("--preheat", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds a page may take")
    parser.add_argument("--per-browser", type=int, default=5,
                        help="pages per Chromium process (each candidate has their own browser)")
    args = parser.parse_args()
    # Both servers run with the environment serve gives its kernels, and none of the caller's.
    for name in [name for name in os.environ if name.startswith("FOLLOWUP_KIT_")]:
        del os.environ[name]
    print(machine())
    print(f"load average at the start: {load_average()}")
    if os.getloadavg()[0] > QUIET:
        print(f"warning: load average above {QUIET} at the start: the machine is not quiet; "
              "figures are not comparable")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = demo_store(folder / "demo.db")
        with Store(db, readonly=True) as store:
            interviews = store.interviews()
        # Each candidate with an interview, and the employers their page names.
        candidates = list(interviews.groupby("candidate_id")["company"].agg(set).items())
        if max(args.sizes) > len(candidates):
            raise SystemExit(f"the demo store has {len(candidates)} candidates")
        rows: dict[int, dict[str, dict]] = {}
        for n in args.sizes:
            rows[n] = {}
            for page in ("dashboard", "baseline"):
                rows[n][page] = run(n, page, folder, db, candidates, args)
            report({n: rows[n]}, args)
            print(flush=True)
        print("all sizes:")
        report(rows, args)
    print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
