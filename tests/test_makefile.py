"""The Makefile brings what ``make test`` needs, or says how, and keeps the browser tests together.

``make -n`` prints what a target would run without running it. A machine without Chromium is
this one with a ``PATH`` that holds only ``id`` (``make`` and its shell are given by their full
paths); a Python whose venv cannot install pip (Debian's python3 without python3-venv) is this
one with an ``ensurepip`` that fails to import first on its path, and no ``.venv`` yet. The user
who is not root is a real one: ``nobody``, through ``setpriv``, when the suite runs as root.
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
#: How to run a command as someone who is not root: as nobody when this is root, else as is.
NOT_ROOT = ([shutil.which("setpriv"), "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            if os.geteuid() == 0 else [])


@pytest.fixture
def bare():
    """A folder any user can read, for a PATH or a module that the machine lacks."""
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


@pytest.fixture
def no_chromium(bare) -> dict:
    """This environment, on a PATH with ``id`` (make asks it who runs make) and no ``chromium``."""
    (bare / "id").symlink_to(shutil.which("id"))
    return {**os.environ, "PATH": str(bare)}


@pytest.fixture
def no_venv(bare) -> tuple[dict, list[str]]:
    """This environment with an ``ensurepip`` that cannot be imported, and make's options for no .venv."""
    (bare / "ensurepip").mkdir()
    (bare / "ensurepip" / "__init__.py").write_text("raise ImportError('no ensurepip here')\n")
    os.chmod(bare / "ensurepip", 0o755)
    return ({**os.environ, "PYTHONPATH": str(bare)},
            [f"PYTHON={sys.executable}", f"VENV={bare / 'venv'}"])


def make_dry(target: str, env: dict, user: list[str] = (), options: list[str] = ()):
    return subprocess.run([*user, MAKE, "-s", "-n", "-C", str(ROOT), target, *options],
                          capture_output=True, text=True, env=env, timeout=60)


def installs_before(done: subprocess.CompletedProcess, packages: str, step: str) -> bool:
    """Whether a dry run installs Debian's ``packages`` (after apt-get update) before ``step``."""
    lines = done.stdout.splitlines()
    install = next(n for n, line in enumerate(lines)
                   if f"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                      f"{packages} >/dev/null" in line)
    return install < next(n for n, line in enumerate(lines) if step in line)


def told(done: subprocess.CompletedProcess, command: str) -> None:
    """The run stopped before anything ran, with one line naming ``command``."""
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.rstrip().endswith(f"; run: {command}.  Stop."), done.stderr


def test_as_root_without_chromium_make_test_installs_it_before_the_tests(no_chromium):
    if os.geteuid() != 0:
        pytest.skip("installing a package is what root does; this user is told the command instead")
    done = make_dry("test", no_chromium)
    assert done.returncode == 0, done.stderr
    assert installs_before(done, "chromium", "/pytest ")


def test_anyone_else_without_chromium_is_told_the_one_command_before_anything_runs(no_chromium):
    told(make_dry("test", no_chromium, NOT_ROOT), "sudo make chromium")


def test_as_root_without_python3_venv_make_installs_it_before_making_the_venv(no_venv):
    if os.geteuid() != 0:
        pytest.skip("installing a package is what root does; this user is told the command instead")
    env, options = no_venv
    done = make_dry("demo", env, options=options)
    assert done.returncode == 0, done.stderr
    assert installs_before(done, "python3-venv", " -m venv ")


def test_anyone_else_without_python3_venv_is_told_the_one_command(no_venv, no_chromium):
    env, options = no_venv
    told(make_dry("demo", env, NOT_ROOT, options), "sudo make python3-venv")
    # The demo needs no browser; the tests need both, and one command installs them.
    told(make_dry("test", {**env, "PATH": no_chromium["PATH"]}, NOT_ROOT, options),
         "sudo make chromium python3-venv")


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
