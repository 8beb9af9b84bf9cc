"""Benchmark: from navigation to the first rendered plot of a served candidate dashboard.

One standalone Voilà, with the committed ``notebooks/voila.json`` and the
environment ``followup-kit serve`` gives its kernels, serves two notebooks
side by side: the candidate dashboard opened from a signed link, and a
baseline notebook of one cell that shows one tiny image in a widget (what
any served page costs: a kernel, the page's scripts, the widget manager).
Headless Chromium opens each ``--runs`` times, alternating, and the time from
``page.goto`` to the first ``<img src="data:image/...">`` on the page is
recorded. The dashboard's median over the baseline's should stay at 1.5 or
less without preheated kernels.

Run: ``python benchmarks/dashboard.py [--runs N] [--preheat N]``; the README gives
the figures of the last run on a quiet machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CHROMIUM_ARGS, free_port, machine, stop, write_baseline  # noqa: E402

from followup_kit.dashboard.links import make_token, secret_for  # noqa: E402
from followup_kit.dashboard.server import (  # noqa: E402
    CONFIG,
    NOTEBOOK,
    kernel_environment,
    kernel_ipython_dir,
    prepare_counts,
    voila_executable,
)  # noqa: E402
from followup_kit.data.demo import DEMO_AS_OF, demo_store  # noqa: E402

CANDIDATE = "C000135"
#: A picture on the page: the dashboard's timeline, the baseline's dot.
FIRST_PLOT = "img[src^='data:image/']"


def serve(folder: Path, db: Path, preheat: int) -> tuple[subprocess.Popen, str]:
    """Voilà on ``folder`` (both notebooks and voila.json), as ``followup-kit serve`` runs it."""
    port = free_port()
    command = [voila_executable(), ".", "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}"]
    if preheat:
        command += ["--preheat_kernel=True", f"--pool_size={preheat}"]
    env = kernel_environment(db, DEMO_AS_OF, ipython_dir=kernel_ipython_dir(folder))
    process = subprocess.Popen(command, cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "voila/static/voila.js", timeout=2).close()
            return process, base
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("voila did not start") from None
            time.sleep(0.3)


def first_plot(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(FIRST_PLOT, timeout=120_000)
    took = time.perf_counter() - start
    page.close()
    return took


def measure(browser, folder: Path, db: Path, token: str, runs: int, preheat: int) -> None:
    process, base = serve(folder, db, preheat)
    urls = {"dashboard": f"{base}voila/render/candidate_dashboard.ipynb?token={token}",
            "baseline": f"{base}voila/render/baseline.ipynb"}
    settle = 15 if preheat else 1
    try:
        time.sleep(2 * settle)
        times = {name: [] for name in urls}
        for _ in range(runs):
            for name, url in urls.items():
                times[name].append(first_plot(browser, url))
                # Let the pool refill (or the closed page's kernel stop) before the next page.
                time.sleep(settle)
    finally:
        stop(process)
    label = f"preheat {preheat}" if preheat else "no preheat"
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, t in times.items():
        print(f"{label:11} {name:9} median {medians[name]:6.2f} s   runs "
              + " ".join(f"{x:.2f}" for x in t))
    ratio = medians["dashboard"] / medians["baseline"]
    target = "  (target <= 1.5)" if not preheat else ""
    print(f"{label:11} ratio dashboard / baseline: {ratio:.2f}{target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--preheat", type=int, default=2, help="pool size of the preheated run; 0 skips it")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        db = demo_store(folder / "demo.db")
        token = make_token(secret_for(db), CANDIDATE)
        # As `followup-kit serve` does before its first page.
        prepare_counts(db, DEMO_AS_OF)
        shutil.copy(NOTEBOOK, folder / "candidate_dashboard.ipynb")
        shutil.copy(CONFIG, folder / "voila.json")
        write_baseline(folder)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                measure(browser, folder, db, token, args.runs, 0)
                if args.preheat:
                    measure(browser, folder, db, token, args.runs, args.preheat)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
