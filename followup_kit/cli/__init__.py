"""The ``followup-kit`` command line.

Each subcommand lives in a module of this package with a ``register(subparsers)``
function. Errors a user can fix print one line and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from importlib import import_module

from ..errors import FollowupKitError, ValidationError

#: The modules that add subcommands, in the order ``--help`` lists them.
COMMAND_MODULES = ("data", "privacy", "sample", "playbook", "agenda", "coach", "notes", "mail", "letters", "check",
                   "report", "demo", "serve")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose mistakes are one line, like every other error of the command."""

    def error(self, message: str):
        raise FollowupKitError(f"{self.prog}: {message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="followup-kit",
        description="Coach job candidates through the days after an interview.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        import_module(f"{__name__}.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except FollowupKitError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        return args.func(args) or 0
    except ValidationError as exc:
        shown = exc.problems[:10]
        for problem in shown:
            print(problem, file=sys.stderr)
        if len(exc.problems) > len(shown):
            print(f"... and {len(exc.problems) - len(shown)} more problems", file=sys.stderr)
        print("Nothing was imported: fix the file and run the same command again.", file=sys.stderr)
        return 2
    except FollowupKitError as exc:
        print(f"followup-kit {args.command}: {exc}", file=sys.stderr)
        return 2
    except sqlite3.OperationalError as exc:
        print(f"followup-kit {args.command}: the store could not be used ({exc}); "
              "is another program writing to it?", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (head, less) went away: not an error of ours, and nothing to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
