"""The standalone Voilà that serves candidate dashboards, and what its kernels are told.

Only standalone ``voila`` is used: it refuses code sent from the browser,
which the Jupyter server extension does not. Its settings are the committed
``notebooks/voila.json`` (read from the folder Voilà starts in): sources
stripped, tracebacks hidden, no template or theme chosen from the address,
idle kernels culled, only images served as files, and headers that keep the
token out of referrers and limit what the page may load.

``VoilaExecutor.iopub_timeout`` is 300 s: once a cell has replied, Voilà
waits up to that long for its outputs, so a page opened among many others
still gets its widget view (the README's serving section says why). The wait
ends as soon as the kernel is idle.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from ..data.dates import as_day
from ..data.store import Store
from ..errors import FollowupKitError
from ..playbook.business_days import holiday_table
from ..stats.cache import cohort_counts
from .links import (
    AS_OF_ENV,
    DB_ENV,
    HOLIDAYS_ENV,
    SECRET_ENV,
    SECRET_FILE_ENV,
    secret_for,
    secret_path,
)

#: The folder of the dashboard notebook and of the ``voila.json`` beside it.
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOK = NOTEBOOK_DIR / "candidate_dashboard.ipynb"
CONFIG = NOTEBOOK_DIR / "voila.json"


def voila_executable() -> str:
    """The ``voila`` of this Python's environment, else the first on the PATH."""
    beside = Path(sys.executable).with_name("voila")
    if beside.is_file():
        return str(beside)
    found = shutil.which("voila")
    if found is None:
        raise FollowupKitError("voila is not installed here; install followup-kit with its "
                               "dependencies (pip install -e .)")
    return found


def voila_command(notebook: str | Path = NOTEBOOK, *, port: int = 8866, host: str = "127.0.0.1",
                  preheat: int = 0, cull_idle: int | None = None) -> list[str]:
    """The command line that serves ``notebook`` with the committed settings.

    Parameters
    ----------
    notebook : str or Path
        The notebook to serve, inside ``NOTEBOOK_DIR`` (where Voilà starts).
    port, host
        Where to listen.
    preheat : int
        How many kernels to keep started ahead of requests; 0 starts one per page.
    cull_idle : int, optional
        Shut a kernel down after this many idle seconds, checked every tenth of
        that (at most every minute); by default ``voila.json``'s settings.

    Returns
    -------
    list of str
    """
    command = [voila_executable(), str(Path(notebook).resolve().relative_to(NOTEBOOK_DIR)),
               "--no-browser", f"--Voila.ip={host}", f"--port={port}"]
    if preheat > 0:
        command += ["--preheat_kernel=True", f"--pool_size={preheat}"]
    if cull_idle is not None:
        command += [f"--MappingKernelManager.cull_idle_timeout={cull_idle}",
                    f"--MappingKernelManager.cull_interval={min(60, max(1, cull_idle // 10))}"]
    return command


def prepare_counts(db: str | Path, as_of: str | None = None, *, progress: bool = False) -> None:
    """Bring the store's cached count tables up to date for the day the dashboards show.

    Each page reads the patience meter's counts from these tables and never
    builds them itself (its kernel opens the store read-only), so the server
    builds them once before the first page: in seconds for a programme,
    once, instead of in every page view.
    """
    with Store(db) as store:
        cohort_counts(store, as_of, progress=progress)


#: The most years of holidays handed to the kernels; a candidate's older interviews look theirs up.
HOLIDAY_YEARS = 10


def served_holidays(db: str | Path, as_of: str | None = None) -> str:
    """The public holidays of every country in the store, as JSON for the kernels' environment.

    From the year of the first interview (at most ``HOLIDAY_YEARS`` back) to two
    years after the last interview or the day shown (a wait that starts in one
    year can end in the next, and the calendar covers a year past the last
    date it moves), so a page works out its candidate's business days without
    loading the ``holidays`` package.
    """
    year = pd.Timestamp(as_day(as_of)).year
    with Store(db, readonly=True) as store:
        countries = store.countries()
        span = store.interview_years()
    first = max(min(span[0], year) if span else year, year - HOLIDAY_YEARS + 2)
    last = max(span[1] if span else year, year) + 2
    return json.dumps(holiday_table(countries, first, last), separators=(",", ":"))


#: What the dashboard's kernels are configured with: no command history, which thirty kernels
#: writing one history file at once turn into "database is locked" on a candidate's page.
KERNEL_CONFIG = {"HistoryManager": {"enabled": False}}


def kernel_ipython_dir(within: str | Path | None = None) -> Path:
    """A new IPython folder for the kernels of one ``serve``, holding ``KERNEL_CONFIG``.

    ``tempfile.mkdtemp`` makes it, mode 0700, under a random name it creates
    itself: a folder another user made beforehand, where every kernel would
    run the start-up scripts they put in it, is never taken. It holds
    whatever IPython keeps of its own, never a candidate's data. Whoever
    makes it removes it (``serve`` does when Voilà stops: :data:`SUPERVISOR`).

    Parameters
    ----------
    within : str or Path, optional
        The folder to make it in; default the temporary folder (``TMPDIR``).

    Returns
    -------
    Path
    """
    folder = Path(tempfile.mkdtemp(prefix="followup-kit-ipython-", dir=within))
    profile = folder / "profile_default"
    profile.mkdir(mode=0o700)
    (profile / "ipython_kernel_config.json").write_text(json.dumps(KERNEL_CONFIG, indent=1),
                                                         encoding="utf-8")
    return folder


#: The program ``serve`` becomes: Voilà runs as its child, and the kernels' IPython folder goes
#: once Voilà has stopped. Run by path with ``python -I``: it needs the standard library only.
SUPERVISOR = Path(__file__).with_name("supervisor.py")


def supervised(ipython_dir: Path, command: list[str]) -> list[str]:
    """The command line that runs ``command`` under :data:`SUPERVISOR`, which removes ``ipython_dir`` after."""
    return [sys.executable, "-I", str(SUPERVISOR), str(ipython_dir), *command]


def kernel_environment(db: str | Path, as_of: str | None = None, *, ipython_dir: Path) -> dict[str, str]:
    """The environment Voilà and its kernels run with: the store, its secret, the day shown,
    the holidays of the store's countries (:func:`served_holidays`) and the IPython folder
    ``ipython_dir`` (from :func:`kernel_ipython_dir`: its kernels keep no history).

    The secret file is made here when the store has none yet.
    """
    db = Path(db).resolve()
    if not db.is_file():
        raise FollowupKitError(f"{db}: no such store; create one with 'followup-kit init' and "
                               "import the data ('followup-kit import --db ...')")
    env = dict(os.environ)
    if not env.get(SECRET_ENV):
        secret_for(db)
    env[DB_ENV] = str(db)
    env[SECRET_FILE_ENV] = str(secret_path(db))
    if as_of:
        env[AS_OF_ENV] = as_of
    else:
        env.pop(AS_OF_ENV, None)
    env[HOLIDAYS_ENV] = served_holidays(db, as_of)
    env["IPYTHONDIR"] = str(ipython_dir)
    return env
