"""What every benchmark prints the same way: the machine, and a timed step."""

from __future__ import annotations

import base64
import json
import os
import platform
import signal
import socket
import subprocess
import time
import tracemalloc

#: Headless Chromium's flags for the browser benchmarks: nothing fetched, no sandbox or GPU.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

#: The one-cell notebook a served dashboard is compared with: one tiny picture (an SVG dot) in a
#: widget, shown the way the dashboard shows its timeline. It is what any served page costs: a
#: kernel, the page's scripts, the widget manager.
BASELINE_NAME = "baseline.ipynb"
DOT = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
                       b'<circle cx="2" cy="2" r="2"/></svg>').decode("ascii")
BASELINE = {
    "cells": [{"cell_type": "code", "execution_count": None, "id": "b0", "metadata": {},
               "outputs": [], "source": [
                   "import ipywidgets as w\n",
                   f"w.HTML('<img src=\"data:image/svg+xml;base64,{DOT}\" alt=\"a dot\">')"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def write_baseline(folder) -> str:
    """Write the baseline notebook into ``folder``; returns its file name."""
    with open(os.path.join(folder, BASELINE_NAME), "w", encoding="utf-8") as handle:
        json.dump(BASELINE, handle)
    return BASELINE_NAME


#: The sample gives each candidate about three interviews.
INTERVIEWS_PER_CANDIDATE = 3


def candidates_for(interviews: int) -> int:
    """How many sample candidates give about ``interviews`` interviews."""
    return max(1, round(interviews / INTERVIEWS_PER_CANDIDATE))


def cpu_model() -> str:
    """The processor's name as /proc/cpuinfo gives it."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> str:
    """One line naming the machine, so a figure can be compared with the next run's."""
    return f"machine: {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu_model()}"


def timed(label: str, func, repeat: int, width: int = 52):
    """Run ``func`` ``repeat`` times; print the best wall time and the peak traced memory of one more run.

    Returns
    -------
    tuple
        (best seconds, the last result of ``func``).
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"{label:<{width}} {best:8.3f} s   peak {peak / 2**20:8.1f} MiB")
    return best, result


def store_write_pragmas(connection) -> None:
    """Give a bare ``sqlite3`` connection the settings the store's own writes run with.

    The store's import turns off SQLite's row-by-row foreign-key lookups and
    CHECK lists (it makes the same checks once over the new rows) and raises
    the page cache; a baseline insert gets the same, so a ratio compares the
    work, not the settings. The numbers come from the store itself.
    """
    from followup_kit.data.store import WRITE_CACHE_KIB

    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("PRAGMA ignore_check_constraints = ON")
    connection.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KIB}")


def free_port() -> int:
    """A loopback port nothing listens on, for a server a benchmark starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """Stop a server started in a session of its own: politely, then its whole group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
