"""The Makefile's ``make test``: it brings Chromium or says how, and keeps the browser tests together.

``make -n`` prints what ``make test`` would run without running it. A machine
without Chromium is this one with a ``PATH`` that holds only ``id``: ``make``
itself and its shell are given by their full paths. The user who is not root
is a real one (``nobody``, through ``setpriv``, when the suite runs as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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


def test_make_test_keeps_an_xdist_group_on_one_worker(tmp_path):
    """The Makefile's own pytest options, on six tests of one group and six of none."""
    line = next(line for line in make_dry("test", dict(os.environ)).stdout.splitlines()
                if "/pytest " in line)
    options = line.split("/pytest ", 1)[1].split()
    (tmp_path / "ran").mkdir()
    (tmp_path / "test_grouped.py").write_text(
        "import os\nfrom pathlib import Path\n\nimport pytest\n\n\n"
        "def ran(name):\n"
        "    worker, workers = os.environ['PYTEST_XDIST_WORKER'], os.environ['PYTEST_XDIST_WORKER_COUNT']\n"
        "    (Path(os.environ['RAN']) / name).write_text(f'{worker} of {workers}')\n\n\n"
        "@pytest.mark.xdist_group('browser')\n@pytest.mark.parametrize('n', range(6))\n"
        "def test_grouped(n):\n    ran(f'grouped-{n}')\n\n\n"
        "@pytest.mark.parametrize('n', range(6))\ndef test_free(n):\n    ran(f'free-{n}')\n")
    done = subprocess.run([sys.executable, "-m", "pytest", *options, "-p", "no:cacheprovider", "-q",
                           "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          env={**os.environ, "RAN": str(tmp_path / "ran")})
    assert done.returncode == 0, done.stdout[-2000:]
    ran = {path.name: path.read_text() for path in (tmp_path / "ran").iterdir()}
    assert len(ran) == 12 and {where.split(" of ")[1] for where in ran.values()} == {"2"}, ran
    grouped = {where for name, where in ran.items() if name.startswith("grouped-")}
    assert len(grouped) == 1, ran
