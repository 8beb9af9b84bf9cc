"""Candidates' dashboards: ``link`` makes a signed link, ``serve`` runs the standalone Voilà."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from urllib.parse import urlsplit

from ..dashboard.links import (
    DEFAULT_BASE_URL,
    DEFAULT_DAYS,
    check_days,
    make_link,
    revoke_all,
    secret_for,
)
from ..dashboard.server import (
    NOTEBOOK_DIR,
    kernel_environment,
    kernel_ipython_dir,
    prepare_counts,
    supervised,
    voila_command,
)
from ..errors import FollowupKitError
from .options import day_option, open_store, writable

#: An IPv4 or IPv6 address or a host name: checked before Voilà starts, so a typo is one line.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")


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
    p.add_argument("--cull-idle", type=int, metavar="SECONDS",
                   help="shut a page's kernel down after this many idle seconds (default: "
                        "notebooks/voila.json's 1200)")
    p.set_defaults(func=cmd_serve)


def cmd_link(args: argparse.Namespace) -> int:
    with open_store(args.db, readonly=True):
        pass
    if args.revoke_all:
        if args.candidate:
            raise FollowupKitError("give either --candidate or --revoke-all, not both")
        path = revoke_all(args.db)
        print(f"new secret in {path}: every link made before no longer works; "
              "a running dashboard uses the new secret for the next page opened")
        return 0
    if not args.candidate:
        raise FollowupKitError("give --candidate ID (or --revoke-all)")
    with open_store(args.db, readonly=True) as store:
        if store.candidates(args.candidate).empty:
            raise FollowupKitError(f"--candidate: no candidate '{args.candidate}' in {args.db}")
    parts = urlsplit(args.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", args.base_url):
        raise FollowupKitError(f"--base-url: {args.base_url!r} is not a web address; give the one "
                               "candidates reach, such as https://coach.example.org/")
    # Before the secret: a first link would otherwise write it, and a refused one must write nothing.
    check_days(args.days)
    print(make_link(secret_for(args.db), args.candidate, args.base_url, args.days))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    as_of = str(day_option(args.as_of, "--as-of").astype("datetime64[D]")) if args.as_of else None
    if args.preheat < 0:
        raise FollowupKitError("--preheat: give 0 or more kernels")
    if not 1 <= args.port <= 65535:
        raise FollowupKitError(f"--port: {args.port} is not a port; give one from 1 to 65535")
    if not _HOST.fullmatch(args.host):
        raise FollowupKitError(f"--host: {args.host!r} is not an address; give an IP address such "
                               "as 127.0.0.1 or a host name")
    if args.cull_idle is not None and args.cull_idle < 1:
        raise FollowupKitError("--cull-idle: give 1 second or more")
    # The store is opened once here, so a file that is not a store is one line, not a server
    # whose every page says "try again later".
    with open_store(args.db, readonly=True):
        pass
    if not writable(args.db):
        raise FollowupKitError(
            f"--db: {args.db} is read-only for this user, and serve keeps the cohort counts its pages "
            "read in the store: make the file and its folder writable, or serve a copy "
            "(followup-kit backup)")
    prepare_counts(args.db, as_of, progress=sys.stderr.isatty())
    command = voila_command(port=args.port, host=args.host, preheat=args.preheat,
                            cull_idle=args.cull_idle)
    folder = kernel_ipython_dir()
    try:
        env = kernel_environment(args.db, as_of, ipython_dir=folder)
        print(f"serving candidates' dashboards on http://{args.host}:{args.port}/ "
              "(Ctrl-C stops); make links with 'followup-kit link'", flush=True)
        sys.stderr.flush()
        os.chdir(NOTEBOOK_DIR)
        server = supervised(folder, command)
        os.execve(server[0], server, env)
    except BaseException:
        # Only the supervisor removes the folder once it runs; until then, this process does.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return 0
