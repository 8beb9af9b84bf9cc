"""Run Voilà as a child, and remove the kernels' IPython folder once it has stopped.

``followup-kit serve`` builds the cohort counts, makes the kernels' private
IPython folder, and then becomes this program (``exec``), so the process that
stays for as long as the dashboards are served holds none of the memory the
counts took::

    python -I supervisor.py FOLDER VOILA-COMMAND...

It uses the standard library only and runs by path, outside the package.
``SIGTERM`` and ``SIGHUP`` are passed on to Voilà, which shuts its kernels down
and stops; a Ctrl-C reaches Voilà from the terminal itself. Whichever way Voilà
ends, the folder is removed and its exit status is this program's.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys


def main(argv: list[str]) -> int:
    """Run ``argv[1:]``, wait for it, remove the folder ``argv[0]``; returns the exit status."""
    folder, *command = argv
    try:
        try:
            voila = subprocess.Popen(command)
        except OSError as exc:
            print(f"followup-kit serve: cannot start {command[0]}: {exc.strerror}", file=sys.stderr)
            return 2
        # Set only now, so that Voilà does not inherit them. A second interrupt sent from here
        # could cut Voilà's shutdown of its kernels short.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, lambda *_: voila.terminate())
        status = voila.wait()
        return status if status >= 0 else 128 - status
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
