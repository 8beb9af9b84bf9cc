"""The Makefile's ``make test`` brings Chromium, or says how, before the tests start.

``make -n`` prints what ``make test`` would run without running it. A machine
without Chromium is this one with a ``PATH`` that holds only ``id``: ``make``
itself and its shell are given by their full paths. The user who is not root
is a real one (``nobody``, through ``setpriv``, when the suite runs as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")


@pytest.fixture
def no_chromium_path():
    """A PATH with ``id`` (the Makefile asks it who runs make) and no ``chromium``, open to any user."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        (Path(folder) / "id").symlink_to(shutil.which("id"))
        yield folder


def make_dry(target: str, env: dict, user: list[str] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*user, MAKE, "-s", "-n", "-C", str(ROOT), target], capture_output=True,
                          text=True, env=env, timeout=60)


def test_as_root_without_chromium_make_test_installs_debians_package_before_the_tests(no_chromium_path):
    if os.geteuid() != 0:
        pytest.skip("installing a package is what root does; this user is told the command instead")
    env = {**os.environ, "PATH": no_chromium_path}
    done = make_dry("test", env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    install = next(n for n, line in enumerate(lines) if "apt-get install -y -qq chromium" in line)
    update = next(n for n, line in enumerate(lines) if line.startswith("apt-get update"))
    tests = next(n for n, line in enumerate(lines) if "/pytest " in line)
    assert update < install < tests


def test_anyone_else_without_chromium_is_told_the_one_command_before_anything_runs(no_chromium_path):
    user = []
    if os.geteuid() == 0:
        # A real unprivileged user, not a pretence of one.
        user = [shutil.which("setpriv"), "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    env = {**os.environ, "PATH": no_chromium_path}
    done = make_dry("test", env, user)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.rstrip().endswith("run: sudo make chromium.  Stop.")
