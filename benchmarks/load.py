"""Benchmark: a whole cohort opening its dashboards at once against one ``followup-kit serve``.

For each N (10 and 30 by default) a fresh ``followup-kit serve`` is started on a
copy of the demo store, with short kernel culling (``--cull-idle``), and headless
Chromium opens N candidates' dashboards at the same moment, each in its own
browser context from its own signed link (``followup_kit.dashboard.links``).
For every page the time from navigation to its first plot (the timeline's
``<img src="data:image/svg+xml...">``) is recorded, and the page must be a
candidate's view naming one of its own candidate's employers; a page that
shows no plot in time, the refusal, or another view is an error (that no
candidate sees another's data is the test suite's to prove, not this load's). The server's memory is the resident memory of
the Voilà process and all its kernels (psutil): before any page, with all N
open, and then, after every page is closed, until the culling has shut the
kernels down.

Run: ``python benchmarks/load.py [--sizes 10 30] [--cull-idle SECONDS] [--preheat N]``.
It takes a few minutes per N: most of it is waiting for the culling.
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
import time
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM_ARGS, free_port, machine, stop  # noqa: E402

from followup_kit import Store  # noqa: E402
from followup_kit.dashboard.links import make_link, secret_for  # noqa: E402
from followup_kit.dashboard.page import REFUSAL, UNAVAILABLE  # noqa: E402
from followup_kit.data.demo import DEMO_AS_OF, demo_store  # noqa: E402

FIRST_PLOT = "img[src^='data:image/svg+xml']"
MIB = 2**20


def serve(db: Path, cull_idle: int, preheat: int, log: Path) -> tuple[subprocess.Popen, str]:
    """``followup-kit serve`` on a free loopback port, once it answers."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("followup-kit")), "serve", "--db", str(db),
               "--port", str(port), "--as-of", DEMO_AS_OF, "--cull-idle", str(cull_idle),
               "--preheat", str(preheat)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_KIT_")}
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=env,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(base + "voila/static/voila.js", timeout=2).close()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("followup-kit serve did not start:\n" + log.read_text()) from None
            time.sleep(0.3)


def memory(pid: int) -> tuple[float, int]:
    """Resident memory of the server and everything it started, in MiB, and how many kernels run."""
    root = psutil.Process(pid)
    total, kernels = 0, 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
            kernels += any("ipykernel" in part for part in proc.cmdline())
        except psutil.NoSuchProcess:
            continue
    return total / MIB, kernels


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


async def shows_own(page, companies: set[str]) -> str | None:
    """Whether a drawn page is its candidate's view, naming one of their employers; the error if not."""
    from playwright.async_api import Error as PlaywrightError

    try:
        text = await page.inner_text("body", timeout=10_000)
    except PlaywrightError:
        return "the page could not be read"
    if "Your interviews: what to do next" not in text:
        return "the page is not a candidate's view"
    if not any(company in text for company in companies):
        return "the page names none of its candidate's employers"
    return None


async def wave(links: list[tuple[str, set[str]]], pid: int, cull_idle: int,
               timeout_s: float, per_browser: int) -> dict:
    """Open every link at once, measure, close them all, and watch the memory come back.

    Candidates each have a browser of their own: the pages are spread over several Chromium
    processes, ``per_browser`` pages each, so no one browser's limits queue them.
    """
    from playwright.async_api import async_playwright

    idle_mib, _ = memory(pid)
    async with async_playwright() as p:
        browsers = await asyncio.gather(*(
            p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for _ in range(0, len(links), per_browser)))
        try:
            peak = [0.0, 0]

            async def sample() -> None:
                # The most memory while the pages open: a kernel culled or lost meanwhile is not
                # there any more when the slowest page gives up.
                while True:
                    now = memory(pid)
                    if now[0] > peak[0]:
                        peak[:] = now
                    await asyncio.sleep(2)

            sampler = asyncio.ensure_future(sample())
            results = await asyncio.gather(*(open_one(browsers[i // per_browser], url, timeout_s)
                                             for i, (url, _) in enumerate(links)))
            sampler.cancel()
            open_mib, open_kernels = memory(pid)
            if peak[0] > open_mib:
                open_mib, open_kernels = peak
            for i, (took, error, page) in enumerate(results):
                if error is None:
                    results[i] = (took, await shows_own(page, links[i][1]), page)
                await page.context.close()
        finally:
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
        "idle": idle_mib, "open": open_mib, "open_kernels": open_kernels,
        "closed": closed_mib, "closed_kernels": closed_kernels,
        "culled": culled_mib, "culled_kernels": kernels,
        "culled_after": time.monotonic() - closed_at,
    }


def run(n: int, folder: Path, db: Path, candidates: list[tuple[str, set[str]]], args) -> dict:
    secret = secret_for(db)
    process, base = serve(db, args.cull_idle, args.preheat, folder / f"serve-{n}.log")
    try:
        # Let the server (and a preheated pool) settle before the idle memory is read.
        time.sleep(15 if args.preheat else 3)
        links = [(make_link(secret, cid, base), companies) for cid, companies in candidates[:n]]
        return asyncio.run(wave(links, process.pid, args.cull_idle, args.timeout, args.per_browser))
    finally:
        stop(process)


def report(rows: dict[int, dict], args) -> None:
    print(f"one followup-kit serve, --cull-idle {args.cull_idle}, --preheat {args.preheat}, "
          f"{args.per_browser} pages per Chromium; memory is the resident memory of Voila and its "
          f"kernels; load average {os.getloadavg()[0]:.1f} at the end")
    head = (f"{'N':>3}  {'ok':>3}  {'errors':>6}  {'first plot median':>17}  {'worst':>7}  "
            f"{'idle':>8}  {'all open':>14}  {'per page':>8}  {'10 s after closing':>20}  "
            f"{'after culling':>24}")
    print(head)
    for n, r in rows.items():
        times = r["times"]
        median = f"{statistics.median(times):.1f} s" if times else "-"
        worst = f"{max(times):.1f} s" if times else "-"
        per = (r["open"] - r["idle"]) / n
        print(f"{n:>3}  {len(times):>3}  {len(r['errors']):>6}  {median:>17}  {worst:>7}  "
              f"{r['idle']:>6.0f} M  {r['open']:>6.0f} M ({r['open_kernels']:>2} k)  {per:>6.0f} M  "
              f"{r['closed']:>10.0f} M ({r['closed_kernels']:>2} k)  "
              f"{r['culled']:>6.0f} M ({r['culled_kernels']:>2} k) at {r['culled_after']:>4.0f} s")
    for n, r in rows.items():
        for error in sorted(set(r["errors"])):
            print(f"N={n}: {r['errors'].count(error)} x {error}")
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
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = demo_store(folder / "demo.db")
        with Store(db, readonly=True) as store:
            interviews = store.interviews()
        # Each candidate with an interview, and the employers their page names.
        candidates = list(interviews.groupby("candidate_id")["company"].agg(set).items())
        if max(args.sizes) > len(candidates):
            raise SystemExit(f"the demo store has {len(candidates)} candidates")
        rows = {}
        for n in args.sizes:
            rows[n] = run(n, folder, db, candidates, args)
            report({n: rows[n]}, args)
            print(flush=True)
        print("all sizes:")
        report(rows, args)


if __name__ == "__main__":
    main()
