"""The mail benchmark runs end to end on a small mbox, and its reader finds every message it wrote."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_mail_benchmark_runs_small_and_reads_back_every_message():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "mail.py"), "--messages", "400"],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("machine: ")
    assert "mbox: 400 messages (200 about the candidate's interviews)" in out
    assert re.search(r"read_sources alone +[\d.]+ s +ratio +[\d.]+ +peak +\d+ MB +400 messages, 0 unreadable", out)
    assert re.search(r"read_sources \+ Found.headers\(\) of each .* 400 messages, 0 unreadable", out)
    assert re.search(r"^the scan ", out, re.MULTILINE)
