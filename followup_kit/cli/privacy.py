"""Subcommands that protect people and their data: forget a candidate, back the store up."""

from __future__ import annotations

import argparse
import sys

from ..data.store import Store
from ..errors import FollowupKitError
from ..stats.cache import cohort_counts, kept_day
from ..words import plural
from .options import about, open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forget", help="delete a candidate and everything about them (the coaches' notes "
                       "and what was read from their mail too), bytes included")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--candidate", metavar="ID", required=True, help="the candidate to forget")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("backup", help="copy the store to a file while it is in use")
    p.add_argument("--db", required=True, help="the store file")
    p.add_argument("--out", metavar="FILE", required=True, help="the copy, e.g. backups/coach-2026-06-01.db")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_backup)


def _confirmed(store: Store, candidate_id: str) -> bool:
    """Whether the person at the terminal says yes to forgetting this candidate."""
    found = store.candidates(candidate_id)
    if found.empty:
        # Nothing to show: forget says there is no such candidate, or cleans up after an earlier one.
        return True
    row = found.iloc[0]
    interviews = len(store.interviews(candidate_id))
    answer = input(f"Forget {row['name']} ({candidate_id}, {plural(interviews, 'interview')}) "
                   "and everything logged about them? "
                   "This cannot be undone. Type yes to go on: ")
    return answer.strip().lower() in ("y", "yes")


def cmd_forget(args: argparse.Namespace) -> int:
    if not args.yes and not sys.stdin.isatty():
        raise FollowupKitError("forgetting a candidate cannot be undone: run it on a terminal to "
                               "confirm, or add --yes")
    with open_store(args.db) as store:
        if not args.yes and not _confirmed(store, args.candidate):
            print("nothing was deleted", file=sys.stderr)
            return 1
        day = kept_day(store)
        try:
            deleted = store.forget(args.candidate)
        except FollowupKitError as exc:
            if str(exc).startswith("no candidate"):
                raise FollowupKitError(f"--candidate: {exc}") from None
            raise
        finally:
            # Forgetting drops the cached count tables. A served page cannot build them (it only
            # reads), so they are built again here, for the day they were kept.
            if day is not None:
                cohort_counts(store, day, progress=sys.stderr.isatty())
    if not any(deleted.values()):
        print(f"{args.candidate} was already forgotten; the store's files are clean of them")
        return 0
    gone = [plural(deleted["interviews"], "interview"), plural(deleted["events"], "event"),
            plural(deleted["notes"], "note")]
    mail = deleted["mail_proposals"] + deleted["mail_decisions"]
    if mail:
        gone.append(f"{plural(mail, 'message')} read from their mail")
    print(f"forgot {args.candidate}: {', '.join(gone[:-1])} and {gone[-1]} "
          "deleted, and the store's files rewritten without them; "
          f"{args.db} records the id and today's date, nothing else")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    with open_store(args.db, readonly=True) as store, about("--out"):
        counts = store.backup(args.out, overwrite=args.force, progress=sys.stderr.isatty())
    print(f"backed up {args.db} to {args.out} ({counts['candidates']:,} candidates, "
          f"{counts['interviews']:,} interviews, {counts['events']:,} events, {counts['notes']:,} notes)")
    return 0
