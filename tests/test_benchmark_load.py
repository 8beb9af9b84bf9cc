"""The load benchmark runs end to end on two pages, and measures the dashboard beside the baseline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROOT = Path(__file__).resolve().parent.parent
SECONDS = r"\d+\.\d+ s"


def test_the_load_benchmark_measures_two_dashboards_beside_two_baseline_pages():
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_KIT_")}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "load.py"), "--sizes", "2",
                           "--cull-idle", "20", "--timeout", "120"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("machine: ")
    assert re.search(r"^load average at the start: [\d.]+ [\d.]+ [\d.]+$", out, re.MULTILINE)
    assert re.search(r"^load average at the end: [\d.]+ [\d.]+ [\d.]+$", out, re.MULTILINE)
    assert "page whole = from navigation to the page's first picture" in out
    # Each wave: every page drawn, its server's and its browsers' CPU a page, its memory a page.
    for page in ("dashboard", "baseline"):
        row = re.search(rf"^{page} +2 +2 +0 +({SECONDS}) +({SECONDS}) +\d+ M +\d+ M \( ?2 k\) +"
                        rf"(-?\d+) M +({SECONDS}) +({SECONDS}) ", out, re.MULTILINE)
        assert row, out
        server_cpu = float(row.group(1).split()[0])
        assert server_cpu > 0, out
        assert int(row.group(3)) > 0, out
    ratios = re.findall(r"^N=2 +ratios dashboard / baseline: server CPU (\d+\.\d+), "
                        r"browsers CPU (\d+\.\d+), memory per page (\d+\.\d+), "
                        r"page whole median (\d+\.\d+), worst (\d+\.\d+)$", out, re.MULTILINE)
    # Once after the size, once in the summary of all sizes.
    assert len(ratios) == 2, out
    # The dashboard holds more than a page showing one picture; the figure is not a constant.
    assert float(ratios[0][2]) > 1, out
