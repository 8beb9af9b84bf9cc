"""Candidates' dashboards: ``link`` makes a signed link, ``serve`` runs the standalone Voilà."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..dashboard.links import DEFAULT_BASE_URL, DEFAULT_DAYS, make_link, revoke_all, secret_for
from ..dashboard.server import NOTEBOOK_DIR, kernel_environment, prepare_counts, voila_command
from ..data.store import Store
from ..errors import FollowupKitError
from .options import day_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("link", help="print the signed link that opens one candidate's dashboard")
    p.add_argument("--db", required=True, help="the store file (its secret is <db>.secret)")
    p.add_argument("--candidate", metavar="ID", help="the candidate the link shows")
    p.add_argument("--days", type=int, default=DEFAULT_DAYS,
                   help=f"how long the link works (default: {DEFAULT_DAYS})")
    p.add_argument("--base-url", metavar="URL", default=DEFAULT_BASE_URL,
                   help=f"where candidates reach the dashboard (default: {DEFAULT_BASE_URL})")
    p.add_argument("--revoke-all", action="store_true",
                   help="rotate the secret: every link made before stops working")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("serve", help="serve candidates' dashboards with standalone Voilà")
    p.add_argument("--db", required=True, help="the store file the dashboards read")
    p.add_argument("--port", type=int, default=8866, help="the port (default: 8866)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1; put a TLS proxy in front)")
    p.add_argument("--preheat", type=int, default=0, metavar="N",
                   help="keep N kernels started ahead of requests (default: 0)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the day the dashboards describe (default: today)")
    p.set_defaults(func=cmd_serve)


def cmd_link(args: argparse.Namespace) -> int:
    if not Path(args.db).is_file():
        raise FollowupKitError(f"{args.db}: no such store; import the data first "
                               "('followup-kit import --db ...')")
    if args.revoke_all:
        if args.candidate:
            raise FollowupKitError("give either --candidate or --revoke-all, not both")
        path = revoke_all(args.db)
        print(f"new secret in {path}: every link made before no longer works; "
              "a running dashboard uses the new secret for the next page opened")
        return 0
    if not args.candidate:
        raise FollowupKitError("give --candidate ID (or --revoke-all)")
    with Store(args.db, readonly=True) as store:
        if store.candidates(args.candidate).empty:
            raise FollowupKitError(f"no candidate '{args.candidate}' in {args.db}")
    print(make_link(secret_for(args.db), args.candidate, args.base_url, args.days))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    as_of = str(day_option(args.as_of, "--as-of").astype("datetime64[D]")) if args.as_of else None
    if args.preheat < 0:
        raise FollowupKitError("--preheat: give 0 or more kernels")
    env = kernel_environment(args.db, as_of)
    prepare_counts(args.db, as_of, progress=True)
    command = voila_command(port=args.port, host=args.host, preheat=args.preheat)
    print(f"serving candidates' dashboards on http://{args.host}:{args.port}/ "
          "(Ctrl-C stops); make links with 'followup-kit link'", flush=True)
    sys.stderr.flush()
    os.chdir(NOTEBOOK_DIR)
    os.execve(command[0], command, env)
    return 0
